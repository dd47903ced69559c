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
  /** Indices in invoer.kandidaten, gesorteerd op waarde aflopend (dan id); een venster op één gedeelde buffer. */
  kandidaten: Int32Array;
  waarden: Float64Array;
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
  const gemeenteIdx = new Map<string, number>();
  const gemeenteNr = (g: string) => {
    let i = gemeenteIdx.get(g);
    if (i === undefined) gemeenteIdx.set(g, (i = gemeenteIdx.size));
    return i;
  };
  // vaste bit per woningtype; de typenlijst per masker is gesorteerd (zoals effectieveTypes)
  const typenVanMasker: (WoningType[] | undefined)[] = [];
  const eisVereisten: { typen: WoningType[]; minKamers: number; toegankelijkNodig: boolean }[] = [];
  // vereiste = (masker, toegankelijk) per minKamers: geen samengestelde stringsleutel per kandidaat
  const vereisteIdx = new Map<number, Int32Array>();
  // trie met één Map voor alle takken: sleutel knoop·1024 + gemeente (een klein geheel getal, dus geen
  // heap-getal als Map-sleutel; bij ≥ 1024 gemeenten een eigen, negatieve sleutelruimte)
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
  const kand = invoer.kandidaten;
  const N = kand.length;
  const waarde = new Float64Array(N);
  const profielVan = new Int32Array(N);
  const profielKop: { herkomst: string; typen: WoningType[]; minKamers: number; toegankelijkNodig: boolean; prefs: string[]; eisen: number[] }[] = [];
  const prefNrs: number[] = [];
  for (let i = 0; i < N; i++) {
    const k = kand[i];
    let masker = 0;
    for (const t of k.woningTypes) {
      if (t === 'jongeren_cluster' && !isJongere(k.leeftijd)) continue;
      if (t === 'beschermd_thuis_cluster' && k.ondersteuning !== 'beschermd_thuis') continue;
      masker |= typeBit(t);
    }
    const typen = (typenVanMasker[masker] ??= ALLE_TYPEN.filter((t) => masker & typeBit(t)).sort());
    let rij = vereisteIdx.get(k.minKamers);
    if (!rij) vereisteIdx.set(k.minKamers, (rij = new Int32Array(64).fill(-1)));
    const vi = masker * 2 + (k.toegankelijkNodig ? 1 : 0);
    let v = rij[vi];
    if (v < 0) {
      rij[vi] = v = eisVereisten.length;
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
      const tk = gi < 1024 ? knoop * 1024 + gi : -(knoop * 1_048_576 + gi) - 1;
      let kind = trieTakken.get(tk);
      if (kind === undefined) {
        trieTakken.set(tk, (kind = knoopProfiel.length));
        knoopProfiel.push(-1);
      }
      knoop = kind;
    }
    let pi = knoopProfiel[knoop];
    if (pi < 0) {
      knoopProfiel[knoop] = pi = profielKop.length;
      const prefs = [...new Set(k.gemeentePreferenties)];
      profielKop.push({ herkomst: k.herkomstgemeenteId, typen, minKamers: k.minKamers, toegankelijkNodig: k.toegankelijkNodig, prefs, eisen: prefs.map((g) => maakEis(v, g)) });
    }
    profielVan[i] = pi;
    waarde[i] = kandidaatWaarde(k, gewichten);
  }
  // kandidaten per profiel in één buffer (tellend sorteren, stabiel), dan per profiel op waarde aflopend, dan id
  const P = profielKop.length;
  const start = new Int32Array(P + 1);
  for (let i = 0; i < N; i++) start[profielVan[i] + 1]++;
  for (let pi = 0; pi < P; pi++) start[pi + 1] += start[pi];
  const volgorde = new Int32Array(N);
  const vul = start.slice(0, P);
  for (let i = 0; i < N; i++) volgorde[vul[profielVan[i]]++] = i;
  const voor = (a: number, b: number) => waarde[b] - waarde[a] || (kand[a].id < kand[b].id ? -1 : kand[a].id > kand[b].id ? 1 : 0);
  const waarden = new Float64Array(N);
  const profielen: Profiel[] = profielKop.map((kop, pi) => {
    const kandidaten = volgorde.subarray(start[pi], start[pi + 1]);
    const n = kandidaten.length;
    if (n > 16) kandidaten.sort(voor);
    else
      for (let x = 1; x < n; x++) {
        const c = kandidaten[x];
        let y = x - 1;
        while (y >= 0 && voor(kandidaten[y], c) > 0) {
          kandidaten[y + 1] = kandidaten[y];
          y--;
        }
        kandidaten[y + 1] = c;
      }
    const w = waarden.subarray(start[pi], start[pi + 1]);
    for (let x = 0; x < n; x++) w[x] = waarde[kandidaten[x]];
    return { herkomst: kop.herkomst, typen: kop.typen, minKamers: kop.minKamers, toegankelijkNodig: kop.toegankelijkNodig, prefs: kop.prefs, eisen: kop.eisen, kandidaten, waarden: w };
  });
  const herkomsten = [...new Set(invoer.kandidaten.map((k) => k.herkomstgemeenteId))].sort();
  const aandeel = eerlijkeAandelen(invoer);
  return { gewichten, profielen, eisen, soorten, blokken, klassen, quotumRest, complexRest, wijkRest, blokIndex, aandeel, herkomsten, bruikbareWoningen };
}

/** Hoeveel kandidaten van dit profiel ten hoogste geplaatst kunnen worden (bereikbare capaciteit). */
const ALLE_TYPEN: WoningType[] = ['zelfstandig', 'onzelfstandig', 'jongeren_cluster', 'beschermd_thuis_cluster', 'prikkelarm'];
function typeBit(t: WoningType): number {
  switch (t) {
    case 'zelfstandig':
      return 1;
    case 'onzelfstandig':
      return 2;
    case 'jongeren_cluster':
      return 4;
    case 'beschermd_thuis_cluster':
      return 8;
    case 'prikkelarm':
      return 16;
    default:
      return 0;
  }
}

export function bereikbaar(model: Model, p: Profiel): number {
  let cap = 0;
  for (const e of p.eisen) cap += model.eisen[e].capaciteit;
  return Math.min(cap, p.kandidaten.length);
}
