import { verdeelGrootsteRest, vergelijkSleutel } from './afronding.js';
import { alsGeheleGetallen, alsGetal, type Breuk } from './breuk.js';
import { type GemeenteIndicatoren, type Indicator, VerdeelmodelFout, isCentenBedrag } from './types.js';

/**
 * Standaard indicatorset — **ILLUSTRATIEF**, niet het officiële (CEBEO/AEF-)verdeelmodel
 * Beschermd Wonen. De keuze van indicatoren en gewichten is bedoeld voor demo's en
 * what-if-analyses en is door niemand vastgesteld. Gewichten tellen op tot 1.
 */
export const standaardIndicatoren: readonly Indicator[] = Object.freeze([
  { code: 'inwoners', naam: 'Aantal inwoners', gewicht: 0.2 },
  { code: 'eenpersoonshuishoudens', naam: 'Aantal eenpersoonshuishoudens', gewicht: 0.2 },
  { code: 'lage_inkomens', naam: 'Huishoudens met een laag inkomen', gewicht: 0.2 },
  { code: 'psychische_aandoeningen', naam: 'Inwoners met (ernstige) psychische aandoeningen', gewicht: 0.25 },
  { code: 'uitkeringen', naam: 'Personen met een bijstands- of arbeidsongeschiktheidsuitkering', gewicht: 0.15 },
].map((i) => Object.freeze(i)));

export interface VerdelingRegel {
  gemeenteCode: string;
  naam: string;
  /** Objectief aandeel (0..1); Σ over gemeenten = 1 (op float-afronding na). */
  aandeel: number;
  /** Exact (onafgerond) budget in centen = aandeel × totaal. */
  exactBudget: number;
  /** Afgerond budget in hele centen (grootste-restmethode); Σ = totaal, exact. */
  budgetCenten: number;
}

/**
 * Controleert gemeenten + indicatoren en geeft alle problemen als Nederlandse meldingen.
 * Indicatoren met gewicht 0 doen niet mee en hoeven geen waarden te hebben.
 */
export function valideerInvoer(
  gemeenten: readonly GemeenteIndicatoren[],
  indicatoren: readonly Indicator[],
  totaalBudgetCenten: number,
): string[] {
  const fouten: string[] = [];
  if (!isCentenBedrag(totaalBudgetCenten)) {
    fouten.push(`totaalbudget moet een geheel, niet-negatief aantal centen zijn (kreeg ${totaalBudgetCenten})`);
  }
  if (gemeenten.length === 0) fouten.push('er zijn geen gemeenten opgegeven');
  if (indicatoren.length === 0) fouten.push('er zijn geen indicatoren opgegeven');

  const codes = new Set<string>();
  for (const ind of indicatoren) {
    if (codes.has(ind.code)) fouten.push(`indicator '${ind.code}' komt meer dan één keer voor`);
    codes.add(ind.code);
    if (!Number.isFinite(ind.gewicht)) fouten.push(`gewicht van indicator '${ind.code}' is geen eindig getal`);
    else if (ind.gewicht < 0) fouten.push(`gewicht van indicator '${ind.code}' is negatief (${ind.gewicht})`);
  }
  const actief = indicatoren.filter((i) => Number.isFinite(i.gewicht) && i.gewicht > 0);
  if (indicatoren.length > 0 && actief.length === 0) {
    fouten.push('minstens één indicator moet een positief gewicht hebben');
  }

  const gemCodes = new Set<string>();
  for (const g of gemeenten) {
    if (gemCodes.has(g.gemeenteCode)) fouten.push(`gemeente ${g.gemeenteCode} komt meer dan één keer voor`);
    gemCodes.add(g.gemeenteCode);
    for (const ind of actief) {
      const w = g.waarden[ind.code];
      if (w === undefined || w === null) {
        fouten.push(`gemeente ${g.gemeenteCode} (${g.naam}) mist een waarde voor indicator '${ind.code}'`);
      } else if (typeof w !== 'number' || !Number.isFinite(w)) {
        fouten.push(`gemeente ${g.gemeenteCode} (${g.naam}): waarde voor '${ind.code}' is geen eindig getal`);
      } else if (w < 0) {
        fouten.push(`gemeente ${g.gemeenteCode} (${g.naam}): waarde voor '${ind.code}' is negatief (${w})`);
      }
    }
  }
  if (fouten.length === 0) {
    for (const ind of actief) {
      const som = gemeenten.reduce((s, g) => s + g.waarden[ind.code], 0);
      if (!(som > 0)) fouten.push(`indicator '${ind.code}' is voor alle gemeenten 0; normaliseren is niet mogelijk`);
    }
  }
  return fouten;
}

