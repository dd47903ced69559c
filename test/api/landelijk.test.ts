import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import { PSEUDONIEM_PATROON } from '../../src/domain/audit.js';
import { toegangsBezwaar } from '../../src/domain/toegang.js';
import { LANDELIJKE_TABELLEN } from '../../src/db/repos/landelijk.js';
import { laatheidKlasse, LAATHEID_KLASSEN } from '../../src/domain/datakwaliteit.js';
import { leesDrempel } from '../../src/domain/onthulling.js';
import { PEILDATUM, testOmgeving, testVersleuteling, type TestOmgeving } from '../helpers.js';

const LANDELIJK = 'lezer@landelijk-platform-bw-mo.demo';
const LANDELIJK_BEHEER = 'beheer@landelijk-platform-bw-mo.demo';
const CENTRUM_BEHEER = 'beheer@centrumstad.demo';

let t: TestOmgeving;
beforeAll(async () => {
  t = await testOmgeving('pglite', { aantalClienten: 260 });
});
afterAll(() => t.sluit());

type Tabel = { kolommen: { sleutel: string }[]; regels: Record<string, number | string | null>[] };
const TELKOLOMMEN = /^(instroom|doorstroom|uitstroom|terugval|uitval|inZorg|wacht(In|Uit)stroom|eerste|blijvend|terug\d+|gevolgd|nogGehuisvest|gerealiseerd|plaatsingenJong|zrm)(Jong)?$/;

