/**
 * Prioriteringsbeleid als gegevens (issue 14, punt 6; ADR 0037). Een regio legt gewichten en een volgorde van
 * termen vast; dit bestand beeldt dat af op de gehele gewichten van de doelfunctie (`objectief.ts`), zodat de
 * motor onveranderd exact blijft rekenen: hij krijgt alleen andere `MatchInvoer.gewichten`.
 *
 * ## Gewogen of op volgorde
 * - Lege volgorde ("gewogen"): alle termen tellen op met hun gewicht, precies de formule van `objectief.ts`.
 *   Versie 1 van elke regio is zo: de standaardgewichten.
 * - Volgorde t₁, t₂, …: t₁ beslist; bij gelijkheid op t₁ beslist t₂, enzovoort; wat dan nog gelijk is beslissen
 *   de overige termen met hun gewicht (het "gewogen rest"-niveau). Een term in de volgorde telt in zijn eigen
 *   eenheid (1 per wachtdag, per urgentieniveau, per voorkeurspositie, per plaatsing onder het eerlijk aandeel,
 *   per punt ZRM-gereedheid); zijn gewicht doet er dan niet toe.
 *
 * ## Lexicografisch schalen
 * Per term de grootste verandering Δ bij één ruil (één kandidaat vervangen door een ander op dezelfde woning, of
 * twee geplaatsten die van woning wisselen): wachttijd ≤ maxWachtdagen, urgentie ≤ 3, voorkeur ≤ 2·(P − 1) bij
 * P voorkeursgemeenten, spreiding ≤ 1 (de ene herkomstgemeente verliest één, de andere wint één), ZRM ≤ 30.
 * Van onder naar boven: span₀ = Σ_rest |gewicht|·Δ; voor elke term van de volgorde, van achter naar voren,
 * L_t = 1 + span en daarna span += L_t·Δ_t. Eén eenheid winst op t weegt dan zwaarder dan elke verandering van
 * alles wat na t komt. De basis wordt minstens 1 + span, zodat een extra plaatsing alles overtreft en elke
 * plaatsing positief blijft. Alles blijft geheel; de grootste waarde van één plaatsing is begrensd door
 * MAX_PLAATSINGSWAARDE (zo blijven de kosten van de netwerksimplex, ook zijn big-M, ruim binnen 2^53).
 */
import { STANDAARD_GEWICHTEN, zrmWaarde } from './objectief.js';
import type { Gewichten, MatchKandidaat, MatchWoning, Toewijzing } from './types.js';
import { UITSTROOM_DOMEINEN, type ZrmScores } from '../zrm.js';

export const BELEID_TERMEN = ['wachttijd', 'urgentie', 'voorkeur', 'spreiding', 'zrm'] as const;
export type BeleidTerm = (typeof BELEID_TERMEN)[number];

export const TERM_LABEL: Record<BeleidTerm, string> = {
  wachttijd: 'Wachttijd',
  urgentie: 'Urgentie',
  voorkeur: 'Voorkeursgemeente',
  spreiding: 'Spreiding over herkomstgemeenten',
  zrm: 'ZRM-gereedheid',
};

/** How the form labels each weight; validation messages name the field this way. */
export const GEWICHT_LABEL: Record<keyof Gewichten, string> = {
  basis: 'Basiswaarde per plaatsing',
  perWachtdag: 'Punten per wachtdag',
  maxWachtdagen: 'Maximaal aantal wachtdagen',
  perUrgentie: 'Punten per urgentieniveau',
  rangStraf: 'Aftrek per voorkeurspositie',
  spreidingsBonus: 'Spreidingsbonus',
  perZrm: 'Punten per punt ZRM-gereedheid',
};
export const GEWICHT_SLEUTELS = Object.keys(GEWICHT_LABEL) as (keyof Gewichten)[];

export interface Beleid {
  gewichten: Gewichten;
  /** Lege lijst: gewogen. Anders de termen in volgorde van voorrang, elk hoogstens één keer. */
  volgorde: BeleidTerm[];
}

export const STANDAARD_BELEID: Readonly<Beleid> = Object.freeze({ gewichten: { ...STANDAARD_GEWICHTEN }, volgorde: [] });

/** Hoogste ZRM-gereedheid: de som van de scores (1..5) op de zes uitstroomdomeinen. */
export const MAX_ZRM = 5 * UITSTROOM_DOMEINEN.length;
/** Grens op de waarde van één plaatsing (zie de kop van dit bestand en ADR 0037). */
export const MAX_PLAATSINGSWAARDE = 10_000_000;
export const MAX_WACHTDAGEN_GRENS = 3650;
export const MIN_TOELICHTING = 10;
export const MAX_TOELICHTING = 2000;

