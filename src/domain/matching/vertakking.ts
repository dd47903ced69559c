/**
 * Exacte terugval van de motor: vertakken en begrenzen (branch-and-bound) op de gerelaxeerde zijrestricties.
 *
 * Waarom nodig: de Lagrange-grens is hooguit zo scherp als de LP-relaxatie. Heeft die een integraliteitsgat
 * (komt voor bij kleine regio's met weinig woningen per wijk en quotum), dan sluit geen enkel aantal
 * subgradiëntiteraties het gat, ook al is de gevonden oplossing vaak al optimaal. Vertakken bewijst dat of
 * vindt de betere oplossing.
 *
 * Een knoop is het netwerk met extra plafonds op eenheidbogen plus extra groepsrestricties op deelverzamelingen
 * van een groep, en wordt begrensd met een paar subgradiëntiteraties (warm vanuit de ouder). Vertakken op
 * eenheid e (in groep G) met grens k: links f_e ≤ k (een boogplafond, exact in het netwerk), rechts f_e ≥ k + 1,
 * wat voor elke groep G ∋ e betekent Σ_{G∖e} f ≤ cap_G − k − 1 (een nieuwe, gerelaxeerde groep). Samen dekken de
 * kinderen elke toelaatbare oplossing (rechts is een ruimere verzameling dan f_e ≥ k + 1, dat is toegestaan).
 * Elke vertakking verlaagt strikt een boogplafond of de ruimte van een deelverzameling (gehele getallen ≥ 0),
 * dus de boom is eindig. Diepte-eerst, zodat er maar weinig netwerkkopieën tegelijk leven.
 */
import type { NetwerkSimplex } from './netwerk-simplex.js';

/** Σ stroom over `eenheden` ≤ `cap`; een eenheid is een boog van het netwerk (cel of blok). */
export interface ZijGroep {
  cap: number;
  eenheden: readonly number[];
}

/** Intern ook ondergrenzen: teken −1 betekent −Σ stroom ≤ cap, dus Σ stroom ≥ −cap. */
interface Rij extends ZijGroep {
  teken: 1 | -1;
}

export interface VertakUitkomst {
  /** Betere toelaatbare oplossing dan de meegegeven ondergrens (netwerk met haar stromen), of null. */
  beter: { ns: NetwerkSimplex; waarde: number } | null;
  /** Bewezen bovengrens voor het optimum (alleen kleiner dan de meegegeven grens als dat bewezen is). */
  bovengrens: number;
  knopen: number;
  /** true als de hele boom doorzocht is (dan is bovengrens − beste waarde < 1). */
  volledig: boolean;
}

export interface VertakOpties {
  /** Maximaal aantal knopen (standaard 4000). */
  maxKnopen?: number;
  /** Subgradiëntiteraties per knoop (standaard 40). */
  iteratiesPerKnoop?: number;
}

interface Knoop {
  ns: NetwerkSimplex;
  groepen: Rij[];
  /** Ondergrens per eenheid uit eerdere vertakkingen (f_e ≥ k + 1). */
  onder: Map<number, number>;
  lambda: Float64Array;
  /** Grens van de ouder: geldig voor deze knoop tot hij zelf is begrensd. */
  grens: number;
}

const LAMBDA_EENHEID = 64;

/**
 * Doorzoek de boom onder `start` (een netwerk waarvan de eenheidbogen alleen λ-kosten dragen). `ondergrens` is
 * de waarde van de beste bekende oplossing, `grens` een geldige bovengrens (de Lagrange-grens van de wortel).
 */
