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
import { NOG_GEHUISVEST_DAGEN, ZRM_VENSTER_DAGEN } from '../../src/domain/uitkomsten.js';
import { ZRM_DOMEINEN, type ZrmScores } from '../../src/domain/zrm.js';
import { dagenTussen, geldigeEvents, isJongere, plusDagen } from '../../src/domain/trajecten.js';
import { eventsPerClient, stapArbitrary, volgendEvent } from './traject-stappen.js';
import { backends, seedTestRegios, testActor, testDatabase, type TestRegios } from '../helpers.js';

/**
 * The trigger-kept aggregates of migration 0038 (ADR 0038) — monitor_laatheid_zicht, client_ontbrekend,
 * monitor_gehuisvest and monitor_zrm_traject — against their definition recomputed here from the rows (events, records, placements, homes),
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
  const zrm = await verwachteZrm(database, client);
  return { laatheid: sorteer([...laat.values()]), ontbrekend: sorteer([...ontb.values()]), gehuisvest: sorteer([...geh.values()]), zrm, zrmMaand: zrmMaand(zrm) };
}

/** monitor_zrm_maand: the pairs summed per regio, gemeente, month and age band. */
function zrmMaand(paren: Record<string, unknown>[]) {
  const per = new Map<string, Record<string, unknown> & { trajecten: number; totaalN: number; totaalSom: number }>();
  for (const p of paren) {
    const sleutel = { regioId: p.regioId, gemeenteId: p.gemeenteId, maand: `${(p.van as string).slice(0, 7)}-01`, jong: p.jong };
    const k = Object.values(sleutel).join('|');
    const r = per.get(k) ?? { ...sleutel, trajecten: 0, totaalN: 0, totaalSom: 0, ...Object.fromEntries(ZRM_DOMEINEN.flatMap((d) => [[`n_${d}`, 0], [`som_${d}`, 0]])) };
    r.trajecten++;
    if (p.totaal !== null) {
      r.totaalN++;
      r.totaalSom += p.totaal as number;
    }
    for (const d of ZRM_DOMEINEN) {
      if (p[d] === null) continue;
      (r[`n_${d}`] as number)++;
      (r[`som_${d}`] as number) += p[d] as number;
    }
    per.set(k, r);
  }
  return sorteer([...per.values()].map((r) => ({ ...r, totaalSom: afgerond(r.totaalSom) })));
}

const gemScore = (x: Record<string, number | null>) => {
  const v = ZRM_DOMEINEN.map((d) => x[d] ?? null).filter((w): w is number => w !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};
const afgerond = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);

/**
 * monitor_zrm_traject by the definition (domain/uitkomsten, ADR 0036): per uitstroom of a client with a valid
 * assessment in its regio, the valid assessments nearest the trajectory's begin (last instroom or terugval before it)
 * and its end within the window, ties to the earliest resp. latest date, then the lowest id; a pair when begin < end.
 */
async function verwachteZrm(database: Database, client: Map<string, Client>) {
  const geldig = (await database.db.select().from(s.zrmBeoordelingen)).filter((z) => z.ingetrokkenOp === null);
  const perClient = new Map<string, typeof geldig>();
  for (const z of geldig) perClient.set(z.clientId, [...(perClient.get(z.clientId) ?? []), z]);
  const dichtste = (lijst: typeof geldig, dag: string, later: boolean) =>
    lijst
      .filter((z) => Math.abs(dagenTussen(dag, z.datum)) <= ZRM_VENSTER_DAGEN)
      .sort((a, b) => Math.abs(dagenTussen(dag, a.datum)) - Math.abs(dagenTussen(dag, b.datum)) || (later ? b.datum.localeCompare(a.datum) : a.datum.localeCompare(b.datum)) || a.id.localeCompare(b.id))[0];
  const uit: Record<string, unknown>[] = [];
  for (const [clientId, alle] of await eventsPerClient(database)) {
    const lijst = geldigeEvents(alle);
    const zrm = perClient.get(clientId) ?? [];
    lijst.forEach((e, k) => {
      if (e.soort !== 'uitstroom' || !zrm.some((z) => z.regioId === e.regioId)) return;
      const begin = lijst.slice(0, k).reverse().find((x) => x.soort === 'instroom' || x.soort === 'terugval');
      if (!begin) return;
      const b = dichtste(zrm, begin.datum, false);
      const z = dichtste(zrm, e.datum, true);
      if (!b || !z || b.datum >= z.datum) return;
      const sb = b.scores as ZrmScores;
      const se = z.scores as ZrmScores;
      const gb = gemScore(sb);
      const ge = gemScore(se);
      uit.push({
        clientId, regioId: e.regioId, gemeenteId: e.gemeenteId, van: e.datum, jong: isJongere(client.get(clientId)!.geboortedatum, e.datum),
        totaal: gb === null || ge === null ? null : afgerond(ge - gb),
        ...Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, sb[d] == null || se[d] == null ? null : se[d]! - sb[d]!])),
      });
    });
  }
  return sorteer(uit);
}

