import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { DEMO_REGIO, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';
import { startPlanner } from '../../src/jobs/planner.js';

/**
 * Issue 12: PGlite has no autovacuum, so without an explicit ANALYZE its planner never has statistics and plans
 * every table as if it were a few pages. The database is analysed after its migrations (tables never analysed),
 * after a seed (and a large import) and hourly by the planner; these tests read the statistics PostgreSQL keeps (pg_class.reltuples is -1
 * for a table never analysed, pg_stats has no rows) and the plan of a client-list page.
 */
describe('statistieken op PGlite (ANALYZE)', () => {
  const map = mkdtempSync(join(tmpdir(), 'doorstroom-analyse-'));
  let database: Database;
  let regioId: string;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: map });
    const regio = await database.db.transaction((tx) =>
      seedRegio(tx, { ...DEMO_REGIO, aantalClienten: 400, peildatum: '2026-11-01', wachtwoordHash: 'x', versleuteling: new Versleuteling(Buffer.alloc(32, 7)) }),
    );
    regioId = regio.regioId;
  });
  afterAll(async () => {
    await database?.close();
    rmSync(map, { recursive: true, force: true });
  });

  const rijen = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const schatting = async (tabel: string) => Number((await rijen<{ n: number }>(sql`select reltuples as n from pg_class where relname = ${tabel}`))[0]!.n);
  const kolomStatistieken = async (tabel: string) => Number((await rijen<{ n: number }>(sql`select count(*)::int as n from pg_stats where tablename = ${tabel}`))[0]!.n);

  it('na de seed kent de planner de tabelgroottes en kolomverdelingen', async () => {
    expect(await schatting('clienten')).toBe(400);
    expect(await schatting('client_stand')).toBe(400);
    expect(await kolomStatistieken('client_stand')).toBeGreaterThan(5);
    expect(await kolomStatistieken('traject_events')).toBeGreaterThan(3);
    // a page of the client list walks the (regio, pseudoniem) index and stops after 50, instead of sorting all
    const plan = (await rijen<{ 'QUERY PLAN': string }>(sql`explain select client_id from client_stand where regio_id = ${regioId} order by pseudoniem collate "C" limit 50`))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using client_stand_regio_pseudoniem_idx|Index (Only )?Scan using client_stand_regio_\w+_idx/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('na de migraties van een nieuwe database en elk uur vanuit de planner', async () => {
    const nieuw = await openDatabase();
    try {
      const nooit = ((await nieuw.db.execute(sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
      expect(nooit).toBe(0);
    } finally {
      await nieuw.close();
    }

    // rows that arrive outside the seed (as the app writes them) leave the statistics behind until the next ANALYZE
    await database.db.execute(sql`insert into verwerkingsactiviteiten (code, naam, grondslag) select 'proef' || g, 'x', 'y' from generate_series(1, 300) g`);
    const voor = await schatting('verwerkingsactiviteiten');
    expect(voor).toBeLessThan(300);
    const planner = startPlanner(database.db, { intervalMs: 3_600_000, analyseerElkeMs: 0, klok: () => new Date('2026-11-01T12:00:00Z') });
    await planner.stop();
    expect(await schatting('verwerkingsactiviteiten')).toBe(voor + 300);
  });
});
