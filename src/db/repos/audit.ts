import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';

export type AuditActie = 'lezen' | 'aanmaken' | 'wijzigen' | 'importeren' | 'exporteren' | 'vernietigen';

export async function schrijfAudit(db: DbOrTx, actor: Actor, actie: AuditActie, entiteit: string, entiteitId: string | null, details?: unknown) {
  await db.insert(s.auditLog).values({
    gebruikerId: actor.gebruikerId,
    organisatieId: actor.organisatieId,
    regioId: actor.regioId,
    actie,
    entiteit,
    entiteitId,
    details: details ?? null,
  });
}

export interface AuditFilter {
  entiteitId?: string;
  organisatieId?: string;
  van?: Date;
  tot?: Date;
  limiet: number;
  offset: number;
}

/** Only ever scoped to one regio: the centrumgemeente's beheerder sees its own region's trail. */
export async function zoekAudit(db: DbOrTx, regioId: string, f: AuditFilter) {
  const voorwaarden: SQL[] = [eq(s.auditLog.regioId, regioId)];
  if (f.entiteitId) voorwaarden.push(eq(s.auditLog.entiteitId, f.entiteitId));
  if (f.organisatieId) voorwaarden.push(eq(s.auditLog.organisatieId, f.organisatieId));
  if (f.van) voorwaarden.push(gte(s.auditLog.tijdstip, f.van));
  if (f.tot) voorwaarden.push(lt(s.auditLog.tijdstip, f.tot));
  return db
    .select({
      id: s.auditLog.id,
      tijdstip: s.auditLog.tijdstip,
      actie: s.auditLog.actie,
      entiteit: s.auditLog.entiteit,
      entiteitId: s.auditLog.entiteitId,
      details: s.auditLog.details,
      gebruiker: s.gebruikers.naam,
      gebruikerEmail: s.gebruikers.email,
      organisatie: s.organisaties.naam,
    })
    .from(s.auditLog)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.auditLog.gebruikerId))
    .leftJoin(s.organisaties, eq(s.organisaties.id, s.auditLog.organisatieId))
    .where(and(...voorwaarden))
    .orderBy(desc(s.auditLog.id))
    .limit(f.limiet)
    .offset(f.offset);
}
