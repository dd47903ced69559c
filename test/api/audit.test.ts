import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { ZRM_DOMEINEN } from '../../src/domain/zrm.js';
import { DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { DOELEN, PSEUDONIEM_PATROON } from '../../src/domain/audit.js';
import { STANDAARD_GEWICHTEN } from '../../src/domain/matching/objectief.js';
import { PEILDATUM, testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';
import { wmo301 } from '../iwmo-berichten.js';
import { naarXlsx } from '../../src/domain/xlsx-export.js';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving();
});
afterAll(() => t.sluit());

const TOEGANG = 'toegang@centrumstad.demo';
const BEHEER = 'beheer@centrumstad.demo';
const WOONSTEDE = 'consulent@woonstede-rivierland.demo';
const slug = (naam: string) => naam.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const org = (naam: string) => t.regios.rivierland.organisaties[naam]!.id;
const orgNaam = (id: string) => Object.entries(t.regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];

/** the id of the newest row: rows are chained (volgnr) only when sealed, ids follow the order of writing */
async function laatsteId() {
  const [r] = await t.database.db.select({ n: s.auditLog.id }).from(s.auditLog).orderBy(desc(s.auditLog.id)).limit(1);
  return r?.n ?? 0;
}
const rijenNa = (id: number) => t.database.db.select().from(s.auditLog).where(gt(s.auditLog.id, id)).orderBy(s.auditLog.id);
const gebruikerId = async (email: string) => (await t.database.db.select().from(s.gebruikers).where(eq(s.gebruikers.email, email)))[0]!.id;

interface Voorbeeld {
  wie: string;
  method: string;
  url: string;
  body?: unknown;
}

/** Shared state: later examples use what earlier ones created (a new client, a signal, a debt, a placement). */
const ctx: Record<string, string> = {};

/**
 * One successful request per client-data route, in registration-independent order. A new route with
 * `clientgegevens` and no example here makes the coverage test fail: it has to prove its audit rows.
 */
