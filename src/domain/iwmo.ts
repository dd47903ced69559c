/**
 * iWmo messages (Zorginstituut iStandaarden, release 3.x) as a gemeente's Wmo system exports them:
 * WMO301 toewijzing, WMO305 start zorg, WMO307 stop zorg. Reading and checking one message, and the
 * mapping from iWmo codes to Doorstroom's trajectory (product → niveau, reden beëindiging → uitstroom/uitval).
 *
 * The official XSDs cannot be fetched here; {@link leesIwmoBericht} checks the subset Doorstroom uses, built from
 * the public message documentation (iWmo 3.2: Header, Client, ToegewezenProduct, StartProduct, StopProduct and
 * their data types). Elements outside the subset (Contactgegevens, Omvang, Relaties …) are allowed and ignored.
 * Every error names the element as a path (`Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Product/Code`)
 * and the reason in Dutch.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { datumBezwaar, type DatumSoort } from './datums.js';
import { DomeinFout } from './fouten.js';
import { heeftOngeldigTeken } from './invoer.js';
import { elfproef, NIVEAU_INTENSITEIT, type Bestemming, type Doelgroep, type Niveau, type Toestand, type TrajectEvent } from './trajecten.js';

export const IWMO_BERICHTEN = { '414': 'WMO301', '418': 'WMO305', '420': 'WMO307' } as const;
export type IwmoBerichtcode = keyof typeof IWMO_BERICHTEN;
export type IwmoSoort = (typeof IWMO_BERICHTEN)[IwmoBerichtcode];

export interface IwmoFout {
  bestand: string;
  /** the element, e.g. Bericht/Client/Bsn */
  pad: string;
  melding: string;
}

/** What an iWmo import did (POST /api/import/iwmo): the repository counts it, the import page shows it. */
export interface IwmoResultaat {
  berichten: number;
  /** messages processed before (same sender, id and content): skipped as a whole */
  berichtenAlVerwerkt: number;
  clientenNieuw: number;
  toewijzingen: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
  /** products that are not BW/MO, and stops that change nothing in the trajectory, with the reason */
  overgeslagen: { bestand: string; pad: string; reden: string }[];
}

/** Thrown with every problem of every file; nothing is stored. */
export class IwmoFouten extends DomeinFout {
  readonly fouten: IwmoFout[];
  constructor(fouten: IwmoFout[]) {
    const gesorteerd = [...fouten].sort((a, b) => a.bestand.localeCompare(b.bestand));
    super('ongeldig', `iWmo-import geweigerd: ${fouten.length} fout(en); er is niets opgeslagen`, { fouten: gesorteerd });
    this.fouten = gesorteerd;
  }
}

// --- the mapping tables (README: "iWmo-import") ---

/** Productcategorie (codelijst WMO020) → niveau, for every product of that category without its own entry below. */
export const CATEGORIE_NIVEAU: Record<string, Niveau> = {
  '15': 'bw_intramuraal', // Beschermd wonen
  '16': 'mo_24uurs', // Opvang
  '17': 'mo_24uurs', // Spoedopvang
  '18': 'beschermd_thuis', // Overige beschermd wonen en opvang
};

/**
 * Productcodes are set per gemeente (its productcodelijst); these are the codes of the demo region. A code here
 * wins over its category, and makes a product of another category count (ambulante begeleiding after BW/MO).
 */
export const PRODUCTCODE_NIVEAU: Record<string, { niveau: Niveau; omschrijving: string }> = {
  '15/15A01': { niveau: 'bw_intramuraal', omschrijving: 'Beschermd wonen 24/7 intramuraal' },
  '15/15B01': { niveau: 'beschermd_thuis', omschrijving: 'Beschermd Thuis (24/7 bereikbaar, eigen woning)' },
  '16/16A01': { niveau: 'mo_24uurs', omschrijving: '24-uursopvang' },
  '16/16N01': { niveau: 'mo_nachtopvang', omschrijving: 'Nachtopvang' },
  '02/02BWA': { niveau: 'ambulant', omschrijving: 'Ambulante begeleiding na BW/MO' },
};

