/**
 * Typen voor de plaatsingsmotor (matching) van Doorstroom.
 * Puur domein: geen I/O, geen imports uit db/api.
 */

export type WoningType = 'zelfstandig' | 'onzelfstandig' | 'jongeren_cluster' | 'beschermd_thuis_cluster' | 'prikkelarm';
export type Ondersteuning = 'bw_intramuraal' | 'beschermd_thuis' | 'ambulant' | 'mo_nachtopvang' | 'mo_24uurs';

export interface MatchKandidaat {
  id: string;
  herkomstgemeenteId: string;
  /** Acceptabele gemeenten voor de woning, op volgorde van voorkeur (eerste = beste). */
  gemeentePreferenties: string[];
  /** Jongeren = 18..24. */
  leeftijd: number;
  woningTypes: WoningType[];
  minKamers: number;
  toegankelijkNodig: boolean;
  /** 'beschermd_thuis' mag in beschermd_thuis_cluster, anderen niet. */
  ondersteuning: Ondersteuning;
  /** Dagen wachtend sinds uitstroomklaar. */
  wachtdagen: number;
  /** 3 = meest urgent. */
  urgentie: 0 | 1 | 2 | 3;
  /** ZRM-gereedheid (geheel getal 0..30, zie `beleid.ts`); alleen van belang als het beleid er gewicht aan geeft. */
  zrm?: number;
}

export interface MatchWoning {
  id: string;
  corporatieId: string;
  gemeenteId: string;
  wijk: string;
  complex: string;
  type: WoningType;
  kamers: number;
  toegankelijk: boolean;
}

/** Woningen die deze corporatie dit jaar in deze gemeente nog voor uitstroom toezegt. Zonder regel: niet bruikbaar. */
export interface Reserveringsquotum {
  gemeenteId: string;
  corporatieId: string;
  resterend: number;
  /**
   * Eigen maximum per complex van deze afspraak (inclusief al geplaatst). Geldt voor de woningen van de
   * afspraak (hun gemeente + corporatie) in plaats van `Spreidingsregels.maxPerComplex`; telt per
   * (gemeente, corporatie, wijk, complex), zoals handmatig plaatsen. Zie docs/adr/0033.
   */
  maxPerComplex?: number;
  /**
   * Eigen maximum per wijk van deze afspraak (inclusief al geplaatst), geteld over de woningen van deze
   * afspraak in die wijk (gemeente + corporatie + wijk); in plaats van `Spreidingsregels.maxPerWijk`.
   */
  maxPerWijk?: number;
}

/**
 * Spreidingsregels voor de regio: gelden voor woningen waarvan de afspraak (quotumregel) geen eigen maximum
 * heeft. Een afspraak met een eigen `maxPerComplex`/`maxPerWijk` vervangt de regioregel voor haar woningen.
 */
export interface Spreidingsregels {
  /** Max plaatsingen per complex per jaar (inclusief al geplaatst). */
  maxPerComplex: number;
  /** Max plaatsingen per wijk (gemeenteId+wijk) per jaar (inclusief al geplaatst). */
  maxPerWijk: number;
  alGeplaatstPerComplex: Record<string, number>;
  /** Sleutel `${gemeenteId}|${wijk}`. */
  alGeplaatstPerWijk: Record<string, number>;
  /** Al geplaatst dit jaar per `${gemeenteId}|${corporatieId}|${wijk}|${complex}` (voor afspraken met een eigen complexmaximum). */
  alGeplaatstPerAfspraakComplex?: Record<string, number>;
  /** Al geplaatst dit jaar per `${gemeenteId}|${corporatieId}|${wijk}` (voor afspraken met een eigen wijkmaximum). */
  alGeplaatstPerAfspraakWijk?: Record<string, number>;
}

/**
 * Gewichten van de doelfunctie (zie `objectief.ts` voor de exacte formule).
 * Alle gewichten worden afgerond op gehele getallen zodat de optimalisatie exact (integer) rekent.
 */
