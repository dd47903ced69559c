import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VerdeelmodelFout, ingroeipad, maxWijziging, verdeelGrootsteRest } from '../../../src/domain/verdeelmodel/index.js';
import { type Breuk, breuk, onderAf, plus, vergelijk } from '../../../src/domain/verdeelmodel/breuk.js';

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

describe('ingroeipad — bereikt het objectief zodra er een geldig pad bestaat', () => {
  /**
   * Alle geldige paden, uitputtend: per jaar elke combinatie van gehele budgetten binnen monotonie en plafond
   * waarvan de som het (haalbare) jaartotaal is. Onafhankelijk van de implementatie opgeschreven.
   */
  function padBestaat(hist: number[], obj: number[], jaren: number, fractie: { t: number; n: number }, totaal: number): boolean {
    const cap = (p: number) => Math.floor((p * fractie.t) / fractie.n);
    let staten = new Map<string, number[]>([[hist.join(','), hist]]);
    for (let jaar = 1; jaar <= jaren; jaar++) {
      const rest = jaren - jaar + 1;
      const volgende = new Map<string, number[]>();
      for (const p of staten.values()) {
        const lo = p.map((b, g) => (obj[g] >= b ? b : Math.max(obj[g], b - cap(b))));
        const hi = p.map((b, g) => (obj[g] >= b ? Math.min(obj[g], b + cap(b)) : b));
        const sp = som(p);
        const doel = sp + Math.floor((totaal - sp) / rest + 0.5);
        const haalbaar = Math.min(som(hi), Math.max(som(lo), doel));
        const kies = (g: number, acc: number[]): void => {
          if (g === p.length) {
            if (som(acc) === haalbaar) volgende.set(acc.join(','), [...acc]);
            return;
          }
          for (let b = lo[g]; b <= hi[g]; b++) kies(g + 1, [...acc, b]);
        };
        kies(0, []);
      }
      staten = volgende;
    }
    return staten.has(obj.join(','));
  }

  const klein = fc.record({
    hist: fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 2, maxLength: 3 }),
    verdeling: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
    jaren: fc.integer({ min: 1, max: 5 }),
    fractie: fc.constantFrom({ t: 1, n: 10 }, { t: 1, n: 5 }, { t: 1, n: 4 }, { t: 3, n: 10 }, { t: 1, n: 2 }, { t: 7, n: 10 }, { t: 1, n: 1 }),
    zelfdeTotaal: fc.boolean(),
    extra: fc.integer({ min: -6, max: 6 }),
  });

  it('uitputtend vergeleken op kleine gevallen: bestaat er een pad, dan wordt het objectief bereikt', () => {
    let gevallenMetPad = 0;
    fc.assert(
      fc.property(klein, ({ hist, verdeling, jaren, fractie, zelfdeTotaal, extra }) => {
        const n = hist.length;
        const totaal = Math.max(0, som(hist) + (zelfdeTotaal ? 0 : extra));
        const codes = hist.map((_, i) => `GM000${i + 1}`);
        const w = verdeling.slice(0, n);
        const obj = som(w) === 0 ? verdeelGrootsteRest(totaal, codes.map((c) => ({ sleutel: c, quota: totaal / n }))) : verdeelGrootsteRest(totaal, codes.map((c, i) => ({ sleutel: c, quota: (totaal * w[i]) / som(w) })));
        const bestaat = padBestaat(hist, obj, jaren, fractie, totaal);
        const r = ingroeipad({
          historisch: Object.fromEntries(codes.map((c, i) => [c, hist[i]])),
          objectief: Object.fromEntries(codes.map((c, i) => [c, obj[i]])),
          jaren,
          maxWijzigingPerJaar: fractie.t / fractie.n,
          totaal,
        });
        if (bestaat) gevallenMetPad++;
        expect(r.allesBereikt).toBe(bestaat);
        expect(r.knelpunten.length > 0).toBe(!bestaat);
      }),
      { numRuns: 1000 },
    );
    expect(gevallenMetPad).toBeGreaterThan(100);
  });

  it('twee gemeenten, 21 jaar, 50%: het objectief wordt gehaald (vroeger eindigde de daler 3,5× boven zijn objectief)', () => {
    const r = ingroeipad({ historisch: { GM0001: 100, GM0002: 10000 }, objectief: { GM0001: 10000, GM0002: 100 }, jaren: 21, maxWijzigingPerJaar: 0.5, totaal: 10100 });
    expect(r.allesBereikt).toBe(true);
    expect(r.gemeenten.map((g) => g.budgetten[20])).toEqual([10000, 100]);
  });

  it('zegt welk plafond het verhindert', () => {
    const r = ingroeipad({ historisch: { GM0001: 1000_00, GM0002: 3000_00 }, objectief: { GM0001: 2000_00, GM0002: 2000_00 }, jaren: 3, maxWijzigingPerJaar: 0.05, totaal: 4000_00 });
    expect(r.knelpunten).toEqual([
      'GM0001: met een plafond van 5 % per jaar zijn minstens 15 jaar nodig om van € 1.000,00 naar € 2.000,00 te gaan',
      'GM0002: met een plafond van 5 % per jaar zijn minstens 8 jaar nodig om van € 3.000,00 naar € 2.000,00 te gaan',
    ]);
    const samen = ingroeipad({ historisch: { GM0001: 100, GM0002: 1000 }, objectief: { GM0001: 1000, GM0002: 100 }, jaren: 6, maxWijzigingPerJaar: 0.5, totaal: 1100 });
    expect(samen.allesBereikt).toBe(false);
    expect(samen.knelpunten[0]).toMatch(/^Het jaartotaal: .*minstens 7 jaar nodig\.$/);
    const metNaam = ingroeipad({ historisch: { GM0001: 0, GM0002: 10 }, objectief: { GM0001: 5, GM0002: 5 }, jaren: 3, maxWijzigingPerJaar: 0.5, totaal: 10, namen: { GM0001: 'Centrumstad' } });
    expect(metNaam.knelpunten).toEqual(['Centrumstad (GM0001): met een plafond van 50 % per jaar kan het budget van € 0,00 nooit € 0,05 worden (een budget van € 0,00 kan niet groeien)']);
  });

  it('het plafond wordt nooit door afronding overschreden: floor(fractie × vorig) exact, zonder marge', () => {
    // 0,29 × 100 = 28,999… als double; 0,3 × 9.999.999.999.999 = 2.999.999.999.999,7 → 2.999.999.999.999
    expect(maxWijziging(100, 0.29)).toBe(29);
    expect(maxWijziging(9_999_999_999_999, 0.3)).toBe(2_999_999_999_999);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.maxSafeNat(), (promille, vorig) => {
        const f = promille / 10_000;
        const exact = (BigInt(vorig) * BigInt(promille)) / 10_000n;
        expect(maxWijziging(vorig, f)).toBe(Number(exact));
      }),
    );
  });
});

