/**
 * Generic reading of the CSV files that regional parties export (Excel, toegang systems, CBS):
 * - lines that start with `#` and empty lines are skipped; line numbers in errors are physical
 *   line numbers in the file (1-based, comments counted), so a user can find the line in Excel;
 * - the first remaining line is the header; separator `;` when the header holds one, else `,`;
 * - fields may be quoted with `"` (`""` is a literal quote); column names are case-insensitive;
 * - a line with a NUL character or a lone surrogate is refused (the database cannot store them).
 */
import { DomeinFout } from './fouten.js';
import { heeftOngeldigTeken, ONGELDIG_TEKEN_MELDING } from './invoer.js';

export interface CsvRegelFout {
  /** physical line number (1-based) */
  regel: number;
  /** the column as the file's header names it, when the error is in one field */
  kolom?: string;
  /** that column's letter as a spreadsheet shows it (A, B, …, AA) */
  kolomLetter?: string;
  melding: string;
}

/** What an import of the toegang's tables did (CSV or Excel): the repository counts it, the import page and the CLI show it. */
export interface ImportResultaat {
  clientenNieuw: number;
  clientenBestaand: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
}

/** 0 → A, 25 → Z, 26 → AA: the column letters of Excel and LibreOffice. */
export function kolomLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** One error as a person looks it up in the spreadsheet: "clienten.csv, regel 4, kolom D (geboortedatum): …". */
export function foutOpRegel(f: CsvRegelFout & { bestand?: string }): string {
  const waar = [f.bestand && `${f.bestand}.csv`, `regel ${f.regel}`, f.kolom && (f.kolomLetter ? `kolom ${f.kolomLetter} (${f.kolom})` : `kolom ${f.kolom}`)].filter(Boolean).join(', ');
  return `${waar}: ${f.melding}`;
}

/** A line error of a sheet as one Dutch sentence: blad 'clienten', rij 5, kolom C (geboortedatum): … */
export function xlsxFoutTekst(blad: string, f: { regel: number; melding: string; kolom?: string }, letters?: Map<string, string>): string {
  const letter = f.kolom ? letters?.get(f.kolom) : undefined;
  const kolom = f.kolom ? `, kolom ${letter ? `${letter} ` : ''}(${f.kolom})` : '';
  return `blad '${blad}', rij ${f.regel}${kolom}: ${f.melding}`;
}

/**
 * One import error as a person reads it, for a CSV file (`clienten.csv, regel 4, kolom D (geboortedatum): …`) or an
 * Excel sheet (`blad 'clienten', rij 4, kolom D (geboortedatum): …`); the CLI and the web app's import page share it.
 */
export function importFoutTekst(f: CsvRegelFout & { bestand?: string; blad?: string }): string {
  if (!f.blad) return foutOpRegel(f);
  const melding = f.kolom && f.melding.startsWith(`${f.kolom}: `) ? f.melding.slice(f.kolom.length + 2) : f.melding;
  return xlsxFoutTekst(f.blad, { regel: f.regel, kolom: f.kolom, melding }, f.kolomLetter && f.kolom ? new Map([[f.kolom, f.kolomLetter]]) : undefined);
}

export class CsvFout extends DomeinFout {
  readonly fouten: readonly CsvRegelFout[];
  constructor(fouten: readonly CsvRegelFout[]) {
    const opRegel = [...fouten].sort((a, b) => a.regel - b.regel);
    super('ongeldig', `CSV bevat ${opRegel.length} fout(en):\n${opRegel.map(foutOpRegel).join('\n')}`, { fouten: opRegel });
    this.fouten = opRegel;
  }
}

export type Scheidingsteken = ';' | ',';

/** Splits one line into fields; `null` for an unterminated quote. */
export function splitsRegel(regel: string, sep: Scheidingsteken): string[] | null {
  const velden: string[] = [];
  let huidig = '';
  let inQuotes = false;
  for (let i = 0; i < regel.length; i++) {
    const ch = regel[i];
    if (inQuotes) {
      if (ch === '"') {
        if (regel[i + 1] === '"') {
          huidig += '"';
          i++;
        } else inQuotes = false;
      } else huidig += ch;
    } else if (ch === '"' && huidig.trim() === '') {
      inQuotes = true;
      huidig = '';
    } else if (ch === sep) {
      velden.push(huidig.trim());
      huidig = '';
    } else huidig += ch;
  }
  if (inQuotes) return null;
  velden.push(huidig.trim());
  return velden;
}

export interface CsvRij {
  regel: number;
  /** value per (lower-case) column name */
  velden: Record<string, string>;
}

export interface CsvTabel {
  sep: Scheidingsteken;
  kopRegel: number;
  kolommen: string[];
  rijen: CsvRij[];
  /** structural errors (duplicate or missing columns, wrong field count, open quotes) */
  fouten: CsvRegelFout[];
}

export function leesCsvTabel(tekst: string, verplichteKolommen: readonly string[] = []): CsvTabel {
  const fouten: CsvRegelFout[] = [];
  const inhoud: { nr: number; tekst: string }[] = [];
  tekst
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((r, i) => {
      const t = r.trim();
      if (t !== '' && !t.startsWith('#')) inhoud.push({ nr: i + 1, tekst: r });
    });
  if (inhoud.length === 0) throw new CsvFout([{ regel: 1, melding: 'bestand bevat geen kopregel' }]);
  const kop = inhoud[0]!;
  if (heeftOngeldigTeken(kop.tekst)) throw new CsvFout([{ regel: kop.nr, melding: `de kopregel ${ONGELDIG_TEKEN_MELDING}` }]);
  const sep: Scheidingsteken = kop.tekst.includes(';') ? ';' : ',';
  const kolommen = (splitsRegel(kop.tekst, sep) ?? []).map((k) => k.toLowerCase());
  const gezien = new Set<string>();
  for (const k of kolommen) {
    if (gezien.has(k)) fouten.push({ regel: kop.nr, melding: `kolom '${k}' komt meer dan één keer voor` });
    gezien.add(k);
  }
  for (const verplicht of verplichteKolommen) {
    if (!gezien.has(verplicht)) fouten.push({ regel: kop.nr, melding: `verplichte kolom '${verplicht}' ontbreekt` });
  }
  const rijen: CsvRij[] = [];
  for (const { nr, tekst: r } of inhoud.slice(1)) {
    if (heeftOngeldigTeken(r)) {
      fouten.push({ regel: nr, melding: `de regel ${ONGELDIG_TEKEN_MELDING}` });
      continue;
    }
    const velden = splitsRegel(r, sep);
    if (velden === null) {
      fouten.push({ regel: nr, melding: 'aanhalingsteken niet afgesloten' });
      continue;
    }
    if (velden.length !== kolommen.length) {
      fouten.push({ regel: nr, melding: `verwacht ${kolommen.length} kolommen, gevonden ${velden.length}` });
      continue;
    }
    rijen.push({ regel: nr, velden: Object.fromEntries(kolommen.map((k, i) => [k, velden[i]!])) });
  }
  return { sep, kopRegel: kop.nr, kolommen, rijen, fouten };
}
