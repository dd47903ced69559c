import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { jongerenGrenzen, PERIODE_SQL, PERIODES, STROOM_SOORTEN, TERUGKEER_DAGEN, trajectIntervallen } from '../../domain/monitor.js';
import { geldigeEvents, leidToestandAf, type Toestand, type TrajectEvent } from '../../domain/trajecten.js';
import { schrijfStand } from './stand.js';
import { herbouwTriggeraggregaten, uitkomstmaandBijwerken, verblijfsduurBijwerken } from './uitkomstaggregaten.js';
import { intervalUitkomsten } from '../../domain/uitkomsten.js';

/**
 * The one place that keeps traject_intervallen in step with traject_events: callers pass the clients
 * whose events they wrote, inside the same transaction, and get those clients' rows replaced by a fresh
 * fold of all their events. The domain state machine decides fase and niveau, exactly as for the dossier.
 * The same pass writes each client's current state in client_stand (repos/stand), the projection the lists
 * read: whoever keeps the intervals in step keeps that in step too.
 */

// one statement moves at most this many clients: bounded parameter lists and memory
const DEEL = 2000;

interface EventRij {
  id: number;
  vervaltEventId: number | null;
  client_id: string;
  regio_id: string;
  gemeente_id: string;
  geboortedatum: string;
  soort: TrajectEvent['soort'];
  datum: string;
  niveau: TrajectEvent['niveau'];
  bestemming: TrajectEvent['bestemming'];
  urgentie: number | null;
}

async function rijen<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Only these states count in a stock at a period end (monitor.bezetting). */
const STAND_FASEN = sql`('geindiceerd', 'in_zorg', 'uitstroomklaar')`;
const maandVan = (datum: SQL) => sql`date_trunc('month', (${datum})::timestamp)::date`;

/**
 * Adds to monitor_maandmutaties the monthly stock changes of the intervals in `bron` (a subquery with the
 * columns of traject_intervallen plus `teken`, +1 to add an interval, −1 to take it back). The end of month
 * m lies in [a, b) ⇔ month(a) <= m < month(b): +1 at month(van), −1 at month(tot); the 18–24 part likewise.
 * One statement with its keys in a fixed order, so concurrent writers lock rows in the same order (no
 * deadlock); changes that cancel out (an interval taken back and added unchanged) touch no row at all.
 * Rows that come to hold 0 stay: their number is bounded by regio × gemeente × month × fase × niveau.
 */
function mutatiesBijwerken(bron: SQL): SQL {
  return sql`insert into monitor_maandmutaties as m (regio_id, gemeente_id, maand, fase, niveau, aantal, jongeren)
    select i.regio_id, i.gemeente_id, x.maand, i.fase, coalesce(i.niveau, ''), sum(i.teken * x.aantal)::int, sum(i.teken * x.jong)::int
    from ${bron} i
      cross join lateral (select greatest(i.van, i.jong_vanaf) as a, least(coalesce(i.tot, 'infinity'::date), i.jong_tot) as b) jong
      cross join lateral (values
        (${maandVan(sql`i.van`)}, 1, 0),
        (${maandVan(sql`i.tot`)}, -1, 0),
        (case when jong.a < jong.b then ${maandVan(sql`jong.a`)} end, 0, 1),
        (case when jong.a < jong.b then ${maandVan(sql`jong.b`)} end, 0, -1)
      ) x(maand, aantal, jong)
    where i.fase in ${STAND_FASEN} and x.maand is not null
    group by i.regio_id, i.gemeente_id, x.maand, i.fase, coalesce(i.niveau, '')
    having sum(i.teken * x.aantal) <> 0 or sum(i.teken * x.jong) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (regio_id, gemeente_id, maand, fase, niveau)
      do update set aantal = m.aantal + excluded.aantal, jongeren = m.jongeren + excluded.jongeren`;
}

/** The flow events that monitor.stromen counts and, among them, the uitstroom cohorts of monitor.terugkeer. */
const STROOM_SOORTEN_SQL = sql`(${sql.join(STROOM_SOORTEN.map((soort) => sql`${soort}`), sql`, `)})`;

