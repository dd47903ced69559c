import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { DEMO_TOTP_GEHEIM } from '../../src/db/seed.js';
import { totpCode } from '../../src/domain/mfa.js';
import { testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());
afterEach(() => {
  vi.useRealTimers();
});

const sessieUit = (res: { cookies: { name: string; value: string }[]; json(): { csrfToken: string } }): Sessie => {
  const c = res.cookies.find((k) => k.name === 'doorstroom_sessie')!;
  return { cookie: `${c.name}=${c.value}`, csrf: res.json().csrfToken };
};

/** Each successful code needs its own 30-second step (a code is accepted once): the clock moves on per use. */
let klok = Date.parse('2026-11-01T09:00:00Z');
const volgendeStap = () => {
  klok += 30_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(klok);
  return new Date(klok);
};

/** Every documented route of the API, with path parameters filled in. */
function alleRoutes(): { method: string; url: string }[] {
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([pad, methodes]) =>
    Object.keys(methodes).map((m) => ({ method: m.toUpperCase(), url: pad.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000') })),
  );
}

async function bereikbaar(sessie: Sessie) {
  const open: string[] = [];
  for (const r of alleRoutes()) {
    // logging in is public; logging out would end the session under test (it is tried last, below)
    if (r.url === '/api/auth/login' || r.url === '/api/auth/logout') continue;
    const res = await t.als(sessie, r.method, r.url);
    const geweigerd = res.statusCode === 403 && res.json().mfa;
    if (!geweigerd) open.push(`${r.method} ${r.url}`);
  }
  if ((await t.als(sessie, 'POST', '/api/auth/logout')).statusCode === 200) open.push('POST /api/auth/logout');
  return open.sort();
}

describe('verplichte MFA: een halve sessie bereikt niets anders dan de MFA-stap', () => {
  it('een medewerker toegang met MFA staat na het wachtwoord in de stap "code" en bereikt alleen me, uitloggen en de code', async () => {
    const { sessie, mfa } = await t.wachtwoordStap('toegang@centrumstad.demo');
    expect(mfa).toBe('code');
    expect(alleRoutes().length).toBeGreaterThan(40);
    const me = await t.als(sessie, 'GET', '/api/auth/me');
    expect(me.json()).toMatchObject({ mfa: 'code', rol: 'medewerker_toegang' });
    const lijst = await t.als(sessie, 'GET', '/api/clienten');
    expect(lijst.statusCode).toBe(403);
    expect(lijst.json().fout).toMatch(/code uit uw authenticator-app/);
    expect(await bereikbaar(sessie)).toEqual(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/mfa']);
  });

  it('een verplichte rol zonder MFA kan alleen inschrijven; daarna is de sessie volledig', async () => {
    const [beheer] = await t.database.db.select().from(s.gebruikers).where(eq(s.gebruikers.email, 'beheer@oosterveen.demo'));
    await t.database.db.delete(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, beheer!.id));
    const proef = await t.wachtwoordStap('beheer@oosterveen.demo');
    expect(proef.mfa).toBe('inschrijven');
    expect(await bereikbaar(proef.sessie)).toEqual(['GET /api/auth/me', 'GET /api/auth/mfa', 'POST /api/auth/logout', 'POST /api/auth/mfa/inschrijven', 'POST /api/auth/mfa/inschrijven/bevestig']);
    const { sessie } = await t.wachtwoordStap('beheer@oosterveen.demo');

    const start = await t.als(sessie, 'POST', '/api/auth/mfa/inschrijven', {});
    expect(start.statusCode).toBe(200);
    const { geheim, qrSvg, otpauthUri } = start.json();
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Doorstroom:beheer%40oosterveen\.demo\?.*secret=/);
    // the secret is stored encrypted, not as the base32 the user sees
    const [opgeslagen] = await t.database.db.select().from(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, beheer!.id));
    expect(opgeslagen!.nieuwGeheimVersleuteld).toMatch(/^v1\./);
    expect(opgeslagen!.nieuwGeheimVersleuteld).not.toContain(geheim.replace(/ /g, ''));

    const fout = await t.als(sessie, 'POST', '/api/auth/mfa/inschrijven/bevestig', { code: '000000' });
    expect(fout.statusCode).toBe(422);
    const goed = await t.als(sessie, 'POST', '/api/auth/mfa/inschrijven/bevestig', { code: totpCode(geheim.replace(/ /g, ''), new Date()) });
    expect(goed.statusCode).toBe(200);
    expect(goed.json().herstelcodes).toHaveLength(10);
    const volledig = sessieUit(goed);
    expect((await t.als(volledig, 'GET', '/api/organisaties')).statusCode).toBe(200);
    // the half-way token is spent
    expect((await t.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const audit = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.gebruikerId, beheer!.id), eq(s.auditLog.actie, 'mfa_ingeschreven')));
    expect(audit).toHaveLength(1);
  });

  it('een lezer van een gemeente moet MFA gebruiken, een consulent van een corporatie niet', async () => {
    expect((await t.wachtwoordStap('lezer@centrumstad.demo')).mfa).toBe('code');
    expect((await t.wachtwoordStap('beheer@woonstede-rivierland.demo')).mfa).toBe('code');
    const corporatie = await t.wachtwoordStap('consulent@woonstede-rivierland.demo');
    expect(corporatie.mfa).toBeNull();
    expect((await t.als(corporatie.sessie, 'GET', '/api/woningen')).statusCode).toBe(200);
    const status = (await t.als(corporatie.sessie, 'GET', '/api/auth/mfa')).json();
    expect(status).toMatchObject({ verplicht: false, ingeschreven: false });
  });
});

