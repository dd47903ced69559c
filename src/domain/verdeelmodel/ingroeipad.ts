import { verdeelGrootsteRest, vergelijkSleutel } from './afronding.js';
import { type Breuk, breuk, gedeeld, maal, plus, uitGetal, vergelijk } from './breuk.js';
import { VerdeelmodelFout, isCentenBedrag } from './types.js';

/**
 * Ingroeipad: elke gemeente beweegt in `jaren` stappen van haar historisch naar haar
 * objectief budget.
 *
 * Regels per gemeente g, per jaar t (vorig = budget jaar t−1, jaar 0 = historisch):
 * - **monotoon, nooit voorbij het doel**: budget ligt tussen vorig en objectief;
 * - **wijzigingsplafond**: |budget − vorig| ≤ maxWijziging(vorig) = floor(maxWijzigingPerJaar × vorig) centen;
 *   een gemeente met vorig = 0 kan dus niet groeien (0 × fractie = 0);
 * - **tempo**: het gewenste budget is vorig + (objectief − vorig) / (resterende jaren), d.w.z.
 *   het resterende gat wordt gelijk verdeeld over de resterende jaren (achterstand wordt ingehaald).
 *
 * **Jaartotalen (gekozen aanpak)**: het doeltotaal in jaar t is
 * Σvorig + round((totaal − Σvorig) / resterende jaren). Als Σhistorisch = totaal (normaal geval)
 * is dat in elk jaar precies `totaal`: de budgetten van elk jaar tellen dan op tot op de cent
 * tot het totaalbudget. (Wijkt Σhistorisch af, dan beweegt het jaartotaal lineair naar `totaal`.)
 * Omdat plafonds en de monotonie-eis het gewenste tempo kunnen begrenzen, wordt het verschil
 * herverdeeld: budget_g = clamp(gewenst_g + λ · (vorig_g + 1), ondergrens_g, bovengrens_g), met één
 * λ voor alle gemeenten zó dat de som het doeltotaal is (naar rato van budgetgrootte over de
 * gemeenten die nog ruimte hebben). Afronding naar centen gebeurt met de grootste-restmethode binnen
 * de grenzen (tie-break op gemeenteCode). Als Σhistorisch = totaal is het doeltotaal altijd haalbaar
 * (vorig zelf ligt binnen de grenzen). Alleen als Σhistorisch ≠ totaal en de plafonds het niet
 * toelaten, wordt het dichtstbijzijnde haalbare totaal gekozen en `gehaald: false` gemeld.
 *
 * **Bereiken van het doel**: het tempo heeft de voorkeur, maar niet ten koste van het doel. Elk jaar wordt
 * gecontroleerd of vanuit de tempostap het objectief nog binnen de resterende jaren te halen is via de *snelste
 * route* (iedereen zo ver als het plafond toelaat richting objectief; moet één kant minder bewegen, dan eerst wie
 * op eigen kracht de meeste jaren nodig heeft). Zo niet, dan wordt de kleinste stap richting de snelste gezocht
 * waarvandaan het wel kan. Het pad bereikt het objectief dus zodra de snelste route dat kan; een uitputtende
 * vergelijking met álle geldige paden op kleine gevallen staat in de tests. Wie het doel niet haalt, krijgt
 * `bereikt: false` met `restverschil` ≠ 0, en `knelpunten` zegt in gewone taal waarom: het eigen plafond van een
 * gemeente (met het aantal jaren dat zij minstens nodig heeft, of "nooit" bij een budget van 0), het vaste
 * jaartotaal, of de koppeling tussen stijgers en dalers (met het aantal jaren dat de snelste route nodig heeft).
 * Het plafond is exact: de fractie telt als het ingevoerde decimale getal (0,29 × 100 = 29), zonder float-marge.
 */
