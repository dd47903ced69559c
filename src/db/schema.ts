import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  bigint,
  primaryKey,
  customType,
  numeric,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const regios = pgTable('regios', {
  id: uuid('id').primaryKey().defaultRandom(),
  naam: text('naam').notNull().unique(),
});

export const organisaties = pgTable(
  'organisaties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    naam: text('naam').notNull(),
    /** centrumgemeente | regiogemeente | woningcorporatie | aanbieder */
    soort: text('soort').notNull(),
    /** CBS gemeentecode (GM....) for gemeenten, null otherwise */
    gemeenteCode: text('gemeente_code'),
    /** AGB code of an aanbieder (iWmo: Ontvanger of a WMO301, Afzender of a WMO305/307), null otherwise */
    agbCode: text('agb_code'),
  },
  (t) => [index('organisaties_regio_idx').on(t.regioId), uniqueIndex('organisaties_naam_uq').on(t.regioId, t.naam)],
);

export const gebruikers = pgTable('gebruikers', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisatieId: uuid('organisatie_id').notNull().references(() => organisaties.id),
  email: text('email').notNull().unique(),
  naam: text('naam').notNull(),
  /** beheerder | medewerker_toegang | consulent | alleen_lezen */
  rol: text('rol').notNull(),
  wachtwoordHash: text('wachtwoord_hash').notNull(),
  actief: boolean('actief').notNull().default(true),
});

export const sessies = pgTable('sessies', {
  /** sha256 of the cookie token: a leaked table does not leak live sessions */
  tokenHash: text('token_hash').primaryKey(),
  gebruikerId: uuid('gebruiker_id').notNull().references(() => gebruikers.id),
  csrfToken: text('csrf_token').notNull(),
  aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  verloopt: timestamp('verloopt', { withTimezone: true }).notNull(),
  // The Actor, copied at login so a request resolves its session with one primary-key lookup (migration 0011:
  // a trigger ends the sessions of a user whose role, organisation or active flag changes).
  rol: text('rol').notNull(),
  organisatieId: uuid('organisatie_id').notNull(),
  organisatieSoort: text('organisatie_soort').notNull(),
  regioId: uuid('regio_id').notNull(),
  /** MFA: null = complete session; 'code' = password right, TOTP/recovery code still due; 'inschrijven' = must enrol first */
  mfaStap: text('mfa_stap'),
}, (t) => [index('sessies_gebruiker_idx').on(t.gebruikerId)]);

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. Migration 0014 adds the NEN 7513 fields and
 * a hash chain: `volgnr` and `hash` = sha256(previous hash || audit_log_inhoud(row)). Since migration 0029 a row is
 * inserted unsealed (both NULL, no lock) and audit_log_verzegel() chains committed rows afterwards.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tijdstip: timestamp('tijdstip', { withTimezone: true }).notNull().defaultNow(),
    /** the user whose rights were used; null for a failed login of an unknown address or a call without a session */
    gebruikerId: uuid('gebruiker_id'),
    organisatieId: uuid('organisatie_id'),
    regioId: uuid('regio_id'),
    /** AUDIT_ACTIES in src/domain/audit.ts */
    actie: text('actie').notNull(),
    entiteit: text('entiteit').notNull(),
    entiteitId: text('entiteit_id'),
    details: jsonb('details'),
    /** verwerkingsactiviteit (purpose); required for every row since migration 0014 */
    doel: text('doel').references(() => verwerkingsactiviteiten.code),
    /** toegestaan | geweigerd */
    resultaat: text('resultaat').notNull().default('toegestaan'),
    ip: text('ip'),
    /** browser user agent, or cli / planner */
    userAgent: text('user_agent'),
    /** who acted on the user's behalf (the OS user running the CLI); null when the user acted in person */
    uitvoerder: text('uitvoerder'),
    /** pseudonyms of the clients this act showed or changed: answers "who saw this dossier" */
    pseudoniemen: text('pseudoniemen').array(),
    /** set by the chain trigger */
    /** NULL until audit_log_verzegel() chains the row (migration 0029) */
    volgnr: bigint('volgnr', { mode: 'number' }),
    hash: bytea('hash'),
  },
  (t) => [index('audit_regio_tijd_idx').on(t.regioId, t.tijdstip), index('audit_entiteit_idx').on(t.entiteit, t.entiteitId)],
);

export const clienten = pgTable(
  'clienten',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    /** stable pseudonym shown to parties that may not see identity (C-XXXXXX) */
    pseudoniem: text('pseudoniem').notNull().unique(),
    /** externe sleutel of the regional toegang export, for idempotent imports */
    externId: text('extern_id'),
    /** versleuteling.GEANONIMISEERD once anonymised (geanonimiseerdOp) */
    naamVersleuteld: text('naam_versleuteld').notNull(),
    bsnVersleuteld: text('bsn_versleuteld'),
    /** keyed hash of the BSN, so duplicates can be found without decrypting */
    bsnHash: text('bsn_hash'),
    geboortedatum: date('geboortedatum', { mode: 'string' }).notNull(),
    herkomstgemeenteId: uuid('herkomstgemeente_id').notNull().references(() => organisaties.id),
    huidigeGemeenteId: uuid('huidige_gemeente_id').notNull().references(() => organisaties.id),
    /** ggz | verslaving | lvb | dakloos | jeugd_uitstroom */
    doelgroep: text('doelgroep').notNull(),
    /** aanbieder currently responsible for support */
    aanbiederId: uuid('aanbieder_id').references(() => organisaties.id),
    risicoNotitiesVersleuteld: text('risico_notities_versleuteld'),
    /** 0..3, set at beoordeling; used for waiting list priority */
    urgentie: integer('urgentie').notNull().default(0),
    woonwensen: jsonb('woonwensen'),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
    /** set by the retention job (jobs/bewaartermijnen): identity, notes and free text are gone, the pseudonym stays */
    geanonimiseerdOp: timestamp('geanonimiseerd_op', { withTimezone: true }),
    /** landelijk (datakwaliteit): md5 over the sorted token hashes of the blind name index (repos/naamindex) */
    naamSleutel: text('naam_sleutel'),
  },
  (t) => [
    index('clienten_regio_idx').on(t.regioId),
    index('clienten_herkomst_idx').on(t.herkomstgemeenteId),
    index('clienten_aanbieder_idx').on(t.aanbiederId),
    uniqueIndex('clienten_extern_uq').on(t.regioId, t.externId),
    // zoek on an exact BSN (migration 0010)
    index('clienten_bsn_hash_idx').on(t.bsnHash),
    // datakwaliteit.dubbelen: same birth date and name key within the visible part of a regio
    index('clienten_regio_dubbel_idx').on(t.regioId, t.geboortedatum, t.naamSleutel).where(sql`naam_sleutel is not null and geanonimiseerd_op is null`),
  ],
);

