/**
 * A client's trajectory is an append-only list of dated events; the current state is never stored
 * but derived by folding the events through `pasToe`. Impossible transitions are refused there,
 * so the API, the CSV import and the seed all obey the same rules.
 */
import { DomeinFout } from './fouten.js';
import { isGeldigeDatum } from './datums.js';

export const NIVEAUS = ['bw_intramuraal', 'mo_24uurs', 'beschermd_thuis', 'mo_nachtopvang', 'ambulant'] as const;
export type Niveau = (typeof NIVEAUS)[number];

export const NIVEAU_LABEL: Record<Niveau, string> = {
  bw_intramuraal: 'BW 24/7 intramuraal',
  mo_24uurs: 'MO 24-uursopvang',
  beschermd_thuis: 'Beschermd Thuis',
  mo_nachtopvang: 'MO nachtopvang',
  ambulant: 'Ambulante begeleiding (Wmo)',
};

/**
 * Intensity of support. Doorstroom goes to a strictly lighter level, terugval to a strictly heavier one.
 * Nachtopvang is intensive in need but offers little support; it ranks with Beschermd Thuis so that a
 * move from nachtopvang to 24-uursopvang counts as opschaling (terugval), not doorstroom.
 */
export const NIVEAU_INTENSITEIT: Record<Niveau, number> = {
  bw_intramuraal: 4,
  mo_24uurs: 3,
  beschermd_thuis: 2,
  mo_nachtopvang: 2,
  ambulant: 1,
};

export const DOELGROEPEN = ['ggz', 'verslaving', 'lvb', 'dakloos', 'jeugd_uitstroom'] as const;
export type Doelgroep = (typeof DOELGROEPEN)[number];
export const DOELGROEP_LABEL: Record<Doelgroep, string> = {
  ggz: 'GGZ',
  verslaving: 'Verslaving',
  lvb: 'LVB',
  dakloos: 'Dakloos',
  jeugd_uitstroom: 'Jeugd-uitstroom',
};

export const EVENT_SOORTEN = [
  'aanmelding',
  'beoordeling',
  'indicatie',
  'instroom',
  'doorstroom',
  'uitstroomklaar',
  'uitstroom',
  'terugval',
  'uitval',
] as const;
export type EventSoort = (typeof EVENT_SOORTEN)[number];

/**
 * Where someone goes at uitstroom, fine enough to tell a lasting home from a temporary stay (issue 14, ADR 0035),
 * after the destination categories of the HUD/CBS-style registrations the Valente and national monitors follow.
 * Migration 0033 mapped the old familie_netwerk to familie_netwerk_tijdelijk: the old value did not say it was lasting.
 * Which of these count as lasting is BLIJVENDE_BESTEMMINGEN in domain/uitkomsten.
 */
export const BESTEMMINGEN = [
  'zelfstandige_woning',
  'woning_met_begeleiding',
  'familie_netwerk_blijvend',
  'familie_netwerk_tijdelijk',
  'wlz_instelling',
  'detentie_kliniek',
  'andere_regio',
  'dakloos',
  'overleden',
  'onbekend',
] as const;
export type Bestemming = (typeof BESTEMMINGEN)[number];

export const BESTEMMING_LABEL: Record<Bestemming, string> = {
  zelfstandige_woning: 'Zelfstandige woning',
  woning_met_begeleiding: 'Woning met begeleiding',
  familie_netwerk_blijvend: 'Blijvend bij familie / netwerk',
  familie_netwerk_tijdelijk: 'Tijdelijk bij familie / netwerk',
  wlz_instelling: 'Wlz-instelling',
  detentie_kliniek: 'Detentie / kliniek (tijdelijk)',
  andere_regio: 'Opvang of BW in andere regio',
  dakloos: 'Dakloos / straat / nachtopvang',
  overleden: 'Overleden',
  onbekend: 'Onbekend',
};

/**
 * How migration 0033 recoded the bestemming values stored before it (ADR 0035): old code → new code. Only
 * familie_netwerk changes; test/db/migratie-bestemming.test.ts holds the migration's SQL to this table.
 */
export const BESTEMMING_MIGRATIE_0033: Readonly<Record<string, Bestemming>> = {
  zelfstandige_woning: 'zelfstandige_woning',
  woning_met_begeleiding: 'woning_met_begeleiding',
  familie_netwerk: 'familie_netwerk_tijdelijk',
  andere_regio: 'andere_regio',
  detentie_kliniek: 'detentie_kliniek',
  onbekend: 'onbekend',
};

