import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvTekst, csvVeld, naarCsv } from '../../src/domain/csv-export.js';

describe('CSV-schrijver: één module voor server en web-app', () => {
  it('neutraliseert tekst die een spreadsheet als formule zou uitvoeren', () => {
    expect(csvVeld('=HYPERLINK("https://kwaad.example","klik")')).toBe(`"'=HYPERLINK(""https://kwaad.example"",""klik"")"`);
    expect(csvVeld('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvVeld('-2+3')).toBe("'-2+3");
    expect(csvVeld('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvVeld('\t=1')).toBe("'\t=1");
    expect(csvVeld('\r=1')).toBe(`"'\r=1"`);
    expect(csvVeld('Centrumstad')).toBe('Centrumstad');
    expect(csvVeld('a=b')).toBe('a=b');
  });

  it('laat getallen die de schrijver zelf opmaakt getallen (ook negatief), met decimale komma', () => {
    expect(csvVeld(-12.5)).toBe('-12,5');
    expect(csvVeld(0)).toBe('0');
    expect(csvVeld(true)).toBe('ja');
    expect(csvVeld(null)).toBe('');
    // a negative number that arrives as text is text
    expect(csvVeld('-12')).toBe("'-12");
  });

  it('geen enkele tekstcel begint na het schrijven met een formuleteken', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cel = csvVeld(s);
        const inhoud = cel.startsWith('"') ? cel.slice(1, -1).replace(/""/g, '"') : cel;
        expect(/^[=+\-@\t\r]/.test(inhoud)).toBe(false);
        // and nothing is lost but the marker
        expect(inhoud.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(s);
      }),
    );
  });

  it('schrijft kop, BOM, CRLF en aanhalingstekens zoals Excel het opent', () => {
    expect(csvTekst(['a', 'b'], [['x;y', 1.5]])).toBe('\uFEFFa;b\r\n"x;y";1,5\r\n');
    expect(naarCsv([{ sleutel: 'n', kop: 'Naam' }], [{ n: '=1+1' }])).toBe("\uFEFFNaam\r\n'=1+1\r\n");
  });
});