describe('de code-stap', () => {
  const email = 'toegang@noorddorp.demo';
  const vergeetStap = () =>
    t.database.db.update(s.gebruikerMfa).set({ laatsteStap: null }).where(eq(s.gebruikerMfa.gebruikerId, sql`(select id from gebruikers where email = ${email})`));

  it('goede code: een nieuwe, volledige sessie; foute code: 422 en niets verandert', async () => {
    await vergeetStap();
    const nu = volgendeStap();
    const { sessie } = await t.wachtwoordStap(email);
    const fout = await t.als(sessie, 'POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, new Date(nu.getTime() - 10 * 60_000)) });
    expect(fout.statusCode).toBe(422);
    expect(fout.json().fout).toBe('Code klopt niet');
    expect((await t.als(sessie, 'GET', '/api/clienten')).statusCode).toBe(403);
    const leeg = await t.als(sessie, 'POST', '/api/auth/mfa', { code: '' });
    expect(leeg.statusCode).toBe(400);
    expect(leeg.json().fout).toMatch(/Code/);

    const goed = await t.als(sessie, 'POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, nu) });
    expect(goed.statusCode).toBe(200);
    const volledig = sessieUit(goed);
    expect(volledig.cookie).not.toBe(sessie.cookie);
    expect((await t.als(volledig, 'GET', '/api/clienten?limiet=1')).statusCode).toBe(200);
    expect((await t.als(sessie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const mislukt = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.actie, 'mfa_mislukt'));
    expect(mislukt.length).toBeGreaterThan(0);
  });

  it('dezelfde code binnen haar venster opnieuw gebruiken wordt geweigerd, ook in een nieuwe sessie', async () => {
    const nu = volgendeStap();
    const code = totpCode(DEMO_TOTP_GEHEIM, nu);
    const eerste = await t.wachtwoordStap(email);
    expect((await t.als(eerste.sessie, 'POST', '/api/auth/mfa', { code })).statusCode).toBe(200);
    const tweede = await t.wachtwoordStap(email);
    const opnieuw = await t.als(tweede.sessie, 'POST', '/api/auth/mfa', { code });
    expect(opnieuw.statusCode).toBe(422);
    expect(opnieuw.json().fout).toMatch(/al gebruikt/);
    // the code of the previous step, still inside the window, is older than the used one: refused as well
    const vorige = await t.als(tweede.sessie, 'POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, new Date(nu.getTime() - 30_000)) });
    expect(vorige.statusCode).toBe(422);
    volgendeStap();
    expect((await t.als(tweede.sessie, 'POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, new Date()) })).statusCode).toBe(200);
  });

  it('twee gelijktijdige aanvragen met dezelfde code: precies één slaagt', async () => {
    const nu = volgendeStap();
    const [a, b] = await Promise.all([t.wachtwoordStap(email), t.wachtwoordStap(email)]);
    const code = totpCode(DEMO_TOTP_GEHEIM, nu);
    const codes = await Promise.all([a, b].map((x) => t.als(x.sessie, 'POST', '/api/auth/mfa', { code })));
    expect(codes.map((r) => r.statusCode).sort()).toEqual([200, 422]);
  });

  it('begrenst de pogingen per gebruiker: na 10 per minuut 429, ook voor een goede code', async () => {
    const nu = volgendeStap();
    const { sessie } = await t.wachtwoordStap('lezer@noorddorp.demo');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await t.als(sessie, 'POST', '/api/auth/mfa', { code: String(100000 + i) })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    // a second half-way session of the same user shares the limit
    const ander = await t.wachtwoordStap('lezer@noorddorp.demo');
    const goed = await t.als(ander.sessie, 'POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, nu) });
    expect(goed.statusCode).toBe(429);
    expect(goed.json().fout).toMatch(/Te veel pogingen/);
  });
});

describe('optionele MFA en herstelcodes (lezer van een corporatie)', () => {
  const email = 'lezer@woonstede-rivierland.demo';
  let geheim = '';
  let herstelcodes: string[] = [];

  const inloggenMet = async (code: string) => {
    const { sessie, mfa } = await t.wachtwoordStap(email);
    expect(mfa).toBe('code');
    return t.als(sessie, 'POST', '/api/auth/mfa', { code });
  };

  it('schrijft zich in op de pagina Beveiliging; daarna vraagt het inloggen een code', async () => {
    const { sessie, mfa } = await t.wachtwoordStap(email);
    expect(mfa).toBeNull();
    const start = (await t.als(sessie, 'POST', '/api/auth/mfa/inschrijven', {})).json();
    geheim = start.geheim.replace(/ /g, '');
    const nu = volgendeStap();
    const bevestig = await t.als(sessie, 'POST', '/api/auth/mfa/inschrijven/bevestig', { code: totpCode(geheim, nu) });
    expect(bevestig.statusCode).toBe(200);
    herstelcodes = bevestig.json().herstelcodes;
    expect(new Set(herstelcodes).size).toBe(10);
    for (const c of herstelcodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // the full session stays the same session
    expect((await t.als(sessie, 'GET', '/api/woningen')).statusCode).toBe(200);
    // only hashes are stored
    const rijen = await t.database.db.select().from(s.mfaHerstelcodes).where(eq(s.mfaHerstelcodes.gebruikerId, sql`(select id from gebruikers where email = ${email})`));
    expect(rijen).toHaveLength(10);
    for (const r of rijen) expect(herstelcodes.some((c) => r.hash.includes(c) || r.hash.includes(c.replace('-', '')))).toBe(false);
    volgendeStap();
    expect((await inloggenMet(totpCode(geheim, new Date()))).statusCode).toBe(200);
  });

  it('een herstelcode werkt eenmalig in plaats van een code, en elk gebruik staat in het auditlog', async () => {
    const eerste = await inloggenMet(herstelcodes[0]!.toUpperCase().replace('-', ' '));
    expect(eerste.statusCode).toBe(200);
    expect(eerste.json().herstelcodesOver).toBe(9);
    const opnieuw = await inloggenMet(herstelcodes[0]!);
    expect(opnieuw.statusCode).toBe(422);
    const gebruik = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.actie, 'herstelcode_gebruikt'));
    expect(gebruik).toHaveLength(1);
    expect(gebruik[0]!.details).toEqual({ over: 9 });
  });

  it('nieuwe herstelcodes vragen een code; de oude vervallen', async () => {
    volgendeStap();
    const sessie = sessieUit(await inloggenMet(totpCode(geheim, new Date())));
    expect((await t.als(sessie, 'POST', '/api/auth/mfa/herstelcodes', { code: '123456' })).statusCode).toBe(422);
    volgendeStap();
    const nieuw = await t.als(sessie, 'POST', '/api/auth/mfa/herstelcodes', { code: totpCode(geheim, new Date()) });
    expect(nieuw.statusCode).toBe(200);
    const codes: string[] = nieuw.json().herstelcodes;
    expect(codes).toHaveLength(10);
    expect((await inloggenMet(herstelcodes[1]!)).statusCode).toBe(422);
    expect((await inloggenMet(codes[0]!)).statusCode).toBe(200);
    herstelcodes = codes;
  });

  it('kan MFA weer uitzetten (met een code); een verplichte rol kan dat niet', async () => {
    const sessie = sessieUit(await inloggenMet(herstelcodes[1]!));
    volgendeStap();
    expect((await t.als(sessie, 'DELETE', '/api/auth/mfa', { code: totpCode(geheim, new Date()) })).statusCode).toBe(200);
    expect((await t.wachtwoordStap(email)).mfa).toBeNull();
    const verplicht = await t.login('consulent@ribw-rivierland.demo');
    volgendeStap();
    const weiger = await t.als(verplicht, 'DELETE', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_GEHEIM, new Date()) });
    expect(weiger.statusCode).toBe(403);
    expect(weiger.json().fout).toMatch(/verplicht/);
  });
});
