import { objectieveVerdeling } from './objectief.js';
import type { GemeenteIndicatoren, Indicator } from './types.js';

export interface VergelijkingRegel {
  gemeenteCode: string;
  naam: string;
  /** Budget met gewichtenset A (centen). */
  budgetA: number;
  /** Budget met gewichtenset B (centen). */
  budgetB: number;
  /** budgetB − budgetA (centen). */
  verschil: number;
  /** (budgetB − budgetA) / budgetA × 100; `null` als budgetA = 0 en budgetB > 0; 0 als beide 0. */
  verschilProcent: number | null;
}

export interface Vergelijking {
  /** In invoervolgorde. */
  regels: VergelijkingRegel[];
  totaalA: number;
  totaalB: number;
  /** Σ verschil; altijd 0 omdat beide verdelingen exact op `totaal` uitkomen. */
  totaalVerschil: number;
}

/**
 * What-if: verdeel hetzelfde totaal met twee indicator-/gewichtensets en vergelijk per gemeente.
 * @throws VerdeelmodelFout als één van beide sets ongeldig is.
 */
export function vergelijkGewichten(
  gemeenten: readonly GemeenteIndicatoren[],
  setA: readonly Indicator[],
  setB: readonly Indicator[],
  totaal: number,
): Vergelijking {
  const a = objectieveVerdeling(gemeenten, setA, totaal);
  const b = objectieveVerdeling(gemeenten, setB, totaal);
  const regels = a.map((ra, i) => {
    const budgetA = ra.budgetCenten;
    const budgetB = b[i].budgetCenten;
    const verschil = budgetB - budgetA;
    const verschilProcent = budgetA === 0 ? (budgetB === 0 ? 0 : null) : (verschil / budgetA) * 100;
    return { gemeenteCode: ra.gemeenteCode, naam: ra.naam, budgetA, budgetB, verschil, verschilProcent };
  });
  const totaalA = regels.reduce((s, r) => s + r.budgetA, 0);
  const totaalB = regels.reduce((s, r) => s + r.budgetB, 0);
  return { regels, totaalA, totaalB, totaalVerschil: regels.reduce((s, r) => s + r.verschil, 0) };
}
