import type { Actor } from './auth.js';
import { DomeinFout } from './fouten.js';

/**
 * Signalen: a corporatie or gemeente reports trouble around a placed tenant (rent arrears, nuisance,
 * avoidance of care) and the responsible aanbieder must act within the regionally agreed times.
 * Everything here is pure: the repository and the scheduler only read these rules.
 */

export const SIGNAAL_SOORTEN = ['huurachterstand', 'overlast', 'zorgmijding', 'overig'] as const;
export type SignaalSoort = (typeof SIGNAAL_SOORTEN)[number];
export const SIGNAAL_SOORT_LABEL: Record<SignaalSoort, string> = {
  huurachterstand: 'Huurachterstand',
  overlast: 'Overlast',
  zorgmijding: 'Zorgmijding',
  overig: 'Overig',
};

export const OVERLAST_CATEGORIEEN = ['geluid', 'vervuiling', 'agressie', 'overig'] as const;
export type OverlastCategorie = (typeof OVERLAST_CATEGORIEEN)[number];

export const SIGNAAL_STATUSSEN = ['gemeld', 'opgepakt', 'in_behandeling', 'opgelost', 'geescaleerd'] as const;
export type SignaalStatus = (typeof SIGNAAL_STATUSSEN)[number];
export const SIGNAAL_STATUS_LABEL: Record<SignaalStatus, string> = {
  gemeld: 'Gemeld',
  opgepakt: 'Opgepakt',
  in_behandeling: 'In behandeling',
  opgelost: 'Opgelost',
  geescaleerd: 'Geëscaleerd',
};

/** Statuses in which the aanbieder still owes a reaction; only these can run late and escalate automatically. */
export const OPEN_STATUSSEN: readonly SignaalStatus[] = ['gemeld', 'opgepakt', 'in_behandeling'];
export const EIND_STATUSSEN: readonly SignaalStatus[] = ['opgelost'];

export const SIGNAAL_ACTIES = ['oppakken', 'behandelen', 'oplossen', 'escaleren', 'terugleggen'] as const;
export type SignaalActie = (typeof SIGNAAL_ACTIES)[number];
export const SIGNAAL_ACTIE_LABEL: Record<SignaalActie, string> = {
  oppakken: 'Oppakken',
  behandelen: 'In behandeling nemen',
  oplossen: 'Opgelost',
  escaleren: 'Escaleren naar centrumgemeente',
  terugleggen: 'Terugleggen bij aanbieder',
};

/**
 * The part an organisation plays for one signal. One organisation can play several
 * (a centrumgemeente that reported the signal itself is both melder and centrumgemeente).
 * 'systeem' is the scheduler escalating overdue signals.
 */
export type SignaalRol = 'melder' | 'aanbieder' | 'centrumgemeente' | 'systeem';

interface Overgang {
  van: readonly SignaalStatus[];
  naar: SignaalStatus;
  door: readonly SignaalRol[];
}

/** The single table of allowed transitions; UI buttons and API checks both read it. */
export const OVERGANGEN: Record<SignaalActie, Overgang> = {
  oppakken: { van: ['gemeld'], naar: 'opgepakt', door: ['aanbieder'] },
  behandelen: { van: ['opgepakt'], naar: 'in_behandeling', door: ['aanbieder'] },
  // the aanbieder closes its own cases; an escalated case is closed by the centrumgemeente
  oplossen: { van: ['opgepakt', 'in_behandeling', 'geescaleerd'], naar: 'opgelost', door: ['aanbieder', 'centrumgemeente'] },
  escaleren: { van: OPEN_STATUSSEN, naar: 'geescaleerd', door: ['centrumgemeente', 'systeem'] },
  terugleggen: { van: ['geescaleerd'], naar: 'in_behandeling', door: ['centrumgemeente'] },
};

export class SignaalFout extends DomeinFout {
  constructor(message: string, soort: 'ongeldig' | 'geweigerd') {
    super(soort, message);
  }
}

