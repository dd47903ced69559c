import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import * as s from '../../src/db/schema.js';
import { controleerKeten, schrijfAudit, verzegelAudit } from '../../src/db/repos/audit.js';
import { VERWERKINGSACTIVITEITEN } from '../../src/domain/audit.js';
import { startVerzegeling } from '../../src/jobs/verzegelen.js';
import { backends, testDatabase, verwachtDbFout } from '../helpers.js';

const wie = { gebruikerId: '00000000-0000-4000-8000-000000000001', organisatieId: '00000000-0000-4000-8000-000000000002', regioId: '00000000-0000-4000-8000-000000000003' };

describe.each(backends)('auditketen (%s)', (backend) => {
  let database: Database;
  beforeAll(async () => {
    // tampering with the log takes the owner's rights (the app role cannot even disable a trigger): test as the owner
    database = await testDatabase(backend, { eigenaar: true });
  });
  afterAll(() => database.close());

  const schrijf = (n: number, begin = 0) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        schrijfAudit(database.db, wie, { actie: 'lezen', entiteit: 'client', entiteitId: `c${begin + i}`, doel: 'toegang_beoordeling', pseudoniemen: [`C-PROEF${String(begin + i).padStart(4, '0')}`], details: { i: begin + i, tekst: 'ä;"x"' } }),
      ),
    );
  /** Runs with the append-only and chain triggers off, as a superuser could: the tampering the chain must expose. */
  async function alsSuperuser(opdracht: string) {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER USER'));
      await tx.execute(sql.raw(opdracht));
      await tx.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER USER'));
    });
  }

  it('het register in de database is gelijk aan VERWERKINGSACTIVITEITEN', async () => {
    const rijen = await database.db.select().from(s.verwerkingsactiviteiten).orderBy(asc(s.verwerkingsactiviteiten.code));
    expect(rijen).toEqual([...VERWERKINGSACTIVITEITEN].sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('een nieuwe regel moet een bestaand doel noemen', async () => {
    await verwachtDbFout(database.db.insert(s.auditLog).values({ actie: 'lezen', entiteit: 'x' }), /audit_log_doel_ck/);
    await verwachtDbFout(database.db.insert(s.auditLog).values({ actie: 'lezen', entiteit: 'x', doel: 'nieuwsgierigheid' }), /foreign key|verwerkingsactiviteiten/);
    await verwachtDbFout(database.db.insert(s.auditLog).values({ actie: 'lezen', entiteit: 'x', doel: 'beheer', resultaat: 'misschien' }), /audit_log_resultaat_ck/);
  });

  it('gelijktijdige regels vormen één ononderbroken keten, wat de INSERT ook opgeeft', async () => {
    await schrijf(40);
    // volgnr and hash given by the caller are overwritten by the trigger: a row enters the chain only when sealed
    await database.db.insert(s.auditLog).values({ actie: 'lezen', entiteit: 'x', doel: 'beheer', volgnr: 999, hash: new Uint8Array([1, 2, 3]) });
    expect(await database.db.select({ volgnr: s.auditLog.volgnr, hash: s.auditLog.hash }).from(s.auditLog).where(eq(s.auditLog.entiteit, 'x'))).toEqual([{ volgnr: null, hash: null }]);
    expect(await controleerKeten(database.db)).toMatchObject({ aantal: 0, breuk: null, onverzegeld: { aantal: 41 } });
    // two sealers at once (several servers) and rows arriving meanwhile: still one chain, each row once
    const [a, b] = await Promise.all([verzegelAudit(database.db, 7), verzegelAudit(database.db, 7)]);
    expect(a + b).toBe(41);
    expect(await verzegelAudit(database.db)).toBe(0);
    const nummers = (await database.db.select({ volgnr: s.auditLog.volgnr }).from(s.auditLog).orderBy(asc(s.auditLog.volgnr))).map((r) => r.volgnr);
    expect(nummers).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const uitslag = await controleerKeten(database.db, undefined, 7);
    expect(uitslag.breuk).toBeNull();
    expect(uitslag.aantal).toBe(41);
    expect(uitslag.onverzegeld).toEqual({ aantal: 0, oudste: null });
    expect(uitslag.kop?.volgnr).toBe(41);
  });

  it('een nog niet verzegelde regel is even onveranderlijk, en verzegelen verandert alleen volgnr en hash', async () => {
    await schrijf(1, 900);
    const [los] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, 'c900'));
    expect(los!.volgnr).toBeNull();
    await verwachtDbFout(database.db.execute(sql`update audit_log set actie = 'weg' where id = ${los!.id}`), /append-only/);
    await verwachtDbFout(database.db.execute(sql`delete from audit_log where id = ${los!.id}`), /append-only/);
    // sealing by hand: without the sealer's setting refused, with it only if nothing but volgnr and hash changes
    await verwachtDbFout(database.db.execute(sql`update audit_log set volgnr = 5000, hash = sha256('x'::bytea) where id = ${los!.id}`), /append-only/);
    await verwachtDbFout(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('doorstroom.verzegelen', 'aan', true)`);
        await tx.execute(sql`update audit_log set volgnr = 5000, hash = sha256('x'::bytea), entiteit_id = 'anders' where id = ${los!.id}`);
      }),
      /append-only/,
    );
    expect(await verzegelAudit(database.db)).toBe(1);
    const [verzegeld] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.id, los!.id));
    expect(verzegeld).toMatchObject({ ...los, volgnr: 42, hash: expect.anything() });
    // once sealed, the sealer's setting opens nothing
    await verwachtDbFout(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('doorstroom.verzegelen', 'aan', true)`);
        await tx.execute(sql`update audit_log set volgnr = 5000 where id = ${los!.id}`);
      }),
      /append-only/,
    );
    expect(await controleerKeten(database.db)).toMatchObject({ aantal: 42, breuk: null });
  });

  it('een gewijzigde regel breekt de keten precies daar', async () => {
    const [doel] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, 'c17'));
    await alsSuperuser(`UPDATE audit_log SET gebruiker_id = NULL WHERE id = ${doel!.id}`);
    const uitslag = await controleerKeten(database.db, undefined, 5);
    expect(uitslag.breuk).toMatchObject({ id: doel!.id, volgnr: doel!.volgnr, reden: expect.stringMatching(/hash/) });
    expect(uitslag.aantal).toBe(doel!.volgnr! - 1);
    await alsSuperuser(`UPDATE audit_log SET gebruiker_id = '${wie.gebruikerId}' WHERE id = ${doel!.id}`);
    expect((await controleerKeten(database.db)).breuk).toBeNull();
  });

  it('een verwijderde regel en een vervalste regel worden gevonden', async () => {
    const [weg] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, 'c30'));
    await alsSuperuser(`DELETE FROM audit_log WHERE id = ${weg!.id}`);
    expect((await controleerKeten(database.db)).breuk).toMatchObject({ volgnr: weg!.volgnr! + 1, reden: expect.stringMatching(/ontbreekt/) });
    // a forged row in the gap: right number, but the hash cannot follow from its predecessor without the chain
    await alsSuperuser(
      `INSERT INTO audit_log (id, tijdstip, actie, entiteit, doel, volgnr, hash) VALUES (${weg!.id}, now(), 'lezen', 'client', 'beheer', ${weg!.volgnr}, sha256('vervalst'::bytea))`,
    );
    expect((await controleerKeten(database.db)).breuk).toMatchObject({ volgnr: weg!.volgnr, reden: expect.stringMatching(/hash/) });
  });

  it('de verzegeling van de server ketent binnen een interval, en bij het stoppen wat nog openstond', async () => {
    const verzegeling = startVerzegeling(database.db, { intervalMs: 50 });
    await schrijf(3, 950);
    const open = async () => (await controleerKeten(database.db)).onverzegeld.aantal;
    for (const eind = Date.now() + 10_000; (await open()) > 0 && Date.now() < eind; ) await new Promise((klaar) => setTimeout(klaar, 50));
    expect(await open()).toBe(0);
    await schrijf(2, 960);
    await verzegeling.stop();
    // (the chain itself is broken by the forgery of the test before; only the sealing counts here)
    expect(await open()).toBe(0);
  });

  it('de append-only-triggers blijven staan', async () => {
    await verwachtDbFout(database.db.execute(sql`update audit_log set actie = 'weg'`), /append-only/);
    await verwachtDbFout(database.db.execute(sql`delete from audit_log`), /append-only/);
    await verwachtDbFout(database.db.execute(sql`truncate audit_log`), /append-only/);
  });
});