/**
 * ZRM-gereedheid voor de matching: de som van de scores op de uitstroomdomeinen van de laatste geldige
 * beoordeling (een niet gescoord domein telt 0; zonder beoordeling 0). Geheel, 0..MAX_ZRM, zodat de doelfunctie
 * exact blijft.
 */
export function zrmGereedheid(scores: ZrmScores | null): number {
  if (!scores) return 0;
  let som = 0;
  for (const d of UITSTROOM_DOMEINEN) som += scores[d] ?? 0;
  return som;
}

/** Grootste verandering van een term (in zijn eigen eenheid) bij één ruil. */
function delta(term: BeleidTerm, g: Gewichten, maxVoorkeuren: number): number {
  switch (term) {
    case 'wachttijd':
      return Math.max(0, g.maxWachtdagen);
    case 'urgentie':
      return 3;
    case 'voorkeur':
      return 2 * Math.max(0, maxVoorkeuren - 1);
    case 'spreiding':
      return 1;
    case 'zrm':
      return MAX_ZRM;
  }
}

/** Gewicht van een term in het gewogen niveau. */
function gewichtVan(term: BeleidTerm, g: Gewichten): number {
  switch (term) {
    case 'wachttijd':
      return g.perWachtdag;
    case 'urgentie':
      return g.perUrgentie;
    case 'voorkeur':
      return g.rangStraf;
    case 'spreiding':
      return g.spreidingsBonus;
    case 'zrm':
      return g.perZrm;
  }
}

export interface Afbeelding {
  gewichten: Gewichten;
  /** De multiplicator L_t per term van de volgorde. */
  niveaus: { term: BeleidTerm; multiplicator: number }[];
  /** Grootste waarde die één plaatsing kan krijgen (basis plus alle positieve termen op hun maximum). */
  maxPlaatsingswaarde: number;
  /** Grootste aftrek van één plaatsing (voorkeur op zijn slechtst). */
  maxAftrek: number;
}

/**
 * De gehele gewichten voor de motor bij dit beleid. `maxVoorkeuren` is het grootste aantal voorkeursgemeenten
 * van één kandidaat (bij het vastleggen: het aantal gemeenten van de regio, een bovengrens).
 */
export function afbeelding(beleid: Beleid, maxVoorkeuren: number): Afbeelding {
  const g = { ...beleid.gewichten };
  const P = Math.max(1, maxVoorkeuren);
  const inVolgorde = new Set(beleid.volgorde);
  if (beleid.volgorde.length === 0) {
    const maxPositief = g.basis + g.perWachtdag * g.maxWachtdagen + g.perUrgentie * 3 + g.perZrm * MAX_ZRM + g.spreidingsBonus;
    return { gewichten: g, niveaus: [], maxPlaatsingswaarde: maxPositief, maxAftrek: g.rangStraf * (P - 1) };
  }
  let span = 0;
  for (const t of BELEID_TERMEN) if (!inVolgorde.has(t)) span += Math.abs(gewichtVan(t, g)) * delta(t, g, P);
  const niveaus: Afbeelding['niveaus'] = [];
  for (let i = beleid.volgorde.length - 1; i >= 0; i--) {
    const t = beleid.volgorde[i]!;
    const L = 1 + span;
    niveaus.unshift({ term: t, multiplicator: L });
    span += L * delta(t, g, P);
  }
  const L = new Map(niveaus.map((n) => [n.term, n.multiplicator]));
  const uit: Gewichten = {
    basis: Math.max(g.basis, 1 + span),
    perWachtdag: L.get('wachttijd') ?? g.perWachtdag,
    maxWachtdagen: g.maxWachtdagen,
    perUrgentie: L.get('urgentie') ?? g.perUrgentie,
    rangStraf: L.get('voorkeur') ?? g.rangStraf,
    spreidingsBonus: L.get('spreiding') ?? g.spreidingsBonus,
    perZrm: L.get('zrm') ?? g.perZrm,
  };
  const maxPositief = uit.basis + uit.perWachtdag * uit.maxWachtdagen + uit.perUrgentie * 3 + uit.perZrm * MAX_ZRM + uit.spreidingsBonus;
  return { gewichten: uit, niveaus, maxPlaatsingswaarde: maxPositief, maxAftrek: uit.rangStraf * (P - 1) };
}

/** Het grootste aantal (ontdubbelde) voorkeursgemeenten onder de kandidaten. */
export const maxVoorkeurenVan = (kandidaten: readonly Pick<MatchKandidaat, 'gemeentePreferenties'>[]) =>
  kandidaten.reduce((m, k) => Math.max(m, new Set(k.gemeentePreferenties).size), 1);

