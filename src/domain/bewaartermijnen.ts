/**
 * Bewaartermijnen (AVG art. 5 lid 1 sub e, opslagbeperking): per kind of record how long personal data is kept
 * after the moment its term starts, and what happens then. Defaults hold for every regio; a regio may set its own
 * term (table bewaartermijnen) but never below the minimum. Sources and honest notes per default in README.md.
 */

export const BEWAAR_SOORTEN = ['dossier', 'schulden', 'signalen', 'audit_log', 'sessies', 'meldingen'] as const;
export type BewaarSoort = (typeof BEWAAR_SOORTEN)[number];

export interface BewaarRegel {
  label: string;
  /** when the term starts */
  vanaf: string;
  /** what the job does once it is over */
  gevolg: string;
  standaardMaanden: number;
  minimumMaanden: number;
  bron: string;
}

export const BEWAARREGELS: Record<BewaarSoort, BewaarRegel> = {
  dossier: {
    label: 'Cliëntdossier (identiteit, notities, vrije tekst)',
    vanaf: 'einde traject: uitgestroomd of uitgevallen, geen lopende plaatsing of open voorstel, laatste gebeurtenis',
    gevolg: 'anonimiseren: naam, BSN, blinde index, extern id, risico-notities, woonwensen en alle vrije tekst weg; pseudoniem en gebeurtenissen blijven voor de monitor',
    standaardMaanden: 15 * 12,
    minimumMaanden: 12,
    bron: 'Selectielijst gemeenten en intergemeentelijke organen 2020, resultaat 3.1.5 (vastgesteld ondersteuningsplan Wmo): vernietigen na 15 jaar',
  },
  schulden: {
    label: 'Schulden en schuldregelingen',
    vanaf: 'einde traject (zoals het dossier)',
    gevolg: 'verwijderen',
    standaardMaanden: 2 * 12,
    minimumMaanden: 0,
    bron: 'beleidskeuze: nodig voor de stap naar een woning, niet daarna; de schuldhulpverlening houdt haar eigen dossier',
  },
  signalen: {
    label: 'Signalen (huurachterstand, overlast) en hun stappen',
    vanaf: 'laatste stap van een opgelost signaal',
    gevolg: 'verwijderen (signaal, stappen en meldingen erover)',
    standaardMaanden: 2 * 12,
    minimumMaanden: 0,
    bron: 'beleidskeuze: lang genoeg om herhaling binnen een huurperiode te zien',
  },
  audit_log: {
    label: 'Auditlog (inzage en wijzigingen)',
    vanaf: 'tijdstip van de logregel',
    gevolg: 'verwijderen',
    standaardMaanden: 5 * 12,
    minimumMaanden: 5 * 12,
    bron: 'NEN 7513 §8.5 (minimaal 2 jaar, hoogstens de termijn van het dossier) en Besluit bewaartermijn logging, Stcrt. 2019, 38007 (minimaal 5 jaar)',
  },
  sessies: {
    label: 'Verlopen sessies',
    vanaf: 'verloopmoment van de sessie',
    gevolg: 'verwijderen',
    standaardMaanden: 1,
    minimumMaanden: 0,
    bron: 'beleidskeuze: een maand om een incident na te gaan; wie wat deed staat in het auditlog',
  },
  meldingen: {
    label: 'Meldingen in de inbox',
    vanaf: 'aanmaakmoment van de melding',
    gevolg: 'verwijderen',
    standaardMaanden: 12,
    minimumMaanden: 0,
    bron: 'beleidskeuze: een melding is een werkbericht, geen dossier',
  },
};

export function controleerTermijn(soort: BewaarSoort, maanden: number): string | null {
  if (!Number.isInteger(maanden) || maanden < 0) return 'Termijn moet een heel aantal maanden zijn';
  if (maanden > 100 * 12) return 'Termijn is langer dan 100 jaar';
  const min = BEWAARREGELS[soort].minimumMaanden;
  if (maanden < min) return `Termijn voor ${BEWAARREGELS[soort].label.toLowerCase()} is minimaal ${min} maanden (${BEWAARREGELS[soort].bron})`;
  return null;
}

/** The date before which a term starting then is over on `vandaag`: the term is over once start + maanden <= vandaag. */
export function grensdatum(vandaag: string, maanden: number): string {
  const [j, m, d] = vandaag.split('-').map(Number) as [number, number, number];
  const totaal = j * 12 + (m - 1) - maanden;
  const jaar = Math.floor(totaal / 12);
  const maand = (totaal % 12) + 1;
  // the last day of a shorter month: 31 maart − 1 maand = 28/29 februari
  const laatste = new Date(Date.UTC(jaar, maand, 0)).getUTCDate();
  return `${String(jaar).padStart(4, '0')}-${String(maand).padStart(2, '0')}-${String(Math.min(d, laatste)).padStart(2, '0')}`;
}
