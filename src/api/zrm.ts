import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maakZrm, trekZrmIn, zrmVan } from '../db/repos/zrm.js';
import { MAX_TOELICHTING, MIN_INTREKKINGSREDEN, valideerZrm, ZRM_DOMEINEN } from '../domain/zrm.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden, ongeldig } from './fouten.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });

// The shape only; each score is checked by the domain (valideerZrm), so the message names the domain as the
// form labels it ("Score Financiën moet 1 tot en met 5 zijn") and all faults come back at once.
const zrmBody = z.object({
  datum: z.string({ message: 'Datum ontbreekt' }).describe('JJJJ-MM-DD, binnen de grenzen van een gebeurtenis'),
  scores: z
    .object(Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, z.unknown().optional().describe('1 (acute problematiek) t/m 5 (volledig zelfredzaam), of null: niet van toepassing/onbekend')])))
    .catchall(z.unknown())
    .describe('score per domein; minstens 10 van de 13 gescoord'),
  toelichting: z.unknown().optional().describe(`vrije tekst (max. ${MAX_TOELICHTING} tekens), alleen leesbaar voor medewerker toegang en consulent`),
});

const intrekBody = z.object({
  reden: z.string({ message: 'Reden ontbreekt' }).trim().min(MIN_INTREKKINGSREDEN, `Reden: leg in minstens ${MIN_INTREKKINGSREDEN} tekens uit waarom de beoordeling wordt ingetrokken`).max(500, 'Reden is te lang (max. 500 tekens)'),
});

/**
 * ZRM assessments (ADR 0032). Care organisations only: a woningcorporatie is refused by the route (403), and
 * outside the own sight a client is unknown (404), as for the dossier. Writing: medewerker toegang and consulent.
 */
export const zrmApi: FastifyPluginAsync<ApiContext> = async (app, { db, versleuteling, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const zorg = ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const];
  const schrijvers = { soorten: zorg, rollen: ['medewerker_toegang' as const, 'consulent' as const] };

  r.get(
    '/api/clienten/:id/zrm',
    {
      config: { toegang: { soorten: zorg }, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['zrm'], summary: 'ZRM-beoordelingen van een cliënt (nieuwste eerst) met de uitstroomhint van de laatste geldige', params: idParams },
    },
    async (req) => {
      const overzicht = await zrmVan(db, actorVan(req), req.params.id, versleuteling);
      if (!overzicht) throw nietGevonden('Cliënt');
      await audit(db, req, 'lezen', 'client', req.params.id, { onderdeel: 'zrm' });
      return overzicht;
    },
  );

  r.post(
    '/api/clienten/:id/zrm',
    {
      config: { toegang: schrijvers, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['zrm'], summary: 'ZRM-beoordeling vastleggen namens de eigen organisatie', params: idParams, body: zrmBody },
    },
    async (req, reply) => {
      const check = valideerZrm(req.body, vandaag());
      if (!check.ok) throw ongeldig(check.fouten.map((f) => f.melding).join('; '), check.fouten);
      const rij = await db.transaction((tx) => maakZrm(tx, actorVan(req), req.params.id, check.waarde, versleuteling));
      if (!rij) throw nietGevonden('Cliënt');
      return reply.code(201).send(rij);
    },
  );

  r.post(
    '/api/zrm/:id/intrekken',
    {
      config: { toegang: schrijvers, doel: 'toegang_beoordeling', clientgegevens: 'zrm' },
      schema: { tags: ['zrm'], summary: 'Een verkeerd ingevoerde ZRM-beoordeling intrekken (met reden; ze blijft zichtbaar als ingetrokken)', params: idParams, body: intrekBody },
    },
    async (req) => {
      const rij = await db.transaction((tx) => trekZrmIn(tx, actorVan(req), req.params.id, req.body.reden, versleuteling));
      if (!rij) throw nietGevonden('ZRM-beoordeling');
      return rij;
    },
  );
};
