/**
 * Monitor benchmark: a synthetic region with ~1M traject events (generated in SQL with generate_series,
 * deterministic via setseed) and ZRM assessments around half of the instroom/terugval/uitstroom events, their
 * traject_intervallen rebuilt as `monitor-herbereken` does, then every
 * dashboard query several times. Prints median and max per query and for the whole dashboard;
 * the target (< 200 ms per dashboard on a server) is printed, never asserted.
 *
 *   npx tsx bench/monitor/run.ts                 # PGlite in memory
 *   DATABASE_URL=postgres://… npx tsx bench/monitor/run.ts   # also on that server, in a throw-away database
 *   BENCH_CLIENTEN=20000 npx tsx bench/monitor/run.ts        # smaller run
 *   BENCH_PGLITE=0 DATABASE_URL=postgres://… npx tsx bench/monitor/run.ts   # server only
 *   BENCH_BEWAAR=1 …                             # keep the server database for EXPLAIN (prints its URL)
 *   BENCH_HERGEBRUIK=postgres://…/doorstroom_bench_x npx tsx bench/monitor/run.ts   # measure a kept database again
 *                                                (migrations run first; nothing is generated, nothing dropped)
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { herberekenAlleIntervallen, herberekenIntervallen } from '../../src/db/repos/intervallen.js';
import { beschermdThuis, bezetting, stromen, terugkeer, wachttijden, woningenRealisatie, type MonitorFilter } from '../../src/db/repos/monitor.js';
import { uitkomsten } from '../../src/db/repos/uitkomsten.js';
import { landelijkeVergelijking } from '../../src/db/repos/landelijk.js';
import { dubbelen, inactief, laatheid, ontbrekend } from '../../src/db/repos/datakwaliteit.js';
import type { Actor } from '../../src/domain/auth.js';
import { ZRM_DOMEINEN } from '../../src/domain/zrm.js';

const PEIL = '2026-11-01';
const AANTAL_CLIENTEN = Number(process.env.BENCH_CLIENTEN ?? 180_000);
const HERHALINGEN = Number(process.env.BENCH_HERHALINGEN ?? 5);
const DOEL_MS = 200;

/** Drops a table's secondary indexes and returns their definitions, to be re-run after a bulk load. */
async function zonderIndexen(tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0], tabel: string): Promise<string[]> {
  const res = (await tx.execute(sql`select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = ${tabel} and indexname not like '%_pkey' order by indexname`)) as unknown as { rows: { indexname: string; indexdef: string }[] };
  for (const r of res.rows) await tx.execute(sql.raw(`drop index "${r.indexname}"`));
  return res.rows.map((r) => r.indexdef);
}

/**
 * ZRM assessments as the toegang records them (ADR 0032): for about half of the instroom, terugval and uitstroom
 * events one assessment some days around it, 13 domains scored 1–5 (a few unscored), so the outcome measure "ZRM
 * change" has pairs to find (issue 15). An assessment needs a registering organisation: the centrumgemeente.
 */
async function zrmBeoordelingen(tx: Pick<Database['db'], 'execute'>, regioId: string): Promise<number> {
  const domeinen = sql.join(ZRM_DOMEINEN.map((d) => sql`${d}`), sql`, `);
  const res = (await tx.execute(sql`insert into zrm_beoordelingen (regio_id, client_id, organisatie_id, datum, scores, vastgelegd_door)
    select e.regio_id, e.client_id, (select id from organisaties where regio_id = ${regioId} and soort = 'centrumgemeente'),
      least(e.datum + (floor(random() * 41) - 20)::int, ${PEIL}::date),
      (select jsonb_object_agg(d, case when random() < 0.08 then null else 1 + floor(random() * 5)::int end) from unnest(array[${domeinen}]::text[]) d where e.id is not null),
      '00000000-0000-0000-0000-000000000000'
    from traject_events e
    where e.regio_id = ${regioId} and e.soort in ('instroom', 'terugval', 'uitstroom') and random() < 0.5`)) as unknown as { rowCount?: number; affectedRows?: number };
  return res.rowCount ?? res.affectedRows ?? 0;
}

