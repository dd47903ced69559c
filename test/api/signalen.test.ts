import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { escaleerTeLaat } from '../../src/db/repos/signalen.js';
import { testOmgeving, testVersleuteling, type Sessie, type TestOmgeving } from '../helpers.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());


const slug = (naam: string) => naam.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const orgNaam = (id: string) => Object.entries(t.regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];

/** A running placement on a home of Woonstede Rivierland, with the logins of the parties involved. */
async function woonstedePlaatsing(n = 0) {
  const rijen = await t.database.db
    .select({ id: s.plaatsingen.id, aanbiederId: s.plaatsingen.aanbiederId, clientId: s.plaatsingen.clientId, gemeenteId: s.woningen.gemeenteId })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(and(eq(s.woningen.corporatieId, t.regios.rivierland.organisaties['Woonstede Rivierland']!.id), isNull(s.plaatsingen.einddatum)))
    .orderBy(s.clienten.pseudoniem);
  const p = rijen[n]!;
  return { ...p, aanbiederLogin: `consulent@${slug(orgNaam(p.aanbiederId!))}.demo`, gemeente: orgNaam(p.gemeenteId) };
}

const tel = async (tabel: typeof s.signalen | typeof s.signaalStappen | typeof s.meldingen) => ((await t.database.db.select({ n: count() }).from(tabel)) as [{ n: number }])[0].n;

