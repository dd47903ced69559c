import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  PERIODE_SQL,
  STROOM_SOORTEN,
  TERUGKEER_DAGEN,
  type BeschermdThuisRegel,
  type BezettingRegel,
  type Periode,
  type StromenRegel,
  type StroomSoort,
  type TerugkeerRegel,
  type WachttijdMaat,
  type WachttijdRegel,
  type WoningRegel,
} from '../../domain/monitor.js';
import { BESTEMMINGEN, NIVEAUS, type Bestemming, type Niveau } from '../../domain/trajecten.js';

/**
 * The regional monitor, computed in SQL over traject_intervallen — the append-only traject_events folded
 * per client by the domain state machine (repos/intervallen, kept in step in every writing transaction):
 * every figure is an aggregate over rows, no query replays a history or returns a client id. All user
 * input arrives as bound parameters.
 *
 * Definitions (README "Monitor"):
 * - periods are whole calendar months/quarters/years; `van` is rounded down to the start of its period,
 *   the last period is the one that contains `tot`;
 * - a client's state between two events is the state after the first one; "at period end" means on the
 *   last day of the period, after that day's events;
 * - jongeren: aged 18–24 on the date that matters (event date, or period end for stocks);
 * - gemeente = the herkomstgemeente recorded on the event.
 */
export interface MonitorFilter {
  regioId: string;
  periode: Periode;
  van: string;
  tot: string;
  gemeenteId?: string;
}

/**
 * Dashboard aggregations group a few hundred thousand interval rows; with PostgreSQL's default 4 MB
 * work_mem those sorts spill to disk. A larger budget for this one transaction keeps them in memory.
 */
async function rijen<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    const res = (await tx.execute(query)) as unknown as { rows: T[] };
    return res.rows;
  });
}

/** Calendar periods as a CTE body: start and last day of each period overlapping [van, tot]. */
function periodesCte(f: MonitorFilter): SQL {
  const { veld, maanden } = PERIODE_SQL[f.periode];
  return sql`select p::date as start, (p + make_interval(months => ${maanden}::int) - interval '1 day')::date as eind
    from generate_series(date_trunc(${veld}::text, ${f.van}::date::timestamp), ${f.tot}::date::timestamp, make_interval(months => ${maanden}::int)) p`;
}

const bucket = (f: MonitorFilter, datum: SQL) => sql`date_trunc(${PERIODE_SQL[f.periode].veld}::text, (${datum})::timestamp)::date`;

/** gemeente = the herkomstgemeente recorded on the opening event (it never changes for a client). */
function intervalFilter(f: MonitorFilter): SQL {
  return f.gemeenteId ? sql`i.regio_id = ${f.regioId} and i.gemeente_id = ${f.gemeenteId}` : sql`i.regio_id = ${f.regioId}`;
}

// ---------------------------------------------------------------------------------------------
// Stromen: instroom, doorstroom, uitstroom (per bestemming), terugval, uitval per period
// ---------------------------------------------------------------------------------------------

