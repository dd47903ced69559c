/**
 * Grootste-restmethode (Hamilton) met optionele onder- en bovengrenzen per post.
 *
 * Elke post krijgt eerst floor(quota) (begrensd op [min, max]); het restant
 * (doel − Σ) wordt daarna per cent uitgedeeld in volgorde van grootste rest
 * (quota − floor(quota)) aflopend, bij gelijke rest op `sleutel` oplopend.
 * Is het restant negatief (kan alleen door grenzen of float-afwijking), dan
 * wordt per cent afgenomen bij de kleinste rest eerst (bij gelijke rest op `sleutel`).
 *
 * Zonder grenzen en met Σquota = doel krijgt elke post floor(quota) of ceil(quota),
 * dus ligt elke uitkomst binnen 1 cent van het exacte quotum.
 */
import { type Breuk, onderAf, rest as restVan, uitGetal, vergelijk } from './breuk.js';

export interface RestPost {
  sleutel: string;
  /** Aandeel in centen: exact als breuk, of als double (dan rekent de rest in doubles). */
  quota: Breuk | number;
  /** Ondergrens in centen (geheel getal), standaard 0. */
  min?: number;
  /** Bovengrens in centen (geheel getal), standaard onbegrensd. */
  max?: number;
}

export function verdeelGrootsteRest(doel: number, posten: readonly RestPost[]): number[] {
  if (!Number.isSafeInteger(doel)) throw new Error(`doel moet een geheel aantal centen zijn (kreeg ${doel})`);
  const n = posten.length;
  const min = posten.map((p) => p.min ?? 0);
  const max = posten.map((p) => p.max ?? Number.POSITIVE_INFINITY);
  const basis = posten.map((p, i) => Math.min(max[i], Math.max(min[i], vloer(p.quota))));
  const rest = posten.map((p) => (typeof p.quota === 'number' ? p.quota - Math.floor(p.quota) : restVan(p.quota)));
  let restant = doel - basis.reduce((s, x) => s + x, 0);
  if (restant === 0) return basis;

  const volgorde = [...Array(n).keys()];
  if (restant > 0) {
    volgorde.sort((a, b) => vergelijkRest(rest[b], rest[a]) || vergelijkSleutel(posten[a].sleutel, posten[b].sleutel));
  } else {
    volgorde.sort((a, b) => vergelijkRest(rest[a], rest[b]) || vergelijkSleutel(posten[a].sleutel, posten[b].sleutel));
  }
  const stap = restant > 0 ? 1 : -1;
  while (restant !== 0) {
    let gewijzigd = false;
    for (const i of volgorde) {
      if (restant === 0) break;
      if (stap > 0 ? basis[i] < max[i] : basis[i] > min[i]) {
        basis[i] += stap;
        restant -= stap;
        gewijzigd = true;
      }
    }
    if (!gewijzigd) throw new Error('Verdeling onmogelijk: doel valt buiten de som van de grenzen');
  }
  return basis;
}

const vloer = (q: Breuk | number) => (typeof q === 'number' ? Math.floor(q) : Number(onderAf(q)));
const alsBreuk = (r: Breuk | number) => (typeof r === 'number' ? uitGetal(r) : r);
const vergelijkRest = (a: Breuk | number, b: Breuk | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : vergelijk(alsBreuk(a), alsBreuk(b));

/** Deterministische, locale-onafhankelijke vergelijking van sleutels. */
export function vergelijkSleutel(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
