import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { eventsPerClient } from '../../src/db/repos/clienten.js';
import { testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
let toegang: Sessie;
let lezer: Sessie;
let corporatie: Sessie;
let kust: Sessie;
let clientId: string;

beforeAll(async () => {
  t = await testOmgeving();
  [toegang, lezer, corporatie, kust] = await Promise.all([
    t.sessie('toegang@centrumstad.demo'),
    t.sessie('lezer@centrumstad.demo'),
    t.sessie('consulent@woonstede-rivierland.demo'),
    t.sessie('toegang@havenstad.kust.demo'),
  ]);
  const [c] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem)).limit(1);
  clientId = c!.id;
});
afterAll(() => t.sluit());

const tel = async (tabel: typeof s.grondslagen | typeof s.trajectEvents) => (await t.database.db.select({ n: count() }).from(tabel))[0]!.n;
const auditVan = (id: string) => t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, id));

describe('grondslagen per cliënt', () => {
  it('zorgrollen lezen, leggen vast en trekken in; elke stap in het auditlog', async () => {
    const lijst = await t.als(toegang, 'GET', `/api/clienten/${clientId}/grondslagen`);
    expect(lijst.statusCode).toBe(200);
    const nieuw = await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen`, { reikwijdte: 'aanbieder_dossier', soort: 'wettelijk', wettelijkeGrondslag: 'wmo_5_1_1', referentie: 'Beschikking 2026-77', ingangsdatum: '2026-10-01' });
    expect(nieuw.statusCode).toBe(201);
    const id = nieuw.json().id as string;
    const weg = await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen/${id}/intrekken`, { reden: 'cliënt wil het niet meer' });
    expect(weg.statusCode).toBe(200);
    expect(weg.json().ingetrokkenOp).toBe('2026-11-01');
    expect((await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen/${id}/intrekken`, { reden: 'nogmaals' })).statusCode).toBe(409);
    const na = (await t.als(toegang, 'GET', `/api/clienten/${clientId}/grondslagen`)).json();
    expect(na.grondslagen.find((g: { id: string }) => g.id === id).status).toBe('ingetrokken');
    const acties = (await auditVan(clientId)).map((a) => (a.details as { onderdeel?: string; actie?: string } | null));
    expect(acties.filter((d) => d?.onderdeel === 'grondslagen').length).toBeGreaterThanOrEqual(2);
    expect(acties.some((d) => d?.actie === 'vastleggen')).toBe(true);
    expect(acties.some((d) => d?.actie === 'intrekken')).toBe(true);
  });

  it('corporatie en alleen-lezen worden geweigerd, een andere regio ziet het dossier niet; foute invoer verandert niets', async () => {
    const voor = await tel(s.grondslagen);
    const geldig = { reikwijdte: 'corporatie_kandidaatprofiel', soort: 'toestemming', ingangsdatum: '2026-10-01' };
    expect((await t.als(corporatie, 'GET', `/api/clienten/${clientId}/grondslagen`)).statusCode).toBe(403);
    expect((await t.als(corporatie, 'POST', `/api/clienten/${clientId}/grondslagen`, geldig)).statusCode).toBe(403);
    expect((await t.als(lezer, 'POST', `/api/clienten/${clientId}/grondslagen`, geldig)).statusCode).toBe(403);
    expect((await t.als(kust, 'GET', `/api/clienten/${clientId}/grondslagen`)).statusCode).toBe(404);
    expect((await t.als(kust, 'POST', `/api/clienten/${clientId}/grondslagen`, geldig)).statusCode).toBe(404);
    const foutEind = await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen`, { ...geldig, einddatum: '2026-09-01' });
    expect(foutEind.statusCode).toBe(422);
    expect(foutEind.json().fout).toBe('Einddatum ligt vóór de datum gegeven');
    expect((await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen`, { ...geldig, reikwijdte: 'buren' })).statusCode).toBe(400);
    expect((await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen`, { ...geldig, ingangsdatum: '31-02-2026' })).statusCode).toBe(400);
    expect((await t.als(toegang, 'POST', `/api/clienten/${clientId}/grondslagen/00000000-0000-4000-8000-000000000000/intrekken`, { reden: 'bestaat niet' })).statusCode).toBe(404);
    expect(await tel(s.grondslagen)).toBe(voor);
  });
});

