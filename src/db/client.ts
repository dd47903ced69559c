import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { appRolVerbindingsOpties, zetAppRol } from './app-rol.js';

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

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface OpenOptions {
  /** postgres://… switches to a PostgreSQL server */
  url?: string;
  /** the owner's connection for the migrations, when the app itself logs in as a role without DDL rights */
  migratieUrl?: string;
  /** PGlite data directory; omitted means in-memory (tests) */
  dataDir?: string;
  /** stay the owner after migrating (benchmarks that drop and rebuild indexes); the app never does */
  eigenaar?: boolean;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    // migrations as the owner on their own connection; the pool below works as the app role (src/db/app-rol.ts)
    const migratie = new pg.Client({ connectionString: opts.migratieUrl ?? opts.url });
    await migratie.connect();
    try {
      await migratePg(drizzlePg(migratie, { schema }) as never, { migrationsFolder });
    } finally {
      await migratie.end();
    }
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, ...(opts.eigenaar ? {} : appRolVerbindingsOpties()) });
    let sluit = false;
    // An idle pooled connection that the server ends (restart, failover, a DROP DATABASE … WITH (FORCE) racing
    // the pool's own shutdown) emits 'error' on the pool; without a listener that is an uncaught exception that
    // ends the process. The pool drops such a client and opens a new one on the next query, so logging is enough.
    pool.on('error', (fout: Error & { code?: string }) => {
      if (sluit && fout.code === '57P01') return;
      console.error(`PostgreSQL-verbinding verbroken (${fout.code ?? 'onbekend'}): ${fout.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      soort: 'postgres',
      close: async () => {
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
      },
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = new PGlite(opts.dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  if (!opts.eigenaar) await zetAppRol(client);
  return { db, soort: 'pglite', close: () => client.close() };
}

/**
 * A new, empty, migrated database on a PostgreSQL server (tests and benchmarks); closing it drops it.
 * Without a server URL: an in-memory PGlite.
 */
export async function openWegwerpDatabase(serverUrl: string | undefined, voorvoegsel = 'doorstroom_tmp', opties: Pick<OpenOptions, 'eigenaar'> = {}): Promise<Database> {
  if (!serverUrl) return openDatabase(opties);
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
  await opServer(`CREATE DATABASE ${naam}`);
  const url = new URL(serverUrl);
  url.pathname = `/${naam}`;
  const database = await openDatabase({ url: url.toString(), ...opties });
  return {
    ...database,
    close: async () => {
      await database.close();
      await opServer(`DROP DATABASE IF EXISTS ${naam} WITH (FORCE)`);
    },
  };
}
