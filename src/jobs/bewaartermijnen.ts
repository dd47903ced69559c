import type { DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { maakPlan, voerPlanUit, type VernietigingResultaat, type Vernietigingsplan } from '../db/repos/bewaartermijnen.js';

export interface BewaarRondeResultaat {
  vandaag: string;
  plannen: Vernietigingsplan[];
  /** per regio what went; empty for a dry run */
  uitgevoerd: (VernietigingResultaat & { regioId: string })[];
}

/** The calendar day in the Netherlands: terms end on Dutch dates, whatever the server's zone. */
export function dagIn(nu: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(nu);
}

/**
 * Destroys or anonymises, per regio, what is past its retention term on the day of `nu`, each item in its own
 * transaction with its audit row (actie 'vernietigen'). Restart-safe: what is done is no longer selected, so a run
 * after a crash picks up the rest. With dryRun nothing changes and the plans say what would go.
 */
export async function voerBewaartermijnenUit(db: DbOrTx, nu: Date, opties: { dryRun?: boolean; regioId?: string } = {}): Promise<BewaarRondeResultaat> {
  const vandaag = dagIn(nu);
  const regios = await db.select({ id: s.regios.id }).from(s.regios).orderBy(s.regios.naam);
  const plannen: Vernietigingsplan[] = [];
  const uitgevoerd: BewaarRondeResultaat['uitgevoerd'] = [];
  for (const regio of regios) {
    if (opties.regioId && regio.id !== opties.regioId) continue;
    const plan = await maakPlan(db, regio.id, vandaag);
    plannen.push(plan);
    if (!opties.dryRun) uitgevoerd.push({ regioId: regio.id, ...(await voerPlanUit(db, plan)) });
  }
  return { vandaag, plannen, uitgevoerd };
}
