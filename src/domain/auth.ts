import type { Herkomst } from './audit.js';

export const ORGANISATIE_SOORTEN = ['centrumgemeente', 'regiogemeente', 'woningcorporatie', 'aanbieder', 'landelijk'] as const;
export type OrganisatieSoort = (typeof ORGANISATIE_SOORTEN)[number];

export const ROLLEN = ['beheerder', 'medewerker_toegang', 'consulent', 'alleen_lezen'] as const;
export type Rol = (typeof ROLLEN)[number];

export const ROL_LABEL: Record<Rol, string> = {
  beheerder: 'Beheerder',
  medewerker_toegang: 'Medewerker toegang',
  consulent: 'Consulent',
  alleen_lezen: 'Alleen lezen',
};

export const SOORT_LABEL: Record<OrganisatieSoort, string> = {
  centrumgemeente: 'Centrumgemeente',
  regiogemeente: 'Regiogemeente',
  woningcorporatie: 'Woningcorporatie',
  aanbieder: 'Zorg-/opvangaanbieder',
  landelijk: 'Landelijke organisatie',
};

/** Who is asking: everything an access decision may depend on. */
export interface Actor {
  gebruikerId: string;
  organisatieId: string;
  regioId: string;
  soort: OrganisatieSoort;
  rol: Rol;
  /** where the request came from (address, browser or cli, operator): recorded in the audit log */
  herkomst?: Herkomst;
}

export const isGemeente = (soort: OrganisatieSoort) => soort === 'centrumgemeente' || soort === 'regiogemeente';

/**
 * Which clients an organisation may see as identifiable records.
 * - centrumgemeente: every client of its regio (it carries the regional BW/MO task)
 * - regiogemeente: clients whose herkomst- or current gemeente it is
 * - aanbieder: clients it currently supports
 * - woningcorporatie: none; it sees pseudonymised candidates only
 * - landelijk (a national body, ADR 0027): none; it sees suppressed aggregates across regions only
 */
export type ClientZicht =
  | { soort: 'regio'; regioId: string }
  | { soort: 'gemeente'; regioId: string; gemeenteId: string }
  | { soort: 'aanbieder'; regioId: string; aanbiederId: string }
  | { soort: 'geen' };

export function clientZicht(actor: Actor): ClientZicht {
  switch (actor.soort) {
    case 'centrumgemeente':
      return { soort: 'regio', regioId: actor.regioId };
    case 'regiogemeente':
      return { soort: 'gemeente', regioId: actor.regioId, gemeenteId: actor.organisatieId };
    case 'aanbieder':
      return { soort: 'aanbieder', regioId: actor.regioId, aanbiederId: actor.organisatieId };
    case 'woningcorporatie':
    case 'landelijk':
      return { soort: 'geen' };
  }
}

export interface ClientSleutels {
  regioId: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string;
  aanbiederId: string | null;
}

export function magClientZien(actor: Actor, client: ClientSleutels): boolean {
  const zicht = clientZicht(actor);
  switch (zicht.soort) {
    case 'regio':
      return client.regioId === zicht.regioId;
    case 'gemeente':
      return client.regioId === zicht.regioId && (client.herkomstgemeenteId === zicht.gemeenteId || client.huidigeGemeenteId === zicht.gemeenteId);
    case 'aanbieder':
      return client.regioId === zicht.regioId && client.aanbiederId === zicht.aanbiederId;
    case 'geen':
      return false;
  }
}

/** Risk notes are care information: only for people who work with the client. */
export function magRisicoNotitiesZien(actor: Actor): boolean {
  if (actor.soort === 'woningcorporatie' || actor.soort === 'landelijk') return false;
  return actor.rol === 'consulent' || actor.rol === 'medewerker_toegang';
}

/**
 * The BSN identifies a person across every government register: only the roles that work with the client see it
 * (or find a client by it). alleen_lezen and a beheerder see the dossier without it.
 */
export function magBsnZien(actor: Actor): boolean {
  return actor.soort !== 'woningcorporatie' && (actor.rol === 'consulent' || actor.rol === 'medewerker_toegang');
}

/** Roles that may change client data (alleen_lezen never writes; beheerder manages users, not cases). */
export const SCHRIJVENDE_ROLLEN: Rol[] = ['medewerker_toegang', 'consulent'];
