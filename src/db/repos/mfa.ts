import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import {
  AANTAL_HERSTELCODES,
  controleerTotp,
  hashHerstelcode,
  herstelcodeKlopt,
  isTotpInvoer,
  nieuweHerstelcode,
  nieuwTotpGeheim,
  nieuwZout,
} from '../../domain/mfa.js';

export interface MfaStatus {
  ingeschreven: boolean;
  /** an enrolment is waiting for its first code */
  inschrijvingBezig: boolean;
  herstelcodesOver: number;
}

export async function mfaStatus(db: DbOrTx, gebruikerId: string): Promise<MfaStatus> {
  const [rij] = await db.select().from(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, gebruikerId));
  const [over] = await db
    .select({ n: count() })
    .from(s.mfaHerstelcodes)
    .where(and(eq(s.mfaHerstelcodes.gebruikerId, gebruikerId), isNull(s.mfaHerstelcodes.gebruikt)));
  return { ingeschreven: !!rij?.geheimVersleuteld, inschrijvingBezig: !!rij?.nieuwGeheimVersleuteld, herstelcodesOver: over?.n ?? 0 };
}

/** A new secret waiting for confirmation; the active one (if any) keeps working until the new one is confirmed. */
export async function startInschrijving(db: DbOrTx, gebruikerId: string, v: Versleuteling): Promise<string> {
  const geheim = nieuwTotpGeheim();
  const nieuw = v.versleutel(geheim);
  await db
    .insert(s.gebruikerMfa)
    .values({ gebruikerId, nieuwGeheimVersleuteld: nieuw })
    .onConflictDoUpdate({ target: s.gebruikerMfa.gebruikerId, set: { nieuwGeheimVersleuteld: nieuw } });
  return geheim;
}

/** Replaces all recovery codes of the user by fresh ones; returns them in plain text, the only time they exist so. */
export async function vernieuwHerstelcodes(tx: DbOrTx, gebruikerId: string): Promise<string[]> {
  await tx.delete(s.mfaHerstelcodes).where(eq(s.mfaHerstelcodes.gebruikerId, gebruikerId));
  const codes = Array.from({ length: AANTAL_HERSTELCODES }, nieuweHerstelcode);
  await tx.insert(s.mfaHerstelcodes).values(
    codes.map((code) => {
      const zout = nieuwZout();
      return { gebruikerId, zout, hash: hashHerstelcode(code, zout) };
    }),
  );
  return codes;
}

/**
 * The first code from the app confirms the enrolment: the new secret becomes the active one, its step counts
 * as used, and a fresh set of recovery codes is made. Null if the code is wrong (nothing changes).
 */
export async function bevestigInschrijving(tx: DbOrTx, gebruikerId: string, code: string, v: Versleuteling, nu: Date): Promise<string[] | null> {
  const [rij] = await tx.select().from(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, gebruikerId)).for('update');
  if (!rij?.nieuwGeheimVersleuteld) return null;
  const uitkomst = controleerTotp(v.ontsleutel(rij.nieuwGeheimVersleuteld), code, nu, null);
  if (!uitkomst.ok) return null;
  await tx
    .update(s.gebruikerMfa)
    .set({ geheimVersleuteld: rij.nieuwGeheimVersleuteld, nieuwGeheimVersleuteld: null, ingeschreven: nu, laatsteStap: uitkomst.stap })
    .where(eq(s.gebruikerMfa.gebruikerId, gebruikerId));
  return vernieuwHerstelcodes(tx, gebruikerId);
}

export type CodeUitkomst =
  | { ok: true; soort: 'totp' }
  | { ok: true; soort: 'herstelcode'; over: number }
  | { ok: false; reden: 'onjuist' | 'hergebruikt' | 'niet_ingeschreven' };

/**
 * A TOTP code (6 digits) or a recovery code. Both are spent atomically: the conditional UPDATE lets exactly one
 * of two simultaneous requests with the same code through.
 */
export async function controleerCode(db: DbOrTx, gebruikerId: string, invoer: string, v: Versleuteling, nu: Date): Promise<CodeUitkomst> {
  const [rij] = await db.select().from(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, gebruikerId));
  if (!rij?.geheimVersleuteld) return { ok: false, reden: 'niet_ingeschreven' };
  if (isTotpInvoer(invoer)) {
    const uitkomst = controleerTotp(v.ontsleutel(rij.geheimVersleuteld), invoer, nu, rij.laatsteStap);
    if (!uitkomst.ok) return uitkomst;
    const bijgewerkt = await db
      .update(s.gebruikerMfa)
      .set({ laatsteStap: uitkomst.stap })
      .where(and(eq(s.gebruikerMfa.gebruikerId, gebruikerId), or(isNull(s.gebruikerMfa.laatsteStap), lt(s.gebruikerMfa.laatsteStap, uitkomst.stap))))
      .returning({ id: s.gebruikerMfa.gebruikerId });
    return bijgewerkt.length ? { ok: true, soort: 'totp' } : { ok: false, reden: 'hergebruikt' };
  }
  const ongebruikt = await db
    .select()
    .from(s.mfaHerstelcodes)
    .where(and(eq(s.mfaHerstelcodes.gebruikerId, gebruikerId), isNull(s.mfaHerstelcodes.gebruikt)));
  // compare against every unused code (at most ten), so the time taken does not tell which one matched
  let gevonden: number | null = null;
  for (const c of ongebruikt) if (herstelcodeKlopt(invoer, c) && gevonden === null) gevonden = c.id;
  if (gevonden === null) return { ok: false, reden: 'onjuist' };
  const besteed = await db
    .update(s.mfaHerstelcodes)
    .set({ gebruikt: nu })
    .where(and(eq(s.mfaHerstelcodes.id, gevonden), isNull(s.mfaHerstelcodes.gebruikt)))
    .returning({ id: s.mfaHerstelcodes.id });
  if (!besteed.length) return { ok: false, reden: 'hergebruikt' };
  return { ok: true, soort: 'herstelcode', over: ongebruikt.length - 1 };
}

/** Switching MFA off (only for roles that need not use it; the API checks that). */
export async function verwijderMfa(tx: DbOrTx, gebruikerId: string) {
  await tx.delete(s.mfaHerstelcodes).where(eq(s.mfaHerstelcodes.gebruikerId, gebruikerId));
  await tx.delete(s.gebruikerMfa).where(eq(s.gebruikerMfa.gebruikerId, gebruikerId));
}
