import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/auth.js';
import { begeleidingenVanClient, begeleidingRegelsVoorCorporatie, begeleidingVanPlaatsing, evaluatieGehouden, zetBegeleiding } from '../../src/db/repos/begeleidingen.js';
import { vereistBegeleiding } from '../../src/domain/begeleiding.js';
import { HUURCONSTRUCTIE_SOORTEN, type HuurconstructieSoort } from '../../src/domain/woningen.js';
import { DomeinFout } from '../../src/domain/fouten.js';
import { backends, PEILDATUM, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';

describe.each(backends)('begeleiding per plaatsing op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
  });
  afterAll(() => database.close());

  const actor = (org: string, rol: Actor['rol'] = 'consulent', regio: keyof TestRegios = 'rivierland') => testActor(regios, regio, org, rol);
  const naamVan = (id: string) => Object.entries(regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];

  /** Running placements in Rivierland, with or without a begeleiding. */
  async function lopende(metBegeleiding: boolean) {
    const rijen = await database.db
      .select({ id: s.plaatsingen.id, clientId: s.plaatsingen.clientId, aanbiederId: s.plaatsingen.aanbiederId, corporatieId: s.woningen.corporatieId, huurconstructie: s.plaatsingen.huurconstructie, startdatum: s.plaatsingen.startdatum })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .where(
        and(
          eq(s.plaatsingen.regioId, regios.rivierland.regioId),
          isNull(s.plaatsingen.einddatum),
          sql`${metBegeleiding ? sql`` : sql`not`} exists (select 1 from begeleidingen b where b.plaatsing_id = ${s.plaatsingen.id})`,
        ),
      )
      .orderBy(s.plaatsingen.startdatum, s.plaatsingen.id);
    return rijen;
  }

  const geldig = (aanbiederId: string, startdatum: string) => ({
    aanbiederId,
    urenPerWeek: 4.5,
    van: startdatum,
    tot: '2027-12-31',
    contactpersoon: 'Sanne de Vries',
    contactTelefoon: '06-12345678',
    evaluaties: ['2027-06-01', '2026-12-01'],
    plan: [
      { domein: 'financien', doelen: [{ omschrijving: 'Budgetbeheer afbouwen', status: 'bezig' }] },
      { domein: 'wonen', doelen: [{ omschrijving: 'Huur op tijd betalen', status: 'open' }] },
    ],
  });

  it('de seed geeft plaatsingen met een verplichte begeleidingsafspraak bijna altijd een begeleiding, met plan en evaluaties', async () => {
    const alle = await database.db.select({ id: s.plaatsingen.id, huurconstructie: s.plaatsingen.huurconstructie, einddatum: s.plaatsingen.einddatum }).from(s.plaatsingen).where(eq(s.plaatsingen.regioId, regios.rivierland.regioId));
    const met = new Set((await database.db.select({ p: s.begeleidingen.plaatsingId }).from(s.begeleidingen).where(eq(s.begeleidingen.regioId, regios.rivierland.regioId))).map((r) => r.p));
    const vereist = alle.filter((p) => vereistBegeleiding(p.huurconstructie as HuurconstructieSoort));
    expect(vereist.length).toBeGreaterThan(5);
    expect(vereist.filter((p) => met.has(p.id)).length / vereist.length).toBeGreaterThan(0.8);
    const evaluaties = await database.db.select().from(s.begeleidingEvaluaties).innerJoin(s.begeleidingen, eq(s.begeleidingen.id, s.begeleidingEvaluaties.begeleidingId)).where(eq(s.begeleidingen.regioId, regios.rivierland.regioId));
    expect(evaluaties.length).toBeGreaterThan(met.size);
    for (const e of evaluaties) {
      expect(e.begeleiding_evaluaties.datum >= e.begeleidingen.van && e.begeleiding_evaluaties.datum <= e.begeleidingen.tot).toBe(true);
      if (e.begeleiding_evaluaties.gehoudenOp) expect(e.begeleiding_evaluaties.gehoudenOp < PEILDATUM).toBe(true);
    }
    // the plan is stored encrypted, never as readable text
    const [ruw] = await database.db.select({ plan: s.begeleidingen.planVersleuteld }).from(s.begeleidingen).limit(1);
    expect(ruw!.plan).toMatch(/^v1\./);
    expect(ruw!.plan).not.toMatch(/domein|doelen/);
  });

  it('vastleggen, lezen en wijzigen met versie; de zorgkant ziet alles, met wat er ontbreekt', async () => {
    const p = (await lopende(false)).find((x) => x.aanbiederId)!;
    const toegang = actor('Centrumstad', 'medewerker_toegang');
    const voor = await begeleidingVanPlaatsing(database.db, toegang, p.id, testVersleuteling, PEILDATUM);
    expect(voor!.soort).toBe('volledig');
    if (voor!.soort !== 'volledig') return;
    expect(voor!.plaatsing.begeleiding).toBeNull();
    if (vereistBegeleiding(p.huurconstructie as HuurconstructieSoort)) expect(voor!.plaatsing.ontbreekt[0]).toMatch(/vereist een begeleidingsafspraak/);

    const gezet = await database.db.transaction((tx) => zetBegeleiding(tx, toegang, p.id, geldig(p.aanbiederId!, p.startdatum), null, testVersleuteling, PEILDATUM));
    expect(gezet!.ontbreekt).toEqual([]);
    expect(gezet!.begeleiding).toMatchObject({ urenPerWeek: 4.5, tot: '2027-12-31', versie: 1, aanbieder: naamVan(p.aanbiederId!) });
    // plan in the order of the domain list, evaluations sorted
    expect(gezet!.begeleiding!.plan.map((d) => d.domein)).toEqual(['wonen', 'financien']);
    expect(gezet!.begeleiding!.evaluaties.map((e) => e.datum)).toEqual(['2026-12-01', '2027-06-01']);

    // a second write without the version it read is a lost update: refused, nothing changes
    await expect(database.db.transaction((tx) => zetBegeleiding(tx, toegang, p.id, { ...geldig(p.aanbiederId!, p.startdatum), urenPerWeek: 8 }, null, testVersleuteling, PEILDATUM))).rejects.toMatchObject({ soort: 'conflict' });
    const gewijzigd = await database.db.transaction((tx) => zetBegeleiding(tx, toegang, p.id, { ...geldig(p.aanbiederId!, p.startdatum), urenPerWeek: 8, evaluaties: ['2027-03-01'] }, 1, testVersleuteling, PEILDATUM));
    expect(gewijzigd!.begeleiding).toMatchObject({ urenPerWeek: 8, versie: 2 });
    expect(gewijzigd!.begeleiding!.evaluaties.map((e) => e.datum)).toEqual(['2027-03-01']);

    const audit = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, p.clientId), sql`${s.auditLog.details}->>'onderdeel' = 'begeleiding'`));
    expect(audit.map((a) => a.actie).sort()).toEqual(['aanmaken', 'wijzigen']);
    // the audit row never holds the goals
    expect(JSON.stringify(audit)).not.toMatch(/Budgetbeheer|Huur op tijd/);
  });

  it('ongeldige invoer: elke fout bij haar veld, en er verandert niets', async () => {
    const p = (await lopende(false)).find((x) => x.aanbiederId)!;
    const toegang = actor('Centrumstad', 'medewerker_toegang');
    const fout = await database.db
      .transaction((tx) =>
        zetBegeleiding(tx, toegang, p.id, { ...geldig(p.aanbiederId!, p.startdatum), urenPerWeek: 0, tot: '2020-01-01', evaluaties: [], plan: [{ domein: 'astrologie', doelen: [] }] }, null, testVersleuteling, PEILDATUM),
      )
      .catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(DomeinFout);
    const paden = ((fout as DomeinFout).details as { pad: string }[]).map((d) => d.pad);
    expect(paden).toEqual(expect.arrayContaining(['urenPerWeek', 'tot', 'evaluaties', 'plan.0.domein']));
    expect(await database.db.select().from(s.begeleidingen).where(eq(s.begeleidingen.plaatsingId, p.id))).toEqual([]);
  });

  it('een woningcorporatie leest alleen "geregeld tot" en de contactpersoon, nooit aanbieder, uren of plan', async () => {
    const p = (await lopende(true))[0]!;
    const corporatie = actor(naamVan(p.corporatieId));
    const uit = await begeleidingVanPlaatsing(database.db, corporatie, p.id, testVersleuteling, PEILDATUM);
    expect(uit!.soort).toBe('corporatie');
    if (uit!.soort !== 'corporatie') return;
    expect(Object.keys(uit!.begeleiding!).sort()).toEqual(['contactTelefoon', 'contactpersoon', 'geregeldTot', 'plaatsingId', 'tekst']);
    expect(uit!.begeleiding!.tekst).toMatch(/^Begeleiding geregeld tot \d{1,2} \w+ \d{4}, contact /);
    expect(JSON.stringify(uit)).not.toContain(naamVan(p.aanbiederId!));
    // another corporatie: the placement does not exist for it
    const andere = Object.entries(regios.rivierland.organisaties).find(([, o]) => o.soort === 'woningcorporatie' && o.id !== p.corporatieId)![0];
    expect(await begeleidingVanPlaatsing(database.db, actor(andere), p.id, testVersleuteling, PEILDATUM)).toBeNull();
    expect((await begeleidingRegelsVoorCorporatie(database.db, actor(andere), [p.id])).length).toBe(0);
    expect((await begeleidingRegelsVoorCorporatie(database.db, corporatie, [p.id])).length).toBe(1);
    // and it cannot record one
    await expect(zetBegeleiding(database.db, corporatie, p.id, geldig(p.aanbiederId!, p.startdatum), null, testVersleuteling, PEILDATUM)).rejects.toMatchObject({ soort: 'geweigerd' });
    expect(await begeleidingenVanClient(database.db, corporatie, p.clientId, testVersleuteling, PEILDATUM)).toBeNull();
  });

  it('een aanbieder ziet en wijzigt alleen de eigen plaatsingen; een andere regio ziet niets', async () => {
    const p = (await lopende(true)).find((x) => x.aanbiederId)!;
    const eigen = actor(naamVan(p.aanbiederId!));
    expect((await begeleidingenVanClient(database.db, eigen, p.clientId, testVersleuteling, PEILDATUM))!.plaatsingen.length).toBeGreaterThan(0);
    const andereNaam = Object.entries(regios.rivierland.organisaties).find(([, o]) => o.soort === 'aanbieder' && o.id !== p.aanbiederId)![0];
    const andere = actor(andereNaam);
    const [clientAanbieder] = await database.db.select({ a: s.clienten.aanbiederId }).from(s.clienten).where(eq(s.clienten.id, p.clientId));
    if (clientAanbieder!.a !== andere.organisatieId) {
      expect(await begeleidingVanPlaatsing(database.db, andere, p.id, testVersleuteling, PEILDATUM)).toBeNull();
      expect(await zetBegeleiding(database.db, andere, p.id, geldig(andere.organisatieId, p.startdatum), null, testVersleuteling, PEILDATUM)).toBeNull();
    }
    // an aanbieder records only its own begeleiding
    await expect(zetBegeleiding(database.db, eigen, p.id, geldig(andere.organisatieId, p.startdatum), 1, testVersleuteling, PEILDATUM)).rejects.toMatchObject({ soort: 'ongeldig' });
    const kust = testActor(regios, 'kustland', 'Havenstad', 'medewerker_toegang');
    expect(await begeleidingVanPlaatsing(database.db, kust, p.id, testVersleuteling, PEILDATUM)).toBeNull();
    expect(await begeleidingenVanClient(database.db, kust, p.clientId, testVersleuteling, PEILDATUM)).toBeNull();
  });

  it('een evaluatie als gehouden vastleggen: één keer, niet in de toekomst', async () => {
    const p = (await lopende(true)).find((x) => x.aanbiederId)!;
    const toegang = actor('Centrumstad', 'medewerker_toegang');
    const voor = await begeleidingVanPlaatsing(database.db, toegang, p.id, testVersleuteling, PEILDATUM);
    if (voor!.soort !== 'volledig') throw new Error('verwacht volledig');
    const open = voor!.plaatsing.begeleiding!.evaluaties.find((e) => !e.gehoudenOp);
    if (!open) return;
    await expect(evaluatieGehouden(database.db, toegang, open.id, '2030-01-01', testVersleuteling, PEILDATUM)).rejects.toMatchObject({ soort: 'ongeldig' });
    const na = await evaluatieGehouden(database.db, toegang, open.id, PEILDATUM, testVersleuteling, PEILDATUM);
    expect(na!.begeleiding!.evaluaties.find((e) => e.id === open.id)!.gehoudenOp).toBe(PEILDATUM);
    await expect(evaluatieGehouden(database.db, toegang, open.id, PEILDATUM, testVersleuteling, PEILDATUM)).rejects.toMatchObject({ soort: 'conflict' });
    expect(await evaluatieGehouden(database.db, toegang, '00000000-0000-4000-8000-000000000099', PEILDATUM, testVersleuteling, PEILDATUM)).toBeNull();
  });

  it('elke huurconstructie met een verplichte begeleidingsafspraak meldt wat ontbreekt zonder begeleiding', async () => {
    const metVoorwaarde = HUURCONSTRUCTIE_SOORTEN.filter(vereistBegeleiding);
    expect(metVoorwaarde.sort()).toEqual(['driepartijen', 'hoofdhuur_onderhuur', 'housing_first', 'omklap']);
    const zonder = (await lopende(false)).filter((x) => vereistBegeleiding(x.huurconstructie as HuurconstructieSoort));
    const toegang = actor('Centrumstad', 'medewerker_toegang');
    for (const p of zonder.slice(0, 3)) {
      const uit = await begeleidingVanPlaatsing(database.db, toegang, p.id, testVersleuteling, PEILDATUM);
      if (uit!.soort !== 'volledig') throw new Error('verwacht volledig');
      expect(uit!.plaatsing.vereist).toBe(true);
      expect(uit!.plaatsing.ontbreekt.join(' ')).toMatch(/vereist een begeleidingsafspraak: leg de begeleiding vast/);
    }
  });

  it('een dossier dat wordt geanonimiseerd neemt de begeleiding mee (het plan is gezondheidsinformatie)', async () => {
    const { anonimiseerDossier } = await import('../../src/db/repos/bewaartermijnen.js');
    const [b] = await database.db.select({ clientId: s.begeleidingen.clientId, id: s.begeleidingen.id }).from(s.begeleidingen).where(eq(s.begeleidingen.regioId, regios.kustland.regioId)).limit(1);
    const beheer = testActor(regios, 'kustland', 'Havenstad', 'beheerder');
    expect(await anonimiseerDossier(database.db, beheer, { clientId: b!.clientId, einde: '2010-01-01' }, 24)).toBe(true);
    expect(await database.db.select().from(s.begeleidingen).where(eq(s.begeleidingen.clientId, b!.clientId))).toEqual([]);
    expect(await database.db.select().from(s.begeleidingEvaluaties).where(eq(s.begeleidingEvaluaties.begeleidingId, b!.id))).toEqual([]);
  });

});