const VOORBEELDEN: [string, () => Promise<Voorbeeld> | Voorbeeld][] = [
  ['GET /api/clienten', () => ({ wie: TOEGANG, method: 'GET', url: '/api/clienten?limiet=5' })],
  ['GET /api/clienten/:id', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.clientId}` })],
  [
    'POST /api/clienten',
    () => ({ wie: TOEGANG, method: 'POST', url: '/api/clienten', body: { naam: 'Audit Proefpersoon', geboortedatum: '1990-05-05', herkomstgemeenteId: org('Centrumstad'), doelgroep: 'ggz' } }),
  ],
  ['PATCH /api/clienten/:id', () => ({ wie: TOEGANG, method: 'PATCH', url: `/api/clienten/${ctx.nieuweClient}`, body: { woonwensen: { gemeenten: [org('Centrumstad')], minKamers: 2, toegankelijk: false } } })],
  ['POST /api/clienten/:id/events', () => ({ wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.nieuweClient}/events`, body: { soort: 'aanmelding', datum: PEILDATUM } })],
  ['GET /api/wachtlijsten/:soort', () => ({ wie: TOEGANG, method: 'GET', url: '/api/wachtlijsten/uitstroom' })],
  [
    'POST /api/import',
    () => ({ wie: TOEGANG, method: 'POST', url: '/api/import', body: { clienten: 'extern_id;naam;geboortedatum;herkomstgemeente;doelgroep\nAUDIT-1;Ina Import;1991-01-01;Centrumstad;ggz' } }),
  ],
  [
    'POST /api/import/iwmo',
    () => ({
      wie: TOEGANG,
      method: 'POST',
      url: '/api/import/iwmo',
      body: { berichten: [{ naam: 'audit.xml', xml: wmo301({ id: 'AUDIT-1', dagtekening: '2026-10-01' }, { bsn: '999991085' }, [{ nummer: '990001', categorie: '15', toewijzingsdatum: '2026-10-01' }]) }] },
    }),
  ],
  [
    'POST /api/import/xlsx',
    async () => {
      const xlsx = await naarXlsx([
        {
          naam: 'clienten',
          kolommen: ['extern_id', 'naam', 'geboortedatum', 'herkomstgemeente', 'doelgroep'].map((k) => ({ sleutel: k, kop: k, soort: k === 'geboortedatum' ? ('datum' as const) : undefined })),
          rijen: [{ extern_id: 'AUDIT-XLSX-1', naam: 'Xena Excel', geboortedatum: '1992-02-02', herkomstgemeente: 'Centrumstad', doelgroep: 'ggz' }],
        },
      ]);
      return { wie: TOEGANG, method: 'POST', url: '/api/import/xlsx', body: { xlsx: Buffer.from(xlsx).toString('base64') } };
    },
  ],
  ['POST /api/matching/rondes', () => ({ wie: TOEGANG, method: 'POST', url: '/api/matching/rondes', body: { proefdraai: true } })],
  ['GET /api/matching/voorstellen', () => ({ wie: TOEGANG, method: 'GET', url: '/api/matching/voorstellen' })],
  ['POST /api/matching/voorstellen/:id/stap', () => ({ wie: ctx.voorstelCorporatie!, method: 'POST', url: `/api/matching/voorstellen/${ctx.voorstelId}/stap`, body: { actie: 'akkoord' } })],
  ['GET /api/signalen', () => ({ wie: BEHEER, method: 'GET', url: '/api/signalen' })],
  ['GET /api/signalen/plaatsingen', () => ({ wie: WOONSTEDE, method: 'GET', url: '/api/signalen/plaatsingen' })],
  ['POST /api/signalen', () => ({ wie: WOONSTEDE, method: 'POST', url: '/api/signalen', body: { plaatsingId: ctx.plaatsingId, details: { soort: 'zorgmijding' } } })],
  ['GET /api/signalen/:id', () => ({ wie: WOONSTEDE, method: 'GET', url: `/api/signalen/${ctx.signaalId}` })],
  ['POST /api/signalen/:id/acties', () => ({ wie: ctx.aanbieder!, method: 'POST', url: `/api/signalen/${ctx.signaalId}/acties`, body: { actie: 'oppakken', versie: 1 } })],
  ['GET /api/meldingen', () => ({ wie: ctx.aanbieder!, method: 'GET', url: '/api/meldingen' })],
  ['GET /api/clienten/:id/schulden', () => ({ wie: ctx.aanbieder!, method: 'GET', url: `/api/clienten/${ctx.plaatsingClient}/schulden` })],
  [
    'POST /api/clienten/:id/schulden',
    () => ({ wie: ctx.aanbieder!, method: 'POST', url: `/api/clienten/${ctx.plaatsingClient}/schulden`, body: { schuldeiser: 'Vorige verhuurder', bedragCenten: 50000, regeling: 'Betalingsregeling', status: 'regeling_getroffen' } }),
  ],
  ['PATCH /api/schulden/:id', () => ({ wie: ctx.aanbieder!, method: 'PATCH', url: `/api/schulden/${ctx.schuldId}`, body: { status: 'afgelost' } })],
  ['DELETE /api/schulden/:id', () => ({ wie: ctx.aanbieder!, method: 'DELETE', url: `/api/schulden/${ctx.schuldId}` })],
  ['GET /api/plaatsingen', () => ({ wie: TOEGANG, method: 'GET', url: '/api/plaatsingen' })],
  [
    'POST /api/plaatsingen',
    () => ({ wie: TOEGANG, method: 'POST', url: '/api/plaatsingen', body: { woningId: ctx.woningId, clientId: ctx.uitstroomklaar, huurconstructie: 'direct', startdatum: '2026-11-15' } }),
  ],
  ['POST /api/plaatsingen/:id/beeindigen', () => ({ wie: TOEGANG, method: 'POST', url: `/api/plaatsingen/${ctx.nieuwePlaatsing}/beeindigen`, body: { einddatum: '2026-12-31' } })],
  ['GET /api/kandidaten', () => ({ wie: WOONSTEDE, method: 'GET', url: '/api/kandidaten' })],
  ['GET /api/clienten/:id/grondslagen', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.clientId}/grondslagen` })],
  [
    'POST /api/clienten/:id/grondslagen',
    () => ({ wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.clientId}/grondslagen`, body: { reikwijdte: 'corporatie_kandidaatprofiel', soort: 'toestemming', ingangsdatum: PEILDATUM } }),
  ],
  [
    'POST /api/clienten/:id/grondslagen/:grondslagId/intrekken',
    async () => {
      const [g] = await t.database.db.select({ id: s.grondslagen.id }).from(s.grondslagen).where(and(eq(s.grondslagen.clientId, ctx.clientId!), isNull(s.grondslagen.ingetrokkenOp))).limit(1);
      return { wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.clientId}/grondslagen/${g!.id}/intrekken`, body: { reden: 'toestemming ingetrokken in gesprek' } };
    },
  ],
  ['GET /api/clienten/:id/inzage', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.clientId}/inzage` })],
  [
    'POST /api/clienten/:id/events/:eventId/correctie',
    async () => {
      const [e] = await t.database.db.select({ id: s.trajectEvents.id }).from(s.trajectEvents).where(eq(s.trajectEvents.clientId, ctx.nieuweClient!)).orderBy(desc(s.trajectEvents.id)).limit(1);
      return { wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.nieuweClient}/events/${e!.id}/correctie`, body: { reden: 'dubbel geregistreerd door een fout' } };
    },
  ],
  ['GET /api/audit', () => ({ wie: BEHEER, method: 'GET', url: `/api/audit?pseudoniem=${ctx.pseudoniem}` })],
  ['GET /api/audit/inzage/:pseudoniem', () => ({ wie: BEHEER, method: 'GET', url: `/api/audit/inzage/${ctx.pseudoniem}` })],
  ['GET /api/clienten/:id/zrm', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.clientId}/zrm` })],
  [
    'POST /api/clienten/:id/zrm',
    () => ({ wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.clientId}/zrm`, body: { datum: '2026-10-01', scores: Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, 3])) } }),
  ],
  ['POST /api/zrm/:id/intrekken', () => ({ wie: TOEGANG, method: 'POST', url: `/api/zrm/${ctx.zrmId}/intrekken`, body: { reden: 'verkeerde cliënt gekozen' } })],
  ['POST /api/audit/inzage/:pseudoniem/afdrukken', () => ({ wie: BEHEER, method: 'POST', url: `/api/audit/inzage/${ctx.pseudoniem}/afdrukken` })],
  ['GET /api/datakwaliteit/ontbrekend', () => ({ wie: BEHEER, method: 'GET', url: '/api/datakwaliteit/ontbrekend' })],
  ['GET /api/datakwaliteit/inactief', () => ({ wie: BEHEER, method: 'GET', url: '/api/datakwaliteit/inactief?dagen=60' })],
  ['GET /api/datakwaliteit/dubbelen', () => ({ wie: BEHEER, method: 'GET', url: '/api/datakwaliteit/dubbelen' })],
  // proposals (issue 14): parking a waiting client without an open proposal, and overriding a fresh decline
  [
    'POST /api/clienten/:id/parkeren',
    async () => {
      const open = (await t.database.db.select({ id: s.matchVoorstellen.clientId }).from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.status, ['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder']))).map((x) => x.id);
      const regels = (await t.als(await t.sessie(TOEGANG), 'GET', '/api/wachtlijsten/uitstroom')).json().regels as { clientId: string }[];
      ctx.parkeerClient = regels.map((r) => r.clientId).find((id) => !open.includes(id) && id !== ctx.uitstroomklaar)!;
      return { wie: TOEGANG, method: 'POST', url: `/api/clienten/${ctx.parkeerClient}/parkeren`, body: { redenCode: 'detentie', einddatum: '2027-01-15' } };
    },
  ],
  ['GET /api/clienten/:id/parkeringen', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.parkeerClient}/parkeringen` })],
  ['GET /api/matching/parkeringen', () => ({ wie: TOEGANG, method: 'GET', url: '/api/matching/parkeringen' })],
  // begeleiding per plaatsing (issue 14): the care side reads and sets it, the corporatie reads its one line
  ['GET /api/clienten/:id/begeleiding', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.plaatsingClient}/begeleiding` })],
  ['GET /api/plaatsingen/:id/begeleiding', () => ({ wie: ctx.aanbieder!, method: 'GET', url: `/api/plaatsingen/${ctx.plaatsingId}/begeleiding` })],
  ['GET /api/begeleidingen/regels', () => ({ wie: WOONSTEDE, method: 'GET', url: `/api/begeleidingen/regels?plaatsing=${ctx.plaatsingId}` })],
  [
    'PUT /api/plaatsingen/:id/begeleiding',
    async () => {
      const huidig = (await t.als(await t.sessie(ctx.aanbieder!), 'GET', `/api/plaatsingen/${ctx.plaatsingId}/begeleiding`)).json() as { begeleiding: { versie: number } | null };
      const [p] = await t.database.db.select().from(s.plaatsingen).where(eq(s.plaatsingen.id, ctx.plaatsingId!));
      const body = {
        aanbiederId: p!.aanbiederId,
        urenPerWeek: 6,
        van: p!.startdatum,
        tot: '2027-10-31',
        contactpersoon: 'Joost Visser',
        contactTelefoon: '06-11223344',
        evaluaties: ['2027-01-15'],
        plan: [{ domein: 'wonen', doelen: [{ omschrijving: 'Huur op tijd betalen', status: 'bezig' }] }],
        ...(huidig.begeleiding ? { versie: huidig.begeleiding.versie } : {}),
      };
      return { wie: ctx.aanbieder!, method: 'PUT', url: `/api/plaatsingen/${ctx.plaatsingId}/begeleiding`, body };
    },
  ],
  ['POST /api/evaluaties/:id/gehouden', () => ({ wie: ctx.aanbieder!, method: 'POST', url: `/api/evaluaties/${ctx.evaluatieId}/gehouden`, body: { datum: PEILDATUM } })],
  // prioriteringsbeleid (issue 14): the what-if reads the region's candidates; "waarom niet" reads one client
  ['POST /api/beleid/wat-als', () => ({ wie: BEHEER, method: 'POST', url: '/api/beleid/wat-als', body: { beleidB: { gewichten: { ...STANDAARD_GEWICHTEN, perUrgentie: 500 }, volgorde: [] } } })],
  ['GET /api/clienten/:id/waarom-niet', () => ({ wie: TOEGANG, method: 'GET', url: `/api/clienten/${ctx.uitstroomklaar}/waarom-niet` })],
  ['POST /api/parkeringen/:id/beeindigen', () => ({ wie: TOEGANG, method: 'POST', url: `/api/parkeringen/${ctx.parkeringId}/beeindigen`, body: {} })],
  [
    'POST /api/matching/voorstellen/:id/overrulen',
    async () => {
      const [v] = ((await t.als(await t.sessie(TOEGANG), 'GET', '/api/matching/voorstellen?status=voorstel')).json() as { id: string; corporatieId: string }[]).filter((x) => x.id !== ctx.voorstelId);
      const afwijzing = await t.als(await t.sessie(`consulent@${slug(orgNaam(v!.corporatieId))}.demo`), 'POST', `/api/matching/voorstellen/${v!.id}/stap`, { actie: 'afwijzing', redenCode: 'corporatie_spreiding' });
      expect(afwijzing.statusCode, afwijzing.body).toBe(200);
      return { wie: TOEGANG, method: 'POST', url: `/api/matching/voorstellen/${v!.id}/overrulen`, body: { reden: 'Spreiding valt mee' } };
    },
  ],
];

/** After a successful example: remember what it created for the examples after it. */
function onthoud(route: string, antwoord: unknown) {
  const a = antwoord as Record<string, unknown>;
  if (route === 'POST /api/clienten') ctx.nieuweClient = a.id as string;
  if (route === 'POST /api/signalen') ctx.signaalId = a.id as string;
  if (route === 'POST /api/clienten/:id/schulden') ctx.schuldId = a.id as string;
  if (route === 'POST /api/plaatsingen') ctx.nieuwePlaatsing = a.id as string;
  if (route === 'POST /api/clienten/:id/zrm') ctx.zrmId = a.id as string;
  if (route === 'POST /api/clienten/:id/parkeren') ctx.parkeringId = a.id as string;
  if (route === 'PUT /api/plaatsingen/:id/begeleiding') ctx.evaluatieId = (a.begeleiding as { evaluaties: { id: string; gehoudenOp: string | null }[] }).evaluaties.find((e) => e.gehoudenOp === null)!.id;
}

const clientRoutes = () =>
  t.app.apiRoutes
    .filter((r) => r.config?.clientgegevens)
    .flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD').map((m) => `${m} ${r.url}`));

describe('doel en dekking per route', () => {
  it('elke API-route noemt een verwerkingsactiviteit uit het register', () => {
    const zonder = t.app.apiRoutes.filter((r) => [r.method].flat().some((m) => m !== 'HEAD')).filter((r) => !r.config?.doel || !DOELEN.includes(r.config.doel));
    expect(zonder.map((r) => `${String(r.method)} ${r.url}`)).toEqual([]);
    expect(t.app.apiRoutes.length).toBeGreaterThan(40);
  });

  it('de routes met cliëntgegevens omvatten de matchingvoorstellen en de proefdraai', () => {
    expect(clientRoutes()).toEqual(expect.arrayContaining(['GET /api/matching/voorstellen', 'POST /api/matching/rondes', 'GET /api/clienten/:id', 'GET /api/kandidaten']));
  });

  it('een GET-route zonder markering cliëntgegevens toont geen enkel pseudoniem', async () => {
    const ongemarkeerd = t.app.apiRoutes.filter((r) => [r.method].flat().includes('GET') && !r.config?.clientgegevens && !r.url.includes(':') && !r.url.startsWith('/api/auth'));
    for (const email of [TOEGANG, BEHEER, WOONSTEDE, 'consulent@ribw-rivierland.demo']) {
      const sessie = await t.sessie(email);
      for (const r of ongemarkeerd) {
        const res = await t.als(sessie, 'GET', r.url);
        expect(res.body.match(PSEUDONIEM_PATROON), `${email} GET ${r.url}`).toBeNull();
      }
    }
  });

  describe('elke route met cliëntgegevens schrijft een auditregel bij succes en bij weigering', () => {
    beforeAll(async () => {
      const rivier = t.regios.rivierland.regioId;
      const [client] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, rivier)).orderBy(s.clienten.pseudoniem).limit(1);
      ctx.clientId = client!.id;
      ctx.pseudoniem = client!.pseudoniem;
      // a running placement in a Woonstede home: signals, debts, inbox
      const [p] = await t.database.db
        .select({ id: s.plaatsingen.id, aanbiederId: s.plaatsingen.aanbiederId, clientId: s.plaatsingen.clientId })
        .from(s.plaatsingen)
        .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
        .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
        .where(and(eq(s.woningen.corporatieId, org('Woonstede Rivierland')), isNull(s.plaatsingen.einddatum)))
        .orderBy(s.clienten.pseudoniem)
        .limit(1);
      ctx.plaatsingId = p!.id;
      ctx.plaatsingClient = p!.clientId;
      ctx.aanbieder = `consulent@${slug(orgNaam(p!.aanbiederId!))}.demo`;
      // an uitstroomklare client without any placement and a new home for it
      const toegang = await t.sessie(TOEGANG);
      const regels = (await t.als(toegang, 'GET', '/api/wachtlijsten/uitstroom')).json().regels as { clientId: string }[];
      const metPlaatsing = new Set((await t.database.db.select().from(s.plaatsingen).where(inArray(s.plaatsingen.clientId, regels.map((r) => r.clientId)))).map((x) => x.clientId));
      ctx.uitstroomklaar = regels.map((r) => r.clientId).find((id) => !metPlaatsing.has(id))!;
      const woning = await t.als(await t.sessie(WOONSTEDE), 'POST', '/api/woningen', {
        gemeenteId: org('Centrumstad'),
        adres: 'Auditlaan 1, Centrumstad',
        wijk: 'Auditwijk',
        complex: 'Auditcomplex',
        type: 'zelfstandig',
        kamers: 2,
        huurCenten: 61000,
        toegankelijk: true,
        beschikbaarPer: '2026-11-01',
      });
      expect(woning.statusCode, woning.body).toBe(201);
      ctx.woningId = woning.json().id;
      // a stored round, so there is a proposal for the corporatie to agree to
      expect((await t.als(await t.sessie(BEHEER), 'POST', '/api/matching/rondes', { proefdraai: false })).statusCode).toBe(200);
      const [v] = (await t.als(toegang, 'GET', '/api/matching/voorstellen?status=voorstel')).json() as { id: string; corporatieId: string }[];
      ctx.voorstelId = v!.id;
      ctx.voorstelCorporatie = `consulent@${slug(orgNaam(v!.corporatieId))}.demo`;
    });

    it('elke gemarkeerde route heeft een voorbeeld', () => {
      const bekend = new Set(VOORBEELDEN.map(([r]) => r));
      expect(clientRoutes().filter((r) => !bekend.has(r))).toEqual([]);
    });

    it.each(VOORBEELDEN.map(([r, v]) => [r, v] as const))('%s', async (route, voorbeeld) => {
      if (!clientRoutes().includes(route)) throw new Error(`${route} is niet (meer) gemarkeerd als route met cliëntgegevens`);
      const v = await voorbeeld();
      const sessie: Sessie = await t.sessie(v.wie);
      const gebruiker = await gebruikerId(v.wie);

      // success: at least one row by this user, allowed, with a purpose and the request's origin
      let voor = await laatsteId();
      const ok = await t.app.inject({
        method: v.method as 'GET',
        url: v.url,
        headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf, 'user-agent': 'auditproef/1.0' },
        remoteAddress: '192.0.2.10',
        ...(v.body === undefined ? {} : { payload: v.body as object }),
      });
      expect(ok.statusCode, ok.body).toBeLessThan(300);
      onthoud(route, ok.json());
      const goed = (await rijenNa(voor)).filter((r) => r.gebruikerId === gebruiker && r.resultaat === 'toegestaan');
      expect(goed.length, `${route}: geen auditregel bij succes`).toBeGreaterThan(0);
      expect(goed.every((r) => r.doel && DOELEN.includes(r.doel as never))).toBe(true);
      expect(goed.some((r) => r.ip === '192.0.2.10' && r.userAgent === 'auditproef/1.0')).toBe(true);

      // refused without a session (401): logged without a user, with address and route
      voor = await laatsteId();
      const anoniem = await t.app.inject({ method: v.method as 'GET', url: v.url, remoteAddress: '198.51.100.7', ...(v.body === undefined ? {} : { payload: v.body as object }) });
      expect(anoniem.statusCode).toBe(401);
      const geweigerd = (await rijenNa(voor)).filter((r) => r.resultaat === 'geweigerd');
      expect(geweigerd, `${route}: geen auditregel bij 401`).toHaveLength(1);
      expect(geweigerd[0]).toMatchObject({ gebruikerId: null, ip: '198.51.100.7', doel: expect.any(String) });

      // refused for an id the user may not see or that does not exist (404), logged with the user and the id
      const id = v.url.split('?')[0]!.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|C-[0-9A-Z]{6,10}/i)?.[0];
      if (id) {
        const ander = id.startsWith('C-') ? 'C-ONBEKEND' : randomUUID();
        voor = await laatsteId();
        const onbekend = await t.als(sessie, v.method, v.url.replace(id, ander), v.body);
        expect(onbekend.statusCode, onbekend.body).toBe(404);
        const rij = (await rijenNa(voor)).filter((r) => r.resultaat === 'geweigerd');
        expect(rij, `${route}: geen auditregel bij 404`).toHaveLength(1);
        expect(rij[0]).toMatchObject({ gebruikerId: gebruiker, entiteitId: ander });
      }
    });

    it('een weigering op rol of organisatiesoort (403) komt in het log', async () => {
      const gemeente = await t.sessie(TOEGANG);
      const voor = await laatsteId();
      expect((await t.als(gemeente, 'GET', '/api/kandidaten')).statusCode).toBe(403);
      expect((await t.als(await t.sessie(WOONSTEDE), 'GET', `/api/clienten/${ctx.clientId}`)).statusCode).toBe(403);
      const rijen = await rijenNa(voor);
      expect(rijen.map((r) => [r.entiteit, r.resultaat, r.details])).toEqual([
        ['kandidaten', 'geweigerd', { status: 403, route: 'GET /api/kandidaten' }],
        ['client', 'geweigerd', { status: 403, route: 'GET /api/clienten/:id' }],
      ]);
    });

    it('een dossier uit een andere regio geeft 404 en een geweigerde regel, geen dossier', async () => {
      const [kust] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.kustland.regioId)).limit(1);
      const voor = await laatsteId();
      const res = await t.als(await t.sessie(TOEGANG), 'GET', `/api/clienten/${kust!.id}`);
      expect(res.statusCode).toBe(404);
      const [rij, ...rest] = await rijenNa(voor);
      expect(rest).toEqual([]);
      expect(rij).toMatchObject({ resultaat: 'geweigerd', entiteit: 'client', entiteitId: kust!.id, pseudoniemen: [] });
    });
  });
});

describe('inloggen, uitloggen, zoeken en afdrukken', () => {
  it('inloggen, mislukt inloggen en uitloggen komen in het log met adres en browser', async () => {
    const voor = await laatsteId();
    const hoofd = { 'user-agent': 'Mozilla/5.0 proef' };
    const fout = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: hoofd, remoteAddress: '203.0.113.5', payload: { email: 'lezer@centrumstad.demo', wachtwoord: 'fout' } });
    const onbekend = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: hoofd, remoteAddress: '203.0.113.5', payload: { email: 'niemand@nergens.demo', wachtwoord: 'fout' } });
    const goed = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: hoofd, remoteAddress: '203.0.113.5', payload: { email: 'lezer@centrumstad.demo', wachtwoord: DEMO_WACHTWOORD } });
    expect([fout.statusCode, onbekend.statusCode, goed.statusCode]).toEqual([401, 401, 200]);
    const cookie = goed.cookies.find((c) => c.name === 'doorstroom_sessie')!;
    await t.als({ cookie: `${cookie.name}=${cookie.value}`, csrf: goed.json().csrfToken }, 'POST', '/api/auth/logout');
    const lezer = await gebruikerId('lezer@centrumstad.demo');
    const rijen = await rijenNa(voor);
    expect(rijen.map((r) => [r.actie, r.resultaat, r.gebruikerId, r.doel, (r.details as { reden?: string } | null)?.reden ?? null])).toEqual([
      ['inloggen', 'geweigerd', lezer, 'beveiliging', 'wachtwoord_onjuist'],
      ['inloggen', 'geweigerd', null, 'beveiliging', 'onbekend_account'],
      ['inloggen', 'toegestaan', lezer, 'beveiliging', null],
      ['uitloggen', 'toegestaan', lezer, 'beveiliging', null],
    ]);
    expect(rijen.slice(0, 3).every((r) => r.ip === '203.0.113.5' && r.userAgent === 'Mozilla/5.0 proef')).toBe(true);
    expect(rijen[1]!.regioId).toBeNull();
    expect(JSON.stringify(rijen)).not.toContain('niemand@nergens.demo');
  });

  it('een zoekopdracht wordt gelogd als zoeken, zonder de zoekterm', async () => {
    const voor = await laatsteId();
    const zoekterm = ctx.pseudoniem!.slice(0, 6);
    expect((await t.als(await t.sessie(TOEGANG), 'GET', `/api/clienten?zoek=${zoekterm}`)).statusCode).toBe(200);
    const [rij] = await rijenNa(voor);
    expect(rij).toMatchObject({ actie: 'zoeken', entiteit: 'clientlijst', doel: 'toegang_beoordeling' });
    expect(JSON.stringify(rij!.details)).not.toContain(zoekterm);
  });

  it('een pagina van de cliëntenlijst: één auditregel met de pseudoniemen van die pagina in haar volgorde, ook voor een lege pagina', async () => {
    const voor = await laatsteId();
    const res = await t.als(await t.sessie(TOEGANG), 'GET', '/api/clienten?limiet=6&offset=3&sorteer=wachtdagen&richting=af');
    expect(res.statusCode, res.body).toBe(200);
    const pagina = (res.json() as { clienten: { pseudoniem: string }[] }).clienten.map((c) => c.pseudoniem);
    expect(pagina).toHaveLength(6);
    const rijen = await rijenNa(voor);
    expect(rijen).toHaveLength(1);
    expect(rijen[0]).toMatchObject({ actie: 'lezen', entiteit: 'clientlijst', doel: 'toegang_beoordeling', resultaat: 'toegestaan', pseudoniemen: pagina });
    const na = await laatsteId();
    expect((await t.als(await t.sessie(TOEGANG), 'GET', '/api/clienten?limiet=6&offset=100000')).statusCode).toBe(200);
    const leeg = await rijenNa(na);
    expect(leeg).toHaveLength(1);
    expect(leeg[0]).toMatchObject({ entiteit: 'clientlijst', pseudoniemen: [] });
  });

  it('de afdrukknop van de monitor legt afdrukken vast', async () => {
    const voor = await laatsteId();
    const res = await t.als(await t.sessie(TOEGANG), 'POST', '/api/monitor/afdrukken', { onderdeel: 'dashboard', periode: 'kwartaal', van: '2025-01-01', tot: PEILDATUM });
    expect(res.statusCode, res.body).toBe(200);
    const [rij] = await rijenNa(voor);
    expect(rij).toMatchObject({ actie: 'afdrukken', entiteit: 'monitor', entiteitId: 'dashboard', doel: 'monitor_beleid' });
    expect((await t.als(await t.sessie(TOEGANG), 'POST', '/api/monitor/afdrukken', { periode: 'eeuw', van: 'x', tot: PEILDATUM })).statusCode).toBe(400);
  });
});

describe('een inzage zonder auditregel bestaat niet', () => {
  it('als de auditregel niet geschreven kan worden, faalt de inzage en komt er geen dossier terug', async () => {
    const sessie = await t.sessie(TOEGANG);
    expect((await t.als(sessie, 'GET', `/api/clienten/${ctx.clientId}`)).statusCode).toBe(200);
    // the app works as doorstroom_app, which may not create triggers: the one PGlite session becomes the owner briefly
    await t.database.db.execute(sql.raw(`RESET ROLE; CREATE FUNCTION audit_storing() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'schijf vol'; END $$ LANGUAGE plpgsql; CREATE TRIGGER audit_storing BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_storing(); SET ROLE doorstroom_app`));
    try {
      for (const url of [`/api/clienten/${ctx.clientId}`, '/api/clienten?limiet=3', '/api/matching/voorstellen', '/api/wachtlijsten/uitstroom']) {
        const res = await t.als(sessie, 'GET', url);
        expect(res.statusCode, url).toBe(500);
        expect(res.body).not.toMatch(PSEUDONIEM_PATROON);
      }
    } finally {
      await t.database.db.execute(sql.raw('RESET ROLE; DROP TRIGGER audit_storing ON audit_log; DROP FUNCTION audit_storing(); SET ROLE doorstroom_app'));
    }
  });
});

describe('auditpagina en "wie zag dit dossier"', () => {
  it('filtert op cliënt, gebruiker, organisatie, actie en periode, gepagineerd met totaal', async () => {
    const beheer = await t.sessie(BEHEER);
    const toegang = await t.sessie(TOEGANG);
    await t.als(toegang, 'GET', `/api/clienten/${ctx.clientId}`);
    await t.als(toegang, 'GET', `/api/clienten/${ctx.clientId}`);
    const filters = `/api/audit?pseudoniem=${ctx.pseudoniem}&gebruiker=${TOEGANG}&organisatieId=${org('Centrumstad')}&actie=lezen`;
    const basis = `${filters}&van=2020-01-01&tot=2100-01-01`;
    const pagina1 = (await t.als(beheer, 'GET', `${basis}&limiet=1`)).json();
    const pagina2 = (await t.als(beheer, 'GET', `${basis}&limiet=1&offset=1`)).json();
    expect(pagina1.totaal).toBeGreaterThanOrEqual(2);
    expect(pagina2.totaal).toBe(pagina1.totaal);
    expect(pagina1.regels).toHaveLength(1);
    expect(pagina1.regels[0].id).toBeGreaterThan(pagina2.regels[0].id);
    expect(pagina1.regels[0]).toMatchObject({ gebruikerEmail: TOEGANG, organisatie: 'Centrumstad', actie: 'lezen', doel: 'toegang_beoordeling', doelNaam: expect.any(String) });
    const oudste = (await t.als(beheer, 'GET', `${basis}&limiet=1&sortering=oudste`)).json();
    expect(oudste.regels[0].id).toBeLessThan(pagina1.regels[0].id);
    // sortable columns of the audit page, in SQL: by user name and action, each way, with a Dutch refusal otherwise
    const perGebruiker = async (richting: string) =>
      ((await t.als(beheer, 'GET', `/api/audit?van=2020-01-01&sorteer=gebruiker&richting=${richting}&limiet=500`)).json().regels as { gebruiker: string | null }[])
        .map((r) => r.gebruiker)
        .filter((g): g is string => g !== null);
    const op = await perGebruiker('op');
    expect(new Set(op).size).toBeGreaterThan(1);
    expect(op).toEqual([...op].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const af = await perGebruiker('af');
    expect(af[0]! >= af.at(-1)!).toBe(true);
    expect(af[0]).not.toBe(op[0]);
    const sorteerFout = await t.als(beheer, 'GET', '/api/audit?sorteer=ip');
    expect(sorteerFout.statusCode).toBe(400);
    expect(sorteerFout.json().fout).toMatch(/sorteren kan op tijdstip/);
    // other region's client: nothing; a period in the past: nothing
    expect((await t.als(beheer, 'GET', `${filters}&van=1999-01-01&tot=2000-01-01`)).json()).toEqual({ totaal: 0, regels: [] });
    expect((await t.als(beheer, 'GET', `${filters.replace(ctx.pseudoniem!, 'C-ONBEKEND')}`)).json().totaal).toBe(0);
    expect((await t.als(beheer, 'GET', '/api/audit?actie=kijken')).statusCode).toBe(400);
    expect((await t.als(beheer, 'GET', '/api/audit?gebruiker=geen-adres')).json().fout).toMatch(/e-mailadres/);
  });

  it('de inzage per cliënt geeft elke toegang met wie, wanneer, namens wie en doel, ook als CSV; alleen voor de beheerder van de centrumgemeente', async () => {
    const beheer = await t.sessie(BEHEER);
    const json = (await t.als(beheer, 'GET', `/api/audit/inzage/${ctx.pseudoniem}`)).json();
    expect(json.pseudoniem).toBe(ctx.pseudoniem);
    // the dossier reads and a list read that showed this client (kandidaten, wachtlijst or clientlijst)
    expect(json.regels.some((r: { entiteit: string }) => r.entiteit === 'client')).toBe(true);
    expect(json.regels.every((r: { doelNaam: string | null }) => r.doelNaam)).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/192\.0\.2\.10|auditproef/);
    const csv = await t.als(beheer, 'GET', `/api/audit/inzage/${ctx.pseudoniem}?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const regels = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(regels[0]).toBe('Tijdstip;Gebruiker;Rol;Organisatie;Namens;Handeling;Onderdeel;Doel;Grondslag;Resultaat');
    // one more than the JSON answer: looking at it was itself logged
    expect(regels.length - 1).toBe(json.regels.length + 1);
    expect(csv.body).toContain('Centrumstad');
    for (const email of [TOEGANG, 'beheer@noorddorp.demo', 'consulent@ribw-rivierland.demo']) {
      expect((await t.als(await t.sessie(email), 'GET', `/api/audit/inzage/${ctx.pseudoniem}`)).statusCode, email).toBe(403);
    }
    // the centrumgemeente of another region does not know this client
    expect((await t.als(await t.sessie('beheer@havenstad.kust.demo'), 'GET', `/api/audit/inzage/${ctx.pseudoniem}`)).statusCode).toBe(404);
  });
});

