/**
 * Greedy referentie, zoals coordinated-entry-systemen in de VS (bv. boston-cas) plaatsen:
 * kandidaten op prioriteit (urgentie aflopend, dan wachtdagen aflopend, dan id), elk krijgt de eerste
 * passende woning die nog mag (voorkeursgemeenten op volgorde, binnen een gemeente in invoervolgorde),
 * met respect voor quota en spreidingsregels. Geen terugkijken, dus niet optimaal.
 */
import { resultaatVoorToewijzing } from './engine.js';
import { pastWoningKenmerken, quotumSleutel, wijkSleutel } from './objectief.js';
import type { MatchInvoer, MatchResultaat, MatchWoning, Toewijzing } from './types.js';

export function greedyToewijzing(invoer: MatchInvoer): Toewijzing[] {
  const sp = invoer.spreiding;
  const quotum = new Map<string, number>();
  for (const q of invoer.quota) {
    const k = quotumSleutel(q.gemeenteId, q.corporatieId);
    quotum.set(k, (quotum.get(k) ?? 0) + q.resterend);
  }
  const complexGebruik = new Map<string, number>();
  const wijkGebruik = new Map<string, number>();
  const perGemeente = new Map<string, MatchWoning[]>();
  for (const w of invoer.woningen) {
    if (!quotum.has(quotumSleutel(w.gemeenteId, w.corporatieId))) continue;
    const l = perGemeente.get(w.gemeenteId) ?? [];
    l.push(w);
    perGemeente.set(w.gemeenteId, l);
  }
  const bezet = new Set<string>();
  const volgorde = [...invoer.kandidaten].sort(
    (a, b) => b.urgentie - a.urgentie || b.wachtdagen - a.wachtdagen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const uit: Toewijzing[] = [];
  for (const k of volgorde) {
    let klaar = false;
    for (const g of k.gemeentePreferenties) {
      for (const w of perGemeente.get(g) ?? []) {
        if (bezet.has(w.id) || !pastWoningKenmerken(k, w)) continue;
        const qk = quotumSleutel(w.gemeenteId, w.corporatieId);
        if ((quotum.get(qk) ?? 0) <= 0) continue;
        if ((sp.alGeplaatstPerComplex[w.complex] ?? 0) + (complexGebruik.get(w.complex) ?? 0) >= sp.maxPerComplex) continue;
        const wk = wijkSleutel(w.gemeenteId, w.wijk);
        if ((sp.alGeplaatstPerWijk[wk] ?? 0) + (wijkGebruik.get(wk) ?? 0) >= sp.maxPerWijk) continue;
        bezet.add(w.id);
        quotum.set(qk, quotum.get(qk)! - 1);
        complexGebruik.set(w.complex, (complexGebruik.get(w.complex) ?? 0) + 1);
        wijkGebruik.set(wk, (wijkGebruik.get(wk) ?? 0) + 1);
        uit.push({ kandidaatId: k.id, woningId: w.id });
        klaar = true;
        break;
      }
      if (klaar) break;
    }
  }
  return uit;
}

/** Greedy met dezelfde uitleg- en statistiekstructuur als de motor. */
export function matchGreedy(invoer: MatchInvoer): MatchResultaat {
  return resultaatVoorToewijzing(invoer, greedyToewijzing(invoer), 'greedy');
}