describe('ingroeipad — exact afgerond, ook bij gelijke resten en totalen tot Number.MAX_SAFE_INTEGER', () => {
  /** Hamilton, onafhankelijk in vereenvoudigde breuken: floor voor iedereen, de restcenten naar de grootste rest,
   *  bij gelijke rest de laagste gemeentecode. */
  function hamilton(codes: string[], quota: Breuk[], doel: bigint): number[] {
    const vloer = quota.map(onderAf);
    let over = doel - vloer.reduce((a, b) => a + b, 0n);
    const uit = [...vloer];
    const volgorde = codes
      .map((code, i) => ({ code, i, rest: plus(quota[i], breuk(-vloer[i])) }))
      .sort((a, b) => vergelijk(b.rest, a.rest) || (a.code < b.code ? -1 : 1));
    for (const { i } of volgorde) if (over-- > 0n) uit[i] += 1n;
    return uit.map(Number);
  }

  it('knelt het plafond niet, dan is elk jaar de exacte grootste-restmethode van vorig + gat / resterende jaren', () => {
    // plafond 100 % en objectief ≤ 2 × historisch: het plafond knelt nooit, dus elk jaar is het zuivere tempo
    // (λ = 0); kleine budgetten en drie jaar maken gelijke resten van ⅓ en ⅔ gewoon
    const geval = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 100 })), { minLength: 2, maxLength: 12 })
      .chain((rs) => fc.record({ rs: fc.constant(rs), jaren: fc.integer({ min: 2, max: 6 }), volgorde: fc.shuffledSubarray(rs.map((_, i) => i), { minLength: rs.length }) }));
    fc.assert(
      fc.property(geval, ({ rs, jaren, volgorde }) => {
        const codes = rs.map((_, i) => `GM${String(1000 + volgorde[i])}`);
        const hist = rs.map(([h]) => h);
        const totaal = som(hist);
        // objectief: een verschuiving van hoogstens de helft van elk budget, met som 0
        const wens = rs.map(([h, p]) => Math.floor((h * p) / 200));
        const obj = hist.map((h, i) => h + wens[i] - (i === 0 ? som(wens) : 0));
        fc.pre(obj.every((o, i) => o >= 0 && o <= 2 * hist[i]));
        const r = ingroeipad({
          historisch: Object.fromEntries(codes.map((c, i) => [c, hist[i]])),
          objectief: Object.fromEntries(codes.map((c, i) => [c, obj[i]])),
          jaren,
          maxWijzigingPerJaar: 1,
          totaal,
        });
        const perCode = new Map(r.gemeenten.map((g) => [g.gemeenteCode, g.budgetten]));
        let vorig = hist;
        for (let jaar = 1; jaar <= jaren; jaar++) {
          const rest = BigInt(jaren - jaar + 1);
          const quota = vorig.map((p, i) => plus(breuk(BigInt(p)), breuk(BigInt(obj[i] - p), rest)));
          const verwacht = hamilton(codes, quota, BigInt(totaal));
          const gekregen = codes.map((c) => perCode.get(c)![jaar - 1]);
          expect(gekregen).toEqual(verwacht);
          vorig = gekregen;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drie gelijke resten van ⅓: de cent gaat naar de laagste gemeentecode (als double won GM0003)', () => {
    const r = ingroeipad({ historisch: { GM0001: 10, GM0002: 1000, GM0003: 3000 }, objectief: { GM0001: 11, GM0002: 1001, GM0003: 2998 }, jaren: 3, maxWijzigingPerJaar: 0.5, totaal: 4010 });
    expect(r.gemeenten.map((g) => g.budgetten[0])).toEqual([11, 1000, 2999]);
  });

  it('bij totalen tot Number.MAX_SAFE_INTEGER telt elk jaar exact op, en blijft elk budget binnen plafond en monotonie', () => {
    const verdeel = (totaal: number, ws: number[], codes: string[]) =>
      verdeelGrootsteRest(totaal, codes.map((c, i) => ({ sleutel: c, quota: breuk(BigInt(totaal) * BigInt(ws[i]), BigInt(som(ws))) })));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1e14, max: Number.MAX_SAFE_INTEGER }),
        fc.option(fc.integer({ min: 1e14, max: Number.MAX_SAFE_INTEGER })),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (rs, somHistorisch, anderTotaal, jaren, promille) => {
          const codes = rs.map((_, i) => `GM${String(1000 + i)}`);
          const totaal = anderTotaal ?? somHistorisch;
          const hist = verdeel(somHistorisch, rs.map(([h]) => h), codes);
          const ws = rs.map(([, o]) => o);
          if (som(ws) === 0) ws[0] = 1;
          const obj = verdeel(totaal, ws, codes);
          const r = ingroeipad({
            historisch: Object.fromEntries(codes.map((c, i) => [c, hist[i]])),
            objectief: Object.fromEntries(codes.map((c, i) => [c, obj[i]])),
            jaren,
            maxWijzigingPerJaar: promille / 1000,
            totaal,
          });
          r.gemeenten.forEach((g, i) => {
            let vorig = hist[i];
            for (const b of g.budgetten) {
              expect(Number.isSafeInteger(b)).toBe(true);
              const stap = BigInt(b) - BigInt(vorig);
              expect(stap < 0n ? -stap : stap).toBeLessThanOrEqual((BigInt(vorig) * BigInt(promille)) / 1000n);
              expect(b).toBeGreaterThanOrEqual(Math.min(vorig, obj[i]));
              expect(b).toBeLessThanOrEqual(Math.max(vorig, obj[i]));
              vorig = b;
            }
          });
          r.jaartotalen.forEach((j, t) => {
            const jaarsom = r.gemeenten.reduce((a, g) => a + BigInt(g.budgetten[t]), 0n);
            expect(jaarsom).toBe(BigInt(j.totaal));
            if (anderTotaal === null) expect(jaarsom).toBe(BigInt(totaal));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
