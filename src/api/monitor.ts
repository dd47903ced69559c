import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../db/schema.js';
import type { DbOrTx } from '../db/client.js';
import { beschermdThuis, bezetting, stromen, terugkeer, wachttijden, woningenRealisatie, type MonitorFilter } from '../db/repos/monitor.js';
import { onderdruk, PERIODES, standaardVan, type GepubliceerdeWoningRegel } from '../domain/monitor.js';
import { naarCsv, type CsvWaarde } from '../domain/csv-export.js';
import { naarXlsx, XLSX_MIME, type XlsxSoort } from '../domain/xlsx-export.js';
import { BESTEMMING_LABEL, BESTEMMINGEN, NIVEAU_LABEL, NIVEAUS, dagenTussen } from '../domain/trajecten.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden, ongeldig } from './fouten.js';
import { filterdatum } from './datums.js';

/** Regional aggregates: gemeenten and aanbieders of the regio; no client-level data leaves these routes. */
const REGIO_PARTIJEN = { toegang: { soorten: ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const] }, doel: 'monitor_beleid' as const };
const MONITOR_LEZERS = { toegang: { soorten: ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const, 'woningcorporatie' as const] }, doel: 'monitor_beleid' as const };
const ONDERDELEN = ['dashboard', 'stromen', 'bezetting', 'wachttijden', 'terugkeer', 'beschermd-thuis', 'woningen'] as const;
const MAX_DAGEN = 20 * 366;