/**
 * Objectieve verdeling van `totaalBudgetCenten` over gemeenten.
 *
 * aandeel_g = Σ_i ŵ_i · waarde_{g,i} / Σ_h waarde_{h,i}, met ŵ_i = gewicht_i / Σ gewichten.
 * Budgetten in hele centen via de grootste-restmethode (Hamilton): Σ budgetten = totaal exact;
 * gelijke resten worden beslist op gemeenteCode (oplopend). Uitvoer in invoervolgorde.
 *
 * @throws VerdeelmodelFout met alle validatieproblemen.
 */
export function objectieveVerdeling(
  gemeenten: readonly GemeenteIndicatoren[],
  indicatoren: readonly Indicator[],
  totaalBudgetCenten: number,
): VerdelingRegel[] {
  const fouten = valideerInvoer(gemeenten, indicatoren, totaalBudgetCenten);
  if (fouten.length > 0) throw new VerdeelmodelFout(fouten);

  // Exact, in gehele getallen: gelijke resten zijn dan echt gelijk (tie-break op code) en geen floor valt door
  // afronding een cent te laag. Gewichten en de waarden per indicator worden elk op een gehele schaal gebracht
  // (verhoudingen veranderen daar niet door); aandeel_g = Σ_k w_k·v_gk / (W·S_k) = teller_g / noemer met
  // noemer = W·Π S_k, zodat alle quota dezelfde noemer hebben.
  const actief = indicatoren.filter((i) => i.gewicht > 0);
  const som = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
  const gewichten = alsGeheleGetallen(actief.map((i) => i.gewicht));
  const perIndicator = actief.map((i) => alsGeheleGetallen(gemeenten.map((g) => g.waarden[i.code])));
  const sommen = perIndicator.map(som);
  const noemer = som(gewichten) * sommen.reduce((a, b) => a * b, 1n);
  const factor = sommen.map((_, k) => (noemer / som(gewichten)) / sommen[k]);
  const totaal = BigInt(totaalBudgetCenten);
  const aandelen: Breuk[] = gemeenten.map((_, g) => ({ t: som(actief.map((_, k) => gewichten[k] * perIndicator[k][g] * factor[k])), n: noemer }));
  const quota: Breuk[] = aandelen.map((a) => ({ t: a.t * totaal, n: a.n }));
  const budgetten = verdeelGrootsteRest(
    totaalBudgetCenten,
    gemeenten.map((g, i) => ({ sleutel: g.gemeenteCode, quota: quota[i] })),
  );
  return gemeenten.map((g, i) => ({
    gemeenteCode: g.gemeenteCode,
    naam: g.naam,
    aandeel: alsGetal(aandelen[i]),
    exactBudget: alsGetal(quota[i]),
    budgetCenten: budgetten[i],
  }));
}

/** Hulpfunctie: budget per gemeenteCode, bv. als `objectief` voor {@link ingroeipad}. */
export function budgetPerGemeente(regels: readonly { gemeenteCode: string; budgetCenten: number }[]): Record<string, number> {
  const uit: Record<string, number> = {};
  for (const r of [...regels].sort((a, b) => vergelijkSleutel(a.gemeenteCode, b.gemeenteCode))) {
    uit[r.gemeenteCode] = r.budgetCenten;
  }
  return uit;
}

/** Hulpfunctie: historisch budget per gemeenteCode. */
export function historischPerGemeente(gemeenten: readonly GemeenteIndicatoren[]): Record<string, number> {
  return budgetPerGemeente(gemeenten.map((g) => ({ gemeenteCode: g.gemeenteCode, budgetCenten: g.historischBudget })));
}
