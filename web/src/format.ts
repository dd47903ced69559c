/**
 * Dutch notation, both shown and typed: 1.250,50 for amounts, 50,4% for shares, 1-12-2026 for dates.
 * One place, so every page writes numbers the same way.
 */
const NL = 'nl-NL';

export const getal = (n: number | null | undefined, decimalen = 0) =>
  n == null || !Number.isFinite(n) ? '—' : n.toLocaleString(NL, { minimumFractionDigits: 0, maximumFractionDigits: decimalen });

/** An amount in euro (not cents): € 1.250,50. */
export const bedrag = (euro: number | null | undefined) => (euro == null ? '—' : euro.toLocaleString(NL, { style: 'currency', currency: 'EUR' }));
export const euroUitCenten = (centen: number | null | undefined) => (centen == null ? '—' : bedrag(centen / 100));

/** A share 0..1 as a percentage: 0.5037 → "50,4%". */
export const procent = (aandeel: number | null | undefined, decimalen = 1) =>
  aandeel == null || !Number.isFinite(aandeel) ? '—' : `${(aandeel * 100).toLocaleString(NL, { minimumFractionDigits: 0, maximumFractionDigits: decimalen })}%`;

/** 2026-12-01 → 1-12-2026: the Dutch notation people read and type (the same function the server writes its texts with). */
export { nlDatum } from '../../src/domain/datums';

/** A date as a Dutch user types it: 12-4-1996, 12/04/1996, 12.4.1996, 12 4 1996 or 12041996; also 1996-04-12. */
export function leesDatum(tekst: string): string | null {
  const t = tekst.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const nl = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  const [j, m, d] = iso ? [iso[1], iso[2], iso[3]] : nl ? [nl[3], nl[2], nl[1]] : [];
  if (!j || !m || !d) return null;
  const datum = new Date(Date.UTC(Number(j), Number(m) - 1, Number(d)));
  // 31-2 rolls over to 3-3 in Date: such a day does not exist
  if (datum.getUTCFullYear() !== Number(j) || datum.getUTCMonth() !== Number(m) - 1 || datum.getUTCDate() !== Number(d)) return null;
  return datum.toISOString().slice(0, 10);
}

/** 2026-04-02 → 02-04-2026, the form a date field shows once it is typed. */
export const datumInvoer = (iso: string) => {
  const [j, m, d] = iso.slice(0, 10).split('-');
  return j && m && d ? `${d}-${m}-${j}` : iso;
};

export const nlTijdstip = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(NL, { day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';

/**
 * Reads a number as a Dutch user types it: "1.250,50", "1250,5", "1 250", "€ 1.250", also "1250.50".
 * A comma is the decimal sign; dots are then thousands separators. Without a comma, a dot followed by exactly
 * three digits (1.250) is a thousands separator, otherwise a decimal point. Returns null when it is not a number.
 */
export function leesGetal(tekst: string): number | null {
  const t = leesDecimaal(tekst);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The same reading as {@link leesGetal}, but as the typed decimal in plain notation ("1.250,50" → "1250.50"), so a
 *  page can compute with exactly what was typed (cents, a percentage as a fraction) instead of the nearest double. */
export function leesDecimaal(tekst: string): string | null {
  let t = tekst.trim().replace(/^€\s*/, '').replace(/[\s\u00a0]/g, '').replace(/%$/, '');
  if (!t) return null;
  if (t.includes(',')) {
    if (t.indexOf(',') !== t.lastIndexOf(',')) return null;
    if (t.includes('.') && !/^-?\d{1,3}(\.\d{3})*,\d*$/.test(t)) return null;
    t = t.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) {
    t = t.replace(/\./g, '');
  }
  return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? t : null;
}
