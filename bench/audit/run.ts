/**
 * Audit cost per dossier read: GET /api/clienten/:id through the whole app (session lookup, visibility,
 * decryption, audit row with hash chain) in a seeded demo region. Sequential requests give the latency of one
 * read; parallel requests show the contention of the chain lock (every audit row of the database takes it).
 * Prints median and p90; never asserts.
 *
 *   npx tsx bench/audit/run.ts                                  # PGlite in memory
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/audit/run.ts   # also on that server (throw-away database)
 *   BENCH_VERZOEKEN=1000 BENCH_PARALLEL=8 …
 *   BENCH_PGLITE=0 …                                            # server only
 * On the server it also counts the statements (round trips) per request.
 */
import os from 'node:os';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { bouwApp } from '../../src/api/app.js';
import { openWegwerpDatabase, type Database } from '../../src/db/client.js';
import { DEMO_REGIO, DEMO_WACHTWOORD, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';

const VERZOEKEN = Number(process.env.BENCH_VERZOEKEN ?? 400);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 4);
const PEIL = '2026-11-01';

// every statement the app sends to the server is one round trip; pool queries also end up in Client.query
let statements = 0;
const clientQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return clientQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

async function meet(naam: string, database: Database) {
  const versleuteling = new Versleuteling(Buffer.alloc(32, 7));
  await seedRegio(database.db, { ...DEMO_REGIO, peildatum: PEIL, wachtwoordHash: await hash(DEMO_WACHTWOORD), versleuteling, aantalClienten: 300, aantalWoningen: 60 });
  const app = await bouwApp({ db: database.db, versleuteling, vandaag: () => PEIL });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'toegang@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD } });
  const cookie = login.cookies.find((c) => c.name === 'doorstroom_sessie')!;
  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  const ids = ((await database.db.execute(sql`select id from clienten order by pseudoniem`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  const lees = async (i: number) => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/clienten/${ids[i % ids.length]}`, headers });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 30; i++) await lees(i); // warm-up
  const los: number[] = [];
  const voor = statements;
  for (let i = 0; i < VERZOEKEN; i++) los.push(await lees(i));
  const perVerzoek = (statements - voor) / VERZOEKEN;
  const parallel: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async (_, w) => {
      for (let i = w; i < VERZOEKEN; i += PARALLEL) parallel.push(await lees(i));
    }),
  );
  const duur = performance.now() - start;
  console.log(
    `${naam.padEnd(10)} ${database.soort === 'postgres' ? `${perVerzoek.toFixed(1)} statements/verzoek, ` : ''}na elkaar: mediaan ${mediaan(los).toFixed(2)} ms, p90 ${p90(los).toFixed(2)} ms | ${PARALLEL} tegelijk: mediaan ${mediaan(parallel).toFixed(2)} ms, p90 ${p90(parallel).toFixed(2)} ms, ${Math.round((VERZOEKEN / duur) * 1000)} verzoeken/s`,
  );
  await app.close();
}

console.log(`GET /api/clienten/:id, ${VERZOEKEN} verzoeken; ${os.cpus().length}× ${os.cpus()[0]?.model}, Node ${process.version}`);
if (process.env.BENCH_PGLITE !== '0') {
  const pglite = await openWegwerpDatabase(undefined);
  await meet('PGlite', pglite);
  await pglite.close();
}
const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (url) {
  const server = await openWegwerpDatabase(url, 'doorstroom_bench');
  try {
    await meet('PostgreSQL', server);
  } finally {
    await server.close();
  }
}
