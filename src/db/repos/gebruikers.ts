import { and, eq, gt } from 'drizzle-orm';
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

export async function actorVoorSessie(db: DbOrTx, tokenHash: string, nu: Date): Promise<{ actor: Actor; csrf: string; mfaStap: MfaStap | null } | null> {
  const [rij] = await db
    .select({ ...actorVelden, csrf: s.sessies.csrfToken, mfaStap: s.sessies.mfaStap })
    .from(s.sessies)
    .innerJoin(s.gebruikers, eq(s.gebruikers.id, s.sessies.gebruikerId))
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
    .where(and(eq(s.sessies.tokenHash, tokenHash), gt(s.sessies.verloopt, nu), eq(s.gebruikers.actief, true)));
  return rij ? { actor: naarActor(rij), csrf: rij.csrf, mfaStap: rij.mfaStap as MfaStap | null } : null;
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
