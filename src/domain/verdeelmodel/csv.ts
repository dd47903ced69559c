import type { GemeenteIndicatoren } from './types.js';
import { CsvFout, leesCsvTabel, splitsRegel, type CsvRegelFout, type CsvTabel, type Scheidingsteken } from '../csv.js';

/**
 * CSV-invoer voor het verdeelmodel (pure functie, geen I/O).
 *
 * Formaat:
 * - Regels die (na spaties) met `#` beginnen en lege regels worden overgeslagen; regelnummers in
 *   foutmeldingen zijn fysieke regelnummers in het bestand (1-based, commentaar meegeteld).
 * - Eerste overige regel is de kop. Scheidingsteken: `;` als de kop een `;` bevat, anders `,`.
 *   Velden mogen tussen dubbele aanhalingstekens staan (`""` = letterlijk aanhalingsteken).
 * - Verplichte kolommen: `gemeentecode` (/^GM\d{4}$/), `gemeentenaam`, en precies één van
 *   `historisch_budget` (in **euro's**, max. 2 decimalen) of `historisch_budget_centen` (gehele centen).
 *   Alle andere kolommen zijn indicatoren (kolomnaam = indicatorcode, /^[a-z][a-z0-9_]*$/), waarden ≥ 0.
 *   Kolomnamen zijn hoofdletterongevoelig.
 * - Getallen:
 *   - bij `;`: Nederlandse notatie — punt = duizendtalscheiding (groepen van precies 3 cijfers),
 *     komma = decimaalteken: `1.234,5`, `1234,5`, `12.345`. Gewone notatie met decimale punt
 *     (`1234.5`) wordt ook geaccepteerd zolang het niet op duizendtallen lijkt: **`1.234` betekent
 *     dus 1234**, `1234.5` betekent 1234,5.
 *   - bij `,`: alleen gewone notatie (`1234.5`, geen duizendtalscheiding), omdat de komma al scheidingsteken is.
 * - Alle regelfouten worden verzameld en samen gegooid als {@link CsvFout}.
 */

export { CsvFout, splitsRegel, type CsvRegelFout, type Scheidingsteken };

export interface CsvResultaat {
  rijen: GemeenteIndicatoren[];
  /** Indicatorkolommen in kopvolgorde. */
  indicatorCodes: string[];
  scheidingsteken: Scheidingsteken;
}

export const GEMEENTECODE_REGEX = /^GM\d{4}$/;
const INDICATOR_REGEX = /^[a-z][a-z0-9_]*$/;

/** Zet een getal-tekst om naar gewone notatie (`-?\d+(\.\d+)?`), of `null` als het geen getal is. */
function normaliseerGetal(tekst: string, sep: Scheidingsteken): string | null {
  const s = tekst.trim();
  if (sep === ';') {
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, '').replace(',', '.');
    if (/^-?\d+,\d+$/.test(s)) return s.replace(',', '.');
  }
  if (/^-?\d+(\.\d+)?$/.test(s)) return s;
  return null;
}

/** Parseert een getal volgens de regels hierboven; `null` als het geen getal is. */
export function parseGetal(tekst: string, sep: Scheidingsteken = ';'): number | null {
  const n = normaliseerGetal(tekst, sep);
  if (n === null) return null;
  const x = Number(n);
  return Number.isFinite(x) ? x : null;
}

/** Parseert een eurobedrag (max. 2 decimalen) exact naar centen; string bij fout (Nederlandse reden). */
export function parseEuroNaarCenten(tekst: string, sep: Scheidingsteken = ';'): number | string {
  const n = normaliseerGetal(tekst, sep);
  if (n === null) return 'is geen getal';
  if (n.startsWith('-')) return 'mag niet negatief zijn';
  const [heel, frac = ''] = n.split('.');
  if (frac.length > 2) return 'heeft meer dan 2 decimalen (eurobedrag)';
  const centen = Number(heel) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(centen)) return 'is te groot';
  return centen;
}

export const VERPLICHTE_KOLOMMEN = ['gemeentecode', 'gemeentenaam'] as const;

export function parseIndicatorenCsv(tekst: string): CsvResultaat {
  return parseIndicatorenTabel(leesCsvTabel(tekst, VERPLICHTE_KOLOMMEN));
}