/** Who may do an action in a given state: the aanbieder may not close an escalated case itself. */
function magActie(actie: SignaalActie, status: SignaalStatus, rol: SignaalRol): boolean {
  const o = OVERGANGEN[actie];
  if (!o.van.includes(status) || !o.door.includes(rol)) return false;
  if (actie === 'oplossen') return status === 'geescaleerd' ? rol === 'centrumgemeente' : rol === 'aanbieder';
  return true;
}

/** Returns the new status, or throws: 'ongeldig' when the step makes no sense now, 'geweigerd' when the caller may not take it. */
export function volgendeStatus(status: SignaalStatus, actie: SignaalActie, rollen: readonly SignaalRol[]): SignaalStatus {
  const o = OVERGANGEN[actie];
  if (!o.van.includes(status)) {
    throw new SignaalFout(`'${SIGNAAL_ACTIE_LABEL[actie]}' kan niet bij een signaal met status ${SIGNAAL_STATUS_LABEL[status].toLowerCase()}`, 'ongeldig');
  }
  if (!rollen.some((r) => magActie(actie, status, r))) {
    throw new SignaalFout(`Uw organisatie mag '${SIGNAAL_ACTIE_LABEL[actie]}' niet uitvoeren bij dit signaal`, 'geweigerd');
  }
  return o.naar;
}

export function toegestaneActies(status: SignaalStatus, rollen: readonly SignaalRol[]): SignaalActie[] {
  return SIGNAAL_ACTIES.filter((a) => rollen.some((r) => r !== 'systeem' && magActie(a, status, r)));
}

export interface SignaalPartijen {
  regioId: string;
  melderOrganisatieId: string;
  aanbiederId: string;
  corporatieId: string;
  /** gemeente where the home is */
  gemeenteId: string;
}

/** The roles an organisation plays for a signal; empty means it has nothing to do with it. */
export function rollenVoor(actor: Pick<Actor, 'organisatieId' | 'regioId' | 'soort'>, p: SignaalPartijen): SignaalRol[] {
  if (actor.regioId !== p.regioId) return [];
  const rollen: SignaalRol[] = [];
  if (actor.organisatieId === p.melderOrganisatieId) rollen.push('melder');
  if (actor.soort === 'aanbieder' && actor.organisatieId === p.aanbiederId) rollen.push('aanbieder');
  if (actor.soort === 'centrumgemeente') rollen.push('centrumgemeente');
  return rollen;
}

/**
 * Who sees a signal: the melder, the responsible aanbieder, the corporatie that owns the home,
 * the gemeente where the home is and the centrumgemeente of the regio (it handles escalations).
 */
export function magSignaalZien(actor: Pick<Actor, 'organisatieId' | 'regioId' | 'soort'>, p: SignaalPartijen): boolean {
  if (actor.regioId !== p.regioId) return false;
  switch (actor.soort) {
    case 'centrumgemeente':
      return true;
    case 'regiogemeente':
      return actor.organisatieId === p.melderOrganisatieId || actor.organisatieId === p.gemeenteId;
    case 'woningcorporatie':
      return actor.organisatieId === p.corporatieId;
    case 'aanbieder':
      return actor.organisatieId === p.aanbiederId;
  }
}

