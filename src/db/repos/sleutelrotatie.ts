import { schrijfNaamIndex } from './naamindex.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { GEANONIMISEERD, SleutelFout, type Versleuteling } from '../versleuteling.js';

/**
 * Every column encrypted with the field key (Versleuteling). A new encrypted column belongs in this list, or
 * `doorstroom sleutel-roteer` leaves it readable only with the old key; test/db/sleutelrotatie.test.ts fails
 * for a column named *_versleuteld that is missing here.
 */
export const VERSLEUTELDE_KOLOMMEN: { tabel: string; id: string; kolommen: string[] }[] = [
  { tabel: 'clienten', id: 'id', kolommen: ['naam_versleuteld', 'bsn_versleuteld', 'risico_notities_versleuteld'] },
  { tabel: 'gebruiker_mfa', id: 'gebruiker_id', kolommen: ['geheim_versleuteld', 'nieuw_geheim_versleuteld'] },
  { tabel: 'zrm_beoordelingen', id: 'id', kolommen: ['toelichting_versleuteld'] },
  { tabel: 'begeleidingen', id: 'id', kolommen: ['plan_versleuteld'] },
];

/**
 * Keyed hashes (HMAC with the same key) that must be recomputed after the values are re-encrypted; each reads
 * the values with the new key.
 */
export const SLEUTEL_HASHES: { naam: string; herbereken: (tx: Tx, nieuw: Versleuteling, partijGrootte: number) => Promise<number> }[] = [
  { naam: 'clienten.bsn_hash', herbereken: herberekenBsnHashes },
  { naam: 'client_naam_tokens', herbereken: herberekenNaamTokens },
];

const PARTIJ = 500;
type Rij = Record<string, string | null>;
const rijen = (r: unknown) => (r as { rows: Rij[] }).rows;

async function herberekenBsnHashes(tx: Tx, nieuw: Versleuteling, partijGrootte: number): Promise<number> {
  let na = '';
  let aantal = 0;
  for (;;) {
    const partij = rijen(
      await tx.execute(
        na
          ? sql`select id::text as id, bsn_versleuteld from clienten where bsn_versleuteld is not null and id > ${na}::uuid order by id limit ${partijGrootte}`
          : sql`select id::text as id, bsn_versleuteld from clienten where bsn_versleuteld is not null order by id limit ${partijGrootte}`,
      ),
    );
    if (!partij.length) return aantal;
    const waarden = sql.join(
      partij.map((r) => sql`(${r.id}, ${nieuw.zoekHash(nieuw.ontsleutel(r.bsn_versleuteld!))})`),
      sql`, `,
    );
    await tx.execute(sql`update clienten c set bsn_hash = v.h from (values ${waarden}) as v(id, h) where c.id = v.id::uuid`);
    aantal += partij.length;
    na = partij.at(-1)!.id!;
  }
}

/** The blind name index (repos/naamindex) from the names decrypted with the new key, in batches of clients. */
async function herberekenNaamTokens(tx: Tx, nieuw: Versleuteling, partijGrootte: number): Promise<number> {
  let na = '';
  let aantal = 0;
  for (;;) {
    const partij = rijen(
      await tx.execute(
        na
          ? sql`select id::text as id, naam_versleuteld from clienten where geanonimiseerd_op is null and id > ${na}::uuid order by id limit ${partijGrootte}`
          : sql`select id::text as id, naam_versleuteld from clienten where geanonimiseerd_op is null order by id limit ${partijGrootte}`,
      ),
    );
    if (!partij.length) return aantal;
    await schrijfNaamIndex(tx, partij.map((r) => ({ clientId: r.id!, naam: nieuw.ontsleutel(r.naam_versleuteld!) })), nieuw);
    aantal += partij.length;
    na = partij.at(-1)!.id!;
  }
}

export interface RotatieResultaat {
  waarden: number;
  perTabel: Record<string, number>;
  hashes: Record<string, number>;
}

/**
 * Re-encrypts every encrypted column from the old to the new key and recomputes the keyed hashes, inside the
 * caller's transaction: a value the old key cannot read (wrong key configured, damaged data) aborts everything,
 * so the database is never half old, half new.
 */
