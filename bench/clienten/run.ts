/**
 * Client-list benchmark (read path at region scale): the demo seed with a small and a large region, then one page
 * of the client list, two searches (a rare and a common name), one waiting-list page and one kandidaten page,
 * each several times. Prints the median per region size and the ratio large/small; the target (≤ 1.5×: the
 * time of a page does not grow with the region) is printed, never asserted.
 *
 *   npx tsx bench/clienten/run.ts                            # PGlite in memory
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/clienten/run.ts   # also on that server, in throw-away databases
 *   BENCH_KLEIN=800 BENCH_GROOT=20000 npx tsx bench/clienten/run.ts
 *   BENCH_PGLITE=0 …                                         # server only
 *   BENCH_EXPLAIN=1 …                                        # print the plans of the large region's queries
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openWegwerpDatabase, type Database } from '../../src/db/client.js';
import { lijstClienten, maakClient, wachtlijst } from '../../src/db/repos/clienten.js';
import { kandidaten } from '../../src/db/repos/woningen.js';
import { DEMO_REGIO, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';
import type { Actor } from '../../src/domain/auth.js';

const PEIL = '2026-11-01';
const KLEIN = Number(process.env.BENCH_KLEIN ?? 800);
const GROOT = Number(process.env.BENCH_GROOT ?? 12_800);
const HERHALINGEN = Number(process.env.BENCH_HERHALINGEN ?? 15);
const DOEL_VERHOUDING = 1.5;
const v = new Versleuteling(Buffer.alloc(32, 3));

async function meet(werk: () => Promise<unknown>): Promise<number> {
  await werk(); // warm-up: plan cache, buffers
  const tijden: number[] = [];
  for (let i = 0; i < HERHALINGEN; i++) {
    const t = performance.now();
    await werk();
    tijden.push(performance.now() - t);
  }
  tijden.sort((a, b) => a - b);
  return tijden[Math.floor(tijden.length / 2)]!;
}

async function regio(database: Database, aantal: number) {
  const t = performance.now();
  const r = await database.db.transaction((tx) =>
    seedRegio(tx, { ...DEMO_REGIO, peildatum: PEIL, wachtwoordHash: 'bench-geen-login', versleuteling: v, aantalClienten: aantal, aantalWoningen: Math.max(100, aantal / 8) }),
  );
  const org = (naam: string) => r.organisaties[naam]!.id;
  const actor = (naam: string, rol: Actor['rol']): Actor => ({ gebruikerId: '00000000-0000-4000-8000-000000000001', organisatieId: org(naam), regioId: r.regioId, soort: r.organisaties[naam]!.soort, rol });
  const centrum = actor('Centrumstad', 'medewerker_toegang');
  // one client with a rare name: the search every region size answers with one row
  const { pseudoniem } = await database.db.transaction((tx) => maakClient(tx, centrum, { naam: 'Priya Zonderland-Öztürk', geboortedatum: '1990-01-01', herkomstgemeenteId: org('Centrumstad'), doelgroep: 'ggz' }, v));
  // a fresh visibility map, so counts can be index-only scans as on a settled database
  await database.db.execute(sql`vacuum analyze`);
  console.log(`  ${database.soort}: ${aantal.toLocaleString('nl-NL')} cliënten geseed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { centrum, pseudoniem, corporatie: actor('Woonstede Rivierland', 'consulent'), regiogemeente: actor('Noorddorp', 'medewerker_toegang') };
}

type Actoren = Awaited<ReturnType<typeof regio>>;
const scenario = (database: Database, a: Actoren): [string, () => Promise<unknown>][] => {
  const db = database.db;
  const pagina = { limiet: 50, offset: 0 };
  return [
    ['cliëntenlijst · pagina 1 (centrumgemeente)', () => lijstClienten(db, a.centrum, pagina, v, PEIL)],
    ['cliëntenlijst · gesorteerd op wachtdagen, pagina 5', () => lijstClienten(db, a.centrum, { sorteer: 'wachtdagen', richting: 'af', limiet: 50, offset: 200 }, v, PEIL)],
    ['cliëntenlijst · regiogemeente, fase in zorg, 18–24', () => lijstClienten(db, a.regiogemeente, { fase: 'in_zorg', jongeren: true, ...pagina }, v, PEIL)],
    ['zoeken · zeldzame naam "zonderland"', () => lijstClienten(db, a.centrum, { zoek: 'zonderland', ...pagina }, v, PEIL)],
    ['zoeken · veel voorkomend "de Vries" (1 op 25)', () => lijstClienten(db, a.centrum, { zoek: 'de Vries', ...pagina }, v, PEIL)],
    ['zoeken · begin van een pseudoniem', () => lijstClienten(db, a.centrum, { zoek: a.pseudoniem.slice(0, 7).toLowerCase(), ...pagina }, v, PEIL)],
    ['wachtlijst uitstroom · pagina 1', () => wachtlijst(db, a.centrum, 'uitstroom', pagina, PEIL)],
    ['wachtlijst instroom · pagina 1', () => wachtlijst(db, a.centrum, 'instroom', pagina, PEIL)],
    ['kandidaten (corporatie) · pagina 1', () => kandidaten(db, a.corporatie, PEIL, pagina)],
  ];
};

/** BENCH_EXPLAIN=1: PostgreSQL's plans of every query a scenario sends. */
async function legUit(database: Database, a: Actoren) {
  const echt = database.db;
  const plannen: string[] = [];
  const session = (echt as unknown as { session: { client?: { query: (...args: unknown[]) => Promise<unknown> } } }).session;
  const client = session.client;
  if (!client) return;
  const origineel = client.query.bind(client);
  client.query = async (...args: unknown[]) => {
    const q = args[0] as string | { text: string; values?: unknown[] };
    const tekst = typeof q === 'string' ? q : q.text;
    if (/^\s*select/i.test(tekst)) {
      const res = (await origineel(typeof q === 'string' ? `explain (analyze, costs off) ${q}` : { ...q, text: `explain (analyze, costs off) ${tekst}`, rowMode: undefined }, ...args.slice(1))) as { rows: Record<string, string>[] };
      plannen.push(`${tekst.slice(0, 160)}…\n${res.rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
    return origineel(...args);
  };
  for (const [naam, werk] of scenario(database, a)) {
    plannen.length = 0;
    await werk();
    console.log(`\n--- ${naam}\n${plannen.join('\n\n')}`);
  }
  client.query = origineel;
}

async function vergelijk(soort: 'pglite' | 'postgres', url: string | undefined) {
  const uitkomst = new Map<string, number[]>();
  for (const aantal of [KLEIN, GROOT]) {
    const database = await openWegwerpDatabase(url, 'doorstroom_bench');
    try {
      const actoren = await regio(database, aantal);
      for (const [naam, werk] of scenario(database, actoren)) uitkomst.set(naam, [...(uitkomst.get(naam) ?? []), await meet(werk)]);
      if (process.env.BENCH_EXPLAIN && aantal === GROOT) await legUit(database, actoren);
    } finally {
      await database.close();
    }
  }
  console.log(`\n${soort}: mediaan van ${HERHALINGEN} na 1 opwarmronde; doel: groot/klein ≤ ${DOEL_VERHOUDING}×`);
  console.log(`${'query'.padEnd(52)} ${`${KLEIN} ms`.padStart(10)} ${`${GROOT} ms`.padStart(10)} ${'groot/klein'.padStart(12)}`);
  for (const [naam, [klein, groot]] of uitkomst) {
    const verhouding = groot! / klein!;
    console.log(`${naam.padEnd(52)} ${klein!.toFixed(1).padStart(10)} ${groot!.toFixed(1).padStart(10)} ${`${verhouding.toFixed(2)}×`.padStart(12)}  ${verhouding <= DOEL_VERHOUDING ? 'binnen doel' : 'boven doel'}`);
  }
}

console.log('Cliëntenlijst-benchmark (leespad op regioschaal)');
console.log(`machine: ${os.cpus()[0]?.model ?? 'onbekend'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log(`regio's: ${KLEIN} en ${GROOT} cliënten (demoseed), peildatum ${PEIL}`);
if (process.env.BENCH_PGLITE !== '0') await vergelijk('pglite', undefined);
const server = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (server) await vergelijk('postgres', server);
else console.log('\n(geen DATABASE_URL of TEST_DATABASE_URL: alleen PGlite gemeten)');