export type ProductNiveau = { niveau: Niveau } | { overslaan: string };

export function niveauVoorProduct(categorie: string, code: string | null): ProductNiveau {
  const eigen = code ? PRODUCTCODE_NIVEAU[`${categorie}/${code}`] : undefined;
  if (eigen) return { niveau: eigen.niveau };
  const niveau = CATEGORIE_NIVEAU[categorie];
  if (niveau) return { niveau };
  return { overslaan: `product ${categorie}${code ? `/${code}` : ''} is geen beschermd wonen of opvang` };
}

export type GevolgBeeindiging = { gevolg: 'uitstroom'; bestemming: Bestemming } | { gevolg: 'uitval' } | { gevolg: 'geen'; waarom: string };

/** Reden beëindiging (codelijst WMO588, iWmo 3.2) → what the stop means for the trajectory. */
export const REDEN_BEEINDIGING: Record<string, { omschrijving: string } & GevolgBeeindiging> = {
  '02': { omschrijving: 'Overlijden', gevolg: 'uitval' },
  '19': { omschrijving: 'Levering volgens plan beëindigd', gevolg: 'uitstroom', bestemming: 'onbekend' },
  '20': { omschrijving: 'Levering is tijdelijk beëindigd', gevolg: 'geen', waarom: 'tijdelijk beëindigd; de zorg wordt naar verwachting hervat' },
  '21': { omschrijving: 'Levering is eenzijdig door cliënt beëindigd', gevolg: 'uitval' },
  '22': { omschrijving: 'Levering is eenzijdig door aanbieder beëindigd', gevolg: 'uitval' },
  '23': { omschrijving: 'Levering is in overeenstemming voortijdig beëindigd', gevolg: 'uitstroom', bestemming: 'onbekend' },
  '31': { omschrijving: 'Verhuizing naar een andere gemeente', gevolg: 'uitstroom', bestemming: 'andere_regio' },
  '36': { omschrijving: 'Geïnitieerd door de gemeente', gevolg: 'uitval' },
  '37': { omschrijving: 'In verband met wijzigingsverzoek', gevolg: 'geen', waarom: 'product gewijzigd; het vervolg komt met een nieuwe toewijzing' },
  '38': { omschrijving: 'Overstap naar andere aanbieder', gevolg: 'geen', waarom: 'overstap naar een andere aanbieder; de zorg loopt door' },
  '39': { omschrijving: 'Uitstroom naar ander domein (Wlz, Zvw)', gevolg: 'uitstroom', bestemming: 'detentie_kliniek' },
};

/** A client created by a WMO301 needs a doelgroep, which iWmo does not carry: opvang → dakloos, else ggz. */
export function doelgroepVoorCategorie(categorie: string): Doelgroep {
  return categorie === '16' || categorie === '17' ? 'dakloos' : 'ggz';
}

// --- the trajectory a message implies ---

/**
 * A toewijzing is the gemeente's decision after aanmelding and onderzoek. A client without an open trajectory gets
 * those steps on the toewijzingsdatum, so the indicatie follows the same transitions as in the app; a client who is
 * already indicated or in care gets nothing (the change of niveau counts when the new product starts).
 */
export function gebeurtenissenVoorToewijzing(t: Toestand, niveau: Niveau, datum: string): TrajectEvent[] {
  const indicatie: TrajectEvent = { soort: 'indicatie', datum, niveau };
  switch (t.fase) {
    case 'geen':
    case 'uitgestroomd':
    case 'uitgevallen':
      return [{ soort: 'aanmelding', datum }, { soort: 'beoordeling', datum, urgentie: 0 }, indicatie];
    case 'aangemeld':
      return [{ soort: 'beoordeling', datum, urgentie: 0 }, indicatie];
    case 'beoordeeld':
      return [indicatie];
    default:
      return [];
  }
}

