import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { bouwApp } from '../../src/api/app.js';
import type { Database } from '../../src/db/client.js';
import { DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { backends, PEILDATUM, seedTestRegios, testDatabase, testVersleuteling } from '../helpers.js';

/**
 * One request that keeps the database busy for seconds must not stall the server: a health probe with a session
 * cookie, sent while the slow request runs, is answered before it. Real HTTP on a random port, because a blocked
 * event loop would hold an injected request just the same. Asserts order, prints the probe's latency.
 */
describe.each(backends)('een trage aanvraag blokkeert de server niet (%s)', (backend) => {
  let database: Database;
  let app: FastifyInstance;
  let adres: string;
  let traagBezig = false;

  beforeAll(async () => {
    database = await testDatabase(backend);
    await seedTestRegios(database, 5);
    app = await bouwApp({ db: database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM });
    // test-only route on this app instance: a query that holds the database for two seconds
    // (every route names its access rule and purpose; without one the auth hook refuses it)
    app.get('/test/traag', { config: { toegang: { publiek: true }, doel: 'beheer' } }, async () => {
      traagBezig = true;
      await database.db.execute(sql`select pg_sleep(2)`);
      return { klaar: true };
    });
    adres = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('/api/health met sessiecookie antwoordt terwijl een query van twee seconden loopt', async () => {
    const login = await fetch(`${adres}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'toegang@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await fetch(`${adres}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    const gebeurd: string[] = [];
    const traag = fetch(`${adres}/test/traag`).then(async (r) => {
      expect(r.status).toBe(200);
      gebeurd.push('traag klaar');
    });
    const uiterlijk = Date.now() + 20_000;
    while (!traagBezig) {
      if (Date.now() > uiterlijk) throw new Error('de trage aanvraag is nooit begonnen');
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 100)); // the sleep has reached the database by now

    const t0 = performance.now();
    const health = await fetch(`${adres}/api/health`, { headers: { cookie } });
    const latentie = performance.now() - t0;
    gebeurd.push('health klaar');
    expect(health.status).toBe(200);
    console.log(`[${backend}] /api/health met cookie tijdens pg_sleep(2): ${latentie.toFixed(1)} ms`);

    await traag;
    expect(gebeurd).toEqual(['health klaar', 'traag klaar']);
  });
});
