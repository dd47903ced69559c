import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VerdeelmodelFout, ingroeipad, maxWijziging, verdeelGrootsteRest } from '../../../src/domain/verdeelmodel/index.js';

const som = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** Historisch en objectief met gelijke som (objectief = willekeurige verdeling van hetzelfde totaal). */
const scenario = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5e9 }), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: 1, maxLength: 25 })
  .map((rs) => {
    const codes = rs.map((_, i) => `GM${String(9000 + i)}`);
    const hist = rs.map(([h]) => h);
    const totaal = som(hist);
    const W = som(rs.map(([, w]) => w));
    const obj = verdeelGrootsteRest(totaal, rs.map(([, w], i) => ({ sleutel: codes[i], quota: (totaal * w) / W })));
    return {
      codes,
      historisch: Object.fromEntries(codes.map((c, i) => [c, hist[i]])),
      objectief: Object.fromEntries(codes.map((c, i) => [c, obj[i]])),
      totaal,
    };
  });

const parameters = fc.record({
  jaren: fc.integer({ min: 1, max: 12 }),
  maxWijzigingPerJaar: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.5, noNaN: true }), fc.constantFrom(0.01, 0.05, 0.1, 0.29)),
});

describe('ingroeipad — eigenschappen', () => {
  it('monotoon per gemeente, nooit voorbij het objectief, plafond per jaar gerespecteerd', () => {
    fc.assert(
      fc.property(scenario, parameters, (s, p) => {
        const r = ingroeipad({ ...s, ...p });
        for (const g of r.gemeenten) {
          expect(g.budgetten).toHaveLength(p.jaren);
          let vorig = g.historisch;
          for (const b of g.budgetten) {
            expect(Number.isSafeInteger(b)).toBe(true);
            if (g.objectief >= g.historisch) {
              expect(b).toBeGreaterThanOrEqual(vorig); // niet-dalend
              expect(b).toBeLessThanOrEqual(g.objectief); // geen overshoot
            } else {
              expect(b).toBeLessThanOrEqual(vorig); // niet-stijgend
              expect(b).toBeGreaterThanOrEqual(g.objectief);
            }
            expect(Math.abs(b - vorig)).toBeLessThanOrEqual(maxWijziging(vorig, p.maxWijzigingPerJaar));
            expect(Math.abs(b - vorig)).toBeLessThanOrEqual(p.maxWijzigingPerJaar * vorig + 1e-6);
            vorig = b;
          }
          expect(g.bereikt).toBe(g.budgetten[p.jaren - 1] === g.objectief);
          expect(g.restverschil).toBe(g.objectief - g.budgetten[p.jaren - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('elk jaar tellen de budgetten exact op tot het totaal (als Σhistorisch = totaal)', () => {
    fc.assert(
      fc.property(scenario, parameters, (s, p) => {
        const r = ingroeipad({ ...s, ...p });
        for (let j = 0; j < p.jaren; j++) {
          expect(som(r.gemeenten.map((g) => g.budgetten[j]))).toBe(s.totaal);
          expect(r.jaartotalen[j]).toEqual({ jaar: j + 1, doeltotaal: s.totaal, totaal: s.totaal, gehaald: true });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bereikt het objectief in jaar N als het plafond het lineaire tempo toelaat', () => {
    const ruim = fc
      .array(fc.tuple(fc.integer({ min: 1000, max: 5e9 }), fc.double({ min: 0.05, max: 20, noNaN: true })), { minLength: 1, maxLength: 25 })
      .chain((rs) => fc.tuple(fc.constant(rs), fc.integer({ min: 1, max: 10 })));
    fc.assert(
      fc.property(ruim, ([rs, jaren]) => {
        const codes = rs.map((_, i) => `GM${9000 + i}`);
        const hist = rs.map(([h]) => h);
        const totaal = som(hist);
        const W = som(rs.map(([, w]) => w));
        const obj = verdeelGrootsteRest(totaal, rs.map(([, w], i) => ({ sleutel: codes[i], quota: (totaal * w) / W })));
        // kleinste fractie waarbij ceil(|obj−hist|/N) + 2 ≤ floor(m · min(hist, obj)) voor iedereen
        const m = Math.max(
          0,
          ...codes.map((_, i) => (Math.ceil(Math.abs(obj[i] - hist[i]) / jaren) + 3) / Math.max(1, Math.min(hist[i], obj[i]))),
        );
        fc.pre(codes.every((_, i) => Math.min(hist[i], obj[i]) > 0));
        const r = ingroeipad({
          historisch: Object.fromEntries(codes.map((c, i) => [c, hist[i]])),
          objectief: Object.fromEntries(codes.map((c, i) => [c, obj[i]])),
          jaren,
          maxWijzigingPerJaar: m,
          totaal,
        });
        expect(r.allesBereikt).toBe(true);
        for (const g of r.gemeenten) expect(g.budgetten[jaren - 1]).toBe(g.objectief);
      }),
      { numRuns: 300 },
    );
  });

  it('met Σhistorisch ≠ totaal beweegt het jaartotaal naar het totaal; plafonds blijven gelden', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 })), { minLength: 1, maxLength: 15 }),
        parameters,
        (rs, p) => {
          const codes = rs.map((_, i) => `GM${9000 + i}`);
          const totaal = som(rs.map(([, o]) => o));
          const r = ingroeipad({
            historisch: Object.fromEntries(codes.map((c, i) => [c, rs[i][0]])),
            objectief: Object.fromEntries(codes.map((c, i) => [c, rs[i][1]])),
            totaal,
            ...p,
          });
          r.jaartotalen.forEach((jt, j) => {
            expect(som(r.gemeenten.map((g) => g.budgetten[j]))).toBe(jt.totaal);
            if (jt.gehaald) expect(jt.totaal).toBe(jt.doeltotaal);
          });
          if (r.allesBereikt) expect(r.jaartotalen[p.jaren - 1].totaal).toBe(totaal);
          for (const g of r.gemeenten) {
            let vorig = g.historisch;
            for (const b of g.budgetten) {
              expect(Math.abs(b - vorig)).toBeLessThanOrEqual(maxWijziging(vorig, p.maxWijzigingPerJaar));
              expect((b - vorig) * (g.objectief - vorig)).toBeGreaterThanOrEqual(0);
              vorig = b;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ingroeipad — voorbeelden', () => {
  it('lineair pad zonder knellend plafond', () => {
    const r = ingroeipad({
      historisch: { GM0001: 1000_00, GM0002: 3000_00 },
      objectief: { GM0001: 2000_00, GM0002: 2000_00 },
      jaren: 4,
      maxWijzigingPerJaar: 0.5,
      totaal: 4000_00,
    });
    expect(r.gemeenten[0].budgetten).toEqual([1250_00, 1500_00, 1750_00, 2000_00]);
    expect(r.gemeenten[1].budgetten).toEqual([2750_00, 2500_00, 2250_00, 2000_00]);
    expect(r.allesBereikt).toBe(true);
  });

  it('knellend plafond: doel niet bereikt, gerapporteerd met restverschil', () => {
    const r = ingroeipad({
      historisch: { GM0001: 1000_00, GM0002: 3000_00 },
      objectief: { GM0001: 2000_00, GM0002: 2000_00 },
      jaren: 3,
      maxWijzigingPerJaar: 0.05,
      totaal: 4000_00,
    });
    // GM0001 mag per jaar maar 5% groeien: 1000 → 1050 → 1102,50 → 1157,62
    expect(r.gemeenten[0].budgetten).toEqual([1050_00, 1102_50, 1157_62]);
    expect(r.gemeenten[0].bereikt).toBe(false);
    expect(r.gemeenten[0].restverschil).toBe(2000_00 - 1157_62);
    // GM0002 daalt even hard mee zodat het jaartotaal klopt
    expect(r.gemeenten[1].budgetten).toEqual([2950_00, 2897_50, 2842_38]);
    expect(r.allesBereikt).toBe(false);
  });

  it('plafond 0: niemand beweegt', () => {
    const r = ingroeipad({ historisch: { GM0001: 5, GM0002: 5 }, objectief: { GM0001: 0, GM0002: 10 }, jaren: 2, maxWijzigingPerJaar: 0, totaal: 10 });
    expect(r.gemeenten.map((g) => g.budgetten)).toEqual([[5, 5], [5, 5]]);
  });

  it('maxWijziging rondt af naar beneden en is robuust tegen float-fouten', () => {
    expect(maxWijziging(100, 0.29)).toBe(29);
    expect(maxWijziging(199, 0.05)).toBe(9);
    expect(maxWijziging(0, 0.5)).toBe(0);
  });

  it('validatie', () => {
    const basis = { historisch: { GM0001: 10 }, objectief: { GM0001: 10 }, jaren: 2, maxWijzigingPerJaar: 0.1, totaal: 10 };
    expect(() => ingroeipad({ ...basis, jaren: 0 })).toThrow(VerdeelmodelFout);
    expect(() => ingroeipad({ ...basis, maxWijzigingPerJaar: -0.1 })).toThrow(/maxWijzigingPerJaar/);
    expect(() => ingroeipad({ ...basis, totaal: 11 })).toThrow(/wijkt af van het totaal/);
    expect(() => ingroeipad({ ...basis, objectief: { GM0002: 10 } })).toThrow(/geen objectief budget/);
    expect(() => ingroeipad({ ...basis, historisch: { GM0001: 1.5 } })).toThrow(/historisch budget van GM0001/);
  });
});
