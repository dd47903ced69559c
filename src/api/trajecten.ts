import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BESTEMMINGEN, DOELGROEPEN, elfproef, EVENT_SOORTEN, NIVEAUS, TOEGESTANE_EVENTS, WOONSITUATIES, type Fase } from '../domain/trajecten.js';
import { CLIENT_SORTERINGEN, haalClient, lijstClienten, maakClient, voegEventToe, WACHTLIJST_SORTERINGEN, wachtlijst, wijzigClient } from '../db/repos/clienten.js';
import { importeer } from '../db/repos/import.js';
import { actorVan, audit, auditRegel } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';
import { gebeurtenisdatum, geboortedatum } from './datums.js';
import { REGELS } from '../domain/toegang.js';

const ZORG_ORGANISATIES = ['centrumgemeente', 'regiogemeente', 'aanbieder'] as const;
const idParams = z.object({ id: z.uuid('geen geldig id') });
const jaNee = z.enum(['true', 'false']).transform((v) => v === 'true');
const limiet = z.coerce.number().int().min(1).max(500).default(50);
const offset = z.coerce.number().int().min(0).default(0);

/**
 * What a client wishes of a home: the three fields matching reads and a corporatie sees, and bijzonderheden (free
 * text for the care workers only; it never reaches a corporatie, see domain/woningen.leesWoonwensen).
 */
export const woonwensenSchema = z.object({
  gemeenten: z.array(z.uuid('Kies een gemeente uit de lijst'), 'Woonwens (gemeenten): kies gemeenten uit de lijst').max(8, 'Kies hoogstens 8 gemeenten').optional(),
  minKamers: z
    .number('Minimaal aantal kamers moet een getal zijn')
    .int('Minimaal aantal kamers moet een geheel getal zijn')
    .min(1, 'Minimaal aantal kamers is minstens 1')
    .max(6, 'Minimaal aantal kamers is hoogstens 6')
    .nullish(),
  toegankelijk: z.boolean('Toegankelijke woning nodig: kies ja of nee').optional(),
  bijzonderheden: z.string('Bijzonderheden moet tekst zijn').trim().max(500, 'Bijzonderheden is te lang (hoogstens 500 tekens)').nullish(),
}, 'Woonwensen ontbreken');

/** A client's own fields as the aanmelding form and the edit form send them; messages name the form's labels. */
const clientVelden = {
  naam: z.string('Naam ontbreekt').trim().min(2, 'Naam is te kort (minstens 2 tekens)').max(200, 'Naam is te lang (hoogstens 200 tekens)'),
  bsn: z
    .string('BSN moet 9 cijfers zijn')
    .trim()
    .regex(/^\d{9}$/, 'BSN moet 9 cijfers zijn')
    .refine(elfproef, 'BSN klopt niet (elfproef): controleer de cijfers')
    .nullish(),
  geboortedatum,
  herkomstgemeenteId: z.uuid('Kies een herkomstgemeente'),
  huidigeGemeenteId: z.uuid('Kies een huidige gemeente').nullish(),
  doelgroep: z.enum(DOELGROEPEN, 'Kies een doelgroep'),
  aanbiederId: z.uuid('Kies een aanbieder uit de lijst').nullish(),
  risicoNotities: z.string().max(4000, 'Risico-notities is te lang (hoogstens 4000 tekens)').nullish(),
  externId: z.string('Extern id moet tekst zijn').trim().min(1, 'Extern id is leeg').max(64, 'Extern id is te lang (hoogstens 64 tekens)').nullish(),
  woonwensen: woonwensenSchema.nullish(),
};

export const nieuweClientSchema = z.object(clientVelden);

/** PATCH: any of the same fields; null clears an optional one. At least one field. */
export const wijzigClientSchema = z
  .object({ ...clientVelden, herkomstgemeenteId: clientVelden.herkomstgemeenteId.optional(), huidigeGemeenteId: z.uuid('Kies een huidige gemeente').optional(), doelgroep: clientVelden.doelgroep.optional(), naam: clientVelden.naam.optional(), geboortedatum: geboortedatum.optional() })
  .refine((w) => Object.values(w).some((x) => x !== undefined), 'Geef minstens één gegeven om te wijzigen');

