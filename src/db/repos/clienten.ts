import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import { clientZicht, magClientZien, magRisicoNotitiesZien, type Actor } from '../../domain/auth.js';
import { geweigerd, ongeldig } from '../../domain/fouten.js';
import {
  geldigeEvents,
  isJongere,
  leeftijdOp,
  leidToestandAf,
  pasToe,
  type Doelgroep,
  type Fase,
  type Niveau,
  type Toestand,
  type TrajectEvent,
} from '../../domain/trajecten.js';
import { herberekenIntervallen } from './intervallen.js';
import { ordenWachtlijst, staatOpWachtlijst, wachtlijstRegel, type WachtlijstSoort } from '../../domain/wachtlijst.js';

/** The one SQL translation of domain/auth.clientZicht: every client query goes through it. */
export function clientFilter(actor: Actor): SQL {
  const z = clientZicht(actor);
  switch (z.soort) {
    case 'regio':
      return eq(s.clienten.regioId, z.regioId);
    case 'gemeente':
      return and(eq(s.clienten.regioId, z.regioId), or(eq(s.clienten.herkomstgemeenteId, z.gemeenteId), eq(s.clienten.huidigeGemeenteId, z.gemeenteId)))!;
    case 'aanbieder':
      return and(eq(s.clienten.regioId, z.regioId), eq(s.clienten.aanbiederId, z.aanbiederId))!;
    case 'geen':
      return sql`false`;
  }
}

type ClientRij = typeof s.clienten.$inferSelect;
type EventRij = typeof s.trajectEvents.$inferSelect;

const naarDomein = (e: EventRij): TrajectEvent => ({
  soort: e.soort as TrajectEvent['soort'],
  datum: e.datum,
  niveau: e.niveau as Niveau | null,
  bestemming: e.bestemming as TrajectEvent['bestemming'],
  urgentie: e.urgentie,
});

export async function eventsPerClient(db: DbOrTx, ids: string[]): Promise<Map<string, EventRij[]>> {
  const per = new Map<string, EventRij[]>();
  for (let i = 0; i < ids.length; i += 2000) {
    const rijen = await db
      .select()
      .from(s.trajectEvents)
      .where(inArray(s.trajectEvents.clientId, ids.slice(i, i + 2000)))
      .orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
    for (const e of rijen) {
      const lijst = per.get(e.clientId);
      if (lijst) lijst.push(e);
      else per.set(e.clientId, [e]);
    }
  }
  return per;
}

export interface ClientFilters {
  gemeenteId?: string;
  doelgroep?: Doelgroep;
  fase?: Fase;
  niveau?: Niveau;
  jongeren?: boolean;
  zoek?: string;
  limiet: number;
  offset: number;
}

export interface ClientOverzicht {
  id: string;
  pseudoniem: string;
  naam: string;
  geboortedatum: string;
  leeftijd: number;
  jongere: boolean;
  doelgroep: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string;
  aanbiederId: string | null;
  toestand: Toestand;
}

/** Folds the events that count: voided ones and the corrections themselves are left out (AVG art. 16). */
export function toestandVan(events: EventRij[]): Toestand {
  return leidToestandAf(geldigeEvents(events).map(naarDomein));
}

function overzicht(c: ClientRij, events: EventRij[], v: Versleuteling, peildatum: string): ClientOverzicht {
  return {
    id: c.id,
    pseudoniem: c.pseudoniem,
    naam: v.ontsleutel(c.naamVersleuteld),
    geboortedatum: c.geboortedatum,
    leeftijd: leeftijdOp(c.geboortedatum, peildatum),
    jongere: isJongere(c.geboortedatum, peildatum),
    doelgroep: c.doelgroep,
    herkomstgemeenteId: c.herkomstgemeenteId,
    huidigeGemeenteId: c.huidigeGemeenteId,
    aanbiederId: c.aanbiederId,
    toestand: toestandVan(events),
  };
}

