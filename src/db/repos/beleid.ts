import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import { grondslagVoorCorporatie } from './grondslagen.js';
import { conflict, nietGevonden } from '../../domain/fouten.js';
import { matchOptimaal, type Gewichten, type MatchKandidaat } from '../../domain/matching/index.js';
import {
  afbeelding,
  beleidInWoorden,
  maxVoorkeurenVan,
  STANDAARD_BELEID,
  vergelijkPlaatsingen,
  zrmGereedheid,
  type Beleid,
  type BeleidTerm,
} from '../../domain/matching/beleid.js';
import { waaromNiet, type WaaromNiet } from '../../domain/matching/waarom-niet.js';
import { OPEN_STATUSSEN } from '../../domain/matching/workflow.js';
import { ZRM_DOMEINEN, type ZrmScores } from '../../domain/zrm.js';
import { FASE_LABEL, type Fase } from '../../domain/trajecten.js';
import { nlDatum } from '../../domain/datums.js';
import { parkeringOp } from './parkeren.js';
import { bouwMatchContext, kandidaatVan } from './matching.js';

// Prioritisation policy as data (issue 14 item 6, ADR 0037) and "waarom niet gematcht?" (item 8).

export interface BeleidVersie {
  id: string;
  versie: number;
  gewichten: Gewichten;
  volgorde: BeleidTerm[];
  toelichting: string;
  auteur: string | null;
  aangemaakt: string;
  inWoorden: string;
}

/** What a round used: the version (null when a region has none yet: the standard weights) and the engine's weights. */
export interface BeleidInRonde {
  versieId: string | null;
  versie: number | null;
  beleid: Beleid;
  gewichten: Gewichten;
}

const leesGewichten = (ruw: unknown): Gewichten => ({ ...STANDAARD_BELEID.gewichten, ...((ruw ?? {}) as Partial<Gewichten>) });

const versieKolommen = {
  id: s.beleidVersies.id,
  versie: s.beleidVersies.versie,
  gewichten: s.beleidVersies.gewichten,
  volgorde: s.beleidVersies.volgorde,
  toelichting: s.beleidVersies.toelichting,
  auteur: s.gebruikers.naam,
  aangemaakt: s.beleidVersies.aangemaakt,
};

function naarVersie(r: { id: string; versie: number; gewichten: unknown; volgorde: unknown; toelichting: string; auteur: string | null; aangemaakt: Date | string }): BeleidVersie {
  const beleid = { gewichten: leesGewichten(r.gewichten), volgorde: (r.volgorde ?? []) as BeleidTerm[] };
  return { id: r.id, versie: r.versie, ...beleid, toelichting: r.toelichting, auteur: r.auteur, aangemaakt: new Date(r.aangemaakt).toISOString(), inWoorden: beleidInWoorden(beleid) };
}

export async function huidigeVersie(db: DbOrTx, regioId: string): Promise<BeleidVersie | null> {
  const [r] = await db
    .select(versieKolommen)
    .from(s.beleidVersies)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.beleidVersies.auteurId))
    .where(eq(s.beleidVersies.regioId, regioId))
    .orderBy(desc(s.beleidVersies.versie))
    .limit(1);
  return r ? naarVersie(r) : null;
}

export async function versieOpId(db: DbOrTx, regioId: string, id: string): Promise<BeleidVersie | null> {
  const [r] = await db
    .select(versieKolommen)
    .from(s.beleidVersies)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.beleidVersies.auteurId))
    .where(and(eq(s.beleidVersies.regioId, regioId), eq(s.beleidVersies.id, id)));
  return r ? naarVersie(r) : null;
}

/** Version history, newest first, paged in SQL. */
export async function lijstVersies(db: DbOrTx, regioId: string, p: { limiet: number; offset: number }) {
  const [{ totaal }] = (await db.select({ totaal: count() }).from(s.beleidVersies).where(eq(s.beleidVersies.regioId, regioId))) as [{ totaal: number }];
  const rijen = await db
    .select(versieKolommen)
    .from(s.beleidVersies)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.beleidVersies.auteurId))
    .where(eq(s.beleidVersies.regioId, regioId))
    .orderBy(desc(s.beleidVersies.versie))
    .limit(p.limiet)
    .offset(p.offset);
  return { totaal: Number(totaal), versies: rijen.map(naarVersie) };
}

