/**
 * Doelfunctie, passingsregels en controle — gedeeld door alle solvers (motor, greedy, HiGHS, brute force),
 * zodat hun uitkomsten één-op-één vergelijkbaar zijn.
 *
 * ## Exacte doelfunctie (maximaliseren)
 *
 *   Z = Σ_{(k,w) geplaatst} waarde(k, w)  +  S · Σ_g min(p_g, a_g)
 *
 *   waarde(k, w) = B + D · min(wachtdagen_k, Dmax) + U · urgentie_k + Q · zrm_k − R · rang_k(gemeente_w)
 *
 * met (standaardgewichten) B = 10 000 (basis per plaatsing), D = 2 per wachtdag, Dmax = 1 095,
 * U = 2 000 per urgentieniveau, R = 500 per voorkeurspositie (rang 0 = eerste voorkeur), S = 1 500,
 * Q = 0 per punt ZRM-gereedheid (zrm_k is een geheel getal 0..30; een regio kan het meetellen via haar beleid,
 * `beleid.ts`, dat ook een volgorde van termen lexicografisch op deze gewichten afbeeldt, ADR 0037).
 *
 * De spreidingsterm is concaaf (afnemende meeropbrengst) per HERKOMSTgemeente g:
 *   p_g = aantal geplaatste kandidaten uit g,
 *   a_g = ⌈ N_g · min(N, W) / N ⌉ = het eerlijk aandeel van g (N_g kandidaten uit g, N kandidaten totaal,
 *         W woningen totaal).
 * Elke plaatsing tot en met het eerlijk aandeel levert S extra op, daarboven niets. Zo kan een gemeente met
 * veel langwachtenden niet alle woningen opeisen zolang andere gemeenten onder hun aandeel zitten.
 *
 * Alle gewichten worden afgerond op gehele getallen; Z is dus geheel en solvers zijn exact vergelijkbaar.
 */
import type { Gewichten, MatchInvoer, MatchKandidaat, MatchWoning, Toewijzing, WoningType } from './types.js';

export const STANDAARD_GEWICHTEN: Readonly<Gewichten> = Object.freeze({
  basis: 10_000,
  perWachtdag: 2,
  maxWachtdagen: 1_095,
  perUrgentie: 2_000,
  rangStraf: 500,
  spreidingsBonus: 1_500,
  perZrm: 0,
});

export function gewichtenVan(invoer: MatchInvoer): Gewichten {
  const g = { ...STANDAARD_GEWICHTEN, ...(invoer.gewichten ?? {}) };
  return {
    basis: Math.round(g.basis),
    perWachtdag: Math.round(g.perWachtdag),
    maxWachtdagen: Math.round(g.maxWachtdagen),
    perUrgentie: Math.round(g.perUrgentie),
    rangStraf: Math.round(g.rangStraf),
    spreidingsBonus: Math.max(0, Math.round(g.spreidingsBonus)),
    perZrm: Math.round(g.perZrm),
  };
}

export const isJongere = (leeftijd: number) => leeftijd >= 18 && leeftijd <= 24;

/** Woningtypes die deze kandidaat werkelijk mag krijgen (na leeftijds- en ondersteuningsregels), gesorteerd. */
export function effectieveTypes(k: MatchKandidaat): WoningType[] {
  const s = new Set<WoningType>();
  for (const t of k.woningTypes) {
    if (t === 'jongeren_cluster' && !isJongere(k.leeftijd)) continue;
    if (t === 'beschermd_thuis_cluster' && k.ondersteuning !== 'beschermd_thuis') continue;
    s.add(t);
  }
  return [...s].sort();
}

/** Passingscriteria los van gemeente (type, kamers, toegankelijkheid, leeftijd, ondersteuning). */
export function pastWoningKenmerken(k: MatchKandidaat, w: Pick<MatchWoning, 'type' | 'kamers' | 'toegankelijk'>): boolean {
  if (!k.woningTypes.includes(w.type)) return false;
  if (w.kamers < k.minKamers) return false;
  if (k.toegankelijkNodig && !w.toegankelijk) return false;
  if (w.type === 'jongeren_cluster' && !isJongere(k.leeftijd)) return false;
  if (w.type === 'beschermd_thuis_cluster' && k.ondersteuning !== 'beschermd_thuis') return false;
  return true;
}

