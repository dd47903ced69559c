import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { bouwApp } from '../../src/api/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { voerSignaalRondeUit } from '../../src/jobs/planner.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type TestOmgeving } from '../helpers.js';

/**
 * Two app servers on one PostgreSQL database (ADR 0020): server A is the usual test app, server B a second app with
 * its own connection pool, session cache, rate-limit store and planner, as a second process behind a load balancer
 * would have. Only PostgreSQL: the embedded PGlite belongs to one process.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('twee app-servers op één PostgreSQL', () => {
  let t: TestOmgeving;
  let tweede: Database;
  let b: FastifyInstance;
  const a = () => t.app;

  beforeAll(async () => {
    // no session cache on either: what one server ends, the other sees at once (the cache's 5 s are ADR 0011's)
    t = await testOmgeving('postgres', { sessieCacheMs: 0, aantalClienten: 120 });
    const [rij] = ((await t.database.db.execute(sql`select current_database() as naam`)) as unknown as { rows: { naam: string }[] }).rows;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rij!.naam}`;
    tweede = await openDatabase({ url: url.toString() });
    b = await bouwApp({ db: tweede.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM }, { sessieCacheMs: 0 });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await tweede?.close();
    await t?.sluit();
  });

  const vraag = (app: FastifyInstance, sessie: { cookie: string; csrf: string }, method: 'GET' | 'POST', url: string, body?: object) =>
    app.inject({ method, url, headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf }, ...(body ? { payload: body } : {}) });

  it('een sessie van server A werkt op server B, en uitloggen op B geldt op A', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const opB = await vraag(b, sessie, 'GET', '/api/auth/me');
    expect(opB.statusCode).toBe(200);
    expect(opB.json().email).toBe('toegang@centrumstad.demo');
    expect((await vraag(b, sessie, 'GET', '/api/clienten?limiet=1')).statusCode).toBe(200);
    expect((await vraag(b, sessie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await vraag(a(), sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('de loginbegrenzing telt de pogingen op beide servers samen (10 per minuut, niet 10 per server)', async () => {
    const poging = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lezer@centrumstad.demo', wachtwoord: 'fout-wachtwoord' } });
    for (let i = 0; i < 10; i++) expect((await poging(i % 2 ? b : a())).statusCode, `poging ${i + 1}`).toBe(401);
    // five on each server so far: with a limit per process both would still let five more through
    expect((await poging(a())).statusCode).toBe(429);
    expect((await poging(b)).statusCode).toBe(429);
    // the right password does not get past it either, on neither server
    const goed = await b.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lezer@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD } });
    expect(goed.statusCode).toBe(429);
    // the table holds hashes, not the address or the e-mail address
    const rijen = await t.database.db.select().from(s.rateLimiet);
    expect(rijen.length).toBeGreaterThan(0);
    for (const r of rijen) expect(r.sleutel).not.toMatch(/@|127\.0\.0\.1/);
  });

  it('de planner op beide servers tegelijk: elke escalatie en elke omklapwaarschuwing precies één keer', async () => {
    const db = t.database.db;
    const regioId = t.regios.rivierland.regioId;
    // an omklap placement whose warning is due, and (months later than the seed) every open signal overdue
    const [p] = await db
      .select({ id: s.plaatsingen.id, aanbiederId: s.plaatsingen.aanbiederId, corporatieId: s.woningen.corporatieId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .where(and(eq(s.plaatsingen.regioId, regioId), eq(s.plaatsingen.huurconstructie, 'omklap')))
      .limit(1);
    await db.update(s.plaatsingen).set({ omklapdatum: '2027-06-15', einddatum: null }).where(eq(s.plaatsingen.id, p!.id));
    const open = await db.select({ id: s.signalen.id }).from(s.signalen).where(and(eq(s.signalen.regioId, regioId), inArray(s.signalen.status, ['gemeld', 'opgepakt', 'in_behandeling'])));
    expect(open.length).toBeGreaterThan(0);

    const nu = new Date('2027-05-01T09:00:00Z');
    // both servers' planners fire in the same instant, and again a minute later (each round re-checks everything)
    const eerste = await Promise.all([voerSignaalRondeUit(db, nu), voerSignaalRondeUit(tweede.db, nu)]);
    expect(eerste.filter((r) => r.uitgevoerd)).toHaveLength(1);
    const later = new Date(nu.getTime() + 61_000);
    await Promise.all([voerSignaalRondeUit(tweede.db, later), voerSignaalRondeUit(db, later)]);

    const ids = open.map((o) => o.id);
    const stappen = await db.select({ signaalId: s.signaalStappen.signaalId }).from(s.signaalStappen).where(and(inArray(s.signaalStappen.signaalId, ids), eq(s.signaalStappen.status, 'geescaleerd')));
    const meldingen = await db
      .select({ link: s.meldingen.link })
      .from(s.meldingen)
      .where(and(like(s.meldingen.titel, 'Signaal geëscaleerd%'), inArray(s.meldingen.link, ids.map((id) => `/signalen/${id}`))));
    const perSignaal = (rijen: string[]) => ids.map((id) => rijen.filter((r) => r.includes(id)).length);
    expect(perSignaal(stappen.map((x) => x.signaalId))).toEqual(ids.map(() => 1));
    expect(meldingen.length).toBeGreaterThanOrEqual(ids.length);
    const omklap = await db.select().from(s.meldingen).where(inArray(s.meldingen.sleutel, [p!.aanbiederId!, p!.corporatieId].map((o) => `omklap:${p!.id}:2027-06-15:${o}`)));
    expect(omklap).toHaveLength(2);
  });

  it('twee matchingronden tegelijk in één regio, elk op een andere server: na elkaar, nooit dezelfde woning twee keer', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const [ra, rb] = await Promise.all([vraag(a(), sessie, 'POST', '/api/matching/rondes', { proefdraai: false }), vraag(b, sessie, 'POST', '/api/matching/rondes', { proefdraai: false })]);
    expect(ra.statusCode, ra.body).toBe(200);
    expect(rb.statusCode, rb.body).toBe(200);
    const rondes = [ra.json().rondeId as string, rb.json().rondeId as string];
    const voorstellen = await t.database.db.select({ woningId: s.matchVoorstellen.woningId, rondeId: s.matchVoorstellen.rondeId }).from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.rondeId, rondes));
    expect(voorstellen.length).toBeGreaterThan(0);
    expect(new Set(voorstellen.map((v) => v.woningId)).size).toBe(voorstellen.length);
  });

  it('een matchingronde wacht zolang een andere ronde van dezelfde regio loopt (ook op een andere server)', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const regioId = t.regios.rivierland.regioId;
    // a round in progress elsewhere holds the regio's lock, as legRondeVast does for its whole transaction
    let loslaten: () => void = () => {};
    const losgelaten = new Promise<void>((klaar) => (loslaten = klaar));
    let vastGezet: () => void = () => {};
    const vast = new Promise<void>((klaar) => (vastGezet = klaar));
    const anderRonde = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`matching:${regioId}`}))`);
      vastGezet();
      await losgelaten;
    });
    await vast;
    let klaar = false;
    const ronde = vraag(b, sessie, 'POST', '/api/matching/rondes', { proefdraai: false }).then((r) => ((klaar = true), r));
    await new Promise((r) => setTimeout(r, 1500));
    expect(klaar).toBe(false);
    loslaten();
    await anderRonde;
    expect((await ronde).statusCode).toBe(200);
  });

  it('gezondheid en gereedheid zonder login op beide servers', async () => {
    for (const app of [a(), b]) {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).json()).toEqual({ ok: true });
    }
  });
});
