import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { naarXlsx, NUMFMT, wandklok, xlsxTabel } from '../../src/domain/xlsx-export.js';
import { leesXlsx, kolomLetter, vereisKolommen, xlsxFoutTekst } from '../../src/domain/xlsx-import.js';
import { parseClientenCsv, parseClientenTabel, parseEventsCsv, parseEventsTabel, VERPLICHT_CLIENT, VERPLICHT_EVENT } from '../../src/domain/importeren.js';
import { parseIndicatorenCsv, parseIndicatorenTabel, VERPLICHTE_KOLOMMEN } from '../../src/domain/verdeelmodel/csv.js';

const VANDAAG = '2026-12-01';
const demo = (pad: string) => new URL(`../../demo/${pad}`, import.meta.url);

async function openBoek(bytes: Uint8Array) {
  const boek = new ExcelJS.Workbook();
  await boek.xlsx.load(bytes as unknown as ArrayBuffer);
  return boek;
}
async function werkboek(vul: (blad: ExcelJS.Worksheet) => void, naam = 'clienten') {
  const boek = new ExcelJS.Workbook();
  vul(boek.addWorksheet(naam));
  return new Uint8Array((await boek.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('Excel-export (src/domain/xlsx-export.ts)', () => {
  it('schrijft tekst die met = + - @ begint als tekst, nooit als formule', async () => {
    const gevaarlijk = ['=HYPERLINK("http://x","klik")', '+31 6 1234', '-12', '@SUM(A1:A2)', '=1+1'];
    const bytes = await xlsxTabel('proef', ['naam'], gevaarlijk.map((g) => [g]));
    const blad = (await openBoek(bytes)).worksheets[0]!;
    gevaarlijk.forEach((g, i) => {
      const cel = blad.getCell(i + 2, 1);
      expect(cel.type).toBe(ExcelJS.ValueType.String);
      expect(cel.formula).toBeUndefined();
      expect(cel.value).toBe(g);
      expect(cel.numFmt).toBe(NUMFMT.tekst);
    });
    // and in the file itself: no formula element anywhere, every text a shared string
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toMatch(/<f[ >]/);
    expect((xml.match(/t="s"/g) ?? []).length).toBe(gevaarlijk.length + 1);
  });

  it('getallen blijven getallen met Nederlandse opmaak, datums worden echte datums (dd-mm-jjjj), ja/nee', async () => {
    const bytes = await naarXlsx([
      {
        naam: 'monitor: stromen/2026?',
        kolommen: [
          { sleutel: 'start', kop: 'Periode vanaf', soort: 'datum' },
          { sleutel: 'n', kop: 'aantal' },
          { sleutel: 'p', kop: 'percentage' },
          { sleutel: 'b', kop: 'budget', soort: 'euro' },
          { sleutel: 'v', kop: 'gevolgd' },
          { sleutel: 't', kop: 'tijdstip', soort: 'tijdstip' },
        ],
        rijen: [{ start: '2026-03-01', n: 1234, p: 12.5, b: 1250.5, v: true, t: wandklok(new Date('2026-07-01T10:30:00Z')) }],
      },
    ]);
    const blad = (await openBoek(bytes)).worksheets[0]!;
    expect(blad.name).toBe('monitor- stromen-2026-');
    expect(blad.getCell('A1').value).toBe('Periode vanaf');
    expect(blad.getCell('A2').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(blad.getCell('A2').numFmt).toBe('dd-mm-yyyy');
    expect([blad.getCell('B2').value, blad.getCell('B2').numFmt]).toEqual([1234, '#,##0']);
    expect([blad.getCell('C2').value, blad.getCell('C2').numFmt]).toEqual([12.5, '#,##0.00']);
    expect([blad.getCell('D2').value, blad.getCell('D2').numFmt]).toEqual([1250.5, '"€" #,##0.00']);
    expect(blad.getCell('E2').value).toBe('ja');
    // 10:30 UTC is 12:30 summer time in Amsterdam; Excel shows the clock time
    expect(blad.getCell('F2').value).toEqual(new Date(Date.UTC(2026, 6, 1, 12, 30)));
    expect(blad.getCell('F2').numFmt).toBe('dd-mm-yyyy hh:mm');
  });
});

describe('Excel-import (src/domain/xlsx-import.ts)', () => {
  it('het voorbeeldwerkboek geeft dezelfde rijen als de CSV-voorbeeldbestanden', async () => {
    const bladen = await leesXlsx(readFileSync(demo('import/toegang.xlsx')), { opvullen: { bsn: 9 } });
    expect(bladen.map((b) => b.naam)).toEqual(['clienten', 'gebeurtenissen']);
    const uitXlsx = parseClientenTabel(vereisKolommen(bladen[0]!.tabel, VERPLICHT_CLIENT), VANDAAG);
    const uitCsv = parseClientenCsv(readFileSync(demo('import/clienten.csv'), 'utf8'), VANDAAG);
    expect(uitXlsx.fouten).toEqual([]);
    // Excel row numbers: header on row 1 (the CSV has a comment line first)
    expect(uitXlsx.rijen.map(({ regel: _r, ...x }) => x)).toEqual(uitCsv.rijen.map(({ regel: _r, ...x }) => x));
    const events = parseEventsTabel(vereisKolommen(bladen[1]!.tabel, VERPLICHT_EVENT), VANDAAG);
    expect(events.fouten).toEqual([]);
    expect(events.rijen.map(({ regel: _r, ...x }) => x)).toEqual(parseEventsCsv(readFileSync(demo('import/gebeurtenissen.csv'), 'utf8'), VANDAAG).rijen.map(({ regel: _r, ...x }) => x));
  });

  it('rondgang verdeelmodel: export met getallen en euro → import geeft exact dezelfde indicatoren en centen', async () => {
    const csv = parseIndicatorenCsv(readFileSync(demo('verdeelmodel/indicatoren-synthetisch.csv'), 'utf8'));
    const [blad] = await leesXlsx(readFileSync(demo('verdeelmodel/indicatoren-synthetisch.xlsx')));
    const xlsx = parseIndicatorenTabel(vereisKolommen(blad!.tabel, VERPLICHTE_KOLOMMEN));
    expect(xlsx.rijen).toEqual(csv.rijen);
    expect(xlsx.indicatorCodes).toEqual(csv.indicatorCodes);
    // a decimal that looks like thousands in Dutch text notation (1.234) stays 1,234 when it is a number cell
    const bytes = await xlsxTabel('indicatoren', ['gemeentecode', 'gemeentenaam', 'dichtheid', 'historisch_budget'], [['GM0001', 'A', 1.234, 1000.5]]);
    const [b] = await leesXlsx(bytes);
    expect(parseIndicatorenTabel(b!.tabel).rijen).toEqual([{ gemeenteCode: 'GM0001', naam: 'A', waarden: { dichtheid: 1.234 }, historischBudget: 100050 }]);
  });

  it('fouten noemen blad, rij en kolom; formules zonder uitkomst en foutwaarden worden geweigerd, een formule met uitkomst telt als die uitkomst', async () => {
    const bytes = await werkboek((blad) => {
      blad.addRow(['extern_id', 'naam', 'bsn', 'geboortedatum', 'herkomstgemeente', 'doelgroep']);
      blad.addRow(['X-1', 'Nina Nul', 12345672, new Date(Date.UTC(1990, 0, 2)), 'Centrumstad', 'ggz']);
      blad.addRow(['X-2', 'Otto Ongeldig', null, '31-02-1990', 'Centrumstad', 'onbekend']);
      blad.addRow(['X-3', { formula: 'A1&"x"' } as ExcelJS.CellFormulaValue, null, new Date(Date.UTC(1991, 0, 1)), 'Centrumstad', 'ggz']);
      blad.addRow(['X-4', { formula: 'UPPER("zara zon")', result: 'ZARA ZON' } as ExcelJS.CellFormulaValue, null, new Date(Date.UTC(1992, 0, 1)), 'Centrumstad', 'ggz']);
      blad.addRow(['X-5', 'Els Fout', null, new Date(Date.UTC(1992, 0, 1)), { error: '#N/A' } as ExcelJS.CellErrorValue, 'ggz']);
      blad.addRow([]);
      blad.addRow(['# commentaar wordt overgeslagen']);
    });
    const [blad] = await leesXlsx(bytes, { opvullen: { bsn: 9 } });
    const r = parseClientenTabel(vereisKolommen(blad!.tabel, VERPLICHT_CLIENT), VANDAAG);
    const teksten = r.fouten.map((f) => xlsxFoutTekst(blad!.naam, f, blad!.letters));
    expect(teksten).toEqual([
      "blad 'clienten', rij 4, kolom B (naam): cel bevat een formule zonder berekende waarde; plak de waarden (Plakken speciaal → Waarden)",
      "blad 'clienten', rij 6, kolom E (herkomstgemeente): cel bevat de foutwaarde #N/A",
      expect.stringMatching(/^blad 'clienten', rij 3, kolom D \(geboortedatum\): geboortedatum '31-02-1990' is geen geldige datum/),
      expect.stringMatching(/^blad 'clienten', rij 3, kolom F \(doelgroep\): doelgroep moet een van/),
    ]);
    // a BSN typed as a number lost its leading 0; a date cell is a date
    expect(r.rijen).toEqual([
      expect.objectContaining({ regel: 2, extern_id: 'X-1', bsn: '012345672', geboortedatum: '1990-01-02' }),
      expect.objectContaining({ regel: 5, extern_id: 'X-4', naam: 'ZARA ZON' }),
    ]);
  });

  it('een blad zonder kop, ontbrekende verplichte kolommen en een waarde zonder kolomkop', async () => {
    await expect(leesXlsx(await werkboek(() => {}))).rejects.toThrow("blad 'clienten' bevat geen kopregel");
    const [blad] = await leesXlsx(
      await werkboek((b) => {
        b.addRow(['extern_id', 'naam']);
        b.addRow(['X-1', 'Piet', 'los']);
      }),
    );
    const r = parseClientenTabel(vereisKolommen(blad!.tabel, VERPLICHT_CLIENT), VANDAAG);
    expect(r.fouten.map((f) => xlsxFoutTekst(blad!.naam, f, blad!.letters))).toEqual([
      "blad 'clienten', rij 1: verplichte kolom 'geboortedatum' ontbreekt",
      "blad 'clienten', rij 1: verplichte kolom 'herkomstgemeente' ontbreekt",
      "blad 'clienten', rij 1: verplichte kolom 'doelgroep' ontbreekt",
      "blad 'clienten', rij 2: cel C2 staat in een kolom zonder kop",
    ]);
    await expect(leesXlsx(new TextEncoder().encode('geen zip'))).rejects.toThrow('Het bestand is geen leesbaar Excel-werkboek (.xlsx)');
    expect([kolomLetter(1), kolomLetter(26), kolomLetter(27), kolomLetter(703)]).toEqual(['A', 'Z', 'AA', 'AAA']);
  });
});