export interface IngroeipadInvoer {
  /** Historisch budget per gemeenteCode (centen). */
  historisch: Readonly<Record<string, number>>;
  /** Objectief budget per gemeenteCode (centen); zelfde gemeenten als `historisch`; Σ = totaal. */
  objectief: Readonly<Record<string, number>>;
  /** Aantal jaren N (geheel, 1..100); in jaar N wordt het objectief bereikt als de plafonds dat toelaten. */
  jaren: number;
  /** Maximale wijziging per jaar als fractie van het budget van het vorige jaar, bv. 0.05. */
  maxWijzigingPerJaar: number;
  /** Totaalbudget in centen (= Σ objectief). */
  totaal: number;
  /** Optioneel: gemeentenaam per gemeenteCode, voor de knelpunten. */
  namen?: Readonly<Record<string, string>>;
}

export interface IngroeiGemeente {
  gemeenteCode: string;
  historisch: number;
  objectief: number;
  /** budgetten[t−1] = budget in jaar t, t = 1..N (centen). */
  budgetten: number[];
  /** true als budget in jaar N gelijk is aan het objectief. */
  bereikt: boolean;
  /** objectief − budget in jaar N (0 als bereikt). */
  restverschil: number;
}

export interface IngroeiJaartotaal {
  jaar: number;
  /** Beoogd totaal van dit jaar. */
  doeltotaal: number;
  /** Werkelijke som van de budgetten. */
  totaal: number;
  gehaald: boolean;
}

export interface IngroeipadResultaat {
  jaren: number;
  /** Gesorteerd op gemeenteCode. */
  gemeenten: IngroeiGemeente[];
  jaartotalen: IngroeiJaartotaal[];
  /** true als alle gemeenten hun objectief in jaar N bereiken. */
  allesBereikt: boolean;
  /** Als niet alles bereikt wordt: welk plafond of welke eis dat verhindert, in gewone taal. */
  knelpunten: string[];
}

/** Maximaal toegestane wijziging (centen) ten opzichte van een vorig budget: floor(fractie × vorig), exact. */
export function maxWijziging(vorigBudget: number, maxWijzigingPerJaar: number): number {
  return plafondFunctie(maxWijzigingPerJaar)(vorigBudget);
}

/** De fractie wordt gelezen als het decimale getal dat is ingevoerd (0.29 is 29/100), dus zonder float-marge. */
function plafondFunctie(maxWijzigingPerJaar: number): (vorig: number) => number {
  const f = uitGetal(maxWijzigingPerJaar);
  return (vorig) => Number((BigInt(vorig) * f.t) / f.n);
}

function valideer(invoer: IngroeipadInvoer): string[] {
  const { historisch, objectief, jaren, maxWijzigingPerJaar, totaal } = invoer;
  const fouten: string[] = [];
  if (!Number.isInteger(jaren) || jaren < 1 || jaren > 100) fouten.push(`aantal jaren moet een geheel getal van 1 t/m 100 zijn (kreeg ${jaren})`);
  if (!Number.isFinite(maxWijzigingPerJaar) || maxWijzigingPerJaar < 0) {
    fouten.push(`maxWijzigingPerJaar moet een niet-negatieve fractie zijn (kreeg ${maxWijzigingPerJaar})`);
  }
  if (!isCentenBedrag(totaal)) fouten.push(`totaal moet een geheel, niet-negatief aantal centen zijn (kreeg ${totaal})`);
  const hCodes = Object.keys(historisch);
  const oCodes = Object.keys(objectief);
  if (hCodes.length === 0) fouten.push('er zijn geen gemeenten opgegeven');
  for (const c of hCodes) {
    if (!(c in objectief)) fouten.push(`gemeente ${c} heeft een historisch maar geen objectief budget`);
    if (!isCentenBedrag(historisch[c])) fouten.push(`historisch budget van ${c} moet een geheel, niet-negatief aantal centen zijn`);
  }
  for (const c of oCodes) {
    if (!(c in historisch)) fouten.push(`gemeente ${c} heeft een objectief maar geen historisch budget`);
    if (!isCentenBedrag(objectief[c])) fouten.push(`objectief budget van ${c} moet een geheel, niet-negatief aantal centen zijn`);
  }
  if (fouten.length === 0) {
    const som = somExact(oCodes.map((c) => objectief[c]));
    if (som !== BigInt(totaal)) fouten.push(`som van de objectieve budgetten (${som}) wijkt af van het totaal (${totaal})`);
    // elk jaartotaal ligt tussen Σhistorisch en het totaal; zo blijven alle jaartotalen exacte gehele getallen
    const somHistorisch = somExact(hCodes.map((c) => historisch[c]));
    if (somHistorisch > BigInt(Number.MAX_SAFE_INTEGER)) {
      fouten.push(`de som van de historische budgetten (${somHistorisch} cent) is groter dan ${Number.MAX_SAFE_INTEGER} cent`);
    }
  }
  return fouten;
}