export async function stromen(db: DbOrTx, f: MonitorFilter): Promise<StromenRegel[]> {
  const rs = await rijen<{ start: string; eind: string; soort: string | null; bestemming: string | null; aantal: number; jongeren: number }>(
    db,
    sql`with periodes as (${periodesCte(f)}),
      grens as (select min(start) as eerste, max(eind) as laatste from periodes),
      -- monitor_maandstromen (repos/intervallen): the events counted per month; periods are whole months
      per as (
        select ${bucket(f, sql`i.maand`)} as start, i.soort, i.bestemming, sum(i.aantal)::int as aantal, sum(i.jongeren)::int as jongeren
        from monitor_maandstromen i, grens
        where ${intervalFilter(f)} and i.soort in (${sql.join(STROOM_SOORTEN.map((st) => sql`${st}`), sql`, `)})
          and i.maand between grens.eerste and grens.laatste
        group by 1, 2, 3
      )
      select p.start::text as start, p.eind::text as eind, x.soort, x.bestemming, coalesce(x.aantal, 0) as aantal, coalesce(x.jongeren, 0) as jongeren
      from periodes p left join per x on x.start = p.start
      order by p.start`,
  );
  const perStart = new Map<string, StromenRegel>();
  for (const r of rs) {
    let regel = perStart.get(r.start);
    if (!regel) {
      regel = {
        start: r.start,
        eind: r.eind,
        aantallen: Object.fromEntries(STROOM_SOORTEN.map((s) => [s, 0])) as Record<StroomSoort, number>,
        jongeren: Object.fromEntries(STROOM_SOORTEN.map((s) => [s, 0])) as Record<StroomSoort, number>,
        uitstroomPerBestemming: Object.fromEntries(BESTEMMINGEN.map((b) => [b, 0])) as Record<Bestemming, number>,
      };
      perStart.set(r.start, regel);
    }
    if (!r.soort) continue;
    const soort = r.soort as StroomSoort;
    regel.aantallen[soort] += r.aantal;
    regel.jongeren[soort] += r.jongeren;
    if (soort === 'uitstroom') {
      const b = (BESTEMMINGEN as readonly string[]).includes(r.bestemming ?? '') ? (r.bestemming as Bestemming) : 'onbekend';
      regel.uitstroomPerBestemming[b] += r.aantal;
    }
  }
  return [...perStart.values()];
}

// ---------------------------------------------------------------------------------------------
// Bezetting: population per niveau and waiting lists at period end
// ---------------------------------------------------------------------------------------------

/**
 * Read from monitor_maandmutaties (repos/intervallen), the monthly +/− changes of the stocks: every period end
 * is a month end, so the stock at the end of period k is the sum of all changes in months up to k's last
 * month. Changes before the first period are folded into it; one running sum per fase and niveau does the rest.
 */
export async function bezetting(db: DbOrTx, f: MonitorFilter): Promise<BezettingRegel[]> {
  const rs = await rijen<{ start: string; eind: string; fase: 'geindiceerd' | 'in_zorg' | 'uitstroomklaar' | null; niveau: string | null; aantal: number; jongeren: number }>(
    db,
    sql`with periodes as (${periodesCte(f)}),
      grens as (select min(start) as eerste, max(eind) as laatste from periodes),
      per as (
        select greatest(${bucket(f, sql`m.maand`)}, grens.eerste) as start, m.fase, m.niveau, sum(m.aantal)::int as aantal, sum(m.jongeren)::int as jongeren
        from monitor_maandmutaties m, grens
        where ${f.gemeenteId ? sql`m.regio_id = ${f.regioId} and m.gemeente_id = ${f.gemeenteId}` : sql`m.regio_id = ${f.regioId}`} and m.maand <= grens.laatste
        group by 1, 2, 3
      ),
      sleutels as (select distinct fase, niveau from per)
      select p.start::text as start, p.eind::text as eind, k.fase, k.niveau,
        (sum(coalesce(x.aantal, 0)) over (partition by k.fase, k.niveau order by p.start))::int as aantal,
        (sum(coalesce(x.jongeren, 0)) over (partition by k.fase, k.niveau order by p.start))::int as jongeren
      from periodes p
        left join sleutels k on true
        left join per x on x.start = p.start and x.fase = k.fase and x.niveau = k.niveau
      order by p.start`,
  );
  const leeg = () => Object.fromEntries(NIVEAUS.map((n) => [n, 0])) as Record<Niveau, number>;
  const perStart = new Map<string, BezettingRegel>();
  for (const r of rs) {
    let regel = perStart.get(r.start);
    if (!regel) {
      regel = { start: r.start, eind: r.eind, populatie: leeg(), populatieJongeren: leeg(), wachtInstroom: leeg(), wachtInstroomJongeren: 0, wachtUitstroom: 0, wachtUitstroomJongeren: 0 };
      perStart.set(r.start, regel);
    }
    if (!r.fase) continue;
    // niveau '' = none: such clients count on the waiting lists but in no niveau's population
    const niveau = (NIVEAUS as readonly string[]).includes(r.niveau ?? '') ? (r.niveau as Niveau) : null;
    if (r.fase === 'geindiceerd') {
      if (niveau) regel.wachtInstroom[niveau] += r.aantal;
      regel.wachtInstroomJongeren += r.jongeren;
      continue;
    }
    // in zorg and uitstroomklaar are both in care; uitstroomklaar is also waiting for a home
    if (niveau) {
      regel.populatie[niveau] += r.aantal;
      regel.populatieJongeren[niveau] += r.jongeren;
    }
    if (r.fase === 'uitstroomklaar') {
      regel.wachtUitstroom += r.aantal;
      regel.wachtUitstroomJongeren += r.jongeren;
    }
  }
  return [...perStart.values()];
}

