import type { DbOrTx as Db } from './client.js';
import * as s from './schema.js';
import type { Versleuteling } from './versleuteling.js';
import { prng } from '../domain/random.js';
import { plusDagen, type Doelgroep, type TrajectEvent } from '../domain/trajecten.js';
import { ZRM_DOMEINEN, type ZrmDomein, type ZrmScore, type ZrmScores } from '../domain/zrm.js';

export interface SeedZrmClient {
  id: string;
  doelgroep: Doelgroep;
  events: TrajectEvent[];
}

/** Where each target group tends to start: the domains that are usually weakest at aanmelding. */
const ZWAK: Record<Doelgroep, ZrmDomein[]> = {
  ggz: ['geestelijke_gezondheid', 'sociaal_netwerk', 'tijdsbesteding'],
  verslaving: ['middelengebruik', 'financien', 'justitie'],
  lvb: ['instrumentele_adl', 'financien', 'werk_opleiding'],
  dakloos: ['huisvesting', 'financien', 'sociaal_netwerk'],
  jeugd_uitstroom: ['werk_opleiding', 'huiselijke_relaties', 'financien'],
};
const NOTITIES = [
  'Beoordeeld in gesprek met cliënt en begeleider.',
  'Budgetbeheer loopt; schuldhulp aangevraagd.',
  'Dagbesteding drie dagen per week, gaat goed.',
  'Contact met familie hersteld.',
];

/**
 * One to three ZRM assessments for about four in ten clients with a beoordeling, by the toegang of the
 * centrumgemeente: the first at the beoordeling, later ones every three to six months, scores rising slowly;
 * clients who moved on to a home score ready by their last one. Its own random stream, so the rest of the demo
 * region (counted by other tests) is the same with or without it.
 */
export async function seedZrm(db: Db, o: { regioId: string; organisatieId: string; door: string; peildatum: string; seed: number; versleuteling: Versleuteling; clienten: SeedZrmClient[] }) {
  const r = prng(o.seed * 31 + 14);
  const rijen: (typeof s.zrmBeoordelingen.$inferInsert)[] = [];
  for (const c of o.clienten) {
    const beoordeling = c.events.find((e) => e.soort === 'beoordeling');
    if (!beoordeling || !r.chance(0.4)) continue;
    const uitgestroomd = c.events.some((e) => e.soort === 'uitstroom');
    const aantal = r.int(1, 3);
    const basis = Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, ZWAK[c.doelgroep].includes(d) ? r.int(1, 2) : r.int(2, 4)])) as Record<ZrmDomein, number>;
    let datum = beoordeling.datum;
    for (let k = 0; k < aantal && datum <= o.peildatum; k++) {
      const laatste = k === aantal - 1;
      const scores = Object.fromEntries(
        ZRM_DOMEINEN.map((d) => {
          if ((d === 'justitie' || d === 'werk_opleiding') && basis[d]! >= 4) return [d, null];
          const w = Math.min(5, basis[d]! + k * r.int(0, 1) + (laatste && uitgestroomd ? 1 : 0));
          return [d, (uitgestroomd && laatste ? Math.max(3, w) : w) as ZrmScore];
        }),
      ) as ZrmScores;
      rijen.push({
        regioId: o.regioId,
        clientId: c.id,
        organisatieId: o.organisatieId,
        datum,
        scores,
        toelichtingVersleuteld: r.chance(0.3) ? o.versleuteling.versleutel(r.pick(NOTITIES)) : null,
        vastgelegdDoor: o.door,
      });
      datum = plusDagen(datum, r.int(90, 180));
    }
  }
  for (let i = 0; i < rijen.length; i += 400) await db.insert(s.zrmBeoordelingen).values(rijen.slice(i, i + 400));
  return rijen.length;
}