export const trajectEvents = pgTable(
  'traject_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    regioId: uuid('regio_id').notNull(),
    /** aanmelding | beoordeling | indicatie | instroom | doorstroom | uitstroomklaar | uitstroom | terugval | uitval */
    soort: text('soort').notNull(),
    datum: date('datum', { mode: 'string' }).notNull(),
    /** support level the event refers to (bw_intramuraal, beschermd_thuis, ambulant, mo_nachtopvang, mo_24uurs) */
    niveau: text('niveau'),
    /** for uitstroom: one of domain/trajecten.BESTEMMINGEN (refined by migration 0033) */
    bestemming: text('bestemming'),
    /** aanmelding only: woonsituatie vóór aanmelding (domain/trajecten.WOONSITUATIES; migration 0033) */
    woonsituatie: text('woonsituatie'),
    gemeenteId: uuid('gemeente_id').notNull(),
    aanbiederId: uuid('aanbieder_id'),
    urgentie: integer('urgentie'),
    toelichting: text('toelichting'),
    doorGebruikerId: uuid('door_gebruiker_id'),
    geregistreerd: timestamp('geregistreerd', { withTimezone: true }).notNull().defaultNow(),
    /** soort 'correctie': the event this correction voids (AVG art. 16; domain/trajecten.geldigeEvents) */
    vervaltEventId: bigint('vervalt_event_id', { mode: 'number' }),
    /** a replacement: the event it takes the place of (voided by the correctie registered with it) */
    vervangtEventId: bigint('vervangt_event_id', { mode: 'number' }),
    /** why a correction was made */
    reden: text('reden'),
  },
  (t) => [
    index('events_client_idx').on(t.clientId, t.datum),
    index('events_regio_datum_idx').on(t.regioId, t.datum),
    index('events_soort_datum_idx').on(t.soort, t.datum),
    // monitor: one ordered pass per regio feeds the LEAD/LAG windows without a sort
    index('events_regio_client_datum_idx').on(t.regioId, t.clientId, t.datum, t.id),
    // datakwaliteit (migration 0030): lateness read from the index alone (INCLUDE geregistreerd, door_gebruiker_id, soort, client_id)
    index('events_regio_datum_registratie_idx').on(t.regioId, t.datum),
    index('events_uitstroom_onbekend_idx').on(t.clientId).where(sql`soort = 'uitstroom' and (bestemming is null or bestemming = 'onbekend')`),
  ],
);

/**
 * Derived from traject_events (domain/monitor.trajectIntervallen), never edited by hand: one row per event,
 * the interval in which the state after that event held. Rewritten per client by
 * repos/intervallen.herberekenIntervallen in the transaction that writes the events.
 */
export const trajectIntervallen = pgTable(
  'traject_intervallen',
  {
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    volgnr: integer('volgnr').notNull(),
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    soort: text('soort').notNull(),
    fase: text('fase').notNull(),
    niveau: text('niveau'),
    van: date('van', { mode: 'string' }).notNull(),
    tot: date('tot', { mode: 'string' }),
    bestemming: text('bestemming'),
    wachtDagen: integer('wacht_dagen'),
    terugkeerOp: date('terugkeer_op', { mode: 'string' }),
    /** 18th and 25th birthday: jongere on day d ⇔ jong_vanaf <= d < jong_tot */
    jongVanaf: date('jong_vanaf', { mode: 'string' }).notNull(),
    jongTot: date('jong_tot', { mode: 'string' }).notNull(),
    /** issue 15 (landelijk): on the interval of the event that ends a stay, that stay's niveau, days and gemeente */
    verblijfNiveau: text('verblijf_niveau'),
    verblijfDagen: integer('verblijf_dagen'),
    verblijfGemeenteId: uuid('verblijf_gemeente_id'),
    /** instroom rows: no state in care in the 730 days before (domain/uitkomsten.intervalUitkomsten) */
    eersteInstroom: boolean('eerste_instroom'),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.volgnr] }),
    // flows, waits and return cohorts: the opening events of one kind in a date range
    index('intervallen_regio_soort_van_idx').on(t.regioId, t.soort, t.van),
    // outcome measures: the stays ending in a date range (migration 0030 adds INCLUDE columns for an index-only scan)
    index('intervallen_verblijf_idx').on(t.regioId, t.van).where(sql`verblijf_dagen is not null`),
  ],
);

/**
 * Derived from traject_intervallen, never edited by hand: per month, how the stock of clients in a counted
 * fase (geindiceerd, in_zorg, uitstroomklaar) changes — +1 in the month an interval begins, −1 in the month it
 * ends, and likewise for the part of it in which the client is 18–24. Every period end is a month end, and
 * an interval holds at the end of month m ⇔ month(van) <= m < month(tot), so a stock at a period end is the
 * running sum of these rows: the monitor reads a few thousand rows instead of every interval.
 * Kept in step by repos/intervallen in the statement that deletes a client's old intervals.
 */
export const monitorMaandmutaties = pgTable(
  'monitor_maandmutaties',
  {
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    /** first day of the month */
    maand: date('maand', { mode: 'string' }).notNull(),
    fase: text('fase').notNull(),
    /** '' for an interval without niveau: a key column cannot be null */
    niveau: text('niveau').notNull(),
    aantal: integer('aantal').notNull(),
    jongeren: integer('jongeren').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regioId, t.gemeenteId, t.maand, t.fase, t.niveau] })],
);

/**
 * Derived from traject_intervallen, never edited by hand: per month the flow events (instroom, doorstroom,
 * uitstroom, terugval, uitval) per soort and bestemming, with the 18–24 part and, for an uitstroom, how many
 * returned within TERUGKEER_DAGEN. Every period is whole months, so stromen and terugkeer sum a few thousand
 * rows instead of counting intervals. Kept in step by repos/intervallen in the statement that deletes a
 * client's old intervals.
 */
export const monitorMaandstromen = pgTable(
  'monitor_maandstromen',
  {
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    /** first day of the month of the event */
    maand: date('maand', { mode: 'string' }).notNull(),
    soort: text('soort').notNull(),
    /** '' for an event without bestemming: a key column cannot be null */
    bestemming: text('bestemming').notNull(),
    aantal: integer('aantal').notNull(),
    jongeren: integer('jongeren').notNull(),
    teruggekeerd: integer('teruggekeerd').notNull(),
    teruggekeerdJongeren: integer('teruggekeerd_jongeren').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regioId, t.gemeenteId, t.maand, t.soort, t.bestemming] })],
);

/**
 * Derived from traject_intervallen, never edited by hand: a histogram of the waiting days (wacht_dagen) of
 * instroom and uitstroom, with the 18–24 part, per gemeente and for the whole regio, per month, quarter and
 * year of van. A percentile over a period follows exactly from its histogram, so wachttijden reads one ordered
 * range of the primary key (a few thousand rows) and neither sorts nor sums: percentiles do not add up, and
 * summing monthly histograms of eight gemeenten was what made the regional dashboard slow.
 * Kept in step by repos/intervallen in the statement that deletes a client's old intervals.
 */
