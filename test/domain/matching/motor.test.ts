import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genereerRegio } from '../../../bench/matching/genereer.js';
import { controleerToewijzing, matchGreedy, matchOptimaal, objectiefWaarde } from '../../../src/domain/matching/index.js';
import type { MatchInvoer } from '../../../src/domain/matching/types.js';
import { bruteForce, invoerArb } from './helpers.js';

describe('matchOptimaal', () => {
  it('is gelijk aan het brute-force-optimum op kleine instanties', () => {
    fc.assert(
      fc.property(invoerArb(5, 5), (invoer) => {
        const bf = bruteForce(invoer);
        const r = matchOptimaal(invoer);
        expect(controleerToewijzing(invoer, r.voorstellen)).toEqual([]);
        expect(r.objectief).toBe(bf.objectief);
        expect(r.statistiek.bovengrens!).toBeGreaterThanOrEqual(bf.objectief);
      }),
      { numRuns: 1000, seed: 20240601 },
    );
  });

  it('schendt nooit passing, quota, complex-, wijkmaxima of dubbele toewijzing (motor én greedy)', () => {
    fc.assert(
      fc.property(invoerArb(30, 30), (invoer) => {
        const r = matchOptimaal(invoer);
        const g = matchGreedy(invoer);
        expect(controleerToewijzing(invoer, r.voorstellen)).toEqual([]);
        expect(controleerToewijzing(invoer, g.voorstellen)).toEqual([]);
        expect(r.voorstellen.length + r.nietGeplaatst.length).toBe(invoer.kandidaten.length);
        expect(r.objectief).toBe(objectiefWaarde(invoer, r.voorstellen));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('is minstens zo goed als greedy', () => {
    fc.assert(
      fc.property(invoerArb(12, 12), (invoer) => {
        expect(matchOptimaal(invoer).objectief).toBeGreaterThanOrEqual(matchGreedy(invoer).objectief);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('blijft toelaatbaar en ≥ greedy op synthetische regio’s (met kruisende wijk/quotum-structuur)', () => {
    for (const seed of [1, 2, 3]) {
      const invoer = genereerRegio({ kandidaten: 600, woningen: 200, seed });
      const r = matchOptimaal(invoer);
      const g = matchGreedy(invoer);
      expect(controleerToewijzing(invoer, r.voorstellen)).toEqual([]);
      expect(r.objectief).toBeGreaterThanOrEqual(g.objectief);
      expect(r.statistiek.bovengrens!).toBeGreaterThanOrEqual(r.objectief);
    }
  });
});

describe('uitleg', () => {
  const basis = (resterend: number): MatchInvoer => ({
    kandidaten: [
      { id: 'k1', herkomstgemeenteId: 'G1', gemeentePreferenties: ['G1'], leeftijd: 40, woningTypes: ['zelfstandig'], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant', wachtdagen: 400, urgentie: 1 },
      { id: 'k2', herkomstgemeenteId: 'G1', gemeentePreferenties: ['G1'], leeftijd: 40, woningTypes: ['zelfstandig'], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant', wachtdagen: 100, urgentie: 0 },
      { id: 'k3', herkomstgemeenteId: 'G2', gemeentePreferenties: ['G2'], leeftijd: 40, woningTypes: ['prikkelarm'], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant', wachtdagen: 100, urgentie: 0 },
    ],
    woningen: [
      { id: 'w1', corporatieId: 'C1', gemeenteId: 'G1', wijk: 'Centrum', complex: 'Hof', type: 'zelfstandig', kamers: 2, toegankelijk: false },
      { id: 'w2', corporatieId: 'C1', gemeenteId: 'G1', wijk: 'Centrum', complex: 'Hof', type: 'zelfstandig', kamers: 2, toegankelijk: false },
    ],
    quota: [{ gemeenteId: 'G1', corporatieId: 'C1', resterend }],
    spreiding: { maxPerComplex: 5, maxPerWijk: 5, alGeplaatstPerComplex: {}, alGeplaatstPerWijk: {} },
  });

  it('noemt het uitgeputte quotum als bindende regel', () => {
    const r = matchOptimaal(basis(1));
    expect(r.voorstellen.map((v) => v.kandidaatId)).toEqual(['k1']);
    const v = r.voorstellen[0];
    expect(v.uitleg.bindendeRegels.join(' ')).toContain('quotum gemeente G1 / corporatie C1 uitgeput');
    expect(v.uitleg.redenen.join(' ')).toContain('wacht 400 dagen');
    expect(v.uitleg.tekst).toContain('voorkeur 1');
    const k2 = r.nietGeplaatst.find((n) => n.kandidaatId === 'k2')!;
    expect(k2.reden).toBe('quotum_uitgeput');
    expect(k2.uitleg.bindendeRegels.join(' ')).toContain('quotum gemeente G1 / corporatie C1 uitgeput');
    const k3 = r.nietGeplaatst.find((n) => n.kandidaatId === 'k3')!;
    expect(k3.reden).toBe('geen_passende_woning');
  });

  it('noemt complex- en wijkmaxima', () => {
    const inv = basis(5);
    inv.spreiding = { maxPerComplex: 3, maxPerWijk: 5, alGeplaatstPerComplex: { Hof: 2 }, alGeplaatstPerWijk: {} };
    const r = matchOptimaal(inv);
    expect(r.voorstellen).toHaveLength(1);
    const k2 = r.nietGeplaatst.find((n) => n.kandidaatId === 'k2')!;
    expect(k2.reden).toBe('spreiding');
    expect(k2.uitleg.bindendeRegels.join(' ')).toContain('max per complex bereikt');
    inv.spreiding = { maxPerComplex: 9, maxPerWijk: 4, alGeplaatstPerComplex: {}, alGeplaatstPerWijk: { 'G1|Centrum': 3 } };
    const r2 = matchOptimaal(inv);
    expect(r2.nietGeplaatst.find((n) => n.kandidaatId === 'k2')!.uitleg.bindendeRegels.join(' ')).toContain('wijkmaximum bereikt');
  });

  it('berekent uitleg pas bij lezen, maar JSON en spreiden zien gewone velden', () => {
    const r = matchOptimaal(basis(1));
    // nog niets gebouwd: alleen getters, geen waarden
    expect(typeof Object.getOwnPropertyDescriptor(r, 'nietGeplaatst')!.get).toBe('function');
    expect(typeof Object.getOwnPropertyDescriptor(r.voorstellen[0], 'uitleg')!.get).toBe('function');
    const tekst = r.voorstellen[0].uitleg.tekst;
    expect(Object.getOwnPropertyDescriptor(r.voorstellen[0], 'uitleg')!.value.tekst).toBe(tekst);
    expect(typeof Object.getOwnPropertyDescriptor(r, 'nietGeplaatst')!.get).toBe('function');
    const json = JSON.parse(JSON.stringify(r)) as typeof r;
    expect(json.voorstellen[0].uitleg.tekst).toBe(r.voorstellen[0].uitleg.tekst);
    expect(json.nietGeplaatst.map((n) => [n.kandidaatId, n.reden])).toEqual([
      ['k2', 'quotum_uitgeput'],
      ['k3', 'geen_passende_woning'],
    ]);
    const kopie = { ...r.nietGeplaatst[0] };
    expect(kopie.uitleg.bindendeRegels.join(' ')).toContain('quotum gemeente G1 / corporatie C1 uitgeput');
    // overschrijven blijft mogelijk (de database-laag vervangt ids door namen)
    const v = r.voorstellen[0];
    v.uitleg = { ...v.uitleg, tekst: 'vervangen' };
    expect(r.voorstellen[0].uitleg.tekst).toBe('vervangen');
  });

  it('legt uit dat alle passende woningen naar hogere scores gingen', () => {
    const inv = basis(5);
    inv.woningen = inv.woningen.slice(0, 1);
    const r = matchOptimaal(inv);
    expect(r.voorstellen[0].kandidaatId).toBe('k1');
    expect(r.nietGeplaatst.find((n) => n.kandidaatId === 'k2')!.reden).toBe('lagere_prioriteit');
  });
});

describe('eigen maxima per reserveringsafspraak (docs/adr/0033)', () => {
  const kandidaat = (i: number) => ({
    id: `k${i}`,
    herkomstgemeenteId: 'G1',
    gemeentePreferenties: ['G1'],
    leeftijd: 40,
    woningTypes: ['zelfstandig' as const],
    minKamers: 1,
    toegankelijkNodig: false,
    ondersteuning: 'ambulant' as const,
    wachtdagen: 100 * i,
    urgentie: 0 as const,
  });
  const woning = (id: string, corporatieId: string, complex: string) => ({ id, corporatieId, gemeenteId: 'G1', wijk: 'Centrum', complex, type: 'zelfstandig' as const, kamers: 1, toegankelijk: false });
  // twee afspraken in dezelfde gemeente en wijk: C1 streng (1 per complex, 1 per wijk), C2 ruim (3 en 3);
  // de regioregel (0) mag voor geen van beide woningen gelden
  const invoer = (): MatchInvoer => ({
    kandidaten: [1, 2, 3, 4, 5, 6].map(kandidaat),
    woningen: [woning('a1', 'C1', 'Hof'), woning('a2', 'C1', 'Hof'), woning('a3', 'C1', 'Hof'), woning('b1', 'C2', 'Laan'), woning('b2', 'C2', 'Laan'), woning('b3', 'C2', 'Laan')],
    quota: [
      { gemeenteId: 'G1', corporatieId: 'C1', resterend: 9, maxPerComplex: 1, maxPerWijk: 1 },
      { gemeenteId: 'G1', corporatieId: 'C2', resterend: 9, maxPerComplex: 3, maxPerWijk: 3 },
    ],
    spreiding: { maxPerComplex: 0, maxPerWijk: 0, alGeplaatstPerComplex: {}, alGeplaatstPerWijk: {} },
  });
  const perCorporatie = (r: ReturnType<typeof matchOptimaal>) => {
    const n: Record<string, number> = {};
    for (const v of r.voorstellen) n[v.woningId[0]] = (n[v.woningId[0]] ?? 0) + 1;
    return n;
  };

  it('past elk maximum alleen toe op de woningen van die afspraak', () => {
    const r = matchOptimaal(invoer());
    expect(perCorporatie(r)).toEqual({ a: 1, b: 3 });
    expect(controleerToewijzing(invoer(), r.voorstellen)).toEqual([]);
    expect(matchGreedy(invoer()).voorstellen).toHaveLength(4);
    expect(r.objectief).toBe(bruteForce(invoer()).objectief);
  });

  it('telt de wijk per afspraak, met wat dit jaar al onder die afspraak geplaatst is', () => {
    const inv = invoer();
    inv.quota[1].maxPerWijk = 2;
    inv.spreiding.alGeplaatstPerAfspraakWijk = { 'G1|C2|Centrum': 1 };
    // al geplaatst onder C1 in dezelfde wijk telt niet voor C2 (en andersom)
    inv.spreiding.alGeplaatstPerAfspraakComplex = { 'G1|C2|Centrum|Hof': 1 };
    expect(perCorporatie(matchOptimaal(inv))).toEqual({ a: 1, b: 1 });
  });

  it('de controle keurt een plaatsing boven het maximum van de eigen afspraak af', () => {
    const fouten = controleerToewijzing(invoer(), [
      { kandidaatId: 'k1', woningId: 'a1' },
      { kandidaatId: 'k2', woningId: 'a2' },
    ]);
    expect(fouten.join(' ')).toContain('complex G1|C1|Centrum|Hof over het maximum van de afspraak (0+2 > 1)');
    expect(fouten.join(' ')).toContain('wijk G1|C1|Centrum over het maximum van de afspraak (0+2 > 1)');
  });

  it('noemt het maximum van de afspraak in de uitleg', () => {
    const r = matchOptimaal(invoer());
    const a = r.voorstellen.find((v) => v.woningId.startsWith('a'))!;
    expect(a.uitleg.bindendeRegels.join(' ')).toContain('max. 1 per complex volgens de afspraak G1 – C1');
    expect(a.uitleg.bindendeRegels.join(' ')).toContain('max. 1 per wijk volgens de afspraak G1 – C1');
    const b = r.voorstellen.find((v) => v.woningId.startsWith('b'))!;
    expect(b.uitleg.bindendeRegels.join(' ')).toContain('max. 3 per complex volgens de afspraak G1 – C2');
  });
});

describe('objectiefWaarde', () => {
  it('rekent de gedocumenteerde formule', () => {
    const inv: MatchInvoer = {
      kandidaten: [
        { id: 'a', herkomstgemeenteId: 'G1', gemeentePreferenties: ['G1', 'G2'], leeftijd: 30, woningTypes: ['zelfstandig'], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant', wachtdagen: 2000, urgentie: 2 },
      ],
      woningen: [{ id: 'w', corporatieId: 'C', gemeenteId: 'G2', wijk: 'W', complex: 'K', type: 'zelfstandig', kamers: 1, toegankelijk: false }],
      quota: [{ gemeenteId: 'G2', corporatieId: 'C', resterend: 1 }],
      spreiding: { maxPerComplex: 1, maxPerWijk: 1, alGeplaatstPerComplex: {}, alGeplaatstPerWijk: {} },
    };
    // 10000 + 2·1095 + 2000·2 − 500·1 + 1500·min(1, ⌈1·1/1⌉)
    expect(objectiefWaarde(inv, [{ kandidaatId: 'a', woningId: 'w' }])).toBe(10000 + 2190 + 4000 - 500 + 1500);
  });
});
