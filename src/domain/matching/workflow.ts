import type { OrganisatieSoort } from '../auth.js';
import type { Niveau } from '../trajecten.js';
import type { WoningType } from './types.js';
import { DomeinFout } from '../fouten.js';

/**
 * A proposal moves voorstel → akkoord_corporatie → akkoord_aanbieder → sleuteloverdracht, or ends in
 * afgewezen (with a reason) at any open step. Each step belongs to one party of the bestuurlijk drietal:
 * the corporatie decides on its home, the care side (aanbieder, or the gemeente for the client) agrees on
 * behalf of the client and registers the key handover, because only they may record the uitstroom.
 */
export const VOORSTEL_STATUSSEN = ['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder', 'sleuteloverdracht', 'afgewezen', 'verlopen', 'ingetrokken'] as const;
export type VoorstelStatus = (typeof VOORSTEL_STATUSSEN)[number];
export type VoorstelActie = 'akkoord' | 'afwijzing' | 'sleuteloverdracht';

export const OPEN_STATUSSEN: VoorstelStatus[] = ['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder'];

/**
 * Closed without a placement: afgewezen (by a party, with a coded reason), verlopen (its terms passed, by the planner,
 * src/domain/matching/termijnen.ts) and ingetrokken (the centrumgemeente overrode the decline of an earlier candidate
 * for this home, so this later candidate's proposal is withdrawn).
 */
export const GESLOTEN_ZONDER_PLAATSING: VoorstelStatus[] = ['afgewezen', 'verlopen', 'ingetrokken'];

/**
 * One label per status for the web pages (matching, inzage) and the planner's reminders, so a status reads the same
 * in a message as on the page. The closed statuses say why, as the reminders only ever name an open one.
 */
export const VOORSTEL_STATUS_LABEL: Record<VoorstelStatus, string> = {
  voorstel: 'Wacht op de corporatie',
  akkoord_corporatie: 'Wacht op aanbieder/cliënt',
  akkoord_aanbieder: 'Klaar voor sleuteloverdracht',
  sleuteloverdracht: 'Sleutel overgedragen',
  afgewezen: 'Afgewezen',
  verlopen: 'Verlopen (geen besluit binnen de termijn)',
  ingetrokken: 'Ingetrokken (afwijzing van een ander herzien)',
};

/** Whose turn it is at an open status: the party that gets the reminder. */
export function aanZet(status: VoorstelStatus): Partij | null {
  if (status === 'voorstel') return 'corporatie';
  if (status === 'akkoord_corporatie' || status === 'akkoord_aanbieder') return 'zorg';
  return null;
}

export type Partij = 'corporatie' | 'zorg';

export function partijVan(soort: OrganisatieSoort): Partij {
  return soort === 'woningcorporatie' ? 'corporatie' : 'zorg';
}

export class WorkflowFout extends DomeinFout {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The next status, or a WorkflowFout explaining who may act now. */
export function volgendeStatus(huidig: VoorstelStatus, actie: VoorstelActie, partij: Partij): VoorstelStatus {
  if (!OPEN_STATUSSEN.includes(huidig)) throw new WorkflowFout(`Voorstel is al afgerond (${huidig})`);
  if (actie === 'afwijzing') return 'afgewezen';
  if (actie === 'akkoord') {
    if (huidig === 'voorstel') {
      if (partij !== 'corporatie') throw new WorkflowFout('Eerst beslist de woningcorporatie over het voorstel');
      return 'akkoord_corporatie';
    }
    if (huidig === 'akkoord_corporatie') {
      if (partij !== 'zorg') throw new WorkflowFout('Nu is het akkoord van de aanbieder/cliënt nodig');
      return 'akkoord_aanbieder';
    }
    throw new WorkflowFout('Alle akkoorden zijn er al; registreer de sleuteloverdracht');
  }
  if (huidig !== 'akkoord_aanbieder') throw new WorkflowFout('Sleuteloverdracht kan pas na akkoord van corporatie én aanbieder/cliënt');
  if (partij !== 'zorg') throw new WorkflowFout('De sleuteloverdracht wordt geregistreerd door de aanbieder of gemeente van de cliënt');
  return 'sleuteloverdracht';
}

/**
 * Home status that goes with a proposal status: reserved while the parties decide; the placement made
 * at sleuteloverdracht sets toegewezen or bewoond; a refusal frees the home.
 */
export function woningStatusBij(status: VoorstelStatus): 'gereserveerd' | 'beschikbaar' | null {
  if (OPEN_STATUSSEN.includes(status)) return 'gereserveerd';
  if (GESLOTEN_ZONDER_PLAATSING.includes(status)) return 'beschikbaar';
  return null;
}

/**
 * Home types a client can live in after uitstroom, from the support level while uitstroomklaar and age.
 * Beschermd Thuis clients may use a BT cluster; youth (18–24) the clustered youth housing; clients
 * leaving 24/7 care may also use prikkelarme (Skaeve Huse) homes.
 */
export function woningTypesVoor(niveau: Niveau | null, jongere: boolean): WoningType[] {
  const types: WoningType[] = ['zelfstandig', 'onzelfstandig'];
  if (jongere) types.unshift('jongeren_cluster');
  if (niveau === 'beschermd_thuis') types.unshift('beschermd_thuis_cluster');
  if (niveau === 'bw_intramuraal' || niveau === 'mo_24uurs' || niveau === 'mo_nachtopvang') types.push('prikkelarm');
  return types;
}