export const monitorWachttijden = pgTable(
  'monitor_wachttijden',
  {
    regioId: uuid('regio_id').notNull(),
    /** the area counted: a gemeente (herkomstgemeente), or the regio itself (gebied_id = regio_id) for the whole regio */
    gebiedId: uuid('gebied_id').notNull(),
    /** maand, kwartaal or jaar (domain/monitor.PERIODES) */
    periode: text('periode').notNull(),
    /** first day of the period that holds the event */
    start: date('start', { mode: 'string' }).notNull(),
    soort: text('soort').notNull(),
    dagen: integer('dagen').notNull(),
    aantal: integer('aantal').notNull(),
    jongeren: integer('jongeren').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regioId, t.gebiedId, t.periode, t.start, t.soort, t.dagen] })],
);

export const woningen = pgTable(
  'woningen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    corporatieId: uuid('corporatie_id').notNull().references(() => organisaties.id),
    gemeenteId: uuid('gemeente_id').notNull().references(() => organisaties.id),
    adres: text('adres').notNull(),
    wijk: text('wijk').notNull(),
    complex: text('complex').notNull(),
    /** zelfstandig | onzelfstandig | jongeren_cluster | beschermd_thuis_cluster | prikkelarm */
    type: text('type').notNull(),
    kamers: integer('kamers').notNull(),
    huurCenten: integer('huur_centen').notNull(),
    toegankelijk: boolean('toegankelijk').notNull().default(false),
    beschikbaarPer: date('beschikbaar_per', { mode: 'string' }).notNull(),
    /** beschikbaar | gereserveerd | toegewezen | bewoond */
    status: text('status').notNull().default('beschikbaar'),
  },
  (t) => [index('woningen_corp_idx').on(t.corporatieId), index('woningen_gemeente_idx').on(t.gemeenteId)],
);

export const reserveringsafspraken = pgTable(
  'reserveringsafspraken',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    jaar: integer('jaar').notNull(),
    gemeenteId: uuid('gemeente_id').notNull().references(() => organisaties.id),
    corporatieId: uuid('corporatie_id').notNull().references(() => organisaties.id),
    aantal: integer('aantal').notNull(),
    maxPerComplex: integer('max_per_complex').notNull(),
    maxPerWijk: integer('max_per_wijk').notNull(),
    begeleiding: text('begeleiding').notNull(),
  },
  (t) => [uniqueIndex('afspraak_uq').on(t.jaar, t.gemeenteId, t.corporatieId)],
);

export const plaatsingen = pgTable(
  'plaatsingen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    woningId: uuid('woning_id').notNull().references(() => woningen.id),
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    aanbiederId: uuid('aanbieder_id').references(() => organisaties.id),
    afspraakId: uuid('afspraak_id').references(() => reserveringsafspraken.id),
    /** direct | hoofdhuur_onderhuur | omklap | housing_first | driepartijen | proefhuur */
    huurconstructie: text('huurconstructie').notNull(),
    startdatum: date('startdatum', { mode: 'string' }).notNull(),
    einddatum: date('einddatum', { mode: 'string' }),
    omklapdatum: date('omklapdatum', { mode: 'string' }),
    voorwaarden: jsonb('voorwaarden'),
    /** who the corporatie calls about this placement (plaatsing area, migration 0022): not the aanbieder's name */
    contactpersoon: text('contactpersoon'),
    contactTelefoon: text('contact_telefoon'),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plaatsingen_woning_idx').on(t.woningId), index('plaatsingen_client_idx').on(t.clientId), index('plaatsingen_regio_einddatum_idx').on(t.regioId, t.einddatum), index('plaatsingen_regio_start_idx').on(t.regioId, t.startdatum)],
);

export const beschermdThuisCapaciteit = pgTable(
  'beschermd_thuis_capaciteit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull().references(() => organisaties.id),
    aanbiederId: uuid('aanbieder_id').notNull().references(() => organisaties.id),
    jaar: integer('jaar').notNull(),
    plekken: integer('plekken').notNull(),
    doelPlekken: integer('doel_plekken').notNull(),
  },
  (t) => [uniqueIndex('bt_cap_uq').on(t.jaar, t.gemeenteId, t.aanbiederId)],
);

export const matchVoorstellen = pgTable(
  'match_voorstellen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    rondeId: uuid('ronde_id').notNull(),
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    woningId: uuid('woning_id').notNull().references(() => woningen.id),
    /** voorstel | akkoord_corporatie | akkoord_aanbieder | sleuteloverdracht | afgewezen */
    status: text('status').notNull().default('voorstel'),
    score: integer('score').notNull(),
    uitleg: jsonb('uitleg').notNull(),
    afwijzingsreden: text('afwijzingsreden'),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
    gewijzigd: timestamp('gewijzigd', { withTimezone: true }).notNull().defaultNow(),
    // issue 14 (migration 0037): every step bumps versie; the terms of the current step (src/domain/matching/termijnen.ts)
    versie: integer('versie').notNull().default(1),
    stapSinds: timestamp('stap_sinds', { withTimezone: true }),
    deadline: timestamp('deadline', { withTimezone: true }),
    herinnerVanaf: timestamp('herinner_vanaf', { withTimezone: true }),
    verlooptOp: timestamp('verloopt_op', { withTimezone: true }),
    herinnerdOp: timestamp('herinnerd_op', { withTimezone: true }),
    geescaleerdOp: timestamp('geescaleerd_op', { withTimezone: true }),
    /** coded reason (src/domain/matching/redenen.ts) and the party it belongs to */
    afwijzingCode: text('afwijzing_code'),
    afwijzingPartij: text('afwijzing_partij'),
    /** the open status the proposal was declined at: where an override returns it */
    afgewezenBij: text('afgewezen_bij'),
  },
  (t) => [index('voorstel_client_idx').on(t.clientId), index('voorstel_woning_idx').on(t.woningId)],
);

export const procesafspraken = pgTable(
  'procesafspraken',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    /** huurachterstand | overlast | zorgmijding | overig */
    signaalSoort: text('signaal_soort').notNull(),
    reactieUren: integer('reactie_uren').notNull(),
    oplosDagen: integer('oplos_dagen').notNull(),
  },
  (t) => [uniqueIndex('procesafspraak_uq').on(t.regioId, t.signaalSoort)],
);

export const signalen = pgTable(
  'signalen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    plaatsingId: uuid('plaatsing_id').notNull().references(() => plaatsingen.id),
    melderOrganisatieId: uuid('melder_organisatie_id').notNull().references(() => organisaties.id),
    aanbiederId: uuid('aanbieder_id').notNull().references(() => organisaties.id),
    soort: text('soort').notNull(),
    details: jsonb('details').notNull(),
    /** gemeld | opgepakt | in_behandeling | opgelost | geescaleerd */
    status: text('status').notNull().default('gemeld'),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    versie: integer('versie').notNull().default(1),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('signalen_status_deadline_idx').on(t.status, t.deadline),
    // the signal list per view (migration 0012): centrumgemeente by regio, aanbieder by itself, corporatie and
    // gemeente through the home (plaatsing), a regiogemeente also as melder; each sorted on deadline
    index('signalen_regio_deadline_idx').on(t.regioId, t.deadline, t.id),
    index('signalen_regio_status_idx').on(t.regioId, t.status, t.deadline),
    index('signalen_aanbieder_idx').on(t.aanbiederId, t.status, t.deadline),
    index('signalen_plaatsing_idx').on(t.plaatsingId),
    index('signalen_melder_idx').on(t.melderOrganisatieId),
  ],
);