export const nieuwEventSchema = z.object({
  soort: z.enum(EVENT_SOORTEN),
  datum: gebeurtenisdatum,
  niveau: z.enum(NIVEAUS).nullish(),
  bestemming: z.enum(BESTEMMINGEN).nullish(),
  urgentie: z.number().int().min(0).max(3).nullish(),
  woonsituatie: z.enum(WOONSITUATIES, 'Woonsituatie vóór aanmelding: kies een woonsituatie uit de lijst').nullish().describe('alleen bij een aanmelding: waar de persoon woonde vóór de aanmelding'),
  aanbiederId: z.uuid().nullish(),
  toelichting: z.string().max(2000).nullish(),
});

export const trajectenApi: FastifyPluginAsync<ApiContext> = async (app, { db, versleuteling, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const lezen = { toegang: { soorten: [...ZORG_ORGANISATIES] }, doel: 'toegang_beoordeling' as const };

  r.get(
    '/api/clienten',
    {
      config: { ...lezen, clientgegevens: 'clientlijst' },
      schema: {
        tags: ['trajecten'],
        summary: 'Cliënten binnen het zicht van de eigen organisatie, met afgeleide fase',
        description:
          'Gefilterd, gesorteerd en gepagineerd in de database; `totaal` telt alle treffers. `zoek` vindt een naamfragment (elk woord, vanaf 3 tekens ook een begin van een woord), een exact BSN, het begin van een pseudoniem of een exact extern_id. Sorteren op naam kan niet (versleuteld).',
        querystring: z.object({
          gemeenteId: z.uuid().optional(),
          doelgroep: z.enum(DOELGROEPEN).optional(),
          fase: z.enum(['geen', 'aangemeld', 'beoordeeld', 'geindiceerd', 'in_zorg', 'uitstroomklaar', 'uitgestroomd', 'uitgevallen'] satisfies Fase[]).optional(),
          niveau: z.enum(NIVEAUS).optional(),
          jongeren: jaNee.optional(),
          zoek: z.string().max(100).optional(),
          sorteer: z.enum(CLIENT_SORTERINGEN, `moet een van ${CLIENT_SORTERINGEN.join(', ')} zijn (op naam sorteren kan niet: namen staan versleuteld)`).default('pseudoniem'),
          richting: z.enum(['op', 'af'], 'moet op of af zijn').default('op'),
          limiet,
          offset,
        }),
      },
    },
    async (req) => {
      // a search term may be a name: the log keeps that it was a search, not what was typed; the row itself (with
      // the page's pseudonyms) is written by the statement that reads the page
      const { zoek, ...filters } = req.query;
      const regel = auditRegel(req, zoek ? 'zoeken' : 'lezen', 'clientlijst', null, { filters, ...(zoek ? { zoekterm: 'niet bewaard' } : {}) });
      const resultaat = await lijstClienten(db, actorVan(req), req.query, versleuteling, vandaag(), regel);
      req.auditGeschreven = true;
      return resultaat;
    },
  );

  r.get('/api/clienten/:id', { config: { ...lezen, clientgegevens: 'client' }, schema: { tags: ['trajecten'], summary: 'Eén cliëntdossier met tijdlijn', params: idParams } }, async (req) => {
    // the audit row (toegestaan, or geweigerd when not visible) is written by the statement that reads the client
    const client = await haalClient(db, actorVan(req), req.params.id, versleuteling, vandaag(), auditRegel(req, 'lezen', 'client', req.params.id));
    req.auditGeschreven = true;
    if (!client) throw nietGevonden('Cliënt');
    return { ...client, toegestaneEvents: TOEGESTANE_EVENTS[client.toestand.fase] };
  });

  r.post(
    '/api/clienten',
    {
      config: { toegang: { soorten: [...ZORG_ORGANISATIES], rollen: ['medewerker_toegang'] }, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['trajecten'], summary: 'Nieuwe cliënt registreren (aanmelding volgt als gebeurtenis)', body: nieuweClientSchema },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      const client = await db.transaction(async (tx) => {
        const c = await maakClient(tx, actor, req.body, versleuteling);
        await audit(tx, req, 'aanmaken', 'client', c.id, { pseudoniem: c.pseudoniem });
        return c;
      });
      return reply.code(201).send(client);
    },
  );

  r.patch(
    '/api/clienten/:id',
    {
      config: { toegang: REGELS.clientWijzigen, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: {
        tags: ['trajecten'],
        summary: 'Gegevens en woonwensen van een cliënt wijzigen (alleen de meegegeven velden; null wist een optioneel veld)',
        description: 'Naamindex, client_stand en intervallen worden in dezelfde transactie bijgewerkt. De cliënt moet binnen het zicht van de eigen organisatie blijven (anders 403).',
        params: idParams,
        body: wijzigClientSchema,
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const gewijzigd = await db.transaction(async (tx) => {
        const velden = await wijzigClient(tx, actor, req.params.id, req.body, versleuteling);
        // which fields changed, never their values (a name or BSN does not belong in the log)
        if (velden) await audit(tx, req, 'wijzigen', 'client', req.params.id, { velden });
        return velden;
      });
      if (!gewijzigd) throw nietGevonden('Cliënt');
      const client = await haalClient(db, actor, req.params.id, versleuteling, vandaag());
      return { gewijzigd, client: { ...client!, toegestaneEvents: TOEGESTANE_EVENTS[client!.toestand.fase] } };
    },
  );

  r.post(
    '/api/clienten/:id/events',
    {
      config: { toegang: { soorten: [...ZORG_ORGANISATIES], rollen: ['medewerker_toegang', 'consulent'] }, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['trajecten'], summary: 'Gebeurtenis toevoegen aan het traject', params: idParams, body: nieuwEventSchema },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      // change and audit row commit together: no change without its row
      const resultaat = await db.transaction(async (tx) => {
        const r = await voegEventToe(tx, actor, req.params.id, req.body);
        if (r) await audit(tx, req, 'wijzigen', 'client', req.params.id, { event: req.body.soort, datum: req.body.datum });
        return r;
      });
      if (!resultaat) throw nietGevonden('Cliënt');
      return reply.code(201).send(resultaat);
    },
  );

  r.get(
    '/api/wachtlijsten/:soort',
    {
      config: { ...lezen, clientgegevens: 'wachtlijst' },
      schema: {
        tags: ['wachtlijst'],
        summary: 'Wachtlijst voor instroom (per niveau) of uitstroom (uitstroomklaar, wacht op woning), op prioriteit',
        params: z.object({ soort: z.enum(['instroom', 'uitstroom']) }),
        description: 'Gesorteerd en gepagineerd in de database (`sorteer=prioriteit|urgentie|wachtdagen|pseudoniem|leeftijd`, `richting=op|af`, `limiet`, `offset`); `totaal` en `mediaanWachtdagen` gelden voor de hele lijst. Standaard de prioriteitsvolgorde.',
        querystring: z.object({
          gemeenteId: z.uuid().optional(),
          niveau: z.enum(NIVEAUS).optional(),
          sorteer: z.enum(WACHTLIJST_SORTERINGEN, `moet een van ${WACHTLIJST_SORTERINGEN.join(', ')} zijn`).default('prioriteit'),
          richting: z.enum(['op', 'af'], 'moet op of af zijn').default('op'),
          limiet,
          offset,
        }),
      },
    },
    async (req) => {
      const lijst = await wachtlijst(db, actorVan(req), req.params.soort, req.query, vandaag());
      await audit(db, req, 'lezen', 'wachtlijst', req.params.soort, { aantal: lijst.regels.length, totaal: lijst.totaal, pseudoniemen: lijst.regels.map((r) => r.pseudoniem) });
      return { peildatum: vandaag(), ...lijst };
    },
  );

  r.post(
    '/api/import',
    {
      config: { toegang: REGELS.importeren, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: {
        tags: ['trajecten'],
        summary: 'CSV-import van cliënten en gebeurtenissen (export van de regionale toegang); alles of niets',
        body: z
          .object({ clienten: z.string().max(4_000_000).optional(), gebeurtenissen: z.string().max(4_000_000).optional() })
          .refine((b) => b.clienten || b.gebeurtenissen, 'geef clienten en/of gebeurtenissen als CSV-tekst'),
      },
    },
    async (req) => importeer(db, actorVan(req), versleuteling, req.body),
  );
};