describe('landelijk beeld', () => {
  it('vergelijkt de regio’s; elke telling is onderdrukt (null), 0 of minstens de drempel', async () => {
    const res = await t.als(await t.sessie(LANDELIJK), 'GET', '/api/landelijk?jaar=2025');
    expect(res.statusCode).toBe(200);
    const v = res.json() as { drempel: number; regios: string[]; tabellen: Record<string, Tabel> };
    expect(v.drempel).toBe(10);
    // only regions with a centrumgemeente: not the national body's own administrative region
    expect(v.regios).toEqual(['Regio Kustland', 'Regio Rivierland']);
    let getoond = 0;
    let onderdrukt = 0;
    for (const [naam, tabel] of Object.entries(v.tabellen)) {
      for (const regel of tabel.regels) {
        for (const k of tabel.kolommen.filter((k) => TELKOLOMMEN.test(k.sleutel))) {
          const w = regel[k.sleutel];
          if (w === null) onderdrukt++;
          else {
            getoond++;
            expect(w === 0 || (w as number) >= 10, `${naam} ${regel.regio} ${k.sleutel}=${w}`).toBe(true);
          }
        }
      }
    }
    // the small Kustland (40 clients) forces suppressions, Rivierland shows real figures
    expect(onderdrukt).toBeGreaterThan(0);
    expect(getoond).toBeGreaterThan(20);
    const stromen = v.tabellen.stromen!;
    const rij = (regio: string) => stromen.regels.find((r) => r.regio === regio)!;
    // where every region is shown the national row is their sum
    for (const k of ['instroom', 'uitstroom']) {
      if (rij('Regio Kustland')[k] !== null && rij('Regio Rivierland')[k] !== null) {
        expect(rij('Landelijk')[k]).toBe((rij('Regio Kustland')[k] as number) + (rij('Regio Rivierland')[k] as number));
      }
    }
    // a count in two tables is one cell: suppressed in both or in neither, so two tables together reveal nothing more
    for (const r of stromen.regels) expect(v.tabellen.uitkomsten!.regels.find((u) => u.regio === r.regio)!.instroom, `${r.regio} instroom`).toBe(r.instroom);
    // Beschermd Thuis: every regiogemeente of both regions, with "geen aanbod" where there are no places
    const bt = v.tabellen['beschermd-thuis']!;
    expect(new Set(bt.regels.map((r) => r.gemeente))).toEqual(new Set(['Centrumstad', 'Noorddorp', 'Oosterveen', 'Zuidhaven', 'Westerbroek', 'Heidewijk', 'Rivierstede', 'Duinkerke', 'Havenstad', 'Zandvoorde', 'Polderdam']));
    for (const r of bt.regels) expect(r.geenAanbod).toBe(r.plekken === 0 ? 'ja' : 'nee');
  });

  it('de rest naast het 18–24-deel is nooit terug te rekenen uit wat getoond wordt', async () => {
    const v = (await t.als(await t.sessie(LANDELIJK), 'GET', '/api/landelijk?jaar=2026')).json() as { tabellen: Record<string, Tabel> };
    for (const tabel of Object.values(v.tabellen)) {
      for (const regel of tabel.regels) {
        for (const k of tabel.kolommen.filter((k) => k.sleutel.endsWith('Jong') && TELKOLOMMEN.test(k.sleutel))) {
          const totaal = regel[k.sleutel.slice(0, -4)];
          const jong = regel[k.sleutel];
          if (typeof totaal === 'number' && typeof jong === 'number') {
            const rest = totaal - jong;
            expect(rest === 0 || rest >= 10, `${regel.regio} ${k.sleutel}: ${totaal} − ${jong} = ${rest}`).toBe(true);
          }
        }
      }
    }
    // trajectories with a ZRM pair are a part of the year's uitstroom (another table): the rest is never revealed
    for (const u of v.tabellen.uitkomsten!.regels) {
      const st = v.tabellen.stromen!.regels.find((r) => r.regio === u.regio)!;
      for (const [deel, geheel] of [['zrm', 'uitstroom'], ['zrmJong', 'uitstroomJong']] as const) {
        if (typeof u[deel] === 'number' && typeof st[geheel] === 'number') {
          const rest = (st[geheel] as number) - (u[deel] as number);
          expect(rest === 0 || rest >= 10, `${u.regio} ${geheel} − ${deel} = ${rest}`).toBe(true);
        }
      }
      if (u.zrm === null || (u.zrm as number) < 10) expect(u.zrmVerandering ?? null).toBeNull();
    }
  });

  it('bereikt niets anders dan de landelijke routes en het in- en uitloggen', async () => {
    const sessie = await t.sessie(LANDELIJK);
    const actor = { gebruikerId: 'x', organisatieId: 'x', regioId: 'x', soort: 'landelijk' as const, rol: 'alleen_lezen' as const };
    const bereikbaar = t.app.apiRoutes.filter((r) => [r.method].flat().includes('GET') && r.config?.toegang && !r.config.toegang.publiek && !toegangsBezwaar(r.config.toegang, actor, false, r.config.doel));
    expect(bereikbaar.map((r) => r.url).sort()).toEqual(['/api/auth/me', '/api/auth/mfa', '/api/landelijk', '/api/landelijk/stand-van-zaken', '/api/landelijk/tabellen/:tabel'].sort());
    for (const url of ['/api/clienten', '/api/monitor/stromen', '/api/organisaties', '/api/matching/voorstellen', '/api/signalen', '/api/meldingen', '/api/verwerkingsactiviteiten', '/api/uitkomsten', '/api/datakwaliteit/dubbelen', '/api/stand-van-zaken', '/api/woningen']) {
      expect((await t.als(sessie, 'GET', url)).statusCode, url).toBe(403);
    }
  });

  it('ontvangt in geen enkel antwoord een pseudoniem, een cliënt-id, een naam of een BSN', async () => {
    const sessie = await t.sessie(LANDELIJK);
    const clienten = await t.database.db.select({ id: s.clienten.id, naam: s.clienten.naamVersleuteld, bsn: s.clienten.bsnVersleuteld }).from(s.clienten);
    const ids = clienten.map((c) => c.id);
    const bsns = clienten.flatMap((c) => (c.bsn ? [testVersleuteling.ontsleutel(c.bsn)] : []));
    const namen = clienten.map((c) => testVersleuteling.ontsleutel(c.naam));
    const urls = [
      '/api/auth/me',
      '/api/auth/mfa',
      '/api/landelijk',
      '/api/landelijk?jaar=2024',
      '/api/landelijk/stand-van-zaken',
      '/api/landelijk/stand-van-zaken?format=csv',
      ...LANDELIJKE_TABELLEN.flatMap((tab) => [`/api/landelijk/tabellen/${tab}?jaar=2025`, `/api/landelijk/tabellen/${tab}?jaar=2026&format=csv`]),
    ];
    // every GET route the role can reach is in the list above (the previous test pins that set)
    for (const url of urls) {
      const res = await t.als(sessie, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      const body = res.body;
      expect(body.match(PSEUDONIEM_PATROON), url).toBeNull();
      for (const id of ids) expect(body.includes(id), `${url} bevat cliënt-id ${id}`).toBe(false);
      for (const b of bsns) expect(body.includes(b), `${url} bevat een BSN`).toBe(false);
      for (const n of namen) expect(body.includes(n), `${url} bevat een naam`).toBe(false);
    }
  });

  it('exporteert elke tabel als CSV (met "onderdrukt") en legt export en afdruk vast in het auditlog', async () => {
    const sessie = await t.sessie(LANDELIJK);
    const res = await t.als(sessie, 'GET', '/api/landelijk/tabellen/stromen?jaar=2025&format=csv');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.split('\r\n')[0]).toBe('\uFEFFRegio;Instroom;Instroom 18–24;Doorstroom;Doorstroom 18–24;Uitstroom;Uitstroom 18–24;Terugval;Terugval 18–24;Uitval;Uitval 18–24');
    expect(res.body).toContain('onderdrukt');
    expect((await t.als(sessie, 'POST', '/api/landelijk/afdrukken', { jaar: 2025 })).statusCode).toBe(200);
    const regels = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteit, 'landelijk'));
    expect(regels.map((r) => `${r.actie}:${r.entiteitId}:${r.doel}`)).toEqual(expect.arrayContaining(['exporteren:stromen:landelijk_beeld', 'afdrukken:rapport:landelijk_beeld']));
    expect((await t.als(sessie, 'GET', '/api/landelijk/tabellen/clienten')).statusCode).toBe(400);
    expect((await t.als(sessie, 'GET', '/api/landelijk?jaar=1999')).json().fout).toMatch(/jaar ligt vóór 2000/);
  });

  it('elke tabel ook als Excel: dezelfde koppen en cellen als de CSV, getallen als getal, een tekst nooit als formule', async () => {
    const beheer = await t.sessie(CENTRUM_BEHEER);
    // a note that a spreadsheet would run as a formula if it were written as one
    const formule = '=HYPERLINK("https://voorbeeld.invalid","klik")';
    expect((await t.als(beheer, 'PUT', '/api/stand-van-zaken/zorglandschap', { status: 'in_voorbereiding', datum: '2026-05-01', notitie: formule })).statusCode).toBe(200);
    const landelijk = await t.sessie(LANDELIJK);
    const exports: [typeof landelijk, string][] = [
      ...LANDELIJKE_TABELLEN.map((tab) => [landelijk, `/api/landelijk/tabellen/${tab}?jaar=2025`] as [typeof landelijk, string]),
      [landelijk, '/api/landelijk/stand-van-zaken?'],
      [beheer, '/api/stand-van-zaken?'],
      [beheer, '/api/uitkomsten?periode=jaar&van=2024-01-01&tot=2026-10-31'],
      [beheer, '/api/datakwaliteit/laatheid?van=2025-01-01&tot=2026-10-31'],
    ];
    for (const [sessie, url] of exports) {
      const scheiding = url.endsWith('?') ? '' : '&';
      const csv = await t.als(sessie, 'GET', `${url}${scheiding}format=csv`);
      const xlsx = await t.als(sessie, 'GET', `${url}${scheiding}format=xlsx`);
      expect(xlsx.statusCode, url).toBe(200);
      expect(xlsx.headers['content-type'], url).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition'], url).toMatch(/attachment; filename=".+\.xlsx"/);
      const boek = new ExcelJS.Workbook();
      await boek.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const blad = boek.worksheets[0]!;
      const csvRegels = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((r) => r.split(';'));
      expect(blad.rowCount, url).toBe(csvRegels.length);
      expect((blad.getRow(1).values as unknown[]).slice(1), url).toEqual(csvRegels[0]);
      for (let i = 2; i <= blad.rowCount; i++) {
        const cellen = blad.getRow(i);
        csvRegels[i - 1]!.forEach((tekst, k) => {
          const cel = cellen.getCell(k + 1);
          // never a formula, whatever the text begins with
          expect(cel.type, `${url} rij ${i} kolom ${k + 1}`).not.toBe(ExcelJS.ValueType.Formula);
          if (tekst === '') expect(cel.value ?? null).toBeNull();
          else if (/^-?\d+(,\d+)?$/.test(tekst)) expect(cel.value, `${url} ${tekst}`).toBeCloseTo(Number(tekst.replace(',', '.')), 6);
          else if (/^\d{4}-\d{2}-\d{2}$/.test(tekst) && cel.value instanceof Date) expect(cel.value.toISOString().slice(0, 10)).toBe(tekst);
          else expect(String(cel.value), `${url} rij ${i}`).toBe(tekst.replace(/^"(.*)"$/, '$1').replace(/""/g, '"').replace(/^'/, ''));
        });
      }
      if (url.includes('stand-van-zaken')) {
        const notities = blad.getRows(2, blad.rowCount - 1)!.flatMap((r) => (r.values as unknown[]).filter((v) => typeof v === 'string' && v.includes('HYPERLINK')));
        expect(notities, url).toEqual([formule]);
      }
    }
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.actie, 'exporteren'));
    expect(audit.some((r) => (r.details as { formaat?: string } | null)?.formaat === 'xlsx')).toBe(true);
  });

  it('de drempel komt uit DOORSTROOM_ONTHULLINGSDREMPEL en weigert onzin', () => {
    expect(leesDrempel(undefined)).toBe(10);
    expect(leesDrempel('5')).toBe(5);
    expect(() => leesDrempel('1')).toThrow(/2 tot en met 1000/);
    expect(() => leesDrempel('tien')).toThrow(/geheel getal/);
  });
});