describe('signaal melden', () => {
  let corporatie: Sessie;
  beforeAll(async () => {
    corporatie = await t.sessie('consulent@woonstede-rivierland.demo');
  });

  it('de corporatie meldt huurachterstand; de aanbieder krijgt een melding in de inbox', async () => {
    const p = await woonstedePlaatsing(0);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const voor = (await t.als(aanbieder, 'GET', '/api/meldingen/aantal')).json().ongelezen as number;
    const res = await t.als(corporatie, 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'huurachterstand', bedragCenten: 154000, maanden: 3, toelichting: 'Twee aanmaningen' } });
    expect(res.statusCode).toBe(201);
    const sig = res.json();
    expect(sig).toMatchObject({ status: 'gemeld', versie: 1, soort: 'huurachterstand', samenvatting: 'Huurachterstand € 1.540,00 (3 maanden)', clientId: null });
    expect(sig.pseudoniem).toMatch(/^C-/);
    expect(Date.parse(sig.deadline) - Date.parse(sig.aangemaakt)).toBe(72 * 3_600_000);
    expect(sig.stappen).toHaveLength(1);
    expect(sig.toegestaneActies).toEqual([]);
    expect((await t.als(aanbieder, 'GET', '/api/meldingen/aantal')).json().ongelezen).toBe(voor + 1);
    const inbox = (await t.als(aanbieder, 'GET', '/api/meldingen?ongelezen=true')).json();
    expect(inbox.meldingen[0]).toMatchObject({ titel: 'Nieuw signaal: huurachterstand', link: `/signalen/${sig.id}`, gelezen: false });
  });

  it('foute invoer geeft 400 met een Nederlandse melding en verandert niets', async () => {
    const p = await woonstedePlaatsing(0);
    const voor = [await tel(s.signalen), await tel(s.signaalStappen), await tel(s.meldingen)];
    const fout = [
      { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'lawaai' } },
      { plaatsingId: p.id, details: { soort: 'huurachterstand', bedragCenten: -5, maanden: 2 } },
      { plaatsingId: p.id, details: { soort: 'huurachterstand', bedragCenten: 100.5, maanden: 2 } },
      { plaatsingId: p.id, details: { soort: 'overig' } },
      { plaatsingId: 'geen-uuid', details: { soort: 'zorgmijding' } },
      { plaatsingId: p.id, details: { soort: 'brand' } },
    ];
    for (const body of fout) {
      const res = await t.als(corporatie, 'POST', '/api/signalen', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fout).toMatch(/Ongeldige invoer/);
    }
    expect([await tel(s.signalen), await tel(s.signaalStappen), await tel(s.meldingen)]).toEqual(voor);
  });

  it('alleen de corporatie van de woning, de gemeente van de woning en de centrumgemeente mogen melden', async () => {
    const p = await woonstedePlaatsing(1);
    const body = { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'geluid' } };
    expect((await t.als(await t.sessie('consulent@thuisbaas-wonen.demo'), 'POST', '/api/signalen', body)).statusCode).toBe(404);
    expect((await t.als(await t.sessie(p.aanbiederLogin), 'POST', '/api/signalen', body)).statusCode).toBe(403);
    expect((await t.als(await t.sessie('lezer@woonstede-rivierland.demo'), 'POST', '/api/signalen', body)).statusCode).toBe(403);
    expect((await t.als(await t.sessie('toegang@havenstad.kust.demo'), 'POST', '/api/signalen', body)).statusCode).toBe(404);
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'POST', '/api/signalen', body)).statusCode).toBe(201);
    expect((await t.als(corporatie, 'POST', '/api/signalen', { ...body, plaatsingId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('afhandeling en optimistische gelijktijdigheid', () => {
  it('aanbieder pakt op, behandelt en lost op; de melder hoort het; verkeerde partij krijgt 403', async () => {
    const corporatie = await t.sessie('consulent@woonstede-rivierland.demo');
    const p = await woonstedePlaatsing(2);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const sig = (await t.als(corporatie, 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'vervuiling' } })).json();
    expect(Date.parse(sig.deadline) - Date.parse(sig.aangemaakt)).toBe(24 * 3_600_000);

    const detail = (await t.als(aanbieder, 'GET', `/api/signalen/${sig.id}`)).json();
    expect(detail.toegestaneActies).toEqual(['oppakken']);
    expect(detail.clientId).toBe(p.clientId);
    expect((await t.als(corporatie, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oppakken', versie: 1 })).statusCode).toBe(403);
    expect((await t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oplossen', versie: 1 })).statusCode).toBe(422);

    const opgepakt = await t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oppakken', versie: 1, toelichting: 'Huisbezoek gepland' });
    expect(opgepakt.statusCode).toBe(200);
    expect(opgepakt.json()).toMatchObject({ status: 'opgepakt', versie: 2, toegestaneActies: ['behandelen', 'oplossen'] });
    // after pick-up the deadline is the resolve term (14 calendar days for overlast)
    expect(Date.parse(opgepakt.json().deadline)).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    // two people press "in behandeling" at once on version 2: one wins, one gets 409
    const [a, b] = await Promise.all([
      t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'behandelen', versie: 2 }),
      t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'behandelen', versie: 2 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const verliezer = a.statusCode === 409 ? a : b;
    expect(verliezer.json()).toMatchObject({ fout: expect.stringMatching(/intussen/), details: { huidigeVersie: 3 } });

    const opgelost = await t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oplossen', versie: 3, toelichting: 'Woning schoongemaakt, afspraken gemaakt' });
    expect(opgelost.json()).toMatchObject({ status: 'opgelost', versie: 4, toegestaneActies: [] });
    expect(opgelost.json().stappen.map((x: { status: string }) => x.status)).toEqual(['gemeld', 'opgepakt', 'in_behandeling', 'opgelost']);

    const inbox = (await t.als(corporatie, 'GET', '/api/meldingen')).json().meldingen as { titel: string; link: string }[];
    expect(inbox.filter((m) => m.link === `/signalen/${sig.id}`).map((m) => m.titel)).toEqual(['Signaal opgelost: overlast', 'Signaal opgepakt: overlast']);

    // every step is audited, and so is the corporatie's refused attempt (403)
    const audit = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteit, 'signaal'), eq(s.auditLog.entiteitId, sig.id), eq(s.auditLog.actie, 'wijzigen')));
    expect(audit.filter((a) => a.resultaat === 'toegestaan')).toHaveLength(3);
    expect(audit.filter((a) => a.resultaat === 'geweigerd').map((a) => a.details)).toEqual([{ status: 403, route: 'POST /api/signalen/:id/acties' }]);
  });

  it('een corporatie leest "Zorgaanbieder" en de contactpersoon, nooit de naam van de aanbieder', async () => {
    const corporatie = await t.sessie('consulent@woonstede-rivierland.demo');
    const p = await woonstedePlaatsing(3);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const sig = (await t.als(corporatie, 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'geluid' } })).json();
    expect(sig.aanbieder).toEqual({ id: null, naam: 'Zorgaanbieder', contactpersoon: null });
    await t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oppakken', versie: 1, toelichting: 'Ik bel de bewoner vandaag' });
    const [medewerker] = await t.database.db.select({ naam: s.gebruikers.naam }).from(s.gebruikers).where(eq(s.gebruikers.email, p.aanbiederLogin));

    const detail = (await t.als(corporatie, 'GET', `/api/signalen/${sig.id}`)).json();
    expect(detail.aanbieder).toEqual({ id: null, naam: 'Zorgaanbieder', contactpersoon: medewerker!.naam });
    expect(detail.stappen[1].door).toBe(`${medewerker!.naam} (zorgaanbieder)`);
    // the aanbieder and the gemeenten still see who it is
    const eigen = (await t.als(aanbieder, 'GET', `/api/signalen/${sig.id}`)).json();
    expect(eigen.aanbieder).toEqual({ id: p.aanbiederId, naam: orgNaam(p.aanbiederId!), contactpersoon: medewerker!.naam });

    const lijst = await t.als(corporatie, 'GET', '/api/signalen?limiet=500');
    const plaatsingen = await t.als(corporatie, 'GET', '/api/signalen/plaatsingen');
    const inbox = await t.als(corporatie, 'GET', '/api/meldingen?limiet=200');
    const aanbieders = Object.entries(t.regios.rivierland.organisaties).filter(([, o]) => o.soort === 'aanbieder').map(([naam]) => naam);
    expect(aanbieders.length).toBeGreaterThan(1);
    for (const res of [lijst, plaatsingen, inbox, await t.als(corporatie, 'GET', `/api/signalen/${sig.id}`)]) {
      expect(res.statusCode).toBe(200);
      for (const naam of aanbieders) expect(res.body).not.toContain(naam);
    }
    expect((lijst.json().signalen as { aanbieder: { naam: string } }[]).every((x) => x.aanbieder.naam === 'Zorgaanbieder')).toBe(true);
  });

  it('de centrumgemeente handelt escalaties af; de aanbieder kan een geëscaleerd signaal niet zelf sluiten', async () => {
    const corporatie = await t.sessie('consulent@woonstede-rivierland.demo');
    const p = await woonstedePlaatsing(3);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const centrum = await t.sessie('consulent@centrumstad.demo');
    const sig = (await t.als(corporatie, 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'zorgmijding' } })).json();
    // the scheduler runs with a clock two days later: the 48-hour reaction term has passed
    await escaleerTeLaat(t.database.db, new Date(Date.now() + 49 * 3_600_000));
    const esc = (await t.als(centrum, 'GET', `/api/signalen/${sig.id}`)).json();
    expect(esc.status).toBe('geescaleerd');
    expect(esc.stappen.at(-1).door).toMatch(/Systeem/);
    expect(esc.toegestaneActies).toEqual(['oplossen', 'terugleggen']);
    expect((await t.als(aanbieder, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oplossen', versie: esc.versie })).statusCode).toBe(403);
    const terug = await t.als(centrum, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'terugleggen', versie: esc.versie, toelichting: 'Graag binnen 3 weken afronden' });
    expect(terug.json().status).toBe('in_behandeling');
    const inbox = (await t.als(aanbieder, 'GET', '/api/meldingen')).json().meldingen as { link: string; titel: string }[];
    expect(inbox.filter((m) => m.link === `/signalen/${sig.id}`).map((m) => m.titel)).toContain('Signaal in behandeling: zorgmijding');
  });
});

describe('isolatie en privacy', () => {
  it('een corporatie ziet alleen signalen op eigen woningen en nooit namen, BSN of doelgroep', async () => {
    const sessie = await t.sessie('consulent@woonstede-rivierland.demo');
    const res = await t.als(sessie, 'GET', '/api/signalen?limiet=500');
    expect(res.statusCode).toBe(200);
    const lijst = res.json().signalen as { id: string; corporatie: { id: string }; plaatsingId: string }[];
    expect(lijst.length).toBeGreaterThan(3);
    const woonstede = t.regios.rivierland.organisaties['Woonstede Rivierland']!.id;
    for (const x of lijst) expect(x.corporatie.id).toBe(woonstede);

    const plaatsingen = await t.database.db.select().from(s.plaatsingen).where(inArray(s.plaatsingen.id, lijst.map((x) => x.plaatsingId)));
    const clienten = await t.database.db.select().from(s.clienten).where(inArray(s.clienten.id, plaatsingen.map((p) => p.clientId)));
    const details = await Promise.all(lijst.slice(0, 5).map((x) => t.als(sessie, 'GET', `/api/signalen/${x.id}`)));
    const meld = await t.als(sessie, 'GET', '/api/signalen/plaatsingen');
    const inbox = await t.als(sessie, 'GET', '/api/meldingen?limiet=200');
    for (const body of [res.body, meld.body, inbox.body, ...details.map((d) => d.body)]) {
      for (const c of clienten) {
        expect(body).not.toContain(testVersleuteling.ontsleutel(c.naamVersleuteld));
        expect(body).not.toContain(testVersleuteling.ontsleutel(c.bsnVersleuteld!));
      }
      expect(body).not.toMatch(/doelgroep|"ggz"|verslaving|naamVersleuteld/);
    }
    // debts: only yes/no, never creditor or amount
    const regels = meld.json() as { schuldGeregeld: boolean }[];
    expect(regels.length).toBeGreaterThan(0);
    for (const r of regels) expect(typeof r.schuldGeregeld).toBe('boolean');
    expect(meld.body).not.toMatch(/schuldeiser|bedragCenten|regeling"/);
    expect((await t.als(sessie, 'GET', `/api/clienten/${clienten[0]!.id}/schulden`)).statusCode).toBe(403);
  });

  it('een andere corporatie, een andere aanbieder en een andere regio krijgen 404', async () => {
    const p = await woonstedePlaatsing(4);
    const sig = (await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'overig', toelichting: 'Onbekenden in de woning' } })).json();
    const andereAanbieder = p.aanbiederLogin.includes('ribw') ? 'consulent@leger-des-heils-rivierland.demo' : 'consulent@ribw-rivierland.demo';
    for (const email of ['consulent@thuisbaas-wonen.demo', andereAanbieder, 'toegang@havenstad.kust.demo', 'consulent@kustwonen.kust.demo']) {
      const sessie = await t.sessie(email);
      expect((await t.als(sessie, 'GET', `/api/signalen/${sig.id}`)).statusCode, email).toBe(404);
      expect((await t.als(sessie, 'POST', `/api/signalen/${sig.id}/acties`, { actie: 'oppakken', versie: 1 })).statusCode, email).toBe(404);
      const lijst = (await t.als(sessie, 'GET', '/api/signalen?limiet=500')).json().signalen as { id: string }[];
      expect(lijst.map((x) => x.id)).not.toContain(sig.id);
    }
    // an aanbieder sees only signals routed to itself
    const eigen = (await t.als(await t.sessie(p.aanbiederLogin), 'GET', '/api/signalen?limiet=500')).json().signalen as { aanbieder: { id: string } }[];
    for (const x of eigen) expect(x.aanbieder.id).toBe(p.aanbiederId);
    // the kust region sees only its own
    const kust = (await t.als(await t.sessie('toegang@havenstad.kust.demo'), 'GET', '/api/signalen?limiet=500')).json().signalen as { corporatie: { id: string } }[];
    for (const x of kust) expect(x.corporatie.id).toBe(t.regios.kustland.organisaties['Kustwonen']!.id);
    // the gemeente where the home is sees it; the centrumgemeente sees the whole regio
    expect((await t.als(await t.sessie('consulent@centrumstad.demo'), 'GET', `/api/signalen/${sig.id}`)).statusCode).toBe(200);
  });

  it('elke inzage van een signaal komt in het auditlog', async () => {
    const sessie = await t.sessie('toegang@centrumstad.demo');
    const [sig] = await t.database.db.select().from(s.signalen).where(eq(s.signalen.regioId, t.regios.rivierland.regioId)).limit(1);
    await t.als(sessie, 'GET', `/api/signalen/${sig!.id}`);
    const log = (await t.als(await t.sessie('beheer@centrumstad.demo'), 'GET', `/api/audit?entiteitId=${sig!.id}`)).json().regels as { actie: string; gebruikerEmail: string }[];
    expect(log.some((r) => r.actie === 'lezen' && r.gebruikerEmail === 'toegang@centrumstad.demo')).toBe(true);
  });
});

