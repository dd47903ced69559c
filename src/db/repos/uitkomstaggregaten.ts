import { sql, type SQL } from 'drizzle-orm';
import { PERIODES, PERIODE_SQL } from '../../domain/monitor.js';
import { NOG_GEHUISVEST_DAGEN, TERUGKEER_TERMIJNEN } from '../../domain/uitkomsten.js';
import type { DbOrTx } from '../client.js';

/**
 * The outcome measures' aggregates (ADR 0036), kept in step by repos/intervallen exactly as monitor_wachttijden:
 * `bron` is a subquery with the columns of traject_intervallen plus `teken` (+1 to add an interval, −1 to take it
 * back); one statement each, keys in a fixed order (concurrent writers lock rows in the same order), changes that
 * cancel out touch no row, rows that come to hold 0 stay (bounded by regio × gebied × period × niveau × days).
 */

const jong = sql`sum(case when i.van >= i.jong_vanaf and i.van < i.jong_tot then i.teken else 0 end)::int`;

/** The coarse scale of monitor_verblijfsduur: stretches of this many days. */
export const VERBLIJF_GROF = 32;

/**
 * monitor_verblijfsduur: the finished stays per gebied (its gemeente and the regio), period of van, niveau and days,
 * per day (schaal 1) and per stretch of VERBLIJF_GROF days, with the sum of the exact days.
 */
export function verblijfsduurBijwerken(bron: SQL): SQL {
  const som = sql`sum(i.teken * i.verblijf_dagen)::bigint`;
  const somJong = sql`sum(case when i.van >= i.jong_vanaf and i.van < i.jong_tot then i.teken * i.verblijf_dagen else 0 end)::bigint`;
  const perioden = sql.join(
    PERIODES.map((p) => sql`(${p}::text, date_trunc(${PERIODE_SQL[p].veld}::text, i.van::timestamp)::date)`),
    sql`, `,
  );
  return sql`insert into monitor_verblijfsduur as m (regio_id, gebied_id, periode, schaal, start, niveau, dagen, aantal, jongeren, som, som_jongeren)
    select i.regio_id, g.gebied_id, p.periode, k.schaal, p.start, i.verblijf_niveau, (i.verblijf_dagen / k.schaal) * k.schaal,
      sum(i.teken)::int, ${jong}, ${som}, ${somJong}
    from ${bron} i
      cross join lateral (values (i.verblijf_gemeente_id), (i.regio_id)) g(gebied_id)
      cross join lateral (values ${perioden}) p(periode, start)
      cross join lateral (values (1), (${VERBLIJF_GROF}::int)) k(schaal)
    where i.verblijf_dagen is not null
    group by 1, 2, 3, 4, 5, 6, 7
    having sum(i.teken) <> 0 or ${jong} <> 0 or ${som} <> 0 or ${somJong} <> 0
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict (regio_id, gebied_id, periode, schaal, start, niveau, dagen)
      do update set aantal = m.aantal + excluded.aantal, jongeren = m.jongeren + excluded.jongeren,
        som = m.som + excluded.som, som_jongeren = m.som_jongeren + excluded.som_jongeren`;
}

/** The shortest return window (months) an uitstroom returned within, 0 when none: TERUGKEER_TERMIJNEN in SQL. */
export function terugBinnenSql(i: string): SQL {
  const r = sql.raw(i);
  return sql`case when ${r}.soort <> 'uitstroom' or ${r}.terugkeer_op is null then 0
    ${sql.join(TERUGKEER_TERMIJNEN.map((t) => sql`when ${r}.terugkeer_op - ${r}.van <= ${t.dagen}::int then ${t.maanden}::int`), sql` `)} else 0 end`;
}

/** monitor_uitkomstmaand: instroom (eerste or not) and uitstroom (bestemming, terug_binnen) per gemeente and month. */
export function uitkomstmaandBijwerken(bron: SQL): SQL {
  return sql`insert into monitor_uitkomstmaand as m (regio_id, gemeente_id, maand, soort, bestemming, eerste, terug_binnen, aantal, jongeren)
    select i.regio_id, i.gemeente_id, date_trunc('month', i.van::timestamp)::date, i.soort,
      case when i.soort = 'uitstroom' then coalesce(i.bestemming, '') else '' end,
      case when i.soort = 'instroom' then coalesce(i.eerste_instroom, false) else false end,
      ${terugBinnenSql('i')}, sum(i.teken)::int, ${jong}
    from ${bron} i
    where i.soort in ('instroom', 'uitstroom')
    group by 1, 2, 3, 4, 5, 6, 7
    having sum(i.teken) <> 0 or ${jong} <> 0
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict (regio_id, gemeente_id, maand, soort, bestemming, eerste, terug_binnen)
      do update set aantal = m.aantal + excluded.aantal, jongeren = m.jongeren + excluded.jongeren`;
}

