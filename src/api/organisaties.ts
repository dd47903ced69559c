import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filtertijdstip } from './datums.js';
import { asc, eq } from 'drizzle-orm';
import * as s from '../db/schema.js';
import { AUDIT_SORTEER, clientInRegio, inzageVoorClient, zoekAudit } from '../db/repos/audit.js';
import { AUDIT_ACTIE_LABEL, AUDIT_ACTIES, AUDIT_RESULTATEN, DOELEN, VERWERKINGSACTIVITEITEN } from '../domain/audit.js';
import { ROL_LABEL, type Rol } from '../domain/auth.js';
import { naarCsv } from '../domain/csv-export.js';
import { naarXlsx, wandklok, XLSX_MIME } from '../domain/xlsx-export.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';

/**
 * The audit log is the region's evidence: only the centrumgemeente's beheerder reads it (the whole region, as the
 * centrumgemeente carries the regional BW/MO task), and every look at it is itself logged (doel verantwoording).
 */
const AUDITLEZER = { toegang: { soorten: ['centrumgemeente' as const], rollen: ['beheerder' as const] }, doel: 'verantwoording' as const, clientgegevens: 'auditlog' };
const pseudoniem = z.string().trim().toUpperCase().regex(/^C-[0-9A-Z]{4,12}$/, 'pseudoniem heeft de vorm C-XXXXXX');
const periode = {
  van: filtertijdstip.transform((v) => new Date(v)).optional(),
  tot: filtertijdstip.transform((v) => new Date(v)).optional(),
};

