import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  controleerAfspraak,
  controleerPlaatsing,
  controleerPlaatsingVelden,
  voorwaardeLabel,
  controleerSpreiding,
  controleerStatusovergang,
  HUURCONSTRUCTIE_SOORTEN,
  HUURCONSTRUCTIES,
  leeftijdscategorie,
  leesWoonwensen,
  maandenLater,
  overlapt,
  statusNaEinde,
  statusNaPlaatsing,
  STATUS_OVERGANGEN,
  telRealisatie,
  waarschuwing,
  WONING_STATUSSEN,
  type HuurconstructieSoort,
  type PlaatsingInvoer,
} from '../../src/domain/woningen.js';
import { plusDagen } from '../../src/domain/trajecten.js';

const START = '2026-03-15';

/** The smallest placement that satisfies a construction's rules, derived from the rules themselves. */
function geldigVoor(soort: HuurconstructieSoort): PlaatsingInvoer {
  const r = HUURCONSTRUCTIES[soort];
  return {
    huurconstructie: soort,
    startdatum: START,
    aanbiederId: r.aanbiederVerplicht ? 'aanbieder-1' : null,
    voorwaarden: Object.fromEntries(r.verplichteVoorwaarden.map((v) => [v, 'vastgelegd'])),
    omklapdatum: r.scharnier ? maandenLater(START, r.scharnier.minMaanden) : null,
  };
}

