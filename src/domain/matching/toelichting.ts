import { WONING_TYPE_LABEL, type WoningType, type Woonwensen } from '../woningen.js';

/**
 * A proposal's explanation in plain Dutch, for the people who decide on it: why this person, why this home,
 * which reserveringsafspraak it falls under. Built from the figures the engine stored with the proposal and
 * the facts of home and client; the engine's own wording (points, score, quota counters) stays in the
 * berekening that only beheerders see.
 */
export interface Toelichting {
  persoon: string[];
  woning: string[];
  afspraak: string[];
}

export interface ToelichtingInvoer {
  /** what the engine stored: wachtdagen, urgentie, redenen and bindendeRegels in its own words */
  uitleg: { wachtdagen?: number; urgentie?: number; redenen?: string[]; bindendeRegels?: string[] };
  leeftijdscategorie: '18–24' | '25+';
  herkomstgemeente: string;
  woning: { gemeente: string; corporatie: string; type: string; kamers: number; toegankelijk: boolean; complex: string; wijk: string };
  woonwensen: Woonwensen;
  /** the year's agreement between the home's gemeente and corporatie, if any */
  afspraak: { jaar: number; aantal: number; maxPerComplex: number; maxPerWijk: number } | null;
}

const URGENTIE = ['geen bijzondere urgentie', 'verhoogde urgentie', 'hoge urgentie', 'zeer hoge urgentie'];

const meervoud = (n: number, een: string, meer: string) => `${n} ${n === 1 ? een : meer}`;

/** A waiting time in words a person uses: days under two months, then months. */
export function wachttijdInWoorden(dagen: number): string {
  if (dagen < 60) return meervoud(dagen, 'dag', 'dagen');
  const maanden = Math.round(dagen / 30.4);
  return `ruim ${meervoud(maanden, 'maand', 'maanden')}`;
}

