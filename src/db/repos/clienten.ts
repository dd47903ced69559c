import { and, asc, desc, eq, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { voerUitBenoemd, type DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import { clientZicht, magBsnZien, magClientZien, magRisicoNotitiesZien, type Actor } from '../../domain/auth.js';
import { conflict, geweigerd, ongeldig } from '../../domain/fouten.js';
import {
  geldigeEvents,
  isJongere,
  jongereGeboortedata,
  leeftijdEnJongere,
  leidToestandAf,
  pasToe,
  type Doelgroep,
  type Fase,
  type Niveau,
  type Toestand,
  type TrajectEvent,
} from '../../domain/trajecten.js';
import { herberekenIntervallen } from './intervallen.js';
import { wachtlijstRegel, type WachtlijstRegel, type WachtlijstSoort } from '../../domain/wachtlijst.js';
import { herberekenNaamIndex, naamTreffers, schrijfNaamIndex } from './naamindex.js';
import { MIN_PREFIX } from '../../domain/naamzoek.js';
import type { AuditWaarden } from './audit.js';

/** The columns that decide who may see a client: those of clienten, or their copies in client_stand. */
export interface ZichtKolommen {
  regioId: AnyColumn;
  herkomstgemeenteId: AnyColumn;
  huidigeGemeenteId: AnyColumn;
  aanbiederId: AnyColumn;
}

/**
 * The one SQL translation of domain/auth.clientZicht: every client query goes through it, on clienten or on
 * client_stand (whose copies of these columns the trigger clienten_stand_kopie keeps equal).
 */
export function clientFilter(actor: Actor, t: ZichtKolommen = s.clienten): SQL {
  const z = clientZicht(actor);
  switch (z.soort) {
    case 'regio':
      return eq(t.regioId, z.regioId);
    case 'gemeente':
      return and(eq(t.regioId, z.regioId), or(eq(t.herkomstgemeenteId, z.gemeenteId), eq(t.huidigeGemeenteId, z.gemeenteId)))!;
    case 'aanbieder':
      return and(eq(t.regioId, z.regioId), eq(t.aanbiederId, z.aanbiederId))!;
    case 'geen':
      return sql`false`;
  }
}

type ClientRij = typeof s.clienten.$inferSelect;
type EventRij = typeof s.trajectEvents.$inferSelect;

/** A stored event as the domain's state machine reads it. */
export const naarDomein = (e: EventRij): TrajectEvent => ({
  soort: e.soort as TrajectEvent['soort'],
  datum: e.datum,
  niveau: e.niveau as Niveau | null,
  bestemming: e.bestemming as TrajectEvent['bestemming'],
  urgentie: e.urgentie,
  woonsituatie: e.woonsituatie as TrajectEvent['woonsituatie'],
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

/**
 * Sort keys of the client list. The name is not among them: it is encrypted, so the database cannot order by
 * it (only the rows of a page are decrypted). gemeente = the herkomstgemeente's name, fase = process order,
 * wachtdagen = days since the current fase began, leeftijd = by birth date.
 */
export const CLIENT_SORTERINGEN = ['pseudoniem', 'fase', 'wachtdagen', 'urgentie', 'leeftijd', 'gemeente'] as const;
export type ClientSortering = (typeof CLIENT_SORTERINGEN)[number];
export type Richting = 'op' | 'af';

export interface ClientFilters {
  gemeenteId?: string;
  doelgroep?: Doelgroep;
  fase?: Fase;
  niveau?: Niveau;
  jongeren?: boolean;
  /** name fragment (every word), exact BSN, pseudoniem prefix or exact extern_id */
  zoek?: string;
  sorteer?: ClientSortering;
  richting?: Richting;
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

function overzicht(c: ClientRij, toestand: Toestand, v: Versleuteling, peildatum: string): ClientOverzicht {
  return {
    id: c.id,
    pseudoniem: c.pseudoniem,
    naam: v.ontsleutel(c.naamVersleuteld),
    geboortedatum: c.geboortedatum,
    ...leeftijdEnJongere(c.geboortedatum, peildatum),
    doelgroep: c.doelgroep,
    herkomstgemeenteId: c.herkomstgemeenteId,
    huidigeGemeenteId: c.huidigeGemeenteId,
    aanbiederId: c.aanbiederId,
    toestand,
  };
}

const st = s.clientStand;
const tel = s.clientStandTellingen;
type StandRij = typeof s.clientStand.$inferSelect;

/** The state columns of client_stand as the domain's Toestand. */
export function standAlsToestand(r: StandRij): Toestand {
  return {
    fase: r.fase as Fase,
    niveau: r.niveau as Niveau | null,
    urgentie: r.urgentie,
    sinds: r.sinds,
    laatsteDatum: r.laatsteDatum,
    bestemming: r.bestemming as Toestand['bestemming'],
    laatsteUitstroom: r.laatsteUitstroom,
  };
}

/** The byte order of the domain's tie-break (wachtlijst.vergelijkPrioriteit), served by client_stand_regio_pseudoniem_idx. */
export const pseudoniemVolgorde = sql`${st.pseudoniem} collate "C"`;
/** Days since the current fase began, as wachtlijstRegel computes them: never negative, 0 without a fase. */
export const wachtdagenSql = (peildatum: string) => sql`greatest(0, ${peildatum}::date - coalesce(${st.sinds}, ${peildatum}::date))`;
const FASE_VOLGORDE: Fase[] = ['geen', 'aangemeld', 'beoordeeld', 'geindiceerd', 'in_zorg', 'uitstroomklaar', 'uitgestroomd', 'uitgevallen'];

/** Clients 18–24 on the peildatum (or, with false, the others), as a range on the birth date. */
export function jongerenFilter(jongeren: boolean, peildatum: string): SQL {
  const { na, uiterlijk } = jongereGeboortedata(peildatum);
  const jong = and(sql`${st.geboortedatum} > ${na}::date`, sql`${st.geboortedatum} <= ${uiterlijk}::date`)!;
  return jongeren ? jong : sql`not (${jong})`;
}

/**
 * zoek as one subquery of client ids, each branch answered by its own index: every word of a name fragment
 * (blind index), an exact BSN (keyed bsn_hash), a pseudoniem prefix (case-insensitive), an exact extern_id.
 * Visibility is applied by the caller's clientFilter, never here.
 */
function zoekTreffers(zoek: string, actor: Actor, v: Versleuteling): SQL {
  const tekst = zoek.trim();
  const takken: SQL[] = [];
  const naam = naamTreffers(tekst, v);
  if (naam) takken.push(naam);
  // who may not see a BSN may not find a client by one either (that would confirm whose BSN it is)
  if (/^\d{9}$/.test(tekst) && magBsnZien(actor)) takken.push(sql`(select id from clienten where bsn_hash = ${v.zoekHash(tekst)})`);
  if (tekst) takken.push(sql`(select id from clienten where regio_id = ${actor.regioId} and extern_id = ${tekst})`);
  // like a name, a pseudoniem is found from its first MIN_PREFIX characters ("C" alone would be every client)
  if ([...tekst].length >= MIN_PREFIX) {
    const voorvoegsel = `${tekst.toLowerCase().replace(/[\\%_]/g, (t) => `\\${t}`)}%`;
    takken.push(sql`(select client_id from client_stand where lower(pseudoniem) like ${voorvoegsel})`);
  }
  if (takken.length === 0) return sql`false`;
  return sql`${st.clientId} in (${sql.join(takken, sql` union `)})`;
}

/** The fase in process order, with the literal of client_stand_regio_fase_rang_idx (migration 0018) so that index serves the sort. */
const faseRang = sql`array_position(${sql.raw(`'{${FASE_VOLGORDE.join(',')}}'::text[]`)}, ${st.fase})`;

/** One ordered stretch of the list: rows matching `waar`, in `volgorde` (each key ascending unless `af`). */
interface Tak {
  waar?: SQL;
  volgorde: { x: SQL | AnyColumn; af?: boolean }[];
}

const orde = (tak: Tak, omgekeerd: boolean) => tak.volgorde.map(({ x, af }) => ((af === true) !== omgekeerd ? sql`${x} desc` : sql`${x} asc`));

/**
 * The "op" order of every sort as stretches an index walks in order (migration 0018); "af" is exactly that
 * order reversed, the same index read backwards. Every sort ends in pseudoniem (byte order) and client_id, in the
 * list's direction. wachtdagen is never negative and 0 without a fase (wachtlijstRegel), so its order is two
 * stretches: the clients at 0 days (no fase, or a fase from the peildatum on) by pseudoniem, then the others from
 * the latest start of their fase to the earliest.
 */
function sorteerTakken(sorteer: Exclude<ClientSortering, 'gemeente'>, peildatum: string): Tak[] {
  const staart = [{ x: pseudoniemVolgorde }, { x: st.clientId }];
  switch (sorteer) {
    case 'pseudoniem':
      return [{ volgorde: staart }];
    case 'fase':
      return [{ volgorde: [{ x: faseRang }, ...staart] }];
    case 'urgentie':
      return [{ volgorde: [{ x: st.urgentie }, ...staart] }];
    case 'leeftijd':
      // youngest first: latest birth date first
      return [{ volgorde: [{ x: st.geboortedatum, af: true }, ...staart] }];
    case 'wachtdagen': {
      // the peildatum as a literal, not a parameter: how many clients sit at 0 days decides the plan (a few: the sinds
      // index; a generic plan guessed a third of the region and walked it all), and the prepared statement of the
      // list (voerUitBenoemd) would otherwise keep one generic plan for every day
      if (!/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) throw new Error(`peildatum ${peildatum} is geen ISO-datum`);
      const dag = sql.raw(`'${peildatum}'::date`);
      return [
        { waar: sql`(${st.sinds} is null or ${st.sinds} >= ${dag})`, volgorde: staart },
        { waar: sql`${st.sinds} < ${dag}`, volgorde: [{ x: st.sinds, af: true }, ...staart] },
      ];
    }
  }
}

/**
 * The query of the ids of one page, in order, chosen on client_stand alone. Each stretch stops after offset + limiet rows, so
 * the work follows the page, not the region; the gemeente sort is one such stretch per gemeente of the regio, in
 * the order of their names.
 */
function paginaIds(actor: Actor, waar: SQL, f: ClientFilters, peildatum: string): SQL {
  const sorteer = f.sorteer ?? 'pseudoniem';
  const omgekeerd = f.richting === 'af';
  const tot = f.offset + f.limiet;
  let query: SQL;
  if (sorteer === 'gemeente') {
    const richting = sql.raw(omgekeerd ? 'desc' : 'asc');
    query = sql`select x.client_id from ${s.organisaties} g
      cross join lateral (select ${st.clientId}, ${st.pseudoniem} from ${st} where ${waar} and ${st.herkomstgemeenteId} = g.id
        order by ${pseudoniemVolgorde} ${richting}, ${st.clientId} ${richting} limit ${tot}) x
      where g.regio_id = ${actor.regioId}
      order by g.naam ${richting}, g.id ${richting}, x.pseudoniem collate "C" ${richting}, x.client_id ${richting}
      limit ${f.limiet} offset ${f.offset}`;
  } else {
    const takken = sorteerTakken(sorteer, peildatum);
    if (omgekeerd) takken.reverse();
    if (takken.length === 1) {
      query = sql`select ${st.clientId} from ${st} where ${waar} order by ${sql.join(orde(takken[0]!, omgekeerd), sql`, `)} limit ${f.limiet} offset ${f.offset}`;
    } else {
      const delen = takken.map((tak, i) => {
        const volgorde = sql.join(orde(tak, omgekeerd), sql`, `);
        return sql`(select ${st.clientId}, ${i}::int as tak, row_number() over (order by ${volgorde}) as rn from ${st}
          where ${waar} and ${tak.waar} order by ${volgorde} limit ${tot})`;
      });
      query = sql`select u.client_id from (${sql.join(delen, sql` union all `)}) u order by u.tak, u.rn limit ${f.limiet} offset ${f.offset}`;
    }
  }
  return query;
}

/** The columns a list filter reads, on client_stand and on its counts client_stand_tellingen alike. */
interface LijstKolommen extends ZichtKolommen {
  doelgroep: AnyColumn;
  fase: AnyColumn;
  niveau: AnyColumn;
}

/** The zicht and the list's column filters, for either table: the page and its total apply the same ones. */
function kolomVoorwaarden(actor: Actor, f: ClientFilters, t: LijstKolommen): SQL[] {
  const voorwaarden: SQL[] = [clientFilter(actor, t)];
  if (f.gemeenteId) voorwaarden.push(eq(t.herkomstgemeenteId, f.gemeenteId));
  if (f.doelgroep) voorwaarden.push(eq(t.doelgroep, f.doelgroep));
  if (f.fase) voorwaarden.push(eq(t.fase, f.fase));
  if (f.niveau) voorwaarden.push(eq(t.niveau, f.niveau));
  return voorwaarden;
}

/** The state columns of client_stand as a raw statement returns them (snake_case, dates cast to text). */
interface RuweStand {
  client_id: string | null;
  pseudoniem: string;
  herkomstgemeente_id: string;
  doelgroep: string;
  geboortedatum: string;
  fase: string;
  niveau: string | null;
  urgentie: number;
  sinds: string | null;
  laatste_datum: string | null;
  bestemming: string | null;
  laatste_uitstroom: string | null;
}

const rijAlsToestand = (r: RuweStand): Toestand => ({
  fase: r.fase as Fase,
  niveau: r.niveau as Niveau | null,
  urgentie: r.urgentie,
  sinds: r.sinds,
  laatsteDatum: r.laatste_datum,
  bestemming: r.bestemming as Toestand['bestemming'],
  laatsteUitstroom: r.laatste_uitstroom,
});

interface PaginaRij extends RuweStand {
  totaal: number;
  naam_versleuteld: string;
  huidige_gemeente_id: string;
  aanbieder_id: string | null;
}

/**
 * One page of the client list in one statement, one round trip: the count, the page's ids in order (chosen on
 * client_stand alone, see paginaIds), only those rows joined to clienten for the encrypted name, and, with
 * `audit`, the audit row with the page's pseudonyms in its order (a data-modifying CTE: no page without its row).
 * The ids stay inside the statement, so the query text does not grow with the page and binds few parameters.
 */
export async function lijstClienten(db: DbOrTx, actor: Actor, f: ClientFilters, v: Versleuteling, peildatum: string, audit?: AuditWaarden) {
  const voorwaarden = kolomVoorwaarden(actor, f, st);
  if (f.jongeren !== undefined) voorwaarden.push(jongerenFilter(f.jongeren, peildatum));
  if (f.zoek?.trim()) voorwaarden.push(zoekTreffers(f.zoek, actor, v));
  const waar = and(...voorwaarden)!;
  // without youth (a range that moves with the peildatum) or a search, the total is a sum of a few counts
  const telling =
    f.jongeren === undefined && !f.zoek?.trim()
      ? sql`select coalesce(sum(${tel.aantal}), 0)::int as totaal from ${tel} where ${and(...kolomVoorwaarden(actor, f, tel))}`
      : sql`select count(*)::int as totaal from ${st} where ${waar}`;

  const auditCte = audit
    ? sql`, auditregel as ${db
        .insert(s.auditLog)
        .values({ ...audit, pseudoniemen: sql`array(select p.pseudoniem from pagina p order by p.nr)` })
        .returning({ id: s.auditLog.id })}`
    : sql``;
  const { rows } = await voerUitBenoemd<PaginaRij>(db, sql`with pagina as (
      select p.nr, st.client_id, st.pseudoniem, c.naam_versleuteld, st.geboortedatum::text as geboortedatum, st.doelgroep,
        st.herkomstgemeente_id, st.huidige_gemeente_id, st.aanbieder_id, st.fase, st.niveau, st.urgentie, st.sinds::text as sinds,
        st.laatste_datum::text as laatste_datum, st.bestemming, st.laatste_uitstroom::text as laatste_uitstroom
      from unnest(array(${paginaIds(actor, waar, f, peildatum)})::uuid[]) with ordinality as p(client_id, nr)
      join client_stand st on st.client_id = p.client_id join clienten c on c.id = p.client_id
    )${auditCte}
    select t.totaal, r.* from (${telling}) t
    left join lateral (select * from pagina) r on true
    order by r.nr`);
  return {
    totaal: rows[0]?.totaal ?? 0,
    clienten: rows
      .filter((r): r is PaginaRij & { client_id: string } => r.client_id !== null)
      .map((r): ClientOverzicht => ({
        id: r.client_id,
        pseudoniem: r.pseudoniem,
        naam: v.ontsleutel(r.naam_versleuteld),
        geboortedatum: r.geboortedatum,
        ...leeftijdEnJongere(r.geboortedatum, peildatum),
        doelgroep: r.doelgroep,
        herkomstgemeenteId: r.herkomstgemeente_id,
        huidigeGemeenteId: r.huidige_gemeente_id,
        aanbiederId: r.aanbieder_id,
        toestand: rijAlsToestand(r),
      })),
  };
}

/** Returns null both for unknown ids and for clients outside the caller's view: existence is not leaked. */
/**
 * One dossier. With `audit`, the audit row is written by the same statement that reads the client (a data-modifying
 * CTE): no extra round trip, and no dossier without its row. The row says toegestaan or, when the client is not
 * visible to the actor, geweigerd.
 */
export async function haalClient(db: DbOrTx, actor: Actor, id: string, v: Versleuteling, peildatum: string, audit?: AuditWaarden) {
  const zichtbaar = and(eq(s.clienten.id, id), clientFilter(actor));
  let c: ClientRij | undefined;
  if (audit) {
    const zicht = db.select({ pseudoniem: s.clienten.pseudoniem }).from(s.clienten).where(zichtbaar);
    const regel = db.$with('auditregel').as(
      db
        .insert(s.auditLog)
        .values({ ...audit, resultaat: sql`case when exists (${zicht}) then 'toegestaan' else 'geweigerd' end`, pseudoniemen: sql`array(${zicht})` })
        .returning({ id: s.auditLog.id }),
    );
    [c] = await db.with(regel).select().from(s.clienten).where(zichtbaar);
  } else {
    [c] = await db.select().from(s.clienten).where(zichtbaar);
  }
  if (!c) return null;
  const events = (await eventsPerClient(db, [c.id])).get(c.id) ?? [];
  return {
    ...overzicht(c, toestandVan(events), v, peildatum),
    bsn: magBsnZien(actor) && c.bsnVersleuteld ? v.ontsleutel(c.bsnVersleuteld) : null,
    externId: c.externId,
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
  woonwensen?: ClientWoonwensen | null;
}

/**
 * What a client wishes of a home. gemeenten, minKamers and toegankelijk are what matching reads and a corporatie
 * sees (domain/woningen.leesWoonwensen); bijzonderheden is free text for the care workers only and never leaves
 * the dossier.
 */
export interface ClientWoonwensen {
  gemeenten?: string[];
  minKamers?: number | null;
  toegankelijk?: boolean;
  bijzonderheden?: string | null;
}

/** A change of a client's own data (PATCH): only the fields given; null clears an optional field. */
export type ClientWijziging = Partial<Omit<NieuweClient, 'risicoNotities'>> & { risicoNotities?: string | null };

const WIJZIGBARE_VELDEN = ['naam', 'bsn', 'geboortedatum', 'herkomstgemeenteId', 'huidigeGemeenteId', 'doelgroep', 'aanbiederId', 'externId', 'woonwensen', 'risicoNotities'] as const;

/**
 * Changes a client's own data, in the caller's transaction, under a row lock. The name's blind index is rewritten
 * with the name; client_stand's copies (gemeenten, aanbieder, doelgroep, geboortedatum) follow in the same
 * statement (trigger clienten_stand_kopie); the intervals (the youth band hangs on the birth date) are recomputed.
 * The client must stay within the caller's view: nobody moves a client out of sight (403). Returns the names of
 * the fields that changed (for the audit row, without their values), or null when the client is not visible.
 */
export async function wijzigClient(db: DbOrTx, actor: Actor, id: string, w: ClientWijziging, v: Versleuteling): Promise<string[] | null> {
  const [c] = await db.select().from(s.clienten).where(and(eq(s.clienten.id, id), clientFilter(actor))).for('update');
  if (!c) return null;
  if (c.geanonimiseerdOp) throw conflict('Dit dossier is geanonimiseerd na de bewaartermijn en kan niet meer gewijzigd worden');
  const nieuw = {
    herkomstgemeenteId: w.herkomstgemeenteId ?? c.herkomstgemeenteId,
    huidigeGemeenteId: w.huidigeGemeenteId ?? c.huidigeGemeenteId,
    aanbiederId: w.aanbiederId === undefined ? c.aanbiederId : w.aanbiederId,
  };
  const referenties: { id: string; soorten: string[]; rol: string; pad: string }[] = [];
  if (w.herkomstgemeenteId) referenties.push({ id: w.herkomstgemeenteId, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'herkomstgemeente', pad: 'herkomstgemeenteId' });
  if (w.huidigeGemeenteId) referenties.push({ id: w.huidigeGemeenteId, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'huidige gemeente', pad: 'huidigeGemeenteId' });
  if (w.aanbiederId) referenties.push({ id: w.aanbiederId, soorten: ['aanbieder'], rol: 'aanbieder', pad: 'aanbiederId' });
  for (const g of w.woonwensen?.gemeenten ?? []) referenties.push({ id: g, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'woonwens (gemeente)', pad: 'woonwensen.gemeenten' });
  if (referenties.length) await controleerOrganisaties(db, actor.regioId, referenties);
  if (!magClientZien(actor, { regioId: c.regioId, ...nieuw })) {
    throw geweigerd('Met deze wijziging valt de cliënt buiten het zicht van uw organisatie; laat de nieuwe gemeente of aanbieder de wijziging doen');
  }
  if (w.externId) await controleerExternId(db, c.regioId, w.externId, c.id);

  const set: Partial<typeof s.clienten.$inferInsert> = {};
  const gewijzigd: string[] = [];
  const huidigeNaam = v.ontsleutel(c.naamVersleuteld);
  for (const veld of WIJZIGBARE_VELDEN) {
    const waarde = w[veld];
    if (waarde === undefined) continue;
    switch (veld) {
      case 'naam':
        if (waarde !== huidigeNaam) (set.naamVersleuteld = v.versleutel(waarde as string)), gewijzigd.push(veld);
        break;
      case 'bsn': {
        const oud = c.bsnVersleuteld ? v.ontsleutel(c.bsnVersleuteld) : null;
        if ((waarde ?? null) !== oud) {
          set.bsnVersleuteld = waarde ? v.versleutel(waarde as string) : null;
          set.bsnHash = waarde ? v.zoekHash(waarde as string) : null;
          gewijzigd.push(veld);
        }
        break;
      }
      case 'risicoNotities': {
        const oud = c.risicoNotitiesVersleuteld ? v.ontsleutel(c.risicoNotitiesVersleuteld) : null;
        if ((waarde ?? null) !== oud) (set.risicoNotitiesVersleuteld = waarde ? v.versleutel(waarde as string) : null), gewijzigd.push(veld);
        break;
      }
      case 'woonwensen':
        if (JSON.stringify(waarde) !== JSON.stringify(c.woonwensen)) (set.woonwensen = waarde), gewijzigd.push(veld);
        break;
      default:
        if (waarde !== c[veld]) (set[veld] = waarde as never), gewijzigd.push(veld);
    }
  }
  if (gewijzigd.length === 0) return [];
  await db.update(s.clienten).set(set).where(eq(s.clienten.id, id));
  if (set.naamVersleuteld) await herberekenNaamIndex(db, id, w.naam!, v);
  // the youth band of every interval hangs on the birth date; one client's fold is cheap, and it rewrites client_stand too
  if (set.geboortedatum) await herberekenIntervallen(db, [id]);
  return gewijzigd;
}


/** Checks that referenced organisations exist in the caller's regio and have the right kind. */
async function controleerOrganisaties(db: DbOrTx, regioId: string, verwacht: { id: string; soorten: string[]; rol: string; pad?: string }[]) {
  const ids = [...new Set(verwacht.map((x) => x.id))];
  const rijen = await db.select().from(s.organisaties).where(and(inArray(s.organisaties.id, ids), eq(s.organisaties.regioId, regioId)));
  for (const x of verwacht) {
    const org = rijen.find((o) => o.id === x.id);
    if (!org || !x.soorten.includes(org.soort)) {
      const melding = `${x.rol} is geen ${x.soorten.join('/')} in deze regio`;
      throw ongeldig(melding, x.pad ? [{ veld: x.rol[0]!.toUpperCase() + x.rol.slice(1), pad: x.pad, melding }] : undefined);
    }
  }
}

/** An extern_id is unique per regio (clienten_extern_uq): refused with a message at the field, never a 500. */
async function controleerExternId(db: DbOrTx, regioId: string, externId: string, behalveId?: string) {
  const [dubbel] = await db
    .select({ id: s.clienten.id })
    .from(s.clienten)
    .where(and(eq(s.clienten.regioId, regioId), eq(s.clienten.externId, externId)));
  if (dubbel && dubbel.id !== behalveId) {
    const melding = `Extern id ${externId} is al in gebruik voor een andere cliënt in deze regio`;
    throw conflict(melding, [{ veld: 'Extern id', pad: 'externId', melding }]);
  }
}

/** Call it in a transaction: the client row, its client_stand row (trigger) and its name index are written together. */
export async function maakClient(db: DbOrTx, actor: Actor, c: NieuweClient, v: Versleuteling) {
  const huidige = c.huidigeGemeenteId ?? c.herkomstgemeenteId;
  const aanbiederId = c.aanbiederId ?? (actor.soort === 'aanbieder' ? actor.organisatieId : null);
  const referenties = [
    { id: c.herkomstgemeenteId, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'herkomstgemeente', pad: 'herkomstgemeenteId' },
    { id: huidige, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'huidige gemeente', pad: 'huidigeGemeenteId' },
    ...(c.woonwensen?.gemeenten ?? []).map((id) => ({ id, soorten: ['centrumgemeente', 'regiogemeente'], rol: 'woonwens (gemeente)', pad: 'woonwensen.gemeenten' })),
  ];
  if (aanbiederId) referenties.push({ id: aanbiederId, soorten: ['aanbieder'], rol: 'aanbieder', pad: 'aanbiederId' });
  await controleerOrganisaties(db, actor.regioId, referenties);
  if (c.externId) await controleerExternId(db, actor.regioId, c.externId);
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
  await schrijfNaamIndex(db, [{ clientId: rij!.id, naam: c.naam }], v);
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
    woonsituatie: e.woonsituatie ?? null,
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

/**
 * Sort keys of a waiting list. prioriteit is the list's own order (domain/wachtlijst); the others let a worker
 * look at it another way, each with the priority order as tie-break so a page boundary is stable.
 */
export const WACHTLIJST_SORTERINGEN = ['prioriteit', 'urgentie', 'wachtdagen', 'pseudoniem', 'leeftijd'] as const;
export type WachtlijstSortering = (typeof WACHTLIJST_SORTERINGEN)[number];

export interface WachtlijstFilters {
  gemeenteId?: string;
  niveau?: Niveau;
  sorteer?: WachtlijstSortering;
  richting?: Richting;
  limiet: number;
  offset: number;
}

/** Who stands on a waiting list: the fase of domain/wachtlijst.staatOpWachtlijst. */
export const WACHTLIJST_FASE: Record<WachtlijstSoort, Fase> = { instroom: 'geindiceerd', uitstroom: 'uitstroomklaar' };

/**
 * The waiting-list order of domain/wachtlijst.vergelijkPrioriteit in SQL: urgentie (highest first), waiting days
 * (longest first), pseudoniem (byte order). test/db/clientstand.test.ts holds it against ordenWachtlijst.
 */
export const wachtlijstVolgorde = (peildatum: string) => [desc(st.urgentie), desc(wachtdagenSql(peildatum)), asc(pseudoniemVolgorde), asc(st.clientId)];

/** A client_stand row as a waiting-list line, computed by the domain (wachtdagen, wachtSinds). */
export const alsWachtlijstRegel = (r: StandRij, peildatum: string): WachtlijstRegel =>
  wachtlijstRegel({ id: r.clientId, pseudoniem: r.pseudoniem, gemeenteId: r.herkomstgemeenteId }, standAlsToestand(r), peildatum);

export async function wachtlijst(db: DbOrTx, actor: Actor, soort: WachtlijstSoort, f: WachtlijstFilters, peildatum: string) {
  const voorwaarden: SQL[] = [clientFilter(actor, st), eq(st.fase, WACHTLIJST_FASE[soort])];
  if (f.gemeenteId) voorwaarden.push(eq(st.herkomstgemeenteId, f.gemeenteId));
  if (f.niveau) voorwaarden.push(eq(st.niveau, f.niveau));
  const waar = and(...voorwaarden);
  const af = f.richting === 'af';
  const richting = (x: SQL | AnyColumn, omgekeerd = false) => (af !== omgekeerd ? desc(x) : asc(x));
  const prioriteit = wachtlijstVolgorde(peildatum);
  const sorteer = f.sorteer ?? 'prioriteit';
  const volgorde = sql.join(
    {
      // aflopend = the list from its end: every key of the priority order reversed
      prioriteit: af ? [asc(st.urgentie), asc(wachtdagenSql(peildatum)), desc(pseudoniemVolgorde), desc(st.clientId)] : prioriteit,
      urgentie: [richting(st.urgentie), ...prioriteit],
      wachtdagen: [richting(wachtdagenSql(peildatum)), ...prioriteit],
      pseudoniem: [richting(pseudoniemVolgorde), asc(st.clientId)],
      leeftijd: [richting(st.geboortedatum, true), ...prioriteit],
    }[sorteer],
    sql`, `,
  );
  // the count, the median and the page in one statement (one round trip); the page is an index walk that stops
  // after offset + limiet rows, its order carried out of the lateral join by nr
  const { rows } = await voerUitBenoemd<RuweStand & { totaal: number; mediaan: number | string | null }>(db, sql`select t.totaal, t.mediaan, r.* from (
      select count(*)::int as totaal, percentile_cont(0.5) within group (order by ${wachtdagenSql(peildatum)}) as mediaan from ${st} where ${waar}
    ) t left join lateral (
      select row_number() over (order by ${volgorde}) as nr, ${st.clientId}, ${st.pseudoniem}, ${st.herkomstgemeenteId}, ${st.doelgroep},
        ${st.geboortedatum}::text as geboortedatum, ${st.fase}, ${st.niveau}, ${st.urgentie}, ${st.sinds}::text as sinds,
        ${st.laatsteDatum}::text as laatste_datum, ${st.bestemming}, ${st.laatsteUitstroom}::text as laatste_uitstroom
      from ${st} where ${waar} order by ${volgorde} limit ${f.limiet} offset ${f.offset}
    ) r on true order by r.nr`);
  const eerste = rows[0];
  const regels = rows
    .filter((r) => r.client_id !== null)
    .map((r) => ({
      ...wachtlijstRegel(
        { id: r.client_id!, pseudoniem: r.pseudoniem, gemeenteId: r.herkomstgemeente_id },
        rijAlsToestand(r),
        peildatum,
      ),
      jongere: isJongere(r.geboortedatum, peildatum),
      doelgroep: r.doelgroep,
    }));
  return { totaal: eerste?.totaal ?? 0, mediaanWachtdagen: eerste?.mediaan == null ? null : Number(eerste.mediaan), regels };
}