/** Start zorg: instroom after an indicatie; in care already, a lighter product is doorstroom, a heavier one terugval. */
export function gebeurtenissenVoorStart(t: Toestand, niveau: Niveau, datum: string): TrajectEvent[] {
  if ((t.fase === 'in_zorg' || t.fase === 'uitstroomklaar') && t.niveau) {
    if (NIVEAU_INTENSITEIT[niveau] === NIVEAU_INTENSITEIT[t.niveau]) return [];
    return [{ soort: NIVEAU_INTENSITEIT[niveau] < NIVEAU_INTENSITEIT[t.niveau] ? 'doorstroom' : 'terugval', datum, niveau }];
  }
  // anything else is an instroom; the transition rules refuse it with their own message when it cannot be
  return [{ soort: 'instroom', datum, niveau }];
}

/** Stop zorg: uitstroom or uitval by reden; nothing while another BW/MO product of the client still runs. */
export function gebeurtenissenVoorStop(gevolg: GevolgBeeindiging, datum: string, anderProductLoopt: boolean): TrajectEvent[] {
  if (gevolg.gevolg === 'geen' || anderProductLoopt) return [];
  return gevolg.gevolg === 'uitstroom' ? [{ soort: 'uitstroom', datum, bestemming: gevolg.bestemming }] : [{ soort: 'uitval', datum }];
}

// --- reading one message ---

export interface IwmoHeader {
  berichtcode: IwmoBerichtcode;
  soort: IwmoSoort;
  /** WMO301: gemeente (4 digits); WMO305/307: AGB code */
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: string;
  /** the gemeente of the message (4 digits): Afzender of a 301, Ontvanger of a 305/307 */
  gemeente: string;
  /** the aanbieder's AGB code: Ontvanger of a 301, Afzender of a 305/307 */
  agb: string;
}

export interface IwmoClient {
  bsn: string;
  geboortedatum: string;
  naam: string;
}

export interface Toewijzing {
  pad: string;
  nummer: string;
  categorie: string;
  code: string | null;
  toewijzingsdatum: string;
  ingangsdatum: string;
  einddatum: string | null;
}

export interface StartProduct {
  pad: string;
  nummer: string;
  categorie: string | null;
  code: string | null;
  begindatum: string;
  status: string;
}

export interface StopProduct extends StartProduct {
  redenBeeindiging: string;
  einddatum: string;
}

interface Basis {
  bestand: string;
  /** sha256 of the file: the same message again is recognised */
  hash: string;
  header: IwmoHeader;
  client: IwmoClient;
}
export type IwmoBericht =
  | (Basis & { soort: 'WMO301'; producten: Toewijzing[] })
  | (Basis & { soort: 'WMO305'; producten: StartProduct[] })
  | (Basis & { soort: 'WMO307'; producten: StopProduct[] });

const fout = (i: { input?: unknown }) => (i.input === undefined ? 'element ontbreekt' : typeof i.input === 'string' ? 'moet onderliggende elementen bevatten' : 'heeft een ongeldige waarde');
const tekst = (patroon: RegExp, uitleg: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'element ontbreekt' : typeof i.input === 'object' ? 'moet een waarde zijn, geen samengesteld element' : 'heeft een ongeldige waarde') })
    .refine((v) => patroon.test(v), { message: uitleg, abort: true });
const vrij = (max: number) => tekst(new RegExp(`^[^]{1,${max}}$`), `moet 1 tot ${max} tekens zijn`);
const datum = (soort: DatumSoort, vandaag: string) =>
  tekst(/^.*$/, '').superRefine((v, ctx) => {
    const bezwaar = datumBezwaar(v, soort, vandaag);
    if (bezwaar) ctx.addIssue({ code: 'custom', message: `'${v}' ${bezwaar}` });
  });
const element = <T extends z.ZodRawShape>(velden: T) => z.object(velden, { error: fout });
const lijst = <T extends z.ZodType>(item: T) => z.array(item, { error: fout }).min(1, 'minstens één element');

