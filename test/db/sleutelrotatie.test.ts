import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNotNull, sql } from 'drizzle-orm';
import * as s from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import { startInschrijving } from '../../src/db/repos/mfa.js';
import { controleerSleutel, roteerSleutel, VERSLEUTELDE_KOLOMMEN } from '../../src/db/repos/sleutelrotatie.js';
import { SleutelFout, Versleuteling } from '../../src/db/versleuteling.js';
import { DEMO_TOTP_GEHEIM } from '../../src/db/seed.js';
import { backends, seedTestRegios, testDatabase, testVersleuteling } from '../helpers.js';

const nieuw = new Versleuteling(Buffer.alloc(32, 9));
const vreemd = new Versleuteling(Buffer.alloc(32, 3));

/** Every encrypted value, as (table, id, column) → stored text. */
async function alleWaarden(database: Database) {
  const uit = new Map<string, string>();
  for (const { tabel, id, kolommen } of VERSLEUTELDE_KOLOMMEN) {
    for (const k of kolommen) {
      const res = (await database.db.execute(sql`select ${sql.identifier(id)}::text as id, ${sql.identifier(k)} as w from ${sql.identifier(tabel)} where ${sql.identifier(k)} is not null`)) as unknown as { rows: { id: string; w: string }[] };
      for (const r of res.rows) uit.set(`${tabel}.${k}.${r.id}`, r.w);
    }
  }
  return uit;
}

describe.each(backends)('sleutelrotatie op %s', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(backend);
    await seedTestRegios(database, 30);
    // an enrolment under way: its pending secret is encrypted too
    const [lezer] = await database.db.select().from(s.gebruikers).where(eq(s.gebruikers.email, 'lezer@woonstede-rivierland.demo'));
    await startInschrijving(database.db, lezer!.id, testVersleuteling);
  });
  afterAll(() => database.close());

  it('elke kolom *_versleuteld in de database staat in VERSLEUTELDE_KOLOMMEN', async () => {
    const res = (await database.db.execute(
      sql`select table_name as tabel, column_name as kolom from information_schema.columns where table_schema = 'public' and column_name like '%versleuteld'`,
    )) as unknown as { rows: { tabel: string; kolom: string }[] };
    const bekend = new Set(VERSLEUTELDE_KOLOMMEN.flatMap((t) => t.kolommen.map((k) => `${t.tabel}.${k}`)));
    expect(res.rows.map((r) => `${r.tabel}.${r.kolom}`).filter((k) => !bekend.has(k))).toEqual([]);
  });

  it('met een verkeerde huidige sleutel verandert er niets', async () => {
    const voor = await alleWaarden(database);
    await expect(database.db.transaction((tx) => roteerSleutel(tx, vreemd, nieuw))).rejects.toThrow(SleutelFout);
    expect(await alleWaarden(database)).toEqual(voor);
    await expect(controleerSleutel(database.db, vreemd)).rejects.toThrow(/past niet bij de gegevens/);
  });

  it('versleutelt alles opnieuw en herberekent bsn_hash; daarna leest alleen de nieuwe sleutel', async () => {
    const voor = await alleWaarden(database);
    const klaar = new Map([...voor].map(([k, w]) => [k, testVersleuteling.ontsleutel(w)]));
    expect([...voor.keys()].some((k) => k.startsWith('gebruiker_mfa.geheim_versleuteld'))).toBe(true);
    expect([...voor.keys()].some((k) => k.startsWith('gebruiker_mfa.nieuw_geheim_versleuteld'))).toBe(true);
    expect([...voor.keys()].some((k) => k.startsWith('clienten.risico_notities_versleuteld'))).toBe(true);

    // small batches, so the keyset paging over several batches is exercised
    const r = await database.db.transaction((tx) => roteerSleutel(tx, testVersleuteling, nieuw, undefined, 7));
    expect(r.waarden).toBe(voor.size);

    const na = await alleWaarden(database);
    expect([...na.keys()].sort()).toEqual([...voor.keys()].sort());
    for (const [k, w] of na) {
      expect(w).not.toBe(voor.get(k));
      expect(nieuw.ontsleutel(w)).toBe(klaar.get(k));
      expect(() => testVersleuteling.ontsleutel(w), k).toThrow();
    }
    // the demo TOTP secret survives the rotation
    expect([...na].filter(([k]) => k.startsWith('gebruiker_mfa.geheim')).every(([, w]) => nieuw.ontsleutel(w) === DEMO_TOTP_GEHEIM)).toBe(true);
    // keyed hashes follow the new key: a BSN is found again with it, not with the old one
    const metBsn = await database.db.select().from(s.clienten).where(isNotNull(s.clienten.bsnVersleuteld));
    expect(metBsn.length).toBeGreaterThan(0);
    for (const c of metBsn) {
      const bsn = nieuw.ontsleutel(c.bsnVersleuteld!);
      expect(c.bsnHash).toBe(nieuw.zoekHash(bsn));
      expect(c.bsnHash).not.toBe(testVersleuteling.zoekHash(bsn));
    }
    expect(r.hashes['clienten.bsn_hash']).toBe(metBsn.length);
    await controleerSleutel(database.db, nieuw);
    await expect(controleerSleutel(database.db, testVersleuteling)).rejects.toThrow(SleutelFout);
  });
});
