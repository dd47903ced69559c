/**
 * Pure helpers of the regional monitor: definitions that the SQL in src/db/repos/monitor.ts implements
 * and that the tests recompute in TypeScript, plus small-number suppression and CSV output.
 */
import { isGeldigeDatum, pasToe, BEGIN_TOESTAND, dagenTussen, type Bestemming, type EventSoort, type Fase, type Niveau, type TrajectEvent } from './trajecten.js';

export const PERIODES = ['maand', 'kwartaal', 'jaar'] as const;
export type Periode = (typeof PERIODES)[number];

/** PostgreSQL date_trunc field and step length per period. */
export const PERIODE_SQL: Record<Periode, { veld: 'month' | 'quarter' | 'year'; maanden: number }> = {
  maand: { veld: 'month', maanden: 1 },
  kwartaal: { veld: 'quarter', maanden: 3 },
  jaar: { veld: 'year', maanden: 12 },
};

/** Follow-up window for "terugkeer binnen 12 maanden", as in the HUD System Performance Measure 2. */
export const TERUGKEER_DAGEN = 365;

/**
 * Counts of placed people below this threshold are not shown to a woningcorporatie per gemeente and year:
 * with a handful of placements the corporatie could link a figure to a tenant it knows.
 */
export const DREMPEL_KLEINE_AANTALLEN = 5;

// ---------------------------------------------------------------------------------------------
// The rows the monitor answers with: one definition for the repository, the API and the web app
// ---------------------------------------------------------------------------------------------

export interface PeriodeRegel {
  start: string;
  eind: string;
}

export const STROOM_SOORTEN = ['instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval'] as const;
export type StroomSoort = (typeof STROOM_SOORTEN)[number];

export interface StromenRegel extends PeriodeRegel {
  aantallen: Record<StroomSoort, number>;
  jongeren: Record<StroomSoort, number>;
  uitstroomPerBestemming: Record<Bestemming, number>;
}

export interface BezettingRegel extends PeriodeRegel {
  /** clients in care (in zorg or uitstroomklaar) per niveau on the last day of the period */
  populatie: Record<Niveau, number>;
  populatieJongeren: Record<Niveau, number>;
  /** geindiceerd, waiting for instroom, per indicated niveau */
  wachtInstroom: Record<Niveau, number>;
  wachtInstroomJongeren: number;
  /** uitstroomklaar, waiting for a home */
  wachtUitstroom: number;
  wachtUitstroomJongeren: number;
}

export interface WachttijdMaat {
  aantal: number;
  mediaan: number | null;
  p90: number | null;
}

export interface WachttijdRegel extends PeriodeRegel {
  instroom: WachttijdMaat;
  instroomJongeren: WachttijdMaat;
  uitstroom: WachttijdMaat;
  uitstroomJongeren: WachttijdMaat;
}

export interface TerugkeerRegel extends PeriodeRegel {
  uitstroom: number;
  teruggekeerd: number;
  percentage: number | null;
  uitstroomJongeren: number;
  teruggekeerdJongeren: number;
  percentageJongeren: number | null;
  /** false while the 12-month follow-up of the cohort's last day is not yet over on the peildatum */
  volledigGevolgd: boolean;
}

export interface WoningRegel {
  jaar: number;
  gemeenteId: string;
  gemeente: string;
  corporatieId: string;
  corporatie: string;
  gereserveerd: number;
  gerealiseerd: number;
}

export interface BeschermdThuisRegel {
  jaar: number;
  gemeenteId: string;
  gemeente: string;
  plekken: number;
  doelPlekken: number;
}

/** A WoningRegel as a woningcorporatie may see it: realised counts 1–4 suppressed (null, shown as "<5"). */
export interface GepubliceerdeWoningRegel extends Omit<WoningRegel, 'gerealiseerd'> {
  gerealiseerd: number | null;
  onderdrukt: boolean;
}

/** 1..4 becomes null (shown as "<5"); 0 stays 0 because "nothing happened" reveals no one. */
export function onderdruk(n: number): number | null {
  return n > 0 && n < DREMPEL_KLEINE_AANTALLEN ? null : n;
}