export const signaalStappen = pgTable(
  'signaal_stappen',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    signaalId: uuid('signaal_id').notNull().references(() => signalen.id),
    status: text('status').notNull(),
    tijdstip: timestamp('tijdstip', { withTimezone: true }).notNull().defaultNow(),
    doorGebruikerId: uuid('door_gebruiker_id'),
    toelichting: text('toelichting'),
  },
  (t) => [index('signaal_stappen_signaal_idx').on(t.signaalId, t.tijdstip)],
);

export const schuldregelingen = pgTable('schuldregelingen', {
  id: uuid('id').primaryKey().defaultRandom(),
  regioId: uuid('regio_id').notNull(),
  clientId: uuid('client_id').notNull().references(() => clienten.id),
  schuldeiser: text('schuldeiser').notNull(),
  bedragCenten: bigint('bedrag_centen', { mode: 'number' }).notNull(),
  regeling: text('regeling').notNull(),
  /** open | regeling_getroffen | afgelost */
  status: text('status').notNull(),
  aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
});

export const meldingen = pgTable(
  'meldingen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisatieId: uuid('organisatie_id').notNull().references(() => organisaties.id),
    titel: text('titel').notNull(),
    tekst: text('tekst').notNull(),
    link: text('link'),
    /** idempotency key: a job re-run after a crash never notifies twice */
    sleutel: text('sleutel').unique(),
    gelezen: boolean('gelezen').notNull().default(false),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meldingen_org_idx').on(t.organisatieId, t.aangemaakt)],
);

export const verdeelmodelGemeenten = pgTable(
  'verdeelmodel_gemeenten',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    gemeenteCode: text('gemeente_code').notNull(),
    naam: text('naam').notNull(),
    waarden: jsonb('waarden').notNull(),
    historischBudgetCenten: bigint('historisch_budget_centen', { mode: 'number' }).notNull(),
    bron: text('bron').notNull(),
  },
  (t) => [uniqueIndex('vm_gemeente_uq').on(t.regioId, t.gemeenteCode)],
);

export const verdeelmodelGewichtensets = pgTable(
  'verdeelmodel_gewichtensets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    naam: text('naam').notNull(),
    indicatoren: jsonb('indicatoren').notNull(),
  },
  (t) => [uniqueIndex('vm_set_uq').on(t.regioId, t.naam)],
);

export const taken = pgTable('taken', {
  naam: text('naam').primaryKey(),
  laatsteRun: timestamp('laatste_run', { withTimezone: true }),
  vergrendeldTot: timestamp('vergrendeld_tot', { withTimezone: true }),
});


// ---------------------------------------------------------------- read path: current state and name search

/**
 * Derived, never edited by hand: one row per client with what the lists filter, sort and page on. The
 * client's own columns (regio … geboortedatum) are copied by the trigger clienten_stand_kopie (migration
 * 0010) on every insert or update of clienten; the state (fase … laatste_uitstroom) is the fold of the
 * client's events (domain/trajecten.leidToestandAf), written by repos/stand.schrijfStand from
 * herberekenIntervallen in the transaction that writes the events. Youth is not stored: it depends on the
 * peildatum and is a range on geboortedatum at query time.
 */
export const clientStand = pgTable(
  'client_stand',
  {
    clientId: uuid('client_id')
      .primaryKey()
      .references(() => clienten.id, { onDelete: 'cascade' }),
    regioId: uuid('regio_id').notNull(),
    pseudoniem: text('pseudoniem').notNull(),
    herkomstgemeenteId: uuid('herkomstgemeente_id').notNull(),
    huidigeGemeenteId: uuid('huidige_gemeente_id').notNull(),
    aanbiederId: uuid('aanbieder_id'),
    doelgroep: text('doelgroep').notNull(),
    geboortedatum: date('geboortedatum', { mode: 'string' }).notNull(),
    fase: text('fase').notNull().default('geen'),
    niveau: text('niveau'),
    urgentie: integer('urgentie').notNull().default(0),
    /** the day the current fase began (geïndiceerd, uitstroomklaar, …): drives waiting time */
    sinds: date('sinds', { mode: 'string' }),
    laatsteDatum: date('laatste_datum', { mode: 'string' }),
    bestemming: text('bestemming'),
    laatsteUitstroom: date('laatste_uitstroom', { mode: 'string' }),
  },
  (t) => [
    // "C" collation: the byte order of the domain's tie-break (domain/wachtlijst.vergelijkPrioriteit)
    index('client_stand_regio_pseudoniem_idx').on(t.regioId, sql`${t.pseudoniem} collate "C"`),
    // zoek on a pseudoniem prefix, case-insensitive
    index('client_stand_pseudoniem_zoek_idx').on(sql`lower(${t.pseudoniem}) text_pattern_ops`),
    // waiting lists and kandidaten: one fase of one regio, in priority order
    index('client_stand_regio_fase_idx').on(t.regioId, t.fase, t.urgentie, t.sinds),
    index('client_stand_herkomst_idx').on(t.herkomstgemeenteId),
    index('client_stand_huidige_idx').on(t.huidigeGemeenteId),
    index('client_stand_aanbieder_idx').on(t.aanbiederId),
    // the client list's sorts (migration 0018): key, pseudoniem, client_id in the list's "op" order
    index('client_stand_regio_fase_rang_idx').on(
      t.regioId,
      sql`array_position('{geen,aangemeld,beoordeeld,geindiceerd,in_zorg,uitstroomklaar,uitgestroomd,uitgevallen}'::text[], ${t.fase})`,
      sql`${t.pseudoniem} collate "C"`,
      t.clientId,
    ),
    index('client_stand_regio_urgentie_idx').on(t.regioId, t.urgentie, sql`${t.pseudoniem} collate "C"`, t.clientId),
    index('client_stand_regio_geboortedatum_idx').on(t.regioId, t.geboortedatum.desc(), sql`${t.pseudoniem} collate "C"`, t.clientId),
    index('client_stand_regio_sinds_idx').on(t.regioId, t.sinds.desc(), sql`${t.pseudoniem} collate "C"`, t.clientId),
    // datakwaliteit.inactief (migration 0030, INCLUDE aanbieder_id, herkomst- en huidige gemeente, pseudoniem)
    index('client_stand_regio_fase_laatste_idx').on(t.regioId, t.fase, t.laatsteDatum),
    // datakwaliteit.inactief in list order (migration 0038, INCLUDE client_id, fase, aanbieder_id, herkomst- en huidige gemeente)
    index('client_stand_inactief_idx').on(t.regioId, t.laatsteDatum, sql`${t.pseudoniem} collate "C"`).where(sql`fase in ('in_zorg', 'uitstroomklaar')`),
    index('client_stand_regio_herkomst_pseudoniem_idx').on(t.regioId, t.herkomstgemeenteId, sql`${t.pseudoniem} collate "C"`, t.clientId),
  ],
);

