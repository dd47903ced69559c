import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LANDELIJK, regioTabel, regioVergelijking, teOnderdrukken, type Relatie } from '../../src/domain/onthulling.js';

/**
 * Independent check of what an attacker can derive: with the published cells known, an unpublished cell is
 * determined iff the unit vector of that cell lies in the row space of the relations restricted to the unpublished
 * cells, i.e. appending it does not raise the rank (floating-point rank with partial pivoting; small tables).
 */
function rang(m: number[][]): number {
  const a = m.map((r) => [...r]);
  let rang = 0;
  const kol = a[0]?.length ?? 0;
  for (let k = 0; k < kol && rang < a.length; k++) {
    let p = rang;
    for (let i = rang + 1; i < a.length; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
    if (Math.abs(a[p]![k]!) < 1e-9) continue;
    [a[rang], a[p]] = [a[p]!, a[rang]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rang) continue;
      const f = a[i]![k]! / a[rang]![k]!;
      for (let j = 0; j < kol; j++) a[i]![j]! -= f * a[rang]![j]!;
    }
    rang++;
  }
  return rang;
}

function afleidbaar(relaties: Relatie[], weg: Set<string>): Set<string> {
  const cellen = [...weg];
  const matrix = relaties
    .map((r) => cellen.map((c) => (c === r.totaal ? 1 : 0) - r.delen.filter((d) => d === c).length))
    .filter((rij) => rij.some((v) => v !== 0));
  const basis = rang(matrix);
  return new Set(cellen.filter((_c, i) => rang([...matrix, cellen.map((_, j) => (j === i ? 1 : 0))]) === basis));
}

const klein = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 5, max: 60 }));

/** nation = Σ regions, region = Σ gemeenten */
const hierarchie = fc.array(fc.array(klein, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }).map((regios) => {
  const waarden = new Map<string, number>();
  const relaties: Relatie[] = [];
  let nl = 0;
  regios.forEach((gemeenten, r) => {
    let som = 0;
    gemeenten.forEach((v, g) => {
      waarden.set(`g${r}.${g}`, v);
      som += v;
    });
    waarden.set(`r${r}`, som);
    relaties.push({ totaal: `r${r}`, delen: gemeenten.map((_, g) => `g${r}.${g}`) });
    nl += som;
  });
  waarden.set('nl', nl);
  relaties.push({ totaal: 'nl', delen: regios.map((_, r) => `r${r}`) });
  return { waarden, relaties };
});

