import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { PERIODE_SQL } from '../../domain/monitor.js';
import { NIVEAUS, plusDagen, type Niveau } from '../../domain/trajecten.js';
import {
  BLIJVENDE_BESTEMMINGEN,
  NOG_GEHUISVEST_DAGEN,
  TERUGKEER_TERMIJNEN,
  type Duur,
  type TerugkeerMaanden,
  ZRM_VENSTER_DAGEN,
  leegZrmVerandering,
  type UitkomstRegel,
  type ZrmVerandering,
} from '../../domain/uitkomsten.js';
import { ZRM_DOMEINEN } from '../../domain/zrm.js';
import type { MonitorFilter } from './monitor.js';

/**
 * Outcome measures (definitions in domain/uitkomsten) in SQL over the maintained aggregates monitor_verblijfsduur
 * and monitor_uitkomstmaand (ADR 0036), traject_intervallen, plaatsingen and zrm_beoordelingen. Like the monitor:
 * aggregates only, bound parameters only, gemeente = the herkomstgemeente recorded on the event (for placements:
 * the gemeente of the home).
 */
export async function uitkomsten(db: DbOrTx, f: MonitorFilter, peildatum: string): Promise<UitkomstRegel[]> {
  const { veld, maanden } = PERIODE_SQL[f.periode];
  const periodes = sql`select p::date as start, (p + make_interval(months => ${maanden}::int) - interval '1 day')::date as eind
    from generate_series(date_trunc(${veld}::text, ${f.van}::date::timestamp), ${f.tot}::date::timestamp, make_interval(months => ${maanden}::int)) p`;
  // the first day of the first period and the last day of the last one, as expressions of the bound parameters (not a
  // CTE): the planner sees a constant range and walks the (regio, van) indexes instead of reading the whole regio
  const eerste = sql`date_trunc(${veld}::text, ${f.van}::date::timestamp)::date`;
  const laatste = sql`(date_trunc(${veld}::text, ${f.tot}::date::timestamp) + make_interval(months => ${maanden}::int) - interval '1 day')::date`;
  const bucket = (kolom: SQL) => sql`date_trunc(${veld}::text, ${kolom}::timestamp)::date`;
  const gemeente = (kolom: SQL) => (f.gemeenteId ? sql`and ${kolom} = ${f.gemeenteId}` : sql``);
  const blijvend = sql.join(BLIJVENDE_BESTEMMINGEN.map((b) => sql`${b}`), sql`, `);

  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    const lees = async <T>(q: SQL) => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;

    const gebied = f.gemeenteId ?? f.regioId;
    const peilMaand = sql`date_trunc('month', ${peildatum}::date::timestamp)::date`;
    // stays (ADR 0036): the histogram monitor_verblijfsduur for every period before the peildatum's; for that period
    // its whole months before the peildatum's month, and the stays that ended in that month up to the peildatum from
    // the intervals (one month of rows). Stays ending after the peildatum are not counted.
    const duur = await lees<{ start: string; niveau: Niveau; aantal: number; gemiddelde: number | null; mediaan: number | null; aantal_jong: number; gemiddelde_jong: number | null; mediaan_jong: number | null }>(sql`
      with ruw as (
        select v.start, v.niveau, v.dagen, v.aantal as n, v.jongeren as nj
        from monitor_verblijfsduur v
        where v.regio_id = ${f.regioId} and v.gebied_id = ${gebied} and v.periode = ${f.periode}
          and v.start between ${eerste} and ${laatste} and v.start < ${bucket(peilMaand)} and v.aantal <> 0
        union all
        select ${bucket(sql`v.start`)}, v.niveau, v.dagen, v.aantal, v.jongeren
        from monitor_verblijfsduur v
        where v.regio_id = ${f.regioId} and v.gebied_id = ${gebied} and v.periode = 'maand'
          and v.start between ${eerste} and ${laatste} and v.start >= ${bucket(peilMaand)} and v.start < ${peilMaand} and v.aantal <> 0
        union all
        select ${bucket(sql`i.van`)}, i.verblijf_niveau, i.verblijf_dagen, 1, (i.jong_vanaf <= i.van and i.van < i.jong_tot)::int
        from traject_intervallen i
        where i.regio_id = ${f.regioId} and i.verblijf_dagen is not null and i.van between ${eerste} and ${laatste}
          and i.van >= ${peilMaand} and i.van <= ${peildatum}::date ${gemeente(sql`i.verblijf_gemeente_id`)}
      ),
      hist as (select start, niveau, dagen, sum(n)::bigint as n, sum(nj)::bigint as nj from ruw group by 1, 2, 3),
      -- running counts: the k-th smallest value (from 0) is the smallest dagen whose running count exceeds k
      cum as (
        select start, niveau, dagen, n, nj, (sum(n) over w)::bigint as c, (sum(nj) over w)::bigint as cj,
          (sum(n) over p)::bigint as tot, (sum(nj) over p)::bigint as totj,
          (sum(n * dagen) over p)::float8 as som, (sum(nj * dagen) over p)::float8 as somj
        from hist
        window w as (partition by start, niveau order by dagen), p as (partition by start, niveau)
      ),
      rang as (
        select start, niveau, tot, totj, som, somj, 0.5::float8 * (tot - 1)::float8 as m, 0.5::float8 * (totj - 1)::float8 as mj,
          min(dagen) filter (where c > floor(0.5::float8 * (tot - 1)::float8)) as m_onder, min(dagen) filter (where c > ceil(0.5::float8 * (tot - 1)::float8)) as m_boven,
          min(dagen) filter (where cj > floor(0.5::float8 * (totj - 1)::float8)) as mj_onder, min(dagen) filter (where cj > ceil(0.5::float8 * (totj - 1)::float8)) as mj_boven
        from cum group by start, niveau, tot, totj, som, somj
      )
      -- the same interpolation as percentile_cont (and domain/monitor.percentielCont)
      select start::text as start, niveau, tot::int as aantal,
        case when tot > 0 then som / tot end as gemiddelde,
        case when tot > 0 then m_onder::float8 + (m_boven::float8 - m_onder::float8) * (m - floor(m)) end as mediaan,
        totj::int as aantal_jong,
        case when totj > 0 then somj / totj end as gemiddelde_jong,
        case when totj > 0 then mj_onder::float8 + (mj_boven::float8 - mj_onder::float8) * (mj - floor(mj)) end as mediaan_jong
      from rang`);

    // instroom and uitstroom counted per gemeente and month (monitor_uitkomstmaand); which bestemmingen are lasting
    // is decided here, from the domain's list
    const maand = await lees<Record<string, number | string>>(sql`
      select ${bucket(sql`m.maand`)}::text as start,
        coalesce(sum(m.aantal) filter (where m.soort = 'instroom'), 0)::int as instroom,
        coalesce(sum(m.aantal) filter (where m.soort = 'instroom' and m.eerste), 0)::int as eerste,
        coalesce(sum(m.jongeren) filter (where m.soort = 'instroom'), 0)::int as jong,
        coalesce(sum(m.jongeren) filter (where m.soort = 'instroom' and m.eerste), 0)::int as eerste_jong,
        coalesce(sum(m.aantal) filter (where m.soort = 'uitstroom' and m.bestemming in (${blijvend})), 0)::int as blijvend,
        coalesce(sum(m.jongeren) filter (where m.soort = 'uitstroom' and m.bestemming in (${blijvend})), 0)::int as blijvend_jong,
        ${sql.join(
          TERUGKEER_TERMIJNEN.map((t) => {
            const binnen = sql`m.soort = 'uitstroom' and m.bestemming in (${blijvend}) and m.terug_binnen > 0 and m.terug_binnen <= ${t.maanden}::int`;
            return sql`coalesce(sum(m.aantal) filter (where ${binnen}), 0)::int as ${sql.raw(`t${t.maanden}`)},
              coalesce(sum(m.jongeren) filter (where ${binnen}), 0)::int as ${sql.raw(`tj${t.maanden}`)}`;
          }),
          sql`, `,
        )}
      from monitor_uitkomstmaand m
      where m.regio_id = ${f.regioId} ${gemeente(sql`m.gemeente_id`)} and m.maand between ${eerste} and ${laatste}
      group by 1`);

    const gehuisvest = await lees<{ start: string; gevolgd: number; nog: number; gevolgd_jong: number; nog_jong: number }>(sql`
      with p as (
        select p.startdatum, (p.einddatum is null or p.einddatum > p.startdatum + ${NOG_GEHUISVEST_DAGEN}::int) as nog,
          exists (select 1 from traject_intervallen j where j.client_id = p.client_id and j.volgnr = 0 and j.jong_vanaf <= p.startdatum and p.startdatum < j.jong_tot) as jong
        from plaatsingen p join woningen w on w.id = p.woning_id
        where p.regio_id = ${f.regioId} and p.startdatum between ${eerste} and ${laatste}
          and p.startdatum + ${NOG_GEHUISVEST_DAGEN}::int <= ${peildatum}::date ${gemeente(sql`w.gemeente_id`)}
      )
      select ${bucket(sql`startdatum`)}::text as start, count(*)::int as gevolgd, count(*) filter (where nog)::int as nog,
        count(*) filter (where jong)::int as gevolgd_jong, count(*) filter (where nog and jong)::int as nog_jong
      from p group by 1`);

    // ZRM change (definition in domain/uitkomsten): the uitstroom events of the period of clients with a valid
    // assessment, the begin of their trajectory, and the nearest valid assessment to begin and end within the window
    const domeinen = ZRM_DOMEINEN.map((d) => ({ d, kol: sql.raw(`"${d}"`), lit: sql.raw(`'${d}'`) }));
    const gem = (kol: string) => sql`(select avg(w::int)::float8 from unnest(array[${sql.join(domeinen.map((x) => sql`${sql.raw(kol)} ->> ${x.lit}`), sql`, `)}]) w)`;
    const zrm = await lees<Record<string, number | string | boolean | null>>(sql`
      with u as (
        select ${bucket(sql`i.van`)} as start, i.van as eind, (i.jong_vanaf <= i.van and i.van < i.jong_tot) as jong, i.client_id,
          (select j.van from traject_intervallen j where j.client_id = i.client_id and j.volgnr < i.volgnr and j.soort in ('instroom', 'terugval')
            order by j.volgnr desc limit 1) as begin
        from traject_intervallen i
        where i.regio_id = ${f.regioId} and i.soort = 'uitstroom' and i.van between ${eerste} and ${laatste} ${gemeente(sql`i.gemeente_id`)}
          and i.client_id in (select z.client_id from zrm_beoordelingen z where z.regio_id = ${f.regioId} and z.ingetrokken_op is null)
      ),
      paar as (
        select u.start, u.jong, b.scores as sb, e.scores as se
        from u
          cross join lateral (select z.scores, z.datum from zrm_beoordelingen z
            where z.client_id = u.client_id and z.ingetrokken_op is null and z.datum between u.begin - ${ZRM_VENSTER_DAGEN}::int and u.begin + ${ZRM_VENSTER_DAGEN}::int
            order by abs(z.datum - u.begin), z.datum, z.id limit 1) b
          cross join lateral (select z.scores, z.datum from zrm_beoordelingen z
            where z.client_id = u.client_id and z.ingetrokken_op is null and z.datum between u.eind - ${ZRM_VENSTER_DAGEN}::int and u.eind + ${ZRM_VENSTER_DAGEN}::int
            order by abs(z.datum - u.eind), z.datum desc, z.id limit 1) e
        where b.datum < e.datum
      ),
      groep as (select start, false as jong, sb, se from paar union all select start, true, sb, se from paar where jong)
      select start::text as start, jong, count(*)::int as trajecten, avg(${gem('se')} - ${gem('sb')})::float8 as totaal,
        ${sql.join(
          domeinen.map(
            (x) => sql`count(*) filter (where sb ->> ${x.lit} is not null and se ->> ${x.lit} is not null)::int as ${sql.raw(`"n_${x.d}"`)},
              avg((se ->> ${x.lit})::int - (sb ->> ${x.lit})::int)::float8 as ${x.kol}`,
          ),
          sql`, `,
        )}
      from groep group by start, jong`);

    const perioden = await lees<{ start: string; eind: string }>(sql`select start::text as start, eind::text as eind from (${periodes}) x order by start`);
    const leeg = (): Record<Niveau, Duur> => Object.fromEntries(NIVEAUS.map((n) => [n, { aantal: 0, gemiddelde: null, mediaan: null }])) as Record<Niveau, Duur>;
    return perioden.map(({ start, eind }): UitkomstRegel => {
      const regel: UitkomstRegel = {
        start,
        eind,
        verblijfsduur: leeg(),
        verblijfsduurJongeren: leeg(),
        instroom: 0,
        eersteInstroom: 0,
        instroomJongeren: 0,
        eersteInstroomJongeren: 0,
        blijvendeUitstroom: 0,
        blijvendeUitstroomJongeren: 0,
        terugkeer: Object.fromEntries(
          TERUGKEER_TERMIJNEN.map((t) => [t.maanden, { aantal: 0, jongeren: 0, volledigGevolgd: plusDagen(eind, t.dagen) <= peildatum }]),
        ) as UitkomstRegel['terugkeer'],
        plaatsingenGevolgd: 0,
        nogGehuisvest: 0,
        plaatsingenGevolgdJongeren: 0,
        nogGehuisvestJongeren: 0,
        zrm: leegZrmVerandering(),
        zrmJongeren: leegZrmVerandering(),
      };
      for (const z of zrm.filter((x) => x.start === start)) {
        const uit: ZrmVerandering = {
          trajecten: Number(z.trajecten),
          totaal: z.totaal === null ? null : Number(z.totaal),
          perDomein: Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, { aantal: Number(z[`n_${d}`]), verandering: z[d] === null ? null : Number(z[d]) }])) as ZrmVerandering['perDomein'],
        };
        if (z.jong) regel.zrmJongeren = uit;
        else regel.zrm = uit;
      }
      for (const d of duur.filter((x) => x.start === start && (NIVEAUS as readonly string[]).includes(x.niveau))) {
        regel.verblijfsduur[d.niveau] = { aantal: d.aantal, gemiddelde: d.gemiddelde, mediaan: d.mediaan };
        regel.verblijfsduurJongeren[d.niveau] = { aantal: d.aantal_jong, gemiddelde: d.gemiddelde_jong, mediaan: d.mediaan_jong };
      }
      const t = maand.find((x) => x.start === start);
      if (t) {
        Object.assign(regel, { instroom: Number(t.instroom), eersteInstroom: Number(t.eerste), instroomJongeren: Number(t.jong), eersteInstroomJongeren: Number(t.eerste_jong) });
        regel.blijvendeUitstroom = Number(t.blijvend);
        regel.blijvendeUitstroomJongeren = Number(t.blijvend_jong);
        for (const m of TERUGKEER_TERMIJNEN.map((x) => x.maanden) as TerugkeerMaanden[]) {
          regel.terugkeer[m] = { ...regel.terugkeer[m], aantal: Number(t[`t${m}`]), jongeren: Number(t[`tj${m}`]) };
        }
      }
      const g = gehuisvest.find((x) => x.start === start);
      if (g) Object.assign(regel, { plaatsingenGevolgd: g.gevolgd, nogGehuisvest: g.nog, plaatsingenGevolgdJongeren: g.gevolgd_jong, nogGehuisvestJongeren: g.nog_jong });
      return regel;
    });
  });
}
