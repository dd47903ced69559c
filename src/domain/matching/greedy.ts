/**
 * Greedy referentie, zoals coordinated-entry-systemen in de VS (bv. boston-cas) plaatsen:
 * kandidaten op prioriteit (urgentie aflopend, dan wachtdagen aflopend, dan id), elk krijgt de eerste
 * passende woning die nog mag (voorkeursgemeenten op volgorde, binnen een gemeente in invoervolgorde),
 * met respect voor quota en spreidingsregels. Geen terugkijken, dus niet optimaal.
 */
import { resultaatVoorToewijzing } from './engine.js';
import { pastWoningKenmerken, quotumSleutel, spreidingsregels } from './objectief.js';
import type { MatchInvoer, MatchResultaat, MatchWoning, Toewijzing, WoningType } from './types.js';

export function greedyToewijzing(invoer: MatchInvoer): Toewijzing[] {
  const regelsVan = spreidingsregels(invoer);
  const quotum = new Map<string, number>();
  for (const q of invoer.quota) {
    const k = quotumSleutel(q.gemeenteId, q.corporatieId);
    quotum.set(k, (quotum.get(k) ?? 0) + q.resterend);
  }
  // Index: per gemeente de soorten (type, kamers, toegankelijk), elk met zijn woningen in invoervolgorde.
  // Regels zijn monotoon (bezet blijft bezet, een vol quotum/complex/wijk blijft vol), dus per soort schuift
  // een wijzer voorbij woningen die niet meer kunnen; de eerste passende woning van de gemeente in
  // invoervolgorde is dan de kleinste wijzerpositie over de passende soorten — hetzelfde als lineair zoeken.
  const ws: MatchWoning[] = [];
  const qIdx: number[] = [];
  const cIdx: number[] = [];
  const wIdx: number[] = [];
  const qRuimte: number[] = [];
  const cRuimte: number[] = [];
  const wRuimte: number[] = [];
  const qi = new Map<string, number>();
  const ci = new Map<string, number>();
  const wi = new Map<string, number>();
  const idx = (m: Map<string, number>, ruimte: number[], k: string, r: () => number) => {
    let i = m.get(k);
    if (i === undefined) {
      i = ruimte.length;
      m.set(k, i);
      ruimte.push(r());
    }
    return i;
  };
  interface SoortLijst {
    w: WoningType;
    kamers: number;
    toegankelijk: boolean;
    woningen: number[];
    wijzer: number;
  }
  const perGemeente = new Map<string, SoortLijst[]>();
  for (const w of invoer.woningen) {
    const qk = quotumSleutel(w.gemeenteId, w.corporatieId);
    if (!quotum.has(qk)) continue;
    const i = ws.length;
    ws.push(w);
    qIdx.push(idx(qi, qRuimte, qk, () => quotum.get(qk)!));
    const { complex, wijk } = regelsVan(w);
    cIdx.push(idx(ci, cRuimte, `${complex.vanAfspraak ? 'a' : 'r'}\u0000${complex.sleutel}`, () => complex.max - complex.al));
    wIdx.push(idx(wi, wRuimte, `${wijk.vanAfspraak ? 'a' : 'r'}\u0000${wijk.sleutel}`, () => wijk.max - wijk.al));
    let l = perGemeente.get(w.gemeenteId);
    if (!l) perGemeente.set(w.gemeenteId, (l = []));
    let so = l.find((x) => x.w === w.type && x.kamers === w.kamers && x.toegankelijk === w.toegankelijk);
    if (!so) l.push((so = { w: w.type, kamers: w.kamers, toegankelijk: w.toegankelijk, woningen: [], wijzer: 0 }));
    so.woningen.push(i);
  }
  const bezet = new Uint8Array(ws.length);
  const kan = (i: number) => !bezet[i] && qRuimte[qIdx[i]] > 0 && cRuimte[cIdx[i]] > 0 && wRuimte[wIdx[i]] > 0;
  const volgorde = [...invoer.kandidaten].sort(
    (a, b) => b.urgentie - a.urgentie || b.wachtdagen - a.wachtdagen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const uit: Toewijzing[] = [];
  for (const k of volgorde) {
    for (const g of k.gemeentePreferenties) {
      let beste = -1;
      for (const so of perGemeente.get(g) ?? []) {
        if (so.wijzer >= so.woningen.length || !pastWoningKenmerken(k, { type: so.w, kamers: so.kamers, toegankelijk: so.toegankelijk })) continue;
        while (so.wijzer < so.woningen.length && !kan(so.woningen[so.wijzer])) so.wijzer++;
        if (so.wijzer < so.woningen.length && (beste < 0 || so.woningen[so.wijzer] < beste)) beste = so.woningen[so.wijzer];
      }
      if (beste < 0) continue;
      bezet[beste] = 1;
      qRuimte[qIdx[beste]]--;
      cRuimte[cIdx[beste]]--;
      wRuimte[wIdx[beste]]--;
      uit.push({ kandidaatId: k.id, woningId: ws[beste].id });
      break;
    }
  }
  return uit;
}

/** Greedy met dezelfde uitleg- en statistiekstructuur als de motor. */
export function matchGreedy(invoer: MatchInvoer): MatchResultaat {
  return resultaatVoorToewijzing(invoer, greedyToewijzing(invoer), 'greedy');
}
