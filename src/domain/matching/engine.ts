/**
 * Optimale, uitlegbare plaatsingsmotor (puur, synchroon, geen I/O).
 *
 * Methode
 * -------
 * 1. Aggregatie (`model.ts`): kandidaten met identieke behoeften → profiel; identieke woningen
 *    (zelfde complex/gemeente/corporatie/wijk, type, kamers, toegankelijk) → klasse met capaciteit.
 * 2. Min-kosten-stroom op de keten
 *      bron → herkomstgemeente → profiel → eis(gemeente) → soort → klasse → blok → [wijk] → quotum → [wijk] → put
 *    - bron → herkomstgemeente: twee parallelle bogen (cap a_g met kosten −S, en onbeperkt met kosten 0):
 *      de concave spreidingsterm S·min(p_g, a_g);
 *    - herkomstgemeente → profiel: één boog per kandidaat (cap 1, kosten −(B + D·wachtdagen + U·urgentie));
 *    - profiel → eis: kosten R·rang van de gemeente;
 *    - klasse → blok: capaciteit = aantal identieke woningen; blok → ouder: complexmaximum;
 *    - wijk- en quotumbogen: de resterende ruimte. Waar wijk ⊆ quotum (of andersom) zit de wijkrestrictie
 *      exact in de boom; een bypass bron → put laat kandidaten ongeplaatst.
 *    Opgelost met de primale netwerk-simplex (`netwerk-simplex.ts`); stromen zijn integraal.
 * 3. Waar wijken en quota elkaar kruisen past maar één van beide families in de boom. Per kruisende
 *    component blijft de krapste familie exact (som van de wijkruimte ≤ som van de quota: wijken exact,
 *    quota gerelaxeerd; anders andersom); de andere familie (en complexen die over meerdere blokken
 *    liggen) wordt Lagrange-gerelaxeerd: multiplicator λ_G ≥ 0 als extra kosten op de blokbogen van groep G, subgradiënt-
 *    update met Polyak-stap en warme herstart van de simplex. Elke λ levert een bewezen bovengrens
 *    UB(λ) = −kosten(λ) + Σ λ_G·cap_G. Toelaatbaarheidsherstel: geschonden groepen krijgen per blok een
 *    plafond naar rato van de huidige stroom, waarna warm (vanuit een kloon van de basis) opnieuw wordt
 *    opgelost (en zo nodig herhaald).
 * 4. Aanvullen: resterende vrije passende woningen worden (alleen met positieve waarde) alsnog gevuld.
 * 5. Terugvertalen naar concrete woningen + uitleg per voorstel en per niet-geplaatste kandidaat.
 *
 * De doelfunctie staat exact beschreven in `objectief.ts` (`objectiefWaarde`).
 */
import { NetwerkSimplex } from './netwerk-simplex.js';
import { bereikbaar, bouwModel, type Blok, type Model } from './model.js';
import { gemeenteRang, plaatsingsWaarde } from './objectief.js';
import { vertakEnBegrens } from './vertakking.js';
import type {
  MatchInvoer,
  MatchResultaat,
  MatchStatistiek,
  NietGeplaatst,
  NietGeplaatstReden,
  Voorstel,
} from './types.js';

export interface MotorOpties {
  /** Maximaal aantal subgradiëntiteraties (standaard 400). */
  maxLagrangeIteraties?: number;
  /** Stop na zoveel iteraties zonder betere grens of betere oplossing (standaard 40). */
  geduld?: number;
  /** Maximaal aantal warm opgeloste verschuivingen in de lokale verbetering (standaard 400). */
  maxVerbeterPogingen?: number;
  /** Maximaal aantal knopen van de exacte terugval (vertakken en begrenzen; standaard naar netwerkgrootte, 20–4000; 0 = uit). */
  maxVertakKnopen?: number;
  /**
   * Startselectie van de kolomgeneratie over profielen, als veelvoud van het maximum aantal plaatsingen
   * (standaard 1,5; 0 = altijd het volledige netwerk). Alleen voor tests die de prijsrondes willen afdwingen.
   */
  profielSelectie?: number;
}

const LAMBDA_EENHEID = 64;
/**
 * 1,5× het maximum aantal plaatsingen (minstens 2000 kandidaatbogen). Extra prijsrondes gaan warm verder, dus een
 * kleinere start is goedkoop, en elke boog te veel kost pivots. Gemeten (pivots / verhangen knopen, 2,5× → 1,5×):
 * 100k 100k/8,6M → 86k/8,2M, 100k eigen maxima 129k/11,6M → 108k/10,0M, 20k 20,6k/1,26M → 16,8k/0,84M. Bij 1×
 * is de selectie bij 20k niet toelaatbaar voor de gerelaxeerde groepen en moet het volledige netwerk erbij.
 */
const PROFIELSELECTIE = 1.5;

/**
 * Een gerelaxeerde restrictie: Σ stroom over haar eenheden ≤ cap. Een eenheid is een cel (alle blokken met
 * hetzelfde quotum én dezelfde wijk in een kruisende component; één boog cel → ouder) of, voor complexen
 * over meerdere blokken, een blok. Eenheid-index: cellen 0..C−1, daarna blok b als C + b.
 */
interface Groep {
  soort: 'wijk' | 'complex' | 'quotum';
  sleutel: string;
  cap: number;
  eenheden: number[];
}

/**
 * Hoe een wijk in de boom zit: 'a' wijk ⊆ één quotum (blok → wijk → quotum); 'b' quota ⊆ deze wijk
 * (blok → quotum → wijk); in kruisende componenten wordt één familie exact gemodelleerd en de andere
 * Lagrange-gerelaxeerd: 'c' quota exact, wijk gerelaxeerd; 'd' wijk exact (blok → wijk → put), quota gerelaxeerd.
 */
type WijkModus = 'a' | 'b' | 'c' | 'd';

interface Plan {
  wijkModus: Map<string, WijkModus>;
  /** Quota die Lagrange-gerelaxeerd worden (in kruisende componenten met modus 'd'). */
  gerelaxeerdeQuota: Set<string>;
  quotumOuderWijk: Map<string, string>;
  groepen: Groep[];
  /** Per eenheid de groepen waarin ze valt. */
  eenheidGroepen: number[][];
  /** Cel per blok (−1: blok niet in een kruisende component). */
  blokCel: Int32Array;
  aantalCellen: number;
  multiComplex: Set<string>;
  R: number[];
  K: number;
}

interface Netwerk {
  ns: NetwerkSimplex;
  /** Per profiel de boog naar elke eis (−1: geen). */
  eisBoog: number[][];
  eisSoortBogen: [number, number][][];
  klasseBoog: Int32Array;
  blokBoog: Int32Array;
  /** Boog per eenheid (−1: geen). */
  eenheidBoog: Int32Array;
  /** Eerste knoop van de herkomstgemeenten, de profielen, de eisen en de soorten. */
  H0: number;
  P0: number;
  E0: number;
  S0: number;
}

