import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  historischPerGemeente,
  budgetPerGemeente,
  ingroeipad,
  objectieveVerdeling,
  parseIndicatorenCsv,
  standaardIndicatoren,
  vergelijkGewichten,
} from '../../../src/domain/verdeelmodel/index.js';
import { gemeenten, indicatorSet, totaal } from './arbitraries.js';

describe('vergelijkGewichten', () => {
  it('verschillen tellen op tot 0 en kloppen per gemeente', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, indicatorSet, totaal, (gs, a, b, tot) => {
        const v = vergelijkGewichten(gs, a, b, tot);
        expect(v.totaalA).toBe(tot);
        expect(v.totaalB).toBe(tot);
        expect(v.totaalVerschil).toBe(0);
        expect(v.regels.reduce((s, r) => s + r.verschil, 0)).toBe(0);
        for (const r of v.regels) {
          expect(r.verschil).toBe(r.budgetB - r.budgetA);
          if (r.budgetA > 0) expect(r.verschilProcent).toBeCloseTo(((r.budgetB - r.budgetA) / r.budgetA) * 100, 9);
          else expect(r.verschilProcent).toBe(r.budgetB === 0 ? 0 : null);
        }
        expect(v.regels.map((r) => r.budgetA)).toEqual(objectieveVerdeling(gs, a, tot).map((r) => r.budgetCenten));
      }),
      { numRuns: 200 },
    );
  });

  it('zelfde set → geen verschillen', () => {
    fc.assert(
      fc.property(gemeenten, indicatorSet, totaal, (gs, a, tot) => {
        expect(vergelijkGewichten(gs, a, a, tot).regels.every((r) => r.verschil === 0)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('demo-data (synthetisch)', () => {
  const tekst = readFileSync(new URL('../../../demo/verdeelmodel/indicatoren-synthetisch.csv', import.meta.url), 'utf8');

  it('is als synthetisch gemarkeerd en wordt volledig geparseerd', () => {
    expect(tekst.split('\n')[0]).toBe('# SYNTHETISCHE DEMODATA — geen echte CBS-cijfers');
    const { rijen, indicatorCodes } = parseIndicatorenCsv(tekst);
    expect(rijen.map((r) => `${r.naam} ${r.gemeenteCode}`)).toEqual([
      'Centrumstad GM9001',
      'Noorddorp GM9002',
      'Oosterveen GM9003',
      'Zuidhaven GM9004',
      'Westerbroek GM9005',
      'Heidewijk GM9006',
      'Rivierstede GM9007',
      'Duinkerke GM9008',
    ]);
    expect(indicatorCodes).toEqual(expect.arrayContaining(standaardIndicatoren.map((i) => i.code)));
    expect(rijen.reduce((s, r) => s + r.historischBudget, 0)).toBe(48_000_000_00);
    expect(rijen[0].waarden.inwoners).toBeGreaterThan(170_000);
    for (const r of rijen.slice(1)) {
      expect(r.waarden.inwoners).toBeGreaterThanOrEqual(15_000);
      expect(r.waarden.inwoners).toBeLessThanOrEqual(60_000);
    }
  });

  it('objectieve verdeling + ingroeipad draaien end-to-end', () => {
    const { rijen } = parseIndicatorenCsv(tekst);
    const totaal = 48_000_000_00;
    const verdeling = objectieveVerdeling(rijen, standaardIndicatoren, totaal);
    expect(verdeling.reduce((s, r) => s + r.budgetCenten, 0)).toBe(totaal);
    const pad = ingroeipad({
      historisch: historischPerGemeente(rijen),
      objectief: budgetPerGemeente(verdeling),
      jaren: 5,
      maxWijzigingPerJaar: 0.1,
      totaal,
    });
    expect(pad.jaartotalen.every((j) => j.totaal === totaal && j.gehaald)).toBe(true);
  });
});