describe('signalenlijst', () => {
  it('een pagina met totaal en sortering; foute sortering of richting geeft 400 met een Nederlandse melding', async () => {
    const centrum = await t.sessie('toegang@centrumstad.demo');
    const alles = (await t.als(centrum, 'GET', '/api/signalen?limiet=500')).json();
    expect(alles).toMatchObject({ sorteer: 'deadline', richting: 'op', offset: 0, limiet: 500 });
    const res = await t.als(centrum, 'GET', '/api/signalen?sorteer=aangemaakt&richting=af&limiet=5&offset=5');
    expect(res.statusCode).toBe(200);
    const pagina = res.json();
    expect(pagina).toMatchObject({ totaal: alles.totaal, sorteer: 'aangemaakt', richting: 'af', limiet: 5, offset: 5 });
    expect(pagina.signalen).toHaveLength(5);
    const aangemaakt = pagina.signalen.map((x: { aangemaakt: string }) => x.aangemaakt);
    expect([...aangemaakt].sort().reverse()).toEqual(aangemaakt);
    for (const [param, melding] of [
      ['sorteer=naam', 'sorteren kan op deadline, aangemaakt, status of soort'],
      ['richting=omhoog', 'richting moet op of af zijn'],
      ['status=klaar', 'status moet gemeld'],
    ] as const) {
      const fout = await t.als(centrum, 'GET', `/api/signalen?${param}`);
      expect(fout.statusCode).toBe(400);
      expect(fout.json().fout).toContain(melding);
    }
  });
});

