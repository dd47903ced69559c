import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { eventsPerClient, haalClient, toestandVan, wachtlijst } from '../../src/db/repos/clienten.js';
import { grondslagVoorCorporatie, legGrondslagVast, lijstGrondslagen, trekGrondslagIn } from '../../src/db/repos/grondslagen.js';
import { kandidaten } from '../../src/db/repos/woningen.js';
import { bouwMatchContext } from '../../src/db/repos/matching.js';
import { corrigeerEvent } from '../../src/db/repos/correcties.js';
import { herberekenAlleIntervallen } from '../../src/db/repos/intervallen.js';
import { bezetting, stromen, terugkeer, wachttijden, woningenRealisatie } from '../../src/db/repos/monitor.js';
import { voerPlanUit, zetTermijn } from '../../src/db/repos/bewaartermijnen.js';
import { voerBewaartermijnenUit } from '../../src/jobs/bewaartermijnen.js';
import { voerBewaarRondeUit } from '../../src/jobs/planner.js';
import { GEANONIMISEERD } from '../../src/db/versleuteling.js';
import { heeftGeldigeGrondslag, type Grondslag } from '../../src/domain/grondslagen.js';
import { geldigeEvents, leidToestandAf, type TrajectEvent } from '../../src/domain/trajecten.js';
import { trajectIntervallen } from '../../src/domain/monitor.js';
import { DomeinFout } from '../../src/domain/fouten.js';
import { backends, PEILDATUM, seedTestRegios, testActor, testDatabase, testVersleuteling, verwachtDbFout, type TestRegios } from '../helpers.js';

type EventRij = typeof s.trajectEvents.$inferSelect;
const alsDomein = (e: EventRij): TrajectEvent => ({ soort: e.soort as TrajectEvent['soort'], datum: e.datum, niveau: e.niveau as TrajectEvent['niveau'], bestemming: e.bestemming as TrajectEvent['bestemming'], urgentie: e.urgentie });

async function weigering(p: Promise<unknown>, soort: DomeinFout['soort'], patroon: RegExp) {
  const fout = await p.then(() => null, (e: unknown) => e);
  expect(fout).toBeInstanceOf(DomeinFout);
  expect((fout as DomeinFout).soort).toBe(soort);
  expect((fout as DomeinFout).message).toMatch(patroon);
}