describe('stand van zaken van de uitvoeringsafspraken', () => {
  it('de beheerder van de centrumgemeente houdt hem bij; de regio en het land lezen; anderen niet', async () => {
    const beheer = await t.sessie(CENTRUM_BEHEER);
    const ok = await t.als(beheer, 'PUT', '/api/stand-van-zaken/verdeelmodel_ingroeipad', { status: 'vastgesteld', datum: '2026-06-01', notitie: 'Ingroeipad van 5 jaar vastgesteld in het regionaal bestuurlijk overleg' });
    expect(ok.statusCode, ok.body).toBe(200);
    const fout = await t.als(beheer, 'PUT', '/api/stand-van-zaken/visie', { status: 'klaar', datum: '2026-06-01' });
    expect(fout.statusCode).toBe(400);
    expect(fout.json().fout).toMatch(/Status/i);
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'PUT', '/api/stand-van-zaken/visie', { status: 'vastgesteld', datum: '2026-06-01' })).statusCode).toBe(403);
    expect((await t.als(await t.sessie('toegang@noorddorp.demo'), 'PUT', '/api/stand-van-zaken/visie', { status: 'vastgesteld', datum: '2026-06-01' })).statusCode).toBe(403);
    const regio = (await t.als(await t.sessie('toegang@noorddorp.demo'), 'GET', '/api/stand-van-zaken')).json();
    expect(regio.themas.find((x: { thema: string }) => x.thema === 'verdeelmodel_ingroeipad').status).toBe('vastgesteld');
    expect(regio.themas.find((x: { thema: string }) => x.thema === 'visie').status).toBeNull();
    const landelijk = (await t.als(await t.sessie(LANDELIJK), 'GET', '/api/landelijk/stand-van-zaken')).json();
    const rivier = landelijk.regios.find((r: { regio: string }) => r.regio === 'Regio Rivierland');
    expect(rivier.themas.find((x: { thema: string }) => x.thema === 'verdeelmodel_ingroeipad')).toMatchObject({ status: 'vastgesteld', datum: '2026-06-01' });
    expect(landelijk.regios.find((r: { regio: string }) => r.regio === 'Regio Kustland').themas.every((x: { status: null }) => x.status === null)).toBe(true);
    // a national reader cannot write, not even with a valid body
    expect((await t.als(await t.sessie(LANDELIJK_BEHEER), 'PUT', '/api/stand-van-zaken/visie', { status: 'vastgesteld', datum: '2026-06-01' })).statusCode).toBe(403);
  });
});

