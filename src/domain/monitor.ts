/**
 * Pure helpers of the regional monitor: definitions that the SQL in src/db/repos/monitor.ts implements
 * and that the tests recompute in TypeScript, plus small-number suppression and CSV output.
 */

export const PERIODES = ['maand', 'kwartaal', 'jaar'] as const;
export type Periode = (typeof PERIODES)[number];

/** PostgreSQL date_trunc field and step length per period. */
export const PERIODE_SQL: Record<Periode, { veld: 'month' | 'quarter' | 'year'; maanden: number }> = {
  maand: { veld: 'month', maanden: 1 },
  kwartaal: { veld: 'quarter', maanden: 3 },
  jaar: { veld: 'year', maanden: 12 },
};

/** Follow-up window for "terugkeer binnen 12 maanden", as in the HUD System Performance Measure 2. */
export const TERUGKEER_DAGEN = 365;

/**
 * Counts of placed people below this threshold are not shown to a woningcorporatie per gemeente and year:
 * with a handful of placements the corporatie could link a figure to a tenant it knows.
 */
export const DREMPEL_KLEINE_AANTALLEN = 5;

/** 1..4 becomes null (shown as "<5"); 0 stays 0 because "nothing happened" reveals no one. */
export function onderdruk(n: number): number | null {
  return n > 0 && n < DREMPEL_KLEINE_AANTALLEN ? null : n;
}

/** Linear interpolation between closest ranks, identical to PostgreSQL's percentile_cont. */
export function percentielCont(waarden: readonly number[], p: number): number | null {
  if (waarden.length === 0) return null;
  const s = [...waarden].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const onder = Math.floor(pos);
  const boven = Math.ceil(pos);
  return s[onder]! + (s[boven]! - s[onder]!) * (pos - onder);
}

/** First day of the period that contains `datum` (YYYY-MM-DD). */
export function periodeStart(datum: string, periode: Periode): string {
  const [j, m] = datum.split('-').map(Number) as [number, number];
  const maand = periode === 'maand' ? m : periode === 'kwartaal' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return `${j}-${String(maand).padStart(2, '0')}-01`;
}

export type CsvWaarde = string | number | boolean | null | undefined;

/**
 * CSV as Dutch spreadsheet programs open it: `;` as separator, decimal comma, CRLF line ends,
 * and a byte order mark so Excel reads UTF-8. Fields with `;`, `"` or a line break are quoted.
 */
export function naarCsv(kolommen: readonly { sleutel: string; kop: string }[], rijen: readonly Record<string, CsvWaarde>[]): string {
  const veld = (w: CsvWaarde): string => {
    if (w === null || w === undefined) return '';
    const tekst = typeof w === 'number' ? String(w).replace('.', ',') : typeof w === 'boolean' ? (w ? 'ja' : 'nee') : w;
    return /[;"\r\n]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
  };
  const regels = [kolommen.map((k) => veld(k.kop)).join(';'), ...rijen.map((r) => kolommen.map((k) => veld(r[k.sleutel])).join(';'))];
  return `\uFEFF${regels.join('\r\n')}\r\n`;
}
