import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GemeenteIndicatoren,
  type Indicator,
  VerdeelmodelFout,
  objectieveVerdeling,
  standaardIndicatoren,
  verdeelGrootsteRest,
} from '../../../src/domain/verdeelmodel/index.js';
import { type Breuk, breuk, gedeeld, maal, onderAf, plus, uitGetal, vergelijk } from '../../../src/domain/verdeelmodel/breuk.js';
import { exactQuota, gemeenten, indicatorSet, totaal } from './arbitraries.js';

const som = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('objectieveVerdeling — eigenschappen', () => {
  it('budgetten tellen exact op tot het totaal en zijn gehele centen ≥ 0', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, totaal, (gs, ind, tot) => {
        const v = objectieveVerdeling(gs, ind, tot);
        expect(som(v.map((r) => r.budgetCenten))).toBe(tot);
        for (const r of v) expect(Number.isSafeInteger(r.budgetCenten) && r.budgetCenten >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('elk budget ligt binnen 1 cent van het exacte proportionele bedrag', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, totaal, (gs, ind, tot) => {
        const v = objectieveVerdeling(gs, ind, tot);
        const q = exactQuota(gs, ind, tot);
        // floor(q) or ceil(q): strictly within 1 cent, exactly
        v.forEach((r, i) => {
          const afstand = plus(breuk(BigInt(r.budgetCenten)), breuk(-q[i]!.t, q[i]!.n));
          expect(vergelijk(afstand, breuk(-1n)) > 0 && vergelijk(afstand, breuk(1n)) < 0).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministisch en onafhankelijk van de volgorde van gemeenten', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, totaal, (gs, ind, tot) => {
        const v1 = objectieveVerdeling(gs, ind, tot);
        const omgekeerd = objectieveVerdeling([...gs].reverse(), ind, tot);
        const perCode = new Map(omgekeerd.map((r) => [r.gemeenteCode, r.budgetCenten]));
        // aandelen kunnen op float-niveau minimaal verschillen door andere sommatievolgorde;
        // bij identieke quota moet de tie-break op code hetzelfde resultaat geven
        for (const r of v1) expect(Math.abs(perCode.get(r.gemeenteCode)! - r.budgetCenten)).toBeLessThanOrEqual(1);
        expect(objectieveVerdeling(gs, ind, tot)).toEqual(v1);
      }),
      { numRuns: 100 },
    );
  });

  it('schalen van alle gewichten verandert niets', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, totaal, fc.integer({ min: 2, max: 1000 }), (gs, ind, tot, f) => {
        const a = objectieveVerdeling(gs, ind, tot).map((r) => r.budgetCenten);
        const b = objectieveVerdeling(gs, ind.map((i) => ({ ...i, gewicht: i.gewicht * f })), tot).map((r) => r.budgetCenten);
        a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(1));
      }),
      { numRuns: 100 },
    );
  });
});

