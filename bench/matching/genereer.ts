/** Deterministische synthetische regio's (seeded PRNG) voor bench en tests. */
import { prng } from '../../src/domain/random.js';
import type { MatchInvoer, MatchKandidaat, MatchWoning, Ondersteuning, Reserveringsquotum, WoningType } from '../../src/domain/matching/types.js';

export interface RegioOpties {
  kandidaten: number;
  woningen: number;
  seed: number;
  gemeenten?: number;
  /** Elke afspraak krijgt een eigen maximum per complex en per wijk (docs/adr/0033) i.p.v. één regioregel. */
  eigenMaxima?: boolean;
}

export function genereerRegio(o: RegioOpties): MatchInvoer {
  const r = prng(o.seed);
  const nG = o.gemeenten ?? Math.max(4, Math.round(Math.sqrt(o.woningen) / 3.5));
  const gemeenten = Array.from({ length: nG }, (_, i) => `G${String(i + 1).padStart(2, '0')}`);
  const grootte = gemeenten.map((_, i) => (i === 0 ? 4 : 0.5 + r.next() * 1.5)); // centrumgemeente groot
  const corporaties = Array.from({ length: Math.max(3, Math.round(nG / 2)) }, (_, i) => `C${i + 1}`);
  const corpsPerGemeente = gemeenten.map(() => {
    const s = new Set<string>();
    const n = r.int(2, 3);
    while (s.size < Math.min(n, corporaties.length)) s.add(r.pick(corporaties));
    return [...s];
  });
  const wijkenPerGemeente = gemeenten.map((_, i) => Array.from({ length: i === 0 ? 10 : r.int(3, 6) }, (_, j) => `W${j + 1}`));
  const typeVerdeling: [WoningType, number][] = [
    ['zelfstandig', 50],
    ['onzelfstandig', 20],
    ['jongeren_cluster', 10],
    ['beschermd_thuis_cluster', 10],
    ['prikkelarm', 10],
  ];
  const gemGewicht = gemeenten.map((_, i) => [i, grootte[i]] as [number, number]);
  const woningen: MatchWoning[] = [];
  let complexNr = 0;
  while (woningen.length < o.woningen) {
    const gi = r.weighted(gemGewicht);
    const g = gemeenten[gi];
    const complex = `K${++complexNr}`;
    const wijk = r.pick(wijkenPerGemeente[gi]);
    const corp = r.pick(corpsPerGemeente[gi]);
    const type = r.weighted(typeVerdeling);
    const n = Math.min(o.woningen - woningen.length, r.int(2, 12));
    for (let j = 0; j < n; j++) {
      woningen.push({
        id: `w${woningen.length + 1}`,
        corporatieId: corp,
        gemeenteId: g,
        wijk,
        complex,
        type: r.chance(0.85) ? type : r.weighted(typeVerdeling),
        kamers: r.weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const),
        toegankelijk: r.chance(0.2),
      });
    }
  }
  const quota: Reserveringsquotum[] = [];
  const perQ = new Map<string, number>();
  for (const w of woningen) perQ.set(`${w.gemeenteId}|${w.corporatieId}`, (perQ.get(`${w.gemeenteId}|${w.corporatieId}`) ?? 0) + 1);
  for (const [k, n] of [...perQ].sort()) {
    if (r.chance(0.08)) continue; // geen afspraak met deze corporatie in deze gemeente
    const [gemeenteId, corporatieId] = k.split('|');
    quota.push({ gemeenteId, corporatieId, resterend: Math.round(n * (0.35 + r.next() * 0.5)) });
  }
  const alGeplaatstPerComplex: Record<string, number> = {};
  for (let c = 1; c <= complexNr; c++) if (r.chance(0.3)) alGeplaatstPerComplex[`K${c}`] = r.int(1, 2);
  const perWijk = new Map<string, number>();
  for (const w of woningen) perWijk.set(`${w.gemeenteId}|${w.wijk}`, (perWijk.get(`${w.gemeenteId}|${w.wijk}`) ?? 0) + 1);
  const gemWijk = [...perWijk.values()].reduce((a, b) => a + b, 0) / perWijk.size;
  const maxPerWijk = Math.max(4, Math.round(gemWijk * 0.3));
  const alGeplaatstPerWijk: Record<string, number> = {};
  for (const k of [...perWijk.keys()].sort()) if (r.chance(0.5)) alGeplaatstPerWijk[k] = r.int(0, Math.floor(maxPerWijk / 2));

  const kandidaten: MatchKandidaat[] = [];
  for (let i = 0; i < o.kandidaten; i++) {
    const hi = r.weighted(gemGewicht);
    const prefs = [gemeenten[hi]];
    const extra = r.weighted([[0, 40], [1, 40], [2, 20]] as const);
    for (let j = 0; j < extra; j++) {
      const g = r.chance(0.5) ? gemeenten[0] : r.pick(gemeenten);
      if (!prefs.includes(g)) prefs.push(g);
    }
    if (prefs.length > 1 && r.chance(0.1)) prefs.reverse();
    const jong = r.chance(0.25);
    const leeftijd = jong ? r.int(18, 24) : r.int(25, 70);
    const ondersteuning: Ondersteuning = r.weighted([
      ['bw_intramuraal', 25],
      ['beschermd_thuis', 25],
      ['ambulant', 30],
      ['mo_nachtopvang', 10],
      ['mo_24uurs', 10],
    ] as const);
    const types = new Set<WoningType>();
    if (r.chance(0.7)) types.add('zelfstandig');
    if (r.chance(0.4)) types.add('onzelfstandig');
    if (jong && r.chance(0.7)) types.add('jongeren_cluster');
    if (ondersteuning === 'beschermd_thuis' && r.chance(0.6)) types.add('beschermd_thuis_cluster');
    if (r.chance(0.15)) types.add('prikkelarm');
    if (types.size === 0) types.add('zelfstandig');
    kandidaten.push({
      id: `k${i + 1}`,
      herkomstgemeenteId: gemeenten[hi],
      gemeentePreferenties: prefs,
      leeftijd,
      woningTypes: [...types],
      minKamers: r.weighted([[1, 60], [2, 30], [3, 10]] as const),
      toegankelijkNodig: r.chance(0.1),
      ondersteuning,
      wachtdagen: r.int(0, 900),
      urgentie: r.weighted([[0, 50], [1, 30], [2, 15], [3, 5]] as const),
    });
  }
  if (!o.eigenMaxima) return { kandidaten, woningen, quota, spreiding: { maxPerComplex: 3, maxPerWijk, alGeplaatstPerComplex, alGeplaatstPerWijk } };
  // eigen maxima: per afspraak 1–3 per complex en een wijkmaximum rond dat van de regio (eigen PRNG-stroom,
  // zodat de regio zelf gelijk blijft aan die zonder eigen maxima)
  const r2 = prng(o.seed + 7_919);
  const alPerAfspraakComplex: Record<string, number> = {};
  const alPerAfspraakWijk: Record<string, number> = {};
  const eigen = quota.map((q) => ({ ...q, maxPerComplex: r2.int(1, 3), maxPerWijk: Math.max(1, Math.round(maxPerWijk * (0.3 + r2.next() * 0.7))) }));
  for (const w of woningen) {
    const kc = `${w.gemeenteId}|${w.corporatieId}|${w.wijk}|${w.complex}`;
    if (!(kc in alPerAfspraakComplex)) alPerAfspraakComplex[kc] = r2.chance(0.3) ? 1 : 0;
    const kw = `${w.gemeenteId}|${w.corporatieId}|${w.wijk}`;
    if (!(kw in alPerAfspraakWijk)) alPerAfspraakWijk[kw] = r2.chance(0.5) ? r2.int(0, 2) : 0;
  }
  return {
    kandidaten,
    woningen,
    quota: eigen,
    spreiding: { maxPerComplex: 3, maxPerWijk, alGeplaatstPerComplex, alGeplaatstPerWijk, alGeplaatstPerAfspraakComplex: alPerAfspraakComplex, alGeplaatstPerAfspraakWijk: alPerAfspraakWijk },
  };
}
