/**
 * Grondslag en toestemming (AVG art. 6 and 9): a client's data is shared with another kind of organisation only on
 * a recorded basis — the client's consent for a reikwijdte, or a named legal basis — valid on the day it is used.
 * A basis is never edited or deleted: it ends (einddatum) or is revoked (a date), and the history stays.
 */
import { isGeldigeDatum } from './trajecten.js';

/** What kind of sharing a basis covers. */
export const REIKWIJDTEN = ['corporatie_kandidaatprofiel', 'aanbieder_dossier'] as const;
export type Reikwijdte = (typeof REIKWIJDTEN)[number];
export const REIKWIJDTE_LABEL: Record<Reikwijdte, string> = {
  corporatie_kandidaatprofiel: 'Woningcorporatie: gepseudonimiseerd kandidaatprofiel',
  aanbieder_dossier: 'Zorgaanbieder: het dossier',
};

export const GRONDSLAG_SOORTEN = ['toestemming', 'wettelijk'] as const;
export type GrondslagSoort = (typeof GRONDSLAG_SOORTEN)[number];

/** Named legal bases with the article they rest on; referentie on the record says where it is written down. */
export const WETTELIJKE_GRONDSLAGEN = {
  wmo_2_3_5: 'Wmo 2015 art. 2.3.5 — besluit over een maatwerkvoorziening (wettelijke taak, AVG art. 6 lid 1 sub e)',
  wmo_5_1_1: 'Wmo 2015 art. 5.1.1 — verwerking van persoonsgegevens, waaronder gezondheid, door het college voor de uitvoering van de wet',
  wmo_1_2_1: 'Wmo 2015 art. 1.2.1 — taak van het college: beschermd wonen en opvang',
} as const;
export type WettelijkeGrondslag = keyof typeof WETTELIJKE_GRONDSLAGEN;
export const WETTELIJKE_GRONDSLAG_CODES = Object.keys(WETTELIJKE_GRONDSLAGEN) as [WettelijkeGrondslag, ...WettelijkeGrondslag[]];

export interface Grondslag {
  reikwijdte: Reikwijdte;
  soort: GrondslagSoort;
  ingangsdatum: string;
  einddatum: string | null;
  ingetrokkenOp: string | null;
}

/**
 * Valid on a day: begun, not ended (the einddatum is the last valid day), not revoked (the revocation date is the
 * first day without it). The one rule; db/repos/grondslagen.grondslagVoorCorporatie writes the same in SQL.
 */
export function isGeldigOp(g: Grondslag, peildatum: string): boolean {
  return g.ingangsdatum <= peildatum && (g.einddatum === null || g.einddatum >= peildatum) && (g.ingetrokkenOp === null || g.ingetrokkenOp > peildatum);
}

export function heeftGeldigeGrondslag(lijst: readonly Grondslag[], reikwijdte: Reikwijdte, peildatum: string): boolean {
  return lijst.some((g) => g.reikwijdte === reikwijdte && isGeldigOp(g, peildatum));
}

export type GrondslagStatus = 'geldig' | 'nog_niet' | 'verlopen' | 'ingetrokken';
export function statusOp(g: Grondslag, peildatum: string): GrondslagStatus {
  if (g.ingetrokkenOp !== null && g.ingetrokkenOp <= peildatum) return 'ingetrokken';
  if (g.ingangsdatum > peildatum) return 'nog_niet';
  if (g.einddatum !== null && g.einddatum < peildatum) return 'verlopen';
  return 'geldig';
}

export interface NieuweGrondslag {
  reikwijdte: Reikwijdte;
  soort: GrondslagSoort;
  wettelijkeGrondslag?: WettelijkeGrondslag | null;
  referentie?: string | null;
  ingangsdatum: string;
  einddatum?: string | null;
}

/** The checks a form can fail, with the field named as the form shows it; null when the input is acceptable. */
export function controleerNieuweGrondslag(g: NieuweGrondslag, vandaag: string): string | null {
  if (!isGeldigeDatum(g.ingangsdatum)) return 'Datum gegeven is geen geldige datum';
  if (g.ingangsdatum > vandaag) return 'Datum gegeven ligt in de toekomst';
  if (g.einddatum && !isGeldigeDatum(g.einddatum)) return 'Einddatum is geen geldige datum';
  if (g.einddatum && g.einddatum < g.ingangsdatum) return 'Einddatum ligt vóór de datum gegeven';
  if (g.soort === 'wettelijk' && !g.wettelijkeGrondslag) return 'Wettelijke grondslag ontbreekt';
  if (g.soort === 'toestemming' && g.wettelijkeGrondslag) return 'Bij toestemming hoort geen wettelijke grondslag';
  if (g.soort === 'wettelijk' && !g.referentie?.trim()) return 'Referentie (bijvoorbeeld het nummer van de beschikking) ontbreekt';
  return null;
}

export function controleerIntrekking(g: Grondslag, datum: string, vandaag: string): string | null {
  if (g.ingetrokkenOp !== null) return 'Deze grondslag is al ingetrokken';
  if (!isGeldigeDatum(datum)) return 'Datum intrekking is geen geldige datum';
  if (datum > vandaag) return 'Datum intrekking ligt in de toekomst';
  if (datum < g.ingangsdatum) return 'Datum intrekking ligt vóór de datum gegeven';
  return null;
}
