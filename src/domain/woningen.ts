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

export const HUURCONSTRUCTIE_LABEL = Object.fromEntries(HUURCONSTRUCTIE_SOORTEN.map((h) => [h, HUURCONSTRUCTIES[h].label])) as Record<HuurconstructieSoort, string>;

export interface PlaatsingInvoer {
  huurconstructie: HuurconstructieSoort;
  startdatum: string;
  einddatum?: string | null;
  omklapdatum?: string | null;
  aanbiederId?: string | null;
  voorwaarden?: Record<string, string> | null;
  /** who the corporatie calls about the placement (a person of the care side), and how */
  contactpersoon?: string | null;
  contactTelefoon?: string | null;
}

/** How a form labels each agreed condition, and what it asks; the text reaches the woningcorporatie too. */
export const VOORWAARDE_LABEL: Record<string, string> = {
  begeleidingsafspraak: 'Begeleidingsafspraak',
  omklapvoorwaarden: 'Voorwaarden voor de omklap',
  meldafspraak_overlast: 'Meldafspraak bij overlast',
  betaalafspraak_huur: 'Betaalafspraak huur',
  evaluatiemoment: 'Evaluatiemoment',
};
export const VOORWAARDE_UITLEG: Record<string, string> = {
  begeleidingsafspraak: 'Wie begeleidt de cliënt, hoe vaak en hoe lang.',
  omklapvoorwaarden: 'Wat er geregeld moet zijn voordat het huurcontract op naam van de cliënt komt.',
  meldafspraak_overlast: 'Wie de corporatie belt bij overlast en hoe snel de zorgaanbieder reageert.',
  betaalafspraak_huur: 'Hoe de huur wordt betaald (bijvoorbeeld via budgetbeheer) en wat er gebeurt bij achterstand.',
  evaluatiemoment: 'Wanneer en met wie de proefperiode wordt geëvalueerd.',
};
export const voorwaardeLabel = (v: string) => VOORWAARDE_LABEL[v] ?? v.replace(/_/g, ' ');

/** The label a form gives the scharnierdatum of a construction. */
export const scharnierLabel = (soort: 'omklap' | 'einde_proefhuur') => (soort === 'omklap' ? 'Omklapdatum' : 'Einde proefperiode');

/** One violated rule with the key of the field it belongs to, so a form shows it at that field. */
export interface PlaatsingFout {
  pad: string;
  veld: string;
  melding: string;
}

/** The violated rules of a placement, each at its field (empty = valid). */
export function controleerPlaatsingVelden(p: PlaatsingInvoer): PlaatsingFout[] {
  const regels = HUURCONSTRUCTIES[p.huurconstructie];
  const fouten: PlaatsingFout[] = [];
  if (p.einddatum && p.einddatum < p.startdatum) fouten.push({ pad: 'einddatum', veld: 'Einddatum', melding: 'Einddatum ligt vóór de startdatum' });
  if (regels.aanbiederVerplicht && !p.aanbiederId) {
    fouten.push({ pad: 'aanbiederId', veld: regels.huurder === 'aanbieder' ? 'Hoofdhuurder (zorgaanbieder)' : 'Betrokken zorgaanbieder', melding: `${regels.label} vereist een betrokken aanbieder` });
  }
  for (const v of regels.verplichteVoorwaarden) {
    if (!p.voorwaarden?.[v]?.trim()) fouten.push({ pad: `voorwaarden.${v}`, veld: voorwaardeLabel(v), melding: `${regels.label} vereist voorwaarde '${voorwaardeLabel(v)}'` });
  }
  const sch = regels.scharnier;
  if (sch) {
    const veld = scharnierLabel(sch.soort);
    const wat = sch.soort === 'omklap' ? 'omklapdatum' : 'einde proefperiode (omklapdatum)';
    if (!p.omklapdatum) fouten.push({ pad: 'omklapdatum', veld, melding: `${regels.label} vereist een geplande ${wat}` });
    else if (p.omklapdatum < maandenLater(p.startdatum, sch.minMaanden) || p.omklapdatum > maandenLater(p.startdatum, sch.maxMaanden)) {
      fouten.push({ pad: 'omklapdatum', veld, melding: `De ${wat} moet tussen ${sch.minMaanden} en ${sch.maxMaanden} maanden na de start liggen` });
    }
  } else if (p.omklapdatum) fouten.push({ pad: 'omklapdatum', veld: 'Omklapdatum', melding: `${regels.label} kent geen omklapdatum` });
  if (p.contactTelefoon?.trim() && !p.contactpersoon?.trim()) {
    fouten.push({ pad: 'contactpersoon', veld: 'Contactpersoon voor de corporatie', melding: 'Noem de contactpersoon bij dit telefoonnummer' });
  }
  return fouten;
}

