import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verify } from '@node-rs/argon2';
import { z } from 'zod';
import { eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { ROLLEN, type Actor } from '../domain/auth.js';
import { toegangsBezwaar, type Toegang } from '../domain/toegang.js';
import { schrijfAudit, type AuditActie } from '../db/repos/audit.js';
import { maakSessie } from '../db/repos/gebruikers.js';
import { SessieCache } from './sessiecache.js';
import { geweigerd } from './fouten.js';

/**
 * Access rules live in route config (`config.toegang`, see domain/toegang) and are enforced here, in one
 * onRequest hook, for every route. The hook runs after routing and reads the matched route's config, never the
 * raw URL (`/%61pi/…` is the same route as `/api/…`). A route without a rule is refused, whoever asks.
 * State-changing calls also need the session's CSRF token in the x-csrf-token header.
 */
export type { Toegang };

declare module 'fastify' {
  interface FastifyContextConfig {
    toegang?: Toegang;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

export const SESSIE_COOKIE = 'doorstroom_sessie';
const SESSIE_UREN = 8;
const LEESMETHODEN = new Set(['GET', 'HEAD', 'OPTIONS']);

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

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

export const authPlugin = fp<{ db: Db; sessieCacheMs?: number }>(async (app, { db, sessieCacheMs }) => {
  const sessies = new SessieCache(db, sessieCacheMs);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

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
    const bezwaar = toegangsBezwaar(toegang, req.actor, schrijft);
    if (bezwaar) return reply.code(403).send({ fout: bezwaar });
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
      // expired sessions are useless and only keep session data around: clear them on the way in
      await db.delete(s.sessies).where(lt(s.sessies.verloopt, new Date()));
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const aangemaakt = await maakSessie(db, { tokenHash: hashToken(token), gebruikerId: gebruiker.id, csrfToken, verloopt: new Date(Date.now() + SESSIE_UREN * 3600_000) });
      if (!aangemaakt) return reply.code(401).send({ fout: 'Onjuist e-mailadres of wachtwoord' });
      reply.setCookie(SESSIE_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: SESSIE_UREN * 3600 });
      return { csrfToken };
    },
  );

  r.post('/api/auth/logout', { config: { toegang: { rollen: [...ROLLEN] } }, schema: { tags: ['auth'], summary: 'Uitloggen' } }, async (req, reply) => {
    const token = req.cookies[SESSIE_COOKIE];
    if (token) {
      await db.delete(s.sessies).where(eq(s.sessies.tokenHash, hashToken(token)));
      // after the delete: a lookup still in flight then cannot put the session back
      sessies.vergeet(hashToken(token));
    }
    reply.clearCookie(SESSIE_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { toegang: { ingelogd: true } }, schema: { tags: ['auth'], summary: 'Ingelogde gebruiker en organisatie' } }, async (req) => {
    const actor = actorVan(req);
    const [rij] = await db
      .select({ naam: s.gebruikers.naam, email: s.gebruikers.email, organisatie: s.organisaties.naam, regio: s.regios.naam })
      .from(s.gebruikers)
      .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
      .innerJoin(s.regios, eq(s.regios.id, s.organisaties.regioId))
      .where(eq(s.gebruikers.id, actor.gebruikerId));
    return { ...actor, ...rij, csrfToken: req.csrfToken };
  });
});