describe('inzage (AVG art. 15)', () => {
  it('alles over één cliënt als JSON, met het toegangslog; de export zelf wordt gelogd', async () => {
    const [metPlaatsing] = await t.database.db.select({ clientId: s.plaatsingen.clientId }).from(s.plaatsingen).where(eq(s.plaatsingen.regioId, t.regios.rivierland.regioId)).limit(1);
    const id = metPlaatsing!.clientId;
    await t.als(toegang, 'GET', `/api/clienten/${id}`);
    const res = await t.als(toegang, 'GET', `/api/clienten/${id}/inzage`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/inzage-C-/);
    const inzage = res.json();
    const [c] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.id, id));
    expect(inzage.dossier.naam).toBe(testVersleuteling.ontsleutel(c!.naamVersleuteld));
    expect(inzage.dossier.events.length).toBe((await eventsPerClient(t.database.db, [id])).get(id)!.length);
    expect(inzage.plaatsingen.length).toBeGreaterThan(0);
    expect(inzage.grondslagen.length).toBeGreaterThan(0);
    expect(Object.keys(inzage).sort()).toEqual(['begeleidingen', 'dossier', 'grondslagen', 'opgesteld', 'parkeringen', 'peildatum', 'plaatsingen', 'schulden', 'signalen', 'toegang', 'voorstellen', 'zrm']);
    expect(inzage.toegang.some((a: { actie: string; organisatie: string }) => a.actie === 'lezen' && a.organisatie === 'Centrumstad')).toBe(true);
    const log = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, id), eq(s.auditLog.actie, 'exporteren')));
    expect(log).toHaveLength(1);
    expect((await t.als(corporatie, 'GET', `/api/clienten/${id}/inzage`)).statusCode).toBe(403);
    expect((await t.als(kust, 'GET', `/api/clienten/${id}/inzage`)).statusCode).toBe(404);
  });
});

describe('correctie van een gebeurtenis (AVG art. 16)', () => {
  const laatsteUitstroom = async () => {
    const clienten = await t.database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem));
    const per = await eventsPerClient(t.database.db, clienten.map((c) => c.id));
    return [...per].find(([, l]) => l.at(-1)?.soort === 'uitstroom' && l.at(-2)?.soort === 'uitstroomklaar')!;
  };

  it('ongedaan maken met reden: de fase volgt, het dossier toont de correctie, het auditlog ook', async () => {
    const [id, lijst] = await laatsteUitstroom();
    const res = await t.als(toegang, 'POST', `/api/clienten/${id}/events/${lijst.at(-1)!.id}/correctie`, { reden: 'uitstroom stond bij de verkeerde cliënt' });
    expect(res.statusCode).toBe(201);
    expect(res.json().toestand.fase).toBe('uitstroomklaar');
    const dossier = (await t.als(toegang, 'GET', `/api/clienten/${id}`)).json();
    expect(dossier.toestand.fase).toBe('uitstroomklaar');
    expect(dossier.events.find((e: { id: number }) => e.id === lijst.at(-1)!.id).geldig).toBe(false);
    expect(dossier.events.at(-1)).toMatchObject({ soort: 'correctie', reden: 'uitstroom stond bij de verkeerde cliënt', geldig: false });
    expect(dossier.toegestaneEvents).toContain('uitstroom');
  });

  it('een ongeldig traject geeft 422 met een Nederlandse melding; corporatie 403; onbekend 404; foute invoer 400; niets verandert', async () => {
    const [id, lijst] = await laatsteUitstroom();
    const voor = await tel(s.trajectEvents);
    const pad = `/api/clienten/${id}/events/${lijst[0]!.id}/correctie`;
    const ongeldig = await t.als(toegang, 'POST', pad, { reden: 'aanmelding was fout' });
    expect(ongeldig.statusCode).toBe(422);
    expect(ongeldig.json().fout).toMatch(/^Correctie geweigerd: daarna klopt het traject niet meer/);
    expect((await t.als(corporatie, 'POST', pad, { reden: 'corporatie wil corrigeren' })).statusCode).toBe(403);
    expect((await t.als(lezer, 'POST', pad, { reden: 'alleen lezen' })).statusCode).toBe(403);
    expect((await t.als(kust, 'POST', pad, { reden: 'andere regio' })).statusCode).toBe(404);
    expect((await t.als(toegang, 'POST', `/api/clienten/${id}/events/999999999/correctie`, { reden: 'bestaat niet' })).statusCode).toBe(404);
    const kort = await t.als(toegang, 'POST', pad, { reden: 'x' });
    expect(kort.statusCode).toBe(400);
    expect(kort.json().fout).toMatch(/Reden is te kort/);
    expect((await t.als(toegang, 'POST', `/api/clienten/${id}/events/abc/correctie`, { reden: 'geen getal' })).statusCode).toBe(400);
    expect((await t.als(toegang, 'POST', pad, { reden: 'vervanging fout', vervanging: { soort: 'verhuizing', datum: '2026-01-01' } })).statusCode).toBe(400);
    expect(await tel(s.trajectEvents)).toBe(voor);
  });
});
