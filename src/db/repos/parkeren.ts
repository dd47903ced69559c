import { and, asc, count, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { conflict, geweigerd, nietGevonden, ongeldig } from '../../domain/fouten.js';
import { OPEN_STATUSSEN } from '../../domain/matching/workflow.js';
import { PARKEER_REDENEN, parkeerEindFout, type ParkeerReden } from '../../domain/matching/redenen.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import { nlDatum } from '../../domain/datums.js';

// Parking a client (issue 14 item 5, ADR 0034): the gemeente's toegang takes a client out of matching rounds for
// 30–365 days with a coded reason. No job brings the client back: bouwMatchContext compares the end date with the
// round's peildatum, so on the end date the client is a candidate again by itself.

export interface ParkeerInvoer {
  redenCode: ParkeerReden;
  toelichting?: string | null;
  tot: string;
}

const kolommen = {
  id: s.clientParkeringen.id,
  clientId: s.clientParkeringen.clientId,
  pseudoniem: s.clienten.pseudoniem,
  herkomstgemeenteId: s.clienten.herkomstgemeenteId,
  redenCode: s.clientParkeringen.redenCode,
  toelichting: s.clientParkeringen.toelichting,
  vanaf: s.clientParkeringen.vanaf,
  tot: s.clientParkeringen.tot,
  beeindigdOp: s.clientParkeringen.beeindigdOp,
  beeindigingsToelichting: s.clientParkeringen.beeindigingsToelichting,
  doorOrganisatie: s.organisaties.naam,
  aangemaakt: s.clientParkeringen.aangemaakt,
};

/** The parkings that keep a client out on `peildatum`: the end date itself is back in matching; an early end counts from its day. */
export function actieveParkering(peildatum: string): SQL {
  return sql`${s.clientParkeringen.vanaf} <= ${peildatum}::date and coalesce(${s.clientParkeringen.beeindigdOp}, ${s.clientParkeringen.tot}) > ${peildatum}::date`;
}

/**
 * No parking as in {@link actieveParkering}, for a client column of another query: a parked client sits out every
 * matching round and is not offered from the wachtlijst until the end date.
 */
export function nietGeparkeerd(peildatum: string, clientId: AnyColumn): SQL {
  return sql`not exists (select 1 from ${s.clientParkeringen} p where p.client_id = ${clientId} and p.vanaf <= ${peildatum}::date and coalesce(p.beeindigd_op, p.tot) > ${peildatum}::date)`;
}

/**
 * The client's parking on `peildatum` with the day the client is back (an early end, else the planned end), or null.
 * One lookup for the refusal to revive a proposal for a parked client and for "waarom niet gematcht?".
 */
export async function parkeringOp(db: DbOrTx, clientId: string, peildatum: string): Promise<{ id: string; tot: string } | null> {
  const [p] = await db
    .select({ id: s.clientParkeringen.id, tot: sql<string>`coalesce(${s.clientParkeringen.beeindigdOp}, ${s.clientParkeringen.tot})::text` })
    .from(s.clientParkeringen)
    .where(and(eq(s.clientParkeringen.clientId, clientId), actieveParkering(peildatum)))
    .orderBy(desc(s.clientParkeringen.tot))
    .limit(1);
  return p ?? null;
}

function naarParkering<R extends { redenCode: string; tot: string; beeindigdOp: string | null; vanaf: string }>(r: R, vandaag: string) {
  const einde = r.beeindigdOp ?? r.tot;
  return { ...r, redenLabel: (PARKEER_REDENEN[r.redenCode as ParkeerReden] as string | undefined) ?? r.redenCode, actief: r.vanaf <= vandaag && einde > vandaag };
}

/** The client if the caller may see the dossier (clientFilter), else null. */
export async function clientZichtbaar(db: DbOrTx, actor: Actor, clientId: string) {
  const [c] = await db.select({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  return c ?? null;
}

/** Only a gemeente parks: the toegang decides who waits for a home. A care party sees parkings in its client view. */
function magParkeren(actor: Actor) {
  if (actor.soort !== 'centrumgemeente' && actor.soort !== 'regiogemeente') throw geweigerd('Alleen de toegang van een gemeente kan een cliënt parkeren');
}

export async function parkeer(db: DbOrTx, actor: Actor, clientId: string, invoer: ParkeerInvoer, vandaag: string) {
  magParkeren(actor);
  const eindFout = parkeerEindFout(vandaag, invoer.tot);
  if (eindFout) throw ongeldig(eindFout, [{ pad: 'einddatum', veld: 'Einddatum', melding: eindFout }]);
  const toelichting = invoer.toelichting?.trim() || null;
  if (invoer.redenCode === 'overig' && !toelichting) {
    throw ongeldig('Bij "andere reden" is een toelichting verplicht', [{ pad: 'toelichting', veld: 'Toelichting', melding: 'Bij "andere reden" is een toelichting verplicht' }]);
  }
  return db.transaction(async (tx) => {
    const [c] = await tx.select({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem, regioId: s.clienten.regioId }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor))).for('update');
    if (!c) throw nietGevonden('Cliënt');
    const al = await parkeringOp(tx, clientId, vandaag);
    if (al) throw conflict(`De cliënt is al geparkeerd tot ${nlDatum(al.tot)}`);
    const [open] = await tx
      .select({ id: s.matchVoorstellen.id })
      .from(s.matchVoorstellen)
      .where(and(eq(s.matchVoorstellen.clientId, clientId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)));
    if (open) throw conflict('De cliënt heeft een open voorstel; wijs dat eerst af voordat u parkeert');
    const [rij] = await tx
      .insert(s.clientParkeringen)
      .values({ regioId: c.regioId, clientId, redenCode: invoer.redenCode, toelichting, vanaf: vandaag, tot: invoer.tot, doorGebruikerId: actor.gebruikerId, doorOrganisatieId: actor.organisatieId })
      .returning({ id: s.clientParkeringen.id });
    await schrijfAudit(tx, actor, {
      actie: 'aanmaken',
      entiteit: 'parkering',
      entiteitId: rij!.id,
      doel: 'plaatsing_matching',
      pseudoniemen: [c.pseudoniem],
      details: { clientId, redenCode: invoer.redenCode, vanaf: vandaag, tot: invoer.tot },
    });
    return (await parkeringenVan(tx, actor, clientId, vandaag)).find((p) => p.id === rij!.id)!;
  });
}

/** Ends a parking today: the client is a candidate in the next round. */
export async function beeindigParkering(db: DbOrTx, actor: Actor, id: string, invoer: { toelichting?: string | null }, vandaag: string) {
  magParkeren(actor);
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select({ id: s.clientParkeringen.id, clientId: s.clientParkeringen.clientId, pseudoniem: s.clienten.pseudoniem, vanaf: s.clientParkeringen.vanaf, tot: s.clientParkeringen.tot, beeindigdOp: s.clientParkeringen.beeindigdOp })
      .from(s.clientParkeringen)
      .innerJoin(s.clienten, eq(s.clienten.id, s.clientParkeringen.clientId))
      .where(and(eq(s.clientParkeringen.id, id), clientFilter(actor)))
      .for('update', { of: s.clientParkeringen });
    if (!p) throw nietGevonden('Parkering');
    if ((p.beeindigdOp ?? p.tot) <= vandaag) throw conflict('Deze parkering is al afgelopen');
    await tx
      .update(s.clientParkeringen)
      .set({ beeindigdOp: vandaag, beeindigdDoor: actor.gebruikerId, beeindigingsToelichting: invoer.toelichting?.trim() || null })
      .where(eq(s.clientParkeringen.id, id));
    await schrijfAudit(tx, actor, { actie: 'wijzigen', entiteit: 'parkering', entiteitId: id, doel: 'plaatsing_matching', pseudoniemen: [p.pseudoniem], details: { beeindigd: vandaag, tot: p.tot } });
    return (await parkeringenVan(tx, actor, p.clientId, vandaag)).find((x) => x.id === id)!;
  });
}

