import { and, eq } from 'drizzle-orm';
import type { DbOrTx as Db } from './client.js';
import * as s from './schema.js';
import type { Versleuteling } from './versleuteling.js';
import { insertInDelen } from './bulk.js';
import { prng } from '../domain/random.js';
import { plusDagen, type Doelgroep, type Woonsituatie } from '../domain/trajecten.js';
import { maandenLater, type HuurconstructieSoort } from '../domain/woningen.js';
import { vereistBegeleiding, type BegeleidingDomein, type DoelStatus, type Plan } from '../domain/begeleiding.js';

/** Where each target group tends to come from at aanmelding (weights), after the shelters' registrations. */
const HERKOMST: Record<Doelgroep, [Woonsituatie, number][]> = {
  ggz: [['instelling_kliniek', 30], ['familie_netwerk', 20], ['eigen_woning', 15], ['huisuitzetting_dreigt', 12], ['nachtopvang', 8], ['dakloos_straat', 5], ['bw_mo_elders', 5], ['onbekend', 5]],
  verslaving: [['instelling_kliniek', 22], ['nachtopvang', 20], ['dakloos_straat', 18], ['instelling_detentie', 12], ['familie_netwerk', 12], ['huisuitzetting_dreigt', 8], ['onbekend', 8]],
  lvb: [['familie_netwerk', 35], ['eigen_woning', 15], ['huisuitzetting_dreigt', 15], ['instelling_jeugdzorg', 10], ['nachtopvang', 10], ['bw_mo_elders', 5], ['onbekend', 10]],
  dakloos: [['dakloos_straat', 35], ['nachtopvang', 30], ['familie_netwerk', 15], ['huisuitzetting_dreigt', 8], ['instelling_detentie', 5], ['onbekend', 7]],
  jeugd_uitstroom: [['instelling_jeugdzorg', 50], ['familie_netwerk', 25], ['nachtopvang', 10], ['dakloos_straat', 5], ['onbekend', 10]],
};

/**
 * Woonsituatie vóór aanmelding on every seeded aanmelding row, by target group. A random stream of its own, so the
 * rest of the demo (counted by other tests) stays exactly as it was.
 */
export function zetWoonsituaties(events: (typeof s.trajectEvents.$inferInsert)[], doelgroepVan: Map<string, Doelgroep>, seed: number) {
  const r = prng((seed * 131 + 33) >>> 0);
  for (const e of events) if (e.soort === 'aanmelding') e.woonsituatie = r.weighted(HERKOMST[doelgroepVan.get(e.clientId)!]);
}

const DOELEN: Record<BegeleidingDomein, string[]> = {
  wonen: ['Huur elke maand op tijd betalen', 'Woning schoon en op orde houden', 'Contact met buren zonder overlast', 'Zelf boodschappen doen en koken'],
  dagbesteding: ['Drie dagdelen per week dagbesteding', 'Vrijwilligerswerk bij de voedselbank', 'Opleiding MBO-2 afronden', 'Re-integratietraject via het werkplein'],
  financien: ['Budgetbeheer afbouwen naar eigen beheer', 'Schuldhulptraject (Wsnp) volhouden', 'Toeslagen en kwijtschelding aangevraagd', 'Vaste lasten via automatische incasso'],
  sociaal_netwerk: ['Wekelijks contact met familie', 'Deelnemen aan een inloop in de wijk', 'Vaste steunpersoon in het netwerk', 'Herstelgroep van lotgenoten bezoeken'],
  gezondheid: ['Medicatie zelf beheren', 'Afspraken bij de huisarts nakomen', 'Geen terugval in middelengebruik', 'Vaste dagstructuur met slaapritme'],
};
const UREN: Record<HuurconstructieSoort, [number, number]> = {
  direct: [10, 30],
  hoofdhuur_onderhuur: [40, 80],
  omklap: [30, 60],
  housing_first: [60, 100],
  driepartijen: [30, 50],
  proefhuur: [20, 40],
};
const VOORNAMEN = ['Sanne', 'Ahmed', 'Priya', 'Joost', 'Fatima', 'Ruud', 'Naima', 'Bas', 'Ilse', 'Youssef', 'Marloes', 'Kevin'];
const ACHTERNAMEN = ['de Vries', 'El Amrani', 'Jansen', 'Bakker', 'Visser', 'Yilmaz', 'Smit', 'de Boer', 'Mulder', 'Hendriks'];