/** The stored pairs in the same shape: per domain by its name, the total rounded (a float). */
async function opgeslagenZrm(database: Database) {
  const rijen = (await database.db.execute(sql`select * from monitor_zrm_traject`)) as unknown as { rows: Record<string, unknown>[] };
  return sorteer(
    rijen.rows.map((r) => ({
      clientId: r.client_id, regioId: r.regio_id, gemeenteId: r.gemeente_id, van: r.van instanceof Date ? r.van.toISOString().slice(0, 10) : r.van, jong: r.jong,
      totaal: afgerond(r.totaal === null ? null : Number(r.totaal)),
      ...Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, r[d] === null ? null : Number(r[d])])),
    })),
  );
}

/** The stored rows; a row that came to hold 0 means the same as no row. */
async function opgeslagen(database: Database) {
  const db = database.db;
  return {
    laatheid: sorteer((await db.select().from(s.monitorLaatheidZicht)).filter((r) => r.aantal !== 0)),
    ontbrekend: sorteer((await db.select().from(s.clientOntbrekend)).filter((r) => r.aantal !== 0)),
    gehuisvest: sorteer((await db.select().from(s.monitorGehuisvest)).filter((r) => r.aantal !== 0)),
    zrm: await opgeslagenZrm(database),
    zrmMaand: sorteer(
      ((await db.execute(sql`select * from monitor_zrm_maand where trajecten <> 0`)) as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
        regioId: r.regio_id, gemeenteId: r.gemeente_id, maand: r.maand instanceof Date ? r.maand.toISOString().slice(0, 10) : r.maand, jong: r.jong,
        trajecten: r.trajecten, totaalN: r.totaal_n, totaalSom: afgerond(Number(r.totaal_som)),
        ...Object.fromEntries(ZRM_DOMEINEN.flatMap((d) => [[`n_${d}`, Number(r[`n_${d}`])], [`som_${d}`, Number(r[`som_${d}`])]])),
      })),
    ),
  };
}

