/**
 * Name search without decrypting: a name is cut into normalised tokens, and each token is indexed whole and by
 * every prefix of at least MIN_PREFIX characters. A query matches a client when every token of the query is one
 * of the client's index entries, so "Vri", "vries" and "de Vries" all find "Priya de Vries". The entries are
 * stored only as keyed hashes (db/versleuteling.naamTokenHash); this module is the pure part.
 */

export const MIN_PREFIX = 3;
/** tokens longer than this add no prefixes beyond it: bounds the rows per client */
export const MAX_PREFIX = 24;

// letters NFKD does not decompose into a base letter plus marks
const LIGATUREN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĳ: 'ij' };

/** Lowercase, diacritics stripped, split on spaces and hyphens; other punctuation inside a token is dropped ("O'Brien" → "obrien"). */
export function naamTokens(naam: string): string[] {
  const tokens = naam
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþıĳ]/g, (l) => LIGATUREN[l]!)
    .split(/[\s\-‐‑‒–—_]+/u)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((t) => t.length > 0);
  return [...new Set(tokens)];
}

/** What the index holds for a name: every token whole, and its prefixes of MIN_PREFIX … MAX_PREFIX characters. */
export function naamIndexTermen(naam: string): string[] {
  const termen = new Set<string>();
  for (const token of naamTokens(naam)) {
    termen.add(token);
    const tekens = [...token];
    for (let n = MIN_PREFIX; n < tekens.length && n <= MAX_PREFIX; n++) termen.add(tekens.slice(0, n).join(''));
  }
  return [...termen];
}

/**
 * The terms a query must all match. A query token longer than MAX_PREFIX that is not a whole token cannot be
 * in the index; it is cut to MAX_PREFIX characters, which finds the same clients plus those who share those
 * first MAX_PREFIX characters.
 */
export function zoekTermen(zoek: string): string[] {
  return [...new Set(naamTokens(zoek).map((t) => ([...t].length > MAX_PREFIX ? [...t].slice(0, MAX_PREFIX).join('') : t)))];
}
