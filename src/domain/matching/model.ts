/**
 * Aggregatie van de invoer tot een klein model (gedeeld door motor en HiGHS-exact):
 *  - profiel: kandidaten met identieke behoeften (herkomst, effectieve types, minKamers, toegankelijk,
 *    geordende voorkeursgemeenten); binnen een profiel zijn kandidaten alleen verschillend in hun eigen
 *    waarde, dus in elk optimum worden per profiel de kandidaten met de hoogste waarde geplaatst;
 *  - eis: (behoeftesleutel, gemeente) — de brug tussen profielen en soorten in één gemeente;
 *  - soort: (gemeente, type, kamers, toegankelijk) — passing hangt alleen hiervan af;
 *  - blok: (complex, gemeente, corporatie, wijk) — hierop werken quotum/complex/wijk-regels;
 *  - klasse: soort × blok met capaciteit = aantal identieke woningen.
 */
import { eerlijkeAandelen, effectieveTypes, gewichtenVan, kandidaatWaarde, quotumSleutel, wijkSleutel } from './objectief.js';
import type { Gewichten, MatchInvoer, WoningType } from './types.js';

export interface Profiel {
  herkomst: string;
  typen: WoningType[];
  minKamers: number;
  toegankelijkNodig: boolean;
  /** Ontdubbelde voorkeursgemeenten. */
  prefs: string[];
  /** Indices in invoer.kandidaten, gesorteerd op waarde aflopend (dan id). */
  kandidaten: number[];
  waarden: number[];
  /** Eis-index per voorkeurspositie. */
  eisen: number[];
}
export interface Eis {
  gemeente: string;
  typen: WoningType[];
  minKamers: number;
  toegankelijkNodig: boolean;
  soorten: number[];
  /** Aantal bruikbare woningen (met quotum) dat past. */
  capaciteit: number;
}
export interface Soort {
  gemeente: string;
  type: WoningType;
  kamers: number;
  toegankelijk: boolean;
  klassen: number[];
}
export interface Blok {
  complex: string;
  gemeente: string;
  corporatie: string;
  wijk: string;
  quotumKey: string;
  wijkKey: string;
  heeftQuotum: boolean;
}
export interface Klasse {
  soort: number;
  blok: number;
  /** Woning-ids (invoervolgorde). */
  woningen: string[];
}
export interface Model {
  gewichten: Gewichten;
  profielen: Profiel[];
  eisen: Eis[];
  soorten: Soort[];
  blokken: Blok[];
  klassen: Klasse[];
  /** Resterende ruimte (≥ 0). */
  quotumRest: Map<string, number>;
  complexRest: Map<string, number>;
  wijkRest: Map<string, number>;
  /** Per blok de index van zijn complex / quotum / wijk, en de resterende ruimte per index. */
  blokIndex: BlokIndex;
  aandeel: Map<string, number>;
  herkomsten: string[];
  bruikbareWoningen: number;
}

export interface BlokIndex {
  c: Int32Array;
  q: Int32Array;
  w: Int32Array;
  restC: number[];
  restQ: number[];
  restW: number[];
}

function indexeerBlokken(blokken: Blok[], complexRest: Map<string, number>, quotumRest: Map<string, number>, wijkRest: Map<string, number>): BlokIndex {
  const uit: BlokIndex = {
    c: new Int32Array(blokken.length),
    q: new Int32Array(blokken.length),
    w: new Int32Array(blokken.length),
    restC: [],
    restQ: [],
    restW: [],
  };
  const ci = new Map<string, number>();
  const qi = new Map<string, number>();
  const wi = new Map<string, number>();
  const idx = (m: Map<string, number>, rest: number[], k: string, r: number) => {
    let i = m.get(k);
    if (i === undefined) {
      i = rest.length;
      m.set(k, i);
      rest.push(r);
    }
    return i;
  };
  blokken.forEach((b, i) => {
    uit.c[i] = idx(ci, uit.restC, b.complex, complexRest.get(b.complex)!);
    uit.q[i] = idx(qi, uit.restQ, b.quotumKey, quotumRest.get(b.quotumKey) ?? 0);
    uit.w[i] = idx(wi, uit.restW, b.wijkKey, wijkRest.get(b.wijkKey)!);
  });
  return uit;
}

