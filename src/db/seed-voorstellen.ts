import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx as Db } from './client.js';
import * as s from './schema.js';
import { prng } from '../domain/random.js';
import { AFWIJZINGSREDENEN, PARKEER_CODES, type RedenPartij } from '../domain/matching/redenen.js';
import { plusDagen } from '../domain/trajecten.js';

export interface SeedVoorstellenOpties {
  regioId: string;
  organisaties: Record<string, { id: string; soort: string }>;
  peildatum: string;
  seed: number;
}

const DAG = 86_400_000;
const moment = (datum: string, uur: number) => new Date(`${datum}T${String(uur).padStart(2, '0')}:00:00Z`);

/**
 * A closed history of proposals, so the placement dashboard shows something on a fresh demo: for placements of
 * this year the chain that led to them (voorstel → akkoord corporatie → akkoord aanbieder/cliënt →
 * sleuteloverdracht, waiting times from days to months), before some of them a declined earlier candidate with a
 * coded reason of each party, a few expired proposals, and two parked clients (one still parked, one back).
 * Everything is closed and lies before the peildatum: no home is reserved and no quota used, so matching rounds on
 * the demo behave as before. Deterministic apart from generated ids.
 */
export async function seedVoorstellen(db: Db, o: SeedVoorstellenOpties) {
  const r = prng((o.seed ^ 0x7e57_ab1e) >>> 0);
  const jaar = o.peildatum.slice(0, 4);
  const plaatsingen = await db
    .select({ woningId: s.plaatsingen.woningId, clientId: s.plaatsingen.clientId, startdatum: s.plaatsingen.startdatum, corporatieId: s.woningen.corporatieId, herkomstgemeenteId: s.clienten.herkomstgemeenteId, aanbiederId: s.clienten.aanbiederId })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(and(eq(s.plaatsingen.regioId, o.regioId), gte(s.plaatsingen.startdatum, `${jaar}-03-01`), lte(s.plaatsingen.startdatum, o.peildatum)))
    .orderBy(asc(s.plaatsingen.startdatum), asc(s.clienten.pseudoniem))
    .limit(24);
  // earlier candidates for those homes: other clients of the region who are not placed there
  const anderen = await db
    .select({ id: s.clienten.id, herkomstgemeenteId: s.clienten.herkomstgemeenteId, aanbiederId: s.clienten.aanbiederId })
    .from(s.clientStand)
    .innerJoin(s.clienten, eq(s.clienten.id, s.clientStand.clientId))
    .where(and(eq(s.clientStand.regioId, o.regioId), eq(s.clientStand.fase, 'uitstroomklaar')))
    .orderBy(asc(s.clienten.pseudoniem))
    .limit(40);
  if (!plaatsingen.length || anderen.length < 6) return { voorstellen: 0, parkeringen: 0 };
  const centrum = Object.values(o.organisaties).find((x) => x.soort === 'centrumgemeente')!.id;
  const rondeId = crypto.randomUUID();
  const uitleg = (tekst: string) => ({ tekst, redenen: [], bindendeRegels: [], wachtdagen: r.int(40, 400), urgentie: r.int(0, 3) });
  const voorstellen: (typeof s.matchVoorstellen.$inferInsert)[] = [];
  const stappen: (typeof s.voorstelStappen.$inferInsert)[] = [];
  const wachttijden = [2, 5, 9, 16, 24, 40, 75, 110];
  const codes = (p: RedenPartij) => Object.keys(AFWIJZINGSREDENEN[p]).filter((c) => !c.endsWith('_overig'));

  let afgewezen = 0;
  plaatsingen.forEach((p, i) => {
    const eind = moment(p.startdatum, 10);
    // the chain that ended in this placement, counted back from the key handover
    const duren = [r.pick(wachttijden), r.pick(wachttijden), r.int(3, 30)];
    const t3 = eind;
    const t2 = new Date(t3.getTime() - duren[2]! * DAG);
    const t1 = new Date(t2.getTime() - duren[1]! * DAG);
    const t0 = new Date(t1.getTime() - duren[0]! * DAG);
    const id = crypto.randomUUID();
    const zorgOrg = p.aanbiederId ?? p.herkomstgemeenteId;
    voorstellen.push({ id, regioId: o.regioId, rondeId, clientId: p.clientId, woningId: p.woningId, status: 'sleuteloverdracht', score: 100, uitleg: uitleg('Historisch voorstel (demo).'), aangemaakt: t0, gewijzigd: t3, versie: 4, stapSinds: t3 });
    stappen.push(
      { voorstelId: id, regioId: o.regioId, gebeurtenis: 'aangemaakt', vanStatus: null, naarStatus: 'voorstel', tijdstip: t0, versie: 1 },
      { voorstelId: id, regioId: o.regioId, gebeurtenis: 'akkoord', vanStatus: 'voorstel', naarStatus: 'akkoord_corporatie', tijdstip: t1, versie: 2, doorOrganisatieId: p.corporatieId, partij: 'corporatie' },
      { voorstelId: id, regioId: o.regioId, gebeurtenis: 'akkoord', vanStatus: 'akkoord_corporatie', naarStatus: 'akkoord_aanbieder', tijdstip: t2, versie: 3, doorOrganisatieId: zorgOrg, partij: p.aanbiederId ? 'aanbieder' : 'gemeente' },
      { voorstelId: id, regioId: o.regioId, gebeurtenis: 'sleuteloverdracht', vanStatus: 'akkoord_aanbieder', naarStatus: 'sleuteloverdracht', tijdstip: t3, versie: 4, doorOrganisatieId: zorgOrg, partij: p.aanbiederId ? 'aanbieder' : 'gemeente' },
    );
    // before two of every three placements an earlier candidate for the same home: declined (most) or expired
    if (i % 3 === 2) return;
    const ander = anderen[i % anderen.length]!;
    if (ander.id === p.clientId) return;
    const a0 = new Date(t0.getTime() - r.int(12, 40) * DAG);
    const aid = crypto.randomUUID();
    if (i % 5 === 4) {
      // expired: nobody decided, reminder and escalation went out, then the grace period passed
      const deadline = new Date(a0.getTime() + 14 * DAG);
      voorstellen.push({ id: aid, regioId: o.regioId, rondeId, clientId: ander.id, woningId: p.woningId, status: 'verlopen', score: 90, uitleg: uitleg('Historisch voorstel (demo).'), aangemaakt: a0, gewijzigd: new Date(deadline.getTime() + 7 * DAG), versie: 2, stapSinds: new Date(deadline.getTime() + 7 * DAG) });
      stappen.push(
        { voorstelId: aid, regioId: o.regioId, gebeurtenis: 'aangemaakt', vanStatus: null, naarStatus: 'voorstel', tijdstip: a0, versie: 1 },
        { voorstelId: aid, regioId: o.regioId, gebeurtenis: 'herinnering', vanStatus: 'voorstel', naarStatus: 'voorstel', tijdstip: new Date(deadline.getTime() - 5 * DAG), versie: 1 },
        { voorstelId: aid, regioId: o.regioId, gebeurtenis: 'escalatie', vanStatus: 'voorstel', naarStatus: 'voorstel', tijdstip: deadline, versie: 1 },
        { voorstelId: aid, regioId: o.regioId, gebeurtenis: 'verlopen', vanStatus: 'voorstel', naarStatus: 'verlopen', tijdstip: new Date(deadline.getTime() + 7 * DAG), versie: 2 },
      );
      return;
    }
    // declined by one of the four parties, in turn; a care-side decline comes after the corporatie's akkoord
    const partij = (['corporatie', 'client', 'aanbieder', 'gemeente', 'corporatie', 'client'] as const)[afgewezen++ % 6]!;
    const code = r.pick(codes(partij));
    const zorgkant = partij !== 'corporatie';
    const a1 = new Date(a0.getTime() + r.pick(wachttijden) * DAG);
    const a2 = zorgkant ? new Date(a1.getTime() + r.int(2, 20) * DAG) : a1;
    const bij = zorgkant ? 'akkoord_corporatie' : 'voorstel';
    voorstellen.push({ id: aid, regioId: o.regioId, rondeId, clientId: ander.id, woningId: p.woningId, status: 'afgewezen', score: 95, uitleg: uitleg('Historisch voorstel (demo).'), aangemaakt: a0, gewijzigd: a2, versie: zorgkant ? 3 : 2, stapSinds: a2, afwijzingCode: code, afwijzingPartij: partij, afgewezenBij: bij });
    stappen.push({ voorstelId: aid, regioId: o.regioId, gebeurtenis: 'aangemaakt', vanStatus: null, naarStatus: 'voorstel', tijdstip: a0, versie: 1 });
    if (zorgkant) stappen.push({ voorstelId: aid, regioId: o.regioId, gebeurtenis: 'akkoord', vanStatus: 'voorstel', naarStatus: 'akkoord_corporatie', tijdstip: a1, versie: 2, doorOrganisatieId: p.corporatieId, partij: 'corporatie' });
    const door = partij === 'corporatie' ? p.corporatieId : partij === 'aanbieder' ? (ander.aanbiederId ?? ander.herkomstgemeenteId) : partij === 'gemeente' ? ander.herkomstgemeenteId : (ander.aanbiederId ?? ander.herkomstgemeenteId);
    stappen.push({ voorstelId: aid, regioId: o.regioId, gebeurtenis: 'afwijzing', vanStatus: bij, naarStatus: 'afgewezen', tijdstip: a2, versie: zorgkant ? 3 : 2, doorOrganisatieId: door, partij, redenCode: code });
  });
  await db.insert(s.matchVoorstellen).values(voorstellen);
  await db.insert(s.voorstelStappen).values(stappen);

  // two parkings: a client still in care, parked while a clinical admission runs (until after the peildatum), and a
  // waiting client who is already back. The demo's waiting list itself stays as it was: the journeys count on it.
  const [inZorg] = await db
    .select({ id: s.clientStand.clientId })
    .from(s.clientStand)
    .where(and(eq(s.clientStand.regioId, o.regioId), eq(s.clientStand.fase, 'in_zorg')))
    .orderBy(asc(s.clientStand.pseudoniem))
    .limit(1);
  const geparkeerd = [inZorg ?? anderen.at(-2)!, anderen.at(-1)!];
  const parkeringen: (typeof s.clientParkeringen.$inferInsert)[] = geparkeerd.map((c, i) => ({
    regioId: o.regioId,
    clientId: c.id,
    redenCode: i === 0 ? 'tijdelijk_opgenomen' : PARKEER_CODES[o.seed % (PARKEER_CODES.length - 1)]!,
    toelichting: null,
    vanaf: plusDagen(o.peildatum, i === 0 ? -20 : -160),
    tot: plusDagen(o.peildatum, i === 0 ? 70 : -60),
    doorOrganisatieId: centrum,
    aangemaakt: moment(plusDagen(o.peildatum, i === 0 ? -20 : -160), 9),
  }));
  await db.insert(s.clientParkeringen).values(parkeringen);
  return { voorstellen: voorstellen.length, parkeringen: parkeringen.length };
}
