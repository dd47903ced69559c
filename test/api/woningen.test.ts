import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { grondslagVoorCorporatie } from '../../src/db/repos/grondslagen.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
let woonstede: Sessie;
let thuisbaas: Sessie;
let kustwonen: Sessie;
let centrum: Sessie;
const org = (naam: string) => t.regios.rivierland.organisaties[naam]!.id;

beforeAll(async () => {
  t = await testOmgeving();
  [woonstede, thuisbaas, kustwonen, centrum] = await Promise.all([
    t.sessie('consulent@woonstede-rivierland.demo'),
    t.sessie('consulent@thuisbaas-wonen.demo'),
    t.sessie('consulent@kustwonen.kust.demo'),
    t.sessie('toegang@centrumstad.demo'),
  ]);
});
afterAll(() => t.sluit());

const tel = async (tabel: typeof s.woningen | typeof s.plaatsingen | typeof s.reserveringsafspraken | typeof s.beschermdThuisCapaciteit) =>
  ((await t.database.db.select({ n: count() }).from(tabel)) as [{ n: number }])[0].n;
const woningenVan = (corporatieId: string) => t.database.db.select().from(s.woningen).where(eq(s.woningen.corporatieId, corporatieId));

const nieuweWoning = (extra: Record<string, unknown> = {}) => ({
  gemeenteId: org('Centrumstad'),
  adres: 'Testlaan 1, Centrumstad',
  wijk: 'Testwijk',
  complex: 'Testcomplex',
  type: 'zelfstandig',
  kamers: 2,
  huurCenten: 61000,
  toegankelijk: true,
  beschikbaarPer: '2026-11-01',
  ...extra,
});

