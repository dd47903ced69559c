import type { OrganisatieSoort } from '../auth.js';

/**
 * Coded outcomes of a proposal: why it was declined (or, by the gemeente, withdrawn), from a list per party, plus
 * free text. The code says who declined and why in a form the placement dashboard can count; the free text keeps
 * what the list cannot. Every code belongs to exactly one party; the API refuses a code of a party the actor does
 * not speak for (a corporatie cannot record "cliënt wil niet in deze wijk wonen"). Modelled on the coded declines
 * of coordinated-entry systems (Boston CAS), in the words of Dutch placement practice.
 */
export const REDEN_PARTIJEN = ['client', 'corporatie', 'aanbieder', 'gemeente'] as const;
export type RedenPartij = (typeof REDEN_PARTIJEN)[number];

export const REDEN_PARTIJ_LABEL: Record<RedenPartij, string> = {
  client: 'Cliënt',
  corporatie: 'Woningcorporatie',
  aanbieder: 'Zorgaanbieder',
  gemeente: 'Gemeente',
};

export const AFWIJZINGSREDENEN = {
  client: {
    client_te_ver_van_netwerk: 'Woning te ver van netwerk (familie, vrienden, werk)',
    client_wijk_ongewenst: 'Cliënt wil niet in deze wijk of kern wonen',
    client_woning_past_niet: 'Woning past niet bij de wensen (grootte, verdieping, buitenruimte)',
    client_huur_te_hoog: 'Huur te hoog voor het inkomen van de cliënt',
    client_niet_bereikbaar: 'Cliënt niet bereikbaar',
    client_niet_verschenen: 'Cliënt niet verschenen bij bezichtiging',
    client_ander_woning: 'Cliënt heeft zelf andere woonruimte gevonden',
    client_niet_toe_aan_zelfstandig: 'Cliënt voelt zich nog niet toe aan zelfstandig wonen',
    client_triggers_omgeving: 'Omgeving is een risico voor de cliënt (oude contacten, middelen)',
    client_overig: 'Andere reden van de cliënt',
  },
  corporatie: {
    corporatie_huurachterstand_verleden: 'Huurachterstand uit verleden',
    corporatie_overlast_verleden: 'Overlast of ontruiming in het verleden',
    corporatie_complex_draagkracht: 'Draagkracht van complex of buurt al bereikt',
    corporatie_woning_niet_beschikbaar: 'Woning toch niet beschikbaar (renovatie, verkoop, andere toewijzing)',
    corporatie_inkomen_passend_toewijzen: 'Inkomen past niet bij de huur (passend toewijzen)',
    corporatie_begeleiding_onvoldoende: 'Afspraken over begeleiding onvoldoende',
    corporatie_geen_inschrijving: 'Geen of onjuiste inschrijving als woningzoekende',
    corporatie_spreiding: 'Spreidingsafspraak voor dit complex of deze wijk vol',
    corporatie_overig: 'Andere reden van de corporatie',
  },
  aanbieder: {
    aanbieder_begeleiding_niet_rond: 'Begeleiding niet rond',
    aanbieder_niet_uitstroomklaar: 'Cliënt toch nog niet uitstroomklaar',
    aanbieder_terugval: 'Terugval of crisis van de cliënt',
    aanbieder_buiten_werkgebied: 'Woning buiten het werkgebied van de begeleiding',
    aanbieder_woonvorm_past_niet: 'Woonvorm past niet bij de ondersteuningsbehoefte',
    aanbieder_financien_niet_rond: 'Financiën of budgetbeheer nog niet geregeld',
    aanbieder_zorg_beeindigd: 'Zorg beëindigd of cliënt uit beeld',
    aanbieder_overig: 'Andere reden van de aanbieder',
  },
  gemeente: {
    gemeente_client_verhuisd: 'Cliënt verhuisd naar een andere gemeente of regio',
    gemeente_indicatie_gewijzigd: 'Indicatie of ondersteuningsniveau gewijzigd',
    gemeente_andere_voorziening: 'Cliënt geplaatst in een andere voorziening (Wlz, kliniek)',
    gemeente_contingent_vol: 'Reserveringsafspraak van de gemeente al vol',
    gemeente_detentie: 'Cliënt in detentie',
    gemeente_overleden: 'Cliënt overleden',
    gemeente_dubbel_voorstel: 'Dubbel of onjuist voorstel',
    gemeente_overig: 'Andere reden van de gemeente',
  },
} as const satisfies Record<RedenPartij, Record<string, string>>;