export async function roteerSleutel(
  tx: Tx,
  oud: Versleuteling,
  nieuw: Versleuteling,
  voortgang?: (stap: string, klaar: number, totaal: number) => void,
  partijGrootte = PARTIJ,
): Promise<RotatieResultaat> {
  const resultaat: RotatieResultaat = { waarden: 0, perTabel: {}, hashes: {} };
  for (const { tabel, id, kolommen } of VERSLEUTELDE_KOLOMMEN) {
    const t = sql.identifier(tabel);
    const idKolom = sql.identifier(id);
    const [{ totaal }] = rijen(await tx.execute(sql`select count(*)::text as totaal from ${t}`)) as [{ totaal: string }];
    // keyset paging on the primary key in its own type, so every batch is an index range, not a scan
    const [{ type }] = rijen(
      await tx.execute(sql`select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ${tabel}::regclass and attname = ${id}`),
    ) as [{ type: string }];
    const alsId = (waarde: unknown) => sql`cast(${waarde} as ${sql.raw(type)})`;
    let na = '';
    let klaar = 0;
    resultaat.perTabel[tabel] = 0;
    for (;;) {
      const kolomLijst = sql.join(kolommen.map((k) => sql.identifier(k)), sql`, `);
      const vanaf = na ? sql`where ${idKolom} > ${alsId(na)}` : sql``;
      const partij = rijen(await tx.execute(sql`select ${idKolom}::text as __id, ${kolomLijst} from ${t} ${vanaf} order by ${idKolom} limit ${partijGrootte}`));
      if (!partij.length) break;
      const waarden = sql.join(
        partij.map((r) => {
          const velden = kolommen.map((k) => {
            const w = r[k];
            if (w === null || w === undefined) return sql`null::text`;
            // an anonymised dossier holds a marker, not a ciphertext: nothing to re-encrypt
            if (w === GEANONIMISEERD) return sql`${w}::text`;
            let tekst: string;
            try {
              tekst = oud.ontsleutel(w);
            } catch {
              throw new SleutelFout(`${tabel}.${k} (${id} ${r.__id}) kan niet worden ontsleuteld met de huidige sleutel; er is niets gewijzigd.`);
            }
            resultaat.waarden++;
            resultaat.perTabel[tabel]!++;
            return sql`${nieuw.versleutel(tekst)}::text`;
          });
          return sql`(${r.__id}, ${sql.join(velden, sql`, `)})`;
        }),
        sql`, `,
      );
      const zet = sql.join(kolommen.map((k) => sql`${sql.identifier(k)} = v.${sql.identifier(k)}`), sql`, `);
      const alias = sql.join([sql`__id`, ...kolommen.map((k) => sql.identifier(k))], sql`, `);
      await tx.execute(sql`update ${t} set ${zet} from (values ${waarden}) as v(${alias}) where ${t}.${idKolom} = ${alsId(sql`v.__id`)}`);
      klaar += partij.length;
      na = partij.at(-1)!.__id!;
      voortgang?.(tabel, klaar, Number(totaal));
    }
  }
  for (const h of SLEUTEL_HASHES) resultaat.hashes[h.naam] = await h.herbereken(tx, nieuw, partijGrootte);
  return resultaat;
}

/**
 * At start: does the configured key read the data? One value per encrypted column; a wrong key (a rotation
 * whose new key was not configured, a key of another installation) refuses to start instead of failing on the
 * first dossier someone opens.
 */
export async function controleerSleutel(db: Pick<Tx, 'execute'>, v: Versleuteling): Promise<void> {
  for (const { tabel, kolommen } of VERSLEUTELDE_KOLOMMEN) {
    for (const k of kolommen) {
      const [rij] = rijen(await db.execute(sql`select ${sql.identifier(k)} as w from ${sql.identifier(tabel)} where ${sql.identifier(k)} is not null limit 1`));
      if (!rij?.w) continue;
      try {
        v.ontsleutel(rij.w);
      } catch {
        throw new SleutelFout(`De sleutel past niet bij de gegevens in de database (${tabel}.${k}); controleer DOORSTROOM_SLEUTEL of DOORSTROOM_SLEUTEL_BESTAND.`);
      }
    }
  }
}
