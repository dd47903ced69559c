import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { OPEN_STATUSSEN } from '../../src/domain/matching/workflow.js';
import * as s from '../../src/db/schema.js';
import { controleerToewijzing } from '../../src/domain/matching/index.js';
import { bouwMatchContext } from '../../src/db/repos/matching.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

interface Voorstel {
  id: string;
  status: string;
  pseudoniem: string;
  clientId: string | null;
  woningId: string;
  corporatieId: string;
  aanbiederId: string | null;
  volgendNaAfwijzing: boolean;
  toelichting: { persoon: string[]; woning: string[]; afspraak: string[] };
  berekening: { score: number; tekst: string; redenen: string[] } | null;
}

/** Words of the solver that people who decide on a proposal should never have to read. */
const JARGON = /min-cost|doelfunctie|netwerk-simplex|simplex|score|quotum|lagrange|\(\+\d+\)/i;

describe('matching op de demoregio', () => {
  it('proefdraai: voorstellen met uitleg die alle harde regels respecteren, en niets opgeslagen', async () => {
    const sessie = await t.login('toegang@centrumstad.demo');
    const res = await t.als(sessie, 'POST', '/api/matching/rondes', { proefdraai: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.voorstellen.length).toBeGreaterThan(0);
    // a medewerker toegang reads the plain explanation; the solver's figures are for beheerders
    expect(body.objectief).toBeNull();
    expect(body.statistiek).toBeNull();
    for (const v of body.voorstellen) {
      expect(v.berekening).toBeNull();
      const tekst = JSON.stringify(v.toelichting);
      expect(v.toelichting.persoon[0]).toMatch(/^Wacht /);
      expect(v.toelichting.woning[0]).toMatch(/^Ligt in /);
      expect(v.toelichting.afspraak.join(' ')).toMatch(/reserveringsafspraak/);
      expect(tekst).not.toMatch(JARGON);
      // people read names and pseudoniemen, never database ids
      expect(tekst).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
      expect(v.pseudoniem).toMatch(/^C-/);
    }
    for (const n of body.nietGeplaatst) expect(n.toelichting).not.toMatch(JARGON);
    const beheer = await t.login('beheer@centrumstad.demo');
    const alsBeheerder = (await t.als(beheer, 'POST', '/api/matching/rondes', { proefdraai: true })).json();
    expect(alsBeheerder.objectief).toBeGreaterThan(0);
    expect(alsBeheerder.voorstellen[0].berekening.tekst).toMatch(/Score \d+/);
    expect(JSON.stringify(alsBeheerder.voorstellen.map((v: Voorstel) => v.berekening))).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    const ctx = await bouwMatchContext(t.database.db, t.regios.rivierland.regioId, PEILDATUM);
    expect(controleerToewijzing(ctx.invoer, body.voorstellen)).toEqual([]);
    // the seed holds a closed history of proposals (seed-voorstellen): a dry run adds nothing to it
    expect(await t.database.db.select().from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.status, OPEN_STATUSSEN))).toHaveLength(0);
  });

  it('elke reserveringsafspraak brengt haar eigen maxima mee (ADR 0033), niet de strengste van het jaar', async () => {
    const regioId = t.regios.rivierland.regioId;
    const afspraken = await t.database.db
      .select()
      .from(s.reserveringsafspraken)
      .where(eq(s.reserveringsafspraken.regioId, regioId));
    const ditJaar = afspraken.filter((a) => a.jaar === Number(PEILDATUM.slice(0, 4)));
    expect(ditJaar.length).toBeGreaterThan(1);
    // make two agreements differ, so that applying one's caps to the other's homes would show
    const [a, b] = ditJaar;
    await t.database.db.update(s.reserveringsafspraken).set({ maxPerComplex: 1, maxPerWijk: 1 }).where(eq(s.reserveringsafspraken.id, a!.id));
    await t.database.db.update(s.reserveringsafspraken).set({ maxPerComplex: 4, maxPerWijk: 9 }).where(eq(s.reserveringsafspraken.id, b!.id));
    const ctx = await bouwMatchContext(t.database.db, regioId, PEILDATUM);
    const van = (x: typeof a) => ctx.invoer.quota.find((q) => q.gemeenteId === x!.gemeenteId && q.corporatieId === x!.corporatieId)!;
    expect([van(a).maxPerComplex, van(a).maxPerWijk]).toEqual([1, 1]);
    expect([van(b).maxPerComplex, van(b).maxPerWijk]).toEqual([4, 9]);
    expect(ctx.invoer.spreiding.alGeplaatstPerAfspraakWijk).toBeDefined();
    const sessie = await t.login('toegang@centrumstad.demo');
    const res = await t.als(sessie, 'POST', '/api/matching/rondes', { proefdraai: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(controleerToewijzing(ctx.invoer, res.json().voorstellen)).toEqual([]);
    // restore the seed's caps for the tests that follow
    for (const x of [a!, b!]) await t.database.db.update(s.reserveringsafspraken).set({ maxPerComplex: x.maxPerComplex, maxPerWijk: x.maxPerWijk }).where(eq(s.reserveringsafspraken.id, x.id));
  });

  it('alleen de centrumgemeente start een ronde', async () => {
    for (const email of ['toegang@noorddorp.demo', 'consulent@woonstede-rivierland.demo', 'consulent@ribw-rivierland.demo', 'lezer@centrumstad.demo']) {
      expect((await t.als(await t.login(email), 'POST', '/api/matching/rondes', { proefdraai: true })).statusCode, email).toBe(403);
    }
  });

  it('workflow: ronde → akkoord corporatie → akkoord aanbieder → sleuteloverdracht maakt plaatsing en uitstroom', async () => {
    const centrum = await t.login('toegang@centrumstad.demo');
    const ronde = await t.als(centrum, 'POST', '/api/matching/rondes', { proefdraai: false });
    expect(ronde.statusCode, ronde.body).toBe(200);
    const voorstellen = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=voorstel')).json() as Voorstel[];
    expect(voorstellen.length).toBe(ronde.json().aantal);
    const v = voorstellen[0]!;
    const [woning] = await t.database.db.select().from(s.woningen).where(eq(s.woningen.id, v.woningId));
    expect(woning!.status).toBe('gereserveerd');
    const corpNaam = Object.entries(t.regios.rivierland.organisaties).find(([, o]) => o.id === v.corporatieId)![0];
    const corpEmail = `consulent@${corpNaam.toLowerCase().replace(/ /g, '-')}.demo`;
    const corporatie = await t.login(corpEmail);

    // the care side cannot go first
    expect((await t.als(centrum, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'akkoord' })).statusCode).toBe(409);
    const corpLijst = (await t.als(corporatie, 'GET', '/api/matching/voorstellen')).json() as Voorstel[];
    expect(corpLijst.every((x) => x.corporatieId === v.corporatieId && x.clientId === null && x.aanbiederId === null && x.berekening === null)).toBe(true);
    expect(JSON.stringify(corpLijst.map((x) => x.toelichting))).not.toMatch(JARGON);
    expect((await t.als(corporatie, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'akkoord' })).json().status).toBe('akkoord_corporatie');
    expect((await t.als(corporatie, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'akkoord' })).statusCode).toBe(409);
    expect((await t.als(centrum, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'akkoord' })).json().status).toBe('akkoord_aanbieder');
    const sleutel = await t.als(centrum, 'POST', `/api/matching/voorstellen/${v.id}/stap`, {
      actie: 'sleuteloverdracht',
      plaatsing: { huurconstructie: 'direct', startdatum: PEILDATUM },
    });
    expect(sleutel.statusCode, sleutel.body).toBe(200);
    expect(sleutel.json().plaatsing.huurconstructie).toBe('direct');
    const dossier = (await t.als(centrum, 'GET', `/api/clienten/${v.clientId}`)).json();
    expect(dossier.toestand.fase).toBe('uitgestroomd');
    const [bewoond] = await t.database.db.select().from(s.woningen).where(eq(s.woningen.id, v.woningId));
    expect(bewoond!.status).toBe('bewoond');
  });

  it('afwijzing vraagt een reden en stelt de volgende kandidaat voor dezelfde woning voor', async () => {
    const centrum = await t.login('toegang@centrumstad.demo');
    const open = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=voorstel')).json() as Voorstel[];
    const v = open[0]!;
    const corpNaam = Object.entries(t.regios.rivierland.organisaties).find(([, o]) => o.id === v.corporatieId)![0];
    const corporatie = await t.login(`consulent@${corpNaam.toLowerCase().replace(/ /g, '-')}.demo`);
    expect((await t.als(corporatie, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'afwijzing' })).statusCode).toBe(400);
    const res = await t.als(corporatie, 'POST', `/api/matching/voorstellen/${v.id}/stap`, { actie: 'afwijzing', redenCode: 'corporatie_overig', reden: 'Woning past niet bij prikkelgevoeligheid' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('afgewezen');
    const volgende = res.json().volgendVoorstel;
    expect(volgende).not.toBeNull();
    const nieuw = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=voorstel')).json() as Voorstel[];
    const opWoning = nieuw.find((x) => x.id === volgende.id)!;
    expect(opWoning.woningId).toBe(v.woningId);
    expect(opWoning.clientId).not.toBe(v.clientId);
    expect(opWoning.volgendNaAfwijzing).toBe(true);
    expect(opWoning.toelichting.persoon[0]).toContain('Volgende kandidaat');
    expect(opWoning.berekening).toBeNull();
    const afgewezen = (await t.als(centrum, 'GET', '/api/matching/voorstellen?status=afgewezen')).json() as (Voorstel & { afwijzingsreden: string })[];
    expect(afgewezen.find((x) => x.id === v.id)!.afwijzingsreden).toBe('Woning past niet bij prikkelgevoeligheid');
  });

  it('een corporatie krijgt nooit naam of BSN, en een andere regio ziet niets', async () => {
    const corporatie = await t.login('consulent@woonstede-rivierland.demo');
    const tekst = (await t.als(corporatie, 'GET', '/api/matching/voorstellen')).body;
    const clienten = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId));
    for (const c of clienten) {
      expect(tekst).not.toContain(testVersleuteling.ontsleutel(c.naamVersleuteld));
      if (c.bsnVersleuteld) expect(tekst).not.toContain(testVersleuteling.ontsleutel(c.bsnVersleuteld));
    }
    expect(tekst).not.toContain('doelgroep');
    const kust = await t.login('toegang@havenstad.kust.demo');
    expect((await t.als(kust, 'GET', '/api/matching/voorstellen')).json()).toEqual([]);
  });
});
