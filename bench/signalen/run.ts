/**
 * Signal watch benchmark: the demo region plus N overdue signals, then one escalation round (set-based, a few
 * statements per batch), an idempotent re-run, the omklap warnings and pages of the centrumgemeente's and a
 * corporatie's signal list. On PGlite always, and also on a throw-away database on the PostgreSQL server of
 * DATABASE_URL or TEST_DATABASE_URL. Prints timings and the target; nothing is asserted.
 *
 *   npx tsx bench/signalen/run.ts                          # PGlite in memory, N = 2000
 *   BENCH_SIGNALEN=500 npx tsx bench/signalen/run.ts
 *   DATABASE_URL=postgres://… npx tsx bench/signalen/run.ts  # PGlite and that server
 *   BENCH_PGLITE=0 DATABASE_URL=postgres://… npx tsx bench/signalen/run.ts   # server only
 */
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { openWegwerpDatabase, type Database } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { DEMO_REGIO, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';
import { stuurOmklapWaarschuwingen } from '../../src/db/repos/meldingen.js';
import { verzegelAudit } from '../../src/db/repos/audit.js';
import { escaleerTeLaat, lijstSignalen, type SignaalFilters } from '../../src/db/repos/signalen.js';
import type { Actor } from '../../src/domain/auth.js';

const N = Number(process.env.BENCH_SIGNALEN ?? 2000);
const PEIL = '2026-11-01';
const DOEL_MS = 500;

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function mediaan(keer: number, f: () => Promise<unknown>) {
  const tijden: number[] = [];
  for (let i = 0; i < keer; i++) {
    const t0 = performance.now();
    await f();
    tijden.push(performance.now() - t0);
  }
  tijden.sort((a, b) => a - b);
  return { mediaan: tijden[Math.floor(keer / 2)]!, max: tijden.at(-1)! };
}

async function meet(database: Database) {
  const db = database.db;
  if (database.soort === 'postgres') {
    const [v] = ((await db.execute(sql`select version() as v`)) as unknown as { rows: { v: string }[] }).rows;
    console.log(`  ${v!.v}`);
  }
  let t0 = performance.now();
  const regio = await seedRegio(db, { ...DEMO_REGIO, peildatum: PEIL, wachtwoordHash: 'bench', versleuteling: new Versleuteling(Buffer.alloc(32, 1)) });
  console.log(`  demoregio geseed: ${ms(t0)} (${regio.aantallen.plaatsingen} plaatsingen)`);

  // N reports two days before "now", all past their 24-hour reaction term
  const nu = new Date('2026-11-10T09:00:00Z');
  const melder = Object.values(regio.organisaties).find((o) => o.soort === 'woningcorporatie')!.id;
  t0 = performance.now();
  await db.execute(sql`
    insert into signalen (regio_id, plaatsing_id, melder_organisatie_id, aanbieder_id, soort, details, status, deadline, aangemaakt)
    select p.regio_id, p.id, ${melder}::uuid, p.aanbieder_id, 'overlast', '{"soort":"overlast","categorie":"geluid"}'::jsonb, 'gemeld',
           ${new Date(nu.getTime() - 24 * 3_600_000).toISOString()}::timestamptz - (g % 60) * interval '1 minute',
           ${new Date(nu.getTime() - 48 * 3_600_000).toISOString()}::timestamptz
    from generate_series(1, ${N}) g
    join lateral (select * from plaatsingen where regio_id = ${regio.regioId} and aanbieder_id is not null order by id offset (g % 50) limit 1) p on true`);
  await db.execute(sql`insert into signaal_stappen (signaal_id, status, tijdstip) select id, 'gemeld', aangemaakt from signalen where status = 'gemeld'`);
  await db.execute(sql`analyze`);
  const [{ teLaat }] = (await db
    .select({ teLaat: sql<number>`count(*)::int` })
    .from(s.signalen)
    .where(sql`${s.signalen.status} in ('gemeld', 'opgepakt', 'in_behandeling') and ${s.signalen.deadline} < ${nu}`)) as [{ teLaat: number }];
  console.log(`  ${N} signalen aangemaakt (${teLaat} te laat, met de seed): ${ms(t0)}`);

  t0 = performance.now();
  const eerste = await escaleerTeLaat(db, nu, { limiet: N + 1000 });
  const duur = performance.now() - t0;
  console.log(
    `  ESCALATIERONDE: ${eerste.geescaleerd} geëscaleerd, ${eerste.meldingen} meldingen in ${duur.toFixed(0)} ms ` +
      `(${(duur / Math.max(1, eerste.geescaleerd)).toFixed(3)} ms per signaal; doel < ${DOEL_MS} ms voor 2.000 op PostgreSQL: ${duur < DOEL_MS ? 'gehaald' : 'niet gehaald'})`,
  );
  // the round's audit rows are written without the chain's lock; the server's sealer chains them within a second
  t0 = performance.now();
  const verzegeld = await verzegelAudit(db);
  console.log(`  daarna verzegelen (apart, zoals de server elke seconde doet): ${verzegeld} auditregels in ${ms(t0)}`);
  t0 = performance.now();
  const tweede = await escaleerTeLaat(db, new Date(nu.getTime() + 60_000), { limiet: N + 1000 });
  console.log(`  herhaalde ronde (idempotent): ${tweede.geescaleerd} geëscaleerd in ${ms(t0)}`);
  t0 = performance.now();
  const omklap = await stuurOmklapWaarschuwingen(db, nu);
  console.log(`  omklapwaarschuwingen: ${omklap.waarschuwingen} in ${ms(t0)}`);

  const [{ totaal }] = (await db.select({ totaal: sql<number>`count(*)::int` }).from(s.signalen).where(eq(s.signalen.regioId, regio.regioId))) as [{ totaal: number }];
  const actorVan = (soort: Actor['soort']): Actor => {
    const org = Object.values(regio.organisaties).find((o) => o.soort === soort)!;
    return { gebruikerId: '00000000-0000-4000-8000-000000000009', organisatieId: org.id, regioId: regio.regioId, soort, rol: soort === 'woningcorporatie' ? 'consulent' : 'medewerker_toegang' };
  };
  const lijsten: [string, Actor, Omit<SignaalFilters, 'limiet' | 'offset'>, number][] = [
    ['centrumgemeente, pagina 1 op deadline', actorVan('centrumgemeente'), {}, 0],
    ['centrumgemeente, geëscaleerd, pagina 20', actorVan('centrumgemeente'), { status: 'geescaleerd' }, 950],
    ['centrumgemeente, te laat, op aangemaakt aflopend', actorVan('centrumgemeente'), { teLaat: true, sorteer: 'aangemaakt', richting: 'af' }, 0],
    ['corporatie, pagina 1', actorVan('woningcorporatie'), {}, 0],
  ];
  for (const [titel, actor, f, offset] of lijsten) {
    const m = await mediaan(7, () => lijstSignalen(db, actor, { ...f, limiet: 50, offset }, nu));
    console.log(`  signalenlijst ${titel} (${totaal} signalen in de regio, 50 per pagina): mediaan ${m.mediaan.toFixed(1)} ms, max ${m.max.toFixed(1)} ms`);
  }
}

console.log('Signalen-benchmark');
console.log(`machine: ${os.cpus()[0]?.model ?? 'onbekend'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, belasting ${os.loadavg()[0]!.toFixed(1)}`);
const doelen: { titel: string; url: string | undefined }[] = [];
if (process.env.BENCH_PGLITE !== '0') doelen.push({ titel: 'PGlite (in geheugen, één verbinding)', url: undefined });
const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) doelen.push({ titel: 'PostgreSQL-server (tijdelijke database)', url: serverUrl });
for (const doel of doelen) {
  console.log(`\n== ${doel.titel}`);
  const database = await openWegwerpDatabase(doel.url, 'doorstroom_bench');
  try {
    await meet(database);
  } finally {
    await database.close();
  }
}