describe('procesafspraken', () => {
  it('alleen de beheerder van de centrumgemeente stelt termijnen in; nieuwe signalen volgen ze', async () => {
    const beheer = await t.sessie('beheer@centrumstad.demo');
    const afspraken = (await t.als(beheer, 'GET', '/api/procesafspraken')).json() as { signaalSoort: string; reactieUren: number }[];
    expect(afspraken.find((a) => a.signaalSoort === 'overlast')!.reactieUren).toBe(24);
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'PUT', '/api/procesafspraken/overlast', { reactieUren: 12, oplosDagen: 7 })).statusCode).toBe(403);
    expect((await t.als(await t.sessie('beheer@noorddorp.demo'), 'PUT', '/api/procesafspraken/overlast', { reactieUren: 12, oplosDagen: 7 })).statusCode).toBe(403);
    expect((await t.als(beheer, 'PUT', '/api/procesafspraken/overlast', { reactieUren: 0, oplosDagen: 7 })).statusCode).toBe(400);
    expect((await t.als(beheer, 'PUT', '/api/procesafspraken/brand', { reactieUren: 5, oplosDagen: 7 })).statusCode).toBe(400);
    const put = await t.als(beheer, 'PUT', '/api/procesafspraken/overig', { reactieUren: 96, oplosDagen: 21 });
    expect(put.json()).toMatchObject({ signaalSoort: 'overig', reactieUren: 96, oplosDagen: 21 });
    // another regio keeps its own times
    const kust = (await t.als(await t.sessie('toegang@havenstad.kust.demo'), 'GET', '/api/procesafspraken')).json() as { signaalSoort: string; reactieUren: number }[];
    expect(kust.find((a) => a.signaalSoort === 'overig')!.reactieUren).toBe(120);
    const p = await woonstedePlaatsing(5);
    const sig = (await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'POST', '/api/signalen', { plaatsingId: p.id, details: { soort: 'overig', toelichting: 'Test termijn' } })).json();
    expect(Date.parse(sig.deadline) - Date.parse(sig.aangemaakt)).toBe(96 * 3_600_000);
  });
});