describe('gelijke inlogtijd', () => {
  /** Median login time over n attempts, alternating so that machine load hits both sides alike. */
  it('een onbekend en een inactief account antwoorden even snel als een bestaand account met een fout wachtwoord', async () => {
    const inactief = await t.database.db.update(s.gebruikers).set({ actief: false }).where(eq(s.gebruikers.email, 'toegang@noorddorp.demo')).returning();
    expect(inactief).toHaveLength(1);
    const tijden: Record<'bestaand' | 'onbekend' | 'inactief', number[]> = { bestaand: [], onbekend: [], inactief: [] };
    const email = { bestaand: 'lezer@centrumstad.demo', onbekend: 'niemand@centrumstad.demo', inactief: 'toegang@noorddorp.demo' };
    for (let i = 0; i < 20; i++) {
      for (const soort of ['bestaand', 'onbekend', 'inactief'] as const) {
        const start = performance.now();
        // a fresh address per attempt: the rate limit (10/min per address and account) is not what is measured
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.77.${i}.${soort.length}`, payload: { email: email[soort], wachtwoord: `fout-${i}` } });
        tijden[soort].push(performance.now() - start);
        expect(res.statusCode).toBe(401);
      }
    }
    const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const m = { bestaand: mediaan(tijden.bestaand), onbekend: mediaan(tijden.onbekend), inactief: mediaan(tijden.inactief) };
    expect(m.onbekend / m.bestaand, JSON.stringify(m)).toBeGreaterThan(0.5);
    expect(m.onbekend / m.bestaand, JSON.stringify(m)).toBeLessThan(2);
    expect(m.inactief / m.bestaand, JSON.stringify(m)).toBeGreaterThan(0.5);
    expect(m.inactief / m.bestaand, JSON.stringify(m)).toBeLessThan(2);
  });
});
