/**
 * De motor moet elke keer exact zijn. Property-tests met willekeurige seeds (fast-check kiest ze per run; bij
 * een fout print hij seed en tegenvoorbeeld): regio's uit de bench-generator tot 5k × 1,2k en willekeurige
 * kleine regio's, vergeleken met HiGHS. Faalt op elk gat waar de motor optimaliteit claimt, op een bovengrens
 * onder het optimum, op een geschonden harde regel, en ook als hij het optimum niet haalt of niet bewijst.
 * Grote regio's weinig runs, kleine veel (samen ~40 s op 2 kernen).
 * 5k seed 10 en de 20k-bench-instantie lagen eerder onder het optimum (−280 en −1472); kleine regio's met een
 * integraliteitsgat (LP-grens ver boven het optimum) bleven zonder bewijs tot de exacte terugval (vertakking.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genereerRegio } from '../../../bench/matching/genereer.js';
import { matchExact } from '../../../src/domain/matching/exact-highs.js';
import { controleerToewijzing, matchOptimaal } from '../../../src/domain/matching/index.js';
import type { MotorOpties } from '../../../src/domain/matching/engine.js';
import type { MatchInvoer } from '../../../src/domain/matching/types.js';
import { bruteForce, invoerArb } from './helpers.js';

async function vergelijk(invoer: MatchInvoer, naam: string, opties: MotorOpties = {}) {
  const motor = matchOptimaal(invoer, opties);
  const exact = await matchExact(invoer, { tijdslimiet: 120 });
  expect(exact.optimaal, `${naam}: HiGHS bewijst het optimum`).toBe(true);
  const opt = exact.objectief!;
  const s = motor.statistiek;
  expect(controleerToewijzing(invoer, motor.voorstellen), `${naam}: harde regels`).toEqual([]);
  expect(s.bovengrens!, `${naam}: bovengrens is een echte grens`).toBeGreaterThanOrEqual(opt);
  if (s.optimaalBewezen) expect(motor.objectief, `${naam}: claimt optimaal, dus geen gat`).toBe(opt);
  else expect(s.gap!, `${naam}: zonder bewijs wordt een gat gemeld`).toBeGreaterThan(0);
  expect({ naam, objectief: motor.objectief, bewezen: s.optimaalBewezen }).toEqual({ naam, objectief: opt, bewezen: true });
}

/** Seeds voor de generator; fast-check kiest ze willekeurig, `verplicht` draait altijd mee. */
const generatorSeeds = (verplicht: number[]) => ({ examples: verplicht.map((s) => [s] as [number]), endOnFailure: true });

describe('motor is exact (vergeleken met HiGHS)', () => {
  it('op 5k × 1,2k: seed 10 (eerder −280) en willekeurige seeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), (seed) => vergelijk(genereerRegio({ kandidaten: 5_000, woningen: 1_200, seed }), `5k seed ${seed}`)),
      { numRuns: 2, ...generatorSeeds([10]) },
    );
  }, 300_000);

  it('kolomgeneratie over profielen: een kleine startselectie (veel prijsrondes) haalt hetzelfde optimum', async () => {
    let meerRondes = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.02, 0.1, 0.5), async (seed, factor) => {
        const invoer = genereerRegio({ kandidaten: 2_000, woningen: 500, seed });
        await vergelijk(invoer, `2k seed ${seed} selectie ${factor}`, { profielSelectie: factor });
        if ((matchOptimaal(invoer, { profielSelectie: factor }).statistiek.prijsrondes ?? 0) > 1) meerRondes++;
      }),
      { numRuns: 4, examples: [[3, 0.02]], endOnFailure: true },
    );
    expect(meerRondes, 'de prijsronde voegt profielen toe (anders test dit niets)').toBeGreaterThan(0);
  }, 300_000);

  it('met eigen maxima per afspraak (per complex en per wijk van gemeente + corporatie), 2k × 500 en 5k × 1,2k', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom([2_000, 500], [5_000, 1_200]), (seed, [k, w]) =>
        vergelijk(genereerRegio({ kandidaten: k, woningen: w, seed, eigenMaxima: true }), `${k}×${w} seed ${seed} eigen maxima`),
      ),
      { numRuns: 3, examples: [[10, [5_000, 1_200]]], endOnFailure: true },
    );
  }, 300_000);

  it('op 2k × 500 met willekeurige seeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), (seed) => vergelijk(genereerRegio({ kandidaten: 2_000, woningen: 500, seed }), `2k seed ${seed}`)),
      { numRuns: 6, ...generatorSeeds([2]) },
    );
  }, 300_000);

  it('op kleine generatorregio’s met 2–3 gemeenten (veel kruisende wijken en quota)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(2, 3), fc.constantFrom([300, 100], [600, 200], [1_000, 300]), (seed, gemeenten, [k, w]) =>
        vergelijk(genereerRegio({ kandidaten: k, woningen: w, seed, gemeenten }), `${k}×${w} seed ${seed} (${gemeenten} gemeenten)`),
      ),
      { numRuns: 20, endOnFailure: true },
    );
  }, 300_000);

  it('op willekeurige kleine regio’s (kruisende wijken/quota, complexen over blokken)', async () => {
    await fc.assert(
      fc.asyncProperty(invoerArb(40, 40), (invoer) => vergelijk(invoer, 'willekeurig')),
      { numRuns: 400 },
    );
  }, 300_000);
});

