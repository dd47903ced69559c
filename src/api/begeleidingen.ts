import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { begeleidingenVanClient, begeleidingRegelsVoorCorporatie, begeleidingVanPlaatsing, evaluatieGehouden, zetBegeleiding } from '../db/repos/begeleidingen.js';
import { BEGELEIDING_DOMEINEN, DOEL_STATUS_LABEL, DOEL_STATUSSEN, EVALUATIE_VOORAF_DAGEN, MAX_UREN_PER_WEEK } from '../domain/begeleiding.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { gebeurtenisdatum } from './datums.js';
import { nietGevonden } from './fouten.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });

// The shape only; every field is checked by the domain (valideerBegeleiding) against the placement's period, so
// each message names the field as the form labels it and all faults come back at once.
const begeleidingBody = z.object({
  aanbiederId: z.unknown().optional().describe('de zorgaanbieder die begeleidt (een aanbieder legt alleen de eigen vast)'),
  urenPerWeek: z.unknown().optional().describe(`uren per week, meer dan 0 en hoogstens ${MAX_UREN_PER_WEEK}, één cijfer achter de komma`),
  van: z.unknown().optional().describe('JJJJ-MM-DD'),
  tot: z.unknown().optional().describe('JJJJ-MM-DD; de corporatie ziet "begeleiding geregeld tot <datum>"'),
  contactpersoon: z.unknown().optional().describe('wie de corporatie belt; de corporatie ziet deze naam'),
  contactTelefoon: z.unknown().optional().describe('telefoonnummer van de contactpersoon; de corporatie ziet het'),
  evaluaties: z.unknown().optional().describe('geplande evaluatiedata (JJJJ-MM-DD) binnen de periode; herinnering vooraf en op de dag'),
  plan: z.unknown().optional().describe('[{domein, doelen: [{omschrijving, status}]}] over de domeinen van GET /api/begeleidingen/domeinen'),
  versie: z.number('Versie moet een getal zijn').int().positive().nullish().describe('bij wijzigen: de versie die u las (anders 409)'),
});

/**
 * Begeleiding per plaatsing (ADR 0035). Reading: the care side of the placement fully, a woningcorporatie only the
 * line "begeleiding geregeld tot <datum>, contact …" for placements in its own homes. Writing: medewerker toegang
 * and consulent of a gemeente or aanbieder (an aanbieder its own begeleiding only). Not visible = 404.
 */
export const begeleidingenApi: FastifyPluginAsync<ApiContext> = async (app, { db, versleuteling, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const zorg = ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const];
  const schrijvers = { soorten: zorg, rollen: ['medewerker_toegang' as const, 'consulent' as const] };

  r.get(
    '/api/begeleidingen/domeinen',
    {
      config: { toegang: { soorten: zorg }, doel: 'plaatsing_matching' },
      schema: { tags: ['begeleiding'], summary: 'De domeinen van levensbrede ondersteuning waarover een plan gaat, en de statussen van een doel' },
    },
    async () => ({
      domeinen: BEGELEIDING_DOMEINEN,
      statussen: DOEL_STATUSSEN.map((code) => ({ code, label: DOEL_STATUS_LABEL[code] })),
      herinneringVoorafDagen: EVALUATIE_VOORAF_DAGEN,
    }),
  );

  r.get(
    '/api/clienten/:id/begeleiding',
    {
      config: { toegang: { soorten: zorg }, doel: 'plaatsing_matching', clientgegevens: 'client' },
      schema: { tags: ['begeleiding'], summary: 'Plaatsingen van een cliënt met hun begeleiding, plan en evaluaties, en wat er ontbreekt', params: idParams },
    },
    async (req) => {
      const uit = await begeleidingenVanClient(db, actorVan(req), req.params.id, versleuteling, vandaag());
      if (!uit) throw nietGevonden('Cliënt');
      req.auditGeschreven = true;
      return uit;
    },
  );

  r.get(
    '/api/plaatsingen/:id/begeleiding',
    {
      config: { toegang: { soorten: [...zorg, 'woningcorporatie'] }, doel: 'plaatsing_matching', clientgegevens: 'plaatsing' },
      schema: {
        tags: ['begeleiding'],
        summary: 'Begeleiding van één plaatsing; een woningcorporatie krijgt alleen "geregeld tot" en de contactpersoon',
        description: 'Voor de zorgkant: `vereist` (de huurconstructie vraagt een begeleidingsafspraak) en `ontbreekt` (wat er nog moet gebeuren, in gewone woorden).',
        params: idParams,
      },
    },
    async (req) => {
      const uit = await begeleidingVanPlaatsing(db, actorVan(req), req.params.id, versleuteling, vandaag());
      if (!uit) throw nietGevonden('Plaatsing');
      req.auditGeschreven = true;
      return uit.soort === 'volledig' ? uit.plaatsing : { plaatsingId: uit.plaatsingId, begeleiding: uit.begeleiding };
    },
  );

  r.get(
    '/api/begeleidingen/regels',
    {
      config: { toegang: { soorten: [...zorg, 'woningcorporatie'] }, doel: 'plaatsing_matching', clientgegevens: 'plaatsingen' },
      schema: {
        tags: ['begeleiding'],
        summary: 'De regel "begeleiding geregeld tot <datum>, contact …" voor een pagina plaatsingen (hoogstens 100)',
        querystring: z.object({
          plaatsing: z.preprocess((v) => (Array.isArray(v) ? v : v == null ? [] : [v]), z.array(z.uuid('Plaatsing: geen geldig id')).min(1, 'Noem minstens één plaatsing').max(100, 'Hoogstens 100 plaatsingen tegelijk')),
        }),
      },
    },
    async (req) => {
      const regels = await begeleidingRegelsVoorCorporatie(db, actorVan(req), req.query.plaatsing);
      await audit(db, req, 'lezen', 'plaatsingen', null, { onderdeel: 'begeleiding', plaatsingen: regels.map((x) => x.plaatsingId) });
      return { regels };
    },
  );

  r.put(
    '/api/plaatsingen/:id/begeleiding',
    {
      config: { toegang: schrijvers, doel: 'plaatsing_matching', clientgegevens: 'plaatsing' },
      schema: { tags: ['begeleiding'], summary: 'Begeleiding van een plaatsing vastleggen of wijzigen (met plan en evaluatiedata)', params: idParams, body: begeleidingBody },
    },
    async (req) => {
      const { versie, ...rest } = req.body;
      const uit = await db.transaction((tx) => zetBegeleiding(tx, actorVan(req), req.params.id, rest, versie ?? null, versleuteling, vandaag()));
      if (!uit) throw nietGevonden('Plaatsing');
      req.auditGeschreven = true;
      return uit;
    },
  );

  r.post(
    '/api/evaluaties/:id/gehouden',
    {
      config: { toegang: schrijvers, doel: 'plaatsing_matching', clientgegevens: 'evaluatie' },
      schema: { tags: ['begeleiding'], summary: 'Een geplande evaluatie als gehouden vastleggen (daarna geen herinneringen meer)', params: idParams, body: z.object({ datum: gebeurtenisdatum }) },
    },
    async (req) => {
      const uit = await db.transaction((tx) => evaluatieGehouden(tx, actorVan(req), req.params.id, req.body.datum, versleuteling, vandaag()));
      if (!uit) throw nietGevonden('Evaluatie');
      req.auditGeschreven = true;
      return uit;
    },
  );
};