export function vertakEnBegrens(
  start: NetwerkSimplex,
  eenheidBoog: Int32Array,
  groepen: readonly ZijGroep[],
  lambda: Float64Array,
  ondergrens: number,
  grens: number,
  opties: VertakOpties = {},
): VertakUitkomst {
  const maxKnopen = opties.maxKnopen ?? 4000;
  const maxIt = opties.iteratiesPerKnoop ?? 40;
  let beste: { ns: NetwerkSimplex; waarde: number } | null = null;
  let lb = ondergrens;
  const open = (ub: number) => ub - lb >= 1;
  let knopen = 0;
  let gesnoeidMax = -Infinity;
  const stapel: Knoop[] = [{ ns: start, groepen: groepen.map((g) => ({ ...g, teken: 1 as const })), onder: new Map(), lambda: Float64Array.from(lambda), grens }];

  while (stapel.length && knopen < maxKnopen) {
    const knoop = stapel.pop()!;
    if (!open(knoop.grens)) {
      gesnoeidMax = Math.max(gesnoeidMax, knoop.grens);
      continue;
    }
    knopen++;
    const { ns, groepen: gs } = knoop;
    const G = gs.length;
    const lam = knoop.lambda;
    // kosten van de eenheidbogen = Σ λ van hun groepen
    const eenheidKosten = new Map<number, number>();
    for (let g = 0; g < G; g++) for (const e of gs[g].eenheden) eenheidKosten.set(e, (eenheidKosten.get(e) ?? 0) + gs[g].teken * lam[g]);
    for (const [e, k] of eenheidKosten) if (ns.kostenVan(eenheidBoog[e]) !== k) ns.zetKosten(eenheidBoog[e], k);
    let ub = knoop.grens;
    let theta = 1;
    let zonderVerbetering = 0;
    const gemiddeld = new Map<number, number>();
    let gewichtSom = 0;
    let lading = new Float64Array(G);
    let snoei = false;
    for (let it = 0; it < maxIt; it++) {
      const kosten = ns.los();
      lading = new Float64Array(G);
      for (let g = 0; g < G; g++) for (const e of gs[g].eenheden) lading[g] += gs[g].teken * ns.stroomOp(eenheidBoog[e]);
      const w = it + 1;
      const f = w / (gewichtSom + w);
      gewichtSom += w;
      for (const e of eenheidKosten.keys()) {
        const oud = gemiddeld.get(e) ?? 0;
        gemiddeld.set(e, oud + f * (ns.stroomOp(eenheidBoog[e]) - oud));
      }
      let lr = 0;
      let lt = 0;
      let toelaatbaar = true;
      for (let g = 0; g < G; g++) {
        lr += lam[g] * gs[g].cap;
        lt += lam[g] * lading[g];
        if (lading[g] > gs[g].cap) toelaatbaar = false;
      }
      const knoopUb = -kosten + lr;
      if (knoopUb < ub - 1e-9) {
        ub = knoopUb;
        zonderVerbetering = 0;
      } else if (++zonderVerbetering >= 3) {
        theta /= 2;
        zonderVerbetering = 0;
      }
      if (toelaatbaar) {
        const waarde = -(kosten - lt);
        if (waarde > lb) {
          lb = waarde;
          beste = { ns: ns.kloon(), waarde };
        }
        // complementaire speling: de gerelaxeerde oplossing is optimaal voor deze knoop
        if (lr - lt === 0) ub = Math.min(ub, waarde);
      }
      if (!open(ub)) {
        snoei = true;
        break;
      }
      let norm = 0;
      const sub = new Float64Array(G);
      for (let g = 0; g < G; g++) {
        sub[g] = lading[g] - gs[g].cap;
        if (lam[g] <= 0 && sub[g] < 0) sub[g] = 0;
        norm += sub[g] * sub[g];
      }
      if (norm === 0 || theta < 1e-4 || it === maxIt - 1) break;
      const stap = (theta * (ub - lb)) / norm;
      for (let g = 0; g < G; g++) {
        const nieuw = Math.max(0, Math.round((lam[g] + stap * sub[g]) * LAMBDA_EENHEID) / LAMBDA_EENHEID);
        if (nieuw === lam[g]) continue;
        const delta = nieuw - lam[g];
        lam[g] = nieuw;
        for (const e of gs[g].eenheden) ns.zetKosten(eenheidBoog[e], ns.kostenVan(eenheidBoog[e]) + gs[g].teken * delta);
      }
    }
    if (snoei) {
      gesnoeidMax = Math.max(gesnoeidMax, ub);
      continue;
    }
    const keuze = kiesVertakking(ns, eenheidBoog, gs, knoop.onder, lading, gemiddeld);
    if (!keuze) {
      // elke eenheid ligt vast (ondergrens = plafond) en de grens sloot toch niet: de knoop blijft open en
      // zijn grens telt mee (de motor claimt dan geen optimaliteit)
      gesnoeidMax = Math.max(gesnoeidMax, ub);
      continue;
    }
    const { e, k } = keuze;
    // rechts: f_e ≥ k + 1 (als Lagrange-rij), en daaruit Σ_{G∖e} ≤ cap_G − k − 1 voor elke groep G ∋ e
    const rechtsGroepen: Rij[] = [...gs, { cap: -(k + 1), eenheden: [e], teken: -1 }];
    let rechtsMogelijk = k + 1 <= ns.capaciteitVan(eenheidBoog[e]);
    const rechtsNs = ns.kloon();
    for (const g of gs) {
      if (g.teken !== 1 || !g.eenheden.includes(e)) continue;
      const rest = g.eenheden.filter((x) => x !== e);
      const cap = g.cap - k - 1;
      if (cap < 0) rechtsMogelijk = false;
      else if (rest.length === 1) {
        const b = eenheidBoog[rest[0]];
        if (cap < rechtsNs.capaciteitVan(b)) {
          if (cap < (knoop.onder.get(rest[0]) ?? 0)) rechtsMogelijk = false;
          else rechtsNs.verlaagCapaciteit(b, cap);
        }
      } else if (rest.length > 1) rechtsGroepen.push({ cap, eenheden: rest, teken: 1 });
    }
    const rechtsLambda = new Float64Array(rechtsGroepen.length);
    rechtsLambda.set(lam);
    const rechtsOnder = new Map(knoop.onder).set(e, k + 1);
    // links: f_e ≤ k
    if (k >= (knoop.onder.get(e) ?? 0)) {
      ns.verlaagCapaciteit(eenheidBoog[e], k);
      if (rechtsMogelijk) stapel.push({ ns: rechtsNs, groepen: rechtsGroepen, onder: rechtsOnder, lambda: rechtsLambda, grens: ub });
      stapel.push({ ns, groepen: gs, onder: knoop.onder, lambda: Float64Array.from(lam), grens: ub });
    } else if (rechtsMogelijk) stapel.push({ ns: rechtsNs, groepen: rechtsGroepen, onder: rechtsOnder, lambda: rechtsLambda, grens: ub });
  }
  let bovengrens = Math.max(lb, gesnoeidMax);
  for (const k of stapel) bovengrens = Math.max(bovengrens, k.grens);
  const volledig = stapel.length === 0 && bovengrens - lb < 1;
  return { beter: beste, bovengrens: Math.min(grens, bovengrens), knopen, volledig };
}

