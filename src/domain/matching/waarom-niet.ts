/**
 * "Waarom niet gematcht?" (issue 14, punt 8): voor één cliënt per woningklasse (woningtype × gemeente) de regel
 * die haar uitsluit, in gewone woorden. Puur: rekent op dezelfde invoer en uitkomst als de ronde (bouwMatchContext
 * en de motor) en met dezelfde passingsregels (`objectief.ts`), zodat uitleg en ronde nooit uiteenlopen.
 *
 * Volgorde van de regels per klasse: woningtype (niveau, leeftijd, ondersteuning) → gemeente niet gewenst →
 * geen woning van dit type → geen vrije woning → kamers → toegankelijkheid → vóór de ronde al uitgeput
 * (geen reserveringsafspraak, quotum op, complex of wijk vol) → geplaatst / elders geplaatst → voorrang van
 * anderen onder het geldende beleid (en door wat) → doet niet mee (reden op cliëntniveau).
 */
import { effectieveTypes, gemeenteRang, gewichtenVan, kandidaatWaarde, quotumSleutel, wijkSleutel } from './objectief.js';
import { BELEID_TERMEN, kandidaatSleutel, type BeleidTerm } from './beleid.js';
import type { Gewichten, MatchInvoer, MatchKandidaat, MatchWoning, Toewijzing, WoningType } from './types.js';

export const WONINGTYPE_LABEL: Record<WoningType, string> = {
  zelfstandig: 'zelfstandige woning',
  onzelfstandig: 'onzelfstandige woning',
  jongeren_cluster: 'jongerencluster',
  beschermd_thuis_cluster: 'beschermd-thuiscluster',
  prikkelarm: 'prikkelarme woning',
};
export const WONINGTYPES = Object.keys(WONINGTYPE_LABEL) as WoningType[];

export type UitsluitReden =
  | 'geplaatst'
  | 'elders_geplaatst'
  | 'woningtype'
  | 'gemeente'
  | 'geen_woning'
  | 'geen_vrije_woning'
  | 'kamers'
  | 'toegankelijk'
  | 'geen_afspraak'
  | 'quotum_op'
  | 'complex_vol'
  | 'wijk_vol'
  | 'voorrang'
  | 'geen_meerwaarde'
  | 'doet_niet_mee';

export type DeelnameReden = 'niet_uitstroomklaar' | 'geen_grondslag' | 'open_voorstel' | 'geparkeerd';

export interface Deelname {
  uitstroomklaar: boolean;
  grondslag: boolean;
  openVoorstel: boolean;
  /** Einddatum van het parkeren als de cliënt geparkeerd is (repos/beleid leest het uit client_parkeringen). */
  geparkeerdTot?: string | null;
  /** Huidige fase in woorden, voor de tekst bij niet uitstroomklaar. */
  faseLabel?: string;
}

export interface WaaromNietInvoer {
  /** De invoer van de ronde, met de gewichten van het geldende beleid. */
  invoer: MatchInvoer;
  /** De cliënt zoals de motor haar ziet (ook als ze niet meedoet). */
  kandidaat: MatchKandidaat;
  /** De uitkomst van de ronde. */
  toewijzing: readonly Toewijzing[];
  deelname: Deelname;
  /** Alle gemeenten van de regio (ids). */
  gemeenten: readonly string[];
  /** Alle woningen van de regio per klasse `${gemeenteId}|${type}`, ongeacht status. */
  woningenPerKlasse: ReadonlyMap<string, number>;
  /** De volgorde van het beleid (leeg = gewogen). */
  volgorde: readonly BeleidTerm[];
  naam: (id: string) => string;
}

export interface KlasseUitleg {
  gemeenteId: string;
  type: WoningType;
  reden: UitsluitReden;
  tekst: string;
}

export interface WaaromNiet {
  doetMee: boolean;
  deelname: { reden: DeelnameReden; tekst: string }[];
  klassen: KlasseUitleg[];
  /** Klassen samengevat: dezelfde reden voor een hele gemeente of een heel woningtype op één regel. */
  samenvatting: { reden: UitsluitReden; tekst: string }[];
}

export const klasseSleutel = (gemeenteId: string, type: WoningType) => `${gemeenteId}|${type}`;

