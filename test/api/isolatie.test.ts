import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { testOmgeving, testVersleuteling, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

async function clientenVan(kolom: 'herkomstgemeenteId' | 'aanbiederId', orgId: string) {
  return t.database.db.select().from(s.clienten).where(eq(s.clienten[kolom], orgId));
}

describe('organisaties zien elkaars cliënten niet', () => {
  it('een regiogemeente ziet alleen cliënten uit de eigen gemeente', async () => {
    const noorddorp = t.regios.rivierland.organisaties['Noorddorp']!.id;
    const sessie = await t.login('toegang@noorddorp.demo');
    const res = await t.als(sessie, 'GET', '/api/clienten?limiet=500');
    expect(res.statusCode).toBe(200);
    const lijst = res.json().clienten as { herkomstgemeenteId: string; huidigeGemeenteId: string }[];
    expect(lijst.length).toBeGreaterThan(0);
    for (const c of lijst) expect([c.herkomstgemeenteId, c.huidigeGemeenteId]).toContain(noorddorp);

    const [ander] = await t.database.db
      .select()
      .from(s.clienten)
      .where(and(eq(s.clienten.herkomstgemeenteId, t.regios.rivierland.organisaties['Zuidhaven']!.id), eq(s.clienten.huidigeGemeenteId, t.regios.rivierland.organisaties['Zuidhaven']!.id)));
    expect(ander).toBeDefined();
    expect((await t.als(sessie, 'GET', `/api/clienten/${ander!.id}`)).statusCode).toBe(404);
    const wijzig = await t.als(sessie, 'POST', `/api/clienten/${ander!.id}/events`, { soort: 'uitval', datum: '2026-11-01' });
    expect(wijzig.statusCode).toBe(404);
  });

  it('een aanbieder ziet alleen de eigen cliënten', async () => {
    const ribw = t.regios.rivierland.organisaties['RIBW Rivierland']!.id;
    const sessie = await t.login('consulent@ribw-rivierland.demo');
    const lijst = (await t.als(sessie, 'GET', '/api/clienten?limiet=500')).json().clienten as { aanbiederId: string }[];
    expect(lijst.length).toBe((await clientenVan('aanbiederId', ribw)).length);
    for (const c of lijst) expect(c.aanbiederId).toBe(ribw);
    const [vanLegerDesHeils] = await clientenVan('aanbiederId', t.regios.rivierland.organisaties['Leger des Heils Rivierland']!.id);
    expect((await t.als(sessie, 'GET', `/api/clienten/${vanLegerDesHeils!.id}`)).statusCode).toBe(404);
  });

  it('de centrumgemeente ziet de hele eigen regio maar niets van een andere regio', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const res = (await t.als(sessie, 'GET', '/api/clienten?limiet=1')).json();
    expect(res.totaal).toBe(150);
    const [kust] = await clientenVan('herkomstgemeenteId', t.regios.kustland.organisaties['Havenstad']!.id);
    expect((await t.als(sessie, 'GET', `/api/clienten/${kust!.id}`)).statusCode).toBe(404);
    const orgs = (await t.als(sessie, 'GET', '/api/organisaties')).json() as { naam: string }[];
    expect(orgs.map((o) => o.naam)).not.toContain('Havenstad');
  });

  it('een gemeente kan geen cliënt registreren voor een andere gemeente', async () => {
    const sessie = await t.login('toegang@noorddorp.demo');
    const res = await t.als(sessie, 'POST', '/api/clienten', {
      naam: 'Iemand Anders',
      geboortedatum: '1980-05-05',
      herkomstgemeenteId: t.regios.rivierland.organisaties['Zuidhaven']!.id,
      doelgroep: 'ggz',
    });
    expect(res.statusCode).toBe(403);
  });

  it('risico-notities alleen voor zorgrollen; naam en BSN ontsleuteld voor wie mag zien', async () => {
    const [metNotitie] = await t.database.db
      .select()
      .from(s.clienten)
      .where(eq(s.clienten.aanbiederId, t.regios.rivierland.organisaties['RIBW Rivierland']!.id));
    const consulent = (await t.als(await t.login('consulent@ribw-rivierland.demo'), 'GET', `/api/clienten/${metNotitie!.id}`)).json();
    expect(consulent.naam).toBe(testVersleuteling.ontsleutel(metNotitie!.naamVersleuteld));
    const lezer = (await t.als(await t.login('lezer@centrumstad.demo'), 'GET', `/api/clienten/${metNotitie!.id}`)).json();
    expect(lezer.risicoNotities).toBeNull();
  });

  it('de database bevat naam en BSN alleen versleuteld', async () => {
    const [c] = await t.database.db.select().from(s.clienten).limit(1);
    const naam = testVersleuteling.ontsleutel(c!.naamVersleuteld);
    expect(c!.naamVersleuteld).not.toContain(naam.split(' ')[0]);
    expect(c!.bsnVersleuteld).not.toMatch(/^\d{9}$/);
  });
});

describe('auditlog', () => {
  it('legt elke inzage van een dossier vast met gebruiker en organisatie, en kan niet worden gewijzigd', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const [c] = await t.database.db.select().from(s.clienten).limit(1);
    await t.als(sessie, 'GET', `/api/clienten/${c!.id}`);
    const beheer = await t.login('beheer@centrumstad.demo');
    const log = (await t.als(beheer, 'GET', `/api/audit?entiteitId=${c!.id}`)).json().regels as { actie: string; organisatie: string; gebruikerEmail: string }[];
    expect(log.some((r) => r.actie === 'lezen' && r.organisatie === 'Centrumstad' && r.gebruikerEmail === 'toegang@centrumstad.demo')).toBe(true);
    await expect(t.database.db.update(s.auditLog).set({ actie: 'niets' })).rejects.toThrow();
    await expect(t.database.db.delete(s.auditLog)).rejects.toThrow();
  });
});
