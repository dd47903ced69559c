import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { anonimiseerDossier } from '../../src/db/repos/bewaartermijnen.js';
import { ZRM_DOMEINEN, type ZrmScores } from '../../src/domain/zrm.js';
import { backends, testActor, testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';

const alle = (w: number | null) => Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, w])) as ZrmScores;
const slug = (naam: string) => naam.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe.each(backends)('ZRM-beoordelingen (%s)', (backend) => {
  let t: TestOmgeving;
  let toegang: Sessie;
  let lezer: Sessie;
  let corporatie: Sessie;
  let kust: Sessie;
  let aanbieder: Sessie;
  let clientId: string;

  beforeAll(async () => {
    t = await testOmgeving(backend, { aantalClienten: 60 });
    // a client of RIBW Rivierland without seeded assessments, so the history below is only this test's
    const [c] = await t.database.db
      .select({ id: s.clienten.id })
      .from(s.clienten)
      .where(and(eq(s.clienten.regioId, t.regios.rivierland.regioId), eq(s.clienten.aanbiederId, t.regios.rivierland.organisaties['RIBW Rivierland']!.id), sql`not exists (select 1 from zrm_beoordelingen z where z.client_id = ${s.clienten.id})`))
      .orderBy(asc(s.clienten.pseudoniem))
      .limit(1);
    clientId = c!.id;
    [toegang, lezer, corporatie, kust, aanbieder] = await Promise.all([
      t.sessie('toegang@centrumstad.demo'),
      t.sessie('lezer@centrumstad.demo'),
      t.sessie('consulent@woonstede-rivierland.demo'),
      t.sessie('toegang@havenstad.kust.demo'),
      t.sessie(`consulent@${slug('RIBW Rivierland')}.demo`),
    ]);
  });
  afterAll(() => t?.sluit());

  const aantal = async () => ((await t.database.db.select({ n: count() }).from(s.zrmBeoordelingen).where(eq(s.zrmBeoordelingen.clientId, clientId))) as [{ n: number }])[0].n;

  it('de demo-regio heeft voor een deel van de cliënten één tot drie beoordelingen', async () => {
    const perClient = await t.database.db
      .select({ clientId: s.zrmBeoordelingen.clientId, n: count() })
      .from(s.zrmBeoordelingen)
      .where(eq(s.zrmBeoordelingen.regioId, t.regios.rivierland.regioId))
      .groupBy(s.zrmBeoordelingen.clientId);
    expect(perClient.length).toBeGreaterThan(5);
    expect(perClient.length).toBeLessThan(60);
    for (const p of perClient) expect(p.n).toBeGreaterThanOrEqual(1), expect(p.n).toBeLessThanOrEqual(3);
  });

  it('medewerker toegang legt twee beoordelingen vast; de geschiedenis komt nieuwste eerst met de hint van de laatste', async () => {
    const eerste = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-03-01', scores: { ...alle(3), financien: 2, justitie: null }, toelichting: 'Schulden in beeld' });
    expect(eerste.statusCode).toBe(201);
    expect(eerste.json()).toMatchObject({ datum: '2026-03-01', organisatie: 'Centrumstad', toelichting: 'Schulden in beeld', ingetrokken: null });
    const tweede = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-09-01', scores: { ...alle(4), justitie: null } });
    expect(tweede.statusCode).toBe(201);

    const res = await t.als(toegang, 'GET', `/api/clienten/${clientId}/zrm`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.beoordelingen.map((b: { datum: string }) => b.datum)).toEqual(['2026-09-01', '2026-03-01']);
    expect(body.hint).toMatchObject({ klaar: true, datum: '2026-09-01', tegenhouders: [] });

    // every change and the read are in the audit log, without scores or notes
    const regels = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'client'), eq(s.auditLog.entiteitId, clientId)));
    expect(regels.filter((r) => r.actie === 'wijzigen' && (r.details as { zrm?: string }).zrm).map((r) => (r.details as { actie: string }).actie)).toEqual(['aanmaken', 'aanmaken']);
    expect(regels.some((r) => r.actie === 'lezen' && (r.details as { onderdeel?: string }).onderdeel === 'zrm')).toBe(true);
    expect(JSON.stringify(regels.map((r) => r.details))).not.toContain('Schulden in beeld');
    // the notes are stored encrypted
    const [opgeslagen] = await t.database.db.select({ t: s.zrmBeoordelingen.toelichtingVersleuteld }).from(s.zrmBeoordelingen).where(eq(s.zrmBeoordelingen.id, eerste.json().id));
    expect(opgeslagen!.t).not.toContain('Schulden');
  });

  it('foute invoer noemt het veld en verandert niets', async () => {
    const voor = await aantal();
    const zes = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: { ...alle(3), financien: 6 } });
    expect(zes.statusCode).toBe(422);
    expect(zes.json().fout).toBe('Score Financiën moet 1 tot en met 5 zijn');
    expect(zes.json().details).toEqual([{ pad: 'scores.financien', veld: 'Score Financiën', melding: 'Score Financiën moet 1 tot en met 5 zijn' }]);
    const toekomst = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2030-01-01', scores: alle(3) });
    expect(toekomst.statusCode).toBe(422);
    expect(toekomst.json().fout).toBe('Datum ligt meer dan een jaar in de toekomst');
    const weinig = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: { ...alle(null), financien: 3 } });
    expect(weinig.statusCode).toBe(422);
    expect(weinig.json().details[0].pad).toBe('scores');
    const { financien: _weg, ...zonderFinancien } = alle(3);
    const open = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: zonderFinancien });
    expect(open.statusCode).toBe(422);
    expect(open.json().details).toEqual([{ pad: 'scores.financien', veld: 'Score Financiën', melding: 'Score Financiën ontbreekt (kies 1 tot en met 5, of niet van toepassing)' }]);
    const zonder = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01' });
    expect(zonder.statusCode).toBe(400);
    expect(zonder.json().fout).toMatch(/^Ongeldige invoer: /);
    const lang = await t.als(toegang, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: alle(3), toelichting: 'x'.repeat(2001) });
    expect(lang.statusCode).toBe(422);
    expect(lang.json().details[0]).toMatchObject({ pad: 'toelichting', veld: 'Toelichting' });
    expect(await aantal()).toBe(voor);
  });

  it('een corporatie krijgt 403, een andere regio en een onbekende cliënt 404; de weigering staat in het auditlog', async () => {
    const voor = await aantal();
    expect((await t.als(corporatie, 'GET', `/api/clienten/${clientId}/zrm`)).statusCode).toBe(403);
    expect((await t.als(corporatie, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: alle(3) })).statusCode).toBe(403);
    expect((await t.als(kust, 'GET', `/api/clienten/${clientId}/zrm`)).statusCode).toBe(404);
    expect((await t.als(kust, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: alle(3) })).statusCode).toBe(404);
    expect((await t.als(toegang, 'GET', '/api/clienten/00000000-0000-4000-8000-000000000000/zrm')).statusCode).toBe(404);
    expect((await t.als(toegang, 'GET', '/api/clienten/geen-id/zrm')).statusCode).toBe(400);
    expect(await aantal()).toBe(voor);
    const geweigerd = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, clientId), eq(s.auditLog.resultaat, 'geweigerd'), eq(s.auditLog.organisatieId, t.regios.rivierland.organisaties['Woonstede Rivierland']!.id)));
    expect(geweigerd.length).toBe(2);
  });

  it('een lezer ziet de scores en de hint maar niet de toelichting, en legt niets vast', async () => {
    const res = await t.als(lezer, 'GET', `/api/clienten/${clientId}/zrm`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.beoordelingen).toHaveLength(2);
    expect(body.beoordelingen[1].scores.financien).toBe(2);
    expect(body.beoordelingen.every((b: { toelichting: string | null }) => b.toelichting === null)).toBe(true);
    expect(body.hint.klaar).toBe(true);
    expect((await t.als(lezer, 'POST', `/api/clienten/${clientId}/zrm`, { datum: '2026-10-01', scores: alle(3) })).statusCode).toBe(403);
  });

  it('intrekken met reden: blijft zichtbaar als ingetrokken, de hint valt terug op de vorige; alleen de eigen organisatie', async () => {
    const { beoordelingen } = (await t.als(toegang, 'GET', `/api/clienten/${clientId}/zrm`)).json();
    const nieuwste = beoordelingen[0].id as string;
    expect((await t.als(toegang, 'POST', `/api/zrm/${nieuwste}/intrekken`, { reden: 'x' })).statusCode).toBe(400);
    // the aanbieder sees the client but did not assess
    const ander = await t.als(aanbieder, 'POST', `/api/zrm/${nieuwste}/intrekken`, { reden: 'Verkeerde cliënt' });
    expect(ander.statusCode).toBe(403);
    expect((await t.als(kust, 'POST', `/api/zrm/${nieuwste}/intrekken`, { reden: 'Verkeerde cliënt' })).statusCode).toBe(404);
    const ok = await t.als(toegang, 'POST', `/api/zrm/${nieuwste}/intrekken`, { reden: 'Verkeerde cliënt gekozen' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ingetrokken).toMatchObject({ reden: 'Verkeerde cliënt gekozen' });
    expect((await t.als(toegang, 'POST', `/api/zrm/${nieuwste}/intrekken`, { reden: 'Nog een keer' })).statusCode).toBe(409);
    const na = (await t.als(toegang, 'GET', `/api/clienten/${clientId}/zrm`)).json();
    expect(na.beoordelingen).toHaveLength(2);
    expect(na.hint).toMatchObject({ klaar: false, datum: '2026-03-01' });
    expect(na.hint.tegenhouders.map((h: { domein: string }) => h.domein)).toEqual(['financien']);
    // the aanbieder reads scores and notes (care role within sight)
    const viaAanbieder = (await t.als(aanbieder, 'GET', `/api/clienten/${clientId}/zrm`)).json();
    expect(viaAanbieder.beoordelingen[1].toelichting).toBe('Schulden in beeld');
    const intrek = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, clientId), sql`${s.auditLog.details}->>'actie' = 'intrekken'`));
    expect(intrek).toHaveLength(1);
  });

  it('de inzage (AVG art. 15) bevat alle beoordelingen met toelichting en intrekking', async () => {
    const res = await t.als(toegang, 'GET', `/api/clienten/${clientId}/inzage`);
    expect(res.statusCode).toBe(200);
    const zrm = res.json().zrm as { datum: string; toelichting: string | null; intrekkingsreden: string | null }[];
    expect(zrm.map((z) => z.datum)).toEqual(['2026-09-01', '2026-03-01']);
    expect(zrm[0]!.intrekkingsreden).toBe('Verkeerde cliënt gekozen');
    expect(zrm[1]!.toelichting).toBe('Schulden in beeld');
  });

  it('anonimiseren na de bewaartermijn verwijdert de beoordelingen; een verwijderde cliënt neemt ze mee (cascade)', async () => {
    const beheer = testActor(t.regios, 'rivierland', 'Centrumstad', 'beheerder');
    expect(await anonimiseerDossier(t.database.db, beheer, { clientId, einde: '2020-01-01' }, 24)).toBe(true);
    expect(await aantal()).toBe(0);
    const regel = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, clientId), eq(s.auditLog.actie, 'vernietigen')));
    expect((regel[0]!.details as { zrm: number }).zrm).toBe(2);
    const fk = await t.database.db.execute(sql`select confdeltype from pg_constraint where conrelid = 'zrm_beoordelingen'::regclass and confrelid = 'clienten'::regclass`);
    expect((fk as unknown as { rows: { confdeltype: string }[] }).rows[0]!.confdeltype).toBe('c');
  });
});