/**
 * Adds to monitor_maandstromen the flow events of the intervals in `bron` (as for mutatiesBijwerken, with
 * `teken`): per month of van, soort and bestemming how many, how many by someone aged 18–24 that day, and of
 * those (uitstroom) how many returned within TERUGKEER_DAGEN. Same rules as mutatiesBijwerken: one statement,
 * keys in a fixed order, changes that cancel out touch no row, rows that come to hold 0 stay.
 */
function stromenBijwerken(bron: SQL): SQL {
  const jong = sql`(i.van >= i.jong_vanaf and i.van < i.jong_tot)`;
  const terug = sql`(i.terugkeer_op is not null and i.terugkeer_op <= i.van + ${TERUGKEER_DAGEN}::int)`;
  const telling = (voorwaarde: SQL) => sql`sum(case when ${voorwaarde} then i.teken else 0 end)::int`;
  return sql`insert into monitor_maandstromen as m (regio_id, gemeente_id, maand, soort, bestemming, aantal, jongeren, teruggekeerd, teruggekeerd_jongeren)
    select i.regio_id, i.gemeente_id, ${maandVan(sql`i.van`)}, i.soort, coalesce(i.bestemming, ''),
      sum(i.teken)::int, ${telling(jong)}, ${telling(terug)}, ${telling(sql`${jong} and ${terug}`)}
    from ${bron} i
    where i.soort in ${STROOM_SOORTEN_SQL}
    group by 1, 2, 3, 4, 5
    having sum(i.teken) <> 0 or ${telling(jong)} <> 0 or ${telling(terug)} <> 0 or ${telling(sql`${jong} and ${terug}`)} <> 0
    order by 1, 2, 3, 4, 5
    on conflict (regio_id, gemeente_id, maand, soort, bestemming)
      do update set aantal = m.aantal + excluded.aantal, jongeren = m.jongeren + excluded.jongeren,
        teruggekeerd = m.teruggekeerd + excluded.teruggekeerd, teruggekeerd_jongeren = m.teruggekeerd_jongeren + excluded.teruggekeerd_jongeren`;
}

/**
 * Adds to monitor_wachttijden the waiting days of the instroom and uitstroom intervals in `bron` (as for
 * mutatiesBijwerken, with `teken`): per gebied (the gemeente, and the regio as a whole), per month, quarter and
 * year of van, per soort and number of days how many, and how many by someone aged 18–24 that day. An uitstroom
 * without waiting time (wacht_dagen null) is no part of it. Same rules as mutatiesBijwerken: one statement,
 * keys in a fixed order, changes that cancel out touch no row, rows that come to hold 0 stay.
 */
function wachttijdenBijwerken(bron: SQL): SQL {
  const jong = sql`sum(case when i.van >= i.jong_vanaf and i.van < i.jong_tot then i.teken else 0 end)::int`;
  const perioden = sql.join(
    PERIODES.map((p) => sql`(${p}::text, date_trunc(${PERIODE_SQL[p].veld}::text, i.van::timestamp)::date)`),
    sql`, `,
  );
  return sql`insert into monitor_wachttijden as m (regio_id, gebied_id, periode, start, soort, dagen, aantal, jongeren)
    select i.regio_id, g.gebied_id, p.periode, p.start, i.soort, i.wacht_dagen, sum(i.teken)::int, ${jong}
    from ${bron} i
      cross join lateral (values (i.gemeente_id), (i.regio_id)) g(gebied_id)
      cross join lateral (values ${perioden}) p(periode, start)
    where i.soort in ('instroom', 'uitstroom') and i.wacht_dagen is not null
    group by 1, 2, 3, 4, 5, 6
    having sum(i.teken) <> 0 or ${jong} <> 0
    order by 1, 2, 3, 4, 5, 6
    on conflict (regio_id, gebied_id, periode, start, soort, dagen)
      do update set aantal = m.aantal + excluded.aantal, jongeren = m.jongeren + excluded.jongeren`;
}