function maakPlan(model: Model): Plan {
  const wijkQ = new Map<string, Set<string>>();
  const quotumW = new Map<string, Set<string>>();
  const complexBlokken = new Map<string, number[]>();
  model.blokken.forEach((b, i) => {
    if (!b.heeftQuotum) return;
    (wijkQ.get(b.wijkKey) ?? wijkQ.set(b.wijkKey, new Set()).get(b.wijkKey)!).add(b.quotumKey);
    (quotumW.get(b.quotumKey) ?? quotumW.set(b.quotumKey, new Set()).get(b.quotumKey)!).add(b.wijkKey);
    (complexBlokken.get(b.complexKey) ?? complexBlokken.set(b.complexKey, []).get(b.complexKey)!).push(i);
  });
  const wijkModus = new Map<string, WijkModus>();
  for (const [w, qs] of wijkQ) {
    if (qs.size === 1) wijkModus.set(w, 'a');
    else if ([...qs].every((q) => quotumW.get(q)!.size === 1)) wijkModus.set(w, 'b');
    else wijkModus.set(w, 'c');
  }
  // Kruisende componenten (wijk–quotum-graaf met een 'c'-wijk): relaxeer de familie met de meeste ruimte.
  // Zijn de wijkmaxima samen krapper dan de quota, dan blijven de wijken exact in de boom (modus 'd') en
  // worden de quota van die component gerelaxeerd; dat geeft een veel sterkere relaxatie en minder herstel.
  const gerelaxeerdeQuota = new Set<string>();
  const gezienW = new Set<string>();
  for (const [start, m] of wijkModus) {
    if (m !== 'c' || gezienW.has(start)) continue;
    const ws: string[] = [];
    const qs = new Set<string>();
    const rij = [start];
    gezienW.add(start);
    while (rij.length) {
      const w = rij.pop()!;
      ws.push(w);
      for (const q of wijkQ.get(w)!) {
        if (qs.has(q)) continue;
        qs.add(q);
        for (const w2 of quotumW.get(q)!) if (!gezienW.has(w2)) (gezienW.add(w2), rij.push(w2));
      }
    }
    let somW = 0;
    for (const w of ws) somW += model.wijkRest.get(w)!;
    let somQ = 0;
    for (const q of qs) somQ += model.quotumRest.get(q)!;
    if (somW <= somQ) {
      for (const w of ws) wijkModus.set(w, 'd');
      for (const q of qs) gerelaxeerdeQuota.add(q);
    }
  }
  const quotumOuderWijk = new Map<string, string>();
  for (const [q, ws] of quotumW) {
    if (ws.size !== 1) continue;
    const w = [...ws][0];
    if (wijkModus.get(w) === 'b') quotumOuderWijk.set(q, w);
  }
  // cellen: blokken van één quotum én één wijk in een kruisende component delen alle regels van die familie
  const blokCel = new Int32Array(model.blokken.length).fill(-1);
  const celIdx = new Map<string, number>();
  const celWijk: string[] = [];
  const celQuotum: string[] = [];
  model.blokken.forEach((b, i) => {
    const m = wijkModus.get(b.wijkKey);
    if (!b.heeftQuotum || (m !== 'c' && m !== 'd')) return;
    const k = `${b.quotumKey}\u0000${b.wijkKey}`;
    let c = celIdx.get(k);
    if (c === undefined) {
      c = celWijk.length;
      celIdx.set(k, c);
      celWijk.push(b.wijkKey);
      celQuotum.push(b.quotumKey);
    }
    blokCel[i] = c;
  });
  const C = celWijk.length;
  const groepen: Groep[] = [];
  const eenheidGroepen: number[][] = Array.from({ length: C + model.blokken.length }, () => []);
  const voegGroepToe = (soort: Groep['soort'], sleutel: string, cap: number, eenheden: number[]) => {
    const g = groepen.length;
    groepen.push({ soort, sleutel, cap, eenheden });
    for (const e of eenheden) eenheidGroepen[e].push(g);
  };
  const perSleutel = (sleutelVan: (c: number) => string | null) => {
    const m = new Map<string, number[]>();
    for (let c = 0; c < C; c++) {
      const k = sleutelVan(c);
      if (k !== null) (m.get(k) ?? m.set(k, []).get(k)!).push(c);
    }
    return m;
  };
  for (const [w, cs] of perSleutel((c) => (wijkModus.get(celWijk[c]) === 'c' ? celWijk[c] : null))) voegGroepToe('wijk', w, model.wijkRest.get(w)!, cs);
  for (const [q, cs] of perSleutel((c) => (gerelaxeerdeQuota.has(celQuotum[c]) ? celQuotum[c] : null))) voegGroepToe('quotum', q, model.quotumRest.get(q)!, cs);
  const multiComplex = new Set<string>();
  for (const [c, bs] of complexBlokken) {
    if (bs.length < 2) continue;
    multiComplex.add(c);
    voegGroepToe('complex', c, model.complexRest.get(c)!, bs.map((b) => C + b));
  }
  const R = model.profielen.map((p) => bereikbaar(model, p));
  const K = R.reduce((a, b) => a + b, 0);
  return { wijkModus, gerelaxeerdeQuota, quotumOuderWijk, groepen, eenheidGroepen, blokCel, aantalCellen: C, multiComplex, R, K };
}

/**
 * Bouw het netwerk met per profiel de eerste `plan.R[pi]` kandidaatbogen. `volledig` (kolomgeneratie) geeft het
 * plan waarvan dit een deel is: aanbod en capaciteiten rekenen dan al met alle bereikbare kandidaten, zodat er
 * later bogen bij kunnen zonder dat een capaciteit of het aanbod mee hoeft te groeien.
 */
function bouwNetwerk(model: Model, plan: Plan, lambda: Float64Array, volledig: Plan = plan): Netwerk {
  const { profielen, eisen, soorten, klassen, blokken } = model;
  const g = model.gewichten;
  const hIdx = new Map(model.herkomsten.map((h, i) => [h, i]));
  const wijkNode = new Map<string, number>();
  const quotumNode = new Map<string, number>();
  let n = 2;
  const H0 = n;
  n += model.herkomsten.length;
  const P0 = n;
  n += profielen.length;
  const E0 = n;
  n += eisen.length;
  const S0 = n;
  n += soorten.length;
  const B0 = n;
  n += blokken.length;
  for (const [w, m] of plan.wijkModus) if (m !== 'c') wijkNode.set(w, n++);
  for (const b of blokken) if (b.heeftQuotum && !plan.gerelaxeerdeQuota.has(b.quotumKey) && !quotumNode.has(b.quotumKey)) quotumNode.set(b.quotumKey, n++);
  const cellenStart = n;
  n += plan.aantalCellen;
  const K = volledig.K;
  const ns = new NetwerkSimplex(n, plan.K + eisen.length * 8 + klassen.length * 2 + blokken.length + plan.aantalCellen * 3 + 64);
  ns.voegBoogToe(0, 1, K, 0);
  for (const h of model.herkomsten) {
    const a = model.aandeel.get(h) ?? 0;
    const node = H0 + hIdx.get(h)!;
    if (a > 0 && g.spreidingsBonus > 0) ns.voegBoogToe(0, node, a, -g.spreidingsBonus);
    ns.voegBoogToe(0, node, K, 0);
  }
  const eisBoog: number[][] = [];
  profielen.forEach((p, pi) => {
    const h = H0 + hIdx.get(p.herkomst)!;
    const R = plan.R[pi];
    for (let j = 0; j < R; j++) ns.voegBoogToe(h, P0 + pi, 1, -p.waarden[j]);
    eisBoog.push(R > 0 ? eisBogen(model, ns, pi, P0, E0, volledig.R[pi]) : GEEN_BOGEN);
  });
  const eisSoortBogen: [number, number][][] = eisen.map((e, ei) =>
    e.capaciteit > 0 ? e.soorten.map((s) => [s, ns.voegBoogToe(E0 + ei, S0 + s, K, 0)] as [number, number]) : [],
  );
  const klasseBoog = new Int32Array(klassen.length).fill(-1);
  klassen.forEach((c, ci) => {
    if (blokken[c.blok].heeftQuotum) klasseBoog[ci] = ns.voegBoogToe(S0 + c.soort, B0 + c.blok, c.woningen.length, 0);
  });
  const C = plan.aantalCellen;
  const eenheidBoog = new Int32Array(C + blokken.length).fill(-1);
  const eenheidKosten = (e: number) => {
    let k = 0;
    for (const gr of plan.eenheidGroepen[e]) k += lambda[gr];
    return k;
  };
  const ouderVan = (b: Blok) => {
    const modus = plan.wijkModus.get(b.wijkKey)!;
    return modus === 'a' || modus === 'd' ? wijkNode.get(b.wijkKey)! : quotumNode.get(b.quotumKey)!;
  };
  const celOuder = new Int32Array(C);
  blokken.forEach((b, bi) => {
    if (plan.blokCel[bi] >= 0) celOuder[plan.blokCel[bi]] = ouderVan(b);
  });
  const C0 = cellenStart;
  const blokBoog = new Int32Array(blokken.length).fill(-1);
  blokken.forEach((b, bi) => {
    if (!b.heeftQuotum) return;
    const ouder = plan.blokCel[bi] >= 0 ? C0 + plan.blokCel[bi] : ouderVan(b);
    const cap = plan.multiComplex.has(b.complexKey) ? K : model.complexRest.get(b.complexKey)!;
    blokBoog[bi] = ns.voegBoogToe(B0 + bi, ouder, cap, eenheidKosten(C + bi));
    eenheidBoog[C + bi] = blokBoog[bi];
    if (plan.eenheidGroepen[C + bi].length > 0) ns.voegOverloopBoogToe(blokBoog[bi]);
  });
  for (let c = 0; c < C; c++) {
    eenheidBoog[c] = ns.voegBoogToe(C0 + c, celOuder[c], K, eenheidKosten(c));
    // gerelaxeerde eenheden krijgen bij het herstel een plafond (warm): overloop- en terugloopboog
    if (plan.eenheidGroepen[c].length > 0) ns.voegOverloopBoogToe(eenheidBoog[c]);
  }
  const wijkQuotum = new Map<string, string>();
  for (const b of blokken) if (b.heeftQuotum) wijkQuotum.set(b.wijkKey, b.quotumKey);
  for (const [w, node] of wijkNode) {
    if (plan.wijkModus.get(w) === 'a') {
      // wijk ⊆ één quotum
      ns.voegBoogToe(node, quotumNode.get(wijkQuotum.get(w)!)!, model.wijkRest.get(w)!, 0);
    } else ns.voegBoogToe(node, 1, model.wijkRest.get(w)!, 0);
  }
  for (const [q, node] of quotumNode) {
    const w = plan.quotumOuderWijk.get(q);
    ns.voegBoogToe(node, w !== undefined ? wijkNode.get(w)! : 1, model.quotumRest.get(q)!, 0);
  }
  ns.zetAanbod(0, K);
  ns.zetAanbod(1, -K);
  return { ns, eisBoog, eisSoortBogen, klasseBoog, blokBoog, eenheidBoog, H0, P0, E0, S0 };
}

