/**
 * API benchmark: the real server (bouwApp, as `doorstroom start` builds it) on port 0, seeded with the demo region
 * at each size of BENCH_API_CLIENTEN or BENCH_CLIENTEN (comma-separated), on PGlite and, when DATABASE_URL or TEST_DATABASE_URL is set, on a throw-away
 * database on that PostgreSQL server. autocannon (10 connections, BENCH_DUUR seconds each, in a worker thread so
 * the load does not share the server's event loop) hits every endpoint with the session cookie of a
 * centrumgemeente toegang user or a corporatie. Prints req/s, p50 and p99 per endpoint, each endpoint's share
 * of health-with-cookie in the same run (the cost of the endpoint above the session lookup) and of /api/ready
 * (the same plus one database round trip: the cost above the least a database read pays), the growth from
 * the smallest to the largest region, and the targets beside them; nothing is asserted.
 *
 *   npx tsx bench/api/run.ts                                   # PGlite, 800 and 20,000 clients, 10 s per endpoint
 *   BENCH_CLIENTEN=800 BENCH_DUUR=3 npx tsx bench/api/run.ts   # quick check
 *   DATABASE_URL=postgres://… npx tsx bench/api/run.ts         # also on that server
 *   BENCH_PGLITE=0 DATABASE_URL=postgres://… npx tsx bench/api/run.ts   # server only
 *   BENCH_SNEL=1 npx tsx bench/api/run.ts                      # development: 800 clients, 3 s per endpoint (sizes and duration still overridable)
 *   BENCH_SYNCHRONOUS_COMMIT=off …                              # diagnosis: commits without waiting for the WAL flush
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { bouwApp } from '../../src/api/app.js';
import { sql } from 'drizzle-orm';
import { analyseer, openWegwerpDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { DEMO_REGIO, DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD, seedRegio } from '../../src/db/seed.js';
import { totpCode } from '../../src/domain/mfa.js';
import { Versleuteling } from '../../src/db/versleuteling.js';

// BENCH_API_CLIENTEN first: under `npm run bench` bench/monitor reads BENCH_CLIENTEN as one number of its own
const SNEL = process.env.BENCH_SNEL === '1';
const GROOTTES = (process.env.BENCH_API_CLIENTEN ?? process.env.BENCH_CLIENTEN ?? (SNEL ? '800' : '800,20000')).split(',').map((x) => Number(x.trim())).filter((x) => x > 0);
const DUUR = Number(process.env.BENCH_DUUR ?? (SNEL ? 3 : 10));
const VERBINDINGEN = 10;
/** BENCH_SYNCHRONOUS_COMMIT=off: PostgreSQL commits without waiting for the WAL flush (a diagnosis, never for production) */
const ZONDER_FLUSH = process.env.BENCH_SYNCHRONOUS_COMMIT === 'off';
const CENTRUM = 'toegang@centrumstad.demo';
const CORPORATIE = 'consulent@woonstede-rivierland.demo';

interface Meting {
  endpoint: string;
  /** CPU of this process per answered request (server, PGlite's worker and autocannon's worker thread), ms */
  cpuNode: number;
  /** CPU of all local postgres processes per answered request, ms (null: no local PostgreSQL to read) */
  cpuPg: number | null;
  reqPerS: number;
  p50: number;
  p99: number;
  gemiddeld: number;
  verzoeken: number;
  fouten: number;
}

const vandaag = () => new Date().toISOString().slice(0, 10);

/** Password step, then (for the care roles) the MFA code step with the demo secret, as a user with the app does. */
async function login(basis: string, email: string) {
  const res = await fetch(`${basis}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, wachtwoord: DEMO_WACHTWOORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const koekje = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('doorstroom_sessie='))?.split(';')[0];
  const cookie = koekje(res);
  if (!cookie) throw new Error(`login ${email}: geen sessiecookie`);
  const { mfa, csrfToken } = (await res.json()) as { mfa: string | null; csrfToken: string };
  if (mfa === null) return cookie;
  if (mfa !== 'code') throw new Error(`login ${email}: MFA-stap ${mfa}, de benchmark kan alleen de code-stap`);
  const stap = await fetch(`${basis}/api/auth/mfa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: totpCode(DEMO_TOTP_GEHEIM, new Date()) }),
  });
  if (stap.status !== 200) throw new Error(`MFA-stap ${email}: ${stap.status} ${await stap.text()}`);
  return koekje(stap) ?? cookie;
}