const nummer = tekst(/^\d{1,20}$/, 'moet een nummer van cijfers zijn');
const categorie = tekst(/^\d{2}$/, 'productcategorie moet 2 cijfers zijn (codelijst WMO020)');
const productcode = tekst(/^[0-9A-Za-z]{5}$/, 'productcode moet 5 tekens zijn');
const product = element({ Categorie: categorie, Code: productcode.optional() });
const status = tekst(/^[1239]$/, 'StatusAanlevering moet 1, 2, 3 of 9 zijn (codelijst COD467)');

function schemas(vandaag: string) {
  const header = (code: IwmoBerichtcode, gemeenteAfzender: boolean) => {
    const gemeente = tekst(/^\d{4}$/, 'moet een gemeentecode van 4 cijfers zijn (CBS)');
    const agb = tekst(/^\d{8}$/, 'moet een AGB-code van 8 cijfers zijn');
    return element({
      BerichtCode: tekst(new RegExp(`^${code}$`), `moet ${code} zijn voor een ${IWMO_BERICHTEN[code]}-bericht`),
      BerichtVersie: tekst(/^3$/, 'alleen iWmo-release 3 wordt ondersteund (BerichtVersie 3)'),
      BerichtSubversie: tekst(/^\d$/, 'moet één cijfer zijn'),
      Afzender: gemeenteAfzender ? gemeente : agb,
      Ontvanger: gemeenteAfzender ? agb : gemeente,
      BerichtIdentificatie: element({ Identificatie: vrij(12), Dagtekening: datum('gebeurtenis', vandaag) }),
    });
  };
  const naam = element({
    Geslachtsnaam: element({ Achternaam: vrij(200), Voorvoegsel: z.string().max(10).optional() }),
    Voornamen: z.string().max(200).optional(),
    Voorletters: z.string().max(20).optional(),
  });
  const client = <T extends z.ZodRawShape>(producten: T) =>
    element({
      Bsn: tekst(/^\d{9}$/, 'BSN moet 9 cijfers zijn').refine(elfproef, 'BSN voldoet niet aan de elfproef'),
      Geboortedatum: element({ Datum: datum('geboorte', vandaag) }),
      Naam: naam,
      ...producten,
    });
  const start = {
    ToewijzingNummer: nummer,
    Product: product.optional(),
    Begindatum: datum('gebeurtenis', vandaag),
    StatusAanlevering: status,
  };
  return {
    '414': element({
      Header: header('414', true),
      Client: client({
        ToegewezenProducten: element({
          ToegewezenProduct: lijst(
            element({
              ToewijzingNummer: nummer,
              Product: product,
              Toewijzingsdatum: datum('gebeurtenis', vandaag).optional(),
              Ingangsdatum: datum('gebeurtenis', vandaag),
              Einddatum: datum('plan', vandaag).optional(),
            }),
          ),
        }),
      }),
    }),
    '418': element({ Header: header('418', false), Client: client({ StartProducten: element({ StartProduct: lijst(element(start)) }) }) }),
    '420': element({
      Header: header('420', false),
      Client: client({
        StopProducten: element({
          StopProduct: lijst(element({ ...start, RedenBeeindiging: tekst(/^\d{2}$/, 'moet 2 cijfers zijn (codelijst WMO588)'), Einddatum: datum('gebeurtenis', vandaag) })),
        }),
      }),
    }),
  };
}

/** Elements that may repeat: always arrays, so a path has a stable index. */
const HERHAALD = new Set(['ToegewezenProduct', 'StartProduct', 'StopProduct']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
  isArray: (naam) => HERHAALD.has(naam),
});

export function padVan(pad: readonly PropertyKey[]): string {
  let uit = 'Bericht';
  for (const deel of pad) uit += typeof deel === 'number' ? `[${deel + 1}]` : `/${String(deel)}`;
  return uit;
}

