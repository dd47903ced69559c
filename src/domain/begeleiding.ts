/**
 * Begeleiding per plaatsing (issue 14 item 3, ADR 0035): the begeleidingsafspraak a placement rests on — which
 * aanbieder, how many hours a week, from when to when, when it is evaluated, and a plan over the domains of
 * levensbrede ondersteuning with goals per domain. Pure: validation, the rule which placements need one, what a
 * woningcorporatie may read of it, and when an evaluation reminder is due.
 */
import { HUURCONSTRUCTIES, type HuurconstructieSoort } from './woningen.js';
import { isGeldigeDatum, plusDagen, type Bestemming } from './trajecten.js';
import { datumTekst } from './signalen.js';

/** The domains of levensbrede ondersteuning a plan is written over: data, the form renders whatever is here. */
export const BEGELEIDING_DOMEINEN = [
  { code: 'wonen', label: 'Wonen', uitleg: 'Huishouden, huur betalen, omgaan met buren en de woning.' },
  { code: 'dagbesteding', label: 'Dagbesteding en werk', uitleg: 'Werk, opleiding, vrijwilligerswerk of een vaste dagbesteding.' },
  { code: 'financien', label: 'Financiën en schulden', uitleg: 'Inkomen, budgetbeheer, schuldhulp en vaste lasten.' },
  { code: 'sociaal_netwerk', label: 'Sociaal netwerk', uitleg: 'Familie, vrienden, lotgenoten en contact in de wijk.' },
  { code: 'gezondheid', label: 'Gezondheid', uitleg: 'Lichamelijke en psychische gezondheid, middelengebruik, medicatie.' },
] as const;
export type BegeleidingDomein = (typeof BEGELEIDING_DOMEINEN)[number]['code'];
const DOMEIN_CODES: readonly string[] = BEGELEIDING_DOMEINEN.map((d) => d.code);
export const domeinLabel = (code: string) => BEGELEIDING_DOMEINEN.find((d) => d.code === code)?.label ?? code;

export const DOEL_STATUSSEN = ['open', 'bezig', 'behaald', 'gestopt'] as const;
export type DoelStatus = (typeof DOEL_STATUSSEN)[number];
export const DOEL_STATUS_LABEL: Record<DoelStatus, string> = {
  open: 'Nog niet begonnen',
  bezig: 'Loopt',
  behaald: 'Behaald',
  gestopt: 'Gestopt of bijgesteld',
};

export interface Doel {
  omschrijving: string;
  status: DoelStatus;
}
export interface PlanDomein {
  domein: BegeleidingDomein;
  doelen: Doel[];
}
export type Plan = PlanDomein[];

export interface BegeleidingInvoer {
  aanbiederId: string;
  /** hours a week, at most one decimal (2,5) */
  urenPerWeek: number;
  van: string;
  tot: string;
  contactpersoon: string;
  contactTelefoon: string | null;
  /** planned evaluation dates, JJJJ-MM-DD */
  evaluaties: string[];
  plan: Plan;
}

// What the API sends of a begeleiding (GET /api/clienten/:id/begeleiding): the repository builds it, the dossier
// page reads it; one definition so the two cannot drift apart.

export interface Evaluatie {
  id: string;
  datum: string;
  gehoudenOp: string | null;
}

export interface Begeleiding {
  id: string;
  plaatsingId: string;
  clientId: string;
  aanbiederId: string;
  aanbieder: string;
  urenPerWeek: number;
  van: string;
  tot: string;
  contactpersoon: string;
  contactTelefoon: string | null;
  plan: Plan;
  evaluaties: Evaluatie[];
  versie: number;
  gewijzigd: string;
}

/** A placement as the begeleiding view shows it to the care side, with what is still missing. */
export interface PlaatsingMetBegeleiding {
  plaatsingId: string;
  clientId: string;
  adres: string;
  huurconstructie: HuurconstructieSoort;
  huurconstructieLabel: string;
  startdatum: string;
  einddatum: string | null;
  /** the construction rests on a begeleidingsafspraak (HUURCONSTRUCTIES.verplichteVoorwaarden) */
  vereist: boolean;
  begeleiding: Begeleiding | null;
  ontbreekt: string[];
}

