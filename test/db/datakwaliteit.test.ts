import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { dubbelen, laatheid, ontbrekend } from '../../src/db/repos/datakwaliteit.js';
import { magClientZien, type Actor } from '../../src/domain/auth.js';
import { LAATHEID_KLASSEN, laatheidKlasse } from '../../src/domain/datakwaliteit.js';
import { backends, seedTestRegios, testActor, testDatabase, testVersleuteling, type TestRegios } from '../helpers.js';

type Client = typeof s.clienten.$inferSelect;
const sorteer = <T extends object>(rijen: T[]) => rijen.sort((x, y) => Object.values(x).join('|').localeCompare(Object.values(y).join('|')));

/** What client_dubbelsleutels must hold: per regio and key how many records carry it (ADR 0036). */
function verwachteSleutels(clienten: Client[]) {
  const n = new Map<string, { regioId: string; soort: string; sleutel: string; aantal: number }>();
  const tel = (regioId: string, soort: string, sleutel: string) => {
    const k = [regioId, soort, sleutel].join('|');
    n.set(k, { regioId, soort, sleutel, aantal: (n.get(k)?.aantal ?? 0) + 1 });
  };
  for (const c of clienten) {
    if (c.bsnHash !== null) tel(c.regioId, 'bsn', c.bsnHash);
    if (c.naamSleutel !== null && c.geanonimiseerdOp === null) tel(c.regioId, 'naam', `${c.geboortedatum}:${c.naamSleutel}`);
  }
  return sorteer([...n.values()]);
}

/** Duplicate groups among the records a viewer may see, straight from the rows. */
function verwachteDubbelen(clienten: Client[], actor: Actor) {
  const zichtbaar = clienten.filter((c) => magClientZien(actor, c));
  const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const groepen = (sleutel: (c: Client) => string | null) => {
    const per = new Map<string, Client[]>();
    for (const c of zichtbaar) {
      const k = sleutel(c);
      if (k !== null) per.set(k, [...(per.get(k) ?? []), c]);
    }
    return [...per.values()]
      .filter((g) => g.length > 1)
      .map((g) => g.map((c) => ({ id: c.id, pseudoniem: c.pseudoniem })).sort((a, b) => byte(a.pseudoniem, b.pseudoniem)))
      .sort((a, b) => byte(a[0]!.pseudoniem, b[0]!.pseudoniem));
  };
  return [
    ...groepen((c) => c.bsnHash).map((clienten) => ({ reden: 'Zelfde BSN', clienten })),
    ...groepen((c) => (c.naamSleutel !== null && c.geanonimiseerdOp === null ? `${c.geboortedatum}:${c.naamSleutel}` : null)).map((clienten) => ({ reden: 'Zelfde naam en geboortedatum', clienten })),
  ];
}

