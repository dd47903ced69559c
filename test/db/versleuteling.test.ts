import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GEANONIMISEERD, GEANONIMISEERD_LABEL, Versleuteling } from '../../src/db/versleuteling.js';

const v = new Versleuteling(Buffer.alloc(32, 5));

describe('Versleuteling (AES-256-GCM per veld)', () => {
  it('geeft elke tekst terug zoals hij versleuteld werd, ook lege en niet-Latijnse tekst', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (tekst) => v.ontsleutel(v.versleutel(tekst)) === tekst), { numRuns: 500 });
  });

  it('versleutelt dezelfde naam elke keer anders (eigen IV), zodat gelijke namen niet te herkennen zijn', () => {
    expect(v.versleutel('Jan de Vries')).not.toBe(v.versleutel('Jan de Vries'));
  });

  it('weigert een gewijzigde tekst, een gewijzigde tag en een andere sleutel', () => {
    const waarde = v.versleutel('Fatima El Amrani');
    const [versie, iv, tag, data] = waarde.split('.') as [string, string, string, string];
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64url');
      buf[0] = buf[0]! ^ 1;
      return buf.toString('base64url');
    };
    expect(() => v.ontsleutel([versie, iv, tag, flip(data)].join('.'))).toThrow();
    expect(() => v.ontsleutel([versie, iv, flip(tag), data].join('.'))).toThrow();
    expect(() => new Versleuteling(Buffer.alloc(32, 6)).ontsleutel(waarde)).toThrow();
    expect(() => v.ontsleutel('v2.a.b.c')).toThrow('Onbekend versleutelingsformaat');
  });

  it('leest een door de bewaartermijn vernietigd veld als het label, niet als fout', () => {
    expect(v.ontsleutel(GEANONIMISEERD)).toBe(GEANONIMISEERD_LABEL);
  });
});
