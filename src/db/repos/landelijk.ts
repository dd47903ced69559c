import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { beschermdThuis, bezetting, stromen, wachttijden, woningenRealisatie, type MonitorFilter } from './monitor.js';
import { uitkomsten } from './uitkomsten.js';
import { STROOM_SOORTEN } from '../../domain/monitor.js';
import { BESTEMMING_LABEL, NIVEAUS, NIVEAU_LABEL, type Niveau } from '../../domain/trajecten.js';
import { LANDELIJK, alsGenoeg, percentage, regioTabel, type Maat } from '../../domain/onthulling.js';
import { BLIJVENDE_BESTEMMINGEN, ZRM_VENSTER_DAGEN } from '../../domain/uitkomsten.js';
import { THEMAS, type Thema, type UitvoeringsStatus } from '../../domain/stand-van-zaken.js';

/**
 * The national comparison (issue 15): per region the regional monitor's own aggregates (repos/monitor,
 * repos/uitkomsten), then suppressed jointly across regions (domain/onthulling). Nothing per person is read here:
 * only counts, medians of at least `drempel` people, agreements and capacities.
 */
export interface Kolom {
  sleutel: string;
  kop: string;
}
export type Cel = number | string | null;
export interface VergelijkingsTabel {
  titel: string;
  uitleg: string;
  kolommen: Kolom[];
  /** one row per region, the last one `Landelijk` (where a national figure is meaningful) */
  regels: Record<string, Cel>[];
}

export async function regiosMetCentrumgemeente(db: DbOrTx) {
  return db
    .select({ id: s.regios.id, naam: s.regios.naam })
    .from(s.regios)
    .innerJoin(s.organisaties, and(eq(s.organisaties.regioId, s.regios.id), eq(s.organisaties.soort, 'centrumgemeente')))
    .orderBy(asc(s.regios.naam));
}

const NAAM_LANDELIJK = 'Landelijk';