/**
 * Where someone lived just before the aanmelding (woonsituatie vóór aanmelding), recorded on the aanmelding event:
 * the monitor's "waar komen mensen vandaan", and the baseline a later bestemming is compared with.
 */
export const WOONSITUATIES = [
  'dakloos_straat',
  'nachtopvang',
  'instelling_kliniek',
  'instelling_detentie',
  'instelling_jeugdzorg',
  'familie_netwerk',
  'eigen_woning',
  'huisuitzetting_dreigt',
  'bw_mo_elders',
  'onbekend',
] as const;
export type Woonsituatie = (typeof WOONSITUATIES)[number];

export const WOONSITUATIE_LABEL: Record<Woonsituatie, string> = {
  dakloos_straat: 'Dakloos / op straat',
  nachtopvang: 'Nachtopvang of andere maatschappelijke opvang',
  instelling_kliniek: 'Instelling: kliniek (GGZ, verslaving, ziekenhuis)',
  instelling_detentie: 'Instelling: detentie / justitiële instelling',
  instelling_jeugdzorg: 'Instelling: jeugdzorg of pleegzorg',
  familie_netwerk: 'Bij familie / netwerk (tijdelijk onderdak, bankslapen)',
  eigen_woning: 'Eigen huur- of koopwoning',
  huisuitzetting_dreigt: 'Huurwoning, huisuitzetting dreigt',
  bw_mo_elders: 'Beschermd wonen of opvang in een andere regio',
  onbekend: 'Onbekend',
};

export interface TrajectEvent {
  soort: EventSoort;
  datum: string; // YYYY-MM-DD
  niveau?: Niveau | null;
  bestemming?: Bestemming | null;
  urgentie?: number | null;
  /** aanmelding only: where the person lived before */
  woonsituatie?: Woonsituatie | null;
}

export type Fase =
  | 'geen'
  | 'aangemeld'
  | 'beoordeeld'
  | 'geindiceerd'
  | 'in_zorg'
  | 'uitstroomklaar'
  | 'uitgestroomd'
  | 'uitgevallen';

export const FASE_LABEL: Record<Fase, string> = {
  geen: 'Geen traject',
  aangemeld: 'Aangemeld',
  beoordeeld: 'Beoordeeld',
  geindiceerd: 'Geïndiceerd, wacht op instroom',
  in_zorg: 'In zorg',
  uitstroomklaar: 'Uitstroomklaar, wacht op woning',
  uitgestroomd: 'Uitgestroomd',
  uitgevallen: 'Uitgevallen',
};

export interface Toestand {
  fase: Fase;
  /** level indicated (geindiceerd) or currently received (in_zorg / uitstroomklaar) */
  niveau: Niveau | null;
  urgentie: number;
  /** date the current fase began: drives waiting time */
  sinds: string | null;
  laatsteDatum: string | null;
  bestemming: Bestemming | null;
  /** date of the last uitstroom, for "terugval within 12 months" */
  laatsteUitstroom: string | null;
}

export const BEGIN_TOESTAND: Toestand = {
  fase: 'geen',
  niveau: null,
  urgentie: 0,
  sinds: null,
  laatsteDatum: null,
  bestemming: null,
  laatsteUitstroom: null,
};

export class TrajectFout extends DomeinFout {
  constructor(message: string) {
    super('ongeldig', message);
  }
}

// one definition of a valid date (a real day, from 1900 on) for the whole domain
export { isGeldigeDatum };

/** Which event kinds may follow a fase; the single source for UI buttons and validation. */
export const TOEGESTANE_EVENTS: Record<Fase, EventSoort[]> = {
  geen: ['aanmelding'],
  aangemeld: ['beoordeling', 'uitval'],
  beoordeeld: ['indicatie', 'uitval'],
  geindiceerd: ['instroom', 'uitval'],
  in_zorg: ['doorstroom', 'uitstroomklaar', 'uitstroom', 'terugval', 'uitval'],
  uitstroomklaar: ['doorstroom', 'uitstroom', 'terugval', 'uitval'],
  uitgestroomd: ['aanmelding', 'terugval'],
  uitgevallen: ['aanmelding'],
};

function vereisNiveau(event: TrajectEvent): Niveau {
  if (!event.niveau) throw new TrajectFout(`${event.soort} vereist een ondersteuningsniveau`);
  if (!(NIVEAUS as readonly string[]).includes(event.niveau)) throw new TrajectFout(`Onbekend niveau '${event.niveau}'`);
  return event.niveau;
}