const GEEN_BOGEN: number[] = [];

/** Kandidaatbogen van..tot−1 van profiel pi erbij (warm, na `los()`); een nieuw profiel krijgt ook zijn eisbogen. */
function voegKandidatenToe(model: Model, net: Netwerk, pi: number, van: number, tot: number, volR: number, herkomst: number) {
  const p = model.profielen[pi];
  const h = net.H0 + herkomst;
  for (let x = van; x < tot; x++) {
    const e = net.ns.voegBoogToe(h, net.P0 + pi, 1, -p.waarden[x]);
    // een nieuw profiel hangt nog los aan de wortel: meteen aan zijn beste kandidaatboog hangen
    if (x === 0) net.ns.hangAan(e);
  }
  if (van === 0 && tot > 0) net.eisBoog[pi] = eisBogen(model, net.ns, pi, net.P0, net.E0, volR);
}

/** De bogen profiel → eis (kosten R·rang); capaciteit `cap` (de bereikbare kandidaten van het profiel) bindt nooit. */
function eisBogen(model: Model, ns: NetwerkSimplex, pi: number, P0: number, E0: number, cap: number): number[] {
  const p = model.profielen[pi];
  const R = model.gewichten.rangStraf;
  return p.eisen.map((e, r) => (model.eisen[e].capaciteit > 0 ? ns.voegBoogToe(P0 + pi, E0 + e, cap, R * r) : -1));
}

function groepLading(plan: Plan, net: Netwerk): Float64Array {
  const l = new Float64Array(plan.groepen.length);
  plan.groepen.forEach((gr, gi) => {
    let s = 0;
    for (const e of gr.eenheden) s += net.ns.stroomOp(net.eenheidBoog[e]);
    l[gi] = s;
  });
  return l;
}

/** Werkelijke doelwaarde van de stroom (kosten zonder λ-termen, omgekeerd teken). */
function echteWaarde(plan: Plan, kosten: number, lambda: Float64Array, lading: Float64Array): number {
  let lt = 0;
  for (let gi = 0; gi < plan.groepen.length; gi++) lt += lambda[gi] * lading[gi];
  return -(kosten - lt);
}

function isToelaatbaar(plan: Plan, lading: Float64Array) {
  for (let gi = 0; gi < plan.groepen.length; gi++) if (lading[gi] > plan.groepen[gi].cap) return false;
  return true;
}

/**
 * Verdeel `totaal` over posities naar rato van `gewicht`, elk begrensd door `grens` (waterniveau met
 * grootste-rest-afronding). Som ≤ totaal; gelijk aan totaal tenzij de grenzen samen kleiner zijn.
 */
function verdeel(totaal: number, gewicht: number[], grens: number[]): number[] {
  const n = gewicht.length;
  const uit = new Array<number>(n).fill(0);
  let rest = totaal;
  let actief = [...Array(n).keys()].filter((i) => grens[i] > 0);
  while (rest > 0 && actief.length) {
    let som = 0;
    for (const i of actief) som += gewicht[i];
    const w = (i: number) => (som > 0 ? gewicht[i] / som : 1 / actief.length);
    const vol = actief.filter((i) => rest * w(i) >= grens[i] - uit[i]);
    if (vol.length) {
      for (const i of vol) {
        rest -= grens[i] - uit[i];
        uit[i] = grens[i];
      }
      actief = actief.filter((i) => uit[i] < grens[i]);
      continue;
    }
    const delen = actief.map((i) => rest * w(i));
    let verdeeld = 0;
    actief.forEach((i, j) => {
      const v = Math.floor(delen[j]);
      uit[i] += v;
      verdeeld += v;
    });
    let over = rest - verdeeld;
    const volgorde = actief.map((i, j) => [delen[j] - Math.floor(delen[j]), i] as const).sort((x, y) => y[0] - x[0]);
    for (const [, i] of volgorde) {
      if (over <= 0) break;
      if (uit[i] < grens[i]) (uit[i]++, over--);
    }
    rest = over;
    break;
  }
  return uit;
}

/**
 * Toelaatbaarheidsherstel: verdeel de ruimte van elke geschonden groep over haar blokken naar rato van
 * `doel` (het gemiddelde van de Lagrange-stromen, dat naar een LP-optimum convergeert; anders de huidige
 * stroom), los opnieuw op, en leg in een tweede ronde ook de overige groepen vast. Werkt op een kloon van
 * `net` en start warm vanuit diens basis (plafonds via `verlaagCapaciteit`).
 */
function herstel(plan: Plan, net: Netwerk, lambda: Float64Array, doel: Float64Array | null): { net: Netwerk; waarde: number } {
  const plafond = new Map<number, number>();
  const beperkt = new Set<number>();
  const huidig: Netwerk = { ...net, ns: net.ns.kloon() };
  const ns = huidig.ns;
  let lading = groepLading(plan, huidig);
  const lam = new Float64Array(lambda);
  for (let ronde = 0; ronde < 2; ronde++) {
    let nieuw = false;
    for (let gi = 0; gi < plan.groepen.length; gi++) {
      if (beperkt.has(gi)) continue;
      const gr = plan.groepen[gi];
      const stromen = gr.eenheden.map((b) => ns.stroomOp(huidig.eenheidBoog[b]));
      const grenzen = gr.eenheden.map((b) => Math.min(plafond.get(b) ?? Infinity, ns.capaciteitVan(huidig.eenheidBoog[b])));
      if (lading[gi] <= gr.cap) {
        if (ronde === 0) continue;
        // tweede ronde: ook niet-geschonden groepen vastleggen (huidige stroom + speling), zodat één
        // extra oplossing volstaat en het resultaat gegarandeerd toelaatbaar is
        beperkt.add(gi);
        lam[gi] = 0;
        let speling = gr.cap - lading[gi];
        gr.eenheden.forEach((b, i) => {
          const extra = Math.max(0, Math.min(speling, grenzen[i] - stromen[i]));
          speling -= extra;
          plafond.set(b, Math.min(grenzen[i], stromen[i] + extra));
        });
        nieuw = true;
        continue;
      }
      beperkt.add(gi);
      lam[gi] = 0;
      nieuw = true;
      const gewicht = doel ? gr.eenheden.map((b) => doel[b]) : stromen;
      const delen = verdeel(gr.cap, gewicht, grenzen);
      gr.eenheden.forEach((b, i) => plafond.set(b, delen[i]));
    }
    if (!nieuw) continue;
    // kosten (λ van beperkte groepen vervalt) en plafonds toepassen, dan warm verder oplossen
    for (let gi = 0; gi < plan.groepen.length; gi++)
      for (const b of plan.groepen[gi].eenheden) {
        let kost = 0;
        for (const gr of plan.eenheidGroepen[b]) kost += lam[gr];
        if (ns.kostenVan(huidig.eenheidBoog[b]) !== kost) ns.zetKosten(huidig.eenheidBoog[b], kost);
      }
    for (const [b, pl] of plafond) if (pl < ns.capaciteitVan(huidig.eenheidBoog[b])) ns.verlaagCapaciteit(huidig.eenheidBoog[b], pl);
    ns.los();
    lading = groepLading(plan, huidig);
  }
  const kosten = totaleKosten(huidig);
  return { net: huidig, waarde: echteWaarde(plan, kosten, lam, lading) };
}

