import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { geweigerd } from '../../domain/fouten.js';
import { onderdruk } from '../../domain/monitor.js';
import { AFWIJZING_LABEL, REDEN_PARTIJ_LABEL, type AfwijzingsCode, type RedenPartij } from '../../domain/matching/redenen.js';

// The placement dashboard (issue 14 item 9): how long proposals wait in each step, who declines and why, what
// expired and who is parked, per gemeente or per corporatie over a period. Everything is counted in SQL from the
// history of steps (voorstel_stappen); a corporatie sees only the rows of its own homes, with counts 1–4 as "<5"
// (the monitor's rule, onderdruk).

export const DASHBOARD_GROEPERING = ['gemeente', 'corporatie'] as const;
export type DashboardGroepering = (typeof DASHBOARD_GROEPERING)[number];

/** Time spent in a step, in the buckets the region reports on. */
export const DOORLOOP_KLASSEN = [
  { sleutel: 'binnenWeek', kop: '< 1 week' },
  { sleutel: 'weekTotMaand', kop: '1 week – 1 maand' },
  { sleutel: 'maandTotDrie', kop: '1–3 maanden' },
  { sleutel: 'langer', kop: '> 3 maanden' },
] as const;

/** The step a duration measures, named by the status the proposal waited in. */
export const STAP_LABEL: Record<string, string> = {
  voorstel: 'Besluit corporatie',
  akkoord_corporatie: 'Besluit aanbieder/cliënt',
  akkoord_aanbieder: 'Sleuteloverdracht',
  afgewezen: 'Herziening afwijzing',
};

export interface DashboardFilter {
  van: string;
  tot: string;
  per: DashboardGroepering;
}

/** The rows the caller may see, as a condition on the home `w` (and for parked clients on the client `c`). */
function bereik(actor: Actor): { woning: SQL; client: SQL | null } {
  const regio = sql`w.regio_id = ${actor.regioId}`;
  switch (actor.soort) {
    case 'centrumgemeente':
      return { woning: regio, client: sql`c.regio_id = ${actor.regioId}` };
    case 'regiogemeente':
      return { woning: sql`${regio} and w.gemeente_id = ${actor.organisatieId}`, client: sql`c.regio_id = ${actor.regioId} and c.herkomstgemeente_id = ${actor.organisatieId}` };
    case 'woningcorporatie':
      // parking is about clients, not homes: nothing of it reaches a corporatie
      return { woning: sql`${regio} and w.corporatie_id = ${actor.organisatieId}`, client: null };
    default:
      throw geweigerd('Het plaatsingsdashboard is voor gemeenten en woningcorporaties');
  }
}

const rijenVan = <T>(r: unknown) => (r as { rows: T[] }).rows;

