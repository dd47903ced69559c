import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.js';
import { actorVoorSessie, type Sessie } from '../db/repos/gebruikers.js';

/** How long a resolved session is reused without asking the database (ADR 0002). */
export const SESSIE_CACHE_MS = 5_000;

/**
 * Resolved sessions per token hash, for a few seconds: most requests of a logged-in user then touch the database
 * only for their own work, and a request with a cookie is answered even while the database is busy.
 * - never past the session's own expiry (checked on every hit);
 * - a logout on this server removes the entry at once;
 * - anything decided elsewhere (a logout on another app server, a deactivated user or changed role, whose
 *   sessions the database trigger of migration 0011 ends) takes effect here within `ttlMs`.
 */
export class SessieCache {
  private readonly cache: LRUCache<string, Sessie>;
  /** bumped by every removal: a lookup that began before a logout must not store what it read */
  private versie = 0;

  constructor(
    private readonly db: Db,
    ttlMs = SESSIE_CACHE_MS,
    max = 10_000,
  ) {
    this.cache = new LRUCache<string, Sessie>({ max, ttl: Math.max(1, ttlMs) });
  }

  async zoek(tokenHash: string, nu: Date): Promise<Sessie | null> {
    const bewaard = this.cache.get(tokenHash);
    if (bewaard) {
      if (bewaard.verloopt > nu) return bewaard;
      this.cache.delete(tokenHash);
      return null;
    }
    const versie = this.versie;
    const sessie = await actorVoorSessie(this.db, tokenHash, nu);
    if (sessie && versie === this.versie) {
      Object.freeze(sessie.actor);
      this.cache.set(tokenHash, sessie);
    }
    return sessie;
  }

  vergeet(tokenHash: string) {
    this.versie++;
    this.cache.delete(tokenHash);
  }
}