/** Volledige harde passing, inclusief gemeente. */
export function past(k: MatchKandidaat, w: MatchWoning): boolean {
  return pastWoningKenmerken(k, w) && k.gemeentePreferenties.includes(w.gemeenteId);
}

/** Rang van de gemeente in de voorkeurslijst (0 = eerste), of -1. */
export function gemeenteRang(k: MatchKandidaat, gemeenteId: string): number {
  return k.gemeentePreferenties.indexOf(gemeenteId);
}

/** ZRM-gereedheid zoals de doelfunctie haar leest: geheel, niet negatief (ontbreekt = 0). */
export const zrmWaarde = (k: Pick<MatchKandidaat, 'zrm'>) => Math.max(0, Math.floor(k.zrm ?? 0));

/** Het kandidaat-afhankelijke deel van waarde(k, w): B + D·min(wachtdagen, Dmax) + U·urgentie + Q·zrm. */
export function kandidaatWaarde(k: MatchKandidaat, g: Gewichten): number {
  return g.basis + g.perWachtdag * Math.min(Math.max(0, Math.floor(k.wachtdagen)), g.maxWachtdagen) + g.perUrgentie * k.urgentie + g.perZrm * zrmWaarde(k);
}

export function plaatsingsWaarde(k: MatchKandidaat, rang: number, g: Gewichten): number {
  return kandidaatWaarde(k, g) - g.rangStraf * rang;
}

/** Eerlijk aandeel a_g per herkomstgemeente. */
export function eerlijkeAandelen(invoer: MatchInvoer): Map<string, number> {
  const n = invoer.kandidaten.length;
  const teVerdelen = Math.min(n, invoer.woningen.length);
  const tel = new Map<string, number>();
  for (const k of invoer.kandidaten) tel.set(k.herkomstgemeenteId, (tel.get(k.herkomstgemeenteId) ?? 0) + 1);
  const a = new Map<string, number>();
  for (const [g, ng] of tel) a.set(g, n === 0 ? 0 : Math.ceil((ng * teVerdelen) / n));
  return a;
}

/**
 * Doelfunctiewaarde Z (zie bovenaan dit bestand) van een willekeurige toewijzing. Controleert geen
 * restricties (gebruik daarvoor `controleerToewijzing`); onbekende ids of niet-passende gemeenten geven een fout.
 */
export function objectiefWaarde(invoer: MatchInvoer, voorstellen: readonly Toewijzing[]): number {
  const g = gewichtenVan(invoer);
  const kand = new Map(invoer.kandidaten.map((k) => [k.id, k]));
  const won = new Map(invoer.woningen.map((w) => [w.id, w]));
  const aandeel = eerlijkeAandelen(invoer);
  const perHerkomst = new Map<string, number>();
  let z = 0;
  for (const v of voorstellen) {
    const k = kand.get(v.kandidaatId);
    const w = won.get(v.woningId);
    if (!k || !w) throw new Error(`Onbekende kandidaat of woning in toewijzing: ${v.kandidaatId} → ${v.woningId}`);
    const rang = gemeenteRang(k, w.gemeenteId);
    if (rang < 0) throw new Error(`Gemeente ${w.gemeenteId} staat niet in de voorkeuren van ${k.id}`);
    z += plaatsingsWaarde(k, rang, g);
    perHerkomst.set(k.herkomstgemeenteId, (perHerkomst.get(k.herkomstgemeenteId) ?? 0) + 1);
  }
  for (const [gem, p] of perHerkomst) z += g.spreidingsBonus * Math.min(p, aandeel.get(gem) ?? 0);
  return z;
}

export const wijkSleutel = (gemeenteId: string, wijk: string) => `${gemeenteId}|${wijk}`;
export const quotumSleutel = (gemeenteId: string, corporatieId: string) => `${gemeenteId}|${corporatieId}`;
export const afspraakSleutel = (gemeenteId: string, corporatieId: string, deel: string) => `${gemeenteId}|${corporatieId}|${deel}`;

