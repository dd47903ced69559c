import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verify } from '@node-rs/argon2';
import { z } from 'zod';
import { eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { ROLLEN, ROL_LABEL, SOORT_LABEL, type Actor, type OrganisatieSoort, type Rol } from '../domain/auth.js';
import { schrijfAudit, type AuditActie } from '../db/repos/audit.js';
import { actorVoorEmail, actorVoorSessie } from '../db/repos/gebruikers.js';
import { mfaStatus } from '../db/repos/mfa.js';
import { MFA_STAPPEN, mfaVerplicht, stapNaWachtwoord, type MfaStap } from '../domain/mfa.js';
import { geweigerd } from './fouten.js';

/**
 * Access rules live in route config and are enforced here, in one onRequest hook, for every /api route:
 * - `publiek: true`: no login needed (login itself, health)
 * - `soorten`: organisation kinds allowed
 * - `rollen`: roles allowed; state-changing methods default to every role except alleen_lezen
 * - `mfaStappen`: the half-way sessions (password right, MFA not done) that may call the route; every other
 *   route refuses them with 403 and `mfa: <stap>`, so nothing but the MFA step itself is reachable
 * State-changing calls also need the session's CSRF token in the x-csrf-token header.
 */
export interface Toegang {
  publiek?: boolean;
  mfaStappen?: MfaStap[];
  soorten?: OrganisatieSoort[];
  rollen?: Rol[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    toegang?: Toegang;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    /** null for a complete session */
    mfaStap: MfaStap | null;
  }
}

export const SESSIE_COOKIE = 'doorstroom_sessie';
const SESSIE_UREN = 8;
/** a half-way session only lives long enough to type a code or scan a QR code */
const MFA_STAP_MINUTEN = 10;
const LEESMETHODEN = new Set(['GET', 'HEAD', 'OPTIONS']);
const SCHRIJFROLLEN_STANDAARD: Rol[] = ROLLEN.filter((r) => r !== 'alleen_lezen');

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

/** Writes an audit row for the current caller (AVG: who read or changed which client record). */
export function audit(db: DbOrTx, req: FastifyRequest, actie: AuditActie, entiteit: string, entiteitId: string | null, details?: unknown) {
  return schrijfAudit(db, actorVan(req), actie, entiteit, entiteitId, details);
}

/** A new session (cookie + CSRF token). Called at login and again when the MFA step is done (a new token, so a
 * token seen before the second factor is worth nothing after it). */
export async function maakSessie(db: DbOrTx, reply: FastifyReply, gebruikerId: string, mfaStap: MfaStap | null) {
  // expired sessions are useless and only keep session data around: clear them on the way in
  await db.delete(s.sessies).where(lt(s.sessies.verloopt, new Date()));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const seconden = mfaStap ? MFA_STAP_MINUTEN * 60 : SESSIE_UREN * 3600;
  await db.insert(s.sessies).values({ tokenHash: hashToken(token), gebruikerId, csrfToken, mfaStap, verloopt: new Date(Date.now() + seconden * 1000) });
  reply.setCookie(SESSIE_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: seconden });
  return { csrfToken };
}

export const MFA_MELDING: Record<MfaStap, string> = {
  code: 'Vul eerst de code uit uw authenticator-app (of een herstelcode) in',
  inschrijven: 'Stel eerst tweestapsverificatie in',
};

export const authPlugin = fp<{ db: Db }>(async (app, { db }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mfaStap', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const toegang = req.routeOptions.config?.toegang ?? {};
    const token = req.cookies[SESSIE_COOKIE];
    if (token) {
      const gevonden = await actorVoorSessie(db, hashToken(token), new Date());
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
    if (toegang.soorten && !toegang.soorten.includes(req.actor.soort)) {
      return reply.code(403).send({ fout: `Geen toegang voor organisatiesoort ${SOORT_LABEL[req.actor.soort]}` });
    }
    const rollen = toegang.rollen ?? (schrijft ? SCHRIJFROLLEN_STANDAARD : undefined);
    if (rollen && !rollen.includes(req.actor.rol)) {
      return reply.code(403).send({ fout: `Geen toegang voor rol ${ROL_LABEL[req.actor.rol]}` });
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: {
        toegang: { publiek: true },
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
      const [gebruiker] = await db.select().from(s.gebruikers).where(eq(s.gebruikers.email, req.body.email));
      const ok = gebruiker?.actief ? await verify(gebruiker.wachtwoordHash, req.body.wachtwoord) : false;
      if (!gebruiker || !ok) return reply.code(401).send({ fout: 'Onjuist e-mailadres of wachtwoord' });
      // MFA: with a second factor the session starts half-way and can do nothing but the code step (src/api/mfa.ts)
      const [actor, status] = await Promise.all([actorVoorEmail(db, gebruiker.email), mfaStatus(db, gebruiker.id)]);
      const mfa = stapNaWachtwoord(mfaVerplicht(actor), status.ingeschreven);
      const { csrfToken } = await maakSessie(db, reply, gebruiker.id, mfa);
      return { csrfToken, mfa };
    },
  );

  r.post('/api/auth/logout', { config: { toegang: { rollen: [...ROLLEN], mfaStappen: [...MFA_STAPPEN] } }, schema: { tags: ['auth'], summary: 'Uitloggen' } }, async (req, reply) => {
    const token = req.cookies[SESSIE_COOKIE];
    if (token) await db.delete(s.sessies).where(eq(s.sessies.tokenHash, hashToken(token)));
    reply.clearCookie(SESSIE_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { toegang: { mfaStappen: [...MFA_STAPPEN] } }, schema: { tags: ['auth'], summary: 'Ingelogde gebruiker en organisatie' } }, async (req) => {
    const actor = actorVan(req);
    const [rij] = await db
      .select({ naam: s.gebruikers.naam, email: s.gebruikers.email, organisatie: s.organisaties.naam, regio: s.regios.naam })
      .from(s.gebruikers)
      .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
      .innerJoin(s.regios, eq(s.regios.id, s.organisaties.regioId))
      .where(eq(s.gebruikers.id, actor.gebruikerId));
    // a half-way session learns who it is and which step is due (the web app shows the code or enrolment screen)
    return { ...actor, ...rij, csrfToken: req.csrfToken, mfa: req.mfaStap };
  });
});
