import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import fc from 'fast-check';
import { PEILDATUM, testOmgeving, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());


const SECTIES = ['stromen', 'bezetting', 'wachttijden', 'terugkeer', 'beschermd-thuis', 'woningen'];
const q = '?periode=kwartaal&van=2025-01-01&tot=2026-10-31';

/** Splits one CSV line with `;` separators and `"` quoting. */
function splits(regel: string): string[] {
  const velden: string[] = [];
  let huidig = '';
  let quotes = false;
  for (let i = 0; i < regel.length; i++) {
    const c = regel[i]!;
    if (quotes) {
      if (c === '"' && regel[i + 1] === '"') (huidig += '"'), i++;
      else if (c === '"') quotes = false;
      else huidig += c;
    } else if (c === '"') quotes = true;
    else if (c === ';') velden.push(huidig), (huidig = '');
    else huidig += c;
  }
  velden.push(huidig);
  return velden;
}

describe('monitor: toegang', () => {
  it('gemeenten en aanbieders zien de geaggregeerde cijfers van hun regio, zonder cliëntgegevens', async () => {
    for (const email of ['toegang@centrumstad.demo', 'lezer@centrumstad.demo', 'toegang@noorddorp.demo', 'consulent@ribw-rivierland.demo']) {
      const sessie = await t.sessie(email);
      for (const sectie of SECTIES) {
        const res = await t.als(sessie, 'GET', `/api/monitor/${sectie}${q}`);
        expect(res.statusCode, `${email} ${sectie}`).toBe(200);
        expect(res.body).not.toMatch(/C-[0-9A-Z]{5,}|clientId|pseudoniem|naam_versleuteld/);
      }
    }
    const stromen = (await t.als(await t.sessie('toegang@noorddorp.demo'), 'GET', `/api/monitor/stromen${q}`)).json();
    expect(stromen.regioId).toBe(t.regios.rivierland.regioId);
    expect(stromen.regels).toHaveLength(8);
  });

  it('standaard "de laatste 24 maanden": 24 maandperioden, de laatste die waarin tot valt', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    const res = (await t.als(sessie, 'GET', '/api/monitor/stromen?periode=maand&tot=2026-12-15')).json();
    expect(res.regels).toHaveLength(24);
    expect(res.regels[0].start).toBe('2025-01-01');
    expect(res.regels.at(-1).start).toBe('2026-12-01');
    const jan = (await t.als(sessie, 'GET', '/api/monitor/stromen?periode=maand&tot=2026-01-31')).json();
    expect(jan.regels.map((r: { start: string }) => r.start).slice(0, 2)).toEqual(['2024-02-01', '2024-03-01']);
    expect(jan.regels).toHaveLength(24);
  });

  it('zonder van en tot: de 24 maanden tot en met de lopende maand van vandaag, voor elke datum van tot', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    // onafhankelijk van standaardVan: de eerste van de maand 23 maanden vóór de maand van tot, met Date.UTC
    const verwachteStarts = (tot: string) =>
      Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(Number(tot.slice(0, 4)), Number(tot.slice(5, 7)) - 1 - 23 + i, 1)).toISOString().slice(0, 10));
    const standaard = (await t.als(sessie, 'GET', '/api/monitor/stromen?periode=maand')).json();
    expect(standaard.regels.map((r: { start: string }) => r.start)).toEqual(verwachteStarts(PEILDATUM));
    await fc.assert(
      fc.asyncProperty(fc.date({ min: new Date('2001-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), async (d) => {
        const tot = d.toISOString().slice(0, 10);
        const res = (await t.als(sessie, 'GET', `/api/monitor/stromen?periode=maand&tot=${tot}`)).json();
        expect(res.regels.map((r: { start: string }) => r.start)).toEqual(verwachteStarts(tot));
      }),
      { numRuns: 25 },
    );
  });

  it('de regio volgt uit de login: Kustland ziet andere cijfers en kan geen Rivierland-gemeente opvragen', async () => {
    const kust = await t.sessie('toegang@havenstad.kust.demo');
    const rivier = await t.sessie('toegang@centrumstad.demo');
    const a = (await t.als(kust, 'GET', `/api/monitor/stromen${q}`)).json();
    const b = (await t.als(rivier, 'GET', `/api/monitor/stromen${q}`)).json();
    expect(a.regioId).toBe(t.regios.kustland.regioId);
    expect(JSON.stringify(a.regels)).not.toBe(JSON.stringify(b.regels));
    const noorddorp = t.regios.rivierland.organisaties['Noorddorp']!.id;
    expect((await t.als(kust, 'GET', `/api/monitor/stromen${q}&gemeenteId=${noorddorp}`)).statusCode).toBe(404);
    expect((await t.als(rivier, 'GET', `/api/monitor/stromen${q}&gemeenteId=${noorddorp}`)).statusCode).toBe(200);
    // an organisation that is not a gemeente is no gemeente filter either
    const ribw = t.regios.rivierland.organisaties['RIBW Rivierland']!.id;
    expect((await t.als(rivier, 'GET', `/api/monitor/stromen${q}&gemeenteId=${ribw}`)).statusCode).toBe(404);
  });

  it('een woningcorporatie ziet alleen gereserveerd/gerealiseerd van zichzelf, met onderdrukking van kleine aantallen', async () => {
    const sessie = await t.sessie('consulent@woonstede-rivierland.demo');
    for (const sectie of SECTIES.filter((x) => x !== 'woningen')) {
      expect((await t.als(sessie, 'GET', `/api/monitor/${sectie}${q}`)).statusCode, sectie).toBe(403);
    }
    const woonstede = t.regios.rivierland.organisaties['Woonstede Rivierland']!.id;
    const res = (await t.als(sessie, 'GET', `/api/monitor/woningen${q}`)).json();
    expect(res.regels.length).toBeGreaterThan(0);
    expect(res.onderdrukkingsdrempel).toBe(5);
    for (const r of res.regels) {
      expect(r.corporatieId).toBe(woonstede);
      if (r.gerealiseerd !== null) expect(r.gerealiseerd === 0 || r.gerealiseerd >= 5).toBe(true);
      expect(r.onderdrukt).toBe(r.gerealiseerd === null);
    }
    const gemeente = (await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', `/api/monitor/woningen${q}`)).json();
    expect(new Set(gemeente.regels.map((r: { corporatie: string }) => r.corporatie)).size).toBe(3);
    expect(gemeente.regels.some((r: { gerealiseerd: number }) => r.gerealiseerd > 0 && r.gerealiseerd < 5)).toBe(true);
  });

  it('ongeldige invoer geeft een Nederlandse 4xx-melding', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    const periode = await t.als(sessie, 'GET', '/api/monitor/stromen?periode=week');
    expect(periode.statusCode).toBe(400);
    expect(periode.json().fout).toMatch(/periode/);
    expect((await t.als(sessie, 'GET', '/api/monitor/stromen?van=2026-02-30')).json().fout).toMatch(/geldige datum/);
    const omgekeerd = await t.als(sessie, 'GET', '/api/monitor/stromen?van=2026-05-01&tot=2026-01-01');
    expect(omgekeerd.statusCode).toBe(422);
    expect(omgekeerd.json().fout).toMatch(/van moet vóór/);
    expect((await t.als(sessie, 'GET', '/api/monitor/stromen?gemeenteId=abc')).statusCode).toBe(400);
  });
});