export interface BeleidVeldFout {
  pad: string;
  veld: string;
  melding: string;
}

const nl = (n: number) => new Intl.NumberFormat('nl-NL').format(n);

/**
 * Controleert een beleid zoals ingetypt (willekeurige JSON): elk gewicht een geheel getal binnen zijn grenzen,
 * een volgorde zonder dubbele of onbekende termen, een toelichting, en een afbeelding die binnen
 * MAX_PLAATSINGSWAARDE blijft bij `maxVoorkeuren` voorkeursgemeenten. Alle fouten tegelijk, elk met het veld
 * zoals het formulier het noemt.
 */
export function valideerBeleid(
  ruw: { gewichten?: unknown; volgorde?: unknown; toelichting?: unknown },
  maxVoorkeuren: number,
  opties: { toelichtingNodig?: boolean } = {},
): { ok: true; waarde: Beleid & { toelichting: string } } | { ok: false; fouten: BeleidVeldFout[] } {
  const fouten: BeleidVeldFout[] = [];
  const g = (ruw.gewichten && typeof ruw.gewichten === 'object' && !Array.isArray(ruw.gewichten) ? ruw.gewichten : {}) as Record<string, unknown>;
  const gewichten = {} as Gewichten;
  for (const sleutel of GEWICHT_SLEUTELS) {
    const label = GEWICHT_LABEL[sleutel];
    const w = g[sleutel];
    const min = sleutel === 'basis' || sleutel === 'maxWachtdagen' ? 1 : 0;
    const max = sleutel === 'maxWachtdagen' ? MAX_WACHTDAGEN_GRENS : MAX_PLAATSINGSWAARDE;
    const pad = `gewichten.${sleutel}`;
    if (w === undefined || w === null || w === '') fouten.push({ pad, veld: label, melding: `${label} ontbreekt` });
    else if (typeof w !== 'number' || !Number.isFinite(w)) fouten.push({ pad, veld: label, melding: `${label} moet een getal zijn` });
    else if (!Number.isInteger(w)) fouten.push({ pad, veld: label, melding: `${label} moet een geheel getal zijn` });
    else if (w < min || w > max) fouten.push({ pad, veld: label, melding: `${label} moet tussen ${nl(min)} en ${nl(max)} liggen` });
    gewichten[sleutel] = typeof w === 'number' && Number.isInteger(w) ? w : 0;
  }
  for (const sleutel of Object.keys(g)) {
    if (!(GEWICHT_SLEUTELS as string[]).includes(sleutel)) fouten.push({ pad: `gewichten.${sleutel}`, veld: 'Gewichten', melding: `Gewichten: onbekend gewicht "${sleutel.slice(0, 40)}"` });
  }
  const volgorde: BeleidTerm[] = [];
  if (ruw.volgorde !== undefined && !Array.isArray(ruw.volgorde)) fouten.push({ pad: 'volgorde', veld: 'Volgorde', melding: 'Volgorde moet een lijst van termen zijn' });
  else
    for (const [i, t] of ((ruw.volgorde as unknown[]) ?? []).entries()) {
      const veld = `Volgorde, plaats ${i + 1}`;
      if (typeof t !== 'string' || !(BELEID_TERMEN as readonly string[]).includes(t)) fouten.push({ pad: `volgorde.${i}`, veld, melding: `${veld}: onbekende term` });
      else if (volgorde.includes(t as BeleidTerm)) fouten.push({ pad: `volgorde.${i}`, veld, melding: `${veld}: ${TERM_LABEL[t as BeleidTerm]} staat al eerder in de volgorde` });
      else volgorde.push(t as BeleidTerm);
    }
  let toelichting = '';
  if (opties.toelichtingNodig === false) toelichting = typeof ruw.toelichting === 'string' ? ruw.toelichting.trim().slice(0, MAX_TOELICHTING) : '';
  else if (typeof ruw.toelichting !== 'string' || ruw.toelichting.trim().length < MIN_TOELICHTING)
    fouten.push({ pad: 'toelichting', veld: 'Toelichting', melding: `Toelichting: leg in minstens ${MIN_TOELICHTING} tekens uit waarom het beleid verandert` });
  else if (ruw.toelichting.trim().length > MAX_TOELICHTING) fouten.push({ pad: 'toelichting', veld: 'Toelichting', melding: `Toelichting is te lang (max. ${nl(MAX_TOELICHTING)} tekens)` });
  else toelichting = ruw.toelichting.trim();
  if (!fouten.some((f) => f.pad.startsWith('gewichten') || f.pad.startsWith('volgorde'))) {
    const a = afbeelding({ gewichten, volgorde }, maxVoorkeuren);
    const grootste = Math.max(a.maxPlaatsingswaarde, a.maxAftrek);
    if (grootste > MAX_PLAATSINGSWAARDE) {
      const pad = volgorde.length ? 'volgorde' : 'gewichten.basis';
      const veld = volgorde.length ? 'Volgorde' : GEWICHT_LABEL.basis;
      fouten.push({
        pad,
        veld,
        melding: `${veld}: met deze ${volgorde.length ? 'volgorde en gewichten' : 'gewichten'} wordt één plaatsing tot ${nl(grootste)} punten waard, meer dan de grens van ${nl(MAX_PLAATSINGSWAARDE)}; kies een lager maximaal aantal wachtdagen, kleinere gewichten of minder termen in de volgorde`,
      });
    }
  }
  return fouten.length ? { ok: false, fouten } : { ok: true, waarde: { gewichten, volgorde, toelichting } };
}

