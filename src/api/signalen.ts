import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  OVERLAST_CATEGORIEEN,
  SCHULD_STATUSSEN,
  SIGNAAL_ACTIES,
  SIGNAAL_SOORTEN,
  SIGNAAL_STATUSSEN,
} from '../domain/signalen.js';
import { aantalOngelezen, lijstMeldingen, markeerGelezen } from '../db/repos/meldingen.js';
import { afsprakenVoorRegio, zetAfspraak } from '../db/repos/procesafspraken.js';
import { maakSchuld, schuldenVan, verwijderSchuld, wijzigSchuld } from '../db/repos/schulden.js';
import { haalSignaal, lijstSignalen, maakSignaal, meldbarePlaatsingen, SIGNAAL_SORTERINGEN, voerActieUit } from '../db/repos/signalen.js';
import { actorVan, audit } from './auth.js';
import { pseudoniemenIn } from '../domain/audit.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });
const jaNee = z.enum(['true', 'false']).transform((v) => v === 'true');
const toelichting = z.string().trim().max(2000, 'toelichting is te lang (max. 2000 tekens)');

export const nieuwSignaalSchema = z.object({
  plaatsingId: z.uuid('geen geldige plaatsing'),
  details: z.discriminatedUnion('soort', [
    z.object({
      soort: z.literal('huurachterstand'),
      bedragCenten: z.number().int('bedrag in centen moet een geheel getal zijn').min(1, 'bedrag moet groter dan 0 zijn').max(10_000_000, 'bedrag is onwaarschijnlijk hoog'),
      maanden: z.number().int().min(1, 'minstens 1 maand').max(60, 'maximaal 60 maanden'),
      toelichting: toelichting.nullish(),
    }),
    z.object({ soort: z.literal('overlast'), categorie: z.enum(OVERLAST_CATEGORIEEN, 'categorie moet geluid, vervuiling, agressie of overig zijn'), toelichting: toelichting.nullish() }),
    z.object({ soort: z.literal('zorgmijding'), toelichting: toelichting.nullish() }),
    z.object({ soort: z.literal('overig'), toelichting: toelichting.min(3, 'beschrijf het signaal (minstens 3 tekens)') }),
  ]),
});

export const signaalActieSchema = z.object({
  actie: z.enum(SIGNAAL_ACTIES),
  versie: z.number().int().min(1),
  toelichting: toelichting.nullish(),
});

const schuldSchema = z.object({
  schuldeiser: z.string().trim().min(2, 'schuldeiser is te kort').max(200),
  bedragCenten: z.number().int().min(0).max(100_000_000),
  regeling: z.string().trim().min(2, 'beschrijf de regeling').max(500),
  status: z.enum(SCHULD_STATUSSEN),
});

export interface SignalenOpties extends ApiContext {
  /** the moment deadlines are computed against; tests may fix it */
  klok?: () => Date;
}

