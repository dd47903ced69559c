import { STANDAARD_BELEID } from '../domain/matching/beleid.js';
import { analyseer, type DbOrTx as Db } from './client.js';
import { insertInDelen } from './bulk.js';
import * as s from './schema.js';
import type { Versleuteling } from './versleuteling.js';
import { prng, type Prng } from '../domain/random.js';
import type { OrganisatieSoort, Rol } from '../domain/auth.js';
import { mfaVerplicht } from '../domain/mfa.js';
import {
  BEGIN_TOESTAND,
  dagenTussen,
  pasToe,
  plusDagen,
  type Bestemming,
  type Doelgroep,
  type Niveau,
  type Toestand,
  type TrajectEvent,
} from '../domain/trajecten.js';
import { HUURCONSTRUCTIE_SOORTEN, HUURCONSTRUCTIES, maandenLater, type HuurconstructieSoort } from '../domain/woningen.js';
import { seedSignalen } from './seed-signalen.js';
import { seedVoorstellen } from './seed-voorstellen.js';
import { seedVerdeelmodel } from './seed-verdeelmodel.js';
import { seedGrondslagen, type SeedGrondslagClient } from './seed-grondslagen.js';
import { seedZrm } from './seed-zrm.js';
import { seedBegeleidingen, zetWoonsituaties } from './seed-begeleiding.js';
import { herberekenIntervallen } from './repos/intervallen.js';
import { schrijfNaamIndex } from './repos/naamindex.js';

export interface SeedGemeente {
  naam: string;
  code: string;
  /** relative size: drives clients, homes and reservations */
  gewicht: number;
}

export interface SeedOpties {
  regioNaam: string;
  gemeenten: SeedGemeente[]; // first one is the centrumgemeente
  corporaties: string[];
  aanbieders: string[];
  aantalClienten: number;
  aantalWoningen: number;
  peildatum: string;
  seed: number;
  wachtwoordHash: string;
  versleuteling: Versleuteling;
  emailDomein: string;
}

export const DEMO_WACHTWOORD = 'Doorstroom-demo-2026';
/**
 * Published TOTP secret of every seeded account that must use MFA (ADR 0015): like the demo password it is
 * public, so a newcomer adds it once to an authenticator app (or runs `doorstroom demo-code`) and every demo
 * login works. Real accounts enrol with their own random secret.
 */
export const DEMO_TOTP_GEHEIM = 'DOORSTROOMDEMOTOTPGEHEIMRIVIERLA';

export const DEMO_REGIO: Omit<SeedOpties, 'peildatum' | 'wachtwoordHash' | 'versleuteling'> = {
  regioNaam: 'Regio Rivierland',
  gemeenten: [
    { naam: 'Centrumstad', code: 'GM9001', gewicht: 40 },
    { naam: 'Noorddorp', code: 'GM9002', gewicht: 8 },
    { naam: 'Oosterveen', code: 'GM9003', gewicht: 10 },
    { naam: 'Zuidhaven', code: 'GM9004', gewicht: 12 },
    { naam: 'Westerbroek', code: 'GM9005', gewicht: 7 },
    { naam: 'Heidewijk', code: 'GM9006', gewicht: 6 },
    { naam: 'Rivierstede', code: 'GM9007', gewicht: 11 },
    { naam: 'Duinkerke', code: 'GM9008', gewicht: 6 },
  ],
  corporaties: ['Woonstede Rivierland', 'Thuisbaas Wonen', 'De Woonkring'],
  aanbieders: ['RIBW Rivierland', 'Leger des Heils Rivierland', 'Kompas Verslavingszorg', 'Jeugdhuis Perspectief'],
  aantalClienten: 800,
  aantalWoningen: 400,
  seed: 20261124,
  emailDomein: 'demo',
};

/**
 * The demo's other two regions (issue 15: the national comparison needs more than one region): a rural region
 * with many small gemeenten and few clients, and a compact urban one with a large share of MO and youth.
 * Different seeds, sizes and names, so every e-mail address stays unique.
 */