describe('woningen: elke corporatie alleen haar eigen voorraad', () => {
  it('de lijst van een corporatie bevat precies haar eigen woningen', async () => {
    const res = await t.als(woonstede, 'GET', '/api/woningen?limiet=1000');
    expect(res.statusCode).toBe(200);
    const { totaal, woningen } = res.json() as { totaal: number; woningen: { corporatieId: string }[] };
    expect(totaal).toBe((await woningenVan(org('Woonstede Rivierland'))).length);
    expect(woningen.every((w) => w.corporatieId === org('Woonstede Rivierland'))).toBe(true);
    // a filter on another corporatie cannot widen the view
    const anders = (await t.als(woonstede, 'GET', `/api/woningen?corporatieId=${org('Thuisbaas Wonen')}`)).json();
    expect(anders.totaal).toBe(0);
  });

  it('corporatie A kan een woning van corporatie B niet lezen of wijzigen', async () => {
    const [vanB] = await woningenVan(org('Thuisbaas Wonen'));
    expect((await t.als(woonstede, 'GET', `/api/woningen/${vanB!.id}`)).statusCode).toBe(404);
    const wijzig = await t.als(woonstede, 'PATCH', `/api/woningen/${vanB!.id}`, { huurCenten: 1 });
    expect(wijzig.statusCode).toBe(404);
    const [daarna] = await t.database.db.select().from(s.woningen).where(eq(s.woningen.id, vanB!.id));
    expect(daarna).toEqual(vanB);
    expect((await t.als(thuisbaas, 'GET', `/api/woningen/${vanB!.id}`)).statusCode).toBe(200);
  });

  it('een andere regio ziet niets', async () => {
    const lijst = (await t.als(kustwonen, 'GET', '/api/woningen?limiet=1000')).json() as { woningen: { gemeenteId: string }[] };
    const rivierGemeenten = new Set(Object.values(t.regios.rivierland.organisaties).map((o) => o.id));
    expect(lijst.woningen.some((w) => rivierGemeenten.has(w.gemeenteId))).toBe(false);
    const [rivier] = await woningenVan(org('Woonstede Rivierland'));
    expect((await t.als(kustwonen, 'GET', `/api/woningen/${rivier!.id}`)).statusCode).toBe(404);
    const kustGemeente = await t.sessie('toegang@havenstad.kust.demo');
    expect((await t.als(kustGemeente, 'GET', `/api/woningen/${rivier!.id}`)).statusCode).toBe(404);
    expect((await t.als(kustGemeente, 'GET', '/api/afspraken')).json().some((a: { gemeente: string }) => a.gemeente === 'Centrumstad')).toBe(false);
  });

  it('gemeenten en aanbieders lezen de woningen van de regio, zonder cliëntgegevens; schrijven mogen zij niet', async () => {
    const res = await t.als(centrum, 'GET', `/api/woningen?gemeenteId=${org('Noorddorp')}&limiet=1000`);
    const { woningen } = res.json() as { woningen: Record<string, unknown>[] };
    expect(woningen.length).toBeGreaterThan(0);
    for (const w of woningen) {
      expect(w.gemeenteId).toBe(org('Noorddorp'));
      expect(Object.keys(w).sort()).toEqual(['adres', 'beschikbaarPer', 'complex', 'corporatieId', 'gemeenteId', 'huurCenten', 'id', 'kamers', 'status', 'toegankelijk', 'type', 'wijk']);
    }
    const aanbieder = await t.sessie('consulent@ribw-rivierland.demo');
    expect((await t.als(aanbieder, 'GET', '/api/woningen?status=beschikbaar&beschikbaarPer=2026-12-01')).statusCode).toBe(200);
    expect((await t.als(centrum, 'POST', '/api/woningen', nieuweWoning())).statusCode).toBe(403);
    expect((await t.als(await t.sessie('lezer@woonstede-rivierland.demo'), 'POST', '/api/woningen', nieuweWoning())).statusCode).toBe(403);
  });

  it('filters: type, status en beschikbaar per', async () => {
    const res = (await t.als(centrum, 'GET', '/api/woningen?type=zelfstandig&status=beschikbaar&beschikbaarPer=2026-11-30&limiet=1000')).json();
    for (const w of res.woningen) {
      expect(w).toMatchObject({ type: 'zelfstandig', status: 'beschikbaar' });
      expect(w.beschikbaarPer <= '2026-11-30').toBe(true);
    }
  });

  it('registreren en wijzigen door de eigen corporatie, met statusovergangen', async () => {
    const res = await t.als(woonstede, 'POST', '/api/woningen', nieuweWoning({ adres: 'Statuslaan 1, Centrumstad' }));
    expect(res.statusCode).toBe(201);
    const w = res.json();
    expect(w).toMatchObject({ corporatieId: org('Woonstede Rivierland'), status: 'beschikbaar' });
    expect((await t.als(woonstede, 'PATCH', `/api/woningen/${w.id}`, { status: 'gereserveerd' })).json().status).toBe('gereserveerd');
    const sprong = await t.als(woonstede, 'PATCH', `/api/woningen/${w.id}`, { status: 'beschikbaar' });
    expect(sprong.statusCode).toBe(200);
    const ongeldig = await t.als(woonstede, 'PATCH', `/api/woningen/${w.id}`, { status: 'bewoond' });
    expect(ongeldig.statusCode).toBe(422);
    expect(ongeldig.json().fout).toMatch(/Status kan niet/);
  });

  it.each([
    ['0 kamers', { kamers: 0 }, 'kamer'],
    ['negatieve huur', { huurCenten: -100 }, 'negatief'],
    ['onbekend type', { type: 'kasteel' }, 'type'],
    ['ongeldige datum', { beschikbaarPer: '2026-02-30' }, 'datum'],
    ['gemeente van een andere regio', { gemeenteId: '00000000-0000-4000-8000-000000000000' }, 'gemeente'],
  ])('weigert woning met %s en verandert niets', async (_naam, fout, melding) => {
    const voor = await tel(s.woningen);
    const res = await t.als(woonstede, 'POST', '/api/woningen', nieuweWoning(fout));
    expect([400, 422]).toContain(res.statusCode);
    expect(res.json().fout).toMatch(new RegExp(melding));
    expect(await tel(s.woningen)).toBe(voor);
  });
});

