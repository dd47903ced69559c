import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

/**
 * Bulk insert for seeds: parts of 5,000 rows, each one statement with one JSON parameter read by
 * jsonb_populate_recordset (the table's own row type, so no column list to keep in step). Building a drizzle
 * VALUES list of 15 parameters a row cost more time in Node than the insert itself in the database, and a
 * 20,000-client region needs hundreds of those statements. Values go through the column's own driver mapping
 * (dates, arrays); json columns stay JSON.
 */
export async function insertInDelen<T extends object>(db: DbOrTx, tabel: PgTable, rijen: T[], stap?: string, voortgang?: (stap: string, klaar: number, totaal: number) => void) {
  const deel = 5000;
  const kolommen = getTableColumns(tabel) as Record<string, PgColumn>;
  for (let i = 0; i < rijen.length; i += deel) {
    const stuk = rijen.slice(i, i + deel) as Record<string, unknown>[];
    const sleutels = Object.keys(stuk[0]!).filter((k) => kolommen[k]);
    const regels = stuk.map((rij) => {
      const uit: Record<string, unknown> = {};
      for (const k of sleutels) {
        const kolom = kolommen[k]!;
        const waarde = rij[k];
        uit[kolom.name] = waarde === null || waarde === undefined ? null : kolom.getSQLType().startsWith('json') ? waarde : kolom.mapToDriverValue(waarde);
      }
      return uit;
    });
    // every row must name the same columns: a missing key would be NULL here instead of the column's default
    if (stuk.some((rij) => Object.keys(rij).filter((k) => kolommen[k]).length !== sleutels.length)) {
      await db.insert(tabel).values(stuk as never);
    } else {
      const namen = sql.raw(sleutels.map((k) => `"${kolommen[k]!.name}"`).join(', '));
      await db.execute(sql`insert into ${tabel} (${namen}) select ${namen} from jsonb_populate_recordset(null::${tabel}, ${JSON.stringify(regels)}::jsonb)`);
    }
    if (stap) voortgang?.(stap, Math.min(i + deel, rijen.length), rijen.length);
  }
}