/**
 * Lokale verbetering van een hersteld (vastgelegd) netwerk: verschuif één eenheid ruimte binnen een groep
 * (of gebruik vrije groepsruimte) en los warm opnieuw op. De potentialen geven per zet een bewezen
 * bovengrens op de winst: verhogen van plafond u_b wint hooguit max(0, −r_b), verlagen van u_a kost
 * minstens max(0, −r_a) (duale toelaatbaarheid blijft gelden). Alleen zetten met grens ≥ 1 worden geprobeerd.
 */
function verbeter(plan: Plan, start: { net: Netwerk; waarde: number }, UB: number, budget: number): { net: Netwerk; waarde: number; pogingen: number } {
  // een toelaatbare Lagrange-stroom rekent nog met λ: eerst vastleggen (echte kosten, plafonds per eenheid)
  let huidig = isVastgelegd(plan, start.net) ? start : herstel(plan, start.net, new Float64Array(plan.groepen.length), null);
  if (huidig.waarde < start.waarde) return { ...start, pogingen: 0 };
  let pogingen = 0;
  while (budget > 0 && UB - huidig.waarde >= 1) {
    const ns = huidig.net.ns;
    const eb = huidig.net.eenheidBoog;
    const winst = (e: number) => Math.max(0, -ns.gereduceerdeKosten(eb[e]));
    const zetten: { plus: number; min: number; grens: number }[] = [];
    for (let gi = 0; gi < plan.groepen.length; gi++) {
      const gr = plan.groepen[gi];
      let capSom = 0;
      for (const e of gr.eenheden) capSom += ns.capaciteitVan(eb[e]);
      for (const b of gr.eenheden) {
        if (ns.stroomOp(eb[b]) < ns.capaciteitVan(eb[b])) continue;
        const w = winst(b);
        if (w < 1) continue;
        // de andere groepen van b moeten de extra eenheid kunnen dragen
        let past = true;
        for (const g2 of plan.eenheidGroepen[b]) {
          if (g2 === gi) continue;
          let som2 = 0;
          for (const e of plan.groepen[g2].eenheden) som2 += ns.capaciteitVan(eb[e]);
          if (som2 + 1 > plan.groepen[g2].cap) past = false;
        }
        if (!past) continue;
        if (capSom + 1 <= gr.cap) zetten.push({ plus: b, min: -1, grens: w });
        else
          for (const a of gr.eenheden) {
            if (a === b || ns.capaciteitVan(eb[a]) < 1) continue;
            const g = w - winst(a);
            if (g >= 1) zetten.push({ plus: b, min: a, grens: g });
          }
      }
    }
    zetten.sort((x, y) => y.grens - x.grens);
    let verbeterd = false;
    for (const z of zetten) {
      if (budget-- <= 0) break;
      pogingen++;
      const kloon = huidig.net.ns.kloon();
      if (z.min >= 0) kloon.verlaagCapaciteit(eb[z.min], kloon.capaciteitVan(eb[z.min]) - 1);
      kloon.verhoogCapaciteit(eb[z.plus], kloon.capaciteitVan(eb[z.plus]) + 1);
      const kosten = kloon.los();
      if (-kosten > huidig.waarde) {
        huidig = { net: { ...huidig.net, ns: kloon }, waarde: -kosten };
        verbeterd = true;
        break;
      }
    }
    if (!verbeterd) break;
  }
  return { ...huidig, pogingen };
}

/** Heeft elke gerelaxeerde eenheid een plafond zodat de groepsruimte niet overschreden kan worden? */
function isVastgelegd(plan: Plan, net: Netwerk) {
  for (const gr of plan.groepen) {
    let som = 0;
    for (const e of gr.eenheden) {
      som += net.ns.capaciteitVan(net.eenheidBoog[e]);
      if (net.ns.kostenVan(net.eenheidBoog[e]) !== 0) return false;
    }
    if (som > gr.cap) return false;
  }
  return true;
}

function totaleKosten(net: Netwerk): number {
  let t = 0;
  for (let e = 0; e < net.ns.aantalBogen; e++) t += net.ns.stroomOp(e) * net.ns.kostenVan(e);
  return t;
}

interface Plaatsing {
  k: number;
  klasse: number;
  woning: string;
  rang: number;
}

function decodeer(model: Model, plan: Plan, net: Netwerk): Plaatsing[] {
  const { profielen, eisen, klassen, soorten } = model;
  const eisWachtrij: { k: number; rang: number }[][] = eisen.map(() => []);
  // de kandidaatbogen van een profiel verschillen alleen in waarde (aflopend gesorteerd), dus een optimale stroom
  // plaatst de eerste f kandidaten (bij gelijke waarde: dezelfde doelwaarde); f = de stroom uit het profiel
  profielen.forEach((p, pi) => {
    if (plan.R[pi] === 0) return;
    let idx = 0;
    p.eisen.forEach((e, r) => {
      const a = net.eisBoog[pi][r];
      if (a === undefined || a < 0) return;
      const f = Math.round(net.ns.stroomOp(a));
      for (let t = 0; t < f; t++) eisWachtrij[e].push({ k: p.kandidaten[idx++], rang: r });
    });
  });
  const soortWachtrij: { k: number; rang: number }[][] = soorten.map(() => []);
  eisen.forEach((_, ei) => {
    let idx = 0;
    for (const [s, a] of net.eisSoortBogen[ei]) {
      const f = Math.round(net.ns.stroomOp(a));
      for (let t = 0; t < f; t++) soortWachtrij[s].push(eisWachtrij[ei][idx++]);
    }
  });
  const uit: Plaatsing[] = [];
  soorten.forEach((s, si) => {
    let idx = 0;
    for (const c of s.klassen) {
      const a = net.klasseBoog[c];
      if (a < 0) continue;
      const f = Math.round(net.ns.stroomOp(a));
      for (let t = 0; t < f; t++) {
        const x = soortWachtrij[si][idx++];
        uit.push({ k: x.k, klasse: c, woning: klassen[c].woningen[t], rang: x.rang });
      }
    }
  });
  return uit;
}

