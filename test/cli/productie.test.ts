import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { bouwApp } from '../../src/api/app.js';
import { openDatabase, openWegwerpDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { PROJECT_MAP } from '../../src/paden.js';
import { PEILDATUM, seedTestRegios, testVersleuteling } from '../helpers.js';

/**
 * The production path as an operator runs it: the compiled server (dist/server, made by `npm run build`, which
 * `npm test` runs first), no tsx, a fresh data folder per case. Signals drain and stop whichever process gets them,
 * and the port is free afterwards; production refuses what only belongs in a demo.
 */
const SERVER = join(PROJECT_MAP, 'dist', 'server', 'cli', 'index.js');
const map = mkdtempSync(join(tmpdir(), 'doorstroom-productie-'));
const TEST_SLEUTEL = Buffer.alloc(32, 7).toString('base64'); // the key of testVersleuteling (helpers.ts)

beforeAll(() => {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} ontbreekt: bouw eerst met npm run build (npm test doet dat)`);
});
afterAll(() => rmSync(map, { recursive: true, force: true }));

const omgeving = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...extra };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATIE_URL', 'DOORSTROOM_SLEUTEL', 'DOORSTROOM_SLEUTEL_BESTAND', 'NODE_ENV', 'DOORSTROOM_DEMO', 'PORT']) if (!(k in extra)) delete env[k];
  return env;
};

interface Draaiend {
  proces: ChildProcess;
  poort: number;
  uitvoer: () => string;
  einde: Promise<number | null>;
}

/** Starts `opdracht` and waits for the line with the address it listens on. */
function start(opdracht: string, args: string[], extra: NodeJS.ProcessEnv): Promise<Draaiend> {
  const proces = spawn(opdracht, args, { cwd: PROJECT_MAP, env: omgeving(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let uitvoer = '';
  const einde = new Promise<number | null>((klaar) => proces.on('exit', (code) => klaar(code)));
  return new Promise((klaar, mislukt) => {
    const lees = (stuk: Buffer) => {
      uitvoer += stuk.toString();
      const m = /draait op http:\/\/127\.0\.0\.1:(\d+)/.exec(uitvoer);
      if (m) klaar({ proces, poort: Number(m[1]), uitvoer: () => uitvoer, einde });
    };
    proces.stdout!.on('data', lees);
    proces.stderr!.on('data', lees);
    void einde.then((code) => mislukt(new Error(`gestopt met ${code} voor hij luisterde:\n${uitvoer}`)));
  });
}

/** Runs to the end (a refusal) and returns exit code and output. */
function draai(args: string[], extra: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const proces = spawn(process.execPath, [SERVER, ...args], { cwd: PROJECT_MAP, env: omgeving(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proces.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((klaar) => proces.on('exit', (code) => klaar({ code, stderr })));
}

const poortVrij = (poort: number) =>
  new Promise<boolean>((klaar) => {
    const c = connect(poort, '127.0.0.1');
    c.on('connect', () => (c.destroy(), klaar(false)));
    c.on('error', () => klaar(true));
  });

const dataMap = (naam: string) => {
  const d = join(map, naam);
  mkdirSync(d, { recursive: true });
  return d;
};

describe('productie: de gecompileerde server', () => {
  it('npm run productie: gecompileerd, zonder demo, gezond en gereed; SIGTERM aan npm stopt ook de server en maakt de poort vrij', async () => {
    const s1 = await start('npm', ['run', '--silent', 'productie', '--', '--port', '0'], { DOORSTROOM_DATA: dataMap('npm') });
    try {
      expect(s1.uitvoer()).toMatch(/zonder demogegevens/);
      expect(s1.uitvoer()).not.toMatch(/Demo-logins/);
      const basis = `http://127.0.0.1:${s1.poort}`;
      expect(await (await fetch(`${basis}/api/health`)).json()).toEqual({ ok: true });
      expect(await (await fetch(`${basis}/api/ready`)).json()).toEqual({ ok: true });
      const web = await fetch(`${basis}/`);
      expect(web.status).toBe(200);
      expect(await web.text()).toMatch(/<div id="root"|<!doctype html>/i);
    } finally {
      s1.proces.kill('SIGTERM');
    }
    await s1.einde;
    // npm is gone; the server it started must be too, its port free within a few seconds
    let vrij = false;
    for (let i = 0; i < 50 && !vrij; i++) {
      vrij = await poortVrij(s1.poort);
      if (!vrij) await new Promise((r) => setTimeout(r, 200));
    }
    expect(vrij, s1.uitvoer()).toBe(true);
    expect(s1.uitvoer()).toMatch(/SIGTERM: Doorstroom stopt/);
  }, 300_000);

  it('node direct: SIGINT (Ctrl-C) stopt netjes met exitcode 0, ook als het signaal twee keer komt', async () => {
    const s2 = await start(process.execPath, [SERVER, 'start', '--port', '0'], { DOORSTROOM_DATA: dataMap('node') });
    s2.proces.kill('SIGINT');
    s2.proces.kill('SIGINT');
    expect(await s2.einde).toBe(0);
    expect(await poortVrij(s2.poort)).toBe(true);
    expect(s2.uitvoer().match(/stopt…/g)).toHaveLength(1);
  }, 300_000);

  it('productie weigert de ontwikkelsleutel, ook als kopie buiten de datamap', async () => {
    const d = dataMap('devsleutel');
    const sleutel = randomBytes(32).toString('base64');
    writeFileSync(join(d, 'dev-sleutel.txt'), sleutel);
    const u = await draai(['start', '--port', '0'], { DOORSTROOM_DATA: d, NODE_ENV: 'production', DOORSTROOM_SLEUTEL: sleutel });
    expect(u.code).toBe(1);
    expect(u.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^In productie \(NODE_ENV=production\) start Doorstroom niet met de ontwikkelsleutel/)]);
  }, 300_000);

  it('productie weigert --demo, en weigert te starten met demo-accounts in de database', async () => {
    const demo = await draai(['start', '--demo', '--port', '0'], { DOORSTROOM_DATA: dataMap('demo-vlag'), NODE_ENV: 'production', DOORSTROOM_SLEUTEL: TEST_SLEUTEL });
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/niet met --demo/);
    const d = dataMap('demo-accounts');
    const database = await openDatabase({ dataDir: join(d, 'pglite') });
    await seedTestRegios(database, 10);
    await database.close();
    const u = await draai(['start', '--port', '0'], { DOORSTROOM_DATA: d, NODE_ENV: 'production', DOORSTROOM_SLEUTEL: TEST_SLEUTEL });
    expect(u.code).toBe(1);
    expect(u.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^In productie \(NODE_ENV=production\) start de server niet met demo-accounts in de database: \d+ gebruikers met een adres op \.demo/)]);
  }, 400_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('start --demo tegen een lege PostgreSQL-database (DATABASE_URL) maakt geen demo-accounts', async () => {
    const database = await openWegwerpDatabase(process.env.TEST_DATABASE_URL, 'doorstroom_test', { eigenaar: true });
    try {
      const [rij] = ((await database.db.execute(sql`select current_database() as naam`)) as unknown as { rows: { naam: string }[] }).rows;
      const url = Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${rij!.naam}` }).toString();
      const s3 = await start(process.execPath, [SERVER, 'start', '--demo', '--port', '0'], { DOORSTROOM_DATA: dataMap('pg'), DATABASE_URL: url });
      try {
        expect(s3.uitvoer()).toMatch(/--demo vult alleen de ingebouwde database/);
        const [n] = await database.db.select({ n: count() }).from(s.gebruikers);
        expect(n!.n).toBe(0);
        expect((await fetch(`http://127.0.0.1:${s3.poort}/api/ready`)).status).toBe(200);
      } finally {
        s3.proces.kill('SIGTERM');
      }
      expect(await s3.einde).toBe(0);
    } finally {
      await database.close();
    }
  }, 300_000);

  it('zonder gebouwde web-app zegt / dat, in plaats van een kale 404', async () => {
    const database = await openDatabase();
    try {
      const app = await bouwApp({ db: database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM }, { webMap: join(map, 'geen-web') });
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toMatch(/De web-app is niet gebouwd/);
      expect(res.body).toMatch(/npm run build/);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  }, 300_000);
});