interface Jaarruimte {
  onder: number[];
  boven: number[];
  /** beoogd totaal van het jaar en het dichtstbijzijnde totaal dat binnen de grenzen haalbaar is */
  doeltotaal: number;
  haalbaar: number;
}

interface Model {
  codes: string[];
  doel: number[];
  totaal: number;
  plafond: (vorig: number) => number;
}

/** Exacte som: budgetten van bijna Number.MAX_SAFE_INTEGER centen tellen samen op tot voorbij 2^53, waar doubles
 *  een cent verliezen (een jaar telde dan een cent te weinig). */
function somExact(xs: readonly number[]): bigint {
  // alle termen zijn ≥ 0: blijft de som van doubles ≤ 2^53 − 1, dan was elke tussensom exact
  const snel = xs.reduce((s, x) => s + x, 0);
  return snel <= Number.MAX_SAFE_INTEGER ? BigInt(snel) : xs.reduce((s, x) => s + BigInt(x), 0n);
}
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
/** Fijnheid van de zoektocht tussen tempostap en snelste stap. */
const STAPPEN = 2n ** 16n;

/** round((a) / b) met .5 naar boven, exact voor gehele getallen (ook negatieve a). */
function afgerondeDeling(a: number, b: number): number {
  const t = 2n * BigInt(a) + BigInt(b);
  const n = 2n * BigInt(b);
  const q = t / n;
  return Number(t < 0n && q * n !== t ? q - 1n : q);
}

function ruimte(m: Model, vorig: readonly number[], rest: number): Jaarruimte {
  const onder: number[] = [];
  const boven: number[] = [];
  vorig.forEach((p, g) => {
    const o = m.doel[g];
    const cap = m.plafond(p);
    onder.push(o >= p ? p : Math.max(o, p - cap));
    boven.push(o >= p ? Math.min(o, p + cap) : p);
  });
  const somVorig = somExact(vorig);
  // Σvorig en het totaal zijn veilige gehele getallen, en beide liggen binnen [Σonder, Σboven] ∪ [Σvorig, totaal]
  const doeltotaal = Number(somVorig) + afgerondeDeling(m.totaal - Number(somVorig), rest);
  const haalbaar = Number(min(somExact(boven), max(somExact(onder), BigInt(doeltotaal))));
  return { onder, boven, doeltotaal, haalbaar };
}

/** Grootste-rest binnen de grenzen van het jaar, naar het haalbare jaartotaal; exacte quota, dus gelijke resten zijn
 *  echt gelijk en gaan naar de laagste gemeentecode. */
function rondAf(m: Model, r: Jaarruimte, x: readonly Breuk[]): number[] {
  return verdeelGrootsteRest(
    r.haalbaar,
    m.codes.map((c, g) => ({ sleutel: c, quota: x[g], min: r.onder[g], max: r.boven[g] })),
  );
}

