import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFout, parseEuroNaarCenten, parseGetal, parseIndicatorenCsv } from '../../../src/domain/verdeelmodel/index.js';

const fouten = (tekst: string) => {
  try {
    parseIndicatorenCsv(tekst);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvFout);
    return (e as CsvFout).fouten;
  }
  throw new Error('verwachtte een CsvFout');
};

describe('parseIndicatorenCsv', () => {
  it('leest ;-bestand met Nederlandse getallen, commentaar en lege regels', () => {
    const r = parseIndicatorenCsv(
      [
        '# commentaar',
        'GemeenteCode;gemeentenaam;inwoners;lage_inkomens;historisch_budget',
        '',
        'GM0001;"Stad; met puntkomma";1.234,5;12;1.000.000,50',
        '  # nog een commentaar',
        'GM0002;Dorp;250.5;1.000;12,3',
      ].join('\r\n'),
    );
    expect(r.scheidingsteken).toBe(';');
    expect(r.indicatorCodes).toEqual(['inwoners', 'lage_inkomens']);
    expect(r.rijen).toEqual([
      { gemeenteCode: 'GM0001', naam: 'Stad; met puntkomma', waarden: { inwoners: 1234.5, lage_inkomens: 12 }, historischBudget: 100_000_050 },
      { gemeenteCode: 'GM0002', naam: 'Dorp', waarden: { inwoners: 250.5, lage_inkomens: 1000 }, historischBudget: 1230 },
    ]);
  });

  it('leest ,-bestand met gewone getallen en historisch_budget_centen', () => {
    const r = parseIndicatorenCsv('gemeentecode,gemeentenaam,inwoners,historisch_budget_centen\nGM0363,Amsterdam,1234.5,4800\n');
    expect(r.scheidingsteken).toBe(',');
    expect(r.rijen[0]).toEqual({ gemeenteCode: 'GM0363', naam: 'Amsterdam', waarden: { inwoners: 1234.5 }, historischBudget: 4800 });
  });

  it('verzamelt alle regelfouten met fysieke regelnummers', () => {
    const f = fouten(
      [
        '# SYNTHETISCH',
        'gemeentecode;gemeentenaam;inwoners;psychische_aandoeningen;historisch_budget',
        'GM0001;Een;10;1;100',
        'GM001;Twee;10;1;100',
        'GM0003;Drie;abc;-1;100',
        'GM0001;Vier;10;1;1,234',
        'GM0005;Vijf;10;1',
        'GM0006;;;1;-5',
      ].join('\n'),
    );
    expect(f).toEqual([
      { regel: 4, kolom: 'gemeentecode', melding: "gemeentecode 'GM001' is ongeldig (verwacht GM gevolgd door 4 cijfers, bv. GM0363)" },
      { regel: 5, kolom: 'inwoners', melding: "inwoners is geen getal ('abc')" },
      { regel: 5, kolom: 'psychische_aandoeningen', melding: 'psychische_aandoeningen mag niet negatief zijn (-1)' },
      { regel: 6, kolom: 'gemeentecode', melding: 'gemeentecode GM0001 komt al voor op regel 3' },
      { regel: 6, kolom: 'historisch_budget', melding: "historisch_budget heeft meer dan 2 decimalen (eurobedrag) ('1,234')" },
      { regel: 7, melding: 'verwacht 5 kolommen, gevonden 4' },
      { regel: 8, kolom: 'gemeentenaam', melding: 'gemeentenaam is leeg' },
      { regel: 8, kolom: 'inwoners', melding: 'inwoners ontbreekt' },
      { regel: 8, kolom: 'historisch_budget', melding: "historisch_budget mag niet negatief zijn ('-5')" },
    ]);
  });

  it('foutmelding in de message heeft de vorm "regel N, kolom K: …"', () => {
    expect(() => parseIndicatorenCsv('gemeentecode;gemeentenaam;inwoners;historisch_budget\nGM0001;A;x;1\n')).toThrow(
      "regel 2, kolom inwoners: inwoners is geen getal ('x')",
    );
  });

  it('kopfouten', () => {
    expect(fouten('')).toEqual([{ regel: 1, melding: 'bestand bevat geen kopregel' }]);
    expect(fouten('# alleen commentaar\ngemeentenaam;inwoners').map((f) => f.melding)).toEqual([
      "verplichte kolom 'gemeentecode' ontbreekt",
      "verplichte kolom 'historisch_budget' (of 'historisch_budget_centen') ontbreekt",
    ]);
    expect(fouten('gemeentecode;gemeentenaam;historisch_budget')).toEqual([{ regel: 1, melding: 'er zijn geen indicatorkolommen' }]);
    expect(fouten('gemeentecode;gemeentenaam;Inwoners 2020;historisch_budget')[0].melding).toMatch(/kolomnaam 'inwoners 2020' is ongeldig/);
    expect(fouten('gemeentecode;gemeentenaam;a;historisch_budget')).toEqual([
      { regel: 1, melding: 'er staan geen gemeenten onder de kopregel' },
    ]);
  });

  it('niet-afgesloten aanhalingsteken', () => {
    expect(fouten('gemeentecode;gemeentenaam;a;historisch_budget\nGM0001;"A;1;1')).toEqual([{ regel: 2, melding: 'aanhalingsteken niet afgesloten' }]);
  });
});

describe('getallen', () => {
  it('Nederlandse en gewone notatie', () => {
    expect(parseGetal('1.234,5')).toBe(1234.5);
    expect(parseGetal('1.234')).toBe(1234); // let op: punt + 3 cijfers = duizendtallen bij ';'
    expect(parseGetal('1234.5')).toBe(1234.5);
    expect(parseGetal('0,25')).toBe(0.25);
    expect(parseGetal('12.345.678')).toBe(12345678);
    expect(parseGetal('1.23.4')).toBeNull();
    expect(parseGetal('1,234', ',')).toBeNull();
    expect(parseGetal('1.234', ',')).toBe(1.234);
    expect(parseGetal('')).toBeNull();
    expect(parseGetal('1e5')).toBeNull();
  });

  it('euro naar centen is exact (eigenschap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (centen) => {
        const euro = Math.floor(centen / 100);
        const rest = String(centen % 100).padStart(2, '0');
        expect(parseEuroNaarCenten(`${euro.toLocaleString('nl-NL')},${rest}`)).toBe(centen);
        expect(parseEuroNaarCenten(`${euro}.${rest}`, ',')).toBe(centen);
      }),
    );
  });
});