describe('kleine aantallen onderdrukken zonder dat verschillen ze verraden', () => {
  it.each([5, 10])('hiërarchie gemeente–regio–land, drempel %i', (drempel) => {
    fc.assert(
      fc.property(hierarchie, ({ waarden, relaties }) => {
        const weg = teOnderdrukken({ waarden, relaties, drempel });
        for (const [id, v] of waarden) if (v > 0 && v < drempel) expect(weg.has(id), `${id}=${v} gepubliceerd`).toBe(true);
        // no exact value of a small cell follows from the published ones
        for (const id of afleidbaar(relaties, weg)) {
          const v = waarden.get(id)!;
          expect(v > 0 && v < drempel, `${id}=${v} volgt uit de gepubliceerde cellen`).toBe(false);
        }
        // a published total never leaves a small remainder (an upper bound below the threshold)
        for (const r of relaties) {
          if (weg.has(r.totaal)) continue;
          const rest = r.delen.filter((d) => weg.has(d)).reduce((s, d) => s + waarden.get(d)!, 0);
          expect(rest > 0 && rest < drempel, `${r.totaal}: rest ${rest}`).toBe(false);
        }
        // zeros and large cells are published unless needed as a complement: at least one cell stays visible when any is large
        if ([...waarden.values()].some((v) => v >= drempel)) expect(weg.size).toBeLessThan(waarden.size);
      }),
      { numRuns: 400 },
    );
  });

  it('regio’s naast elkaar met 18–24 en de rest (verborgen): geen 18–24-deel of rest is terug te rekenen', () => {
    const drempel = 10;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(klein, klein), { minLength: 1, maxLength: 6 }),
        (paren) => {
          const invoer = new Map(paren.map(([jong, rest], i) => [`R${i}`, { totaal: jong + rest, jongeren: jong }]));
          const uit = regioVergelijking(invoer, drempel);
          // every derivation an attacker can do with the published figures
          const relaties: Relatie[] = [];
          const waarden = new Map<string, number>();
          const weg = new Set<string>();
          let nl = 0;
          let nlJ = 0;
          for (const [id, x] of invoer) {
            waarden.set(`t${id}`, x.totaal).set(`j${id}`, x.jongeren).set(`n${id}`, x.totaal - x.jongeren);
            weg.add(`n${id}`);
            if (uit.regios.get(id)!.totaal === null) weg.add(`t${id}`);
            else expect(uit.regios.get(id)!.totaal).toBe(x.totaal);
            if (uit.regios.get(id)!.jongeren === null) weg.add(`j${id}`);
            else expect(uit.regios.get(id)!.jongeren).toBe(x.jongeren);
            relaties.push({ totaal: `t${id}`, delen: [`j${id}`, `n${id}`] });
            nl += x.totaal;
            nlJ += x.jongeren;
          }
          waarden.set('nl', nl).set('nlj', nlJ).set('nln', nl - nlJ);
          weg.add('nln');
          if (uit.landelijk.totaal === null) weg.add('nl');
          if (uit.landelijk.jongeren === null) weg.add('nlj');
          const ids = [...invoer.keys()];
          relaties.push({ totaal: 'nl', delen: ids.map((i) => `t${i}`) }, { totaal: 'nlj', delen: ids.map((i) => `j${i}`) }, { totaal: 'nln', delen: ids.map((i) => `n${i}`) }, { totaal: 'nl', delen: ['nlj', 'nln'] });
          for (const [id, v] of waarden) if (v > 0 && v < drempel) expect(weg.has(id), `${id}=${v}`).toBe(true);
          for (const id of afleidbaar(relaties, weg)) {
            const v = waarden.get(id)!;
            expect(v > 0 && v < drempel, `${id}=${v} is terug te rekenen`).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('ketens van deelverzamelingen (terugkeer 6 ⊂ 12 ⊂ uitstroom, 18–24 met twee ouders): niets kleins af te leiden', () => {
    const drempel = 10;
    const maten = [
      { sleutel: 'uit' },
      { sleutel: 'uitJong', deelVan: ['uit'] },
      { sleutel: 't12', deelVan: ['uit'] },
      { sleutel: 't6', deelVan: ['t12'] },
      { sleutel: 't12Jong', deelVan: ['t12', 'uitJong'] },
    ];
    // a region: uit ≥ t12 ≥ t6, uitJong ≤ uit, t12Jong ≤ min(t12, uitJong) — generated as nested amounts
    const regio = fc.tuple(klein, klein, klein, klein, klein, klein).map(([a, b, c, dd, e, f]) => {
      const t12Jong = a;
      const t6 = Math.min(b, a + c);
      const t12 = t12Jong + c;
      const uitJong = t12Jong + dd;
      const uit = Math.max(t12, uitJong) + e + f;
      return { uit, uitJong, t12, t6: Math.min(t6, t12), t12Jong };
    });
    fc.assert(
      fc.property(fc.array(regio, { minLength: 1, maxLength: 4 }), (regios) => {
        const invoer = new Map(regios.map((r, i) => [`R${i}`, r as Record<string, number>]));
        const uit = regioTabel(invoer, maten, drempel);
        const waarden = new Map<string, number>();
        const weg = new Set<string>();
        const relaties: Relatie[] = [];
        const ids = [...invoer.keys()];
        for (const m of maten) {
          let som = 0;
          for (const id of ids) {
            const v = invoer.get(id)![m.sleutel]!;
            som += v;
            waarden.set(`${m.sleutel}/${id}`, v);
            const getoond = uit.get(id)![m.sleutel];
            if (getoond === null) weg.add(`${m.sleutel}/${id}`);
            else expect(getoond).toBe(v);
          }
          waarden.set(`${m.sleutel}/nl`, som);
          if (uit.get(LANDELIJK)![m.sleutel] === null) weg.add(`${m.sleutel}/nl`);
          relaties.push({ totaal: `${m.sleutel}/nl`, delen: ids.map((id) => `${m.sleutel}/${id}`) });
        }
        // what an attacker knows: each subset and its unseen complement add up to the parent, everywhere
        for (const m of maten) {
          for (const ouder of m.deelVan ?? []) {
            for (const id of [...ids, 'nl']) {
              const rest = `rest:${m.sleutel}:${ouder}/${id}`;
              waarden.set(rest, waarden.get(`${ouder}/${id}`)! - waarden.get(`${m.sleutel}/${id}`)!);
              weg.add(rest);
              relaties.push({ totaal: `${ouder}/${id}`, delen: [`${m.sleutel}/${id}`, rest] });
            }
            relaties.push({ totaal: `rest:${m.sleutel}:${ouder}/nl`, delen: ids.map((id) => `rest:${m.sleutel}:${ouder}/${id}`) });
          }
        }
        for (const [id, v] of waarden) if (v > 0 && v < drempel) expect(weg.has(id), `${id}=${v}`).toBe(true);
        for (const id of afleidbaar(relaties, weg)) {
          const v = waarden.get(id)!;
          expect(v > 0 && v < drempel, `${id}=${v} is terug te rekenen`).toBe(false);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('een voorbeeld: één kleine gemeente dwingt een tweede onderdrukking af', () => {
    const waarden = new Map([['a', 3], ['b', 40], ['c', 25], ['r', 68]]);
    const weg = teOnderdrukken({ waarden, relaties: [{ totaal: 'r', delen: ['a', 'b', 'c'] }], drempel: 10 });
    // a alone would follow from r − b − c; c (the smallest other) goes too, and 3 + 25 ≥ 10
    expect([...weg].sort()).toEqual(['a', 'c']);
  });
});