export async function lijstClienten(db: DbOrTx, actor: Actor, f: ClientFilters, v: Versleuteling, peildatum: string) {
  const voorwaarden: SQL[] = [clientFilter(actor)];
  if (f.gemeenteId) voorwaarden.push(eq(s.clienten.herkomstgemeenteId, f.gemeenteId));
  if (f.doelgroep) voorwaarden.push(eq(s.clienten.doelgroep, f.doelgroep));
  if (f.zoek) voorwaarden.push(ilike(s.clienten.pseudoniem, `%${f.zoek.replace(/[%_\\]/g, '')}%`));
  const rijen = await db.select().from(s.clienten).where(and(...voorwaarden)).orderBy(asc(s.clienten.pseudoniem));
  const events = await eventsPerClient(db, rijen.map((c) => c.id));
  const alle = rijen
    .map((c) => overzicht(c, events.get(c.id) ?? [], v, peildatum))
    .filter((c) => (!f.fase || c.toestand.fase === f.fase) && (!f.niveau || c.toestand.niveau === f.niveau) && (f.jongeren === undefined || c.jongere === f.jongeren));
  return { totaal: alle.length, clienten: alle.slice(f.offset, f.offset + f.limiet) };
}

/** Returns null both for unknown ids and for clients outside the caller's view: existence is not leaked. */
export async function haalClient(db: DbOrTx, actor: Actor, id: string, v: Versleuteling, peildatum: string) {
  const [c] = await db.select().from(s.clienten).where(and(eq(s.clienten.id, id), clientFilter(actor)));
  if (!c) return null;
  const events = (await eventsPerClient(db, [c.id])).get(c.id) ?? [];
  return {
    ...overzicht(c, events, v, peildatum),
    bsn: c.bsnVersleuteld ? v.ontsleutel(c.bsnVersleuteld) : null,
    urgentie: c.urgentie,
    woonwensen: c.woonwensen,
    geanonimiseerdOp: c.geanonimiseerdOp,
    risicoNotities: magRisicoNotitiesZien(actor) && c.risicoNotitiesVersleuteld ? v.ontsleutel(c.risicoNotitiesVersleuteld) : null,
    events: metCorrecties(events),
  };
}

/** The whole timeline, corrections included, each event saying whether it still counts (geldig). */
function metCorrecties(events: EventRij[]) {
  const geldig = new Set(geldigeEvents(events).map((e) => e.id));
  return events.map((e) => ({
    ...naarDomein(e),
    id: e.id,
    gemeenteId: e.gemeenteId,
    aanbiederId: e.aanbiederId,
    toelichting: e.toelichting,
    geregistreerd: e.geregistreerd,
    geldig: geldig.has(e.id),
    vervaltEventId: e.vervaltEventId,
    vervangtEventId: e.vervangtEventId,
    reden: e.reden,
  }));
}

export interface NieuweClient {
  naam: string;
  bsn?: string | null;
  geboortedatum: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId?: string | null;
  doelgroep: Doelgroep;
  aanbiederId?: string | null;
  risicoNotities?: string | null;
  externId?: string | null;
  woonwensen?: unknown;
}


/** Checks that referenced organisations exist in the caller's regio and have the right kind. */
async function controleerOrganisaties(db: DbOrTx, regioId: string, verwacht: { id: string; soorten: string[]; rol: string }[]) {
  const ids = [...new Set(verwacht.map((x) => x.id))];
  const rijen = await db.select().from(s.organisaties).where(and(inArray(s.organisaties.id, ids), eq(s.organisaties.regioId, regioId)));
  for (const x of verwacht) {
    const org = rijen.find((o) => o.id === x.id);
    if (!org || !x.soorten.includes(org.soort)) throw ongeldig(`${x.rol} is geen ${x.soorten.join('/')} in deze regio`);
  }
}

export async function maakClient(db: DbOrTx, actor: Actor, c: NieuweClient, v: Versleuteling) {
  const huidige = c.huidigeGemeenteId ?? c.herkomstgemeenteId;
  const aanbiederId = c.aanbiederId ?? (actor.soort === 'aanbieder' ? actor.organisatieId : null);
  const referenties = [
    { id: c.herkomstgemeenteId, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'herkomstgemeente' },
    { id: huidige, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'huidige gemeente' },
  ];
  if (aanbiederId) referenties.push({ id: aanbiederId, soorten: ['aanbieder'], rol: 'aanbieder' });
  await controleerOrganisaties(db, actor.regioId, referenties);
  if (!magClientZien(actor, { regioId: actor.regioId, herkomstgemeenteId: c.herkomstgemeenteId, huidigeGemeenteId: huidige, aanbiederId })) {
    throw geweigerd('U mag geen cliënt registreren buiten uw eigen gemeente of organisatie');
  }
  const [rij] = await db
    .insert(s.clienten)
    .values({
      regioId: actor.regioId,
      pseudoniem: nieuwPseudoniem(),
      externId: c.externId ?? null,
      naamVersleuteld: v.versleutel(c.naam),
      bsnVersleuteld: c.bsn ? v.versleutel(c.bsn) : null,
      bsnHash: c.bsn ? v.zoekHash(c.bsn) : null,
      geboortedatum: c.geboortedatum,
      herkomstgemeenteId: c.herkomstgemeenteId,
      huidigeGemeenteId: huidige,
      doelgroep: c.doelgroep,
      aanbiederId,
      risicoNotitiesVersleuteld: c.risicoNotities ? v.versleutel(c.risicoNotities) : null,
      woonwensen: c.woonwensen ?? null,
    })
    .returning({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem });
  return rij!;
}