export async function plaatsingsdashboard(db: DbOrTx, actor: Actor, f: DashboardFilter) {
  const { woning, client } = bereik(actor);
  const groep = f.per === 'gemeente' ? sql.raw('w.gemeente_id') : sql.raw('w.corporatie_id');
  const van = sql`${f.van}::date::timestamp at time zone 'Europe/Amsterdam'`;
  const tot = sql`(${f.tot}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`;
  // each status change with the moment the proposal entered the status it leaves; reminders and escalations change nothing
  const doorloop = rijenVan<{ groep_id: string; groep: string; stap: string; binnen_week: number; week_tot_maand: number; maand_tot_drie: number; langer: number; totaal: number }>(
    await db.execute(sql`
      with stap as (
        select st.voorstel_id, st.van_status, st.tijdstip,
               lag(st.tijdstip) over (partition by st.voorstel_id order by st.tijdstip, st.versie) as vorige
        from ${s.voorstelStappen} st
        where st.regio_id = ${actor.regioId} and st.gebeurtenis in ('aangemaakt', 'akkoord', 'sleuteloverdracht', 'afwijzing', 'verlopen', 'overrulen', 'ingetrokken')
      ), duur as (
        select ${groep} as groep_id, stap.van_status, stap.tijdstip - stap.vorige as d
        from stap
        join ${s.matchVoorstellen} v on v.id = stap.voorstel_id
        join ${s.woningen} w on w.id = v.woning_id
        where stap.vorige is not null and stap.van_status is not null and stap.tijdstip >= ${van} and stap.tijdstip < ${tot} and ${woning}
      )
      select d.groep_id, o.naam as groep, d.van_status as stap,
             count(*) filter (where d.d < interval '7 days')::int as binnen_week,
             count(*) filter (where d.d >= interval '7 days' and d.d < interval '1 month')::int as week_tot_maand,
             count(*) filter (where d.d >= interval '1 month' and d.d < interval '3 months')::int as maand_tot_drie,
             count(*) filter (where d.d >= interval '3 months')::int as langer,
             count(*)::int as totaal
      from duur d join ${s.organisaties} o on o.id = d.groep_id
      group by d.groep_id, o.naam, d.van_status
      order by o.naam, array_position(array['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder', 'afgewezen'], d.van_status)`),
  );
  const afwijzingen = rijenVan<{ groep_id: string; groep: string; partij: string; reden_code: string; aantal: number }>(
    await db.execute(sql`
      select ${groep} as groep_id, o.naam as groep, coalesce(st.partij, 'onbekend') as partij, coalesce(st.reden_code, 'zonder_code') as reden_code, count(*)::int as aantal
      from ${s.voorstelStappen} st
      join ${s.matchVoorstellen} v on v.id = st.voorstel_id
      join ${s.woningen} w on w.id = v.woning_id
      join ${s.organisaties} o on o.id = ${groep}
      where st.regio_id = ${actor.regioId} and st.gebeurtenis = 'afwijzing' and st.tijdstip >= ${van} and st.tijdstip < ${tot} and ${woning}
      group by 1, 2, 3, 4
      order by o.naam, aantal desc, reden_code`),
  );
  const overzicht = rijenVan<{ groep_id: string; groep: string; voorgesteld: number; afgewezen: number; herzien: number; verlopen: number; geplaatst: number }>(
    await db.execute(sql`
      select ${groep} as groep_id, o.naam as groep,
             count(*) filter (where st.gebeurtenis = 'aangemaakt')::int as voorgesteld,
             count(*) filter (where st.gebeurtenis = 'afwijzing')::int as afgewezen,
             count(*) filter (where st.gebeurtenis = 'overrulen')::int as herzien,
             count(*) filter (where st.gebeurtenis = 'verlopen')::int as verlopen,
             count(*) filter (where st.gebeurtenis = 'sleuteloverdracht')::int as geplaatst
      from ${s.voorstelStappen} st
      join ${s.matchVoorstellen} v on v.id = st.voorstel_id
      join ${s.woningen} w on w.id = v.woning_id
      join ${s.organisaties} o on o.id = ${groep}
      where st.regio_id = ${actor.regioId} and st.tijdstip >= ${van} and st.tijdstip < ${tot} and ${woning}
      group by 1, 2
      order by o.naam`),
  );
  // parked at some moment of the period, per herkomstgemeente (a parked client has no home yet)
  const geparkeerd =
    client && f.per === 'gemeente'
      ? rijenVan<{ groep_id: string; groep: string; aantal: number; nu_geparkeerd: number }>(
          await db.execute(sql`
            select c.herkomstgemeente_id as groep_id, o.naam as groep, count(*)::int as aantal,
                   count(*) filter (where p.vanaf <= ${f.tot}::date and coalesce(p.beeindigd_op, p.tot) > ${f.tot}::date)::int as nu_geparkeerd
            from ${s.clientParkeringen} p
            join ${s.clienten} c on c.id = p.client_id
            join ${s.organisaties} o on o.id = c.herkomstgemeente_id
            where p.regio_id = ${actor.regioId} and p.vanaf <= ${f.tot}::date and coalesce(p.beeindigd_op, p.tot) > ${f.van}::date and ${client}
            group by 1, 2
            order by o.naam`),
        )
      : null;

  const corporatie = actor.soort === 'woningcorporatie';
  const n = (x: number) => (corporatie ? onderdruk(Number(x)) : Number(x));
  return {
    periode: { van: f.van, tot: f.tot },
    per: f.per,
    onderdrukt: corporatie,
    doorlooptijden: doorloop.map((r) => ({
      groepId: r.groep_id,
      groep: r.groep,
      stap: r.stap,
      stapLabel: STAP_LABEL[r.stap] ?? r.stap,
      binnenWeek: n(r.binnen_week),
      weekTotMaand: n(r.week_tot_maand),
      maandTotDrie: n(r.maand_tot_drie),
      langer: n(r.langer),
      totaal: n(r.totaal),
    })),
    afwijzingen: afwijzingen.map((r) => ({
      groepId: r.groep_id,
      groep: r.groep,
      partij: r.partij,
      partijLabel: REDEN_PARTIJ_LABEL[r.partij as RedenPartij] ?? 'Onbekend',
      redenCode: r.reden_code,
      reden: AFWIJZING_LABEL[r.reden_code as AfwijzingsCode] ?? 'Zonder code (vóór de redenenlijst)',
      aantal: n(r.aantal),
    })),
    overzicht: overzicht.map((r) => ({
      groepId: r.groep_id,
      groep: r.groep,
      voorgesteld: n(r.voorgesteld),
      afgewezen: n(r.afgewezen),
      herzien: n(r.herzien),
      verlopen: n(r.verlopen),
      geplaatst: n(r.geplaatst),
    })),
    geparkeerd: geparkeerd?.map((r) => ({ groepId: r.groep_id, groep: r.groep, aantal: Number(r.aantal), nuGeparkeerd: Number(r.nu_geparkeerd) })) ?? null,
  };
}