/**
 * Het gewenste tempo: het resterende gat gelijk over de resterende jaren, met één λ zodat de som het jaartotaal
 * is: budget_g = clamp(gewenst_g + λ · (vorig_g + 1), onder_g, boven_g). Exact: Σ clamp(…) is stuksgewijs lineair
 * en niet-dalend in λ, dus λ ligt tussen twee opeenvolgende knikpunten en volgt daar uit één lineaire vergelijking.
 * (Met doubles waren gelijke resten, zoals drie keer ⅓, niet gelijk en won een willekeurige gemeente.)
 * Gerekend met μ = λ · rest in tellers over één noemer, zonder breuken te vereenvoudigen (dat was de meeste tijd).
 */
function tempoStap(m: Model, vorig: readonly number[], r: Jaarruimte, rest: number): number[] {
  const R = BigInt(rest);
  // alles maal `rest`: gewenst_g · rest = vorig_g · rest + (objectief_g − vorig_g) is geheel
  const G = vorig.map((p, g) => BigInt(p) * R + BigInt(m.doel[g] - p));
  const w = vorig.map((p) => BigInt(p + 1));
  const L = r.onder.map((x) => BigInt(x) * R);
  const U = r.boven.map((x) => BigInt(x) * R);
  const H = BigInt(r.haalbaar) * R;
  /** De tellers van budget_g · rest over de noemer b, bij μ = a / b (b > 0). */
  const tellers = (a: bigint, b: bigint) =>
    G.map((x, g) => {
      const v = x * b + a * w[g];
      const [lo, hi] = [L[g] * b, U[g] * b];
      return v < lo ? lo : v > hi ? hi : v;
    });
  const somTeller = (a: bigint, b: bigint) => tellers(a, b).reduce((s, x) => s + x, 0n);
  let mu: Breuk = { t: 0n, n: 1n };
  if (somTeller(0n, 1n) !== H) {
    // de knikpunten μ = (grens − G) / w; op het eerste is de som Σonder, op het laatste Σboven
    const knik = G.flatMap((x, g) => [{ t: L[g] - x, n: w[g] }, { t: U[g] - x, n: w[g] }]).sort((a, b) => vergelijk(a, b));
    const boven = (k: Breuk) => somTeller(k.t, k.n) > H * k.n;
    let laag = 0;
    let hoog = knik.length - 1;
    while (hoog - laag > 1) {
      const mid = (laag + hoog) >> 1;
      if (boven(knik[mid])) hoog = mid;
      else laag = mid;
    }
    const [a, b] = [knik[laag], knik[hoog]];
    const sa = breuk(somTeller(a.t, a.n), a.n);
    const sb = breuk(somTeller(b.t, b.n), b.n);
    const helling = plus(sb, maal(sa, breuk(-1n)));
    mu = helling.t === 0n ? a : plus(a, maal(gedeeld(plus(breuk(H), maal(sa, breuk(-1n))), helling), plus(b, maal(a, breuk(-1n)))));
  }
  const noemer = mu.n * R;
  return rondAf(m, r, tellers(mu.t, mu.n).map((t) => ({ t, n: noemer })));
}

/**
 * De snelste stap: wie moet stijgen stijgt zoveel als het plafond toelaat, wie moet dalen daalt zoveel als het
 * plafond toelaat. Past dat niet in het jaartotaal, dan beweegt de kant die te veel zou bewegen minder, en de
 * beweging die overblijft gaat eerst naar wie op eigen kracht de meeste jaren nodig heeft (wie het langst
 * onderweg is moet het eerst vertrekken; een klein budget met een klein plafond kan zijn laatste stap later doen).
 */
