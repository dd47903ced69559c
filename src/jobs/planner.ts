import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { analyseer, type Db } from '../db/client.js';
import * as s from '../db/schema.js';
import { stuurOmklapWaarschuwingen } from '../db/repos/meldingen.js';
import { escaleerTeLaat, type JobOpties } from '../db/repos/signalen.js';
import { voerBewaartermijnenUit, type BewaarRondeResultaat } from './bewaartermijnen.js';
import { voerVoorstelRondeUit } from './voorstel-termijnen.js';
import { voerEvaluatieRondeUit } from './evaluaties.js';

export const TAAK_SIGNALEN = 'signalen-bewaking';
export const TAAK_BEWAARTERMIJNEN = 'bewaartermijnen';
const DAG_MS = 24 * 3600_000;
/** A run that crashed without releasing its lock blocks other instances at most this long. */
const VERGRENDELING_MS = 5 * 60_000;

/**
 * Takes the job's lock in `taken` for a while. Several server processes on one database can all run the
 * planner: one wins the lock per round. The work itself is idempotent, so the lock only saves effort.
 */
export async function claimTaak(db: Db, naam: string, nu: Date, duurMs = VERGRENDELING_MS): Promise<boolean> {
  await db.insert(s.taken).values({ naam }).onConflictDoNothing();
  const rijen = await db
    .update(s.taken)
    .set({ vergrendeldTot: new Date(nu.getTime() + duurMs) })
    .where(and(eq(s.taken.naam, naam), or(isNull(s.taken.vergrendeldTot), lt(s.taken.vergrendeldTot, nu))))
    .returning({ naam: s.taken.naam });
  return rijen.length === 1;
}

export async function geefTaakVrij(db: Db, naam: string, nu: Date, gelukt: boolean) {
  await db
    .update(s.taken)
    .set({ vergrendeldTot: null, ...(gelukt ? { laatsteRun: nu } : {}) })
    .where(eq(s.taken.naam, naam));
}

export interface RondeResultaat {
  uitgevoerd: boolean;
  geescaleerd: number;
  meldingen: number;
  waarschuwingen: number;
}

/**
 * One round of the signal watch: escalate overdue signals, then send due omklap warnings.
 * Tests call this directly with their own clock; the server calls it from startPlanner.
 */
export async function voerSignaalRondeUit(db: Db, nu: Date, opties: JobOpties = {}): Promise<RondeResultaat> {
  if (!(await claimTaak(db, TAAK_SIGNALEN, nu))) return { uitgevoerd: false, geescaleerd: 0, meldingen: 0, waarschuwingen: 0 };
  let gelukt = false;
  try {
    const esc = await escaleerTeLaat(db, nu, opties);
    const omk = await stuurOmklapWaarschuwingen(db, nu);
    gelukt = true;
    return { uitgevoerd: true, ...esc, ...omk };
  } finally {
    // on failure the lock is released too: the next round retries at once, which is safe because the work is idempotent
    await geefTaakVrij(db, TAAK_SIGNALEN, nu, gelukt);
  }
}

/**
 * The daily retention run: at most once per 24 hours (laatste_run in taken), under its own lock (an hour: a large
 * regio may take a while). Safe after a crash: each destruction is its own transaction, so the next round redoes
 * only what was left.
 */
export async function voerBewaarRondeUit(db: Db, nu: Date): Promise<BewaarRondeResultaat | null> {
  const [taak] = await db.select().from(s.taken).where(eq(s.taken.naam, TAAK_BEWAARTERMIJNEN));
  if (taak?.laatsteRun && nu.getTime() - taak.laatsteRun.getTime() < DAG_MS) return null;
  if (!(await claimTaak(db, TAAK_BEWAARTERMIJNEN, nu, 60 * 60_000))) return null;
  let gelukt = false;
  try {
    const r = await voerBewaartermijnenUit(db, nu);
    gelukt = true;
    return r;
  } finally {
    await geefTaakVrij(db, TAAK_BEWAARTERMIJNEN, nu, gelukt);
  }
}

export interface Planner {
  stop(): Promise<void>;
  /** resolves when the current round (if any) is done; for tests and orderly shutdown */
  rust(): Promise<void>;
}

export interface PlannerOpties {
  intervalMs?: number;
  klok?: () => Date;
  log?: { info(o: object, m: string): void; error(o: object, m: string): void };
  /**
   * Refresh the planner statistics this often (PGlite, which has no autovacuum: the server passes an hour), of the
   * tables changed by more than autovacuum's threshold since their last ANALYZE. All tables at 20,000 clients take
   * 1–10 s on PGlite (the latter on this loaded machine), so only what changed.
   */
  analyseerElkeMs?: number;
}

/** Runs the signal watch every interval (first round right away), never two rounds at once in this process. */
export function startPlanner(db: Db, opties: PlannerOpties = {}): Planner {
  const interval = opties.intervalMs ?? 60_000;
  const klok = opties.klok ?? (() => new Date());
  let lopend: Promise<void> | null = null;
  let gestopt = false;
  let geanalyseerd = Date.now();
  const ronde = () => {
    if (lopend || gestopt) return;
    lopend = (async () => {
      try {
        const r = await voerSignaalRondeUit(db, klok());
        if (r.geescaleerd || r.waarschuwingen) opties.log?.info(r, 'signaalbewaking');
      } catch (err) {
        opties.log?.error({ err }, 'signaalbewaking mislukt; volgende ronde probeert opnieuw');
      }
      try {
        const v = await voerVoorstelRondeUit(db, klok());
        if (v.herinnerd || v.geescaleerd || v.verlopen) opties.log?.info(v, 'voorsteltermijnen');
      } catch (err) {
        opties.log?.error({ err }, 'voorsteltermijnen mislukt; volgende ronde probeert opnieuw');
      }
      try {
        const b = await voerBewaarRondeUit(db, klok());
        if (b) opties.log?.info({ vandaag: b.vandaag, uitgevoerd: b.uitgevoerd }, 'bewaartermijnen');
      } catch (err) {
        opties.log?.error({ err }, 'bewaartermijnen mislukt; volgende ronde probeert opnieuw');
      }
      try {
        const e = await voerEvaluatieRondeUit(db, klok());
        if (e.herinneringen) opties.log?.info(e, 'evaluatieherinneringen');
      } catch (err) {
        opties.log?.error({ err }, 'evaluatieherinneringen mislukt; volgende ronde probeert opnieuw');
      }
      try {
        if (opties.analyseerElkeMs !== undefined && Date.now() - geanalyseerd >= opties.analyseerElkeMs) {
          geanalyseerd = Date.now();
          await analyseer(db, true);
        }
      } catch (err) {
        opties.log?.error({ err }, 'statistieken bijwerken mislukt; volgende ronde probeert opnieuw');
      } finally {
        lopend = null;
      }
    })();
  };
  const timer = setInterval(ronde, interval);
  timer.unref();
  // the first round starts at once: signals that ran late while the server was down escalate right after a restart
  ronde();
  return {
    rust: async () => {
      while (lopend) await lopend;
    },
    stop: async () => {
      gestopt = true;
      clearInterval(timer);
      while (lopend) await lopend;
    },
  };
}