/**
 * Kies eenheid en grens: bij voorkeur de eenheid waarvan de gemiddelde Lagrange-stroom (een benadering van
 * de LP-oplossing) het meest fractioneel is; anders de grootste eenheid van de meest geschonden (of volle)
 * groep. Altijd ondergrens ≤ k < plafond, zodat beide kinderen het interval van e strikt verkleinen: zo is
 * de boom eindig.
 */
function kiesVertakking(
  ns: NetwerkSimplex,
  eenheidBoog: Int32Array,
  gs: readonly Rij[],
  onder: Map<number, number>,
  lading: Float64Array,
  gemiddeld: Map<number, number>,
): { e: number; k: number } | null {
  const vrij = (e: number) => (onder.get(e) ?? 0) < ns.capaciteitVan(eenheidBoog[e]);
  const klem = (e: number, k: number) => Math.max(onder.get(e) ?? 0, Math.min(ns.capaciteitVan(eenheidBoog[e]) - 1, k));
  let beste: { e: number; k: number } | null = null;
  let besteScore = 0.05;
  for (const [e, x] of gemiddeld) {
    const fr = x - Math.floor(x);
    const score = Math.min(fr, 1 - fr);
    if (score > besteScore && vrij(e)) {
      besteScore = score;
      beste = { e, k: klem(e, Math.floor(x)) };
    }
  }
  if (beste) return beste;
  const volgorde = gs
    .map((g, i) => [lading[i] - g.cap, i] as const)
    .filter(([over, i]) => gs[i].teken === 1 && over >= 0)
    .sort((a, b) => b[0] - a[0]);
  for (const [, gi] of volgorde) {
    let e = -1;
    let t = -1;
    for (const x of gs[gi].eenheden) {
      const f = ns.stroomOp(eenheidBoog[x]);
      if (vrij(x) && f > t) {
        t = f;
        e = x;
      }
    }
    if (e >= 0) return { e, k: klem(e, t - 1) };
  }
  for (const e of gemiddeld.keys()) if (vrij(e)) return { e, k: klem(e, Math.round(gemiddeld.get(e)!) - 1) };
  return null;
}
