import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { matchOptimaal, metLuiVeld, type MatchInvoer, type MatchKandidaat, type MatchResultaat, type MatchWoning } from '../../domain/matching/index.js';
import { OPEN_STATUSSEN, woningTypesVoor } from '../../domain/matching/workflow.js';
import { toelichting } from '../../domain/matching/toelichting.js';
import type { Uitleg } from '../../domain/matching/types.js';
import { isJongere, leeftijdOp, plusDagen } from '../../domain/trajecten.js';
import { standAlsToestand } from './clienten.js';
import { grondslagVoorCorporatie } from './grondslagen.js';
import { schrijfAudit } from './audit.js';
import { beleidVoorMatching, type BeleidInRonde } from './beleid.js';
import { nietGeparkeerd } from './parkeren.js';

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
    .where(and(eq(st.regioId, regioId), eq(st.fase, 'uitstroomklaar'), grondslagVoorCorporatie(peildatum, st.clientId), nietGeparkeerd(peildatum, st.clientId)))
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
