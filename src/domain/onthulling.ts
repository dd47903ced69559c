/**
 * Small-number suppression for figures that leave the region (the national view, ADR 0028).
 *
 * A table is a set of cells (counts of people) and additive relations between them: `totaal = Σ delen` (a region is
 * the sum of its gemeenten, the nation the sum of its regions, a count the sum of its 18–24 part and the rest).
 * Cells that are never published but follow from others (the "rest" beside the 18–24 part) are cells too,
 * marked `verborgen`, because a difference reveals them just as well.
 *
 * Rules, applied until nothing changes:
 * 1. primary: a cell with 0 < n < drempel is not published (0 is: "nobody" reveals no one);
 * 2. a relation whose total is published must not leave a small remainder: the sum of its unpublished parts is
 *    0 or at least `drempel` (otherwise total − published parts gives that small sum); the smallest published
 *    non-zero part is suppressed next, or the total when no part is left;
 * 3. no unpublished sensitive cell may be determined exactly by the linear system of all relations over the
 *    unpublished cells (a chain of differences across levels); when one is, the smallest published non-zero cell
 *    of a relation it is in is suppressed too.
 * Rule 3 is checked with exact rational elimination, so the guarantee does not rest on the heuristics of 1–2.
 */

export const STANDAARD_DREMPEL = 10;

export interface Relatie {
  totaal: string;
  delen: readonly string[];
}

export interface OnthullingsInvoer {
  waarden: ReadonlyMap<string, number>;
  relaties: readonly Relatie[];
  /** cells that are part of the relations but never published (e.g. "not 18–24") */
  verborgen?: ReadonlySet<string>;
  drempel: number;
}

export const isGevoelig = (n: number, drempel: number) => n > 0 && n < drempel;

/** The cells to withhold (primary and secondary, including the `verborgen` ones). */
export function teOnderdrukken(invoer: OnthullingsInvoer): Set<string> {
  const { waarden, relaties, drempel } = invoer;
  const w = (id: string) => {
    const v = waarden.get(id);
    if (v === undefined) throw new Error(`onthulling: cel ${id} heeft geen waarde`);
    return v;
  };
  const weg = new Set<string>(invoer.verborgen ?? []);
  for (const [id, v] of waarden) if (isGevoelig(v, drempel)) weg.add(id);

  /** suppresses the smallest published non-zero part of `r`, else its total; false if nothing is left to suppress */
  const onderdrukErbij = (r: Relatie, behalve?: string): boolean => {
    const kandidaten = r.delen.filter((d) => d !== behalve && !weg.has(d) && w(d) > 0).sort((a, b) => w(a) - w(b) || (a < b ? -1 : 1));
    if (kandidaten.length) {
      weg.add(kandidaten[0]!);
      return true;
    }
    if (r.totaal !== behalve && !weg.has(r.totaal) && w(r.totaal) > 0) {
      weg.add(r.totaal);
      return true;
    }
    return false;
  };

  for (let ronde = 0; ronde < 10_000; ronde++) {
    let veranderd = false;
    // rule 2: no small remainder under a published total
    for (const r of relaties) {
      if (weg.has(r.totaal)) continue;
      const rest = r.delen.filter((d) => weg.has(d)).reduce((som, d) => som + w(d), 0);
      if (isGevoelig(rest, drempel) && onderdrukErbij(r)) veranderd = true;
    }
    if (veranderd) continue;
    // rule 3: nothing sensitive follows exactly from the whole system
    const bepaald = exactBepaald(relaties, weg);
    const lek = [...bepaald].find((id) => isGevoelig(w(id), drempel));
    if (lek === undefined) return weg;
    const r = relaties.find((x) => (x.totaal === lek || x.delen.includes(lek)) && (x.delen.some((d) => d !== lek && !weg.has(d) && w(d) > 0) || (x.totaal !== lek && !weg.has(x.totaal) && w(x.totaal) > 0)));
    if (r && onderdrukErbij(r, lek)) continue;
    // determined through a chain of other relations: withhold the smallest published non-zero cell anywhere
    const overal = [...new Set(relaties.flatMap((x) => [x.totaal, ...x.delen]))].filter((id) => !weg.has(id) && w(id) > 0).sort((a, b) => w(a) - w(b) || (a < b ? -1 : 1));
    if (!overal.length) throw new Error(`onthulling: cel ${lek} is niet te beschermen`);
    weg.add(overal[0]!);
  }
  throw new Error('onthulling: geen vast punt');
}

/**
 * The unpublished cells whose value follows exactly from the published ones: reduce the relations over the
 * unpublished cells (published cells move to the right-hand side) to reduced row echelon form with exact fractions;
 * a cell is determined iff some reduced row has a single non-zero entry, at that cell.
 */
