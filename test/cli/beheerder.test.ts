import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { bouwApp } from '../../src/api/app.js';
import { openDatabase, openWegwerpDatabase, type Database } from '../../src/db/client.js';
import { controleerKeten } from '../../src/db/repos/audit.js';
import * as s from '../../src/db/schema.js';
import { totpCode } from '../../src/domain/mfa.js';
import { PEILDATUM, testVersleuteling } from '../helpers.js';

/**
 * A production database starts empty: the operator makes the centrumgemeente and its first beheerder on the command
 * line, and that account logs in through the app (password, then enrolling the second factor it must have). Run as a
 * user runs it (a separate process), on both databases.
 */
const REPO = new URL('../..', import.meta.url).pathname;
const map = mkdtempSync(join(tmpdir(), 'doorstroom-beheerder-'));
afterAll(() => rmSync(map, { recursive: true, force: true }));
const TEST_SLEUTEL = Buffer.alloc(32, 7).toString('base64'); // testVersleuteling's key
const WACHTWOORD = 'lange zin als wachtwoord 42';

interface Uitvoer {
  code: number;
  stdout: string;
  stderr: string;
}

type Omgeving = { soort: 'pglite'; data: string } | { soort: 'postgres'; data: string; url: string };

function doorstroom(o: Omgeving, extra: NodeJS.ProcessEnv, invoer: string | null, ...args: string[]): Promise<Uitvoer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOORSTROOM_DATA: o.data, DOORSTROOM_SLEUTEL: TEST_SLEUTEL, CI: 'true', ...extra };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATIE_URL', 'DOORSTROOM_SLEUTEL_BESTAND', 'NODE_ENV', 'DOORSTROOM_WACHTWOORD']) if (!(k in extra)) delete env[k];
  if (o.soort === 'postgres') env.DATABASE_URL = o.url;
  return new Promise((klaar) => {
    const kind = execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: REPO, env, timeout: 300_000 }, (fout, stdout, stderr) =>
      klaar({ code: fout ? (typeof fout.code === 'number' ? fout.code : -1) : 0, stdout, stderr }),
    );
    if (invoer !== null) kind.stdin!.end(invoer);
    else kind.stdin!.end();
  });
}

const geweigerd = (u: Uitvoer, patroon: RegExp) => {
  expect(u.code, u.stdout + u.stderr).toBe(1);
  expect(u.stderr).toMatch(patroon);
  expect(u.stderr).not.toMatch(/^\s+at /m);
};

const gebruikers = async (database: Database) => database.db.select().from(s.gebruikers).orderBy(asc(s.gebruikers.email));

const cookieUit = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((k) => k.name === 'doorstroom_sessie')!;
  return `${c.name}=${c.value}`;
};

