import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../db/schema.js';
import { LANDELIJKE_TABELLEN, landelijkeVergelijking, standVanZaken, zetUitvoeringsafspraak, type VergelijkingsTabel } from '../db/repos/landelijk.js';
import { uitkomsten } from '../db/repos/uitkomsten.js';
import { dubbelen, inactief, laatheid, ontbrekend } from '../db/repos/datakwaliteit.js';
import { leesDrempel } from '../domain/onthulling.js';
import { PERIODES, standaardVan } from '../domain/monitor.js';
import { NIVEAUS, NIVEAU_LABEL, dagenTussen, plusDagen } from '../domain/trajecten.js';
import { TERUGKEER_TERMIJNEN } from '../domain/uitkomsten.js';
import { ZRM_DOMEINEN, ZRM_DOMEIN_LABEL } from '../domain/zrm.js';
import { LAATHEID_KLASSEN, STANDAARD_INACTIEF_DAGEN } from '../domain/datakwaliteit.js';
import { MAX_NOTITIE, STATUS_LABEL, THEMAS, THEMA_LABEL, UITVOERINGS_STATUSSEN } from '../domain/stand-van-zaken.js';
import { naarCsv, type CsvWaarde } from '../domain/csv-export.js';
import { naarXlsx, XLSX_MIME, type XlsxSoort } from '../domain/xlsx-export.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden, ongeldig } from './fouten.js';
import { datumVan, filterdatum } from './datums.js';

/**
 * The regional and national picture (issue 15): outcome measures and the register of uitvoeringsafspraken for
 * the region, data quality for beheerders, and the national comparison for a body of soort `landelijk`, which
 * only ever receives suppressed aggregates (domain/onthulling; threshold DOORSTROOM_ONTHULLINGSDREMPEL, default 10).
 */
const LANDELIJK = { toegang: { soorten: ['landelijk' as const] }, doel: 'landelijk_beeld' as const };
const REGIO_PARTIJEN = { toegang: { soorten: ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const] }, doel: 'monitor_beleid' as const };
const GEMEENTEN = { toegang: { soorten: ['centrumgemeente' as const, 'regiogemeente' as const] }, doel: 'beheer' as const };
const CENTRUM_BEHEER = { toegang: { soorten: ['centrumgemeente' as const], rollen: ['beheerder' as const] }, doel: 'beheer' as const };
const BEHEERDERS = { soorten: ['centrumgemeente' as const, 'regiogemeente' as const, 'aanbieder' as const], rollen: ['beheerder' as const] };

const formaat = z.enum(['json', 'csv', 'xlsx']).default('json');
const jaarQuery = z.object({ jaar: z.coerce.number().int('jaar moet een geheel getal zijn').min(2000, 'jaar ligt vóór 2000').max(2100, 'jaar ligt na 2100').optional(), format: formaat });

/**
 * A table as a file: CSV (;-separated) or an Excel workbook with one sheet, both through the app's one writer of
 * each (formula-safe: a text never becomes a formula; numbers stay numbers, dates real dates).
 */
async function bestandAntwoord(reply: FastifyReply, format: 'csv' | 'xlsx', naam: string, kolommen: { sleutel: string; kop: string; soort?: XlsxSoort }[], regels: Record<string, CsvWaarde>[]) {
  if (format === 'xlsx') {
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="${naam}.xlsx"`)
      .send(Buffer.from(await naarXlsx([{ naam, kolommen, rijen: regels }])));
  }
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${naam}.csv"`).send(naarCsv(kolommen, regels));
}

/** withheld cells say so in a spreadsheet instead of looking like a missing value */
const metOnderdrukking = (t: VergelijkingsTabel) => t.regels.map((r) => Object.fromEntries(t.kolommen.map((k) => [k.sleutel, r[k.sleutel] === null ? 'onderdrukt' : r[k.sleutel]])));

