import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bouwApp } from '../../src/api/app.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type TestOmgeving } from '../helpers.js';

/**
 * Access is decided on the matched route, never on the raw URL: a path that the router decodes or normalises
 * to an API route gets exactly the same checks as the plain path.
 */
let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

/** Variants of one path the router may resolve to the same route (or to the SPA), but a prefix test would not. */
const varianten = (pad: string) => [
  pad,
  pad.replace('/api/', '/%61pi/'),
  pad.replace('/api/', '/%61%70%69/'),
  pad.replace('/api/', '/ap%69/'),
  pad.replace('/api/', '//api/'),
  pad.replace('/api/', '/api//'),
  `${pad}/`,
  pad.replace('/api/', '/API/'),
  pad.replace('/api/', '/Api/'),
  pad.replace('/api/', '/./api/'),
  pad.replace('/api/', '/x/../api/'),
];

describe('toegang op de gevonden route, niet op de ruwe URL', () => {
  it('uitloggen zonder CSRF-token wordt bij elke schrijfwijze van het pad geweigerd', async () => {
    const s = await t.login('lezer@centrumstad.demo');
    for (const url of varianten('/api/auth/logout')) {
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie } });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    // the session survived every attempt
    expect((await t.als(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('geeft zonder login bij geen enkele schrijfwijze cliëntgegevens', async () => {
    for (const basis of ['/api/clienten', '/api/audit', '/api/auth/me', '/api/kandidaten', '/api/wachtlijsten/uitstroom']) {
      for (const url of varianten(basis)) {
        const res = await t.app.inject({ method: 'GET', url });
        // either refused, or the web app's index.html (a deep link), never JSON data
        if (res.statusCode === 200) expect(String(res.headers['content-type']), url).toContain('text/html');
        else expect([401, 403, 404], url).toContain(res.statusCode);
      }
    }
  });

  it('een lezer kan bij geen enkele schrijfwijze schrijven', async () => {
    const s = await t.sessie('lezer@centrumstad.demo');
    const body = { naam: 'Test Persoon', geboortedatum: '1990-01-01', herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id, doelgroep: 'ggz' };
    for (const url of varianten('/api/clienten')) {
      const res = await t.als(s, 'POST', url, body);
      expect([403, 404], url).toContain(res.statusCode);
    }
  });

  it('elke API-route in de documentatie heeft een toegangsregel: een ingelogde gebruiker stuit nooit op de standaardweigering', async () => {
    const s = await t.login('beheer@centrumstad.demo');
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const zonderRegel: string[] = [];
    for (const [pad, methoden] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methoden)) {
        if (pad === '/api/auth/logout') continue;
        const url = pad.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await t.als(s, method.toUpperCase(), url, method === 'get' ? undefined : {});
        if (res.statusCode === 403 && /toegangsregel/.test(res.body)) zonderRegel.push(`${method} ${pad}`);
      }
    }
    expect(zonderRegel).toEqual([]);
  });

  it('een route zonder toegangsregel wordt geweigerd, ook voor een ingelogde beheerder', async () => {
    const app = await bouwApp({ db: t.database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM });
    app.get('/api/test/zonder-regel', async () => ({ geheim: true }));
    await app.ready();
    try {
      const s = await t.sessie('beheer@centrumstad.demo');
      const res = await app.inject({ method: 'GET', url: '/api/test/zonder-regel', headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().fout).toMatch(/toegangsregel/);
      expect((await app.inject({ method: 'GET', url: '/api/test/zonder-regel' })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('beveiligingskoppen en API-documentatie', () => {
  it('stuurt HSTS en de gebruikelijke koppen op pagina’s en API', async () => {
    const s = await t.sessie('lezer@centrumstad.demo');
    for (const res of [await t.app.inject({ method: 'GET', url: '/' }), await t.als(s, 'GET', '/api/organisaties')]) {
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
  });

  it('/docs en /docs/json alleen voor ingelogde gebruikers, en /docs heeft een CSP', async () => {
    for (const url of ['/docs', '/docs/', '/docs/json', '/docs/yaml', '/docs/static/index.html', '/%64ocs/json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([401, 302], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('/api/clienten');
    }
    const s = await t.sessie('lezer@centrumstad.demo');
    const json = await t.als(s, 'GET', '/docs/json');
    expect(json.statusCode).toBe(200);
    expect(json.json().paths['/api/clienten']).toBeDefined();
    const pagina = await t.als(s, 'GET', '/docs/');
    expect(pagina.statusCode).toBe(200);
    const csp = String(pagina.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

