/**
 * Signal watch benchmark: the demo region plus N overdue signals, then one escalation round (one transaction
 * per signal), an idempotent re-run, the omklap warnings and the centrumgemeente's signal list.
 * Prints timings; nothing is asserted.
 *
 *   npx tsx bench/signalen/run.ts                          # PGlite in memory, N = 2000
 *   BENCH_SIGNALEN=500 npx tsx bench/signalen/run.ts
 *   DATABASE_URL=postgres://… npx tsx bench/signalen/run.ts  # in a throw-away database on that server
 */
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { openWegwerpDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { DEMO_REGIO, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';
import { stuurOmklapWaarschuwingen } from '../../src/db/repos/meldingen.js';
import { escaleerTeLaat, lijstSignalen } from '../../src/db/repos/signalen.js';

const N = Number(process.env.BENCH_SIGNALEN ?? 2000);
const PEIL = '2026-11-01';


const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

const database = await openWegwerpDatabase(process.env.DATABASE_URL, 'doorstroom_bench');
try {
  const db = database.db;
  console.log(`Machine: ${os.cpus()[0]?.model} · ${os.availableParallelism()} cores · Node ${process.version} · ${database.soort}`);
  let t0 = performance.now();
  const regio = await seedRegio(db, { ...DEMO_REGIO, peildatum: PEIL, wachtwoordHash: 'bench', versleuteling: new Versleuteling(Buffer.alloc(32, 1)) });
  console.log(`demoregio geseed: ${ms(t0)} (${regio.aantallen.plaatsingen} plaatsingen)`);

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
  console.log(`${N} te late signalen aangemaakt: ${ms(t0)}`);

  t0 = performance.now();
  const eerste = await escaleerTeLaat(db, nu, { limiet: N + 100 });
  const duur = performance.now() - t0;
  console.log(`escalatieronde: ${eerste.geescaleerd} geëscaleerd, ${eerste.meldingen} meldingen in ${duur.toFixed(0)} ms (${(duur / Math.max(1, eerste.geescaleerd)).toFixed(2)} ms per signaal)`);
  t0 = performance.now();
  const tweede = await escaleerTeLaat(db, new Date(nu.getTime() + 60_000), { limiet: N + 100 });
  console.log(`herhaalde ronde (idempotent): ${tweede.geescaleerd} geëscaleerd in ${ms(t0)}`);
  t0 = performance.now();
  const omklap = await stuurOmklapWaarschuwingen(db, nu);
  console.log(`omklapwaarschuwingen: ${omklap.waarschuwingen} in ${ms(t0)}`);

  const centrum = Object.values(regio.organisaties).find((o) => o.soort === 'centrumgemeente')!.id;
  const actor = { gebruikerId: '00000000-0000-4000-8000-000000000009', organisatieId: centrum, regioId: regio.regioId, soort: 'centrumgemeente' as const, rol: 'medewerker_toegang' as const };
  const tijden: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    await lijstSignalen(db, actor, { limiet: 100, offset: 0 }, nu);
    tijden.push(performance.now() - t0);
  }
  tijden.sort((a, b) => a - b);
  const [{ totaal }] = (await db.select({ totaal: sql<number>`count(*)::int` }).from(s.signalen).where(eq(s.signalen.regioId, regio.regioId))) as [{ totaal: number }];
  console.log(`signalenlijst centrumgemeente (${totaal} signalen): mediaan ${tijden[2]!.toFixed(0)} ms, max ${tijden[4]!.toFixed(0)} ms`);
} finally {
  await database.close();
}
