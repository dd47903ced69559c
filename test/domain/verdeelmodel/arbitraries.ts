import fc from 'fast-check';
import type { GemeenteIndicatoren, Indicator } from '../../../src/domain/verdeelmodel/index.js';
import { type Breuk, breuk, gedeeld, maal, plus, uitGetal } from '../../../src/domain/verdeelmodel/breuk.js';

export const INDICATOR_CODES = ['a', 'b', 'c', 'd'] as const;

/** Indicatorsets met gewichten ≥ 0 en minstens één positief gewicht. */
export const indicatorSet: fc.Arbitrary<Indicator[]> = fc
  .array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 100, noNaN: true })), {
    minLength: INDICATOR_CODES.length,
    maxLength: INDICATOR_CODES.length,
  })
  .filter((ws) => ws.some((w) => w > 0))
  .map((ws) => ws.map((gewicht, i) => ({ code: INDICATOR_CODES[i], naam: INDICATOR_CODES[i], gewicht })));

/** Gemeenten met per indicator minstens één positieve waarde (anders is normaliseren onmogelijk). */
export const gemeenten: fc.Arbitrary<GemeenteIndicatoren[]> = fc
  .array(
    fc.record({
      a: fc.integer({ min: 0, max: 1_000_000 }),
      b: fc.double({ min: 0, max: 1e6, noNaN: true }),
      c: fc.integer({ min: 0, max: 50 }),
      d: fc.integer({ min: 0, max: 3 }),
      historischBudget: fc.integer({ min: 0, max: 1e10 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .filter((rs) => INDICATOR_CODES.every((k) => rs.some((r) => r[k] > 0)))
  .map((rs) =>
    rs.map(({ historischBudget, ...waarden }, i) => ({
      gemeenteCode: `GM${String(9000 + i).padStart(4, '0')}`,
      naam: `Gemeente ${i}`,
      waarden,
      historischBudget,
    })),
  );

export const totaal = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2e11 }));

/**
 * Exact proportioneel aandeel in centen, onafhankelijk herberekend in vereenvoudigde breuken (een float-berekening
 * wijkt bij totalen van 1e11 cent al 1e-5 cent af en kan dus niet beslissen of een budget binnen 1 cent ligt).
 */
export function exactQuota(gs: GemeenteIndicatoren[], ind: Indicator[], tot: number): Breuk[] {
  const actief = ind.filter((i) => i.gewicht > 0);
  const som = (xs: Breuk[]) => xs.reduce(plus, breuk(0n));
  const W = som(actief.map((i) => uitGetal(i.gewicht)));
  const S = actief.map((i) => som(gs.map((g) => uitGetal(g.waarden[i.code]))));
  return gs.map((g) =>
    maal(breuk(BigInt(tot)), som(actief.map((i, k) => gedeeld(maal(uitGetal(i.gewicht), uitGetal(g.waarden[i.code])), maal(W, S[k]))))),
  );
}