// ---------------------------------------------------------------------------------------------
// Wachttijden: days indicatie → instroom and uitstroomklaar → uitstroom, by period of the end event
// ---------------------------------------------------------------------------------------------

export async function wachttijden(db: DbOrTx, f: MonitorFilter): Promise<WachttijdRegel[]> {
  const rs = await rijen<{ start: string; eind: string; soort: 'instroom' | 'uitstroom' | null; aantal: number; mediaan: number | null; p90: number | null; aantal_jong: number; mediaan_jong: number | null; p90_jong: number | null }>(
    db,
    sql`with periodes as (${periodesCte(f)}),
      grens as (select min(start) as eerste, max(eind) as laatste from periodes),
      -- monitor_wachttijden (repos/intervallen): per period a histogram of the waiting days, for one gemeente or
      -- the whole regio, read in key order; uitstroom straight from care (without uitstroomklaar first) has no
      -- waiting time for a home and is not in it
      hist as (
        select i.start, i.soort, i.dagen, i.aantal as n, i.jongeren as nj
        from monitor_wachttijden i, grens
        where i.regio_id = ${f.regioId} and i.gebied_id = ${f.gemeenteId ?? f.regioId} and i.periode = ${f.periode}
          and i.soort in ('instroom', 'uitstroom') and i.start between grens.eerste and grens.laatste and i.aantal <> 0
      ),
      -- running counts: the k-th smallest value (from 0) is the smallest dagen whose running count exceeds k
      cum as (
        select start, soort, dagen,
          (sum(n) over w)::bigint as c, (sum(nj) over w)::bigint as cj,
          (sum(n) over (partition by start, soort))::bigint as tot, (sum(nj) over (partition by start, soort))::bigint as totj
        from hist
        window w as (partition by start, soort order by dagen)
      ),
      pos as (
        select start, soort, dagen, c, cj, tot, totj,
          0.5::float8 * (tot - 1)::float8 as m, 0.9::float8 * (tot - 1)::float8 as q,
          0.5::float8 * (totj - 1)::float8 as mj, 0.9::float8 * (totj - 1)::float8 as qj
        from cum
      ),
      rang as (
        select start, soort, tot, totj, m, q, mj, qj,
          min(dagen) filter (where c > floor(m)) as m_onder, min(dagen) filter (where c > ceil(m)) as m_boven,
          min(dagen) filter (where c > floor(q)) as q_onder, min(dagen) filter (where c > ceil(q)) as q_boven,
          min(dagen) filter (where cj > floor(mj)) as mj_onder, min(dagen) filter (where cj > ceil(mj)) as mj_boven,
          min(dagen) filter (where cj > floor(qj)) as qj_onder, min(dagen) filter (where cj > ceil(qj)) as qj_boven
        from pos
        group by start, soort, tot, totj, m, q, mj, qj
      ),
      -- the same interpolation as percentile_cont (and domain/monitor.percentielCont): lo + (hi − lo) × (pos − floor(pos))
      per as (
        select start, soort, tot::int as aantal,
          m_onder::float8 + (m_boven::float8 - m_onder::float8) * (m - floor(m)) as mediaan,
          q_onder::float8 + (q_boven::float8 - q_onder::float8) * (q - floor(q)) as p90,
          totj::int as aantal_jong,
          case when totj > 0 then mj_onder::float8 + (mj_boven::float8 - mj_onder::float8) * (mj - floor(mj)) end as mediaan_jong,
          case when totj > 0 then qj_onder::float8 + (qj_boven::float8 - qj_onder::float8) * (qj - floor(qj)) end as p90_jong
        from rang
      )
      select p.start::text as start, p.eind::text as eind, x.soort, x.aantal, x.mediaan, x.p90, x.aantal_jong, x.mediaan_jong, x.p90_jong
      from periodes p left join per x on x.start = p.start
      order by p.start`,
  );
  const leeg = (): WachttijdMaat => ({ aantal: 0, mediaan: null, p90: null });
  const perStart = new Map<string, WachttijdRegel>();
  for (const r of rs) {
    let regel = perStart.get(r.start);
    if (!regel) {
      regel = { start: r.start, eind: r.eind, instroom: leeg(), instroomJongeren: leeg(), uitstroom: leeg(), uitstroomJongeren: leeg() };
      perStart.set(r.start, regel);
    }
    if (!r.soort) continue;
    regel[r.soort] = { aantal: r.aantal, mediaan: r.mediaan, p90: r.p90 };
    regel[r.soort === 'instroom' ? 'instroomJongeren' : 'uitstroomJongeren'] = { aantal: r.aantal_jong, mediaan: r.mediaan_jong, p90: r.p90_jong };
  }
  return [...perStart.values()];
}