/** The same rules for a table from another source (an Excel sheet: its numbers arrive in Dutch notation, `sep` `;`). */
export function parseIndicatorenTabel(tabel: CsvTabel): CsvResultaat {
  const { sep, kolommen } = tabel;
  const kop = { nr: tabel.kopRegel };
  const structuur = tabel.fouten.filter((f) => f.regel === kop.nr);
  const fouten: CsvRegelFout[] = [...structuur];
  const index = new Map(kolommen.map((k, i) => [k, i]));
  const heeftEuro = index.has('historisch_budget');
  const heeftCenten = index.has('historisch_budget_centen');
  if (heeftEuro === heeftCenten) {
    fouten.push({
      regel: kop.nr,
      melding: heeftEuro
        ? "gebruik óf 'historisch_budget' óf 'historisch_budget_centen', niet beide"
        : "verplichte kolom 'historisch_budget' (of 'historisch_budget_centen') ontbreekt",
    });
  }
  const vast = new Set(['gemeentecode', 'gemeentenaam', 'historisch_budget', 'historisch_budget_centen']);
  const indicatorCodes = [...index.keys()].filter((k) => !vast.has(k));
  for (const k of indicatorCodes) {
    if (!INDICATOR_REGEX.test(k)) {
      fouten.push({ regel: kop.nr, melding: `kolomnaam '${k}' is ongeldig (alleen a-z, 0-9 en _, beginnend met een letter)` });
    }
  }
  if (indicatorCodes.length === 0) fouten.push({ regel: kop.nr, melding: 'er zijn geen indicatorkolommen' });
  if (fouten.length > 0) throw new CsvFout(fouten);

  const budgetKolom = heeftEuro ? 'historisch_budget' : 'historisch_budget_centen';
  const rijen: GemeenteIndicatoren[] = [];
  const gezien = new Map<string, number>();
  fouten.push(...tabel.fouten.filter((f) => f.regel !== kop.nr));
  for (const { regel: nr, velden } of tabel.rijen) {
    const veld = (k: string): string => velden[k]!;
    const aantalFouten = fouten.length;

    const code = veld('gemeentecode');
    if (!GEMEENTECODE_REGEX.test(code)) {
      fouten.push({ regel: nr, kolom: 'gemeentecode', melding: `gemeentecode '${code}' is ongeldig (verwacht GM gevolgd door 4 cijfers, bv. GM0363)` });
    } else if (gezien.has(code)) {
      fouten.push({ regel: nr, kolom: 'gemeentecode', melding: `gemeentecode ${code} komt al voor op regel ${gezien.get(code)}` });
    } else gezien.set(code, nr);

    const naam = veld('gemeentenaam');
    if (naam === '') fouten.push({ regel: nr, kolom: 'gemeentenaam', melding: 'gemeentenaam is leeg' });

    const waarden: Record<string, number> = {};
    for (const k of indicatorCodes) {
      const t = veld(k);
      if (t === '') {
        fouten.push({ regel: nr, kolom: k, melding: `${k} ontbreekt` });
        continue;
      }
      const x = parseGetal(t, sep);
      if (x === null) fouten.push({ regel: nr, kolom: k, melding: `${k} is geen getal ('${t}')` });
      else if (x < 0) fouten.push({ regel: nr, kolom: k, melding: `${k} mag niet negatief zijn (${t})` });
      else waarden[k] = x;
    }

    let historischBudget = 0;
    const bt = veld(budgetKolom);
    if (bt === '') fouten.push({ regel: nr, kolom: budgetKolom, melding: `${budgetKolom} ontbreekt` });
    else if (heeftEuro) {
      const c = parseEuroNaarCenten(bt, sep);
      if (typeof c === 'string') fouten.push({ regel: nr, kolom: budgetKolom, melding: `${budgetKolom} ${c} ('${bt}')` });
      else historischBudget = c;
    } else {
      const c = /^\d+$/.test(bt) ? Number(bt) : NaN;
      if (!Number.isSafeInteger(c)) fouten.push({ regel: nr, kolom: budgetKolom, melding: `${budgetKolom} moet een geheel, niet-negatief aantal centen zijn ('${bt}')` });
      else historischBudget = c;
    }

    if (fouten.length === aantalFouten) rijen.push({ gemeenteCode: code, naam, waarden, historischBudget });
  }
  if (rijen.length === 0 && fouten.length === 0) fouten.push({ regel: kop.nr, melding: 'er staan geen gemeenten onder de kopregel' });
  if (fouten.length > 0) throw new CsvFout(fouten);
  return { rijen, indicatorCodes, scheidingsteken: sep };
}