describe('reserveringsafspraken', () => {
  it('gerealiseerd tegen afgesproken; een corporatie ziet alleen haar eigen afspraken', async () => {
    const eigen = (await t.als(woonstede, 'GET', '/api/afspraken?jaar=2026')).json() as { corporatieId: string; aantal: number; gerealiseerd: number }[];
    expect(eigen.length).toBeGreaterThan(0);
    expect(eigen.every((a) => a.corporatieId === org('Woonstede Rivierland'))).toBe(true);
    const alle = (await t.als(centrum, 'GET', '/api/afspraken?jaar=2026')).json() as { corporatieId: string }[];
    expect(new Set(alle.map((a) => a.corporatieId)).size).toBe(3);
    expect(alle.length).toBeGreaterThan(eigen.length);
  });

  it('de gemeente legt vast; de corporatie kan alleen lezen', async () => {
    const body = { jaar: 2027, gemeenteId: org('Noorddorp'), corporatieId: org('Woonstede Rivierland'), aantal: 3, maxPerComplex: 1, maxPerWijk: 2, begeleiding: 'Ambulant, 1 jaar' };
    expect((await t.als(woonstede, 'POST', '/api/afspraken', body)).statusCode).toBe(403);
    const noorddorp = await t.sessie('toegang@noorddorp.demo');
    expect((await t.als(noorddorp, 'POST', '/api/afspraken', { ...body, gemeenteId: org('Zuidhaven') })).statusCode).toBe(403);
    const res = await t.als(noorddorp, 'POST', '/api/afspraken', body);
    expect(res.statusCode).toBe(201);
    expect((await t.als(noorddorp, 'POST', '/api/afspraken', body)).statusCode).toBe(409);
    const gewijzigd = await t.als(centrum, 'PATCH', `/api/afspraken/${res.json().id}`, { aantal: 4 });
    expect(gewijzigd.json().aantal).toBe(4);
    expect((await t.als(woonstede, 'PATCH', `/api/afspraken/${res.json().id}`, { aantal: 9 })).statusCode).toBe(403);
    const kustGemeente = await t.sessie('toegang@havenstad.kust.demo');
    expect((await t.als(kustGemeente, 'PATCH', `/api/afspraken/${res.json().id}`, { aantal: 9 })).statusCode).toBe(404);
  });

  it.each([
    ['negatief aantal', { aantal: -1 }, 400],
    ['max per wijk kleiner dan per complex', { maxPerComplex: 3, maxPerWijk: 2 }, 422],
    ['corporatie is geen corporatie', { corporatieId: '00000000-0000-4000-8000-000000000000' }, 422],
  ])('weigert afspraak met %s en verandert niets', async (_naam, fout, status) => {
    const voor = await tel(s.reserveringsafspraken);
    const res = await t.als(centrum, 'POST', '/api/afspraken', { jaar: 2028, gemeenteId: org('Oosterveen'), corporatieId: org('Thuisbaas Wonen'), aantal: 2, maxPerComplex: 1, maxPerWijk: 2, begeleiding: 'Ambulant', ...fout });
    expect(res.statusCode).toBe(status);
    expect(await tel(s.reserveringsafspraken)).toBe(voor);
  });
});

