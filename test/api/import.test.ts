import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { testOmgeving, type TestOmgeving } from '../helpers.js';

const voorbeeldClienten = readFileSync(new URL('../../demo/import/clienten.csv', import.meta.url), 'utf8');
const voorbeeldEvents = readFileSync(new URL('../../demo/import/gebeurtenissen.csv', import.meta.url), 'utf8');

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

const tellingen = async () => ({
  clienten: (await t.database.db.select({ n: count() }).from(s.clienten))[0]!.n,
  events: (await t.database.db.select({ n: count() }).from(s.trajectEvents))[0]!.n,
});

describe('CSV-import van de regionale toegang', () => {
  it('importeert de voorbeeldbestanden en een tweede keer niets dubbel', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const eerste = await t.als(sessie, 'POST', '/api/import', { clienten: voorbeeldClienten, gebeurtenissen: voorbeeldEvents });
    expect(eerste.statusCode, eerste.body).toBe(200);
    expect(eerste.json()).toEqual({ clientenNieuw: 4, clientenBestaand: 0, gebeurtenissenNieuw: 13, gebeurtenissenAlAanwezig: 0 });
    const voor = await tellingen();
    const tweede = await t.als(sessie, 'POST', '/api/import', { clienten: voorbeeldClienten, gebeurtenissen: voorbeeldEvents });
    expect(tweede.json()).toEqual({ clientenNieuw: 0, clientenBestaand: 4, gebeurtenissenNieuw: 0, gebeurtenissenAlAanwezig: 13 });
    expect(await tellingen()).toEqual(voor);

    const lijst = (await t.als(sessie, 'GET', '/api/wachtlijsten/uitstroom')).json().regels as { pseudoniem: string; wachtSinds: string }[];
    expect(lijst.some((r) => r.wachtSinds === '2026-08-01')).toBe(true);
    const lijstInstroom = (await t.als(sessie, 'GET', '/api/wachtlijsten/instroom?niveau=beschermd_thuis')).json().regels as { wachtSinds: string }[];
    expect(lijstInstroom.some((r) => r.wachtSinds === '2026-03-01')).toBe(true);
  });

  it('noemt bij foute regels het regelnummer en de reden, en slaat niets op', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const voor = await tellingen();
    const clienten = [
      '# commentaar telt mee in de regelnummers',
      'extern_id;naam;bsn;geboortedatum;herkomstgemeente;huidige_gemeente;doelgroep;aanbieder',
      'X-1;Goede Regel;;1990-01-01;Centrumstad;;ggz;',
      'X-2;Foute Datum;;31-02-1990;Centrumstad;;ggz;',
      'X-3;Foute BSN;123456789;1990-01-01;Centrumstad;;ggz;',
      'X-4;Onbekende Gemeente;;1990-01-01;Atlantis;;ggz;',
      'X-5;Te weinig kolommen;;1990-01-01',
    ].join('\n');
    const res = await t.als(sessie, 'POST', '/api/import', { clienten });
    expect(res.statusCode).toBe(422);
    const fouten = res.json().details as { regel: number; kolom?: string; kolomLetter?: string; melding: string }[];
    expect(fouten.map((f) => f.regel)).toEqual([4, 5, 7]);
    // line and column as a person finds them in the spreadsheet: geboortedatum is the 4th column (D), bsn the 3rd (C)
    expect(fouten[0]).toMatchObject({ kolom: 'geboortedatum', kolomLetter: 'D', melding: expect.stringContaining('geboortedatum') });
    expect(fouten[1]).toMatchObject({ kolom: 'bsn', kolomLetter: 'C', melding: expect.stringContaining('elfproef') });
    expect(fouten[2]!.kolom).toBeUndefined();
    expect(fouten[2]!.melding).toContain('kolommen');
    // the unknown gemeente only surfaces once the file parses; then it is reported with its line too
    const alleenGemeente = await t.als(sessie, 'POST', '/api/import', { clienten: [clienten.split('\n')[1], clienten.split('\n')[2], clienten.split('\n')[5]].join('\n') });
    expect(alleenGemeente.statusCode).toBe(422);
    expect(alleenGemeente.json().details).toEqual([{ bestand: 'clienten', regel: 3, kolom: 'herkomstgemeente', kolomLetter: 'E', melding: "herkomstgemeente 'Atlantis' is geen gemeente in deze regio" }]);
    expect(await tellingen()).toEqual(voor);
  });

  it('een onmogelijke overgang halverwege het bestand maakt de hele import ongedaan', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const voor = await tellingen();
    const clienten = 'extern_id;naam;geboortedatum;herkomstgemeente;doelgroep\nY-1;Yvonne Een;1991-01-01;Centrumstad;ggz\nY-2;Yusuf Twee;1992-02-02;Centrumstad;dakloos';
    const gebeurtenissen = 'extern_id;soort;datum;niveau\nY-1;aanmelding;2026-01-01;\nY-2;aanmelding;2026-01-01;\nY-2;instroom;2026-01-05;mo_24uurs';
    const res = await t.als(sessie, 'POST', '/api/import', { clienten, gebeurtenissen });
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([{ bestand: 'gebeurtenissen', regel: 4, melding: expect.stringContaining("Y-2: 'instroom' kan niet in fase") }]);
    expect(await tellingen()).toEqual(voor);
  });

  it('een regiogemeente kan geen cliënten van een andere gemeente importeren', async () => {
    const sessie = await t.login('toegang@noorddorp.demo');
    const res = await t.als(sessie, 'POST', '/api/import', { clienten: 'extern_id;naam;geboortedatum;herkomstgemeente;doelgroep\nZ-1;Zoë Ander;1990-01-01;Zuidhaven;ggz' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0]).toMatchObject({ regel: 2, melding: expect.stringContaining('buiten het zicht') });
    const corporatie = await t.login('consulent@woonstede-rivierland.demo');
    expect((await t.als(corporatie, 'POST', '/api/import', { clienten: 'x' })).statusCode).toBe(403);
  });
});
