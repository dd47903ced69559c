/**
 * The one CSV writer of Doorstroom, for the server's exports (monitor) and the web app's downloads
 * (verdeelmodel, monitor tables): CSV as Dutch spreadsheet programs open it — `;` as separator, decimal comma,
 * CRLF line ends, a byte order mark so Excel reads UTF-8; a field with `;`, `"` or a line break is quoted.
 *
 * Formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run
 * as a formula by Excel or LibreOffice (`=HYPERLINK(...)` in a gemeentenaam, a `toelichting`, a name). Such a
 * cell gets a leading `'`, which spreadsheets show as text and do not evaluate (OWASP "CSV injection").
 * Numbers are the exception, by design: a value the writer receives as a `number` is formatted by the writer
 * itself (`-12,5`) and stays a number a spreadsheet can sum. A negative number that arrives as *text* is text
 * and is neutralised like any other text (`'-12`); callers pass numbers as numbers.
 */
export type CsvWaarde = string | number | boolean | null | undefined;

const FORMULE_BEGIN = /^[=+\-@\t\r]/;

/** One cell: formatted (number, ja/nee), neutralised if it could be read as a formula, quoted if needed. */
export function csvVeld(w: CsvWaarde): string {
  if (w === null || w === undefined) return '';
  let tekst: string;
  if (typeof w === 'number') tekst = Number.isFinite(w) ? String(w).replace('.', ',') : '';
  else if (typeof w === 'boolean') tekst = w ? 'ja' : 'nee';
  else tekst = FORMULE_BEGIN.test(w) ? `'${w}` : w;
  return /[;"\r\n]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
}

/** A whole file from a header row and rows of cells. */
export function csvTekst(kop: readonly string[], rijen: readonly (readonly CsvWaarde[])[]): string {
  const regels = [kop, ...rijen].map((r) => r.map(csvVeld).join(';'));
  return `\uFEFF${regels.join('\r\n')}\r\n`;
}

/** A whole file from column definitions (key and header) and rows as records. */
export function naarCsv(kolommen: readonly { sleutel: string; kop: string }[], rijen: readonly Record<string, CsvWaarde>[]): string {
  return csvTekst(
    kolommen.map((k) => k.kop),
    rijen.map((r) => kolommen.map((k) => r[k.sleutel])),
  );
}