export interface BegeleidingFout {
  pad: string;
  veld: string;
  melding: string;
}

export const MAX_UREN_PER_WEEK = 40;
export const MAX_DOEL_TEKENS = 300;
export const MAX_EVALUATIES = 12;
const TELEFOON = /^\+?[0-9 ()-]{8,20}$/;

/**
 * Checks the untyped body against the rules, every fault at its field as the form labels it. `plaatsing` bounds the
 * period: a begeleiding may begin before the key is handed over, but must run while the placement runs.
 */
export function valideerBegeleiding(
  ruw: Record<string, unknown>,
  plaatsing: { startdatum: string; einddatum: string | null },
): { ok: true; waarde: BegeleidingInvoer } | { ok: false; fouten: BegeleidingFout[] } {
  const fouten: BegeleidingFout[] = [];
  const fout = (pad: string, veld: string, melding: string) => fouten.push({ pad, veld, melding });
  const tekst = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

  const aanbiederId = tekst(ruw.aanbiederId);
  if (!/^[0-9a-f-]{36}$/i.test(aanbiederId)) fout('aanbiederId', 'Zorgaanbieder', 'Kies de zorgaanbieder die begeleidt');

  const uren = ruw.urenPerWeek;
  if (typeof uren !== 'number' || !Number.isFinite(uren)) fout('urenPerWeek', 'Uren per week', 'Uren per week moet een getal zijn');
  else if (uren <= 0 || uren > MAX_UREN_PER_WEEK) fout('urenPerWeek', 'Uren per week', `Uren per week moet meer dan 0 en hoogstens ${MAX_UREN_PER_WEEK} zijn`);
  else if (Math.abs(Math.round(uren * 10) - uren * 10) > 1e-9) fout('urenPerWeek', 'Uren per week', 'Uren per week kan hoogstens één cijfer achter de komma hebben');

  const van = tekst(ruw.van);
  const tot = tekst(ruw.tot);
  if (!isGeldigeDatum(van)) fout('van', 'Begeleiding vanaf', 'Begeleiding vanaf is geen geldige datum');
  if (!isGeldigeDatum(tot)) fout('tot', 'Begeleiding tot en met', 'Begeleiding tot en met is geen geldige datum');
  if (isGeldigeDatum(van) && isGeldigeDatum(tot)) {
    if (tot < van) fout('tot', 'Begeleiding tot en met', 'Begeleiding tot en met ligt vóór de begindatum');
    if (tot < plaatsing.startdatum) fout('tot', 'Begeleiding tot en met', 'De begeleiding eindigt vóór de plaatsing begint');
    if (plaatsing.einddatum && van > plaatsing.einddatum) fout('van', 'Begeleiding vanaf', 'De begeleiding begint na het einde van de plaatsing');
  }

  const contactpersoon = tekst(ruw.contactpersoon);
  if (contactpersoon.length < 2) fout('contactpersoon', 'Contactpersoon', 'Noem de contactpersoon voor de corporatie (minstens 2 tekens)');
  else if (contactpersoon.length > 120) fout('contactpersoon', 'Contactpersoon', 'Contactpersoon is te lang (hoogstens 120 tekens)');
  const telefoon = tekst(ruw.contactTelefoon);
  if (telefoon && !TELEFOON.test(telefoon)) fout('contactTelefoon', 'Telefoon contactpersoon', 'Telefoon contactpersoon is geen geldig telefoonnummer');

  const evaluatiesRuw = Array.isArray(ruw.evaluaties) ? ruw.evaluaties : null;
  const evaluaties: string[] = [];
  if (!evaluatiesRuw || evaluatiesRuw.length === 0) fout('evaluaties', 'Evaluatiedata', 'Plan minstens één evaluatie');
  else if (evaluatiesRuw.length > MAX_EVALUATIES) fout('evaluaties', 'Evaluatiedata', `Plan hoogstens ${MAX_EVALUATIES} evaluaties`);
  else
    evaluatiesRuw.forEach((e, i) => {
      const d = tekst(e);
      if (!isGeldigeDatum(d)) return fout(`evaluaties.${i}`, `Evaluatiedatum ${i + 1}`, `Evaluatiedatum ${i + 1} is geen geldige datum`);
      if (isGeldigeDatum(van) && isGeldigeDatum(tot) && (d < van || d > tot)) return fout(`evaluaties.${i}`, `Evaluatiedatum ${i + 1}`, `Evaluatiedatum ${i + 1} ligt buiten de periode van de begeleiding`);
      if (evaluaties.includes(d)) return fout(`evaluaties.${i}`, `Evaluatiedatum ${i + 1}`, `Evaluatiedatum ${i + 1} staat er al`);
      evaluaties.push(d);
    });

  const planRuw = Array.isArray(ruw.plan) ? ruw.plan : null;
  const plan: Plan = [];
  if (!planRuw) fout('plan', 'Plan', 'Plan ontbreekt');
  else {
    planRuw.forEach((p, i) => {
      const o = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
      const domein = tekst(o.domein);
      if (!DOMEIN_CODES.includes(domein)) return fout(`plan.${i}.domein`, 'Domein', `Onbekend domein '${domein}'`);
      if (plan.some((x) => x.domein === domein)) return fout(`plan.${i}.domein`, domeinLabel(domein), `${domeinLabel(domein)} staat twee keer in het plan`);
      const doelenRuw = Array.isArray(o.doelen) ? o.doelen : [];
      const doelen: Doel[] = [];
      doelenRuw.forEach((d, j) => {
        const od = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
        const omschrijving = tekst(od.omschrijving);
        const pad = `plan.${i}.doelen.${j}`;
        const veld = `Doel ${j + 1} bij ${domeinLabel(domein)}`;
        if (omschrijving.length < 3) return fout(`${pad}.omschrijving`, veld, `${veld}: beschrijf het doel (minstens 3 tekens)`);
        if (omschrijving.length > MAX_DOEL_TEKENS) return fout(`${pad}.omschrijving`, veld, `${veld} is te lang (hoogstens ${MAX_DOEL_TEKENS} tekens)`);
        const status = (od.status ?? 'open') as string;
        if (!(DOEL_STATUSSEN as readonly string[]).includes(status)) return fout(`${pad}.status`, veld, `${veld}: kies een status`);
        doelen.push({ omschrijving, status: status as DoelStatus });
      });
      if (doelen.length) plan.push({ domein: domein as BegeleidingDomein, doelen });
    });
    if (!fouten.some((f) => f.pad.startsWith('plan')) && plan.length === 0) fout('plan', 'Plan', 'Noem minstens één doel in het plan');
  }

  if (fouten.length) return { ok: false, fouten };
  // the plan in the order of the domain list, so two equal plans store the same text
  plan.sort((a, b) => DOMEIN_CODES.indexOf(a.domein) - DOMEIN_CODES.indexOf(b.domein));
  return { ok: true, waarde: { aanbiederId, urenPerWeek: uren as number, van, tot, contactpersoon, contactTelefoon: telefoon || null, evaluaties: evaluaties.sort(), plan } };
}

