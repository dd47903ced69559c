import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { schrijfAudit } from './audit.js';
import type { Actor } from '../../domain/auth.js';
import { SIGNAAL_SOORTEN, STANDAARD_AFSPRAKEN, type Procesafspraak, type SignaalSoort } from '../../domain/signalen.js';

// Procesafspraken: the region's reaction and resolution terms per signal type

export async function afsprakenVoorRegio(db: DbOrTx, regioId: string): Promise<(Procesafspraak & { standaard: boolean })[]> {
  const rijen = await db.select().from(s.procesafspraken).where(eq(s.procesafspraken.regioId, regioId));
  return SIGNAAL_SOORTEN.map((soort) => {
    const rij = rijen.find((r) => r.signaalSoort === soort);
    return rij ? { signaalSoort: soort, reactieUren: rij.reactieUren, oplosDagen: rij.oplosDagen, standaard: false } : { ...STANDAARD_AFSPRAKEN[soort], standaard: true };
  });
}

export async function afspraakVoor(db: DbOrTx, regioId: string, soort: SignaalSoort): Promise<Procesafspraak> {
  const [rij] = await db
    .select()
    .from(s.procesafspraken)
    .where(and(eq(s.procesafspraken.regioId, regioId), eq(s.procesafspraken.signaalSoort, soort)));
  return rij ? { signaalSoort: soort, reactieUren: rij.reactieUren, oplosDagen: rij.oplosDagen } : STANDAARD_AFSPRAKEN[soort];
}

/** New times apply to signals reported from now on; running deadlines are agreements already made. */
export async function zetAfspraak(db: DbOrTx, actor: Actor, soort: SignaalSoort, w: { reactieUren: number; oplosDagen: number }) {
  const [rij] = await db
    .insert(s.procesafspraken)
    .values({ regioId: actor.regioId, signaalSoort: soort, reactieUren: w.reactieUren, oplosDagen: w.oplosDagen })
    .onConflictDoUpdate({ target: [s.procesafspraken.regioId, s.procesafspraken.signaalSoort], set: { reactieUren: w.reactieUren, oplosDagen: w.oplosDagen } })
    .returning();
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'procesafspraak', entiteitId: soort, doel: 'beheer', details: w });
  return { signaalSoort: soort, reactieUren: rij!.reactieUren, oplosDagen: rij!.oplosDagen, standaard: false };
}