/** One file: the message it holds, or every error in it (each with element path and reason). */
export function leesIwmoBericht(bestand: string, xml: string, vandaag: string): { bericht: IwmoBericht | null; fouten: IwmoFout[] } {
  const weiger = (pad: string, melding: string) => ({ bericht: null, fouten: [{ bestand, pad, melding }] });
  const inhoud = xml.replace(/^\uFEFF/, '');
  if (inhoud.trim() === '') return weiger('Bericht', 'het bestand is leeg');
  // no DTDs: entity expansion is a classic XML attack, and iWmo messages never carry one
  if (/<!DOCTYPE/i.test(inhoud)) return weiger('Bericht', 'een DOCTYPE is niet toegestaan in een iWmo-bericht');
  if (heeftOngeldigTeken(inhoud)) return weiger('Bericht', 'het bestand bevat een ongeldig teken (NUL of losse surrogaat)');
  const geldig = XMLValidator.validate(inhoud);
  if (geldig !== true) return weiger(`regel ${geldig.err.line}, kolom ${geldig.err.col}`, `geen geldige XML: ${geldig.err.msg}`);
  const boom = parser.parse(inhoud) as Record<string, unknown>;
  const wortels = Object.keys(boom);
  if (wortels.length !== 1 || wortels[0] !== 'Bericht') return weiger(wortels[0] ?? 'Bericht', 'het hoofdelement moet Bericht zijn (een iWmo-bericht)');
  const bericht = boom.Bericht as Record<string, unknown>;
  const code = (bericht?.Header as Record<string, unknown> | undefined)?.BerichtCode;
  if (typeof code !== 'string' || !(code in IWMO_BERICHTEN)) {
    return weiger('Bericht/Header/BerichtCode', `${code === undefined ? 'element ontbreekt' : `'${String(code)}' wordt niet ondersteund`}; verwacht 414 (WMO301), 418 (WMO305) of 420 (WMO307)`);
  }
  const berichtcode = code as IwmoBerichtcode;
  const r = schemas(vandaag)[berichtcode].safeParse(bericht);
  if (!r.success) return { bericht: null, fouten: r.error.issues.map((i) => ({ bestand, pad: padVan(i.path), melding: i.message })) };

  const d = r.data as unknown as Gelezen;
  const gemeenteAfzender = berichtcode === '414';
  const header: IwmoHeader = {
    berichtcode,
    soort: IWMO_BERICHTEN[berichtcode],
    afzender: d.Header.Afzender,
    ontvanger: d.Header.Ontvanger,
    identificatie: d.Header.BerichtIdentificatie.Identificatie,
    dagtekening: d.Header.BerichtIdentificatie.Dagtekening,
    gemeente: gemeenteAfzender ? d.Header.Afzender : d.Header.Ontvanger,
    agb: gemeenteAfzender ? d.Header.Ontvanger : d.Header.Afzender,
  };
  const n = d.Client.Naam;
  const client: IwmoClient = {
    bsn: d.Client.Bsn,
    geboortedatum: d.Client.Geboortedatum.Datum,
    naam: [n.Voornamen || n.Voorletters, n.Geslachtsnaam.Voorvoegsel, n.Geslachtsnaam.Achternaam].filter((x) => x && x.trim()).join(' '),
  };
  const basis = { bestand, hash: createHash('sha256').update(inhoud).digest('hex'), header, client };
  const fouten: IwmoFout[] = [];
  if (berichtcode === '414') {
    const lijstPad = 'Bericht/Client/ToegewezenProducten/ToegewezenProduct';
    const producten = d.Client.ToegewezenProducten!.ToegewezenProduct.map((p, i): Toewijzing => ({
      pad: `${lijstPad}[${i + 1}]`,
      nummer: p.ToewijzingNummer,
      categorie: p.Product!.Categorie,
      code: p.Product!.Code ?? null,
      toewijzingsdatum: p.Toewijzingsdatum ?? p.Ingangsdatum!,
      ingangsdatum: p.Ingangsdatum!,
      einddatum: p.Einddatum ?? null,
    }));
    producten.forEach((p) => {
      if (p.einddatum && p.einddatum < p.ingangsdatum) fouten.push({ bestand, pad: `${p.pad}/Einddatum`, melding: `${p.einddatum} ligt vóór de Ingangsdatum ${p.ingangsdatum}` });
    });
    dubbeleNummers(producten, bestand, fouten);
    return fouten.length ? { bericht: null, fouten } : { bericht: { ...basis, soort: 'WMO301', producten }, fouten };
  }
  const stop = berichtcode === '420';
  const lijstPad = stop ? 'Bericht/Client/StopProducten/StopProduct' : 'Bericht/Client/StartProducten/StartProduct';
  const ruw = stop ? d.Client.StopProducten!.StopProduct : d.Client.StartProducten!.StartProduct;
  const producten = ruw.map((p, i) => ({
    pad: `${lijstPad}[${i + 1}]`,
    nummer: p.ToewijzingNummer,
    categorie: p.Product?.Categorie ?? null,
    code: p.Product?.Code ?? null,
    begindatum: p.Begindatum!,
    status: p.StatusAanlevering!,
    redenBeeindiging: p.RedenBeeindiging ?? '',
    einddatum: p.Einddatum ?? '',
  }));
  for (const p of producten) {
    if (p.status === '3') fouten.push({ bestand, pad: `${p.pad}/StatusAanlevering`, melding: 'verwijderen van een eerdere aanlevering (3) wordt niet verwerkt; corrigeer de gebeurtenis in Doorstroom' });
    if (stop && !(p.redenBeeindiging in REDEN_BEEINDIGING)) fouten.push({ bestand, pad: `${p.pad}/RedenBeeindiging`, melding: `reden '${p.redenBeeindiging}' staat niet in codelijst WMO588 (iWmo 3.2)` });
    if (stop && p.einddatum < p.begindatum) fouten.push({ bestand, pad: `${p.pad}/Einddatum`, melding: `${p.einddatum} ligt vóór de Begindatum ${p.begindatum}` });
  }
  dubbeleNummers(producten, bestand, fouten);
  if (fouten.length) return { bericht: null, fouten };
  return stop
    ? { bericht: { ...basis, soort: 'WMO307', producten }, fouten }
    : { bericht: { ...basis, soort: 'WMO305', producten: producten.map(({ redenBeeindiging: _r, einddatum: _e, ...p }) => p) }, fouten };
}