/**
 * Derived, never edited by hand: client_stand counted per combination of the columns the client list and its zicht
 * filter on, so the list's total does not count the region (migration 0039, ADR 0039). Kept by statement-level
 * triggers on client_stand, whichever path writes it; rows that come to hold 0 stay.
 */
export const clientStandTellingen = pgTable(
  'client_stand_tellingen',
  {
    regioId: uuid('regio_id').notNull(),
    herkomstgemeenteId: uuid('herkomstgemeente_id').notNull(),
    huidigeGemeenteId: uuid('huidige_gemeente_id').notNull(),
    aanbiederId: uuid('aanbieder_id'),
    doelgroep: text('doelgroep').notNull(),
    fase: text('fase').notNull(),
    niveau: text('niveau'),
    aantal: integer('aantal').notNull(),
  },
  (t) => [unique('client_stand_tellingen_sleutel').on(t.regioId, t.herkomstgemeenteId, t.huidigeGemeenteId, t.aanbiederId, t.doelgroep, t.fase, t.niveau).nullsNotDistinct()],
);

/**
 * Keyed blind index of the normalised name tokens and their prefixes (≥ 3 characters): HMAC with a key
 * derived from the encryption key (Versleuteling.naamTokenHash), so a name fragment finds clients without
 * decrypting the regio. Maintained by repos/naamindex.herberekenNaamIndex.
 */
export const clientNaamTokens = pgTable(
  'client_naam_tokens',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clienten.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.clientId] }), index('client_naam_tokens_client_idx').on(t.clientId)],
);

// ------------------------------------------------------------ audit (NEN 7513)

/** Register of processing activities (AVG art. 30): the purpose every audit row names; mirrors VERWERKINGSACTIVITEITEN. */
export const verwerkingsactiviteiten = pgTable('verwerkingsactiviteiten', {
  code: text('code').primaryKey(),
  naam: text('naam').notNull(),
  grondslag: text('grondslag').notNull(),
});

// --- MFA (issue 13, trust-mfa); sessies.mfa_stap is added by the same migration (0015) ---

/** TOTP per user; secrets encrypted with the field key (Versleuteling), so key rotation re-encrypts them. */
export const gebruikerMfa = pgTable('gebruiker_mfa', {
  gebruikerId: uuid('gebruiker_id').primaryKey().references(() => gebruikers.id),
  /** the active secret; null = not enrolled */
  geheimVersleuteld: text('geheim_versleuteld'),
  /** an enrolment waiting for its first code */
  nieuwGeheimVersleuteld: text('nieuw_geheim_versleuteld'),
  ingeschreven: timestamp('ingeschreven', { withTimezone: true }),
  /** last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2) */
  laatsteStap: bigint('laatste_stap', { mode: 'number' }),
});

/** Single-use recovery codes: sha256(zout || code), never the code itself. */
export const mfaHerstelcodes = pgTable(
  'mfa_herstelcodes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gebruikerId: uuid('gebruiker_id').notNull().references(() => gebruikers.id),
    zout: text('zout').notNull(),
    hash: text('hash').notNull(),
    gebruikt: timestamp('gebruikt', { withTimezone: true }),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mfa_herstelcodes_gebruiker_idx').on(t.gebruikerId)],
);

// --- Grondslag, bewaartermijnen (issue 13, trust-grondslag) ---------------------------------------------

/**
 * The basis on which a client's data may be shared with a kind of organisation (domain/grondslagen): the
 * client's consent or a named legal basis, for a reikwijdte, from ingangsdatum to einddatum, until revoked.
 * Never deleted; a trigger (migration 0016) only allows revoking once and the retention job clearing free text.
 */
export const grondslagen = pgTable(
  'grondslagen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    /** corporatie_kandidaatprofiel | aanbieder_dossier */
    reikwijdte: text('reikwijdte').notNull(),
    /** toestemming | wettelijk */
    soort: text('soort').notNull(),
    /** for soort wettelijk: a code of domain/grondslagen.WETTELIJKE_GRONDSLAGEN */
    wettelijkeGrondslag: text('wettelijke_grondslag'),
    /** where it is written down: a consent form's number, a beschikking */
    referentie: text('referentie'),
    ingangsdatum: date('ingangsdatum', { mode: 'string' }).notNull(),
    einddatum: date('einddatum', { mode: 'string' }),
    vastgelegdDoor: uuid('vastgelegd_door').notNull(),
    vastgelegdOrganisatieId: uuid('vastgelegd_organisatie_id').notNull(),
    vastgelegdOp: timestamp('vastgelegd_op', { withTimezone: true }).notNull().defaultNow(),
    ingetrokkenOp: date('ingetrokken_op', { mode: 'string' }),
    ingetrokkenDoor: uuid('ingetrokken_door'),
    intrekkingsreden: text('intrekkingsreden'),
  },
  (t) => [index('grondslagen_client_idx').on(t.clientId, t.reikwijdte)],
);

/** A regio's own retention term for one kind of record; without a row the default of domain/bewaartermijnen holds. */
export const bewaartermijnen = pgTable(
  'bewaartermijnen',
  {
    regioId: uuid('regio_id').notNull(),
    /** domain/bewaartermijnen.BEWAAR_SOORTEN */
    soort: text('soort').notNull(),
    maanden: integer('maanden').notNull(),
    /** why this regio deviates from the default (archivist's advice, policy decision) */
    toelichting: text('toelichting').notNull(),
    gewijzigdDoor: uuid('gewijzigd_door').notNull(),
    gewijzigdOp: timestamp('gewijzigd_op', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regioId, t.soort] })],
);

// --- Productie: meer dan één app-server (ADR 0020) ---