describe.each(backends)('datakwaliteit op %s', (backend) => {
  let database: Database;
  let regios: TestRegios;
  let kijkers: Actor[];
  beforeAll(async () => {
    database = await testDatabase(backend);
    regios = await seedTestRegios(database, 120);
    kijkers = [
      testActor(regios, 'rivierland', 'Centrumstad', 'beheerder'),
      testActor(regios, 'rivierland', 'Noorddorp', 'beheerder'),
      testActor(regios, 'rivierland', 'RIBW Rivierland', 'beheerder'),
    ];
  });
  afterAll(() => database.close());

  const sleutels = async () => sorteer((await database.db.select().from(s.clientDubbelsleutels)).filter((r) => r.aantal !== 0));
  const clienten = () => database.db.select().from(s.clienten);

  it('dubbele sleutels en de dubbelen van elke kijker volgen de dossiers, ook na willekeurige wijzigingen', async () => {
    const regioId = regios.rivierland.regioId;
    const basis = await database.db.select().from(s.clienten).where(eq(s.clienten.regioId, regioId)).orderBy(asc(s.clienten.pseudoniem));
    expect(await sleutels()).toEqual(verwachteSleutels(await clienten()));
    // one certain duplicate the aanbieder sees (same BSN hash), whatever the random steps do
    const ribw = regios.rivierland.organisaties['RIBW Rivierland']!.id;
    const c = regios.rivierland.organisaties['Centrumstad']!.id;
    await database.db.insert(s.clienten).values(
      [0, 1].map((i) => ({ regioId, pseudoniem: `C-DV${backend}${i}`, naamVersleuteld: testVersleuteling.versleutel('X Y'), geboortedatum: '1991-05-05', herkomstgemeenteId: c, huidigeGemeenteId: c, aanbiederId: ribw, doelgroep: 'ggz', bsnHash: `zeker-dubbel-${backend}` })),
    );
    let nr = 0;
    const actie = fc.record({ soort: fc.integer({ min: 0, max: 4 }), a: fc.nat(), b: fc.nat() });
    await fc.assert(
      fc.asyncProperty(fc.array(actie, { minLength: 1, maxLength: 8 }), async (acties) => {
        for (const x of acties) {
          const a = basis[x.a % basis.length]!;
          const b = basis[x.b % basis.length]!;
          if (x.soort === 0) {
            // a second record of someone: the same BSN hash, or the same name key and birth date, for another aanbieder
            const [kopie] = await database.db
              .insert(s.clienten)
              .values({ regioId, pseudoniem: `C-DK${backend}${nr++}`, naamVersleuteld: testVersleuteling.versleutel('X Y'), geboortedatum: a.geboortedatum, herkomstgemeenteId: b.herkomstgemeenteId, huidigeGemeenteId: b.huidigeGemeenteId, aanbiederId: b.aanbiederId, doelgroep: 'ggz', bsnHash: x.b % 2 ? a.bsnHash : null, naamSleutel: x.b % 2 ? null : a.naamSleutel })
              .returning();
            basis.push(kopie!);
          } else if (x.soort === 1) {
            await database.db.update(s.clienten).set({ bsnHash: b.bsnHash }).where(eq(s.clienten.id, a.id));
          } else if (x.soort === 2) {
            await database.db.update(s.clienten).set({ geanonimiseerdOp: x.b % 2 ? new Date() : null }).where(eq(s.clienten.id, a.id));
          } else if (x.soort === 3) {
            // many rows in one statement, some keys cancelling out
            await database.db.update(s.clienten).set({ naamSleutel: sql`case when ${s.clienten.id} = ${a.id} then ${b.naamSleutel} else naam_sleutel end` }).where(inArray(s.clienten.id, [a.id, b.id]));
          } else if (a.pseudoniem.startsWith('C-DK')) {
            await database.db.delete(s.clienten).where(eq(s.clienten.id, a.id));
            basis.splice(basis.indexOf(a), 1);
          }
        }
        const alle = await clienten();
        expect(await sleutels()).toEqual(verwachteSleutels(alle));
        for (const k of kijkers) expect(await dubbelen(database.db, k), `${k.soort}`).toEqual(verwachteDubbelen(alle, k));
      }),
      { numRuns: 10 },
    );
    const alle = await clienten();
    expect(verwachteDubbelen(alle, kijkers[0]!).length).toBeGreaterThan(0);
    expect(verwachteDubbelen(alle, kijkers[2]!).length).toBeGreaterThan(0);
  });

  it('ontbrekende velden per kijker zoals de dossiers zelf zeggen', async () => {
    const alle = (await clienten()).filter((c) => c.regioId === regios.rivierland.regioId);
    const uitstroom = await database.db.select().from(s.trajectEvents).where(eq(s.trajectEvents.soort, 'uitstroom'));
    const onbekend = new Set(uitstroom.filter((e) => e.bestemming === null || e.bestemming === 'onbekend').map((e) => e.clientId));
    const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const k of kijkers) {
      const zichtbaar = alle.filter((c) => magClientZien(k, c));
      const verwacht: Record<string, Client[]> = {
        bsn: zichtbaar.filter((c) => c.bsnHash === null && c.geanonimiseerdOp === null),
        aanbieder: zichtbaar.filter((c) => c.aanbiederId === null),
        woonwensen: zichtbaar.filter((c) => c.woonwensen === null),
        bestemming: zichtbaar.filter((c) => onbekend.has(c.id)),
      };
      for (const x of await ontbrekend(database.db, k, 5)) {
        expect(x.aantal, `${k.soort} ${x.sleutel}`).toBe(verwacht[x.sleutel]!.length);
        expect(x.clienten.map((c) => c.pseudoniem)).toEqual(verwacht[x.sleutel]!.map((c) => c.pseudoniem).sort(byte).slice(0, 5));
      }
    }
  });

  it('registratielaatheid: monitor_laatheid volgt de gebeurtenissen, en de hele regio leest er hetzelfde uit als per gebeurtenis', async () => {
    const lees = async () =>
      ((await database.db.execute(sql`select e.regio_id, e.datum::text as datum, ((e.geregistreerd at time zone 'Europe/Amsterdam')::date)::text as dag, coalesce(o.naam, 'Onbekend (import of seed)') as organisatie,
          coalesce(g.organisatie_id::text, '00000000-0000-0000-0000-000000000000') as org_id
        from traject_events e left join gebruikers g on g.id = e.door_gebruiker_id left join organisaties o on o.id = g.organisatie_id
        where e.soort <> 'correctie'`)) as unknown as { rows: { regio_id: string; datum: string; dag: string; organisatie: string; org_id: string }[] }).rows;
    const dagen = (e: { datum: string; dag: string }) => Math.max(0, Math.round((Date.parse(e.dag) - Date.parse(e.datum)) / 86_400_000));
    const events = await lees();
    const n = new Map<string, { regioId: string; datum: string; organisatieId: string; dagen: number; aantal: number }>();
    for (const e of events) {
      const k = [e.regio_id, e.datum, e.org_id, dagen(e)].join('|');
      n.set(k, { regioId: e.regio_id, datum: e.datum, organisatieId: e.org_id, dagen: dagen(e), aantal: (n.get(k)?.aantal ?? 0) + 1 });
    }
    expect(sorteer((await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0))).toEqual(sorteer([...n.values()]));
    // what the centrumgemeente's beheerder is shown, against the events of the regio
    const regels = await laatheid(database.db, kijkers[0]!, '2025-01-01', '2026-11-01');
    const verwacht = new Map<string, Record<string, number>>();
    for (const e of events.filter((x) => x.regio_id === regios.rivierland.regioId && x.datum >= '2025-01-01' && x.datum <= '2026-11-01')) {
      const r = verwacht.get(e.organisatie) ?? Object.fromEntries([['totaal', 0], ...LAATHEID_KLASSEN.map((k) => [k.sleutel, 0])]);
      r.totaal!++;
      r[laatheidKlasse(dagen(e))]!++;
      verwacht.set(e.organisatie, r);
    }
    expect(regels.length).toBe(verwacht.size);
    for (const r of regels) for (const k of ['totaal', ...LAATHEID_KLASSEN.map((x) => x.sleutel)]) expect(r[k], `${r.organisatie} ${k}`).toBe(verwacht.get(r.organisatie as string)![k]);
    expect(regels.some((r) => (r.dag11 as number) > 0)).toBe(true);
    // events written later (one registered late, one after midnight Dutch time) are counted in their statement
    const c = regios.rivierland.organisaties['Centrumstad']!.id;
    const [weg] = await database.db
      .insert(s.clienten)
      .values({ regioId: regios.rivierland.regioId, pseudoniem: `C-LH${backend}`, naamVersleuteld: testVersleuteling.versleutel('X Y'), geboortedatum: '1990-01-01', herkomstgemeenteId: c, huidigeGemeenteId: c, doelgroep: 'ggz' })
      .returning();
    await database.db.insert(s.trajectEvents).values([
      { clientId: weg!.id, regioId: weg!.regioId, gemeenteId: c, soort: 'aanmelding', datum: '2026-01-05', geregistreerd: new Date('2026-01-20T10:00:00Z') },
      { clientId: weg!.id, regioId: weg!.regioId, gemeenteId: c, soort: 'beoordeling', datum: '2026-02-05', geregistreerd: new Date('2026-02-05T23:30:00Z') },
    ]);
    const na = await lees();
    expect(na.length).toBe(events.length + 2);
    const m = new Map<string, number>();
    for (const e of na) m.set([e.regio_id, e.datum, e.org_id, dagen(e)].join('|'), (m.get([e.regio_id, e.datum, e.org_id, dagen(e)].join('|')) ?? 0) + 1);
    const opgeslagen = (await database.db.select().from(s.monitorLaatheid)).filter((r) => r.aantal !== 0);
    expect(new Map(opgeslagen.map((r) => [[r.regioId, r.datum, r.organisatieId, r.dagen].join('|'), r.aantal]))).toEqual(m);
  });
});