const ONDERSTEUNING_LABEL: Record<MatchKandidaat['ondersteuning'], string> = {
  bw_intramuraal: 'beschermd wonen intramuraal',
  beschermd_thuis: 'beschermd thuis',
  ambulant: 'ambulante begeleiding',
  mo_nachtopvang: 'nachtopvang',
  mo_24uurs: '24-uursopvang',
};

const meervoud = (n: number, een: string, meer: string) => `${n} ${n === 1 ? een : meer}`;

const VOORRANG_WOORDEN: Record<BeleidTerm, [string, string]> = {
  wachttijd: ['kandidaat met langere wachttijd', 'kandidaten met langere wachttijd'],
  urgentie: ['kandidaat met hogere urgentie', 'kandidaten met hogere urgentie'],
  voorkeur: ['kandidaat voor wie deze gemeente een hogere voorkeur is', 'kandidaten voor wie deze gemeente een hogere voorkeur is'],
  spreiding: ['kandidaat uit een herkomstgemeente onder haar eerlijk aandeel', 'kandidaten uit een herkomstgemeente onder haar eerlijk aandeel'],
  zrm: ['kandidaat met hogere ZRM-gereedheid', 'kandidaten met hogere ZRM-gereedheid'],
};

/** Waarom een ander voor deze woning voorging: de eerste term van het beleid waarop zij beter scoort. */
function voorrangDoor(ander: MatchKandidaat, k: MatchKandidaat, gemeenteId: string, g: Gewichten, volgorde: readonly BeleidTerm[]): BeleidTerm | 'score' | 'geheel' {
  const rangA = gemeenteRang(ander, gemeenteId);
  const rangK = gemeenteRang(k, gemeenteId);
  if (volgorde.length) {
    for (const t of volgorde) {
      if (t === 'spreiding') continue;
      const d = kandidaatSleutel(t, ander, g, rangA) - kandidaatSleutel(t, k, g, rangK);
      if (d > 0) return t;
      if (d < 0) return 'geheel';
    }
  }
  // gewogen (of gelijk op de volgorde): de term met de grootste bijdrage aan het verschil
  const bijdrage: [BeleidTerm, number][] = [
    ['wachttijd', g.perWachtdag * (kandidaatSleutel('wachttijd', ander, g, 0) - kandidaatSleutel('wachttijd', k, g, 0))],
    ['urgentie', g.perUrgentie * (ander.urgentie - k.urgentie)],
    ['voorkeur', g.rangStraf * (rangK - rangA)],
    ['zrm', g.perZrm * (kandidaatSleutel('zrm', ander, g, 0) - kandidaatSleutel('zrm', k, g, 0))],
  ];
  const waardeA = kandidaatWaarde(ander, g) - g.rangStraf * rangA;
  const waardeK = kandidaatWaarde(k, g) - g.rangStraf * rangK;
  if (waardeA <= waardeK) return 'geheel';
  const [term, w] = bijdrage.filter(([t]) => !volgorde.includes(t)).sort((x, y) => y[1] - x[1])[0] ?? ['wachttijd', 0];
  return w > 0 ? term : 'score';
}