describe('kandidaten voor corporaties zijn gepseudonimiseerd', () => {
  it('bevat geen naam, BSN, doelgroep of risico-notitie van welke cliënt van de regio ook', async () => {
    const res = await t.als(woonstede, 'GET', '/api/kandidaten');
    expect(res.statusCode).toBe(200);
    const { kandidaten } = res.json() as { kandidaten: Record<string, unknown>[] };
    const wachtlijst = (await t.als(centrum, 'GET', '/api/wachtlijsten/uitstroom')).json().regels as { pseudoniem: string }[];
    // only clients with a valid basis for sharing with a corporatie (test/api/grondslagen.test.ts proves the skip)
    const metGrondslag = new Set((await t.database.db.select({ p: s.clienten.pseudoniem }).from(s.clienten).where(grondslagVoorCorporatie(PEILDATUM))).map((r) => r.p));
    expect(kandidaten.map((k) => k.pseudoniem)).toEqual(wachtlijst.map((r) => r.pseudoniem).filter((p) => metGrondslag.has(p)));
    expect(kandidaten.length).toBeGreaterThan(0);

    const clienten = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId));
    for (const c of clienten) {
      expect(res.body).not.toContain(testVersleuteling.ontsleutel(c.naamVersleuteld));
      expect(res.body).not.toContain(testVersleuteling.ontsleutel(c.bsnVersleuteld!));
      if (c.risicoNotitiesVersleuteld) expect(res.body).not.toContain(testVersleuteling.ontsleutel(c.risicoNotitiesVersleuteld));
    }
    expect(res.body).not.toMatch(/"doelgroep"|"naam"|"bsn"|"clientId"|"geboortedatum"/);
    for (const k of kandidaten) {
      expect(Object.keys(k).sort()).toEqual(['herkomstgemeenteId', 'leeftijdscategorie', 'ondersteuningsniveau', 'pseudoniem', 'schuldGeregeld', 'urgentie', 'wachtdagen', 'woonwensen']);
      expect(['18–24', '25+']).toContain(k.leeftijdscategorie);
    }
  });

  it('toont per kandidaat alleen ja/nee voor oude schulden, zonder schuldeiser of bedrag', async () => {
    const { kandidaten } = (await t.als(woonstede, 'GET', '/api/kandidaten')).json() as { kandidaten: { pseudoniem: string; schuldGeregeld: boolean }[] };
    const doel = kandidaten.find((k) => k.schuldGeregeld)!;
    const [client] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.pseudoniem, doel.pseudoniem));
    await t.database.db.insert(s.schuldregelingen).values({ regioId: client!.regioId, clientId: client!.id, schuldeiser: 'Woonstichting Geheim', bedragCenten: 123456, regeling: 'nog geen', status: 'open' });
    const res = await t.als(woonstede, 'GET', '/api/kandidaten');
    const na = (res.json() as { kandidaten: { pseudoniem: string; schuldGeregeld: boolean }[] }).kandidaten.find((k) => k.pseudoniem === doel.pseudoniem)!;
    expect(na.schuldGeregeld).toBe(false);
    expect(res.body).not.toContain('Woonstichting Geheim');
    expect(res.body).not.toContain('123456');
  });

  it('alleen voor corporaties, alleen de eigen regio, en de inzage wordt gelogd', async () => {
    expect((await t.als(centrum, 'GET', '/api/kandidaten')).statusCode).toBe(403);
    const kust = (await t.als(kustwonen, 'GET', '/api/kandidaten')).json().kandidaten as { pseudoniem: string }[];
    const rivierPseudo = new Set((await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId))).map((c) => c.pseudoniem));
    expect(kust.some((k) => rivierPseudo.has(k.pseudoniem))).toBe(false);
    const log = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'kandidaten'), eq(s.auditLog.organisatieId, org('Woonstede Rivierland'))));
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('plaatsingen', () => {
  let kandidaten: string[] = [];
  let woningIds: string[] = [];
  beforeAll(async () => {
    // uitstroomklare clients without any placement yet (the seed leaves older placements open)
    const regels = (await t.als(centrum, 'GET', '/api/wachtlijsten/uitstroom')).json().regels as { clientId: string }[];
    const metPlaatsing = new Set((await t.database.db.select().from(s.plaatsingen).where(inArray(s.plaatsingen.clientId, regels.map((r) => r.clientId)))).map((p) => p.clientId));
    kandidaten = regels.map((r) => r.clientId).filter((id) => !metPlaatsing.has(id));
    expect(kandidaten.length).toBeGreaterThanOrEqual(5);
    woningIds = [];
    for (let i = 0; i < 4; i++) woningIds.push((await t.als(woonstede, 'POST', '/api/woningen', nieuweWoning({ adres: `Spreidingslaan ${i + 1}, Centrumstad`, complex: 'Spreidingscomplex', wijk: 'Spreidingswijk' }))).json().id);
  });
  const plaatsing = (i: number, extra: Record<string, unknown> = {}) => ({ woningId: woningIds[i], clientId: kandidaten[i], huurconstructie: 'direct', startdatum: '2026-11-15', ...extra });

  it('plaatst een uitstroomklare cliënt; de woning wordt toegewezen en de afspraak telt mee', async () => {
    const voor = (await t.als(centrum, 'GET', `/api/afspraken?jaar=2026&gemeenteId=${org('Centrumstad')}&corporatieId=${org('Woonstede Rivierland')}`)).json()[0].gerealiseerd as number;
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(0));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ woningStatus: 'toegewezen', waarschuwing: null });
    expect(res.json().afspraakId).toBeTruthy();
    expect(res.json()).not.toHaveProperty('naam');
    const na = (await t.als(centrum, 'GET', `/api/afspraken?jaar=2026&gemeenteId=${org('Centrumstad')}&corporatieId=${org('Woonstede Rivierland')}`)).json()[0].gerealiseerd as number;
    expect(na).toBe(voor + 1);
    expect((await t.als(woonstede, 'GET', `/api/woningen/${woningIds[0]}`)).json().status).toBe('toegewezen');
    // the corporatie sees the placement in its home, by pseudoniem only
    const lijst = (await t.als(woonstede, 'GET', `/api/plaatsingen?woningId=${woningIds[0]}`)).json().plaatsingen;
    expect(lijst).toHaveLength(1);
    expect(lijst[0].clientPseudoniem).toMatch(/^C-/);
    expect(JSON.stringify(lijst)).not.toContain('clientId');
  });

  it('weigert een tweede, overlappende plaatsing in dezelfde woning en verandert niets', async () => {
    const voor = await tel(s.plaatsingen);
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(0, { clientId: kandidaten[4], startdatum: '2027-01-01' }));
    expect(res.statusCode).toBe(409);
    expect(await tel(s.plaatsingen)).toBe(voor);
  });

  it.each([
    ['einddatum vóór start', { einddatum: '2026-11-01' }, 400, /einddatum/],
    ['omklapdatum vóór start', { huurconstructie: 'omklap', omklapdatum: '2026-10-01' }, 400, /omklapdatum/],
    ['omklap zonder voorwaarden', { huurconstructie: 'omklap', omklapdatum: '2027-11-15', aanbiederId: null }, 422, /vereist/],
    ['ongeldige datum', { startdatum: '2026-13-01' }, 400, /datum/],
    ['onbekende huurconstructie', { huurconstructie: 'kraak' }, 400, /huurconstructie/],
  ])('weigert plaatsing met %s en verandert niets', async (_naam, fout, status, melding) => {
    const [voorP, voorW] = [await tel(s.plaatsingen), (await t.database.db.select().from(s.woningen).where(eq(s.woningen.id, woningIds[1]!)))[0]];
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(1, fout));
    expect(res.statusCode).toBe(status);
    expect(res.json().fout).toMatch(melding);
    expect(await tel(s.plaatsingen)).toBe(voorP);
    expect((await t.database.db.select().from(s.woningen).where(eq(s.woningen.id, woningIds[1]!)))[0]).toEqual(voorW);
  });

  it('toont de omklapwaarschuwing op de plaatsing', async () => {
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(1, {
      huurconstructie: 'omklap',
      omklapdatum: '2027-11-15',
      aanbiederId: org('RIBW Rivierland'),
      voorwaarden: { begeleidingsafspraak: 'Wekelijks', omklapvoorwaarden: 'Huur 12 maanden op tijd betaald' },
    }));
    expect(res.statusCode).toBe(201);
    expect(res.json().waarschuwing).toEqual({ moment: '2027-11-15', vanaf: '2027-09-16', soort: 'omklap' });
    expect(res.json().waarschuwingActief).toBe(false);
  });

  it('een geweigerde regel van de huurconstructie noemt het veld, zodat het formulier hem daar toont', async () => {
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(1, { huurconstructie: 'driepartijen', aanbiederId: org('RIBW Rivierland'), voorwaarden: { begeleidingsafspraak: 'Wekelijks' } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      { pad: 'voorwaarden.meldafspraak_overlast', veld: 'Meldafspraak bij overlast', melding: expect.stringContaining('Meldafspraak bij overlast') },
      { pad: 'voorwaarden.betaalafspraak_huur', veld: 'Betaalafspraak huur', melding: expect.stringContaining('Betaalafspraak huur') },
    ]);
  });

  it('de corporatie ziet "zorgaanbieder" en de contactpersoon, nooit welke aanbieder', async () => {
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(3, {
      huurconstructie: 'housing_first',
      aanbiederId: org('Kompas Verslavingszorg'),
      voorwaarden: { begeleidingsafspraak: 'Housing First-team, dagelijks bereikbaar' },
      contactpersoon: 'Sanne de Wit',
      contactTelefoon: '06-12345678',
    }));
    expect(res.statusCode, res.body).toBe(201);
    const voorCorporatie = (await t.als(woonstede, 'GET', `/api/plaatsingen?woningId=${woningIds[3]}`)).json().plaatsingen;
    expect(voorCorporatie).toHaveLength(1);
    expect(voorCorporatie[0]).toMatchObject({ aanbieder: 'Zorgaanbieder', contactpersoon: 'Sanne de Wit', contactTelefoon: '06-12345678' });
    expect(voorCorporatie[0]).not.toHaveProperty('aanbiederId');
    expect(JSON.stringify(voorCorporatie)).not.toContain(org('Kompas Verslavingszorg'));
    expect(JSON.stringify(voorCorporatie)).not.toContain('Kompas');
    // the care side keeps knowing which aanbieder it is
    const voorGemeente = (await t.als(centrum, 'GET', `/api/plaatsingen?woningId=${woningIds[3]}`)).json().plaatsingen;
    expect(voorGemeente[0].aanbiederId).toBe(org('Kompas Verslavingszorg'));
  });

  it('weigert wie niet uitstroomklaar of in zorg is', async () => {
    const lijst = (await t.als(centrum, 'GET', '/api/clienten?fase=uitgestroomd&limiet=1')).json().clienten as { id: string }[];
    const res = await t.als(centrum, 'POST', '/api/plaatsingen', { ...plaatsing(2), clientId: lijst[0]!.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().fout).toMatch(/uitstroomklaar/);
  });

  it('de spreidingsafspraak (max 2 per complex) weigert de derde in hetzelfde complex', async () => {
    // pin the cap through the API, so the test does not depend on the seed's numbers
    const [afspraak] = (await t.als(centrum, 'GET', `/api/afspraken?jaar=2026&gemeenteId=${org('Centrumstad')}&corporatieId=${org('Woonstede Rivierland')}`)).json() as { id: string; maxPerWijk: number }[];
    expect((await t.als(centrum, 'PATCH', `/api/afspraken/${afspraak!.id}`, { maxPerComplex: 2, maxPerWijk: Math.max(2, afspraak!.maxPerWijk) })).statusCode).toBe(200);
    expect((await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(2))).statusCode).toBe(409);
    const res = (await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(2))).json();
    expect(res.fout).toMatch(/Spreidingsafspraak 2026 overschreden.*maximaal 2 per complex/);
    // 2027 has no agreement for Centrumstad yet, so no spreading cap applies
    const volgendJaar = await t.als(centrum, 'POST', '/api/plaatsingen', plaatsing(2, { startdatum: '2027-02-01' }));
    expect(volgendJaar.statusCode).toBe(201);
  });

  it('een corporatie of andere regio kan niet plaatsen; een regiogemeente niet buiten haar cliënten', async () => {
    expect((await t.als(woonstede, 'POST', '/api/plaatsingen', plaatsing(3))).statusCode).toBe(403);
    const kust = await t.sessie('toegang@havenstad.kust.demo');
    expect((await t.als(kust, 'POST', '/api/plaatsingen', plaatsing(3))).statusCode).toBe(404);
  });

  it('beëindigen maakt de woning weer beschikbaar', async () => {
    const lijst = (await t.als(woonstede, 'GET', `/api/plaatsingen?woningId=${woningIds[0]}`)).json().plaatsingen;
    expect((await t.als(thuisbaas, 'POST', `/api/plaatsingen/${lijst[0].id}/beeindigen`, { einddatum: PEILDATUM })).statusCode).toBe(404);
    const res = await t.als(woonstede, 'POST', `/api/plaatsingen/${lijst[0].id}/beeindigen`, { einddatum: '2026-11-15' });
    expect(res.statusCode).toBe(200);
    expect(res.json().einddatum).toBe('2026-11-15');
  });
});

