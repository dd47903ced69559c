import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { bouwApp } from '../../src/api/app.js';
import type { Database } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { maskeerWaarden } from '../../src/api/logboek.js';
import { testDatabase, testVersleuteling } from '../helpers.js';

/**
 * The server log never holds what a user typed: a failing query's log line has the SQL text but no parameter
 * values, and requests are logged without body or query string.
 */
let database: Database;
let app: FastifyInstance;
const regels: string[] = [];

beforeAll(async () => {
  database = await testDatabase();
  const stream = new Writable({
    write(stuk, _enc, klaar) {
      regels.push(...String(stuk).split('\n').filter(Boolean));
      klaar();
    },
  });
  app = await bouwApp({ db: database.db, versleuteling: testVersleuteling, vandaag: () => '2026-11-01' }, { logger: { level: 'info', stream } });
  // two routes that fail in the database the way user input used to make them fail
  app.get('/api/test/nul', { config: { toegang: { publiek: true } } }, async () => {
    await database.db.insert(s.regios).values({ naam: 'Piet Jansen 123456782 schuld bij Kredietbank\u0000' });
    return { ok: true };
  });
  app.get('/api/test/cast', { config: { toegang: { publiek: true } } }, async () => database.db.execute(sql`select ${'Piet Jansen 123456782'}::int as n`));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const geheim = /Piet|Jansen|123456782|Kredietbank|geheim-wachtwoord/;

describe('logboek', () => {
  it('een mislukte query logt de SQL en de foutcode, geen parameterwaarden', async () => {
    for (const url of ['/api/test/nul', '/api/test/cast']) {
      regels.length = 0;
      const res = await app.inject({ method: 'GET', url: `${url}?zoek=Jansen` });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toMatch(geheim);
      const fout = regels.map((r) => JSON.parse(r) as { msg?: string; err?: Record<string, unknown> }).find((r) => r.msg === 'onverwachte fout');
      expect(fout, regels.join('\n')).toBeDefined();
      expect(JSON.stringify(fout!.err)).toMatch(/query|code/);
      for (const regel of regels) expect(regel, regel).not.toMatch(geheim);
    }
  });

  it('een aanvraag wordt gelogd zonder body, querystring of cookie', async () => {
    regels.length = 0;
    await app.inject({ method: 'POST', url: '/api/auth/login?email=Jansen', payload: { email: 'piet.jansen@example.org', wachtwoord: 'geheim-wachtwoord' } });
    expect(regels.length).toBeGreaterThan(0);
    for (const regel of regels) {
      expect(regel).not.toMatch(geheim);
      expect(regel).not.toMatch(/piet\.jansen/);
    }
  });

  it('maskeert waarden die PostgreSQL in zijn meldingen herhaalt', () => {
    expect(maskeerWaarden('invalid input syntax for type integer: "Piet Jansen"')).toBe('invalid input syntax for type integer: "…"');
    expect(maskeerWaarden('Key (email)=(piet@example.org) already exists.')).toBe('Key (email)=(…) already exists.');
  });
});
