/**
 * Read path per request: what a logged-in request costs before the route does anything (session lookup), what one
 * dossier read costs, and whether the server keeps answering while one request waits seconds on the database.
 * Real HTTP on a random port, autocannon with 10 connections; prints figures, asserts nothing.
 *
 *   npx tsx bench/sessie/run.ts                           # PGlite in memory
 *   DATABASE_URL=postgres://… npx tsx bench/sessie/run.ts  # a throw-away database on that server
 *   BENCH_SECONDEN=10 BENCH_CLIENTEN=1000                  # defaults
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { bouwApp } from '../../src/api/app.js';
import { openWegwerpDatabase } from '../../src/db/client.js';
import { DEMO_REGIO, DEMO_WACHTWOORD, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';

const SECONDEN = Number(process.env.BENCH_SECONDEN ?? 10);
const CLIENTEN = Number(process.env.BENCH_CLIENTEN ?? 1000);
const PEIL = '2026-11-01';

const database = await openWegwerpDatabase(process.env.DATABASE_URL, 'doorstroom_bench');
const app = await bouwApp({ db: database.db, versleuteling: new Versleuteling(Buffer.alloc(32, 1)), vandaag: () => PEIL });
try {
  console.log(`Machine: ${os.cpus()[0]?.model} · ${os.availableParallelism()} cores · Node ${process.version} · ${database.soort}`);
  let t0 = performance.now();
  await seedRegio(database.db, { ...DEMO_REGIO, aantalClienten: CLIENTEN, peildatum: PEIL, wachtwoordHash: await hash(DEMO_WACHTWOORD), versleuteling: new Versleuteling(Buffer.alloc(32, 1)) });
  console.log(`demoregio met ${CLIENTEN} cliënten geseed in ${(performance.now() - t0).toFixed(0)} ms`);

  const adres = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${adres}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'toegang@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { rows } = (await database.db.execute(sql`select id from clienten order by id limit 1`)) as unknown as { rows: { id: string }[] };
  const clientId = rows[0]!.id;

  const meet = async (titel: string, pad: string) => {
    const r = await autocannon({ url: `${adres}${pad}`, connections: 10, duration: SECONDEN, headers: { cookie } });
    const fout = r.non2xx + r.errors + r.timeouts;
    console.log(
      `${titel.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s · latentie p50 ${r.latency.p50} ms · p99 ${r.latency.p99} ms · max ${r.latency.max} ms${fout ? ` · ${fout} fout` : ''}`,
    );
  };
  console.log(`autocannon: 10 verbindingen, ${SECONDEN} s per route, met sessiecookie`);
  await meet('GET /api/health', '/api/health');
  await meet('GET /api/clienten/:id', `/api/clienten/${clientId}`);

  // One request holds the database for two seconds; meanwhile a health probe (with cookie) is due every 100 ms.
  // Latency counts from when a probe was due, so a blocked event loop shows up as latency too.
  const begin = performance.now();
  const probes = Array.from({ length: 15 }, (_, i) => {
    const gepland = begin + 100 + i * 100;
    return new Promise<number>((klaar) =>
      setTimeout(async () => {
        await fetch(`${adres}/api/health`, { headers: { cookie } });
        klaar(performance.now() - gepland);
      }, gepland - performance.now()),
    );
  });
  await database.db.execute(sql`select pg_sleep(2)`);
  const traagKlaar = performance.now() - begin;
  const latenties = (await Promise.all(probes)).sort((a, b) => a - b);
  console.log(
    `/api/health tijdens pg_sleep(2) (${traagKlaar.toFixed(0)} ms): 15 probes, latentie mediaan ${latenties[7]!.toFixed(1)} ms, max ${latenties[14]!.toFixed(1)} ms`,
  );
} finally {
  await app.close();
  await database.close();
}
