/**
 * Reading an Excel workbook (.xlsx, through exceljs) into the same tables the CSV reader gives (`CsvTabel`), so a
 * sheet passes exactly the rules of its CSV file: clienten and gebeurtenissen of the toegang, verdeelmodel
 * indicators. Row numbers are Excel's; each error names the sheet, the row and the column (letter and name).
 *
 * Cells become the text a CSV from the same sheet would hold: a date cell → JJJJ-MM-DD, a number → Dutch notation
 * without thousands separator (1234,5), ja/nee for a boolean, a formula → its computed result (a formula without
 * one, or an error value such as #N/A, is refused). Empty rows and rows whose first cell starts with `#` are skipped,
 * like blank and comment lines of a CSV.
 */
import ExcelJS from 'exceljs';
import { CsvFout, type CsvRegelFout, type CsvTabel } from './csv.js';
import { DomeinFout } from './fouten.js';
import { heeftOngeldigTeken, ONGELDIG_TEKEN_MELDING } from './invoer.js';

export interface XlsxBlad {
  naam: string;
  tabel: CsvTabel;
  /** column name (lower case) → letter (A, B, …) */
  letters: Map<string, string>;
}

export interface XlsxLeesOpties {
  /** columns whose numeric cells are padded with leading zeros to this length (a BSN typed as a number loses its 0) */
  opvullen?: Record<string, number>;
}

// the sentence for a sheet's line error lives beside the CSV one (csv.ts), where the web app can import it without exceljs
export { xlsxFoutTekst } from './csv.js';

export async function leesXlsx(bytes: Uint8Array, opties: XlsxLeesOpties = {}): Promise<XlsxBlad[]> {
  const boek = new ExcelJS.Workbook();
  try {
    await boek.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomeinFout('ongeldig', 'Het bestand is geen leesbaar Excel-werkboek (.xlsx)');
  }
  return boek.worksheets.map((blad) => leesBlad(blad, opties));
}

type CelTekst = { tekst: string } | { fout: string };

function celTekst(waarde: ExcelJS.CellValue, kolom: string | undefined, opties: XlsxLeesOpties): CelTekst {
  if (waarde === null || waarde === undefined) return { tekst: '' };
  if (waarde instanceof Date) return { tekst: waarde.toISOString().slice(0, 10) };
  if (typeof waarde === 'number') {
    const lengte = kolom ? opties.opvullen?.[kolom] : undefined;
    if (lengte && Number.isInteger(waarde) && waarde >= 0) return { tekst: String(waarde).padStart(lengte, '0') };
    return Number.isFinite(waarde) ? { tekst: String(waarde).replace('.', ',') } : { fout: 'bevat geen eindig getal' };
  }
  if (typeof waarde === 'boolean') return { tekst: waarde ? 'ja' : 'nee' };
  if (typeof waarde === 'string') return { tekst: waarde.trim() };
  if ('error' in waarde) return { fout: `bevat de foutwaarde ${String(waarde.error)}` };
  if ('richText' in waarde) return { tekst: waarde.richText.map((d) => d.text).join('').trim() };
  if ('hyperlink' in waarde) return { tekst: String(waarde.text ?? '').trim() };
  if ('formula' in waarde || 'sharedFormula' in waarde) {
    const uitkomst = (waarde as { result?: ExcelJS.CellValue }).result;
    if (uitkomst === undefined || uitkomst === null) return { fout: 'bevat een formule zonder berekende waarde; plak de waarden (Plakken speciaal → Waarden)' };
    return celTekst(uitkomst as ExcelJS.CellValue, kolom, opties);
  }
  return { fout: 'heeft een onbekend celtype' };
}

function leesBlad(blad: ExcelJS.Worksheet, opties: XlsxLeesOpties): XlsxBlad {
  const fouten: CsvRegelFout[] = [];
  let kop: { nr: number; kolommen: (string | null)[] } | null = null;
  const rijen: CsvTabel['rijen'] = [];
  const letters = new Map<string, string>();
  blad.eachRow({ includeEmpty: false }, (rij, nr) => {
    const cellen: CelTekst[] = [];
    rij.eachCell({ includeEmpty: true }, (cel, kolomNr) => {
      cellen[kolomNr - 1] = celTekst(cel.value, kop ? (kop.kolommen[kolomNr - 1] ?? undefined) : undefined, opties);
    });
    const teksten = Array.from(cellen, (c) => (c && 'tekst' in c ? c.tekst : ''));
    if (teksten.every((t) => t === '') && !cellen.some((c) => c && 'fout' in c)) return;
    if ((teksten.find((t) => t !== '') ?? '').startsWith('#')) return;
    if (!kop) {
      const kolommen = teksten.map((t) => (t === '' ? null : t.toLowerCase()));
      kop = { nr, kolommen };
      const gezien = new Set<string>();
      kolommen.forEach((k, i) => {
        if (k === null) return;
        if (heeftOngeldigTeken(k)) fouten.push({ regel: nr, melding: `de kopregel ${ONGELDIG_TEKEN_MELDING}` });
        if (gezien.has(k)) fouten.push({ regel: nr, melding: `kolom '${k}' komt meer dan één keer voor` });
        gezien.add(k);
        letters.set(k, kolomLetter(i + 1));
      });
      return;
    }
    const velden: Record<string, string> = {};
    let goed = true;
    kop.kolommen.forEach((k, i) => {
      if (k === null) return;
      const cel = cellen[i];
      if (cel && 'fout' in cel) {
        fouten.push({ regel: nr, kolom: k, melding: `cel ${cel.fout}` });
        goed = false;
      } else if (cel && heeftOngeldigTeken(cel.tekst)) {
        fouten.push({ regel: nr, kolom: k, melding: `cel ${ONGELDIG_TEKEN_MELDING}` });
        goed = false;
      } else velden[k] = cel?.tekst ?? '';
    });
    teksten.forEach((t, i) => {
      if (t !== '' && (kop!.kolommen[i] ?? null) === null) {
        fouten.push({ regel: nr, melding: `cel ${kolomLetter(i + 1)}${nr} staat in een kolom zonder kop` });
        goed = false;
      }
    });
    if (goed) rijen.push({ regel: nr, velden });
  });
  const gevonden = kop as { nr: number; kolommen: (string | null)[] } | null;
  if (!gevonden) throw new CsvFout([{ regel: 1, melding: `blad '${blad.name}' bevat geen kopregel` }]);
  return {
    naam: blad.name,
    letters,
    tabel: { sep: ';', kopRegel: gevonden.nr, kolommen: gevonden.kolommen.filter((k): k is string => k !== null), rijen, fouten },
  };
}

/** Required columns checked the way `leesCsvTabel` does, for a table that came from a sheet. */
export function vereisKolommen(tabel: CsvTabel, verplicht: readonly string[]): CsvTabel {
  const ontbrekend = verplicht.filter((k) => !tabel.kolommen.includes(k));
  const fouten = [...tabel.fouten, ...ontbrekend.map((k) => ({ regel: tabel.kopRegel, melding: `verplichte kolom '${k}' ontbreekt` }))];
  return { ...tabel, fouten: fouten.sort((a, b) => a.regel - b.regel) };
}

export function kolomLetter(nr: number): string {
  let uit = '';
  for (let n = nr; n > 0; n = Math.floor((n - 1) / 26)) uit = String.fromCharCode(65 + ((n - 1) % 26)) + uit;
  return uit;
}
