import fc from 'fast-check';
import { controleerToewijzing, objectiefWaarde, past } from '../../../src/domain/matching/index.js';
import type { MatchInvoer, MatchKandidaat, MatchWoning, Toewijzing, WoningType } from '../../../src/domain/matching/types.js';

const TYPES: WoningType[] = ['zelfstandig', 'onzelfstandig', 'jongeren_cluster', 'beschermd_thuis_cluster', 'prikkelarm'];
const GEM = ['G1', 'G2'];

export function invoerArb(maxK = 5, maxW = 5): fc.Arbitrary<MatchInvoer> {
  const kandidaat = fc.record({
    herkomst: fc.constantFrom(...GEM),
    prefs: fc.subarray(GEM, { minLength: 1 }).chain((s) => fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length })),
    leeftijd: fc.constantFrom(19, 23, 30, 55),
    types: fc.subarray(TYPES, { minLength: 1 }).map((t) => (t.includes('zelfstandig') || t.length > 2 ? t : [...t, 'zelfstandig' as const])),
    minKamers: fc.integer({ min: 1, max: 2 }),
    toeg: fc.constantFrom(false, false, false, true),
    bt: fc.boolean(),
    wachtdagen: fc.integer({ min: 0, max: 1500 }),
    urgentie: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
  });
  const woning = fc.record({
    gemeente: fc.constantFrom(...GEM),
    corp: fc.constantFrom('C1', 'C2'),
    wijk: fc.constantFrom('W1', 'W2'),
    complex: fc.constantFrom('A', 'B', 'C'),
    type: fc.constantFrom<WoningType>('zelfstandig', 'zelfstandig', 'onzelfstandig', 'jongeren_cluster', 'beschermd_thuis_cluster', 'prikkelarm'),
    kamers: fc.integer({ min: 1, max: 3 }),
    toeg: fc.boolean(),
  });
  return fc
    .record({
      ks: fc.array(kandidaat, { minLength: 0, maxLength: maxK }),
      ws: fc.array(woning, { minLength: 0, maxLength: maxW }),
      quota: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 5 }), { minLength: 4, maxLength: 4 }),
      maxPerComplex: fc.integer({ min: 1, max: 3 }),
      maxPerWijk: fc.integer({ min: 1, max: 4 }),
      alC: fc.integer({ min: 0, max: 1 }),
      alW: fc.integer({ min: 0, max: 2 }),
      spreidingsBonus: fc.constantFrom(0, 1500, 6000),
      // eigen maxima per afspraak (docs/adr/0033): per quotumregel wel of niet, en al geplaatst per afspraak
      eigen: fc.array(
        fc.record({
          complex: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
          wijk: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        }),
        { minLength: 4, maxLength: 4 },
      ),
      alAfspraak: fc.integer({ min: 0, max: 1 }),
    })
    .map(({ ks, ws, quota, maxPerComplex, maxPerWijk, alC, alW, spreidingsBonus, eigen, alAfspraak }) => {
      const kandidaten: MatchKandidaat[] = ks.map((k, i) => ({
        id: `k${i}`,
        herkomstgemeenteId: k.herkomst,
        gemeentePreferenties: k.prefs,
        leeftijd: k.leeftijd,
        woningTypes: k.types,
        minKamers: k.minKamers,
        toegankelijkNodig: k.toeg,
        ondersteuning: k.bt ? 'beschermd_thuis' : 'ambulant',
        wachtdagen: k.wachtdagen,
        urgentie: k.urgentie,
      }));
      // complexnaam uniek per gemeente/corporatie/wijk zodat complexen realistisch binnen één blok liggen,
      // behalve complex 'C' dat bewust over blokken heen mag liggen (test de complex-relaxatie)
      const woningen: MatchWoning[] = ws.map((w, i) => ({
        id: `w${i}`,
        corporatieId: w.corp,
        gemeenteId: w.gemeente,
        wijk: w.wijk,
        complex: w.complex === 'C' ? 'C' : `${w.complex}-${w.gemeente}-${w.corp}-${w.wijk}`,
        type: w.type,
        kamers: w.kamers,
        toegankelijk: w.toeg,
      }));
      const paren = [
        ['G1', 'C1'],
        ['G1', 'C2'],
        ['G2', 'C1'],
        ['G2', 'C2'],
      ];
      return {
        kandidaten,
        woningen,
        quota: paren.flatMap(([g, c], i) =>
          quota[i] === undefined
            ? []
            : [
                {
                  gemeenteId: g,
                  corporatieId: c,
                  resterend: quota[i]!,
                  ...(eigen[i].complex === undefined ? {} : { maxPerComplex: eigen[i].complex }),
                  ...(eigen[i].wijk === undefined ? {} : { maxPerWijk: eigen[i].wijk }),
                },
              ],
        ),
        spreiding: {
          maxPerComplex,
          maxPerWijk,
          alGeplaatstPerComplex: { C: alC },
          alGeplaatstPerWijk: { 'G1|W1': alW },
          alGeplaatstPerAfspraakComplex: { 'G1|C1|W1|C': alAfspraak, 'G2|C2|W2|C': alAfspraak },
          alGeplaatstPerAfspraakWijk: { 'G1|C2|W1': alAfspraak, 'G2|C1|W2': alAfspraak },
        },
        gewichten: { spreidingsBonus },
      } satisfies MatchInvoer;
    });
}

/** Brute force: alle toewijzingen opsommen (alleen voor ≤ 5 × 5). */
export function bruteForce(invoer: MatchInvoer): { objectief: number; toewijzing: Toewijzing[] } {
  let beste = 0;
  let besteT: Toewijzing[] = [];
  const ks = invoer.kandidaten;
  const huidig: Toewijzing[] = [];
  const bezet = new Set<string>();
  const rec = (i: number) => {
    if (i === ks.length) {
      if (controleerToewijzing(invoer, huidig).length) return;
      const z = objectiefWaarde(invoer, huidig);
      if (z > beste) {
        beste = z;
        besteT = [...huidig];
      }
      return;
    }
    rec(i + 1);
    for (const w of invoer.woningen) {
      if (bezet.has(w.id) || !past(ks[i], w)) continue;
      bezet.add(w.id);
      huidig.push({ kandidaatId: ks[i].id, woningId: w.id });
      if (controleerToewijzing(invoer, huidig).length === 0) rec(i + 1);
      huidig.pop();
      bezet.delete(w.id);
    }
  };
  rec(0);
  return { objectief: beste, toewijzing: besteT };
}
