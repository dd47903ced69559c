import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchOptimaal, STANDAARD_GEWICHTEN, past } from '../../../src/domain/matching/index.js';
import { eerlijkeAandelen, gemeenteRang } from '../../../src/domain/matching/objectief.js';
import {
  afbeelding,
  BELEID_TERMEN,
  kandidaatSleutel,
  MAX_PLAATSINGSWAARDE,
  maxVoorkeurenVan,
  STANDAARD_BELEID,
  valideerBeleid,
  vergelijkPlaatsingen,
  zrmGereedheid,
  type Beleid,
  type BeleidTerm,
} from '../../../src/domain/matching/beleid.js';
import type { Gewichten, MatchInvoer, Toewijzing } from '../../../src/domain/matching/types.js';
import { ZRM_DOMEINEN, type ZrmScores } from '../../../src/domain/zrm.js';
import { bruteForce, invoerArb } from './helpers.js';

const volgordeArb = fc.shuffledSubarray([...BELEID_TERMEN], { minLength: 1 });

/** Invoer met ZRM-gereedheid per kandidaat en de gewichten van een beleid met deze volgorde. */
const metBeleid = (invoer: MatchInvoer, volgorde: BeleidTerm[], zrm: number[], g: Gewichten = { ...STANDAARD_GEWICHTEN, perZrm: 40 }) => {
  const kandidaten = invoer.kandidaten.map((k, i) => ({ ...k, zrm: zrm[i % zrm.length] ?? 0 }));
  const beleid: Beleid = { gewichten: g, volgorde };
  return { beleid, invoer: { ...invoer, kandidaten, gewichten: afbeelding(beleid, maxVoorkeurenVan(kandidaten)).gewichten } };
};

/** Waarde van elke term van een toewijzing (hoger = beter), in de eenheid van het beleid. */
function termen(invoer: MatchInvoer, t: readonly Toewijzing[], g: Gewichten) {
  const kand = new Map(invoer.kandidaten.map((k) => [k.id, k]));
  const won = new Map(invoer.woningen.map((w) => [w.id, w]));
  const som: Record<BeleidTerm, number> = { wachttijd: 0, urgentie: 0, voorkeur: 0, spreiding: 0, zrm: 0 };
  const perHerkomst = new Map<string, number>();
  for (const x of t) {
    const k = kand.get(x.kandidaatId)!;
    const rang = gemeenteRang(k, won.get(x.woningId)!.gemeenteId);
    for (const term of BELEID_TERMEN) som[term] += kandidaatSleutel(term, k, g, rang);
    perHerkomst.set(k.herkomstgemeenteId, (perHerkomst.get(k.herkomstgemeenteId) ?? 0) + 1);
  }
  const aandeel = eerlijkeAandelen(invoer);
  for (const [h, p] of perHerkomst) som.spreiding += Math.min(p, aandeel.get(h) ?? 0);
  return som;
}

const gewichtVan = (term: BeleidTerm, g: Gewichten) =>
  ({ wachttijd: g.perWachtdag, urgentie: g.perUrgentie, voorkeur: g.rangStraf, spreiding: g.spreidingsBonus, zrm: g.perZrm })[term];

/** Het verschil van (volgorde..., gewogen rest) tussen twee toewijzingen; > 0 op de eerste ongelijke plaats = beter. */
function lexVerschil(invoer: MatchInvoer, beleid: Beleid, oud: readonly Toewijzing[], nieuw: readonly Toewijzing[]): number[] {
  const a = termen(invoer, oud, beleid.gewichten);
  const b = termen(invoer, nieuw, beleid.gewichten);
  const rest = BELEID_TERMEN.filter((t) => !beleid.volgorde.includes(t)).reduce((s, t) => s + gewichtVan(t, beleid.gewichten) * (b[t] - a[t]), 0);
  return [...beleid.volgorde.map((t) => b[t] - a[t]), rest];
}
const eersteNietNul = (v: number[]) => v.find((x) => x !== 0) ?? 0;

