import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { clientZicht, type Actor } from '../../domain/auth.js';
import { matchOptimaal, metLuiVeld, type MatchInvoer, type MatchKandidaat, type MatchResultaat, type MatchWoning } from '../../domain/matching/index.js';
import {
  OPEN_STATUSSEN,
  partijVan,
  volgendeStatus,
  woningStatusBij,
  woningTypesVoor,
  type VoorstelActie,
  type VoorstelStatus,
} from '../../domain/matching/workflow.js';
import { toelichting } from '../../domain/matching/toelichting.js';
import type { Uitleg } from '../../domain/matching/types.js';
import { leesWoonwensen } from '../../domain/woningen.js';
import { isJongere, leeftijdOp, plusDagen } from '../../domain/trajecten.js';
import { standAlsToestand, voegEventToe } from './clienten.js';
import { grondslagVoorCorporatie } from './grondslagen.js';
import { maakPlaatsing, type NieuwePlaatsing } from './woningen.js';
import { geweigerd, nietGevonden, conflict } from '../../domain/fouten.js';
import { schrijfAudit } from './audit.js';
import { schuldenGeregeld } from './schulden.js';
import { beleidVoorMatching, type BeleidInRonde } from './beleid.js';

/** Homes that become free within this many days are offered in a round. */
const VOORUITKIJKEN_DAGEN = 30;

interface Woonwensen {
  gemeenten?: string[];
  minKamers?: number;
  toegankelijk?: boolean;
}

export interface MatchContext {
  invoer: MatchInvoer;
  /** readable name for every id the engine may mention: pseudoniem for clients, name for organisations */
  namen: Map<string, string>;
  /** pseudoniem per client id, for explanations shown to parties that may not see identity */
  pseudoniemen: Map<string, string>;
  woningAdres: Map<string, string>;
  /** this year's agreements per `${gemeenteId}|${corporatieId}`, for the explanation of a proposal */
  afspraken: Map<string, { jaar: number; aantal: number; maxPerComplex: number; maxPerWijk: number }>;
  /** the region's current prioritisation policy, as fed into `invoer.gewichten` (ADR 0037) */
  beleid: BeleidInRonde;
}

/** A client as the engine sees them (also for "waarom niet gematcht?", which asks about one client). */
export function kandidaatVan(c: typeof s.clientStand.$inferSelect, woonwensen: unknown, peildatum: string): MatchKandidaat {
  const t = standAlsToestand(c);
  const wensen = (woonwensen ?? {}) as Woonwensen;
  const gemeenten = [...new Set([...(wensen.gemeenten ?? []), c.herkomstgemeenteId])];
  return {
    id: c.clientId,
    herkomstgemeenteId: c.herkomstgemeenteId,
    gemeentePreferenties: gemeenten,
    leeftijd: leeftijdOp(c.geboortedatum, peildatum),
    woningTypes: woningTypesVoor(t.niveau, isJongere(c.geboortedatum, peildatum)),
    minKamers: wensen.minKamers ?? 1,
    toegankelijkNodig: wensen.toegankelijk ?? false,
    ondersteuning: t.niveau ?? 'ambulant',
    wachtdagen: Math.max(0, Math.round((Date.parse(peildatum) - Date.parse(t.sinds ?? peildatum)) / 86_400_000)),
    urgentie: Math.min(3, Math.max(0, t.urgentie)) as MatchKandidaat['urgentie'],
  };
}

/**
 * Builds the engine's input for a regio on a date: uitstroomklare clients without an open proposal,
 * available homes, this year's remaining quota per (gemeente, corporatie) and this year's placements
 * per complex and wijk. Open proposals count against quota and spreading, as if already placed.
 */
