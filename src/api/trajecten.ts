import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BESTEMMINGEN, DOELGROEPEN, elfproef, EVENT_SOORTEN, NIVEAUS, TOEGESTANE_EVENTS, type Fase } from '../domain/trajecten.js';
import { CLIENT_SORTERINGEN, haalClient, lijstClienten, maakClient, voegEventToe, wachtlijst } from '../db/repos/clienten.js';
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

export const nieuweClientSchema = z.object({
  naam: z.string().trim().min(2, 'naam is te kort').max(200),
  bsn: z
    .string()
    .regex(/^\d{9}$/, 'BSN moet 9 cijfers zijn')
    .refine(elfproef, 'BSN voldoet niet aan de elfproef')
    .nullish(),
  geboortedatum,
  herkomstgemeenteId: z.uuid(),
  huidigeGemeenteId: z.uuid().nullish(),
  doelgroep: z.enum(DOELGROEPEN),
  aanbiederId: z.uuid().nullish(),
  risicoNotities: z.string().max(4000).nullish(),
  woonwensen: z
    .object({ gemeenten: z.array(z.uuid()).max(8).optional(), minKamers: z.number().int().min(1).max(6).optional(), toegankelijk: z.boolean().optional() })
    .nullish(),
});

export const nieuwEventSchema = z.object({
  soort: z.enum(EVENT_SOORTEN),
  datum: gebeurtenisdatum,
  niveau: z.enum(NIVEAUS).nullish(),
  bestemming: z.enum(BESTEMMINGEN).nullish(),
  urgentie: z.number().int().min(0).max(3).nullish(),
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
        description: 'Gepagineerd in de database (`limiet`, `offset`); `totaal` en `mediaanWachtdagen` gelden voor de hele lijst.',
        querystring: z.object({ gemeenteId: z.uuid().optional(), niveau: z.enum(NIVEAUS).optional(), limiet, offset }),
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