/** Shared rate-limit counters (login, MFA codes): one row per hashed key and window, for every app server alike. */
export const rateLimiet = pgTable(
  'rate_limiet',
  {
    sleutel: text('sleutel').primaryKey(),
    aantal: integer('aantal').notNull(),
    verloopt: timestamp('verloopt', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limiet_verloopt_idx').on(t.verloopt)],
);

// --- iWmo import (WMO301/305/307) ---

/** An iWmo message already processed: the same message again changes nothing, another with the same id is refused. */
export const iwmoBerichten = pgTable(
  'iwmo_berichten',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    /** 414 (WMO301), 418 (WMO305), 420 (WMO307) */
    berichtcode: text('berichtcode').notNull(),
    afzender: text('afzender').notNull(),
    identificatie: text('identificatie').notNull(),
    dagtekening: date('dagtekening', { mode: 'string' }).notNull(),
    /** sha256 of the XML as received */
    inhoudHash: text('inhoud_hash').notNull(),
    verwerktDoor: uuid('verwerkt_door').notNull(),
    verwerktOp: timestamp('verwerkt_op', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('iwmo_berichten_uq').on(t.regioId, t.berichtcode, t.afzender, t.identificatie)],
);

/** A toewijzing (WMO301) with the niveau its product maps to; WMO305/307 find the client through it. */
export const iwmoToewijzingen = pgTable(
  'iwmo_toewijzingen',
  {
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    /** four digits, as in the iWmo header (GM0363 → 0363) */
    gemeenteCode: text('gemeente_code').notNull(),
    toewijzingNummer: text('toewijzing_nummer').notNull(),
    clientId: uuid('client_id').notNull().references(() => clienten.id),
    productcategorie: text('productcategorie').notNull(),
    productcode: text('productcode'),
    niveau: text('niveau').notNull(),
    ingangsdatum: date('ingangsdatum', { mode: 'string' }).notNull(),
    einddatum: date('einddatum', { mode: 'string' }),
    /** from the WMO305 */
    begindatum: date('begindatum', { mode: 'string' }),
    /** from the WMO307 */
    stopdatum: date('stopdatum', { mode: 'string' }),
    redenBeeindiging: text('reden_beeindiging'),
  },
  (t) => [primaryKey({ name: 'iwmo_toewijzingen_pk', columns: [t.regioId, t.gemeenteCode, t.toewijzingNummer] }), index('iwmo_toewijzingen_client_idx').on(t.clientId)],
);

// --- ZRM (Zelfredzaamheid-Matrix), issue 14: assessments per client over time, ADR 0032 ---------------------
export const zrmBeoordelingen = pgTable(
  'zrm_beoordelingen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    clientId: uuid('client_id').notNull().references(() => clienten.id, { onDelete: 'cascade' }),
    /** the assessing organisation: the actor's */
    organisatieId: uuid('organisatie_id').notNull().references(() => organisaties.id),
    datum: date('datum', { mode: 'string' }).notNull(),
    /** {domein: 1..5 | null}, checked by src/domain/zrm.ts */
    scores: jsonb('scores').notNull(),
    toelichtingVersleuteld: text('toelichting_versleuteld'),
    vastgelegdDoor: uuid('vastgelegd_door').notNull(),
    vastgelegdOp: timestamp('vastgelegd_op', { withTimezone: true }).notNull().defaultNow(),
    ingetrokkenOp: timestamp('ingetrokken_op', { withTimezone: true }),
    ingetrokkenDoor: uuid('ingetrokken_door'),
    intrekkingsreden: text('intrekkingsreden'),
  },
  (t) => [index('zrm_beoordelingen_client_idx').on(t.clientId, t.datum.desc(), t.vastgelegdOp.desc())],
);

// ---------------------------------------------------------------------------------------------
// Landelijk beeld (issue 15, migration 0030)
// ---------------------------------------------------------------------------------------------

/** Stand van zaken: per region and theme the status of the uitvoeringsafspraken, kept by the centrumgemeente. */
export const uitvoeringsafspraken = pgTable(
  'uitvoeringsafspraken',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    /** visie | samenwerking | zorglandschap | passende_huisvesting | verdeelmodel_ingroeipad */
    thema: text('thema').notNull(),
    /** niet_gestart | in_voorbereiding | vastgesteld | in_uitvoering | gerealiseerd */
    status: text('status').notNull(),
    datum: date('datum', { mode: 'string' }).notNull(),
    notitie: text('notitie').notNull().default(''),
    bijgewerkt: timestamp('bijgewerkt', { withTimezone: true }).notNull().defaultNow(),
    doorGebruikerId: uuid('door_gebruiker_id').references(() => gebruikers.id),
  },
  (t) => [uniqueIndex('uitvoeringsafspraken_uq').on(t.regioId, t.thema)],
);

// --- Begeleiding per plaatsing (issue 14 item 3, migration 0033, ADR 0035) ------------------------------------

/**
 * The begeleidingsafspraak of one placement: which aanbieder, how many hours a week, from/to, whom the corporatie
 * calls, and the plan over the domains of levensbrede ondersteuning (domain/begeleiding), encrypted like other
 * care notes. One per placement; a woningcorporatie only ever reads the reduced line (tot, contact).
 */
export const begeleidingen = pgTable(
  'begeleidingen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    plaatsingId: uuid('plaatsing_id').notNull().references(() => plaatsingen.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').notNull().references(() => clienten.id, { onDelete: 'cascade' }),
    aanbiederId: uuid('aanbieder_id').notNull().references(() => organisaties.id),
    /** tenths of an hour a week (2,5 uur = 25): exact, no floating point */
    urenPerWeekTienden: integer('uren_per_week_tienden').notNull(),
    van: date('van', { mode: 'string' }).notNull(),
    tot: date('tot', { mode: 'string' }).notNull(),
    contactpersoon: text('contactpersoon').notNull(),
    contactTelefoon: text('contact_telefoon'),
    /** JSON of domain/begeleiding.Plan, encrypted (goals about debts, health or family are special-category data) */
    planVersleuteld: text('plan_versleuteld').notNull(),
    versie: integer('versie').notNull().default(1),
    vastgelegdDoor: uuid('vastgelegd_door').notNull(),
    gewijzigd: timestamp('gewijzigd', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('begeleidingen_plaatsing_uq').on(t.plaatsingId), index('begeleidingen_client_idx').on(t.clientId), index('begeleidingen_aanbieder_idx').on(t.aanbiederId)],
);

/** Planned evaluations of a begeleiding; the reminder job (jobs/evaluaties) reads the open ones by date. */
export const begeleidingEvaluaties = pgTable(
  'begeleiding_evaluaties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    begeleidingId: uuid('begeleiding_id').notNull().references(() => begeleidingen.id, { onDelete: 'cascade' }),
    datum: date('datum', { mode: 'string' }).notNull(),
    /** the day the evaluation was held; null = still to come */
    gehoudenOp: date('gehouden_op', { mode: 'string' }),
  },
  (t) => [uniqueIndex('begeleiding_evaluaties_uq').on(t.begeleidingId, t.datum), index('begeleiding_evaluaties_open_idx').on(t.datum).where(sql`gehouden_op is null`)],
);

// ---------------------------------------------------------------------------------------------
// Prioriteringsbeleid (issue 14 punt 6, migration 0035, ADR 0037)
// ---------------------------------------------------------------------------------------------

/** One version of a region's prioritisation policy; never updated or deleted (database trigger). */
export const beleidVersies = pgTable(
  'beleid_versies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    versie: integer('versie').notNull(),
    /** Gewichten (src/domain/matching/types.ts), checked by src/domain/matching/beleid.ts */
    gewichten: jsonb('gewichten').notNull(),
    /** BeleidTerm[]; empty = weighted */
    volgorde: jsonb('volgorde').notNull(),
    toelichting: text('toelichting').notNull(),
    auteurId: uuid('auteur_id').references(() => gebruikers.id),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('beleid_versies_uq').on(t.regioId, t.versie)],
);

/** A stored matching round and the policy version it used. */
export const matchingRondes = pgTable(
  'matching_rondes',
  {
    id: uuid('id').primaryKey(),
    regioId: uuid('regio_id').notNull().references(() => regios.id),
    beleidVersieId: uuid('beleid_versie_id').references(() => beleidVersies.id),
    peildatum: date('peildatum', { mode: 'string' }).notNull(),
    voorstellen: integer('voorstellen').notNull(),
    doorGebruikerId: uuid('door_gebruiker_id'),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('matching_rondes_regio_idx').on(t.regioId, t.aangemaakt.desc())],
);

// ---- uitkomstmaten op schaal (issue 15, ADR 0036) ----

