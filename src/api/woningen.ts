import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  beeindigPlaatsing,
  btDekking,
  haalWoning,
  kandidaten,
  lijstAfspraken,
  lijstBtCapaciteit,
  lijstPlaatsingen,
  lijstWoningen,
  PLAATSING_SORTERINGEN,
  WONING_SORTERINGEN,
  KANDIDAAT_SORTERINGEN,
  maakAfspraak,
  maakPlaatsing,
  maakWoning,
  wijzigAfspraak,
  wijzigWoning,
  zetBtCapaciteit,
} from '../db/repos/woningen.js';
import { HUURCONSTRUCTIE_SOORTEN, WONING_STATUSSEN, WONING_TYPES } from '../domain/woningen.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';
import { filterdatum, gebeurtenisdatum, plandatum } from './datums.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });
const GEMEENTEN = ['centrumgemeente', 'regiogemeente'] as const;
const ALLE = ['centrumgemeente', 'regiogemeente', 'woningcorporatie', 'aanbieder'] as const;
const jaar = z.coerce.number().int('jaar moet een geheel getal zijn').min(2000, 'jaar moet 2000 of later zijn').max(2100, 'jaar moet 2100 of eerder zijn');

const woningVelden = {
  gemeenteId: z.uuid('geen geldige gemeente'),
  adres: z.string().trim().min(3, 'adres is te kort').max(200),
  wijk: z.string().trim().min(1, 'wijk is verplicht').max(100),
  complex: z.string().trim().min(1, 'complex is verplicht').max(200),
  type: z.enum(WONING_TYPES, `type moet een van ${WONING_TYPES.join(', ')} zijn`),
  kamers: z.number().int('kamers moet een geheel getal zijn').min(1, 'een woning heeft minstens 1 kamer').max(20),
  huurCenten: z.number().int('huur in hele centen').min(0, 'huur mag niet negatief zijn').max(1_000_000),
  toegankelijk: z.boolean().optional(),
  beschikbaarPer: gebeurtenisdatum,
  status: z.enum(WONING_STATUSSEN).optional(),
};
const nieuweWoningSchema = z.object(woningVelden);
const woningWijzigingSchema = z
  .object(woningVelden)
  .partial()
  .refine((w) => Object.keys(w).length > 0, 'geef minstens één veld om te wijzigen');

const woningSchema = z.object({
  id: z.string(),
  corporatieId: z.string(),
  gemeenteId: z.string(),
  adres: z.string(),
  wijk: z.string(),
  complex: z.string(),
  type: z.string(),
  kamers: z.number(),
  huurCenten: z.number(),
  toegankelijk: z.boolean(),
  beschikbaarPer: z.string(),
  status: z.string(),
});

const afspraakVelden = {
  aantal: z.number().int('aantal moet een geheel getal zijn').min(0, 'aantal mag niet negatief zijn').max(10_000),
  maxPerComplex: z.number().int().min(1, 'maximum per complex moet minstens 1 zijn').max(1000),
  maxPerWijk: z.number().int().min(1, 'maximum per wijk moet minstens 1 zijn').max(1000),
  begeleiding: z.string().trim().min(3, 'beschrijf de afgesproken begeleiding').max(2000),
};
const nieuweAfspraakSchema = z.object({ jaar: z.number().int().min(2000).max(2100), gemeenteId: z.uuid(), corporatieId: z.uuid(), ...afspraakVelden });
const afspraakWijzigingSchema = z
  .object(afspraakVelden)
  .partial()
  .refine((w) => Object.keys(w).length > 0, 'geef minstens één veld om te wijzigen');