async function genereer(database: Database): Promise<{ regioId: string; gemeenteId: string; events: number }> {
  const db = database.db;
  const [regio] = await db.insert(s.regios).values({ naam: 'Bench-regio' }).returning();
  const regioId = regio!.id;
  const gemeenten = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Heide', 'Rivier', 'Duin'];
  await db.insert(s.organisaties).values([
    ...gemeenten.map((naam, i) => ({ regioId, naam: `Gemeente ${naam}`, soort: i === 0 ? 'centrumgemeente' : 'regiogemeente', gemeenteCode: `GM98${String(i).padStart(2, '0')}` })),
    ...['Corporatie A', 'Corporatie B', 'Corporatie C'].map((naam) => ({ regioId, naam, soort: 'woningcorporatie' })),
    ...['Aanbieder A', 'Aanbieder B'].map((naam) => ({ regioId, naam, soort: 'aanbieder' })),
  ]);
  const gem = sql`(select id, (row_number() over (order by naam) - 1)::int as nr from organisaties where regio_id = ${regioId} and soort in ('centrumgemeente', 'regiogemeente'))`;
  const corp = sql`(select id, (row_number() over (order by naam) - 1)::int as nr from organisaties where regio_id = ${regioId} and soort = 'woningcorporatie')`;

  await db.transaction(async (tx) => {
    // The aggregates that statement triggers keep per write (migrations 0036, 0038) are left to the rebuild below
    // (herberekenAlleIntervallen rebuilds them, as `monitor-herbereken` does): row-by-row upkeep of a bulk load into
    // tables without their indexes or statistics would cost more than building them once from the finished rows.
    const bulkTriggers = [
      'traject_events DISABLE TRIGGER monitor_laatheid_insert, DISABLE TRIGGER monitor_laatheid_zicht_insert, DISABLE TRIGGER client_ontbrekend_events_insert',
      'clienten DISABLE TRIGGER client_ontbrekend_insert, DISABLE TRIGGER client_ontbrekend_update, DISABLE TRIGGER monitor_laatheid_zicht_clienten',
      'plaatsingen DISABLE TRIGGER monitor_gehuisvest_insert',
      'zrm_beoordelingen DISABLE TRIGGER monitor_zrm_beoordelingen_insert',
    ];
    for (const t of bulkTriggers) await tx.execute(sql.raw(`alter table ${t}`));
    await tx.execute(sql`select setseed(0.4242)`);
    let t = performance.now();
    // the centrumgemeente (nr 0) gets about three times the clients of a regiogemeente
    await tx.execute(sql`insert into clienten (regio_id, pseudoniem, naam_versleuteld, geboortedatum, herkomstgemeente_id, huidige_gemeente_id, doelgroep)
      select ${regioId}, 'B-' || lpad(i::text, 7, '0'), 'bench', ${PEIL}::date - (18 * 365 + floor(random() * 50 * 365))::int, g.id, g.id, 'ggz'
      from generate_series(1, ${AANTAL_CLIENTEN}::int) i join ${gem} g on g.nr = greatest(0, (i % 10) - 2)`);
    console.log(`  ${AANTAL_CLIENTEN} cliënten in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    // bulk load: building the secondary indexes once afterwards is far cheaper than maintaining them row by row
    const indexen = await zonderIndexen(tx, 'traject_events');
    // trajectories that obey the state machine: aanmelding … uitstroom, sometimes doorstroom and a terugval with a second uitstroom
    // registered the same day or some days late (data quality reads the lateness): events are append-only, so set here
    await tx.execute(sql`insert into traject_events (client_id, regio_id, soort, datum, niveau, bestemming, gemeente_id, geregistreerd)
      select c.id, c.regio_id, st.soort, c.start + st.dag, st.niveau, st.bestemming, c.herkomstgemeente_id,
        (c.start + st.dag + floor(random() * random() * 20)::int)::timestamp + interval '10 hours'
      from (
        select id, regio_id, herkomstgemeente_id, ${PEIL}::date - floor(random() * 6 * 365)::int as start,
          (array['bw_intramuraal', 'mo_24uurs', 'beschermd_thuis', 'mo_nachtopvang'])[1 + floor(random() * 4)::int] as niveau,
          (array['zelfstandige_woning', 'zelfstandige_woning', 'woning_met_begeleiding', 'familie_netwerk_tijdelijk', 'andere_regio', 'onbekend'])[1 + floor(random() * 6)::int] as bestemming,
          random() < 0.4 as door, random() < 0.15 as terug,
          5 + floor(random() * 25)::int as d1, 3 + floor(random() * 22)::int as d2, 14 + floor(random() * 200)::int as d3,
          90 + floor(random() * 400)::int as d4, 90 + floor(random() * 500)::int as d5, 30 + floor(random() * 390)::int as d6,
          40 + floor(random() * 660)::int as d7, 60 + floor(random() * 340)::int as d8, 30 + floor(random() * 270)::int as d9
        from clienten where regio_id = ${regioId}
      ) c
      cross join lateral (values
        (1, 'aanmelding', 0, null::text, null::text),
        (2, 'beoordeling', c.d1, null, null),
        (3, 'indicatie', c.d1 + c.d2, c.niveau, null),
        (4, 'instroom', c.d1 + c.d2 + c.d3, c.niveau, null),
        (5, 'doorstroom', c.d1 + c.d2 + c.d3 + c.d4, 'ambulant', null),
        (6, 'uitstroomklaar', c.d1 + c.d2 + c.d3 + c.d4 + c.d5, null, null),
        (7, 'uitstroom', c.d1 + c.d2 + c.d3 + c.d4 + c.d5 + c.d6, null, c.bestemming),
        (8, 'terugval', c.d1 + c.d2 + c.d3 + c.d4 + c.d5 + c.d6 + c.d7, 'bw_intramuraal', null),
        (9, 'uitstroomklaar', c.d1 + c.d2 + c.d3 + c.d4 + c.d5 + c.d6 + c.d7 + c.d8, null, null),
        (10, 'uitstroom', c.d1 + c.d2 + c.d3 + c.d4 + c.d5 + c.d6 + c.d7 + c.d8 + c.d9, null, 'zelfstandige_woning')
      ) st(nr, soort, dag, niveau, bestemming)
      where c.start + st.dag <= ${PEIL}::date and (st.nr <> 5 or c.door) and (st.nr < 8 or c.terug)`);
    for (const definitie of indexen) await tx.execute(sql.raw(definitie));
    console.log(`  gebeurtenissen in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    // one uuid per home up front, so homes and plaatsingen join on it instead of on a computed address
    await tx.execute(sql`create temporary table bench_uit on commit drop as
      select gen_random_uuid() as woning_id, e.client_id, e.datum, e.gemeente_id, row_number() over (order by e.id) as nr
      from traject_events e where e.regio_id = ${regioId} and e.soort = 'uitstroom' and e.bestemming = 'zelfstandige_woning'`);
    await tx.execute(sql`insert into woningen (id, regio_id, corporatie_id, gemeente_id, adres, wijk, complex, type, kamers, huur_centen, beschikbaar_per, status)
      select u.woning_id, ${regioId}, k.id, u.gemeente_id, 'Benchstraat ' || u.nr, 'Wijk ' || (u.nr % 7), 'Complex ' || (u.nr % 50), 'zelfstandig', 2, 60000, u.datum, 'bewoond'
      from bench_uit u join ${corp} k on k.nr = u.nr % 3`);
    await tx.execute(sql`insert into plaatsingen (regio_id, woning_id, client_id, huurconstructie, startdatum)
      select ${regioId}, u.woning_id, u.client_id, 'direct', u.datum from bench_uit u`);
    await tx.execute(sql`insert into reserveringsafspraken (regio_id, jaar, gemeente_id, corporatie_id, aantal, max_per_complex, max_per_wijk, begeleiding)
      select ${regioId}, j, g.id, k.id, 100 + floor(random() * 400)::int, 2, 6, 'Ambulante begeleiding'
      from generate_series(2020, 2026) j cross join ${gem} g cross join ${corp} k`);
    await tx.execute(sql`insert into beschermd_thuis_capaciteit (regio_id, gemeente_id, aanbieder_id, jaar, plekken, doel_plekken)
      select ${regioId}, g.id, (select id from organisaties where regio_id = ${regioId} and soort = 'aanbieder' order by naam limit 1), j, 50 + floor(random() * 100)::int, 120
      from generate_series(2020, 2026) j cross join ${gem} g`);
    console.log(`  woningen, plaatsingen, afspraken in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    // data quality needs what real records have: an aanbieder on most, a BSN hash (a few shared: likely duplicates),
    // and a blind name index of ~8 token hashes per client (full tokens and
    // prefixes, some names and birth dates shared)
    await tx.execute(sql`update clienten set aanbieder_id = case when random() < 0.9 then (select id from organisaties where regio_id = ${regioId} and soort = 'aanbieder' order by naam limit 1) end,
        bsn_hash = case when random() < 0.95 then md5('bsn' || (floor(random() * ${AANTAL_CLIENTEN} * 50))::text) end
      where regio_id = ${regioId}`);
    const tokenIndexen = await zonderIndexen(tx, 'client_naam_tokens');
    await tx.execute(sql`insert into client_naam_tokens (client_id, token_hash)
      select distinct c.id, md5(n.deel || ':' || n.nr) from (
        select id, (row_number() over (order by id)) % 40000 as naam from clienten where regio_id = ${regioId}
      ) c cross join lateral (values ('v', c.naam % 900), ('a', c.naam / 900), ('v3', c.naam % 300), ('v4', c.naam % 600), ('a3', c.naam / 2000), ('a4', c.naam / 1200), ('a5', c.naam / 1000), ('a6', c.naam / 950)) n(deel, nr)`);
    for (const definitie of tokenIndexen) await tx.execute(sql.raw(definitie));
    // what repos/naamindex keeps with the index: one key per client over its token hashes
    await tx.execute(sql`update clienten c set naam_sleutel = k.sleutel
      from (select client_id, md5(string_agg(token_hash, ',' order by token_hash)) as sleutel from client_naam_tokens group by client_id) k
      where k.client_id = c.id and c.regio_id = ${regioId}`);
    console.log(`  aanbieders, BSN-hashes, registratietijden en naamindex in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const zrm = await zrmBeoordelingen(tx, regioId);
    console.log(`  ${zrm} ZRM-beoordelingen in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const t of bulkTriggers) await tx.execute(sql.raw(`alter table ${t.replaceAll('DISABLE', 'ENABLE')}`));
  });
  let t = performance.now();
  // the same rebuild as `doorstroom monitor-herbereken`: every client's events folded by the domain state machine
  const iv = await db.transaction((tx) => herberekenAlleIntervallen(tx));
  console.log(`  ${iv.intervallen} intervallen en de bijgehouden aggregaten (monitor-herbereken) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const [mut] = ((await db.execute(sql`select count(*)::int as n from monitor_maandmutaties`)) as unknown as { rows: { n: number }[] }).rows;
  console.log(`  ${mut!.n} rijen monitor_maandmutaties (bezetting leest deze)`);
  t = performance.now();
  await db.execute(sql`vacuum analyze`);
  console.log(`  vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const [telling] = ((await db.execute(sql`select count(*)::int as n from traject_events where regio_id = ${regioId}`)) as unknown as { rows: { n: number }[] }).rows;
  const [gemeente] = ((await db.execute(sql`select id from organisaties where regio_id = ${regioId} and soort = 'regiogemeente' order by naam limit 1`)) as unknown as { rows: { id: string }[] }).rows;
  return { regioId, gemeenteId: gemeente!.id, events: telling!.n };
}

/** A beheerder of the first organisation of this kind in the bench region: the viewer the data-quality page filters on. */
async function beheerder(database: Database, regioId: string, soort: 'centrumgemeente' | 'aanbieder'): Promise<Actor> {
  const [o] = ((await database.db.execute(sql`select id from organisaties where regio_id = ${regioId} and soort = ${soort} order by naam limit 1`)) as unknown as { rows: { id: string }[] }).rows;
  return { gebruikerId: '00000000-0000-0000-0000-000000000000', organisatieId: o!.id, regioId, soort, rol: 'beheerder' };
}

interface Meting {
  naam: string;
  mediaan: number;
  max: number;
}

async function meet(naam: string, werk: () => Promise<unknown>): Promise<Meting> {
  await werk(); // warm-up: plan cache, buffers
  const tijden: number[] = [];
  for (let i = 0; i < HERHALINGEN; i++) {
    const t = performance.now();
    await werk();
    tijden.push(performance.now() - t);
  }
  tijden.sort((a, b) => a - b);
  return { naam, mediaan: tijden[Math.floor(tijden.length / 2)]!, max: tijden.at(-1)! };
}

async function dashboards(database: Database, regioId: string, gemeenteId: string): Promise<Meting[]> {
  const db = database.db;
  const scenario: [string, MonitorFilter][] = [
    ['maand, 24 mnd, regio', { regioId, periode: 'maand', van: '2024-11-01', tot: '2026-10-31' }],
    ['kwartaal, 6 jr, regio', { regioId, periode: 'kwartaal', van: '2021-01-01', tot: '2026-10-31' }],
    ['jaar, 6 jr, 1 gemeente', { regioId, periode: 'jaar', van: '2021-01-01', tot: '2026-10-31', gemeenteId }],
  ];
  const metingen: Meting[] = [];
  // what every voegEventToe now pays on top: refolding one client's intervals
  const [client] = ((await db.execute(sql`select client_id as id from traject_events where regio_id = ${regioId} order by id limit 1`)) as unknown as { rows: { id: string }[] }).rows;
  metingen.push(await meet('schrijfkosten · herbereken 1 cliënt (per event)', () => db.transaction((tx) => herberekenIntervallen(tx, [client!.id]))));
  for (const [label, f] of scenario) {
    const jaren = { regioId, vanJaar: Number(f.van.slice(0, 4)), totJaar: Number(f.tot.slice(0, 4)), gemeenteId: f.gemeenteId };
    const secties: [string, () => Promise<unknown>][] = [
      ['stromen', () => stromen(db, f)],
      ['bezetting', () => bezetting(db, f)],
      ['wachttijden', () => wachttijden(db, f)],
      ['terugkeer', () => terugkeer(db, f, PEIL)],
      ['woningen', () => woningenRealisatie(db, jaren)],
      ['beschermd thuis', () => beschermdThuis(db, jaren)],
    ];
    for (const [naam, werk] of secties) metingen.push(await meet(`${label} · ${naam}`, werk));
    // the Monitor page loads its sections in parallel; on one PGlite connection they run one after another
    metingen.push(await meet(`${label} · HELE DASHBOARD`, () => Promise.all(secties.map(([, w]) => w()))));
    // issue 15: the outcome measures (page Uitkomsten), measured on their own
    metingen.push(await meet(`${label} · uitkomsten (pagina Uitkomsten)`, () => uitkomsten(db, f, PEIL)));
  }
  // the national comparison of one year over every region (here the one bench region): all its queries together
  metingen.push(await meet('landelijk · vergelijking 2025 (alle regio’s) · HELE PAGINA', () => landelijkeVergelijking(db, { jaar: 2025, peildatum: PEIL, drempel: 10 })));
  // data quality (page Datakwaliteit: its four requests), for the centrumgemeente (whole region) and an aanbieder
  for (const soort of ['centrumgemeente', 'aanbieder'] as const) {
    const actor = await beheerder(database, regioId, soort);
    const delen: [string, () => Promise<unknown>][] = [
      ['laatheid 12 mnd', () => laatheid(db, actor, '2025-11-01', PEIL)],
      ['ontbrekend', () => ontbrekend(db, actor)],
      ['inactief 180 d', () => inactief(db, actor, PEIL, 180, 50, 0)],
      ['dubbelen', () => dubbelen(db, actor)],
    ];
    for (const [naam, werk] of delen) metingen.push(await meet(`datakwaliteit ${soort} · ${naam}`, werk));
    metingen.push(await meet(`datakwaliteit ${soort} · HELE PAGINA`, () => Promise.all(delen.map(([, w]) => w()))));
  }
  return metingen;
}

/** BENCH_EXPLAIN=1: print PostgreSQL's plan with timings for each monitor query (for tuning). */
async function legUit(database: Database, regioId: string) {
  const echt = database.db;
  const uitleg = new Proxy(echt, {
    get: (doel, sleutel) =>
      sleutel === 'execute'
        ? async (q: Parameters<typeof echt.execute>[0]) => {
            const res = (await echt.execute(sql`explain (analyze, costs off) ${q}`)) as unknown as { rows: Record<string, string>[] };
            console.log(res.rows.map((r) => Object.values(r)[0]).join('\n'));
            return { rows: [] };
          }
        : Reflect.get(doel, sleutel),
  });
  const f: MonitorFilter = { regioId, periode: 'maand', van: '2024-11-01', tot: '2026-10-31' };
  for (const werk of [stromen, bezetting, wachttijden]) {
    console.log(`\n--- ${werk.name}`);
    await werk(uitleg, f);
  }
}

function druk(titel: string, events: number, metingen: Meting[]) {
  console.log(`\n${titel}: ${events.toLocaleString('nl-NL')} gebeurtenissen, ${HERHALINGEN} herhalingen na 1 opwarmronde`);
  console.log(`belasting van de machine (1/5/15 min) na de metingen: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} op ${os.availableParallelism()} cores`);
  // a loaded shared machine inflates every figure alike: the ratio to the regional monitor's whole dashboard in the
  // same run (the figure README gives for a quiet machine) says more than the milliseconds alone
  const basis = (naam: string) => metingen.find((m) => m.naam === `${naam.split(' · ')[0]} · HELE DASHBOARD`) ?? metingen.find((m) => m.naam === 'maand, 24 mnd, regio · HELE DASHBOARD');
  console.log(`${'query'.padEnd(64)} ${'mediaan ms'.padStart(11)} ${'max ms'.padStart(9)} ${'× dashboard'.padStart(12)}  doel < ${DOEL_MS} ms per dashboard/pagina`);
  for (const m of metingen) {
    const pagina = m.naam.includes('HELE ') || m.naam.includes('uitkomsten (pagina');
    const oordeel = pagina ? (m.mediaan < DOEL_MS ? 'binnen doel' : 'boven doel') : '';
    const b = basis(m.naam);
    const verhouding = pagina && b && b !== m ? (m.mediaan / b.mediaan).toFixed(2) : '';
    console.log(`${m.naam.padEnd(64)} ${m.mediaan.toFixed(1).padStart(11)} ${m.max.toFixed(1).padStart(9)} ${verhouding.padStart(12)}  ${oordeel}`);
  }
}

async function serverDatabase(basis: string): Promise<Database> {
  const naam = `doorstroom_bench_${randomBytes(5).toString('hex')}`;
  const beheer = new pg.Client({ connectionString: basis });
  await beheer.connect();
  await beheer.query(`CREATE DATABASE ${naam}`);
  await beheer.end();
  const url = new URL(basis);
  url.pathname = `/${naam}`;
  const db = await openDatabase({ url: url.toString(), eigenaar: true });
  return {
    ...db,
    close: async () => {
      await db.close();
      if (process.env.BENCH_BEWAAR) {
        console.log(`  database bewaard (BENCH_BEWAAR): ${url.toString()}`);
        return;
      }
      const opruimen = new pg.Client({ connectionString: basis });
      await opruimen.connect();
      // pool.end() lets its connections go asynchronously: retry until the server has seen them leave
      for (let poging = 0; ; poging++) {
        try {
          await opruimen.query(`DROP DATABASE IF EXISTS ${naam}`);
          break;
        } catch (e) {
          if (poging >= 20) throw e;
          await new Promise((klaar) => setTimeout(klaar, 250));
        }
      }
      await opruimen.end();
    },
  };
}

console.log('Monitor-benchmark');
console.log(`machine: ${os.cpus()[0]?.model ?? 'onbekend'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);

/** A database generated by an earlier run and kept (BENCH_BEWAAR): its bench region as genereer returns it. */
async function bestaand(database: Database): Promise<{ regioId: string; gemeenteId: string; events: number }> {
  const lees = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const [r] = await lees<{ id: string }>(sql`select id from regios where naam = 'Bench-regio'`);
  const [g] = await lees<{ id: string }>(sql`select id from organisaties where regio_id = ${r!.id} and soort = 'regiogemeente' order by naam limit 1`);
  const [n] = await lees<{ n: number }>(sql`select count(*)::int as n from traject_events where regio_id = ${r!.id}`);
  // kept before the bench generated ZRM assessments: add them now, as genereer does
  const [zrm] = await lees<{ n: number }>(sql`select count(*)::int as n from zrm_beoordelingen where regio_id = ${r!.id}`);
  if (zrm!.n === 0) console.log(`  ${await zrmBeoordelingen(database.db, r!.id)} ZRM-beoordelingen toegevoegd`);
  await database.db.execute(sql`vacuum analyze`);
  return { regioId: r!.id, gemeenteId: g!.id, events: n!.n };
}

const doelen: { titel: string; open: () => Promise<Database> }[] = [];
// BENCH_PGLITE=0: only the server (PGlite generation alone takes minutes at 1M events)
if (process.env.BENCH_PGLITE !== '0') doelen.push({ titel: 'PGlite (in geheugen, één verbinding)', open: () => openDatabase({ eigenaar: true }) });
const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (process.env.BENCH_HERGEBRUIK) doelen.splice(0, doelen.length, { titel: 'PostgreSQL-server (bewaarde database)', open: () => openDatabase({ url: process.env.BENCH_HERGEBRUIK, eigenaar: true }) });
else if (serverUrl) doelen.push({ titel: 'PostgreSQL-server (tijdelijke database)', open: () => serverDatabase(serverUrl) });

for (const doel of doelen) {
  console.log(`\n== ${doel.titel}: genereren…`);
  const database = await doel.open();
  try {
    if (database.soort === 'postgres') {
      const [v] = ((await database.db.execute(sql`select version() as v`)) as unknown as { rows: { v: string }[] }).rows;
      console.log(`  ${v!.v}`);
    }
    const { regioId, gemeenteId, events } = process.env.BENCH_HERGEBRUIK ? await bestaand(database) : await genereer(database);
    if (process.env.BENCH_EXPLAIN) await legUit(database, regioId);
    druk(doel.titel, events, await dashboards(database, regioId, gemeenteId));
  } finally {
    await database.close();
  }
}