describe('objectieveVerdeling — voorbeelden', () => {
  const g = (code: string, a: number, b = 1): GemeenteIndicatoren => ({ gemeenteCode: code, naam: code, waarden: { a, b }, historischBudget: 0 });
  const ind: Indicator[] = [{ code: 'a', naam: 'A', gewicht: 1 }];

  it('tie-break op gelijke rest: gemeenteCode oplopend', () => {
    const v = objectieveVerdeling([g('GM0003', 1), g('GM0001', 1), g('GM0002', 1)], ind, 100);
    expect(v.map((r) => [r.gemeenteCode, r.budgetCenten])).toEqual([
      ['GM0003', 33],
      ['GM0001', 34],
      ['GM0002', 33],
    ]);
  });

  it('grootste rest krijgt de extra cent', () => {
    // aandelen 1/6, 2/6, 3/6 van 101 cent → quota 16,83 / 33,67 / 50,5; 2 restcenten naar grootste resten
    const v = objectieveVerdeling([g('GM0001', 1), g('GM0002', 2), g('GM0003', 3)], ind, 101);
    expect(v.map((r) => r.budgetCenten)).toEqual([17, 34, 50]);
  });

  it('gewichten worden genormaliseerd en gecombineerd', () => {
    const set: Indicator[] = [
      { code: 'a', naam: 'A', gewicht: 3 },
      { code: 'b', naam: 'B', gewicht: 1 },
    ];
    // a: 1/4, 3/4 ; b: 1/2, 1/2 → 0.75·0.25+0.25·0.5 = 0.3125
    const v = objectieveVerdeling([g('GM0001', 1, 1), g('GM0002', 3, 1)], set, 10_000);
    expect(v[0].aandeel).toBeCloseTo(0.3125, 12);
    expect(v.map((r) => r.budgetCenten)).toEqual([3125, 6875]);
  });

  it('indicator met gewicht 0 hoeft geen waarden te hebben', () => {
    const set: Indicator[] = [...ind, { code: 'z', naam: 'Z', gewicht: 0 }];
    expect(() => objectieveVerdeling([g('GM0001', 1), g('GM0002', 1)], set, 10)).not.toThrow();
  });

  it('standaardIndicatoren: gewichten tellen op tot 1, alle positief, unieke codes', () => {
    expect(som(standaardIndicatoren.map((i) => i.gewicht))).toBeCloseTo(1, 12);
    expect(standaardIndicatoren.every((i) => i.gewicht > 0)).toBe(true);
    expect(new Set(standaardIndicatoren.map((i) => i.code)).size).toBe(standaardIndicatoren.length);
  });

  it('verdeelGrootsteRest respecteert grenzen', () => {
    expect(verdeelGrootsteRest(10, [
      { sleutel: 'x', quota: 2.9, min: 0, max: 2 },
      { sleutel: 'y', quota: 7.1, min: 0, max: 100 },
    ])).toEqual([2, 8]);
  });
});

describe('objectieveVerdeling — validatie (Nederlandse meldingen)', () => {
  const gs: GemeenteIndicatoren[] = [
    { gemeenteCode: 'GM0001', naam: 'Een', waarden: { a: 1 }, historischBudget: 0 },
    { gemeenteCode: 'GM0002', naam: 'Twee', waarden: { a: 2 }, historischBudget: 0 },
  ];
  const fout = (f: () => unknown): VerdeelmodelFout => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(VerdeelmodelFout);
      return e as VerdeelmodelFout;
    }
    throw new Error('verwachtte een VerdeelmodelFout');
  };

  it('negatief gewicht', () => {
    const e = fout(() => objectieveVerdeling(gs, [{ code: 'a', naam: 'A', gewicht: -1 }, { code: 'a2', naam: 'x', gewicht: 1 }], 10));
    expect(e.meldingen.join('\n')).toMatch(/gewicht van indicator 'a' is negatief/);
  });
  it('geen positief gewicht', () => {
    const e = fout(() => objectieveVerdeling(gs, [{ code: 'a', naam: 'A', gewicht: 0 }], 10));
    expect(e.meldingen).toContain('minstens één indicator moet een positief gewicht hebben');
  });
  it('ontbrekende waarde', () => {
    const e = fout(() => objectieveVerdeling(gs, [{ code: 'b', naam: 'B', gewicht: 1 }], 10));
    expect(e.meldingen).toContain("gemeente GM0001 (Een) mist een waarde voor indicator 'b'");
    expect(e.meldingen).toHaveLength(2);
  });
  it('negatieve waarde', () => {
    const e = fout(() => objectieveVerdeling([{ ...gs[0], waarden: { a: -3 } }, gs[1]], [{ code: 'a', naam: 'A', gewicht: 1 }], 10));
    expect(e.meldingen[0]).toMatch(/waarde voor 'a' is negatief/);
  });
  it('indicator overal 0, ongeldig totaal, dubbele gemeente', () => {
    const nul = gs.map((g) => ({ ...g, waarden: { a: 0 } }));
    expect(fout(() => objectieveVerdeling(nul, [{ code: 'a', naam: 'A', gewicht: 1 }], 10)).message).toMatch(/voor alle gemeenten 0/);
    expect(fout(() => objectieveVerdeling(gs, [{ code: 'a', naam: 'A', gewicht: 1 }], 10.5)).message).toMatch(/totaalbudget/);
    expect(fout(() => objectieveVerdeling([gs[0], gs[0]], [{ code: 'a', naam: 'A', gewicht: 1 }], 10)).message).toMatch(/meer dan één keer/);
  });
});