export async function landelijkeVergelijking(db: DbOrTx, o: { jaar: number; peildatum: string; drempel: number }) {
  const regios = await regiosMetCentrumgemeente(db);
  const van = `${o.jaar}-01-01`;
  const jaarEinde = `${o.jaar}-12-31`;
  const tot = jaarEinde < o.peildatum ? jaarEinde : o.peildatum;
  const per = new Map<string, Awaited<ReturnType<typeof regioCijfers>>>();
  for (const r of regios) per.set(r.id, await regioCijfers(db, { regioId: r.id, periode: 'jaar', van, tot }, o.jaar, o.peildatum));
  const naam = new Map(regios.map((r) => [r.id, r.naam]));
  const d = o.drempel;

  /**
   * Every table registers its counts; all counts of all tables are then suppressed in one system (a count that
   * appears in two tables, such as instroom, is one cell), and each table's rows are filled from that.
   */
  type Extra = (id: string, getoond: Record<string, number | null>) => Record<string, Cel>;
  const registraties: { maten: Maat[]; waarden: (id: string) => Record<string, number>; extra?: Extra; rijen: Record<string, Cel>[] }[] = [];
  const tabel = (maten: Maat[], waarden: (id: string) => Record<string, number>, extra?: Extra) => {
    const rijen: Record<string, Cel>[] = [];
    registraties.push({ maten, waarden, extra, rijen });
    return rijen;
  };
  const onderdrukAlles = () => {
    const maten = new Map<string, Set<string>>();
    const perRegio = new Map<string, Record<string, number>>(regios.map((r) => [r.id, {}]));
    for (const reg of registraties) {
      for (const m of reg.maten) {
        const ouders = maten.get(m.sleutel) ?? new Set<string>();
        for (const o of m.deelVan ?? []) ouders.add(o);
        maten.set(m.sleutel, ouders);
      }
      for (const r of regios) {
        const w = reg.waarden(r.id);
        const doel = perRegio.get(r.id)!;
        for (const m of reg.maten) {
          if (m.sleutel in doel && doel[m.sleutel] !== w[m.sleutel]) throw new Error(`landelijk: ${m.sleutel} verschilt tussen tabellen (${doel[m.sleutel]} / ${w[m.sleutel]})`);
          doel[m.sleutel] = w[m.sleutel]!;
        }
      }
    }
    const uit = regioTabel(perRegio, [...maten].map(([sleutel, ouders]) => ({ sleutel, deelVan: [...ouders] })), d);
    for (const reg of registraties) {
      for (const id of [...regios.map((r) => r.id), LANDELIJK]) {
        const alle = uit.get(id)!;
        const getoond = Object.fromEntries(reg.maten.map((m) => [m.sleutel, alle[m.sleutel]!]));
        reg.rijen.push({ regio: id === LANDELIJK ? NAAM_LANDELIJK : naam.get(id)!, ...getoond, ...(reg.extra?.(id, getoond) ?? {}) });
      }
    }
  };
  const metJong = (sleutel: string): Maat[] => [{ sleutel }, { sleutel: `${sleutel}Jong`, deelVan: [sleutel] }];
  const kolom = (sleutel: string, kop: string): Kolom => ({ sleutel, kop });
  const regioKolom = kolom('regio', 'Regio');
  const STROOM_KOP: Record<string, string> = { instroom: 'Instroom', doorstroom: 'Doorstroom', uitstroom: 'Uitstroom', terugval: 'Terugval', uitval: 'Uitval' };

  const stromenTabel: VergelijkingsTabel = {
    titel: 'In-, door- en uitstroom',
    uitleg: `Gebeurtenissen in ${o.jaar}; jongeren 18–24 apart.`,
    kolommen: [regioKolom, ...STROOM_SOORTEN.flatMap((st) => [kolom(st, STROOM_KOP[st]!), kolom(`${st}Jong`, `${STROOM_KOP[st]} 18–24`)])],
    regels: tabel(STROOM_SOORTEN.flatMap(metJong), (id) => {
      const x = per.get(id)!.stromen;
      return Object.fromEntries(STROOM_SOORTEN.flatMap((st) => [[st, x.aantallen[st]], [`${st}Jong`, x.jongeren[st]]]));
    }),
  };

  const wachtTabel: VergelijkingsTabel = {
    titel: 'Wachtlijsten en wachttijden',
    uitleg: `Stand op ${tot} (in zorg, wachtend op instroom, uitstroomklaar) en wachttijden van de in- en uitstroom in ${o.jaar} (mediaan en p90 in dagen, alleen bij minstens ${d} personen; landelijk niet op te tellen).`,
    kolommen: [
      regioKolom,
      kolom('inZorg', 'In zorg'),
      kolom('inZorgJong', 'In zorg 18–24'),
      kolom('wachtInstroom', 'Wacht op instroom'),
      kolom('wachtInstroomJong', 'Wacht op instroom 18–24'),
      kolom('wachtUitstroom', 'Uitstroomklaar, wacht op woning'),
      kolom('wachtUitstroomJong', 'Uitstroomklaar 18–24'),
      kolom('wachtInMediaan', 'Wachttijd instroom mediaan'),
      kolom('wachtInP90', 'Wachttijd instroom p90'),
      kolom('wachtUitMediaan', 'Wachttijd uitstroom mediaan'),
      kolom('wachtUitP90', 'Wachttijd uitstroom p90'),
    ],
    regels: tabel(
      [...metJong('inZorg'), ...metJong('wachtInstroom'), ...metJong('wachtUitstroom')],
      (id) => {
        const b = per.get(id)!.bezetting;
        const som = (r: Record<Niveau, number>) => NIVEAUS.reduce((a, n) => a + r[n], 0);
        return {
          inZorg: som(b.populatie),
          inZorgJong: som(b.populatieJongeren),
          wachtInstroom: som(b.wachtInstroom),
          wachtInstroomJong: b.wachtInstroomJongeren,
          wachtUitstroom: b.wachtUitstroom,
          wachtUitstroomJong: b.wachtUitstroomJongeren,
        };
      },
      (id) => {
        if (id === LANDELIJK) return { wachtInMediaan: null, wachtInP90: null, wachtUitMediaan: null, wachtUitP90: null };
        const w = per.get(id)!.wachttijden;
        return {
          wachtInMediaan: alsGenoeg(w.instroom.aantal, w.instroom.mediaan, d),
          wachtInP90: alsGenoeg(w.instroom.aantal, w.instroom.p90, d),
          wachtUitMediaan: alsGenoeg(w.uitstroom.aantal, w.uitstroom.mediaan, d),
          wachtUitP90: alsGenoeg(w.uitstroom.aantal, w.uitstroom.p90, d),
        };
      },
    ),
  };

  const duurNiveaus: Niveau[] = ['bw_intramuraal', 'mo_24uurs', 'beschermd_thuis', 'mo_nachtopvang'];
  const uitkomstMaten: Maat[] = [
    ...metJong('instroom'),
    { sleutel: 'eerste', deelVan: ['instroom'] },
    { sleutel: 'eersteJong', deelVan: ['eerste', 'instroomJong'] },
    ...metJong('blijvend'),
    { sleutel: 'terug24', deelVan: ['blijvend'] },
    { sleutel: 'terug12', deelVan: ['terug24'] },
    { sleutel: 'terug6', deelVan: ['terug12'] },
    { sleutel: 'terug12Jong', deelVan: ['terug12', 'blijvendJong'] },
    { sleutel: 'gevolgd' },
    { sleutel: 'nogGehuisvest', deelVan: ['gevolgd'] },
    // trajectories with a ZRM pair are uitstroom events of the year: one system with the flows table's cells
    { sleutel: 'zrm', deelVan: ['uitstroom'] },
    { sleutel: 'zrmJong', deelVan: ['zrm', 'uitstroomJong'] },
  ];
  const tweeDecimalen = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const uitkomstTabel: VergelijkingsTabel = {
    titel: 'Uitkomsten',
    uitleg: `Instroom in ${o.jaar} waarvan eerste instroom (geen zorg in de 730 dagen ervoor); uitstroom naar een blijvende bestemming (${BLIJVENDE_BESTEMMINGEN.map((b) => BESTEMMING_LABEL[b].toLowerCase()).join(', ')}) in ${o.jaar} en terugkeer daarna binnen 6, 12 en 24 maanden (tot de peildatum); plaatsingen die in ${o.jaar} begonnen en 12 maanden gevolgd zijn, waarvan nog gehuisvest; verblijfsduur (mediaan dagen) van verblijven die in ${o.jaar} eindigden, alleen bij minstens ${d}; ZRM-verandering (gemiddelde score bij uitstroom min die bij instroom, over de gescoorde domeinen) van uitstromers in ${o.jaar} met een ZRM-beoordeling binnen ${ZRM_VENSTER_DAGEN} dagen van zowel in- als uitstroom, alleen bij minstens ${d}.`,
    kolommen: [
      regioKolom,
      kolom('instroom', 'Instroom'),
      kolom('eerste', 'Eerste instroom'),
      kolom('eersteJong', 'Eerste instroom 18–24'),
      kolom('blijvend', 'Blijvende uitstroom'),
      kolom('blijvendJong', 'Blijvende uitstroom 18–24'),
      kolom('terug6', 'Terug binnen 6 mnd'),
      kolom('terug12', 'Terug binnen 12 mnd'),
      kolom('terug24', 'Terug binnen 24 mnd'),
      kolom('terug12Pct', 'Terug binnen 12 mnd (%)'),
      kolom('terug12Jong', 'Terug binnen 12 mnd 18–24'),
      kolom('gevolgd', 'Plaatsingen 12 mnd gevolgd'),
      kolom('nogGehuisvest', 'Nog gehuisvest na 12 mnd'),
      kolom('nogGehuisvestPct', 'Nog gehuisvest (%)'),
      ...duurNiveaus.map((n) => kolom(`duur_${n}`, `Verblijfsduur ${NIVEAU_LABEL[n]} (mediaan dagen)`)),
      kolom('zrm', 'Trajecten met ZRM bij in- en uitstroom'),
      kolom('zrmJong', 'Idem 18–24'),
      kolom('zrmVerandering', 'ZRM-verandering (gem. score)'),
      kolom('zrmVeranderingJong', 'ZRM-verandering 18–24'),
    ],
    regels: tabel(
      uitkomstMaten,
      (id) => {
        const u = per.get(id)!.uitkomsten;
        return {
          instroom: u.instroom,
          instroomJong: u.instroomJongeren,
          eerste: u.eersteInstroom,
          eersteJong: u.eersteInstroomJongeren,
          blijvend: u.blijvendeUitstroom,
          blijvendJong: u.blijvendeUitstroomJongeren,
          terug6: u.terugkeer[6].aantal,
          terug12: u.terugkeer[12].aantal,
          terug24: u.terugkeer[24].aantal,
          terug12Jong: u.terugkeer[12].jongeren,
          gevolgd: u.plaatsingenGevolgd,
          nogGehuisvest: u.nogGehuisvest,
          zrm: u.zrm.trajecten,
          zrmJong: u.zrmJongeren.trajecten,
        };
      },
      (id, g) => ({
        terug12Pct: percentage(g.terug12 ?? null, g.blijvend ?? null),
        nogGehuisvestPct: percentage(g.nogGehuisvest ?? null, g.gevolgd ?? null),
        ...Object.fromEntries(
          duurNiveaus.map((n) => {
            if (id === LANDELIJK) return [`duur_${n}`, null];
            const x = per.get(id)!.uitkomsten.verblijfsduur[n];
            return [`duur_${n}`, alsGenoeg(x.aantal, x.mediaan, d)];
          }),
        ),
        // a mean of at least `drempel` trajectories, as the medians; none nationally (means of regions do not add up)
        zrmVerandering: id === LANDELIJK ? null : alsGenoeg(per.get(id)!.uitkomsten.zrm.trajecten, tweeDecimalen(per.get(id)!.uitkomsten.zrm.totaal), d),
        zrmVeranderingJong: id === LANDELIJK ? null : alsGenoeg(per.get(id)!.uitkomsten.zrmJongeren.trajecten, tweeDecimalen(per.get(id)!.uitkomsten.zrmJongeren.totaal), d),
      }),
    ),
  };

  const woningTabel: VergelijkingsTabel = {
    titel: 'Gereserveerde en gerealiseerde woningen',
    uitleg: `Reserveringsafspraken ${o.jaar} tegenover plaatsingen in een corporatiewoning die in ${o.jaar} begonnen.`,
    kolommen: [regioKolom, kolom('gereserveerd', 'Gereserveerd'), kolom('gerealiseerd', 'Gerealiseerd'), kolom('realisatiePct', 'Realisatie (%)')],
    regels: tabel(
      [{ sleutel: 'gerealiseerd' }],
      (id) => ({ gerealiseerd: per.get(id)!.woningen.gerealiseerd }),
      (id, g) => {
        const gereserveerd = id === LANDELIJK ? [...per.values()].reduce((a, x) => a + x.woningen.gereserveerd, 0) : per.get(id)!.woningen.gereserveerd;
        return { gereserveerd, realisatiePct: percentage(g.gerealiseerd ?? null, gereserveerd) };
      },
    ),
  };

  const jongerenTabel: VergelijkingsTabel = {
    titel: 'Huisvesting jongeren 18–24',
    uitleg: `Geclusterde jongerenwoningen in de regio (aantal, waarvan beschikbaar) en plaatsingen van jongeren 18–24 die in ${o.jaar} begonnen.`,
    kolommen: [regioKolom, kolom('jongerenWoningen', 'Jongerenwoningen (cluster)'), kolom('jongerenWoningenBeschikbaar', 'Waarvan beschikbaar'), kolom('plaatsingenJong', 'Plaatsingen 18–24')],
    regels: tabel(
      [{ sleutel: 'plaatsingenJong' }],
      (id) => ({ plaatsingenJong: per.get(id)!.jongeren.plaatsingen }),
      (id) => {
        const som = (f: (x: Awaited<ReturnType<typeof regioCijfers>>) => number) => (id === LANDELIJK ? [...per.values()].reduce((a, x) => a + f(x), 0) : f(per.get(id)!));
        return { jongerenWoningen: som((x) => x.jongeren.woningen), jongerenWoningenBeschikbaar: som((x) => x.jongeren.beschikbaar) };
      },
    ),
  };

  // capacity, not people: published as is, per regiogemeente, with the gemeenten without any place named
  const btRegels: Record<string, Cel>[] = [];
  for (const r of regios) {
    for (const g of per.get(r.id)!.beschermdThuis) btRegels.push({ regio: r.naam, gemeente: g.gemeente, plekken: g.plekken, doelPlekken: g.doelPlekken, geenAanbod: g.plekken === 0 ? 'ja' : 'nee' });
  }
  const btTabel: VergelijkingsTabel = {
    titel: 'Beschermd Thuis per regiogemeente',
    uitleg: `Plekken en doelplekken ${o.jaar} per gemeente; "geen aanbod" bij 0 plekken (het doel: aanbod in alle regiogemeenten).`,
    kolommen: [regioKolom, kolom('gemeente', 'Gemeente'), kolom('plekken', 'Plekken'), kolom('doelPlekken', 'Doelplekken'), kolom('geenAanbod', 'Geen aanbod')],
    regels: btRegels,
  };

  onderdrukAlles();
  return {
    jaar: o.jaar,
    peildatum: o.peildatum,
    drempel: d,
    regios: regios.map((r) => r.naam),
    tabellen: { stromen: stromenTabel, wachtlijsten: wachtTabel, uitkomsten: uitkomstTabel, woningen: woningTabel, 'beschermd-thuis': btTabel, jongeren: jongerenTabel },
  };
}

