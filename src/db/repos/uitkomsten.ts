import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { PERIODE_SQL, periodeStart } from '../../domain/monitor.js';
import { NIVEAUS, plusDagen, type Niveau } from '../../domain/trajecten.js';
import {
  BLIJVENDE_BESTEMMINGEN,
  NOG_GEHUISVEST_DAGEN,
  TERUGKEER_TERMIJNEN,
  type Duur,
  type TerugkeerMaanden,
  leegZrmVerandering,
  type UitkomstRegel,
  type ZrmVerandering,
} from '../../domain/uitkomsten.js';
import { ZRM_DOMEINEN } from '../../domain/zrm.js';
import type { MonitorFilter } from './monitor.js';
import { VERBLIJF_GROF } from './uitkomstaggregaten.js';

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
    const peilPeriode = periodeStart(peildatum, f.periode);
    const V = (alias: string) => sql.raw(alias);
    const sleutel = (v: string) => sql`${V(v)}.regio_id = ${f.regioId} and ${V(v)}.gebied_id = ${gebied} and ${V(v)}.periode = ${f.periode}`;
    // stays (ADR 0036), from monitor_verblijfsduur: periods after the peildatum's are not counted, and in the
    // peildatum's period the stays that ended after it (normally none: read from the intervals) are taken back.
    // Count and mean come from the stretches of VERBLIJF_GROF days; each median value from the one stretch that holds
    // its rank, read per day.
    const fijn = (b: string, voor: string, rang: string, kolom: 'aantal' | 'jongeren', laterKolom: 'n' | 'nj') => sql`(
      select x.dagen from (
        select d.dagen, ${V(voor)} + sum(d.n) over (order by d.dagen rows unbounded preceding) as c from (
          select y.dagen, sum(y.n) as n from (
            select e.dagen, e.${V(kolom)} as n from monitor_verblijfsduur e
            where ${sleutel('e')} and e.schaal = 1 and e.start = r.start and e.niveau = r.niveau and e.dagen >= r.${V(b)} and e.dagen < r.${V(b)} + ${VERBLIJF_GROF}::int
            union all
            select l.dagen, -l.${V(laterKolom)} from later l where l.start = r.start and l.niveau = r.niveau and l.dagen >= r.${V(b)} and l.dagen < r.${V(b)} + ${VERBLIJF_GROF}::int
          ) y group by y.dagen
        ) d
      ) x where x.c > ${V(rang)} order by x.dagen limit 1)`;
    const duur = await lees<{ start: string; niveau: Niveau; aantal: number; gemiddelde: number | null; mediaan: number | null; aantal_jong: number; gemiddelde_jong: number | null; mediaan_jong: number | null }>(sql`
      with later as (
        select ${bucket(sql`i.van`)} as start, i.verblijf_niveau as niveau, i.verblijf_dagen as dagen, count(*)::bigint as n,
          count(*) filter (where i.jong_vanaf <= i.van and i.van < i.jong_tot)::bigint as nj
        from traject_intervallen i
        where i.regio_id = ${f.regioId} and i.verblijf_dagen is not null and i.van > ${peildatum}::date
          and i.van >= ${peilPeriode}::date and i.van between ${eerste} and ${laatste} ${gemeente(sql`i.verblijf_gemeente_id`)}
        group by 1, 2, 3
      ),
      grof as (
        select start, niveau, bak, sum(n)::bigint as n, sum(nj)::bigint as nj, sum(som)::float8 as som, sum(somj)::float8 as somj from (
          select v.start, v.niveau, v.dagen as bak, v.aantal as n, v.jongeren as nj, v.som, v.som_jongeren as somj
          from monitor_verblijfsduur v
          where ${sleutel('v')} and v.schaal = ${VERBLIJF_GROF}::int and v.start between ${eerste} and ${laatste} and v.start <= ${peilPeriode}::date
          union all
          select start, niveau, (dagen / ${VERBLIJF_GROF}::int) * ${VERBLIJF_GROF}::int, -n, -nj, -n * dagen, -nj * dagen from later
        ) g group by 1, 2, 3
      ),
      cum as (
        select start, niveau, bak, n, nj, som, somj,
          (sum(n) over w)::bigint as c, (sum(nj) over w)::bigint as cj,
          (sum(n) over p)::bigint as tot, (sum(nj) over p)::bigint as totj
        from grof
        window w as (partition by start, niveau order by bak rows unbounded preceding), p as (partition by start, niveau)
      ),
      -- the ranks (from 0) the median interpolates between: floor and ceil of 0.5 × (n − 1)
      pos as (
        select *, floor(0.5::float8 * (tot - 1)) as k1, ceil(0.5::float8 * (tot - 1)) as k2,
          floor(0.5::float8 * (totj - 1)) as kj1, ceil(0.5::float8 * (totj - 1)) as kj2
        from cum
      ),
      -- per rank the stretch whose running count first exceeds it, and how many come before that stretch
      r as (
        select start, niveau, max(tot) as tot, max(totj) as totj, sum(som) as som, sum(somj) as somj,
          max(k1) as k1, max(k2) as k2, max(kj1) as kj1, max(kj2) as kj2,
          min(bak) filter (where c > k1) as b1, min(c - n) filter (where c > k1) as v1,
          min(bak) filter (where c > k2) as b2, min(c - n) filter (where c > k2) as v2,
          min(bak) filter (where cj > kj1) as bj1, min(cj - nj) filter (where cj > kj1) as vj1,
          min(bak) filter (where cj > kj2) as bj2, min(cj - nj) filter (where cj > kj2) as vj2
        from pos group by start, niveau
      ),
      waarden as (
        select r.*,
          case when tot > 0 then ${fijn('b1', 'v1', 'k1', 'aantal', 'n')} end as m1,
          case when tot > 0 then ${fijn('b2', 'v2', 'k2', 'aantal', 'n')} end as m2,
          case when totj > 0 then ${fijn('bj1', 'vj1', 'kj1', 'jongeren', 'nj')} end as mj1,
          case when totj > 0 then ${fijn('bj2', 'vj2', 'kj2', 'jongeren', 'nj')} end as mj2
        from r
      )
      -- the same interpolation as percentile_cont (and domain/monitor.percentielCont)
      select start::text as start, niveau, tot::int as aantal,
        case when tot > 0 then som / tot end as gemiddelde,
        case when tot > 0 then m1::float8 + (m2::float8 - m1::float8) * (0.5::float8 * (tot - 1) - k1) end as mediaan,
        totj::int as aantal_jong,
        case when totj > 0 then somj / totj end as gemiddelde_jong,
        case when totj > 0 then mj1::float8 + (mj2::float8 - mj1::float8) * (0.5::float8 * (totj - 1) - kj1) end as mediaan_jong
      from waarden`);

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

    // placements from monitor_gehuisvest (ADR 0038): per gebied (the home's gemeente, or the regio) and start date,
    // kept by triggers with whether they still ran NOG_GEHUISVEST_DAGEN on and the client's age band on the start date
    const gehuisvest = await lees<{ start: string; gevolgd: number; nog: number; gevolgd_jong: number; nog_jong: number }>(sql`
      select ${bucket(sql`g.startdatum`)}::text as start, sum(g.aantal)::int as gevolgd, coalesce(sum(g.aantal) filter (where g.nog), 0)::int as nog,
        coalesce(sum(g.aantal) filter (where g.jong), 0)::int as gevolgd_jong, coalesce(sum(g.aantal) filter (where g.nog and g.jong), 0)::int as nog_jong
      from monitor_gehuisvest g
      where g.regio_id = ${f.regioId} and g.gebied_id = ${gebied} and g.startdatum between ${eerste} and ${laatste}
        and g.startdatum <= ${peildatum}::date - ${NOG_GEHUISVEST_DAGEN}::int
      group by 1`);

    // ZRM change (definition in domain/uitkomsten) from monitor_zrm_maand (ADR 0038): per month the number of
    // trajectories with a pair and per domain how many changes and their sum, kept by triggers whenever a client's
    // intervals or assessments change; a mean is sum / count in numeric, as avg over the integers would be
    const domeinen = ZRM_DOMEINEN.map((d) => ({ d, n: sql.raw(`n_${d}`), som: sql.raw(`som_${d}`) }));
    const zrm = await lees<Record<string, number | string | boolean | null>>(sql`
      select ${bucket(sql`m.maand`)}::text as start, g.jong, sum(m.trajecten)::int as trajecten,
        (sum(m.totaal_som) / nullif(sum(m.totaal_n), 0))::float8 as totaal,
        ${sql.join(
          domeinen.map((x) => sql`sum(m.${x.n})::int as ${sql.raw(`"n_${x.d}"`)}, (sum(m.${x.som})::numeric / nullif(sum(m.${x.n}), 0))::float8 as ${sql.raw(`"${x.d}"`)}`),
          sql`, `,
        )}
      from monitor_zrm_maand m cross join (values (false), (true)) g(jong)
      where m.regio_id = ${f.regioId} ${gemeente(sql`m.gemeente_id`)} and m.maand between ${eerste} and ${laatste} and (m.jong or not g.jong)
      group by 1, 2 having sum(m.trajecten) > 0`);

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
