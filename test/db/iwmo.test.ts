import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { importeerIwmo, type IwmoBestand } from '../../src/db/repos/iwmo.js';
import { importeer } from '../../src/db/repos/import.js';
import { IwmoFouten } from '../../src/domain/iwmo.js';
import { backends, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';
import { wmo301, wmo305, wmo307 } from '../iwmo-berichten.js';

const map = new URL('../../demo/import/iwmo/', import.meta.url);
const demo: IwmoBestand[] = readdirSync(map)
  .filter((f) => f.endsWith('.xml'))
  .map((naam) => ({ naam, xml: readFileSync(new URL(naam, map), 'utf8') }));

describe.each(backends)('iWmo-import op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  const toegang = () => testActor(regios, 'rivierland', 'Centrumstad', 'medewerker_toegang');
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 40);
  });
  afterAll(() => database?.close());

  const v = testVersleuteling;
  const clientMetBsn = async (bsn: string) => {
    const [c] = await database.db.select().from(s.clienten).where(eq(s.clienten.bsnHash, v.zoekHash(bsn)));
    return c;
  };
  const eventsVan = async (clientId: string) =>
    (await database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.clientId, clientId)).orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id))).map((e) => [e.soort, e.datum, e.niveau ?? e.bestemming ?? null]);
  const tellingen = async () => ({
    clienten: (await database.db.select({ n: count() }).from(s.clienten))[0]!.n,
    events: (await database.db.select({ n: count() }).from(s.trajectEvents))[0]!.n,
    toewijzingen: (await database.db.select({ n: count() }).from(s.iwmoToewijzingen))[0]!.n,
    berichten: (await database.db.select({ n: count() }).from(s.iwmoBerichten))[0]!.n,
    stand: (await database.db.select({ n: count() }).from(s.clientStand))[0]!.n,
  });
  const weigering = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(IwmoFouten);
    return (e as IwmoFouten).fouten;
  };

  it('de voorbeeldbestanden: toewijzing → indicatie, start → instroom, stop → uitstroom; een tweede keer verandert niets', async () => {
    const r = await importeerIwmo(database.db, toegang(), v, demo);
    expect(r).toMatchObject({ berichten: 4, berichtenAlVerwerkt: 0, clientenNieuw: 2, toewijzingen: 2, gebeurtenissenNieuw: 8, gebeurtenissenAlAanwezig: 0 });
    expect(r.overgeslagen).toEqual([{ bestand: 'wmo301-toewijzing-bw.xml', pad: 'Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]', reden: 'product 01/01A11 is geen beschermd wonen of opvang' }]);

    const anna = (await clientMetBsn('999990019'))!;
    expect(v.ontsleutel(anna.naamVersleuteld)).toBe('Anna de Boer');
    expect(anna).toMatchObject({ geboortedatum: '1994-03-12', doelgroep: 'ggz', herkomstgemeenteId: regios.rivierland.organisaties.Centrumstad!.id, aanbiederId: regios.rivierland.organisaties['RIBW Rivierland']!.id });
    expect(await eventsVan(anna.id)).toEqual([
      ['aanmelding', '2026-09-01', null],
      ['beoordeling', '2026-09-01', null],
      ['indicatie', '2026-09-01', 'bw_intramuraal'],
      ['instroom', '2026-09-20', 'bw_intramuraal'],
      ['uitstroom', '2026-11-15', 'onbekend'],
    ]);
    const deniz = (await clientMetBsn('999990020'))!;
    expect(deniz).toMatchObject({ doelgroep: 'dakloos', aanbiederId: regios.rivierland.organisaties['Leger des Heils Rivierland']!.id });
    expect(await eventsVan(deniz.id)).toEqual([
      ['aanmelding', '2026-09-02', null],
      ['beoordeling', '2026-09-02', null],
      ['indicatie', '2026-09-02', 'mo_24uurs'],
    ]);
    const [stand] = await database.db.select().from(s.clientStand).where(eq(s.clientStand.clientId, deniz.id));
    expect(stand).toMatchObject({ fase: 'geindiceerd', niveau: 'mo_24uurs' });

    const voor = await tellingen();
    const opnieuw = await importeerIwmo(database.db, toegang(), v, [...demo].reverse());
    expect(opnieuw).toMatchObject({ berichten: 4, berichtenAlVerwerkt: 4, clientenNieuw: 0, toewijzingen: 0, gebeurtenissenNieuw: 0 });
    expect(await tellingen()).toEqual(voor);
  });

  it('een bestaande cliënt wordt op BSN gevonden (gesleutelde hash) en krijgt alleen de ontbrekende stappen', async () => {
    await importeer(database.db, toegang(), v, {
      clienten: 'extern_id;naam;bsn;geboortedatum;herkomstgemeente;doelgroep\nIWMO-1;Bram Bestaand;999991000;1980-02-02;Centrumstad;verslaving',
      gebeurtenissen: 'extern_id;soort;datum\nIWMO-1;aanmelding;2026-10-01',
    });
    const bram = (await clientMetBsn('999991000'))!;
    const r = await importeerIwmo(database.db, toegang(), v, [{ naam: 'b.xml', xml: wmo301({ id: 'B-1', dagtekening: '2026-10-05' }, { bsn: '999991000' }, [{ nummer: '500001', categorie: '15', code: '15B01', toewijzingsdatum: '2026-10-05' }]) }]);
    expect(r).toMatchObject({ clientenNieuw: 0, gebeurtenissenNieuw: 2 });
    expect(await eventsVan(bram.id)).toEqual([
      ['aanmelding', '2026-10-01', null],
      ['beoordeling', '2026-10-05', null],
      ['indicatie', '2026-10-05', 'beschermd_thuis'],
    ]);
    expect((await clientMetBsn('999991000'))!.doelgroep).toBe('verslaving');
  });

  it('een lichter product starten is doorstroom, de stop van het oude product verandert dan niets; overlijden is uitval', async () => {
    const c = { bsn: '999991012' };
    const stappen = [
      wmo301({ id: 'D-1', dagtekening: '2026-06-01' }, c, [{ nummer: '600001', categorie: '15', toewijzingsdatum: '2026-06-01' }]),
      wmo305({ id: 'D-2', dagtekening: '2026-06-10' }, c, [{ nummer: '600001', begindatum: '2026-06-10' }]),
      wmo301({ id: 'D-3', dagtekening: '2026-09-01' }, c, [{ nummer: '600002', categorie: '15', code: '15B01', toewijzingsdatum: '2026-09-01' }]),
      wmo305({ id: 'D-4', dagtekening: '2026-09-15' }, c, [{ nummer: '600002', begindatum: '2026-09-15' }]),
      wmo307({ id: 'D-5', dagtekening: '2026-09-16' }, c, [{ nummer: '600001', begindatum: '2026-06-10', reden: '37', einddatum: '2026-09-14' }]),
      wmo307({ id: 'D-6', dagtekening: '2026-11-20' }, c, [{ nummer: '600002', begindatum: '2026-09-15', reden: '02', einddatum: '2026-11-19' }]),
    ].map((xml, i) => ({ naam: `d${i + 1}.xml`, xml }));
    const r = await importeerIwmo(database.db, toegang(), v, stappen);
    expect(r.overgeslagen.map((o) => [o.bestand, o.reden])).toEqual([['d5.xml', 'er loopt nog een ander product beschermd wonen of opvang']]);
    const client = (await clientMetBsn(c.bsn))!;
    expect(await eventsVan(client.id)).toEqual([
      ['aanmelding', '2026-06-01', null],
      ['beoordeling', '2026-06-01', null],
      ['indicatie', '2026-06-01', 'bw_intramuraal'],
      ['instroom', '2026-06-10', 'bw_intramuraal'],
      ['doorstroom', '2026-09-15', 'beschermd_thuis'],
      ['uitval', '2026-11-19', null],
    ]);
  });

  it('alles of niets: één fout (onbekende toewijzing) en ook het goede bericht wordt niet opgeslagen', async () => {
    const voor = await tellingen();
    const fouten = await weigering(
      importeerIwmo(database.db, toegang(), v, [
        { naam: 'goed.xml', xml: wmo301({ id: 'A-1', dagtekening: '2026-10-01' }, { bsn: '999991024' }, [{ nummer: '700001', categorie: '16', toewijzingsdatum: '2026-10-01' }]) },
        { naam: 'fout.xml', xml: wmo305({ id: 'A-2', dagtekening: '2026-10-02' }, { bsn: '999991024' }, [{ nummer: '799999', begindatum: '2026-10-02' }]) },
      ]),
    );
    expect(fouten).toEqual([{ bestand: 'fout.xml', pad: 'Bericht/Client/StartProducten/StartProduct[1]/ToewijzingNummer', melding: 'toewijzing 799999 van gemeente 9001 is onbekend; importeer eerst het WMO301-bericht' }]);
    expect(await tellingen()).toEqual(voor);
    expect(await clientMetBsn('999991024')).toBeUndefined();
  });

  it('een stap die de overgangsregels weigeren is een fout met het element, niets opgeslagen', async () => {
    const c = { bsn: '999991036' };
    const voor = await tellingen();
    const fouten = await weigering(
      importeerIwmo(database.db, toegang(), v, [
        { naam: 't.xml', xml: wmo301({ id: 'T-1', dagtekening: '2026-10-01' }, c, [{ nummer: '710001', categorie: '15', toewijzingsdatum: '2026-10-01' }]) },
        // stop without a start: uitstroom from fase geïndiceerd is not allowed
        { naam: 's.xml', xml: wmo307({ id: 'T-2', dagtekening: '2026-10-03' }, c, [{ nummer: '710001', begindatum: '2026-10-02', reden: '19', einddatum: '2026-10-03' }]) },
      ]),
    );
    expect(fouten).toHaveLength(1);
    expect(fouten[0]).toMatchObject({ bestand: 's.xml', pad: 'Bericht/Client/StopProducten/StopProduct[1]', melding: expect.stringContaining("'uitstroom' kan niet in fase") });
    expect(await tellingen()).toEqual(voor);
  });

  it('hetzelfde bericht-id met andere inhoud wordt geweigerd; een BSN van een ander bij een toewijzing ook', async () => {
    const c = { bsn: '999991048' };
    await importeerIwmo(database.db, toegang(), v, [{ naam: 'x.xml', xml: wmo301({ id: 'X-1', dagtekening: '2026-10-01' }, c, [{ nummer: '720001', categorie: '15', toewijzingsdatum: '2026-10-01' }]) }]);
    const ander = await weigering(importeerIwmo(database.db, toegang(), v, [{ naam: 'x2.xml', xml: wmo301({ id: 'X-1', dagtekening: '2026-10-01' }, c, [{ nummer: '720002', categorie: '16', toewijzingsdatum: '2026-10-01' }]) }]));
    expect(ander[0]).toMatchObject({ pad: 'Bericht/Header/BerichtIdentificatie/Identificatie', melding: expect.stringContaining('al eerder verwerkt met een andere inhoud') });
    const bsn = await weigering(importeerIwmo(database.db, toegang(), v, [{ naam: 'y.xml', xml: wmo305({ id: 'X-2', dagtekening: '2026-10-02' }, { bsn: '999991061' }, [{ nummer: '720001', begindatum: '2026-10-02' }]) }]));
    expect(bsn).toEqual([{ bestand: 'y.xml', pad: 'Bericht/Client/Bsn', melding: 'het BSN hoort niet bij de cliënt van toewijzing 720001' }]);
  });

  it('zicht: een regiogemeente importeert geen bericht van een andere gemeente; een andere regio kent de gemeente niet', async () => {
    const noorddorp = testActor(regios, 'rivierland', 'Noorddorp', 'medewerker_toegang');
    const xml = wmo301({ id: 'Z-1', dagtekening: '2026-10-01' }, { bsn: '999991073' }, [{ nummer: '730001', categorie: '15', toewijzingsdatum: '2026-10-01' }]);
    expect(await weigering(importeerIwmo(database.db, noorddorp, v, [{ naam: 'z.xml', xml }]))).toEqual([
      { bestand: 'z.xml', pad: 'Bericht/Header/Afzender', melding: 'een nieuwe cliënt van deze gemeente valt buiten het zicht van uw organisatie' },
    ]);
    const kust = testActor(regios, 'kustland', 'Havenstad', 'medewerker_toegang');
    expect(await weigering(importeerIwmo(database.db, kust, v, [{ naam: 'z.xml', xml }]))).toEqual([{ bestand: 'z.xml', pad: 'Bericht/Header/Afzender', melding: 'gemeente 9001 (GM9001) hoort niet bij deze regio' }]);
    expect(await clientMetBsn('999991073')).toBeUndefined();
  });
});