/** Bijhouden van gebruik per regel, voor aanvullen en uitleg (tellers per index i.p.v. per sleutel). */
class Gebruik {
  klasse: Int32Array;
  herkomst = new Map<string, number>();
  /** Per blok de index van zijn quotum / complex / wijk. */
  private bq: Int32Array;
  private bc: Int32Array;
  private bw: Int32Array;
  private qGebruik: Int32Array;
  private cGebruik: Int32Array;
  private wGebruik: Int32Array;
  private qRest: Int32Array;
  private cRest: Int32Array;
  private wRest: Int32Array;
  private heeftQ: Uint8Array;
  constructor(private model: Model) {
    this.klasse = new Int32Array(model.klassen.length);
    const nb = model.blokken.length;
    const { q: bq, c: bc, w: bw, restQ, restC, restW } = model.blokIndex;
    this.bq = bq;
    this.bc = bc;
    this.bw = bw;
    this.heeftQ = new Uint8Array(nb);
    model.blokken.forEach((b, i) => {
      this.heeftQ[i] = b.heeftQuotum ? 1 : 0;
    });
    this.qRest = Int32Array.from(restQ);
    this.cRest = Int32Array.from(restC);
    this.wRest = Int32Array.from(restW);
    this.qGebruik = new Int32Array(restQ.length);
    this.cGebruik = new Int32Array(restC.length);
    this.wGebruik = new Int32Array(restW.length);
  }
  voegToe(klasse: number, herkomst: string) {
    const b = this.model.klassen[klasse].blok;
    this.klasse[klasse]++;
    this.qGebruik[this.bq[b]]++;
    this.cGebruik[this.bc[b]]++;
    this.wGebruik[this.bw[b]]++;
    this.herkomst.set(herkomst, (this.herkomst.get(herkomst) ?? 0) + 1);
  }
  /** Is er nog ruimte voor een extra plaatsing in dit blok (quotum, complex, wijk)? */
  heeftRuimte(blok: number): boolean {
    return (
      this.heeftQ[blok] === 1 &&
      this.qGebruik[this.bq[blok]] < this.qRest[this.bq[blok]] &&
      this.cGebruik[this.bc[blok]] < this.cRest[this.bc[blok]] &&
      this.wGebruik[this.bw[blok]] < this.wRest[this.bw[blok]]
    );
  }
  private cache: ({ tekst: string; soort: 'quotum' | 'spreiding' }[] | undefined)[] = [];
  /** Bevries het gebruik: blokkades worden vanaf nu per blok gecachet (uitlegfase). */
  bevries() {
    this.cache = new Array(this.model.blokken.length);
    this.bevroren = true;
  }
  private bevroren = false;
  blokkades(blok: number): { tekst: string; soort: 'quotum' | 'spreiding' }[] {
    if (this.bevroren) return (this.cache[blok] ??= this.berekenBlokkades(blok));
    return this.berekenBlokkades(blok);
  }
  /** Blokkerende regels voor een extra plaatsing in dit blok. */
  private berekenBlokkades(blok: number): { tekst: string; soort: 'quotum' | 'spreiding' }[] {
    const b = this.model.blokken[blok];
    const uit: { tekst: string; soort: 'quotum' | 'spreiding' }[] = [];
    if (!b.heeftQuotum) uit.push({ tekst: `geen quotum voor gemeente ${b.gemeente} / corporatie ${b.corporatie}`, soort: 'quotum' });
    else {
      const r = this.qRest[this.bq[blok]];
      const u = this.qGebruik[this.bq[blok]];
      if (u >= r) uit.push({ tekst: `quotum gemeente ${b.gemeente} / corporatie ${b.corporatie} uitgeput (${u} van ${r} resterend gebruikt)`, soort: 'quotum' });
    }
    const cr = this.cRest[this.bc[blok]];
    const cu = this.cGebruik[this.bc[blok]];
    const afspraak = `volgens de afspraak ${b.gemeente} – ${b.corporatie}`;
    if (cu >= cr)
      uit.push({
        tekst: `max per complex bereikt (complex ${b.complex}: ${cu} nieuw, ruimte was ${cr}${b.complexVanAfspraak ? `; max. ${b.maxPerComplex} per complex ${afspraak}` : ''})`,
        soort: 'spreiding',
      });
    const wr = this.wRest[this.bw[blok]];
    const wu = this.wGebruik[this.bw[blok]];
    if (wu >= wr)
      uit.push({
        tekst: `wijkmaximum bereikt (wijk ${b.wijk} in ${b.gemeente}: ${wu} nieuw, ruimte was ${wr}${b.wijkVanAfspraak ? `; max. ${b.maxPerWijk} per wijk ${afspraak}` : ''})`,
        soort: 'spreiding',
      });
    return uit;
  }
}

interface Analyse {
  passend: number;
  vrij: number;
  vrijOnbeperkt: number;
  vrijQuotumGeblokkeerd: number;
  regels: Map<string, 'quotum' | 'spreiding'>;
}

function analyseerEis(model: Model, gebruik: Gebruik, eis: number): Analyse {
  const a: Analyse = { passend: 0, vrij: 0, vrijOnbeperkt: 0, vrijQuotumGeblokkeerd: 0, regels: new Map() };
  {
    const e = model.eisen[eis];
    for (const s of e.soorten)
      for (const c of model.soorten[s].klassen) {
        const kl = model.klassen[c];
        a.passend += kl.woningen.length;
        const vrij = kl.woningen.length - gebruik.klasse[c];
        if (vrij <= 0) continue;
        a.vrij += vrij;
        const bl = gebruik.blokkades(kl.blok);
        if (bl.length === 0) a.vrijOnbeperkt += vrij;
        if (bl.some((x) => x.soort === 'quotum')) a.vrijQuotumGeblokkeerd += vrij;
        for (const x of bl) a.regels.set(x.tekst, x.soort);
      }
  }
  return a;
}

const MAX_REGELS = 6;
function regelLijst(regels: Map<string, unknown>): string[] {
  const l = [...regels.keys()];
  if (l.length <= MAX_REGELS) return l;
  return [...l.slice(0, MAX_REGELS), `… en ${l.length - MAX_REGELS} andere regels`];
}

/**
 * Kolomgeneratie over kandidaatbogen. Bij grote regio's kan maar een klein deel van de kandidaten geplaatst worden
 * (100k kandidaten, ~6k wijkruimte); elke boog en elk profiel in de simplex kost pivots. Los daarom eerst op met
 * alleen de kandidaten bij de hoogste waarden (per profiel de eerste, want ze zijn aflopend gesorteerd), en prijs
 * daarna per profiel de eerste weggelaten kandidaat exact met de potentialen π van die oplossing. Een profiel in het
 * netwerk heeft zijn eigen π_p; voor een weggelaten profiel geeft π_p := max_r (π_eis(r) − R·r) al zijn eisbogen
 * gereduceerde kosten ≥ 0. Een weggelaten kandidaatboog (kosten −v_j) is dan toelaatbaar precies als
 * v_j ≤ π_h − π_p. Geldt dat overal, dan is (π, π_p) duaal toelaatbaar voor het volledige netwerk en de stroom dus
 * optimaal. Anders komen de geschonden bogen bij de opgeloste basis en gaat de simplex warm verder.
 */
