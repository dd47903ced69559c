import type { Actor } from './auth.js';
import { datumBezwaar } from './datums.js';

/**
 * Zelfredzaamheid-Matrix (ZRM 2017): thirteen life domains, each scored 1 (acute problematiek) to 5 (volledig
 * zelfredzaam). The toegang assesses a client with it over time; Doorstroom derives a readiness hint for
 * uitstroom from the latest assessment. The hint is advice on the dossier, never a condition of any event.
 * See ADR 0032.
 */
export const ZRM_DOMEINEN = [
  'financien',
  'werk_opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke_relaties',
  'geestelijke_gezondheid',
  'lichamelijke_gezondheid',
  'middelengebruik',
  'basale_adl',
  'instrumentele_adl',
  'sociaal_netwerk',
  'maatschappelijke_participatie',
  'justitie',
] as const;
export type ZrmDomein = (typeof ZRM_DOMEINEN)[number];

export const ZRM_DOMEIN_LABEL: Record<ZrmDomein, string> = {
  financien: 'Financiën',
  werk_opleiding: 'Werk & opleiding',
  tijdsbesteding: 'Tijdsbesteding',
  huisvesting: 'Huisvesting',
  huiselijke_relaties: 'Huiselijke relaties',
  geestelijke_gezondheid: 'Geestelijke gezondheid',
  lichamelijke_gezondheid: 'Lichamelijke gezondheid',
  middelengebruik: 'Middelengebruik',
  basale_adl: 'Basale ADL',
  instrumentele_adl: 'Instrumentele ADL',
  sociaal_netwerk: 'Sociaal netwerk',
  maatschappelijke_participatie: 'Maatschappelijke participatie',
  justitie: 'Justitie',
};

export type ZrmScore = 1 | 2 | 3 | 4 | 5;
export const ZRM_SCORES: readonly ZrmScore[] = [1, 2, 3, 4, 5];
export const ZRM_SCORE_LABEL: Record<ZrmScore, string> = {
  1: 'acute problematiek',
  2: 'niet zelfredzaam',
  3: 'beperkt zelfredzaam',
  4: 'voldoende zelfredzaam',
  5: 'volledig zelfredzaam',
};

/** A score per domain; null = niet van toepassing of onbekend. */
export type ZrmScores = Record<ZrmDomein, ZrmScore | null>;

/**
 * At least this many domains must carry a score. A domain may honestly be unknown or not apply (justitie for
 * someone never in contact with it, werk for a pensioner), but an assessment with most domains empty says
 * nothing and would make the history chart jump.
 */
export const MIN_GESCOORD = 10;
export const MAX_TOELICHTING = 2000;

/** The domains that decide whether living on one's own is within reach (the readiness hint). */
export const UITSTROOM_DOMEINEN: readonly ZrmDomein[] = ['financien', 'huisvesting', 'basale_adl', 'instrumentele_adl', 'middelengebruik', 'geestelijke_gezondheid'];
/** In those domains at least beperkt zelfredzaam. */
export const UITSTROOM_DREMPEL: ZrmScore = 3;

export interface ZrmVeldFout {
  /** the body key, so a form shows the message at its own field */
  pad: string;
  veld: string;
  melding: string;
}

export interface ZrmInvoer {
  datum: string;
  scores: ZrmScores;
  toelichting: string | null;
}

const scoreVeld = (d: ZrmDomein) => `Score ${ZRM_DOMEIN_LABEL[d]}`;

/**
 * Checks an assessment as typed (any JSON): every domain present as 1–5 or null, at least MIN_GESCOORD scored,
 * a date within the bounds of an event, notes within bounds. Returns the clean assessment or every fault, each
 * naming its field as the form labels it.
 */