/** The engine's binding rules ("quotum … uitgeput (3 van 3 resterend gebruikt)") as a sentence for people. */
export function bindendeRegelInWoorden(regel: string): string | null {
  const hoger = /^geen passende woning in hogere voorkeursgemeente\(n\) (.+)$/.exec(regel);
  if (hoger) return `In ${hoger[1]} (een hogere voorkeur van de cliënt) was geen woning die past.`;
  const bezet = /^alle \d+ passende woningen in (.+) gingen naar kandidaten met een hogere score$/.exec(regel);
  if (bezet) return `De passende woningen in ${bezet[1]} gingen naar cliënten die langer wachten of urgenter zijn.`;
  // "<hogere gemeenten>: <regel>" explains why a better-liked gemeente was not used
  const waar = /^(.+?): ((?:quotum|max per complex|wijkmaximum|geen quotum).*)$/.exec(regel);
  const binnen = waar ? waar[2]! : regel;
  const plaats = waar ? ` in ${waar[1]}` : '';
  if (/^geen quotum voor/.test(binnen)) return `Er is${plaats} geen reserveringsafspraak voor deze gemeente en corporatie.`;
  if (/^quotum .* uitgeput/.test(binnen)) return waar ? `De afgesproken woningen${plaats} zijn al vergeven.` : 'Met dit voorstel zijn de voor dit jaar afgesproken woningen van deze gemeente en corporatie vergeven.';
  // een eigen maximum van de afspraak staat achteraan: "…; max. 2 per complex volgens de afspraak X – Y)"
  const eigen = /; (max\. \d+ per (?:complex|wijk) volgens de afspraak .+)\)$/.exec(binnen);
  const welk = eigen ? ` (${eigen[1]})` : '';
  const complex = /^max per complex bereikt \(complex (.+?):/.exec(binnen);
  if (complex) return `Met dit voorstel is het afgesproken maximum voor complex ${complex[1]}${plaats} bereikt${welk}.`;
  const wijk = /^wijkmaximum bereikt \(wijk (.+?) in /.exec(binnen);
  if (wijk) return `Met dit voorstel is het afgesproken maximum voor wijk ${wijk[1]}${plaats} bereikt${welk}.`;
  return null;
}

export function toelichting(t: ToelichtingInvoer): Toelichting {
  const wachtdagen = t.uitleg.wachtdagen ?? 0;
  const urgentie = Math.max(0, Math.min(3, t.uitleg.urgentie ?? 0));
  const persoon = [
    `Wacht ${wachttijdInWoorden(wachtdagen)} op een woning sinds de cliënt klaar is om uit te stromen.`,
    urgentie > 0 ? `De cliënt heeft ${URGENTIE[urgentie]}.` : 'Geen bijzondere urgentie; de wachttijd telt.',
    `Komt uit ${t.herkomstgemeente}.`,
  ];
  if (t.leeftijdscategorie === '18–24') {
    persoon.push(t.woning.type === 'jongeren_cluster' ? 'Jongere (18–24 jaar): deze woning is bedoeld voor jongeren.' : 'Jongere (18–24 jaar).');
  }

  const rang = (t.uitleg.redenen ?? []).map((r) => /is voorkeur (\d+) van (\d+)/.exec(r)).find(Boolean);
  const woning: string[] = [];
  if (rang && rang[1] === '1') woning.push(`Ligt in ${t.woning.gemeente}, de gemeente waar de cliënt het liefst woont.`);
  else if (rang) woning.push(`Ligt in ${t.woning.gemeente}, keuze ${rang[1]} van de ${rang[2]} gemeenten waar de cliënt wil wonen.`);
  else woning.push(`Ligt in ${t.woning.gemeente}.`);
  const type = WONING_TYPE_LABEL[t.woning.type as WoningType] ?? t.woning.type;
  woning.push(`${type}, ${meervoud(t.woning.kamers, 'kamer', 'kamers')}${t.woonwensen.minKamers ? `; de cliënt wil er minstens ${t.woonwensen.minKamers}` : ''}.`);
  if (t.woonwensen.toegankelijk) woning.push('Toegankelijke woning, zoals de cliënt nodig heeft.');
  if (t.woning.type === 'beschermd_thuis_cluster') woning.push('Een Beschermd Thuis-cluster, passend bij de ondersteuning die de cliënt krijgt.');
  const bindend = (t.uitleg.bindendeRegels ?? []).map(bindendeRegelInWoorden).filter((z): z is string => !!z);
  woning.push(...bindend.filter((z) => z.startsWith('In ') || z.startsWith('De passende')));

  const afspraak = t.afspraak
    ? [
        `Valt onder de reserveringsafspraak ${t.afspraak.jaar} van ${t.woning.gemeente} met ${t.woning.corporatie}: ${meervoud(t.afspraak.aantal, 'woning', 'woningen')} voor uitstroom, ` +
          `hoogstens ${t.afspraak.maxPerComplex} per complex en ${t.afspraak.maxPerWijk} per wijk (complex ${t.woning.complex}, wijk ${t.woning.wijk}).`,
      ]
    : [`Er is geen reserveringsafspraak van ${t.woning.gemeente} met ${t.woning.corporatie} voor dit jaar.`];
  afspraak.push(...bindend.filter((z) => !z.startsWith('In ') && !z.startsWith('De passende')));
  return { persoon, woning, afspraak };
}

/** Why a waiting client got no proposal this round, in words for people. */
export const NIET_GEPLAATST_LABEL: Record<'geen_passende_woning' | 'quotum_uitgeput' | 'spreiding' | 'lagere_prioriteit', string> = {
  geen_passende_woning: 'Geen passende woning in de gemeenten waar de cliënt wil wonen.',
  quotum_uitgeput: 'Er zijn passende woningen, maar de afgesproken woningen voor uitstroom zijn al vergeven.',
  spreiding: 'Er zijn passende woningen, maar de spreidingsafspraken (maximum per complex of wijk) laten geen plaatsing toe.',
  lagere_prioriteit: 'De passende woningen gingen naar cliënten die langer wachten of urgenter zijn.',
};
