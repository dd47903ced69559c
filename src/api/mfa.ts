import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import * as s from '../db/schema.js';
import { bevestigInschrijving, controleerCode, mfaStatus, startInschrijving, verwijderMfa, vernieuwHerstelcodes, type CodeUitkomst } from '../db/repos/mfa.js';
import { ROLLEN } from '../domain/auth.js';
import { geheimInGroepen, mfaVerplicht, otpauthUri } from '../domain/mfa.js';
import { actorVan, audit, hashToken, maakSessie, SESSIE_COOKIE } from './auth.js';
import type { ApiContext } from './context.js';
import { conflict, geweigerd, ongeldig } from './fouten.js';

/**
 * MFA routes (TOTP + recovery codes); the gate that keeps half-way sessions out of everything else is in
 * auth.ts (`toegang.mfaStappen`). ADR 0015 explains who must use it and why the demo accounts carry a
 * published demo secret.
 */

// per user, not per address: a second factor is guessed per account; 10 a minute like the password step
const codeLimiet = {
  max: 10,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  keyGenerator: (req: FastifyRequest) => `mfa|${req.actor?.gebruikerId ?? req.ip}`,
  // thrown as an error, so the shared error handler answers { fout } like every other refusal
  errorResponseBuilder: () => Object.assign(new Error('Te veel pogingen; wacht een minuut en probeer het opnieuw'), { statusCode: 429 }),
};

const codeVeld = z
  .string({ error: 'Code: vul de 6 cijfers uit de app of een herstelcode in' })
  .trim()
  .min(6, 'Code: vul de 6 cijfers uit de app of een herstelcode in')
  .max(40, 'Code is te lang');

const WEIGERING: Record<Exclude<CodeUitkomst, { ok: true }>['reden'], string> = {
  onjuist: 'Code klopt niet',
  hergebruikt: 'Deze code is al gebruikt; wacht op de volgende code in de app',
  niet_ingeschreven: 'Tweestapsverificatie is niet ingesteld',
};

