import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { voegEventToe } from '../../src/db/repos/clienten.js';
import { herberekenAlleIntervallen, herberekenIntervallen } from '../../src/db/repos/intervallen.js';
import { laatheid, ontbrekend } from '../../src/db/repos/datakwaliteit.js';
import { magClientZien, type Actor } from '../../src/domain/auth.js';
import { LAATHEID_KLASSEN, laatheidKlasse } from '../../src/domain/datakwaliteit.js';
import { jongerenGrenzen } from '../../src/domain/monitor.js';
import { NOG_GEHUISVEST_DAGEN } from '../../src/domain/uitkomsten.js';
import { dagenTussen, plusDagen } from '../../src/domain/trajecten.js';
import { stapArbitrary, volgendEvent } from './traject-stappen.js';
import { backends, seedTestRegios, testActor, testDatabase, type TestRegios } from '../helpers.js';

/**
 * The trigger-kept aggregates of migration 0038 (ADR 0038) — monitor_laatheid_zicht, client_ontbrekend and
 * monitor_gehuisvest — against their definition recomputed here from the rows (events, records, placements, homes),
 * after the seed, after random writes of every kind that moves them, after the migration's fill and after
 * monitor-herbereken.
 */
const sorteer = <T extends object>(rijen: T[]) => rijen.sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));
const GEEN = '00000000-0000-0000-0000-000000000000';
const nlDag = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

type Client = typeof s.clienten.$inferSelect;
type Event = typeof s.trajectEvents.$inferSelect;

/** The organisations that see a record through clientFilter, besides the whole regio. */
const zichten = (c: Client) => [...new Set([c.aanbiederId, c.herkomstgemeenteId, c.huidigeGemeenteId].filter((x): x is string => x !== null))];
const onbekendeUitstroom = (e: Event) => e.soort === 'uitstroom' && (e.bestemming === null || e.bestemming === 'onbekend');
const dagenLaat = (e: Event) => Math.max(0, dagenTussen(e.datum, nlDag.format(e.geregistreerd)));

async function bronnen(database: Database) {
  const db = database.db;
  const clienten = await db.select().from(s.clienten);
  const events = await db.select().from(s.trajectEvents);
  const orgVan = new Map((await db.select({ id: s.gebruikers.id, org: s.gebruikers.organisatieId }).from(s.gebruikers)).map((g) => [g.id, g.org]));
  const naam = new Map((await db.select({ id: s.organisaties.id, naam: s.organisaties.naam }).from(s.organisaties)).map((o) => [o.id, o.naam]));
  return { clienten, events, orgVan, naam, client: new Map(clienten.map((c) => [c.id, c])) };
}