describe.each(process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const))('eerste beheerder op de opdrachtregel (%s)', (soort) => {
  it('centrumgemeente en beheerder aanmaken; wachtwoordbeleid, .demo in productie en dubbele adressen geweigerd; de beheerder logt in en stelt tweestapsverificatie in', async () => {
    const data = join(map, soort);
    let pg: Database | null = null;
    let o: Omgeving = { soort: 'pglite', data };
    if (soort === 'postgres') {
      pg = await openWegwerpDatabase(process.env.TEST_DATABASE_URL, 'doorstroom_test', { eigenaar: true });
      const [rij] = ((await pg.db.execute(sql`select current_database() as naam`)) as unknown as { rows: { naam: string }[] }).rows;
      o = { soort: 'postgres', data, url: Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${rij!.naam}` }).toString() };
    }
    try {
      const metWachtwoord = { DOORSTROOM_WACHTWOORD: WACHTWOORD };
      // an empty database: no organisation to put a beheerder in, and the message says what to do first
      geweigerd(await doorstroom(o, metWachtwoord, null, 'beheerder-aanmaken', '--organisatie', 'Centrumstad', '--email', 'anna@centrumstad.nl', '--naam', 'Anna Jansen'), /nog geen organisaties.*organisatie-aanmaken/);
      geweigerd(await doorstroom(o, {}, null, 'organisatie-aanmaken', '--regio', 'Rivierland', '--naam', 'Noorddorp', '--soort', 'regiogemeente', '--gemeentecode', 'GM0345'), /bestaat nog niet; maak eerst de centrumgemeente/);
      const org = await doorstroom(o, {}, null, 'organisatie-aanmaken', '--regio', 'Rivierland', '--naam', 'Centrumstad', '--gemeentecode', 'GM0344');
      expect(org.code, org.stderr).toBe(0);
      expect(org.stdout).toMatch(/Regio 'Rivierland' aangemaakt\. Centrumgemeente 'Centrumstad' aangemaakt/);

      // the password is checked before anything is written; in production no .demo address
      geweigerd(await doorstroom(o, { DOORSTROOM_WACHTWOORD: 'janssen-centrumstad' }, null, 'beheerder-aanmaken', '--organisatie', 'centrumstad', '--email', 'anna@centrumstad.nl', '--naam', 'Anna Janssen'), /^Wachtwoord: bevat \(een deel van\) de eigen naam/);
      geweigerd(await doorstroom(o, { ...metWachtwoord, NODE_ENV: 'production' }, null, 'beheerder-aanmaken', '--organisatie', 'Centrumstad', '--email', 'beheer@centrumstad.demo', '--naam', 'Demo'), /demo-adres \(\.demo\); in productie/);

      // a script gives the password on standard input, never as an argument
      const aangemaakt = await doorstroom(o, { NODE_ENV: 'production' }, `${WACHTWOORD}\n`, 'beheerder-aanmaken', '--organisatie', 'Centrumstad', '--email', 'Anna@Centrumstad.nl', '--naam', 'Anna Jansen', '--wachtwoord-stdin');
      expect(aangemaakt.code, aangemaakt.stderr).toBe(0);
      expect(aangemaakt.stdout).toMatch(/Beheerder anna@centrumstad\.nl aangemaakt bij Centrumgemeente 'Centrumstad'/);
      expect(aangemaakt.stdout).toMatch(/tweestapsverificatie in te stellen/);
      geweigerd(await doorstroom(o, metWachtwoord, null, 'beheerder-aanmaken', '--organisatie', 'Centrumstad', '--email', 'anna@centrumstad.nl', '--naam', 'Anna Tweede'), /al een account met anna@centrumstad\.nl/);

      const database = pg ?? (await openDatabase({ dataDir: join(data, 'pglite') }));
      try {
        const rijen = await gebruikers(database);
        expect(rijen.map((g) => [g.email, g.naam, g.rol, g.actief])).toEqual([['anna@centrumstad.nl', 'Anna Jansen', 'beheerder', true]]);
        expect(rijen[0]!.wachtwoordHash).toMatch(/^\$argon2id\$/);
        // no second factor yet: the first login enrols it
        expect(await database.db.select().from(s.gebruikerMfa)).toEqual([]);
        const audit = await database.db.select().from(s.auditLog).where(eq(s.auditLog.actie, 'aanmaken')).orderBy(asc(s.auditLog.id));
        expect(audit.map((a) => a.entiteit)).toEqual(['regio', 'organisatie', 'gebruiker']);
        for (const a of audit) {
          expect(a).toMatchObject({ gebruikerId: null, doel: 'beheer', userAgent: 'cli', resultaat: 'toegestaan' });
          expect(a.regioId).toBeTruthy();
          expect(a.uitvoerder).toMatch(/.+@.+/);
        }
        expect(audit[2]!.entiteitId).toBe(rijen[0]!.id);
        expect((await controleerKeten(database.db)).breuk).toBeNull();

        const app = await bouwApp({ db: database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM });
        try {
          expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'anna@centrumstad.nl', wachtwoord: 'een ander wachtwoord' } })).statusCode).toBe(401);
          const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'anna@centrumstad.nl', wachtwoord: WACHTWOORD } });
          expect(login.statusCode, login.body).toBe(200);
          expect(login.json().mfa).toBe('inschrijven');
          let kop = { cookie: cookieUit(login), 'x-csrf-token': login.json().csrfToken as string };
          // half-way: nothing but enrolling
          expect((await app.inject({ method: 'GET', url: '/api/audit', headers: kop })).json()).toMatchObject({ mfa: 'inschrijven' });
          const start = await app.inject({ method: 'POST', url: '/api/auth/mfa/inschrijven', headers: kop, payload: {} });
          expect(start.statusCode, start.body).toBe(200);
          const geheim = (start.json().geheim as string).replace(/\s/g, '');
          const bevestig = await app.inject({ method: 'POST', url: '/api/auth/mfa/inschrijven/bevestig', headers: kop, payload: { code: totpCode(geheim, new Date()) } });
          expect(bevestig.statusCode, bevestig.body).toBe(200);
          expect(bevestig.json().herstelcodes).toHaveLength(10);
          kop = { cookie: cookieUit(bevestig), 'x-csrf-token': bevestig.json().csrfToken as string };
          const ik = await app.inject({ method: 'GET', url: '/api/auth/me', headers: kop });
          expect(ik.json()).toMatchObject({ rol: 'beheerder', soort: 'centrumgemeente', organisatie: 'Centrumstad', regio: 'Rivierland', mfa: null });
        } finally {
          await app.close();
        }
      } finally {
        if (!pg) await database.close();
      }
    } finally {
      await pg?.close();
    }
  }, 900_000);
});
