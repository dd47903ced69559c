import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

/** PATCH /api/clienten/:id: a client's own data and woonwensen, with the name index and client_stand in step. */
let t: TestOmgeving;
let toegang: Sessie;
let lezer: Sessie;
let noorddorp: Sessie;
let ribw: Sessie;
let havenstad: Sessie;
let woonstede: Sessie;
let client: { id: string; pseudoniem: string };
const org = (naam: string) => t.regios.rivierland.organisaties[naam]!.id;

beforeAll(async () => {
  t = await testOmgeving();
  [toegang, lezer, noorddorp, ribw, havenstad, woonstede] = await Promise.all([
    t.sessie('toegang@centrumstad.demo'),
    t.sessie('lezer@centrumstad.demo'),
    t.sessie('toegang@noorddorp.demo'),
    t.sessie('consulent@ribw-rivierland.demo'),
    t.sessie('toegang@havenstad.kust.demo'),
    t.sessie('consulent@woonstede-rivierland.demo'),
  ]);
  const res = await t.als(toegang, 'POST', '/api/clienten', {
    naam: 'Wessel Wijzigbaar',
    bsn: '123456782',
    geboortedatum: '1990-03-04',
    herkomstgemeenteId: org('Centrumstad'),
    doelgroep: 'ggz',
    externId: 'WIJZ-1',
    woonwensen: { gemeenten: [org('Centrumstad')], minKamers: 1, toegankelijk: false, bijzonderheden: 'liefst rustig' },
  });
  expect(res.statusCode, res.body).toBe(201);
  client = res.json();
});
afterAll(() => t.sluit());

const rij = async () => (await t.database.db.select().from(s.clienten).where(eq(s.clienten.id, client.id)))[0]!;
const stand = async () => (await t.database.db.select().from(s.clientStand).where(eq(s.clientStand.clientId, client.id)))[0]!;
const zoek = async (sessie: Sessie, zoekterm: string) =>
  ((await t.als(sessie, 'GET', `/api/clienten?zoek=${encodeURIComponent(zoekterm)}`)).json().clienten as { id: string }[]).map((c) => c.id);

