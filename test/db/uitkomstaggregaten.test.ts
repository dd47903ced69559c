import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { voegEventToe } from '../../src/db/repos/clienten.js';
import { herberekenAlleIntervallen } from '../../src/db/repos/intervallen.js';
import { jongerenGrenzen, PERIODES, periodeStart, trajectIntervallen } from '../../src/domain/monitor.js';
import { intervalUitkomsten, TERUGKEER_TERMIJNEN } from '../../src/domain/uitkomsten.js';
import { dagenTussen } from '../../src/domain/trajecten.js';
import { alsDomein, eventsPerClient, stapArbitrary, volgendEvent } from './traject-stappen.js';
import { backends, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';

/**
 * monitor_verblijfsduur and monitor_uitkomstmaand (ADR 0036) against their definition, straight from every client's
 * events folded by the domain (not from traject_intervallen): after the seed, after random events written through
 * voegEventToe, after the migration's fill and after monitor-herbereken.
 */
const sorteer = <T extends object>(rijen: T[]) => rijen.sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));

async function verwacht(database: Database) {
  const per = await eventsPerClient(database);
  const geboren = new Map((await database.db.select({ id: s.clienten.id, g: s.clienten.geboortedatum }).from(s.clienten)).map((c) => [c.id, c.g]));
  type V = { regioId: string; gebiedId: string; periode: string; schaal: number; start: string; niveau: string; dagen: number; aantal: number; jongeren: number; som: number; somJongeren: number };
  type M = { regioId: string; gemeenteId: string; maand: string; soort: string; bestemming: string; eerste: boolean; terugBinnen: number; aantal: number; jongeren: number };
  const verblijf = new Map<string, V>();
  const maand = new Map<string, M>();
  for (const [clientId, lijst] of per) {
    const { jongVanaf, jongTot } = jongerenGrenzen(geboren.get(clientId)!);
    const intervallen = trajectIntervallen(lijst.map(alsDomein));
    const uitkomst = intervalUitkomsten(intervallen);
    intervallen.forEach((iv, k) => {
      const e = lijst[k]!;
      const jong = iv.van >= jongVanaf && iv.van < jongTot ? 1 : 0;
      const v = uitkomst[k]!.verblijf;
      if (v) {
        for (const gebiedId of [lijst[v.beginVolgnr]!.gemeenteId, e.regioId]) {
          for (const periode of PERIODES) {
            for (const schaal of [1, 32]) {
              const start = periodeStart(iv.van, periode);
              const dagen = Math.floor(v.dagen / schaal) * schaal;
              const sleutel = [e.regioId, gebiedId, periode, schaal, start, v.niveau, dagen].join('|');
              const r = verblijf.get(sleutel) ?? { regioId: e.regioId, gebiedId, periode, schaal, start, niveau: v.niveau, dagen, aantal: 0, jongeren: 0, som: 0, somJongeren: 0 };
              r.aantal++;
              r.jongeren += jong;
              r.som += v.dagen;
              r.somJongeren += jong * v.dagen;
              verblijf.set(sleutel, r);
            }
          }
        }
      }
      if (iv.soort === 'instroom' || iv.soort === 'uitstroom') {
        const terugNa = iv.soort === 'uitstroom' && iv.terugkeerOp ? dagenTussen(iv.van, iv.terugkeerOp) : null;
        const terugBinnen = terugNa === null ? 0 : (TERUGKEER_TERMIJNEN.find((t) => terugNa <= t.dagen)?.maanden ?? 0);
        const rij = {
          regioId: e.regioId,
          gemeenteId: e.gemeenteId,
          maand: `${iv.van.slice(0, 7)}-01`,
          soort: iv.soort,
          bestemming: iv.soort === 'uitstroom' ? (iv.bestemming ?? '') : '',
          eerste: iv.soort === 'instroom' ? Boolean(uitkomst[k]!.eersteInstroom) : false,
          terugBinnen,
        };
        const sleutel = Object.values(rij).join('|');
        const r = maand.get(sleutel) ?? { ...rij, aantal: 0, jongeren: 0 };
        r.aantal++;
        r.jongeren += jong;
        maand.set(sleutel, r);
      }
    });
  }
  return { verblijf: sorteer([...verblijf.values()]), maand: sorteer([...maand.values()]) };
}

