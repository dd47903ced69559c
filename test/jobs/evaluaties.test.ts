import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, like } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { zetBegeleiding } from '../../src/db/repos/begeleidingen.js';
import { EVALUATIE_VOORAF_DAGEN, herinneringVoor } from '../../src/domain/begeleiding.js';
import { plusDagen } from '../../src/domain/trajecten.js';
import { claimTaak } from '../../src/jobs/planner.js';
import { stuurEvaluatieHerinneringen, TAAK_EVALUATIES, voerEvaluatieRondeUit } from '../../src/jobs/evaluaties.js';
import { backends, PEILDATUM, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';

describe('herinneringVoor', () => {
  it('vooraf in de vijf dagen ervoor, vandaag op de dag en een week daarna, anders niets', () => {
    expect(herinneringVoor('2027-01-10', '2027-01-04')).toBeNull();
    expect(herinneringVoor('2027-01-10', '2027-01-05')).toBe('vooraf');
    expect(herinneringVoor('2027-01-10', '2027-01-09')).toBe('vooraf');
    expect(herinneringVoor('2027-01-10', '2027-01-10')).toBe('vandaag');
    expect(herinneringVoor('2027-01-10', '2027-01-17')).toBe('vandaag');
    expect(herinneringVoor('2027-01-10', '2027-01-18')).toBeNull();
  });
});

describe.each(backends)('evaluatieherinneringen op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  // far after the seed's evaluations: only what these tests plan is due then
  const datum = '2031-03-10';
  const N = 5;
  const begeleidingIds: string[] = [];
  let centrumId = '';

  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 80);
    centrumId = regios.rivierland.organisaties['Centrumstad']!.id;
    const toegang = testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
    const plaatsingen = await database.db
      .select({ id: s.plaatsingen.id, aanbiederId: s.plaatsingen.aanbiederId, startdatum: s.plaatsingen.startdatum, versie: s.begeleidingen.versie })
      .from(s.plaatsingen)
      .leftJoin(s.begeleidingen, eq(s.begeleidingen.plaatsingId, s.plaatsingen.id))
      .where(and(eq(s.plaatsingen.regioId, regios.rivierland.regioId), isNull(s.plaatsingen.einddatum)))
      .orderBy(s.plaatsingen.startdatum, s.plaatsingen.id)
      .limit(N);
    for (const p of plaatsingen) {
      const b = await database.db.transaction((tx) =>
        zetBegeleiding(
          tx,
          toegang,
          p.id,
          { aanbiederId: p.aanbiederId, urenPerWeek: 3, van: p.startdatum, tot: '2031-12-31', contactpersoon: 'Ilse Bakker', contactTelefoon: null, evaluaties: [datum], plan: [{ domein: 'wonen', doelen: [{ omschrijving: 'Zelfstandig wonen', status: 'bezig' }] }] },
          p.versie ?? null,
          testVersleuteling,
          PEILDATUM,
        ),
      );
      begeleidingIds.push(b!.begeleiding!.id);
    }
    expect(begeleidingIds).toHaveLength(N);
  });
  afterAll(() => database.close());

  const onze = () => database.db.select().from(s.meldingen).where(like(s.meldingen.sleutel, `evaluatie:%:${datum}:%`));
  const nu = (dag: string) => new Date(`${dag}T07:00:00Z`);

  it('een crash na de eerste partij: opnieuw draaien geeft elke herinnering precies één keer, aan aanbieder en toegang', async () => {
    const dag = plusDagen(datum, -EVALUATIE_VOORAF_DAGEN);
    await expect(
      stuurEvaluatieHerinneringen(database.db, nu(dag), {
        partij: 2,
        storing: (punt, i) => {
          if (punt === 'na_commit' && i === 0) throw new Error('proces gecrasht');
        },
      }),
    ).rejects.toThrow('proces gecrasht');
    // the first batch (2 evaluations × aanbieder and centrumgemeente) was committed before the crash
    expect((await onze()).length).toBe(4);
    const herstart = await stuurEvaluatieHerinneringen(database.db, nu(dag), { partij: 2 });
    expect(herstart).toBe(2 * N - 4);
    const na = await onze();
    expect(na.length).toBe(2 * N);
    expect(new Set(na.map((m) => m.sleutel)).size).toBe(2 * N);
    expect(na.filter((m) => m.organisatieId === centrumId).length).toBe(N);
    expect(na.every((m) => m.titel.startsWith('Evaluatie begeleiding op 10 maart 2031'))).toBe(true);
    // a later day in the same window sends nothing new; the day itself sends the second reminder, once
    expect(await stuurEvaluatieHerinneringen(database.db, nu(plusDagen(datum, -1)))).toBe(0);
    expect(await stuurEvaluatieHerinneringen(database.db, nu(datum))).toBe(2 * N);
    expect(await stuurEvaluatieHerinneringen(database.db, nu(plusDagen(datum, 2)))).toBe(0);
    expect((await onze()).length).toBe(4 * N);
  });

  it('twee planners tegelijk: het slot in taken laat er één draaien, en samen sturen ze niets dubbel', async () => {
    const dag = plusDagen(datum, 3);
    const [a, b] = await Promise.all([voerEvaluatieRondeUit(database.db, nu(dag)), voerEvaluatieRondeUit(database.db, nu(dag))]);
    expect([a.uitgevoerd, b.uitgevoerd].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(a.herinneringen + b.herinneringen).toBe(0);
    expect(await claimTaak(database.db, TAAK_EVALUATIES, nu(dag), 60_000)).toBe(true);
    expect((await voerEvaluatieRondeUit(database.db, new Date(nu(dag).getTime() + 1000))).uitgevoerd).toBe(false);
    const [taak] = await database.db.select().from(s.taken).where(eq(s.taken.naam, TAAK_EVALUATIES));
    expect(taak!.vergrendeldTot).not.toBeNull();
  });

  it('een gehouden evaluatie of een beëindigde plaatsing krijgt geen herinnering', async () => {
    const later = '2031-06-01';
    const [e] = await database.db.select().from(s.begeleidingEvaluaties).where(and(eq(s.begeleidingEvaluaties.begeleidingId, begeleidingIds[0]!), eq(s.begeleidingEvaluaties.datum, datum)));
    await database.db.insert(s.begeleidingEvaluaties).values([
      { begeleidingId: begeleidingIds[0]!, datum: later, gehoudenOp: '2031-05-30' },
      { begeleidingId: begeleidingIds[1]!, datum: later },
    ]);
    expect(e).toBeDefined();
    const [b] = await database.db.select({ plaatsingId: s.begeleidingen.plaatsingId }).from(s.begeleidingen).where(eq(s.begeleidingen.id, begeleidingIds[1]!));
    await database.db.update(s.plaatsingen).set({ einddatum: '2031-04-01' }).where(eq(s.plaatsingen.id, b!.plaatsingId));
    expect(await stuurEvaluatieHerinneringen(database.db, nu(later))).toBe(0);
  });
});
