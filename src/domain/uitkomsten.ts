/**
 * Outcome measures (issue 15, after the HUD System Performance Measures): what happens to people, not only how
 * many move. Definitions that src/db/repos/uitkomsten.ts implements in SQL and test/db/uitkomsten.test.ts
 * recomputes from the raw events.
 *
 * - **verblijfsduur** (SPM 1): a stay at a niveau is an unbroken run of days in care (in zorg or uitstroomklaar) at
 *   that niveau; it ends with the event that changes the niveau or ends the care (doorstroom, terugval to another
 *   niveau, uitstroom, uitval). Counted in the period in which it ends; mean and median in days; jongeren are 18–24
 *   on the last day. Stays still running on the peildatum are not counted.
 * - **eerste instroom** (SPM 5): an instroom of someone who was not in care at any day of the 730 days (24 months)
 *   before it.
 * - **terugkeer na blijvende uitstroom** (SPM 2): of the uitstroom events to a lasting destination
 *   ({@link BLIJVENDE_BESTEMMINGEN}), how many were followed by a return to care (terugval, or instroom after a new
 *   aanmelding) within 183, 365 and 730 days. A window is fully followed once the period's last day plus the window
 *   lies on or before the peildatum.
 * - **nog gehuisvest na 12 maanden**: of the placements in a home that began in the period and whose 365 days are
 *   over on the peildatum, how many had not ended within those 365 days.
 */
import { dagenTussen, plusDagen, type Niveau } from './trajecten.js';
import type { Bestemming } from './trajecten.js';
import type { PeriodeRegel } from './monitor.js';

/**
 * Lasting destinations: an own or supported home, a lasting place with family or network, or a Wlz-instelling
 * (HUD counts long-term care as permanent). Staying with family for a while, another region, detention or clinic,
 * the street, death and unknown are not lasting. The one place to change (ADR 0035).
 */
export const BLIJVENDE_BESTEMMINGEN: readonly Bestemming[] = ['zelfstandige_woning', 'woning_met_begeleiding', 'familie_netwerk_blijvend', 'wlz_instelling'];

export const TERUGKEER_TERMIJNEN = [
  { maanden: 6, dagen: 183 },
  { maanden: 12, dagen: 365 },
  { maanden: 24, dagen: 730 },
] as const;
export type TerugkeerMaanden = (typeof TERUGKEER_TERMIJNEN)[number]['maanden'];

/** "no trajectory in the 24 months before" */
export const EERSTE_INSTROOM_DAGEN = 730;
/** "still housed 12 months after a placement" */
export const NOG_GEHUISVEST_DAGEN = 365;

export interface Duur {
  aantal: number;
  gemiddelde: number | null;
  mediaan: number | null;
}

export interface UitkomstRegel extends PeriodeRegel {
  verblijfsduur: Record<Niveau, Duur>;
  verblijfsduurJongeren: Record<Niveau, Duur>;
  instroom: number;
  eersteInstroom: number;
  instroomJongeren: number;
  eersteInstroomJongeren: number;
  /** uitstroom to a lasting destination */
  blijvendeUitstroom: number;
  blijvendeUitstroomJongeren: number;
  terugkeer: Record<TerugkeerMaanden, { aantal: number; jongeren: number; volledigGevolgd: boolean }>;
  /** placements whose 12 months are over on the peildatum */
  plaatsingenGevolgd: number;
  nogGehuisvest: number;
  plaatsingenGevolgdJongeren: number;
  nogGehuisvestJongeren: number;
}

export function gemiddelde(waarden: readonly number[]): number | null {
  if (!waarden.length) return null;
  return waarden.reduce((a, b) => a + b, 0) / waarden.length;
}

/** What an interval row carries for the outcome measures, so the dashboard reads rows instead of folding them. */
export interface IntervalUitkomst {
  /** set on the interval of the event that ends a stay (see verblijfsduur above); null on every other row */
  verblijf: { niveau: Niveau; dagen: number; beginVolgnr: number } | null;
  /** instroom rows only: true when no earlier state in care lasted into the 730 days before */
  eersteInstroom: boolean | null;
}

type IntervalVoorUitkomst = { soort: string; fase: string; niveau: Niveau | null; van: string; tot: string | null };
const inZorg = (fase: string) => fase === 'in_zorg' || fase === 'uitstroomklaar';

/**
 * Per interval of one client (in volgnr order, as domain/monitor.trajectIntervallen gives them) the stay that ends
 * at its event and whether its instroom is a first one. Written into traject_intervallen by repos/intervallen in the
 * transaction that writes the events, like every other column of that projection.
 */
export function intervalUitkomsten(intervallen: readonly IntervalVoorUitkomst[]): IntervalUitkomst[] {
  const uit: IntervalUitkomst[] = intervallen.map(() => ({ verblijf: null, eersteInstroom: null }));
  let begin: number | null = null;
  intervallen.forEach((iv, k) => {
    const sleutel = inZorg(iv.fase) ? iv.niveau : null;
    const lopend = begin === null ? null : intervallen[begin]!;
    const lopendeSleutel = lopend ? lopend.niveau : null;
    if (begin !== null && sleutel !== lopendeSleutel) {
      // the stay ran from the first interval of its run to the van of this one (contiguous intervals)
      uit[k]!.verblijf = { niveau: lopendeSleutel!, dagen: dagenTussen(lopend!.van, iv.van), beginVolgnr: begin };
      begin = null;
    }
    if (sleutel !== null && begin === null) begin = k;
    if (iv.soort === 'instroom') {
      const grens = plusDagen(iv.van, -EERSTE_INSTROOM_DAGEN);
      uit[k]!.eersteInstroom = !intervallen.slice(0, k).some((j) => inZorg(j.fase) && (j.tot ?? iv.van) > grens);
    }
  });
  return uit;
}
