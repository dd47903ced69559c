/**
 * Logging of access to client data (NEN 7513, BIO2 8.15): what an audit row says and the register of
 * verwerkingsactiviteiten (AVG art. 30) every logged act names as its purpose.
 *
 * The register is also a table (`verwerkingsactiviteiten`, migration 0014) so that every audit row can
 * reference it; test/db/audit.test.ts keeps the two equal.
 */

export const AUDIT_ACTIES = [
  'inloggen',
  'uitloggen',
  'lezen',
  'zoeken',
  'exporteren',
  'afdrukken',
  'aanmaken',
  'wijzigen',
  'importeren',
  // MFA (src/api/mfa.ts): every recovery code spent, every failed code, every change of the second factor
  'mfa_ingeschreven',
  'mfa_mislukt',
  'mfa_uitgezet',
  'herstelcode_gebruikt',
  'herstelcodes_vernieuwd',
  // retention (src/jobs/bewaartermijnen.ts): every destruction or anonymisation
  'vernietigen',
] as const;
export type AuditActie = (typeof AUDIT_ACTIES)[number];

export const AUDIT_ACTIE_LABEL: Record<AuditActie, string> = {
  inloggen: 'Inloggen',
  uitloggen: 'Uitloggen',
  lezen: 'Inzien',
  zoeken: 'Zoeken',
  exporteren: 'Exporteren',
  afdrukken: 'Afdrukken',
  aanmaken: 'Aanmaken',
  wijzigen: 'Wijzigen',
  importeren: 'Importeren',
  mfa_ingeschreven: 'Tweestapsverificatie ingesteld',
  mfa_mislukt: 'Tweestapscode geweigerd',
  mfa_uitgezet: 'Tweestapsverificatie uitgezet',
  herstelcode_gebruikt: 'Herstelcode gebruikt',
  herstelcodes_vernieuwd: 'Herstelcodes vernieuwd',
  vernietigen: 'Vernietigen',
};

export const AUDIT_RESULTATEN = ['toegestaan', 'geweigerd'] as const;
export type AuditResultaat = (typeof AUDIT_RESULTATEN)[number];

export interface Verwerkingsactiviteit {
  code: string;
  naam: string;
  grondslag: string;
}

/** The purposes a logged act can have. Adding one: a row in a migration and an entry here. */
export const VERWERKINGSACTIVITEITEN = [
  {
    code: 'toegang_beoordeling',
    naam: 'Toegang, beoordeling en trajectregistratie BW/MO',
    grondslag: 'Wmo 2015 art. 2.3.2–2.3.5 (onderzoek en besluit maatwerkvoorziening); AVG art. 6 lid 1e en art. 9 lid 2h; UAVG art. 30',
  },
  {
    code: 'plaatsing_matching',
    naam: 'Uitstroom naar wonen: matching, plaatsing en huurschulden',
    grondslag: 'Wmo 2015 art. 2.1.1 en 2.3.5 (taak centrumgemeente, uitstroom); reserveringsafspraken met corporaties; AVG art. 6 lid 1e',
  },
  {
    code: 'signaalafhandeling',
    naam: 'Signalen van corporaties en gemeenten (huurachterstand, overlast, zorgmijding)',
    grondslag: 'Wet gemeentelijke schuldhulpverlening art. 3 (vroegsignalering); Wmo 2015 art. 2.3.5; regionale procesafspraken; AVG art. 6 lid 1e',
  },
  {
    code: 'monitor_beleid',
    naam: 'Monitor, verdeelmodel en beleid (alleen aggregaten)',
    grondslag: 'Wmo 2015 art. 2.1.2 (beleidsplan) en verantwoording aan de regio; AVG art. 6 lid 1e en art. 89',
  },
  {
    code: 'verantwoording',
    naam: 'Verantwoording: inzage in het auditlog',
    grondslag: 'AVG art. 5 lid 2, art. 15 (inzagerecht) en art. 32; NEN 7513; BIO2 8.15',
  },
  {
    code: 'beveiliging',
    naam: 'Toegangsbeveiliging: in- en uitloggen',
    grondslag: 'AVG art. 32; BIO2 8.5 (veilige authenticatie) en 8.15 (logging)',
  },
  {
    code: 'beheer',
    naam: 'Beheer van organisaties, woningen, afspraken en instellingen',
    grondslag: 'AVG art. 6 lid 1e en art. 32; uitvoering van regionale afspraken',
  },
  // issue 15 (migration 0030)
  {
    code: 'landelijk_beeld',
    naam: "Landelijk beeld BW/MO: vergelijking van regio's (alleen onderdrukte aggregaten)",
    grondslag: 'Wmo 2015 art. 2.1.2 en 4.3 (informatievoorziening, landelijke monitor); AVG art. 6 lid 1e en art. 89 (statistiek, minimale gegevens)',
  },
  {
    code: 'datakwaliteit',
    naam: 'Datakwaliteit van de registratie (tijdigheid, volledigheid, dubbele dossiers)',
    grondslag: 'AVG art. 5 lid 1d (juistheid) en art. 32; Wmo 2015 art. 5.1.1',
  },
] as const satisfies readonly Verwerkingsactiviteit[];

export type Doel = (typeof VERWERKINGSACTIVITEITEN)[number]['code'];
export const DOELEN = VERWERKINGSACTIVITEITEN.map((v) => v.code) as Doel[];
export const DOEL_NAAM = Object.fromEntries(VERWERKINGSACTIVITEITEN.map((v) => [v.code, v.naam])) as Record<Doel, string>;

/** Where a logged act came from: the web app (address, browser), the command line (an operator) or the planner. */
export interface Herkomst {
  ip: string | null;
  /** user agent of the browser, or "cli" / "planner" */
  agent: string;
  /** who actually acted on behalf of the user (the OS user running the CLI); null when the user acted in person */
  uitvoerder: string | null;
}

/** Pseudonyms are C- and 6–10 capitals/digits (C-7PP00042, C-K3M9QX2A); notifications name clients this way. */
export const PSEUDONIEM_PATROON = /\bC-[0-9A-Z]{6,10}\b/g;
export const pseudoniemenIn = (teksten: readonly (string | null | undefined)[]) => [...new Set(teksten.flatMap((t) => t?.match(PSEUDONIEM_PATROON) ?? []))];
