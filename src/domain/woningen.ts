import { plusDagen } from './trajecten.js';

export const WONING_TYPES = ['zelfstandig', 'onzelfstandig', 'jongeren_cluster', 'beschermd_thuis_cluster', 'prikkelarm'] as const;
export type WoningType = (typeof WONING_TYPES)[number];
export const WONING_TYPE_LABEL: Record<WoningType, string> = {
  zelfstandig: 'Zelfstandig',
  onzelfstandig: 'Onzelfstandig',
  jongeren_cluster: 'Geclusterd jongerenwonen 18–24',
  beschermd_thuis_cluster: 'Beschermd Thuis-cluster',
  prikkelarm: 'Skaeve Huse / prikkelarm',
};

export const WONING_STATUSSEN = ['beschikbaar', 'gereserveerd', 'toegewezen', 'bewoond'] as const;
export type WoningStatus = (typeof WONING_STATUSSEN)[number];

export const HUURCONSTRUCTIE_SOORTEN = ['direct', 'hoofdhuur_onderhuur', 'omklap', 'housing_first', 'driepartijen', 'proefhuur'] as const;
export type HuurconstructieSoort = (typeof HUURCONSTRUCTIE_SOORTEN)[number];

/**
 * Each woon-/huurconstructie as data: who holds the lease, whether the lease moves to the client,
 * and which facts a placement must record. Validation and warnings read these rules; nothing else
 * knows the constructions by name.
 */
export interface HuurconstructieRegels {
  label: string;
  /** who signs the lease with the corporatie at the start */
  huurder: 'client' | 'aanbieder';
  /**
   * A planned turning point stored as the placement's omklapdatum: for omklap the day the lease moves
   * to the client, for proefhuur the end of the trial period (the lease then becomes definitive).
   */
  scharnier?: { soort: 'omklap' | 'einde_proefhuur'; minMaanden: number; maxMaanden: number };
  /** agreed conditions that must be written down in voorwaarden */
  verplichteVoorwaarden: string[];
  /** an aanbieder must be linked to the placement */
  aanbiederVerplicht: boolean;
  /** days before the scharnierdatum that the parties get a warning */
  waarschuwDagenVooraf: number;
}

export const HUURCONSTRUCTIES: Record<HuurconstructieSoort, HuurconstructieRegels> = {
  direct: {
    label: 'Direct huurcontract',
    huurder: 'client',
    verplichteVoorwaarden: [],
    aanbiederVerplicht: false,
    waarschuwDagenVooraf: 0,
  },
  hoofdhuur_onderhuur: {
    label: 'Hoofdhuur aanbieder, onderhuur cliënt',
    huurder: 'aanbieder',
    verplichteVoorwaarden: ['begeleidingsafspraak'],
    aanbiederVerplicht: true,
    waarschuwDagenVooraf: 0,
  },
  omklap: {
    label: 'Omklapconstructie',
    huurder: 'aanbieder',
    scharnier: { soort: 'omklap', minMaanden: 6, maxMaanden: 24 },
    verplichteVoorwaarden: ['begeleidingsafspraak', 'omklapvoorwaarden'],
    aanbiederVerplicht: true,
    waarschuwDagenVooraf: 60,
  },
  housing_first: {
    label: 'Housing First',
    huurder: 'client',
    verplichteVoorwaarden: ['begeleidingsafspraak'],
    aanbiederVerplicht: true,
    waarschuwDagenVooraf: 0,
  },
  driepartijen: {
    label: 'Driepartijenovereenkomst',
    huurder: 'client',
    verplichteVoorwaarden: ['begeleidingsafspraak', 'meldafspraak_overlast', 'betaalafspraak_huur'],
    aanbiederVerplicht: true,
    waarschuwDagenVooraf: 0,
  },
  proefhuur: {
    label: 'Proefhuur',
    huurder: 'client',
    scharnier: { soort: 'einde_proefhuur', minMaanden: 3, maxMaanden: 12 },
    verplichteVoorwaarden: ['evaluatiemoment'],
    aanbiederVerplicht: true,
    waarschuwDagenVooraf: 30,
  },
};

export interface PlaatsingInvoer {
  huurconstructie: HuurconstructieSoort;
  startdatum: string;
  einddatum?: string | null;
  omklapdatum?: string | null;
  aanbiederId?: string | null;
  voorwaarden?: Record<string, string> | null;
}

/** Returns the list of violated rules (empty = valid). */
export function controleerPlaatsing(p: PlaatsingInvoer): string[] {
  const regels = HUURCONSTRUCTIES[p.huurconstructie];
  const fouten: string[] = [];
  if (p.einddatum && p.einddatum < p.startdatum) fouten.push('Einddatum ligt vóór de startdatum');
  if (regels.aanbiederVerplicht && !p.aanbiederId) fouten.push(`${regels.label} vereist een betrokken aanbieder`);
  for (const v of regels.verplichteVoorwaarden) {
    if (!p.voorwaarden?.[v]?.trim()) fouten.push(`${regels.label} vereist voorwaarde '${v}'`);
  }
  const sch = regels.scharnier;
  if (sch) {
    const wat = sch.soort === 'omklap' ? 'omklapdatum' : 'einde proefperiode (omklapdatum)';
    if (!p.omklapdatum) fouten.push(`${regels.label} vereist een geplande ${wat}`);
    else if (p.omklapdatum < maandenLater(p.startdatum, sch.minMaanden) || p.omklapdatum > maandenLater(p.startdatum, sch.maxMaanden)) {
      fouten.push(`De ${wat} moet tussen ${sch.minMaanden} en ${sch.maxMaanden} maanden na de start liggen`);
    }
  } else if (p.omklapdatum) fouten.push(`${regels.label} kent geen omklapdatum`);
  return fouten;
}

/** The date from which parties must be warned of an omklap or the end of a proefhuur, or null. */
export function waarschuwing(p: PlaatsingInvoer): { vanaf: string; moment: string; soort: 'omklap' | 'einde_proefhuur' } | null {
  const regels = HUURCONSTRUCTIES[p.huurconstructie];
  if (!regels.scharnier || !p.omklapdatum) return null;
  return { vanaf: plusDagen(p.omklapdatum, -regels.waarschuwDagenVooraf), moment: p.omklapdatum, soort: regels.scharnier.soort };
}

/** Two placements in one home may not overlap in time (open end = still running). */
export function overlapt(a: { startdatum: string; einddatum?: string | null }, b: { startdatum: string; einddatum?: string | null }): boolean {
  const aEind = a.einddatum ?? '9999-12-31';
  const bEind = b.einddatum ?? '9999-12-31';
  return a.startdatum < bEind && b.startdatum < aEind;
}

export function maandenLater(datum: string, maanden: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + maanden);
  return d.toISOString().slice(0, 10);
}