/**
 * The trigger-kept aggregates (migrations 0036 and 0038, ADR 0038) from scratch out of their sources, for
 * `monitor-herbereken`: monitor_laatheid and monitor_laatheid_zicht from traject_events and clienten,
 * client_ontbrekend from clienten and their uitstroom events, monitor_zrm_traject and monitor_zrm_maand from the intervals and
 * assessments (the migration's function), monitor_gehuisvest from plaatsingen, woningen and the first intervals. The same definitions as the triggers (which
 * keep them in step with every write afterwards); the tests compare both with a recomputation in TypeScript.
 */
export async function herbouwTriggeraggregaten(db: DbOrTx): Promise<void> {
  const geen = sql`'00000000-0000-0000-0000-000000000000'::uuid`;
  const dagen = sql`greatest(0, (e.geregistreerd at time zone 'Europe/Amsterdam')::date - e.datum)`;
  await db.execute(sql`delete from monitor_laatheid`);
  await db.execute(sql`insert into monitor_laatheid (regio_id, datum, organisatie_id, dagen, aantal)
    select e.regio_id, e.datum, coalesce(g.organisatie_id, ${geen}), ${dagen}, count(*)::int
    from traject_events e left join gebruikers g on g.id = e.door_gebruiker_id
    where e.soort <> 'correctie'
    group by 1, 2, 3, 4`);
  await db.execute(sql`delete from monitor_laatheid_zicht`);
  await db.execute(sql`insert into monitor_laatheid_zicht (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
    select c.regio_id, k.zicht_id, e.datum, coalesce(g.organisatie_id, ${geen}), ${dagen}, count(*)::int
    from traject_events e
      join clienten c on c.id = e.client_id and c.regio_id = e.regio_id
      cross join lateral (values (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) k(zicht_id)
      left join gebruikers g on g.id = e.door_gebruiker_id
    where k.zicht_id is not null and e.soort <> 'correctie'
    group by 1, 2, 3, 4, 5`);
  await db.execute(sql`delete from client_ontbrekend`);
  await db.execute(sql`insert into client_ontbrekend (regio_id, zicht_id, soort, aantal)
    select r.regio_id, z.zicht_id, g.soort, count(*)::int
    from (select c.*, client_uitstroom_onbekend(c.id, c.regio_id) as onbekend from clienten c offset 0) r
      cross join lateral (values (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
      cross join lateral (values ('bsn', r.bsn_hash is null and r.geanonimiseerd_op is null), ('aanbieder', r.aanbieder_id is null),
        ('woonwensen', r.woonwensen is null), ('bestemming', r.onbekend)) g(soort, ontbreekt)
    where z.zicht_id is not null and g.ontbreekt
    group by 1, 2, 3`);
  await db.execute(sql`delete from monitor_zrm_traject`);
  await db.execute(sql`delete from monitor_zrm_maand`);
  await db.execute(sql`select monitor_zrm_herbereken(array(select distinct z.client_id from zrm_beoordelingen z))`);
  await db.execute(sql`delete from monitor_gehuisvest`);
  await db.execute(sql`insert into monitor_gehuisvest (regio_id, gebied_id, startdatum, nog, jong, aantal)
    select p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum is null or p.einddatum > p.startdatum + ${NOG_GEHUISVEST_DAGEN}::int),
      coalesce(j.jong_vanaf <= p.startdatum and p.startdatum < j.jong_tot, false), count(*)::int
    from plaatsingen p
      left join traject_intervallen j on j.client_id = p.client_id and j.volgnr = 0
      cross join lateral (values (p.regio_id), ((select w.gemeente_id from woningen w where w.id = p.woning_id))) gb(gebied_id)
    where gb.gebied_id is not null
    group by 1, 2, 3, 4, 5`);
}