// ---------------------------------------------------------------------------------------------
// Terugkeer binnen 12 maanden na uitstroom, per uitstroomcohort
// ---------------------------------------------------------------------------------------------

/**
 * A return is the first re-entry into BW/MO after an uitstroom — a terugval, or an instroom after a new
 * aanmelding — at most 365 days after the uitstroom (terugkeer_op on the uitstroom's interval).
 */
export async function terugkeer(db: DbOrTx, f: MonitorFilter, peildatum: string): Promise<TerugkeerRegel[]> {
  const rs = await rijen<{ start: string; eind: string; uitstroom: number; terug: number; uitstroom_jong: number; terug_jong: number; volledig: boolean }>(
    db,
    sql`with periodes as (${periodesCte(f)}),
      grens as (select min(start) as eerste, max(eind) as laatste from periodes),
      -- monitor_maandstromen (repos/intervallen) counted the returns within TERUGKEER_DAGEN per uitstroom month
      per as (
        select ${bucket(f, sql`i.maand`)} as start, sum(i.aantal)::int as uitstroom, sum(i.teruggekeerd)::int as terug,
          sum(i.jongeren)::int as uitstroom_jong, sum(i.teruggekeerd_jongeren)::int as terug_jong
        from monitor_maandstromen i, grens
        where ${intervalFilter(f)} and i.soort = 'uitstroom' and i.maand between grens.eerste and grens.laatste
        group by 1
      )
      select p.start::text as start, p.eind::text as eind, coalesce(x.uitstroom, 0) as uitstroom, coalesce(x.terug, 0) as terug,
        coalesce(x.uitstroom_jong, 0) as uitstroom_jong, coalesce(x.terug_jong, 0) as terug_jong,
        (p.eind + ${TERUGKEER_DAGEN}::int <= ${peildatum}::date) as volledig
      from periodes p left join per x on x.start = p.start
      order by p.start`,
  );
  const pct = (teller: number, noemer: number) => (noemer === 0 ? null : Math.round((teller / noemer) * 1000) / 10);
  return rs.map((r) => ({
    start: r.start,
    eind: r.eind,
    uitstroom: r.uitstroom,
    teruggekeerd: r.terug,
    percentage: pct(r.terug, r.uitstroom),
    uitstroomJongeren: r.uitstroom_jong,
    teruggekeerdJongeren: r.terug_jong,
    percentageJongeren: pct(r.terug_jong, r.uitstroom_jong),
    volledigGevolgd: r.volledig,
  }));
}