const monitorQuery = z.object({
  periode: z.enum(PERIODES).default('maand'),
  van: filterdatum.optional(),
  tot: filterdatum.optional(),
  gemeenteId: z.uuid('geen geldig gemeente-id').optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
type MonitorQuery = z.infer<typeof monitorQuery>;

type Kolom = { sleutel: string; kop: string; soort?: XlsxSoort };

export const monitorApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Defaults: the last 24 months up to today. A gemeenteId must be a gemeente of the caller's own regio. */
  async function filterVan(req: FastifyRequest, q: MonitorQuery): Promise<MonitorFilter> {
    const actor = actorVan(req);
    const tot = q.tot ?? vandaag();
    const van = q.van ?? standaardVan(tot);
    if (van > tot) throw ongeldig('van moet vóór of op tot liggen');
    if (dagenTussen(van, tot) > MAX_DAGEN) throw ongeldig('de periode mag hoogstens 20 jaar beslaan');
    if (q.gemeenteId) await vereisGemeente(db, actor.regioId, q.gemeenteId);
    return { regioId: actor.regioId, periode: q.periode, van, tot, gemeenteId: q.gemeenteId };
  }

  async function antwoord(req: FastifyRequest, reply: FastifyReply, naam: string, q: MonitorQuery, f: MonitorFilter, regels: Record<string, CsvWaarde>[], kolommen: Kolom[], json: unknown) {
    if (q.format === 'json') return json;
    await audit(db, req, 'exporteren', 'monitor', naam, { formaat: q.format, periode: f.periode, van: f.van, tot: f.tot, gemeenteId: f.gemeenteId ?? null });
    if (q.format === 'xlsx') {
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="monitor-${naam}-${f.van}-${f.tot}.xlsx"`)
        .send(Buffer.from(await naarXlsx([{ naam: `monitor ${naam}`, kolommen, rijen: regels }])));
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="monitor-${naam}-${f.van}-${f.tot}.csv"`)
      .send(naarCsv(kolommen, regels));
  }

  const periodeKolommen: Kolom[] = [
    { sleutel: 'start', kop: 'Periode vanaf', soort: 'datum' },
    { sleutel: 'eind', kop: 'Periode tot en met', soort: 'datum' },
  ];
  const beschrijving = 'periode=maand|kwartaal|jaar, van/tot (JJJJ-MM-DD, standaard de laatste 24 maanden), gemeenteId optioneel; format=csv geeft een CSV met ; als scheidingsteken, format=xlsx een Excel-werkboek';

  r.get(
    '/api/monitor/stromen',
    { config: REGIO_PARTIJEN, schema: { tags: ['monitor'], summary: 'In-, door- en uitstroom per periode (uitstroom per bestemming, jongeren 18–24 apart)', description: beschrijving, querystring: monitorQuery } },
    async (req, reply) => {
      const f = await filterVan(req, req.query);
      const regels = await stromen(db, f);
      const vlak = regels.map((x) => ({
        start: x.start,
        eind: x.eind,
        ...Object.fromEntries(Object.entries(x.aantallen).map(([k, v]) => [k, v])),
        ...Object.fromEntries(Object.entries(x.jongeren).map(([k, v]) => [`${k}_jong`, v])),
        ...Object.fromEntries(Object.entries(x.uitstroomPerBestemming).map(([k, v]) => [`best_${k}`, v])),
      }));
      const kolommen: Kolom[] = [
        ...periodeKolommen,
        ...['instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval'].map((k) => ({ sleutel: k, kop: k })),
        ...['instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval'].map((k) => ({ sleutel: `${k}_jong`, kop: `${k} 18-24` })),
        ...BESTEMMINGEN.map((b) => ({ sleutel: `best_${b}`, kop: `uitstroom naar ${BESTEMMING_LABEL[b]}` })),
      ];
      return antwoord(req, reply, 'stromen', req.query, f, vlak, kolommen, { ...f, regels });
    },
  );

  r.get(
    '/api/monitor/bezetting',
    { config: REGIO_PARTIJEN, schema: { tags: ['monitor'], summary: 'Populatie per niveau en wachtlijsten op het einde van elke periode', description: beschrijving, querystring: monitorQuery } },
    async (req, reply) => {
      const f = await filterVan(req, req.query);
      const regels = await bezetting(db, f);
      const vlak = regels.map((x) => ({
        start: x.start,
        eind: x.eind,
        ...Object.fromEntries(NIVEAUS.map((n) => [`pop_${n}`, x.populatie[n]])),
        ...Object.fromEntries(NIVEAUS.map((n) => [`jong_${n}`, x.populatieJongeren[n]])),
        ...Object.fromEntries(NIVEAUS.map((n) => [`wacht_${n}`, x.wachtInstroom[n]])),
        wachtInstroomJongeren: x.wachtInstroomJongeren,
        wachtUitstroom: x.wachtUitstroom,
        wachtUitstroomJongeren: x.wachtUitstroomJongeren,
      }));
      const kolommen: Kolom[] = [
        ...periodeKolommen,
        ...NIVEAUS.map((n) => ({ sleutel: `pop_${n}`, kop: `in zorg ${NIVEAU_LABEL[n]}` })),
        ...NIVEAUS.map((n) => ({ sleutel: `jong_${n}`, kop: `in zorg 18-24 ${NIVEAU_LABEL[n]}` })),
        ...NIVEAUS.map((n) => ({ sleutel: `wacht_${n}`, kop: `wacht op instroom ${NIVEAU_LABEL[n]}` })),
        { sleutel: 'wachtInstroomJongeren', kop: 'wacht op instroom 18-24' },
        { sleutel: 'wachtUitstroom', kop: 'uitstroomklaar, wacht op woning' },
        { sleutel: 'wachtUitstroomJongeren', kop: 'uitstroomklaar 18-24' },
      ];
      return antwoord(req, reply, 'bezetting', req.query, f, vlak, kolommen, { ...f, regels });
    },
  );

  r.get(
    '/api/monitor/wachttijden',
    { config: REGIO_PARTIJEN, schema: { tags: ['monitor'], summary: 'Wachttijd (mediaan, p90) indicatie→instroom en uitstroomklaar→uitstroom', description: beschrijving, querystring: monitorQuery } },
    async (req, reply) => {
      const f = await filterVan(req, req.query);
      const regels = await wachttijden(db, f);
      const delen = ['instroom', 'instroomJongeren', 'uitstroom', 'uitstroomJongeren'] as const;
      const vlak = regels.map((x) => ({
        start: x.start,
        eind: x.eind,
        ...Object.fromEntries(delen.flatMap((d) => [[`${d}_n`, x[d].aantal], [`${d}_med`, x[d].mediaan], [`${d}_p90`, x[d].p90]])),
      }));
      const label = { instroom: 'instroom', instroomJongeren: 'instroom 18-24', uitstroom: 'uitstroom', uitstroomJongeren: 'uitstroom 18-24' };
      const kolommen: Kolom[] = [
        ...periodeKolommen,
        ...delen.flatMap((d) => [
          { sleutel: `${d}_n`, kop: `${label[d]} aantal` },
          { sleutel: `${d}_med`, kop: `${label[d]} mediaan dagen` },
          { sleutel: `${d}_p90`, kop: `${label[d]} p90 dagen` },
        ]),
      ];
      return antwoord(req, reply, 'wachttijden', req.query, f, vlak, kolommen, { ...f, regels });
    },
  );

  r.get(
    '/api/monitor/terugkeer',
    { config: REGIO_PARTIJEN, schema: { tags: ['monitor'], summary: 'Terugkeer in BW/MO binnen 12 maanden na uitstroom, per uitstroomcohort', description: beschrijving, querystring: monitorQuery } },
    async (req, reply) => {
      const f = await filterVan(req, req.query);
      const regels = await terugkeer(db, f, vandaag());
      const kolommen: Kolom[] = [
        ...periodeKolommen,
        { sleutel: 'uitstroom', kop: 'uitstroom' },
        { sleutel: 'teruggekeerd', kop: 'terug binnen 12 maanden' },
        { sleutel: 'percentage', kop: 'percentage' },
        { sleutel: 'uitstroomJongeren', kop: 'uitstroom 18-24' },
        { sleutel: 'teruggekeerdJongeren', kop: 'terug 18-24' },
        { sleutel: 'percentageJongeren', kop: 'percentage 18-24' },
        { sleutel: 'volledigGevolgd', kop: '12 maanden volledig gevolgd' },
      ];
      return antwoord(req, reply, 'terugkeer', req.query, f, regels as unknown as Record<string, CsvWaarde>[], kolommen, { ...f, peildatum: vandaag(), regels });
    },
  );

  r.get(
    '/api/monitor/beschermd-thuis',
    { config: REGIO_PARTIJEN, schema: { tags: ['monitor'], summary: 'Beschermd Thuis-plekken tegenover het doel, per gemeente en jaar', description: beschrijving, querystring: monitorQuery } },
    async (req, reply) => {
      const f = await filterVan(req, req.query);
      const regels = await beschermdThuis(db, { regioId: f.regioId, vanJaar: Number(f.van.slice(0, 4)), totJaar: Number(f.tot.slice(0, 4)), gemeenteId: f.gemeenteId });
      const kolommen: Kolom[] = [
        { sleutel: 'jaar', kop: 'jaar' },
        { sleutel: 'gemeente', kop: 'gemeente' },
        { sleutel: 'plekken', kop: 'plekken' },
        { sleutel: 'doelPlekken', kop: 'doel plekken' },
      ];
      return antwoord(req, reply, 'beschermd-thuis', req.query, f, regels as unknown as Record<string, CsvWaarde>[], kolommen, { ...f, regels });
    },
  );

  r.get(
    '/api/monitor/woningen',
    {
      // corporaties too, but only their own figures (see below)
      config: MONITOR_LEZERS,
      schema: {
        tags: ['monitor'],
        summary: 'Gereserveerde tegenover gerealiseerde woningen per jaar, gemeente en corporatie',
        description: `${beschrijving}. Een woningcorporatie ziet alleen de eigen cijfers; gerealiseerde aantallen 1–4 worden voor haar onderdrukt (null, "<5").`,
        querystring: monitorQuery,
      },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      const f = await filterVan(req, req.query);
      const corporatie = actor.soort === 'woningcorporatie';
      const ruw = await woningenRealisatie(db, {
        regioId: f.regioId,
        vanJaar: Number(f.van.slice(0, 4)),
        totJaar: Number(f.tot.slice(0, 4)),
        gemeenteId: f.gemeenteId,
        corporatieId: corporatie ? actor.organisatieId : undefined,
      });
      const regels = ruw.map((x): GepubliceerdeWoningRegel => {
        const gerealiseerd = corporatie ? onderdruk(x.gerealiseerd) : x.gerealiseerd;
        return { ...x, gerealiseerd, onderdrukt: gerealiseerd === null };
      });
      const kolommen: Kolom[] = [
        { sleutel: 'jaar', kop: 'jaar' },
        { sleutel: 'gemeente', kop: 'gemeente' },
        { sleutel: 'corporatie', kop: 'corporatie' },
        { sleutel: 'gereserveerd', kop: 'gereserveerd' },
        { sleutel: 'gerealiseerdTekst', kop: 'gerealiseerd' },
      ];
      const vlak = regels.map((x) => ({ ...x, gerealiseerdTekst: x.onderdrukt ? '<5' : x.gerealiseerd }));
      return antwoord(req, reply, 'woningen', req.query, f, vlak, kolommen, { ...f, onderdrukkingsdrempel: corporatie ? 5 : null, regels });
    },
  );

  r.post(
    '/api/monitor/afdrukken',
    {
      config: MONITOR_LEZERS,
      schema: {
        tags: ['monitor'],
        summary: 'Legt vast dat de monitor is afgedrukt of als PDF bewaard (de web-app roept dit aan bij de afdrukknop)',
        body: z.object({
          onderdeel: z.enum(ONDERDELEN).default('dashboard'),
          periode: z.enum(PERIODES),
          van: filterdatum,
          tot: filterdatum,
          gemeenteId: z.uuid('geen geldig gemeente-id').nullish(),
        }),
      },
    },
    async (req) => {
      const f = await filterVan(req, { ...req.body, gemeenteId: req.body.gemeenteId ?? undefined, format: 'json' });
      await audit(db, req, 'afdrukken', 'monitor', req.body.onderdeel, { periode: f.periode, van: f.van, tot: f.tot, gemeenteId: f.gemeenteId ?? null });
      return { ok: true };
    },
  );
};

async function vereisGemeente(db: DbOrTx, regioId: string, gemeenteId: string) {
  const [g] = await db
    .select({ id: s.organisaties.id })
    .from(s.organisaties)
    .where(and(eq(s.organisaties.id, gemeenteId), eq(s.organisaties.regioId, regioId), inArray(s.organisaties.soort, ['centrumgemeente', 'regiogemeente'])));
  if (!g) throw nietGevonden('Gemeente');
}