/** Alle ruilen van één plaats: een geplaatste vervangen door een niet-geplaatste, of twee geplaatsten die wisselen. */
function* ruilen(invoer: MatchInvoer, t: Toewijzing[]) {
  const kand = new Map(invoer.kandidaten.map((k) => [k.id, k]));
  const won = new Map(invoer.woningen.map((w) => [w.id, w]));
  const geplaatst = new Set(t.map((x) => x.kandidaatId));
  for (let i = 0; i < t.length; i++) {
    const w = won.get(t[i]!.woningId)!;
    for (const k of invoer.kandidaten) {
      if (geplaatst.has(k.id) || !past(k, w)) continue;
      yield t.map((x, j) => (j === i ? { kandidaatId: k.id, woningId: x.woningId } : x));
    }
    for (let j = i + 1; j < t.length; j++) {
      const a = kand.get(t[i]!.kandidaatId)!;
      const b = kand.get(t[j]!.kandidaatId)!;
      if (!past(a, won.get(t[j]!.woningId)!) || !past(b, w)) continue;
      yield t.map((x, m) => (m === i ? { kandidaatId: x.kandidaatId, woningId: t[j]!.woningId } : m === j ? { kandidaatId: x.kandidaatId, woningId: t[i]!.woningId } : x));
    }
  }
}