export interface Gewichten {
  /** Basiswaarde van elke plaatsing; domineert zodat vrijwel altijd het maximale aantal plaatsingen wordt gekozen. */
  basis: number;
  /** Punten per wachtdag (tot `maxWachtdagen`). */
  perWachtdag: number;
  /** Plafond voor wachtdagen in de score. */
  maxWachtdagen: number;
  /** Punten per urgentieniveau (0..3). */
  perUrgentie: number;
  /** Aftrek per voorkeurspositie van de woninggemeente (0 = eerste voorkeur). */
  rangStraf: number;
  /** Bonus per plaatsing van een herkomstgemeente zolang die onder haar eerlijk aandeel blijft (concave spreidingsterm). */
  spreidingsBonus: number;
  /** Punten per punt ZRM-gereedheid van de kandidaat (0 = telt niet). */
  perZrm: number;
}

export interface MatchInvoer {
  kandidaten: MatchKandidaat[];
  woningen: MatchWoning[];
  quota: Reserveringsquotum[];
  spreiding: Spreidingsregels;
  gewichten?: Partial<Gewichten>;
}

/** Een toewijzing kandidaat → woning zonder uitleg (vergelijkbaar tussen solvers). */
export interface Toewijzing {
  kandidaatId: string;
  woningId: string;
}

export interface Uitleg {
  /** Nederlandse, leesbare uitleg. */
  tekst: string;
  /** Losse redenen (waarom deze kandidaat / waarom deze woning). */
  redenen: string[];
  /** Regels die bindend waren (quotum uitgeput, complexmaximum, wijkmaximum, ...). */
  bindendeRegels: string[];
}

export interface Voorstel extends Toewijzing {
  /** Waarde van deze plaatsing in de doelfunctie (zonder spreidingsbonus, die is per gemeente). */
  score: number;
  /** 0 = eerste voorkeursgemeente. */
  gemeenteRang: number;
  uitleg: Uitleg & {
    wachtdagen: number;
    urgentie: number;
    herkomstgemeenteId: string;
    woningGemeenteId: string;
    corporatieId: string;
    complex: string;
    wijk: string;
  };
}

export type NietGeplaatstReden =
  | 'geen_passende_woning'
  | 'quotum_uitgeput'
  | 'spreiding'
  | 'lagere_prioriteit';

export interface NietGeplaatst {
  kandidaatId: string;
  reden: NietGeplaatstReden;
  uitleg: Uitleg;
}

export interface MatchStatistiek {
  methode: 'netwerk-simplex' | 'netwerk-simplex+lagrange' | 'greedy' | 'highs-exact';
  kandidaten: number;
  woningen: number;
  /** Woningen met een quotumregel voor hun (gemeente, corporatie). */
  bruikbareWoningen: number;
  geplaatst: number;
  perHerkomstgemeente: Record<string, { kandidaten: number; geplaatst: number; eerlijkAandeel: number }>;
  /** Grootte van het geaggregeerde netwerk. */
  knopen?: number;
  bogen?: number;
  pivots?: number;
  lagrangeIteraties?: number;
  /** Rondes van de kolomgeneratie over profielen (0 = direct het volledige netwerk). */
  prijsrondes?: number;
  /** Knopen die de exacte terugval (vertakken en begrenzen) doorzocht; 0 als de Lagrange-grens al sloot. */
  vertakKnopen?: number;
  /** Bewezen bovengrens voor het optimum (Lagrange-duaal); gelijk aan `objectief` als optimaal bewezen. */
  bovengrens?: number;
  /** Relatieve afstand tot de bovengrens: (bovengrens - objectief) / bovengrens. */
  gap?: number;
  optimaalBewezen?: boolean;
}

export interface MatchResultaat {
  voorstellen: Voorstel[];
  nietGeplaatst: NietGeplaatst[];
  objectief: number;
  statistiek: MatchStatistiek;
}
