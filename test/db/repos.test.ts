import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { haalClient, lijstClienten, voegEventToe, wachtlijst } from '../../src/db/repos/clienten.js';
import { schrijfAudit } from '../../src/db/repos/audit.js';
import type { Actor } from '../../src/domain/auth.js';
import { backends, PEILDATUM, seedTestRegios, testDatabase, testVersleuteling, verwachtDbFout, type TestRegios, testActor } from '../helpers.js';

describe.each(backends)('repositories op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
  });
  afterAll(() => database.close());

  const actor = (regio: keyof TestRegios, org: string, rol: Actor['rol'] = 'medewerker_toegang') => testActor(regios, regio, org, rol);

  it('de seed is deterministisch: zelfde aantallen en zelfde verdeling per run', async () => {
    expect(regios.rivierland.aantallen.clienten).toBe(120);
    const tweede = await testDatabase(backend);
    try {
      const opnieuw = await seedTestRegios(tweede, 120);
      expect(opnieuw.rivierland.aantallen).toEqual(regios.rivierland.aantallen);
      const fasen = async (db: Database, r: TestRegios) =>
        (await lijstClienten(db.db, { ...actor('rivierland', 'Centrumstad'), organisatieId: r.rivierland.organisaties['Centrumstad']!.id, regioId: r.rivierland.regioId }, { limiet: 1000, offset: 0 }, testVersleuteling, PEILDATUM)).clienten
          .map((c) => `${c.pseudoniem}:${c.toestand.fase}:${c.naam}`)
          .sort();
      expect(await fasen(tweede, opnieuw)).toEqual(await fasen(database, regios));
    } finally {
      await tweede.close();
    }
  });

  it('het auditlog en de gebeurtenissen zijn append-only in de database zelf', async () => {
    await schrijfAudit(database.db, actor('rivierland', 'Centrumstad'), { actie: 'lezen', entiteit: 'client', entiteitId: 'x', doel: 'toegang_beoordeling' });
    // the app role has no UPDATE/DELETE on these tables; the triggers behind it are tested as owner in app-rol.test.ts
    await verwachtDbFout(database.db.execute(sql`update audit_log set actie = 'weg'`), /permission denied/);
    await verwachtDbFout(database.db.execute(sql`delete from audit_log`), /permission denied/);
    await verwachtDbFout(database.db.execute(sql`delete from traject_events`), /permission denied/);
  });

  it('het zicht van een organisatie wordt in SQL afgedwongen', async () => {
    const kust = actor('kustland', 'Havenstad');
    const centrum = actor('rivierland', 'Centrumstad');
    const kustLijst = await lijstClienten(database.db, kust, { limiet: 1000, offset: 0 }, testVersleuteling, PEILDATUM);
    expect(kustLijst.totaal).toBe(40);
    const [rivierClient] = await database.db.select().from(s.clienten).where(eq(s.clienten.regioId, regios.rivierland.regioId)).limit(1);
    expect(await haalClient(database.db, kust, rivierClient!.id, testVersleuteling, PEILDATUM)).toBeNull();
    expect(await haalClient(database.db, centrum, rivierClient!.id, testVersleuteling, PEILDATUM)).not.toBeNull();
    const corporatie = actor('rivierland', 'Woonstede Rivierland', 'consulent');
    expect((await lijstClienten(database.db, corporatie, { limiet: 10, offset: 0 }, testVersleuteling, PEILDATUM)).totaal).toBe(0);
  });

  it('twee gelijktijdige gebeurtenissen op één cliënt: precies één slaagt', async () => {
    const centrum = actor('rivierland', 'Centrumstad');
    const [c] = await database.db
      .insert(s.clienten)
      .values({ regioId: centrum.regioId, pseudoniem: `C-GELIJK${backend}`, naamVersleuteld: testVersleuteling.versleutel('A B'), geboortedatum: '1990-01-01', herkomstgemeenteId: centrum.organisatieId, huidigeGemeenteId: centrum.organisatieId, doelgroep: 'ggz' })
      .returning();
    const resultaten = await Promise.allSettled([
      voegEventToe(database.db, centrum, c!.id, { soort: 'aanmelding', datum: '2026-10-01' }),
      voegEventToe(database.db, centrum, c!.id, { soort: 'aanmelding', datum: '2026-10-01' }),
    ]);
    expect(resultaten.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [{ n }] = (await database.db.select({ n: count() }).from(s.trajectEvents).where(eq(s.trajectEvents.clientId, c!.id))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('de uitstroomwachtlijst is geordend op urgentie en dan wachttijd', async () => {
    const { regels } = await wachtlijst(database.db, actor('rivierland', 'Centrumstad'), 'uitstroom', { limiet: 500, offset: 0 }, PEILDATUM);
    expect(regels.length).toBeGreaterThan(0);
    for (let i = 1; i < regels.length; i++) {
      const [a, b] = [regels[i - 1]!, regels[i]!];
      expect(a.urgentie > b.urgentie || (a.urgentie === b.urgentie && a.wachtdagen >= b.wachtdagen)).toBe(true);
    }
  });
});