function losMetProfielselectie(model: Model, plan: Plan, lambda: Float64Array, factor: number): { plan: Plan; net: Netwerk; kosten: number; pivots: number; rondes: number } {
  const P = model.profielen.length;
  let maxPlaatsingen = 0;
  for (const v of model.wijkRest.values()) maxPlaatsingen += v;
  let quotumSom = 0;
  for (const v of model.quotumRest.values()) quotumSom += v;
  maxPlaatsingen = Math.min(maxPlaatsingen, quotumSom);
  const aantal = factor >= 1 ? Math.max(2_000, Math.ceil(factor * maxPlaatsingen)) : Math.max(1, Math.ceil(factor * maxPlaatsingen));
  if (factor <= 0 || plan.K <= (factor >= 1 ? aantal * 1.5 : aantal)) {
    const net = bouwNetwerk(model, plan, lambda);
    const kosten = net.ns.los();
    return { plan, net, kosten, pivots: net.ns.pivots, rondes: 0 };
  }
  // drempel: de waarde van de `aantal`-ste beste bereikbare kandidaat
  const waarden = new Float64Array(plan.K);
  let n = 0;
  model.profielen.forEach((p, pi) => {
    for (let j = 0; j < plan.R[pi]; j++) waarden[n++] = p.waarden[j];
  });
  waarden.sort(); // oplopend (getypte array: numeriek en zonder vergelijkfunctie)
  const drempel = waarden[n - Math.min(aantal, n)];
  // per profiel het aantal kandidaatbogen in het netwerk: de kandidaten boven de drempel (0 = profiel weggelaten)
  const Ra = new Array<number>(P).fill(0);
  model.profielen.forEach((p, pi) => {
    let j = 0;
    while (j < plan.R[pi] && p.waarden[j] >= drempel) j++;
    Ra[pi] = j;
  });
  let rondes = 0;
  const R = model.gewichten.rangStraf;
  const hIdx = new Map(model.herkomsten.map((h, i) => [h, i]));
  const net = bouwNetwerk(model, { ...plan, R: Ra.slice(), K: Ra.reduce((a, b) => a + b, 0) }, lambda, plan);
  for (;;) {
    // warm: na de eerste ronde gaat de simplex verder vanuit de vorige basis, met de nieuwe bogen erbij
    const kosten = net.ns.los();
    // Een eis zonder actief profiel draagt geen stroom en hangt willekeurig in de boom; de kleinste toelaatbare
    // potentiaal (max over zijn soortbogen, kosten 0) is ook duaal toelaatbaar en prijst scherper.
    const eisPi = new Float64Array(model.eisen.length);
    const eisGevoed = new Uint8Array(model.eisen.length);
    model.profielen.forEach((p, pi) => {
      if (Ra[pi] > 0) for (const e of p.eisen) eisGevoed[e] = 1;
    });
    model.eisen.forEach((_, e) => {
      if (eisGevoed[e]) eisPi[e] = net.ns.potentiaal(net.E0 + e);
      else {
        let m = -Infinity;
        for (const [s] of net.eisSoortBogen[e]) m = Math.max(m, net.ns.potentiaal(net.S0 + s));
        eisPi[e] = m;
      }
    });
    let geschonden = 0;
    model.profielen.forEach((p, pi) => {
      const r0 = Ra[pi];
      if (r0 >= plan.R[pi]) return;
      let piP: number;
      if (r0 > 0) piP = net.ns.potentiaal(net.P0 + pi);
      else {
        piP = -Infinity;
        p.eisen.forEach((e, r) => {
          if (model.eisen[e].capaciteit > 0) piP = Math.max(piP, eisPi[e] - R * r);
        });
        if (piP === -Infinity) return;
      }
      // de weggelaten kandidaatbogen (waarden aflopend) zijn toelaatbaar zolang v_j ≤ π_h − π_p
      const grens = net.ns.potentiaal(net.H0 + hIdx.get(p.herkomst)!) - piP;
      let j = r0;
      while (j < plan.R[pi] && p.waarden[j] > grens) j++;
      if (j === r0) return;
      voegKandidatenToe(model, net, pi, r0, j, plan.R[pi], hIdx.get(p.herkomst)!);
      Ra[pi] = j;
      geschonden++;
    });
    rondes++;
    if (geschonden === 0) return { plan: { ...plan, R: Ra, K: Ra.reduce((a, b) => a + b, 0) }, net, kosten, pivots: net.ns.pivots, rondes };
  }
}

/** Optimale plaatsing met uitleg. Puur en synchroon. */
export function matchOptimaal(invoer: MatchInvoer, opties: MotorOpties = {}): MatchResultaat {
  const model = bouwModel(invoer);
  const plan = maakPlan(model);
  const maxIt = opties.maxLagrangeIteraties ?? 400;
  const geduld = opties.geduld ?? 40;
  const G = plan.groepen.length;
  const lambda = new Float64Array(G);
  const selectie = losMetProfielselectie(model, plan, lambda, opties.profielSelectie ?? PROFIELSELECTIE);
  let { plan: planActief, net, kosten, pivots } = selectie;
  let lading = groepLading(planActief, net);
  if (G > 0 && planActief !== plan && !isToelaatbaar(planActief, lading)) {
    // de Lagrange-lus en de exacte terugval rekenen op het volledige netwerk (elke λ een andere prijsstelling)
    // warm: de ontbrekende kandidaatbogen erbij en verder vanuit de basis van de selectie
    const hIdx = new Map(model.herkomsten.map((h, i) => [h, i]));
    for (let pi = 0; pi < model.profielen.length; pi++)
      if (planActief.R[pi] < plan.R[pi]) voegKandidatenToe(model, net, pi, planActief.R[pi], plan.R[pi], plan.R[pi], hIdx.get(model.profielen[pi].herkomst)!);
    planActief = plan;
    const voor = net.ns.pivots;
    kosten = net.ns.los();
    pivots += net.ns.pivots - voor;
    lading = groepLading(plan, net);
  }
  const decodeerPlan = planActief;
  let iteraties = 0;
  let vertakKnopen = 0;
  let beste: { net: Netwerk; waarde: number };
  let UB: number;
  // De doelwaarde is geheel, dus UB − LB < 1 bewijst optimaliteit.
  const open = () => UB - beste.waarde >= 1;
  if (isToelaatbaar(plan, lading)) {
    beste = { net, waarde: -kosten };
    UB = -kosten;
  } else {
    UB = -kosten; // λ = 0
    // gewogen gemiddelde blokstroom over de iteraties (latere zwaarder): benadert een LP-optimale stroom
    const gemiddeld = new Float64Array(net.eenheidBoog.length);
    let gewichtSom = 0;
    const middel = (w: number) => {
      const f = w / (gewichtSom + w);
      gewichtSom += w;
      for (const gr of plan.groepen) for (const e of gr.eenheden) gemiddeld[e] += f * (net.ns.stroomOp(net.eenheidBoog[e]) - gemiddeld[e]);
    };
    middel(1);
    const probeer = (doel: Float64Array | null) => {
      const h = herstel(plan, net, lambda, doel);
      pivots += h.net.ns.pivots;
      if (h.waarde > beste.waarde) {
        beste = h;
        return true;
      }
      return false;
    };
    beste = herstel(plan, net, lambda, null);
    pivots += beste.net.ns.pivots;
    // vaak is de grens bij λ = 0 al exact en ontbreekt alleen de juiste verdeling van de groepsruimte
    const verbeterBudget = opties.maxVerbeterPogingen ?? 400;
    let verbeterPogingen = 0;
    const verbeterBeste = (budget: number) => {
      const v = verbeter(plan, beste, UB, Math.min(budget, verbeterBudget - verbeterPogingen));
      verbeterPogingen += v.pogingen;
      if (v.waarde > beste.waarde) {
        beste = v;
        return true;
      }
      return false;
    };
    verbeterBeste(40);
    let theta = 1;
    let geenVerbetering = 0;
    let zonderVoortgang = 0;
    for (let it = 1; it <= maxIt && open(); it++) {
      iteraties = it;
      let norm = 0;
      const sub = new Float64Array(G);
      for (let gi = 0; gi < G; gi++) {
        sub[gi] = lading[gi] - plan.groepen[gi].cap;
        if (lambda[gi] <= 0 && sub[gi] < 0) sub[gi] = 0;
        norm += sub[gi] * sub[gi];
      }
      if (norm === 0) break;
      const stap = (theta * (UB - beste.waarde)) / norm;
      for (let gi = 0; gi < G; gi++) {
        // λ in veelvouden van 1/64: exact in drijvende komma, maar fijn genoeg voor een scherpe grens
        const nieuw = Math.max(0, Math.round((lambda[gi] + stap * sub[gi]) * LAMBDA_EENHEID) / LAMBDA_EENHEID);
        if (nieuw !== lambda[gi]) {
          const delta = nieuw - lambda[gi];
          lambda[gi] = nieuw;
          for (const e of plan.groepen[gi].eenheden) net.ns.zetKosten(net.eenheidBoog[e], net.ns.kostenVan(net.eenheidBoog[e]) + delta);
        }
      }
      const voor = net.ns.pivots;
      kosten = net.ns.los();
      pivots += net.ns.pivots - voor;
      lading = groepLading(plan, net);
      middel(it + 1);
      let lr = 0;
      for (let gi = 0; gi < G; gi++) lr += lambda[gi] * plan.groepen[gi].cap;
      const ub = -kosten + lr;
      let voortgang = false;
      if (ub < UB - 1e-9) {
        voortgang = UB - ub > 1e-3 * (UB - beste.waarde);
        UB = ub;
        geenVerbetering = 0;
      } else if (++geenVerbetering >= 3) {
        theta /= 2;
        geenVerbetering = 0;
      }
      if (isToelaatbaar(plan, lading)) {
        const w = echteWaarde(plan, kosten, lambda, lading);
        if (w > beste.waarde) {
          beste = { net: { ...net, ns: net.ns.kloon() }, waarde: w };
          voortgang = true;
        }
      } else if (it % 5 === 0 && open()) {
        if (probeer(gemiddeld)) voortgang = true;
        if (open() && probeer(null)) voortgang = true;
        if (voortgang && open()) verbeterBeste(20);
      }
      zonderVoortgang = voortgang ? 0 : zonderVoortgang + 1;
      if (zonderVoortgang >= geduld || theta < 1e-6) break;
    }
    // laatste herstel vanuit de eindmultiplicatoren
    if (open() && !isToelaatbaar(plan, lading)) {
      probeer(gemiddeld);
      if (open()) probeer(null);
    }
    if (open()) verbeterBeste(verbeterBudget);
    // integraliteitsgat of niet-geconvergeerde grens: vertakken en begrenzen bewijst het optimum of vindt het
    // budget naar netwerkgrootte, zodat een grote regio zonder bewijs niet minutenlang vertakt (4000 knopen bij
    // kleine regio's, waar integraliteitsgaten optreden; ~20 bij 100k kandidaten)
    const knoopBudget = opties.maxVertakKnopen ?? Math.min(4000, Math.max(20, Math.floor(4_000_000 / net.ns.aantalBogen)));
    if (open() && knoopBudget > 0) {
      const v = vertakEnBegrens(net.ns.kloon(), net.eenheidBoog, plan.groepen, lambda, beste.waarde, UB, { maxKnopen: knoopBudget });
      vertakKnopen = v.knopen;
      if (v.beter && v.beter.waarde > beste.waarde) beste = { net: { ...net, ns: v.beter.ns }, waarde: v.beter.waarde };
      UB = Math.min(UB, Math.max(v.bovengrens, beste.waarde));
    }
  }
  const plaatsingen = decodeer(model, decodeerPlan, beste.net);
  const resultaat = maakResultaat(invoer, model, plaatsingen, true);
  const objectief = resultaat.objectief;
  const bovengrens = Math.max(UB, objectief);
  resultaat.statistiek = {
    ...resultaat.statistiek,
    methode: G > 0 ? 'netwerk-simplex+lagrange' : 'netwerk-simplex',
    knopen: beste.net.ns.n,
    bogen: beste.net.ns.aantalBogen,
    pivots,
    lagrangeIteraties: iteraties,
    prijsrondes: selectie.rondes,
    vertakKnopen,
    bovengrens,
    gap: bovengrens === 0 ? 0 : (bovengrens - objectief) / Math.abs(bovengrens),
    optimaalBewezen: bovengrens - objectief < 1,
  };
  return resultaat;
}

