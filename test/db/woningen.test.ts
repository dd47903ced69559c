import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { wachtlijst } from '../../src/db/repos/clienten.js';
import { lijstAfspraken, maakPlaatsing, maakWoning } from '../../src/db/repos/woningen.js';
import type { Actor } from '../../src/domain/auth.js';
import { telRealisatie } from '../../src/domain/woningen.js';
import { backends, PEILDATUM, seedTestRegios, testDatabase, type TestRegios, testActor } from '../helpers.js';

describe.each(backends)('woningen-repository op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
  });
  afterAll(() => database.close());

  const actor = (regio: keyof TestRegios, org: string, rol: Actor['rol'] = 'medewerker_toegang') => testActor(regios, regio, org, rol);

  /** Uitstroomklare clients of the regio with no placement at all yet. */
  async function vrijeKandidaten() {
    const { regels } = await wachtlijst(database.db, actor('rivierland', 'Centrumstad'), 'uitstroom', { limiet: 500, offset: 0 }, PEILDATUM);
    const bezet = new Set((await database.db.select().from(s.plaatsingen).where(inArray(s.plaatsingen.clientId, regels.map((r) => r.clientId)))).map((p) => p.clientId));
    return regels.map((r) => r.clientId).filter((id) => !bezet.has(id));
  }

  it('gerealiseerd (SQL) is gelijk aan een hertelling in TypeScript, voor elke afspraak van de regio', async () => {
    const afspraken = await lijstAfspraken(database.db, actor('rivierland', 'Centrumstad'), {});
    expect(afspraken.length).toBeGreaterThan(20);
    const plaatsingen = await database.db
      .select({ startdatum: s.plaatsingen.startdatum, gemeenteId: s.woningen.gemeenteId, corporatieId: s.woningen.corporatieId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId));
    const herteld = telRealisatie(afspraken, plaatsingen);
    for (const a of afspraken) expect(a.gerealiseerd, `${a.jaar} ${a.gemeente} ${a.corporatie}`).toBe(herteld.get(a.id));
    expect(afspraken.some((a) => (a.gerealiseerd ?? 0) > 0)).toBe(true);
  });

  it('twee gelijktijdige plaatsingen in één woning: precies één slaagt', async () => {
    const corporatie = actor('rivierland', 'Thuisbaas Wonen', 'consulent');
    const woning = await maakWoning(database.db, corporatie, {
      gemeenteId: regios.rivierland.organisaties['Centrumstad']!.id,
      adres: `Gelijktijdlaan 1 (${backend})`,
      wijk: `Gelijktijdwijk ${backend}`,
      complex: `Gelijktijdcomplex ${backend}`,
      type: 'zelfstandig',
      kamers: 2,
      huurCenten: 60000,
      beschikbaarPer: PEILDATUM,
    });
    const [a, b] = await vrijeKandidaten();
    const centrum = actor('rivierland', 'Centrumstad');
    const resultaten = await Promise.allSettled(
      [a!, b!].map((clientId) => maakPlaatsing(database.db, centrum, { woningId: woning.id, clientId, huurconstructie: 'direct', startdatum: '2026-12-01' }, PEILDATUM)),
    );
    expect(resultaten.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const geweigerd = resultaten.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(geweigerd.reason.message)).toMatch(/bezet|toegewezen/);
    const [{ n }] = (await database.db.select({ n: count() }).from(s.plaatsingen).where(eq(s.plaatsingen.woningId, woning.id))) as [{ n: number }];
    expect(n).toBe(1);
    const [na] = await database.db.select().from(s.woningen).where(eq(s.woningen.id, woning.id));
    expect(na!.status).toBe('toegewezen');
  });

  it('gelijktijdige plaatsingen in één complex blijven binnen de spreidingsafspraak', async () => {
    const corporatie = actor('rivierland', 'Woonstede Rivierland', 'consulent');
    const woningen: Awaited<ReturnType<typeof maakWoning>>[] = [];
    for (let i = 0; i < 4; i++) {
      woningen.push(
        await maakWoning(database.db, corporatie, {
          gemeenteId: regios.rivierland.organisaties['Centrumstad']!.id,
          adres: `Spreidlaan ${i} (${backend})`,
          wijk: `Spreidwijk ${backend}`,
          complex: `Spreidcomplex ${backend}`,
          type: 'zelfstandig',
          kamers: 1,
          huurCenten: 50000,
          beschikbaarPer: PEILDATUM,
        }),
      );
    }
    const kandidaten = (await vrijeKandidaten()).slice(0, 4);
    expect(kandidaten).toHaveLength(4);
    // pin the seeded agreement Centrumstad × Woonstede 2026 to 2 per complex
    await database.db
      .update(s.reserveringsafspraken)
      .set({ maxPerComplex: 2 })
      .where(and(eq(s.reserveringsafspraken.jaar, 2026), eq(s.reserveringsafspraken.gemeenteId, regios.rivierland.organisaties['Centrumstad']!.id), eq(s.reserveringsafspraken.corporatieId, corporatie.organisatieId)));
    const centrum = actor('rivierland', 'Centrumstad');
    const resultaten = await Promise.allSettled(
      kandidaten.map((clientId, i) => maakPlaatsing(database.db, centrum, { woningId: woningen[i]!.id, clientId, huurconstructie: 'direct', startdatum: '2026-12-01' }, PEILDATUM)),
    );
    expect(resultaten.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
  });
});