export function waaromNiet(w: WaaromNietInvoer): WaaromNiet {
  const { invoer, kandidaat: k, toewijzing, naam } = w;
  const g = gewichtenVan(invoer);
  const deelname: WaaromNiet['deelname'] = [];
  if (!w.deelname.uitstroomklaar)
    deelname.push({ reden: 'niet_uitstroomklaar', tekst: `Niet uitstroomklaar${w.deelname.faseLabel ? ` (fase: ${w.deelname.faseLabel})` : ''}: alleen uitstroomklare cliënten doen mee aan een ronde.` });
  if (!w.deelname.grondslag) deelname.push({ reden: 'geen_grondslag', tekst: 'Geen geldige grondslag om het profiel met een woningcorporatie te delen: zonder grondslag of toestemming geen voorstel.' });
  if (w.deelname.openVoorstel) deelname.push({ reden: 'open_voorstel', tekst: 'Er loopt al een voorstel voor deze cliënt; zolang dat open is doet zij niet mee.' });
  if (w.deelname.geparkeerdTot) deelname.push({ reden: 'geparkeerd', tekst: `Geparkeerd tot ${w.deelname.geparkeerdTot}: doet tot dan niet mee.` });
  const doetMee = deelname.length === 0 && invoer.kandidaten.some((x) => x.id === k.id);

  const kandidaten = new Map(invoer.kandidaten.map((x) => [x.id, x]));
  const woningen = new Map(invoer.woningen.map((x) => [x.id, x]));
  const eigen = toewijzing.find((t) => t.kandidaatId === k.id);
  const eigenWoning = eigen ? woningen.get(eigen.woningId) : undefined;
  const toegewezenAan = new Map(toewijzing.map((t) => [t.woningId, t.kandidaatId]));

  // room before the round (what was already used this year) and what this round used
  const quotumVoor = new Map<string, number>();
  for (const q of invoer.quota) quotumVoor.set(quotumSleutel(q.gemeenteId, q.corporatieId), (quotumVoor.get(quotumSleutel(q.gemeenteId, q.corporatieId)) ?? 0) + q.resterend);
  const sp = invoer.spreiding;
  const complexVoor = (c: string) => sp.maxPerComplex - (sp.alGeplaatstPerComplex[c] ?? 0);
  const wijkVoor = (x: MatchWoning) => sp.maxPerWijk - (sp.alGeplaatstPerWijk[wijkSleutel(x.gemeenteId, x.wijk)] ?? 0);
  const gebruikt = { q: new Map<string, number>(), c: new Map<string, number>(), w: new Map<string, number>() };
  for (const t of toewijzing) {
    const x = woningen.get(t.woningId);
    if (!x) continue;
    const plus = (m: Map<string, number>, s: string) => m.set(s, (m.get(s) ?? 0) + 1);
    plus(gebruikt.q, quotumSleutel(x.gemeenteId, x.corporatieId));
    plus(gebruikt.c, x.complex);
    plus(gebruikt.w, wijkSleutel(x.gemeenteId, x.wijk));
  }
  const ruimteNa = (x: MatchWoning) =>
    (quotumVoor.get(quotumSleutel(x.gemeenteId, x.corporatieId)) ?? 0) - (gebruikt.q.get(quotumSleutel(x.gemeenteId, x.corporatieId)) ?? 0) > 0 &&
    complexVoor(x.complex) - (gebruikt.c.get(x.complex) ?? 0) > 0 &&
    wijkVoor(x) - (gebruikt.w.get(wijkSleutel(x.gemeenteId, x.wijk)) ?? 0) > 0;

  const typen = new Set(effectieveTypes(k));
  const vrijPerKlasse = new Map<string, MatchWoning[]>();
  for (const x of invoer.woningen) {
    const s = klasseSleutel(x.gemeenteId, x.type);
    const l = vrijPerKlasse.get(s) ?? [];
    l.push(x);
    vrijPerKlasse.set(s, l);
  }

  const klassen: KlasseUitleg[] = [];
  for (const gem of w.gemeenten) {
    for (const type of WONINGTYPES) {
      const gemNaam = naam(gem);
      const wat = `${WONINGTYPE_LABEL[type]} in ${gemNaam}`;
      const zet = (reden: UitsluitReden, tekst: string) => klassen.push({ gemeenteId: gem, type, reden, tekst });
      if (eigenWoning && eigenWoning.gemeenteId === gem && eigenWoning.type === type) {
        zet('geplaatst', `Krijgt in deze ronde een voorstel: ${wat}.`);
        continue;
      }
      if (!typen.has(type)) {
        if (!k.woningTypes.includes(type)) zet('woningtype', `Een ${WONINGTYPE_LABEL[type]} past niet bij het niveau van de cliënt (${ONDERSTEUNING_LABEL[k.ondersteuning]}).`);
        else if (type === 'jongeren_cluster') zet('woningtype', `Een jongerencluster is alleen voor jongeren van 18 tot en met 24 jaar (leeftijd ${k.leeftijd}).`);
        else zet('woningtype', 'Een beschermd-thuiscluster is alleen voor cliënten met beschermd thuis.');
        continue;
      }
      if (!k.gemeentePreferenties.includes(gem)) {
        zet('gemeente', `${gemNaam} staat niet bij de gewenste gemeenten.`);
        continue;
      }
      const vrij = vrijPerKlasse.get(klasseSleutel(gem, type)) ?? [];
      const totaal = w.woningenPerKlasse.get(klasseSleutel(gem, type)) ?? 0;
      if (vrij.length === 0) {
        if (totaal === 0) zet('geen_woning', `Er is geen ${wat}.`);
        else zet('geen_vrije_woning', `Geen vrije ${wat}: ${meervoud(totaal, 'woning is', 'woningen zijn')} verhuurd, gereserveerd of komt pas na 30 dagen vrij.`);
        continue;
      }
      const metKamers = vrij.filter((x) => x.kamers >= k.minKamers);
      if (metKamers.length === 0) {
        zet('kamers', `Geen vrije ${wat} met minstens ${k.minKamers} kamers (de vrije hebben er hoogstens ${Math.max(...vrij.map((x) => x.kamers))}).`);
        continue;
      }
      const passend = metKamers.filter((x) => !k.toegankelijkNodig || x.toegankelijk);
      if (passend.length === 0) {
        zet('toegankelijk', `Geen vrije toegankelijke ${wat}; de cliënt heeft een toegankelijke woning nodig.`);
        continue;
      }
      // blocked before the round: the year's agreements and placements leave no room
      const geenAfspraak = passend.filter((x) => !quotumVoor.has(quotumSleutel(x.gemeenteId, x.corporatieId)));
      const quotumOp = passend.filter((x) => quotumVoor.has(quotumSleutel(x.gemeenteId, x.corporatieId)) && quotumVoor.get(quotumSleutel(x.gemeenteId, x.corporatieId))! <= 0);
      const complexVol = passend.filter((x) => complexVoor(x.complex) <= 0);
      const wijkVol = passend.filter((x) => wijkVoor(x) <= 0);
      const open = passend.filter((x) => !geenAfspraak.includes(x) && !quotumOp.includes(x) && !complexVol.includes(x) && !wijkVol.includes(x));
      if (open.length === 0) {
        const corporaties = (l: MatchWoning[]) => [...new Set(l.map((x) => naam(x.corporatieId)))].join(', ');
        if (geenAfspraak.length === passend.length) zet('geen_afspraak', `Geen reserveringsafspraak dit jaar met ${corporaties(geenAfspraak)} in ${gemNaam}.`);
        else if (quotumOp.length + geenAfspraak.length === passend.length) zet('quotum_op', `Het reserveringsquotum van ${corporaties(quotumOp)} in ${gemNaam} is voor dit jaar op.`);
        else if (complexVol.length) zet('complex_vol', `Het maximum aantal plaatsingen per complex is bereikt in ${[...new Set(complexVol.map((x) => x.complex))].join(', ')}.`);
        else zet('wijk_vol', `Het maximum aantal plaatsingen per wijk is bereikt in ${[...new Set(wijkVol.map((x) => x.wijk))].join(', ')}.`);
        continue;
      }
      if (eigenWoning) {
        zet('elders_geplaatst', `Krijgt een voorstel voor een ${WONINGTYPE_LABEL[eigenWoning.type]} in ${naam(eigenWoning.gemeenteId)}; die ging voor.`);
        continue;
      }
      if (!doetMee) {
        zet('doet_niet_mee', `Er ${open.length === 1 ? 'is 1 passende vrije woning' : `zijn ${open.length} passende vrije woningen`}, maar de cliënt doet niet mee aan de ronde (zie hierboven).`);
        continue;
      }
      const nogVrij = open.filter((x) => !toegewezenAan.has(x.id) && ruimteNa(x));
      if (nogVrij.length) {
        zet('geen_meerwaarde', `Er ${nogVrij.length === 1 ? 'is nog 1 passende woning' : `zijn nog ${nogVrij.length} passende woningen`} vrij, maar een plaatsing hier zou de ronde als geheel niet verbeteren.`);
        continue;
      }
      // who went first: those placed in these homes, and those who used up the room these homes needed
      const voorgangers = new Set<string>();
      for (const x of open) {
        const aan = toegewezenAan.get(x.id);
        if (aan) voorgangers.add(aan);
        else
          for (const t of toewijzing) {
            const y = woningen.get(t.woningId);
            if (!y) continue;
            if (quotumSleutel(y.gemeenteId, y.corporatieId) === quotumSleutel(x.gemeenteId, x.corporatieId) || y.complex === x.complex || wijkSleutel(y.gemeenteId, y.wijk) === wijkSleutel(x.gemeenteId, x.wijk))
              voorgangers.add(t.kandidaatId);
          }
      }
      const tel = new Map<string, number>();
      for (const id of voorgangers) {
        const ander = kandidaten.get(id);
        if (!ander) continue;
        const door = voorrangDoor(ander, k, gem, g, w.volgorde);
        tel.set(door, (tel.get(door) ?? 0) + 1);
      }
      const delen: string[] = [];
      for (const t of BELEID_TERMEN) if (tel.get(t)) delen.push(meervoud(tel.get(t)!, VOORRANG_WOORDEN[t][0], VOORRANG_WOORDEN[t][1]));
      if (tel.get('score')) delen.push(meervoud(tel.get('score')!, 'kandidaat met een hogere prioriteitsscore', 'kandidaten met een hogere prioriteitsscore'));
      if (tel.get('geheel')) delen.push(meervoud(tel.get('geheel')!, 'kandidaat die de ronde als geheel beter uitkwam (meer plaatsingen of betere spreiding)', 'kandidaten die de ronde als geheel beter uitkwamen (meer plaatsingen of betere spreiding)'));
      zet('voorrang', `${open.length === 1 ? 'De passende vrije woning ging' : `Alle ${open.length} passende vrije woningen gingen`} naar anderen met voorrang onder het beleid: ${delen.join(', ') || 'andere kandidaten'}.`);
    }
  }

  // one line for a whole gemeente or a whole type with the same reason
  const samenvatting: WaaromNiet['samenvatting'] = [];
  const gedaan = new Set<KlasseUitleg>();
  for (const type of WONINGTYPES) {
    const kol = klassen.filter((x) => x.type === type);
    if (kol.length && kol.every((x) => x.reden === 'woningtype')) {
      samenvatting.push({ reden: 'woningtype', tekst: `${hoofdletter(WONINGTYPE_LABEL[type])} (alle gemeenten): ${kol[0]!.tekst}` });
      kol.forEach((x) => gedaan.add(x));
    }
  }
  const nietGewenst: string[] = [];
  for (const gem of w.gemeenten) {
    const rij = klassen.filter((x) => x.gemeenteId === gem && !gedaan.has(x));
    if (rij.length && rij.every((x) => x.reden === 'gemeente')) {
      nietGewenst.push(naam(gem));
      rij.forEach((x) => gedaan.add(x));
    }
  }
  if (nietGewenst.length)
    samenvatting.push({ reden: 'gemeente', tekst: `${nietGewenst.join(', ')}: ${nietGewenst.length === 1 ? 'staat' : 'staan'} niet bij de gewenste gemeenten (alle woningtypes).` });
  for (const x of klassen) if (!gedaan.has(x)) samenvatting.push({ reden: x.reden, tekst: `${hoofdletter(WONINGTYPE_LABEL[x.type])} in ${naam(x.gemeenteId)}: ${x.tekst}` });
  return { doetMee, deelname, klassen, samenvatting };
}

export const UITSLUIT_LABEL: Record<UitsluitReden, string> = {
  geplaatst: 'Voorstel in deze ronde',
  elders_geplaatst: 'Elders voorgesteld',
  woningtype: 'Woningtype past niet',
  gemeente: 'Gemeente niet gewenst',
  geen_woning: 'Geen woning van dit type',
  geen_vrije_woning: 'Geen vrije woning',
  kamers: 'Te weinig kamers',
  toegankelijk: 'Niet toegankelijk',
  geen_afspraak: 'Geen reserveringsafspraak',
  quotum_op: 'Quotum op',
  complex_vol: 'Complex vol (spreiding)',
  wijk_vol: 'Wijk vol (spreiding)',
  voorrang: 'Anderen gingen voor',
  geen_meerwaarde: 'Geen verbetering',
  doet_niet_mee: 'Doet niet mee',
};
const hoofdletter = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
