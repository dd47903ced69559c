import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor, OrganisatieSoort, Rol } from '../../domain/auth.js';
import { DomeinFout } from '../../domain/fouten.js';
import type { MfaStap } from '../../domain/mfa.js';

/** Columns that make an Actor; sessions and CLI commands resolve users the same way. */
const actorVelden = {
  gebruikerId: s.gebruikers.id,
  rol: s.gebruikers.rol,
  organisatieId: s.organisaties.id,
  regioId: s.organisaties.regioId,
  soort: s.organisaties.soort,
};

const naarActor = (rij: { gebruikerId: string; rol: string; organisatieId: string; regioId: string; soort: string }): Actor => ({
  gebruikerId: rij.gebruikerId,
  rol: rij.rol as Rol,
  organisatieId: rij.organisatieId,
  regioId: rij.regioId,
  soort: rij.soort as OrganisatieSoort,
});

export interface Sessie {
  actor: Actor;
  csrf: string;
  verloopt: Date;
  /** null for a complete session */
  mfaStap: MfaStap | null;
}

/**
 * The session of a cookie: one primary-key lookup on the session row, which carries the Actor (copied at login,
 * kept honest by the triggers of migration 0011). A prepared statement, so the database parses and plans it once
 * per connection.
 */
export async function actorVoorSessie(db: DbOrTx, tokenHash: string, nu: Date): Promise<Sessie | null> {
  const [rij] = await db
    .select({
      gebruikerId: s.sessies.gebruikerId,
      rol: s.sessies.rol,
      organisatieId: s.sessies.organisatieId,
      regioId: s.sessies.regioId,
      soort: s.sessies.organisatieSoort,
      csrf: s.sessies.csrfToken,
      verloopt: s.sessies.verloopt,
      mfaStap: s.sessies.mfaStap,
    })
    .from(s.sessies)
    .where(and(eq(s.sessies.tokenHash, sql.placeholder('tokenHash')), gt(s.sessies.verloopt, sql.placeholder('nu'))))
    .prepare('actor_voor_sessie')
    .execute({ tokenHash, nu: nu.toISOString() });
  return rij ? { actor: naarActor(rij), csrf: rij.csrf, verloopt: rij.verloopt, mfaStap: rij.mfaStap as MfaStap | null } : null;
}

/**
 * A new session for an active user, with the Actor copied from the user and organisation rows in the same
 * statement (no window in which a role change could slip between reading and writing). False if the user is
 * missing or inactive.
 */
export async function maakSessie(
  db: DbOrTx,
  n: { tokenHash: string; gebruikerId: string; csrfToken: string; verloopt: Date; mfaStap: MfaStap | null },
): Promise<boolean> {
  const resultaat = await db.execute(sql`
    insert into sessies (token_hash, gebruiker_id, csrf_token, verloopt, mfa_stap, rol, organisatie_id, organisatie_soort, regio_id)
    select ${n.tokenHash}, g.id, ${n.csrfToken}, ${n.verloopt.toISOString()}::timestamptz, ${n.mfaStap}, g.rol, o.id, o.soort, o.regio_id
    from gebruikers g join organisaties o on o.id = g.organisatie_id
    where g.id = ${n.gebruikerId} and g.actief`);
  return (resultaat as unknown as { rowCount: number | null }).rowCount === 1;
}

export async function actorVoorEmail(db: DbOrTx, email: string): Promise<Actor> {
  const [rij] = await db
    .select(actorVelden)
    .from(s.gebruikers)
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
    .where(and(eq(s.gebruikers.email, email.toLowerCase()), eq(s.gebruikers.actief, true)));
  if (!rij) throw new DomeinFout('niet_gevonden', `Gebruiker ${email} bestaat niet of is niet actief`);
  return naarActor(rij);
}