describe('migratie 0014 op een bestaand auditlog', () => {
  it('verzegelt de bestaande regels als begin van de keten en neemt hun pseudoniemen over', async () => {
    const drizzleMap = fileURLToPath(new URL('../../drizzle', import.meta.url));
    const oud = mkdtempSync(join(tmpdir(), 'doorstroom-mig-'));
    const client = new PGlite();
    try {
      cpSync(drizzleMap, oud, { recursive: true });
      const journaal = JSON.parse(readFileSync(join(drizzleMap, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
      const tot = journaal.entries.findIndex((e) => e.tag.endsWith('_audit_nen7513'));
      writeFileSync(join(oud, 'meta/_journal.json'), JSON.stringify({ ...journaal, entries: journaal.entries.slice(0, tot) }));
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: oud });
      for (const [i, details] of [{ pseudoniemen: ['C-OUD00001', 'C-OUD00002'] }, { pseudoniem: 'C-OUD00003' }, null].entries()) {
        await db.execute(sql`insert into audit_log (gebruiker_id, organisatie_id, regio_id, actie, entiteit, entiteit_id, details)
          values (${wie.gebruikerId}, ${wie.organisatieId}, ${wie.regioId}, 'lezen', 'client', ${`oud${i}`}, ${details ? JSON.stringify(details) : null}::jsonb)`);
      }
      await migrate(db, { migrationsFolder: drizzleMap });
      const rijen = (await db.execute(sql`select volgnr, pseudoniemen, doel from audit_log order by id`)).rows;
      expect(rijen).toEqual([
        { volgnr: 1, pseudoniemen: ['C-OUD00001', 'C-OUD00002'], doel: null },
        { volgnr: 2, pseudoniemen: ['C-OUD00003'], doel: null },
        { volgnr: 3, pseudoniemen: null, doel: null },
      ]);
      await schrijfAudit(db as never, wie, { actie: 'lezen', entiteit: 'client', doel: 'beheer' });
      expect(await verzegelAudit(db as never)).toBe(1);
      expect(await controleerKeten(db as never)).toMatchObject({ aantal: 4, breuk: null });
    } finally {
      await client.close();
      rmSync(oud, { recursive: true, force: true });
    }
  });
});

/**
 * Issue 12: every audited read used to take the chain's advisory lock with its audit row and hold it until its
 * commit, so a second read waited for the first to commit. Now the row is written unsealed without a lock: two
 * reads' transactions overlap, the second may commit before the first. PostgreSQL only (PGlite has one
 * connection, its transactions never overlap). As the app role, which may only call the sealing function.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('gelijktijdige gelogde leesacties (postgres)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase('postgres');
  });
  afterAll(() => database.close());

  it('twee transacties met een auditregel lopen door elkaar: de tweede commit terwijl de eerste nog open is', async () => {
    const volgorde: string[] = [];
    let tweedeKlaar!: () => void;
    const tweedeGecommit = new Promise<void>((klaar) => (tweedeKlaar = klaar));
    const lees = (naam: string) => async (tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0]) => {
      await tx.select({ n: sql<number>`count(*)` }).from(s.clienten);
      await schrijfAudit(tx, wie, { actie: 'lezen', entiteit: 'clientlijst', entiteitId: naam, doel: 'toegang_beoordeling', pseudoniemen: [`C-${naam}`] });
      volgorde.push(`${naam} regel geschreven`);
    };
    let eersteGeschreven!: () => void;
    const eersteRegel = new Promise<void>((klaar) => (eersteGeschreven = klaar));
    const eerste = database.db.transaction(async (tx) => {
      await lees('A')(tx);
      eersteGeschreven();
      // hold the transaction open until the second has committed; with the old lock the second could not even
      // write its row before this commit, so after 5 s the first gives up waiting and commits anyway
      await Promise.race([tweedeGecommit, new Promise((klaar) => setTimeout(klaar, 5000))]);
      volgorde.push('A commit');
    });
    await eersteRegel; // B starts once A holds its row (and, before issue 12, the chain's lock)
    const tweede = database.db.transaction(lees('B')).then(() => {
      volgorde.push('B gecommit');
      tweedeKlaar();
    });
    await Promise.all([eerste, tweede]);
    expect(volgorde).toEqual(['A regel geschreven', 'B regel geschreven', 'B gecommit', 'A commit']);
    // both rows join one intact chain once sealed, B (committed first) no matter its id
    expect(await verzegelAudit(database.db)).toBe(2);
    expect(await controleerKeten(database.db)).toMatchObject({ aantal: 2, breuk: null, onverzegeld: { aantal: 0 } });
  });
});
