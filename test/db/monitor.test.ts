import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { bezetting, stromen, terugkeer, wachttijden, woningenRealisatie, type MonitorFilter } from '../../src/db/repos/monitor.js';
import { percentielCont, periodeStart, type Periode } from '../../src/domain/monitor.js';
import { dagenTussen, isJongere, leidToestandAf, plusDagen, type TrajectEvent } from '../../src/domain/trajecten.js';
import { backends, PEILDATUM, seedTestRegios, testDatabase, type TestRegios } from '../helpers.js';

type Event = typeof s.trajectEvents.$inferSelect;

/**
 * Every monitor figure is recomputed here the plain way — folding each client's events through the
 * domain state machine — and must equal what the SQL produced.
 */
describe.each(backends)('monitor-SQL op %s gelijk aan herberekening in TypeScript', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let events: Event[];
  let geboren: Map<string, string>;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 200);
    events = await database.db
      .select()
      .from(s.trajectEvents)
      .where(eq(s.trajectEvents.regioId, regios.rivierland.regioId))
      .orderBy(asc(s.trajectEvents.clientId), asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
    const clienten = await database.db.select({ id: s.clienten.id, geboortedatum: s.clienten.geboortedatum }).from(s.clienten);
    geboren = new Map(clienten.map((c) => [c.id, c.geboortedatum]));
  });
  afterAll(() => database.close());

  const filter = (periode: Periode, extra: Partial<MonitorFilter> = {}): MonitorFilter => ({
    regioId: regios.rivierland.regioId,
    periode,
    van: '2024-03-15',
    tot: '2026-10-31',
    ...extra,
  });
  const perClient = (lijst: Event[]) => {
    const per = new Map<string, Event[]>();
    for (const e of lijst) per.set(e.clientId, [...(per.get(e.clientId) ?? []), e]);
    return per;
  };
  const alsDomein = (e: Event): TrajectEvent => ({ soort: e.soort as TrajectEvent['soort'], datum: e.datum, niveau: e.niveau as TrajectEvent['niveau'], bestemming: e.bestemming as TrajectEvent['bestemming'], urgentie: e.urgentie });

  it('instroom, doorstroom, uitstroom per bestemming en jongeren per maand', async () => {
    const regels = await stromen(database.db, filter('maand'));
    expect(regels[0]!.start).toBe('2024-03-01');
    expect(regels.at(-1)!.eind).toBe('2026-10-31');
    expect(regels).toHaveLength(32);
    for (const r of regels) {
      const inPeriode = events.filter((e) => e.datum >= r.start && e.datum <= r.eind);
      for (const soort of ['instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval'] as const) {
        const van = inPeriode.filter((e) => e.soort === soort);
        expect(r.aantallen[soort], `${soort} ${r.start}`).toBe(van.length);
        expect(r.jongeren[soort], `${soort} jongeren ${r.start}`).toBe(van.filter((e) => isJongere(geboren.get(e.clientId)!, e.datum)).length);
      }
      for (const [bestemming, n] of Object.entries(r.uitstroomPerBestemming)) {
        expect(n).toBe(inPeriode.filter((e) => e.soort === 'uitstroom' && e.bestemming === bestemming).length);
      }
    }
    expect(regels.reduce((som, r) => som + r.aantallen.instroom, 0)).toBeGreaterThan(20);
  });

  it('filtert op gemeente', async () => {
    const noorddorp = regios.rivierland.organisaties['Noorddorp']!.id;
    const regels = await stromen(database.db, filter('jaar', { gemeenteId: noorddorp }));
    expect(regels.map((r) => r.start)).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    for (const r of regels) {
      expect(r.aantallen.instroom).toBe(events.filter((e) => e.gemeenteId === noorddorp && e.soort === 'instroom' && e.datum >= r.start && e.datum <= r.eind).length);
    }
  });

  it.each([
    ['kwartaal', undefined],
    ['maand', 'Noorddorp'],
    ['jaar', 'Centrumstad'],
  ] as const)('populatie per niveau en wachtlijsten op het einde van elk(e) %s (gemeente: %s), via de toestandsmachine', async (periode, gemeente) => {
    const gemeenteId = gemeente ? regios.rivierland.organisaties[gemeente]!.id : undefined;
    const regels = await bezetting(database.db, filter(periode, gemeenteId ? { gemeenteId } : {}));
    expect(regels.length).toBeGreaterThan(periode === 'jaar' ? 2 : 10);
    const per = perClient(gemeenteId ? events.filter((e) => e.gemeenteId === gemeenteId) : events);
    for (const r of regels) {
      const populatie: Record<string, number> = {};
      const jong: Record<string, number> = {};
      const wachtIn: Record<string, number> = {};
      let wachtUit = 0;
      let wachtUitJong = 0;
      let wachtInJong = 0;
      for (const [clientId, lijst] of per) {
        const t = leidToestandAf(lijst.filter((e) => e.datum <= r.eind).map(alsDomein));
        const isJong = isJongere(geboren.get(clientId)!, r.eind);
        if ((t.fase === 'in_zorg' || t.fase === 'uitstroomklaar') && t.niveau) {
          populatie[t.niveau] = (populatie[t.niveau] ?? 0) + 1;
          if (isJong) jong[t.niveau] = (jong[t.niveau] ?? 0) + 1;
        }
        if (t.fase === 'geindiceerd') {
          wachtIn[t.niveau!] = (wachtIn[t.niveau!] ?? 0) + 1;
          if (isJong) wachtInJong++;
        }
        if (t.fase === 'uitstroomklaar') {
          wachtUit++;
          if (isJong) wachtUitJong++;
        }
      }
      for (const [niveau, n] of Object.entries(r.populatie)) expect(n, `${niveau} op ${r.eind}`).toBe(populatie[niveau] ?? 0);
      for (const [niveau, n] of Object.entries(r.populatieJongeren)) expect(n, `jongeren ${niveau} op ${r.eind}`).toBe(jong[niveau] ?? 0);
      for (const [niveau, n] of Object.entries(r.wachtInstroom)) expect(n, `wacht ${niveau} op ${r.eind}`).toBe(wachtIn[niveau] ?? 0);
      expect(r.wachtUitstroom).toBe(wachtUit);
      expect(r.wachtUitstroomJongeren).toBe(wachtUitJong);
      expect(r.wachtInstroomJongeren).toBe(wachtInJong);
    }
    expect(Object.values(regels.at(-1)!.populatie).reduce((a, b) => a + b, 0)).toBeGreaterThan(gemeenteId ? 0 : 10);
  });

  it.each([
    ['kwartaal', undefined],
    ['maand', 'Noorddorp'],
    ['jaar', 'Centrumstad'],
    ['maand', undefined],
  ] as const)('mediane en p90-wachttijd voor instroom en uitstroom per %s (gemeente: %s)', async (periode, gemeente) => {
    const gemeenteId = gemeente ? regios.rivierland.organisaties[gemeente]!.id : undefined;
    const regels = await wachttijden(database.db, filter(periode, gemeenteId ? { gemeenteId } : {}));
    const per = perClient(events);
    const wachten = { instroom: [] as { datum: string; dagen: number; jong: boolean }[], uitstroom: [] as { datum: string; dagen: number; jong: boolean }[] };
    for (const [clientId, lijst] of per) {
      lijst.forEach((e, i) => {
        const vorige = lijst[i - 1];
        if (gemeenteId && e.gemeenteId !== gemeenteId) return;
        const jong = isJongere(geboren.get(clientId)!, e.datum);
        if (e.soort === 'instroom' && vorige?.soort === 'indicatie') wachten.instroom.push({ datum: e.datum, dagen: dagenTussen(vorige.datum, e.datum), jong });
        if (e.soort === 'uitstroom' && vorige?.soort === 'uitstroomklaar') wachten.uitstroom.push({ datum: e.datum, dagen: dagenTussen(vorige.datum, e.datum), jong });
      });
    }
    const verwacht = (maat: { aantal: number; mediaan: number | null; p90: number | null }, dagen: number[], label: string) => {
      expect(maat.aantal, label).toBe(dagen.length);
      if (dagen.length === 0) {
        expect(maat.mediaan, label).toBeNull();
        expect(maat.p90, label).toBeNull();
      } else {
        expect(maat.mediaan, label).toBeCloseTo(percentielCont(dagen, 0.5)!, 6);
        expect(maat.p90, label).toBeCloseTo(percentielCont(dagen, 0.9)!, 6);
      }
    };
    let vergeleken = 0;
    for (const r of regels) {
      for (const soort of ['instroom', 'uitstroom'] as const) {
        const hier = wachten[soort].filter((w) => periodeStart(w.datum, periode) === r.start);
        verwacht(r[soort], hier.map((w) => w.dagen), `${soort} ${r.start}`);
        const jongeren = soort === 'instroom' ? r.instroomJongeren : r.uitstroomJongeren;
        verwacht(jongeren, hier.filter((w) => w.jong).map((w) => w.dagen), `${soort} jongeren ${r.start}`);
        vergeleken += hier.length;
      }
    }
    expect(vergeleken).toBeGreaterThan(gemeenteId ? 5 : 20);
  });

  it('terugkeer binnen 12 maanden per uitstroomcohort', async () => {
    const regels = await terugkeer(database.db, filter('jaar', { van: '2023-01-01' }), PEILDATUM);
    const per = perClient(events);
    let totaalTerug = 0;
    for (const r of regels) {
      let uit = 0;
      let terug = 0;
      for (const lijst of per.values()) {
        lijst.forEach((e, i) => {
          if (e.soort !== 'uitstroom' || e.datum < r.start || e.datum > r.eind) return;
          uit++;
          const volgende = lijst.slice(i + 1).find((x) => x.soort === 'terugval' || x.soort === 'instroom');
          if (volgende && volgende.datum <= plusDagen(e.datum, 365)) terug++;
        });
      }
      expect(r.uitstroom, r.start).toBe(uit);
      expect(r.teruggekeerd, r.start).toBe(terug);
      expect(r.percentage).toBe(uit ? Math.round((terug / uit) * 1000) / 10 : null);
      expect(r.volledigGevolgd).toBe(plusDagen(r.eind, 365) <= PEILDATUM);
      totaalTerug += terug;
    }
    expect(totaalTerug).toBeGreaterThan(0);
  });

  it('gereserveerd tegenover gerealiseerd per corporatie, en alleen de eigen corporatie als gefilterd', async () => {
    const r = regios.rivierland;
    const regels = await woningenRealisatie(database.db, { regioId: r.regioId, vanJaar: 2024, totJaar: 2026 });
    const plaatsingen = await database.db
      .select({ start: s.plaatsingen.startdatum, gemeenteId: s.woningen.gemeenteId, corporatieId: s.woningen.corporatieId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .where(eq(s.plaatsingen.regioId, r.regioId));
    const afspraken = await database.db.select().from(s.reserveringsafspraken).where(eq(s.reserveringsafspraken.regioId, r.regioId));
    for (const regel of regels) {
      const gerealiseerd = plaatsingen.filter((p) => p.start.startsWith(String(regel.jaar)) && p.gemeenteId === regel.gemeenteId && p.corporatieId === regel.corporatieId).length;
      expect(regel.gerealiseerd).toBe(gerealiseerd);
      const afspraak = afspraken.find((a) => a.jaar === regel.jaar && a.gemeenteId === regel.gemeenteId && a.corporatieId === regel.corporatieId);
      expect(regel.gereserveerd).toBe(afspraak?.aantal ?? 0);
    }
    expect(regels.reduce((som, x) => som + x.gerealiseerd, 0)).toBe(plaatsingen.filter((p) => p.start >= '2024-01-01' && p.start <= '2026-12-31').length);
    const woonstede = r.organisaties['Woonstede Rivierland']!.id;
    const eigen = await woningenRealisatie(database.db, { regioId: r.regioId, vanJaar: 2024, totJaar: 2026, corporatieId: woonstede });
    expect(eigen.length).toBeGreaterThan(0);
    expect(eigen.every((x) => x.corporatieId === woonstede)).toBe(true);
  });

  it('een andere regio telt nergens mee', async () => {
    const kust = await stromen(database.db, { ...filter('jaar'), regioId: regios.kustland.regioId });
    const kustEvents = await database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.regioId, regios.kustland.regioId));
    const som = kust.reduce((a, r) => a + r.aantallen.instroom, 0);
    expect(som).toBe(kustEvents.filter((e) => e.soort === 'instroom' && e.datum >= '2024-01-01' && e.datum <= '2026-12-31').length);
  });
});