describe('inbox', () => {
  it('markeren als gelezen alleen binnen de eigen organisatie', async () => {
    const p = await woonstedePlaatsing(0);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const inbox = (await t.als(aanbieder, 'GET', '/api/meldingen?ongelezen=true')).json();
    expect(inbox.ongelezen).toBeGreaterThan(0);
    const id = inbox.meldingen[0].id as string;
    expect((await t.als(await t.sessie('consulent@thuisbaas-wonen.demo'), 'POST', `/api/meldingen/${id}/gelezen`)).statusCode).toBe(404);
    expect((await t.als(aanbieder, 'POST', `/api/meldingen/${id}/gelezen`)).statusCode).toBe(200);
    expect((await t.als(aanbieder, 'GET', '/api/meldingen/aantal')).json().ongelezen).toBe(inbox.ongelezen - 1);
    const alles = await t.als(aanbieder, 'POST', '/api/meldingen/gelezen');
    expect(alles.json().gemarkeerd).toBe(inbox.ongelezen - 1);
    expect((await t.als(aanbieder, 'GET', '/api/meldingen/aantal')).json().ongelezen).toBe(0);
  });
});

describe('schuldregelingen', () => {
  it('zorgpartijen die de cliënt zien beheren schulden; anderen krijgen 403/404; elke inzage wordt gelogd', async () => {
    const p = await woonstedePlaatsing(6);
    const aanbieder = await t.sessie(p.aanbiederLogin);
    const nieuw = await t.als(aanbieder, 'POST', `/api/clienten/${p.clientId}/schulden`, { schuldeiser: 'Vorige verhuurder', bedragCenten: 180000, regeling: 'Nog in gesprek', status: 'open' });
    expect(nieuw.statusCode).toBe(201);
    expect((await t.als(aanbieder, 'GET', `/api/clienten/${p.clientId}/schulden`)).json().geregeld).toBe(false);
    expect((await t.als(aanbieder, 'POST', `/api/clienten/${p.clientId}/schulden`, { schuldeiser: 'X', bedragCenten: -1, regeling: '', status: 'weg' })).statusCode).toBe(400);
    expect((await t.als(aanbieder, 'PATCH', `/api/schulden/${nieuw.json().id}`, {})).statusCode).toBe(400);

    const andere = await t.sessie(p.aanbiederLogin.includes('ribw') ? 'consulent@leger-des-heils-rivierland.demo' : 'consulent@ribw-rivierland.demo');
    expect((await t.als(andere, 'GET', `/api/clienten/${p.clientId}/schulden`)).statusCode).toBe(404);
    expect((await t.als(andere, 'PATCH', `/api/schulden/${nieuw.json().id}`, { status: 'afgelost' })).statusCode).toBe(404);
    expect((await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'PATCH', `/api/schulden/${nieuw.json().id}`, { status: 'afgelost' })).statusCode).toBe(403);

    const gewijzigd = await t.als(aanbieder, 'PATCH', `/api/schulden/${nieuw.json().id}`, { status: 'regeling_getroffen', regeling: 'Betalingsregeling € 75 per maand' });
    expect(gewijzigd.json().status).toBe('regeling_getroffen');
    const lijst = (await t.als(aanbieder, 'GET', `/api/clienten/${p.clientId}/schulden`)).json();
    expect(lijst.geregeld).toBe(lijst.schulden.every((x: { status: string }) => x.status !== 'open'));
    const corpView = (await t.als(await t.sessie('consulent@woonstede-rivierland.demo'), 'GET', '/api/signalen/plaatsingen')).json() as { id: string; schuldGeregeld: boolean }[];
    expect(corpView.find((x) => x.id === p.id)!.schuldGeregeld).toBe(lijst.geregeld);

    expect((await t.als(aanbieder, 'DELETE', `/api/schulden/${nieuw.json().id}`)).statusCode).toBe(200);
    expect((await t.als(aanbieder, 'DELETE', `/api/schulden/${nieuw.json().id}`)).statusCode).toBe(404);
    const audit = await t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, p.clientId), eq(s.auditLog.entiteit, 'client')));
    expect(audit.filter((a) => a.actie === 'lezen').length).toBeGreaterThanOrEqual(2);
    expect(audit.filter((a) => a.actie === 'wijzigen').length).toBe(3);
  });
});