/** Eén spreidingsregel zoals hij op een woning werkt: welke teller, welk maximum, hoeveel al geplaatst. */
export interface Spreidingsregel {
  /** Teller: het complex / de wijk (regioregel) of het complex / de wijk binnen de afspraak. */
  sleutel: string;
  max: number;
  al: number;
  /** Het maximum komt uit de afspraak van gemeente + corporatie van de woning (anders: regioregel). */
  vanAfspraak: boolean;
}

/**
 * De complex- en wijkregel die op woningen werken (docs/adr/0033): heeft de afspraak van de woning (gemeente +
 * corporatie) een eigen maximum, dan telt dat per (gemeente, corporatie, wijk, complex) resp. (gemeente,
 * corporatie, wijk) — zoals bij handmatig plaatsen (`controleerSpreiding`); anders de regioregel per complex resp. (gemeente, wijk). Meerdere quotumregels voor dezelfde
 * afspraak: het kleinste opgegeven maximum.
 */
export function spreidingsregels(invoer: MatchInvoer): (w: Pick<MatchWoning, 'gemeenteId' | 'corporatieId' | 'wijk' | 'complex'>) => { complex: Spreidingsregel; wijk: Spreidingsregel } {
  const sp = invoer.spreiding;
  const eigen = new Map<string, { maxPerComplex?: number; maxPerWijk?: number }>();
  for (const q of invoer.quota) {
    const k = quotumSleutel(q.gemeenteId, q.corporatieId);
    const e = eigen.get(k) ?? {};
    if (q.maxPerComplex !== undefined) e.maxPerComplex = Math.min(e.maxPerComplex ?? Infinity, q.maxPerComplex);
    if (q.maxPerWijk !== undefined) e.maxPerWijk = Math.min(e.maxPerWijk ?? Infinity, q.maxPerWijk);
    eigen.set(k, e);
  }
  return (w) => {
    const e = eigen.get(quotumSleutel(w.gemeenteId, w.corporatieId));
    let complex: Spreidingsregel;
    if (e?.maxPerComplex !== undefined) {
      const sleutel = afspraakSleutel(w.gemeenteId, w.corporatieId, `${w.wijk}|${w.complex}`);
      complex = { sleutel, max: e.maxPerComplex, al: sp.alGeplaatstPerAfspraakComplex?.[sleutel] ?? 0, vanAfspraak: true };
    } else complex = { sleutel: w.complex, max: sp.maxPerComplex, al: sp.alGeplaatstPerComplex[w.complex] ?? 0, vanAfspraak: false };
    let wijk: Spreidingsregel;
    if (e?.maxPerWijk !== undefined) {
      const sleutel = afspraakSleutel(w.gemeenteId, w.corporatieId, w.wijk);
      wijk = { sleutel, max: e.maxPerWijk, al: sp.alGeplaatstPerAfspraakWijk?.[sleutel] ?? 0, vanAfspraak: true };
    } else {
      const sleutel = wijkSleutel(w.gemeenteId, w.wijk);
      wijk = { sleutel, max: sp.maxPerWijk, al: sp.alGeplaatstPerWijk[sleutel] ?? 0, vanAfspraak: false };
    }
    return { complex, wijk };
  };
}

