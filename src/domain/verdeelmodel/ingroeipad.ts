import { verdeelGrootsteRest, vergelijkSleutel } from './afronding.js';
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
 * **Bereiken van het doel**: in het laatste jaar is het gewenste budget exact het objectief; als
 * dat voor alle gemeenten binnen het plafond ligt, eindigt iedereen exact op het objectief.
 * Een voldoende voorwaarde is dat het lineaire tempo steeds binnen het plafond blijft, bv.
 * ceil(|objectief − historisch| / jaren) + 2 ≤ floor(maxWijzigingPerJaar × min(historisch, objectief))
 * voor elke gemeente. Wie het doel niet haalt, krijgt `bereikt: false` met `restverschil` ≠ 0.
 * (Het pad is geen globale optimalisatie: bij krappe plafonds kan een gemeente die met een
 * ander, sneller pad het doel nét had gehaald, toch `bereikt: false` krijgen.)
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
}

/** Maximaal toegestane wijziging (centen) ten opzichte van een vorig budget: floor(fractie × vorig). */
export function maxWijziging(vorigBudget: number, maxWijzigingPerJaar: number): number {
  // kleine marge tegen float-fouten zoals 0.29 × 100 = 28.999999999999996
  return Math.max(0, Math.floor(maxWijzigingPerJaar * vorigBudget + 1e-7));
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
    const som = oCodes.reduce((s, c) => s + objectief[c], 0);
    if (som !== totaal) fouten.push(`som van de objectieve budgetten (${som}) wijkt af van het totaal (${totaal})`);
  }
  return fouten;
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
  const doel = codes.map((c) => objectief[c]);
  let vorig = codes.map((c) => historisch[c]);
  const budgetten: number[][] = codes.map(() => []);
  const jaartotalen: IngroeiJaartotaal[] = [];

  for (let jaar = 1; jaar <= jaren; jaar++) {
    const rest = jaren - jaar + 1;
    const onder: number[] = [];
    const boven: number[] = [];
    const gewenst: number[] = [];
    codes.forEach((_, g) => {
      const p = vorig[g];
      const o = doel[g];
      const cap = maxWijziging(p, maxWijzigingPerJaar);
      const lo = o >= p ? p : Math.max(o, p - cap);
      const hi = o >= p ? Math.min(o, p + cap) : p;
      onder.push(lo);
      boven.push(hi);
      gewenst.push(p + (o - p) / rest);
    });

    const somVorig = vorig.reduce((s, x) => s + x, 0);
    const doeltotaal = somVorig + Math.round((totaal - somVorig) / rest);
    const somOnder = onder.reduce((s, x) => s + x, 0);
    const somBoven = boven.reduce((s, x) => s + x, 0);
    const haalbaar = Math.min(somBoven, Math.max(somOnder, doeltotaal));

    const gewicht = vorig.map((p) => p + 1);
    const positie = (lambda: number): number[] =>
      gewenst.map((d, g) => Math.min(boven[g], Math.max(onder[g], d + lambda * gewicht[g])));
    const som = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

    let x = positie(0);
    if (Math.abs(som(x) - haalbaar) >= 0.5) {
      // λ zoeken zodat Σ clamp(gewenst + λ·gewicht) = haalbaar (monotoon in λ → bisectie).
      let laag = Math.min(...gewenst.map((d, g) => (onder[g] - d) / gewicht[g]));
      let hoog = Math.max(...gewenst.map((d, g) => (boven[g] - d) / gewicht[g]));
      for (let i = 0; i < 200 && laag < hoog; i++) {
        const mid = (laag + hoog) / 2;
        if (mid === laag || mid === hoog) break;
        if (som(positie(mid)) < haalbaar) laag = mid;
        else hoog = mid;
      }
      x = positie((laag + hoog) / 2);
    }
    const nieuw = verdeelGrootsteRest(
      haalbaar,
      codes.map((c, g) => ({ sleutel: c, quota: x[g], min: onder[g], max: boven[g] })),
    );
    nieuw.forEach((b, g) => budgetten[g].push(b));
    jaartotalen.push({ jaar, doeltotaal, totaal: haalbaar, gehaald: haalbaar === doeltotaal });
    vorig = nieuw;
  }

  const gemeenten = codes.map((c, g) => {
    const eind = budgetten[g][jaren - 1];
    return {
      gemeenteCode: c,
      historisch: historisch[c],
      objectief: doel[g],
      budgetten: budgetten[g],
      bereikt: eind === doel[g],
      restverschil: doel[g] - eind,
    };
  });
  return { jaren, gemeenten, jaartotalen, allesBereikt: gemeenten.every((g) => g.bereikt) };
}
