import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { Versleuteling } from '../versleuteling.js';
import { naamIndexTermen, zoekTermen } from '../../domain/naamzoek.js';

/**
 * The blind index of client names (client_naam_tokens): per client the keyed hashes of its name's tokens and
 * their prefixes (domain/naamzoek). Written wherever a name is written (maakClient, the CSV import, the seed);
 * a name change or a key rotation calls herberekenNaamIndex with the plaintext name.
 */

// one statement writes at most this many clients: bounded parameters and memory
const DEEL = 1000;

async function rijen<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const uuidLijst = (ids: readonly string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

/** Replaces the index rows of these clients by those of the given plaintext names; call it in the writing transaction. */
export async function schrijfNaamIndex(db: DbOrTx, namen: readonly { clientId: string; naam: string }[], v: Versleuteling): Promise<void> {
  for (let i = 0; i < namen.length; i += DEEL) {
    const deel = namen.slice(i, i + DEEL);
    const regels: { client_id: string; token_hash: string }[] = [];
    for (const { clientId, naam } of deel) {
      for (const term of naamIndexTermen(naam)) regels.push({ client_id: clientId, token_hash: v.naamTokenHash(term) });
    }
    await db.execute(sql`delete from client_naam_tokens where client_id = any(${uuidLijst(deel.map((n) => n.clientId))})`);
    if (regels.length) {
      // one JSON parameter instead of two per row: no parameter limit, one round trip
      await db.execute(sql`insert into client_naam_tokens (client_id, token_hash)
        select client_id, token_hash from jsonb_to_recordset(${JSON.stringify(regels)}::jsonb) as x(client_id uuid, token_hash text)
        on conflict do nothing`);
    }
    await werkNaamSleutelBij(db, deel.map((n) => n.clientId));
  }
}

/**
 * clienten.naam_sleutel: one hash over the sorted token hashes of a client's name, so "same name" is one column to
 * group on (datakwaliteit.dubbelen) instead of folding the whole index. Same tokens ⇔ same key; null without tokens.
 */
async function werkNaamSleutelBij(db: DbOrTx, clientIds: readonly string[]): Promise<void> {
  await db.execute(sql`update clienten c set naam_sleutel = (
      select md5(string_agg(t.token_hash, ',' order by t.token_hash)) from client_naam_tokens t where t.client_id = c.id
    ) where c.id = any(${uuidLijst(clientIds)})`);
}

/** One client's index from its plaintext name: for a name change and for a key rotation (new Versleuteling). */
export async function herberekenNaamIndex(db: DbOrTx, clientId: string, naam: string, v: Versleuteling): Promise<void> {
  await schrijfNaamIndex(db, [{ clientId, naam }], v);
}

/** True when a client has no index rows: a database from before migration 0010 (which cannot reach the key). */
export async function naamIndexOntbreekt(db: DbOrTx): Promise<boolean> {
  const [r] = await rijen<{ ontbreekt: boolean }>(
    db,
    sql`select exists (select 1 from clienten c where not exists (select 1 from client_naam_tokens t where t.client_id = c.id)) as ontbreekt`,
  );
  return r!.ontbreekt;
}

/**
 * Decrypts the names of the clients without index rows and indexes them (start after migration 0010). A name
 * without a single letter or digit has no rows and is simply decrypted again at the next start.
 */
export async function vulOntbrekendeNaamIndex(db: DbOrTx, v: Versleuteling, voortgang?: (klaar: number, totaal: number) => void): Promise<number> {
  const ontbrekend = await rijen<{ id: string; naam_versleuteld: string }>(
    db,
    sql`select c.id, c.naam_versleuteld from clienten c where not exists (select 1 from client_naam_tokens t where t.client_id = c.id) order by c.id`,
  );
  for (let i = 0; i < ontbrekend.length; i += DEEL) {
    const deel = ontbrekend.slice(i, i + DEEL);
    await schrijfNaamIndex(db, deel.map((c) => ({ clientId: c.id, naam: v.ontsleutel(c.naam_versleuteld) })), v);
    voortgang?.(Math.min(i + DEEL, ontbrekend.length), ontbrekend.length);
  }
  return ontbrekend.length;
}

/**
 * The clients whose name holds every term of `zoek`, as a subquery of client ids; null when the query has no
 * term (then it cannot match a name).
 */
export function naamTreffers(zoek: string, v: Versleuteling) {
  const termen = zoekTermen(zoek);
  if (termen.length === 0) return null;
  const hashes = termen.map((t) => v.naamTokenHash(t));
  return sql`(select t.client_id from client_naam_tokens t where t.token_hash in (${sql.join(hashes.map((h) => sql`${h}`), sql`, `)})
    group by t.client_id having count(*) = ${hashes.length}::int)`;
}
