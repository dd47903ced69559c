import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HUURCONSTRUCTIE_SOORTEN } from '../domain/woningen.js';
import { VOORSTEL_STATUSSEN } from '../domain/matching/workflow.js';
import { draaiMatching, legRondeVast, toelichtingVoorProef } from '../db/repos/matching.js';
import { geefTermijnen, lijstVoorstellen, magBerekeningZien, overrulAfwijzing, termijnenVoorRegio, zetStap, zetTermijnen } from '../db/repos/voorstellen.js';
import { beeindigParkering, clientZichtbaar, lijstParkeringen, parkeer, parkeringenVan } from '../db/repos/parkeren.js';
import { DASHBOARD_GROEPERING, DASHBOARD_ONDERDELEN, dashboardKolommen, plaatsingsdashboard } from '../db/repos/plaatsingsdashboard.js';
import { AFWIJZINGS_CODES, AFWIJZINGSREDENEN, PARKEER_CODES, PARKEER_REDENEN, PARKEREN_MAX_DAGEN, PARKEREN_MIN_DAGEN, partijenVoor, REDEN_PARTIJ_LABEL, REDEN_PARTIJEN } from '../domain/matching/redenen.js';
import { STANDAARD_VOORSTEL_TERMIJNEN, TERMIJN_GRENZEN, TERMIJN_LABEL, type VoorstelTermijnen } from '../domain/matching/termijnen.js';
import { naarCsv, type CsvWaarde } from '../domain/csv-export.js';
import { nietGevonden, ongeldig } from './fouten.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { filterdatum, gebeurtenisdatum, plandatum } from './datums.js';
import { NIET_GEPLAATST_LABEL } from '../domain/matching/toelichting.js';
import { REGELS } from '../domain/toegang.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });

export const matchingApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rondeToegang = { toegang: REGELS.matchingronde, doel: 'plaatsing_matching' as const, clientgegevens: 'matchingronde' };

  r.post(
    '/api/matching/rondes',
    {
      config: rondeToegang,
      schema: {
        tags: ['matching'],
        summary: 'Matchingronde voor de regio: optimale voorstellen met uitleg; proefdraai slaat niets op',
        body: z.object({ proefdraai: z.boolean().default(true) }),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      if (req.body.proefdraai) {
        const ctx = await draaiMatching(db, actor.regioId, vandaag());
        const { resultaat, pseudoniemen, woningAdres } = ctx;
        const berekening = magBerekeningZien(actor);
        // nothing is stored, but the answer lists clients: a read like any other
        await audit(db, req, 'lezen', 'matching_proefdraai', null, {
          voorstellen: resultaat.voorstellen.length,
          pseudoniemen: [...resultaat.voorstellen.map((v) => v.kandidaatId), ...resultaat.nietGeplaatst.map((n) => n.kandidaatId)]
            .map((id) => pseudoniemen.get(id))
            .filter((p): p is string => !!p),
        });
        const { kandidaten, woningen, bruikbareWoningen, geplaatst } = resultaat.statistiek;
        return {
          rondeId: null,
          beleidVersie: ctx.beleid.versie,
          samenvatting: { kandidaten, woningen, bruikbareWoningen, geplaatst },
          // the solver's figures only for beheerders; everyone reads the plain explanation
          statistiek: berekening ? resultaat.statistiek : null,
          objectief: berekening ? resultaat.objectief : null,
          voorstellen: resultaat.voorstellen.map((v) => ({
            kandidaatId: v.kandidaatId,
            woningId: v.woningId,
            pseudoniem: pseudoniemen.get(v.kandidaatId),
            adres: woningAdres.get(v.woningId),
            toelichting: toelichtingVoorProef(ctx, v),
            berekening: berekening ? { score: v.score, tekst: v.uitleg.tekst, redenen: v.uitleg.redenen, bindendeRegels: v.uitleg.bindendeRegels } : null,
          })),
          nietGeplaatst: resultaat.nietGeplaatst.map((n) => ({
            kandidaatId: n.kandidaatId,
            pseudoniem: pseudoniemen.get(n.kandidaatId),
            reden: n.reden,
            toelichting: NIET_GEPLAATST_LABEL[n.reden],
            berekening: berekening ? n.uitleg : null,
          })),
        };
      }
      const { rondeId, resultaat, beleidVersie } = await legRondeVast(db, actor, vandaag());
      // the round's proposals get their terms and first history row at once (the planner catches up after a crash)
      await geefTermijnen(db);
      const { kandidaten, woningen, bruikbareWoningen, geplaatst } = resultaat.statistiek;
      return {
        rondeId,
        beleidVersie,
        samenvatting: { kandidaten, woningen, bruikbareWoningen, geplaatst },
        statistiek: magBerekeningZien(actor) ? resultaat.statistiek : null,
        objectief: magBerekeningZien(actor) ? resultaat.objectief : null,
        aantal: resultaat.voorstellen.length,
      };
    },
  );

  r.get(
    '/api/matching/voorstellen',
    {
      config: { toegang: { ingelogd: true }, doel: 'plaatsing_matching', clientgegevens: 'matchvoorstellen' },
      schema: { tags: ['matching'], summary: 'Voorstellen binnen het eigen zicht (corporatie: eigen woningen, gepseudonimiseerd)', querystring: z.object({ status: z.enum(VOORSTEL_STATUSSEN).optional() }) },
    },
    async (req) => {
      const voorstellen = await lijstVoorstellen(db, actorVan(req), req.query, vandaag());
      await audit(db, req, 'lezen', 'matchvoorstellen', null, { filters: req.query, pseudoniemen: voorstellen.map((v) => v.pseudoniem) });
      return voorstellen;
    },
  );

  r.post(
    '/api/matching/voorstellen/:id/stap',
    {
      config: { toegang: { rollen: ['beheerder', 'medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'matchvoorstel' },
      schema: {
        tags: ['matching'],
        summary: 'Akkoord, afwijzing (met reden; volgende kandidaat wordt voorgesteld) of sleuteloverdracht (maakt de plaatsing)',
        params: idParams,
        body: z.discriminatedUnion('actie', [
          z.object({ actie: z.literal('akkoord'), versie: z.number().int().positive().optional() }),
          z.object({
            actie: z.literal('afwijzing'),
            redenCode: z.enum(AFWIJZINGS_CODES, 'kies een reden uit de lijst'),
            reden: z.string().trim().max(1000, 'mag hoogstens 1000 tekens zijn').nullish(),
            versie: z.number().int().positive().optional(),
          }),
          z.object({
            actie: z.literal('sleuteloverdracht'),
            versie: z.number().int().positive().optional(),
            plaatsing: z.object({
              huurconstructie: z.enum(HUURCONSTRUCTIE_SOORTEN),
              startdatum: gebeurtenisdatum,
              einddatum: plandatum.nullish(),
              omklapdatum: plandatum.nullish(),
              aanbiederId: z.uuid().nullish(),
              voorwaarden: z.record(z.string(), z.string().max(2000)).nullish(),
              contactpersoon: z.string().trim().max(200).nullish(),
              contactTelefoon: z.string().trim().max(40).nullish(),
            }),
          }),
        ]),
      },
    },
    // zetStap writes its audit row in its own transaction
    async (req) => zetStap(db, actorVan(req), req.params.id, req.body, vandaag()),
  );

  r.post(
    '/api/matching/voorstellen/:id/overrulen',
    {
      config: { toegang: REGELS.matchingronde, doel: 'plaatsing_matching', clientgegevens: 'matchvoorstel' },
      schema: {
        tags: ['matching'],
        summary: 'Afwijzing herzien (centrumgemeente): het voorstel keert terug naar de stap waarop het werd afgewezen',
        params: idParams,
        body: z.object({ reden: z.string().trim().min(3, 'geef de reden van de herziening (minstens 3 tekens)').max(1000, 'mag hoogstens 1000 tekens zijn') }),
      },
    },
    async (req) => overrulAfwijzing(db, actorVan(req), req.params.id, req.body, vandaag()),
  );

  r.get(
    '/api/matching/redenen',
    { config: { toegang: { ingelogd: true }, doel: 'plaatsing_matching' }, schema: { tags: ['matching'], summary: 'Redenenlijsten per partij (afwijzen, intrekken) en voor parkeren; met de partijen waarvoor de gebruiker spreekt' } },
    async (req) => ({
      partijen: REDEN_PARTIJEN.map((p) => ({ partij: p, label: REDEN_PARTIJ_LABEL[p], redenen: Object.entries(AFWIJZINGSREDENEN[p]).map(([code, label]) => ({ code, label })) })),
      eigenPartijen: partijenVoor(actorVan(req).soort),
      parkeren: PARKEER_CODES.map((code) => ({ code, label: PARKEER_REDENEN[code] })),
      parkerenDagen: { min: PARKEREN_MIN_DAGEN, max: PARKEREN_MAX_DAGEN },
    }),
  );

  const termijnVeld = (k: keyof VoorstelTermijnen) =>
    z
      .number(`${TERMIJN_LABEL[k]} moet een geheel getal zijn`)
      .int(`${TERMIJN_LABEL[k]} moet een geheel getal zijn`)
      .min(TERMIJN_GRENZEN[k].min, `moet minstens ${TERMIJN_GRENZEN[k].min} zijn`)
      .max(TERMIJN_GRENZEN[k].max, `mag hoogstens ${TERMIJN_GRENZEN[k].max} zijn`);
  r.get(
    '/api/matching/termijnen',
    { config: { toegang: { ingelogd: true }, doel: 'plaatsing_matching' }, schema: { tags: ['matching'], summary: 'Termijnen van open voorstellen in werkdagen (regio; standaard als niet ingesteld)' } },
    async (req) => ({ ...(await termijnenVoorRegio(db, actorVan(req).regioId)), standaardwaarden: STANDAARD_VOORSTEL_TERMIJNEN }),
  );
  r.put(
    '/api/matching/termijnen',
    {
      config: { toegang: { soorten: ['centrumgemeente'], rollen: ['beheerder'] }, doel: 'beheer' },
      schema: {
        tags: ['matching'],
        summary: 'Termijnen instellen (beheerder centrumgemeente); gelden voor stappen vanaf nu',
        body: z.object({
          corporatieWerkdagen: termijnVeld('corporatieWerkdagen'),
          zorgWerkdagen: termijnVeld('zorgWerkdagen'),
          sleutelWerkdagen: termijnVeld('sleutelWerkdagen'),
          herinneringWerkdagen: termijnVeld('herinneringWerkdagen'),
          respijtWerkdagen: termijnVeld('respijtWerkdagen'),
        }),
      },
    },
    async (req) => {
      const b = req.body;
      const kortste = Math.min(b.corporatieWerkdagen, b.zorgWerkdagen, b.sleutelWerkdagen);
      if (b.herinneringWerkdagen >= kortste) {
        const melding = `moet korter zijn dan de kortste termijn (${kortste} werkdagen)`;
        throw ongeldig(`${TERMIJN_LABEL.herinneringWerkdagen} ${melding}`, [{ pad: 'herinneringWerkdagen', veld: TERMIJN_LABEL.herinneringWerkdagen, melding }]);
      }
      return zetTermijnen(db, actorVan(req), b);
    },
  );

  // ---- parking (ADR 0034)
  const parkeerders = { soorten: ['centrumgemeente' as const, 'regiogemeente' as const], rollen: ['beheerder' as const, 'medewerker_toegang' as const] };
  r.post(
    '/api/clienten/:id/parkeren',
    {
      config: { toegang: parkeerders, doel: 'plaatsing_matching', clientgegevens: 'client' },
      schema: {
        tags: ['matching'],
        summary: `Cliënt parkeren: ${PARKEREN_MIN_DAGEN}–${PARKEREN_MAX_DAGEN} dagen uit de matching, met reden; daarna vanzelf terug`,
        params: idParams,
        body: z.object({
          redenCode: z.enum(PARKEER_CODES, 'kies een reden uit de lijst'),
          toelichting: z.string().trim().max(1000, 'mag hoogstens 1000 tekens zijn').nullish(),
          einddatum: plandatum,
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await parkeer(db, actorVan(req), req.params.id, { redenCode: req.body.redenCode, toelichting: req.body.toelichting, tot: req.body.einddatum }, vandaag())),
  );
  r.get(
    '/api/clienten/:id/parkeringen',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'] }, doel: 'plaatsing_matching', clientgegevens: 'client' },
      schema: { tags: ['matching'], summary: 'Parkeringen van een cliënt (nieuwste eerst)', params: idParams },
    },
    async (req) => {
      const actor = actorVan(req);
      const c = await clientZichtbaar(db, actor, req.params.id);
      if (!c) throw nietGevonden('Cliënt');
      const parkeringen = await parkeringenVan(db, actor, req.params.id, vandaag());
      await audit(db, req, 'lezen', 'parkeringen', req.params.id, { pseudoniemen: [c.pseudoniem] });
      return parkeringen;
    },
  );
  r.post(
    '/api/parkeringen/:id/beeindigen',
    {
      config: { toegang: parkeerders, doel: 'plaatsing_matching', clientgegevens: 'parkering' },
      schema: {
        tags: ['matching'],
        summary: 'Parkeren vroeg beëindigen: de cliënt doet vanaf vandaag weer mee',
        params: idParams,
        body: z.object({ toelichting: z.string().trim().max(1000, 'mag hoogstens 1000 tekens zijn').nullish() }),
      },
    },
    async (req) => beeindigParkering(db, actorVan(req), req.params.id, req.body, vandaag()),
  );
  r.get(
    '/api/matching/parkeringen',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'] }, doel: 'plaatsing_matching', clientgegevens: 'parkeringen' },
      schema: {
        tags: ['matching'],
        summary: 'Geparkeerde cliënten binnen het eigen zicht (eerst terug bovenaan)',
        querystring: z.object({
          actief: z.enum(['ja', 'nee']).default('ja'),
          limiet: z.coerce.number().int().min(1).max(200).default(25),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const r = await lijstParkeringen(db, actorVan(req), { actief: req.query.actief === 'ja', limiet: req.query.limiet, offset: req.query.offset }, vandaag());
      await audit(db, req, 'lezen', 'parkeringen', null, { pseudoniemen: r.parkeringen.map((p) => p.pseudoniem) });
      return r;
    },
  );

  // ---- placement dashboard
  r.get(
    '/api/matching/dashboard',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'woningcorporatie'] }, doel: 'plaatsing_matching' },
      schema: {
        tags: ['matching'],
        summary: 'Plaatsingsdashboard: doorlooptijd per stap, afwijzingen per partij en reden, verlopen, geparkeerd; per gemeente of corporatie (CSV met format=csv)',
        querystring: z
          .object({
            van: filterdatum,
            tot: filterdatum,
            per: z.enum(DASHBOARD_GROEPERING, 'kies gemeente of corporatie').default('gemeente'),
            format: z.enum(['json', 'csv']).default('json'),
            onderdeel: z.enum(DASHBOARD_ONDERDELEN, 'kies doorlooptijden, afwijzingen, overzicht of geparkeerd').default('overzicht'),
          })
          .refine((q) => q.van <= q.tot, { message: 'Van ligt na Tot', path: ['van'] }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const d = await plaatsingsdashboard(db, actorVan(req), { van: q.van, tot: q.tot, per: q.per });
      if (q.format === 'json') {
        await audit(db, req, 'lezen', 'plaatsingsdashboard', null, { van: q.van, tot: q.tot, per: q.per });
        return d;
      }
      await audit(db, req, 'exporteren', 'plaatsingsdashboard', q.onderdeel, { van: q.van, tot: q.tot, per: q.per });
      const rijen = (d[q.onderdeel] ?? []) as unknown as Record<string, CsvWaarde>[];
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="plaatsingen-${q.onderdeel}-${q.per}-${q.van}-${q.tot}.csv"`)
        .send(naarCsv(dashboardKolommen(q.onderdeel, q.per), rijen));
    },
  );
};
