import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema.js';
import { startPgliteWorker } from './pglite-worker-verbinding.js';
import { APP_ROL, appRolVerbindingsOpties } from './app-rol.js';
import { MIGRATIE_MAP } from '../paden.js';
import { neemSlot } from './datamap-slot.js';

export type Schema = typeof schema;
/** Both drivers share the PostgreSQL dialect; repositories only see this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is used exactly like a Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  soort: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = MIGRATIE_MAP;

export interface OpenOptions {
  /** postgres://… switches to a PostgreSQL server */
  url?: string;
  /** the owner's connection for the migrations, when the app itself logs in as a role without DDL rights */
  migratieUrl?: string;
  /** PGlite data directory; omitted means in-memory (tests) */
  dataDir?: string;
  /**
   * Runs on every new database connection before anything else uses it (e.g. `SET ROLE`), on both backends.
   * With PGlite there is one session, so it runs once per (re)connection of that one session.
   */
  naVerbinden?: (verbinding: pg.ClientBase) => Promise<void>;
  /** stay the owner after migrating (benchmarks that drop and rebuild indexes, role tests); the app never does */
  eigenaar?: boolean;
  /** PGlite folder: who holds its lock while open (datamap-slot.ts), named to whoever else tries to open it */
  slotHouder?: string;
  /**
   * In-memory PGlite only: start from this dump (a file written by PGlite's dumpDataDir) instead of an empty
   * cluster. The test suite migrates once and starts every test database from that dump: a fresh cluster plus the
   * migrations costs seconds per database, loading the dump a fraction of that. The migrations still run (and find
   * nothing left to do when the dump is up to date).
   */
  vanDump?: string;
}

/**
 * Both backends go through node-postgres: a pool of real connections to a PostgreSQL server, or one connection to
 * PGlite running in a worker thread (ADR 0011), so a slow query never blocks the server's event loop.
 */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.vanDump && (opts.url || opts.dataDir)) throw new Error('vanDump geldt alleen voor een PGlite in het geheugen');
  const { pool, soort, naSluiten, naMigratie } = opts.url ? postgresPool(opts.url, opts) : await pglitePool(opts);
  let sluit = false;
  // An idle pooled connection that the server ends (restart, failover, a DROP DATABASE … WITH (FORCE) racing
  // the pool's own shutdown) emits 'error' on the pool; without a listener that is an uncaught exception that
  // ends the process. The pool drops such a client and opens a new one on the next query, so logging is enough.
  pool.on('error', (fout: Error & { code?: string }) => {
    if (sluit && fout.code === '57P01') return;
    console.error(`Databaseverbinding verbroken (${fout.code ?? 'onbekend'}): ${fout.message}`);
  });
  const close = async () => {
    if (sluit) return;
    sluit = true;
    // pool.end() resolves as soon as every client is asked to end, not when their sockets are closed; a
    // DROP DATABASE right after would then terminate connections still saying goodbye. Wait for them.
    const open = pool.totalCount;
    let weg = 0;
    const gesloten = new Promise<void>((klaar) => {
      if (open === 0) klaar();
      pool.on('remove', () => {
        if (++weg >= open) klaar();
      });
      setTimeout(klaar, 5000).unref();
    });
    await pool.end();
    await gesloten;
    await naSluiten();
  };
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  try {
    if (opts.url) {
      // migrations as the owner on their own connection; the pool works as the app role (src/db/app-rol.ts)
      const migratie = new pg.Client({ connectionString: opts.migratieUrl ?? opts.url });
      await migratie.connect();
      try {
        await migratePg(drizzlePg(migratie, { schema }) as never, { migrationsFolder });
      } finally {
        await migratie.end();
      }
    } else {
      // PGlite has one session: migrate as the owner, then that session (and any reconnection) becomes the app role
      await migratePg(db as never, { migrationsFolder });
      // PGlite has no autovacuum: a table never analysed (a new database, or new tables from a migration) gets
      // its statistics now; afterwards seeds, large imports and the planner's hourly round keep them fresh
      if (await zonderStatistieken(db)) await analyseer(db);
      if (!opts.eigenaar) await naMigratie?.();
    }
  } catch (fout) {
    await close();
    throw fout;
  }
  return { db, soort, close };
}

/**
 * Fresh planner statistics for the application's tables (migration 0029). PGlite never gathers them by itself, so
 * this runs after opening, after a seed or import and hourly from the planner (`alleenGewijzigd`: only tables
 * changed by more than autovacuum's threshold since their last ANALYZE); on PostgreSQL it brings the
 * autovacuum's ANALYZE forward after a bulk write. Works inside a transaction (it then counts that transaction's
 * own new rows).
 */