const nieuwePlaatsingSchema = z
  .object({
    woningId: z.uuid('geen geldige woning'),
    clientId: z.uuid('geen geldige cliënt'),
    huurconstructie: z.enum(HUURCONSTRUCTIE_SOORTEN, `huurconstructie moet een van ${HUURCONSTRUCTIE_SOORTEN.join(', ')} zijn`),
    startdatum: gebeurtenisdatum,
    einddatum: plandatum.nullish(),
    omklapdatum: plandatum.nullish(),
    aanbiederId: z.uuid().nullish(),
    voorwaarden: z.record(z.string().max(60), z.string().max(2000)).nullish(),
    contactpersoon: z.string().trim().max(200).nullish(),
    contactTelefoon: z.string().trim().max(40).nullish(),
  })
  .refine((p) => !p.einddatum || p.einddatum >= p.startdatum, { message: 'einddatum ligt vóór de startdatum', path: ['einddatum'] })
  .refine((p) => !p.omklapdatum || p.omklapdatum > p.startdatum, { message: 'omklapdatum moet na de startdatum liggen', path: ['omklapdatum'] });

/**
 * The candidate answer is whitelisted by this schema: the serializer drops every key not listed, so even
 * a later mistake in the repository cannot send a name, BSN or doelgroep to a corporatie.
 */
const kandidaatSchema = z.object({
  pseudoniem: z.string(),
  leeftijdscategorie: z.enum(['18–24', '25+']),
  herkomstgemeenteId: z.string(),
  woonwensen: z.object({ gemeenten: z.array(z.string()), minKamers: z.number().nullable(), toegankelijk: z.boolean() }),
  ondersteuningsniveau: z.string().nullable(),
  wachtdagen: z.number(),
  urgentie: z.number(),
  schuldGeregeld: z.boolean(),
});

