import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { backupPglite, backupPostgres, herstelPglite, herstelPostgres } from '../../src/db/backup.js';
import { controleerKeten, schrijfAudit } from '../../src/db/repos/audit.js';
import { controleerSleutel } from '../../src/db/repos/sleutelrotatie.js';
import { DomeinFout } from '../../src/domain/fouten.js';
import * as s from '../../src/db/schema.js';
import { seedTestRegios, testVersleuteling } from '../helpers.js';

/**
 * Backup and restore round trip (ADR 0021): every table holds the same rows after a restore, the key still reads the
 * encrypted columns, the audit chain is intact, and the restored database takes new writes as the app role.
 */
const map = mkdtempSync(join(tmpdir(), 'doorstroom-backup-'));
afterAll(() => rmSync(map, { recursive: true, force: true }));

/** Row count and a content hash per table: equal after the round trip means the same data. */
async function vingerafdruk(database: Database) {
  const tabellen = ((await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows: { tablename: string }[] }).rows;
  const uit: Record<string, string> = {};
  for (const { tablename } of tabellen) {
    const r = (await database.db.execute(sql`select count(*)::text || ':' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as v from ${sql.identifier(tablename)} t`)) as unknown as { rows: { v: string }[] };
    uit[tablename] = r.rows[0]!.v;
  }
  return uit;
}

/** the seed writes no audit rows; a backup must carry the hash chain, so there is one to carry */
async function voorAudit(database: Database) {
  for (let i = 0; i < 3; i++) await schrijfAudit(database.db, null, { actie: 'lezen', entiteit: 'voor_backup', doel: 'beheer' });
}

async function controleerHersteld(hersteld: Database, verwacht: Record<string, string>) {
  expect(await vingerafdruk(hersteld)).toEqual(verwacht);
  await controleerSleutel(hersteld.db, testVersleuteling);
  const keten = await controleerKeten(hersteld.db);
  expect(keten.breuk).toBeNull();
  expect(keten.aantal).toBeGreaterThan(0);
  // the restored database is a working one: the app role writes (and the append-only audit log takes a row)
  await schrijfAudit(hersteld.db, null, { actie: 'lezen', entiteit: 'hersteltest', doel: 'beheer' });
  expect((await hersteld.db.select().from(s.auditLog)).length).toBe(keten.aantal + 1);
  expect((await controleerKeten(hersteld.db)).breuk).toBeNull();
}

describe('back-up en herstel', () => {
  it('ingebouwde database: datamap → bestand → nieuwe datamap, alles gelijk', async () => {
    const bron = join(map, 'bron');
    const db = await openDatabase({ dataDir: bron });
    await seedTestRegios(db, 40);
    await voorAudit(db);
    const verwacht = await vingerafdruk(db);
    await db.close();

    const bestand = join(map, 'pglite.tar.gz');
    const r = await backupPglite(bron, bestand);
    expect(r.bytes).toBeGreaterThan(100_000);
    await expect(backupPglite(bron, bestand)).rejects.toThrow(/bestaat al/);

    const doel = join(map, 'doel');
    await herstelPglite(bestand, doel);
    await expect(herstelPglite(bestand, doel)).rejects.toThrow(/bevat al een database/);
    const hersteld = await openDatabase({ dataDir: doel });
    try {
      await controleerHersteld(hersteld, verwacht);
    } finally {
      await hersteld.close();
    }
    const geenBackup = join(map, 'geen.tar.gz');
    writeFileSync(geenBackup, 'dit is geen back-up');
    await expect(herstelPglite(geenBackup, join(map, 'leeg'))).rejects.toBeInstanceOf(DomeinFout);
  }, 240_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: pg_dump → pg_restore in een lege database, alles gelijk; een niet-lege database wordt geweigerd', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const namen = [`doorstroom_test_bron_${randomBytes(4).toString('hex')}`, `doorstroom_test_doel_${randomBytes(4).toString('hex')}`];
    const beheer = async (opdracht: string) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(opdracht);
      } finally {
        await c.end();
      }
    };
    const urlVan = (naam: string) => Object.assign(new URL(server), { pathname: `/${naam}` }).toString();
    for (const n of namen) await beheer(`CREATE DATABASE ${n}`);
    try {
      const bron = await openDatabase({ url: urlVan(namen[0]!) });
      await seedTestRegios(bron, 40);
      await voorAudit(bron);
      const verwacht = await vingerafdruk(bron);
      await bron.close();

      const bestand = join(map, 'postgres.dump');
      expect((await backupPostgres(urlVan(namen[0]!), bestand)).bytes).toBeGreaterThan(10_000);
      await expect(herstelPostgres(bestand, urlVan(namen[0]!))).rejects.toThrow(/niet leeg/);
      await herstelPostgres(bestand, urlVan(namen[1]!));
      const hersteld = await openDatabase({ url: urlVan(namen[1]!) });
      try {
        await controleerHersteld(hersteld, verwacht);
      } finally {
        await hersteld.close();
      }
    } finally {
      for (const n of namen) await beheer(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    }
  }, 240_000);
});