async function haal<T>(basis: string, pad: string, cookie: string): Promise<T> {
  const res = await fetch(`${basis}${pad}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${pad}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * CPU seconds used so far by one local PostgreSQL server: its postmaster and every child (backends, WAL writer, …),
 * utime + stime from /proc in clock ticks of 1/100 s. What the database spends per request, which the load of other
 * processes on a shared machine changes far less than it changes req/s. null without a local server to read.
 */
function postgresCpu(postmaster: number | null): number | null {
  if (postmaster === null) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const velden = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pid) !== postmaster && Number(velden[1]) !== postmaster) continue;
      ticks += Number(velden[11]) + Number(velden[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks / 100;
}

/** The postmaster's pid from postmaster.pid in the server's data directory, when that is on this machine (asked as the login role: the app role may not read data_directory). */
async function postmasterVan(serverUrl: string): Promise<number | null> {
  const beheer = new pg.Client({ connectionString: serverUrl });
  try {
    await beheer.connect();
    const { rows } = await beheer.query<{ map: string }>(`select current_setting('data_directory') as map`);
    return Number(readFileSync(`${rows[0]!.map}/postmaster.pid`, 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  } finally {
    await beheer.end().catch(() => {});
  }
}

async function belast(basis: string, endpoint: string, pad: string, cookie: string, postmaster: number | null): Promise<Meting> {
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpu(postmaster);
  const r = await autocannon({ url: `${basis}${pad}`, connections: VERBINDINGEN, duration: DUUR, headers: { cookie }, workers: 1 });
  const cpu = process.cpuUsage(cpu0);
  const pg1 = postgresCpu(postmaster);
  const n = Math.max(1, r.requests.total);
  // over the whole run (answers that arrive after the window included), not autocannon's per-second mean,
  // which rounds a slow endpoint with a handful of answers down to 0
  return {
    endpoint,
    reqPerS: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    gemiddeld: r.latency.average,
    verzoeken: r.requests.total,
    fouten: r.non2xx + r.errors + r.timeouts,
    cpuNode: (cpu.user + cpu.system) / 1000 / n,
    cpuPg: pg0 !== null && pg1 !== null ? ((pg1 - pg0) * 1000) / n : null,
  };
}

/** Seeds a region of `aantal` clients, starts the server, measures every endpoint; returns the figures. */
async function meetOmgeving(serverUrl: string | undefined, aantal: number): Promise<Meting[]> {
  // diagnosis only: without waiting for the WAL flush at each commit, what does the read path itself allow? Every
  // audited read appends to the hash chain under one advisory lock held until commit, so on a slow disk the
  // flushes, one after another, bound every endpoint that reads client data.
  const database = await openWegwerpDatabase(
    serverUrl,
    'doorstroom_bench_api',
    ZONDER_FLUSH ? { naVerbinden: async (verbinding) => void (await verbinding.query('SET synchronous_commit = off')) } : {},
  );
  const versleuteling = new Versleuteling(Buffer.alloc(32, 3));
  try {
    let t0 = performance.now();
    const wachtwoordHash = await hash(DEMO_WACHTWOORD);
    // homes grow with the region as in the demo (one per two clients), so kandidaten and plaatsingen scale too
    await database.db.transaction((tx) =>
      seedRegio(tx, { ...DEMO_REGIO, aantalClienten: aantal, aantalWoningen: Math.max(DEMO_REGIO.aantalWoningen, Math.round(aantal / 2)), peildatum: vandaag(), wachtwoordHash, versleuteling }),
    );
    console.log(`  seed ${aantal.toLocaleString('nl-NL')} cliënten (één transactie, bulk-inserts, ANALYZE aan het eind): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await analyseer(database.db);
    const [regio] = await database.db.select({ id: s.regios.id }).from(s.regios).limit(1);
    const plan = ((await database.db.execute(sql`explain select client_id from client_stand where regio_id = ${regio!.id} order by pseudoniem collate "C", client_id limit 50`)) as unknown as { rows: { 'QUERY PLAN': string }[] }).rows;
    console.log(`  ANALYZE van alle tabellen (zoals na een seed): ${(performance.now() - t0).toFixed(0)} ms; plan van een lijstpagina: ${plan.map((r) => r['QUERY PLAN'].trim()).slice(0, 2).join(' / ')}`);

    const app = await bouwApp({ db: database.db, versleuteling, vandaag }, { logger: false });
    // autocannon stops at the end of its window, but requests already sent keep the server (and PGlite's single
    // connection) busy; the next endpoint is measured only once they are all answered
    const bezig = new Set<string>();
    app.addHook('onRequest', async (req) => void bezig.add(req.id));
    app.addHook('onSend', async (req) => void bezig.delete(req.id));
    app.addHook('onResponse', async (req) => void bezig.delete(req.id));
    const wachtTotStil = async () => {
      for (const eind = Date.now() + 300_000; bezig.size > 0 && Date.now() < eind; ) await new Promise((klaar) => setTimeout(klaar, 50));
    };
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const basis = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const centrum = await login(basis, CENTRUM);
      const corporatie = await login(basis, CORPORATIE);
      const lijst = await haal<{ totaal: number; clienten: { id: string }[] }>(basis, '/api/clienten?limiet=50', centrum);
      const wachtlijst = await haal<{ regels: unknown[] }>(basis, '/api/wachtlijsten/uitstroom', centrum);
      // a client in the middle of the first page, and a fragment of their name to search for
      const client = lijst.clienten[Math.floor(lijst.clienten.length / 2)]!;
      const dossier = await haal<{ naam: string }>(basis, `/api/clienten/${client.id}`, centrum);
      const fragment = dossier.naam.split(' ').at(-1)!.slice(0, 4);
      const zoek = await haal<{ totaal: number }>(basis, `/api/clienten?zoek=${encodeURIComponent(fragment)}&limiet=50`, centrum);
      const kandidaten = await haal<{ kandidaten: unknown[] }>(basis, '/api/kandidaten', corporatie);
      console.log(
        `  ${lijst.totaal} cliënten zichtbaar voor de centrumgemeente, zoeken op "${fragment}": ${zoek.totaal} treffers, ` +
          `wachtlijst uitstroom ${wachtlijst.regels.length} regels, ${kandidaten.kandidaten.length} kandidaten voor de corporatie`,
      );

      const endpoints: [string, string, string][] = [
        ['health met cookie', '/api/health', centrum],
        // a second yardstick: the same cookie plus one database round trip (the session itself is cached)
        ['gereed (1 databasevraag)', '/api/ready', centrum],
        ['cliëntenlijst (50)', '/api/clienten?limiet=50', centrum],
        ['cliëntenlijst wachtdagen p5', '/api/clienten?limiet=50&offset=200&sorteer=wachtdagen&richting=af', centrum],
        ['zoeken (naamfragment)', `/api/clienten?zoek=${encodeURIComponent(fragment)}&limiet=50`, centrum],
        ['wachtlijst uitstroom', '/api/wachtlijsten/uitstroom', centrum],
        ['cliëntdossier', `/api/clienten/${client.id}`, centrum],
        ['monitor bezetting', '/api/monitor/bezetting', centrum],
        ['kandidaten (corporatie)', '/api/kandidaten', corporatie],
        ['signalenlijst', '/api/signalen?limiet=50', centrum],
        ['meldbare plaatsingen (50)', '/api/signalen/plaatsingen?limiet=50', corporatie],
      ];
      const metingen: Meting[] = [];
      const postmaster = serverUrl ? await postmasterVan(serverUrl) : null;
      // BENCH_ALLEEN=lijst,zoeken: only the endpoints whose name contains one of these (health always, for the ratio)
      const alleen = process.env.BENCH_ALLEEN?.split(',').map((x) => x.trim().toLowerCase());
      for (const [naam, pad, cookie] of endpoints.filter(([naam], i) => i <= 1 || !alleen || alleen.some((a) => naam.toLowerCase().includes(a)))) {
        t0 = performance.now();
        metingen.push(await belast(basis, naam, pad, cookie, postmaster));
        await wachtTotStil();
        process.stdout.write(`  · ${naam} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
      }
      return metingen;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

const getal = (x: number, d = 0) => x.toLocaleString('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d });
const LIJSTEN = new Set(['cliëntenlijst (50)', 'cliëntenlijst wachtdagen p5', 'wachtlijst uitstroom']);

function drukTabel(metingen: Meting[], server: boolean) {
  const health = metingen[0]!;
  const gereed = metingen[1]!;
  console.log(`  ${'endpoint'.padEnd(28)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'÷ health'.padStart(9)} ${'÷ gereed'.padStart(9)} ${'aantal'.padStart(7)} ${'fouten'.padStart(7)} ${'CPU node'.padStart(9)} ${'CPU pg'.padStart(7)}  doel`);
  for (const m of metingen) {
    const aandeel = m.reqPerS / health.reqPerS;
    const doelen: string[] = [];
    if (LIJSTEN.has(m.endpoint)) doelen.push(`≥ 40 % van health: ${aandeel >= 0.4 ? 'ja' : 'nee'}`);
    // without answers within the window there is no latency to judge, only that it was too slow to answer
    if (server && m !== health) doelen.push(`p99 < 50 ms: ${m.verzoeken === 0 ? 'nee (geen antwoord binnen de meetduur)' : m.p99 < 50 ? 'ja' : 'nee'}`);
    console.log(
      `  ${m.endpoint.padEnd(28)} ${getal(m.reqPerS, 1).padStart(8)} ${getal(m.p50).padStart(7)} ${getal(m.p99).padStart(7)} ${`${getal(aandeel * 100, 1)} %`.padStart(9)} ${`${getal((m.reqPerS / gereed.reqPerS) * 100, 1)} %`.padStart(9)} ${getal(m.verzoeken).padStart(7)} ${getal(m.fouten).padStart(7)} ${getal(m.cpuNode, 2).padStart(9)} ${(m.cpuPg === null ? '–' : getal(m.cpuPg, 2)).padStart(7)}  ${doelen.join('; ')}`,
    );
  }
}

console.log('API-benchmark (autocannon, echte server)');
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'onbekend'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
    `${os.platform()} ${os.release()}, belasting (1 min) ${os.loadavg()[0]!.toFixed(1)}`,
);
console.log(`${VERBINDINGEN} verbindingen, ${DUUR} s per endpoint; groottes: ${GROOTTES.map((g) => getal(g)).join(', ')} cliënten`);
if (ZONDER_FLUSH) console.log('DIAGNOSE: PostgreSQL met synchronous_commit = off (commit wacht niet op de WAL-flush); niet de productie-instelling');
console.log('CPU node / CPU pg: ms CPU per beantwoord verzoek van dit proces (server, PGlite-worker, autocannon) en van de PostgreSQL-server (postmaster en zijn kinderen, als die op deze machine draait); minder gevoelig voor andere belasting dan req/s');
console.log('doelen (afgedrukt, niet afgedwongen): lijst en wachtlijst ≥ 40 % van de req/s van health; p99 < 50 ms op PostgreSQL; pagina bij 20.000 ≤ 1,5 × de tijd bij 800');

const doelen: { titel: string; url: string | undefined }[] = [];
if (process.env.BENCH_PGLITE !== '0') doelen.push({ titel: 'PGlite (in geheugen, in het serverproces)', url: undefined });
const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) doelen.push({ titel: 'PostgreSQL-server (tijdelijke database)', url: serverUrl });

for (const doel of doelen) {
  const perGrootte = new Map<number, Meting[]>();
  for (const aantal of GROOTTES) {
    console.log(`\n== ${doel.titel}, ${getal(aantal)} cliënten`);
    const metingen = await meetOmgeving(doel.url, aantal);
    perGrootte.set(aantal, metingen);
    drukTabel(metingen, doel.url !== undefined);
  }
  if (GROOTTES.length > 1) {
    const [klein, groot] = [Math.min(...GROOTTES), Math.max(...GROOTTES)];
    console.log(`\n  ${doel.titel}: groei van ${getal(klein)} naar ${getal(groot)} cliënten (gemiddelde responstijd groot ÷ klein; doel ≤ 1,5 ×)`);
    for (const m of perGrootte.get(groot)!) {
      const k = perGrootte.get(klein)!.find((x) => x.endpoint === m.endpoint)!;
      const factor = m.gemiddeld / k.gemiddeld;
      console.log(`  ${m.endpoint.padEnd(28)} ${getal(k.gemiddeld, 1).padStart(7)} → ${getal(m.gemiddeld, 1).padStart(7)} ms  ${getal(factor, 2)} ×  ${factor <= 1.5 ? 'ja' : 'nee'}`);
    }
  }
}
