import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.js';
import { actorVoorSessie, type Sessie } from '../db/repos/gebruikers.js';

/** How long a resolved session is reused without asking the database (ADR 0011). */
export const SESSIE_CACHE_MS = 5_000;

/**
 * Resolved sessions per token hash, for a few seconds: most requests of a logged-in user then touch the database
 * only for their own work, and a request with a cookie is answered even while the database is busy.
 * - never past the session's own expiry (checked on every hit);
 * - a logout on this server removes the entry at once;
 * - anything decided elsewhere (a logout on another app server, a deactivated user or changed role, whose
 *   sessions the database trigger of migration 0011 ends) takes effect here within `ttlMs`: no entry is served
 *   longer than that after the database said it was valid.
 * An entry past half its life is refreshed in the background on its next hit, so a user who keeps working does
 * not wait for the lookup behind a slow query once every `ttlMs`.
 */
export class SessieCache {
  private readonly cache: LRUCache<string, Sessie>;
  private readonly ttlMs: number;
  /** bumped by every removal: a lookup that began before a logout must not store what it read */
  private versie = 0;
  private readonly verversing = new Set<string>();

  constructor(
    private readonly db: Db,
    ttlMs = SESSIE_CACHE_MS,
    max = 10_000,
  ) {
    this.ttlMs = Math.max(1, ttlMs);
    this.cache = new LRUCache<string, Sessie>({ max, ttl: this.ttlMs });
  }

  async zoek(tokenHash: string, nu: Date): Promise<Sessie | null> {
    const bewaard = this.cache.get(tokenHash);
    if (bewaard) {
      if (bewaard.verloopt <= nu) {
        this.cache.delete(tokenHash);
        return null;
      }
      if (this.cache.getRemainingTTL(tokenHash) < this.ttlMs / 2) void this.ververs(tokenHash, nu);
      return bewaard;
    }
    return this.haalOp(tokenHash, nu);
  }

  vergeet(tokenHash: string) {
    this.versie++;
    this.cache.delete(tokenHash);
  }

  private async haalOp(tokenHash: string, nu: Date): Promise<Sessie | null> {
    const versie = this.versie;
    const sessie = await actorVoorSessie(this.db, tokenHash, nu);
    if (versie === this.versie) {
      if (sessie) {
        Object.freeze(sessie.actor);
        this.cache.set(tokenHash, sessie);
      } else this.cache.delete(tokenHash);
    }
    return sessie;
  }

  private async ververs(tokenHash: string, nu: Date) {
    if (this.verversing.has(tokenHash)) return;
    this.verversing.add(tokenHash);
    try {
      await this.haalOp(tokenHash, nu);
    } catch {
      // the entry simply runs out; the next request that needs it asks the database itself
    } finally {
      this.verversing.delete(tokenHash);
    }
  }
}
