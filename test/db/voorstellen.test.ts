import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/auth.js';
import { DomeinFout } from '../../src/domain/fouten.js';
import { OPEN_STATUSSEN } from '../../src/domain/matching/workflow.js';
import { bouwMatchContext, legRondeVast } from '../../src/db/repos/matching.js';
import { geefTermijnen, lijstVoorstellen, overrulAfwijzing, zetStap } from '../../src/db/repos/voorstellen.js';
import { beeindigParkering, parkeer, parkeringOp } from '../../src/db/repos/parkeren.js';
import { nlDatum } from '../../src/domain/datums.js';
import { plaatsingsdashboard } from '../../src/db/repos/plaatsingsdashboard.js';
import { verwerkVoorstelTermijnen, voerVoorstelRondeUit } from '../../src/jobs/voorstel-termijnen.js';
import { plusDagen } from '../../src/domain/trajecten.js';
import { backends, PEILDATUM, seedTestRegios, testActor, testDatabase, type TestRegios } from '../helpers.js';

describe.each(backends)('voorstellen: termijnen, redenen, parkeren op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let centrum: Actor;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
    centrum = testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
  });
  afterAll(() => database.close());

  const db = () => database.db;
  const corporatieVan = (id: string) => {
    const naam = Object.entries(regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];
    return testActor(regios, 'rivierland', naam, 'consulent');
  };
  /** a fresh round in Rivierland, its proposals with terms (as the API does right after legRondeVast) */
  async function ronde() {
    const { rondeId } = await legRondeVast(db(), centrum, PEILDATUM);
    await geefTermijnen(db());
    return db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.rondeId, rondeId));
  }
  async function sluitOpen() {
    // every test starts from a region without open proposals: close what an earlier test left open
    const open = await db().select().from(s.matchVoorstellen).where(and(eq(s.matchVoorstellen.regioId, regios.rivierland.regioId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)));
    if (!open.length) return;
    await db().update(s.matchVoorstellen).set({ status: 'ingetrokken' }).where(inArray(s.matchVoorstellen.id, open.map((v) => v.id)));
    await db().update(s.woningen).set({ status: 'beschikbaar' }).where(inArray(s.woningen.id, open.map((v) => v.woningId)));
  }

  it('de seed heeft een gesloten geschiedenis: ketens tot plaatsingen, afwijzingen met code van elke partij, verlopen voorstellen, twee parkeringen', async () => {
    const regio = regios.rivierland.regioId;
    const voorstellen = await db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.regioId, regio));
    expect(voorstellen.filter((v) => OPEN_STATUSSEN.includes(v.status as never))).toHaveLength(0);
    expect(voorstellen.some((v) => v.status === 'sleuteloverdracht')).toBe(true);
    expect(voorstellen.some((v) => v.status === 'verlopen')).toBe(true);
    const partijen = new Set(voorstellen.filter((v) => v.status === 'afgewezen').map((v) => v.afwijzingPartij));
    expect(partijen).toEqual(new Set(['corporatie', 'client', 'aanbieder', 'gemeente']));
    const stappen = await db().select().from(s.voorstelStappen).where(eq(s.voorstelStappen.regioId, regio));
    for (const v of voorstellen) {
      const eigen = stappen.filter((x) => x.voorstelId === v.id).sort((a, b) => a.tijdstip.getTime() - b.tijdstip.getTime());
      expect(eigen[0]!.gebeurtenis).toBe('aangemaakt');
      expect(eigen.at(-1)!.naarStatus).toBe(v.status);
    }
    const parkeringen = await db().select().from(s.clientParkeringen).where(eq(s.clientParkeringen.regioId, regio));
    expect(parkeringen).toHaveLength(2);
  });

  it('een ronde geeft elk voorstel een termijn in werkdagen en een eerste stap; de lijst toont de termijn', async () => {
    await sluitOpen();
    const voorstellen = await ronde();
    expect(voorstellen.length).toBeGreaterThan(3);
    for (const v of voorstellen) {
      expect(v.deadline).not.toBeNull();
      expect(v.herinnerVanaf!.getTime()).toBeLessThan(v.deadline!.getTime());
      expect(v.verlooptOp!.getTime()).toBeGreaterThan(v.deadline!.getTime());
      // 10 werkdagen: two calendar weeks, give or take the weekend the step started in
      const dagen = (v.deadline!.getTime() - v.aangemaakt.getTime()) / 86_400_000;
      expect(dagen).toBeGreaterThan(13);
      expect(dagen).toBeLessThan(16);
    }
    const stappen = await db().select().from(s.voorstelStappen).where(inArray(s.voorstelStappen.voorstelId, voorstellen.map((v) => v.id)));
    expect(stappen.map((x) => x.gebeurtenis)).toEqual(voorstellen.map(() => 'aangemaakt'));
    expect(await geefTermijnen(db())).toBe(0);
    const [lijst] = await lijstVoorstellen(db(), centrum, { id: voorstellen[0]!.id }, PEILDATUM);
    expect(lijst!.deadline).toEqual(voorstellen[0]!.deadline);
  });

  describe('de planner: herinnering, escalatie en verloop precies één keer', () => {
    async function telling(ids: string[]) {
      const stappen = await db().select().from(s.voorstelStappen).where(inArray(s.voorstelStappen.voorstelId, ids));
      const meldingen = await db().select().from(s.meldingen).where(sql`${s.meldingen.sleutel} like any(${sql.param(ids.map((id) => `voorstel:${id}:%`))}::text[])`);
      const n = (g: string) => stappen.filter((x) => x.gebeurtenis === g).length;
      const m = (fase: string) => meldingen.filter((x) => x.sleutel!.includes(`:${fase}:`)).length;
      return { herinnering: n('herinnering'), escalatie: n('escalatie'), verlopen: n('verlopen'), mHerinnering: m('herinnering'), mEscalatie: m('escalatie'), mVerlopen: m('verlopen') };
    }

    it('een crash na de eerste herinnering: de herstart stuurt de rest, niemand krijgt er twee', async () => {
      await sluitOpen();
      const voorstellen = await ronde();
      const ids = voorstellen.map((v) => v.id);
      const N = ids.length;
      const nu = new Date(voorstellen[0]!.herinnerVanaf!.getTime() + 60_000);
      let keer = 0;
      await expect(
        verwerkVoorstelTermijnen(db(), nu, {
          storing: (punt, fase) => {
            if (punt === 'na_commit' && fase === 'herinnering' && keer++ === 0) throw new Error('proces gecrasht');
          },
        }),
      ).rejects.toThrow('proces gecrasht');
      expect((await telling(ids)).herinnering).toBe(1);
      const herstart = await verwerkVoorstelTermijnen(db(), new Date(nu.getTime() + 60_000));
      expect(herstart.herinnerd).toBe(N - 1);
      const t = await telling(ids);
      expect(t.herinnering).toBe(N);
      // one reminder per proposal to the corporatie whose turn it is, none to anyone else
      expect(t.mHerinnering).toBe(N);
      const corp = await db().select().from(s.meldingen).where(like(s.meldingen.sleutel, `voorstel:${ids[0]}:%`));
      expect(corp[0]!.organisatieId).toBe(voorstellen[0]!.woningId && (await db().select().from(s.woningen).where(eq(s.woningen.id, voorstellen[0]!.woningId)))[0]!.corporatieId);
      expect(corp[0]!.tekst).toMatch(/^Reageer vóór \d\d-\d\d-\d{4} 00:00 op het voorstel voor C-/);
      expect((await verwerkVoorstelTermijnen(db(), new Date(nu.getTime() + 120_000))).herinnerd).toBe(0);

      // the deadline passes: escalation to the centrumgemeente (and the corporatie), once, also with two planners at once
      const na = new Date(voorstellen[0]!.deadline!.getTime() + 60_000);
      const [a, b] = await Promise.all([verwerkVoorstelTermijnen(db(), na), verwerkVoorstelTermijnen(db(), na)]);
      expect(a.geescaleerd + b.geescaleerd).toBe(N);
      const e = await telling(ids);
      expect(e.escalatie).toBe(N);
      expect(e.mEscalatie).toBe(2 * N);
      const audit = await db().select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'matchvoorstel'), inArray(s.auditLog.entiteitId, ids), sql`${s.auditLog.details}->>'escaleren' = 'true'`));
      expect(audit).toHaveLength(N);
      expect(new Set(audit.map((x) => x.organisatieId))).toEqual(new Set([regios.rivierland.organisaties['Centrumstad']!.id]));

      // after the grace period: expiry, with a crash inside the second batch; the first batch stays, the rest once
      const verloop = new Date(voorstellen[0]!.verlooptOp!.getTime() + 60_000);
      await expect(
        verwerkVoorstelTermijnen(db(), verloop, {
          storing: (punt, fase, i) => {
            if (punt === 'binnen_transactie' && fase === 'verlopen' && i === 1) throw new Error('stroom uitgevallen');
          },
        }),
      ).rejects.toThrow('stroom uitgevallen');
      expect((await telling(ids)).verlopen).toBe(1);
      const rest = await voerVoorstelRondeUit(db(), new Date(verloop.getTime() + 60_000));
      expect(rest.uitgevoerd).toBe(true);
      expect(rest.verlopen).toBe(N - 1);
      const v = await telling(ids);
      expect(v.verlopen).toBe(N);
      expect(v.mVerlopen).toBeGreaterThanOrEqual(2 * N);
      const na2 = await db().select().from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.id, ids));
      expect(na2.every((x) => x.status === 'verlopen')).toBe(true);
      // every home is free again, or reserved for the next candidate (a new open proposal, with a term), never both
      for (const x of na2) {
        const [w] = await db().select().from(s.woningen).where(eq(s.woningen.id, x.woningId));
        const opWoning = await db().select().from(s.matchVoorstellen).where(and(eq(s.matchVoorstellen.woningId, x.woningId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)));
        expect(opWoning.length).toBeLessThanOrEqual(1);
        expect(w!.status).toBe(opWoning.length ? 'gereserveerd' : 'beschikbaar');
        if (opWoning[0]) {
          expect(opWoning[0].clientId).not.toBe(x.clientId);
          expect(opWoning[0].deadline).not.toBeNull();
        }
      }
      expect(rest.volgendeKandidaten).toBeGreaterThan(0);
      // nothing left: a later round changes nothing about these
      await verwerkVoorstelTermijnen(db(), new Date(verloop.getTime() + 120_000));
      expect(await telling(ids)).toEqual(v);
    });
  });

  it('afwijzen vraagt een reden van de eigen partij; de centrumgemeente herziet de afwijzing en de volgende kandidaat wordt ingetrokken', async () => {
    await sluitOpen();
    const voorstellen = await ronde();
    const v = voorstellen[0]!;
    const corp = corporatieVan((await db().select().from(s.woningen).where(eq(s.woningen.id, v.woningId)))[0]!.corporatieId);
    const fout = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DomeinFout);
    const zonder = await fout(zetStap(db(), corp, v.id, { actie: 'afwijzing' }, PEILDATUM));
    expect(zonder).toBeInstanceOf(DomeinFout);
    expect(zonder!.details).toEqual([{ pad: 'redenCode', veld: 'Reden', melding: 'Kies een reden van afwijzing' }]);
    const andere = await fout(zetStap(db(), corp, v.id, { actie: 'afwijzing', redenCode: 'client_niet_bereikbaar' }, PEILDATUM));
    expect(andere!.soort).toBe('ongeldig');
    expect(andere!.message).toMatch(/andere partij/);
    const overig = await fout(zetStap(db(), corp, v.id, { actie: 'afwijzing', redenCode: 'corporatie_overig' }, PEILDATUM));
    expect((overig!.details as { pad: string }[])[0]!.pad).toBe('reden');
    // nothing changed by the refusals
    expect((await db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, v.id)))[0]!.status).toBe('voorstel');

    const r = await zetStap(db(), corp, v.id, { actie: 'afwijzing', redenCode: 'corporatie_huurachterstand_verleden', reden: 'Oude schuld bij ons' }, PEILDATUM);
    expect(r.status).toBe('afgewezen');
    const [af] = await db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, v.id));
    expect(af).toMatchObject({ afwijzingCode: 'corporatie_huurachterstand_verleden', afwijzingPartij: 'corporatie', afgewezenBij: 'voorstel', versie: 2, deadline: null });
    const stap = await db().select().from(s.voorstelStappen).where(and(eq(s.voorstelStappen.voorstelId, v.id), eq(s.voorstelStappen.gebeurtenis, 'afwijzing')));
    expect(stap[0]).toMatchObject({ vanStatus: 'voorstel', naarStatus: 'afgewezen', partij: 'corporatie', redenCode: 'corporatie_huurachterstand_verleden', doorOrganisatieId: corp.organisatieId });

    // only the centrumgemeente overrides
    const noorddorp = testActor(regios, 'rivierland', 'Noorddorp', 'medewerker_toegang');
    expect((await fout(overrulAfwijzing(db(), noorddorp, v.id, { reden: 'x' }, PEILDATUM)))?.soort).toMatch(/geweigerd|niet_gevonden/);
    const o = await overrulAfwijzing(db(), centrum, v.id, { reden: 'Schuld is inmiddels geregeld' }, PEILDATUM);
    expect(o.status).toBe('voorstel');
    if (r.volgendVoorstel) {
      expect(o.ingetrokken).toEqual([r.volgendVoorstel.id]);
      expect((await db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, r.volgendVoorstel.id)))[0]!.status).toBe('ingetrokken');
    }
    const [terug] = await db().select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, v.id));
    expect(terug).toMatchObject({ status: 'voorstel', afwijzingCode: null, versie: 3 });
    expect(terug!.deadline).not.toBeNull();
    expect((await db().select().from(s.woningen).where(eq(s.woningen.id, v.woningId)))[0]!.status).toBe('gereserveerd');
    const audit = await db().select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, v.id), sql`${s.auditLog.details}->>'overrulen' = 'true'`));
    expect(audit).toHaveLength(1);
    // a second override finds nothing to override
    expect((await fout(overrulAfwijzing(db(), centrum, v.id, { reden: 'nogmaals' }, PEILDATUM)))?.soort).toBe('conflict');
  });

  it('de sleuteloverdracht registreert de uitstroom met de bestemming van de huurconstructie', async () => {
    await sluitOpen();
    const voorstellen = await ronde();
    expect(voorstellen.length).toBeGreaterThanOrEqual(2);
    const aanbiederId = regios.rivierland.organisaties['RIBW Rivierland']!.id;
    const gevallen = [
      { v: voorstellen[0]!, plaatsing: { huurconstructie: 'direct' as const, startdatum: PEILDATUM }, bestemming: 'zelfstandige_woning' },
      {
        v: voorstellen[1]!,
        plaatsing: { huurconstructie: 'hoofdhuur_onderhuur' as const, startdatum: PEILDATUM, aanbiederId, voorwaarden: { begeleidingsafspraak: 'RIBW, twee keer per week' } },
        bestemming: 'woning_met_begeleiding',
      },
    ];
    for (const { v, plaatsing, bestemming } of gevallen) {
      const corp = corporatieVan((await db().select().from(s.woningen).where(eq(s.woningen.id, v.woningId)))[0]!.corporatieId);
      await zetStap(db(), corp, v.id, { actie: 'akkoord' }, PEILDATUM);
      await zetStap(db(), centrum, v.id, { actie: 'akkoord' }, PEILDATUM);
      const r = await zetStap(db(), centrum, v.id, { actie: 'sleuteloverdracht', plaatsing }, PEILDATUM);
      expect(r.plaatsing).toMatchObject({ huurconstructie: plaatsing.huurconstructie });
      const [uitstroom] = await db()
        .select({ bestemming: s.trajectEvents.bestemming })
        .from(s.trajectEvents)
        .where(and(eq(s.trajectEvents.clientId, v.clientId), eq(s.trajectEvents.soort, 'uitstroom')))
        .orderBy(desc(s.trajectEvents.id))
        .limit(1);
      expect(uitstroom?.bestemming, plaatsing.huurconstructie).toBe(bestemming);
    }
  });

  it('parkeren: uit de ronde tot de einddatum, daarna vanzelf terug; vroeg beëindigen kan; alles in het auditlog', async () => {
    await sluitOpen();
    const ctx = await bouwMatchContext(db(), regios.rivierland.regioId, PEILDATUM);
    const clientId = ctx.invoer.kandidaten[0]!.id;
    const tot = plusDagen(PEILDATUM, 45);
    const fout = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DomeinFout);
    expect((await fout(parkeer(db(), centrum, clientId, { redenCode: 'detentie', tot: plusDagen(PEILDATUM, 10) }, PEILDATUM)))!.details).toEqual([
      { pad: 'einddatum', veld: 'Einddatum', melding: 'Einddatum ligt minder dan 30 dagen na vandaag' },
    ]);
    expect((await fout(parkeer(db(), centrum, clientId, { redenCode: 'detentie', tot: plusDagen(PEILDATUM, 400) }, PEILDATUM)))!.soort).toBe('ongeldig');
    const corp = corporatieVan(ctx.invoer.woningen[0]!.corporatieId);
    expect((await fout(parkeer(db(), corp, clientId, { redenCode: 'detentie', tot }, PEILDATUM)))!.soort).toBe('geweigerd');
    const p = await parkeer(db(), centrum, clientId, { redenCode: 'detentie', tot }, PEILDATUM);
    expect(p).toMatchObject({ actief: true, tot, redenLabel: 'Tijdelijk in detentie' });
    const dubbel = await fout(parkeer(db(), centrum, clientId, { redenCode: 'overig', toelichting: 'x', tot }, PEILDATUM));
    expect(dubbel).toMatchObject({ soort: 'conflict', message: `De cliënt is al geparkeerd tot ${nlDatum(tot)}` });
    expect(await parkeringOp(db(), clientId, PEILDATUM)).toEqual({ id: p.id, tot });
    const ids = async (peil: string) => (await bouwMatchContext(db(), regios.rivierland.regioId, peil)).invoer.kandidaten.map((k) => k.id);
    expect(await ids(PEILDATUM)).not.toContain(clientId);
    expect(await ids(plusDagen(tot, -1))).not.toContain(clientId);
    expect(await ids(tot)).toContain(clientId);
    const eind = await beeindigParkering(db(), centrum, p.id, { toelichting: 'Eerder vrijgekomen' }, plusDagen(PEILDATUM, 5));
    expect(eind.actief).toBe(false);
    expect(await ids(plusDagen(PEILDATUM, 5))).toContain(clientId);
    expect(await ids(plusDagen(PEILDATUM, 4))).not.toContain(clientId);
    // the day the client is back is the early end, no longer the planned one
    expect(await parkeringOp(db(), clientId, plusDagen(PEILDATUM, 4))).toEqual({ id: p.id, tot: plusDagen(PEILDATUM, 5) });
    expect(await parkeringOp(db(), clientId, plusDagen(PEILDATUM, 5))).toBeNull();
    const audit = await db().select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'parkering'), eq(s.auditLog.entiteitId, p.id)));
    expect(audit.map((a) => a.actie).sort()).toEqual(['aanmaken', 'wijzigen']);
  });

  it('dashboard: telt in SQL wat de stappen zeggen; een corporatie ziet alleen eigen rijen, kleine aantallen als onderdrukt', async () => {
    const f = { van: '2026-01-01', tot: '2026-12-31', per: 'corporatie' as const };
    const d = await plaatsingsdashboard(db(), centrum, f);
    // reference in TypeScript over the same history
    const stappen = await db()
      .select({ voorstelId: s.voorstelStappen.voorstelId, gebeurtenis: s.voorstelStappen.gebeurtenis, partij: s.voorstelStappen.partij, redenCode: s.voorstelStappen.redenCode, tijdstip: s.voorstelStappen.tijdstip, corporatieId: s.woningen.corporatieId })
      .from(s.voorstelStappen)
      .innerJoin(s.matchVoorstellen, eq(s.matchVoorstellen.id, s.voorstelStappen.voorstelId))
      .innerJoin(s.woningen, eq(s.woningen.id, s.matchVoorstellen.woningId))
      .where(eq(s.voorstelStappen.regioId, regios.rivierland.regioId));
    const inPeriode = stappen.filter((x) => x.tijdstip >= new Date('2025-12-31T23:00:00Z') && x.tijdstip < new Date('2026-12-31T23:00:00Z'));
    const afwijzingen = inPeriode.filter((x) => x.gebeurtenis === 'afwijzing');
    expect(d.afwijzingen.reduce((n, r) => n + r.aantal!, 0)).toBe(afwijzingen.length);
    expect(d.overzicht.reduce((n, r) => n + r.verlopen!, 0)).toBe(inPeriode.filter((x) => x.gebeurtenis === 'verlopen').length);
    const doorTotaal = d.doorlooptijden.reduce((n, r) => n + r.totaal!, 0);
    expect(doorTotaal).toBe(inPeriode.filter((x) => ['akkoord', 'sleuteloverdracht', 'afwijzing', 'verlopen', 'overrulen', 'ingetrokken'].includes(x.gebeurtenis)).length);
    for (const r of d.doorlooptijden) expect(r.binnenWeek! + r.weekTotMaand! + r.maandTotDrie! + r.langer!).toBe(r.totaal);
    expect(d.geparkeerd).toBeNull();
    const g = await plaatsingsdashboard(db(), centrum, { ...f, per: 'gemeente' });
    expect(g.geparkeerd!.reduce((n, r) => n + r.aantal, 0)).toBeGreaterThanOrEqual(2);

    const corpId = d.overzicht[0]!.groepId;
    const c = await plaatsingsdashboard(db(), corporatieVan(corpId), f);
    expect(c.onderdrukt).toBe(true);
    expect(new Set([...c.overzicht, ...c.afwijzingen, ...c.doorlooptijden].map((r) => r.groepId))).toEqual(new Set([corpId]));
    for (const r of c.afwijzingen) {
      const echt = afwijzingen.filter((x) => x.corporatieId === corpId && x.redenCode === r.redenCode).length;
      expect(r.aantal).toBe(echt > 0 && echt < 5 ? null : echt);
    }
    expect(c.geparkeerd).toBeNull();
  });
});