export const landelijkApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const drempel = leesDrempel(process.env.DOORSTROOM_ONTHULLINGSDREMPEL);
  const huidigJaar = () => Number(vandaag().slice(0, 4));

  // ------------------------------------------------------------------ national
  r.get(
    '/api/landelijk',
    { config: LANDELIJK, schema: { tags: ['landelijk'], summary: "Regio's naast elkaar: alle vergelijkingstabellen van één jaar (alleen onderdrukte aggregaten)", querystring: jaarQuery } },
    async (req) => landelijkeVergelijking(db, { jaar: req.query.jaar ?? huidigJaar(), peildatum: vandaag(), drempel }),
  );

  r.get(
    '/api/landelijk/tabellen/:tabel',
    {
      config: LANDELIJK,
      schema: { tags: ['landelijk'], summary: 'Eén vergelijkingstabel, ook als CSV (format=csv) of Excel (format=xlsx)', params: z.object({ tabel: z.enum(LANDELIJKE_TABELLEN, 'onbekende tabel') }), querystring: jaarQuery },
    },
    async (req, reply) => {
      const jaar = req.query.jaar ?? huidigJaar();
      const v = await landelijkeVergelijking(db, { jaar, peildatum: vandaag(), drempel });
      const t = v.tabellen[req.params.tabel];
      if (req.query.format === 'json') return { jaar, drempel, ...t };
      await audit(db, req, 'exporteren', 'landelijk', req.params.tabel, { jaar, formaat: req.query.format });
      return bestandAntwoord(reply, req.query.format, `landelijk-${req.params.tabel}-${jaar}`, t.kolommen, metOnderdrukking(t));
    },
  );

  r.get(
    '/api/landelijk/stand-van-zaken',
    { config: LANDELIJK, schema: { tags: ['landelijk'], summary: 'Stand van zaken van de uitvoeringsafspraken van elke regio', querystring: z.object({ format: formaat }) } },
    async (req, reply) => {
      const regios = await standVanZaken(db);
      const zonderId = regios.map(({ regio, themas }) => ({ regio, themas }));
      if (req.query.format === 'json') return { regios: zonderId };
      await audit(db, req, 'exporteren', 'landelijk', 'stand-van-zaken', { formaat: req.query.format });
      return bestandAntwoord(reply, req.query.format, 'landelijk-stand-van-zaken', standKolommen, vlakStand(zonderId));
    },
  );

  r.post(
    '/api/landelijk/afdrukken',
    // printing changes no data: also for a reader
    { config: { ...LANDELIJK, toegang: { ...LANDELIJK.toegang, rollen: ['beheerder', 'alleen_lezen'] } }, schema: { tags: ['landelijk'], summary: 'Legt vast dat het landelijk rapport is afgedrukt of als PDF bewaard', body: z.object({ jaar: z.number().int().min(2000).max(2100) }) } },
    async (req) => {
      await audit(db, req, 'afdrukken', 'landelijk', 'rapport', { jaar: req.body.jaar });
      return { ok: true };
    },
  );

  // ------------------------------------------------------------------ stand van zaken (regional)
  r.get(
    '/api/stand-van-zaken',
    { config: GEMEENTEN, schema: { tags: ['stand-van-zaken'], summary: 'Stand van zaken van de uitvoeringsafspraken van de eigen regio', querystring: z.object({ format: formaat }) } },
    async (req, reply) => {
      const [regio] = await standVanZaken(db, actorVan(req).regioId);
      const uit = { regio: regio!.regio, themas: regio!.themas };
      if (req.query.format === 'json') return uit;
      await audit(db, req, 'exporteren', 'stand_van_zaken', null, { formaat: req.query.format });
      return bestandAntwoord(reply, req.query.format, 'stand-van-zaken', standKolommen, vlakStand([uit]));
    },
  );

  r.put(
    '/api/stand-van-zaken/:thema',
    {
      config: CENTRUM_BEHEER,
      schema: {
        tags: ['stand-van-zaken'],
        summary: 'Status, datum en notitie van één thema bijwerken (beheerder van de centrumgemeente)',
        params: z.object({ thema: z.enum(THEMAS, 'onbekend thema') }),
        body: z.object({
          status: z.enum(UITVOERINGS_STATUSSEN, 'kies een status'),
          datum: datumVan('gebeurtenis'),
          notitie: z.string().max(MAX_NOTITIE, `Notitie mag hoogstens ${MAX_NOTITIE} tekens zijn`).default(''),
        }),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      await db.transaction(async (tx) => {
        await zetUitvoeringsafspraak(tx, actor.regioId, actor.gebruikerId, req.params.thema, { ...req.body, notitie: req.body.notitie.trim() });
        await audit(tx, req, 'wijzigen', 'uitvoeringsafspraak', req.params.thema, { status: req.body.status, datum: req.body.datum });
      });
      const [regio] = await standVanZaken(db, actor.regioId);
      return { regio: regio!.regio, themas: regio!.themas };
    },
  );

  // ------------------------------------------------------------------ outcome measures (regional)
  const uitkomstQuery = z.object({
    periode: z.enum(PERIODES).default('jaar'),
    van: filterdatum.optional(),
    tot: filterdatum.optional(),
    gemeenteId: z.uuid('geen geldig gemeente-id').optional(),
    format: formaat,
  });
  r.get(
    '/api/uitkomsten',
    {
      config: REGIO_PARTIJEN,
      schema: {
        tags: ['monitor'],
        summary: 'Uitkomstmaten per periode: verblijfsduur per niveau, eerste instroom, terugkeer na blijvende uitstroom (6/12/24 mnd), nog gehuisvest na 12 maanden, ZRM-verandering tussen in- en uitstroom; 18–24 apart',
        querystring: uitkomstQuery,
      },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      const tot = req.query.tot ?? vandaag();
      const van = req.query.van ?? standaardVan(tot);
      if (van > tot) throw ongeldig('van moet vóór of op tot liggen');
      if (dagenTussen(van, tot) > 20 * 366) throw ongeldig('de periode mag hoogstens 20 jaar beslaan');
      if (req.query.gemeenteId) await vereisGemeente(actor.regioId, req.query.gemeenteId);
      const f = { regioId: actor.regioId, periode: req.query.periode, van, tot, gemeenteId: req.query.gemeenteId };
      const regels = await uitkomsten(db, f, vandaag());
      if (req.query.format === 'json') return { ...f, peildatum: vandaag(), regels };
      await audit(db, req, 'exporteren', 'monitor', 'uitkomsten', { formaat: req.query.format, periode: f.periode, van, tot, gemeenteId: f.gemeenteId ?? null });
      const kolommen = [
        { sleutel: 'start', kop: 'Periode vanaf', soort: 'datum' as const },
        { sleutel: 'eind', kop: 'Periode tot en met', soort: 'datum' as const },
        ...NIVEAUS.flatMap((n) => [
          { sleutel: `n_${n}`, kop: `Verblijven ${NIVEAU_LABEL[n]}` },
          { sleutel: `gem_${n}`, kop: `Gemiddelde dagen ${NIVEAU_LABEL[n]}` },
          { sleutel: `med_${n}`, kop: `Mediaan dagen ${NIVEAU_LABEL[n]}` },
          { sleutel: `medj_${n}`, kop: `Mediaan dagen 18–24 ${NIVEAU_LABEL[n]}` },
        ]),
        { sleutel: 'instroom', kop: 'Instroom' },
        { sleutel: 'eersteInstroom', kop: 'Eerste instroom' },
        { sleutel: 'eersteInstroomJongeren', kop: 'Eerste instroom 18–24' },
        { sleutel: 'blijvendeUitstroom', kop: 'Blijvende uitstroom' },
        ...TERUGKEER_TERMIJNEN.flatMap((t) => [
          { sleutel: `t${t.maanden}`, kop: `Terug binnen ${t.maanden} mnd` },
          { sleutel: `tj${t.maanden}`, kop: `Terug binnen ${t.maanden} mnd 18–24` },
          { sleutel: `tv${t.maanden}`, kop: `${t.maanden} mnd volledig gevolgd` },
        ]),
        { sleutel: 'plaatsingenGevolgd', kop: 'Plaatsingen 12 mnd gevolgd' },
        { sleutel: 'nogGehuisvest', kop: 'Nog gehuisvest na 12 mnd' },
        { sleutel: 'nogGehuisvestJongeren', kop: 'Nog gehuisvest 18–24' },
        { sleutel: 'zrmTrajecten', kop: 'Trajecten met ZRM bij in- en uitstroom' },
        { sleutel: 'zrmTotaal', kop: 'ZRM-verandering totaal' },
        { sleutel: 'zrmTrajectenJongeren', kop: 'Trajecten met ZRM 18–24' },
        { sleutel: 'zrmTotaalJongeren', kop: 'ZRM-verandering totaal 18–24' },
        ...ZRM_DOMEINEN.map((d) => ({ sleutel: `zrm_${d}`, kop: `ZRM-verandering ${ZRM_DOMEIN_LABEL[d]}` })),
      ];
      const vlak = regels.map((x) => ({
        ...x,
        ...Object.fromEntries(NIVEAUS.flatMap((n) => [[`n_${n}`, x.verblijfsduur[n].aantal], [`gem_${n}`, x.verblijfsduur[n].gemiddelde], [`med_${n}`, x.verblijfsduur[n].mediaan], [`medj_${n}`, x.verblijfsduurJongeren[n].mediaan]])),
        ...Object.fromEntries(TERUGKEER_TERMIJNEN.flatMap((t) => [[`t${t.maanden}`, x.terugkeer[t.maanden].aantal], [`tj${t.maanden}`, x.terugkeer[t.maanden].jongeren], [`tv${t.maanden}`, x.terugkeer[t.maanden].volledigGevolgd]])),
        zrmTrajecten: x.zrm.trajecten,
        zrmTotaal: x.zrm.totaal,
        zrmTrajectenJongeren: x.zrmJongeren.trajecten,
        zrmTotaalJongeren: x.zrmJongeren.totaal,
        ...Object.fromEntries(ZRM_DOMEINEN.map((d) => [`zrm_${d}`, x.zrm.perDomein[d].verandering])),
      })) as unknown as Record<string, CsvWaarde>[];
      return bestandAntwoord(reply, req.query.format, `uitkomsten-${van}-${tot}`, kolommen, vlak);
    },
  );

  // ------------------------------------------------------------------ data quality (beheerders)
  r.get(
    '/api/datakwaliteit/laatheid',
    {
      config: { toegang: BEHEERDERS, doel: 'datakwaliteit' },
      schema: {
        tags: ['datakwaliteit'],
        summary: 'Hoe laat gebeurtenissen zijn geregistreerd (0 / 1–3 / 4–6 / 7–10 / 11+ dagen), per registrerende organisatie',
        querystring: z.object({ van: filterdatum.optional(), tot: filterdatum.optional(), format: formaat }),
      },
    },
    async (req, reply) => {
      const tot = req.query.tot ?? vandaag();
      const van = req.query.van ?? plusDagen(tot, -365);
      if (van > tot) throw ongeldig('van moet vóór of op tot liggen');
      const regels = await laatheid(db, actorVan(req), van, tot);
      if (req.query.format === 'json') return { van, tot, klassen: LAATHEID_KLASSEN.map(({ sleutel, label }) => ({ sleutel, label })), regels };
      await audit(db, req, 'exporteren', 'datakwaliteit', 'laatheid', { formaat: req.query.format, van, tot });
      const kolommen = [{ sleutel: 'organisatie', kop: 'Organisatie' }, { sleutel: 'totaal', kop: 'Gebeurtenissen' }, ...LAATHEID_KLASSEN.map((k) => ({ sleutel: k.sleutel, kop: k.label })), { sleutel: 'opTijdPct', kop: 'Zelfde dag (%)' }];
      return bestandAntwoord(reply, req.query.format, `datakwaliteit-laatheid-${van}-${tot}`, kolommen, regels as Record<string, CsvWaarde>[]);
    },
  );

  r.get(
    '/api/datakwaliteit/ontbrekend',
    { config: { toegang: BEHEERDERS, doel: 'datakwaliteit', clientgegevens: 'datakwaliteit' }, schema: { tags: ['datakwaliteit'], summary: 'Ontbrekende of onbekende velden, met de eerste dossiers per soort' } },
    async (req) => {
      const soorten = await ontbrekend(db, actorVan(req));
      await audit(db, req, 'lezen', 'datakwaliteit', 'ontbrekend', { pseudoniemen: soorten.flatMap((x) => x.clienten.map((c) => c.pseudoniem)) });
      return { soorten };
    },
  );

  r.get(
    '/api/datakwaliteit/inactief',
    {
      config: { toegang: BEHEERDERS, doel: 'datakwaliteit', clientgegevens: 'datakwaliteit' },
      schema: {
        tags: ['datakwaliteit'],
        summary: 'Cliënten in zorg zonder gebeurtenis in de laatste N dagen',
        querystring: z.object({
          dagen: z.coerce.number().int('dagen moet een geheel getal zijn').min(30, 'dagen moet minstens 30 zijn').max(3650, 'dagen mag hoogstens 3650 zijn').default(STANDAARD_INACTIEF_DAGEN),
          limiet: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const uit = await inactief(db, actorVan(req), vandaag(), req.query.dagen, req.query.limiet, req.query.offset);
      await audit(db, req, 'lezen', 'datakwaliteit', 'inactief', { pseudoniemen: uit.regels.map((c) => c.pseudoniem) });
      return { dagen: req.query.dagen, ...uit };
    },
  );

  r.get(
    '/api/datakwaliteit/dubbelen',
    { config: { toegang: BEHEERDERS, doel: 'datakwaliteit', clientgegevens: 'datakwaliteit' }, schema: { tags: ['datakwaliteit'], summary: 'Waarschijnlijk dubbele dossiers: zelfde BSN, of zelfde naam en geboortedatum (via sleutel-hashes)' } },
    async (req) => {
      const groepen = await dubbelen(db, actorVan(req));
      await audit(db, req, 'lezen', 'datakwaliteit', 'dubbelen', { pseudoniemen: groepen.flatMap((g) => g.clienten.map((c) => c.pseudoniem)) });
      return { groepen };
    },
  );

  async function vereisGemeente(regioId: string, gemeenteId: string) {
    const [g] = await db
      .select({ id: s.organisaties.id })
      .from(s.organisaties)
      .where(and(eq(s.organisaties.id, gemeenteId), eq(s.organisaties.regioId, regioId), inArray(s.organisaties.soort, ['centrumgemeente', 'regiogemeente'])));
    if (!g) throw nietGevonden('Gemeente');
  }
};

const standKolommen = [
  { sleutel: 'regio', kop: 'Regio' },
  { sleutel: 'thema', kop: 'Thema' },
  { sleutel: 'status', kop: 'Status' },
  { sleutel: 'datum', kop: 'Datum' },
  { sleutel: 'notitie', kop: 'Notitie' },
];
function vlakStand(regios: { regio: string; themas: { thema: (typeof THEMAS)[number]; status: (typeof UITVOERINGS_STATUSSEN)[number] | null; datum: string | null; notitie: string }[] }[]) {
  return regios.flatMap((r) => r.themas.map((t) => ({ regio: r.regio, thema: THEMA_LABEL[t.thema], status: t.status ? STATUS_LABEL[t.status] : 'Niet ingevuld', datum: t.datum, notitie: t.notitie })));
}