describe('Beschermd Thuis-capaciteit', () => {
  it('toont welke regiogemeenten nog geen aanbod hebben', async () => {
    const res = (await t.als(centrum, 'GET', '/api/bt-capaciteit/dekking?jaar=2024')).json();
    const rijen = await t.database.db.select().from(s.beschermdThuisCapaciteit).where(and(eq(s.beschermdThuisCapaciteit.regioId, t.regios.rivierland.regioId), eq(s.beschermdThuisCapaciteit.jaar, 2024)));
    const metAanbod = new Set(rijen.filter((r) => r.plekken > 0).map((r) => r.gemeenteId));
    const verwacht = Object.entries(t.regios.rivierland.organisaties)
      .filter(([, o]) => o.soort === 'regiogemeente' && !metAanbod.has(o.id))
      .map(([naam]) => naam)
      .sort();
    expect([...res.zonderAanbod].sort()).toEqual(verwacht);
    expect(res.gemeenten).toHaveLength(8);
  });

  it('een regiogemeente legt capaciteit vast voor zichzelf, niet voor een ander; negatief geweigerd', async () => {
    const noorddorp = await t.sessie('toegang@noorddorp.demo');
    const body = { jaar: 2026, gemeenteId: org('Noorddorp'), aanbiederId: org('RIBW Rivierland'), plekken: 5, doelPlekken: 10 };
    expect((await t.als(noorddorp, 'PUT', '/api/bt-capaciteit', body)).statusCode).toBe(200);
    expect((await t.als(noorddorp, 'PUT', '/api/bt-capaciteit', { ...body, gemeenteId: org('Zuidhaven') })).statusCode).toBe(403);
    const voor = await tel(s.beschermdThuisCapaciteit);
    expect((await t.als(noorddorp, 'PUT', '/api/bt-capaciteit', { ...body, plekken: -1 })).statusCode).toBe(400);
    expect(await tel(s.beschermdThuisCapaciteit)).toBe(voor);
    const lijst = (await t.als(woonstede, 'GET', '/api/bt-capaciteit?jaar=2026')).json() as { gemeente: string; aanbieder: string; plekken: number }[];
    expect(lijst.find((r) => r.gemeente === 'Noorddorp' && r.aanbieder === 'RIBW Rivierland')?.plekken).toBe(5);
  });
});