/**
 * Derived from traject_intervallen, never edited by hand: a histogram of the finished stays (verblijf_dagen) per
 * gebied (the gemeente of the stay's first event, and the regio as a whole: gebied_id = regio_id), per month,
 * quarter and year of the ending event, per niveau; with the 18–24 part. Mean and median of a period follow
 * exactly from it. Kept in step by repos/intervallen (repos/uitkomstaggregaten) with the intervals.
 */
export const monitorVerblijfsduur = pgTable(
  'monitor_verblijfsduur',
  {
    regioId: uuid('regio_id').notNull(),
    gebiedId: uuid('gebied_id').notNull(),
    periode: text('periode').notNull(),
    /** 1: one row per number of days; 32: per stretch of 32 days (dagen = its first day), to find a median's stretch */
    schaal: integer('schaal').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    niveau: text('niveau').notNull(),
    dagen: integer('dagen').notNull(),
    aantal: integer('aantal').notNull(),
    jongeren: integer('jongeren').notNull(),
    /** the sum of the exact days (the mean without reading every day) */
    som: bigint('som', { mode: 'number' }).notNull(),
    somJongeren: bigint('som_jongeren', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_verblijfsduur_pk', columns: [t.regioId, t.gebiedId, t.periode, t.schaal, t.start, t.niveau, t.dagen] })],
);

/**
 * Derived from traject_intervallen: instroom (eerste or not) and uitstroom (per bestemming, and terug_binnen: the
 * shortest return window of domain/uitkomsten.TERUGKEER_TERMIJNEN in months it returned within, 0 = none) per
 * gemeente and month of the event, with the 18–24 part. Kept in step like monitor_verblijfsduur.
 */
export const monitorUitkomstmaand = pgTable(
  'monitor_uitkomstmaand',
  {
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    maand: date('maand', { mode: 'string' }).notNull(),
    soort: text('soort').notNull(),
    bestemming: text('bestemming').notNull(),
    eerste: boolean('eerste').notNull(),
    terugBinnen: integer('terug_binnen').notNull(),
    aantal: integer('aantal').notNull(),
    jongeren: integer('jongeren').notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_uitkomstmaand_pk', columns: [t.regioId, t.gemeenteId, t.maand, t.soort, t.bestemming, t.eerste, t.terugBinnen] })],
);

/**
 * Per regio how many records share a duplicate key (soort 'bsn': the BSN hash; 'naam': birth date + ':' + the
 * name key, anonymised records left out). Kept by statement triggers on clienten (migration 0036, ADR 0036).
 */
export const clientDubbelsleutels = pgTable(
  'client_dubbelsleutels',
  {
    regioId: uuid('regio_id').notNull(),
    soort: text('soort').notNull(),
    sleutel: text('sleutel').notNull(),
    aantal: integer('aantal').notNull(),
  },
  (t) => [primaryKey({ name: 'client_dubbelsleutels_pk', columns: [t.regioId, t.soort, t.sleutel] }), index('client_dubbelsleutels_dubbel_idx').on(t.regioId, t.soort, t.sleutel).where(sql`aantal > 1`)],
);

/**
 * Registration lateness: per regio, event date, registering organisation (nil uuid: none, import or seed) and days
 * late (0 when registered ahead) how many events (corrections not counted). Kept by statement triggers on
 * traject_events (migration 0036, ADR 0036).
 */
export const monitorLaatheid = pgTable(
  'monitor_laatheid',
  {
    regioId: uuid('regio_id').notNull(),
    datum: date('datum', { mode: 'string' }).notNull(),
    organisatieId: uuid('organisatie_id').notNull(),
    dagen: integer('dagen').notNull(),
    aantal: integer('aantal').notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_laatheid_pk', columns: [t.regioId, t.datum, t.organisatieId, t.dagen] })],
);

/**
 * Registration lateness for the narrower viewers (migration 0038, ADR 0038): the events of monitor_laatheid counted
 * once under every organisation that sees their client through clientFilter (its aanbieder, herkomstgemeente and
 * huidige gemeente); only events in their client's regio. Kept by statement triggers on traject_events and clienten.
 */
export const monitorLaatheidZicht = pgTable(
  'monitor_laatheid_zicht',
  {
    regioId: uuid('regio_id').notNull(),
    zichtId: uuid('zicht_id').notNull(),
    datum: date('datum', { mode: 'string' }).notNull(),
    organisatieId: uuid('organisatie_id').notNull(),
    dagen: integer('dagen').notNull(),
    aantal: integer('aantal').notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_laatheid_zicht_pk', columns: [t.regioId, t.zichtId, t.datum, t.organisatieId, t.dagen] })],
);

/**
 * Missing fields (migration 0038, ADR 0038): per regio, viewer (zicht_id: the regio itself, or an aanbieder,
 * herkomst- or huidige gemeente that sees the record) and gap ('bsn', 'aanbieder', 'woonwensen', 'bestemming') how
 * many records have it. Kept by statement triggers on clienten and traject_events.
 */
export const clientOntbrekend = pgTable(
  'client_ontbrekend',
  {
    regioId: uuid('regio_id').notNull(),
    zichtId: uuid('zicht_id').notNull(),
    soort: text('soort').notNull(),
    aantal: integer('aantal').notNull(),
  },
  (t) => [primaryKey({ name: 'client_ontbrekend_pk', columns: [t.regioId, t.zichtId, t.soort] })],
);

/**
 * "Nog gehuisvest na 12 maanden" (migration 0038, ADR 0038): placements per regio, gebied (the regio, and the
 * gemeente of the home), start date, still running NOG_GEHUISVEST_DAGEN on, and client 18–24 on the start date (band
 * of the client's first interval). Kept by statement triggers on plaatsingen, woningen and traject_intervallen.
 */
export const monitorGehuisvest = pgTable(
  'monitor_gehuisvest',
  {
    regioId: uuid('regio_id').notNull(),
    gebiedId: uuid('gebied_id').notNull(),
    startdatum: date('startdatum', { mode: 'string' }).notNull(),
    nog: boolean('nog').notNull(),
    jong: boolean('jong').notNull(),
    aantal: integer('aantal').notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_gehuisvest_pk', columns: [t.regioId, t.gebiedId, t.startdatum, t.nog, t.jong] })],
);

/**
 * ZRM change per uitstroom with a pair of assessments (migration 0038, ADR 0038): the change per domain (null where
 * either is unscored) and of the total, as domain/uitkomsten defines it. Rewritten per client by triggers on
 * traject_intervallen and zrm_beoordelingen (monitor_zrm_herbereken); the columns are the ZRM_DOMEINEN.
 */
export const monitorZrmTraject = pgTable(
  'monitor_zrm_traject',
  {
    clientId: uuid('client_id').notNull(),
    volgnr: integer('volgnr').notNull(),
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    van: date('van', { mode: 'string' }).notNull(),
    jong: boolean('jong').notNull(),
    totaal: numeric('totaal'),
    financien: integer('financien'),
    werkOpleiding: integer('werk_opleiding'),
    tijdsbesteding: integer('tijdsbesteding'),
    huisvesting: integer('huisvesting'),
    huiselijkeRelaties: integer('huiselijke_relaties'),
    geestelijkeGezondheid: integer('geestelijke_gezondheid'),
    lichamelijkeGezondheid: integer('lichamelijke_gezondheid'),
    middelengebruik: integer('middelengebruik'),
    basaleAdl: integer('basale_adl'),
    instrumenteleAdl: integer('instrumentele_adl'),
    sociaalNetwerk: integer('sociaal_netwerk'),
    maatschappelijkeParticipatie: integer('maatschappelijke_participatie'),
    justitie: integer('justitie'),
  },
  (t) => [primaryKey({ name: 'monitor_zrm_traject_pk', columns: [t.clientId, t.volgnr] })],
);

/** Per regio, gemeente, month and age band the sums of monitor_zrm_traject the dashboard averages (migration 0038). */
export const monitorZrmMaand = pgTable(
  'monitor_zrm_maand',
  {
    regioId: uuid('regio_id').notNull(),
    gemeenteId: uuid('gemeente_id').notNull(),
    maand: date('maand', { mode: 'string' }).notNull(),
    jong: boolean('jong').notNull(),
    trajecten: integer('trajecten').notNull(),
    totaalN: integer('totaal_n').notNull(),
    totaalSom: numeric('totaal_som').notNull(),
    nFinancien: integer('n_financien').notNull(),
    somFinancien: bigint('som_financien', { mode: 'number' }).notNull(),
    nWerkOpleiding: integer('n_werk_opleiding').notNull(),
    somWerkOpleiding: bigint('som_werk_opleiding', { mode: 'number' }).notNull(),
    nTijdsbesteding: integer('n_tijdsbesteding').notNull(),
    somTijdsbesteding: bigint('som_tijdsbesteding', { mode: 'number' }).notNull(),
    nHuisvesting: integer('n_huisvesting').notNull(),
    somHuisvesting: bigint('som_huisvesting', { mode: 'number' }).notNull(),
    nHuiselijkeRelaties: integer('n_huiselijke_relaties').notNull(),
    somHuiselijkeRelaties: bigint('som_huiselijke_relaties', { mode: 'number' }).notNull(),
    nGeestelijkeGezondheid: integer('n_geestelijke_gezondheid').notNull(),
    somGeestelijkeGezondheid: bigint('som_geestelijke_gezondheid', { mode: 'number' }).notNull(),
    nLichamelijkeGezondheid: integer('n_lichamelijke_gezondheid').notNull(),
    somLichamelijkeGezondheid: bigint('som_lichamelijke_gezondheid', { mode: 'number' }).notNull(),
    nMiddelengebruik: integer('n_middelengebruik').notNull(),
    somMiddelengebruik: bigint('som_middelengebruik', { mode: 'number' }).notNull(),
    nBasaleAdl: integer('n_basale_adl').notNull(),
    somBasaleAdl: bigint('som_basale_adl', { mode: 'number' }).notNull(),
    nInstrumenteleAdl: integer('n_instrumentele_adl').notNull(),
    somInstrumenteleAdl: bigint('som_instrumentele_adl', { mode: 'number' }).notNull(),
    nSociaalNetwerk: integer('n_sociaal_netwerk').notNull(),
    somSociaalNetwerk: bigint('som_sociaal_netwerk', { mode: 'number' }).notNull(),
    nMaatschappelijkeParticipatie: integer('n_maatschappelijke_participatie').notNull(),
    somMaatschappelijkeParticipatie: bigint('som_maatschappelijke_participatie', { mode: 'number' }).notNull(),
    nJustitie: integer('n_justitie').notNull(),
    somJustitie: bigint('som_justitie', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'monitor_zrm_maand_pk', columns: [t.regioId, t.gemeenteId, t.maand, t.jong] })],
);

// ---------------------------------------------------------------------------------------------
// Voorstellen: termijnen, stappen en parkeren (issue 14 items 4, 5, 9; migration 0037)
// ---------------------------------------------------------------------------------------------

/** A region's terms for open proposals, set by the centrumgemeente beheerder; no row = the defaults. */
export const voorstelTermijnen = pgTable('voorstel_termijnen', {
  regioId: uuid('regio_id').primaryKey().references(() => regios.id),
  corporatieWerkdagen: integer('corporatie_werkdagen').notNull(),
  zorgWerkdagen: integer('zorg_werkdagen').notNull(),
  sleutelWerkdagen: integer('sleutel_werkdagen').notNull(),
  herinneringWerkdagen: integer('herinnering_werkdagen').notNull(),
  respijtWerkdagen: integer('respijt_werkdagen').notNull(),
  gewijzigd: timestamp('gewijzigd', { withTimezone: true }).notNull().defaultNow(),
  doorGebruikerId: uuid('door_gebruiker_id'),
});

/** The history of a proposal: who, when, from → to, why. The dashboard measures the time between these rows. */
export const voorstelStappen = pgTable(
  'voorstel_stappen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voorstelId: uuid('voorstel_id')
      .notNull()
      .references(() => matchVoorstellen.id, { onDelete: 'cascade' }),
    regioId: uuid('regio_id').notNull(),
    /** aangemaakt | akkoord | sleuteloverdracht | afwijzing | herinnering | escalatie | verlopen | overrulen | ingetrokken */
    gebeurtenis: text('gebeurtenis').notNull(),
    vanStatus: text('van_status'),
    naarStatus: text('naar_status').notNull(),
    tijdstip: timestamp('tijdstip', { withTimezone: true }).notNull(),
    versie: integer('versie').notNull(),
    /** null: the planner did it */
    doorGebruikerId: uuid('door_gebruiker_id'),
    doorOrganisatieId: uuid('door_organisatie_id'),
    partij: text('partij'),
    redenCode: text('reden_code'),
    toelichting: text('toelichting'),
  },
  (t) => [uniqueIndex('voorstel_stappen_uq').on(t.voorstelId, t.versie, t.gebeurtenis), index('voorstel_stappen_regio_idx').on(t.regioId, t.tijdstip)],
);

/** A client left out of matching rounds from `vanaf` until `tot` (or until ended early on `beeindigdOp`). */
export const clientParkeringen = pgTable(
  'client_parkeringen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regioId: uuid('regio_id').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clienten.id, { onDelete: 'cascade' }),
    redenCode: text('reden_code').notNull(),
    toelichting: text('toelichting'),
    vanaf: date('vanaf', { mode: 'string' }).notNull(),
    tot: date('tot', { mode: 'string' }).notNull(),
    doorGebruikerId: uuid('door_gebruiker_id'),
    doorOrganisatieId: uuid('door_organisatie_id').notNull(),
    aangemaakt: timestamp('aangemaakt', { withTimezone: true }).notNull().defaultNow(),
    beeindigdOp: date('beeindigd_op', { mode: 'string' }),
    beeindigdDoor: uuid('beeindigd_door'),
    beeindigingsToelichting: text('beeindigings_toelichting'),
  },
  (t) => [index('client_parkeringen_client_idx').on(t.clientId, t.tot), index('client_parkeringen_regio_idx').on(t.regioId, t.vanaf)],
);
