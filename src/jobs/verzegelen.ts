import type { Db } from '../db/client.js';
import { verzegelAudit } from '../db/repos/audit.js';

export interface Verzegeling {
  /** stops the timer, waits for a round in progress and seals once more (rows of the last requests) */
  stop(): Promise<void>;
}

/**
 * Chains the audit rows that requests wrote unsealed (docs/adr/0031), every `intervalMs`. One round is one short
 * transaction under the chain's lock for however many rows arrived; every server process runs this, and a round
 * that finds nothing costs one index probe. An interval of a second keeps the unsealed tail (the only rows a
 * database owner could still change without breaking a hash) a second long.
 */
export function startVerzegeling(db: Db, opties: { intervalMs?: number; log?: { error(o: object, m: string): void } } = {}): Verzegeling {
  let lopend: Promise<void> | null = null;
  let gestopt = false;
  const ronde = () => {
    if (lopend) return lopend;
    lopend = verzegelAudit(db)
      .then(() => undefined)
      .catch((err: unknown) => opties.log?.error({ err }, 'auditregels verzegelen mislukt; volgende ronde probeert opnieuw'))
      .finally(() => {
        lopend = null;
      });
    return lopend;
  };
  const timer = setInterval(() => void (gestopt || ronde()), opties.intervalMs ?? 1000);
  timer.unref();
  return {
    stop: async () => {
      gestopt = true;
      clearInterval(timer);
      while (lopend) await lopend;
      await ronde();
    },
  };
}