/** The number of gemeenten of a region: the bound on a client's preference list when a policy is checked. */
export async function aantalGemeenten(db: DbOrTx, regioId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(s.organisaties)
    .where(and(eq(s.organisaties.regioId, regioId), inArray(s.organisaties.soort, ['centrumgemeente', 'regiogemeente'])));
  return Math.max(1, Number(r?.n ?? 1));
}

/**
 * Stores a new version (the next number, under a per-region lock so two beheerders never get the same number)
 * and its audit row, in the caller's transaction. A version is never changed afterwards (database trigger).
 */
export async function nieuweVersie(tx: DbOrTx, actor: Actor, invoer: Beleid & { toelichting: string }): Promise<BeleidVersie> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`beleid:${actor.regioId}`}))`);
  const huidig = await huidigeVersie(tx, actor.regioId);
  if (huidig && JSON.stringify(huidig.gewichten) === JSON.stringify(invoer.gewichten) && JSON.stringify(huidig.volgorde) === JSON.stringify(invoer.volgorde)) {
    throw conflict(`Dit beleid is gelijk aan de huidige versie ${huidig.versie}; er is niets vastgelegd`);
  }
  const versie = (huidig?.versie ?? 0) + 1;
  const [rij] = await tx
    .insert(s.beleidVersies)
    .values({ regioId: actor.regioId, versie, gewichten: invoer.gewichten, volgorde: invoer.volgorde, toelichting: invoer.toelichting, auteurId: actor.gebruikerId })
    .returning({ id: s.beleidVersies.id });
  await schrijfAudit(tx, actor, {
    actie: 'aanmaken',
    entiteit: 'beleid_versie',
    entiteitId: rij!.id,
    doel: 'plaatsing_matching',
    details: { versie, vorige: huidig?.versie ?? null, gewichten: invoer.gewichten, volgorde: invoer.volgorde, toelichting: invoer.toelichting },
  });
  return (await versieOpId(tx, actor.regioId, rij!.id))!;
}

/** ZRM readiness (ADR 0037) of the newest valid assessment per client; 0 without one. One query for all. */
export async function zrmGereedheden(db: DbOrTx, clientIds: readonly string[]): Promise<Map<string, number>> {
  const uit = new Map<string, number>();
  if (!clientIds.length) return uit;
  const z = s.zrmBeoordelingen;
  const rijen = await db
    .selectDistinctOn([z.clientId], { clientId: z.clientId, scores: z.scores })
    .from(z)
    // one array parameter, however many candidates (a list of parameters would hit the driver's limit)
    .where(and(sql`${z.clientId} = any(${`{${clientIds.join(',')}}`}::uuid[])`, isNull(z.ingetrokkenOp)))
    .orderBy(z.clientId, desc(z.datum), desc(z.vastgelegdOp), desc(z.id));
  for (const r of rijen) {
    const ruw = (r.scores ?? {}) as Record<string, unknown>;
    const scores = Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, typeof ruw[d] === 'number' ? ruw[d] : null])) as ZrmScores;
    uit.set(r.clientId, zrmGereedheid(scores));
  }
  return uit;
}

/**
 * The region's current policy as the engine takes it: the effective integer weights for these candidates
 * (their longest preference list bounds the preference term), and each candidate's ZRM readiness set on it.
 */
export async function beleidVoorMatching(db: DbOrTx, regioId: string, kandidaten: MatchKandidaat[], ander?: Beleid): Promise<BeleidInRonde> {
  const versie = ander ? null : await huidigeVersie(db, regioId);
  const beleid: Beleid = ander ?? (versie ? { gewichten: versie.gewichten, volgorde: versie.volgorde } : { ...STANDAARD_BELEID });
  const zrm = await zrmGereedheden(db, kandidaten.map((k) => k.id));
  for (const k of kandidaten) k.zrm = zrm.get(k.id) ?? 0;
  return { versieId: versie?.id ?? null, versie: versie?.versie ?? null, beleid, gewichten: afbeelding(beleid, maxVoorkeurenVan(kandidaten)).gewichten };
}

/** Stored rounds, newest first, with the policy version each used. */
export async function lijstRondes(db: DbOrTx, regioId: string, limiet = 10) {
  const rijen = await db
    .select({ id: s.matchingRondes.id, peildatum: s.matchingRondes.peildatum, voorstellen: s.matchingRondes.voorstellen, aangemaakt: s.matchingRondes.aangemaakt, beleidVersie: s.beleidVersies.versie })
    .from(s.matchingRondes)
    .leftJoin(s.beleidVersies, eq(s.beleidVersies.id, s.matchingRondes.beleidVersieId))
    .where(eq(s.matchingRondes.regioId, regioId))
    .orderBy(desc(s.matchingRondes.aangemaakt))
    .limit(limiet);
  return rijen.map((r) => ({ ...r, aangemaakt: new Date(r.aangemaakt).toISOString() }));
}

export interface WatAlsInvoer {
  /** side A: this version (default: the current one) */
  versieA?: string | null;
  /** side B: another policy (default: the same as A) */
  beleidB?: Beleid | null;
  /** side B: other aantallen for this year's agreements (default: the current ones) */
  aantallenB?: { gemeenteId: string; corporatieId: string; aantal: number }[] | null;
}

/**
 * One round computed twice from the same moment, without storing anything (no round, no proposals, no
 * reserved homes): A under the current (or a chosen) policy, B under an edited policy and/or edited agreement
 * aantallen. Returns the placements per gemeente, corporatie and herkomstgemeente side by side, with names.
 */
export async function watAls(db: DbOrTx, actor: Actor, peildatum: string, w: WatAlsInvoer) {
  const ctxA = await bouwMatchContext(db, actor.regioId, peildatum);
  let beleidA = ctxA.beleid;
  if (w.versieA) {
    const v = await versieOpId(db, actor.regioId, w.versieA);
    if (!v) throw nietGevonden('Beleidsversie');
    beleidA = { versieId: v.id, versie: v.versie, beleid: { gewichten: v.gewichten, volgorde: v.volgorde }, gewichten: afbeelding(v, maxVoorkeurenVan(ctxA.invoer.kandidaten)).gewichten };
  }
  const aantallen = new Map<string, number>();
  for (const a of w.aantallenB ?? []) {
    const sleutel = `${a.gemeenteId}|${a.corporatieId}`;
    if (!ctxA.afspraken.has(sleutel)) throw nietGevonden(`Reserveringsafspraak van dit jaar voor ${ctxA.namen.get(a.corporatieId) ?? 'deze corporatie'} in ${ctxA.namen.get(a.gemeenteId) ?? 'deze gemeente'}`);
    aantallen.set(sleutel, a.aantal);
  }
  const ctxB = aantallen.size ? await bouwMatchContext(db, actor.regioId, peildatum, { aantallen }) : ctxA;
  const beleidB = w.beleidB ?? beleidA.beleid;
  const gewichtenB = afbeelding(beleidB, maxVoorkeurenVan(ctxB.invoer.kandidaten)).gewichten;
  const a = matchOptimaal({ ...ctxA.invoer, gewichten: beleidA.gewichten });
  const b = matchOptimaal({ ...ctxB.invoer, gewichten: gewichtenB });
  const v = vergelijkPlaatsingen(ctxA.invoer.woningen, ctxA.invoer.kandidaten, a.voorstellen, b.voorstellen);
  const metNaam = (rijen: typeof v.perGemeente) => rijen.map((r) => ({ ...r, naam: ctxA.namen.get(r.id) ?? r.id }));
  return {
    a: { versie: beleidA.versie, inWoorden: beleidInWoorden(beleidA.beleid), geplaatst: a.voorstellen.length },
    b: { inWoorden: beleidInWoorden(beleidB), geplaatst: b.voorstellen.length, aantallenGewijzigd: aantallen.size },
    kandidaten: ctxA.invoer.kandidaten.length,
    woningen: ctxA.invoer.woningen.length,
    perGemeente: metNaam(v.perGemeente),
    perCorporatie: metNaam(v.perCorporatie),
    perHerkomstgemeente: metNaam(v.perHerkomstgemeente),
    totaal: v.totaal,
    andersUitgevallen: v.andersUitgevallen,
    // the candidates the answer is about, for the audit row of this read (nothing else is written)
    pseudoniemen: [...new Set([...a.voorstellen, ...b.voorstellen].map((x) => ctxA.pseudoniemen.get(x.kandidaatId)).filter((p): p is string => !!p))],
  };
}

/** This year's agreements of the region, for the what-if form. */
export async function afsprakenVanJaar(db: DbOrTx, regioId: string, jaar: number) {
  const gemeente = s.organisaties;
  const rijen = await db
    .select({ gemeenteId: s.reserveringsafspraken.gemeenteId, corporatieId: s.reserveringsafspraken.corporatieId, aantal: s.reserveringsafspraken.aantal, gemeente: gemeente.naam })
    .from(s.reserveringsafspraken)
    .innerJoin(gemeente, eq(gemeente.id, s.reserveringsafspraken.gemeenteId))
    .where(and(eq(s.reserveringsafspraken.regioId, regioId), eq(s.reserveringsafspraken.jaar, jaar)))
    .orderBy(asc(gemeente.naam));
  const corporaties = await db.select({ id: s.organisaties.id, naam: s.organisaties.naam }).from(s.organisaties).where(and(eq(s.organisaties.regioId, regioId), eq(s.organisaties.soort, 'woningcorporatie')));
  const naam = new Map(corporaties.map((c) => [c.id, c.naam]));
  return rijen.map((r) => ({ ...r, corporatie: naam.get(r.corporatieId) ?? '' }));
}

/**
 * "Waarom niet gematcht?" for one client within the caller's sight (null: not visible). Computed from the same
 * context and engine run as a round at `peildatum`, under the current policy; writes nothing but the audit row
 * the caller adds.
 */
export async function waaromNietVoorClient(db: DbOrTx, actor: Actor, clientId: string, peildatum: string): Promise<(WaaromNiet & { pseudoniem: string; beleidVersie: number | null }) | null> {
  const [rij] = await db
    .select({ stand: s.clientStand, woonwensen: s.clienten.woonwensen, pseudoniem: s.clienten.pseudoniem, grondslag: sql<boolean>`${grondslagVoorCorporatie(peildatum, s.clientStand.clientId)}` })
    .from(s.clienten)
    .innerJoin(s.clientStand, eq(s.clientStand.clientId, s.clienten.id))
    .where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  if (!rij) return null;
  const [open] = await db
    .select({ id: s.matchVoorstellen.id })
    .from(s.matchVoorstellen)
    .where(and(eq(s.matchVoorstellen.clientId, clientId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)))
    .limit(1);
  const parkering = await parkeringOp(db, clientId, peildatum);
  const ctx = await bouwMatchContext(db, actor.regioId, peildatum);
  const kandidaat = ctx.invoer.kandidaten.find((k) => k.id === clientId) ?? kandidaatVan(rij.stand, rij.woonwensen, peildatum);
  if (kandidaat.zrm === undefined) kandidaat.zrm = (await zrmGereedheden(db, [clientId])).get(clientId) ?? 0;
  const resultaat = matchOptimaal(ctx.invoer);
  const gemeenten = await db
    .select({ id: s.organisaties.id })
    .from(s.organisaties)
    .where(and(eq(s.organisaties.regioId, actor.regioId), inArray(s.organisaties.soort, ['centrumgemeente', 'regiogemeente'])))
    .orderBy(asc(s.organisaties.naam));
  const perKlasse = await db
    .select({ gemeenteId: s.woningen.gemeenteId, type: s.woningen.type, n: count() })
    .from(s.woningen)
    .where(eq(s.woningen.regioId, actor.regioId))
    .groupBy(s.woningen.gemeenteId, s.woningen.type);
  const uit = waaromNiet({
    invoer: ctx.invoer,
    kandidaat,
    toewijzing: resultaat.voorstellen,
    deelname: { uitstroomklaar: rij.stand.fase === 'uitstroomklaar', grondslag: !!rij.grondslag, openVoorstel: !!open, geparkeerdTot: parkering ? nlDatum(parkering.tot) : null, faseLabel: FASE_LABEL[rij.stand.fase as Fase] },
    gemeenten: gemeenten.map((g) => g.id),
    woningenPerKlasse: new Map(perKlasse.map((p) => [`${p.gemeenteId}|${p.type}`, Number(p.n)])),
    volgorde: ctx.beleid.beleid.volgorde,
    naam: (id) => ctx.namen.get(id) ?? id,
  });
  return { ...uit, pseudoniem: rij.pseudoniem, beleidVersie: ctx.beleid.versie };
}