describe('PATCH /api/clienten/:id', () => {
  it('wijzigt naam, gemeenten, aanbieder en woonwensen; naamindex en client_stand volgen in dezelfde transactie; auditregel zonder waarden', async () => {
    const res = await t.als(toegang, 'PATCH', `/api/clienten/${client.id}`, {
      naam: 'Wessel Ommezwaai',
      geboortedatum: '2004-03-04',
      huidigeGemeenteId: org('Noorddorp'),
      aanbiederId: org('RIBW Rivierland'),
      externId: 'WIJZ-2',
      woonwensen: { gemeenten: [org('Noorddorp'), org('Zuidhaven')], minKamers: 2, toegankelijk: true, bijzonderheden: 'begane grond' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().gewijzigd.sort()).toEqual(['aanbiederId', 'externId', 'geboortedatum', 'huidigeGemeenteId', 'naam', 'woonwensen']);
    expect(res.json().client).toMatchObject({ naam: 'Wessel Ommezwaai', externId: 'WIJZ-2', huidigeGemeenteId: org('Noorddorp'), jongere: true });

    const c = await rij();
    expect(testVersleuteling.ontsleutel(c.naamVersleuteld)).toBe('Wessel Ommezwaai');
    expect(c.woonwensen).toEqual({ gemeenten: [org('Noorddorp'), org('Zuidhaven')], minKamers: 2, toegankelijk: true, bijzonderheden: 'begane grond' });
    expect(await stand()).toMatchObject({ huidigeGemeenteId: org('Noorddorp'), aanbiederId: org('RIBW Rivierland'), geboortedatum: '2004-03-04' });
    // the new name is found, the old one no longer; the new extern id too
    expect(await zoek(toegang, 'Ommezwaai')).toEqual([client.id]);
    expect(await zoek(toegang, 'Wijzigbaar')).not.toContain(client.id);
    expect(await zoek(toegang, 'WIJZ-2')).toEqual([client.id]);
    // now in Noorddorp's and RIBW's view as well
    expect(await zoek(noorddorp, 'Ommezwaai')).toEqual([client.id]);
    expect(await zoek(ribw, 'Ommezwaai')).toEqual([client.id]);

    const [log] = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, client.id), eq(s.auditLog.actie, 'wijzigen'))).orderBy(s.auditLog.volgnr);
    expect(log!.resultaat).toBe('toegestaan');
    expect(JSON.stringify(log!.details)).not.toContain('Ommezwaai');
  });

  it('weigert foute invoer met een melding bij het veld en verandert niets', async () => {
    const voor = await rij();
    const gevallen: [Record<string, unknown>, string, RegExp][] = [
      [{ bsn: '123456789' }, 'bsn', /BSN klopt niet/],
      [{ geboortedatum: '2999-01-01' }, 'geboortedatum', /Geboortedatum ligt in de toekomst/],
      [{ geboortedatum: '1850-01-01' }, 'geboortedatum', /Geboortedatum ligt vóór 1900/],
      [{ naam: 'W' }, 'naam', /Naam is te kort/],
      [{ woonwensen: { minKamers: 9 } }, 'woonwensen.minKamers', /Minimaal aantal kamers is hoogstens 6/],
      [{ woonwensen: { bijzonderheden: 'x'.repeat(501) } }, 'woonwensen.bijzonderheden', /Bijzonderheden is te lang/],
      [{ herkomstgemeenteId: org('RIBW Rivierland') }, 'herkomstgemeenteId', /herkomstgemeente is geen/],
      [{ woonwensen: { gemeenten: [org('Woonstede Rivierland')] } }, 'woonwensen.gemeenten', /woonwens \(gemeente\) is geen/],
      [{}, '', /minstens één gegeven/],
    ];
    for (const [body, pad, melding] of gevallen) {
      const res = await t.als(toegang, 'PATCH', `/api/clienten/${client.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().fout, JSON.stringify(body)).toMatch(melding);
      if (pad) expect(res.json().details.map((d: { pad: string }) => d.pad), JSON.stringify(body)).toContain(pad);
    }
    // an extern id of another client: 409 at the field, not a 500 from the unique index
    const ander = await t.als(toegang, 'POST', '/api/clienten', { naam: 'Anne Ander', geboortedatum: '1980-01-01', herkomstgemeenteId: org('Centrumstad'), doelgroep: 'ggz', externId: 'ANDER-1' });
    expect(ander.statusCode).toBe(201);
    const dubbel = await t.als(toegang, 'PATCH', `/api/clienten/${client.id}`, { naam: 'Nieuwe Naam', externId: 'ANDER-1' });
    expect(dubbel.statusCode).toBe(409);
    expect(dubbel.json().details[0]).toMatchObject({ pad: 'externId' });
    expect(await rij()).toEqual(voor);
    expect(await zoek(toegang, 'Ommezwaai')).toEqual([client.id]);
  });

  it('een andere organisatie kan niet wijzigen: buiten zicht 404, corporatie en alleen-lezen 403; niemand zet een cliënt buiten eigen zicht', async () => {
    const voor = await rij();
    expect((await t.als(havenstad, 'PATCH', `/api/clienten/${client.id}`, { naam: 'Kaper Kust' })).statusCode).toBe(404);
    expect((await t.als(woonstede, 'PATCH', `/api/clienten/${client.id}`, { naam: 'Kaper Kust' })).statusCode).toBe(403);
    expect((await t.als(lezer, 'PATCH', `/api/clienten/${client.id}`, { naam: 'Kaper Kust' })).statusCode).toBe(403);
    // Zuidhaven is not the herkomst- nor the huidige gemeente: 404 for its toegang
    expect((await t.als(await t.sessie('toegang@zuidhaven.demo'), 'PATCH', `/api/clienten/${client.id}`, { naam: 'Kaper Kust' })).statusCode).toBe(404);
    // Noorddorp sees the client through the huidige gemeente; moving it to Zuidhaven would put it out of sight
    const weg = await t.als(noorddorp, 'PATCH', `/api/clienten/${client.id}`, { huidigeGemeenteId: org('Zuidhaven') });
    expect(weg.statusCode).toBe(403);
    expect(weg.json().fout).toMatch(/buiten het zicht/);
    // RIBW may not hand the client to another aanbieder
    expect((await t.als(ribw, 'PATCH', `/api/clienten/${client.id}`, { aanbiederId: null })).statusCode).toBe(403);
    expect(await rij()).toEqual(voor);
  });
});

describe('een lezer ziet geen BSN', () => {
  it('niet in het dossier en niet in de lijst, en vindt een cliënt niet op BSN', async () => {
    const dossier = await t.als(lezer, 'GET', `/api/clienten/${client.id}`);
    expect(dossier.statusCode).toBe(200);
    expect(dossier.json().bsn).toBeNull();
    expect(dossier.body).not.toContain('123456782');
    const lijst = await t.als(lezer, 'GET', '/api/clienten?limiet=500');
    expect(lijst.body).not.toMatch(/"bsn"/);
    expect(await zoek(lezer, '123456782')).toEqual([]);
    // the toegang does see and find it
    expect((await t.als(toegang, 'GET', `/api/clienten/${client.id}`)).json().bsn).toBe('123456782');
    expect(await zoek(toegang, '123456782')).toEqual([client.id]);
    // inzage is for care roles only
    expect((await t.als(lezer, 'GET', `/api/clienten/${client.id}/inzage`)).statusCode).toBe(403);
  });
});

describe('wachtlijsten sorteren in de database', () => {
  it('sorteert op wachtdagen, urgentie en pseudoniem, beide richtingen, en pagineert gelijk aan de hele lijst', async () => {
    const haal = async (q: string) => (await t.als(toegang, 'GET', `/api/wachtlijsten/uitstroom?${q}`)).json() as { totaal: number; regels: { clientId: string; pseudoniem: string; wachtdagen: number; urgentie: number }[] };
    const geheel = await haal('limiet=500&sorteer=wachtdagen&richting=af');
    const dagen = geheel.regels.map((r) => r.wachtdagen);
    expect(dagen).toEqual([...dagen].sort((a, b) => b - a));
    const op = (await haal('limiet=500&sorteer=wachtdagen&richting=op')).regels.map((r) => r.wachtdagen);
    expect(op).toEqual([...op].sort((a, b) => a - b));
    const pseudo = (await haal('limiet=500&sorteer=pseudoniem&richting=af')).regels.map((r) => r.pseudoniem);
    expect(pseudo).toEqual([...pseudo].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const pagina = await haal('limiet=3&offset=3&sorteer=wachtdagen&richting=af');
    expect(pagina.regels.map((r) => r.clientId)).toEqual(geheel.regels.slice(3, 6).map((r) => r.clientId));
    // prioriteit aflopend is the list read from its end
    const prio = (await haal('limiet=500')).regels.map((r) => r.clientId);
    expect((await haal('limiet=500&richting=af')).regels.map((r) => r.clientId)).toEqual([...prio].reverse());
    expect((await t.als(toegang, 'GET', '/api/wachtlijsten/uitstroom?sorteer=naam')).statusCode).toBe(400);
  });
});