/** Applies one event, or throws TrajectFout with a message a toegangsmedewerker understands. */
export function pasToe(t: Toestand, event: TrajectEvent): Toestand {
  if (!isGeldigeDatum(event.datum)) throw new TrajectFout(`Ongeldige datum '${event.datum}' (verwacht JJJJ-MM-DD)`);
  if (t.laatsteDatum && event.datum < t.laatsteDatum) {
    throw new TrajectFout(`Datum ${event.datum} ligt vóór de vorige gebeurtenis (${t.laatsteDatum})`);
  }
  if (!TOEGESTANE_EVENTS[t.fase].includes(event.soort)) {
    throw new TrajectFout(
      `'${event.soort}' kan niet in fase '${FASE_LABEL[t.fase]}'; toegestaan: ${TOEGESTANE_EVENTS[t.fase].join(', ')}`,
    );
  }
  if (event.woonsituatie != null) {
    if (event.soort !== 'aanmelding') throw new TrajectFout('Woonsituatie vóór aanmelding hoort alleen bij een aanmelding');
    if (!(WOONSITUATIES as readonly string[]).includes(event.woonsituatie)) throw new TrajectFout(`Onbekende woonsituatie vóór aanmelding '${event.woonsituatie}'`);
  }
  const basis = { ...t, laatsteDatum: event.datum };
  switch (event.soort) {
    case 'aanmelding':
      return { ...basis, fase: 'aangemeld', niveau: null, sinds: event.datum, bestemming: null, urgentie: 0 };
    case 'beoordeling': {
      const urgentie = event.urgentie ?? 0;
      if (!Number.isInteger(urgentie) || urgentie < 0 || urgentie > 3) throw new TrajectFout('Urgentie moet 0, 1, 2 of 3 zijn');
      return { ...basis, fase: 'beoordeeld', urgentie, sinds: event.datum };
    }
    case 'indicatie':
      return { ...basis, fase: 'geindiceerd', niveau: vereisNiveau(event), sinds: event.datum };
    case 'instroom': {
      const niveau = event.niveau ? vereisNiveau(event) : t.niveau;
      return { ...basis, fase: 'in_zorg', niveau, sinds: event.datum };
    }
    case 'doorstroom': {
      const niveau = vereisNiveau(event);
      if (NIVEAU_INTENSITEIT[niveau] >= NIVEAU_INTENSITEIT[t.niveau!]) {
        throw new TrajectFout(`Doorstroom moet naar een lichter niveau dan ${NIVEAU_LABEL[t.niveau!]}; gebruik terugval voor opschaling`);
      }
      return { ...basis, fase: 'in_zorg', niveau, sinds: event.datum };
    }
    case 'terugval': {
      const niveau = vereisNiveau(event);
      if (t.fase !== 'uitgestroomd' && NIVEAU_INTENSITEIT[niveau] <= NIVEAU_INTENSITEIT[t.niveau!]) {
        throw new TrajectFout(`Terugval moet naar een zwaarder niveau dan ${NIVEAU_LABEL[t.niveau!]}; gebruik doorstroom voor afschaling`);
      }
      return { ...basis, fase: 'in_zorg', niveau, sinds: event.datum, bestemming: null };
    }
    case 'uitstroomklaar':
      return { ...basis, fase: 'uitstroomklaar', sinds: event.datum };
    case 'uitstroom': {
      if (!event.bestemming) throw new TrajectFout('Uitstroom vereist een bestemming');
      if (!(BESTEMMINGEN as readonly string[]).includes(event.bestemming)) throw new TrajectFout(`Onbekende bestemming '${event.bestemming}'`);
      return {
        ...basis,
        fase: 'uitgestroomd',
        niveau: null,
        sinds: event.datum,
        bestemming: event.bestemming,
        laatsteUitstroom: event.datum,
      };
    }
    case 'uitval':
      return { ...basis, fase: 'uitgevallen', niveau: null, sinds: event.datum };
  }
}

export function leidToestandAf(events: readonly TrajectEvent[], start: Toestand = BEGIN_TOESTAND): Toestand {
  return events.reduce(pasToe, start);
}

/** Like leidToestandAf but reports which event (0-based) broke the chain instead of throwing. */
export function controleerTraject(events: readonly TrajectEvent[]): { ok: true; toestand: Toestand } | { ok: false; index: number; fout: string } {
  let t = BEGIN_TOESTAND;
  for (let i = 0; i < events.length; i++) {
    try {
      t = pasToe(t, events[i]!);
    } catch (e) {
      if (e instanceof TrajectFout) return { ok: false, index: i, fout: e.message };
      throw e;
    }
  }
  return { ok: true, toestand: t };
}

