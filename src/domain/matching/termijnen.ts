import { lokaleTijd, TIJDZONE, vanLokaleTijd } from '../signalen.js';
import type { VoorstelStatus } from './workflow.js';

/**
 * Deadlines on an open proposal, in werkdagen (Monday–Friday; public holidays are not counted out, see ADR 0034).
 * Each step has its own term, counted from the moment the step began:
 * - voorstel: the corporatie decides on its home;
 * - akkoord_corporatie: the aanbieder (or gemeente) decides with the cliënt;
 * - akkoord_aanbieder: the sleuteloverdracht is registered.
 * The deadline is midnight (Europe/Amsterdam) at the start of the day after the last werkdag: "reageren vóór
 * dinsdag 17-12-2026". A reminder goes to the party whose turn it is `herinneringWerkdagen` before the deadline,
 * the centrumgemeente is told when it passes, and after `respijtWerkdagen` more the proposal expires: the home is
 * free again and the next candidate is proposed.
 */
export interface VoorstelTermijnen {
  corporatieWerkdagen: number;
  zorgWerkdagen: number;
  sleutelWerkdagen: number;
  herinneringWerkdagen: number;
  respijtWerkdagen: number;
}

export const STANDAARD_VOORSTEL_TERMIJNEN: VoorstelTermijnen = {
  corporatieWerkdagen: 10,
  zorgWerkdagen: 10,
  sleutelWerkdagen: 21,
  herinneringWerkdagen: 3,
  respijtWerkdagen: 5,
};

export const TERMIJN_LABEL: Record<keyof VoorstelTermijnen, string> = {
  corporatieWerkdagen: 'Besluit corporatie (werkdagen)',
  zorgWerkdagen: 'Besluit aanbieder/cliënt (werkdagen)',
  sleutelWerkdagen: 'Sleuteloverdracht (werkdagen)',
  herinneringWerkdagen: 'Herinnering vooraf (werkdagen)',
  respijtWerkdagen: 'Respijt na de termijn (werkdagen)',
};

/** Bounds that keep a region's terms meaningful; the API names the field when a value is outside. */
export const TERMIJN_GRENZEN: Record<keyof VoorstelTermijnen, { min: number; max: number }> = {
  corporatieWerkdagen: { min: 1, max: 60 },
  zorgWerkdagen: { min: 1, max: 60 },
  sleutelWerkdagen: { min: 1, max: 120 },
  herinneringWerkdagen: { min: 0, max: 20 },
  respijtWerkdagen: { min: 0, max: 30 },
};

/** The term of the step a proposal is in, or null when nothing is awaited (closed). */
export function stapWerkdagen(status: VoorstelStatus, t: VoorstelTermijnen): number | null {
  if (status === 'voorstel') return t.corporatieWerkdagen;
  if (status === 'akkoord_corporatie') return t.zorgWerkdagen;
  if (status === 'akkoord_aanbieder') return t.sleutelWerkdagen;
  return null;
}

const isWerkdag = (jaar: number, maand: number, dag: number) => {
  const d = new Date(Date.UTC(jaar, maand - 1, dag)).getUTCDay();
  return d !== 0 && d !== 6;
};

/** Midnight (local) at the start of the local date `datum` + `dagen` calendar days. */
function middernacht(t: { jaar: number; maand: number; dag: number }, dagen: number, tijdzone: string): Date {
  const d = new Date(Date.UTC(t.jaar, t.maand - 1, t.dag + dagen));
  return vanLokaleTijd({ jaar: d.getUTCFullYear(), maand: d.getUTCMonth() + 1, dag: d.getUTCDate(), uur: 0, minuut: 0, seconde: 0, milli: 0 }, tijdzone);
}

/**
 * Midnight after the `n`-th werkdag following the local date of `moment` (the day itself does not count: a step
 * taken on Monday afternoon with 1 werkdag may still be answered all of Tuesday). n = 0: midnight after today.
 */
export function naWerkdagen(moment: Date, n: number, tijdzone = TIJDZONE): Date {
  const t = lokaleTijd(moment, tijdzone);
  let dagen = 0;
  for (let geteld = 0; geteld < n; ) {
    dagen++;
    const d = new Date(Date.UTC(t.jaar, t.maand - 1, t.dag + dagen));
    if (isWerkdag(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())) geteld++;
  }
  return middernacht(t, dagen + 1, tijdzone);
}

/** `n` werkdagen back from a deadline (a local midnight): the first moment of the reminder window. */
export function werkdagenVoor(deadline: Date, n: number, tijdzone = TIJDZONE): Date {
  const t = lokaleTijd(deadline, tijdzone);
  let dagen = 0;
  for (let geteld = 0; geteld < n; ) {
    dagen--;
    const d = new Date(Date.UTC(t.jaar, t.maand - 1, t.dag + dagen));
    if (isWerkdag(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())) geteld++;
  }
  return middernacht(t, dagen, tijdzone);
}

export interface StapTermijn {
  deadline: Date;
  herinnerVanaf: Date;
  verlooptOp: Date;
}

/** The three moments of a step that began at `sinds`, or null for a closed status. */
export function termijnVoorStap(status: VoorstelStatus, sinds: Date, t: VoorstelTermijnen, tijdzone = TIJDZONE): StapTermijn | null {
  const n = stapWerkdagen(status, t);
  if (n === null) return null;
  const deadline = naWerkdagen(sinds, n, tijdzone);
  // the reminder never comes before the step itself
  const herinner = werkdagenVoor(deadline, t.herinneringWerkdagen, tijdzone);
  const verlooptOp = t.respijtWerkdagen === 0 ? deadline : naWerkdagen(new Date(deadline.getTime() - 1), t.respijtWerkdagen, tijdzone);
  return { deadline, herinnerVanaf: herinner < sinds ? sinds : herinner, verlooptOp };
}