/** Who may raise a signal on a placement: the corporatie of the home, the gemeente where it is, the centrumgemeente. */
export function magSignaalMelden(actor: Pick<Actor, 'organisatieId' | 'regioId' | 'soort'>, p: Omit<SignaalPartijen, 'melderOrganisatieId'>): boolean {
  if (actor.regioId !== p.regioId) return false;
  switch (actor.soort) {
    case 'centrumgemeente':
      return true;
    case 'regiogemeente':
      return actor.organisatieId === p.gemeenteId;
    case 'woningcorporatie':
      return actor.organisatieId === p.corporatieId;
    case 'aanbieder':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Procesafspraken and deadlines

export interface Procesafspraak {
  signaalSoort: SignaalSoort;
  /** elapsed hours within which a 'gemeld' signal must be opgepakt */
  reactieUren: number;
  /** calendar days (local clock) within which an opgepakt signal must be opgelost */
  oplosDagen: number;
}

/** Used when a regio has not (yet) agreed its own times. */
export const STANDAARD_AFSPRAKEN: Record<SignaalSoort, Procesafspraak> = {
  overlast: { signaalSoort: 'overlast', reactieUren: 24, oplosDagen: 14 },
  huurachterstand: { signaalSoort: 'huurachterstand', reactieUren: 72, oplosDagen: 28 },
  zorgmijding: { signaalSoort: 'zorgmijding', reactieUren: 48, oplosDagen: 21 },
  overig: { signaalSoort: 'overig', reactieUren: 120, oplosDagen: 30 },
};

export const TIJDZONE = 'Europe/Amsterdam';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tijdzone: string) {
  let f = formatters.get(tijdzone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tijdzone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tijdzone, f);
  }
  return f;
}

export interface LokaleTijd {
  jaar: number;
  maand: number;
  dag: number;
  uur: number;
  minuut: number;
  seconde: number;
  milli: number;
}

/** Wall-clock time of an instant in a time zone. */
export function lokaleTijd(moment: Date, tijdzone = TIJDZONE): LokaleTijd {
  const delen = Object.fromEntries(formatter(tijdzone).formatToParts(moment).map((p) => [p.type, p.value]));
  return {
    jaar: Number(delen.year),
    maand: Number(delen.month),
    dag: Number(delen.day),
    uur: Number(delen.hour),
    minuut: Number(delen.minute),
    seconde: Number(delen.second),
    milli: moment.getUTCMilliseconds(),
  };
}

const alsUtc = (t: LokaleTijd) => Date.UTC(t.jaar, t.maand - 1, t.dag, t.uur, t.minuut, t.seconde, t.milli);
/** Offset from UTC in ms at an instant (CET +1h, CEST +2h). */
const offsetOp = (ms: number, tijdzone: string) => alsUtc(lokaleTijd(new Date(ms), tijdzone)) - ms;

/**
 * The instant at which the clock in the time zone shows this wall time. Same choice as Temporal's
 * 'compatible': a time that occurs twice (the October night) takes the earlier one, a time that does
 * not exist (the March gap, 02:00–03:00) is moved forward by the length of the gap.
 */
export function vanLokaleTijd(t: LokaleTijd, tijdzone = TIJDZONE): Date {
  const naief = alsUtc(t);
  const offsets = [...new Set([offsetOp(naief - 86_400_000, tijdzone), offsetOp(naief + 86_400_000, tijdzone)])];
  const passend = offsets.map((o) => naief - o).filter((ms) => alsUtc(lokaleTijd(new Date(ms), tijdzone)) === naief);
  if (passend.length) return new Date(Math.min(...passend));
  // gap: read the wall time with the offset from before the change, which lands after the gap
  return new Date(naief - offsetOp(naief - 86_400_000, tijdzone));
}

/** "13-10-2026 20:00" in Dutch local time, for texts stored in steps and notifications. */
export function lokaleTijdTekst(moment: Date, tijdzone = TIJDZONE): string {
  const t = lokaleTijd(moment, tijdzone);
  const twee = (n: number) => String(n).padStart(2, '0');
  return `${twee(t.dag)}-${twee(t.maand)}-${t.jaar} ${twee(t.uur)}:${twee(t.minuut)}`;
}

/** Elapsed hours: 72 uur is always 72 × 3600 s, whatever the clock does in between. */
export function plusUren(moment: Date, uren: number): Date {
  return new Date(moment.getTime() + uren * 3_600_000);
}

