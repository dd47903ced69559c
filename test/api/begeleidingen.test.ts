import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { backends, testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';

const slug = (naam: string) => naam.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe.each(backends)('begeleiding per plaatsing via de API (%s)', (backend) => {
  let t: TestOmgeving;
  let toegang: Sessie;
  let lezer: Sessie;
  let corporatie: Sessie;
  let kust: Sessie;
  let ribw: Sessie;
  let kompas: Sessie;
  /** a running placement in a Woonstede Rivierland home, of a RIBW client, without a begeleiding */
  let p: { id: string; clientId: string; startdatum: string; aanbiederId: string };

  beforeAll(async () => {
    t = await testOmgeving(backend, { aantalClienten: 120 });
    const org = t.regios.rivierland.organisaties;
    const [rij] = await t.database.db
      .select({ id: s.plaatsingen.id, clientId: s.plaatsingen.clientId, startdatum: s.plaatsingen.startdatum, aanbiederId: s.plaatsingen.aanbiederId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
      .where(and(eq(s.woningen.corporatieId, org['Woonstede Rivierland']!.id), eq(s.clienten.aanbiederId, org['RIBW Rivierland']!.id), eq(s.plaatsingen.aanbiederId, org['RIBW Rivierland']!.id), isNull(s.plaatsingen.einddatum)))
      .orderBy(asc(s.plaatsingen.startdatum))
      .limit(1);
    p = rij as typeof p;
    await t.database.db.delete(s.begeleidingen).where(eq(s.begeleidingen.plaatsingId, p.id));
    [toegang, lezer, corporatie, kust, ribw, kompas] = await Promise.all([
      t.sessie('toegang@centrumstad.demo'),
      t.sessie('lezer@centrumstad.demo'),
      t.sessie('consulent@woonstede-rivierland.demo'),
      t.sessie('toegang@havenstad.kust.demo'),
      t.sessie(`consulent@${slug('RIBW Rivierland')}.demo`),
      t.sessie(`consulent@${slug('Kompas Verslavingszorg')}.demo`),
    ]);
  });
  afterAll(() => t?.sluit());

  const body = () => ({
    aanbiederId: p.aanbiederId,
    urenPerWeek: 6,
    van: p.startdatum,
    tot: '2027-10-31',
    contactpersoon: 'Joost Visser',
    contactTelefoon: '06-11223344',
    evaluaties: ['2027-01-15', '2027-07-15'],
    plan: [
      { domein: 'dagbesteding', doelen: [{ omschrijving: 'Drie dagdelen dagbesteding', status: 'bezig' }] },
      { domein: 'sociaal_netwerk', doelen: [{ omschrijving: 'Wekelijks contact met zus', status: 'open' }] },
    ],
  });

  it('de domeinen komen als gegevens van de server', async () => {
    const res = await t.als(ribw, 'GET', '/api/begeleidingen/domeinen');
    expect(res.statusCode).toBe(200);
    expect(res.json().domeinen.map((d: { code: string }) => d.code)).toEqual(['wonen', 'dagbesteding', 'financien', 'sociaal_netwerk', 'gezondheid']);
    expect((await t.als(corporatie, 'GET', '/api/begeleidingen/domeinen')).statusCode).toBe(403);
  });

  it('validatie: Nederlandse meldingen bij het veld, 422, en er verandert niets', async () => {
    const res = await t.als(ribw, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, { ...body(), urenPerWeek: 'veel', contactpersoon: '', evaluaties: ['2040-01-01'], plan: [] });
    expect(res.statusCode).toBe(422);
    const details = res.json().details as { pad: string; veld: string; melding: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { pad: 'urenPerWeek', veld: 'Uren per week', melding: 'Uren per week moet een getal zijn' },
        expect.objectContaining({ pad: 'contactpersoon', veld: 'Contactpersoon' }),
        { pad: 'evaluaties.0', veld: 'Evaluatiedatum 1', melding: 'Evaluatiedatum 1 ligt buiten de periode van de begeleiding' },
        { pad: 'plan', veld: 'Plan', melding: 'Noem minstens één doel in het plan' },
      ]),
    );
    const [{ n }] = ((await t.database.db.execute(sql`select count(*)::int as n from begeleidingen where plaatsing_id = ${p.id}`)) as unknown as { rows: [{ n: number }] }).rows;
    expect(n).toBe(0);
  });

  it('zonder begeleiding zegt de API wat er ontbreekt; daarna is alles in orde', async () => {
    const voor = await t.als(toegang, 'GET', `/api/plaatsingen/${p.id}/begeleiding`);
    expect(voor.statusCode).toBe(200);
    if (voor.json().vereist) expect(voor.json().ontbreekt[0]).toMatch(/vereist een begeleidingsafspraak/);
    const gezet = await t.als(ribw, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, body());
    expect(gezet.statusCode).toBe(200);
    expect(gezet.json()).toMatchObject({ ontbreekt: [], begeleiding: { urenPerWeek: 6, aanbieder: 'RIBW Rivierland', versie: 1 } });
    const dossier = await t.als(toegang, 'GET', `/api/clienten/${p.clientId}/begeleiding`);
    expect(dossier.statusCode).toBe(200);
    expect(dossier.json().plaatsingen.find((x: { plaatsingId: string }) => x.plaatsingId === p.id).begeleiding.plan[0].doelen[0].omschrijving).toBe('Drie dagdelen dagbesteding');
    // wijzigen zonder versie: 409
    expect((await t.als(ribw, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, { ...body(), urenPerWeek: 4 })).statusCode).toBe(409);
    expect((await t.als(ribw, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, { ...body(), urenPerWeek: 4, versie: 1 })).json().begeleiding.versie).toBe(2);
  });

  it('de woningcorporatie ziet alleen "begeleiding geregeld tot", de contactpersoon en het nummer', async () => {
    const res = await t.als(corporatie, 'GET', `/api/plaatsingen/${p.id}/begeleiding`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      plaatsingId: p.id,
      begeleiding: { plaatsingId: p.id, geregeldTot: '2027-10-31', contactpersoon: 'Joost Visser', contactTelefoon: '06-11223344', tekst: 'Begeleiding geregeld tot 31 oktober 2027, contact Joost Visser, 06-11223344' },
    });
    expect(res.body).not.toMatch(/RIBW|dagbesteding|urenPerWeek/);
    const regels = await t.als(corporatie, 'GET', `/api/begeleidingen/regels?plaatsing=${p.id}`);
    expect(regels.json().regels).toHaveLength(1);
    expect((await t.als(corporatie, 'GET', `/api/clienten/${p.clientId}/begeleiding`)).statusCode).toBe(403);
    expect((await t.als(corporatie, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, body())).statusCode).toBe(403);
    // the read was audited as a reduced read
    const audit = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'plaatsing'), eq(s.auditLog.entiteitId, p.id), sql`${s.auditLog.details}->>'beperkt' = 'true'`));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('buiten de eigen organisatie of regio: 404, en die weigering komt in het auditlog', async () => {
    const [clientAanbieder] = await t.database.db.select({ a: s.clienten.aanbiederId }).from(s.clienten).where(eq(s.clienten.id, p.clientId));
    expect(clientAanbieder!.a).toBe(t.regios.rivierland.organisaties['RIBW Rivierland']!.id);
    expect((await t.als(kompas, 'GET', `/api/plaatsingen/${p.id}/begeleiding`)).statusCode).toBe(404);
    expect((await t.als(kompas, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, { ...body(), aanbiederId: t.regios.rivierland.organisaties['Kompas Verslavingszorg']!.id, versie: 2 })).statusCode).toBe(404);
    expect((await t.als(kust, 'GET', `/api/clienten/${p.clientId}/begeleiding`)).statusCode).toBe(404);
    expect((await t.als(toegang, 'GET', '/api/plaatsingen/00000000-0000-4000-8000-000000000000/begeleiding')).statusCode).toBe(404);
    expect((await t.als(toegang, 'GET', '/api/plaatsingen/geen-id/begeleiding')).statusCode).toBe(400);
    const geweigerd = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, p.id), eq(s.auditLog.resultaat, 'geweigerd')));
    expect(geweigerd.length).toBeGreaterThanOrEqual(2);
    // alleen lezen reads but does not write
    expect((await t.als(lezer, 'GET', `/api/plaatsingen/${p.id}/begeleiding`)).statusCode).toBe(200);
    expect((await t.als(lezer, 'PUT', `/api/plaatsingen/${p.id}/begeleiding`, body())).statusCode).toBe(403);
  });

  it('een evaluatie als gehouden vastleggen via de API', async () => {
    const b = (await t.als(ribw, 'GET', `/api/plaatsingen/${p.id}/begeleiding`)).json().begeleiding;
    const e = b.evaluaties[0];
    expect((await t.als(ribw, 'POST', `/api/evaluaties/${e.id}/gehouden`, { datum: '2026-10-30' })).json().begeleiding.evaluaties[0].gehoudenOp).toBe('2026-10-30');
    expect((await t.als(ribw, 'POST', `/api/evaluaties/${e.id}/gehouden`, { datum: '2026-10-30' })).statusCode).toBe(409);
    expect((await t.als(kompas, 'POST', `/api/evaluaties/${b.evaluaties[1].id}/gehouden`, { datum: '2026-10-30' })).statusCode).toBe(404);
  });

  it('woonsituatie vóór aanmelding: bij de aanmelding vastgelegd, elders geweigerd met een Nederlandse melding', async () => {
    const nieuw = await t.als(toegang, 'POST', '/api/clienten', { naam: 'Proef Woonsituatie', geboortedatum: '1994-04-04', doelgroep: 'dakloos', herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id });
    expect(nieuw.statusCode).toBe(201);
    const id = nieuw.json().id;
    const fout = await t.als(toegang, 'POST', `/api/clienten/${id}/events`, { soort: 'aanmelding', datum: '2026-10-01', woonsituatie: 'kasteel' });
    expect(fout.statusCode).toBe(400);
    expect(JSON.stringify(fout.json())).toContain('Woonsituatie vóór aanmelding');
    const ok = await t.als(toegang, 'POST', `/api/clienten/${id}/events`, { soort: 'aanmelding', datum: '2026-10-01', woonsituatie: 'nachtopvang' });
    expect(ok.statusCode).toBe(201);
    const verkeerd = await t.als(toegang, 'POST', `/api/clienten/${id}/events`, { soort: 'beoordeling', datum: '2026-10-02', urgentie: 1, woonsituatie: 'nachtopvang' });
    expect(verkeerd.statusCode).toBe(422);
    expect(verkeerd.json().fout).toBe('Woonsituatie vóór aanmelding hoort alleen bij een aanmelding');
    const dossier = await t.als(toegang, 'GET', `/api/clienten/${id}`);
    expect(dossier.json().events[0]).toMatchObject({ soort: 'aanmelding', woonsituatie: 'nachtopvang' });
  });
});
