import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/client.js';

type Teller = { current: number; ttl: number };
type Terugroep = (fout: Error | null, teller?: Teller) => void;

/** How often (one in N increments) expired counters are cleared on the way: enough to keep the table small. */
const OPRUIMEN_ELKE = 200;

/**
 * A store for @fastify/rate-limit that counts in the database (table rate_limiet) instead of process memory, so the
 * limit holds across every app server on one database (ADR 0020). One fixed window per key, like the library's own
 * LocalStore: the first attempt opens it, the window's end is the database's clock (servers may disagree on time).
 * Keys are hashed with the route: they contain an address and an e-mail address, which the table must not.
 */
export function pgRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let teller = 0;
  class PgRateLimitStore implements FastifyRateLimitStore {
    // the plugin constructs the store with its options (unused: the window and limit come with each increment)
    constructor(_opties?: unknown, private readonly routeSleutel = '') {}

    incr(sleutel: string, klaar: Terugroep, venster: number) {
      const hash = createHash('sha256').update(`${this.routeSleutel}\u0000${sleutel}`).digest('base64url');
      const ms = Math.max(1, Math.trunc(venster));
      (async () => {
        if (++teller % OPRUIMEN_ELKE === 0) await db.execute(sql`DELETE FROM rate_limiet WHERE verloopt < now()`);
        const rijen = await db.execute(sql`
          INSERT INTO rate_limiet (sleutel, aantal, verloopt) VALUES (${hash}, 1, now() + ${ms} * interval '1 millisecond')
          ON CONFLICT (sleutel) DO UPDATE SET
            aantal = CASE WHEN rate_limiet.verloopt <= now() THEN 1 ELSE rate_limiet.aantal + 1 END,
            verloopt = CASE WHEN rate_limiet.verloopt <= now() THEN excluded.verloopt ELSE rate_limiet.verloopt END
          RETURNING aantal, ceil(extract(epoch FROM verloopt - now()) * 1000)::bigint AS ttl`);
        const rij = (rijen as unknown as { rows: { aantal: number; ttl: string }[] }).rows[0]!;
        return { current: Number(rij.aantal), ttl: Math.max(0, Number(rij.ttl)) };
      })().then(
        (t) => klaar(null, t),
        (fout: Error) => klaar(fout),
      );
    }

    child(routeOpties: Parameters<FastifyRateLimitStore['child']>[0]) {
      // at run time the merged route limits, with the route itself under routeInfo (index.js mergeParams)
      const r = (routeOpties as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new PgRateLimitStore(undefined, `${String(r?.method ?? '')} ${r?.url ?? ''}`);
    }
  }
  return PgRateLimitStore;
}