describe('monitor: CSV-export', () => {
  it('elke tabel als CSV met ; als scheidingsteken, decimale komma, BOM en juiste quoting', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    for (const sectie of SECTIES) {
      const res = await t.als(sessie, 'GET', `/api/monitor/${sectie}${q}&format=csv`);
      expect(res.statusCode, sectie).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="monitor-${sectie}-2025-01-01-2026-10-31\\.csv"`));
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      const regels = res.body.slice(1).split('\r\n');
      expect(regels.at(-1)).toBe('');
      const kop = splits(regels[0]!);
      for (const regel of regels.slice(1, -1)) expect(splits(regel)).toHaveLength(kop.length);
    }
    const stromen = await t.als(sessie, 'GET', `/api/monitor/stromen${q}&format=csv`);
    const json = (await t.als(sessie, 'GET', `/api/monitor/stromen${q}`)).json();
    const regels = stromen.body.slice(1).trim().split('\r\n');
    expect(regels).toHaveLength(1 + json.regels.length);
    const kop = splits(regels[0]!);
    expect(kop.slice(0, 3)).toEqual(['Periode vanaf', 'Periode tot en met', 'instroom']);
    expect(splits(regels[1]!).slice(0, 3)).toEqual(['2025-01-01', '2025-03-31', String(json.regels[0].aantallen.instroom)]);

    const wacht = await t.als(sessie, 'GET', `/api/monitor/wachttijden${q}&format=csv`);
    // p90 values with a fraction use a decimal comma, never a point
    expect(wacht.body).toMatch(/;\d+,\d+(;|\r\n)/);
    expect(wacht.body).not.toMatch(/;\d+\.\d+(;|\r\n)/);
  });

  it('een gemeentenaam die als formule begint komt geneutraliseerd in de CSV (geen formule-injectie)', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    const id = t.regios.rivierland.organisaties['Noorddorp']!.id;
    const [oud] = await t.database.db.select({ naam: s.organisaties.naam }).from(s.organisaties).where(eq(s.organisaties.id, id));
    const formule = '=HYPERLINK("https://kwaad.example","Noorddorp")';
    await t.database.db.update(s.organisaties).set({ naam: formule }).where(eq(s.organisaties.id, id));
    try {
      const res = await t.als(sessie, 'GET', `/api/monitor/beschermd-thuis${q}&format=csv`);
      expect(res.statusCode).toBe(200);
      const cellen = res.body.slice(1).split('\r\n').flatMap((r) => splits(r));
      expect(cellen).toContain(`'${formule}`);
      expect(cellen.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    } finally {
      await t.database.db.update(s.organisaties).set({ naam: oud!.naam }).where(eq(s.organisaties.id, id));
    }
  });

  it('een CSV-export komt in het auditlog, een gewone JSON-inzage van aggregaten niet', async () => {
    const sessie = await t.sessie('lezer@centrumstad.demo');
    await t.als(sessie, 'GET', `/api/monitor/terugkeer${q}&format=csv`);
    const rijen = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entiteit, 'monitor'), eq(s.auditLog.entiteitId, 'terugkeer')));
    expect(rijen.some((r) => r.actie === 'exporteren')).toBe(true);
  });
});
