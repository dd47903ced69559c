/**
 * Verdeelmodel Beschermd Wonen — gedeelde types en foutklasse.
 *
 * Alle bedragen zijn in euro**centen** als gehele getallen (safe integers),
 * zodat verdelingen tot op de cent kloppen.
 */
import { DomeinFout } from '../fouten.js';

/** Een objectieve indicator met een (niet-genormaliseerd) gewicht. */
export interface Indicator {
  /** Kolomnaam / sleutel in `GemeenteIndicatoren.waarden`, bv. `inwoners`. */
  code: string;
  /** Leesbare naam, bv. `Aantal inwoners`. */
  naam: string;
  /** Gewicht ≥ 0. Gewichten worden intern genormaliseerd tot som 1. */
  gewicht: number;
}

/** Indicatorwaarden en historisch budget van één gemeente. */
export interface GemeenteIndicatoren {
  /** CBS-code, bv. `GM0363`. */
  gemeenteCode: string;
  naam: string;
  /** Waarde per indicatorcode (≥ 0). */
  waarden: Record<string, number>;
  /** Historisch budget in eurocenten (geheel getal ≥ 0). */
  historischBudget: number;
}

/** Fout bij ongeldige invoer voor het verdeelmodel; `meldingen` bevat alle gevonden problemen (Nederlands). */
export class VerdeelmodelFout extends DomeinFout {
  readonly meldingen: readonly string[];
  constructor(meldingen: readonly string[]) {
    super('ongeldig', meldingen.length === 1 ? meldingen[0]! : `Ongeldige invoer voor verdeelmodel:\n- ${meldingen.join('\n- ')}`, { meldingen: [...meldingen] });
    this.meldingen = [...meldingen];
  }
}

export function isCentenBedrag(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}