/** Alle schendingen van harde restricties (lege lijst = toegestaan). */
export function controleerToewijzing(invoer: MatchInvoer, voorstellen: readonly Toewijzing[]): string[] {
  const fouten: string[] = [];
  const kand = new Map(invoer.kandidaten.map((k) => [k.id, k]));
  const won = new Map(invoer.woningen.map((w) => [w.id, w]));
  const quotum = new Map<string, number>();
  for (const q of invoer.quota) quotum.set(quotumSleutel(q.gemeenteId, q.corporatieId), (quotum.get(quotumSleutel(q.gemeenteId, q.corporatieId)) ?? 0) + q.resterend);
  const sp = invoer.spreiding;
  const gezienK = new Set<string>();
  const gezienW = new Set<string>();
  const perQ = new Map<string, number>();
  const perC = new Map<string, number>();
  const perWijk = new Map<string, number>();
  // eigen maxima per afspraak (bewust los van `spreidingsregels` uitgeschreven: dit is de onafhankelijke controle)
  const eigenC = new Map<string, number>();
  const eigenW = new Map<string, number>();
  for (const q of invoer.quota) {
    const k = quotumSleutel(q.gemeenteId, q.corporatieId);
    if (q.maxPerComplex !== undefined) eigenC.set(k, Math.min(eigenC.get(k) ?? Infinity, q.maxPerComplex));
    if (q.maxPerWijk !== undefined) eigenW.set(k, Math.min(eigenW.get(k) ?? Infinity, q.maxPerWijk));
  }
  const perAfspraakC = new Map<string, { n: number; max: number; al: number }>();
  const perAfspraakW = new Map<string, { n: number; max: number; al: number }>();
  for (const v of voorstellen) {
    const k = kand.get(v.kandidaatId);
    const w = won.get(v.woningId);
    if (!k || !w) {
      fouten.push(`onbekend: ${v.kandidaatId} → ${v.woningId}`);
      continue;
    }
    if (gezienK.has(k.id)) fouten.push(`kandidaat ${k.id} dubbel geplaatst`);
    if (gezienW.has(w.id)) fouten.push(`woning ${w.id} dubbel toegewezen`);
    gezienK.add(k.id);
    gezienW.add(w.id);
    if (!past(k, w)) fouten.push(`woning ${w.id} past niet bij ${k.id}`);
    const qs = quotumSleutel(w.gemeenteId, w.corporatieId);
    perQ.set(qs, (perQ.get(qs) ?? 0) + 1);
    const mc = eigenC.get(qs);
    if (mc === undefined) perC.set(w.complex, (perC.get(w.complex) ?? 0) + 1);
    else {
      const k = `${w.gemeenteId}|${w.corporatieId}|${w.wijk}|${w.complex}`;
      const t = perAfspraakC.get(k) ?? { n: 0, max: mc, al: sp.alGeplaatstPerAfspraakComplex?.[k] ?? 0 };
      t.n++;
      perAfspraakC.set(k, t);
    }
    const mw = eigenW.get(qs);
    if (mw === undefined) {
      const ws = wijkSleutel(w.gemeenteId, w.wijk);
      perWijk.set(ws, (perWijk.get(ws) ?? 0) + 1);
    } else {
      const k = `${w.gemeenteId}|${w.corporatieId}|${w.wijk}`;
      const t = perAfspraakW.get(k) ?? { n: 0, max: mw, al: sp.alGeplaatstPerAfspraakWijk?.[k] ?? 0 };
      t.n++;
      perAfspraakW.set(k, t);
    }
  }
  for (const [k, t] of perAfspraakC) if (t.n + t.al > t.max) fouten.push(`complex ${k} over het maximum van de afspraak (${t.al}+${t.n} > ${t.max})`);
  for (const [k, t] of perAfspraakW) if (t.n + t.al > t.max) fouten.push(`wijk ${k} over het maximum van de afspraak (${t.al}+${t.n} > ${t.max})`);
  for (const [qs, n] of perQ) {
    const r = quotum.get(qs);
    if (r === undefined) fouten.push(`geen quotum voor ${qs}`);
    else if (n > r) fouten.push(`quotum ${qs} overschreden (${n} > ${r})`);
  }
  for (const [c, n] of perC) {
    const al = sp.alGeplaatstPerComplex[c] ?? 0;
    if (n + al > sp.maxPerComplex) fouten.push(`complex ${c} over maximum (${al}+${n} > ${sp.maxPerComplex})`);
  }
  for (const [ws, n] of perWijk) {
    const al = sp.alGeplaatstPerWijk[ws] ?? 0;
    if (n + al > sp.maxPerWijk) fouten.push(`wijk ${ws} over maximum (${al}+${n} > ${sp.maxPerWijk})`);
  }
  return fouten;
}