export function bouwModel(invoer: MatchInvoer): Model {
  const gewichten = gewichtenVan(invoer);
  const sp = invoer.spreiding;
  const quotumRest = new Map<string, number>();
  for (const q of invoer.quota) {
    const k = quotumSleutel(q.gemeenteId, q.corporatieId);
    quotumRest.set(k, (quotumRest.get(k) ?? 0) + q.resterend);
  }
  for (const [k, v] of quotumRest) quotumRest.set(k, Math.max(0, Math.floor(v)));

  const soorten: Soort[] = [];
  const soortIdx = new Map<string, number>();
  const soortenPerGemeente = new Map<string, number[]>();
  const blokken: Blok[] = [];
  const blokIdx = new Map<string, number>();
  const klassen: Klasse[] = [];
  const klasseIdx = new Map<string, number>();
  const complexRest = new Map<string, number>();
  const wijkRest = new Map<string, number>();
  let bruikbareWoningen = 0;
  for (const w of invoer.woningen) {
    const sk = `${w.gemeenteId}\u0000${w.type}\u0000${w.kamers}\u0000${w.toegankelijk ? 1 : 0}`;
    let s = soortIdx.get(sk);
    if (s === undefined) {
      s = soorten.length;
      soortIdx.set(sk, s);
      soorten.push({ gemeente: w.gemeenteId, type: w.type, kamers: w.kamers, toegankelijk: w.toegankelijk, klassen: [] });
      const l = soortenPerGemeente.get(w.gemeenteId) ?? [];
      l.push(s);
      soortenPerGemeente.set(w.gemeenteId, l);
    }
    const bk = `${w.complex}\u0000${w.gemeenteId}\u0000${w.corporatieId}\u0000${w.wijk}`;
    let b = blokIdx.get(bk);
    if (b === undefined) {
      b = blokken.length;
      blokIdx.set(bk, b);
      const quotumKey = quotumSleutel(w.gemeenteId, w.corporatieId);
      const wk = wijkSleutel(w.gemeenteId, w.wijk);
      blokken.push({ complex: w.complex, gemeente: w.gemeenteId, corporatie: w.corporatieId, wijk: w.wijk, quotumKey, wijkKey: wk, heeftQuotum: quotumRest.has(quotumKey) });
      if (!complexRest.has(w.complex)) complexRest.set(w.complex, Math.max(0, sp.maxPerComplex - (sp.alGeplaatstPerComplex[w.complex] ?? 0)));
      if (!wijkRest.has(wk)) wijkRest.set(wk, Math.max(0, sp.maxPerWijk - (sp.alGeplaatstPerWijk[wk] ?? 0)));
    }
    if (blokken[b].heeftQuotum) bruikbareWoningen++;
    const kk = `${s}|${b}`;
    let c = klasseIdx.get(kk);
    if (c === undefined) {
      c = klassen.length;
      klasseIdx.set(kk, c);
      klassen.push({ soort: s, blok: b, woningen: [] });
      soorten[s].klassen.push(c);
    }
    klassen[c].woningen.push(w.id);
  }

  // numerieke indices per blok voor complex, quotum en wijk (voor de capaciteitsberekening per eis)
  const blokIndex = indexeerBlokken(blokken, complexRest, quotumRest, wijkRest);
  const { c: blokC, q: blokQ, w: blokW, restC, restQ, restW } = blokIndex;
  const merkC = new Int32Array(restC.length);
  const merkQ = new Int32Array(restQ.length);
  const merkW = new Int32Array(restW.length);

  const eisen: Eis[] = [];
  const eisIdx = new Map<string, number>();
  const profielen: Profiel[] = [];
  const profielIdx = new Map<string, number>();
  const ruw: { p: number; i: number; v: number; id: string }[] = [];
  invoer.kandidaten.forEach((k, i) => {
    const typen = effectieveTypes(k);
    const prefs = [...new Set(k.gemeentePreferenties)];
    const req = `${typen.join(',')}\u0000${k.minKamers}\u0000${k.toegankelijkNodig ? 1 : 0}`;
    const pk = `${k.herkomstgemeenteId}\u0000${req}\u0000${prefs.join('\u0001')}`;
    let p = profielIdx.get(pk);
    if (p === undefined) {
      p = profielen.length;
      profielIdx.set(pk, p);
      const eisIdxs = prefs.map((g) => {
        const ek = `${req}\u0000${g}`;
        let e = eisIdx.get(ek);
        if (e === undefined) {
          e = eisen.length;
          eisIdx.set(ek, e);
          const ss = (soortenPerGemeente.get(g) ?? []).filter((s) => {
            const so = soorten[s];
            return typen.includes(so.type) && so.kamers >= k.minKamers && (!k.toegankelijkNodig || so.toegankelijk);
          });
          // bovengrens op wat via deze eis geplaatst kan worden: min over de regelniveaus
          // (merktekens per eis i.p.v. Sets: dit draait voor elke eis over alle passende klassen)
          let cap = 0;
          let cc = 0;
          let qc = 0;
          let wc = 0;
          const merk = e + 1;
          for (const s of ss)
            for (const c of soorten[s].klassen) {
              const bi = klassen[c].blok;
              const b = blokken[bi];
              if (!b.heeftQuotum) continue;
              cap += klassen[c].woningen.length;
              const ci = blokC[bi];
              if (merkC[ci] !== merk) {
                merkC[ci] = merk;
                cc += restC[ci];
              }
              const qi = blokQ[bi];
              if (merkQ[qi] !== merk) {
                merkQ[qi] = merk;
                qc += restQ[qi];
              }
              const wi = blokW[bi];
              if (merkW[wi] !== merk) {
                merkW[wi] = merk;
                wc += restW[wi];
              }
            }
          cap = Math.min(cap, cc, qc, wc);
          eisen.push({ gemeente: g, typen, minKamers: k.minKamers, toegankelijkNodig: k.toegankelijkNodig, soorten: ss, capaciteit: cap });
        }
        return e;
      });
      profielen.push({ herkomst: k.herkomstgemeenteId, typen, minKamers: k.minKamers, toegankelijkNodig: k.toegankelijkNodig, prefs, kandidaten: [], waarden: [], eisen: eisIdxs });
    }
    ruw.push({ p, i, v: kandidaatWaarde(k, gewichten), id: k.id });
  });
  ruw.sort((a, b) => b.v - a.v || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of ruw) {
    profielen[r.p].kandidaten.push(r.i);
    profielen[r.p].waarden.push(r.v);
  }
  const herkomsten = [...new Set(invoer.kandidaten.map((k) => k.herkomstgemeenteId))].sort();
  const aandeel = eerlijkeAandelen(invoer);
  return { gewichten, profielen, eisen, soorten, blokken, klassen, quotumRest, complexRest, wijkRest, blokIndex, aandeel, herkomsten, bruikbareWoningen };
}

/** Hoeveel kandidaten van dit profiel ten hoogste geplaatst kunnen worden (bereikbare capaciteit). */
export function bereikbaar(model: Model, p: Profiel): number {
  let cap = 0;
  for (const e of p.eisen) cap += model.eisen[e].capaciteit;
  return Math.min(cap, p.kandidaten.length);
}
