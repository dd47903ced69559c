import { ROLLEN, ROL_LABEL, SOORT_LABEL, type Actor, type OrganisatieSoort, type Rol } from './auth.js';
import type { MfaStap } from './mfa.js';

/**
 * An access rule as routes declare it (`config.toegang`), and the one function that applies it. The API's auth
 * hook and the CLI both call {@link toegangsBezwaar} with the same named rules ({@link REGELS}), so a command
 * on the command line cannot do what the same user could not do in the app.
 * - `publiek: true`: no login needed (login itself, health, the web app's files)
 * - `ingelogd: true`: every logged-in user (state-changing methods still exclude alleen_lezen)
 * - `soorten`: organisation kinds allowed
 * - `rollen`: roles allowed; state-changing methods default to every role except alleen_lezen
 * - `mfaStappen`: the half-way sessions (password right, MFA not done) that may call the route
 */
export interface Toegang {
  publiek?: boolean;
  ingelogd?: boolean;
  mfaStappen?: MfaStap[];
  soorten?: OrganisatieSoort[];
  rollen?: Rol[];
}

export const SCHRIJFROLLEN_STANDAARD: Rol[] = ROLLEN.filter((r) => r !== 'alleen_lezen');

/**
 * A national body (soort `landelijk`, ADR 0027) is denied by default: it reaches a route only when the route names
 * `landelijk` in `soorten`, or when the route serves signing in and out (doel `beveiliging`: login, logout, me, MFA).
 * So a route that says "every logged-in user" or lists no kinds never opens to it by accident.
 */
export const LANDELIJK_OPEN_DOELEN: readonly string[] = ['beveiliging'];

/** Why `actor` may not do this (Dutch, for the 403 or the CLI), or null when the rule allows it. */
export function toegangsBezwaar(toegang: Toegang, actor: Actor, schrijft: boolean, doel?: string): string | null {
  if (actor.soort === 'landelijk' && !toegang.soorten?.includes('landelijk') && !(doel && LANDELIJK_OPEN_DOELEN.includes(doel))) {
    return `Geen toegang voor organisatiesoort ${SOORT_LABEL[actor.soort]}`;
  }
  if (toegang.soorten && !toegang.soorten.includes(actor.soort)) return `Geen toegang voor organisatiesoort ${SOORT_LABEL[actor.soort]}`;
  const rollen = toegang.rollen ?? (schrijft ? SCHRIJFROLLEN_STANDAARD : undefined);
  if (rollen && !rollen.includes(actor.rol)) return `Geen toegang voor rol ${ROL_LABEL[actor.rol]}`;
  return null;
}

const ZORG_ORGANISATIES: OrganisatieSoort[] = ['centrumgemeente', 'regiogemeente', 'aanbieder'];

/** Rules that the API and the CLI share (each CLI command that changes data is also an API route). */
export const REGELS = {
  /** CSV import of the regional toegang (POST /api/import, `doorstroom import`) */
  importeren: { soorten: ZORG_ORGANISATIES, rollen: ['medewerker_toegang'] },
  /** a client's own data and woonwensen (PATCH /api/clienten/:id): who works with the client, never alleen_lezen */
  clientWijzigen: { soorten: ZORG_ORGANISATIES, rollen: ['medewerker_toegang', 'consulent'] },
  /** verdeelmodel import and weight sets (POST /api/verdeelmodel/import, `doorstroom verdeelmodel-import`) */
  verdeelmodelBeheren: { soorten: ['centrumgemeente'], rollen: ['beheerder'] },
  /** a matching round (POST /api/matching/rondes, `doorstroom match`) */
  matchingronde: { soorten: ['centrumgemeente'], rollen: ['beheerder', 'medewerker_toegang'] },
} satisfies Record<string, Toegang>;