export async function mfaApi(app: FastifyInstance, ctx: ApiContext) {
  const { db, versleuteling } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The half-way session is spent: a new, complete session replaces it (new cookie and CSRF token). */
  async function voltooiSessie(req: FastifyRequest, reply: FastifyReply, gebruikerId: string) {
    const token = req.cookies[SESSIE_COOKIE];
    if (token) {
      await db.delete(s.sessies).where(and(eq(s.sessies.tokenHash, hashToken(token)), eq(s.sessies.gebruikerId, gebruikerId)));
      app.sessies.vergeet(hashToken(token));
    }
    const sessie = await maakSessie(db, reply, gebruikerId, null);
    if (!sessie) throw geweigerd('Dit account is niet (meer) actief');
    return sessie;
  }

  /** A code from the app or a recovery code, for steps that ask the user to prove they still hold the factor. */
  async function eisCode(req: FastifyRequest, code: string) {
    const actor = actorVan(req);
    const uitkomst = await controleerCode(db, actor.gebruikerId, code, versleuteling, new Date());
    if (!uitkomst.ok) {
      await audit(db, req, 'mfa_mislukt', 'gebruiker', actor.gebruikerId, { reden: uitkomst.reden });
      throw ongeldig(WEIGERING[uitkomst.reden]);
    }
    if (uitkomst.soort === 'herstelcode') await audit(db, req, 'herstelcode_gebruikt', 'gebruiker', actor.gebruikerId, { over: uitkomst.over });
    return uitkomst;
  }

  r.get(
    '/api/auth/mfa',
    { config: { toegang: { mfaStappen: ['inschrijven'], rollen: [...ROLLEN] }, doel: 'beveiliging' }, schema: { tags: ['auth'], summary: 'Status tweestapsverificatie van de ingelogde gebruiker' } },
    async (req) => {
      const actor = actorVan(req);
      return { verplicht: mfaVerplicht(actor), ...(await mfaStatus(db, actor.gebruikerId)), stap: req.mfaStap };
    },
  );

  r.post(
    '/api/auth/mfa',
    {
      config: { toegang: { mfaStappen: ['code'], rollen: [...ROLLEN] }, doel: 'beveiliging', rateLimit: codeLimiet },
      schema: { tags: ['auth'], summary: 'Tweede stap van het inloggen: code uit de app of een herstelcode', body: z.object({ code: codeVeld }) },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      if (req.mfaStap !== 'code') throw conflict('Deze sessie vraagt geen code');
      const uitkomst = await eisCode(req, req.body.code);
      const sessie = await voltooiSessie(req, reply, actor.gebruikerId);
      return { ...sessie, ...(uitkomst.soort === 'herstelcode' ? { herstelcodesOver: uitkomst.over } : {}) };
    },
  );

  r.post(
    '/api/auth/mfa/inschrijven',
    {
      config: { toegang: { mfaStappen: ['inschrijven'], rollen: [...ROLLEN] }, doel: 'beveiliging', rateLimit: codeLimiet },
      schema: {
        tags: ['auth'],
        summary: 'Begin met instellen: nieuw geheim, QR-code (SVG) en otpauth-link',
        description: 'Wie al is ingeschreven, stuurt een geldige code mee (een overgenomen sessie kan zo geen eigen app koppelen).',
        body: z.object({ code: codeVeld.optional() }).optional(),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const status = await mfaStatus(db, actor.gebruikerId);
      if (status.ingeschreven) {
        if (!req.body?.code) throw ongeldig('Code: vul eerst een code uit uw huidige app in om een nieuwe app te koppelen');
        await eisCode(req, req.body.code);
      }
      const [gebruiker] = await db.select({ email: s.gebruikers.email }).from(s.gebruikers).where(eq(s.gebruikers.id, actor.gebruikerId));
      const geheim = await startInschrijving(db, actor.gebruikerId, versleuteling);
      const uri = otpauthUri(geheim, gebruiker!.email);
      // rendered here, without any network: the QR code carries the secret and must not pass a third party
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { geheim: geheimInGroepen(geheim), otpauthUri: uri, qrSvg };
    },
  );

  r.post(
    '/api/auth/mfa/inschrijven/bevestig',
    {
      config: { toegang: { mfaStappen: ['inschrijven'], rollen: [...ROLLEN] }, doel: 'beveiliging', rateLimit: codeLimiet },
      schema: { tags: ['auth'], summary: 'Bevestig het instellen met de eerste code; geeft eenmalig 10 herstelcodes', body: z.object({ code: codeVeld }) },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      const codes = await db.transaction((tx) => bevestigInschrijving(tx, actor.gebruikerId, req.body.code, versleuteling, new Date()));
      if (!codes) {
        await audit(db, req, 'mfa_mislukt', 'gebruiker', actor.gebruikerId, { reden: 'onjuist', bij: 'inschrijven' });
        throw ongeldig('Code klopt niet; controleer of de app het zojuist getoonde geheim gebruikt');
      }
      await audit(db, req, 'mfa_ingeschreven', 'gebruiker', actor.gebruikerId);
      const sessie = req.mfaStap === 'inschrijven' ? await voltooiSessie(req, reply, actor.gebruikerId) : {};
      return { herstelcodes: codes, ...sessie };
    },
  );

  r.post(
    '/api/auth/mfa/herstelcodes',
    {
      config: { toegang: { rollen: [...ROLLEN] }, doel: 'beveiliging', rateLimit: codeLimiet },
      schema: { tags: ['auth'], summary: 'Nieuwe herstelcodes (de oude vervallen); vraagt een code uit de app', body: z.object({ code: codeVeld }) },
    },
    async (req) => {
      const actor = actorVan(req);
      await eisCode(req, req.body.code);
      const codes = await db.transaction((tx) => vernieuwHerstelcodes(tx, actor.gebruikerId));
      await audit(db, req, 'herstelcodes_vernieuwd', 'gebruiker', actor.gebruikerId);
      return { herstelcodes: codes };
    },
  );

  r.delete(
    '/api/auth/mfa',
    {
      config: { toegang: { rollen: [...ROLLEN] }, doel: 'beveiliging', rateLimit: codeLimiet },
      schema: { tags: ['auth'], summary: 'Tweestapsverificatie uitzetten (alleen voor rollen die haar niet verplicht hebben)', body: z.object({ code: codeVeld }) },
    },
    async (req) => {
      const actor = actorVan(req);
      if (mfaVerplicht(actor)) throw geweigerd('Voor uw rol is tweestapsverificatie verplicht; u kunt haar niet uitzetten');
      await eisCode(req, req.body.code);
      await db.transaction((tx) => verwijderMfa(tx, actor.gebruikerId));
      await audit(db, req, 'mfa_uitgezet', 'gebruiker', actor.gebruikerId);
      return { ok: true };
    },
  );
}