describe.each(backends)('triggeraggregaten (migratie 0038) op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let kijkers: Actor[];
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 60);
    // assessments around many instroom, terugval and uitstroom events, some on the same day twice, some withdrawn
    const r = regios.rivierland;
    const org = r.organisaties['Centrumstad']!.id;
    const events = (await database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.regioId, r.regioId))).filter((e) => ['instroom', 'terugval', 'uitstroom'].includes(e.soort));
    const rijen = events.flatMap((e, i) =>
      i % 4 === 3
        ? []
        : [0, 1].slice(0, 1 + (i % 2)).map((k) => ({
            regioId: r.regioId, clientId: e.clientId, organisatieId: org, vastgelegdDoor: GEEN,
            datum: plusDagen(e.datum, k ? -((i * 7) % 60) : (i * 7) % 60),
            scores: Object.fromEntries(ZRM_DOMEINEN.map((d, j) => [d, (i + j) % 9 === 0 ? null : 1 + ((i * 3 + j * (k + 1)) % 5)])),
            ingetrokkenOp: i % 11 === 0 ? new Date('2026-01-01T10:00:00Z') : null,
            intrekkingsreden: i % 11 === 0 ? 'verkeerde cliënt' : null,
          })),
    );
    for (let i = 0; i < rijen.length; i += 300) await database.db.insert(s.zrmBeoordelingen).values(rijen.slice(i, i + 300));
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
    expect(v.zrm.length).toBeGreaterThan(10);
    expect(v.zrm.some((r) => r.jong) && v.zrm.some((r) => ZRM_DOMEINEN.some((d) => r[d] === null))).toBe(true);
    expect(await opgeslagen(database)).toEqual(v);
    await paginaKlopt();
  });

  it('volgen elke schrijfweg: gebeurtenissen (ook laat en door een gebruiker), dossiers die verhuizen, plaatsingen, woningen en ZRM-beoordelingen', async () => {
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
    const actie = fc.record({ soort: fc.integer({ min: 0, max: 10 }), a: fc.nat(), b: fc.nat(), stap: stapArbitrary(400) });
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
          } else if (x.soort === 8) {
            // an assessment recorded some days around one of the client's events (inside or outside the window)
            const eigen = await db.select().from(s.trajectEvents).where(eq(s.trajectEvents.clientId, c.id)).orderBy(asc(s.trajectEvents.id));
            const e = eigen[x.b % Math.max(1, eigen.length)];
            if (!e) continue;
            await db.insert(s.zrmBeoordelingen).values({
              regioId: c.regioId, clientId: c.id, organisatieId: r.organisaties['Centrumstad']!.id, vastgelegdDoor: GEEN,
              datum: plusDagen(e.datum, (x.b % 241) - 120), scores: Object.fromEntries(ZRM_DOMEINEN.map((d, j) => [d, (x.b + j) % 7 === 0 ? null : 1 + ((x.b + j) % 5)])),
            });
          } else if (x.soort === 9 || x.soort === 10) {
            // an assessment withdrawn, or removed (as when its client is removed)
            const zs = await db.select({ id: s.zrmBeoordelingen.id }).from(s.zrmBeoordelingen).where(eq(s.zrmBeoordelingen.regioId, r.regioId)).orderBy(asc(s.zrmBeoordelingen.id));
            const z = zs[x.b % zs.length]!;
            if (x.soort === 9) await db.update(s.zrmBeoordelingen).set({ ingetrokkenOp: new Date(), intrekkingsreden: 'test' }).where(eq(s.zrmBeoordelingen.id, z.id));
            else await db.delete(s.zrmBeoordelingen).where(eq(s.zrmBeoordelingen.id, z.id));
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

  it('migratie 0038 vult de vier tabellen voor een bestaande database', async () => {
    const vullen = readFileSync(new URL('../../drizzle/0038_laatheid_gehuisvest.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint')
      .map((x) => x.replace(/^--.*$/gm, '').trim())
      .filter((x) => /^INSERT INTO (monitor_laatheid_zicht|client_ontbrekend|monitor_gehuisvest)\b/.test(x));
    vullen.push(...readFileSync(new URL('../../drizzle/0038_laatheid_gehuisvest.sql', import.meta.url), 'utf8').split('--> statement-breakpoint').map((x) => x.trim()).filter((x) => x.startsWith('SELECT monitor_zrm_herbereken')));
    expect(vullen).toHaveLength(4);
    for (const t of ['monitor_laatheid_zicht', 'client_ontbrekend', 'monitor_gehuisvest', 'monitor_zrm_traject', 'monitor_zrm_maand']) await database.db.execute(sql.raw(`delete from ${t}`));
    for (const st of vullen) await database.db.execute(sql.raw(st));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
  });

  it('monitor-herbereken bouwt ze opnieuw op, wat ze ook bevatten (ook monitor_laatheid)', async () => {
    const laatheidVoor = sorteer((await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0));
    await database.db.execute(sql`update monitor_laatheid_zicht set aantal = aantal + 2`);
    await database.db.execute(sql`update client_ontbrekend set aantal = aantal - 1`);
    await database.db.execute(sql`update monitor_gehuisvest set aantal = aantal + 1`);
    await database.db.execute(sql`update monitor_laatheid set aantal = aantal + 5`);
    await database.db.execute(sql`update monitor_zrm_traject set totaal = 0, jong = not jong`);
    await database.db.execute(sql`update monitor_zrm_maand set trajecten = trajecten + 1`);
    await database.db.transaction((tx) => herberekenAlleIntervallen(tx));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
    expect(sorteer((await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0))).toEqual(laatheidVoor);
    await paginaKlopt();
  });
});
