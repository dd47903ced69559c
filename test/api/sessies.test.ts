import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { bouwApp } from '../../src/api/app.js';
import * as s from '../../src/db/schema.js';
import { backends, PEILDATUM, testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

const wacht = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokenHash = (sessie: Sessie) => createHash('sha256').update(sessie.cookie.split('=')[1]!).digest('base64url');

describe.each(backends)('sessies (%s)', (backend) => {
  // a cache TTL long enough that anything refused within a test was refused despite a cached entry
  let lang: TestOmgeving;
  beforeAll(async () => {
    lang = await testOmgeving(backend, { sessieCacheMs: 60_000, aantalClienten: 10 });
  });
  afterAll(() => lang?.sluit());

  it('de sessierij draagt de actor: één opzoeking op de primaire sleutel, zonder join', async () => {
    const sessie = await lang.login('consulent@ribw-rivierland.demo');
    const [rij] = await lang.database.db.select().from(s.sessies).where(eq(s.sessies.tokenHash, tokenHash(sessie)));
    const [gebruiker] = await lang.database.db.select().from(s.gebruikers).where(eq(s.gebruikers.email, 'consulent@ribw-rivierland.demo'));
    const [org] = await lang.database.db.select().from(s.organisaties).where(eq(s.organisaties.id, gebruiker!.organisatieId));
    expect(rij).toMatchObject({ gebruikerId: gebruiker!.id, rol: 'consulent', organisatieId: org!.id, organisatieSoort: 'aanbieder', regioId: org!.regioId });
    const me = await lang.als(sessie, 'GET', '/api/auth/me');
    expect(me.json()).toMatchObject({ gebruikerId: gebruiker!.id, rol: 'consulent', organisatieId: org!.id, soort: 'aanbieder', regioId: org!.regioId });
  });

  it('een opgezochte sessie wordt hergebruikt zonder de database te vragen (binnen de TTL)', async () => {
    const sessie = await lang.login('lezer@centrumstad.demo');
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    // removed behind the app's back (as a logout on another app server would): this server still knows it
    await lang.database.db.delete(s.sessies).where(eq(s.sessies.tokenHash, tokenHash(sessie)));
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('uitloggen geldt op deze server meteen, ook al stond de sessie in de cache', async () => {
    const sessie = await lang.login('toegang@centrumstad.demo');
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await lang.als(sessie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await lang.als(sessie, 'GET', '/api/health')).statusCode).toBe(200);
  });

  it('een verlopen sessie wordt geweigerd, ook als ze nog in de cache staat', async () => {
    const sessie = await lang.login('beheer@centrumstad.demo');
    await lang.database.db.execute(sql`update sessies set verloopt = now() + interval '1500 milliseconds' where token_hash = ${tokenHash(sessie)}`);
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    await wacht(1800);
    expect((await lang.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  describe('korte TTL', () => {
    const TTL = 3000;
    let kort: TestOmgeving;
    beforeAll(async () => {
      kort = await testOmgeving(backend, { sessieCacheMs: TTL, aantalClienten: 10 });
    });
    afterAll(() => kort?.sluit());

    it('een gedeactiveerde gebruiker wordt binnen de TTL geweigerd (de trigger beëindigt de sessies)', async () => {
      const sessie = await kort.login('consulent@woonstede-rivierland.demo');
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
      await kort.database.db.update(s.gebruikers).set({ actief: false }).where(eq(s.gebruikers.email, 'consulent@woonstede-rivierland.demo'));
      expect(await kort.database.db.select().from(s.sessies).where(eq(s.sessies.tokenHash, tokenHash(sessie)))).toHaveLength(0);
      await wacht(TTL + 150);
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    });

    it('een andere rol beëindigt de sessies van die gebruiker; een nieuwe login draagt de nieuwe rol', async () => {
      const email = 'toegang@noorddorp.demo';
      const sessie = await kort.login(email);
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).json().rol).toBe('medewerker_toegang');
      await kort.database.db.update(s.gebruikers).set({ rol: 'alleen_lezen' }).where(eq(s.gebruikers.email, email));
      await wacht(TTL + 150);
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
      const opnieuw = await kort.login(email);
      expect((await kort.als(opnieuw, 'GET', '/api/auth/me')).json().rol).toBe('alleen_lezen');
    });

    it('wie blijft werken wacht niet elke TTL op de database: na de halve TTL ververst de cache op de achtergrond', async () => {
      const sessie = await kort.login('beheer@noorddorp.demo');
      const t0 = performance.now();
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
      await wacht(TTL * 0.6);
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200); // served, and refreshed behind it
      await wacht(TTL * 0.2);
      // gone behind the app's back: past the first lookup's TTL the refreshed entry still answers, without asking
      await kort.database.db.delete(s.sessies).where(eq(s.sessies.tokenHash, tokenHash(sessie)));
      await wacht(t0 + TTL * 1.1 - performance.now());
      expect((await kort.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it('uitloggen op een andere app-server geldt hier binnen de TTL', async () => {
      const ander = await bouwApp({ db: kort.database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM }, { sessieCacheMs: TTL });
      try {
        const sessie = await kort.login('lezer@noorddorp.demo');
        const opAnder = () => ander.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessie.cookie } });
        expect((await opAnder()).statusCode).toBe(200);
        expect((await kort.als(sessie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
        await wacht(TTL + 150);
        expect((await opAnder()).statusCode).toBe(401);
      } finally {
        await ander.close();
      }
    });
  });
});