describe('exacte terugval (vertakken en begrenzen)', () => {
  // Gevonden door de property-test hierboven: de LP-relaxatie (en dus elke Lagrange-grens) ligt op 25035,
  // het optimum op 18190. Subgradiëntiteraties alleen konden dit nooit bewijzen.
  const integraliteitsgat: MatchInvoer = {
    kandidaten: [
      { id: 'k0', herkomstgemeenteId: 'G2', gemeentePreferenties: ['G1'], leeftijd: 23, woningTypes: ['onzelfstandig', 'prikkelarm', 'zelfstandig'], minKamers: 2, toegankelijkNodig: false, ondersteuning: 'beschermd_thuis', wachtdagen: 1449, urgentie: 1 },
      { id: 'k1', herkomstgemeenteId: 'G2', gemeentePreferenties: ['G2'], leeftijd: 55, woningTypes: ['zelfstandig', 'onzelfstandig'], minKamers: 2, toegankelijkNodig: true, ondersteuning: 'ambulant', wachtdagen: 1378, urgentie: 0 },
      { id: 'k2', herkomstgemeenteId: 'G1', gemeentePreferenties: ['G1', 'G2'], leeftijd: 19, woningTypes: ['zelfstandig', 'jongeren_cluster'], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant', wachtdagen: 1145, urgentie: 3 },
    ],
    woningen: [
      { id: 'w0', corporatieId: 'C2', gemeenteId: 'G2', wijk: 'W2', complex: 'B-G2-C2-W2', type: 'prikkelarm', kamers: 2, toegankelijk: true },
      { id: 'w1', corporatieId: 'C1', gemeenteId: 'G1', wijk: 'W2', complex: 'C', type: 'zelfstandig', kamers: 2, toegankelijk: false },
      { id: 'w2', corporatieId: 'C1', gemeenteId: 'G2', wijk: 'W2', complex: 'C', type: 'zelfstandig', kamers: 1, toegankelijk: true },
      { id: 'w3', corporatieId: 'C2', gemeenteId: 'G1', wijk: 'W2', complex: 'B-G1-C2-W2', type: 'jongeren_cluster', kamers: 1, toegankelijk: false },
      { id: 'w4', corporatieId: 'C2', gemeenteId: 'G1', wijk: 'W2', complex: 'C', type: 'onzelfstandig', kamers: 3, toegankelijk: false },
    ],
    quota: [
      { gemeenteId: 'G1', corporatieId: 'C1', resterend: 0 },
      { gemeenteId: 'G1', corporatieId: 'C2', resterend: 1 },
      { gemeenteId: 'G2', corporatieId: 'C1', resterend: 1 },
      { gemeenteId: 'G2', corporatieId: 'C2', resterend: 0 },
    ],
    spreiding: { maxPerComplex: 1, maxPerWijk: 4, alGeplaatstPerComplex: { C: 0 }, alGeplaatstPerWijk: { 'G1|W1': 2 } },
    gewichten: { spreidingsBonus: 0 },
  };

  it('bewijst het optimum waar de Lagrange-grens een integraliteitsgat heeft', () => {
    const zonder = matchOptimaal(integraliteitsgat, { maxVertakKnopen: 0 });
    expect(zonder.statistiek.optimaalBewezen).toBe(false);
    expect(zonder.statistiek.bovengrens).toBe(25035);
    const met = matchOptimaal(integraliteitsgat);
    expect(met.objectief).toBe(bruteForce(integraliteitsgat).objectief);
    expect(met.statistiek.optimaalBewezen).toBe(true);
    expect(met.statistiek.vertakKnopen).toBeGreaterThan(0);
    expect(met.statistiek.bovengrens! - met.objectief).toBeLessThan(1);
  });

  it('claimt zonder volledige boom geen optimaliteit', () => {
    const r = matchOptimaal(integraliteitsgat, { maxVertakKnopen: 1 });
    expect(r.statistiek.optimaalBewezen).toBe(false);
    expect(r.statistiek.bovengrens!).toBeGreaterThanOrEqual(bruteForce(integraliteitsgat).objectief + 1);
  });
});