function snelsteStap(m: Model, vorig: readonly number[], r: Jaarruimte): number[] {
  const stijger = vorig.map((p, g) => m.doel[g] >= p);
  const x = vorig.map((_, g) => (stijger[g] ? r.boven[g] : r.onder[g]));
  const teveel = Number(somExact(x) - BigInt(r.haalbaar));
  if (teveel === 0) return x;
  // teveel > 0: stijgers stijgen minder; teveel < 0: dalers dalen minder
  const kant = vorig.map((_, g) => stijger[g] === teveel > 0).map((k, g) => k && x[g] !== vorig[g]);
  let over = Number(somExact(x.map((b, g) => (kant[g] ? Math.abs(b - vorig[g]) : 0)))) - Math.abs(teveel);
  const volgorde = [...vorig.keys()]
    .filter((g) => kant[g])
    .map((g) => ({ g, jaren: eigenJaren(m, g, vorig[g]) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => b.jaren - a.jaren || vergelijkSleutel(m.codes[a.g], m.codes[b.g]));
  const uit = [...x];
  for (const { g } of volgorde) {
    const beweging = Math.min(over, Math.abs(x[g] - vorig[g]));
    uit[g] = vorig[g] + Math.sign(x[g] - vorig[g]) * beweging;
    over -= beweging;
  }
  return uit;
}

const opDoel = (m: Model, x: readonly number[]) => x.every((b, g) => b === m.doel[g]);

/** Haalt de snelste route vanuit `staat` het objectief binnen `jaren` jaar? */
function bereikbaar(m: Model, staat: readonly number[], jaren: number): boolean {
  let x = staat;
  for (let j = jaren; j > 0 && !opDoel(m, x); j--) x = snelsteStap(m, x, ruimte(m, x, j));
  return opDoel(m, x);
}

/** Het aantal jaren dat de snelste route nodig heeft (null: niet binnen 200 jaar). */
function snelsteJaren(m: Model, start: readonly number[]): number | null {
  let x = start;
  for (let j = 0; j <= 200; j++) {
    if (opDoel(m, x)) return j;
    const volgende = snelsteStap(m, x, ruimte(m, x, 1));
    if (volgende.every((b, g) => b === x[g])) return null;
    x = volgende;
  }
  return null;
}

/** Jaren die één gemeente op eigen kracht nodig heeft, los van de andere (null: nooit, plafond 0). */
function eigenJaren(m: Model, g: number, start: number): number | null {
  let p = start;
  for (let j = 0; j <= 200; j++) {
    if (p === m.doel[g]) return j;
    const cap = m.plafond(p);
    if (cap === 0) return null;
    p = m.doel[g] > p ? Math.min(m.doel[g], p + cap) : Math.max(m.doel[g], p - cap);
  }
  return null;
}

const procent = (f: number) => `${String(Math.round(f * 10000) / 100).replace('.', ',')} %`;
const euro = (centen: number) =>
  `€ ${Math.floor(centen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(centen % 100).padStart(2, '0')}`;

function knelpunten(m: Model, invoer: IngroeipadInvoer, start: number[], jaartotalen: IngroeiJaartotaal[]): string[] {
  const { jaren, maxWijzigingPerJaar } = invoer;
  const naam = (g: number) => (invoer.namen?.[m.codes[g]] ? `${invoer.namen[m.codes[g]]} (${m.codes[g]})` : m.codes[g]);
  const uit: string[] = [];
  start.forEach((h, g) => {
    if (h === m.doel[g]) return;
    const nodig = eigenJaren(m, g, h);
    if (nodig === null) {
      uit.push(`${naam(g)}: met een plafond van ${procent(maxWijzigingPerJaar)} per jaar kan het budget van ${euro(h)} nooit ${euro(m.doel[g])} worden${h === 0 ? ' (een budget van € 0,00 kan niet groeien)' : ''}`);
    } else if (nodig > jaren) {
      uit.push(`${naam(g)}: met een plafond van ${procent(maxWijzigingPerJaar)} per jaar zijn minstens ${nodig} jaar nodig om van ${euro(h)} naar ${euro(m.doel[g])} te gaan`);
    }
  });
  if (uit.length > 0) return uit;
  if (jaartotalen.some((j) => !j.gehaald)) {
    return ['Het jaartotaal: de plafonds laten niet toe dat de som van de budgetten elk jaar het beoogde jaartotaal is.'];
  }
  const samen = snelsteJaren(m, start);
  return [
    `Het jaartotaal: elke gemeente haalt haar objectief op eigen kracht, maar wat de ene erbij krijgt moet een andere ` +
      `inleveren, en het plafond begrenst beide kanten; ` +
      (samen === null ? 'zo wordt het objectief nooit voor iedereen bereikt.' : `zo zijn minstens ${samen} jaar nodig.`),
  ];
}

/**
 * Berekent het ingroeipad; zie de documentatie bij {@link IngroeipadInvoer}.
 * @throws VerdeelmodelFout bij ongeldige invoer.
 */
export function ingroeipad(invoer: IngroeipadInvoer): IngroeipadResultaat {
  const fouten = valideer(invoer);
  if (fouten.length > 0) throw new VerdeelmodelFout(fouten);
  const { historisch, objectief, jaren, maxWijzigingPerJaar, totaal } = invoer;

  const codes = Object.keys(historisch).sort(vergelijkSleutel);
  const m: Model = { codes, doel: codes.map((c) => objectief[c]), totaal, plafond: plafondFunctie(maxWijzigingPerJaar) };
  const start = codes.map((c) => historisch[c]);
  let vorig = start;
  const budgetten: number[][] = codes.map(() => []);
  const jaartotalen: IngroeiJaartotaal[] = [];

  for (let jaar = 1; jaar <= jaren; jaar++) {
    const rest = jaren - jaar + 1;
    const r = ruimte(m, vorig, rest);
    let nieuw = tempoStap(m, vorig, r, rest);
    // Het tempo is de voorkeur, maar niet ten koste van het doel: als het doel vanuit het tempo niet meer te
    // halen is en vanuit de snelste stap wel, wordt de kleinste stap richting de snelste gezocht waarvandaan het
    // doel haalbaar blijft. Zo bereikt het pad het objectief zodra de snelste route dat kan.
    if (!bereikbaar(m, nieuw, rest - 1)) {
      const snel = snelsteStap(m, vorig, r);
      if (bereikbaar(m, snel, rest - 1)) {
        // θ = k / 2^16, exact, zodat de afronding dezelfde gelijke resten ziet als de rekenkunde
        const mix = (k: number) => rondAf(m, r, nieuw.map((b, g) => ({ t: BigInt(b) * STAPPEN + BigInt(k) * BigInt(snel[g] - b), n: STAPPEN })));
        let laag = 0;
        let hoog = Number(STAPPEN);
        let beste = snel;
        while (hoog - laag > 1) {
          const mid = (laag + hoog) >> 1;
          const x = mix(mid);
          if (bereikbaar(m, x, rest - 1)) {
            hoog = mid;
            beste = x;
          } else laag = mid;
        }
        nieuw = beste;
      }
    }
    nieuw.forEach((b, g) => budgetten[g].push(b));
    jaartotalen.push({ jaar, doeltotaal: r.doeltotaal, totaal: r.haalbaar, gehaald: r.haalbaar === r.doeltotaal });
    vorig = nieuw;
  }

  const gemeenten = codes.map((c, g) => {
    const eind = budgetten[g][jaren - 1];
    return {
      gemeenteCode: c,
      historisch: historisch[c],
      objectief: m.doel[g],
      budgetten: budgetten[g],
      bereikt: eind === m.doel[g],
      restverschil: m.doel[g] - eind,
    };
  });
  const allesBereikt = gemeenten.every((g) => g.bereikt);
  return { jaren, gemeenten, jaartotalen, allesBereikt, knelpunten: allesBereikt ? [] : knelpunten(m, invoer, start, jaartotalen) };
}