describe('prioriteringsbeleid: afbeelding op de doelfunctie', () => {
  it('gewogen (lege volgorde) geeft precies de gewichten van het beleid: versie 1 rekent als vroeger', () => {
    expect(afbeelding(STANDAARD_BELEID, 7).gewichten).toEqual(STANDAARD_GEWICHTEN);
    fc.assert(
      fc.property(invoerArb(5, 5), (invoer) => {
        const zonder = matchOptimaal(invoer);
        const met = matchOptimaal({ ...invoer, gewichten: { ...afbeelding({ gewichten: { ...STANDAARD_GEWICHTEN, ...invoer.gewichten }, volgorde: [] }, 2).gewichten } });
        expect(met.objectief).toBe(zonder.objectief);
        expect(met.voorstellen.map((v) => [v.kandidaatId, v.woningId])).toEqual(zonder.voorstellen.map((v) => [v.kandidaatId, v.woningId]));
      }),
      { numRuns: 60, seed: 37 },
    );
  });

  it('de volgorde wordt gerespecteerd: geen ruil van één plaats verbetert een eerdere term, ten koste van wat ook', () => {
    fc.assert(
      fc.property(invoerArb(6, 6), volgordeArb, fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 }), (ruw, volgorde, zrm) => {
        const { beleid, invoer } = metBeleid(ruw, volgorde, zrm);
        const t = matchOptimaal(invoer).voorstellen.map((v) => ({ kandidaatId: v.kandidaatId, woningId: v.woningId }));
        for (const anders of ruilen(invoer, t)) {
          const d = lexVerschil(invoer, beleid, t, anders);
          if (eersteNietNul(d) > 0) throw new Error(`ruil verbetert volgorde ${volgorde.join('>')}: ${JSON.stringify(d)}`);
        }
      }),
      { numRuns: 300, seed: 2037 },
    );
  });

  it('met wachttijd eerst verdringt nooit een kortere wachter een langere voor dezelfde passende woning', () => {
    fc.assert(
      fc.property(invoerArb(6, 5), (ruw) => {
        const { invoer, beleid } = metBeleid(ruw, ['wachttijd', 'urgentie'], [0]);
        const r = matchOptimaal(invoer);
        const geplaatst = new Set(r.voorstellen.map((v) => v.kandidaatId));
        const won = new Map(invoer.woningen.map((w) => [w.id, w]));
        const wacht = (k: (typeof invoer.kandidaten)[number]) => Math.min(k.wachtdagen, beleid.gewichten.maxWachtdagen);
        for (const v of r.voorstellen) {
          const k = invoer.kandidaten.find((x) => x.id === v.kandidaatId)!;
          for (const ander of invoer.kandidaten) if (!geplaatst.has(ander.id) && past(ander, won.get(v.woningId)!)) expect(wacht(ander)).toBeLessThanOrEqual(wacht(k));
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('blijft exact: de motor vindt het optimum van brute force onder een volgorde', () => {
    fc.assert(
      fc.property(invoerArb(5, 5), volgordeArb, fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 5 }), (ruw, volgorde, zrm) => {
        const { invoer } = metBeleid(ruw, volgorde, zrm);
        expect(matchOptimaal(invoer).objectief).toBe(bruteForce(invoer).objectief);
      }),
      { numRuns: 120, seed: 11 },
    );
  });

  it('blijft binnen de grens en geheel voor elke volgorde van termen in hun eigen eenheid bij 10 voorkeursgemeenten', () => {
    const eenheid = { basis: 1, perWachtdag: 1, maxWachtdagen: 730, perUrgentie: 1, rangStraf: 1, spreidingsBonus: 1, perZrm: 1 };
    fc.assert(
      fc.property(volgordeArb, (volgorde) => {
        const a = afbeelding({ gewichten: eenheid, volgorde: [...BELEID_TERMEN].filter((t) => volgorde.includes(t)).length === 5 ? volgorde : [...volgorde, ...BELEID_TERMEN.filter((t) => !volgorde.includes(t))] }, 10);
        expect(Object.values(a.gewichten).every(Number.isInteger)).toBe(true);
        expect(a.maxPlaatsingswaarde).toBeLessThanOrEqual(MAX_PLAATSINGSWAARDE);
        // een eerdere term weegt zwaarder dan alles na hem
        for (let i = 0; i + 1 < a.niveaus.length; i++) expect(a.niveaus[i]!.multiplicator).toBeGreaterThan(a.niveaus[i + 1]!.multiplicator);
      }),
    );
  });
});

describe('valideerBeleid', () => {
  const goed = { gewichten: { ...STANDAARD_GEWICHTEN, rangStraf: 1, spreidingsBonus: 1 }, volgorde: ['wachttijd', 'urgentie'], toelichting: 'Wachttijd gaat voor, afgesproken in het bestuurlijk overleg.' };

  it('accepteert een geldig beleid', () => {
    const r = valideerBeleid(goed, 5);
    expect(r.ok).toBe(true);
  });

  it('noemt elk fout veld zoals het formulier het noemt, alles tegelijk', () => {
    const r = valideerBeleid({ gewichten: { ...STANDAARD_GEWICHTEN, perWachtdag: -1, perUrgentie: 2.5, basis: undefined, onzin: 3 }, volgorde: ['wachttijd', 'wachttijd', 'leeftijd'], toelichting: 'kort' }, 5);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const m = Object.fromEntries(r.fouten.map((f) => [f.pad, f.melding]));
    expect(m['gewichten.perWachtdag']).toBe('Punten per wachtdag moet tussen 0 en 10.000.000 liggen');
    expect(m['gewichten.perUrgentie']).toBe('Punten per urgentieniveau moet een geheel getal zijn');
    expect(m['gewichten.basis']).toBe('Basiswaarde per plaatsing ontbreekt');
    expect(m['gewichten.onzin']).toMatch(/onbekend gewicht/);
    expect(m['volgorde.1']).toBe('Volgorde, plaats 2: Wachttijd staat al eerder in de volgorde');
    expect(m['volgorde.2']).toBe('Volgorde, plaats 3: onbekende term');
    expect(m['toelichting']).toMatch(/^Toelichting: leg in minstens 10 tekens uit/);
  });

  it('weigert een beleid waarvan één plaatsing boven de grens uitkomt', () => {
    // standaardgewichten als gewogen rest onder twee termen op volgorde: elke wachtdag moet meer dan de hele rest wegen
    const r = valideerBeleid({ ...goed, gewichten: { ...STANDAARD_GEWICHTEN } }, 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fouten[0]).toMatchObject({ pad: 'volgorde', veld: 'Volgorde' });
    if (!r.ok) expect(r.fouten[0]!.melding).toMatch(/meer dan de grens van 10\.000\.000/);
  });
});

describe('ZRM-gereedheid en vergelijking', () => {
  it('telt de uitstroomdomeinen op, niet gescoord = 0', () => {
    const scores = Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, 4])) as ZrmScores;
    expect(zrmGereedheid(scores)).toBe(24);
    expect(zrmGereedheid({ ...scores, financien: null, justitie: 1 })).toBe(20);
    expect(zrmGereedheid(null)).toBe(0);
  });

  it('vergelijkt plaatsingen per gemeente, corporatie en herkomstgemeente', () => {
    const w = (id: string, g: string, c: string) => ({ id, corporatieId: c, gemeenteId: g, wijk: 'W', complex: id, type: 'zelfstandig' as const, kamers: 1, toegankelijk: false });
    const k = (id: string, h: string) => ({ id, herkomstgemeenteId: h, gemeentePreferenties: [h], leeftijd: 30, woningTypes: ['zelfstandig' as const], minKamers: 1, toegankelijkNodig: false, ondersteuning: 'ambulant' as const, wachtdagen: 1, urgentie: 0 as const });
    const v = vergelijkPlaatsingen([w('w1', 'G1', 'C1'), w('w2', 'G2', 'C1')], [k('a', 'G1'), k('b', 'G2')], [{ kandidaatId: 'a', woningId: 'w1' }], [{ kandidaatId: 'b', woningId: 'w2' }]);
    expect(v.perGemeente).toEqual([
      { id: 'G1', a: 1, b: 0, verschil: -1 },
      { id: 'G2', a: 0, b: 1, verschil: 1 },
    ]);
    expect(v.perCorporatie).toEqual([{ id: 'C1', a: 1, b: 1, verschil: 0 }]);
    expect(v.andersUitgevallen).toBe(2);
  });
});
