import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { testOmgeving, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

describe('inloggen en sessies', () => {
  it('geeft bij juiste gegevens een http-only, secure sessiecookie en een CSRF-token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'toegang@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'doorstroom_sessie')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.secure).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().csrfToken).toMatch(/.{20,}/);
  });

  it('weigert een onjuist wachtwoord en een onbekend e-mailadres met dezelfde melding', async () => {
    const fout = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'toegang@centrumstad.demo', wachtwoord: 'fout' } });
    const onbekend = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'niemand@nergens.demo', wachtwoord: 'fout' } });
    expect(fout.statusCode).toBe(401);
    expect(onbekend.statusCode).toBe(401);
    expect(fout.json().fout).toBe(onbekend.json().fout);
  });

  it('API-antwoorden worden niet gecachet en pagina\'s krijgen een strikte CSP', async () => {
    const s = await t.login('lezer@centrumstad.demo');
    const api = await t.als(s, 'GET', '/api/organisaties');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    const pagina = await t.app.inject({ method: 'GET', url: '/' });
    expect(pagina.statusCode).toBe(200); // npm test builds the web app before the suite
    expect(String(pagina.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('vraagt login voor elke API-route zonder publieke markering', async () => {
    for (const url of ['/api/clienten', '/api/organisaties', '/api/audit', '/api/wachtlijsten/uitstroom', '/api/auth/me']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('uitloggen maakt de sessie ongeldig', async () => {
    const s = await t.login('lezer@centrumstad.demo');
    expect((await t.als(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await t.als(s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await t.als(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('weigert een wijziging zonder of met verkeerd CSRF-token', async () => {
    const s = await t.login('toegang@centrumstad.demo');
    const body = { naam: 'Test Persoon', geboortedatum: '1990-01-01', herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id, doelgroep: 'ggz' };
    const zonder = await t.app.inject({ method: 'POST', url: '/api/clienten', headers: { cookie: s.cookie }, payload: body });
    expect(zonder.statusCode).toBe(403);
    const verkeerd = await t.als({ ...s, csrf: 'x'.repeat(s.csrf.length) }, 'POST', '/api/clienten', body);
    expect(verkeerd.statusCode).toBe(403);
    expect((await t.als(s, 'POST', '/api/clienten', body)).statusCode).toBe(201);
  });

  it('begrenst het aantal inlogpogingen per minuut', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { email: 'lezer@centrumstad.demo', wachtwoord: 'raden' + i } });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toContain(429);
  });
});

describe('rollen en organisatiesoorten', () => {
  it('alleen-lezen kan niets wijzigen', async () => {
    const s = await t.login('lezer@centrumstad.demo');
    const lijst = await t.als(s, 'GET', '/api/clienten?limiet=1');
    expect(lijst.statusCode).toBe(200);
    const id = lijst.json().clienten[0].id;
    const res = await t.als(s, 'POST', `/api/clienten/${id}/events`, { soort: 'uitval', datum: '2026-11-01' });
    expect(res.statusCode).toBe(403);
  });

  it('een woningcorporatie krijgt geen cliëntdossiers', async () => {
    const s = await t.login('consulent@woonstede-rivierland.demo');
    expect((await t.als(s, 'GET', '/api/clienten')).statusCode).toBe(403);
    expect((await t.als(s, 'GET', '/api/wachtlijsten/uitstroom')).statusCode).toBe(403);
  });

  it('het auditlog is alleen voor beheerders van de centrumgemeente', async () => {
    expect((await t.als(await t.login('beheer@centrumstad.demo'), 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await t.als(await t.login('toegang@centrumstad.demo'), 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await t.als(await t.login('beheer@noorddorp.demo'), 'GET', '/api/audit')).statusCode).toBe(403);
  });
});