/**
 * Voeg een veld toe dat pas bij eerste lezing berekend wordt (en dan onthouden). Opsombaar, dus JSON en
 * spreiden zien het als gewone eigenschap; wie het niet leest, betaalt er niet voor.
 */
export function metLuiVeld<T extends object, K extends string, V>(obj: T, naam: K, bereken: () => V): T & Record<K, V> {
  Object.defineProperty(obj, naam, {
    enumerable: true,
    configurable: true,
    get() {
      const waarde = bereken();
      Object.defineProperty(obj, naam, { value: waarde, enumerable: true, writable: true, configurable: true });
      return waarde;
    },
    set(waarde: V) {
      Object.defineProperty(obj, naam, { value: waarde, enumerable: true, writable: true, configurable: true });
    },
  });
  return obj as T & Record<K, V>;
}

/** Vul vrije capaciteit aan (alleen verbeteringen), bouw uitleg en statistiek. */
function maakResultaat(invoer: MatchInvoer, model: Model, plaatsingen: Plaatsing[], aanvullen: boolean): MatchResultaat {
  const g = model.gewichten;
  const kand = invoer.kandidaten;
  const gebruik = new Gebruik(model);
  const geplaatst = new Uint8Array(kand.length);
  for (const pl of plaatsingen) {
    gebruik.voegToe(pl.klasse, kand[pl.k].herkomstgemeenteId);
    geplaatst[pl.k] = 1;
  }
  if (aanvullen) {
    // Gebruik groeit alleen, dus een eis zonder vrije ruimte blijft vol: onthoud dat (scheelt herhaald scannen).
    const eisVol = new Uint8Array(model.eisen.length);
    const volgorde = model.profielen.map((_, i) => i);
    for (const pi of volgorde) {
      const p = model.profielen[pi];
      for (let j = 0; j < p.kandidaten.length; j++) {
        const k = p.kandidaten[j];
        if (geplaatst[k]) continue;
        let gevonden = false;
        for (let r = 0; r < p.eisen.length && !gevonden; r++) {
          const bonus = (gebruik.herkomst.get(p.herkomst) ?? 0) < (model.aandeel.get(p.herkomst) ?? 0) ? g.spreidingsBonus : 0;
          if (p.waarden[j] - g.rangStraf * r + bonus <= 0) continue;
          if (eisVol[p.eisen[r]]) continue;
          const e = model.eisen[p.eisen[r]];
          for (const s of e.soorten) {
            for (const c of model.soorten[s].klassen) {
              const kl = model.klassen[c];
              if (gebruik.klasse[c] >= kl.woningen.length) continue;
              if (!gebruik.heeftRuimte(kl.blok)) continue;
              plaatsingen.push({ k, klasse: c, woning: kl.woningen[gebruik.klasse[c]], rang: r });
              gebruik.voegToe(c, p.herkomst);
              geplaatst[k] = 1;
              gevonden = true;
              break;
            }
            if (gevonden) break;
          }
          if (!gevonden) eisVol[p.eisen[r]] = 1;
        }
        if (!gevonden) break; // rest van het profiel past evenmin
      }
    }
  }
  gebruik.bevries();
  const eisCache = new Map<number, Analyse>();
  const analyse = (pi: number, rangen: number[]) => {
    const p = model.profielen[pi];
    const tot: Analyse = { passend: 0, vrij: 0, vrijOnbeperkt: 0, vrijQuotumGeblokkeerd: 0, regels: new Map() };
    for (const r of rangen) {
      const e = p.eisen[r];
      let a = eisCache.get(e);
      if (!a) {
        a = analyseerEis(model, gebruik, e);
        eisCache.set(e, a);
      }
      tot.passend += a.passend;
      tot.vrij += a.vrij;
      tot.vrijOnbeperkt += a.vrijOnbeperkt;
      tot.vrijQuotumGeblokkeerd += a.vrijQuotumGeblokkeerd;
      for (const [k, v] of a.regels) tot.regels.set(k, v);
    }
    return tot;
  };
  const profielVan = new Int32Array(kand.length);
  model.profielen.forEach((p, pi) => p.kandidaten.forEach((k) => (profielVan[k] = pi)));
  const hogerCache = new Map<string, Analyse>();
  const voorstelUitleg = (pl: Plaatsing): Voorstel['uitleg'] => {
    const k = kand[pl.k];
    const kl = model.klassen[pl.klasse];
    const b = model.blokken[kl.blok];
    const so = model.soorten[kl.soort];
    const p = model.profielen[profielVan[pl.k]];
    const wacht = Math.min(Math.max(0, Math.floor(k.wachtdagen)), g.maxWachtdagen);
    const score = plaatsingsWaarde(k, pl.rang, g);
    const redenen: string[] = [
      `wacht ${k.wachtdagen} dagen sinds uitstroomklaar (+${g.perWachtdag * wacht})`,
      `urgentie ${k.urgentie} (+${g.perUrgentie * k.urgentie})`,
      `gemeente ${b.gemeente} is voorkeur ${pl.rang + 1} van ${p.prefs.length}${pl.rang > 0 ? ` (−${g.rangStraf * pl.rang})` : ''}`,
      `type ${so.type} staat in de gewenste woningtypes`,
      `${so.kamers} kamer(s), minimaal ${k.minKamers} nodig`,
      k.toegankelijkNodig ? 'toegankelijke woning, zoals nodig' : `toegankelijk niet nodig${so.toegankelijk ? ' (woning is wel toegankelijk)' : ''}`,
    ];
    if (so.type === 'jongeren_cluster') redenen.push(`jongerencluster: leeftijd ${k.leeftijd} valt in 18–24`);
    if (so.type === 'beschermd_thuis_cluster') redenen.push('beschermd-thuiscluster: ondersteuning is beschermd thuis');
    const ph = gebruik.herkomst.get(k.herkomstgemeenteId) ?? 0;
    const ah = model.aandeel.get(k.herkomstgemeenteId) ?? 0;
    redenen.push(`herkomstgemeente ${k.herkomstgemeenteId}: ${ph} geplaatst, eerlijk aandeel ${ah}`);
    const bindend = gebruik.blokkades(kl.blok).map((x) => x.tekst);
    if (pl.rang > 0) {
      const sleutel = `${profielVan[pl.k]}|${pl.rang}`;
      let an = hogerCache.get(sleutel);
      if (!an) {
        an = analyse(profielVan[pl.k], [...Array(pl.rang).keys()]);
        hogerCache.set(sleutel, an);
      }
      const hoger = p.prefs.slice(0, pl.rang).join(', ');
      if (an.passend === 0) bindend.push(`geen passende woning in hogere voorkeursgemeente(n) ${hoger}`);
      else if (an.vrij === 0) bindend.push(`alle ${an.passend} passende woningen in ${hoger} gingen naar kandidaten met een hogere score`);
      else for (const r of regelLijst(an.regels)) bindend.push(`${hoger}: ${r}`);
    }
    const tekst =
      `${k.id} (herkomst ${k.herkomstgemeenteId}, ${k.wachtdagen} dagen wachtend, urgentie ${k.urgentie}) krijgt woning ${pl.woning} ` +
      `in ${b.gemeente} (voorkeur ${pl.rang + 1}), complex ${b.complex}, wijk ${b.wijk}, corporatie ${b.corporatie}. ` +
      `Score ${score}.` +
      (bindend.length ? ` Bindend: ${bindend.join('; ')}.` : '');
    return {
      tekst,
      redenen,
      bindendeRegels: bindend,
      wachtdagen: k.wachtdagen,
      urgentie: k.urgentie,
      herkomstgemeenteId: k.herkomstgemeenteId,
      woningGemeenteId: b.gemeente,
      corporatieId: b.corporatie,
      complex: b.complex,
      wijk: b.wijk,
    };
  };
  const voorstellen: Voorstel[] = plaatsingen.map((pl) => {
    const k = kand[pl.k];
    const score = plaatsingsWaarde(k, pl.rang, g);
    return metLuiVeld({ kandidaatId: k.id, woningId: pl.woning, score, gemeenteRang: pl.rang }, 'uitleg', () => voorstelUitleg(pl));
  });

  const profielAnalyse = new Map<number, Analyse>();
  const nietGeplaatstUitleg = (ki: number): { reden: NietGeplaatstReden; uitleg: NietGeplaatst['uitleg'] } => {
    const k = kand[ki];
    const pi = profielVan[ki];
    const p = model.profielen[pi];
    let an = profielAnalyse.get(pi);
    if (!an) {
      an = analyse(pi, p.prefs.map((_, r) => r));
      profielAnalyse.set(pi, an);
    }
    let reden: NietGeplaatstReden;
    let tekst: string;
    let bindend: string[] = [];
    if (an.passend === 0) {
      reden = 'geen_passende_woning';
      tekst = `Geen woning in ${p.prefs.join(', ') || '(geen voorkeursgemeenten)'} voldoet aan type, kamers${k.toegankelijkNodig ? ', toegankelijkheid' : ''} en doelgroep.`;
    } else if (an.vrij === 0 || an.vrijOnbeperkt > 0) {
      reden = 'lagere_prioriteit';
      tekst =
        an.vrij === 0
          ? `Alle ${an.passend} passende woningen zijn toegewezen aan kandidaten met een hogere score (langer wachtend, urgenter of betere gemeentematch).`
          : `Er zijn ${an.vrijOnbeperkt} vrije passende woningen, maar plaatsing zou de totale score niet verhogen.`;
    } else if (an.vrijQuotumGeblokkeerd === an.vrij) {
      reden = 'quotum_uitgeput';
      bindend = regelLijst(an.regels);
      tekst = `Er zijn ${an.vrij} vrije passende woningen, maar het reserveringsquotum laat geen plaatsing toe: ${bindend.join('; ')}.`;
    } else {
      reden = 'spreiding';
      bindend = regelLijst(an.regels);
      tekst = `Er zijn ${an.vrij} vrije passende woningen, maar spreidingsregels (of quota) laten geen plaatsing toe: ${bindend.join('; ')}.`;
    }
    const redenen = [`wacht ${k.wachtdagen} dagen, urgentie ${k.urgentie}`, `${an.passend} passende woningen in voorkeursgemeenten, ${an.vrij} nog vrij`];
    return { reden, uitleg: { tekst: `${k.id} niet geplaatst: ${tekst}`, redenen, bindendeRegels: bindend } };
  };
  // de lijst zelf ontstaat pas bij eerste lezing (bij grote regio's het gros van de kandidaten), en per
  // kandidaat reden en uitleg pas wanneer iemand ze leest
  const nietGeplaatst = (): NietGeplaatst[] => {
    const uit: NietGeplaatst[] = [];
    kand.forEach((k, ki) => {
      if (geplaatst[ki]) return;
      let uitkomst: ReturnType<typeof nietGeplaatstUitleg> | undefined;
      const bereken = () => (uitkomst ??= nietGeplaatstUitleg(ki));
      uit.push(metLuiVeld(metLuiVeld({ kandidaatId: k.id }, 'reden', () => bereken().reden), 'uitleg', () => bereken().uitleg));
    });
    return uit;
  };

  const perHerkomstgemeente: MatchStatistiek['perHerkomstgemeente'] = {};
  for (const k of kand) {
    const h = (perHerkomstgemeente[k.herkomstgemeenteId] ??= { kandidaten: 0, geplaatst: 0, eerlijkAandeel: model.aandeel.get(k.herkomstgemeenteId) ?? 0 });
    h.kandidaten++;
  }
  for (const [h, n] of gebruik.herkomst) perHerkomstgemeente[h].geplaatst = n;
  // Z zoals in objectiefWaarde, maar zonder opzoektabellen over de hele invoer: de plaatsingen kennen hun kandidaat en blok
  let objectief = 0;
  for (const pl of plaatsingen) {
    const k = kand[pl.k];
    objectief += plaatsingsWaarde(k, gemeenteRang(k, model.blokken[model.klassen[pl.klasse].blok].gemeente), g);
  }
  for (const [h, n] of gebruik.herkomst) objectief += g.spreidingsBonus * Math.min(n, model.aandeel.get(h) ?? 0);
  const statistiek: MatchStatistiek = {
    methode: 'netwerk-simplex',
    kandidaten: kand.length,
    woningen: invoer.woningen.length,
    bruikbareWoningen: model.bruikbareWoningen,
    geplaatst: voorstellen.length,
    perHerkomstgemeente,
  };
  return metLuiVeld({ voorstellen, objectief, statistiek }, 'nietGeplaatst', nietGeplaatst);
}

/** Bouw een uitlegbaar resultaat bij een willekeurige (toelaatbare) toewijzing — gebruikt door greedy en HiGHS. */
export function resultaatVoorToewijzing(
  invoer: MatchInvoer,
  toewijzing: readonly { kandidaatId: string; woningId: string }[],
  methode: MatchStatistiek['methode'],
): MatchResultaat {
  const model = bouwModel(invoer);
  const kIdx = new Map(invoer.kandidaten.map((k, i) => [k.id, i]));
  const woningKlasse = new Map<string, number>();
  model.klassen.forEach((c, ci) => c.woningen.forEach((w) => woningKlasse.set(w, ci)));
  const plaatsingen: Plaatsing[] = toewijzing.map((t) => {
    const k = kIdx.get(t.kandidaatId)!;
    const klasse = woningKlasse.get(t.woningId)!;
    const gem = model.blokken[model.klassen[klasse].blok].gemeente;
    return { k, klasse, woning: t.woningId, rang: [...new Set(invoer.kandidaten[k].gemeentePreferenties)].indexOf(gem) };
  });
  const r = maakResultaat(invoer, model, plaatsingen, false);
  r.statistiek.methode = methode;
  return r;
}

export { matchOptimaal as match };