export async function bouwMatchContext(
  db: DbOrTx,
  regioId: string,
  peildatum: string,
  filter: { alleenWoningIds?: string[]; uitsluitenParen?: Set<string>; /** what-if: other agreement aantallen per `${gemeenteId}|${corporatieId}` */ aantallen?: Map<string, number> } = {},
): Promise<MatchContext> {
  const jaar = Number(peildatum.slice(0, 4));
  const open = await db
    .select({ clientId: s.matchVoorstellen.clientId, woningId: s.matchVoorstellen.woningId })
    .from(s.matchVoorstellen)
    .where(and(eq(s.matchVoorstellen.regioId, regioId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)));
  const bezetteClienten = new Set(open.map((o) => o.clientId));

  // The candidates come from the current-state projection, not from folding the region's events: only
  // uitstroomklare clients are read. Proposals go to a corporatie: only clients with a valid basis for sharing
  // their profile with it.
  const st = s.clientStand;
  const standRijen = await db
    .select({ stand: st, woonwensen: s.clienten.woonwensen })
    .from(st)
    .innerJoin(s.clienten, eq(s.clienten.id, st.clientId))
    .where(and(eq(st.regioId, regioId), eq(st.fase, 'uitstroomklaar'), grondslagVoorCorporatie(peildatum, st.clientId)))
    .orderBy(asc(st.clientId));
  const kandidaten: MatchKandidaat[] = [];
  const pseudoniemen = new Map<string, string>();
  for (const { stand: c, woonwensen } of standRijen) {
    if (bezetteClienten.has(c.clientId)) continue;
    kandidaten.push(kandidaatVan(c, woonwensen, peildatum));
    pseudoniemen.set(c.clientId, c.pseudoniem);
  }

  const woningVoorwaarden: SQL[] = [
    eq(s.woningen.regioId, regioId),
    eq(s.woningen.status, 'beschikbaar'),
    lte(s.woningen.beschikbaarPer, plusDagen(peildatum, VOORUITKIJKEN_DAGEN)),
  ];
  if (filter.alleenWoningIds) woningVoorwaarden.push(inArray(s.woningen.id, filter.alleenWoningIds));
  const woningRijen = await db.select().from(s.woningen).where(and(...woningVoorwaarden));
  const woningen: MatchWoning[] = woningRijen.map((w) => ({
    id: w.id,
    corporatieId: w.corporatieId,
    gemeenteId: w.gemeenteId,
    wijk: w.wijk,
    complex: w.complex,
    type: w.type as MatchWoning['type'],
    kamers: w.kamers,
    toegankelijk: w.toegankelijk,
  }));

  const afspraken = await db
    .select()
    .from(s.reserveringsafspraken)
    .where(and(eq(s.reserveringsafspraken.regioId, regioId), eq(s.reserveringsafspraken.jaar, jaar)));
  // Placements this year plus open proposals: both use up quota and spreading room.
  const bezet = await db
    .select({ gemeenteId: s.woningen.gemeenteId, corporatieId: s.woningen.corporatieId, wijk: s.woningen.wijk, complex: s.woningen.complex })
    .from(s.woningen)
    .leftJoin(s.plaatsingen, eq(s.plaatsingen.woningId, s.woningen.id))
    .leftJoin(s.matchVoorstellen, and(eq(s.matchVoorstellen.woningId, s.woningen.id), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)))
    .where(
      and(
        eq(s.woningen.regioId, regioId),
        or(and(gte(s.plaatsingen.startdatum, `${jaar}-01-01`), lte(s.plaatsingen.startdatum, `${jaar}-12-31`)), sql`${s.matchVoorstellen.id} is not null`),
      ),
    );
  const telPer = (sleutel: (b: (typeof bezet)[number]) => string) => {
    const uit: Record<string, number> = {};
    for (const b of bezet) uit[sleutel(b)] = (uit[sleutel(b)] ?? 0) + 1;
    return uit;
  };
  const perQuotum = telPer((b) => `${b.gemeenteId}|${b.corporatieId}`);
  const quota = afspraken.map((a) => ({
    gemeenteId: a.gemeenteId,
    corporatieId: a.corporatieId,
    resterend: Math.max(0, (filter.aantallen?.get(`${a.gemeenteId}|${a.corporatieId}`) ?? a.aantal) - (perQuotum[`${a.gemeenteId}|${a.corporatieId}`] ?? 0)),
    // each agreement's own caps apply to its homes, counted per (gemeente, corporatie, complex/wijk): ADR 0033
    maxPerComplex: a.maxPerComplex,
    maxPerWijk: a.maxPerWijk,
  }));

  const kandidatenGefilterd = filter.uitsluitenParen
    ? kandidaten.filter((k) => !woningen.every((w) => filter.uitsluitenParen!.has(`${k.id}|${w.id}`)))
    : kandidaten;
  const orgs = await db.select({ id: s.organisaties.id, naam: s.organisaties.naam }).from(s.organisaties).where(eq(s.organisaties.regioId, regioId));
  const beleid = await beleidVoorMatching(db, regioId, kandidatenGefilterd);
  return {
    beleid,
    namen: new Map([...orgs.map((o) => [o.id, o.naam] as const), ...pseudoniemen, ...woningRijen.map((w) => [w.id, w.adres] as const)]),
    invoer: {
      kandidaten: kandidatenGefilterd,
      gewichten: beleid.gewichten,
      woningen,
      quota,
      // Every usable home has an agreement (no agreement, no quota) with its own caps, so the region-wide rule
      // never applies; it stays 0 so that a home without agreement could not slip through either.
      spreiding: {
        maxPerComplex: 0,
        maxPerWijk: 0,
        alGeplaatstPerComplex: {},
        alGeplaatstPerWijk: {},
        alGeplaatstPerAfspraakComplex: telPer((b) => `${b.gemeenteId}|${b.corporatieId}|${b.wijk}|${b.complex}`),
        alGeplaatstPerAfspraakWijk: telPer((b) => `${b.gemeenteId}|${b.corporatieId}|${b.wijk}`),
      },
    },
    pseudoniemen,
    woningAdres: new Map(woningRijen.map((w) => [w.id, w.adres])),
    afspraken: new Map(afspraken.map((a) => [`${a.gemeenteId}|${a.corporatieId}`, a])),
  };
}

