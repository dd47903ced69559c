/**
 * Exacte rationale getallen (teller/noemer als BigInt) voor de verdeelmodelrekenkunde.
 *
 * Waarom: met doubles kwamen quota als 8,333…32 en 58,333…36 uit, zodat gelijke resten niet gelijk waren en de
 * tie-break op gemeentecode niet gold, en boven 1e15 centen viel een budget een cent onder zijn exacte floor.
 * Invoergetallen (gewichten, indicatorwaarden, plafondfracties) worden gelezen als het decimale getal dat een mens
 * typte: 0.2 is 1/5, niet de dichtstbijzijnde double.
 */
export interface Breuk {
  /** teller; het teken zit hier */
  t: bigint;
  /** noemer, altijd > 0 */
  n: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function ggd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export function breuk(t: bigint, n: bigint = 1n): Breuk {
  if (n === 0n) throw new RangeError('noemer 0');
  if (n < 0n) [t, n] = [-t, -n];
  const d = ggd(t, n) || 1n;
  return { t: t / d, n: n / d };
}

/** Een decimaal getal in gewone notatie (`12`, `-2.9`, `.5`, `5.`), exact; null als het dat niet is. */
export function uitDecimaal(tekst: string): Breuk | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(tekst);
  if (!m || !/\d/.test(tekst)) return null;
  const [, teken, heel, fractie = ''] = m;
  const t = BigInt((heel || '0') + fractie);
  return breuk(teken ? -t : t, 10n ** BigInt(fractie.length));
}

/**
 * Exact als decimaal getal in gewone notatie (1/40 → "0.025"), of null als de breuk geen eindige decimale
 * ontwikkeling heeft (⅓). Zo gaat een getal dat een mens typte ongeschonden als tekst naar de API.
 */
export function alsDecimaal(a: Breuk): string | null {
  let n = a.n;
  let twee = 0n;
  let vijf = 0n;
  while (n % 2n === 0n) [n, twee] = [n / 2n, twee + 1n];
  while (n % 5n === 0n) [n, vijf] = [n / 5n, vijf + 1n];
  if (n !== 1n) return null;
  const k = twee > vijf ? twee : vijf;
  const t = a.t * 10n ** k / a.n;
  const teken = t < 0n ? '-' : '';
  const cijfers = (t < 0n ? -t : t).toString().padStart(Number(k) + 1, '0');
  if (k === 0n) return teken + cijfers;
  const heel = cijfers.slice(0, cijfers.length - Number(k));
  const fractie = cijfers.slice(cijfers.length - Number(k)).replace(/0+$/, '');
  return teken + heel + (fractie ? `.${fractie}` : '');
}

/** Het decimale getal dat `String(x)` toont, exact: 0.1 → 1/10, 1e-7 → 1/10000000, 1.5e21 → 1500…0. */
export function uitGetal(x: number): Breuk {
  if (!Number.isFinite(x)) throw new RangeError(`geen eindig getal: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`onleesbaar getal: ${x}`);
  const [, teken, heel, fractie = '', exp = '0'] = m;
  const e = Number(exp) - fractie.length;
  let t = BigInt(heel + fractie);
  let n = 1n;
  if (e >= 0) t *= 10n ** BigInt(e);
  else n = 10n ** BigInt(-e);
  return breuk(teken ? -t : t, n);
}

export const plus = (a: Breuk, b: Breuk): Breuk => breuk(a.t * b.n + b.t * a.n, a.n * b.n);
export const maal = (a: Breuk, b: Breuk): Breuk => breuk(a.t * b.t, a.n * b.n);
export const gedeeld = (a: Breuk, b: Breuk): Breuk => breuk(a.t * b.n, a.n * b.t);
/** −1, 0 of 1 */
export const vergelijk = (a: Breuk, b: Breuk): number => {
  const v = a.t * b.n - b.t * a.n;
  return v < 0n ? -1 : v > 0n ? 1 : 0;
};

/** Grootste gehele getal ≤ a. */
export function onderAf(a: Breuk): bigint {
  const q = a.t / a.n;
  return a.t < 0n && q * a.n !== a.t ? q - 1n : q;
}

/** a − ⌊a⌋, in [0, 1); met dezelfde noemer als a, zodat resten met een gemeenschappelijke noemer snel te vergelijken zijn. */
export const rest = (a: Breuk): Breuk => ({ t: a.t - onderAf(a) * a.n, n: a.n });

/**
 * Dezelfde getallen als gehele getallen met één gemeenschappelijke schaal (×10^k): verhoudingen blijven exact gelijk.
 * Zo rekent een verdeling met gehele BigInts in plaats van breuken die bij elke stap vereenvoudigd moeten worden.
 */
export function alsGeheleGetallen(xs: readonly number[]): bigint[] {
  const bs = xs.map(uitGetal);
  const noemer = bs.reduce((k, b) => (k / ggd(k, b.n)) * b.n, 1n);
  return bs.map((b) => b.t * (noemer / b.n));
}

/** Benadering als double, alleen voor weergave (ook als teller en noemer zelf geen double meer zijn). */
export function alsGetal(a: Breuk): number {
  const heel = onderAf(a);
  return Number(heel) + Number(((a.t - heel * a.n) << 53n) / a.n) / 2 ** 53;
}