/** The stored rows; rows that came to hold only zeros after a rewrite mean the same as no row. */
async function opgeslagen(database: Database) {
  const nul = (r: { aantal: number; jongeren: number }) => r.aantal !== 0 || r.jongeren !== 0;
  return {
    verblijf: sorteer((await database.db.select().from(s.monitorVerblijfsduur)).filter((r) => nul(r) || r.som !== 0 || r.somJongeren !== 0)),
    maand: sorteer((await database.db.select().from(s.monitorUitkomstmaand)).filter(nul)),
  };
}

describe.each(backends)('uitkomstaggregaten op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 60);
  });
  afterAll(() => database.close());

  it('na de seed gelijk aan de definitie uit de gebeurtenissen', async () => {
    const v = await verwacht(database);
    expect(v.verblijf.length).toBeGreaterThan(50);
    expect(v.verblijf.some((r) => r.jongeren > 0)).toBe(true);
    expect(v.maand.some((r) => r.eerste)).toBe(true);
    expect(v.maand.some((r) => r.terugBinnen > 0)).toBe(true);
    expect(await opgeslagen(database)).toEqual(v);
  });

  it('na willekeurige geldige gebeurtenissen via voegEventToe nog steeds gelijk', async () => {
    const actor = testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
    const clienten = await database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem));
    const nieuw = await database.db
      .insert(s.clienten)
      .values([0, 1].map((i) => ({ regioId: actor.regioId, pseudoniem: `C-UA${backend}${i}`, naamVersleuteld: testVersleuteling.versleutel('X Y'), geboortedatum: ['2004-02-29', '1990-03-01'][i]!, herkomstgemeenteId: actor.organisatieId, huidigeGemeenteId: actor.organisatieId, doelgroep: 'ggz' })))
      .returning({ id: s.clienten.id });
    const kandidaten = [...nieuw.map((c) => c.id), ...clienten.slice(0, 10).map((c) => c.id)];
    let toegevoegd = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stapArbitrary(500), { minLength: 1, maxLength: 12 }), async (stappen) => {
        for (const st of stappen) {
          const clientId = kandidaten[st.client % kandidaten.length]!;
          const event = await volgendEvent(database, clientId, st);
          if (!event) continue;
          await voegEventToe(database.db, actor, clientId, event);
          toegevoegd++;
        }
        expect(await opgeslagen(database)).toEqual(await verwacht(database));
      }),
      { numRuns: 10 },
    );
    expect(toegevoegd).toBeGreaterThan(25);
  });

  it('migratie 0036 vult beide tabellen voor een database die al intervallen had', async () => {
    const vullen = readFileSync(new URL('../../drizzle/0036_uitkomsten_aggregaten.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint')
      .map((x) => x.replace(/^--.*$/gm, '').trim())
      .filter((x) => /^INSERT INTO "monitor_(verblijfsduur|uitkomstmaand)"/.test(x));
    expect(vullen).toHaveLength(2);
    await database.db.execute(sql`delete from monitor_verblijfsduur`);
    await database.db.execute(sql`delete from monitor_uitkomstmaand`);
    for (const st of vullen) await database.db.execute(sql.raw(st));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
  });

  it('monitor-herbereken bouwt ze opnieuw op, wat ze ook bevatten', async () => {
    await database.db.execute(sql`update monitor_verblijfsduur set aantal = aantal + 3`);
    await database.db.execute(sql`update monitor_uitkomstmaand set jongeren = jongeren + 1`);
    await database.db.transaction((tx) => herberekenAlleIntervallen(tx));
    expect(await opgeslagen(database)).toEqual(await verwacht(database));
  });
});