describe.each(backends)('grondslag, correctie en bewaartermijnen op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let regioId: string;
  const centrum = () => testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
  const corporatie = () => testActor(regios, 'rivierland', 'Woonstede Rivierland', 'consulent');

  /** Every monitor figure of the regio over the whole seeded history. */
  const monitor = async () => {
    const f = { regioId, van: '2022-01-01', tot: '2026-10-31' };
    return {
      stromen: await stromen(database.db, { ...f, periode: 'maand' }),
      bezetting: await bezetting(database.db, { ...f, periode: 'maand' }),
      wachttijden: await wachttijden(database.db, { ...f, periode: 'kwartaal' }),
      terugkeer: await terugkeer(database.db, { ...f, periode: 'kwartaal' }, PEILDATUM),
      woningen: await woningenRealisatie(database.db, { regioId, vanJaar: 2022, totJaar: 2026 }),
    };
  };
  const kandidaatPseudoniemen = async () => new Set((await kandidaten(database.db, corporatie(), PEILDATUM, { limiet: 100_000, offset: 0 })).kandidaten.map((k) => k.pseudoniem));
  const matchIds = async () => new Set((await bouwMatchContext(database.db, regioId, PEILDATUM)).invoer.kandidaten.map((k) => k.id));
  const eventsVan = async (clientId: string) => (await eventsPerClient(database.db, [clientId])).get(clientId) ?? [];

  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database);
    regioId = regios.rivierland.regioId;
  });
  afterAll(() => database.close());

  describe('grondslag voor corporaties', () => {
    it('de demo: de meeste cliënten een geldige grondslag, enkele verlopen of ingetrokken; SQL en domein zijn het eens', async () => {
      const clienten = await database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, regioId));
      const rijen = await database.db.select().from(s.grondslagen).where(eq(s.grondslagen.regioId, regioId));
      for (const dag of [PEILDATUM, '2026-10-25', '2024-06-01']) {
        const inSql = new Set((await database.db.select({ id: s.clienten.id }).from(s.clienten).where(and(eq(s.clienten.regioId, regioId), grondslagVoorCorporatie(dag)))).map((r) => r.id));
        for (const c of clienten) {
          const eigen = rijen.filter((g) => g.clientId === c.id) as unknown as Grondslag[];
          expect(inSql.has(c.id), `${c.id} op ${dag}`).toBe(heeftGeldigeGrondslag(eigen, 'corporatie_kandidaatprofiel', dag));
        }
        if (dag === PEILDATUM) {
          expect(inSql.size).toBeGreaterThan(clienten.length * 0.8);
          expect(inSql.size).toBeLessThan(clienten.length);
        }
      }
      expect(rijen.some((g) => g.ingetrokkenOp)).toBe(true);
      expect(rijen.some((g) => g.einddatum && g.einddatum < PEILDATUM)).toBe(true);
    });

    it('kandidaten en matching slaan wie geen geldige grondslag heeft over; de monitor verandert niet', async () => {
      const lijst = (await wachtlijst(database.db, centrum(), 'uitstroom', { limiet: 100_000, offset: 0 }, PEILDATUM)).regels;
      const metGrondslag = new Set((await database.db.select({ id: s.clienten.id }).from(s.clienten).where(grondslagVoorCorporatie(PEILDATUM))).map((r) => r.id));
      expect([...(await kandidaatPseudoniemen())].sort()).toEqual(lijst.filter((r) => metGrondslag.has(r.clientId)).map((r) => r.pseudoniem).sort());
      const doel = lijst.find((r) => metGrondslag.has(r.clientId))!;
      expect((await kandidaatPseudoniemen()).has(doel.pseudoniem)).toBe(true);
      expect((await matchIds()).has(doel.clientId)).toBe(true);

      const voor = await monitor();
      const alle = await database.db.select().from(s.grondslagen).where(and(eq(s.grondslagen.regioId, regioId), sql`${s.grondslagen.ingetrokkenOp} is null`));
      for (const g of alle) await trekGrondslagIn(database.db, centrum(), g.clientId, g.id, { reden: 'toestemming ingetrokken', datum: PEILDATUM }, PEILDATUM);
      expect(await kandidaatPseudoniemen()).toEqual(new Set());
      expect(await matchIds()).toEqual(new Set());
      expect(await monitor()).toEqual(voor);
      const overzicht = (await lijstGrondslagen(database.db, centrum(), doel.clientId, PEILDATUM))!;
      expect(overzicht.zichtbaarVoorCorporatie).toBe(false);
      expect(overzicht.grondslagen.every((g) => g.status === 'ingetrokken')).toBe(true);

      // a new consent from today on brings the client back, and only that client
      await legGrondslagVast(database.db, centrum(), doel.clientId, { reikwijdte: 'corporatie_kandidaatprofiel', soort: 'toestemming', ingangsdatum: PEILDATUM }, PEILDATUM);
      expect(await kandidaatPseudoniemen()).toEqual(new Set([doel.pseudoniem]));
      expect(await matchIds()).toEqual(new Set([doel.clientId]));
      expect((await lijstGrondslagen(database.db, centrum(), doel.clientId, PEILDATUM))!.zichtbaarVoorCorporatie).toBe(true);
      // an aanbieder's dossier basis does not count for a corporatie
      const ander = lijst.find((r) => r.clientId !== doel.clientId)!;
      await legGrondslagVast(database.db, centrum(), ander.clientId, { reikwijdte: 'aanbieder_dossier', soort: 'wettelijk', wettelijkeGrondslag: 'wmo_2_3_5', referentie: 'B-1', ingangsdatum: PEILDATUM }, PEILDATUM);
      expect(await kandidaatPseudoniemen()).toEqual(new Set([doel.pseudoniem]));
    });

    it('foute invoer wordt geweigerd; intrekken kan één keer; de database verwijdert of wijzigt geen grondslag', async () => {
      const [c] = await database.db.select().from(s.clienten).where(eq(s.clienten.regioId, regioId)).limit(1);
      const basis = { reikwijdte: 'corporatie_kandidaatprofiel' as const, soort: 'toestemming' as const, ingangsdatum: '2026-10-01' };
      await weigering(legGrondslagVast(database.db, centrum(), c!.id, { ...basis, einddatum: '2026-09-01' }, PEILDATUM), 'ongeldig', /Einddatum ligt vóór/);
      await weigering(legGrondslagVast(database.db, centrum(), c!.id, { ...basis, ingangsdatum: '2026-12-01' }, PEILDATUM), 'ongeldig', /toekomst/);
      await weigering(legGrondslagVast(database.db, centrum(), c!.id, { ...basis, soort: 'wettelijk' }, PEILDATUM), 'ongeldig', /Wettelijke grondslag ontbreekt/);
      expect(await legGrondslagVast(database.db, corporatie(), c!.id, basis, PEILDATUM)).toBeNull();
      const g = (await legGrondslagVast(database.db, centrum(), c!.id, basis, PEILDATUM))!;
      await trekGrondslagIn(database.db, centrum(), c!.id, g.id, { reden: 'ingetrokken' }, PEILDATUM);
      await weigering(trekGrondslagIn(database.db, centrum(), c!.id, g.id, { reden: 'nogmaals' }, PEILDATUM), 'conflict', /al ingetrokken/);
      await verwachtDbFout(database.db.delete(s.grondslagen).where(eq(s.grondslagen.id, g.id)), /nooit verwijderd/);
      await verwachtDbFout(database.db.update(s.grondslagen).set({ einddatum: '2027-01-01' }).where(eq(s.grondslagen.id, g.id)), /niet gewijzigd/);
      await verwachtDbFout(database.db.update(s.grondslagen).set({ ingetrokkenOp: '2026-10-20' }).where(eq(s.grondslagen.id, g.id)), /al ingetrokken/);
    });
  });

  describe('correctie-events (AVG art. 16)', () => {
    /** A client of the regio whose last event is an uitstroom: voiding it leaves a valid trajectory. */
    const clientMetUitstroom = async (overslaan = 0) => {
      const clienten = await database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, regioId)).orderBy(asc(s.clienten.pseudoniem));
      const per = await eventsPerClient(database.db, clienten.map((c) => c.id));
      return [...per].filter(([, lijst]) => lijst.at(-1)?.soort === 'uitstroom' && lijst.at(-2)?.soort === 'uitstroomklaar' && geldigeEvents(lijst).length === lijst.length)[overslaan]!;
    };

    it('ongedaan maken: toestand, intervallen en monitor volgen; gelijk aan een volledige herberekening', async () => {
      const [clientId, lijst] = await clientMetUitstroom();
      const uitstroom = lijst.at(-1)!;
      const maand = `${uitstroom.datum.slice(0, 7)}-01`;
      const voor = await monitor();
      const r = (await corrigeerEvent(database.db, centrum(), clientId, uitstroom.id, { reden: 'verkeerde cliënt geregistreerd' }, PEILDATUM))!;
      expect(r.correctie.vervaltEventId).toBe(uitstroom.id);
      const na = await eventsVan(clientId);
      expect(na).toHaveLength(lijst.length + 1);
      expect(toestandVan(na)).toEqual(leidToestandAf(lijst.slice(0, -1).map(alsDomein)));
      expect(toestandVan(na).fase).toBe('uitstroomklaar');
      const intervallen = await database.db.select().from(s.trajectIntervallen).where(eq(s.trajectIntervallen.clientId, clientId)).orderBy(asc(s.trajectIntervallen.volgnr));
      expect(intervallen.map((i) => [i.soort, i.fase, i.van, i.tot])).toEqual(trajectIntervallen(lijst.slice(0, -1).map(alsDomein)).map((i) => [i.soort, i.fase, i.van, i.tot]));
      const monitorNa = await monitor();
      const uitstroomIn = (m: typeof voor) => m.stromen.find((x) => x.start === maand)?.aantallen.uitstroom ?? 0;
      if (uitstroom.datum <= '2026-10-31') expect(uitstroomIn(monitorNa)).toBe(uitstroomIn(voor) - 1);
      // the incrementally kept monitor tables equal a rebuild from scratch
      await database.db.transaction((tx) => herberekenAlleIntervallen(tx));
      expect(await monitor()).toEqual(monitorNa);
      const dossier = (await haalClient(database.db, centrum(), clientId, testVersleuteling, PEILDATUM))!;
      expect(dossier.events.find((e) => e.id === uitstroom.id)!.geldig).toBe(false);
      expect(dossier.events.at(-1)!.soort).toBe('correctie');
      const [log] = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, clientId), sql`${s.auditLog.details}->>'vervalt' = ${String(uitstroom.id)}`));
      expect(log).toBeDefined();
    });

    it('corrigeren met vervanging; een ongeldig resultaat, een tweede keer of een correctie corrigeren wordt geweigerd', async () => {
      const [clientId, lijst] = await clientMetUitstroom(1);
      const uitstroom = lijst.at(-1)!;
      const bestemming = uitstroom.bestemming === 'andere_regio' ? 'onbekend' : 'andere_regio';
      const r = (await corrigeerEvent(database.db, centrum(), clientId, uitstroom.id, { reden: 'bestemming verkeerd', vervanging: { soort: 'uitstroom', datum: uitstroom.datum, bestemming } }, PEILDATUM))!;
      expect(r.vervanging!.vervangtEventId).toBe(uitstroom.id);
      expect(toestandVan(await eventsVan(clientId)).bestemming).toBe(bestemming);
      await weigering(corrigeerEvent(database.db, centrum(), clientId, uitstroom.id, { reden: 'nogmaals' }, PEILDATUM), 'conflict', /al gecorrigeerd/);
      await weigering(corrigeerEvent(database.db, centrum(), clientId, r.correctie.id, { reden: 'terug' }, PEILDATUM), 'ongeldig', /correctie kan zelf niet/);
      const aantal = (await eventsVan(clientId)).length;
      await weigering(corrigeerEvent(database.db, centrum(), clientId, lijst[0]!.id, { reden: 'aanmelding weg' }, PEILDATUM), 'ongeldig', /klopt het traject niet meer/);
      await weigering(
        corrigeerEvent(database.db, centrum(), clientId, r.vervanging!.id, { reden: 'datum', vervanging: { soort: 'uitstroom', datum: '2001-01-01', bestemming } }, PEILDATUM),
        'ongeldig',
        /klopt het traject niet meer/,
      );
      expect(await eventsVan(clientId)).toHaveLength(aantal);
      await weigering(corrigeerEvent(database.db, centrum(), clientId, 999_999_999, { reden: 'onbekend' }, PEILDATUM), 'niet_gevonden', /Gebeurtenis/);
      expect(await corrigeerEvent(database.db, corporatie(), clientId, uitstroom.id, { reden: 'corporatie' }, PEILDATUM)).toBeNull();
      // the log stays append-only, also for free text outside the retention job
      await verwachtDbFout(database.db.update(s.trajectEvents).set({ toelichting: null }).where(eq(s.trajectEvents.id, uitstroom.id)), /append-only/);
    });
  });

  describe('bewaartermijnen', () => {
    const later = new Date('2045-06-01T12:00:00Z');

    it('een regio stelt termijnen in, nooit korter dan het minimum', async () => {
      const beheer = testActor(regios, 'rivierland', 'Centrumstad', 'beheerder');
      await weigering(zetTermijn(database.db, beheer, 'audit_log', 24, 'korter'), 'ongeldig', /minimaal 60 maanden/);
      expect((await zetTermijn(database.db, beheer, 'signalen', 36, 'besluit college 2026')).maanden).toBe(36);
    });

    it('met de klok vooruit: dossiers geanonimiseerd, monitor gelijk, auditregels per vernietiging; herstartveilig', async () => {
      const oud = await database.db.insert(s.auditLog).values({ tijdstip: new Date('2015-01-05T10:00:00Z'), gebruikerId: regios.rivierland.organisaties['Centrumstad']!.id, organisatieId: regios.rivierland.organisaties['Centrumstad']!.id, regioId, actie: 'lezen', entiteit: 'client', entiteitId: null, doel: 'toegang_beoordeling' }).returning();
      const voor = await monitor();
      const proef = await voerBewaartermijnenUit(database.db, later, { dryRun: true, regioId });
      const plan = proef.plannen[0]!;
      expect(plan.dossiers.length).toBeGreaterThan(0);
      expect(plan.auditRegels.aantal).toBe(1);
      expect((await database.db.select().from(s.clienten).where(sql`${s.clienten.geanonimiseerdOp} is not null`)).length).toBe(0);

      // a run that crashed after the first dossiers (each is its own transaction): they stay done
      const half = Math.ceil(plan.dossiers.length / 2);
      const geen = { aantal: 0, voor: plan.vandaag };
      await voerPlanUit(database.db, { ...plan, dossiers: plan.dossiers.slice(0, half), schulden: [], signalen: [], auditRegels: geen, sessies: geen, meldingen: geen });
      // the daily planner run does the rest (and only once per day)
      const ronde = (await voerBewaarRondeUit(database.db, later))!;
      expect(ronde).not.toBeNull();
      expect(await voerBewaarRondeUit(database.db, new Date(later.getTime() + 3600_000))).toBeNull();
      const gedaan = ronde.uitgevoerd.find((u) => u.regioId === regioId)!;
      expect(gedaan.dossiers).toBe(plan.dossiers.length - half);
      expect(gedaan.auditRegels).toBe(1);
      expect(await database.db.select().from(s.auditLog).where(eq(s.auditLog.id, oud[0]!.id))).toHaveLength(0);

      expect(await monitor()).toEqual(voor);
      await database.db.transaction((tx) => herberekenAlleIntervallen(tx));
      expect(await monitor()).toEqual(voor);

      for (const d of plan.dossiers) {
        const [c] = await database.db.select().from(s.clienten).where(eq(s.clienten.id, d.clientId));
        expect(c!.naamVersleuteld).toBe(GEANONIMISEERD);
        expect([c!.bsnVersleuteld, c!.bsnHash, c!.risicoNotitiesVersleuteld, c!.externId, c!.woonwensen]).toEqual([null, null, null, null, null]);
        expect(toestandVan(await eventsVan(d.clientId)).fase).toMatch(/uitgestroomd|uitgevallen/);
        expect((await eventsVan(d.clientId)).every((e) => e.toelichting === null && e.reden === null)).toBe(true);
        expect(await database.db.select().from(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, d.clientId))).toHaveLength(0);
        const log = await database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entiteitId, d.clientId), eq(s.auditLog.actie, 'vernietigen')));
        expect(log).toHaveLength(1);
        expect((await haalClient(database.db, centrum(), d.clientId, testVersleuteling, PEILDATUM))!.naam).toBe('Geanonimiseerd');
      }
      // a client still in care keeps everything
      const inZorg = (await wachtlijst(database.db, centrum(), 'uitstroom', { limiet: 1, offset: 0 }, PEILDATUM)).regels[0]!;
      const [blijft] = await database.db.select().from(s.clienten).where(eq(s.clienten.id, inZorg.clientId));
      expect(blijft!.geanonimiseerdOp).toBeNull();
      expect(testVersleuteling.ontsleutel(blijft!.naamVersleuteld)).not.toBe('Geanonimiseerd');

      // a second run (after a crash, or the next day) finds nothing left
      const opnieuw = await voerBewaartermijnenUit(database.db, later, { regioId });
      expect(opnieuw.uitgevoerd[0]).toMatchObject({ dossiers: 0, schulden: 0, auditRegels: 0 });
    });

    it('het auditlog: jonge regels blijven, ook als de vernietiging aan staat', async () => {
      const [jong] = await database.db.select({ id: s.auditLog.id, regioId: s.auditLog.regioId }).from(s.auditLog).orderBy(asc(s.auditLog.id)).limit(1);
      // the app role cannot delete audit rows at all, flag or no flag
      await verwachtDbFout(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('doorstroom.vernietigen', 'aan', true)`);
          await tx.delete(s.auditLog).where(eq(s.auditLog.id, jong!.id));
        }),
        /permission denied/,
      );
      // the owner's function removes only rows past five years, whatever date it is given
      await database.db.execute(sql`select vernietig_oude_auditregels(${jong!.regioId}::uuid, '2100-01-01'::date)`);
      expect(await database.db.select({ id: s.auditLog.id }).from(s.auditLog).where(eq(s.auditLog.id, jong!.id))).toHaveLength(1);
    });
  });
});