export const DEMO_REGIOS_EXTRA: Omit<SeedOpties, 'peildatum' | 'wachtwoordHash' | 'versleuteling'>[] = [
  {
    regioNaam: 'Regio Heuvelland',
    gemeenten: [
      { naam: 'Bergstad', code: 'GM9201', gewicht: 30 },
      { naam: 'Dalen', code: 'GM9202', gewicht: 6 },
      { naam: 'Hoogveld', code: 'GM9203', gewicht: 5 },
      { naam: 'Kloosterhaar', code: 'GM9204', gewicht: 4 },
      { naam: 'Steenwaard', code: 'GM9205', gewicht: 3 },
      { naam: 'Wouderberg', code: 'GM9206', gewicht: 2 },
    ],
    corporaties: ['Heuvelwonen', 'Woonbron Dalen'],
    aanbieders: ['RIBW Heuvelland', 'Opvang Bergstad'],
    aantalClienten: 260,
    aantalWoningen: 150,
    seed: 20261125,
    emailDomein: 'demo',
  },
  {
    regioNaam: 'Regio Deltastad',
    gemeenten: [
      { naam: 'Deltastad', code: 'GM9301', gewicht: 70 },
      { naam: 'Havenmond', code: 'GM9302', gewicht: 15 },
      { naam: 'Slikkerveer-Oost', code: 'GM9303', gewicht: 9 },
    ],
    corporaties: ['Delta Woondiensten', 'Stadswonen Delta', 'Havenmond Wonen'],
    aanbieders: ['GGZ Delta Beschermd Wonen', 'Leger des Heils Deltastad', 'Jongerenhuis Delta'],
    aantalClienten: 480,
    aantalWoningen: 220,
    seed: 20261126,
    emailDomein: 'demo',
  },
];

/**
 * The national body (ADR 0027): an organisation of soort `landelijk` in its own region without gemeenten, so the
 * session model (every user has an organisation and a region) holds; it sees suppressed aggregates of every region.
 */
export const DEMO_LANDELIJK = { regioNaam: 'Landelijk', organisatie: 'Landelijk Platform BW-MO', emailDomein: 'demo' };