async function verwacht(database: Database) {
  const db = database.db;
  const { clienten, events, orgVan, client } = await bronnen(database);
  const laat = new Map<string, { regioId: string; zichtId: string; datum: string; organisatieId: string; dagen: number; aantal: number }>();
  for (const e of events) {
    const c = client.get(e.clientId)!;
    if (e.soort === 'correctie' || c.regioId !== e.regioId) continue;
    const organisatieId = (e.doorGebruikerId && orgVan.get(e.doorGebruikerId)) || GEEN;
    for (const zichtId of zichten(c)) {
      const rij = { regioId: c.regioId, zichtId, datum: e.datum, organisatieId, dagen: dagenLaat(e) };
      const k = Object.values(rij).join('|');
      laat.set(k, { ...rij, aantal: (laat.get(k)?.aantal ?? 0) + 1 });
    }
  }
  const metOnbekend = new Set(events.filter((e) => onbekendeUitstroom(e) && client.get(e.clientId)!.regioId === e.regioId).map((e) => e.clientId));
  const ontb = new Map<string, { regioId: string; zichtId: string; soort: string; aantal: number }>();
  for (const c of clienten) {
    const gaten = {
      bsn: c.bsnHash === null && c.geanonimiseerdOp === null,
      aanbieder: c.aanbiederId === null,
      woonwensen: c.woonwensen === null,
      bestemming: metOnbekend.has(c.id),
    };
    for (const zichtId of [c.regioId, ...zichten(c)]) {
      for (const [soort, ontbreekt] of Object.entries(gaten)) {
        if (!ontbreekt) continue;
        const k = [c.regioId, zichtId, soort].join('|');
        ontb.set(k, { regioId: c.regioId, zichtId, soort, aantal: (ontb.get(k)?.aantal ?? 0) + 1 });
      }
    }
  }
  // the age band of a placement: the client's 18th to 25th birthday, when the client has intervals at all
  const metIntervallen = new Set((await db.select({ id: s.trajectIntervallen.clientId }).from(s.trajectIntervallen).where(eq(s.trajectIntervallen.volgnr, 0))).map((r) => r.id));
  const gemeenteVan = new Map((await db.select({ id: s.woningen.id, g: s.woningen.gemeenteId }).from(s.woningen)).map((w) => [w.id, w.g]));
  const geh = new Map<string, { regioId: string; gebiedId: string; startdatum: string; nog: boolean; jong: boolean; aantal: number }>();
  for (const p of await db.select().from(s.plaatsingen)) {
    const c = client.get(p.clientId)!;
    const band = jongerenGrenzen(c.geboortedatum);
    const jong = metIntervallen.has(c.id) && band.jongVanaf <= p.startdatum && p.startdatum < band.jongTot;
    const nog = p.einddatum === null || p.einddatum > plusDagen(p.startdatum, NOG_GEHUISVEST_DAGEN);
    for (const gebiedId of [p.regioId, gemeenteVan.get(p.woningId)!]) {
      const rij = { regioId: p.regioId, gebiedId, startdatum: p.startdatum, nog, jong };
      const k = Object.values(rij).join('|');
      geh.set(k, { ...rij, aantal: (geh.get(k)?.aantal ?? 0) + 1 });
    }
  }
  return { laatheid: sorteer([...laat.values()]), ontbrekend: sorteer([...ontb.values()]), gehuisvest: sorteer([...geh.values()]) };
}

/** The stored rows; a row that came to hold 0 means the same as no row. */
async function opgeslagen(database: Database) {
  const db = database.db;
  return {
    laatheid: sorteer((await db.select().from(s.monitorLaatheidZicht)).filter((r) => r.aantal !== 0)),
    ontbrekend: sorteer((await db.select().from(s.clientOntbrekend)).filter((r) => r.aantal !== 0)),
    gehuisvest: sorteer((await db.select().from(s.monitorGehuisvest)).filter((r) => r.aantal !== 0)),
  };
}

