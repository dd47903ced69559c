import { and, asc, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { conflict, ongeldig } from '../../domain/fouten.js';
import {
  controleerIntrekking,
  controleerNieuweGrondslag,
  heeftGeldigeGrondslag,
  statusOp,
  WETTELIJKE_GRONDSLAGEN,
  type Grondslag,
  type NieuweGrondslag,
  type Reikwijdte,
} from '../../domain/grondslagen.js';
import { clientFilter } from './clienten.js';

/**
 * SQL over clienten.id: the client has a basis for sharing with a woningcorporatie (the pseudonymous candidate
 * profile) valid on the peildatum — the rule of domain/grondslagen.isGeldigOp. Matching and the candidate list
 * apply it, so a client without consent or legal basis is never offered to a corporatie.
 */
export function grondslagVoorCorporatie(peildatum: string, clientId: Column = s.clienten.id): SQL {
  return grondslagOp('corporatie_kandidaatprofiel', peildatum, clientId);
}

/** `clientId`: the column that holds the client's id in the query it is used in (clienten.id, client_stand.client_id) */
export function grondslagOp(reikwijdte: Reikwijdte, peildatum: string, clientId: Column = s.clienten.id): SQL {
  return sql`exists (select 1 from grondslagen g where g.client_id = ${clientId} and g.reikwijdte = ${reikwijdte}
    and g.ingangsdatum <= ${peildatum}::date and (g.einddatum is null or g.einddatum >= ${peildatum}::date)
    and (g.ingetrokken_op is null or g.ingetrokken_op > ${peildatum}::date))`;
}

type GrondslagRij = typeof s.grondslagen.$inferSelect;

const alsDomein = (g: GrondslagRij): Grondslag => ({
  reikwijdte: g.reikwijdte as Reikwijdte,
  soort: g.soort as Grondslag['soort'],
  ingangsdatum: g.ingangsdatum,
  einddatum: g.einddatum,
  ingetrokkenOp: g.ingetrokkenOp,
});

async function zichtbareClient(db: DbOrTx, actor: Actor, clientId: string, opSlot = false) {
  const q = db.select({ id: s.clienten.id, regioId: s.clienten.regioId }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  const [c] = opSlot ? await q.for('update') : await q;
  return c ?? null;
}

/** Every basis ever recorded for a client, oldest first (no actor check: for callers that did it). */
export async function grondslagenVan(db: DbOrTx, clientId: string) {
  return db.select().from(s.grondslagen).where(eq(s.grondslagen.clientId, clientId)).orderBy(asc(s.grondslagen.vastgelegdOp), asc(s.grondslagen.id));
}

/** A client's bases with their status on the peildatum; null when the client is not visible to the caller. */
export async function lijstGrondslagen(db: DbOrTx, actor: Actor, clientId: string, peildatum: string) {
  if (!(await zichtbareClient(db, actor, clientId))) return null;
  const rijen = await grondslagenVan(db, clientId);
  const domein = rijen.map(alsDomein);
  const ids = [...new Set(rijen.flatMap((g) => [g.vastgelegdDoor, g.ingetrokkenDoor ?? g.vastgelegdDoor]))];
  const namen = new Map(ids.length ? (await db.select({ id: s.gebruikers.id, naam: s.gebruikers.naam }).from(s.gebruikers).where(inArray(s.gebruikers.id, ids))).map((u) => [u.id, u.naam]) : []);
  return {
    peildatum,
    zichtbaarVoorCorporatie: heeftGeldigeGrondslag(domein, 'corporatie_kandidaatprofiel', peildatum),
    dossierVoorAanbieder: heeftGeldigeGrondslag(domein, 'aanbieder_dossier', peildatum),
    grondslagen: rijen.map((g, i) => ({
      ...g,
      status: statusOp(domein[i]!, peildatum),
      vastgelegdDoorNaam: namen.get(g.vastgelegdDoor) ?? null,
      ingetrokkenDoorNaam: g.ingetrokkenDoor ? (namen.get(g.ingetrokkenDoor) ?? null) : null,
      wettelijkeGrondslagTekst: g.wettelijkeGrondslag ? WETTELIJKE_GRONDSLAGEN[g.wettelijkeGrondslag as keyof typeof WETTELIJKE_GRONDSLAGEN] ?? null : null,
    })),
  };
}

export async function legGrondslagVast(db: DbOrTx, actor: Actor, clientId: string, invoer: NieuweGrondslag, vandaag: string) {
  const c = await zichtbareClient(db, actor, clientId);
  if (!c) return null;
  const fout = controleerNieuweGrondslag(invoer, vandaag);
  if (fout) throw ongeldig(fout);
  const [rij] = await db
    .insert(s.grondslagen)
    .values({
      regioId: c.regioId,
      clientId,
      reikwijdte: invoer.reikwijdte,
      soort: invoer.soort,
      wettelijkeGrondslag: invoer.soort === 'wettelijk' ? invoer.wettelijkeGrondslag! : null,
      referentie: invoer.referentie?.trim() || null,
      ingangsdatum: invoer.ingangsdatum,
      einddatum: invoer.einddatum ?? null,
      vastgelegdDoor: actor.gebruikerId,
      vastgelegdOrganisatieId: actor.organisatieId,
    })
    .returning();
  return rij!;
}

/** Revokes from a date on (today unless given); the row and its history stay. */
export async function trekGrondslagIn(db: DbOrTx, actor: Actor, clientId: string, grondslagId: string, invoer: { datum?: string | null; reden: string }, vandaag: string) {
  if (!(await zichtbareClient(db, actor, clientId))) return null;
  const [g] = await db
    .select()
    .from(s.grondslagen)
    .where(and(eq(s.grondslagen.id, grondslagId), eq(s.grondslagen.clientId, clientId)))
    .for('update');
  if (!g) return null;
  const datum = invoer.datum ?? vandaag;
  const fout = controleerIntrekking(alsDomein(g), datum, vandaag);
  if (fout) throw g.ingetrokkenOp ? conflict(fout) : ongeldig(fout);
  const [rij] = await db
    .update(s.grondslagen)
    .set({ ingetrokkenOp: datum, ingetrokkenDoor: actor.gebruikerId, intrekkingsreden: invoer.reden.trim() })
    .where(eq(s.grondslagen.id, grondslagId))
    .returning();
  return rij!;
}
