import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { datumInvoer, leesDatum, nlDatum } from '../../web/src/format.js';

describe('datums zoals een Nederlandse gebruiker ze typt', () => {
  it('leest dag-maand-jaar in de gangbare schrijfwijzen en ISO', () => {
    for (const t of ['12-4-1996', '12-04-1996', '12/04/1996', '12.4.1996', '12 4 1996', '12041996', '1996-04-12', ' 12-04-1996 ']) {
      expect(leesDatum(t), t).toBe('1996-04-12');
    }
  });

  it('weigert dagen die niet bestaan en tekst die geen datum is', () => {
    for (const t of ['31-02-2020', '29-02-2019', '00-01-2020', '12-13-2020', '4/12', '1996-4', 'morgen', '', '12-04-96']) {
      expect(leesDatum(t), t).toBeNull();
    }
    expect(leesDatum('29-02-2020')).toBe('2020-02-29');
  });

  it('wat een veld toont, leest het terug als dezelfde dag', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(leesDatum(datumInvoer(iso))).toBe(iso);
        expect(leesDatum(nlDatum(iso))).toBe(iso);
      }),
    );
  });
});