describe('datakwaliteit voor beheerders', () => {
  // the centrumgemeente reads its regio's events from one index; an aanbieder or regiogemeente only its own clients'
  it.each([
    [CENTRUM_BEHEER, 'regio'],
    ['beheer@ribw-rivierland.demo', 'aanbieder'],
    ['beheer@noorddorp.demo', 'gemeente'],
  ] as const)('telt de registratielaatheid per organisatie zoals de gebeurtenissen zelf zeggen (%s)', async (email, zicht) => {
    const res = await t.als(await t.sessie(email), 'GET', `/api/datakwaliteit/laatheid?van=2025-01-01&tot=${PEILDATUM}`);
    expect(res.statusCode, res.body).toBe(200);
    const regels = res.json().regels as Record<string, number | string>[];
    const [org] = await t.database.db.select().from(s.organisaties).innerJoin(s.gebruikers, eq(s.gebruikers.organisatieId, s.organisaties.id)).where(eq(s.gebruikers.email, email));
    const orgId = org!.organisaties.id;
    const eigen = zicht === 'regio' ? sql`true` : zicht === 'aanbieder' ? sql`c.aanbieder_id = ${orgId}` : sql`(c.herkomstgemeente_id = ${orgId} or c.huidige_gemeente_id = ${orgId})`;
    const events = (await t.database.db.execute(sql`
      select coalesce(o.naam, 'Onbekend (import of seed)') as organisatie, e.datum::text as datum, ((e.geregistreerd at time zone 'Europe/Amsterdam')::date)::text as dag
      from traject_events e join clienten c on c.id = e.client_id left join gebruikers g on g.id = e.door_gebruiker_id left join organisaties o on o.id = g.organisatie_id
      where c.regio_id = ${t.regios.rivierland.regioId} and ${eigen} and e.soort <> 'correctie' and e.datum between '2025-01-01' and ${PEILDATUM}`)) as unknown as { rows: { organisatie: string; datum: string; dag: string }[] };
    expect(events.rows.length).toBeGreaterThan(20);
    const verwacht = new Map<string, Record<string, number>>();
    for (const e of events.rows) {
      const dagen = Math.round((Date.parse(e.dag) - Date.parse(e.datum)) / 86_400_000);
      const r = verwacht.get(e.organisatie) ?? Object.fromEntries([['totaal', 0], ...LAATHEID_KLASSEN.map((k) => [k.sleutel, 0])]);
      r.totaal!++;
      r[laatheidKlasse(dagen)]!++;
      verwacht.set(e.organisatie, r);
    }
    expect(regels.length).toBe(verwacht.size);
    for (const r of regels) {
      const v = verwacht.get(r.organisatie as string)!;
      for (const k of ['totaal', ...LAATHEID_KLASSEN.map((x) => x.sleutel)]) expect(r[k], `${r.organisatie} ${k}`).toBe(v[k]);
    }
    // the seed registers most events on the day and some weeks late
    expect(regels.some((r) => (r.dag11 as number) > 0 && (r.dag0 as number) > 0)).toBe(true);
    expect((await t.als(await t.sessie('toegang@centrumstad.demo'), 'GET', '/api/datakwaliteit/laatheid')).statusCode).toBe(403);
  });

  it('telt ontbrekende velden zoals de dossiers zelf zeggen, met de eerste dossiers op pseudoniem', async () => {
    for (const email of [CENTRUM_BEHEER, 'beheer@ribw-rivierland.demo']) {
      const res = await t.als(await t.sessie(email), 'GET', '/api/datakwaliteit/ontbrekend');
      expect(res.statusCode, res.body).toBe(200);
      const soorten = res.json().soorten as { sleutel: string; aantal: number; clienten: { pseudoniem: string }[] }[];
      const [org] = await t.database.db.select().from(s.gebruikers).where(eq(s.gebruikers.email, email));
      const alle = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId));
      const zichtbaar = email === CENTRUM_BEHEER ? alle : alle.filter((c) => c.aanbiederId === org!.organisatieId);
      const uitstroom = await t.database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.soort, 'uitstroom'));
      const onbekend = new Set(uitstroom.filter((e) => e.bestemming === null || e.bestemming === 'onbekend').map((e) => e.clientId));
      const verwacht: Record<string, typeof alle> = {
        bsn: zichtbaar.filter((c) => c.bsnHash === null && c.geanonimiseerdOp === null),
        aanbieder: zichtbaar.filter((c) => c.aanbiederId === null),
        woonwensen: zichtbaar.filter((c) => c.woonwensen === null),
        bestemming: zichtbaar.filter((c) => onbekend.has(c.id)),
      };
      const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      for (const x of soorten) {
        expect(x.aantal, `${email} ${x.sleutel}`).toBe(verwacht[x.sleutel]!.length);
        expect(x.clienten.map((c) => c.pseudoniem), `${email} ${x.sleutel}`).toEqual(verwacht[x.sleutel]!.map((c) => c.pseudoniem).sort(byte).slice(0, 25));
      }
      expect(soorten.map((x) => x.sleutel)).toEqual(['bsn', 'aanbieder', 'woonwensen', 'bestemming']);
      if (email === CENTRUM_BEHEER) expect(soorten.some((x) => x.aantal > 0)).toBe(true);
    }
  });

  it('vindt een dubbel dossier op naam en geboortedatum via de naamindex, en stille dossiers in zorg', async () => {
    const [bestaand] = await t.database.db.select().from(s.clienten).where(eq(s.clienten.regioId, t.regios.rivierland.regioId)).limit(1);
    const naam = testVersleuteling.ontsleutel(bestaand!.naamVersleuteld);
    const nieuw = await t.als(await t.sessie('toegang@centrumstad.demo'), 'POST', '/api/clienten', {
      naam: naam.toUpperCase().split(' ').reverse().join(' '),
      geboortedatum: bestaand!.geboortedatum,
      herkomstgemeenteId: t.regios.rivierland.organisaties['Centrumstad']!.id,
      doelgroep: 'ggz',
    });
    expect(nieuw.statusCode, nieuw.body).toBe(201);
    const res = await t.als(await t.sessie(CENTRUM_BEHEER), 'GET', '/api/datakwaliteit/dubbelen');
    expect(res.statusCode).toBe(200);
    const groepen = res.json().groepen as { reden: string; clienten: { id: string; pseudoniem: string }[] }[];
    const groep = groepen.find((g) => g.clienten.some((c) => c.id === bestaand!.id));
    expect(groep?.reden).toBe('Zelfde naam en geboortedatum');
    expect(groep!.clienten.map((c) => c.id)).toContain(nieuw.json().id);
    // another region's beheerder does not see them
    const kust = (await t.als(await t.sessie('beheer@havenstad.kust.demo'), 'GET', '/api/datakwaliteit/dubbelen')).json().groepen as { clienten: { id: string }[] }[];
    expect(kust.flatMap((g) => g.clienten.map((c) => c.id))).not.toContain(bestaand!.id);

    const stil = (await t.als(await t.sessie(CENTRUM_BEHEER), 'GET', '/api/datakwaliteit/inactief?dagen=365')).json();
    const stand = await t.database.db.select().from(s.clientStand).where(eq(s.clientStand.regioId, t.regios.rivierland.regioId));
    const verwacht = stand.filter((c) => (c.fase === 'in_zorg' || c.fase === 'uitstroomklaar') && c.laatsteDatum! < '2025-11-01');
    expect(stil.totaal).toBe(verwacht.length);
    expect(stil.totaal).toBeGreaterThan(0);
    for (const c of stil.regels) expect(c.dagenStil).toBeGreaterThan(365);
    expect((await t.als(await t.sessie(CENTRUM_BEHEER), 'GET', '/api/datakwaliteit/inactief?dagen=5')).json().fout).toMatch(/minstens 30/);
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteit, 'datakwaliteit'));
    expect(audit.some((a) => a.entiteitId === 'dubbelen' && a.pseudoniemen?.includes(bestaand!.pseudoniem))).toBe(true);
  });
});
