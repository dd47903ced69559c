import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, notExists } from 'drizzle-orm';
import { OPEN_STATUSSEN } from '../../src/domain/matching/workflow.js';
import * as s from '../../src/db/schema.js';
import { testOmgeving, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

const ONBEKEND = '00000000-0000-4000-8000-00000000abcd';
const emailVan = (naam: string) => `consulent@${naam.toLowerCase().replace(/ /g, '-')}.demo`;

describe('voorstellen: redenen, herzien, parkeren, termijnen en dashboard via de API', () => {
  it('afwijzen: reden verplicht en van de eigen partij, met het veld in de melding; onbekend id 404', async () => {
    const centrum = await t.sessie('toegang@centrumstad.demo');
    expect((await t.als(centrum, 'POST', '/api/matching/rondes', { proefdraai: false })).statusCode).toBe(200);
    const [v] = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=voorstel')).json() as { id: string; corporatieId: string; deadline: string; versie: number; aangemaakt: string }[];
    expect(v!.deadline).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(v!.aangemaakt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const corpNaam = Object.entries(t.regios.rivierland.organisaties).find(([, o]) => o.id === v!.corporatieId)![0];
    const corp = await t.sessie(emailVan(corpNaam));
    const url = `/api/matching/voorstellen/${v!.id}/stap`;

    const zonder = await t.als(corp, 'POST', url, { actie: 'afwijzing' });
    expect(zonder.statusCode).toBe(400);
    expect(zonder.json().details[0]).toMatchObject({ veld: 'Reden', pad: 'redenCode' });
    const onbekend = await t.als(corp, 'POST', url, { actie: 'afwijzing', redenCode: 'bestaat_niet' });
    expect(onbekend.statusCode).toBe(400);
    expect(onbekend.json().fout).toMatch(/^Ongeldige invoer: Reden: kies een reden uit de lijst/);
    const ander = await t.als(corp, 'POST', url, { actie: 'afwijzing', redenCode: 'aanbieder_begeleiding_niet_rond' });
    expect(ander.statusCode).toBe(422);
    expect(ander.json().details).toEqual([{ pad: 'redenCode', veld: 'Reden', melding: expect.stringMatching(/andere partij.*de corporatie/) }]);
    const overig = await t.als(corp, 'POST', url, { actie: 'afwijzing', redenCode: 'corporatie_overig', reden: '  ' });
    expect(overig.statusCode).toBe(422);
    expect(overig.json().details[0]).toMatchObject({ pad: 'reden', veld: 'Toelichting' });
    expect((await t.database.db.select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, v!.id)))[0]!.status).toBe('voorstel');
    expect((await t.als(corp, 'POST', `/api/matching/voorstellen/${ONBEKEND}/stap`, { actie: 'afwijzing', redenCode: 'corporatie_spreiding' })).statusCode).toBe(404);

    const ok = await t.als(corp, 'POST', url, { actie: 'afwijzing', redenCode: 'corporatie_spreiding', reden: 'Blok vol', versie: v!.versie });
    expect(ok.statusCode, ok.body).toBe(200);
    const afgewezen = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=afgewezen')).json().find((x: { id: string }) => x.id === v!.id);
    expect(afgewezen).toMatchObject({ afwijzingCode: 'corporatie_spreiding', afwijzingLabel: 'Spreidingsafspraak voor dit complex of deze wijk vol', afwijzingPartij: 'corporatie', afgewezenBij: 'voorstel' });

    // override: only the centrumgemeente, with a reason; unknown id 404
    expect((await t.als(corp, 'POST', `/api/matching/voorstellen/${v!.id}/overrulen`, { reden: 'Toch doen' })).statusCode).toBe(403);
    const kort = await t.als(centrum, 'POST', `/api/matching/voorstellen/${v!.id}/overrulen`, { reden: '' });
    expect(kort.statusCode).toBe(400);
    expect(kort.json().details[0]).toMatchObject({ veld: 'Reden', pad: 'reden' });
    expect((await t.als(centrum, 'POST', `/api/matching/voorstellen/${ONBEKEND}/overrulen`, { reden: 'Toch doen' })).statusCode).toBe(404);
    const herzien = await t.als(centrum, 'POST', `/api/matching/voorstellen/${v!.id}/overrulen`, { reden: 'Spreiding valt mee: blok heeft ruimte' });
    expect(herzien.statusCode, herzien.body).toBe(200);
    expect(herzien.json().status).toBe('voorstel');
  });

  it('redenenlijst per partij en de partijen waarvoor de gebruiker spreekt', async () => {
    const corp = (await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'GET', '/api/matching/redenen')).json();
    expect(corp.eigenPartijen).toEqual(['corporatie']);
    const aanbieder = (await t.als(await t.sessie('consulent@ribw-rivierland.demo'), 'GET', '/api/matching/redenen')).json();
    expect(aanbieder.eigenPartijen).toEqual(['aanbieder', 'client']);
    for (const p of aanbieder.partijen) expect(p.redenen.length).toBeGreaterThanOrEqual(8);
  });

  it('parkeren: einddatum 30–365 dagen bij het veld, alleen gemeenten, onbekende cliënt 404; daarna in de lijst en op het dossier', async () => {
    const centrum = await t.sessie('toegang@centrumstad.demo');
    // an uitstroomklare client of the centrumgemeente's region without an open proposal (parking one with an open
    // proposal is refused), chosen by pseudoniem so every run parks the same client
    const [regio] = await t.database.db.select({ regioId: s.organisaties.regioId }).from(s.organisaties).where(eq(s.organisaties.naam, 'Centrumstad'));
    const [c] = await t.database.db
      .select()
      .from(s.clientStand)
      .where(
        and(
          eq(s.clientStand.fase, 'uitstroomklaar'),
          eq(s.clientStand.regioId, regio!.regioId),
          notExists(t.database.db.select().from(s.matchVoorstellen).where(and(eq(s.matchVoorstellen.clientId, s.clientStand.clientId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)))),
        ),
      )
      .orderBy(s.clientStand.pseudoniem)
      .limit(1);
    const url = `/api/clienten/${c!.clientId}/parkeren`;
    const teKort = await t.als(centrum, 'POST', url, { redenCode: 'detentie', einddatum: '2026-11-10' });
    expect(teKort.statusCode).toBe(422);
    expect(teKort.json().details).toEqual([{ pad: 'einddatum', veld: 'Einddatum', melding: 'Einddatum ligt minder dan 30 dagen na vandaag' }]);
    const geenReden = await t.als(centrum, 'POST', url, { einddatum: '2027-01-15' });
    expect(geenReden.statusCode).toBe(400);
    expect(geenReden.json().details[0]).toMatchObject({ veld: 'Reden', pad: 'redenCode' });
    expect((await t.als(centrum, 'POST', `/api/clienten/${ONBEKEND}/parkeren`, { redenCode: 'detentie', einddatum: '2027-01-15' })).statusCode).toBe(404);
    expect((await t.als(await t.sessie('consulent@ribw-rivierland.demo'), 'POST', url, { redenCode: 'detentie', einddatum: '2027-01-15' })).statusCode).toBe(403);
    const ok = await t.als(centrum, 'POST', url, { redenCode: 'behandeling_loopt', einddatum: '2027-01-15' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ actief: true, tot: '2027-01-15' });
    const lijst = (await t.als(centrum, 'GET', '/api/matching/parkeringen')).json();
    expect(lijst.parkeringen.some((p: { clientId: string }) => p.clientId === c!.clientId)).toBe(true);
    // "waarom niet gematcht?" names the parking and its end date, and says so again once it has ended
    const waarom = async () => (await t.als(centrum, 'GET', `/api/clienten/${c!.clientId}/waarom-niet`)).json() as { deelname: { reden: string; tekst: string }[] };
    expect((await waarom()).deelname).toContainEqual({ reden: 'geparkeerd', tekst: 'Geparkeerd tot 15-1-2027: doet tot dan niet mee.' });
    expect((await t.als(centrum, 'GET', `/api/clienten/${ONBEKEND}/parkeringen`)).statusCode).toBe(404);
    expect((await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'GET', '/api/matching/parkeringen')).statusCode).toBe(403);
    const eind = await t.als(centrum, 'POST', `/api/parkeringen/${ok.json().id}/beeindigen`, {});
    expect(eind.statusCode, eind.body).toBe(200);
    expect(eind.json().actief).toBe(false);
    expect((await waarom()).deelname.map((d) => d.reden)).not.toContain('geparkeerd');
    expect((await t.als(centrum, 'POST', `/api/parkeringen/${ONBEKEND}/beeindigen`, {})).statusCode).toBe(404);
  });

  it('termijnen: alleen de beheerder van de centrumgemeente, elk veld begrensd en bij naam genoemd', async () => {
    const beheer = await t.sessie('beheer@centrumstad.demo');
    const goed = { corporatieWerkdagen: 8, zorgWerkdagen: 10, sleutelWerkdagen: 20, herinneringWerkdagen: 2, respijtWerkdagen: 5 };
    const fout = await t.als(beheer, 'PUT', '/api/matching/termijnen', { ...goed, sleutelWerkdagen: 0 });
    expect(fout.statusCode).toBe(400);
    expect(fout.json().details[0]).toMatchObject({ veld: 'Sleuteloverdracht (werkdagen)', pad: 'sleutelWerkdagen' });
    const herinnering = await t.als(beheer, 'PUT', '/api/matching/termijnen', { ...goed, herinneringWerkdagen: 8 });
    expect(herinnering.statusCode).toBe(422);
    expect(herinnering.json().details[0].pad).toBe('herinneringWerkdagen');
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'PUT', '/api/matching/termijnen', goed)).statusCode).toBe(403);
    expect((await t.als(beheer, 'PUT', '/api/matching/termijnen', goed)).statusCode).toBe(200);
    expect((await t.als(beheer, 'GET', '/api/matching/termijnen')).json()).toMatchObject({ ...goed, standaard: false });
  });

  it('dashboard: een corporatie ziet alleen eigen rijen; CSV formuleveilig; periode en groepering gecontroleerd', async () => {
    const q = 'van=2026-01-01&tot=2026-12-31&per=corporatie';
    const centrum = (await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', `/api/matching/dashboard?${q}`)).json();
    const corporaties = new Set(centrum.overzicht.map((r: { groepId: string }) => r.groepId));
    expect(corporaties.size).toBeGreaterThan(1);
    const eigen = t.regios.rivierland.organisaties['Woonstede Rivierland']!.id;
    const corp = await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'GET', `/api/matching/dashboard?${q}`);
    expect(corp.statusCode).toBe(200);
    const rijen = [...corp.json().overzicht, ...corp.json().afwijzingen, ...corp.json().doorlooptijden];
    expect(rijen.length).toBeGreaterThan(0);
    expect(new Set(rijen.map((r: { groepId: string }) => r.groepId))).toEqual(new Set([eigen]));
    expect(corp.json().geparkeerd).toBeNull();
    expect((await t.als(await t.sessie('consulent@ribw-rivierland.demo'), 'GET', `/api/matching/dashboard?${q}`)).statusCode).toBe(403);
    const omgekeerd = await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', '/api/matching/dashboard?van=2026-12-01&tot=2026-01-01');
    expect(omgekeerd.statusCode).toBe(400);
    expect(omgekeerd.json().details[0]).toMatchObject({ veld: 'Van', pad: 'van' });
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', '/api/matching/dashboard?van=2026-01-01&tot=2026-12-31&per=wijk')).json().details[0]).toMatchObject({ veld: 'Per' });
    const csv = await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', `/api/matching/dashboard?${q}&format=csv&onderdeel=afwijzingen`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFCorporatie;Partij;Reden;Aantal');
  });
});
