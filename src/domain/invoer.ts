/**
 * Text that no field may hold: the NUL character (PostgreSQL refuses it in text, so it ended as a 500 whose log
 * printed the other parameters) and lone UTF-16 surrogates (not encodable as UTF-8; the database refuses them
 * too). Checked once for every request body, query and path parameter (api/invoer) and for every CSV line
 * (domain/csv), so no route or parser can forget it.
 */
const ONGELDIG_TEKEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function heeftOngeldigTeken(tekst: string): boolean {
  return ONGELDIG_TEKEN.test(tekst);
}

export const ONGELDIG_TEKEN_MELDING = 'bevat een ongeldig teken (NUL-teken of losse surrogaat); plak de tekst opnieuw of typ hem over';

/**
 * Field names as the forms label them, for messages ("Geboortedatum ligt in de toekomst"). A field without a
 * label here is named by its own (Dutch) name with the words split: `herkomstgemeenteId` → "herkomstgemeente-id".
 */
export const VELD_LABEL: Record<string, string> = {
  naam: 'Naam',
  bsn: 'BSN',
  geboortedatum: 'Geboortedatum',
  herkomstgemeenteId: 'Herkomstgemeente',
  huidigeGemeenteId: 'Huidige gemeente',
  gemeenteId: 'Gemeente',
  gemeenten: 'Woonwens (gemeenten)',
  externId: 'Extern id',
  woonwensen: 'Woonwensen',
  minKamers: 'Minimaal aantal kamers',
  toegankelijk: 'Toegankelijke woning nodig',
  bijzonderheden: 'Bijzonderheden',
  doelgroep: 'Doelgroep',
  aanbiederId: 'Aanbieder',
  corporatieId: 'Corporatie',
  risicoNotities: 'Risico-notities',
  toelichting: 'Toelichting',
  datum: 'Datum',
  startdatum: 'Startdatum',
  einddatum: 'Einddatum',
  omklapdatum: 'Omklapdatum',
  contactpersoon: 'Contactpersoon voor de corporatie',
  contactTelefoon: 'Telefoon contactpersoon',
  beschikbaarPer: 'Beschikbaar per',
  van: 'Van',
  tot: 'Tot',
  adres: 'Adres',
  complex: 'Complex',
  wijk: 'Wijk',
  type: 'Type',
  status: 'Status',
  begeleiding: 'Begeleiding',
  schuldeiser: 'Schuldeiser',
  regeling: 'Regeling',
  reden: 'Reden',
  zoek: 'Zoeken',
  email: 'E-mailadres',
  wachtwoord: 'Wachtwoord',
  clienten: 'clienten.csv',
  gebeurtenissen: 'gebeurtenissen.csv',
  csv: 'CSV-bestand',
  bron: 'Bron',
  entiteitId: 'Id',
  organisatieId: 'Organisatie',
  niveau: 'Niveau',
  bestemming: 'Bestemming',
  woonsituatie: 'Woonsituatie vóór aanmelding',
  soort: 'Soort',
  categorie: 'Categorie',
  huurconstructie: 'Huurconstructie',
  actie: 'Actie',
  details: 'Details',
  code: 'Code',
  gewichtenB: 'Gewichten B',
  totaalCenten: 'Totaalbudget',
  jaren: 'Ingroeijaren',
  maxWijzigingPerJaar: 'Maximale wijziging per jaar',
  setId: 'Gewichtenset',
  setA: 'Gewichtenset A',
  setB: 'Gewichtenset B',
  // voorstellen (issue 14): reasons, parking, terms, dashboard
  redenCode: 'Reden',
  per: 'Per',
  onderdeel: 'Onderdeel',
  corporatieWerkdagen: 'Besluit corporatie (werkdagen)',
  zorgWerkdagen: 'Besluit aanbieder/cliënt (werkdagen)',
  sleutelWerkdagen: 'Sleuteloverdracht (werkdagen)',
  herinneringWerkdagen: 'Herinnering vooraf (werkdagen)',
  respijtWerkdagen: 'Respijt na de termijn (werkdagen)',
};

/** The label of the last named part of a path such as `['woonwensen', 'gemeenten', 0]`. */
export function veldLabel(pad: readonly (string | number)[]): string {
  const naam = [...pad].reverse().find((p): p is string => typeof p === 'string' && p !== '');
  if (naam === undefined) return 'Invoer';
  return VELD_LABEL[naam] ?? naam.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The path of the first string (or object key) with a forbidden character, or null. */
export function zoekOngeldigTeken(waarde: unknown, pad: (string | number)[] = []): (string | number)[] | null {
  if (typeof waarde === 'string') return heeftOngeldigTeken(waarde) ? pad : null;
  // a binary body (an .xlsx upload) holds no text fields; its cells are checked when the workbook is read
  if (waarde instanceof Uint8Array) return null;
  if (Array.isArray(waarde)) {
    for (let i = 0; i < waarde.length; i++) {
      const gevonden = zoekOngeldigTeken(waarde[i], [...pad, i]);
      if (gevonden) return gevonden;
    }
    return null;
  }
  if (waarde && typeof waarde === 'object') {
    for (const [k, v] of Object.entries(waarde)) {
      if (heeftOngeldigTeken(k)) return [...pad, k];
      const gevonden = zoekOngeldigTeken(v, [...pad, k]);
      if (gevonden) return gevonden;
    }
  }
  return null;
}