describe('objectieveVerdeling — exact, ook bij gelijke resten en grote totalen', () => {
  const g = (code: string, a: number): GemeenteIndicatoren => ({ gemeenteCode: code, naam: code, waarden: { a }, historischBudget: 0 });
  const ind: Indicator[] = [{ code: 'a', naam: 'A', gewicht: 1 }];

  it('gelijke resten van ⅓ gaan naar de laagste gemeentecode, ook als doubles ze ongelijk maken', () => {
    // exact 8⅓, 33⅓ en 58⅓ cent; als double 8,333…32 en 58,333…36, waardoor vroeger GM0003 de cent kreeg
    const v = objectieveVerdeling([g('GM0003', 175), g('GM0001', 25), g('GM0002', 100)], ind, 100);
    expect(v.map((r) => [r.gemeenteCode, r.budgetCenten])).toEqual([
      ['GM0003', 58],
      ['GM0001', 9],
      ['GM0002', 33],
    ]);
  });

  /** De specificatie, onafhankelijk in vereenvoudigde breuken uitgerekend: floor voor iedereen, de restcenten naar
   *  de grootste exacte rest, bij gelijke rest de laagste code. */
  function verwacht(gs: GemeenteIndicatoren[], inds: Indicator[], tot: number): Map<string, number> {
    const actief = inds.filter((i) => i.gewicht > 0);
    const som = (xs: Breuk[]) => xs.reduce(plus, breuk(0n));
    const W = som(actief.map((i) => uitGetal(i.gewicht)));
    const S = actief.map((i) => som(gs.map((x) => uitGetal(x.waarden[i.code]))));
    const quota = gs.map((x) =>
      maal(breuk(BigInt(tot)), som(actief.map((i, k) => gedeeld(maal(uitGetal(i.gewicht), uitGetal(x.waarden[i.code])), maal(W, S[k]))))),
    );
    const vloer = quota.map(onderAf);
    let over = BigInt(tot) - vloer.reduce((a, b) => a + b, 0n);
    const volgorde = gs
      .map((x, i) => ({ code: x.gemeenteCode, rest: plus(quota[i], breuk(-vloer[i])), i }))
      .sort((a, b) => vergelijk(b.rest, a.rest) || (a.code < b.code ? -1 : 1));
    const uit = new Map(gs.map((x, i) => [x.gemeenteCode, vloer[i]]));
    for (const { code } of volgorde) if (over-- > 0n) uit.set(code, uit.get(code)! + 1n);
    return new Map([...uit].map(([c, b]) => [c, Number(b)]));
  }

  it('gelijk aan de exacte grootste-restmethode voor elk totaal tot Number.MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, fc.oneof(totaal, fc.maxSafeNat(), fc.integer({ min: 1e15, max: Number.MAX_SAFE_INTEGER })), (gs, inds, tot) => {
        const v = objectieveVerdeling(gs, inds, tot);
        const e = verwacht(gs, inds, tot);
        for (const r of v) expect(r.budgetCenten).toBe(e.get(r.gemeenteCode));
      }),
      { numRuns: 150 },
    );
  });

  it('gelijke gemeenten met gelijke rest: de extra centen gaan op volgorde van code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 10_000 }), (n, tot) => {
        const gs = [...Array(n).keys()].reverse().map((i) => g(`GM${String(1000 + i)}`, 7));
        const v = objectieveVerdeling(gs, ind, tot);
        const perCode = [...v].sort((a, b) => (a.gemeenteCode < b.gemeenteCode ? -1 : 1)).map((r) => r.budgetCenten);
        const extra = tot % n;
        perCode.forEach((b, i) => expect(b).toBe(Math.floor(tot / n) + (i < extra ? 1 : 0)));
      }),
    );
  });
});