export function valideerZrm(invoer: { datum?: unknown; scores?: unknown; toelichting?: unknown }, vandaag: string): { ok: true; waarde: ZrmInvoer } | { ok: false; fouten: ZrmVeldFout[] } {
  const fouten: ZrmVeldFout[] = [];
  const datum = typeof invoer.datum === 'string' ? invoer.datum : '';
  const datumFout = datumBezwaar(datum, 'gebeurtenis', vandaag);
  if (datumFout) fouten.push({ pad: 'datum', veld: 'Datum', melding: `Datum ${datumFout}` });

  const ruw = invoer.scores !== null && typeof invoer.scores === 'object' && !Array.isArray(invoer.scores) ? (invoer.scores as Record<string, unknown>) : {};
  const scores = {} as ZrmScores;
  for (const d of ZRM_DOMEINEN) {
    const w = ruw[d];
    if (w === null) scores[d] = null;
    else if (typeof w === 'number' && Number.isInteger(w) && w >= 1 && w <= 5) scores[d] = w as ZrmScore;
    else {
      scores[d] = null;
      fouten.push({
        pad: `scores.${d}`,
        veld: scoreVeld(d),
        melding: w === undefined ? `${scoreVeld(d)} ontbreekt (kies 1 tot en met 5, of niet van toepassing)` : `${scoreVeld(d)} moet 1 tot en met 5 zijn`,
      });
    }
  }
  for (const sleutel of Object.keys(ruw)) {
    if (!(ZRM_DOMEINEN as readonly string[]).includes(sleutel)) fouten.push({ pad: `scores.${sleutel}`, veld: 'Scores', melding: `Scores: onbekend domein "${sleutel.slice(0, 40)}"` });
  }
  const domeinFouten = fouten.some((f) => f.pad.startsWith('scores.'));
  const gescoord = ZRM_DOMEINEN.filter((d) => scores[d] !== null).length;
  if (!domeinFouten && gescoord < MIN_GESCOORD) {
    fouten.push({ pad: 'scores', veld: 'Scores', melding: `Scores: geef minstens ${MIN_GESCOORD} van de 13 domeinen een score (nu ${gescoord}); de rest mag 'niet van toepassing' zijn` });
  }

  let toelichting: string | null = null;
  if (invoer.toelichting !== undefined && invoer.toelichting !== null) {
    if (typeof invoer.toelichting !== 'string') fouten.push({ pad: 'toelichting', veld: 'Toelichting', melding: 'Toelichting moet tekst zijn' });
    else {
      const t = invoer.toelichting.trim();
      if (t.length > MAX_TOELICHTING) fouten.push({ pad: 'toelichting', veld: 'Toelichting', melding: `Toelichting is te lang (max. ${MAX_TOELICHTING} tekens)` });
      toelichting = t === '' ? null : t;
    }
  }
  return fouten.length ? { ok: false, fouten } : { ok: true, waarde: { datum, scores, toelichting } };
}

export interface ZrmTegenhouder {
  domein: ZrmDomein;
  label: string;
  score: ZrmScore | null;
  /** plain Dutch: "Financiën: 2 (niet zelfredzaam)" */
  tekst: string;
}

export interface UitstroomHint {
  klaar: boolean;
  /** exactly the domains that hold readiness back, in matrix order */
  tegenhouders: ZrmTegenhouder[];
  tekst: string;
}

/**
 * Whether the scores point to uitstroom: every UITSTROOM_DOMEIN at least UITSTROOM_DREMPEL (an unscored one
 * holds it back: readiness is not assumed) and no domain at all in acute problematiek (1). Raising a score can
 * only remove a domain from the holders, never add one.
 */
export function uitstroomHint(scores: ZrmScores): UitstroomHint {
  const tegenhouders: ZrmTegenhouder[] = [];
  for (const d of ZRM_DOMEINEN) {
    const score = scores[d];
    const uitstroom = UITSTROOM_DOMEINEN.includes(d);
    const houdtTegen = score === 1 || (uitstroom && (score === null || score < UITSTROOM_DREMPEL));
    if (!houdtTegen) continue;
    const label = ZRM_DOMEIN_LABEL[d];
    tegenhouders.push({ domein: d, label, score, tekst: score === null ? `${label}: niet gescoord` : `${label}: ${score} (${ZRM_SCORE_LABEL[score]})` });
  }
  const klaar = tegenhouders.length === 0;
  const tekst = klaar
    ? 'Ja: financiën, huisvesting, ADL, middelengebruik en geestelijke gezondheid zijn minstens beperkt zelfredzaam, en nergens is acute problematiek.'
    : `Nog niet. ${tegenhouders.length === 1 ? 'Dit domein houdt' : 'Deze domeinen houden'} het tegen: ${tegenhouders.map((t) => t.tekst).join('; ')}.`;
  return { klaar, tegenhouders, tekst };
}

/** Mean of the scored domains, rounded to one decimal (the chart's summary line); null when nothing is scored. */
export function gemiddelde(scores: ZrmScores): number | null {
  const waarden = ZRM_DOMEINEN.map((d) => scores[d]).filter((w): w is ZrmScore => w !== null);
  if (!waarden.length) return null;
  return Math.round((waarden.reduce((a, b) => a + b, 0) / waarden.length) * 10) / 10;
}

/**
 * The notes of an assessment are care information (as risk notes, ADR 0022): only those who work with the
 * client read them. A lezer sees the scores and the hint; a beheerder or corporatie sees nothing of it here.
 */
export function magZrmToelichtingZien(actor: Actor): boolean {
  return actor.soort !== 'woningcorporatie' && (actor.rol === 'consulent' || actor.rol === 'medewerker_toegang');
}

export const MIN_INTREKKINGSREDEN = 5;

/** One assessment as the API gives it (scores always; notes only for who may read them). */
export interface ZrmBeoordeling {
  id: string;
  datum: string;
  organisatieId: string;
  organisatie: string;
  scores: ZrmScores;
  gemiddelde: number | null;
  /** null for who may not read notes (see magZrmToelichtingZien), or when there are none */
  toelichting: string | null;
  vastgelegdOp: string;
  ingetrokken: { op: string; reden: string | null } | null;
}

/** A client's assessments, newest first, with the hint of the newest valid one. */
export interface ZrmOverzicht {
  beoordelingen: ZrmBeoordeling[];
  /** the hint of the newest assessment that is not withdrawn; null when there is none */
  hint: (UitstroomHint & { beoordelingId: string; datum: string }) | null;
}