/** Whether a placement under this construction rests on a begeleidingsafspraak (from HUURCONSTRUCTIES). */
export const vereistBegeleiding = (huurconstructie: HuurconstructieSoort) => HUURCONSTRUCTIES[huurconstructie].verplichteVoorwaarden.includes('begeleidingsafspraak');

/**
 * The bestemming of the uitstroom a sleuteloverdracht registers. The two home bestemmingen tell a home with support
 * from one without, not who holds the lease or what kind of dwelling it is: a construction that rests on a
 * begeleidingsafspraak (hoofdhuur/onderhuur, omklap, Housing First, driepartijen) is a woning met begeleiding, also
 * when the client is the tenant from the start (Housing First, driepartijen) or becomes it at the omklap; direct and
 * proefhuur, where the client rents the home and needs no begeleiding, are a zelfstandige woning. Both count as
 * blijvend (BLIJVENDE_BESTEMMINGEN), so the outcome figures do not depend on this choice; the monitor's split by
 * bestemming does.
 */
export const bestemmingBijSleuteloverdracht = (huurconstructie: HuurconstructieSoort): Extract<Bestemming, 'zelfstandige_woning' | 'woning_met_begeleiding'> =>
  vereistBegeleiding(huurconstructie) ? 'woning_met_begeleiding' : 'zelfstandige_woning';