describe('lange lijsten: gesorteerd en gepagineerd in de database', () => {
  it('woningen sorteren op huur, beide richtingen, met paginering en totaal', async () => {
    const op = (await t.als(woonstede, 'GET', '/api/woningen?sorteer=huurCenten&richting=op&limiet=10')).json();
    const af = (await t.als(woonstede, 'GET', '/api/woningen?sorteer=huurCenten&richting=af&limiet=10')).json();
    const huren = (l: { huurCenten: number }[]) => l.map((w) => w.huurCenten);
    expect(huren(op.woningen)).toEqual([...huren(op.woningen)].sort((a, b) => a - b));
    expect(huren(af.woningen)).toEqual([...huren(af.woningen)].sort((a, b) => b - a));
    expect(op.totaal).toBe(af.totaal);
    expect(op.totaal).toBe((await woningenVan(org('Woonstede Rivierland'))).length);
    const tweede = (await t.als(woonstede, 'GET', '/api/woningen?sorteer=huurCenten&richting=op&limiet=10&offset=10')).json();
    expect(tweede.woningen[0].huurCenten).toBeGreaterThanOrEqual(op.woningen.at(-1).huurCenten);
    expect((await t.als(woonstede, 'GET', '/api/woningen?sorteer=naam')).statusCode).toBe(400);
  });

  it('plaatsingen: pagina, totaal, sortering en alleen lopende', async () => {
    const alle = (await t.als(woonstede, 'GET', '/api/plaatsingen?limiet=500')).json();
    expect(alle.totaal).toBe(alle.plaatsingen.length);
    const pagina = (await t.als(woonstede, 'GET', '/api/plaatsingen?limiet=5&offset=5&sorteer=adres&richting=op')).json();
    expect(pagina.totaal).toBe(alle.totaal);
    expect(pagina.plaatsingen).toHaveLength(5);
    const adressen = (await t.als(woonstede, 'GET', '/api/plaatsingen?limiet=500&sorteer=adres&richting=op')).json().plaatsingen.map((p: { adres: string }) => p.adres);
    expect(pagina.plaatsingen.map((p: { adres: string }) => p.adres)).toEqual(adressen.slice(5, 10));
    const lopend = (await t.als(woonstede, 'GET', '/api/plaatsingen?lopend=true&limiet=500')).json();
    expect(lopend.plaatsingen.every((p: { einddatum: string | null }) => !p.einddatum || p.einddatum >= PEILDATUM)).toBe(true);
    expect(lopend.totaal).toBeLessThan(alle.totaal);
  });

  it('kandidaten sorteren op wachttijd', async () => {
    const k = (await t.als(woonstede, 'GET', '/api/kandidaten?sorteer=wachttijd&richting=af&limiet=20')).json().kandidaten as { wachtdagen: number }[];
    expect(k.map((x) => x.wachtdagen)).toEqual([...k.map((x) => x.wachtdagen)].sort((a, b) => b - a));
  });

  it('een corporatie leest gerealiseerde aantallen 1–4 als onderdrukt, zoals de Monitor', async () => {
    const gemeente = (await t.als(centrum, 'GET', '/api/afspraken')).json() as { id: string; gerealiseerd: number }[];
    const corporatie = (await t.als(woonstede, 'GET', '/api/afspraken')).json() as { id: string; gerealiseerd: number | null; onderdrukt: boolean }[];
    expect(corporatie.some((a) => a.onderdrukt)).toBe(true);
    for (const a of corporatie) {
      const echt = gemeente.find((g) => g.id === a.id)!.gerealiseerd;
      expect(a.gerealiseerd).toBe(echt > 0 && echt < 5 ? null : echt);
      expect(a.onderdrukt).toBe(a.gerealiseerd === null);
    }
  });
});
