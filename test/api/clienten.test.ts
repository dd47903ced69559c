import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { grondslagVoorCorporatie } from '../../src/db/repos/grondslagen.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
let centrum: Sessie;
let noorddorp: Sessie;
let ribw: Sessie;
let havenstad: Sessie;
let woonstede: Sessie;
const org = (naam: string) => t.regios.rivierland.organisaties[naam]!.id;
interface Regel {
  id: string;
  pseudoniem: string;
  naam: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string;
  aanbiederId: string | null;
  toestand: { urgentie: number };
}
let vries: { id: string; pseudoniem: string };

beforeAll(async () => {
  t = await testOmgeving();
  [centrum, noorddorp, ribw, havenstad, woonstede] = await Promise.all([
    t.sessie('toegang@centrumstad.demo'),
    t.sessie('toegang@noorddorp.demo'),
    t.sessie('consulent@ribw-rivierland.demo'),
    t.sessie('toegang@havenstad.kust.demo'),
    t.sessie('consulent@woonstede-rivierland.demo'),
  ]);
  const res = await t.als(centrum, 'POST', '/api/clienten', {
    naam: 'Priya de Vries-Ünal',
    bsn: '123456782',
    geboortedatum: '1992-06-01',
    herkomstgemeenteId: org('Zuidhaven'),
    doelgroep: 'ggz',
  });
  expect(res.statusCode).toBe(201);
  vries = res.json();
});
afterAll(() => t.sluit());

const lijst = async (sessie: Sessie, query: string) => {
  const res = await t.als(sessie, 'GET', `/api/clienten?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { totaal: number; clienten: Regel[] };
};

describe('GET /api/clienten: zoeken, sorteren en pagineren in de database', () => {
  it('vindt een nieuwe cliënt op een deel van de naam, zonder accenten, op BSN en op pseudoniem', async () => {
    for (const zoek of ['Vries', 'vri', 'unal', 'Priya Ünal', 'de vries-unal', '123456782', vries.pseudoniem.toLowerCase().slice(0, 7)]) {
      const r = await lijst(centrum, `zoek=${encodeURIComponent(zoek)}`);
      expect(r.clienten.map((c) => c.id), zoek).toContain(vries.id);
      expect(r.totaal).toBe(r.clienten.length);
    }
    const treffer = (await lijst(centrum, 'zoek=Vries%20Unal')).clienten;
    expect(treffer.map((c) => c.naam)).toEqual(['Priya de Vries-Ünal']);
  });

  it('een andere organisatie vindt hem niet op naam of BSN', async () => {
    for (const sessie of [noorddorp, ribw, havenstad]) {
      for (const zoek of ['Vries Unal', '123456782', vries.pseudoniem]) {
        const r = await lijst(sessie, `zoek=${encodeURIComponent(zoek)}`);
        expect(r.clienten.map((c) => c.id)).not.toContain(vries.id);
      }
    }
    // Zuidhaven is the herkomstgemeente: a user there does find the client
    const zuidhaven = await t.login('toegang@zuidhaven.demo');
    expect((await lijst(zuidhaven, 'zoek=Vries%20Unal')).clienten.map((c) => c.id)).toEqual([vries.id]);
    // a corporatie has no client list at all
    expect((await t.als(woonstede, 'GET', '/api/clienten?zoek=Vries')).statusCode).toBe(403);
  });

  it('elk zicht blijft hetzelfde: een regiogemeente en een aanbieder zien precies hun eigen cliënten, met totaal', async () => {
    const n = await lijst(noorddorp, 'limiet=500');
    const alle = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId));
    expect(n.totaal).toBe(alle.filter((c) => c.herkomstgemeenteId === org('Noorddorp') || c.huidigeGemeenteId === org('Noorddorp')).length);
    expect(n.clienten).toHaveLength(n.totaal);
    const a = await lijst(ribw, 'limiet=500');
    expect(a.totaal).toBe(alle.filter((c) => c.aanbiederId === org('RIBW Rivierland')).length);
    expect(a.clienten.every((c) => c.aanbiederId === org('RIBW Rivierland'))).toBe(true);
  });

  it('pagineert met een totaal en sorteert op de toegestane kolommen', async () => {
    const alles = await lijst(centrum, 'limiet=500&sorteer=urgentie&richting=af');
    expect(alles.totaal).toBeGreaterThan(100);
    const urgenties = alles.clienten.map((c) => c.toestand.urgentie);
    expect(urgenties).toEqual([...urgenties].sort((x, y) => y - x));
    const pagina = await lijst(centrum, 'limiet=10&offset=20&sorteer=urgentie&richting=af');
    expect(pagina.totaal).toBe(alles.totaal);
    expect(pagina.clienten.map((c) => c.id)).toEqual(alles.clienten.slice(20, 30).map((c) => c.id));
    const af = (await lijst(centrum, 'limiet=500&richting=af')).clienten.map((c) => c.pseudoniem);
    expect(af).toEqual([...af].sort().reverse());
  });

  it('weigert een onbekende sortering met een Nederlandse melding, ook sorteren op naam', async () => {
    for (const q of ['sorteer=naam', 'sorteer=bsn', 'richting=omhoog', 'limiet=0', 'offset=-1']) {
      const res = await t.als(centrum, 'GET', `/api/clienten?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    const res = await t.als(centrum, 'GET', '/api/clienten?sorteer=naam');
    expect(res.json().fout).toMatch(/sorteer.*versleuteld/);
  });

  it('een lijstinzage komt in het auditlog met alleen de pseudoniemen van de pagina', async () => {
    await lijst(centrum, 'zoek=Vries%20Unal');
    const log = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'clientlijst'), eq(s.auditLog.organisatieId, org('Centrumstad'))));
    const laatste = log.at(-1)!;
    expect(laatste.actie).toBe('zoeken');
    expect(laatste.pseudoniemen).toEqual([vries.pseudoniem]);
    expect(JSON.stringify(log)).not.toContain('123456782');
  });
});

