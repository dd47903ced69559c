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
  type UitkomstRegel,
} from '../../domain/uitkomsten.js';
import type { MonitorFilter } from './monitor.js';

/**
 * Outcome measures (definitions in domain/uitkomsten) in SQL over traject_intervallen and plaatsingen. Like the
 * monitor: aggregates only, bound parameters only, gemeente = the herkomstgemeente recorded on the event (for
 * placements: the gemeente of the home).
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

    // stays: the row of the event that ended each one carries it (repos/intervallen, in the writing transaction)
    const duur = await lees<{ start: string; niveau: Niveau; jong: boolean; aantal: number; gemiddelde: number; mediaan: number }>(sql`
      with klaar as (
        select ${bucket(sql`i.van`)} as start, i.verblijf_niveau as niveau, i.verblijf_dagen as dagen, (i.jong_vanaf <= i.van and i.van < i.jong_tot) as jong
        from traject_intervallen i
        where i.regio_id = ${f.regioId} and i.verblijf_dagen is not null and i.van between ${eerste} and ${laatste}
          and i.van <= ${peildatum}::date ${gemeente(sql`i.verblijf_gemeente_id`)}
      )
      select start::text as start, niveau, jong, count(*)::int as aantal, avg(dagen)::float8 as gemiddelde,
        percentile_cont(0.5) within group (order by dagen)::float8 as mediaan
      from (select start, niveau, dagen, false as jong from klaar union all select start, niveau, dagen, true from klaar where jong) y
      group by start, niveau, jong`);

    const instroom = await lees<{ start: string; aantal: number; eerste: number; jong: number; eerste_jong: number }>(sql`
      with i as (
        select i.van, (i.jong_vanaf <= i.van and i.van < i.jong_tot) as jong, i.eerste_instroom as eerste
        from traject_intervallen i
        where i.regio_id = ${f.regioId} and i.soort = 'instroom' and i.van between ${eerste} and ${laatste} ${gemeente(sql`i.gemeente_id`)}
      )
      select ${bucket(sql`van`)}::text as start, count(*)::int as aantal, count(*) filter (where eerste)::int as eerste,
        count(*) filter (where jong)::int as jong, count(*) filter (where eerste and jong)::int as eerste_jong
      from i group by 1`);

    const terug = await lees<Record<string, number | string>>(sql`
      select ${bucket(sql`i.van`)}::text as start, count(*)::int as aantal,
        count(*) filter (where i.jong_vanaf <= i.van and i.van < i.jong_tot)::int as jong,
        ${sql.join(
          TERUGKEER_TERMIJNEN.map(
            (t) => sql`count(*) filter (where i.terugkeer_op - i.van <= ${t.dagen}::int)::int as ${sql.raw(`t${t.maanden}`)},
              count(*) filter (where i.terugkeer_op - i.van <= ${t.dagen}::int and i.jong_vanaf <= i.van and i.van < i.jong_tot)::int as ${sql.raw(`tj${t.maanden}`)}`,
          ),
          sql`, `,
        )}
      from traject_intervallen i
      where i.regio_id = ${f.regioId} and i.soort = 'uitstroom' and i.bestemming in (${blijvend})
        and i.van between ${eerste} and ${laatste} ${gemeente(sql`i.gemeente_id`)}
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
      };
      for (const d of duur.filter((x) => x.start === start && (NIVEAUS as readonly string[]).includes(x.niveau))) {
        (d.jong ? regel.verblijfsduurJongeren : regel.verblijfsduur)[d.niveau] = { aantal: d.aantal, gemiddelde: d.gemiddelde, mediaan: d.mediaan };
      }
      const ins = instroom.find((x) => x.start === start);
      if (ins) Object.assign(regel, { instroom: ins.aantal, eersteInstroom: ins.eerste, instroomJongeren: ins.jong, eersteInstroomJongeren: ins.eerste_jong });
      const t = terug.find((x) => x.start === start);
      if (t) {
        regel.blijvendeUitstroom = Number(t.aantal);
        regel.blijvendeUitstroomJongeren = Number(t.jong);
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