/** Returns the list of violated rules (empty = valid). */
export function controleerPlaatsing(p: PlaatsingInvoer): string[] {
  return controleerPlaatsingVelden(p).map((f) => f.melding);
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

/**
 * Status of a home as data. Forward: beschikbaar → gereserveerd → toegewezen → bewoond; back when a
 * reservation or assignment falls through, or when the tenant leaves. A placement is the one step that
 * may jump (beschikbaar/gereserveerd straight to bewoond when the key is handed over the same day).
 */
export const STATUS_OVERGANGEN: Record<WoningStatus, WoningStatus[]> = {
  beschikbaar: ['gereserveerd', 'toegewezen'],
  gereserveerd: ['toegewezen', 'beschikbaar'],
  toegewezen: ['bewoond', 'gereserveerd', 'beschikbaar'],
  bewoond: ['beschikbaar'],
};
export const WONING_STATUS_LABEL: Record<WoningStatus, string> = {
  beschikbaar: 'Beschikbaar',
  gereserveerd: 'Gereserveerd',
  toegewezen: 'Toegewezen',
  bewoond: 'Bewoond',
};
/** Statuses from which a home can receive a new placement. */
export const PLAATSBAAR_VANUIT: WoningStatus[] = ['beschikbaar', 'gereserveerd'];

/** Null when allowed (also for "no change"), otherwise the reason in Dutch. */
export function controleerStatusovergang(van: WoningStatus, naar: WoningStatus): string | null {
  if (van === naar || STATUS_OVERGANGEN[van].includes(naar)) return null;
  return `Status kan niet van '${WONING_STATUS_LABEL[van]}' naar '${WONING_STATUS_LABEL[naar]}'; toegestaan: ${STATUS_OVERGANGEN[van].map((s) => WONING_STATUS_LABEL[s]).join(', ')}`;
}

/**
 * Status a home gets from a new placement. A placement that already ended before today is a
 * historical registration and leaves the status alone; otherwise the home must be free.
 */
export function statusNaPlaatsing(
  huidig: WoningStatus,
  p: { startdatum: string; einddatum?: string | null },
  vandaag: string,
): { ok: true; status: WoningStatus } | { ok: false; fout: string } {
  if (p.einddatum && p.einddatum < vandaag) return { ok: true, status: huidig };
  if (!PLAATSBAAR_VANUIT.includes(huidig)) {
    return { ok: false, fout: `Woning is ${WONING_STATUS_LABEL[huidig].toLowerCase()}; alleen een beschikbare of gereserveerde woning kan worden toegewezen` };
  }
  return { ok: true, status: p.startdatum <= vandaag ? 'bewoond' : 'toegewezen' };
}

/** Status after a placement ends: free again once the end date has passed and nothing else runs. */
export function statusNaEinde(huidig: WoningStatus, einddatum: string, vandaag: string, andereLopend: boolean): WoningStatus {
  if (andereLopend || einddatum > vandaag) return huidig;
  return 'beschikbaar';
}

export interface AfspraakInvoer {
  jaar: number;
  aantal: number;
  maxPerComplex: number;
  maxPerWijk: number;
}

export function controleerAfspraak(a: AfspraakInvoer): string[] {
  const fouten: string[] = [];
  if (!Number.isInteger(a.jaar) || a.jaar < 2000 || a.jaar > 2100) fouten.push('Jaar moet tussen 2000 en 2100 liggen');
  if (!Number.isInteger(a.aantal) || a.aantal < 0) fouten.push('Aantal woningen mag niet negatief zijn');
  if (!Number.isInteger(a.maxPerComplex) || a.maxPerComplex < 1) fouten.push('Maximum per complex moet minstens 1 zijn');
  if (!Number.isInteger(a.maxPerWijk) || a.maxPerWijk < 1) fouten.push('Maximum per wijk moet minstens 1 zijn');
  // a wijk holds one or more complexes, so a lower wijk cap would silently override the complex cap
  if (a.maxPerWijk < a.maxPerComplex) fouten.push('Maximum per wijk moet minstens gelijk zijn aan het maximum per complex');
  return fouten;
}

export interface Ligging {
  complex: string;
  wijk: string;
}

/**
 * Spreading rule of a reserveringsafspraak: within one year, one gemeente and one corporatie, at most
 * maxPerComplex placements per complex and maxPerWijk per wijk, so that no street or neighbourhood
 * carries the whole regional task. `bestaande` are the year's placements already under the agreement.
 */
export function controleerSpreiding(afspraak: { maxPerComplex: number; maxPerWijk: number }, bestaande: readonly Ligging[], nieuw: Ligging): string[] {
  const inComplex = bestaande.filter((b) => b.complex === nieuw.complex && b.wijk === nieuw.wijk).length;
  const inWijk = bestaande.filter((b) => b.wijk === nieuw.wijk).length;
  const fouten: string[] = [];
  if (inComplex + 1 > afspraak.maxPerComplex) {
    fouten.push(`Complex '${nieuw.complex}' heeft dit jaar al ${inComplex} plaatsing(en); de afspraak staat maximaal ${afspraak.maxPerComplex} per complex toe`);
  }
  if (inWijk + 1 > afspraak.maxPerWijk) {
    fouten.push(`Wijk '${nieuw.wijk}' heeft dit jaar al ${inWijk} plaatsing(en); de afspraak staat maximaal ${afspraak.maxPerWijk} per wijk toe`);
  }
  return fouten;
}

/** Recount of realised placements per agreement (jaar × gemeente × corporatie); mirrors the SQL in the repository. */
export function telRealisatie(
  afspraken: readonly { id: string; jaar: number; gemeenteId: string; corporatieId: string }[],
  plaatsingen: readonly { startdatum: string; gemeenteId: string; corporatieId: string }[],
): Map<string, number> {
  const per = new Map<string, number>();
  for (const a of afspraken) {
    per.set(a.id, plaatsingen.filter((p) => p.gemeenteId === a.gemeenteId && p.corporatieId === a.corporatieId && Number(p.startdatum.slice(0, 4)) === a.jaar).length);
  }
  return per;
}

export type Leeftijdscategorie = '18–24' | '25+';
/** Corporations see only this coarse age band: enough for jongerenhuisvesting, not enough to identify. */
export const leeftijdscategorie = (leeftijd: number): Leeftijdscategorie => (leeftijd <= 24 ? '18–24' : '25+');

export interface Woonwensen {
  gemeenten: string[];
  minKamers: number | null;
  toegankelijk: boolean;
}

/** woonwensen is free jsonb: read it defensively, keep only the three agreed fields. */
export function leesWoonwensen(w: unknown): Woonwensen {
  const o = (w && typeof w === 'object' ? w : {}) as Record<string, unknown>;
  return {
    gemeenten: Array.isArray(o.gemeenten) ? o.gemeenten.filter((g): g is string => typeof g === 'string') : [],
    minKamers: typeof o.minKamers === 'number' && Number.isInteger(o.minKamers) ? o.minKamers : null,
    toegankelijk: o.toegankelijk === true,
  };
}
