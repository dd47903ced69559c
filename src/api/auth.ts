import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { ROLLEN, type Actor } from '../domain/auth.js';
import { toegangsBezwaar, type Toegang } from '../domain/toegang.js';
import { auditWaarden, schrijfAudit, type AuditActie, type AuditWie } from '../db/repos/audit.js';
import type { Doel, Herkomst } from '../domain/audit.js';
import { actorVoorEmail, maakSessie as schrijfSessie } from '../db/repos/gebruikers.js';
import { mfaStatus } from '../db/repos/mfa.js';
import { MFA_STAPPEN, mfaVerplicht, stapNaWachtwoord, type MfaStap } from '../domain/mfa.js';
import { SessieCache } from './sessiecache.js';
import { geweigerd } from './fouten.js';

/**
 * Access rules live in route config (`config.toegang`, see domain/toegang) and are enforced here, in one
 * onRequest hook, for every route. The hook runs after routing and reads the matched route's config, never the
 * raw URL (`/%61pi/…` is the same route as `/api/…`). A route without a rule is refused, whoever asks.
 * A half-way session (password right, MFA not done) reaches only routes whose rule lists its step in
 * `mfaStappen`; every other route refuses it with 403 and `mfa: <stap>`.
 * State-changing calls also need the session's CSRF token in the x-csrf-token header.
 */
export type { Toegang };

declare module 'fastify' {
  interface FastifyContextConfig {
    toegang?: Toegang;
    /** verwerkingsactiviteit this route serves; every /api route names one (test/api/audit.test.ts) */
    doel?: Doel;
    /**
     * Set on every route that shows or changes client data: the audit entity its rows name. Such a route writes an
     * audit row on success; a refusal (401, 403, 404) is logged here as `geweigerd` when the handler wrote none.
     */
    clientgegevens?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** an audit row for this request is written (or is part of the statement that read the data) */
    auditGeschreven: boolean;
  }
  interface FastifyInstance {
    /** every route as registered, for the audit coverage tests */
    apiRoutes: RouteOptions[];
  }
  interface FastifyRequest {
    /** null for a complete session */
    mfaStap: MfaStap | null;
  }
  interface FastifyInstance {
    /** resolved sessions of this server; forget a token when its session ends (logout, MFA step done) */
    sessies: SessieCache;
  }
}

export const SESSIE_COOKIE = 'doorstroom_sessie';
const SESSIE_UREN = 8;
/** a half-way session only lives long enough to type a code or scan a QR code */
const MFA_STAP_MINUTEN = 10;
const LEESMETHODEN = new Set(['GET', 'HEAD', 'OPTIONS']);

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

function gelijk(a: string, b: string) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** The authenticated caller; routes behind the auth hook can rely on it being set. */
export function actorVan(req: FastifyRequest): Actor {
  if (!req.actor) throw geweigerd('Niet ingelogd');
  return req.actor;
}

export function herkomstVan(req: FastifyRequest): Herkomst {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, agent: typeof agent === 'string' && agent ? agent : 'onbekend', uitvoerder: null };
}

/** The purpose the route declares; a route that logs without one is a programming error. */
export function doelVan(req: FastifyRequest): Doel {
  const doel = req.routeOptions.config?.doel;
  if (!doel) throw new Error(`Route ${req.method} ${req.routeOptions.url} noemt geen doel (verwerkingsactiviteit) in config.doel`);
  return doel;
}

type AuditDetails = { pseudoniemen?: readonly string[]; pseudoniem?: string | null } & Record<string, unknown>;

/**
 * The audit row for the current caller (AVG: who read or changed which client record), with the route's purpose
 * and the request's origin. Pseudonyms in the details (`pseudoniemen`, `pseudoniem`) go to their own column.
 */
export function auditRegel(req: FastifyRequest, actie: AuditActie, entiteit: string, entiteitId: string | null, details?: AuditDetails) {
  const { pseudoniemen, pseudoniem, ...rest } = details ?? {};
  return auditWaarden(actorVan(req), {
    actie,
    entiteit,
    entiteitId,
    doel: doelVan(req),
    pseudoniemen: [...(pseudoniemen ?? []), ...(pseudoniem ? [pseudoniem] : [])],
    details: Object.keys(rest).length ? rest : null,
  });
}

/** Writes an audit row for the current caller; awaited before the data is returned, so a failed write fails the read. */
export async function audit(db: DbOrTx, req: FastifyRequest, actie: AuditActie, entiteit: string, entiteitId: string | null, details?: AuditDetails) {
  await db.insert(s.auditLog).values(auditRegel(req, actie, entiteit, entiteitId, details));
  req.auditGeschreven = true;
}

