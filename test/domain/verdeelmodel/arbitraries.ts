import fc from 'fast-check';
import type { GemeenteIndicatoren, Indicator } from '../../../src/domain/verdeelmodel/index.js';

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

/** Exact (float) proportioneel aandeel, onafhankelijk herberekend. */
export function exactQuota(gs: GemeenteIndicatoren[], ind: Indicator[], tot: number): number[] {
  const actief = ind.filter((i) => i.gewicht > 0);
  const W = actief.reduce((s, i) => s + i.gewicht, 0);
  return gs.map(
    (g) =>
      tot *
      actief.reduce((s, i) => s + (i.gewicht / W) * (g.waarden[i.code] / gs.reduce((t, h) => t + h.waarden[i.code], 0)), 0),
  );
}