// ---------------------------------------------------------------------------------------------
// Woningen: reserved (reserveringsafspraken) vs realised (plaatsingen in homes of the corporatie)
// ---------------------------------------------------------------------------------------------

export async function woningenRealisatie(
  db: DbOrTx,
  f: { regioId: string; vanJaar: number; totJaar: number; gemeenteId?: string; corporatieId?: string },
): Promise<WoningRegel[]> {
  const afspraakFilter = sql.join(
    [sql`a.regio_id = ${f.regioId}`, sql`a.jaar between ${f.vanJaar}::int and ${f.totJaar}::int`, ...(f.gemeenteId ? [sql`a.gemeente_id = ${f.gemeenteId}`] : []), ...(f.corporatieId ? [sql`a.corporatie_id = ${f.corporatieId}`] : [])],
    sql` and `,
  );
  const plaatsingFilter = sql.join(
    [
      sql`p.regio_id = ${f.regioId}`,
      sql`p.startdatum between make_date(${f.vanJaar}::int, 1, 1) and make_date(${f.totJaar}::int, 12, 31)`,
      ...(f.gemeenteId ? [sql`w.gemeente_id = ${f.gemeenteId}`] : []),
      ...(f.corporatieId ? [sql`w.corporatie_id = ${f.corporatieId}`] : []),
    ],
    sql` and `,
  );
  return rijen<WoningRegel>(
    db,
    sql`with r as (
        select a.jaar, a.gemeente_id, a.corporatie_id, sum(a.aantal)::int as gereserveerd
        from reserveringsafspraken a where ${afspraakFilter} group by 1, 2, 3
      ),
      g as (
        select extract(year from p.startdatum)::int as jaar, w.gemeente_id, w.corporatie_id, count(*)::int as gerealiseerd
        from plaatsingen p join woningen w on w.id = p.woning_id where ${plaatsingFilter} group by 1, 2, 3
      )
      select x.jaar, x.gemeente_id as "gemeenteId", gm.naam as gemeente, x.corporatie_id as "corporatieId", co.naam as corporatie,
        x.gereserveerd, x.gerealiseerd
      from (
        select coalesce(r.jaar, g.jaar) as jaar, coalesce(r.gemeente_id, g.gemeente_id) as gemeente_id, coalesce(r.corporatie_id, g.corporatie_id) as corporatie_id,
          coalesce(r.gereserveerd, 0) as gereserveerd, coalesce(g.gerealiseerd, 0) as gerealiseerd
        from r full join g on g.jaar = r.jaar and g.gemeente_id = r.gemeente_id and g.corporatie_id = r.corporatie_id
      ) x
      join organisaties gm on gm.id = x.gemeente_id
      join organisaties co on co.id = x.corporatie_id
      order by x.jaar, gm.naam, co.naam`,
  );
}

// ---------------------------------------------------------------------------------------------
// Beschermd Thuis: places vs target per gemeente and year
// ---------------------------------------------------------------------------------------------

export async function beschermdThuis(db: DbOrTx, f: { regioId: string; vanJaar: number; totJaar: number; gemeenteId?: string }): Promise<BeschermdThuisRegel[]> {
  return rijen<BeschermdThuisRegel>(
    db,
    sql`select b.jaar, b.gemeente_id as "gemeenteId", o.naam as gemeente, sum(b.plekken)::int as plekken, sum(b.doel_plekken)::int as "doelPlekken"
      from beschermd_thuis_capaciteit b join organisaties o on o.id = b.gemeente_id
      where b.regio_id = ${f.regioId} and b.jaar between ${f.vanJaar}::int and ${f.totJaar}::int ${f.gemeenteId ? sql`and b.gemeente_id = ${f.gemeenteId}` : sql``}
      group by b.jaar, b.gemeente_id, o.naam
      order by b.jaar, o.naam`,
  );
}
