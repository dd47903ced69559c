import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyToewijzing, NetwerkSimplex, pastWoningKenmerken } from '../../../src/domain/matching/index.js';
import type { MatchInvoer, Toewijzing } from '../../../src/domain/matching/types.js';
import { invoerArb } from './helpers.js';

/** De oorspronkelijke, lineair zoekende greedy: referentie voor de geïndexeerde versie. */
function naieveGreedy(invoer: MatchInvoer): Toewijzing[] {
  const sp = invoer.spreiding;
  const quotum = new Map<string, number>();
  for (const q of invoer.quota) quotum.set(`${q.gemeenteId}|${q.corporatieId}`, (quotum.get(`${q.gemeenteId}|${q.corporatieId}`) ?? 0) + q.resterend);
  const cG = new Map<string, number>();
  const wG = new Map<string, number>();
  const bezet = new Set<string>();
  const uit: Toewijzing[] = [];
  const volgorde = [...invoer.kandidaten].sort((a, b) => b.urgentie - a.urgentie || b.wachtdagen - a.wachtdagen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const k of volgorde) {
    let klaar = false;
    for (const g of k.gemeentePreferenties) {
      for (const w of invoer.woningen) {
        const qk = `${w.gemeenteId}|${w.corporatieId}`;
        if (w.gemeenteId !== g || !quotum.has(qk) || bezet.has(w.id) || !pastWoningKenmerken(k, w)) continue;
        if (quotum.get(qk)! <= 0) continue;
        // eigen maxima van de afspraak (kleinste bij meerdere regels) vervangen de regioregel (ADR 0033)
        const rijen = invoer.quota.filter((q) => q.gemeenteId === w.gemeenteId && q.corporatieId === w.corporatieId);
        const eigenC = rijen.flatMap((q) => (q.maxPerComplex === undefined ? [] : [q.maxPerComplex]));
        const eigenW = rijen.flatMap((q) => (q.maxPerWijk === undefined ? [] : [q.maxPerWijk]));
        const ck = eigenC.length ? `afspraak ${qk}|${w.wijk}|${w.complex}` : `regio ${w.complex}`;
        const wk = eigenW.length ? `afspraak ${qk}|${w.wijk}` : `regio ${w.gemeenteId}|${w.wijk}`;
        const alC = eigenC.length ? (sp.alGeplaatstPerAfspraakComplex?.[`${qk}|${w.wijk}|${w.complex}`] ?? 0) : (sp.alGeplaatstPerComplex[w.complex] ?? 0);
        const alW = eigenW.length ? (sp.alGeplaatstPerAfspraakWijk?.[`${qk}|${w.wijk}`] ?? 0) : (sp.alGeplaatstPerWijk[`${w.gemeenteId}|${w.wijk}`] ?? 0);
        if (alC + (cG.get(ck) ?? 0) >= (eigenC.length ? Math.min(...eigenC) : sp.maxPerComplex)) continue;
        if (alW + (wG.get(wk) ?? 0) >= (eigenW.length ? Math.min(...eigenW) : sp.maxPerWijk)) continue;
        bezet.add(w.id);
        quotum.set(qk, quotum.get(qk)! - 1);
        cG.set(ck, (cG.get(ck) ?? 0) + 1);
        wG.set(wk, (wG.get(wk) ?? 0) + 1);
        uit.push({ kandidaatId: k.id, woningId: w.id });
        klaar = true;
        break;
      }
      if (klaar) break;
    }
  }
  return uit;
}

