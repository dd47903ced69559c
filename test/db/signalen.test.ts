import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/auth.js';
import { waarschuwing, type HuurconstructieSoort } from '../../src/domain/woningen.js';
import { isTeLaat, lokaleDatum, magSignaalZien, OPEN_STATUSSEN, plusUren, SIGNAAL_STATUSSEN, type SignaalStatus } from '../../src/domain/signalen.js';
import { stuurOmklapWaarschuwingen } from '../../src/db/repos/meldingen.js';
import { maakSchuld, schuldenVan, schuldGeregeld, wijzigSchuld } from '../../src/db/repos/schulden.js';
import { escaleerTeLaat, lijstSignalen, maakSignaal, meldbarePlaatsingen, SIGNAAL_SORTERINGEN, type SignaalFilters, type SignaalSortering, VersieConflict, voerActieUit } from '../../src/db/repos/signalen.js';
import { claimTaak, startPlanner, TAAK_SIGNALEN, voerSignaalRondeUit } from '../../src/jobs/planner.js';
import { backends, seedTestRegios, testDatabase, type TestRegios, testActor } from '../helpers.js';

describe.each(backends)('signalen op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
  });
  afterAll(() => database.close());

  const actor = (regio: keyof TestRegios, org: string, rol: Actor['rol'] = 'consulent') => testActor(regios, regio, org, rol);

  /** A running placement in Rivierland, with the actors that play a part in it. */
  async function plaatsing(n = 0) {
    const rijen = await database.db
      .select({ id: s.plaatsingen.id, aanbiederId: s.plaatsingen.aanbiederId, corporatieId: s.woningen.corporatieId, clientId: s.plaatsingen.clientId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
      .where(and(eq(s.plaatsingen.regioId, regios.rivierland.regioId), isNull(s.plaatsingen.einddatum)))
      .orderBy(s.clienten.pseudoniem);
    const p = rijen[n % rijen.length]!;
    const naamVan = (id: string) => Object.entries(regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];
    return { ...p, corporatie: actor('rivierland', naamVan(p.corporatieId)), aanbieder: actor('rivierland', naamVan(p.aanbiederId!)) };
  }

  it('de seed legt procesafspraken en ~30 signalen in alle statussen aan, met een sluitende historie', async () => {
    const afspraken = await database.db.select().from(s.procesafspraken).where(eq(s.procesafspraken.regioId, regios.rivierland.regioId));
    expect(afspraken.map((a) => a.signaalSoort).sort()).toEqual(['huurachterstand', 'overig', 'overlast', 'zorgmijding']);
    const signalen = await database.db.select().from(s.signalen).where(eq(s.signalen.regioId, regios.rivierland.regioId));
    expect(signalen.length).toBe(30);
    expect(new Set(signalen.map((x) => x.status))).toEqual(new Set(['gemeld', 'opgepakt', 'in_behandeling', 'opgelost', 'geescaleerd']));
    const stappen = await database.db.select().from(s.signaalStappen).where(inArray(s.signaalStappen.signaalId, signalen.map((x) => x.id)));
    for (const sig of signalen) {
      const eigen = stappen.filter((st) => st.signaalId === sig.id).sort((a, b) => a.tijdstip.getTime() - b.tijdstip.getTime());
      expect(eigen.length).toBe(sig.versie);
      expect(eigen[0]!.status).toBe('gemeld');
      expect(eigen.at(-1)!.status).toBe(sig.status);
      expect(eigen.at(-1)!.tijdstip.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-01T00:00:00+01:00'));
    }
  });

  it('twee gelijktijdige stappen op één signaal: precies één wint, de ander krijgt een versieconflict', async () => {
    const p = await plaatsing(1);
    const nu = new Date('2026-11-01T10:00:00Z');
    const sig = (await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'geluid' } }, nu))!;
    const centrum = actor('rivierland', 'Centrumstad', 'medewerker_toegang');
    const uitkomsten = await Promise.allSettled([
      voerActieUit(database.db, p.aanbieder, sig.id, { actie: 'oppakken', versie: 1 }, plusUren(nu, 1)),
      voerActieUit(database.db, centrum, sig.id, { actie: 'escaleren', versie: 1 }, plusUren(nu, 1)),
      voerActieUit(database.db, p.aanbieder, sig.id, { actie: 'oppakken', versie: 1 }, plusUren(nu, 1)),
    ]);
    expect(uitkomsten.filter((u) => u.status === 'fulfilled')).toHaveLength(1);
    for (const u of uitkomsten) if (u.status === 'rejected') expect(u.reason).toBeInstanceOf(VersieConflict);
    const [rij] = await database.db.select().from(s.signalen).where(eq(s.signalen.id, sig.id));
    expect(rij!.versie).toBe(2);
    const stappen = await database.db.select().from(s.signaalStappen).where(eq(s.signaalStappen.signaalId, sig.id));
    expect(stappen).toHaveLength(2);
  });

  it('veel gelijktijdige pogingen op dezelfde versie: nog steeds precies één', async () => {
    const p = await plaatsing(2);
    const nu = new Date('2026-11-01T10:00:00Z');
    const sig = (await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'zorgmijding' } }, nu))!;
    const uitkomsten = await Promise.allSettled(Array.from({ length: 8 }, () => voerActieUit(database.db, p.aanbieder, sig.id, { actie: 'oppakken', versie: 1 }, nu)));
    expect(uitkomsten.filter((u) => u.status === 'fulfilled')).toHaveLength(1);
    const stappen = await database.db.select().from(s.signaalStappen).where(eq(s.signaalStappen.signaalId, sig.id));
    expect(stappen.map((x) => x.status)).toEqual(['gemeld', 'opgepakt']);
  });

  describe('automatische escalatie', () => {
    // Every seeded or earlier test signal is long overdue by then; a first run clears them so the counts below are ours.
    const basis = new Date('2027-03-01T09:00:00Z');
    const N = 4;

    async function maakTeLateSignalen(offset: number) {
      const ids: string[] = [];
      for (let i = 0; i < N; i++) {
        const p = await plaatsing(offset + i * 3);
        ids.push((await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'vervuiling' } }, basis))!.id);
      }
      return ids;
    }

    async function telling(ids: string[]) {
      const signalen = await database.db.select().from(s.signalen).where(inArray(s.signalen.id, ids));
      const stappen = await database.db.select().from(s.signaalStappen).where(and(inArray(s.signaalStappen.signaalId, ids), eq(s.signaalStappen.status, 'geescaleerd')));
      const centrum = regios.rivierland.organisaties['Centrumstad']!.id;
      const meldingen = await database.db
        .select()
        .from(s.meldingen)
        .where(and(eq(s.meldingen.organisatieId, centrum), like(s.meldingen.titel, 'Signaal geëscaleerd%'), inArray(s.meldingen.link, ids.map((id) => `/signalen/${id}`))));
      const audit = await database.db
        .select()
        .from(s.auditLog)
        .where(and(eq(s.auditLog.entiteit, 'signaal'), inArray(s.auditLog.entiteitId, ids), sql`${s.auditLog.details}->>'automatisch' = 'true'`));
      return { geescaleerd: signalen.filter((x) => x.status === 'geescaleerd').length, stappen: stappen.length, meldingen: meldingen.length, audit: audit.length };
    }

    beforeAll(async () => {
      await escaleerTeLaat(database.db, basis);
    });

    it('een crash na de eerste van N escalaties: opnieuw draaien geeft precies N escalaties en N meldingen', async () => {
      const ids = await maakTeLateSignalen(10);
      const later = plusUren(basis, 25);
      let aanroepen = 0;
      await expect(
        escaleerTeLaat(database.db, later, {
          storing: (punt) => {
            if (punt === 'na_commit' && aanroepen++ === 0) throw new Error('proces gecrasht');
          },
        }),
      ).rejects.toThrow('proces gecrasht');
      expect(await telling(ids)).toEqual({ geescaleerd: 1, stappen: 1, meldingen: 1, audit: 1 });

      const herstart = await escaleerTeLaat(database.db, plusUren(later, 0.1));
      expect(herstart.geescaleerd).toBe(N - 1);
      expect(await telling(ids)).toEqual({ geescaleerd: N, stappen: N, meldingen: N, audit: N });

      // idempotent: a third run finds nothing and sends nothing
      expect(await escaleerTeLaat(database.db, plusUren(later, 0.2))).toEqual({ geescaleerd: 0, meldingen: 0 });
      expect(await telling(ids)).toEqual({ geescaleerd: N, stappen: N, meldingen: N, audit: N });
    });

    it('een crash midden in een escalatie rolt die ene terug; niets gaat verloren of dubbel', async () => {
      const ids = await maakTeLateSignalen(11);
      const later = plusUren(basis, 26);
      await expect(
        escaleerTeLaat(database.db, later, {
          storing: (punt, i) => {
            if (punt === 'binnen_transactie' && i === 1) throw new Error('stroom uitgevallen');
          },
        }),
      ).rejects.toThrow('stroom uitgevallen');
      expect(await telling(ids)).toEqual({ geescaleerd: 1, stappen: 1, meldingen: 1, audit: 1 });
      await escaleerTeLaat(database.db, later);
      expect(await telling(ids)).toEqual({ geescaleerd: N, stappen: N, meldingen: N, audit: N });
    });

    it('twee planners tegelijk (bijv. twee serverprocessen) escaleren elk signaal één keer', async () => {
      const ids = await maakTeLateSignalen(12);
      const later = plusUren(basis, 27);
      const [a, b] = await Promise.all([escaleerTeLaat(database.db, later), escaleerTeLaat(database.db, later)]);
      expect(a.geescaleerd + b.geescaleerd).toBe(N);
      expect(await telling(ids)).toEqual({ geescaleerd: N, stappen: N, meldingen: N, audit: N });
    });

    it('een signaal dat net op tijd is opgepakt wordt niet geëscaleerd', async () => {
      const p = await plaatsing(13);
      const sig = (await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'agressie' } }, basis))!;
      await voerActieUit(database.db, p.aanbieder, sig.id, { actie: 'oppakken', versie: 1 }, plusUren(basis, 23.9));
      await escaleerTeLaat(database.db, plusUren(basis, 25));
      const [rij] = await database.db.select().from(s.signalen).where(eq(s.signalen.id, sig.id));
      expect(rij!.status).toBe('opgepakt');
    });

    it('de ronde neemt een slot in taken: een tweede instantie slaat over tot het slot verloopt', async () => {
      const nu = plusUren(basis, 30);
      expect(await claimTaak(database.db, TAAK_SIGNALEN, nu, 60_000)).toBe(true);
      expect((await voerSignaalRondeUit(database.db, new Date(nu.getTime() + 30_000))).uitgevoerd).toBe(false);
      const na = await voerSignaalRondeUit(database.db, new Date(nu.getTime() + 61_000));
      expect(na.uitgevoerd).toBe(true);
      const [taak] = await database.db.select().from(s.taken).where(eq(s.taken.naam, TAAK_SIGNALEN));
      expect(taak!.vergrendeldTot).toBeNull();
      expect(taak!.laatsteRun?.getTime()).toBe(nu.getTime() + 61_000);
    });

    it('veel te late signalen in oplopende batches: elk één keer, met stap, auditregel en meldingen die de termijn noemen', async () => {
      const start = plusUren(basis, 40);
      const ronde = plusUren(start, 15 * 24);
      // whatever earlier tests left open and late by then goes first, so what follows counts only ours
      await escaleerTeLaat(database.db, ronde);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const p = await plaatsing(40 + i);
        ids.push((await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'geluid' } }, plusUren(start, i / 60)))!.id);
        // every fourth is picked up in time, and then misses its 14-day resolution term
        if (i % 4 === 0) await voerActieUit(database.db, p.aanbieder, ids[i]!, { actie: 'oppakken', versie: 1 }, plusUren(start, 1));
      }
      const opgepakt = new Set(ids.filter((_, i) => i % 4 === 0));
      const batches: number[] = [];
      const r = await escaleerTeLaat(database.db, plusUren(ronde, 0.1), { storing: (punt, i) => void (punt === 'na_commit' && batches.push(i)) });
      expect(r.geescaleerd).toBe(40);
      // 1 + 2 + 4 + 8 + 16 + 9
      expect(batches).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await telling(ids)).toEqual({ geescaleerd: 40, stappen: 40, meldingen: 40, audit: 40 });

      const stappen = await database.db.select().from(s.signaalStappen).where(and(inArray(s.signaalStappen.signaalId, ids), eq(s.signaalStappen.status, 'geescaleerd')));
      for (const st of stappen) expect(st.toelichting).toMatch(opgepakt.has(st.signaalId) ? /^Automatisch geëscaleerd: oplostermijn verstreken op \d\d-\d\d-\d{4} \d\d:\d\d$/ : /reactietermijn verstreken/);
      const signalen = await database.db.select().from(s.signalen).where(inArray(s.signalen.id, ids));
      for (const x of signalen) expect(x.versie).toBe(opgepakt.has(x.id) ? 3 : 2);
      const meldingen = await database.db.select().from(s.meldingen).where(inArray(s.meldingen.link, ids.map((id) => `/signalen/${id}`)));
      const escalatie = meldingen.filter((m) => m.titel.startsWith('Signaal geëscaleerd'));
      // centrumgemeente, aanbieder and the reporting corporatie each hear it once
      expect(escalatie).toHaveLength(3 * 40);
      for (const m of escalatie) {
        const id = m.link!.slice('/signalen/'.length);
        expect(m.tekst).toMatch(opgepakt.has(id) ? /De oplostermijn verliep op \d\d-\d\d-\d{4} \d\d:\d\d \(status was opgepakt\); de centrumgemeente/ : /De reactietermijn verliep op \d\d-\d\d-\d{4} \d\d:\d\d \(status was gemeld\); de centrumgemeente/);
        expect(m.tekst).toMatch(/bij C-/);
      }
      expect(await escaleerTeLaat(database.db, plusUren(ronde, 0.2))).toEqual({ geescaleerd: 0, meldingen: 0 });
    });

    it.runIf(backend === 'postgres')('een signaal dat een aanbieder op dat moment vastheeft, slaat de ronde over zonder te wachten', async () => {
      const p = await plaatsing(90);
      const nu = plusUren(basis, 24 * 40);
      await escaleerTeLaat(database.db, nu);
      const vast = (await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'zorgmijding' } }, plusUren(nu, -72)))!;
      const q = await plaatsing(91);
      const vrij = (await maakSignaal(database.db, q.corporatie, { plaatsingId: q.id, details: { soort: 'zorgmijding' } }, plusUren(nu, -72)))!;
      await database.db.transaction(async (tx) => {
        await tx.select().from(s.signalen).where(eq(s.signalen.id, vast.id)).for('update');
        // the round runs on another connection of the pool while this transaction holds the row
        const r = await escaleerTeLaat(database.db, nu);
        expect(r.geescaleerd).toBe(1);
        await tx.update(s.signalen).set({ status: 'opgepakt', versie: 2 }).where(eq(s.signalen.id, vast.id));
      });
      const rijen = await database.db.select().from(s.signalen).where(inArray(s.signalen.id, [vast.id, vrij.id]));
      expect(Object.fromEntries(rijen.map((x) => [x.id, x.status]))).toEqual({ [vast.id]: 'opgepakt', [vrij.id]: 'geescaleerd' });
    });
  });

  it('de planner van de server draait meteen een ronde met zijn klok en stopt netjes', async () => {
    const klok = new Date('2027-09-01T06:00:00Z');
    const p = await plaatsing(14);
    const sig = (await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: { soort: 'overlast', categorie: 'geluid' } }, plusUren(klok, -48)))!;
    const planner = startPlanner(database.db, { klok: () => klok, intervalMs: 3_600_000 });
    await planner.rust();
    await planner.stop();
    const [rij] = await database.db.select().from(s.signalen).where(eq(s.signalen.id, sig.id));
    expect(rij!.status).toBe('geescaleerd');
    const [taak] = await database.db.select().from(s.taken).where(eq(s.taken.naam, TAAK_SIGNALEN));
    expect(taak!.laatsteRun?.getTime()).toBe(klok.getTime());
  });

  it('omklapwaarschuwing: vanaf de waarschuwingsdatum precies één keer voor aanbieder en corporatie', async () => {
    const [p] = await database.db
      .select({ id: s.plaatsingen.id, startdatum: s.plaatsingen.startdatum, aanbiederId: s.plaatsingen.aanbiederId, corporatieId: s.woningen.corporatieId })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .where(and(eq(s.plaatsingen.regioId, regios.rivierland.regioId), eq(s.plaatsingen.huurconstructie, 'omklap')))
      .limit(1);
    expect(p).toBeDefined();
    const omklap = '2027-06-15';
    await database.db.update(s.plaatsingen).set({ omklapdatum: omklap, einddatum: null }).where(eq(s.plaatsingen.id, p!.id));
    const w = waarschuwing({ huurconstructie: 'omklap' as HuurconstructieSoort, startdatum: p!.startdatum, omklapdatum: omklap })!;
    expect(w.vanaf).toBe('2027-04-16');
    const sleutels = [p!.aanbiederId!, p!.corporatieId].map((o) => `omklap:${p!.id}:${omklap}:${o}`);
    const tel = async () => (await database.db.select().from(s.meldingen).where(inArray(s.meldingen.sleutel, sleutels))).length;

    // the evening before vanaf in Amsterdam is still "yesterday", even though it is already 22:30 UTC
    await stuurOmklapWaarschuwingen(database.db, new Date('2027-04-15T21:30:00Z'));
    expect(lokaleDatum(new Date('2027-04-15T21:30:00Z'))).toBe('2027-04-15');
    expect(await tel()).toBe(0);
    await stuurOmklapWaarschuwingen(database.db, new Date('2027-04-15T22:30:00Z'));
    expect(await tel()).toBe(2);
    await stuurOmklapWaarschuwingen(database.db, new Date('2027-04-20T08:00:00Z'));
    await stuurOmklapWaarschuwingen(database.db, new Date('2027-06-15T08:00:00Z'));
    expect(await tel()).toBe(2);
    const [corp] = await database.db.select().from(s.meldingen).where(eq(s.meldingen.sleutel, sleutels[1]!));
    expect(corp!.tekst).toMatch(/C-/);
  });

  it('schuldGeregeld: ja zonder schulden, nee met een open schuld, ja zodra er een regeling is', async () => {
    const p = await plaatsing(20);
    await database.db.delete(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, p.clientId));
    expect(await schuldGeregeld(database.db, p.clientId)).toBe(true);
    const schuld = (await maakSchuld(database.db, p.aanbieder, p.clientId, { schuldeiser: 'Vorige verhuurder', bedragCenten: 245000, regeling: 'Nog geen', status: 'open' }))!;
    expect(await schuldGeregeld(database.db, p.clientId)).toBe(false);
    await wijzigSchuld(database.db, p.aanbieder, schuld.id, { status: 'regeling_getroffen', regeling: 'Betalingsregeling € 50 per maand' });
    expect(await schuldGeregeld(database.db, p.clientId)).toBe(true);
    // details only for those who may see the client
    expect(await schuldenVan(database.db, p.corporatie, p.clientId)).toBeNull();
    expect(await schuldenVan(database.db, actor('kustland', 'Havenstad', 'medewerker_toegang'), p.clientId)).toBeNull();
    expect((await schuldenVan(database.db, p.aanbieder, p.clientId))!.schulden).toHaveLength(1);
    expect(await wijzigSchuld(database.db, p.corporatie, schuld.id, { status: 'afgelost' })).toBeNull();
  });

  it('lijstSignalen filtert, telt, sorteert en pagineert in SQL precies zoals de domeinregels over alle signalen', async () => {
    // fresh open signals far in the future, whatever earlier tests escalated: each soort, deadlines hours apart
    const details = [
      { soort: 'overlast', categorie: 'geluid' },
      { soort: 'zorgmijding' },
      { soort: 'huurachterstand', bedragCenten: 80_000, maanden: 2 },
      { soort: 'overig', toelichting: 'Brievenbus puilt uit' },
    ] as const;
    for (let i = 0; i < 12; i++) {
      const p = await plaatsing(30 + i);
      await maakSignaal(database.db, p.corporatie, { plaatsingId: p.id, details: details[i % 4]! }, plusUren(new Date('2030-01-07T10:00:00Z'), i * 7));
    }
    const alle = await database.db
      .select({
        id: s.signalen.id,
        regioId: s.signalen.regioId,
        melderOrganisatieId: s.signalen.melderOrganisatieId,
        aanbiederId: s.signalen.aanbiederId,
        soort: s.signalen.soort,
        status: s.signalen.status,
        deadline: s.signalen.deadline,
        aangemaakt: s.signalen.aangemaakt,
        corporatieId: s.woningen.corporatieId,
        gemeenteId: s.woningen.gemeenteId,
      })
      .from(s.signalen)
      .innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.signalen.plaatsingId))
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId));
    type Rij = (typeof alle)[number];
    // the middle of the open deadlines: some open signals are late, some are not
    const open = alle.filter((r) => OPEN_STATUSSEN.includes(r.status as SignaalStatus)).map((r) => r.deadline.getTime()).sort((x, y) => x - y);
    const nu = new Date(open[Math.floor(open.length / 2)]! + 1);
    const teLaat = (r: Rij) => isTeLaat({ status: r.status as SignaalStatus, deadline: r.deadline }, nu);
    const sleutel: Record<SignaalSortering, (r: Rij) => number | string> = {
      deadline: (r) => r.deadline.getTime(),
      aangemaakt: (r) => r.aangemaakt.getTime(),
      status: (r) => SIGNAAL_STATUSSEN.indexOf(r.status as SignaalStatus),
      soort: (r) => r.soort,
    };
    const verwacht = (rijen: Rij[], sorteer: SignaalSortering, richting: 'op' | 'af') =>
      [...rijen]
        .sort((a, b) => {
          const [x, y] = [sleutel[sorteer](a), sleutel[sorteer](b)];
          const v = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
          return richting === 'op' ? v : -v;
        })
        .map((r) => r.id);
    /** every page of 7 after one another */
    const allePaginas = async (a: Actor, f: Omit<SignaalFilters, 'limiet' | 'offset'>) => {
      const ids: string[] = [];
      let eerste: Awaited<ReturnType<typeof lijstSignalen>> | null = null;
      for (let offset = 0; ; offset += 7) {
        const pagina = await lijstSignalen(database.db, a, { ...f, limiet: 7, offset }, nu);
        eerste ??= pagina;
        expect(pagina.totaal).toBe(eerste.totaal);
        expect(pagina.signalen.length).toBeLessThanOrEqual(7);
        ids.push(...pagina.signalen.map((x) => x.id));
        if (pagina.signalen.length < 7) break;
      }
      return { ...eerste!, ids };
    };

    const actoren = [
      actor('rivierland', 'Centrumstad', 'medewerker_toegang'),
      actor('rivierland', 'Noorddorp', 'medewerker_toegang'),
      actor('rivierland', 'Woonstede Rivierland'),
      actor('rivierland', 'RIBW Rivierland'),
      actor('kustland', 'Havenstad', 'medewerker_toegang'),
    ];
    const filters: Omit<SignaalFilters, 'limiet' | 'offset'>[] = [{ status: 'gemeld' }, { soort: 'overlast' }, { teLaat: true }, { teLaat: false, soort: 'huurachterstand' }, { status: 'opgepakt', teLaat: true }];
    let getoetst = 0;
    for (const a of actoren) {
      const zichtbaar = alle.filter((r) => magSignaalZien(a, r));
      for (const sorteer of SIGNAAL_SORTERINGEN) {
        for (const richting of ['op', 'af'] as const) {
          const lijst = await allePaginas(a, { sorteer, richting });
          expect(lijst.ids).toEqual(verwacht(zichtbaar, sorteer, richting));
          expect(lijst).toMatchObject({ totaal: zichtbaar.length, sorteer, richting, teLaat: zichtbaar.filter(teLaat).length });
        }
      }
      for (const f of filters) {
        const vanSoort = zichtbaar.filter((r) => !f.soort || r.soort === f.soort);
        const gefilterd = vanSoort.filter((r) => (!f.status || r.status === f.status) && (f.teLaat === undefined || teLaat(r) === f.teLaat));
        const lijst = await allePaginas(a, f);
        expect(lijst.ids).toEqual(verwacht(gefilterd, 'deadline', 'op'));
        expect(lijst.totaal).toBe(gefilterd.length);
        // the tabs count the chosen soort in every status, whatever status or teLaat is selected
        expect(lijst.aantallen).toEqual(Object.fromEntries(SIGNAAL_STATUSSEN.map((st) => [st, vanSoort.filter((r) => r.status === st).length])));
        expect(lijst.teLaat).toBe(vanSoort.filter(teLaat).length);
        getoetst += gefilterd.length;
      }
    }
    // the comparison means something only if the filters let signals through
    expect(getoetst).toBeGreaterThan(20);
    expect(alle.filter(teLaat).length).toBeGreaterThan(2);
    expect(open.length - alle.filter(teLaat).length).toBeGreaterThan(2);
    // a page past the end is empty, but still carries the total
    const voorbij = await lijstSignalen(database.db, actoren[0]!, { limiet: 10, offset: 10_000 }, nu);
    expect(voorbij.signalen).toEqual([]);
    expect(voorbij.totaal).toBe(alle.filter((r) => r.regioId === regios.rivierland.regioId).length);
  });

  it('een corporatie ziet alleen signalen op de eigen woningen, een aanbieder alleen de eigen, een andere regio niets', async () => {
    const nu = new Date('2026-11-01T10:00:00Z');
    const woonstede = actor('rivierland', 'Woonstede Rivierland');
    const lijst = await lijstSignalen(database.db, woonstede, { limiet: 500, offset: 0 }, nu);
    expect(lijst.signalen.length).toBeGreaterThan(0);
    for (const x of lijst.signalen) {
      expect(x.corporatie.id).toBe(woonstede.organisatieId);
      expect(x.clientId).toBeNull();
      expect(JSON.stringify(x)).not.toMatch(/naam_versleuteld|bsn/i);
    }
    const ribw = actor('rivierland', 'RIBW Rivierland');
    for (const x of (await lijstSignalen(database.db, ribw, { limiet: 500, offset: 0 }, nu)).signalen) expect(x.aanbieder.id).toBe(ribw.organisatieId);
    const kust = actor('kustland', 'Havenstad', 'medewerker_toegang');
    const kustLijst = await lijstSignalen(database.db, kust, { limiet: 500, offset: 0 }, nu);
    for (const x of kustLijst.signalen) expect(x.corporatie.id).toBe(regios.kustland.organisaties['Kustwonen']!.id);
    const alle = await lijstSignalen(database.db, actor('rivierland', 'Centrumstad', 'medewerker_toegang'), { limiet: 1000, offset: 0 }, nu);
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(s.signalen).where(eq(s.signalen.regioId, regios.rivierland.regioId))) as [{ n: number }];
    expect(alle.totaal).toBe(n);
  });
  it('meldbarePlaatsingen filtert, telt, sorteert en pagineert in SQL zoals een referentie in TypeScript over alle plaatsingen', async () => {
    const vandaag = '2026-11-01';
    const alle = await database.db
      .select({
        id: s.plaatsingen.id,
        regioId: s.plaatsingen.regioId,
        pseudoniem: s.clienten.pseudoniem,
        adres: s.woningen.adres,
        einddatum: s.plaatsingen.einddatum,
        aanbiederId: s.plaatsingen.aanbiederId,
        corporatieId: s.woningen.corporatieId,
        gemeenteId: s.woningen.gemeenteId,
      })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId));
    const bytes = (x: string) => Buffer.from(x, 'utf8');
    const volgorde = (a: (typeof alle)[number], b: (typeof alle)[number]) => Buffer.compare(bytes(a.pseudoniem), bytes(b.pseudoniem)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const zichtVan = (a: Actor, p: (typeof alle)[number]) =>
      p.regioId === a.regioId &&
      (a.soort === 'centrumgemeente' || (a.soort === 'regiogemeente' && p.gemeenteId === a.organisatieId) || (a.soort === 'woningcorporatie' && p.corporatieId === a.organisatieId));
    const referentie = (a: Actor, zoek?: string) =>
      alle
        .filter((p) => zichtVan(a, p) && (p.einddatum === null || p.einddatum >= vandaag) && p.aanbiederId !== null)
        .filter((p) => !zoek || p.pseudoniem.toLowerCase().startsWith(zoek.toLowerCase()) || p.adres.toLowerCase().startsWith(zoek.toLowerCase()))
        .sort(volgorde)
        .map((p) => p.id);
    const actoren = [
      actor('rivierland', 'Centrumstad', 'medewerker_toegang'),
      actor('rivierland', 'Noorddorp', 'medewerker_toegang'),
      actor('rivierland', 'Woonstede Rivierland'),
      actor('rivierland', 'RIBW Rivierland'),
      actor('kustland', 'Havenstad', 'medewerker_toegang'),
    ];
    const centrumVerwacht = referentie(actoren[0]!);
    expect(centrumVerwacht.length).toBeGreaterThan(8);
    for (const a of actoren) {
      const verwacht = referentie(a);
      const heel = await meldbarePlaatsingen(database.db, a, vandaag, { limiet: 500, offset: 0 });
      expect(heel.totaal).toBe(verwacht.length);
      expect(heel.plaatsingen.map((p) => p.id)).toEqual(verwacht);
      for (const offset of [0, 3, 7, verwacht.length]) {
        const pagina = await meldbarePlaatsingen(database.db, a, vandaag, { limiet: 4, offset });
        expect(pagina.totaal).toBe(verwacht.length);
        expect(pagina.plaatsingen.map((p) => p.id)).toEqual(verwacht.slice(offset, offset + 4));
      }
    }
    // zoek: the start of a pseudoniem, of an address, case-insensitive; a LIKE wildcard is taken literally
    const centrum = actoren[0]!;
    const eerste = alle.find((p) => p.id === centrumVerwacht[0])!;
    for (const zoek of [eerste.pseudoniem.slice(0, 4).toLowerCase(), eerste.adres.slice(0, 5).toUpperCase(), '%', 'c_']) {
      const gevonden = await meldbarePlaatsingen(database.db, centrum, vandaag, { zoek, limiet: 500, offset: 0 });
      expect(gevonden.plaatsingen.map((p) => p.id)).toEqual(referentie(centrum, zoek));
      expect(gevonden.totaal).toBe(referentie(centrum, zoek).length);
    }
    expect((await meldbarePlaatsingen(database.db, centrum, vandaag, { zoek: '%', limiet: 500, offset: 0 })).totaal).toBe(0);
  });
});