export type LandelijkeTabel = keyof Awaited<ReturnType<typeof landelijkeVergelijking>>['tabellen'];
export const LANDELIJKE_TABELLEN = ['stromen', 'wachtlijsten', 'uitkomsten', 'woningen', 'beschermd-thuis', 'jongeren'] as const satisfies readonly LandelijkeTabel[];

async function regioCijfers(db: DbOrTx, f: MonitorFilter, jaar: number, peildatum: string) {
  const [st] = await stromen(db, f);
  const [bz] = await bezetting(db, f);
  const [wt] = await wachttijden(db, f);
  const [uk] = await uitkomsten(db, f, peildatum);
  const won = await woningenRealisatie(db, { regioId: f.regioId, vanJaar: jaar, totJaar: jaar });
  const bt = await beschermdThuis(db, { regioId: f.regioId, vanJaar: jaar, totJaar: jaar });
  const [jong] = ((await db.execute(sql`
    select
      (select count(*)::int from woningen w where w.regio_id = ${f.regioId} and w.type = 'jongeren_cluster') as woningen,
      (select count(*)::int from woningen w where w.regio_id = ${f.regioId} and w.type = 'jongeren_cluster' and w.status = 'beschikbaar') as beschikbaar,
      -- placements of someone aged 18–24 on the start date, from monitor_gehuisvest (ADR 0038)
      (select coalesce(sum(g.aantal) filter (where g.jong), 0)::int from monitor_gehuisvest g
        where g.regio_id = ${f.regioId} and g.gebied_id = ${f.regioId} and g.startdatum between ${f.van}::date and ${f.tot}::date) as plaatsingen`)) as unknown as {
    rows: { woningen: number; beschikbaar: number; plaatsingen: number }[];
  }).rows;
  return {
    stromen: st!,
    bezetting: bz!,
    wachttijden: wt!,
    uitkomsten: uk!,
    woningen: { gereserveerd: won.reduce((a, x) => a + x.gereserveerd, 0), gerealiseerd: won.reduce((a, x) => a + x.gerealiseerd, 0) },
    // every gemeente of the region, also those without a row (no places at all)
    beschermdThuis: await btPerGemeente(db, f.regioId, bt),
    jongeren: jong!,
  };
}

