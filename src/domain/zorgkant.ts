import type { Actor } from './auth.js';

/**
 * What a woningcorporatie sees of the care side (ADR 0023). An aanbieder's name can reveal the doelgroep
 * ("Kompas Verslavingszorg", "RIBW"): a corporatie learns that a zorgaanbieder is involved and whom to call, never
 * which one. One rule for placements, signals, steps and every other answer that names an aanbieder.
 */
export const ZORGAANBIEDER = 'Zorgaanbieder';

/** Whether the viewer must not learn which aanbieder is involved. */
export const verbergtAanbieder = (kijker: Pick<Actor, 'soort'>) => kijker.soort === 'woningcorporatie';

/** The aanbieder's name as the viewer may read it. */
export function aanbiederZichtbaar(kijker: Pick<Actor, 'soort'>, naam: string): string {
  return verbergtAanbieder(kijker) ? ZORGAANBIEDER : naam;
}

/** Who took a step, as the viewer may read it: a person of an aanbieder is "naam (zorgaanbieder)" for a corporatie. */
export function doorTekst(kijker: Pick<Actor, 'soort'>, persoon: string | null, organisatie: { naam: string; soort: string } | null): string {
  if (!persoon) return 'Systeem (automatische bewaking termijnen)';
  if (!organisatie) return persoon;
  const verborgen = organisatie.soort === 'aanbieder' && verbergtAanbieder(kijker);
  return `${persoon} (${verborgen ? ZORGAANBIEDER.toLowerCase() : organisatie.naam})`;
}
