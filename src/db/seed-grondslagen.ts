import { insertInDelen } from './bulk.js';
import type { DbOrTx as Db } from './client.js';
import * as s from './schema.js';
import { plusDagen, type TrajectEvent } from '../domain/trajecten.js';

export interface SeedGrondslagClient {
  id: string;
  externId: string;
  events: TrajectEvent[];
}

/**
 * The demo region's bases, by the client's position so the demo is the same every time and the random stream of
 * the seed is untouched: every client consented to sharing its candidate profile with corporaties at aanmelding,
 * except that every 20th (from the 8th) consent expired yesterday and every 20th (from the 14th) was revoked ten
 * days ago; every client with an indicatie has the Wmo beschikking as legal basis for the aanbieder's dossier.
 */
export async function seedGrondslagen(db: Db, o: { regioId: string; peildatum: string; door: string; organisatieId: string; clienten: SeedGrondslagClient[] }) {
  const rijen: (typeof s.grondslagen.$inferInsert)[] = [];
  const gisteren = plusDagen(o.peildatum, -1);
  const intrekking = plusDagen(o.peildatum, -10);
  o.clienten.forEach((c, i) => {
    const aanmelding = c.events.find((e) => e.soort === 'aanmelding')?.datum;
    const basis = { regioId: o.regioId, clientId: c.id, vastgelegdDoor: o.door, vastgelegdOrganisatieId: o.organisatieId };
    if (aanmelding) {
      const verlopen = i % 20 === 7 && aanmelding <= gisteren;
      const ingetrokken = i % 20 === 13 && aanmelding <= intrekking;
      rijen.push({
        ...basis,
        reikwijdte: 'corporatie_kandidaatprofiel',
        soort: 'toestemming',
        referentie: `Toestemmingsformulier ${c.externId}`,
        ingangsdatum: aanmelding,
        einddatum: verlopen ? gisteren : null,
        ingetrokkenOp: ingetrokken ? intrekking : null,
        ingetrokkenDoor: ingetrokken ? o.door : null,
        intrekkingsreden: ingetrokken ? 'Cliënt trekt toestemming in (demo)' : null,
      });
    }
    const indicatie = c.events.find((e) => e.soort === 'indicatie')?.datum;
    if (indicatie) {
      rijen.push({ ...basis, reikwijdte: 'aanbieder_dossier', soort: 'wettelijk', wettelijkeGrondslag: 'wmo_2_3_5', referentie: `Beschikking ${c.externId}`, ingangsdatum: indicatie });
    }
  });
  await insertInDelen(db, s.grondslagen, rijen);
  return rijen.length;
}