/** Linear interpolation between closest ranks, identical to PostgreSQL's percentile_cont. */
export function percentielCont(waarden: readonly number[], p: number): number | null {
  if (waarden.length === 0) return null;
  const s = [...waarden].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const onder = Math.floor(pos);
  const boven = Math.ceil(pos);
  return s[onder]! + (s[boven]! - s[onder]!) * (pos - onder);
}

/** First day of the period that contains `datum` (YYYY-MM-DD). */
export function periodeStart(datum: string, periode: Periode): string {
  const [j, m] = datum.split('-').map(Number) as [number, number];
  const maand = periode === 'maand' ? m : periode === 'kwartaal' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return `${j}-${String(maand).padStart(2, '0')}-01`;
}

/** Standard window of the monitor: how many whole calendar months end with the month of `tot`. */
export const STANDAARD_MAANDEN = 24;

/** Start of the standard window: the first day of the month `STANDAARD_MAANDEN − 1` months before the month of `tot`,
 *  so "de laatste 24 maanden" are 24 monthly periods, the last one the month in which `tot` falls. */
export function standaardVan(tot: string): string {
  const [j, m] = tot.split('-').map(Number) as [number, number];
  const index = j * 12 + (m - 1) - (STANDAARD_MAANDEN - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The monitor's derived form of a trajectory: every event opens an interval in which the client's state
 * is the state after that event, until the client's next event (the state "at the end of a day" is the
 * state after that day's events, so an interval [van, tot) holds on the days van … tot − 1).
 * Stored in traject_intervallen so that stocks, waits and returns are aggregates over rows instead of
 * a replay of every client's history per request.
 */
export interface TrajectInterval {
  /** position of the opening event in the client's (datum, id)-ordered list */
  volgnr: number;
  soort: EventSoort;
  fase: Fase;
  niveau: Niveau | null;
  van: string;
  /** date of the next event; null while this is the client's latest state */
  tot: string | null;
  bestemming: Bestemming | null;
  /** instroom straight after its indicatie, uitstroom straight after uitstroomklaar: days waited */
  wachtDagen: number | null;
  /** uitstroom: date of the first re-entry into care afterwards (terugval, or instroom after a new aanmelding) */
  terugkeerOp: string | null;
}

/** The first day on which someone is `jaren` old, by leeftijdOp's rule (born 29 February: 1 March). */
export function verjaardagOp(geboortedatum: string, jaren: number): string {
  const [j, m, d] = geboortedatum.split('-') as [string, string, string];
  const datum = `${String(Number(j) + jaren).padStart(4, '0')}-${m}-${d}`;
  return isGeldigeDatum(datum) ? datum : `${String(Number(j) + jaren).padStart(4, '0')}-03-01`;
}

/** Jongere (18–24) on day d ⇔ jongVanaf <= d < jongTot. */
export function jongerenGrenzen(geboortedatum: string): { jongVanaf: string; jongTot: string } {
  return { jongVanaf: verjaardagOp(geboortedatum, 18), jongTot: verjaardagOp(geboortedatum, 25) };
}

/** Folds a client's events (ordered by datum, then registration) through the state machine into intervals. */
export function trajectIntervallen(events: readonly TrajectEvent[]): TrajectInterval[] {
  let t = BEGIN_TOESTAND;
  const uit: TrajectInterval[] = [];
  events.forEach((e, i) => {
    const vorige = events[i - 1];
    t = pasToe(t, e);
    const wacht = vorige && ((e.soort === 'instroom' && vorige.soort === 'indicatie') || (e.soort === 'uitstroom' && vorige.soort === 'uitstroomklaar'));
    uit.push({
      volgnr: i,
      soort: e.soort,
      fase: t.fase,
      niveau: t.niveau,
      van: e.datum,
      tot: events[i + 1]?.datum ?? null,
      bestemming: e.bestemming ?? null,
      wachtDagen: wacht ? dagenTussen(vorige.datum, e.datum) : null,
      terugkeerOp: e.soort === 'uitstroom' ? (events.slice(i + 1).find((x) => x.soort === 'terugval' || x.soort === 'instroom')?.datum ?? null) : null,
    });
  });
  return uit;
}

/** The words the monitor shows for each kind of flow (legends, headers). */
export const STROOM_LABEL: Record<StroomSoort, string> = {
  instroom: 'Instroom',
  doorstroom: 'Doorstroom',
  uitstroom: 'Uitstroom',
  terugval: 'Terugval',
  uitval: 'Uitval',
};