const WEIGERINGEN = new Set([401, 403, 404]);

/** A new session (cookie + CSRF token). Called at login and again when the MFA step is done (a new token, so a
 * token seen before the second factor is worth nothing after it). Null if the user is gone or inactive. */
export async function maakSessie(db: DbOrTx, reply: FastifyReply, gebruikerId: string, mfaStap: MfaStap | null) {
  // expired sessions are useless and only keep session data around: clear them on the way in
  await db.delete(s.sessies).where(lt(s.sessies.verloopt, new Date()));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const seconden = mfaStap ? MFA_STAP_MINUTEN * 60 : SESSIE_UREN * 3600;
  const aangemaakt = await schrijfSessie(db, { tokenHash: hashToken(token), gebruikerId, csrfToken, mfaStap, verloopt: new Date(Date.now() + seconden * 1000) });
  if (!aangemaakt) return null;
  reply.setCookie(SESSIE_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: seconden });
  return { csrfToken };
}

export const MFA_MELDING: Record<MfaStap, string> = {
  code: 'Vul eerst de code uit uw authenticator-app (of een herstelcode) in',
  inschrijven: 'Stel eerst tweestapsverificatie in',
};

export const authPlugin = fp<{ db: Db; sessieCacheMs?: number }>(async (app, { db, sessieCacheMs }) => {
  const sessies = new SessieCache(db, sessieCacheMs);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('auditGeschreven', false);
  app.decorateRequest('mfaStap', null);
  app.decorate('sessies', sessies);
  app.decorate('apiRoutes', [] as RouteOptions[]);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) app.apiRoutes.push(route);
  });
  // unknown and inactive accounts are checked against this hash, so a login takes as long whether the address exists or not
  const dummyHash = hash(randomBytes(32).toString('base64url'));

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const toegang = req.routeOptions.config?.toegang;
    if (!toegang) {
      // no route matched: nothing to protect, the not-found handler answers
      if (req.is404) return;
      return reply.code(403).send({ fout: 'Geen toegang: deze route heeft geen toegangsregel' });
    }
    const token = req.cookies[SESSIE_COOKIE];
    if (token) {
      const gevonden = await sessies.zoek(hashToken(token), new Date());
      if (gevonden) {
        req.actor = gevonden.actor;
        req.csrfToken = gevonden.csrf;
        req.mfaStap = gevonden.mfaStap;
      }
    }
    if (toegang.publiek) return;
    if (!req.actor) return reply.code(401).send({ fout: 'Niet ingelogd' });
    const schrijft = !LEESMETHODEN.has(req.method);
    if (schrijft) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.csrfToken || !gelijk(header, req.csrfToken)) {
        return reply.code(403).send({ fout: 'CSRF-token ontbreekt of klopt niet' });
      }
    }
    if (req.mfaStap && !toegang.mfaStappen?.includes(req.mfaStap)) {
      return reply.code(403).send({ fout: MFA_MELDING[req.mfaStap], mfa: req.mfaStap });
    }
    const bezwaar = toegangsBezwaar(toegang, req.actor, schrijft, req.routeOptions.config?.doel);
    if (bezwaar) return reply.code(403).send({ fout: bezwaar });
  });

  // repositories that log for themselves see where the request came from through the actor
  app.addHook('preParsing', async (req) => {
    if (req.actor) req.actor = { ...req.actor, herkomst: herkomstVan(req) };
  });

  // a refused attempt on client data is evidence too: who tried what, from where (NEN 7513 "resultaat")
  app.addHook('onSend', async (req, reply, payload) => {
    const entiteit = req.routeOptions.config?.clientgegevens;
    if (!entiteit || req.auditGeschreven || !WEIGERINGEN.has(reply.statusCode)) return payload;
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = typeof params.id === 'string' ? params.id : typeof params.pseudoniem === 'string' ? params.pseudoniem : null;
    try {
      await schrijfAudit(db, req.actor, {
        actie: LEESMETHODEN.has(req.method) ? 'lezen' : 'wijzigen',
        entiteit,
        entiteitId: id,
        doel: doelVan(req),
        resultaat: 'geweigerd',
        details: { status: reply.statusCode, route: `${req.method} ${req.routeOptions.url}` },
        herkomst: herkomstVan(req),
      });
      req.auditGeschreven = true;
    } catch (err) {
      // the answer is a refusal either way; a lost refusal row must be seen by the operators
      req.log.error({ err }, 'auditregel voor geweigerde poging niet geschreven');
    }
    return payload;
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: {
        toegang: { publiek: true },
        doel: 'beveiliging',
        // per address and account, after body parsing: guessing one account's password is slowed down
        // without one shared office address locking out all its colleagues
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Inloggen met e-mail en wachtwoord',
        body: z.object({ email: z.string().trim().toLowerCase().email('geen geldig e-mailadres').max(200), wachtwoord: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      const [gebruiker] = await db
        .select({ id: s.gebruikers.id, wachtwoordHash: s.gebruikers.wachtwoordHash, actief: s.gebruikers.actief, organisatieId: s.organisaties.id, regioId: s.organisaties.regioId })
        .from(s.gebruikers)
        .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
        .where(eq(s.gebruikers.email, req.body.email));
      // argon2 runs for every attempt: an unknown or inactive account must not answer faster than a wrong password
      const klopt = await verify(gebruiker?.actief ? gebruiker.wachtwoordHash : await dummyHash, req.body.wachtwoord);
      const wie: AuditWie | null = gebruiker ? { gebruikerId: gebruiker.id, organisatieId: gebruiker.organisatieId, regioId: gebruiker.regioId } : null;
      const poging = { actie: 'inloggen' as const, entiteit: 'sessie', doel: 'beveiliging' as const, herkomst: herkomstVan(req) };
      if (!gebruiker || !gebruiker.actief || !klopt) {
        // the address itself is not stored: a mistyped one can be somebody's name
        const reden = !gebruiker ? 'onbekend_account' : !gebruiker.actief ? 'account_inactief' : 'wachtwoord_onjuist';
        await schrijfAudit(db, wie, { ...poging, resultaat: 'geweigerd', details: { reden } });
        return reply.code(401).send({ fout: 'Onjuist e-mailadres of wachtwoord' });
      }
      // MFA: with a second factor the session starts half-way and can do nothing but the code step (src/api/mfa.ts)
      const [actor, status] = await Promise.all([actorVoorEmail(db, req.body.email), mfaStatus(db, gebruiker.id)]);
      const mfa = stapNaWachtwoord(mfaVerplicht(actor), status.ingeschreven);
      const sessie = await maakSessie(db, reply, gebruiker.id, mfa);
      if (!sessie) {
        await schrijfAudit(db, wie, { ...poging, resultaat: 'geweigerd', details: { reden: 'account_gewijzigd' } });
        return reply.code(401).send({ fout: 'Onjuist e-mailadres of wachtwoord' });
      }
      await schrijfAudit(db, wie, { ...poging, details: mfa ? { mfa } : null });
      return { csrfToken: sessie.csrfToken, mfa };
    },
  );

  r.post('/api/auth/logout', { config: { toegang: { rollen: [...ROLLEN], mfaStappen: [...MFA_STAPPEN] }, doel: 'beveiliging' }, schema: { tags: ['auth'], summary: 'Uitloggen' } }, async (req, reply) => {
    const token = req.cookies[SESSIE_COOKIE];
    if (token) {
      await db.delete(s.sessies).where(eq(s.sessies.tokenHash, hashToken(token)));
      // after the delete: a lookup still in flight then cannot put the session back
      sessies.vergeet(hashToken(token));
    }
    await audit(db, req, 'uitloggen', 'sessie', null);
    reply.clearCookie(SESSIE_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { toegang: { ingelogd: true, mfaStappen: [...MFA_STAPPEN] }, doel: 'beveiliging' }, schema: { tags: ['auth'], summary: 'Ingelogde gebruiker en organisatie' } }, async (req) => {
    const actor = actorVan(req);
    const [rij] = await db
      .select({ naam: s.gebruikers.naam, email: s.gebruikers.email, organisatie: s.organisaties.naam, regio: s.regios.naam })
      .from(s.gebruikers)
      .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
      .innerJoin(s.regios, eq(s.regios.id, s.organisaties.regioId))
      .where(eq(s.gebruikers.id, actor.gebruikerId));
    // the caller's own address and browser (actor.herkomst) are for the audit log, not for the answer; a half-way
    // session learns which step is due (the web app shows the code or enrolment screen)
    const { gebruikerId, organisatieId, regioId, soort, rol } = actor;
    return { gebruikerId, organisatieId, regioId, soort, rol, ...rij, csrfToken: req.csrfToken, mfa: req.mfaStap };
  });
});