describe.each(backends)('triggeraggregaten (migratie 0038) op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let kijkers: Actor[];
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 60);
    kijkers = [
      testActor(regios, 'rivierland', 'Centrumstad', 'beheerder'),
      testActor(regios, 'rivierland', 'Noorddorp', 'beheerder'),
      testActor(regios, 'rivierland', 'RIBW Rivierland', 'beheerder'),
    ];
  });
  afterAll(() => database.close());

  /** What each viewer's page shows, recomputed from the events and records it may see. */
  async function paginaKlopt() {
    const { events, orgVan, naam, client, clienten } = await bronnen(database);
    for (const k of kijkers) {
      const regels = await laatheid(database.db, k, '2024-01-01', '2026-12-31');
      const per = new Map<string, Record<string, number>>();
      for (const e of events) {
        const c = client.get(e.clientId)!;
        if (e.soort === 'correctie' || e.regioId !== k.regioId || e.datum < '2024-01-01' || e.datum > '2026-12-31') continue;
        if (k.soort !== 'centrumgemeente' && (!magClientZien(k, c) || c.regioId !== e.regioId)) continue;
        const org = (e.doorGebruikerId && orgVan.get(e.doorGebruikerId)) || null;
        const o = org ? naam.get(org)! : 'Onbekend (import of seed)';
        const r = per.get(o) ?? Object.fromEntries([['totaal', 0], ...LAATHEID_KLASSEN.map((x) => [x.sleutel, 0])]);
        r.totaal!++;
        r[laatheidKlasse(dagenLaat(e))]!++;
        per.set(o, r);
      }
      expect(regels.map((r) => r.organisatie).sort(), k.soort).toEqual([...per.keys()].sort());
      for (const r of regels) for (const x of ['totaal', ...LAATHEID_KLASSEN.map((y) => y.sleutel)]) expect(r[x], `${k.soort} ${r.organisatie} ${x}`).toBe(per.get(r.organisatie as string)![x]);
      const zichtbaar = clienten.filter((c) => magClientZien(k, c));
      const onbekend = new Set(events.filter((e) => onbekendeUitstroom(e) && e.regioId === k.regioId).map((e) => e.clientId));
      const telling: Record<string, number> = {
        bsn: zichtbaar.filter((c) => c.bsnHash === null && c.geanonimiseerdOp === null).length,
        aanbieder: zichtbaar.filter((c) => c.aanbiederId === null).length,
        woonwensen: zichtbaar.filter((c) => c.woonwensen === null).length,
        bestemming: zichtbaar.filter((c) => onbekend.has(c.id)).length,
      };
      for (const x of await ontbrekend(database.db, k, 3)) expect(x.aantal, `${k.soort} ${x.sleutel}`).toBe(telling[x.sleutel]);
    }
  }

  it('na de seed gelijk aan de definitie uit de rijen', async () => {
    const v = await verwacht(database);
    expect(v.laatheid.some((r) => r.organisatieId !== GEEN && r.dagen > 0)).toBe(true);
    expect(v.ontbrekend.some((r) => r.soort === 'bestemming')).toBe(true);
    expect(v.gehuisvest.some((r) => r.jong) && v.gehuisvest.some((r) => !r.nog)).toBe(true);
    expect(await opgeslagen(database)).toEqual(v);
    await paginaKlopt();
  });

  it('volgen elke schrijfweg: gebeurtenissen (ook laat en door een gebruiker), dossiers die verhuizen, plaatsingen en woningen', async () => {
    const db = database.db;
    const r = regios.rivierland;
    const actor = testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
    const basis = await db.select().from(s.clienten).where(eq(s.clienten.regioId, r.regioId)).orderBy(asc(s.clienten.pseudoniem));
    const gebruikers = await db.select({ id: s.gebruikers.id }).from(s.gebruikers).innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId)).where(eq(s.organisaties.regioId, r.regioId));
    const orgs = Object.values(r.organisaties);
    const gemeenten = orgs.filter((o) => o.soort === 'centrumgemeente' || o.soort === 'regiogemeente').map((o) => o.id);
    const aanbieders = orgs.filter((o) => o.soort === 'aanbieder').map((o) => o.id);
    const corporatie = orgs.find((o) => o.soort === 'woningcorporatie')!.id;
    let nr = 0;
    const eigen = new Set<string>();
    const actie = fc.record({ soort: fc.integer({ min: 0, max: 7 }), a: fc.nat(), b: fc.nat(), stap: stapArbitrary(400) });
    await fc.assert(
      fc.asyncProperty(fc.array(actie, { minLength: 1, maxLength: 10 }), async (acties) => {
        for (const x of acties) {
          const c = basis[x.a % basis.length]!;
          if (x.soort === 0) {
            const event = await volgendEvent(database, c.id, x.stap);
            if (event) await voegEventToe(db, actor, c.id, event);
          } else if (x.soort === 1) {
            // registered by a real user, some days late (also past midnight Dutch time), with its intervals
            const event = await volgendEvent(database, c.id, x.stap);
            if (!event) continue;
            await db.transaction(async (tx) => {
              await tx.insert(s.trajectEvents).values({ ...event, clientId: c.id, regioId: c.regioId, gemeenteId: c.herkomstgemeenteId, doorGebruikerId: gebruikers[x.b % gebruikers.length]!.id, geregistreerd: new Date(Date.parse(`${event.datum}T22:30:00Z`) + (x.b % 9) * 86_400_000) });
              await herberekenIntervallen(tx, [c.id]);
            });
          } else if (x.soort === 2) {
            // the record moves: another aanbieder (or none), herkomst- or huidige gemeente
            const wat = x.b % 3;
            await db
              .update(s.clienten)
              .set(wat === 0 ? { aanbiederId: x.b % 4 === 0 ? null : aanbieders[x.b % aanbieders.length]! } : wat === 1 ? { huidigeGemeenteId: gemeenten[x.b % gemeenten.length]! } : { herkomstgemeenteId: gemeenten[x.b % gemeenten.length]! })
              .where(eq(s.clienten.id, c.id));
          } else if (x.soort === 3) {
            // gaps filled and opened, several records in one statement
            const ander = basis[x.b % basis.length]!;
            await db
              .update(s.clienten)
              .set({ bsnHash: sql`case when ${s.clienten.id} = ${c.id} then null else 'bsn-' || ${String(nr++)} end`, woonwensen: x.b % 2 ? null : { gemeenten: [] }, geanonimiseerdOp: x.b % 5 === 0 ? new Date() : null })
              .where(sql`${s.clienten.id} in (${c.id}, ${ander.id})`);
          } else if (x.soort === 4) {
            // a new home with a placement, started on a random day, sometimes ended within the year
            const [w] = await db
              .insert(s.woningen)
              .values({ regioId: r.regioId, corporatieId: corporatie, gemeenteId: gemeenten[x.b % gemeenten.length]!, adres: `Testlaan ${backend}${nr++}`, wijk: 'W', complex: 'C', type: 'zelfstandig', kamers: 2, huurCenten: 60000, beschikbaarPer: '2024-01-01', status: 'bewoond' })
              .returning();
            const start = plusDagen('2023-06-01', x.b % 900);
            const [p] = await db
              .insert(s.plaatsingen)
              .values({ regioId: r.regioId, woningId: w!.id, clientId: c.id, huurconstructie: 'direct', startdatum: start, einddatum: x.b % 3 === 0 ? plusDagen(start, 30 + (x.b % 500)) : null })
              .returning();
            eigen.add(p!.id);
          } else if (x.soort === 5) {
            // a placement ends (or its end is moved), or is removed
            const ps = await db.select().from(s.plaatsingen).where(eq(s.plaatsingen.regioId, r.regioId)).orderBy(asc(s.plaatsingen.id));
            const p = ps[x.b % ps.length]!;
            // only placements of this test are removed: the seed's have signals and begeleidingen pointing at them
            if (x.b % 4 === 0 && eigen.has(p.id)) {
              await db.delete(s.plaatsingen).where(eq(s.plaatsingen.id, p.id));
              eigen.delete(p.id);
            } else await db.update(s.plaatsingen).set({ einddatum: x.b % 2 ? plusDagen(p.startdatum, 100 + (x.b % 400)) : null }).where(eq(s.plaatsingen.id, p.id));
          } else if (x.soort === 6) {
            // a home moves to another gemeente, its placements with it
            const ws = await db.select({ id: s.woningen.id }).from(s.woningen).where(eq(s.woningen.regioId, r.regioId)).orderBy(asc(s.woningen.id));
            await db.update(s.woningen).set({ gemeenteId: gemeenten[x.b % gemeenten.length]! }).where(eq(s.woningen.id, ws[x.b % ws.length]!.id));
          } else {
            // a free-text change by the retention job: an UPDATE of events that changes no figure
            await db.transaction(async (tx) => {
              await tx.execute(sql`select set_config('doorstroom.anonimiseren', 'aan', true)`);
              await tx.update(s.trajectEvents).set({ toelichting: null, reden: null }).where(eq(s.trajectEvents.clientId, c.id));
            });
          }
        }
        expect(await opgeslagen(database)).toEqual(await verwacht(database));
      }),
      { numRuns: 8 },
    );
    await paginaKlopt();
  });

  it('migratie 0038 vult de drie tabellen voor een bestaande database', async () => {
    const vullen = readFileSync(new URL('../../drizzle/0038_laatheid_gehuisvest.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint')
      .map((x) => x.replace(/^--.*$/gm, '').trim())
      .filter((x) => /^INSERT INTO (monitor_laatheid_zicht|client_ontbrekend|monitor_gehuisvest)\b/.test(x));
    expect(vullen).toHaveLength(3);
    for (const t of ['monitor_laatheid_zicht', 'client_ontbrekend', 'monitor_gehuisvest']) await database.db.execute(sql.raw(`delete from ${t}`));
    for (const st of vullen) await database.db.execute(sql.raw(st));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
  });

  it('monitor-herbereken bouwt ze opnieuw op, wat ze ook bevatten (ook monitor_laatheid)', async () => {
    const laatheidVoor = sorteer((await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0));
    await database.db.execute(sql`update monitor_laatheid_zicht set aantal = aantal + 2`);
    await database.db.execute(sql`update client_ontbrekend set aantal = aantal - 1`);
    await database.db.execute(sql`update monitor_gehuisvest set aantal = aantal + 1`);
    await database.db.execute(sql`update monitor_laatheid set aantal = aantal + 5`);
    await database.db.transaction((tx) => herberekenAlleIntervallen(tx));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
    expect(sorteer((await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0))).toEqual(laatheidVoor);
    await paginaKlopt();
  });
});
