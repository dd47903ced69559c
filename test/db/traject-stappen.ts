/** Shared by the projection tests (client_stand, traject_intervallen): the reference fold and random valid steps. */
import fc from 'fast-check';
import { asc, eq, type SQL } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import {
  BESTEMMINGEN,
  leidToestandAf,
  NIVEAU_INTENSITEIT,
  NIVEAUS,
  plusDagen,
  TOEGESTANE_EVENTS,
  type TrajectEvent,
} from '../../src/domain/trajecten.js';

export type EventRij = typeof s.trajectEvents.$inferSelect;

export const alsDomein = (e: EventRij): TrajectEvent => ({
  soort: e.soort as TrajectEvent['soort'],
  datum: e.datum,
  niveau: e.niveau as TrajectEvent['niveau'],
  bestemming: e.bestemming as TrajectEvent['bestemming'],
  urgentie: e.urgentie,
});

/** Every client's events in the order the domain folds them (datum, then id), optionally for one region. */
export async function eventsPerClient(database: Database, filter?: SQL): Promise<Map<string, EventRij[]>> {
  const events = await database.db.select().from(s.trajectEvents).where(filter).orderBy(asc(s.trajectEvents.clientId), asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
  const per = new Map<string, EventRij[]>();
  for (const e of events) per.set(e.clientId, [...(per.get(e.clientId) ?? []), e]);
  return per;
}

/** One random step of a property test; `aanbieder` only where the test varies the aanbieder. */
export const stapArbitrary = (maxDagen: number) =>
  fc.record({ client: fc.nat(), keuze: fc.nat(), niveau: fc.nat(), bestemming: fc.nat(), aanbieder: fc.nat(), dagen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: maxDagen })) });
export type Stap = { keuze: number; niveau: number; bestemming: number; dagen: number };

/**
 * The event a random step adds to a client, allowed from the client's present state (a doorstroom goes to a
 * lighter niveau, a terugval to a heavier one); null when no niveau fits.
 */
export async function volgendEvent(database: Database, clientId: string, st: Stap) {
  const lijst = await database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.clientId, clientId)).orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
  const t = leidToestandAf(lijst.map(alsDomein));
  const soort = TOEGESTANE_EVENTS[t.fase][st.keuze % TOEGESTANE_EVENTS[t.fase].length]!;
  const huidig = t.niveau ? NIVEAU_INTENSITEIT[t.niveau] : 0;
  const passend = NIVEAUS.filter((n) =>
    soort === 'doorstroom' ? NIVEAU_INTENSITEIT[n] < huidig : soort === 'terugval' && t.fase !== 'uitgestroomd' ? NIVEAU_INTENSITEIT[n] > huidig : true,
  );
  if (passend.length === 0) return null;
  const niveau = soort === 'instroom' && st.niveau % 2 === 0 ? null : passend[st.niveau % passend.length]!;
  return {
    soort,
    datum: plusDagen(t.laatsteDatum ?? '2024-01-01', st.dagen),
    niveau: ['indicatie', 'instroom', 'doorstroom', 'terugval'].includes(soort) ? niveau : null,
    bestemming: soort === 'uitstroom' ? BESTEMMINGEN[st.bestemming % BESTEMMINGEN.length]! : null,
    urgentie: soort === 'beoordeling' ? st.bestemming % 4 : null,
  };
}
