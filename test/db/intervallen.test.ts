import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { voegEventToe } from '../../src/db/repos/clienten.js';
import { herberekenAlleIntervallen, intervallenOntbreken } from '../../src/db/repos/intervallen.js';
import { jongerenGrenzen, PERIODES, periodeStart, TERUGKEER_DAGEN, trajectIntervallen, verjaardagOp } from '../../src/domain/monitor.js';
import {
  leeftijdOp,
  plusDagen,
} from '../../src/domain/trajecten.js';
import { alsDomein, eventsPerClient, stapArbitrary, volgendEvent } from './traject-stappen.js';
import { backends, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';


/** What traject_intervallen must hold: every client's events folded from scratch, in the table's column order. */
async function volledigeHerberekening(database: Database) {
  const per = await eventsPerClient(database);
  const geboren = new Map((await database.db.select({ id: s.clienten.id, g: s.clienten.geboortedatum }).from(s.clienten)).map((c) => [c.id, c.g]));
  const verwacht = [...per].flatMap(([clientId, lijst]) =>
    trajectIntervallen(lijst.map(alsDomein)).map((iv, k) => ({ clientId, regioId: lijst[k]!.regioId, gemeenteId: lijst[k]!.gemeenteId, ...iv, ...jongerenGrenzen(geboren.get(clientId)!) })),
  );
  return verwacht.sort((a, b) => a.clientId.localeCompare(b.clientId) || a.volgnr - b.volgnr);
}

/**
 * What monitor_maandmutaties must hold, straight from the definition: per interval in a counted fase +1 in the
 * month of van and −1 in the month of tot, the same for its 18–24 part; keys whose changes cancel are absent.
 */
async function verwachteMutaties(database: Database) {
  const maand = (d: string) => `${d.slice(0, 7)}-01`;
  const som = new Map<string, { regioId: string; gemeenteId: string; maand: string; fase: string; niveau: string; aantal: number; jongeren: number }>();
  const tel = (iv: { regioId: string; gemeenteId: string; fase: string; niveau: string | null }, datum: string, aantal: number, jongeren: number) => {
    const sleutel = [iv.regioId, iv.gemeenteId, maand(datum), iv.fase, iv.niveau ?? ''].join('|');
    const r = som.get(sleutel) ?? { regioId: iv.regioId, gemeenteId: iv.gemeenteId, maand: maand(datum), fase: iv.fase, niveau: iv.niveau ?? '', aantal: 0, jongeren: 0 };
    r.aantal += aantal;
    r.jongeren += jongeren;
    som.set(sleutel, r);
  };
  for (const iv of await volledigeHerberekening(database)) {
    if (!['geindiceerd', 'in_zorg', 'uitstroomklaar'].includes(iv.fase)) continue;
    tel(iv, iv.van, 1, 0);
    if (iv.tot) tel(iv, iv.tot, -1, 0);
    const a = iv.van > iv.jongVanaf ? iv.van : iv.jongVanaf;
    const b = iv.tot && iv.tot < iv.jongTot ? iv.tot : iv.jongTot;
    if (a < b) {
      tel(iv, a, 0, 1);
      tel(iv, b, 0, -1);
    }
  }
  return [...som.values()].filter((r) => r.aantal !== 0 || r.jongeren !== 0).sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

/** The stored rows; rows that came to hold 0 after a rewrite are allowed and mean the same as no row. */
async function mutaties(database: Database) {
  const rijen = await database.db.select().from(s.monitorMaandmutaties);
  return rijen.filter((r) => r.aantal !== 0 || r.jongeren !== 0).sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

/**
 * What monitor_maandstromen must hold, straight from the definition: per flow interval one count in the month
 * of van, by soort and bestemming ('' for none), with the 18–24 part and the returns within TERUGKEER_DAGEN.
 */
async function verwachteStromen(database: Database) {
  const som = new Map<string, { regioId: string; gemeenteId: string; maand: string; soort: string; bestemming: string; aantal: number; jongeren: number; teruggekeerd: number; teruggekeerdJongeren: number }>();
  for (const iv of await volledigeHerberekening(database)) {
    if (!['instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval'].includes(iv.soort)) continue;
    const maand = `${iv.van.slice(0, 7)}-01`;
    const sleutel = [iv.regioId, iv.gemeenteId, maand, iv.soort, iv.bestemming ?? ''].join('|');
    const r = som.get(sleutel) ?? { regioId: iv.regioId, gemeenteId: iv.gemeenteId, maand, soort: iv.soort, bestemming: iv.bestemming ?? '', aantal: 0, jongeren: 0, teruggekeerd: 0, teruggekeerdJongeren: 0 };
    const jong = iv.van >= iv.jongVanaf && iv.van < iv.jongTot;
    const terug = iv.terugkeerOp !== null && iv.terugkeerOp <= plusDagen(iv.van, TERUGKEER_DAGEN);
    r.aantal++;
    if (jong) r.jongeren++;
    if (terug) r.teruggekeerd++;
    if (jong && terug) r.teruggekeerdJongeren++;
    som.set(sleutel, r);
  }
  return [...som.values()].sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

/** The stored rows; rows that came to hold only zeros after a rewrite mean the same as no row. */
async function stromenRijen(database: Database) {
  const rijen = await database.db.select().from(s.monitorMaandstromen);
  return rijen
    .filter((r) => r.aantal !== 0 || r.jongeren !== 0 || r.teruggekeerd !== 0 || r.teruggekeerdJongeren !== 0)
    .sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

/**
 * What monitor_wachttijden must hold, straight from the definition: per instroom or uitstroom interval with a
 * waiting time one count at its number of days, for its gemeente and for the whole regio (gebied = regio), in the
 * month, the quarter and the year of van, with the 18–24 part.
 */
async function verwachteWachttijden(database: Database) {
  type Rij = { regioId: string; gebiedId: string; periode: string; start: string; soort: string; dagen: number; aantal: number; jongeren: number };
  const som = new Map<string, Rij>();
  for (const iv of await volledigeHerberekening(database)) {
    if (!['instroom', 'uitstroom'].includes(iv.soort) || iv.wachtDagen === null) continue;
    for (const gebiedId of [iv.gemeenteId, iv.regioId]) {
      for (const periode of PERIODES) {
        const start = periodeStart(iv.van, periode);
        const sleutel = [iv.regioId, gebiedId, periode, start, iv.soort, iv.wachtDagen].join('|');
        const r = som.get(sleutel) ?? { regioId: iv.regioId, gebiedId, periode, start, soort: iv.soort, dagen: iv.wachtDagen, aantal: 0, jongeren: 0 };
        r.aantal++;
        if (iv.van >= iv.jongVanaf && iv.van < iv.jongTot) r.jongeren++;
        som.set(sleutel, r);
      }
    }
  }
  return [...som.values()].sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

/** The stored rows; rows that came to hold only zeros after a rewrite mean the same as no row. */
async function wachttijdenRijen(database: Database) {
  const rijen = await database.db.select().from(s.monitorWachttijden);
  return rijen.filter((r) => r.aantal !== 0 || r.jongeren !== 0).sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
}

async function tabel(database: Database) {
  const rijen = await database.db.select().from(s.trajectIntervallen).orderBy(asc(s.trajectIntervallen.clientId), asc(s.trajectIntervallen.volgnr));
  return rijen.sort((a, b) => a.clientId.localeCompare(b.clientId) || a.volgnr - b.volgnr);
}

describe('jongerengrenzen volgen leeftijdOp', () => {
  it('18e en 25e verjaardag, ook voor wie op 29 februari is geboren', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1940-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.integer({ min: -400, max: 400 }), (geboren, verschuiving) => {
        const g = geboren.toISOString().slice(0, 10);
        const { jongVanaf, jongTot } = jongerenGrenzen(g);
        const dag = plusDagen(verjaardagOp(g, 18 + (verschuiving > 0 ? 7 : 0)), verschuiving % 3);
        const l = leeftijdOp(g, dag);
        expect(l >= 18 && l <= 24).toBe(dag >= jongVanaf && dag < jongTot);
      }),
    );
    expect(verjaardagOp('2004-02-29', 18)).toBe('2022-03-01');
    expect(verjaardagOp('2004-02-29', 20)).toBe('2024-02-29');
  });
});

describe.each(backends)('traject_intervallen op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 60);
  });
  afterAll(() => database.close());

  it('na de seed gelijk aan een volledige herberekening', async () => {
    const verwacht = await volledigeHerberekening(database);
    expect(verwacht.length).toBeGreaterThan(200);
    expect(await tabel(database)).toEqual(verwacht);
    const m = await verwachteMutaties(database);
    expect(m.length).toBeGreaterThan(50);
    expect(m.some((r) => r.jongeren !== 0)).toBe(true);
    expect(await mutaties(database)).toEqual(m);
    const st = await verwachteStromen(database);
    expect(st.length).toBeGreaterThan(50);
    expect(st.some((r) => r.soort === 'uitstroom' && r.teruggekeerd > 0)).toBe(true);
    expect(st.some((r) => r.teruggekeerdJongeren > 0 || r.jongeren > 0)).toBe(true);
    expect(await stromenRijen(database)).toEqual(st);
    const wt = await verwachteWachttijden(database);
    expect(wt.length).toBeGreaterThan(20);
    expect(wt.some((r) => r.soort === 'instroom') && wt.some((r) => r.soort === 'uitstroom')).toBe(true);
    expect(wt.some((r) => r.jongeren > 0)).toBe(true);
    expect(await wachttijdenRijen(database)).toEqual(wt);
  });

  it('na willekeurige geldige gebeurtenissen via voegEventToe gelijk aan een volledige herberekening', async () => {
    const actor = testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
    const clienten = await database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem));
    const nieuw = await database.db
      .insert(s.clienten)
      .values([0, 1, 2].map((i) => ({ regioId: actor.regioId, pseudoniem: `C-IV${backend}${i}`, naamVersleuteld: testVersleuteling.versleutel('X Y'), geboortedatum: ['2004-02-29', '2003-02-28', '1990-03-01'][i]!, herkomstgemeenteId: actor.organisatieId, huidigeGemeenteId: actor.organisatieId, doelgroep: 'ggz' })))
      .returning({ id: s.clienten.id });
    const kandidaten = [...nieuw.map((c) => c.id), ...clienten.slice(0, 10).map((c) => c.id)];
    let toegevoegd = 0;
    const stap = stapArbitrary(500);
    await fc.assert(
      fc.asyncProperty(fc.array(stap, { minLength: 1, maxLength: 12 }), async (stappen) => {
        for (const st of stappen) {
          const clientId = kandidaten[st.client % kandidaten.length]!;
          const event = await volgendEvent(database, clientId, st);
          if (!event) continue;
          await voegEventToe(database.db, actor, clientId, event);
          toegevoegd++;
        }
        expect(await tabel(database)).toEqual(await volledigeHerberekening(database));
        expect(await mutaties(database)).toEqual(await verwachteMutaties(database));
        expect(await stromenRijen(database)).toEqual(await verwachteStromen(database));
        expect(await wachttijdenRijen(database)).toEqual(await verwachteWachttijden(database));
      }),
      { numRuns: 12 },
    );
    expect(toegevoegd).toBeGreaterThan(30);
  });

  it('migratie 0004 vult monitor_maandmutaties voor een database die al intervallen had', async () => {
    const migratie = readFileSync(new URL('../../drizzle/0004_maandstand.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    const vullen = migratie.at(-1)!;
    expect(vullen).toMatch(/insert into "monitor_maandmutaties"/i);
    await database.db.execute(sql`delete from monitor_maandmutaties`);
    await database.db.execute(sql.raw(vullen));
    expect(await mutaties(database)).toEqual(await verwachteMutaties(database));
  });

  it('migratie 0006 vult monitor_maandstromen voor een database die al intervallen had', async () => {
    const migratie = readFileSync(new URL('../../drizzle/0006_maandstromen.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    const vullen = migratie.at(-1)!;
    expect(vullen).toMatch(/insert into "monitor_maandstromen"/i);
    await database.db.execute(sql`delete from monitor_maandstromen`);
    await database.db.execute(sql.raw(vullen));
    expect(await stromenRijen(database)).toEqual(await verwachteStromen(database));
  });

  it('migratie 0008 vult monitor_wachttijden voor een database die al intervallen had', async () => {
    const migratie = readFileSync(new URL('../../drizzle/0008_wachttijden_per_periode.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    const vullen = migratie.at(-1)!;
    expect(vullen).toMatch(/insert into "monitor_wachttijden"/i);
    await database.db.execute(sql`delete from monitor_wachttijden`);
    await database.db.execute(sql.raw(vullen));
    expect(await wachttijdenRijen(database)).toEqual(await verwachteWachttijden(database));
  });

  it('monitor-herbereken bouwt een lege tabel (bestaande database na migratie 0003) identiek op', async () => {
    const voor = await tabel(database);
    const mutatiesVoor = await mutaties(database);
    const stromenVoor = await stromenRijen(database);
    const wachttijdenVoor = await wachttijdenRijen(database);
    await database.db.execute(sql`delete from traject_intervallen`);
    // whatever stale rows it held: the rebuild starts this table from scratch
    await database.db.execute(sql`update monitor_maandmutaties set aantal = aantal + 7`);
    await database.db.execute(sql`update monitor_maandstromen set teruggekeerd = teruggekeerd + 3`);
    await database.db.execute(sql`update monitor_wachttijden set jongeren = jongeren + 2`);
    expect(await intervallenOntbreken(database.db)).toBe(true);
    const gemeld: number[] = [];
    const r = await database.db.transaction((tx) => herberekenAlleIntervallen(tx, (klaar) => gemeld.push(klaar)));
    expect(r.intervallen).toBe(voor.length);
    expect(gemeld.at(-1)).toBe(r.clienten);
    expect(await intervallenOntbreken(database.db)).toBe(false);
    expect(await tabel(database)).toEqual(voor);
    expect(await mutaties(database)).toEqual(mutatiesVoor);
    expect(mutatiesVoor).toEqual(await verwachteMutaties(database));
    expect(await stromenRijen(database)).toEqual(stromenVoor);
    expect(stromenVoor).toEqual(await verwachteStromen(database));
    expect(await wachttijdenRijen(database)).toEqual(wachttijdenVoor);
    expect(wachttijdenVoor).toEqual(await verwachteWachttijden(database));
  });
});