export async function analyseer(db: DbOrTx, alleenGewijzigd = false) {
  await db.execute(sql`select doorstroom_analyseer(${alleenGewijzigd})`);
}

/** True when some table of the application was never analysed (pg_class.reltuples is -1 until then). */
async function zonderStatistieken(db: DbOrTx) {
  const { rows } = (await db.execute(
    sql`select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0) as ontbreekt`,
  )) as unknown as { rows: { ontbreekt: boolean }[] };
  return rows[0]!.ontbreekt;
}

function postgresPool(url: string, opts: OpenOptions) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(opts.eigenaar ? {} : appRolVerbindingsOpties()),
    ...(opts.naVerbinden ? { onConnect: opts.naVerbinden } : {}),
  });
  return { pool, soort: 'postgres' as const, naSluiten: async () => {}, naMigratie: undefined };
}

async function pglitePool(opts: OpenOptions) {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // one process per folder: a second PGlite on it (a backup, a second server) would read or write torn pages
  const slot = opts.dataDir ? neemSlot(opts.dataDir, opts.slotHouder ?? 'Doorstroom') : null;
  let worker: Awaited<ReturnType<typeof startPgliteWorker>>;
  try {
    worker = await startPgliteWorker(opts.dataDir, opts.vanDump);
  } catch (fout) {
    slot?.vrijgeven();
    throw fout;
  }
  let alsApp = false;
  const pool = new pg.Pool({
    // PGlite is one backend session: one connection, so a transaction has it to itself and other queries queue
    // in the pool until it commits or rolls back
    max: 1,
    idleTimeoutMillis: 0,
    user: 'postgres',
    database: 'postgres',
    password: 'pglite',
    stream: () => worker.nieuweVerbinding(),
    onConnect: async (verbinding: pg.ClientBase) => {
      if (alsApp) await verbinding.query(`SET ROLE ${APP_ROL}`);
      await opts.naVerbinden?.(verbinding);
    },
  });
  const naMigratie = async () => {
    alsApp = true;
    await pool.query(`SET ROLE ${APP_ROL}`);
  };
  const naSluiten = async () => {
    try {
      await worker.sluit();
    } finally {
      slot?.vrijgeven();
    }
  };
  return { pool, soort: 'pglite' as const, naSluiten, naMigratie };
}

/**
 * A new, empty, migrated database on a PostgreSQL server (tests and benchmarks); closing it drops it.
 * Without a server URL: an in-memory PGlite.
 */
export async function openWegwerpDatabase(
  serverUrl: string | undefined,
  voorvoegsel = 'doorstroom_tmp',
  opties: Pick<OpenOptions, 'naVerbinden' | 'eigenaar' | 'vanDump'> & {
    /** PostgreSQL only: copy this (migrated, unused) database instead of starting empty (CREATE DATABASE … TEMPLATE) */
    sjabloon?: string;
  } = {},
): Promise<Database> {
  const { sjabloon, ...open } = opties;
  if (!serverUrl) return openDatabase(open);
  const naam = `${voorvoegsel}_${randomBytes(6).toString('hex')}`;
  const opServer = async (opdracht: string) => {
    const beheer = new pg.Client({ connectionString: serverUrl });
    await beheer.connect();
    try {
      await beheer.query(opdracht);
    } finally {
      await beheer.end();
    }
  };
  if (sjabloon !== undefined && !/^[a-z_][a-z0-9_]*$/.test(sjabloon)) throw new Error(`Ongeldige sjabloonnaam: ${sjabloon}`);
  await opServer(`CREATE DATABASE ${naam}${sjabloon ? ` TEMPLATE ${sjabloon}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${naam}`;
  const database = await openDatabase({ ...open, vanDump: undefined, url: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      await opServer(`DROP DATABASE IF EXISTS ${naam} WITH (FORCE)`);
    },
  };
}

/**
 * `db.execute` as a named prepared statement, named after its text: PostgreSQL parses and plans a hot read once per
 * connection instead of on every request (the client list's statement spent more time in parse and bind than in
 * execution). Only for statements whose text comes from a small fixed set of shapes (the filters a list allows),
 * since each distinct text stays prepared on every pooled connection; PGlite ignores the name.
 */
export async function voerUitBenoemd<R>(db: DbOrTx, query: SQL): Promise<{ rows: R[] }> {
  const intern = db as unknown as { session: PgSession; dialect: PgDialect };
  const q = intern.dialect.sqlToQuery(query);
  const naam = `d_${createHash('sha1').update(q.sql).digest('base64url').slice(0, 20)}`;
  return (await intern.session.prepareQuery(q, undefined, naam, false).execute()) as { rows: R[] };
}
