import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heeftOngeldigTeken, veldLabel, zoekOngeldigTeken } from '../../src/domain/invoer.js';
import { leesCsvTabel } from '../../src/domain/csv.js';
import { CsvFout, parseIndicatorenCsv } from '../../src/domain/verdeelmodel/index.js';
import { parseClientenCsv } from '../../src/domain/importeren.js';
import { datumBezwaar, isGeldigeDatum } from '../../src/domain/datums.js';

describe('ongeldige tekens', () => {
  it('herkent NUL en losse surrogaten, niet een compleet paar', () => {
    expect(heeftOngeldigTeken('a\u0000b')).toBe(true);
    expect(heeftOngeldigTeken('a\uD800b')).toBe(true);
    expect(heeftOngeldigTeken('\uDC00')).toBe(true);
    expect(heeftOngeldigTeken('a\uD83D')).toBe(true);
    expect(heeftOngeldigTeken('Piet 😀 Jansen, é ß')).toBe(false);
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => !heeftOngeldigTeken(s.replace(/\u0000/g, ''))));
  });

  it('vindt het pad en noemt het veld zoals het formulier', () => {
    const pad = zoekOngeldigTeken({ naam: 'ok', woonwensen: { gemeenten: ['x', 'y\u0000'] } });
    expect(pad).toEqual(['woonwensen', 'gemeenten', 1]);
    expect(veldLabel(pad!)).toBe('Woonwens (gemeenten)');
    expect(veldLabel(['risicoNotities'])).toBe('Risico-notities');
    expect(veldLabel(['maxPerComplex'])).toBe('max-per-complex');
    expect(zoekOngeldigTeken({ ['sleutel\u0000']: 1 })).toEqual(['sleutel\u0000']);
  });

  it('een CSV-regel met een NUL-teken is een regelfout, de rest van het bestand wordt gewoon gelezen', () => {
    const tabel = leesCsvTabel('a;b\n1;2\n3;\u00004\n5;6\n');
    expect(tabel.fouten).toEqual([{ regel: 3, melding: expect.stringContaining('ongeldig teken') }]);
    expect(tabel.rijen.map((r) => r.regel)).toEqual([2, 4]);
    expect(() => leesCsvTabel('a;\u0000b\n1;2\n')).toThrow(CsvFout);
    expect(() => parseIndicatorenCsv('gemeentecode;gemeentenaam;historisch_budget;inwoners\nGM0001;Erg\u0000ens;100;5\n')).toThrow(/regel 2: de regel bevat een ongeldig teken/);
    const clienten = parseClientenCsv('extern_id;naam;geboortedatum;herkomstgemeente;doelgroep\nX;Piet\uD800;1990-01-01;Centrumstad;ggz\n', '2026-11-01');
    expect(clienten.fouten).toEqual([{ regel: 2, melding: expect.stringContaining('ongeldig teken') }]);
  });
});

describe('datumgrenzen', () => {
  it('per soort', () => {
    expect(isGeldigeDatum('0000-01-01')).toBe(false);
    expect(isGeldigeDatum('1900-01-01')).toBe(true);
    expect(datumBezwaar('0000-01-01', 'gebeurtenis', '2026-11-01')).toBe('ligt vóór 1900');
    expect(datumBezwaar('2026-02-30', 'gebeurtenis', '2026-11-01')).toMatch(/geen geldige datum/);
    expect(datumBezwaar('2026-11-02', 'geboorte', '2026-11-01')).toBe('ligt in de toekomst');
    expect(datumBezwaar('2026-11-01', 'geboorte', '2026-11-01')).toBeNull();
    expect(datumBezwaar('2027-11-01', 'gebeurtenis', '2026-11-01')).toBeNull();
    expect(datumBezwaar('2027-11-02', 'gebeurtenis', '2026-11-01')).toBe('ligt meer dan een jaar in de toekomst');
    expect(datumBezwaar('2025-02-28', 'gebeurtenis', '2024-02-29')).toBeNull();
    expect(datumBezwaar('2025-03-01', 'gebeurtenis', '2024-02-29')).toBe('ligt meer dan een jaar in de toekomst');
    expect(datumBezwaar('2036-11-01', 'plan', '2026-11-01')).toBeNull();
    expect(datumBezwaar('2101-01-01', 'filter', '2026-11-01')).toBe('ligt na 2100');
  });
});