/**
 * Realistic begeleiding for the demo's placements: every placement whose construction needs a begeleidingsafspraak
 * gets one (about one in twenty running ones still lacks it, so the dossier shows what is missing), and half of the
 * direct leases too. Periods of a year, extended while the placement runs (a few lapsed); evaluations every six
 * months, those before the peildatum held; two to four domains with goals. Its own random stream.
 */
export async function seedBegeleidingen(db: Db, o: { regioId: string; peildatum: string; seed: number; versleuteling: Versleuteling; door: string }) {
  const r = prng((o.seed * 977 + 35) >>> 0);
  const plaatsingen = await db
    .select({ id: s.plaatsingen.id, clientId: s.plaatsingen.clientId, aanbiederId: s.plaatsingen.aanbiederId, huurconstructie: s.plaatsingen.huurconstructie, startdatum: s.plaatsingen.startdatum, einddatum: s.plaatsingen.einddatum })
    .from(s.plaatsingen)
    .where(and(eq(s.plaatsingen.regioId, o.regioId)))
    .orderBy(s.plaatsingen.startdatum, s.plaatsingen.clientId);
  const begeleidingen: (typeof s.begeleidingen.$inferInsert)[] = [];
  const evaluaties: (typeof s.begeleidingEvaluaties.$inferInsert)[] = [];
  const domeinen = Object.keys(DOELEN) as BegeleidingDomein[];
  for (const p of plaatsingen) {
    const h = p.huurconstructie as HuurconstructieSoort;
    const lopend = !p.einddatum || p.einddatum >= o.peildatum;
    const trek = r.next();
    if (!p.aanbiederId || (vereistBegeleiding(h) ? lopend && trek < 0.05 : trek < 0.5)) continue;
    const van = plusDagen(p.startdatum, -14);
    // a year at a time, extended until it covers the placement (or the peildatum); one in ten running ones lapsed
    const eind = p.einddatum && p.einddatum < o.peildatum ? p.einddatum : o.peildatum;
    let tot = plusDagen(maandenLater(van, 12), -1);
    while (tot < eind) tot = plusDagen(maandenLater(tot, 12), 0);
    if (lopend && r.chance(0.1) && tot > o.peildatum) tot = plusDagen(o.peildatum, -r.int(3, 40));
    if (tot < van) tot = van;
    const id = crypto.randomUUID();
    const [min, max] = UREN[h];
    const gekozen = [...domeinen].sort(() => r.next() - 0.5).slice(0, r.int(2, 4));
    const maanden = Math.max(0, (Date.parse(o.peildatum) - Date.parse(van)) / (30.4 * 86_400_000));
    const plan: Plan = gekozen.map((domein) => ({
      domein,
      doelen: [...DOELEN[domein]]
        .sort(() => r.next() - 0.5)
        .slice(0, r.int(1, 2))
        .map((omschrijving) => ({ omschrijving, status: r.weighted<DoelStatus>(maanden > 12 ? [['behaald', 4], ['bezig', 3], ['gestopt', 1]] : maanden > 3 ? [['bezig', 5], ['open', 2], ['behaald', 1]] : [['open', 4], ['bezig', 2]]) })),
    }));
    const voornaam = r.pick(VOORNAMEN);
    begeleidingen.push({
      id,
      regioId: o.regioId,
      plaatsingId: p.id,
      clientId: p.clientId,
      aanbiederId: p.aanbiederId,
      urenPerWeekTienden: 5 * Math.round(r.int(min, max) / 5),
      van,
      tot,
      contactpersoon: `${voornaam} ${r.pick(ACHTERNAMEN)}`,
      contactTelefoon: `06-${r.int(10_000_000, 99_999_999)}`,
      planVersleuteld: o.versleuteling.versleutel(JSON.stringify(plan.sort((a, b) => domeinen.indexOf(a.domein) - domeinen.indexOf(b.domein)))),
      vastgelegdDoor: o.door,
      gewijzigd: new Date(`${van}T10:00:00Z`),
    });
    for (let datum = maandenLater(van, 6); datum <= tot; datum = maandenLater(datum, 6)) {
      const gehouden = plusDagen(datum, r.int(0, 10));
      evaluaties.push({ begeleidingId: id, datum, gehoudenOp: gehouden < o.peildatum && datum < plusDagen(o.peildatum, -7) ? gehouden : null });
    }
  }
  await insertInDelen(db, s.begeleidingen, begeleidingen);
  await insertInDelen(db, s.begeleidingEvaluaties, evaluaties);
  return { begeleidingen: begeleidingen.length, evaluaties: evaluaties.length };
}
