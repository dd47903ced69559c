import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import type { Actor } from '../../domain/auth.js';
import { isSchuldGeregeld, type SchuldStatus } from '../../domain/signalen.js';

// Schuldregelingen (old rent and other debts): details only for those who may see the client

async function zichtbareClient(db: DbOrTx, actor: Actor, clientId: string) {
  const [c] = await db.select({ id: s.clienten.id, regioId: s.clienten.regioId }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  return c ?? null;
}

const schuldKolommen = {
  id: s.schuldregelingen.id,
  clientId: s.schuldregelingen.clientId,
  schuldeiser: s.schuldregelingen.schuldeiser,
  bedragCenten: s.schuldregelingen.bedragCenten,
  regeling: s.schuldregelingen.regeling,
  status: s.schuldregelingen.status,
  aangemaakt: s.schuldregelingen.aangemaakt,
};

export async function schuldenVan(db: DbOrTx, actor: Actor, clientId: string) {
  if (!(await zichtbareClient(db, actor, clientId))) return null;
  const schulden = await db.select(schuldKolommen).from(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, clientId)).orderBy(asc(s.schuldregelingen.aangemaakt), asc(s.schuldregelingen.id));
  return { geregeld: isSchuldGeregeld(schulden.map((x) => x.status as SchuldStatus)), schulden };
}

export interface SchuldInvoer {
  schuldeiser: string;
  bedragCenten: number;
  regeling: string;
  status: SchuldStatus;
}

export async function maakSchuld(db: DbOrTx, actor: Actor, clientId: string, invoer: SchuldInvoer) {
  const c = await zichtbareClient(db, actor, clientId);
  if (!c) return null;
  const [rij] = await db.insert(s.schuldregelingen).values({ ...invoer, clientId, regioId: c.regioId }).returning(schuldKolommen);
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: clientId, doel: 'plaatsing_matching', details: { schuld: rij!.id, actie: 'aanmaken' } });
  return rij!;
}

async function zichtbareSchuld(db: DbOrTx, actor: Actor, id: string) {
  const [rij] = await db
    .select({ id: s.schuldregelingen.id, clientId: s.schuldregelingen.clientId })
    .from(s.schuldregelingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.schuldregelingen.clientId))
    .where(and(eq(s.schuldregelingen.id, id), clientFilter(actor)));
  return rij ?? null;
}

export async function wijzigSchuld(db: DbOrTx, actor: Actor, id: string, invoer: Partial<SchuldInvoer>) {
  const bestaand = await zichtbareSchuld(db, actor, id);
  if (!bestaand) return null;
  const [rij] = await db.update(s.schuldregelingen).set(invoer).where(eq(s.schuldregelingen.id, id)).returning(schuldKolommen);
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: bestaand.clientId, doel: 'plaatsing_matching', details: { schuld: id, actie: 'wijzigen', velden: Object.keys(invoer) } });
  return rij!;
}

export async function verwijderSchuld(db: DbOrTx, actor: Actor, id: string) {
  const bestaand = await zichtbareSchuld(db, actor, id);
  if (!bestaand) return false;
  await db.delete(s.schuldregelingen).where(eq(s.schuldregelingen.id, id));
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: bestaand.clientId, doel: 'plaatsing_matching', details: { schuld: id, actie: 'verwijderen' } });
  return true;
}

/**
 * Yes/no for matching and the corporatie's view: no amounts, creditors or arrangements leave through here.
 * Callers are responsible for only asking about clients that are their candidates.
 */
export async function schuldGeregeld(db: DbOrTx, clientId: string): Promise<boolean> {
  return (await schuldenGeregeld(db, [clientId])).get(clientId) ?? true;
}

/** Same rule as domain isSchuldGeregeld, in SQL: one debt in any other status makes it 'not geregeld'. */
const GEREGELDE_STATUSSEN: SchuldStatus[] = ['regeling_getroffen', 'afgelost'];

export async function schuldenGeregeld(db: DbOrTx, clientIds: string[]): Promise<Map<string, boolean>> {
  const uitkomst = new Map(clientIds.map((id) => [id, true]));
  for (let i = 0; i < clientIds.length; i += 2000) {
    const open = await db
      .selectDistinct({ clientId: s.schuldregelingen.clientId })
      .from(s.schuldregelingen)
      .where(and(inArray(s.schuldregelingen.clientId, clientIds.slice(i, i + 2000)), notInArray(s.schuldregelingen.status, GEREGELDE_STATUSSEN)));
    for (const o of open) uitkomst.set(o.clientId, false);
  }
  return uitkomst;
}
