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
import { eerlijkeAandelen, gewichtenVan, isJongere, kandidaatWaarde, quotumSleutel, spreidingsregels } from './objectief.js';
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
  /** Bovengrens op het aantal plaatsingen via deze eis (som van de grenzen per soort). */
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
  /** Teller van de complexregel (regio: complex; afspraak: gemeente+corporatie+complex). */
  complexKey: string;
  /** Teller van de wijkregel (regio: gemeente+wijk; afspraak: gemeente+corporatie+wijk). */
  wijkKey: string;
  heeftQuotum: boolean;
  /** Het maximum komt uit de eigen afspraak van gemeente+corporatie (voor de uitleg). */
  complexVanAfspraak: boolean;
  wijkVanAfspraak: boolean;
  maxPerComplex: number;
  maxPerWijk: number;
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
    uit.c[i] = idx(ci, uit.restC, b.complexKey, complexRest.get(b.complexKey)!);
    uit.q[i] = idx(qi, uit.restQ, b.quotumKey, quotumRest.get(b.quotumKey) ?? 0);
    uit.w[i] = idx(wi, uit.restW, b.wijkKey, wijkRest.get(b.wijkKey)!);
  });
  return uit;
}

export function bouwModel(invoer: MatchInvoer): Model {
  const gewichten = gewichtenVan(invoer);
  const regelsVan = spreidingsregels(invoer);
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
      const regels = regelsVan(w);
      // aparte naamruimtes, zodat een regioteller nooit samenvalt met een tellersleutel van een afspraak
      const ck = (regels.complex.vanAfspraak ? 'a\u0000' : 'r\u0000') + regels.complex.sleutel;
      const wk = (regels.wijk.vanAfspraak ? 'a\u0000' : 'r\u0000') + regels.wijk.sleutel;
      blokken.push({
        complex: w.complex,
        gemeente: w.gemeenteId,
        corporatie: w.corporatieId,
        wijk: w.wijk,
        quotumKey,
        complexKey: ck,
        wijkKey: wk,
        heeftQuotum: quotumRest.has(quotumKey),
        complexVanAfspraak: regels.complex.vanAfspraak,
        wijkVanAfspraak: regels.wijk.vanAfspraak,
        maxPerComplex: regels.complex.max,
        maxPerWijk: regels.wijk.max,
      });
      if (!complexRest.has(ck)) complexRest.set(ck, Math.max(0, regels.complex.max - regels.complex.al));
      if (!wijkRest.has(wk)) wijkRest.set(wk, Math.max(0, regels.wijk.max - regels.wijk.al));
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
  // per soort een bovengrens op het aantal plaatsingen: min over de regelniveaus (woningen, complexen, quota,
  // wijken) van de som van de verschillende restruimtes; een eis telt die van zijn soorten op
  const soortCapaciteit = new Float64Array(soorten.length);
  soorten.forEach((so, s) => {
    let cap = 0;
    let cc = 0;
    let qc = 0;
    let wc = 0;
    const merk = s + 1;
    for (const c of so.klassen) {
      const bi = klassen[c].blok;
      if (!blokken[bi].heeftQuotum) continue;
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
    soortCapaciteit[s] = Math.min(cap, cc, qc, wc);
  });

  // Kandidaten → profielen. Sleutels zijn getallen en een trie over de voorkeursgemeenten i.p.v. lange
  // samengestelde strings: bij 100k kandidaten kostte het hashen van die strings (en de GC) meer dan het oplossen.
  const eisen: Eis[] = [];
  const eisIdx = new Map<number, number>();
  const profielen: Profiel[] = [];
  const gemeenteIdx = new Map<string, number>();
  const gemeenteNr = (g: string) => {
    let i = gemeenteIdx.get(g);
    if (i === undefined) gemeenteIdx.set(g, (i = gemeenteIdx.size));
    return i;
  };
  const typeBit = new Map<string, number>();
  const typenVanMasker = new Map<number, WoningType[]>();
  const eisVereisten: { typen: WoningType[]; minKamers: number; toegankelijkNodig: boolean }[] = [];
  const vereisteIdx = new Map<string, number>();
  // trie met één Map voor alle takken (sleutel knoop·2²⁰ + gemeente): geen Map per knoop
  const trieWortels = new Map<number, number>();
  const trieTakken = new Map<number, number>();
  const knoopProfiel: number[] = [];
  const maakEis = (v: number, g: string): number => {
    const ek = v * 1_048_576 + gemeenteNr(g);
    let e = eisIdx.get(ek);
    if (e !== undefined) return e;
    e = eisen.length;
    eisIdx.set(ek, e);
    const { typen, minKamers, toegankelijkNodig } = eisVereisten[v];
    const ss = (soortenPerGemeente.get(g) ?? []).filter((s) => {
      const so = soorten[s];
      return typen.includes(so.type) && so.kamers >= minKamers && (!toegankelijkNodig || so.toegankelijk);
    });
    // bovengrens op wat via deze eis geplaatst kan worden: de som van de grenzen per soort
    let cap = 0;
    for (const s of ss) cap += soortCapaciteit[s];
    eisen.push({ gemeente: g, typen, minKamers, toegankelijkNodig, soorten: ss, capaciteit: cap });
    return e;
  };
  const waarde = new Float64Array(invoer.kandidaten.length);
  const prefNrs: number[] = [];
  invoer.kandidaten.forEach((k, i) => {
    let masker = 0;
    for (const t of k.woningTypes) {
      if (t === 'jongeren_cluster' && !isJongere(k.leeftijd)) continue;
      if (t === 'beschermd_thuis_cluster' && k.ondersteuning !== 'beschermd_thuis') continue;
      let bit = typeBit.get(t);
      if (bit === undefined) typeBit.set(t, (bit = 2 ** typeBit.size));
      masker |= bit;
    }
    let typen = typenVanMasker.get(masker);
    if (!typen) typenVanMasker.set(masker, (typen = [...typeBit].filter(([, b]) => masker & b).map(([t]) => t as WoningType).sort()));
    const vk = `${masker}\u0000${k.minKamers}\u0000${k.toegankelijkNodig ? 1 : 0}`;
    let v = vereisteIdx.get(vk);
    if (v === undefined) {
      vereisteIdx.set(vk, (v = eisVereisten.length));
      eisVereisten.push({ typen, minKamers: k.minKamers, toegankelijkNodig: k.toegankelijkNodig });
    }
    // trie: (vereiste, herkomst) → ontdubbelde voorkeursgemeenten in volgorde
    const wk = v * 1_048_576 + gemeenteNr(k.herkomstgemeenteId);
    let knoop = trieWortels.get(wk);
    if (knoop === undefined) {
      trieWortels.set(wk, (knoop = knoopProfiel.length));
      knoopProfiel.push(-1);
    }
    prefNrs.length = 0;
    for (const g of k.gemeentePreferenties) {
      const gi = gemeenteNr(g);
      if (prefNrs.includes(gi)) continue;
      prefNrs.push(gi);
      const tk = knoop * 1_048_576 + gi;
      let kind = trieTakken.get(tk);
      if (kind === undefined) {
        trieTakken.set(tk, (kind = knoopProfiel.length));
        knoopProfiel.push(-1);
      }
      knoop = kind;
    }
    if (knoopProfiel[knoop] < 0) {
      knoopProfiel[knoop] = profielen.length;
      const prefs = [...new Set(k.gemeentePreferenties)];
      const vv = v;
      profielen.push({ herkomst: k.herkomstgemeenteId, typen, minKamers: k.minKamers, toegankelijkNodig: k.toegankelijkNodig, prefs, kandidaten: [], waarden: [], eisen: prefs.map((g) => maakEis(vv, g)) });
    }
    profielen[knoopProfiel[knoop]].kandidaten.push(i);
    waarde[i] = kandidaatWaarde(k, gewichten);
  });
  // per profiel sorteren (profielen zijn klein) op waarde aflopend, dan id
  const kand = invoer.kandidaten;
  for (const p of profielen) {
    if (p.kandidaten.length > 1)
      p.kandidaten.sort((a, b) => waarde[b] - waarde[a] || (kand[a].id < kand[b].id ? -1 : kand[a].id > kand[b].id ? 1 : 0));
    p.waarden = p.kandidaten.map((i) => waarde[i]);
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
