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
import { controleerKeten, schrijfAudit } from '../../src/db/repos/audit.js';
import { VERWERKINGSACTIVITEITEN } from '../../src/domain/audit.js';
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
    // volgnr and hash given by the caller are overwritten by the trigger
    await database.db.insert(s.auditLog).values({ actie: 'lezen', entiteit: 'x', doel: 'beheer', volgnr: 999, hash: new Uint8Array([1, 2, 3]) });
    const nummers = (await database.db.select({ volgnr: s.auditLog.volgnr }).from(s.auditLog).orderBy(asc(s.auditLog.volgnr))).map((r) => r.volgnr);
    expect(nummers).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const uitslag = await controleerKeten(database.db, undefined, 7);
    expect(uitslag.breuk).toBeNull();
    expect(uitslag.aantal).toBe(41);
    expect(uitslag.kop?.volgnr).toBe(41);
  });

  it('een gewijzigde regel breekt de keten precies daar', async () => {
    const [doel] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, 'c17'));
    await alsSuperuser(`UPDATE audit_log SET gebruiker_id = NULL WHERE id = ${doel!.id}`);
    const uitslag = await controleerKeten(database.db, undefined, 5);
    expect(uitslag.breuk).toMatchObject({ id: doel!.id, volgnr: doel!.volgnr, reden: expect.stringMatching(/hash/) });
    expect(uitslag.aantal).toBe(doel!.volgnr - 1);
    await alsSuperuser(`UPDATE audit_log SET gebruiker_id = '${wie.gebruikerId}' WHERE id = ${doel!.id}`);
    expect((await controleerKeten(database.db)).breuk).toBeNull();
  });

  it('een verwijderde regel en een vervalste regel worden gevonden', async () => {
    const [weg] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entiteitId, 'c30'));
    await alsSuperuser(`DELETE FROM audit_log WHERE id = ${weg!.id}`);
    expect((await controleerKeten(database.db)).breuk).toMatchObject({ volgnr: weg!.volgnr + 1, reden: expect.stringMatching(/ontbreekt/) });
    // a forged row in the gap: right number, but the hash cannot follow from its predecessor without the chain
    await alsSuperuser(
      `INSERT INTO audit_log (id, tijdstip, actie, entiteit, doel, volgnr, hash) VALUES (${weg!.id}, now(), 'lezen', 'client', 'beheer', ${weg!.volgnr}, sha256('vervalst'::bytea))`,
    );
    expect((await controleerKeten(database.db)).breuk).toMatchObject({ volgnr: weg!.volgnr, reden: expect.stringMatching(/hash/) });
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
      expect(await controleerKeten(db as never)).toMatchObject({ aantal: 4, breuk: null });
    } finally {
      await client.close();
      rmSync(oud, { recursive: true, force: true });
    }
  });
});
