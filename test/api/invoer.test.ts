import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { testOmgeving, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

const tabellen = { clienten: s.clienten, events: s.trajectEvents, woningen: s.woningen, plaatsingen: s.plaatsingen, organisaties: s.organisaties };
async function tellingen() {
  const uit: Record<string, number> = {};
  for (const [naam, tabel] of Object.entries(tabellen)) uit[naam] = (await t.database.db.select({ n: count() }).from(tabel))[0]!.n;
  return uit;
}

describe('foute invoer', () => {
  it('geeft op een reeks foute aanvragen een 4xx met duidelijke melding en verandert niets', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const [client] = await t.database.db.select().from(s.clienten).limit(1);
    const centrum = t.regios.rivierland.organisaties['Centrumstad']!.id;
    const kust = t.regios.kustland.organisaties['Havenstad']!.id;
    const voor = await tellingen();
    const goed = { naam: 'Nieuwe Cliënt', geboortedatum: '1999-02-03', herkomstgemeenteId: centrum, doelgroep: 'ggz' };
    const gevallen: [string, string, unknown, number][] = [
      ['POST', '/api/clienten', { ...goed, naam: 1 }, 400],
      ['POST', '/api/clienten', { ...goed, geboortedatum: '2001-02-30' }, 400],
      ['POST', '/api/clienten', { ...goed, doelgroep: 'onbekend' }, 400],
      ['POST', '/api/clienten', { ...goed, bsn: '123456789' }, 400],
      ['POST', '/api/clienten', { ...goed, herkomstgemeenteId: 'geen-uuid' }, 400],
      ['POST', '/api/clienten', { ...goed, herkomstgemeenteId: kust }, 422],
      ['POST', '/api/clienten', { ...goed, herkomstgemeenteId: t.regios.rivierland.organisaties['RIBW Rivierland']!.id }, 422],
      ['POST', '/api/clienten', [], 400],
      ['POST', `/api/clienten/${client!.id}/events`, { soort: 'vertrek', datum: '2026-01-01' }, 400],
      ['POST', `/api/clienten/${client!.id}/events`, { soort: 'uitstroom', datum: '1990-01-01', bestemming: 'onbekend' }, 422],
      ['POST', `/api/clienten/00000000-0000-4000-8000-000000000000/events`, { soort: 'uitval', datum: '2026-11-01' }, 404],
      ['GET', '/api/clienten/00000000-0000-4000-8000-000000000000', undefined, 404],
      ['GET', '/api/clienten/niet-een-id', undefined, 400],
      ['GET', '/api/clienten?limiet=-5', undefined, 400],
      ['GET', '/api/clienten?fase=zweven', undefined, 400],
      ['GET', '/api/wachtlijsten/iets', undefined, 400],
      ['GET', '/api/bestaat-niet', undefined, 404],
    ];
    for (const [method, url, body, verwacht] of gevallen) {
      const res = await t.als(sessie, method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(verwacht);
      expect(typeof res.json().fout).toBe('string');
      expect(res.json().fout.length).toBeGreaterThan(5);
    }
    const kapot = await t.app.inject({
      method: 'POST',
      url: '/api/clienten',
      headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf, 'content-type': 'application/json' },
      payload: '{"naam": "half',
    });
    expect(kapot.statusCode).toBe(400);
    expect(kapot.json().fout).toMatch(/JSON/);
    expect(await tellingen()).toEqual(voor);
  });

  it('weigert een onmogelijke overgang met een begrijpelijke melding', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const nieuw = await t.als(sessie, 'POST', '/api/clienten', { naam: 'Vera Overgang', geboortedatum: '2004-06-01', herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id, doelgroep: 'jeugd_uitstroom' });
    const id = nieuw.json().id;
    const res = await t.als(sessie, 'POST', `/api/clienten/${id}/events`, { soort: 'uitstroom', datum: '2026-10-01', bestemming: 'zelfstandige_woning' });
    expect(res.statusCode).toBe(422);
    expect(res.json().fout).toContain('kan niet in fase');
  });
});
