import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostname, userInfo } from 'node:os';
import { ongeldig } from '../domain/fouten.js';
import { hash } from '@node-rs/argon2';
import cliProgress from 'cli-progress';
import { count } from 'drizzle-orm';
import { openDatabase, type Database, type DbOrTx } from '../db/client.js';
import { actorVoorEmail as actorVoorEmailInDb } from '../db/repos/gebruikers.js';
import type { Actor } from '../domain/auth.js';
import type { Herkomst } from '../domain/audit.js';
import * as s from '../db/schema.js';
import { DEMO_LANDELIJK, DEMO_REGIO, DEMO_REGIOS_EXTRA, DEMO_WACHTWOORD, seedLandelijk, seedRegio, type SeedResultaat } from '../db/seed.js';
import { laadSleutel, SleutelFout, Versleuteling } from '../db/versleuteling.js';
import { controleerSleutel } from '../db/repos/sleutelrotatie.js';
import { verzegelAudit } from '../db/repos/audit.js';

export const dataMap = () => resolve(process.env.DOORSTROOM_DATA ?? 'data');

/** Opens the configured database: DATABASE_URL for a server, else embedded PGlite in the data folder. */
export async function openOmgeving(wat = `doorstroom ${process.argv[2] ?? ''}`.trim()): Promise<{ database: Database; versleuteling: Versleuteling }> {
  // the key first: a refusal (production without a key from outside the data folder) must not open the database
  const productie = process.env.NODE_ENV === 'production';
  const sleutel = laadSleutel({ dataMap: dataMap(), productie });
  if (productie) weigerOntwikkelsleutel(sleutel);
  const versleuteling = new Versleuteling(sleutel);
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url, migratieUrl: process.env.DATABASE_MIGRATIE_URL } : { dataDir: join(dataMap(), 'pglite'), slotHouder: wat });
  try {
    await controleerSleutel(database.db, versleuteling);
  } catch (e) {
    await database.close();
    throw e;
  }
  // a CLI command's own audit rows join the chain before it exits (a server, if one runs, would do so within a second)
  const sluit = database.close;
  const metVerzegelen: Database = {
    ...database,
    close: async () => {
      try {
        await verzegelAudit(database.db);
      } catch (e) {
        console.error(`Auditregels niet verzegeld (de volgende start of audit-controleer doet het alsnog): ${(e as Error).message}`);
      }
      await sluit();
    },
  };
  return { database: metVerzegelen, versleuteling };
}

/**
 * Production refuses a key that was generated for development (dev-sleutel.txt in the data folder), also when it
 * was copied elsewhere and named through DOORSTROOM_SLEUTEL(_BESTAND): it sat unprotected beside the data.
 */
function weigerOntwikkelsleutel(sleutel: Buffer) {
  const devSleutel = join(dataMap(), 'dev-sleutel.txt');
  if (!existsSync(devSleutel)) return;
  if (readFileSync(devSleutel, 'utf8').trim() === sleutel.toString('base64')) {
    throw new SleutelFout(`In productie (NODE_ENV=production) start Doorstroom niet met de ontwikkelsleutel uit ${devSleutel}: maak een eigen sleutel (openssl rand -base64 32), roteer ernaar (sleutel-roteer) en verwijder dat bestand.`);
  }
}

/** A file the user named on the command line; a missing or unreadable one is a refusal, not a stack trace. */
export function leesBestand(pad: string): string;
export function leesBestand(pad: string, binair: 'binair'): Buffer;
export function leesBestand(pad: string, binair?: 'binair'): string | Buffer {
  try {
    return binair ? readFileSync(pad) : readFileSync(pad, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reden = code === 'ENOENT' ? 'bestaat niet' : code === 'EISDIR' ? 'is een map' : code === 'EACCES' ? 'mag niet gelezen worden' : 'is niet leesbaar';
    throw ongeldig(`Bestand ${pad} ${reden}.`);
  }
}

export const vandaag = () => new Date().toISOString().slice(0, 10);

export function voortgangsbalk() {
  const multi = new cliProgress.MultiBar(
    { format: ' {stap} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  const balken = new Map<string, cliProgress.SingleBar>();
  return {
    update(stap: string, klaar: number, totaal: number) {
      let balk = balken.get(stap);
      if (!balk) {
        balk = multi.create(totaal, 0, { stap: stap.padEnd(16) });
        balken.set(stap, balk);
      }
      balk.setTotal(totaal);
      balk.update(klaar, { stap: stap.padEnd(16) });
    },
    stop: () => multi.stop(),
  };
}

/** Runs `werk` with progress bars that are stopped before anything else is printed, also when it throws. */
export async function metVoortgang<T>(werk: (balk: ReturnType<typeof voortgangsbalk>) => Promise<T>): Promise<T> {
  const balk = voortgangsbalk();
  try {
    return await werk(balk);
  } finally {
    balk.stop();
  }
}

export async function isLeeg(database: Database) {
  const [rij] = await database.db.select({ n: count() }).from(s.regios);
  return (rij?.n ?? 0) === 0;
}

/** The demo: Regio Rivierland (the result), two more regions of other sizes and the national body (issue 15). */
export async function seedDemo(database: Database, versleuteling: Versleuteling, peildatum = vandaag()): Promise<SeedResultaat & { andere: SeedResultaat[] }> {
  return metVoortgang(async (balk) => {
    const wachtwoordHash = await hash(DEMO_WACHTWOORD);
    return database.db.transaction(async (tx) => {
      const hoofd = await seedRegio(tx, { ...DEMO_REGIO, peildatum, wachtwoordHash, versleuteling }, balk.update);
      const andere: SeedResultaat[] = [];
      for (const regio of DEMO_REGIOS_EXTRA) andere.push(await seedRegio(tx, { ...regio, peildatum, wachtwoordHash, versleuteling }, balk.update));
      await seedLandelijk(tx, { ...DEMO_LANDELIJK, wachtwoordHash, versleuteling });
      return { ...hoofd, andere };
    });
  });
}

/**
 * CLI commands act on behalf of a named user (`--gebruiker`), so rights and the audit log apply as in the web app;
 * the audit log also records the operator who ran the command (OS user and machine) and that it came from the CLI.
 */
export async function actorVoorEmail(db: DbOrTx, email: string): Promise<Actor> {
  const actor = await actorVoorEmailInDb(db, email);
  return { ...actor, herkomst: cliHerkomst() };
}

export function cliHerkomst(): Herkomst {
  let gebruiker = process.env.USER ?? process.env.USERNAME ?? 'onbekend';
  try {
    gebruiker = userInfo().username;
  } catch {
    // no passwd entry (some containers): the environment's name is the best there is
  }
  return { ip: null, agent: 'cli', uitvoerder: `${gebruiker}@${hostname()}` };
}