/** Marks a proposal made for a home after its earlier candidate was refused. */
const VOLGENDE_KANDIDAAT = 'Volgende kandidaat na afwijzing.';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The engine speaks in ids; people read pseudoniemen and organisation names. */
export function leesbaar<T extends { tekst: string; redenen: string[]; bindendeRegels: string[] }>(uitleg: T, namen: Map<string, string>): T {
  const vervang = (x: string) => x.replace(UUID, (id) => namen.get(id) ?? id);
  return { ...uitleg, tekst: vervang(uitleg.tekst), redenen: uitleg.redenen.map(vervang), bindendeRegels: uitleg.bindendeRegels.map(vervang) };
}

/** The plain-Dutch explanation of a proposal from a dry run, from the same context the engine read. */
export function toelichtingVoorProef(ctx: MatchContext, v: { kandidaatId: string; woningId: string; uitleg: Uitleg & { wachtdagen?: number; urgentie?: number } }) {
  const k = ctx.invoer.kandidaten.find((x) => x.id === v.kandidaatId)!;
  const w = ctx.invoer.woningen.find((x) => x.id === v.woningId)!;
  return toelichting({
    uitleg: v.uitleg,
    leeftijdscategorie: k.leeftijd <= 24 ? '18–24' : '25+',
    herkomstgemeente: ctx.namen.get(k.herkomstgemeenteId) ?? '',
    woning: { gemeente: ctx.namen.get(w.gemeenteId) ?? '', corporatie: ctx.namen.get(w.corporatieId) ?? '', type: w.type, kamers: w.kamers, toegankelijk: w.toegankelijk, complex: w.complex, wijk: w.wijk },
    woonwensen: { gemeenten: k.gemeentePreferenties, minKamers: k.minKamers > 1 ? k.minKamers : null, toegankelijk: k.toegankelijkNodig },
    afspraak: ctx.afspraken.get(`${w.gemeenteId}|${w.corporatieId}`) ?? null,
  });
}

export async function draaiMatching(db: DbOrTx, regioId: string, peildatum: string): Promise<MatchContext & { resultaat: MatchResultaat }> {
  const ctx = await bouwMatchContext(db, regioId, peildatum);
  const resultaat = matchOptimaal(ctx.invoer);
  // the engine explains unplaced candidates only when read; a stored round never reads them
  const leesbaarResultaat = metLuiVeld(
    { objectief: resultaat.objectief, statistiek: resultaat.statistiek, voorstellen: resultaat.voorstellen.map((v) => ({ ...v, uitleg: leesbaar(v.uitleg, ctx.namen) })) },
    'nietGeplaatst',
    () => resultaat.nietGeplaatst.map((n) => ({ ...n, uitleg: leesbaar(n.uitleg, ctx.namen) })),
  );
  return { ...ctx, resultaat: leesbaarResultaat };
}