export type Plaatsingsdashboard = Awaited<ReturnType<typeof plaatsingsdashboard>>;

export const DASHBOARD_ONDERDELEN = ['doorlooptijden', 'afwijzingen', 'overzicht', 'geparkeerd'] as const;
export type DashboardOnderdeel = (typeof DASHBOARD_ONDERDELEN)[number];

/** Columns of each CSV export (the same figures as the page, suppressed the same way). */
export function dashboardKolommen(onderdeel: DashboardOnderdeel, per: DashboardGroepering) {
  const groep = { sleutel: 'groep', kop: per === 'gemeente' ? 'Gemeente' : 'Corporatie' };
  switch (onderdeel) {
    case 'doorlooptijden':
      return [groep, { sleutel: 'stapLabel', kop: 'Stap' }, ...DOORLOOP_KLASSEN, { sleutel: 'totaal', kop: 'Totaal' }];
    case 'afwijzingen':
      return [groep, { sleutel: 'partijLabel', kop: 'Partij' }, { sleutel: 'reden', kop: 'Reden' }, { sleutel: 'aantal', kop: 'Aantal' }];
    case 'overzicht':
      return [groep, { sleutel: 'voorgesteld', kop: 'Voorgesteld' }, { sleutel: 'afgewezen', kop: 'Afgewezen' }, { sleutel: 'herzien', kop: 'Afwijzing herzien' }, { sleutel: 'verlopen', kop: 'Verlopen' }, { sleutel: 'geplaatst', kop: 'Sleutel overgedragen' }];
    case 'geparkeerd':
      return [{ sleutel: 'groep', kop: 'Herkomstgemeente' }, { sleutel: 'aantal', kop: 'Geparkeerd in de periode' }, { sleutel: 'nuGeparkeerd', kop: 'Geparkeerd aan het eind' }];
  }
}