export const organisatiesApi: FastifyPluginAsync<ApiContext> = async (app, { db }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/organisaties', { config: { toegang: { ingelogd: true }, doel: 'beheer' }, schema: { tags: ['organisaties'], summary: 'Organisaties in de eigen regio' } }, async (req) => {
    const actor = actorVan(req);
    return db
      .select({ id: s.organisaties.id, naam: s.organisaties.naam, soort: s.organisaties.soort, gemeenteCode: s.organisaties.gemeenteCode })
      .from(s.organisaties)
      .where(eq(s.organisaties.regioId, actor.regioId))
      .orderBy(asc(s.organisaties.soort), asc(s.organisaties.naam));
  });

  r.get('/api/verwerkingsactiviteiten', { config: { toegang: { ingelogd: true }, doel: 'verantwoording' }, schema: { tags: ['audit'], summary: 'Register van verwerkingsactiviteiten: het doel dat elke auditregel noemt' } }, async () =>
    VERWERKINGSACTIVITEITEN,
  );

  r.get(
    '/api/audit',
    {
      config: AUDITLEZER,
      schema: {
        tags: ['audit'],
        summary: 'Auditlog van de regio (alleen beheerders van de centrumgemeente): gefilterd, gesorteerd en gepagineerd, met totaal',
        querystring: z.object({
          pseudoniem: pseudoniem.optional(),
          gebruiker: z.string().trim().toLowerCase().email('gebruiker moet een e-mailadres zijn').max(200).optional(),
          organisatieId: z.uuid('geen geldige organisatie').optional(),
          actie: z.enum(AUDIT_ACTIES, `actie moet een van ${AUDIT_ACTIES.join(', ')} zijn`).optional(),
          doel: z.enum(DOELEN as [string, ...string[]], 'onbekend doel').optional(),
          resultaat: z.enum(AUDIT_RESULTATEN).optional(),
          entiteitId: z.string().max(100).optional(),
          ...periode,
          sortering: z.enum(['nieuwste', 'oudste']).default('nieuwste'),
          sorteer: z.enum(AUDIT_SORTEER, `sorteren kan op ${AUDIT_SORTEER.join(', ')}`).optional(),
          richting: z.enum(['op', 'af'], 'richting is op of af').optional(),
          limiet: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const resultaat = await zoekAudit(db, actorVan(req).regioId, { ...q, doel: q.doel as (typeof DOELEN)[number] | undefined });
      await audit(db, req, 'lezen', 'auditlog', null, { filters: { ...q, van: q.van?.toISOString(), tot: q.tot?.toISOString() }, pseudoniemen: q.pseudoniem ? [q.pseudoniem] : [] });
      return resultaat;
    },
  );

  r.get(
    '/api/audit/inzage/:pseudoniem',
    {
      config: AUDITLEZER,
      schema: {
        tags: ['audit'],
        summary: 'Wie zag dit dossier: elke inzage en wijziging van één cliënt (wie, wanneer, namens wie, met welk doel), als JSON of CSV om aan de cliënt te geven',
        params: z.object({ pseudoniem }),
        querystring: z.object({ ...periode, format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const inzage = await inzageVoorClient(db, actorVan(req).regioId, req.params.pseudoniem, req.query);
      if (!inzage) throw nietGevonden('Cliënt');
      const formaat = req.query.format;
      await audit(db, req, formaat === 'json' ? 'lezen' : 'exporteren', 'auditlog_inzage', inzage.pseudoniem, { pseudoniem: inzage.pseudoniem, regels: inzage.regels.length, ...(formaat === 'json' ? {} : { formaat }) });
      if (formaat === 'json') return inzage;
      const rijen = inzage.regels.map((x) => ({
        tijdstip: formaat === 'xlsx' ? wandklok(x.tijdstip) : x.tijdstip.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
        gebruiker: x.gebruiker ?? (x.automatisch ? 'automatisch (planner)' : 'onbekend'),
        rol: x.gebruikerRol ? ROL_LABEL[x.gebruikerRol as Rol] : '',
        organisatie: x.organisatie ?? '',
        namens: x.uitvoerder ? `uitgevoerd door ${x.uitvoerder} namens ${x.gebruiker ?? 'onbekend'}` : '',
        actie: AUDIT_ACTIE_LABEL[x.actie as keyof typeof AUDIT_ACTIE_LABEL] ?? x.actie,
        wat: x.entiteit,
        doel: x.doelNaam ?? 'niet vastgelegd (van vóór de doelregistratie)',
        grondslag: x.grondslag ?? '',
        resultaat: x.resultaat,
      }));
      const kolommen = [
        { sleutel: 'tijdstip', kop: 'Tijdstip', soort: 'tijdstip' as const },
        { sleutel: 'gebruiker', kop: 'Gebruiker' },
        { sleutel: 'rol', kop: 'Rol' },
        { sleutel: 'organisatie', kop: 'Organisatie' },
        { sleutel: 'namens', kop: 'Namens' },
        { sleutel: 'actie', kop: 'Handeling' },
        { sleutel: 'wat', kop: 'Onderdeel' },
        { sleutel: 'doel', kop: 'Doel' },
        { sleutel: 'grondslag', kop: 'Grondslag' },
        { sleutel: 'resultaat', kop: 'Resultaat' },
      ];
      if (formaat === 'xlsx') {
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', `attachment; filename="inzage-${inzage.pseudoniem}.xlsx"`)
          .send(Buffer.from(await naarXlsx([{ naam: `inzage ${inzage.pseudoniem}`, kolommen, rijen }])));
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="inzage-${inzage.pseudoniem}.csv"`)
        .send(naarCsv(kolommen, rijen as Record<string, string>[]));
    },
  );

  r.post(
    '/api/audit/inzage/:pseudoniem/afdrukken',
    {
      config: AUDITLEZER,
      schema: { tags: ['audit'], summary: 'Legt vast dat het inzageoverzicht van een cliënt is afgedrukt', params: z.object({ pseudoniem }) },
    },
    async (req) => {
      const client = await clientInRegio(db, actorVan(req).regioId, req.params.pseudoniem);
      if (!client) throw nietGevonden('Cliënt');
      await audit(db, req, 'afdrukken', 'auditlog_inzage', client.pseudoniem, { pseudoniem: client.pseudoniem });
      return { ok: true };
    },
  );
};