describe('greedy-index', () => {
  it('geeft exact dezelfde toewijzing als lineair zoeken', () => {
    fc.assert(
      fc.property(invoerArb(30, 30), (invoer) => {
        expect(greedyToewijzing(invoer)).toEqual(naieveGreedy(invoer));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('NetwerkSimplex warme herstart', () => {
  it('verlaagCapaciteit + los() geeft dezelfde optimale kosten als koud oplossen', () => {
    const arb = fc.record({
      n: fc.integer({ min: 3, max: 8 }),
      bogen: fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -20, max: 20 })), { minLength: 1, maxLength: 25 }),
      verlaag: fc.array(fc.tuple(fc.nat(24), fc.nat(6)), { maxLength: 6 }),
      s: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(arb, ({ n, bogen, verlaag, s }) => {
        // knoop 0 = bron, knoop 1 = put, bypass 0 → 1 houdt elk probleem toelaatbaar
        const bouw = (caps: number[] | null) => {
          const ns = new NetwerkSimplex(n, bogen.length + 1);
          ns.voegBoogToe(0, 1, s, 0);
          const ids = bogen.map(([u, v, c, k], i) => {
            const e = ns.voegBoogToe(u % n, v % n === u % n ? (v + 1) % n : v % n, caps ? caps[i] : c, k);
            ns.voegOverloopBoogToe(e);
            return e;
          });
          ns.zetAanbod(0, s);
          ns.zetAanbod(1, -s);
          return { ns, ids };
        };
        const warm = bouw(null);
        warm.ns.los();
        const caps = bogen.map(([, , c]) => c);
        for (const [i, c] of verlaag) {
          const j = i % bogen.length;
          caps[j] = Math.min(caps[j], c);
        }
        const kloon = warm.ns.kloon();
        caps.forEach((c, j) => {
          if (c < kloon.capaciteitVan(warm.ids[j])) kloon.verlaagCapaciteit(warm.ids[j], c);
        });
        const kWarm = kloon.los();
        const kKoud = bouw(caps).ns.los();
        expect(kWarm).toBe(kKoud);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('bogen toevoegen na los() (kolomgeneratie, ook met hangAan en groei) geeft dezelfde optimale kosten als koud oplossen', () => {
    const arb = fc.record({
      n: fc.integer({ min: 5, max: 9 }),
      bogen: fc.array(fc.tuple(fc.nat(8), fc.nat(8), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -20, max: 20 })), { minLength: 20, maxLength: 50 }),
      eerst: fc.nat(14),
      s: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(arb, ({ n, bogen, eerst, s }) => {
        // de laatste twee knopen krijgen in de eerste ronde geen bogen: ze hangen los aan de wortel (zoals een nieuw
        // profiel); de ene wordt met hangAan aan zijn eerste boog gehangen, de andere houdt zijn kunstmatige boog
        const los = n - 1;
        const los2 = n - 2;
        const boog = ([u, v, c, k]: [number, number, number, number]) => {
          const a = u % n;
          const b = v % n === a ? (v + 1) % n : v % n;
          return { a, b, c, k };
        };
        const alle = bogen.map(boog);
        const eersteRonde = alle.slice(0, eerst % (alle.length + 1)).filter((x) => x.a !== los && x.b !== los && x.a !== los2 && x.b !== los2);
        const later = alle.filter((x) => !eersteRonde.includes(x));
        // klein begonnen, zodat toevoegen na los() de boogarrays laat groeien (kunstmatige bogen verhuizen)
        const warm = new NetwerkSimplex(n, 1);
        warm.voegBoogToe(0, 1, s, 0);
        for (const x of eersteRonde) warm.voegBoogToe(x.a, x.b, x.c, x.k);
        warm.zetAanbod(0, s);
        warm.zetAanbod(1, -s);
        warm.los();
        let gehangen = 0;
        for (const x of later) {
          const e = warm.voegBoogToe(x.a, x.b, x.c, x.k);
          if (x.b === los && warm.hangAan(e)) gehangen++;
        }
        expect(gehangen).toBeLessThanOrEqual(1);
        const kWarm = warm.los();
        const koud = new NetwerkSimplex(n, alle.length + 1);
        koud.voegBoogToe(0, 1, s, 0);
        for (const x of [...eersteRonde, ...later]) koud.voegBoogToe(x.a, x.b, x.c, x.k);
        koud.zetAanbod(0, s);
        koud.zetAanbod(1, -s);
        expect(kWarm).toBe(koud.los());
        // de warme stroom zelf is toelaatbaar: binnen de capaciteiten en behoud van stroom
        const balans = new Array<number>(n).fill(0);
        const lijst = [{ a: 0, b: 1, c: s, k: 0 }, ...eersteRonde, ...later];
        lijst.forEach((x, e) => {
          const f = warm.stroomOp(e);
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(x.c);
          balans[x.a] -= f;
          balans[x.b] += f;
        });
        expect(balans[0]).toBe(-s);
        expect(balans[1]).toBe(s);
        for (let u = 2; u < n; u++) expect(balans[u]).toBe(0);
      }),
      { numRuns: 500, seed: 21 },
    );
  });
});