/** Een beleid in gewone woorden (voor de versiegeschiedenis en de ronde). */
export function beleidInWoorden(b: Beleid): string {
  if (!b.volgorde.length) return 'Gewogen: alle termen tellen op met hun gewicht.';
  const rest = BELEID_TERMEN.filter((t) => !b.volgorde.includes(t));
  // "ZRM" stays in capitals: only the first letter of a label becomes lower case
  const klein = (t: BeleidTerm) => (t === 'zrm' ? TERM_LABEL[t] : TERM_LABEL[t].charAt(0).toLowerCase() + TERM_LABEL[t].slice(1));
  return `Op volgorde: ${b.volgorde.map((t, i) => `${i + 1}. ${klein(t)}`).join(', ')}${rest.length ? `; daarna gewogen: ${rest.map(klein).join(', ')}` : ''}.`;
}

/** De sleutels waarop een beleid twee kandidaten vergelijkt voor dezelfde woning (hoger is beter). */
export function kandidaatSleutel(term: BeleidTerm, k: MatchKandidaat, g: Gewichten, rang: number): number {
  switch (term) {
    case 'wachttijd':
      return Math.min(Math.max(0, Math.floor(k.wachtdagen)), g.maxWachtdagen);
    case 'urgentie':
      return k.urgentie;
    case 'voorkeur':
      return -rang;
    case 'zrm':
      return zrmWaarde(k);
    case 'spreiding':
      return 0;
  }
}

export interface VergelijkRij {
  id: string;
  a: number;
  b: number;
  verschil: number;
}

/** Plaatsingen van twee rondes naast elkaar per woninggemeente, per corporatie en per herkomstgemeente. */
export function vergelijkPlaatsingen(
  woningen: readonly MatchWoning[],
  kandidaten: readonly MatchKandidaat[],
  a: readonly Toewijzing[],
  b: readonly Toewijzing[],
): { perGemeente: VergelijkRij[]; perCorporatie: VergelijkRij[]; perHerkomstgemeente: VergelijkRij[]; totaal: VergelijkRij; andersUitgevallen: number } {
  const won = new Map(woningen.map((w) => [w.id, w]));
  const kand = new Map(kandidaten.map((k) => [k.id, k]));
  const tel = (lijst: readonly Toewijzing[], sleutel: (t: Toewijzing) => string | undefined) => {
    const m = new Map<string, number>();
    for (const t of lijst) {
      const s = sleutel(t);
      if (s !== undefined) m.set(s, (m.get(s) ?? 0) + 1);
    }
    return m;
  };
  const naast = (sleutel: (t: Toewijzing) => string | undefined): VergelijkRij[] => {
    const ta = tel(a, sleutel);
    const tb = tel(b, sleutel);
    return [...new Set([...ta.keys(), ...tb.keys()])].sort().map((id) => ({ id, a: ta.get(id) ?? 0, b: tb.get(id) ?? 0, verschil: (tb.get(id) ?? 0) - (ta.get(id) ?? 0) }));
  };
  const woningVanA = new Map(a.map((t) => [t.kandidaatId, t.woningId]));
  const woningVanB = new Map(b.map((t) => [t.kandidaatId, t.woningId]));
  let anders = 0;
  for (const id of new Set([...woningVanA.keys(), ...woningVanB.keys()])) if (woningVanA.get(id) !== woningVanB.get(id)) anders++;
  return {
    perGemeente: naast((t) => won.get(t.woningId)?.gemeenteId),
    perCorporatie: naast((t) => won.get(t.woningId)?.corporatieId),
    perHerkomstgemeente: naast((t) => kand.get(t.kandidaatId)?.herkomstgemeenteId),
    totaal: { id: 'totaal', a: a.length, b: b.length, verschil: b.length - a.length },
    andersUitgevallen: anders,
  };
}
