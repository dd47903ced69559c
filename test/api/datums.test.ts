import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { plusJaar, vandaagInNederland } from '../../src/domain/datums.js';
import { testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';

/** Dates a user can type that the database cannot hold (year 0000) or that block a timeline (9999-12-31). */
let t: TestOmgeving;
let toegang: Sessie;
let beheer: Sessie;
let goed: { naam: string; geboortedatum: string; herkomstgemeenteId: string; doelgroep: string };
beforeAll(async () => {
  t = await testOmgeving();
  toegang = await t.login('toegang@centrumstad.demo');
  beheer = await t.login('beheer@centrumstad.demo');
  goed = { naam: 'Datum Test', geboortedatum: '1990-01-01', herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id, doelgroep: 'ggz' };
});
afterAll(() => t.sluit());

const tellingen = async () => ({
  clienten: (await t.database.db.select({ n: count() }).from(s.clienten))[0]!.n,
  events: (await t.database.db.select({ n: count() }).from(s.trajectEvents))[0]!.n,
});

describe('datums: één schema met grenzen per soort', () => {
  it('weigert een geboortedatum in jaar 0000, vóór 1900 of in de toekomst met 422 en de naam van het veld', async () => {
    const voor = await tellingen();
    for (const [geboortedatum, melding] of [
      ['0000-01-01', 'Geboortedatum ligt vóór 1900'],
      ['1899-12-31', 'Geboortedatum ligt vóór 1900'],
      ['2999-01-01', 'Geboortedatum ligt in de toekomst'],
      [plusJaar(vandaagInNederland(), 1), 'Geboortedatum ligt in de toekomst'],
    ] as const) {
      const res = await t.als(toegang, 'POST', '/api/clienten', { ...goed, geboortedatum });
      expect(res.statusCode, `${geboortedatum}: ${res.body}`).toBe(422);
      expect(res.json().fout).toBe(melding);
    }
    expect(await tellingen()).toEqual(voor);
  });

  it('weigert een gebeurtenis meer dan een jaar na vandaag, zodat één datum een tijdlijn niet voor altijd blokkeert', async () => {
    const client = await t.als(toegang, 'POST', '/api/clienten', goed);
    expect(client.statusCode).toBe(201);
    const id = client.json().id as string;
    const voor = await tellingen();
    for (const datum of ['9999-12-31', plusJaar(vandaagInNederland(), 2), '0000-06-01']) {
      const res = await t.als(toegang, 'POST', `/api/clienten/${id}/events`, { soort: 'aanmelding', datum });
      expect(res.statusCode, `${datum}: ${res.body}`).toBe(422);
      expect(res.json().fout).toMatch(/^Datum ligt (meer dan een jaar in de toekomst|vóór 1900)$/);
    }
    expect(await tellingen()).toEqual(voor);
    // within a year ahead is fine (a planned aanmelding)
    expect((await t.als(toegang, 'POST', `/api/clienten/${id}/events`, { soort: 'aanmelding', datum: vandaagInNederland() })).statusCode).toBe(201);
  });

  it('begrenst de datums van filters in monitor en auditlog (jaar 0000, jaar 275760)', async () => {
    for (const url of [
      '/api/audit?van=275760-01-01',
      '/api/audit?tot=0000-01-01',
      '/api/audit?van=%2B275760-09-13',
      '/api/audit?van=2026-13-45',
      '/api/monitor/stromen?van=0000-01-01&tot=2000-01-01',
      '/api/monitor/stromen?van=2099-01-01&tot=2200-01-01',
      '/api/woningen?beschikbaarPer=0000-01-01',
    ]) {
      const res = await t.als(beheer, 'GET', url);
      expect([400, 422], `${url}: ${res.body}`).toContain(res.statusCode);
      expect(res.json().fout, url).not.toMatch(/querystring\./);
    }
    expect((await t.als(beheer, 'GET', '/api/audit?van=2026-01-01&tot=2026-12-31T23:59')).statusCode).toBe(200);
  });

  it('ook de CSV-import weigert zulke datums, per regel', async () => {
    const voor = await tellingen();
    const clienten = [
      'extern_id;naam;bsn;geboortedatum;herkomstgemeente;huidige_gemeente;doelgroep;aanbieder',
      'D-1;Jaar Nul;;01-01-0000;Centrumstad;;ggz;',
      'D-2;Toekomst;;2999-01-01;Centrumstad;;ggz;',
    ].join('\n');
    const gebeurtenissen = ['extern_id;soort;datum;niveau;bestemming;urgentie;toelichting', 'D-1;aanmelding;9999-12-31;;;;'].join('\n');
    const res = await t.als(toegang, 'POST', '/api/import', { clienten, gebeurtenissen });
    expect(res.statusCode).toBe(422);
    const fouten = res.json().details as { bestand: string; regel: number; melding: string }[];
    expect(fouten).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bestand: 'clienten', regel: 2, melding: expect.stringContaining('vóór 1900') }),
        expect.objectContaining({ bestand: 'clienten', regel: 3, melding: expect.stringContaining('in de toekomst') }),
        expect.objectContaining({ bestand: 'gebeurtenissen', regel: 2, melding: expect.stringContaining('meer dan een jaar in de toekomst') }),
      ]),
    );
    expect(await tellingen()).toEqual(voor);
  });
});