/** A client's parkings, newest first; null when the client is outside the caller's view. */
export async function parkeringenVan(db: DbOrTx, actor: Actor, clientId: string, vandaag: string) {
  const rijen = await db
    .select(kolommen)
    .from(s.clientParkeringen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.clientParkeringen.clientId))
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.clientParkeringen.doorOrganisatieId))
    .where(and(eq(s.clientParkeringen.clientId, clientId), clientFilter(actor)))
    .orderBy(desc(s.clientParkeringen.vanaf), desc(s.clientParkeringen.aangemaakt));
  return rijen.map((r) => naarParkering(r, vandaag));
}

/** Parked clients in the caller's view, filtered, paged and sorted in SQL (soonest back first). */
export async function lijstParkeringen(db: DbOrTx, actor: Actor, f: { actief?: boolean; limiet: number; offset: number }, vandaag: string) {
  const w: SQL[] = [clientFilter(actor)];
  if (f.actief !== false) w.push(actieveParkering(vandaag));
  const [telling] = await db
    .select({ n: count() })
    .from(s.clientParkeringen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.clientParkeringen.clientId))
    .where(and(...w));
  const rijen = await db
    .select(kolommen)
    .from(s.clientParkeringen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.clientParkeringen.clientId))
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.clientParkeringen.doorOrganisatieId))
    .where(and(...w))
    .orderBy(asc(sql`coalesce(${s.clientParkeringen.beeindigdOp}, ${s.clientParkeringen.tot})`), asc(s.clienten.pseudoniem))
    .limit(f.limiet)
    .offset(f.offset);
  return { totaal: telling?.n ?? 0, parkeringen: rijen.map((r) => naarParkering(r, vandaag)) };
}
