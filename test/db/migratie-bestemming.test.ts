import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIE_MAP } from '../../src/paden.js';
import { BESTEMMING_MIGRATIE_0033, BESTEMMINGEN } from '../../src/domain/trajecten.js';

/**
 * Migration 0033 recodes the stored bestemming exactly as documented (BESTEMMING_MIGRATIE_0033, README and ADR
 * 0035): a database at the migration before it gets one uitstroom of every old value, in the events and in every
 * projection that copies the bestemming; after 0033 each holds the new value, and nothing else changed.
 */
describe('migratie 0033: oude bestemmingen naar nieuwe', () => {
  const map = mkdtempSync(join(tmpdir(), 'doorstroom-0033-'));
  afterAll(() => rmSync(map, { recursive: true, force: true }));

  it('elke oude waarde wordt de gedocumenteerde nieuwe, in gebeurtenissen, intervallen, stand en maandstromen', async () => {
    cpSync(MIGRATIE_MAP, map, { recursive: true });
    const journaalPad = join(map, 'meta', '_journal.json');
    const journaal = JSON.parse(readFileSync(journaalPad, 'utf8')) as { entries: { tag: string }[] };
    const i = journaal.entries.findIndex((e) => e.tag.startsWith('0033_'));
    expect(i).toBeGreaterThan(0);
    writeFileSync(journaalPad, JSON.stringify({ ...journaal, entries: journaal.entries.slice(0, i) }));

    const pg = new PGlite();
    const db = drizzle(pg);
    try {
      await migrate(db, { migrationsFolder: map });
      const oud = Object.keys(BESTEMMING_MIGRATIE_0033);
      const { rows: [regio] } = await pg.query<{ id: string }>(`insert into regios (naam) values ('Proefregio') returning id`);
      const { rows: [gemeente] } = await pg.query<{ id: string }>(`insert into organisaties (regio_id, naam, soort) values ($1, 'Proefstad', 'centrumgemeente') returning id`, [regio!.id]);
      for (const [k, waarde] of oud.entries()) {
        const { rows: [c] } = await pg.query<{ id: string }>(
          `insert into clienten (regio_id, pseudoniem, naam_versleuteld, geboortedatum, herkomstgemeente_id, huidige_gemeente_id, doelgroep) values ($1, $2, 'x', '1990-01-01', $3, $3, 'ggz') returning id`,
          [regio!.id, `C-PROEF${k}`, gemeente!.id],
        );
        await pg.query(`insert into traject_events (client_id, regio_id, soort, datum, bestemming, gemeente_id) values ($1, $2, 'uitstroom', '2025-03-01', $3, $4)`, [c!.id, regio!.id, waarde, gemeente!.id]);
        await pg.query(
          `insert into traject_intervallen (client_id, volgnr, regio_id, gemeente_id, soort, fase, van, bestemming, jong_vanaf, jong_tot) values ($1, 0, $2, $3, 'uitstroom', 'uitgestroomd', '2025-03-01', $4, '2008-01-01', '2015-01-01')`,
          [c!.id, regio!.id, gemeente!.id, waarde],
        );
        await pg.query(`update client_stand set fase = 'uitgestroomd', bestemming = $2 where client_id = $1`, [c!.id, waarde]);
        await pg.query(
          `insert into monitor_maandstromen (regio_id, gemeente_id, maand, soort, bestemming, aantal, jongeren, teruggekeerd, teruggekeerd_jongeren) values ($1, $2, '2025-03-01', 'uitstroom', $3, ${k + 1}, 0, 0, 0)`,
          [regio!.id, gemeente!.id, waarde],
        );
      }

      await migrate(db, { migrationsFolder: MIGRATIE_MAP });

      const perTabel = async (sql: string) => Object.fromEntries((await pg.query<{ pseudoniem: string; bestemming: string }>(sql)).rows.map((r) => [r.pseudoniem, r.bestemming]));
      const verwacht = Object.fromEntries(oud.map((w, k) => [`C-PROEF${k}`, BESTEMMING_MIGRATIE_0033[w]]));
      expect(await perTabel(`select c.pseudoniem, e.bestemming from traject_events e join clienten c on c.id = e.client_id`)).toEqual(verwacht);
      expect(await perTabel(`select c.pseudoniem, i.bestemming from traject_intervallen i join clienten c on c.id = i.client_id`)).toEqual(verwacht);
      expect(await perTabel(`select pseudoniem, bestemming from client_stand`)).toEqual(verwacht);
      const stromen = (await pg.query<{ bestemming: string; aantal: number }>(`select bestemming, aantal from monitor_maandstromen`)).rows;
      expect(Object.fromEntries(stromen.map((r) => [r.bestemming, r.aantal]))).toEqual(Object.fromEntries(oud.map((w, k) => [BESTEMMING_MIGRATIE_0033[w], k + 1])));
      // every new value is a valid bestemming, and the append-only guard is back on
      for (const nieuw of Object.values(BESTEMMING_MIGRATIE_0033)) expect(BESTEMMINGEN).toContain(nieuw);
      await expect(pg.query(`update traject_events set bestemming = 'onbekend'`)).rejects.toThrow(/append-only/);
    } finally {
      await pg.close();
    }
  });
});
