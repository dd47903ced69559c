import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { conflict, nietGevonden, ongeldig } from '../../domain/fouten.js';
import { controleerTraject, CORRECTIE, geldigeEvents, metVervanging } from '../../domain/trajecten.js';
import { schrijfAudit } from './audit.js';
import { clientFilter, eventRij, naarDomein, type NieuwEvent } from './clienten.js';
import { herberekenIntervallen } from './intervallen.js';

export interface CorrectieInvoer {
  reden: string;
  /** the event as it should have been registered; without it the event is voided (ongedaan gemaakt) */
  vervanging?: NieuwEvent | null;
}

/**
 * Rectification (AVG art. 16) without rewriting history: a 'correctie' event voids the event registered in error,
 * optionally followed by its replacement, after checking that the events that then count still make a valid
 * trajectory. Under a row lock on the client, like voegEventToe; the intervals (and so the monitor and any other
 * projection kept by herberekenIntervallen) are recomputed in the same transaction. Null: client not visible.
 */
export async function corrigeerEvent(db: DbOrTx, actor: Actor, clientId: string, eventId: number, invoer: CorrectieInvoer, vandaag: string) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor))).for('update');
    if (!c) return null;
    const events = await tx.select().from(s.trajectEvents).where(eq(s.trajectEvents.clientId, clientId)).orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
    const doel = events.find((e) => e.id === eventId);
    if (!doel) throw nietGevonden('Gebeurtenis');
    if (doel.soort === CORRECTIE) throw ongeldig('Een correctie kan zelf niet gecorrigeerd worden');
    const geldig = geldigeEvents(events);
    if (!geldig.some((e) => e.id === eventId)) throw conflict('Deze gebeurtenis is al gecorrigeerd of ongedaan gemaakt');
    const rest = geldig.filter((e) => e.id !== eventId).map(naarDomein);
    const daarna = invoer.vervanging ? metVervanging(rest, invoer.vervanging) : rest;
    const controle = controleerTraject(daarna);
    if (!controle.ok) {
      throw ongeldig(`Correctie geweigerd: daarna klopt het traject niet meer (gebeurtenis ${controle.index + 1} van ${daarna.length}: ${controle.fout})`);
    }
    const [correctie] = await tx
      .insert(s.trajectEvents)
      .values({
        clientId,
        regioId: c.regioId,
        soort: CORRECTIE,
        datum: vandaag,
        gemeenteId: c.herkomstgemeenteId,
        aanbiederId: doel.aanbiederId,
        vervaltEventId: doel.id,
        reden: invoer.reden.trim(),
        doorGebruikerId: actor.gebruikerId,
      })
      .returning();
    const vervanging = invoer.vervanging
      ? (await tx.insert(s.trajectEvents).values({ ...eventRij(c, invoer.vervanging, actor), vervangtEventId: doel.id }).returning())[0]!
      : null;
    if (controle.toestand.urgentie !== c.urgentie) await tx.update(s.clienten).set({ urgentie: controle.toestand.urgentie }).where(eq(s.clienten.id, clientId));
    await herberekenIntervallen(tx, [clientId]);
    await schrijfAudit(tx, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: clientId, doel: 'toegang_beoordeling', details: {
      correctie: correctie!.id,
      vervalt: doel.id,
      soort: doel.soort,
      vervanging: vervanging ? { id: vervanging.id, soort: vervanging.soort, datum: vervanging.datum } : null,
    } });
    return { correctie: correctie!, vervanging, toestand: controle.toestand };
  });
}