export function nieuwPseudoniem(): string {
  const alfabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `C-${Array.from(bytes, (b) => alfabet[b % alfabet.length]).join('')}`;
}

export interface NieuwEvent extends TrajectEvent {
  aanbiederId?: string | null;
  toelichting?: string | null;
}

/** The stored form of an event: it counts for the client's herkomstgemeente, as the monitor reports. */
export function eventRij(
  c: { id: string; regioId: string; herkomstgemeenteId: string; aanbiederId: string | null },
  e: NieuwEvent,
  actor: Actor,
): typeof s.trajectEvents.$inferInsert {
  return {
    clientId: c.id,
    regioId: c.regioId,
    soort: e.soort,
    datum: e.datum,
    niveau: e.niveau ?? null,
    bestemming: e.bestemming ?? null,
    urgentie: e.urgentie ?? null,
    gemeenteId: c.herkomstgemeenteId,
    aanbiederId: e.aanbiederId ?? c.aanbiederId,
    toelichting: e.toelichting ?? null,
    doorGebruikerId: actor.gebruikerId,
  };
}

/**
 * Appends an event under a row lock on the client, so two concurrent events cannot both pass
 * the transition check against the same old state.
 */
export async function voegEventToe(db: DbOrTx, actor: Actor, clientId: string, e: NieuwEvent) {
  const uitvoeren = async (tx: DbOrTx) => {
    const [c] = await tx.select().from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor))).for('update');
    if (!c) return null;
    const events = await tx
      .select()
      .from(s.trajectEvents)
      .where(eq(s.trajectEvents.clientId, clientId))
      .orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
    const nieuw = pasToe(toestandVan(events), e);
    if (e.aanbiederId) await controleerOrganisaties(tx, actor.regioId, [{ id: e.aanbiederId, soorten: ['aanbieder'], rol: 'aanbieder' }]);
    const [rij] = await tx.insert(s.trajectEvents).values(eventRij(c, e, actor)).returning();
    const wijziging: Partial<typeof s.clienten.$inferInsert> = {};
    if (e.soort === 'beoordeling') wijziging.urgentie = nieuw.urgentie;
    if (e.aanbiederId && (e.soort === 'instroom' || e.soort === 'doorstroom' || e.soort === 'terugval')) wijziging.aanbiederId = e.aanbiederId;
    if (Object.keys(wijziging).length) await tx.update(s.clienten).set(wijziging).where(eq(s.clienten.id, clientId));
    await herberekenIntervallen(tx, [clientId]);
    return { event: rij!, toestand: nieuw };
  };
  return db.transaction(uitvoeren);
}

export async function wachtlijst(
  db: DbOrTx,
  actor: Actor,
  soort: WachtlijstSoort,
  f: { gemeenteId?: string; niveau?: Niveau },
  peildatum: string,
) {
  const voorwaarden: SQL[] = [clientFilter(actor)];
  if (f.gemeenteId) voorwaarden.push(eq(s.clienten.herkomstgemeenteId, f.gemeenteId));
  const rijen = await db.select().from(s.clienten).where(and(...voorwaarden));
  const events = await eventsPerClient(db, rijen.map((c) => c.id));
  const regels = rijen.flatMap((c) => {
    const t = toestandVan(events.get(c.id) ?? []);
    if (!staatOpWachtlijst(soort, t) || (f.niveau && t.niveau !== f.niveau)) return [];
    return [{ ...wachtlijstRegel({ id: c.id, pseudoniem: c.pseudoniem, gemeenteId: c.herkomstgemeenteId }, t, peildatum), jongere: isJongere(c.geboortedatum, peildatum), doelgroep: c.doelgroep }];
  });
  return ordenWachtlijst(regels) as typeof regels;
}