describe('wachtlijsten en kandidaten: gepagineerd met totaal', () => {
  it('een wachtlijst in pagina’s is gelijk aan de hele lijst, met totaal en mediaan', async () => {
    const geheel = (await t.als(centrum, 'GET', '/api/wachtlijsten/uitstroom?limiet=500')).json() as { totaal: number; mediaanWachtdagen: number; regels: { clientId: string; wachtdagen: number }[] };
    expect(geheel.totaal).toBe(geheel.regels.length);
    expect(geheel.totaal).toBeGreaterThan(4);
    const stukken = [];
    for (let offset = 0; offset < geheel.totaal; offset += 4) {
      const p = (await t.als(centrum, 'GET', `/api/wachtlijsten/uitstroom?limiet=4&offset=${offset}`)).json();
      expect(p.totaal).toBe(geheel.totaal);
      expect(p.mediaanWachtdagen).toBe(geheel.mediaanWachtdagen);
      stukken.push(...p.regels);
    }
    expect(stukken.map((r) => r.clientId)).toEqual(geheel.regels.map((r) => r.clientId));
    expect((await t.als(centrum, 'GET', '/api/wachtlijsten/uitstroom?limiet=501')).statusCode).toBe(400);
  });

  it('kandidaten: totaal en pagina’s, nog steeds zonder iets dat identificeert', async () => {
    const geheel = await t.als(woonstede, 'GET', '/api/kandidaten?limiet=500');
    const { totaal, kandidaten } = geheel.json() as { totaal: number; kandidaten: Record<string, unknown>[] };
    expect(totaal).toBe(kandidaten.length);
    const [{ n }] = (await t.database.db
      .select({ n: count() })
      .from(s.clientStand)
      .where(
        and(eq(s.clientStand.regioId, t.regios.rivierland.regioId), eq(s.clientStand.fase, 'uitstroomklaar'), grondslagVoorCorporatie(PEILDATUM, s.clientStand.clientId)),
      )) as [{ n: number }];
    expect(totaal).toBe(n);
    const tweede = (await t.als(woonstede, 'GET', '/api/kandidaten?limiet=3&offset=3')).json() as { totaal: number; kandidaten: { pseudoniem: string }[] };
    expect(tweede.totaal).toBe(totaal);
    expect(tweede.kandidaten.map((k) => k.pseudoniem)).toEqual(kandidaten.slice(3, 6).map((k) => k.pseudoniem));
    for (const k of kandidaten) expect(Object.keys(k).sort()).toEqual(['herkomstgemeenteId', 'leeftijdscategorie', 'ondersteuningsniveau', 'pseudoniem', 'schuldGeregeld', 'urgentie', 'wachtdagen', 'woonwensen']);
    for (const c of await t.database.db.select().from(s.clienten)) expect(geheel.body).not.toContain(testVersleuteling.ontsleutel(c.naamVersleuteld));
  });
});