describe('huurconstructies als data', () => {
  it.each(HUURCONSTRUCTIE_SOORTEN)('%s: een plaatsing volgens de eigen regels is geldig', (soort) => {
    expect(controleerPlaatsing(geldigVoor(soort))).toEqual([]);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN.filter((c) => HUURCONSTRUCTIES[c].aanbiederVerplicht))('%s: zonder aanbieder geweigerd', (soort) => {
    expect(controleerPlaatsing({ ...geldigVoor(soort), aanbiederId: null })).toEqual([`${HUURCONSTRUCTIES[soort].label} vereist een betrokken aanbieder`]);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN.flatMap((c) => HUURCONSTRUCTIES[c].verplichteVoorwaarden.map((v) => [c, v] as const)))('%s: voorwaarde %s ontbreekt → geweigerd', (soort, voorwaarde) => {
    const p = geldigVoor(soort);
    const fouten = controleerPlaatsing({ ...p, voorwaarden: { ...p.voorwaarden, [voorwaarde]: '  ' } });
    expect(fouten).toEqual([`${HUURCONSTRUCTIES[soort].label} vereist voorwaarde '${voorwaardeLabel(voorwaarde)}'`]);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN.filter((c) => HUURCONSTRUCTIES[c].scharnier))('%s: scharnierdatum binnen min/max, daarbuiten geweigerd', (soort) => {
    const { minMaanden, maxMaanden } = HUURCONSTRUCTIES[soort].scharnier!;
    const p = geldigVoor(soort);
    expect(controleerPlaatsing({ ...p, omklapdatum: maandenLater(START, maxMaanden) })).toEqual([]);
    expect(controleerPlaatsing({ ...p, omklapdatum: plusDagen(maandenLater(START, minMaanden), -1) })[0]).toMatch(/tussen/);
    expect(controleerPlaatsing({ ...p, omklapdatum: plusDagen(maandenLater(START, maxMaanden), 1) })[0]).toMatch(/tussen/);
    expect(controleerPlaatsing({ ...p, omklapdatum: null })[0]).toMatch(/vereist een geplande/);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN.filter((c) => !HUURCONSTRUCTIES[c].scharnier))('%s: kent geen omklapdatum', (soort) => {
    expect(controleerPlaatsing({ ...geldigVoor(soort), omklapdatum: '2027-01-01' })).toEqual([`${HUURCONSTRUCTIES[soort].label} kent geen omklapdatum`]);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN)('%s: elke geweigerde regel noemt het veld waar het formulier hem toont', (soort) => {
    const r = HUURCONSTRUCTIES[soort];
    const leeg: PlaatsingInvoer = { huurconstructie: soort, startdatum: START, aanbiederId: null, voorwaarden: {}, omklapdatum: null };
    const paden = controleerPlaatsingVelden(leeg).map((f) => f.pad);
    expect(paden).toEqual([
      ...(r.aanbiederVerplicht ? ['aanbiederId'] : []),
      ...r.verplichteVoorwaarden.map((v) => `voorwaarden.${v}`),
      ...(r.scharnier ? ['omklapdatum'] : []),
    ]);
    for (const f of controleerPlaatsingVelden(leeg)) expect(f.veld).not.toMatch(/_/);
  });

  it.each(HUURCONSTRUCTIE_SOORTEN)('%s: einddatum vóór start geweigerd', (soort) => {
    expect(controleerPlaatsing({ ...geldigVoor(soort), einddatum: '2026-01-01' })).toContain('Einddatum ligt vóór de startdatum');
  });

  it.each(HUURCONSTRUCTIE_SOORTEN)('%s: waarschuwing volgt waarschuwDagenVooraf', (soort) => {
    const r = HUURCONSTRUCTIES[soort];
    const p = geldigVoor(soort);
    const w = waarschuwing(p);
    if (!r.scharnier) return expect(w).toBeNull();
    expect(w).toEqual({ moment: p.omklapdatum, vanaf: plusDagen(p.omklapdatum!, -r.waarschuwDagenVooraf), soort: r.scharnier.soort });
  });

  it('elke constructie heeft een label en een huurder', () => {
    for (const c of HUURCONSTRUCTIE_SOORTEN) {
      expect(HUURCONSTRUCTIES[c].label.length).toBeGreaterThan(3);
      expect(['client', 'aanbieder']).toContain(HUURCONSTRUCTIES[c].huurder);
      if (HUURCONSTRUCTIES[c].scharnier) expect(HUURCONSTRUCTIES[c].scharnier!.minMaanden).toBeLessThan(HUURCONSTRUCTIES[c].scharnier!.maxMaanden);
    }
  });
});

const datumArb = fc.integer({ min: 0, max: 2000 }).map((d) => plusDagen('2024-01-01', d));
const periodeArb = fc.tuple(datumArb, fc.option(fc.integer({ min: 1, max: 800 }), { nil: null })).map(([start, duur]) => ({
  startdatum: start,
  einddatum: duur === null ? null : plusDagen(start, duur),
}));

describe('overlap van plaatsingen', () => {
  it('is symmetrisch, en gelijk aan "er is een dag die in beide valt"', () => {
    fc.assert(
      fc.property(periodeArb, periodeArb, (a, b) => {
        expect(overlapt(a, b)).toBe(overlapt(b, a));
        // brute force over days: einddatum is the day the tenant leaves, so it is not occupied
        const bezet = (p: typeof a, d: string) => p.startdatum <= d && (!p.einddatum || d < p.einddatum);
        const laatste = [a.einddatum ?? plusDagen(a.startdatum, 900), b.einddatum ?? plusDagen(b.startdatum, 900)].sort()[1]!;
        let gedeeld = false;
        for (let d = [a.startdatum, b.startdatum].sort()[1]!; d <= laatste && !gedeeld; d = plusDagen(d, 1)) gedeeld = bezet(a, d) && bezet(b, d);
        expect(overlapt(a, b)).toBe(gedeeld);
      }),
      { numRuns: 300 },
    );
  });

  it('een periode overlapt altijd met zichzelf; aansluitend (eind = start) overlapt niet', () => {
    fc.assert(
      fc.property(periodeArb, (a) => {
        expect(overlapt(a, a)).toBe(true);
        if (a.einddatum) expect(overlapt(a, { startdatum: a.einddatum, einddatum: null })).toBe(false);
      }),
    );
  });
});

describe('woningstatus', () => {
  it('vooruit beschikbaar → gereserveerd → toegewezen → bewoond, en terug', () => {
    expect(controleerStatusovergang('beschikbaar', 'gereserveerd')).toBeNull();
    expect(controleerStatusovergang('gereserveerd', 'toegewezen')).toBeNull();
    expect(controleerStatusovergang('toegewezen', 'bewoond')).toBeNull();
    expect(controleerStatusovergang('bewoond', 'beschikbaar')).toBeNull();
    expect(controleerStatusovergang('gereserveerd', 'beschikbaar')).toBeNull();
    expect(controleerStatusovergang('beschikbaar', 'bewoond')).toMatch(/kan niet/);
    expect(controleerStatusovergang('bewoond', 'gereserveerd')).toMatch(/kan niet/);
  });

  it('elke status is terug te brengen naar beschikbaar en gelijk blijven mag altijd', () => {
    for (const s of WONING_STATUSSEN) {
      expect(controleerStatusovergang(s, s)).toBeNull();
      const bereikbaar = new Set([s]);
      for (let i = 0; i < 4; i++) for (const x of [...bereikbaar]) STATUS_OVERGANGEN[x].forEach((y) => bereikbaar.add(y));
      expect(bereikbaar).toContain('beschikbaar');
    }
  });

  it('een plaatsing maakt een vrije woning toegewezen (toekomst) of bewoond (vandaag of eerder)', () => {
    expect(statusNaPlaatsing('beschikbaar', { startdatum: '2026-12-01' }, '2026-11-01')).toEqual({ ok: true, status: 'toegewezen' });
    expect(statusNaPlaatsing('gereserveerd', { startdatum: '2026-11-01' }, '2026-11-01')).toEqual({ ok: true, status: 'bewoond' });
    expect(statusNaPlaatsing('bewoond', { startdatum: '2026-12-01' }, '2026-11-01').ok).toBe(false);
    expect(statusNaPlaatsing('toegewezen', { startdatum: '2026-12-01' }, '2026-11-01').ok).toBe(false);
    // a historical registration leaves the status alone
    expect(statusNaPlaatsing('bewoond', { startdatum: '2024-01-01', einddatum: '2025-01-01' }, '2026-11-01')).toEqual({ ok: true, status: 'bewoond' });
  });

  it('na beëindiging weer beschikbaar, tenzij er nog iets loopt of het einde in de toekomst ligt', () => {
    expect(statusNaEinde('bewoond', '2026-10-01', '2026-11-01', false)).toBe('beschikbaar');
    expect(statusNaEinde('bewoond', '2026-12-01', '2026-11-01', false)).toBe('bewoond');
    expect(statusNaEinde('bewoond', '2026-10-01', '2026-11-01', true)).toBe('bewoond');
  });
});

describe('reserveringsafspraken en spreiding', () => {
  it('afspraak: negatieve aantallen en onlogische maxima geweigerd', () => {
    expect(controleerAfspraak({ jaar: 2026, aantal: 5, maxPerComplex: 2, maxPerWijk: 4 })).toEqual([]);
    expect(controleerAfspraak({ jaar: 2026, aantal: -1, maxPerComplex: 2, maxPerWijk: 4 })).toEqual(['Aantal woningen mag niet negatief zijn']);
    expect(controleerAfspraak({ jaar: 2026, aantal: 1, maxPerComplex: 0, maxPerWijk: 4 })[0]).toMatch(/complex/);
    expect(controleerAfspraak({ jaar: 2026, aantal: 1, maxPerComplex: 3, maxPerWijk: 2 })[0]).toMatch(/per wijk/);
  });

  it('max per complex en per wijk', () => {
    const regels = { maxPerComplex: 2, maxPerWijk: 3 };
    const a = { complex: 'Lindelaan', wijk: 'Noord' };
    const b = { complex: 'Kerkstraat', wijk: 'Noord' };
    expect(controleerSpreiding(regels, [a], a)).toEqual([]);
    expect(controleerSpreiding(regels, [a, a], a)).toHaveLength(1);
    expect(controleerSpreiding(regels, [a, a, b], b)[0]).toMatch(/Wijk 'Noord'/);
    expect(controleerSpreiding(regels, [a, a, a], b)).toHaveLength(1);
    expect(controleerSpreiding(regels, [a, a, a], { complex: 'Lindelaan', wijk: 'Zuid' })).toEqual([]);
  });

  it('property: toevoegen tot de grens en niet verder', () => {
    const ligging = fc.record({ complex: fc.constantFrom('A', 'B', 'C'), wijk: fc.constantFrom('W1', 'W2') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.array(ligging, { maxLength: 30 }), (maxPerComplex, extra, kandidaten) => {
        const regels = { maxPerComplex, maxPerWijk: maxPerComplex + extra };
        const geplaatst: { complex: string; wijk: string }[] = [];
        for (const k of kandidaten) if (controleerSpreiding(regels, geplaatst, k).length === 0) geplaatst.push(k);
        for (const k of geplaatst) {
          expect(geplaatst.filter((g) => g.complex === k.complex && g.wijk === k.wijk).length).toBeLessThanOrEqual(regels.maxPerComplex);
          expect(geplaatst.filter((g) => g.wijk === k.wijk).length).toBeLessThanOrEqual(regels.maxPerWijk);
        }
      }),
    );
  });

  it('realisatie telt per jaar, gemeente en corporatie', () => {
    const afspraken = [{ id: 'x', jaar: 2026, gemeenteId: 'g', corporatieId: 'c' }];
    const tel = telRealisatie(afspraken, [
      { startdatum: '2026-01-01', gemeenteId: 'g', corporatieId: 'c' },
      { startdatum: '2026-12-31', gemeenteId: 'g', corporatieId: 'c' },
      { startdatum: '2025-12-31', gemeenteId: 'g', corporatieId: 'c' },
      { startdatum: '2026-05-01', gemeenteId: 'h', corporatieId: 'c' },
      { startdatum: '2026-05-01', gemeenteId: 'g', corporatieId: 'd' },
    ]);
    expect(tel.get('x')).toBe(2);
  });
});

describe('kandidaatgegevens', () => {
  it('leeftijdscategorie is grof', () => {
    expect(leeftijdscategorie(18)).toBe('18–24');
    expect(leeftijdscategorie(24)).toBe('18–24');
    expect(leeftijdscategorie(25)).toBe('25+');
  });
  it('woonwensen: alleen de drie afgesproken velden, robuust tegen rommel', () => {
    expect(leesWoonwensen({ gemeenten: ['a', 3], minKamers: 2, toegankelijk: true, notitie: 'geheim' })).toEqual({ gemeenten: ['a'], minKamers: 2, toegankelijk: true });
    expect(leesWoonwensen(null)).toEqual({ gemeenten: [], minKamers: null, toegankelijk: false });
  });
});