/**
 * What is missing for a placement that needs a begeleidingsafspraak, in words a worker acts on (empty = in order).
 * A placement that has ended, or one that needs none, misses nothing.
 */
export function ontbrekendeBegeleiding(
  p: { huurconstructie: HuurconstructieSoort; einddatum: string | null },
  b: { tot: string; openEvaluaties: string[] } | null,
  vandaag: string,
): string[] {
  if (!vereistBegeleiding(p.huurconstructie) || (p.einddatum && p.einddatum < vandaag)) return [];
  const label = HUURCONSTRUCTIES[p.huurconstructie].label;
  if (!b) return [`${label} vereist een begeleidingsafspraak: leg de begeleiding vast (zorgaanbieder, uren per week, periode, evaluatiedata en plan)`];
  const ontbreekt: string[] = [];
  if (b.tot < vandaag) ontbreekt.push(`De begeleiding liep af op ${datumTekst(b.tot)}; ${label} vereist lopende begeleiding: verleng de begeleiding of leg een nieuwe afspraak vast`);
  else if (!b.openEvaluaties.some((d) => d >= vandaag)) ontbreekt.push('Er is geen evaluatie meer gepland: plan de volgende evaluatie');
  return ontbreekt;
}

/** Everything a woningcorporatie reads of a begeleiding: until when it is arranged and whom to call. */
export interface BegeleidingVoorCorporatie {
  plaatsingId: string;
  geregeldTot: string;
  contactpersoon: string;
  contactTelefoon: string | null;
  tekst: string;
}

export function voorCorporatie(b: { plaatsingId: string; tot: string; contactpersoon: string; contactTelefoon: string | null }): BegeleidingVoorCorporatie {
  const contact = b.contactTelefoon ? `${b.contactpersoon}, ${b.contactTelefoon}` : b.contactpersoon;
  return { plaatsingId: b.plaatsingId, geregeldTot: b.tot, contactpersoon: b.contactpersoon, contactTelefoon: b.contactTelefoon, tekst: `Begeleiding geregeld tot ${datumTekst(b.tot)}, contact ${contact}` };
}

// ------------------------------------------------------------------ evaluation reminders

/** A reminder goes this many days before an evaluation, and one on the day itself. */
export const EVALUATIE_VOORAF_DAGEN = 5;
/** A reminder missed while the server was down is still sent this many days late, not later (old news). */
export const EVALUATIE_NAWERKING_DAGEN = 7;
export type HerinneringSoort = 'vooraf' | 'vandaag';

/** Which reminder is due for an open evaluation on `vandaag`, or null. At most one per day: the nearest. */
export function herinneringVoor(evaluatiedatum: string, vandaag: string): HerinneringSoort | null {
  if (vandaag >= evaluatiedatum && vandaag <= plusDagen(evaluatiedatum, EVALUATIE_NAWERKING_DAGEN)) return 'vandaag';
  if (vandaag >= plusDagen(evaluatiedatum, -EVALUATIE_VOORAF_DAGEN) && vandaag < evaluatiedatum) return 'vooraf';
  return null;
}

/** The earliest and latest evaluation date that can have a reminder due on `vandaag` (for the query). */
export const herinneringVenster = (vandaag: string) => ({ van: plusDagen(vandaag, -EVALUATIE_NAWERKING_DAGEN), tot: plusDagen(vandaag, EVALUATIE_VOORAF_DAGEN) });