export const signalenApi: FastifyPluginAsync<SignalenOpties> = async (app, { db, vandaag, klok = () => new Date() }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const melders = { toegang: { soorten: ['woningcorporatie' as const, 'centrumgemeente' as const, 'regiogemeente' as const] }, doel: 'signaalafhandeling' as const };
  // routes every logged-in member of the region may call; the repositories narrow what each organisation sees
  const signaal = { toegang: { ingelogd: true }, doel: 'signaalafhandeling' as const };
  const zorg = ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const];

  r.get(
    '/api/signalen',
    {
      config: { ...signaal, clientgegevens: 'signaallijst' },
      schema: {
        tags: ['signalen'],
        summary: 'Signalen binnen het zicht van de eigen organisatie (standaard op deadline), per pagina met totaal en aantallen per status',
        querystring: z.object({
          status: z.enum(SIGNAAL_STATUSSEN, 'status moet gemeld, opgepakt, in_behandeling, opgelost of geescaleerd zijn').optional(),
          soort: z.enum(SIGNAAL_SOORTEN, 'soort moet huurachterstand, overlast, zorgmijding of overig zijn').optional(),
          teLaat: jaNee.optional(),
          sorteer: z.enum(SIGNAAL_SORTERINGEN, 'sorteren kan op deadline, aangemaakt, status of soort').default('deadline'),
          richting: z.enum(['op', 'af'], 'richting moet op of af zijn').default('op'),
          limiet: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const resultaat = await lijstSignalen(db, actorVan(req), req.query, klok());
      await audit(db, req, 'lezen', 'signaallijst', null, { filters: req.query, pseudoniemen: [...new Set(resultaat.signalen.map((x) => x.pseudoniem))] });
      return resultaat;
    },
  );

  r.get(
    '/api/signalen/plaatsingen',
    {
      config: { ...melders, clientgegevens: 'plaatsinglijst' },
      schema: {
        tags: ['signalen'],
        summary:
          'Lopende plaatsingen waarop de eigen organisatie een signaal mag melden (pseudoniem, schulden alleen ja/nee), op pseudoniem, per pagina; het totaal staat in de header X-Totaal',
        querystring: z.object({
          zoek: z.string().trim().max(100, 'zoeken: maximaal 100 tekens').optional(),
          limiet: z.coerce.number('limiet moet een getal zijn').int('limiet moet een geheel getal zijn').min(1, 'limiet moet minstens 1 zijn').max(500, 'limiet mag hoogstens 500 zijn').default(200),
          offset: z.coerce.number('offset moet een getal zijn').int('offset moet een geheel getal zijn').min(0, 'offset mag niet negatief zijn').default(0),
        }),
      },
    },
    async (req, reply) => {
      const { totaal, plaatsingen } = await meldbarePlaatsingen(db, actorVan(req), vandaag(), req.query);
      await audit(db, req, 'lezen', 'plaatsinglijst', null, { onderdeel: 'signalen', filters: req.query, pseudoniemen: plaatsingen.map((p) => p.pseudoniem) });
      // the body stays the array the web app reads; the count of every matching placement travels in a header
      void reply.header('x-totaal', String(totaal));
      return plaatsingen;
    },
  );

  r.get('/api/signalen/:id', { config: { ...signaal, clientgegevens: 'signaal' }, schema: { tags: ['signalen'], summary: 'Eén signaal met de tijdlijn van stappen en wat de eigen organisatie nu mag doen', params: idParams } }, async (req) => {
    const signaal = await haalSignaal(db, actorVan(req), req.params.id, klok());
    if (!signaal) throw nietGevonden('Signaal');
    await audit(db, req, 'lezen', 'signaal', signaal.id, { pseudoniem: signaal.pseudoniem });
    return signaal;
  });

  r.post(
    '/api/signalen',
    { config: { ...melders, clientgegevens: 'signaal' }, schema: { tags: ['signalen'], summary: 'Signaal melden bij de verantwoordelijke aanbieder van een plaatsing', body: nieuwSignaalSchema } },
    async (req, reply) => {
      const resultaat = await maakSignaal(db, actorVan(req), req.body, klok());
      if (!resultaat) throw nietGevonden('Plaatsing');
      return reply.code(201).send(await haalSignaal(db, actorVan(req), resultaat.id, klok()));
    },
  );

  r.post(
    '/api/signalen/:id/acties',
    {
      config: { ...signaal, clientgegevens: 'signaal' },
      schema: {
        tags: ['signalen'],
        summary: 'Stap zetten (oppakken, behandelen, oplossen, escaleren, terugleggen); versie = de laatst gelezen versie, anders 409',
        params: idParams,
        body: signaalActieSchema,
      },
    },
    async (req) => {
      const resultaat = await voerActieUit(db, actorVan(req), req.params.id, req.body, klok());
      if (!resultaat) throw nietGevonden('Signaal');
      return haalSignaal(db, actorVan(req), req.params.id, klok());
    },
  );

  r.get('/api/procesafspraken', { config: signaal, schema: { tags: ['signalen'], summary: 'Afgesproken reactie- en oplostermijnen van de eigen regio' } }, async (req) =>
    afsprakenVoorRegio(db, actorVan(req).regioId),
  );

  r.put(
    '/api/procesafspraken/:soort',
    {
      config: { toegang: { soorten: ['centrumgemeente'], rollen: ['beheerder'] }, doel: 'beheer' },
      schema: {
        tags: ['signalen'],
        summary: 'Termijnen voor een signaalsoort vastleggen (beheerder centrumgemeente); geldt voor nieuwe signalen',
        params: z.object({ soort: z.enum(SIGNAAL_SOORTEN) }),
        body: z.object({
          reactieUren: z.number().int().min(1, 'minstens 1 uur').max(24 * 30, 'maximaal 720 uur'),
          oplosDagen: z.number().int().min(1, 'minstens 1 dag').max(365, 'maximaal 365 dagen'),
        }),
      },
    },
    async (req) => db.transaction((tx) => zetAfspraak(tx, actorVan(req), req.params.soort, req.body)),
  );

  // --- inbox -------------------------------------------------------------------------------

  r.get(
    '/api/meldingen',
    {
      // notifications name clients by pseudonym (and address): reading the inbox is a read of client data
      config: { ...signaal, clientgegevens: 'meldingen' },
      schema: {
        tags: ['meldingen'],
        summary: 'Inbox van de eigen organisatie, nieuwste eerst',
        querystring: z.object({ ongelezen: jaNee.optional(), limiet: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      },
    },
    async (req) => {
      const resultaat = await lijstMeldingen(db, actorVan(req), req.query);
      await audit(db, req, 'lezen', 'meldingen', null, { pseudoniemen: pseudoniemenIn(resultaat.meldingen.flatMap((m) => [m.titel, m.tekst])) });
      return resultaat;
    },
  );

  r.get('/api/meldingen/aantal', { config: signaal, schema: { tags: ['meldingen'], summary: 'Aantal ongelezen meldingen (voor de teller in het menu)' } }, async (req) => ({
    ongelezen: await aantalOngelezen(db, actorVan(req)),
  }));

  r.post('/api/meldingen/:id/gelezen', { config: signaal, schema: { tags: ['meldingen'], summary: 'Melding als gelezen markeren', params: idParams } }, async (req) => {
    if (!(await markeerGelezen(db, actorVan(req), req.params.id))) throw nietGevonden('Melding');
    return { ok: true };
  });

  r.post('/api/meldingen/gelezen', { config: signaal, schema: { tags: ['meldingen'], summary: 'Alle meldingen van de eigen organisatie als gelezen markeren' } }, async (req) => ({
    gemarkeerd: await markeerGelezen(db, actorVan(req)),
  }));

  // --- schuldregelingen: details alleen voor zorgpartijen die de cliënt mogen zien --------------

  r.get(
    '/api/clienten/:id/schulden',
    { config: { toegang: { soorten: zorg }, doel: 'plaatsing_matching', clientgegevens: 'client' }, schema: { tags: ['schulden'], summary: 'Oude huurschulden en andere schulden van een cliënt', params: idParams } },
    async (req) => {
      const resultaat = await schuldenVan(db, actorVan(req), req.params.id);
      if (!resultaat) throw nietGevonden('Cliënt');
      await audit(db, req, 'lezen', 'client', req.params.id, { onderdeel: 'schulden' });
      return resultaat;
    },
  );

  r.post(
    '/api/clienten/:id/schulden',
    {
      config: { toegang: { soorten: zorg, rollen: ['medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'client' },
      schema: { tags: ['schulden'], summary: 'Schuld(regeling) vastleggen', params: idParams, body: schuldSchema },
    },
    async (req, reply) => {
      const rij = await db.transaction((tx) => maakSchuld(tx, actorVan(req), req.params.id, req.body));
      if (!rij) throw nietGevonden('Cliënt');
      return reply.code(201).send(rij);
    },
  );

  r.patch(
    '/api/schulden/:id',
    {
      config: { toegang: { soorten: zorg, rollen: ['medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'schuld' },
      schema: {
        tags: ['schulden'],
        summary: 'Schuld(regeling) bijwerken, bijvoorbeeld status naar regeling_getroffen of afgelost',
        params: idParams,
        body: schuldSchema.partial().refine((b) => Object.keys(b).length > 0, 'geef minstens één veld om te wijzigen'),
      },
    },
    async (req) => {
      const rij = await db.transaction((tx) => wijzigSchuld(tx, actorVan(req), req.params.id, req.body));
      if (!rij) throw nietGevonden('Schuld');
      return rij;
    },
  );

  r.delete(
    '/api/schulden/:id',
    { config: { toegang: { soorten: zorg, rollen: ['medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'schuld' }, schema: { tags: ['schulden'], summary: 'Schuld verwijderen (verkeerd ingevoerd)', params: idParams } },
    async (req) => {
      if (!(await db.transaction((tx) => verwijderSchuld(tx, actorVan(req), req.params.id)))) throw nietGevonden('Schuld');
      return { ok: true };
    },
  );
};