/** BSN check digit rule (elfproef): weights 9..2 and -1 over nine digits, sum divisible by 11. */
export function elfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  const d = [...bsn].map(Number);
  return (d.slice(0, 8).reduce((acc, v, i) => acc + v * (9 - i), 0) - d[8]!) % 11 === 0;
}

export function leeftijdOp(geboortedatum: string, peildatum: string): number {
  // ISO dates (YYYY-MM-DD): "MM-DD" compares as text, without splitting (a list page asks this twice per row)
  if (geboortedatum.length === 10 && peildatum.length === 10) {
    return Number(peildatum.slice(0, 4)) - Number(geboortedatum.slice(0, 4)) - (peildatum.slice(5) < geboortedatum.slice(5) ? 1 : 0);
  }
  const [gj, gm, gd] = geboortedatum.split('-').map(Number) as [number, number, number];
  const [pj, pm, pd] = peildatum.split('-').map(Number) as [number, number, number];
  return pj - gj - (pm < gm || (pm === gm && pd < gd) ? 1 : 0);
}

/** The seeds single out young people 18–24 who need housing with support rather than 24/7 BW. */
const isJongereLeeftijd = (leeftijd: number) => leeftijd >= 18 && leeftijd <= 24;

export const isJongere = (geboortedatum: string, peildatum: string) => isJongereLeeftijd(leeftijdOp(geboortedatum, peildatum));

/** Age and youth together, for a list row that shows both: the age is computed once. */
export function leeftijdEnJongere(geboortedatum: string, peildatum: string): { leeftijd: number; jongere: boolean } {
  const leeftijd = leeftijdOp(geboortedatum, peildatum);
  return { leeftijd, jongere: isJongereLeeftijd(leeftijd) };
}

/**
 * isJongere as a range on the birth date, for SQL: isJongere(g, p) ⇔ na < g <= uiterlijk. Age ≥ n on p means
 * (year, month, day) of g is at most (year(p) − n, month(p), day(p)); where that day does not exist (29 February
 * in a common year) no birth date lies between it and 28 February, so 28 February stands in for it.
 */
export function jongereGeboortedata(peildatum: string): { na: string; uiterlijk: string } {
  const [pj, pm, pd] = peildatum.split('-').map(Number) as [number, number, number];
  const jarenTerug = (n: number) => {
    const j = pj - n;
    const schrikkel = (j % 4 === 0 && j % 100 !== 0) || j % 400 === 0;
    const dag = pm === 2 && pd === 29 && !schrikkel ? 28 : pd;
    return `${String(j).padStart(4, '0')}-${String(pm).padStart(2, '0')}-${String(dag).padStart(2, '0')}`;
  };
  return { na: jarenTerug(25), uiterlijk: jarenTerug(18) };
}

export function dagenTussen(van: string, tot: string): number {
  return Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000);
}

export function plusDagen(datum: string, dagen: number): string {
  return new Date(Date.parse(`${datum}T00:00:00Z`) + dagen * 86_400_000).toISOString().slice(0, 10);
}

/** The stored kind of a correction (AVG art. 16): it voids one earlier event and is itself never folded. */
export const CORRECTIE = 'correctie';

/** What geldigeEvents needs of a stored event row. */
export interface Corrigeerbaar {
  id: number;
  soort: string;
  vervaltEventId?: number | null;
}

/**
 * The events that count: the log is append-only, so an event registered in error stays, and a later 'correctie'
 * row names it (vervaltEventId). Every fold of stored events (dossier state, monitor intervals, import) goes
 * through here, so state, intervals and monitor follow a correction. Order is kept.
 */
export function geldigeEvents<T extends Corrigeerbaar>(events: readonly T[]): T[] {
  const vervallen = new Set<number>();
  for (const e of events) if (e.soort === CORRECTIE && e.vervaltEventId != null) vervallen.add(e.vervaltEventId);
  return events.filter((e) => e.soort !== CORRECTIE && !vervallen.has(e.id));
}

/**
 * Inserts a replacement into an ordered list of valid events at the place its date gives it (after the events
 * of the same date, as a new row would sort by id). For checking a correction before it is stored.
 */
export function metVervanging<T extends { datum: string }>(events: readonly T[], vervanging: T): T[] {
  const i = events.findIndex((e) => e.datum > vervanging.datum);
  return i < 0 ? [...events, vervanging] : [...events.slice(0, i), vervanging, ...events.slice(i)];
}