async function btPerGemeente(db: DbOrTx, regioId: string, bt: Awaited<ReturnType<typeof beschermdThuis>>) {
  const gemeenten = await db
    .select({ id: s.organisaties.id, naam: s.organisaties.naam })
    .from(s.organisaties)
    .where(and(eq(s.organisaties.regioId, regioId), sql`${s.organisaties.soort} in ('centrumgemeente', 'regiogemeente')`))
    .orderBy(asc(s.organisaties.naam));
  return gemeenten.map((g) => {
    const rij = bt.find((x) => x.gemeenteId === g.id);
    return { gemeente: g.naam, plekken: rij?.plekken ?? 0, doelPlekken: rij?.doelPlekken ?? 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Stand van zaken: the register of uitvoeringsafspraken
// ---------------------------------------------------------------------------------------------

export async function standVanZaken(db: DbOrTx, regioId?: string) {
  const regios = regioId ? (await regiosMetCentrumgemeente(db)).filter((r) => r.id === regioId) : await regiosMetCentrumgemeente(db);
  const rijen = await db.select().from(s.uitvoeringsafspraken);
  return regios.map((r) => ({
    regio: r.naam,
    regioId: r.id,
    themas: THEMAS.map((thema) => {
      const x = rijen.find((y) => y.regioId === r.id && y.thema === thema);
      return { thema, status: (x?.status ?? null) as UitvoeringsStatus | null, datum: x?.datum ?? null, notitie: x?.notitie ?? '' };
    }),
  }));
}

export async function zetUitvoeringsafspraak(db: DbOrTx, regioId: string, gebruikerId: string, thema: Thema, w: { status: UitvoeringsStatus; datum: string; notitie: string }) {
  await db
    .insert(s.uitvoeringsafspraken)
    .values({ regioId, thema, ...w, doorGebruikerId: gebruikerId })
    .onConflictDoUpdate({ target: [s.uitvoeringsafspraken.regioId, s.uitvoeringsafspraken.thema], set: { ...w, doorGebruikerId: gebruikerId, bijgewerkt: new Date() } });
}