/** Stores a round's proposals and reserves their homes; one transaction. */
export async function legRondeVast(db: DbOrTx, actor: Actor, peildatum: string) {
  return db.transaction(async (tx) => {
    // serialise rounds per regio: two simultaneous rounds would propose the same homes
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`matching:${actor.regioId}`}))`);
    const { resultaat, pseudoniemen, beleid } = await draaiMatching(tx, actor.regioId, peildatum);
    const rondeId = crypto.randomUUID();
    await tx.insert(s.matchingRondes).values({ id: rondeId, regioId: actor.regioId, beleidVersieId: beleid.versieId, peildatum, voorstellen: resultaat.voorstellen.length, doorGebruikerId: actor.gebruikerId });
    if (resultaat.voorstellen.length) {
      await tx.insert(s.matchVoorstellen).values(
        resultaat.voorstellen.map((v) => ({ regioId: actor.regioId, rondeId, clientId: v.kandidaatId, woningId: v.woningId, score: Math.round(v.score), uitleg: v.uitleg })),
      );
      await tx.update(s.woningen).set({ status: 'gereserveerd' }).where(inArray(s.woningen.id, resultaat.voorstellen.map((v) => v.woningId)));
    }
    await schrijfAudit(tx, actor, {
      actie: 'aanmaken',
      entiteit: 'matchingronde',
      entiteitId: rondeId,
      doel: 'plaatsing_matching',
      pseudoniemen: resultaat.voorstellen.map((v) => pseudoniemen.get(v.kandidaatId)).filter((p): p is string => !!p),
      details: { voorstellen: resultaat.voorstellen.length, objectief: resultaat.objectief, beleidVersie: beleid.versie },
    });
    return { rondeId, resultaat, beleidVersie: beleid.versie };
  });
}

/**
 * Proposals the caller may see. Care parties see those of clients in their view; a corporatie
 * those on its own homes. Identity never leaves here: only pseudoniem.
 */
function voorstelFilter(actor: Actor): SQL {
  const regio = eq(s.matchVoorstellen.regioId, actor.regioId);
  const z = clientZicht(actor);
  switch (z.soort) {
    case 'regio':
      return regio;
    case 'gemeente':
      return and(regio, or(eq(s.clienten.herkomstgemeenteId, z.gemeenteId), eq(s.clienten.huidigeGemeenteId, z.gemeenteId)))!;
    case 'aanbieder':
      return and(regio, eq(s.clienten.aanbiederId, z.aanbiederId))!;
    case 'geen':
      return and(regio, eq(s.woningen.corporatieId, actor.organisatieId))!;
  }
}

const herkomstOrg = alias(s.organisaties, 'voorstel_herkomst');
const woningGemeenteOrg = alias(s.organisaties, 'voorstel_gemeente');
const woningCorporatieOrg = alias(s.organisaties, 'voorstel_corporatie');

/** The solver's figures (score, points per reason, binding counters): for beheerders, behind "details". */
export const magBerekeningZien = (actor: Actor) => actor.rol === 'beheerder';

export async function lijstVoorstellen(db: DbOrTx, actor: Actor, f: { status?: VoorstelStatus; id?: string }, peildatum: string) {
  const w: SQL[] = [voorstelFilter(actor)];
  if (f.status) w.push(eq(s.matchVoorstellen.status, f.status));
  if (f.id) w.push(eq(s.matchVoorstellen.id, f.id));
  const rijen = await db
    .select({
      id: s.matchVoorstellen.id,
      rondeId: s.matchVoorstellen.rondeId,
      status: s.matchVoorstellen.status,
      score: s.matchVoorstellen.score,
      uitleg: s.matchVoorstellen.uitleg,
      afwijzingsreden: s.matchVoorstellen.afwijzingsreden,
      aangemaakt: s.matchVoorstellen.aangemaakt,
      gewijzigd: s.matchVoorstellen.gewijzigd,
      clientId: s.clienten.id,
      pseudoniem: s.clienten.pseudoniem,
      geboortedatum: s.clienten.geboortedatum,
      herkomstgemeenteId: s.clienten.herkomstgemeenteId,
      clientAanbiederId: s.clienten.aanbiederId,
      woonwensen: s.clienten.woonwensen,
      woningId: s.woningen.id,
      adres: s.woningen.adres,
      woningType: s.woningen.type,
      kamers: s.woningen.kamers,
      toegankelijk: s.woningen.toegankelijk,
      complex: s.woningen.complex,
      wijk: s.woningen.wijk,
      gemeenteId: s.woningen.gemeenteId,
      corporatieId: s.woningen.corporatieId,
      herkomstgemeente: herkomstOrg.naam,
      gemeente: woningGemeenteOrg.naam,
      corporatie: woningCorporatieOrg.naam,
      afspraakJaar: s.reserveringsafspraken.jaar,
      afspraakAantal: s.reserveringsafspraken.aantal,
      afspraakMaxPerComplex: s.reserveringsafspraken.maxPerComplex,
      afspraakMaxPerWijk: s.reserveringsafspraken.maxPerWijk,
    })
    .from(s.matchVoorstellen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.matchVoorstellen.clientId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.matchVoorstellen.woningId))
    .innerJoin(herkomstOrg, eq(herkomstOrg.id, s.clienten.herkomstgemeenteId))
    .innerJoin(woningGemeenteOrg, eq(woningGemeenteOrg.id, s.woningen.gemeenteId))
    .innerJoin(woningCorporatieOrg, eq(woningCorporatieOrg.id, s.woningen.corporatieId))
    // the agreement of the year the proposal was made in: the one the round counted it against
    .leftJoin(
      s.reserveringsafspraken,
      and(
        eq(s.reserveringsafspraken.gemeenteId, s.woningen.gemeenteId),
        eq(s.reserveringsafspraken.corporatieId, s.woningen.corporatieId),
        sql`${s.reserveringsafspraken.jaar} = extract(year from ${s.matchVoorstellen.aangemaakt})::int`,
      ),
    )
    .where(and(...w))
    .orderBy(desc(s.matchVoorstellen.aangemaakt), desc(s.matchVoorstellen.score))
    .limit(1000);
  const corporatie = actor.soort === 'woningcorporatie';
  const berekening = magBerekeningZien(actor);
  const geregeld = await schuldenGeregeld(db, [...new Set(rijen.map((r) => r.clientId))]);
  return rijen.map((r) => {
    const uitleg = r.uitleg as Uitleg & { wachtdagen?: number; urgentie?: number };
    const leeftijd = isJongere(r.geboortedatum, peildatum) ? ('18–24' as const) : ('25+' as const);
    const uitlegVoorMensen = toelichting({
      uitleg,
      leeftijdscategorie: leeftijd,
      herkomstgemeente: r.herkomstgemeente,
      woning: { gemeente: r.gemeente, corporatie: r.corporatie, type: r.woningType, kamers: r.kamers, toegankelijk: r.toegankelijk, complex: r.complex, wijk: r.wijk },
      woonwensen: leesWoonwensen(r.woonwensen),
      afspraak: r.afspraakJaar == null ? null : { jaar: r.afspraakJaar, aantal: r.afspraakAantal!, maxPerComplex: r.afspraakMaxPerComplex!, maxPerWijk: r.afspraakMaxPerWijk! },
    });
    const naAfwijzing = uitleg.tekst?.startsWith(VOLGENDE_KANDIDAAT) ?? false;
    if (naAfwijzing) uitlegVoorMensen.persoon.unshift('Volgende kandidaat: een eerder voorgestelde cliënt werd voor deze woning afgewezen.');
    return {
      id: r.id,
      rondeId: r.rondeId,
      status: r.status,
      afwijzingsreden: r.afwijzingsreden,
      aangemaakt: r.aangemaakt,
      gewijzigd: r.gewijzigd,
      pseudoniem: r.pseudoniem,
      // a corporatie gets no client id and no aanbieder: nothing to look up, only the pseudoniem
      clientId: corporatie ? null : r.clientId,
      aanbiederId: corporatie ? null : r.clientAanbiederId,
      leeftijdscategorie: leeftijd,
      herkomstgemeenteId: r.herkomstgemeenteId,
      woningId: r.woningId,
      adres: r.adres,
      woningType: r.woningType,
      gemeenteId: r.gemeenteId,
      corporatieId: r.corporatieId,
      schuldGeregeld: geregeld.get(r.clientId) ?? true,
      volgendNaAfwijzing: naAfwijzing,
      toelichting: uitlegVoorMensen,
      berekening: berekening ? { score: r.score, tekst: uitleg.tekst, redenen: uitleg.redenen, bindendeRegels: uitleg.bindendeRegels } : null,
    };
  });
}

export interface StapInvoer {
  actie: VoorstelActie;
  reden?: string | null;
  plaatsing?: Omit<NieuwePlaatsing, 'woningId' | 'clientId'>;
}

/**
 * One step in the workflow, under a row lock on the proposal. An afwijzing frees the home and
 * proposes the next best candidate for it (a one-home round that excludes earlier refusals).
 * Sleuteloverdracht creates the placement and records the client's uitstroom.
 */
export async function zetStap(db: DbOrTx, actor: Actor, id: string, stap: StapInvoer, peildatum: string) {
  return db.transaction(async (tx) => {
    const [zichtbaar] = await lijstVoorstellen(tx, actor, { id }, peildatum);
    if (!zichtbaar) throw nietGevonden('Voorstel');
    const [v] = await tx.select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, id)).for('update');
    if (partijVan(actor.soort) === 'corporatie' && zichtbaar.corporatieId !== actor.organisatieId) throw geweigerd('Alleen de eigen woningcorporatie beslist over deze woning');
    const nieuw = volgendeStatus(v!.status as VoorstelStatus, stap.actie, partijVan(actor.soort));
    if (stap.actie === 'afwijzing' && !stap.reden?.trim()) throw conflict('Een afwijzing vraagt een reden');
    await tx
      .update(s.matchVoorstellen)
      .set({ status: nieuw, afwijzingsreden: stap.actie === 'afwijzing' ? stap.reden! : null, gewijzigd: new Date() })
      .where(eq(s.matchVoorstellen.id, id));
    const woningStatus = woningStatusBij(nieuw);
    if (woningStatus) await tx.update(s.woningen).set({ status: woningStatus }).where(eq(s.woningen.id, v!.woningId));

    let plaatsing = null;
    let volgende = null;
    if (nieuw === 'sleuteloverdracht') {
      if (!stap.plaatsing) throw conflict('Sleuteloverdracht vraagt de huurconstructie en startdatum van de plaatsing');
      plaatsing = await maakPlaatsing(tx, actor, { ...stap.plaatsing, woningId: v!.woningId, clientId: v!.clientId }, peildatum);
      await voegEventToe(tx, actor, v!.clientId, { soort: 'uitstroom', datum: stap.plaatsing.startdatum, bestemming: 'zelfstandige_woning', toelichting: `Sleuteloverdracht ${zichtbaar.adres}` });
    }
    if (nieuw === 'afgewezen') volgende = await volgendeKandidaat(tx, actor, v!.woningId, v!.rondeId, peildatum);
    await schrijfAudit(tx, actor, { actie: 'wijzigen', entiteit: 'matchvoorstel', entiteitId: id, doel: 'plaatsing_matching', pseudoniemen: [zichtbaar.pseudoniem], details: { status: nieuw, reden: stap.reden ?? null } });
    return { id, status: nieuw, plaatsing, volgendVoorstel: volgende };
  });
}

async function volgendeKandidaat(tx: DbOrTx, actor: Actor, woningId: string, rondeId: string, peildatum: string) {
  const afgewezen = await tx
    .select({ clientId: s.matchVoorstellen.clientId })
    .from(s.matchVoorstellen)
    .where(and(eq(s.matchVoorstellen.woningId, woningId), eq(s.matchVoorstellen.status, 'afgewezen')));
  const ctx = await bouwMatchContext(tx, actor.regioId, peildatum, {
    alleenWoningIds: [woningId],
    uitsluitenParen: new Set(afgewezen.map((a) => `${a.clientId}|${woningId}`)),
  });
  const [gevonden] = matchOptimaal(ctx.invoer).voorstellen;
  if (!gevonden) return null;
  const beste = { ...gevonden, uitleg: leesbaar(gevonden.uitleg, ctx.namen) };
  const [rij] = await tx
    .insert(s.matchVoorstellen)
    .values({ regioId: actor.regioId, rondeId, clientId: beste.kandidaatId, woningId, score: Math.round(beste.score), uitleg: { ...beste.uitleg, tekst: `${VOLGENDE_KANDIDAAT} ${beste.uitleg.tekst}` } })
    .returning({ id: s.matchVoorstellen.id });
  await tx.update(s.woningen).set({ status: 'gereserveerd' }).where(eq(s.woningen.id, woningId));
  return { id: rij!.id, pseudoniem: ctx.pseudoniemen.get(beste.kandidaatId) };
}