/** monitor_maandmutaties, monitor_maandstromen, monitor_wachttijden and the outcome aggregates from scratch out of traject_intervallen (full rebuild). */
export async function herbouwMaandmutaties(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from monitor_maandmutaties`);
  await db.execute(mutatiesBijwerken(sql`(select *, 1 as teken from traject_intervallen)`));
  await db.execute(sql`delete from monitor_maandstromen`);
  await db.execute(stromenBijwerken(sql`(select *, 1 as teken from traject_intervallen)`));
  await db.execute(sql`delete from monitor_wachttijden`);
  await db.execute(wachttijdenBijwerken(sql`(select *, 1 as teken from traject_intervallen)`));
  await db.execute(sql`delete from monitor_verblijfsduur`);
  await db.execute(verblijfsduurBijwerken(sql`(select *, 1 as teken from traject_intervallen)`));
  await db.execute(sql`delete from monitor_uitkomstmaand`);
  await db.execute(uitkomstmaandBijwerken(sql`(select *, 1 as teken from traject_intervallen)`));
}

const uuidLijst = (ids: readonly string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

async function herberekenDeel(db: DbOrTx, clientIds: readonly string[], metMutaties: boolean): Promise<number> {
  const events = await rijen<EventRij>(
    db,
    sql`select e.id::float8 as id, e.vervalt_event_id::float8 as "vervaltEventId", e.client_id, e.regio_id, e.gemeente_id, to_char(c.geboortedatum, 'YYYY-MM-DD') as geboortedatum, e.soort,
        to_char(e.datum, 'YYYY-MM-DD') as datum, e.niveau, e.bestemming, e.urgentie
      from traject_events e join clienten c on c.id = e.client_id
      where e.client_id = any(${uuidLijst(clientIds)})
      order by e.client_id, e.datum, e.id`,
  );
  const regels: unknown[] = [];
  const toestanden = new Map<string, Toestand>();
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && events[j]!.client_id === events[i]!.client_id) j++;
    const eerste = events[i]!;
    // a correction voids an event: the intervals are the fold of the events that still count
    const lijst = geldigeEvents(events.slice(i, j));
    const { jongVanaf, jongTot } = jongerenGrenzen(eerste.geboortedatum);
    const domein = lijst.map((e) => ({ soort: e.soort, datum: e.datum, niveau: e.niveau, bestemming: e.bestemming, urgentie: e.urgentie }));
    const intervallen = trajectIntervallen(domein);
    toestanden.set(eerste.client_id, leidToestandAf(domein));
    const uitkomst = intervalUitkomsten(intervallen);
    intervallen.forEach((iv, k) => {
      const e = lijst[k]!;
      const verblijf = uitkomst[k]!.verblijf;
      regels.push({
        client_id: e.client_id,
        volgnr: iv.volgnr,
        regio_id: e.regio_id,
        gemeente_id: e.gemeente_id,
        soort: iv.soort,
        fase: iv.fase,
        niveau: iv.niveau,
        van: iv.van,
        tot: iv.tot,
        bestemming: iv.bestemming,
        wacht_dagen: iv.wachtDagen,
        terugkeer_op: iv.terugkeerOp,
        jong_vanaf: jongVanaf,
        jong_tot: jongTot,
        verblijf_niveau: verblijf?.niveau ?? null,
        verblijf_dagen: verblijf?.dagen ?? null,
        // a stay belongs to the gemeente recorded on the event that began it
        verblijf_gemeente_id: verblijf ? lijst[verblijf.beginVolgnr]!.gemeente_id : null,
        eerste_instroom: uitkomst[k]!.eersteInstroom,
      });
    });
    i = j;
  }
  // one JSON parameter instead of 14 per row: no parameter limit, and one round trip per part
  const nieuw = sql`select * from jsonb_to_recordset(${JSON.stringify(regels)}::jsonb) as x(client_id uuid, volgnr int, regio_id uuid, gemeente_id uuid,
    soort text, fase text, niveau text, van date, tot date, bestemming text, wacht_dagen int, terugkeer_op date, jong_vanaf date, jong_tot date,
    verblijf_niveau text, verblijf_dagen int, verblijf_gemeente_id uuid, eerste_instroom boolean)`;
  const kolommen = sql.raw(
    'client_id, volgnr, regio_id, gemeente_id, soort, fase, niveau, van, tot, bestemming, wacht_dagen, terugkeer_op, jong_vanaf, jong_tot, verblijf_niveau, verblijf_dagen, verblijf_gemeente_id, eerste_instroom',
  );
  const weg = sql`delete from traject_intervallen where client_id = any(${uuidLijst(clientIds)})`;
  if (metMutaties) {
    // the old intervals' monthly changes, flows and waiting days taken back in the statement that deletes them,
    // the new ones added in the same statement: the six tables cannot drift apart
    await db.execute(sql`with oud as (${weg} returning ${kolommen}), nieuw as (${nieuw}),
      bron as (select *, -1 as teken from oud union all select *, 1 from nieuw),
      stromen as (${stromenBijwerken(sql`bron`)}),
      wachttijden as (${wachttijdenBijwerken(sql`bron`)}),
      verblijfsduur as (${verblijfsduurBijwerken(sql`bron`)}),
      uitkomstmaand as (${uitkomstmaandBijwerken(sql`bron`)})
      ${mutatiesBijwerken(sql`bron`)}`);
  } else {
    await db.execute(weg);
  }
  if (regels.length) await db.execute(sql`insert into traject_intervallen (${kolommen}) select ${kolommen} from (${nieuw}) n`);
  await schrijfStand(db, clientIds, toestanden);
  return regels.length;
}

/** Replaces the intervals of these clients by a recomputation from their events; call it in the writing transaction. */
export async function herberekenIntervallen(db: DbOrTx, clientIds: Iterable<string>, voortgang?: (klaar: number, totaal: number) => void): Promise<number> {
  return herbereken(db, clientIds, true, voortgang);
}

async function herbereken(db: DbOrTx, clientIds: Iterable<string>, metMutaties: boolean, voortgang?: (klaar: number, totaal: number) => void): Promise<number> {
  const ids = [...new Set(clientIds)].sort();
  let aantal = 0;
  for (let i = 0; i < ids.length; i += DEEL) {
    aantal += await herberekenDeel(db, ids.slice(i, i + DEEL), metMutaties);
    voortgang?.(Math.min(i + DEEL, ids.length), ids.length);
  }
  return aantal;
}

/** Rebuilds every client's intervals and client_stand row (CLI monitor-herbereken, and start after the migration that added the table). */
export async function herberekenAlleIntervallen(db: DbOrTx, voortgang?: (klaar: number, totaal: number) => void): Promise<{ clienten: number; intervallen: number }> {
  // every client, also those without events: their client_stand row is rewritten to the begin state too
  const ids = (await rijen<{ id: string }>(db, sql`select id from clienten`)).map((r) => r.id);
  // monthly changes once from the finished table: cheaper than per part, and right whatever they held before
  const intervallen = await herbereken(db, ids, false, voortgang);
  // clients whose events are gone cannot exist (append-only), but a rebuild must leave nothing stale behind
  await db.execute(sql`delete from traject_intervallen i where not exists (select 1 from traject_events e where e.client_id = i.client_id)`);
  await herbouwMaandmutaties(db);
  await herbouwStandTellingen(db);
  // the trigger-kept aggregates too: a rebuild leaves no figure to an earlier state
  await herbouwTriggeraggregaten(db);
  return { clienten: ids.length, intervallen };
}

/**
 * client_stand_tellingen from the finished client_stand: the triggers keep it in step, but a rebuild must also
 * repair counts that were edited by hand or lost.
 */
export async function herbouwStandTellingen(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from client_stand_tellingen`);
  await db.execute(sql`insert into client_stand_tellingen (regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, aantal)
    select regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, count(*)::int
    from client_stand group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`);
}

/** True when events exist but their intervals were never computed: a database migrated from before 0003. */
export async function intervallenOntbreken(db: DbOrTx): Promise<boolean> {
  const [r] = await rijen<{ ontbreekt: boolean }>(
    db,
    sql`select exists (select 1 from traject_events) and not exists (select 1 from traject_intervallen) as ontbreekt`,
  );
  return r!.ontbreekt;
}
