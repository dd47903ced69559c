import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, desc, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { XLSX_MIME, naarXlsx } from '../../src/domain/xlsx-export.js';
import { leesCsvTabel } from '../../src/domain/csv.js';
import { testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';
import { wmo301 } from '../iwmo-berichten.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

const demo = (pad: string) => readFileSync(new URL(`../../demo/${pad}`, import.meta.url));
const TOEGANG = 'toegang@centrumstad.demo';
const ruw = (sessie: Sessie, url: string, body: string | Buffer, type: string) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf, 'content-type': type }, payload: body });
const tellingen = async () => ({
  clienten: (await t.database.db.select({ n: count() }).from(s.clienten))[0]!.n,
  events: (await t.database.db.select({ n: count() }).from(s.trajectEvents))[0]!.n,
  berichten: (await t.database.db.select({ n: count() }).from(s.iwmoBerichten))[0]!.n,
});
async function boek(bytes: Buffer | string) {
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(Buffer.from(bytes as Buffer) as unknown as ArrayBuffer);
  return b.worksheets[0]!;
}

describe('POST /api/import/iwmo', () => {
  it('neemt een bericht als XML-body, en een tweede keer verandert het niets', async () => {
    const sessie = await t.sessie(TOEGANG);
    const xml = demo('import/iwmo/wmo301-toewijzing-opvang.xml').toString('utf8');
    const eerste = await ruw(sessie, '/api/import/iwmo', xml, 'application/xml');
    expect(eerste.statusCode, eerste.body).toBe(200);
    expect(eerste.json()).toMatchObject({ berichten: 1, clientenNieuw: 1, gebeurtenissenNieuw: 3 });
    const voor = await tellingen();
    const tweede = await t.als(sessie, 'POST', '/api/import/iwmo', { berichten: [{ naam: 'opnieuw.xml', xml }] });
    expect(tweede.json()).toMatchObject({ berichtenAlVerwerkt: 1, gebeurtenissenNieuw: 0 });
    expect(await tellingen()).toEqual(voor);
    const [regel] = await t.database.db.select().from(s.auditLog).orderBy(desc(s.auditLog.volgnr)).limit(1);
    expect(regel).toMatchObject({ actie: 'importeren', entiteit: 'client', doel: 'toegang_beoordeling' });
  });

  it('422 met bestand, element en reden per fout; er verandert niets', async () => {
    const sessie = await t.sessie(TOEGANG);
    const voor = await tellingen();
    const goed = wmo301({ id: 'API-1', dagtekening: '2026-10-01' }, { bsn: '999991097' }, [{ nummer: '880001', categorie: '15', toewijzingsdatum: '2026-10-01' }]);
    const res = await t.als(sessie, 'POST', '/api/import/iwmo', {
      berichten: [
        { naam: 'goed.xml', xml: goed },
        { naam: 'kapot.xml', xml: goed.replace('999991097', '12345678') },
        { naam: 'geen-xml.xml', xml: '<Bericht><Header>' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.fouten).toEqual([
      { bestand: 'geen-xml.xml', pad: expect.stringMatching(/^regel 1, kolom/), melding: expect.stringMatching(/^geen geldige XML/) },
      { bestand: 'kapot.xml', pad: 'Bericht/Client/Bsn', melding: 'BSN moet 9 cijfers zijn' },
    ]);
    expect(await tellingen()).toEqual(voor);
  });

  it('alleen medewerkers toegang van gemeenten en aanbieders', async () => {
    const body = { berichten: [{ naam: 'x.xml', xml: '<Bericht/>' }] };
    for (const wie of ['lezer@centrumstad.demo', 'consulent@woonstede-rivierland.demo', 'beheer@centrumstad.demo']) {
      expect((await t.als(await t.sessie(wie), 'POST', '/api/import/iwmo', body)).statusCode, wie).toBe(403);
    }
  });
});

describe('Excel-import', () => {
  it('het voorbeeldwerkboek importeert als de CSV-voorbeeldbestanden, en een tweede keer niets dubbel', async () => {
    const sessie = await t.sessie(TOEGANG);
    const eerste = await ruw(sessie, '/api/import/xlsx', demo('import/toegang.xlsx'), XLSX_MIME);
    expect(eerste.statusCode, eerste.body).toBe(200);
    expect(eerste.json()).toEqual({ clientenNieuw: 4, clientenBestaand: 0, gebeurtenissenNieuw: 13, gebeurtenissenAlAanwezig: 0 });
    const voor = await tellingen();
    const tweede = await t.als(sessie, 'POST', '/api/import/xlsx', { xlsx: demo('import/toegang.xlsx').toString('base64') });
    expect(tweede.json()).toEqual({ clientenNieuw: 0, clientenBestaand: 4, gebeurtenissenNieuw: 0, gebeurtenissenAlAanwezig: 13 });
    expect(await tellingen()).toEqual(voor);
  });

  it('fouten noemen blad, rij en kolom, ook die van de regio (onbekende gemeente); niets opgeslagen', async () => {
    const sessie = await t.sessie(TOEGANG);
    const voor = await tellingen();
    const kolommen = ['extern_id', 'naam', 'geboortedatum', 'herkomstgemeente', 'doelgroep'].map((k) => ({ sleutel: k, kop: k, soort: k === 'geboortedatum' ? ('datum' as const) : undefined }));
    const xlsx = await naarXlsx([
      { naam: 'Cliënten', kolommen, rijen: [{ extern_id: 'XL-1', naam: 'Goed Genoeg', geboortedatum: '1990-01-01', herkomstgemeente: 'Atlantis', doelgroep: 'ggz' }, { extern_id: 'XL-2', naam: 'Fout Doelgroep', geboortedatum: '1990-01-01', herkomstgemeente: 'Centrumstad', doelgroep: 'xyz' }] },
    ]);
    const res = await ruw(sessie, '/api/import/xlsx', Buffer.from(xlsx), XLSX_MIME);
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([expect.objectContaining({ bestand: 'clienten', blad: 'Cliënten', regel: 3, kolom: 'doelgroep', kolomLetter: 'E' })]);
    const geenBlad = await t.als(sessie, 'POST', '/api/import/xlsx', { xlsx: Buffer.from(await naarXlsx([{ naam: 'Blad1', kolommen, rijen: [] }])).toString('base64') });
    expect(geenBlad.statusCode).toBe(422);
    expect(geenBlad.json().fout).toContain("geen blad 'clienten' of 'gebeurtenissen'");
    // the regio check runs after the rows are valid: fix the doelgroep and the unknown gemeente is named
    const alleenRegio = await naarXlsx([{ naam: 'clienten', kolommen, rijen: [{ extern_id: 'XL-1', naam: 'Goed Genoeg', geboortedatum: '1990-01-01', herkomstgemeente: 'Atlantis', doelgroep: 'ggz' }] }]);
    const regio = await ruw(sessie, '/api/import/xlsx', Buffer.from(alleenRegio), XLSX_MIME);
    expect(regio.json().details).toEqual([expect.objectContaining({ blad: 'clienten', regel: 2, kolom: 'herkomstgemeente', kolomLetter: 'D', melding: "herkomstgemeente 'Atlantis' is geen gemeente in deze regio" })]);
    expect((await ruw(sessie, '/api/import/xlsx', Buffer.from('geen excel'), XLSX_MIME)).json().fout).toBe('Het bestand is geen leesbaar Excel-werkboek (.xlsx)');
    expect(await tellingen()).toEqual(voor);
  });

  it('verdeelmodel: het Excel-voorbeeld geeft dezelfde gemeenten als de CSV; alleen de beheerder van de centrumgemeente', async () => {
    const beheer = await t.sessie('beheer@centrumstad.demo');
    const csv = demo('verdeelmodel/indicatoren-synthetisch.csv').toString('utf8');
    expect((await ruw(beheer, '/api/verdeelmodel/import', csv, 'text/csv')).statusCode).toBe(200);
    const naCsv = (await t.als(beheer, 'GET', '/api/verdeelmodel/gemeenten')).json();
    const res = await ruw(beheer, '/api/verdeelmodel/import/xlsx', demo('verdeelmodel/indicatoren-synthetisch.xlsx'), XLSX_MIME);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ aantal: 8 });
    const naXlsx = (await t.als(beheer, 'GET', '/api/verdeelmodel/gemeenten')).json();
    const zonderId = (g: { gemeenten: { id: string; bron: string }[] }) => g.gemeenten.map(({ id: _i, bron: _b, ...x }) => x);
    expect(zonderId(naXlsx)).toEqual(zonderId(naCsv));
    expect(naXlsx.synthetisch).toBe(true);
    const fout = await naarXlsx([{ naam: 'indicatoren', kolommen: ['gemeentecode', 'gemeentenaam', 'inwoners', 'historisch_budget'].map((k) => ({ sleutel: k, kop: k })), rijen: [{ gemeentecode: 'GM9001', gemeentenaam: 'Centrumstad', inwoners: -5, historisch_budget: 10 }] }]);
    const weigering = await ruw(beheer, '/api/verdeelmodel/import/xlsx', Buffer.from(fout), XLSX_MIME);
    expect(weigering.statusCode).toBe(422);
    expect(weigering.json().details.fouten[0].tekst).toBe("blad 'indicatoren', rij 2, kolom C (inwoners): inwoners mag niet negatief zijn (-5)");
    expect(zonderId((await t.als(beheer, 'GET', '/api/verdeelmodel/gemeenten')).json())).toEqual(zonderId(naCsv));
    expect((await ruw(await t.sessie(TOEGANG), '/api/verdeelmodel/import/xlsx', Buffer.from(fout), XLSX_MIME)).statusCode).toBe(403);
  });
});

describe('Excel-export', () => {
  it('elke monitortabel als .xlsx: dezelfde kop en rijen als de CSV, getallen als getal, periodes als datum, in het auditlog', async () => {
    const sessie = await t.sessie(TOEGANG);
    for (const tabel of ['stromen', 'bezetting', 'wachttijden', 'terugkeer', 'beschermd-thuis', 'woningen']) {
      const q = '?periode=kwartaal&van=2025-01-01&tot=2026-10-31';
      const csv = leesCsvTabel((await t.als(sessie, 'GET', `/api/monitor/${tabel}${q}&format=csv`)).body);
      const res = await t.als(sessie, 'GET', `/api/monitor/${tabel}${q}&format=xlsx`);
      expect(res.statusCode, tabel).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const blad = await boek(res.rawPayload);
      const kop = (blad.getRow(1).values as unknown[]).slice(1);
      expect(kop.map((k) => String(k).toLowerCase()), tabel).toEqual(csv.kolommen);
      expect(blad.rowCount - 1, tabel).toBe(csv.rijen.length);
      if (tabel === 'stromen') {
        expect(blad.getCell('A2').value).toBeInstanceOf(Date);
        expect(blad.getCell('A2').numFmt).toBe('dd-mm-yyyy');
        expect(typeof blad.getCell('C2').value).toBe('number');
      }
    }
    const [regel] = await t.database.db.select().from(s.auditLog).orderBy(desc(s.auditLog.volgnr)).limit(1);
    expect(regel).toMatchObject({ actie: 'exporteren', entiteit: 'monitor', entiteitId: 'woningen', details: expect.objectContaining({ formaat: 'xlsx' }) });
  });

  it('het inzageoverzicht als .xlsx met tijdstippen als echte datum-tijd', async () => {
    const beheer = await t.sessie('beheer@centrumstad.demo');
    const [c] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId)).limit(1);
    await t.als(await t.sessie(TOEGANG), 'GET', `/api/clienten/${c!.id}`);
    const res = await t.als(beheer, 'GET', `/api/audit/inzage/${c!.pseudoniem}?format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const blad = await boek(res.rawPayload);
    expect(blad.getCell('A1').value).toBe('Tijdstip');
    expect(blad.getCell('A2').value).toBeInstanceOf(Date);
    expect(blad.getCell('A2').numFmt).toBe('dd-mm-yyyy hh:mm');
    expect(blad.rowCount).toBeGreaterThan(1);
    const [regel] = await t.database.db.select().from(s.auditLog).orderBy(desc(s.auditLog.volgnr)).limit(1);
    expect(regel).toMatchObject({ actie: 'exporteren', entiteit: 'auditlog_inzage', entiteitId: c!.pseudoniem });
  });
});