export const woningenApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const corporatieSchrijft = { toegang: { soorten: ['woningcorporatie' as const], rollen: ['beheerder' as const, 'consulent' as const] }, doel: 'beheer' as const };

  // ------------------------------------------------------------ woningen
  r.get(
    '/api/woningen',
    {
      config: { toegang: { soorten: [...ALLE] }, doel: 'beheer' },
      schema: {
        tags: ['woningen'],
        summary: 'Woningen: een corporatie ziet haar eigen voorraad, gemeenten en aanbieders die van de regio (zonder cliëntgegevens)',
        querystring: z.object({
          gemeenteId: z.uuid().optional(),
          type: z.enum(WONING_TYPES).optional(),
          status: z.enum(WONING_STATUSSEN).optional(),
          corporatieId: z.uuid().optional(),
          beschikbaarPer: filterdatum.optional(),
          sorteer: z.enum(WONING_SORTERINGEN).default('beschikbaarPer'),
          richting: z.enum(['op', 'af']).default('op'),
          limiet: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ totaal: z.number(), woningen: z.array(woningSchema) }) },
      },
    },
    async (req) => lijstWoningen(db, actorVan(req), req.query),
  );

  r.get(
    '/api/woningen/:id',
    { config: { toegang: { soorten: [...ALLE] }, doel: 'beheer' }, schema: { tags: ['woningen'], summary: 'Eén woning', params: idParams, response: { 200: woningSchema } } },
    async (req) => {
      const w = await haalWoning(db, actorVan(req), req.params.id);
      if (!w) throw nietGevonden('Woning');
      return w;
    },
  );

  r.post(
    '/api/woningen',
    { config: corporatieSchrijft, schema: { tags: ['woningen'], summary: 'Woning registreren (eigen voorraad van de corporatie)', body: nieuweWoningSchema } },
    async (req, reply) => {
      const w = await db.transaction(async (tx) => {
        const w = await maakWoning(tx, actorVan(req), req.body);
        await audit(tx, req, 'aanmaken', 'woning', w.id);
        return w;
      });
      return reply.code(201).send(w);
    },
  );

  r.patch(
    '/api/woningen/:id',
    { config: corporatieSchrijft, schema: { tags: ['woningen'], summary: 'Woning wijzigen, inclusief statusovergang', params: idParams, body: woningWijzigingSchema } },
    async (req) => {
      const { na } = await wijzigWoning(db, actorVan(req), req.params.id, req.body);
      await audit(db, req, 'wijzigen', 'woning', na.id, { velden: Object.keys(req.body) });
      return na;
    },
  );

  // ------------------------------------------------------------ reserveringsafspraken
  r.get(
    '/api/afspraken',
    {
      config: { toegang: { soorten: [...ALLE] }, doel: 'beheer' },
      schema: {
        tags: ['woningen'],
        summary: 'Reserveringsafspraken met live gerealiseerd aantal plaatsingen',
        querystring: z.object({ jaar: jaar.optional(), gemeenteId: z.uuid().optional(), corporatieId: z.uuid().optional() }),
      },
    },
    async (req) => lijstAfspraken(db, actorVan(req), req.query),
  );

  r.post(
    '/api/afspraken',
    {
      config: { toegang: { soorten: [...GEMEENTEN] }, doel: 'beheer' },
      schema: { tags: ['woningen'], summary: 'Reserveringsafspraak vastleggen (gemeente stelt voor, corporatie leest mee)', body: nieuweAfspraakSchema },
    },
    async (req, reply) => {
      const a = await maakAfspraak(db, actorVan(req), req.body);
      await audit(db, req, 'aanmaken', 'reserveringsafspraak', a.id, req.body);
      return reply.code(201).send(a);
    },
  );

  r.patch(
    '/api/afspraken/:id',
    {
      config: { toegang: { soorten: [...GEMEENTEN] }, doel: 'beheer' },
      schema: { tags: ['woningen'], summary: 'Reserveringsafspraak wijzigen', params: idParams, body: afspraakWijzigingSchema },
    },
    async (req) => {
      const { voor, na } = await wijzigAfspraak(db, actorVan(req), req.params.id, req.body);
      await audit(db, req, 'wijzigen', 'reserveringsafspraak', na.id, { voor, wijziging: req.body });
      return na;
    },
  );

  // ------------------------------------------------------------ plaatsingen
  r.get(
    '/api/plaatsingen',
    {
      config: { toegang: { soorten: [...ALLE] }, doel: 'plaatsing_matching', clientgegevens: 'plaatsingen' },
      schema: {
        tags: ['woningen'],
        summary: 'Plaatsingen (cliënt alleen als pseudoniem) met omklap-/proefhuurwaarschuwing',
        description: 'Gefilterd, gesorteerd (`sorteer`, `richting`) en gepagineerd (`limiet`, `offset`) in de database; `totaal` telt alle treffers. Een woningcorporatie ziet "Zorgaanbieder" en de contactpersoon, niet welke aanbieder.',
        querystring: z.object({
          woningId: z.uuid().optional(),
          waarschuwingen: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          lopend: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          sorteer: z.enum(PLAATSING_SORTERINGEN).default('startdatum'),
          richting: z.enum(['op', 'af']).default('af'),
          limiet: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const lijst = await lijstPlaatsingen(
        db,
        actorVan(req),
        { woningId: q.woningId, alleenWaarschuwingen: q.waarschuwingen, alleenLopend: q.lopend, sorteer: q.sorteer, richting: q.richting, limiet: q.limiet, offset: q.offset },
        vandaag(),
      );
      await audit(db, req, 'lezen', 'plaatsingen', null, { pseudoniemen: lijst.plaatsingen.map((p) => p.clientPseudoniem) });
      return lijst;
    },
  );

  r.post(
    '/api/plaatsingen',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'], rollen: ['medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'plaatsing' },
      schema: { tags: ['woningen'], summary: 'Cliënt plaatsen in een woning onder een huurconstructie', body: nieuwePlaatsingSchema },
    },
    async (req, reply) => {
      // placement and audit row commit together
      const p = await db.transaction(async (tx) => {
        const p = await maakPlaatsing(tx, actorVan(req), req.body, vandaag());
        await audit(tx, req, 'aanmaken', 'plaatsing', p.id, { clientId: req.body.clientId, woningId: req.body.woningId, huurconstructie: req.body.huurconstructie });
        return p;
      });
      return reply.code(201).send(p);
    },
  );

  r.post(
    '/api/plaatsingen/:id/beeindigen',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder', 'woningcorporatie'], rollen: ['medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'plaatsing' },
      schema: { tags: ['woningen'], summary: 'Plaatsing beëindigen; de woning komt daarna weer beschikbaar', params: idParams, body: z.object({ einddatum: gebeurtenisdatum }) },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const p = await beeindigPlaatsing(tx, actorVan(req), req.params.id, req.body.einddatum, vandaag());
        await audit(tx, req, 'wijzigen', 'plaatsing', p.id, { einddatum: req.body.einddatum });
        return p;
      }),
  );

  // ------------------------------------------------------------ Beschermd Thuis-capaciteit
  r.get(
    '/api/bt-capaciteit',
    {
      config: { toegang: { soorten: [...ALLE] }, doel: 'beheer' },
      schema: { tags: ['woningen'], summary: 'Beschermd Thuis-plekken per gemeente en aanbieder (plekken vs doel)', querystring: z.object({ jaar: jaar.optional() }) },
    },
    async (req) => lijstBtCapaciteit(db, actorVan(req), req.query.jaar),
  );

  r.get(
    '/api/bt-capaciteit/dekking',
    {
      config: { toegang: { soorten: [...ALLE] }, doel: 'beheer' },
      schema: { tags: ['woningen'], summary: 'Per gemeente: Beschermd Thuis-aanbod in een jaar, en welke regiogemeenten nog geen aanbod hebben', querystring: z.object({ jaar }) },
    },
    async (req) => btDekking(db, actorVan(req), req.query.jaar),
  );

  r.put(
    '/api/bt-capaciteit',
    {
      config: { toegang: { soorten: [...GEMEENTEN] }, doel: 'beheer' },
      schema: {
        tags: ['woningen'],
        summary: 'Capaciteit vastleggen of bijwerken (jaar × gemeente × aanbieder)',
        body: z.object({
          jaar: z.number().int().min(2000).max(2100),
          gemeenteId: z.uuid(),
          aanbiederId: z.uuid(),
          plekken: z.number().int().min(0, 'plekken mag niet negatief zijn').max(10_000),
          doelPlekken: z.number().int().min(0, 'doelPlekken mag niet negatief zijn').max(10_000),
        }),
      },
    },
    async (req) => {
      const c = await zetBtCapaciteit(db, actorVan(req), req.body);
      await audit(db, req, 'wijzigen', 'bt_capaciteit', c.id, req.body);
      return c;
    },
  );

  // ------------------------------------------------------------ kandidaten
  r.get(
    '/api/kandidaten',
    {
      config: { toegang: { soorten: ['woningcorporatie'] }, doel: 'plaatsing_matching', clientgegevens: 'kandidaten' },
      schema: {
        tags: ['woningen'],
        summary: 'Gepseudonimiseerde uitstroomklare kandidaten van de regio, op prioriteit',
        description: 'Op wachtlijstvolgorde, gepagineerd in de database (`limiet`, `offset`); `totaal` telt alle kandidaten.',
        querystring: z.object({
          gemeenteId: z.uuid().optional(),
          sorteer: z.enum(KANDIDAAT_SORTERINGEN).default('volgorde'),
          richting: z.enum(['op', 'af']).default('op'),
          limiet: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ peildatum: z.string(), totaal: z.number(), kandidaten: z.array(kandidaatSchema) }) },
      },
    },
    async (req) => {
      const lijst = await kandidaten(db, actorVan(req), vandaag(), req.query);
      await audit(db, req, 'lezen', 'kandidaten', null, { totaal: lijst.totaal, pseudoniemen: lijst.kandidaten.map((k) => k.pseudoniem) });
      return { peildatum: vandaag(), ...lijst };
    },
  );
};