export type AfwijzingsCode = { [P in RedenPartij]: keyof (typeof AFWIJZINGSREDENEN)[P] }[RedenPartij];

export const AFWIJZINGS_CODES = REDEN_PARTIJEN.flatMap((p) => Object.keys(AFWIJZINGSREDENEN[p])) as AfwijzingsCode[];

/** Label of every code, and the party it belongs to. */
export const AFWIJZING_LABEL = Object.fromEntries(
  REDEN_PARTIJEN.flatMap((p) => Object.entries(AFWIJZINGSREDENEN[p])),
) as Record<AfwijzingsCode, string>;

export function partijVanReden(code: string): RedenPartij | null {
  for (const p of REDEN_PARTIJEN) if (code in AFWIJZINGSREDENEN[p]) return p;
  return null;
}

/**
 * The parties an organisation may decline for: a corporatie for itself; an aanbieder for itself or on behalf of
 * the cliënt it supports; a gemeente (toegang) for itself or on behalf of the cliënt.
 */
export function partijenVoor(soort: OrganisatieSoort): RedenPartij[] {
  if (soort === 'woningcorporatie') return ['corporatie'];
  if (soort === 'aanbieder') return ['aanbieder', 'client'];
  if (soort === 'centrumgemeente' || soort === 'regiogemeente') return ['gemeente', 'client'];
  return [];
}

/** Codes ending in `_overig` need the free text: "anders" says nothing on its own. */
export const vraagtToelichting = (code: string) => code.endsWith('_overig');

// ---------------------------------------------------------------------------------------------------------------
// Parking: a client is left out of matching rounds for a while, with a coded reason and an end date.

export const PARKEER_REDENEN = {
  tijdelijk_opgenomen: 'Tijdelijk opgenomen (kliniek, ziekenhuis)',
  detentie: 'Tijdelijk in detentie',
  behandeling_loopt: 'Behandeling of traject loopt eerst af',
  client_wil_wachten: 'Cliënt wil (nog) niet verhuizen',
  financien_eerst: 'Eerst schulden of inkomen regelen',
  begeleiding_eerst: 'Eerst begeleiding na uitstroom rond maken',
  onbereikbaar: 'Cliënt tijdelijk onbereikbaar',
  overig: 'Andere reden',
} as const;
export type ParkeerReden = keyof typeof PARKEER_REDENEN;
export const PARKEER_CODES = Object.keys(PARKEER_REDENEN) as ParkeerReden[];

/** A parking lasts 30 to 365 days (as coordinated entry does it): short enough to be looked at again. */
export const PARKEREN_MIN_DAGEN = 30;
export const PARKEREN_MAX_DAGEN = 365;

/** Why an end date is refused, or null. Dates are JJJJ-MM-DD; the parking starts on `vanaf`. */
export function parkeerEindFout(vanaf: string, tot: string): string | null {
  const dagen = Math.round((Date.parse(tot) - Date.parse(vanaf)) / 86_400_000);
  if (dagen < PARKEREN_MIN_DAGEN) return `Einddatum ligt minder dan ${PARKEREN_MIN_DAGEN} dagen na vandaag`;
  if (dagen > PARKEREN_MAX_DAGEN) return `Einddatum ligt meer dan ${PARKEREN_MAX_DAGEN} dagen na vandaag`;
  return null;
}
