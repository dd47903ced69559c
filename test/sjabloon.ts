import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/db/client.js';
import { MIGRATIE_MAP, PROJECT_MAP } from '../src/paden.js';

/**
 * Vitest's globalSetup: migrates one database before any test file runs, so that every test database starts as a
 * copy of it instead of running all migrations again (seconds per database on PGlite, dozens of databases per run).
 * - PGlite: a dump of a migrated cluster in the temp folder, named after a hash of the migrations and the PGlite
 *   version (a run after a new migration makes a new one; an unchanged tree reuses it between runs).
 * - PostgreSQL (TEST_DATABASE_URL): a migrated database on the test server for CREATE DATABASE … TEMPLATE, made per
 *   run and dropped after it.
 * test/helpers.ts reads both from the environment, which the test processes inherit. Opening a copy still runs the
 * migrator; it finds every migration applied.
 */

export const DUMP_VAR = 'DOORSTROOM_TEST_PGLITE_DUMP';
export const SJABLOON_VAR = 'DOORSTROOM_TEST_PG_SJABLOON';

/** changes whenever a migration, the PGlite version or the way a database is opened changes */
function migratieHash() {
  const h = createHash('sha256');
  const pgliteVersie = JSON.parse(readFileSync(join(PROJECT_MAP, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
  h.update(`pglite ${pgliteVersie}\n`);
  // how openDatabase migrates and analyses a new database is part of what the dump holds
  h.update(readFileSync(join(PROJECT_MAP, 'src/db/client.ts')));
  const bestanden = (map: string, voor = ''): string[] =>
    readdirSync(join(map, voor), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? bestanden(map, join(voor, d.name)) : [join(voor, d.name)]));
  for (const b of bestanden(MIGRATIE_MAP).sort()) h.update(`${b}\n`).update(readFileSync(join(MIGRATIE_MAP, b)));
  return h.digest('hex').slice(0, 16);
}

async function pgliteDump(): Promise<string> {
  const bestand = join(tmpdir(), `doorstroom-test-pglite-${migratieHash()}.tar`);
  if (existsSync(bestand)) return bestand;
  const werk = mkdtempSync(join(tmpdir(), 'doorstroom-sjabloon-'));
  try {
    // the same path as every test database took until now (openDatabase: migrations, then ANALYZE), in a folder
    const data = join(werk, 'pglite');
    const database = await openDatabase({ dataDir: data, eigenaar: true, slotHouder: 'test-sjabloon' });
    await database.close();
    const pglite = new PGlite(data);
    // dumpDataDir does not wait for the start itself (it would wait forever)
    await pglite.waitReady;
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    // write, then rename: a second run starting at the same moment never reads half a file
    const half = `${bestand}.${randomBytes(4).toString('hex')}`;
    writeFileSync(half, Buffer.from(await dump.arrayBuffer()));
    renameSync(half, bestand);
    return bestand;
  } finally {
    rmSync(werk, { recursive: true, force: true });
  }
}

async function opServer(url: string, opdracht: string) {
  const beheer = new pg.Client({ connectionString: url });
  await beheer.connect();
  try {
    await beheer.query(opdracht);
  } finally {
    await beheer.end();
  }
}

export default async function setup() {
  process.env[DUMP_VAR] = await pgliteDump();
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return;
  const naam = `doorstroom_sjabloon_${randomBytes(6).toString('hex')}`;
  await opServer(server, `CREATE DATABASE ${naam}`);
  const url = new URL(server);
  url.pathname = `/${naam}`;
  // as the owner throughout: nobody may stay connected to a template while it is copied, so close everything
  const database = await openDatabase({ url: url.toString(), eigenaar: true });
  await database.close();
  process.env[SJABLOON_VAR] = naam;
  return async () => {
    await opServer(server, `DROP DATABASE IF EXISTS ${naam} WITH (FORCE)`);
  };
}