function dubbeleNummers(producten: { pad: string; nummer: string }[], bestand: string, fouten: IwmoFout[]) {
  const gezien = new Map<string, string>();
  for (const p of producten) {
    const eerder = gezien.get(p.nummer);
    if (eerder) fouten.push({ bestand, pad: `${p.pad}/ToewijzingNummer`, melding: `toewijzing ${p.nummer} staat ook in ${eerder}` });
    else gezien.set(p.nummer, p.pad);
  }
}

/** The shape after validation (only what Doorstroom reads). */
interface Gelezen {
  Header: { Afzender: string; Ontvanger: string; BerichtIdentificatie: { Identificatie: string; Dagtekening: string } };
  Client: {
    Bsn: string;
    Geboortedatum: { Datum: string };
    Naam: { Geslachtsnaam: { Achternaam: string; Voorvoegsel?: string }; Voornamen?: string; Voorletters?: string };
    ToegewezenProducten?: { ToegewezenProduct: { ToewijzingNummer: string; Product?: { Categorie: string; Code?: string }; Toewijzingsdatum?: string; Ingangsdatum?: string; Einddatum?: string }[] };
    StartProducten?: { StartProduct: RuwProduct[] };
    StopProducten?: { StopProduct: RuwProduct[] };
  };
}
interface RuwProduct {
  ToewijzingNummer: string;
  Product?: { Categorie: string; Code?: string };
  Begindatum?: string;
  StatusAanlevering?: string;
  RedenBeeindiging?: string;
  Einddatum?: string;
}

/** Messages in the order they happened: by dagtekening, then toewijzing before start before stop. */
export function inVolgorde<T extends { header: IwmoHeader }>(berichten: T[]): T[] {
  return [...berichten].sort((a, b) => a.header.dagtekening.localeCompare(b.header.dagtekening) || a.header.berichtcode.localeCompare(b.header.berichtcode));
}