/** Calendar days keeping the local clock time: 10:00 on Friday + 3 dagen is 10:00 on Monday, also across a DST change. */
export function plusKalenderdagen(moment: Date, dagen: number, tijdzone = TIJDZONE): Date {
  const t = lokaleTijd(moment, tijdzone);
  const datum = new Date(Date.UTC(t.jaar, t.maand - 1, t.dag + dagen));
  return vanLokaleTijd({ ...t, jaar: datum.getUTCFullYear(), maand: datum.getUTCMonth() + 1, dag: datum.getUTCDate() }, tijdzone);
}

/** The local calendar date (JJJJ-MM-DD) of an instant: "today" for the scheduler. */
export function lokaleDatum(moment: Date, tijdzone = TIJDZONE): string {
  const t = lokaleTijd(moment, tijdzone);
  return `${t.jaar}-${String(t.maand).padStart(2, '0')}-${String(t.dag).padStart(2, '0')}`;
}

/**
 * The deadline that applies after entering a status at moment `sinds`:
 * - gemeld: opgepakt within reactieUren (elapsed hours, counted from the report)
 * - opgepakt (and in_behandeling after terugleggen): opgelost within oplosDagen calendar days
 * - in_behandeling from opgepakt, geescaleerd, opgelost: the running deadline stays (null = unchanged)
 */
export function nieuweDeadline(
  vorige: SignaalStatus | null,
  naar: SignaalStatus,
  sinds: Date,
  afspraak: Pick<Procesafspraak, 'reactieUren' | 'oplosDagen'>,
  tijdzone = TIJDZONE,
): Date | null {
  if (naar === 'gemeld') return plusUren(sinds, afspraak.reactieUren);
  if (naar === 'opgepakt' || (naar === 'in_behandeling' && vorige === 'geescaleerd')) return plusKalenderdagen(sinds, afspraak.oplosDagen, tijdzone);
  return null;
}

/** "13 oktober 2026" for a calendar date (JJJJ-MM-DD) in texts people read (notifications). */
export function datumTekst(datum: string): string {
  const [j, m, d] = datum.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MAANDEN[m - 1]} ${j}`;
}
const MAANDEN = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** Late means: still waiting for the aanbieder and past the deadline. */
export function isTeLaat(s: { status: SignaalStatus; deadline: Date }, nu: Date): boolean {
  return OPEN_STATUSSEN.includes(s.status) && s.deadline.getTime() < nu.getTime();
}

// ---------------------------------------------------------------------------------------------
// Details per kind

export type SignaalDetails =
  | { soort: 'huurachterstand'; bedragCenten: number; maanden: number; toelichting?: string | null }
  | { soort: 'overlast'; categorie: OverlastCategorie; toelichting?: string | null }
  | { soort: 'zorgmijding'; toelichting?: string | null }
  | { soort: 'overig'; toelichting: string };

/** One-line Dutch summary for lists and notifications (no client data in it). */
export function samenvatting(d: SignaalDetails): string {
  switch (d.soort) {
    case 'huurachterstand':
      return `Huurachterstand € ${(d.bedragCenten / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} (${d.maanden} ${d.maanden === 1 ? 'maand' : 'maanden'})`;
    case 'overlast':
      return `Overlast: ${d.categorie}`;
    case 'zorgmijding':
      return 'Zorgmijding';
    case 'overig':
      return `Overig: ${d.toelichting.slice(0, 80)}`;
  }
}

/** Where a notification about a signal leads: the web app's route of the signal (a browser route, no '#'). */
export const signaalLink = (id: string) => `/signalen/${id}`;

// ---------------------------------------------------------------------------------------------
// Schulden

export const SCHULD_STATUSSEN = ['open', 'regeling_getroffen', 'afgelost'] as const;
export type SchuldStatus = (typeof SCHULD_STATUSSEN)[number];

/** "Geregeld": no debt is still open. No debts at all also counts as geregeld. */
export function isSchuldGeregeld(statussen: readonly SchuldStatus[]): boolean {
  return statussen.every((s) => s === 'regeling_getroffen' || s === 'afgelost');
}