export async function seedLandelijk(db: Db, o: { regioNaam: string; organisatie: string; emailDomein: string; wachtwoordHash: string; versleuteling: Versleuteling }): Promise<DemoLogin[]> {
  const [regio] = await db.insert(s.regios).values({ naam: o.regioNaam }).returning();
  const [org] = await db.insert(s.organisaties).values({ regioId: regio!.id, naam: o.organisatie, soort: 'landelijk' }).returning();
  const rollen: [string, Rol][] = [['beheer', 'beheerder'], ['lezer', 'alleen_lezen']];
  const logins: DemoLogin[] = [];
  for (const [prefix, rol] of rollen) {
    const email = `${prefix}@${slug(o.organisatie)}.${o.emailDomein}`;
    const [g] = await db
      .insert(s.gebruikers)
      .values({ organisatieId: org!.id, email, naam: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${o.organisatie}`, rol, wachtwoordHash: o.wachtwoordHash })
      .returning();
    if (mfaVerplicht({ gebruikerId: g!.id, organisatieId: org!.id, regioId: regio!.id, soort: 'landelijk', rol })) {
      await db.insert(s.gebruikerMfa).values({ gebruikerId: g!.id, geheimVersleuteld: o.versleuteling.versleutel(DEMO_TOTP_GEHEIM), ingeschreven: new Date() });
    }
    logins.push({ email, organisatie: o.organisatie, soort: 'landelijk', rol });
  }
  return logins;
}

export interface DemoLogin {
  email: string;
  organisatie: string;
  soort: OrganisatieSoort;
  rol: Rol;
}

export interface SeedResultaat {
  regioId: string;
  organisaties: Record<string, { id: string; soort: OrganisatieSoort }>;
  logins: DemoLogin[];
  aantallen: { clienten: number; events: number; woningen: number; plaatsingen: number; afspraken: number };
}

export type Voortgang = (stap: string, klaar: number, totaal: number) => void;

const VOORNAMEN = ['Sanne', 'Daan', 'Fatima', 'Mohamed', 'Lotte', 'Jeroen', 'Ayoub', 'Priya', 'Kevin', 'Noor', 'Bram', 'Esra', 'Ricardo', 'Marieke', 'Tom', 'Yara', 'Sem', 'Iris', 'Dewi', 'Henk', 'Anouk', 'Kofi', 'Lars', 'Mila', 'Youssef', 'Ingrid', 'Stefan', 'Zeynep', 'Ruben', 'Femke'];
const ACHTERNAMEN = ['de Vries', 'Jansen', 'Bakker', 'El Amrani', 'Visser', 'Smit', 'Meijer', 'Yilmaz', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Kaya', 'Dekker', 'Brouwer', 'de Groot', 'Mahabier', 'Koster', 'Willems', 'Postma', 'Boateng', 'van Leeuwen'];
const WIJKNAMEN = ['Centrum', 'Noord', 'Zuid', 'De Akkers', 'Oude Haven', 'Molenwijk', 'Het Veld', 'Bloemenbuurt', 'Stationskwartier', 'De Hoven'];
const STRATEN = ['Lindelaan', 'Kerkstraat', 'Dijkweg', 'Molenstraat', 'Beukenhof', 'Sportlaan', 'Havenkade', 'Schoolstraat', 'Populierenweg', 'Marktplein', 'Esdoornlaan', 'Vlietweg'];

const NIVEAU_PER_DOELGROEP: Record<Doelgroep, (readonly [Niveau, number])[]> = {
  ggz: [['bw_intramuraal', 6], ['beschermd_thuis', 3], ['ambulant', 1]],
  verslaving: [['bw_intramuraal', 4], ['mo_24uurs', 4], ['ambulant', 2]],
  lvb: [['bw_intramuraal', 5], ['beschermd_thuis', 5]],
  dakloos: [['mo_nachtopvang', 5], ['mo_24uurs', 5]],
  jeugd_uitstroom: [['beschermd_thuis', 6], ['bw_intramuraal', 4]],
};
const LICHTER: Partial<Record<Niveau, Niveau[]>> = {
  bw_intramuraal: ['beschermd_thuis', 'ambulant'],
  mo_24uurs: ['beschermd_thuis', 'ambulant'],
  beschermd_thuis: ['ambulant'],
  mo_nachtopvang: ['ambulant'],
};

// staff names share no first or last name with the clients' (a test that a page shows no client name stays exact)
const STAF_VOORNAMEN = ['Anton', 'Bregje', 'Chantal', 'Dirk', 'Eline', 'Floor', 'Gert', 'Hanneke', 'Jorien', 'Karim', 'Linda', 'Maarten', 'Nadia', 'Olaf', 'Petra', 'Rik', 'Tessa'];
const STAF_ACHTERNAMEN = ['Verhoeven', 'Schouten', 'Kuipers', 'Prins', 'Huisman', 'Veenstra', 'Kramer', 'van den Berg', 'Wolters', 'Sedney', 'Bouzid', 'Lammers', 'Timmer', 'Maas', 'Ottens', 'Zwart', 'Groen', 'Haan', 'Ramdin'];
/** Demo staff names, the same on every seed: 17 × 19 combinations before one repeats. */
const demoPersoon = (i: number) => `${STAF_VOORNAMEN[i % STAF_VOORNAMEN.length]} ${STAF_ACHTERNAMEN[i % STAF_ACHTERNAMEN.length]}`;

function slug(naam: string) {
  return naam.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Valid BSN (elfproef), so imports and validation see realistic numbers. */
function bsn(r: Prng): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => r.int(0, 9));
    d[0] = r.int(1, 6);
    const som = d.reduce((acc, v, i) => acc + v * (9 - i), 0);
    const laatste = som % 11;
    if (laatste <= 9) return [...d, laatste].join('');
  }
}

function simuleerTraject(r: Prng, doelgroep: Doelgroep, start: string, peildatum: string): TrajectEvent[] {
  const events: TrajectEvent[] = [];
  let t: Toestand = BEGIN_TOESTAND;
  let datum = start;
  const voegToe = (e: Omit<TrajectEvent, 'datum'>, naDagen: number): boolean => {
    const volgende = plusDagen(datum, naDagen);
    if (volgende > peildatum) return false;
    const event = { ...e, datum: volgende };
    t = pasToe(t, event);
    events.push(event);
    datum = volgende;
    return true;
  };
  // each step may run past the peildatum; the history then simply stops there
  (() => {
    if (!voegToe({ soort: 'aanmelding' }, 0)) return;
    if (!voegToe({ soort: 'beoordeling', urgentie: r.weighted([[0, 6], [1, 3], [2, 2], [3, 1]]) }, r.int(5, 30))) return;
    if (r.chance(0.04)) { voegToe({ soort: 'uitval' }, r.int(1, 30)); return; }
    const niveau = r.weighted(NIVEAU_PER_DOELGROEP[doelgroep]);
    if (!voegToe({ soort: 'indicatie', niveau }, r.int(3, 25))) return;
    if (!voegToe({ soort: 'instroom', niveau }, niveau === 'mo_nachtopvang' ? r.int(0, 10) : r.int(14, 220))) return;
    if (r.chance(0.35) && LICHTER[niveau]) {
      if (!voegToe({ soort: 'doorstroom', niveau: r.pick(LICHTER[niveau]!) }, r.int(90, 500))) return;
    }
    if (r.chance(0.07)) { voegToe({ soort: 'uitval' }, r.int(20, 300)); return; }
    if (r.chance(0.75)) {
      if (!voegToe({ soort: 'uitstroomklaar' }, r.int(90, 600))) return;
      if (r.chance(0.05) && t.niveau && t.niveau !== 'bw_intramuraal') {
        if (!voegToe({ soort: 'terugval', niveau: 'bw_intramuraal' }, r.int(10, 120))) return;
        if (!voegToe({ soort: 'uitstroomklaar' }, r.int(120, 400))) return;
      }
    }
    const bestemming: Bestemming = r.weighted([
      ['zelfstandige_woning', 50], ['woning_met_begeleiding', 22], ['familie_netwerk_tijdelijk', 6], ['familie_netwerk_blijvend', 4], ['andere_regio', 6], ['detentie_kliniek', 4], ['onbekend', 8],
    ]);
    if (!voegToe({ soort: 'uitstroom', bestemming }, r.int(30, 420))) return;
    // roughly one in eight returns to BW/MO; half of those within a year
    if (!r.chance(0.12)) return;
    if (!voegToe({ soort: 'terugval', niveau: r.weighted(NIVEAU_PER_DOELGROEP[doelgroep]) }, r.int(40, 700))) return;
    if (!voegToe({ soort: 'uitstroomklaar' }, r.int(60, 400))) return;
    if (!voegToe({ soort: 'uitstroom', bestemming: r.pick(['zelfstandige_woning', 'woning_met_begeleiding'] as const) }, r.int(30, 300))) return;
  })();
  return events;
}

/**
 * Who registered each event and when: the aanbieder's consulent for care events, the centrumgemeente's toegang for
 * the rest, mostly on the day itself and sometimes weeks later (the data-quality view counts the lateness). A PRNG of
 * its own, so the rest of the demo stays exactly as it was.
 */
function registratie(
  events: (typeof s.trajectEvents.$inferInsert)[],
  gebruikers: { id: string; email: string; organisatieId: string; rol: string }[],
  centrumId: string,
  peildatum: string,
  seed: number,
) {
  const r = prng((seed ^ 0x7e61_57e4) >>> 0);
  const vanRol = (organisatieId: string | null | undefined, rollen: string[]) => gebruikers.find((g) => g.organisatieId === organisatieId && rollen.includes(g.rol))?.id ?? null;
  const toegang = vanRol(centrumId, ['medewerker_toegang']);
  const zorg = new Map<string, string | null>();
  for (const e of events) {
    const aanbieder = e.aanbiederId ?? null;
    if (aanbieder && !zorg.has(aanbieder)) zorg.set(aanbieder, vanRol(aanbieder, ['consulent', 'medewerker_toegang']));
    const zorgEvent = ['instroom', 'doorstroom', 'uitstroomklaar', 'uitstroom', 'terugval'].includes(e.soort);
    e.doorGebruikerId = zorgEvent && aanbieder ? (zorg.get(aanbieder) ?? toegang) : toegang;
    const laat = r.weighted([[0, 55], [r.int(1, 3), 22], [r.int(4, 6), 10], [r.int(7, 10), 7], [r.int(11, 60), 6]] as const);
    const dag = plusDagen(e.datum, laat) > peildatum ? peildatum : plusDagen(e.datum, laat);
    e.geregistreerd = new Date(`${dag}T${String(8 + r.int(0, 9)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+01:00`);
  }
}

/** Builds one complete BW/MO region: organisations, users, clients with history, homes and agreements. */
export async function seedRegio(db: Db, o: SeedOpties, voortgang?: Voortgang): Promise<SeedResultaat> {
  const r = prng(o.seed);
  const [regio] = await db.insert(s.regios).values({ naam: o.regioNaam }).returning();
  const regioId = regio!.id;

  const orgDefs: { naam: string; soort: OrganisatieSoort; gemeenteCode?: string; agbCode?: string }[] = [
    ...o.gemeenten.map((g, i) => ({ naam: g.naam, soort: (i === 0 ? 'centrumgemeente' : 'regiogemeente') as OrganisatieSoort, gemeenteCode: g.code })),
    ...o.corporaties.map((naam) => ({ naam, soort: 'woningcorporatie' as const })),
    // AGB codes for the iWmo import (demo values: 7300000 and the aanbieder's position)
    ...o.aanbieders.map((naam, i) => ({ naam, soort: 'aanbieder' as const, agbCode: `7300000${i + 1}` })),
  ];
  const orgRijen = await db.insert(s.organisaties).values(orgDefs.map((d) => ({ ...d, regioId }))).returning();
  const organisaties: SeedResultaat['organisaties'] = {};
  for (const org of orgRijen) organisaties[org.naam] = { id: org.id, soort: org.soort as OrganisatieSoort };

  const rollenPerSoort: Record<OrganisatieSoort, [string, Rol][]> = {
    centrumgemeente: [['beheer', 'beheerder'], ['toegang', 'medewerker_toegang'], ['consulent', 'consulent'], ['lezer', 'alleen_lezen']],
    regiogemeente: [['beheer', 'beheerder'], ['toegang', 'medewerker_toegang'], ['lezer', 'alleen_lezen']],
    woningcorporatie: [['beheer', 'beheerder'], ['consulent', 'consulent'], ['lezer', 'alleen_lezen']],
    aanbieder: [['beheer', 'beheerder'], ['consulent', 'consulent'], ['toegang', 'medewerker_toegang']],
    landelijk: [['beheer', 'beheerder'], ['lezer', 'alleen_lezen']],
  };
  const logins: DemoLogin[] = [];
  let persoon = 0;
  const gebruikerRijen = orgRijen.flatMap((org) =>
    rollenPerSoort[org.soort as OrganisatieSoort].map(([prefix, rol]) => {
      const email = `${prefix}@${slug(org.naam)}.${o.emailDomein}`;
      logins.push({ email, organisatie: org.naam, soort: org.soort as OrganisatieSoort, rol });
      // a person's name, not "Consulent Kompas Verslavingszorg": a corporatie sees the aanbieder's contact person by
      // name, and the organisation's name may not travel along in it
      return { organisatieId: org.id, email, naam: demoPersoon(persoon++), rol, wachtwoordHash: o.wachtwoordHash };
    }),
  );
  const gebruikers = await db.insert(s.gebruikers).values(gebruikerRijen).returning({ id: s.gebruikers.id, email: s.gebruikers.email, organisatieId: s.gebruikers.organisatieId, rol: s.gebruikers.rol });
  const soortVan = new Map(orgRijen.map((org) => [org.id, org.soort as OrganisatieSoort]));
  const moetMfa = gebruikers.filter((g) =>
    mfaVerplicht({ gebruikerId: g.id, organisatieId: g.organisatieId, regioId, soort: soortVan.get(g.organisatieId)!, rol: g.rol as Rol }),
  );
  if (moetMfa.length) {
    await db.insert(s.gebruikerMfa).values(moetMfa.map((g) => ({ gebruikerId: g.id, geheimVersleuteld: o.versleuteling.versleutel(DEMO_TOTP_GEHEIM), ingeschreven: new Date() })));
  }
  voortgang?.('organisaties', orgRijen.length, orgRijen.length);

  const gemeenteIds = o.gemeenten.map((g) => organisaties[g.naam]!.id);
  const centrumId = gemeenteIds[0]!;
  const gemeenteGewichten = o.gemeenten.map((g, i) => [gemeenteIds[i]!, g.gewicht] as const);
  const corporatieIds = o.corporaties.map((n) => organisaties[n]!.id);
  const aanbiederIds = o.aanbieders.map((n) => organisaties[n]!.id);
  const aanbiederVoor = (d: Doelgroep) =>
    aanbiederIds[{ ggz: 0, lvb: 0, dakloos: 1, verslaving: 2, jeugd_uitstroom: 3 }[d] % aanbiederIds.length]!;

  // Homes: each gemeente has wijken; each corporatie owns complexes in some wijken.
  const wijkenPer = new Map<string, string[]>();
  o.gemeenten.forEach((g, i) => wijkenPer.set(gemeenteIds[i]!, WIJKNAMEN.slice(0, Math.max(2, Math.min(WIJKNAMEN.length, Math.round(g.gewicht / 4))))));
  // Not every corporatie owns homes in every gemeente; where it does, it has a reserveringsafspraak.
  const werktIn = (gi: number, ci: number) => gi === 0 || corporatieIds.length < 3 || (gi + ci) % 3 !== 2;
  type WoningRij = typeof s.woningen.$inferInsert;
  const woningRijen: WoningRij[] = [];
  let adresNr = 1;
  const nieuweWoning = (gemeenteId: string, type: string, beschikbaarPer: string, status: string): WoningRij => {
    const wijk = r.pick(wijkenPer.get(gemeenteId)!);
    const gi = gemeenteIds.indexOf(gemeenteId);
    const corporatieId = r.pick(corporatieIds.filter((_, ci) => werktIn(gi, ci)));
    const straat = STRATEN[(wijk.length + corporatieIds.indexOf(corporatieId) * 3 + r.int(0, 2)) % STRATEN.length]!;
    const gemeenteNaam = o.gemeenten[gemeenteIds.indexOf(gemeenteId)]!.naam;
    const kamers = type === 'onzelfstandig' ? 1 : type === 'jongeren_cluster' ? r.int(1, 2) : r.int(1, 4);
    const rij: WoningRij = {
      regioId,
      corporatieId,
      gemeenteId,
      adres: `${straat} ${adresNr++}, ${gemeenteNaam}`,
      wijk,
      complex: `${straat} blok ${r.int(1, 4)} (${wijk})`,
      type,
      kamers,
      huurCenten: (r.int(420, 560) + kamers * r.int(40, 90)) * 100,
      toegankelijk: r.chance(0.2),
      beschikbaarPer,
      status,
    };
    woningRijen.push(rij);
    return rij;
  };
  const woningType = () =>
    r.weighted([['zelfstandig', 60], ['onzelfstandig', 10], ['jongeren_cluster', 12], ['beschermd_thuis_cluster', 10], ['prikkelarm', 8]] as const);

  type ClientRij = typeof s.clienten.$inferInsert & { id: string };
  type EventRij = typeof s.trajectEvents.$inferInsert;
  type PlaatsingRij = typeof s.plaatsingen.$inferInsert;
  const clientRijen: ClientRij[] = [];
  const namen: { clientId: string; naam: string }[] = [];
  const grondslagClienten: SeedGrondslagClient[] = [];
  const eventRijen: EventRij[] = [];
  const plaatsingRijen: PlaatsingRij[] = [];
  const peil = o.peildatum;
  const vroegsteStart = plusDagen(peil, -3 * 365 - 400);

  for (let i = 0; i < o.aantalClienten; i++) {
    const id = crypto.randomUUID();
    const doelgroep: Doelgroep = r.weighted([['ggz', 40], ['verslaving', 15], ['lvb', 10], ['dakloos', 22], ['jeugd_uitstroom', 13]] as const);
    const herkomst = r.weighted(gemeenteGewichten);
    const leeftijd = doelgroep === 'jeugd_uitstroom' ? r.int(18, 23) : r.weighted([[r.int(18, 24), 2], [r.int(25, 44), 5], [r.int(45, 70), 3]] as const);
    const geboortedatum = plusDagen(peil, -leeftijd * 365 - r.int(0, 360));
    const start = plusDagen(vroegsteStart, r.int(0, 3 * 365 + 380));
    const events = simuleerTraject(r, doelgroep, start, peil);
    grondslagClienten.push({ id, externId: `TG-${o.seed % 1000}-${i + 1}`, events });
    const intramuraal = events.some((e) => e.niveau === 'bw_intramuraal' || e.niveau === 'mo_24uurs' || e.niveau === 'mo_nachtopvang');
    const naam = `${r.pick(VOORNAMEN)} ${r.pick(ACHTERNAMEN)}`;
    namen.push({ clientId: id, naam });
    const bsnNummer = bsn(r);
    const aanbiederId = aanbiederVoor(doelgroep);
    const urgentie = events.filter((e) => e.soort === 'beoordeling').at(-1)?.urgentie ?? 0;
    clientRijen.push({
      id,
      regioId,
      pseudoniem: `C-${(o.seed % 9973).toString(36).toUpperCase()}${(i + 1).toString().padStart(5, '0')}`,
      externId: `TG-${o.seed % 1000}-${i + 1}`,
      naamVersleuteld: o.versleuteling.versleutel(naam),
      bsnVersleuteld: o.versleuteling.versleutel(bsnNummer),
      bsnHash: o.versleuteling.zoekHash(bsnNummer),
      geboortedatum,
      herkomstgemeenteId: herkomst,
      huidigeGemeenteId: intramuraal && r.chance(0.7) ? centrumId : herkomst,
      doelgroep,
      aanbiederId,
      urgentie,
      risicoNotitiesVersleuteld: r.chance(0.25)
        ? o.versleuteling.versleutel(r.pick(['Agressie bij prikkeloverlast; vaste contactpersoon.', 'Terugvalrisico middelengebruik.', 'Schulden in beeld bij budgetbeheer.', 'Let op: eerdere huisuitzetting wegens overlast.']))
        : null,
      woonwensen: { gemeenten: [herkomst], minKamers: r.int(1, 2), toegankelijk: r.chance(0.08) },
    });
    let lopendePlaatsing: PlaatsingRij | null = null;
    for (const e of events) {
      // a return to care ends the lease of the home the client had moved into
      if (e.soort === 'terugval' && lopendePlaatsing) {
        lopendePlaatsing.einddatum = e.datum;
        lopendePlaatsing = null;
      }
      eventRijen.push({ clientId: id, regioId, soort: e.soort, datum: e.datum, niveau: e.niveau ?? null, bestemming: e.bestemming ?? null, urgentie: e.urgentie ?? null, gemeenteId: herkomst, aanbiederId });
      if (e.soort === 'uitstroom' && (e.bestemming === 'zelfstandige_woning' || e.bestemming === 'woning_met_begeleiding')) {
        const woning = nieuweWoning(herkomst, doelgroep === 'jeugd_uitstroom' ? 'jongeren_cluster' : e.bestemming === 'woning_met_begeleiding' ? 'beschermd_thuis_cluster' : 'zelfstandig', plusDagen(e.datum, -14), 'bewoond');
        const constructie: HuurconstructieSoort = r.weighted(HUURCONSTRUCTIE_SOORTEN.map((c, k) => [c, [5, 3, 4, 1, 3, 2][k]!] as const));
        lopendePlaatsing = {
          regioId,
          woningId: '', // filled after homes are inserted
          clientId: id,
          aanbiederId,
          huurconstructie: constructie,
          startdatum: e.datum,
          omklapdatum: HUURCONSTRUCTIES[constructie].scharnier ? maandenLater(e.datum, HUURCONSTRUCTIES[constructie].scharnier!.soort === 'omklap' ? 12 : 6) : null,
          voorwaarden: Object.fromEntries(HUURCONSTRUCTIES[constructie].verplichteVoorwaarden.map((v) => [v, 'Vastgelegd volgens regionale procesafspraak'])),
          _woning: woning,
        } as PlaatsingRij & { _woning: WoningRij };
        plaatsingRijen.push(lopendePlaatsing);
      }
    }
  }
  // Available supply: the rest of the homes, most of them occupied by regular tenants.
  while (woningRijen.length < o.aantalWoningen) {
    const status = r.weighted([['bewoond', 70], ['beschikbaar', 24], ['gereserveerd', 6]] as const);
    nieuweWoning(r.weighted(gemeenteGewichten), woningType(), status === 'beschikbaar' ? plusDagen(peil, r.int(-30, 60)) : plusDagen(peil, -r.int(30, 900)), status);
  }

  zetWoonsituaties(eventRijen, new Map(clientRijen.map((c) => [c.id!, c.doelgroep as Doelgroep])), o.seed);
  registratie(eventRijen, gebruikers, centrumId, peil, o.seed);
  await insertInDelen(db, s.clienten, clientRijen, 'cliënten', voortgang);
  await schrijfNaamIndex(db, namen, o.versleuteling);
  await insertInDelen(db, s.trajectEvents, eventRijen, 'gebeurtenissen', voortgang);
  const toegang = gebruikers.find((g) => g.email === `toegang@${slug(o.gemeenten[0]!.naam)}.${o.emailDomein}`)!;
  await seedGrondslagen(db, { regioId, peildatum: peil, door: toegang.id, organisatieId: centrumId, clienten: grondslagClienten });
  await seedZrm(db, { regioId, organisatieId: centrumId, door: toegang.id, peildatum: peil, seed: o.seed, versleuteling: o.versleuteling, clienten: grondslagClienten.map((g, i) => ({ id: g.id, events: g.events, doelgroep: clientRijen[i]!.doelgroep as Doelgroep })) });
  // ids made here, as for the clients: the placements refer to them without reading them back
  for (const w of woningRijen) w.id = crypto.randomUUID();
  await insertInDelen(db, s.woningen, woningRijen, 'woningen', voortgang);
  const woningId = new Map(woningRijen.map((w) => [w, w.id!]));
  const plaatsingen = plaatsingRijen.map((p) => {
    const { _woning, ...rest } = p as PlaatsingRij & { _woning: WoningRij };
    return { ...rest, woningId: woningId.get(_woning)! };
  });

  // Reserveringsafspraken for the last three years, in line with what was realised: past years close
  // to the promise, the current year with room left for the matching rounds still to come.
  const peilJaar = Number(peil.slice(0, 4));
  const gerealiseerd = new Map<string, number>();
  const perComplex = new Map<string, number>();
  const perWijk = new Map<string, number>();
  const tel = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of plaatsingRijen) {
    const w = (p as PlaatsingRij & { _woning: WoningRij })._woning;
    const jaar = p.startdatum.slice(0, 4);
    tel(gerealiseerd, `${jaar}|${w.gemeenteId}|${w.corporatieId}`);
    tel(perComplex, `${jaar}|${w.complex}`);
    tel(perWijk, `${jaar}|${w.gemeenteId}|${w.wijk}`);
  }
  // One spreading rule for the whole region, loose enough for what already happened.
  const maxPerComplex = Math.max(3, ...perComplex.values()) + 1;
  const maxPerWijk = Math.max(6, ...perWijk.values()) + 2;
  const dagInJaar = Math.max(30, dagenTussen(`${peilJaar}-01-01`, peil));
  const afspraakRijen: (typeof s.reserveringsafspraken.$inferInsert)[] = [];
  for (let jaar = peilJaar - 2; jaar <= peilJaar; jaar++) {
    gemeenteIds.forEach((gemeenteId, gi) => {
      corporatieIds.forEach((corporatieId, ci) => {
        if (!werktIn(gi, ci)) return;
        const realisatie = gerealiseerd.get(`${jaar}|${gemeenteId}|${corporatieId}`) ?? 0;
        const aantal = jaar < peilJaar ? realisatie + r.int(0, 2) : Math.round((realisatie * 365) / dagInJaar) + r.int(1, 3);
        afspraakRijen.push({
          regioId,
          jaar,
          gemeenteId,
          corporatieId,
          aantal: Math.max(1, aantal),
          maxPerComplex,
          maxPerWijk,
          begeleiding: r.pick(['Ambulante begeleiding minimaal 1 jaar door de aanbieder', 'Beschermd Thuis: 24/7 bereikbaar, wekelijks contact', 'Housing First-team, intensieve begeleiding', 'Woonbegeleiding 2 uur per week, afschalen na evaluatie']),
        });
      });
    });
  }
  await db.insert(s.reserveringsafspraken).values(afspraakRijen);
  // prioritisation policy (ADR 0037): version 1 is the standard weights, set by the centrumgemeente's beheerder
  const beheerder = gebruikers.find((g) => g.organisatieId === centrumId && g.rol === 'beheerder');
  await db.insert(s.beleidVersies).values({
    regioId,
    versie: 1,
    gewichten: { ...STANDAARD_BELEID.gewichten },
    volgorde: [],
    toelichting: 'Startversie: de standaardgewichten van Doorstroom (wachttijd, urgentie, voorkeursgemeente en spreiding gewogen).',
    auteurId: beheerder?.id ?? null,
  });
  await insertInDelen(db, s.plaatsingen, plaatsingen, 'plaatsingen', voortgang);
  await seedBegeleidingen(db, { regioId, peildatum: peil, seed: o.seed, versleuteling: o.versleuteling, door: toegang.id });

  const capaciteit: (typeof s.beschermdThuisCapaciteit.$inferInsert)[] = [];
  for (let jaar = peilJaar - 2; jaar <= peilJaar; jaar++) {
    gemeenteIds.forEach((gemeenteId, gi) => {
      const doel = Math.max(4, Math.round(o.gemeenten[gi]!.gewicht * 1.2));
      capaciteit.push({
        regioId,
        gemeenteId,
        aanbiederId: aanbiederIds[gi % 2 === 0 ? 0 : Math.min(3, aanbiederIds.length - 1)]!,
        jaar,
        doelPlekken: doel,
        plekken: gi === 0 ? doel : Math.max(0, Math.round(doel * ((jaar - peilJaar + 3) / 4)) - (gi % 3)),
      });
    });
  }
  await db.insert(s.beschermdThuisCapaciteit).values(capaciteit);
  await herberekenIntervallen(db, clientRijen.map((c) => c.id), (klaar, totaal) => voortgang?.('monitor', klaar, totaal));
  await seedSignalen(db, { regioId, organisaties, peildatum: peil, seed: o.seed });
  await seedVoorstellen(db, { regioId, organisaties, peildatum: peil, seed: o.seed });
  await seedVerdeelmodel(db, regioId, o.regioNaam);
  // a seed changes the table sizes by orders of magnitude: plans made for empty tables would scan (PGlite)
  await analyseer(db);

  return {
    regioId,
    organisaties,
    logins,
    aantallen: { clienten: clientRijen.length, events: eventRijen.length, woningen: woningRijen.length, plaatsingen: plaatsingen.length, afspraken: afspraakRijen.length },
  };
}
