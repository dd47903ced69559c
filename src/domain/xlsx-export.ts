/**
 * The one Excel writer of Doorstroom (.xlsx through exceljs), beside the CSV writer (csv-export.ts) and with the same
 * callers: the server's exports (monitor, audit inzage) and the web app's downloads (charts, tables).
 *
 * - **Formula-safe**: a text is always written as a text cell (a shared string), never as a formula, whatever it
 *   starts with; a text that starts with `=`, `+`, `-` or `@` also gets the text format (`@`), so editing the cell in
 *   Excel or LibreOffice keeps it text instead of turning it into a formula.
 * - **Numbers stay numbers**, with a Dutch-looking format: whole numbers `#,##0`, others `#,##0.00` (the file always
 *   stores the invariant format code; Excel with Dutch settings shows `1.234` and `1.234,50`), euro amounts
 *   `€ #,##0.00`.
 * - **Dates are real dates** (a column of kind `datum` with JJJJ-MM-DD values, or a `Date`), shown as dd-mm-jjjj;
 *   timestamps (`tijdstip`, a `Date`) as dd-mm-jjjj uu:mm.
 * - ja/nee for booleans; the header row is bold, frozen and has a filter.
 */
import ExcelJS from 'exceljs';
import type { CsvWaarde } from './csv-export.js';

export type XlsxWaarde = CsvWaarde | Date;
export type XlsxSoort = 'tekst' | 'getal' | 'euro' | 'datum' | 'tijdstip';

export interface XlsxKolom {
  sleutel: string;
  kop: string;
  /** how the column is written; without it a number is a number and anything else text */
  soort?: XlsxSoort;
}

export interface XlsxBlad {
  naam: string;
  kolommen: readonly XlsxKolom[];
  rijen: readonly Record<string, XlsxWaarde>[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const NUMFMT = {
  geheel: '#,##0',
  decimaal: '#,##0.00',
  euro: '"€" #,##0.00',
  datum: 'dd-mm-yyyy',
  tijdstip: 'dd-mm-yyyy hh:mm',
  tekst: '@',
} as const;

const FORMULE_BEGIN = /^[=+\-@\t\r]/;
const ISO_DATUM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] */
export function bladNaam(naam: string): string {
  return naam.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Blad1';
}

/** The clock time in the Netherlands as a Date whose UTC fields show it (Excel has no time zones). */
export function wandklok(tijdstip: Date, tijdzone = 'Europe/Amsterdam'): Date {
  const delen = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: tijdzone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(tijdstip)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(delen.year), Number(delen.month) - 1, Number(delen.day), Number(delen.hour), Number(delen.minute), Number(delen.second)));
}

function schrijfCel(cel: ExcelJS.Cell, w: XlsxWaarde, soort: XlsxSoort | undefined) {
  if (w === null || w === undefined || w === '') return;
  if (w instanceof Date) {
    cel.value = w;
    cel.numFmt = soort === 'datum' ? NUMFMT.datum : NUMFMT.tijdstip;
    return;
  }
  if (typeof w === 'number') {
    if (!Number.isFinite(w)) return;
    cel.value = w;
    cel.numFmt = soort === 'euro' ? NUMFMT.euro : Number.isInteger(w) ? NUMFMT.geheel : NUMFMT.decimaal;
    return;
  }
  if (typeof w === 'boolean') {
    cel.value = w ? 'ja' : 'nee';
    return;
  }
  const iso = soort === 'datum' ? ISO_DATUM.exec(w) : null;
  if (iso) {
    cel.value = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    cel.numFmt = NUMFMT.datum;
    return;
  }
  // a string value is always a text cell; the text format keeps it one when someone edits it
  cel.value = w;
  if (FORMULE_BEGIN.test(w)) cel.numFmt = NUMFMT.tekst;
}

/** A workbook with one sheet per table. */
export async function naarXlsx(bladen: readonly XlsxBlad[]): Promise<Uint8Array> {
  const boek = new ExcelJS.Workbook();
  boek.creator = 'Doorstroom';
  for (const b of bladen) {
    const blad = boek.addWorksheet(bladNaam(b.naam), { views: [{ state: 'frozen', ySplit: 1 }] });
    blad.columns = b.kolommen.map((k) => ({ key: k.sleutel, width: Math.min(50, Math.max(10, k.kop.length + 2)) }));
    const kop = blad.getRow(1);
    b.kolommen.forEach((k, i) => {
      const cel = kop.getCell(i + 1);
      schrijfCel(cel, k.kop, 'tekst');
      cel.font = { bold: true };
    });
    b.rijen.forEach((r, ri) => {
      const rij = blad.getRow(ri + 2);
      b.kolommen.forEach((k, i) => schrijfCel(rij.getCell(i + 1), r[k.sleutel], k.soort));
    });
    if (b.kolommen.length) blad.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: b.kolommen.length } };
  }
  const buffer = await boek.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A workbook from a header row and rows of cells (the web app's downloads; the counterpart of `csvTekst`). */
export function xlsxTabel(naam: string, kop: readonly string[], rijen: readonly (readonly XlsxWaarde[])[], soorten: readonly (XlsxSoort | undefined)[] = []): Promise<Uint8Array> {
  const kolommen = kop.map((k, i) => ({ sleutel: String(i), kop: k, soort: soorten[i] }));
  return naarXlsx([{ naam, kolommen, rijen: rijen.map((r) => Object.fromEntries(r.map((w, i) => [String(i), w]))) }]);
}
