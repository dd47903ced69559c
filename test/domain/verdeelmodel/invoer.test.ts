import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxWijziging } from '../../../src/domain/verdeelmodel/index.js';
import { centenUitEuro, fractieUitProcent } from '../../../src/domain/verdeelmodel/invoer.js';
import { leesDecimaal } from '../../../web/src/format.js';

/** Een getal met `decimalen` cijfers achter de komma, als tekst zonder afronding: 290 met 2 → "2.90". */
const alsTekst = (eenheden: bigint, decimalen: number) => {
  const s = eenheden.toString().padStart(decimalen + 1, '0');
  return decimalen === 0 ? s : `${s.slice(0, -decimalen)}.${s.slice(-decimalen)}`;
};

describe('wat de pagina Verdeelmodel typt, exact naar de API', () => {
  it('een percentage wordt een fractie waarmee het plafond floor(percentage × vorig / 100) is (2,9 % / 100 als double verloor een cent)', () => {
    expect(maxWijziging(100_00, Number(fractieUitProcent('2.9')))).toBe(290);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.bigInt({ min: 0n, max: 1_000_000n }), fc.maxSafeNat(), (decimalen, eenheden, vorig) => {
        const schaal = 10n ** BigInt(decimalen);
        fc.pre(eenheden <= 100n * schaal);
        const fractie = fractieUitProcent(alsTekst(eenheden, decimalen));
        expect(fractie).not.toBeNull();
        expect(maxWijziging(vorig, Number(fractie))).toBe(Number((BigInt(vorig) * eenheden) / (100n * schaal)));
      }),
      { numRuns: 2000 },
    );
  });

  it('een eurobedrag wordt exact hele centen, ook bij 89.999.999.999.999,99 euro; meer dan twee decimalen wordt geweigerd', () => {
    expect(centenUitEuro(leesDecimaal('89.999.999.999.999,99')!)).toBe(8_999_999_999_999_999);
    expect(centenUitEuro(leesDecimaal('1.250,5')!)).toBe(125_050);
    expect(centenUitEuro('1.005')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000_000 }), (centen) => {
        const euro = Math.floor(centen / 100);
        const tekst = `${euro.toLocaleString('nl-NL')},${String(centen % 100).padStart(2, '0')}`;
        expect(centenUitEuro(leesDecimaal(tekst)!)).toBe(centen);
      }),
      { numRuns: 2000 },
    );
  });
});
