import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ongeldig } from '../domain/fouten.js';
import { neemSlot } from './datamap-slot.js';

const voerUit = promisify(execFile);

/**
 * Backup and restore of both databases (ADR 0021), always of the whole database and always into an empty target:
 * - PGlite: the data folder as PGlite's own tarball (dumpDataDir, gzip), restored with loadDataDir; the server must
 *   be stopped, because the folder belongs to one process: both take the folder's lock (datamap-slot.ts) and refuse
 *   while a server (or anything else) holds it, rather than copy pages it is writing;
 * - PostgreSQL: pg_dump in its custom format, restored with pg_restore in one transaction (all or nothing).
 * The encryption key is never in a backup: it is kept apart, and a restore without it reads nothing.
 */

export interface BackupResultaat {
  bestand: string;
  bytes: number;
}

export async function backupPglite(dataDir: string, bestand: string): Promise<BackupResultaat> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw ongeldig(`In ${dataDir} staat geen ingebouwde database om te back-uppen.`);
  weigerBestaandBestand(bestand);
  const slot = neemSlot(dataDir, 'back-up', 'Een back-up van de ingebouwde database kan alleen als de server gestopt is: stop hem (Ctrl-C of SIGTERM) en maak de back-up daarna.');
  try {
    const pglite = await PGlite.create(dataDir);
    try {
      const tar = await pglite.dumpDataDir('gzip');
      const bytes = Buffer.from(await tar.arrayBuffer());
      writeFileSync(bestand, bytes, { mode: 0o600 });
      return { bestand, bytes: bytes.length };
    } finally {
      await pglite.close();
    }
  } finally {
    slot.vrijgeven();
  }
}

export async function herstelPglite(bestand: string, dataDir: string): Promise<void> {
  if (!existsSync(bestand)) throw ongeldig(`Back-upbestand ${bestand} bestaat niet.`);
  // first the lock: a server that has just created the folder (still empty) must not get a restore under its feet
  const slot = neemSlot(dataDir, 'herstel', 'Herstel kan alleen als de server gestopt is: stop hem (Ctrl-C of SIGTERM) en herstel daarna.');
  try {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw ongeldig(`De datamap ${dataDir} bevat al een database; herstel gaat alleen naar een lege map (verplaats of verwijder de huidige eerst).`);
    }
    const inhoud = readFileSync(bestand);
    // a gzip file starts with 1f 8b; anything else is not one of ours and would leave a half-made folder behind
    if (inhoud[0] !== 0x1f || inhoud[1] !== 0x8b) throw ongeldig(`${bestand} is geen back-up van de ingebouwde database (geen gzip-bestand).`);
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([inhoud]) });
    await pglite.close();
  } finally {
    slot.vrijgeven();
  }
}

/** pg_dump / pg_restore: from DOORSTROOM_PG_BIN, else the PATH, else the newest /usr/lib/postgresql/<versie>/bin. */
export function pgProgramma(naam: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const mappen = [env.DOORSTROOM_PG_BIN, ...(env.PATH ?? '').split(delimiter)].filter((m): m is string => !!m);
  for (const map of mappen) if (existsSync(join(map, naam))) return join(map, naam);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versies = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', naam))).sort((a, b) => Number(b) - Number(a));
    if (versies[0]) return join(debian, versies[0], 'bin', naam);
  }
  throw ongeldig(`${naam} niet gevonden: installeer de PostgreSQL-clientprogramma's (bijv. apt-get install postgresql-client) of zet DOORSTROOM_PG_BIN op hun map.`);
}

export async function backupPostgres(url: string, bestand: string): Promise<BackupResultaat> {
  weigerBestaandBestand(bestand);
  await metProgrammaFout('pg_dump', () => voerUit(pgProgramma('pg_dump'), ['--format=custom', '--no-password', `--file=${bestand}`, `--dbname=${url}`]));
  return { bestand, bytes: statSync(bestand).size };
}

/**
 * Into an empty database only (no tables in public): a restore never mixes two states. The app role is a cluster
 * object a dump does not carry: it is made first (as migration 0015 does), so the dump's grants to it land.
 * Objects become the restoring owner's (--no-owner), as after a fresh migration.
 */
export async function herstelPostgres(bestand: string, url: string): Promise<void> {
  if (!existsSync(bestand)) throw ongeldig(`Back-upbestand ${bestand} bestaat niet.`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema in ('public', 'drizzle')`);
    if (Number(rows[0]!.n) > 0) throw ongeldig('De doeldatabase is niet leeg; herstel gaat alleen naar een lege database (maak een nieuwe met createdb).');
    await client.query(`DO $$ BEGIN CREATE ROLE doorstroom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await client.query(`DO $$ BEGIN IF NOT pg_has_role(current_user, 'doorstroom_app', 'MEMBER') THEN EXECUTE format('GRANT doorstroom_app TO %I', current_user); END IF; END $$`);
  } finally {
    await client.end();
  }
  await metProgrammaFout('pg_restore', () =>
    voerUit(pgProgramma('pg_restore'), ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${url}`, bestand]),
  );
}

function weigerBestaandBestand(bestand: string) {
  if (existsSync(bestand)) throw ongeldig(`${bestand} bestaat al; een back-up overschrijft niets (kies een nieuwe naam).`);
}

/** A failing pg_dump or pg_restore is a refusal with its own first lines, not a stack trace. */
async function metProgrammaFout(naam: string, werk: () => Promise<unknown>) {
  try {
    await werk();
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? (e as Error).message ?? e)
      .trim()
      .split('\n')
      .slice(0, 3)
      .join(' | ');
    throw ongeldig(`${naam} mislukt: ${stderr}`);
  }
}