export function exactBepaald(relaties: readonly Relatie[], weg: ReadonlySet<string>): Set<string> {
  const kolommen = [...weg];
  const index = new Map(kolommen.map((id, i) => [id, i]));
  const rijen: bigint[][] = [];
  for (const r of relaties) {
    const rij = new Array<bigint>(kolommen.length).fill(0n);
    let iets = false;
    const zet = (id: string, c: bigint) => {
      const i = index.get(id);
      if (i === undefined) return;
      rij[i]! += c;
      iets = true;
    };
    zet(r.totaal, 1n);
    for (const d of r.delen) zet(d, -1n);
    if (iets) rijen.push(rij);
  }
  // integer fraction-free elimination (Bareiss-like with gcd normalisation) keeps values small and exact
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  };
  const normaliseer = (rij: bigint[]) => {
    const g = rij.reduce((acc, v) => gcd(acc, v), 0n);
    if (g > 1n) for (let i = 0; i < rij.length; i++) rij[i]! /= g;
  };
  let pivotRij = 0;
  for (let k = 0; k < kolommen.length && pivotRij < rijen.length; k++) {
    const p = rijen.findIndex((rij, i) => i >= pivotRij && rij[k] !== 0n);
    if (p < 0) continue;
    [rijen[pivotRij], rijen[p]] = [rijen[p]!, rijen[pivotRij]!];
    const pr = rijen[pivotRij]!;
    for (let i = 0; i < rijen.length; i++) {
      if (i === pivotRij || rijen[i]![k] === 0n) continue;
      const rij = rijen[i]!;
      const a = pr[k]!;
      const b = rij[k]!;
      for (let j = 0; j < kolommen.length; j++) rij[j] = rij[j]! * a - pr[j]! * b;
      normaliseer(rij);
    }
    pivotRij++;
  }
  const bepaald = new Set<string>();
  for (const rij of rijen) {
    const nietNul = rij.flatMap((v, j) => (v !== 0n ? [j] : []));
    if (nietNul.length === 1) bepaald.add(kolommen[nietNul[0]!]!);
  }
  return bepaald;
}

/** The published value of a cell: the count, or null when withheld. */
export function publiceer(waarden: ReadonlyMap<string, number>, weg: ReadonlySet<string>): Map<string, number | null> {
  return new Map([...waarden].map(([id, v]) => [id, weg.has(id) ? null : v]));
}

/** One count per region with its 18–24 part: {@link regioTabel} with `jongeren` as a subset of `totaal`. */
export function regioVergelijking(perRegio: ReadonlyMap<string, { totaal: number; jongeren: number }>, drempel: number) {
  const uit = regioTabel(perRegio, [{ sleutel: 'totaal' }, { sleutel: 'jongeren', deelVan: ['totaal'] }], drempel);
  const rij = (id: string) => ({ totaal: uit.get(id)!.totaal!, jongeren: uit.get(id)!.jongeren! });
  return { regios: new Map([...perRegio.keys()].map((id) => [id, rij(id)])), landelijk: rij(LANDELIJK) };
}

/** A figure derived from n people (a mean, a median, a percentage) is published only when n reaches the threshold. */
export const alsGenoeg = <T>(n: number, waarde: T, drempel: number): T | null => (n >= drempel ? waarde : null);

/** A count in a national comparison; `deelVan`: the counts it is a subset of (18–24 of all, returns of exits). */
export interface Maat {
  sleutel: string;
  deelVan?: readonly string[];
}

/**
 * Regions side by side, one row per region and a national row (`LANDELIJK`), every count of `maten` suppressed
 * jointly: per count the national total is the sum of the regions; a subset and its (hidden) remainder add up to
 * the count it is part of, in every region and nationally. So neither a difference between regions and the
 * national total, nor one between a count and its subset, reveals a small number.
 */
export const LANDELIJK = 'landelijk';

export function regioTabel(perRegio: ReadonlyMap<string, Readonly<Record<string, number>>>, maten: readonly Maat[], drempel: number): Map<string, Record<string, number | null>> {
  const ids = [...perRegio.keys()];
  const waarden = new Map<string, number>();
  const verborgen = new Set<string>();
  const relaties: Relatie[] = [];
  const cel = (m: string, id: string) => `${m}@${id}`;
  for (const m of maten) {
    let som = 0;
    for (const id of ids) {
      const v = perRegio.get(id)![m.sleutel];
      if (v === undefined) throw new Error(`onthulling: ${m.sleutel} ontbreekt voor ${id}`);
      waarden.set(cel(m.sleutel, id), v);
      som += v;
    }
    waarden.set(cel(m.sleutel, LANDELIJK), som);
    relaties.push({ totaal: cel(m.sleutel, LANDELIJK), delen: ids.map((id) => cel(m.sleutel, id)) });
  }
  for (const m of maten) {
    for (const ouder of m.deelVan ?? []) {
      const rest = `${m.sleutel}~${ouder}`;
      for (const id of [...ids, LANDELIJK]) {
        const v = waarden.get(cel(ouder, id))! - waarden.get(cel(m.sleutel, id))!;
        if (v < 0) throw new Error(`onthulling: ${m.sleutel} is groter dan ${ouder} in ${id}`);
        waarden.set(cel(rest, id), v);
        verborgen.add(cel(rest, id));
        relaties.push({ totaal: cel(ouder, id), delen: [cel(m.sleutel, id), cel(rest, id)] });
      }
      relaties.push({ totaal: cel(rest, LANDELIJK), delen: ids.map((id) => cel(rest, id)) });
    }
  }
  const weg = teOnderdrukken({ waarden, relaties, verborgen, drempel });
  return new Map(
    [...ids, LANDELIJK].map((id) => [id, Object.fromEntries(maten.map((m) => [m.sleutel, weg.has(cel(m.sleutel, id)) ? null : waarden.get(cel(m.sleutel, id))!]))]),
  );
}

/** The threshold from the environment (DOORSTROOM_ONTHULLINGSDREMPEL); a value below 2 would suppress nothing. */
export function leesDrempel(waarde: string | undefined): number {
  if (waarde === undefined || waarde === '') return STANDAARD_DREMPEL;
  const n = Number(waarde);
  if (!Number.isInteger(n) || n < 2 || n > 1000) throw new Error(`DOORSTROOM_ONTHULLINGSDREMPEL moet een geheel getal van 2 tot en met 1000 zijn, niet '${waarde}'`);
  return n;
}

/** A percentage (one decimal) only of published counts: a percentage of a published total would reveal its part. */
export const percentage = (teller: number | null, noemer: number | null) => (teller === null || noemer === null || noemer === 0 ? null : Math.round((teller / noemer) * 1000) / 10);
