import { and, asc, count, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { schuldenGeregeld } from './schulden.js';
import type { Actor } from '../../domain/auth.js';
import { onderdruk } from '../../domain/monitor.js';
import { conflict, geweigerd, nietGevonden, ongeldig } from '../../domain/fouten.js';
import { leeftijdOp, NIVEAU_LABEL, type Fase } from '../../domain/trajecten.js';
import {
  controleerAfspraak,
  controleerPlaatsingVelden,
  HUURCONSTRUCTIES,
  HUURCONSTRUCTIE_SOORTEN,
  controleerSpreiding,
  controleerStatusovergang,
  leeftijdscategorie,
  leesWoonwensen,
  overlapt,
  statusNaEinde,
  statusNaPlaatsing,
  waarschuwing,
  type HuurconstructieSoort,
  type Leeftijdscategorie,
  type WoningStatus,
  type WoningType,
  type Woonwensen,
  type PlaatsingInvoer,
} from '../../domain/woningen.js';
import { alsWachtlijstRegel, clientFilter, pseudoniemVolgorde, wachtdagenSql, eventsPerClient, toestandVan, WACHTLIJST_FASE, wachtlijstVolgorde } from './clienten.js';
import { grondslagVoorCorporatie } from './grondslagen.js';
import { verbergtAanbieder, ZORGAANBIEDER } from '../../domain/zorgkant.js';
import { nietGeparkeerd } from './parkeren.js';


/**
 * Which homes an organisation may see: a corporatie only its own stock, gemeenten and aanbieders every
 * home of their regio. The homes table holds no client data, so a regio-wide read leaks nothing personal.
 */
export function woningFilter(actor: Actor): SQL {
  if (actor.soort === 'woningcorporatie') return eq(s.woningen.corporatieId, actor.organisatieId);
  return eq(s.woningen.regioId, actor.regioId);
}

/** Agreements are not personal data: the whole regio reads them, except that a corporatie sees only its own. */
export function afspraakFilter(actor: Actor): SQL {
  if (actor.soort === 'woningcorporatie') return eq(s.reserveringsafspraken.corporatieId, actor.organisatieId);
  return eq(s.reserveringsafspraken.regioId, actor.regioId);
}

async function vereisOrganisatie(db: DbOrTx, regioId: string, id: string, soorten: string[], rol: string) {
  const [org] = await db.select().from(s.organisaties).where(and(eq(s.organisaties.id, id), eq(s.organisaties.regioId, regioId)));
  if (!org || !soorten.includes(org.soort)) throw ongeldig(`${rol} is geen ${soorten.join('/')} in deze regio`);
  return org;
}
const GEMEENTE_SOORTEN = ['centrumgemeente', 'regiogemeente'];

/** The centrumgemeente acts for the whole regio; a regiogemeente only for itself. */
function magNamensGemeente(actor: Actor, gemeenteId: string) {
  return actor.soort === 'centrumgemeente' || (actor.soort === 'regiogemeente' && actor.organisatieId === gemeenteId);
}

// ---------------------------------------------------------------- woningen

export interface WoningFilters {
  gemeenteId?: string;
  type?: WoningType;
  status?: WoningStatus;
  corporatieId?: string;
  /** homes available on or before this date */
  beschikbaarPer?: string;
  sorteer?: WoningSortering;
  richting?: 'op' | 'af';
  limiet: number;
  offset: number;
}

export const WONING_SORTERINGEN = ['adres', 'type', 'kamers', 'huurCenten', 'beschikbaarPer', 'status', 'wijk'] as const;
export type WoningSortering = (typeof WONING_SORTERINGEN)[number];

const woningKolommen = {
  id: s.woningen.id,
  corporatieId: s.woningen.corporatieId,
  gemeenteId: s.woningen.gemeenteId,
  adres: s.woningen.adres,
  wijk: s.woningen.wijk,
  complex: s.woningen.complex,
  type: s.woningen.type,
  kamers: s.woningen.kamers,
  huurCenten: s.woningen.huurCenten,
  toegankelijk: s.woningen.toegankelijk,
  beschikbaarPer: s.woningen.beschikbaarPer,
  status: s.woningen.status,
};

export async function lijstWoningen(db: DbOrTx, actor: Actor, f: WoningFilters) {
  const w: SQL[] = [woningFilter(actor)];
  if (f.gemeenteId) w.push(eq(s.woningen.gemeenteId, f.gemeenteId));
  if (f.type) w.push(eq(s.woningen.type, f.type));
  if (f.status) w.push(eq(s.woningen.status, f.status));
  if (f.corporatieId) w.push(eq(s.woningen.corporatieId, f.corporatieId));
  if (f.beschikbaarPer) w.push(lte(s.woningen.beschikbaarPer, f.beschikbaarPer));
  const [{ totaal }] = (await db.select({ totaal: sql<number>`count(*)::int` }).from(s.woningen).where(and(...w))) as [{ totaal: number }];
  const woningen = await db
    .select(woningKolommen)
    .from(s.woningen)
    .where(and(...w))
    .orderBy((f.richting === 'af' ? desc : asc)(s.woningen[f.sorteer ?? 'beschikbaarPer']), asc(s.woningen.adres), asc(s.woningen.id))
    .limit(f.limiet)
    .offset(f.offset);
  return { totaal, woningen };
}

export async function haalWoning(db: DbOrTx, actor: Actor, id: string) {
  const [w] = await db.select(woningKolommen).from(s.woningen).where(and(eq(s.woningen.id, id), woningFilter(actor)));
  return w ?? null;
}

export interface NieuweWoning {
  gemeenteId: string;
  adres: string;
  wijk: string;
  complex: string;
  type: WoningType;
  kamers: number;
  huurCenten: number;
  toegankelijk?: boolean;
  beschikbaarPer: string;
  status?: WoningStatus;
}

/** Only a corporatie registers homes, always as its own stock. */
export async function maakWoning(db: DbOrTx, actor: Actor, w: NieuweWoning) {
  if (actor.soort !== 'woningcorporatie') throw geweigerd('Alleen een woningcorporatie registreert woningen');
  await vereisOrganisatie(db, actor.regioId, w.gemeenteId, GEMEENTE_SOORTEN, 'gemeente');
  const [rij] = await db
    .insert(s.woningen)
    .values({ ...w, toegankelijk: w.toegankelijk ?? false, status: w.status ?? 'beschikbaar', regioId: actor.regioId, corporatieId: actor.organisatieId })
    .returning(woningKolommen);
  return rij!;
}

export type WoningWijziging = Partial<NieuweWoning>;

export async function wijzigWoning(db: DbOrTx, actor: Actor, id: string, wijziging: WoningWijziging) {
  return db.transaction(async (tx) => {
    // corporaties other than the owner get "not found": they do not learn that the id exists
    const [huidig] = await tx.select().from(s.woningen).where(and(eq(s.woningen.id, id), eq(s.woningen.corporatieId, actor.organisatieId))).for('update');
    if (!huidig) throw nietGevonden('Woning');
    if (wijziging.gemeenteId) await vereisOrganisatie(tx, actor.regioId, wijziging.gemeenteId, GEMEENTE_SOORTEN, 'gemeente');
    if (wijziging.status) {
      const fout = controleerStatusovergang(huidig.status as WoningStatus, wijziging.status);
      if (fout) throw ongeldig(fout);
    }
    const [rij] = await tx.update(s.woningen).set(wijziging).where(eq(s.woningen.id, id)).returning(woningKolommen);
    return { voor: huidig, na: rij! };
  });
}

// ---------------------------------------------------------------- reserveringsafspraken

const gemeenteOrg = alias(s.organisaties, 'afspraak_gemeente');
const corporatieOrg = alias(s.organisaties, 'afspraak_corporatie');

/**
 * Realised = placements that started in the agreement's year on homes of that corporatie in that gemeente.
 * Counted live in SQL so the figure can never drift from the placements themselves.
 */
const gerealiseerdSql = sql<number>`(
  select count(*)::int from ${s.plaatsingen} p
  join ${s.woningen} w on w.id = p.woning_id
  where w.gemeente_id = ${s.reserveringsafspraken.gemeenteId}
    and w.corporatie_id = ${s.reserveringsafspraken.corporatieId}
    and p.startdatum >= make_date(${s.reserveringsafspraken.jaar}, 1, 1)
    and p.startdatum < make_date(${s.reserveringsafspraken.jaar} + 1, 1, 1)
)`;

export interface AfspraakFilters {
  jaar?: number;
  gemeenteId?: string;
  corporatieId?: string;
}

/**
 * A woningcorporatie reads realised counts 1–4 as "<5" (null, `onderdrukt`), the same rule as the Monitor
 * (domain/monitor.onderdruk): a handful of placements in one gemeente can point to a person.
 */
export async function lijstAfspraken(db: DbOrTx, actor: Actor, f: AfspraakFilters) {
  const rijen = await afspraakRijen(db, actor, f);
  if (actor.soort !== 'woningcorporatie') return rijen.map((r) => ({ ...r, onderdrukt: false }));
  return rijen.map((r) => {
    const gerealiseerd = onderdruk(r.gerealiseerd);
    return { ...r, gerealiseerd, onderdrukt: gerealiseerd === null };
  });
}

async function afspraakRijen(db: DbOrTx, actor: Actor, f: AfspraakFilters) {
  const w: SQL[] = [afspraakFilter(actor)];
  if (f.jaar) w.push(eq(s.reserveringsafspraken.jaar, f.jaar));
  if (f.gemeenteId) w.push(eq(s.reserveringsafspraken.gemeenteId, f.gemeenteId));
  if (f.corporatieId) w.push(eq(s.reserveringsafspraken.corporatieId, f.corporatieId));
  return db
    .select({
      id: s.reserveringsafspraken.id,
      jaar: s.reserveringsafspraken.jaar,
      gemeenteId: s.reserveringsafspraken.gemeenteId,
      gemeente: gemeenteOrg.naam,
      corporatieId: s.reserveringsafspraken.corporatieId,
      corporatie: corporatieOrg.naam,
      aantal: s.reserveringsafspraken.aantal,
      maxPerComplex: s.reserveringsafspraken.maxPerComplex,
      maxPerWijk: s.reserveringsafspraken.maxPerWijk,
      begeleiding: s.reserveringsafspraken.begeleiding,
      gerealiseerd: gerealiseerdSql,
    })
    .from(s.reserveringsafspraken)
    .innerJoin(gemeenteOrg, eq(gemeenteOrg.id, s.reserveringsafspraken.gemeenteId))
    .innerJoin(corporatieOrg, eq(corporatieOrg.id, s.reserveringsafspraken.corporatieId))
    .where(and(...w))
    .orderBy(asc(s.reserveringsafspraken.jaar), asc(gemeenteOrg.naam), asc(corporatieOrg.naam));
}

export interface NieuweAfspraak {
  jaar: number;
  gemeenteId: string;
  corporatieId: string;
  aantal: number;
  maxPerComplex: number;
  maxPerWijk: number;
  begeleiding: string;
}

/**
 * The gemeente proposes and records the agreement (the centrumgemeente for any gemeente of the regio,
 * a regiogemeente for itself); the corporatie reads it. Agreeing happens at the table, not in the app.
 */
export async function maakAfspraak(db: DbOrTx, actor: Actor, a: NieuweAfspraak) {
  if (!magNamensGemeente(actor, a.gemeenteId)) throw geweigerd('U mag alleen afspraken vastleggen voor uw eigen gemeente');
  const fouten = controleerAfspraak(a);
  if (fouten.length) throw ongeldig(fouten.join('; '), fouten);
  return db.transaction(async (tx) => {
    await vereisOrganisatie(tx, actor.regioId, a.gemeenteId, GEMEENTE_SOORTEN, 'gemeente');
    await vereisOrganisatie(tx, actor.regioId, a.corporatieId, ['woningcorporatie'], 'corporatie');
    const [rij] = await tx.insert(s.reserveringsafspraken).values({ ...a, regioId: actor.regioId }).onConflictDoNothing().returning();
    if (!rij) throw conflict(`Er is al een afspraak voor ${a.jaar} tussen deze gemeente en corporatie; wijzig die`);
    return rij;
  });
}

export type AfspraakWijziging = Partial<Pick<NieuweAfspraak, 'aantal' | 'maxPerComplex' | 'maxPerWijk' | 'begeleiding'>>;

export async function wijzigAfspraak(db: DbOrTx, actor: Actor, id: string, wijziging: AfspraakWijziging) {
  return db.transaction(async (tx) => {
    const [huidig] = await tx.select().from(s.reserveringsafspraken).where(and(eq(s.reserveringsafspraken.id, id), eq(s.reserveringsafspraken.regioId, actor.regioId))).for('update');
    if (!huidig) throw nietGevonden('Afspraak');
    if (!magNamensGemeente(actor, huidig.gemeenteId)) throw geweigerd('U mag alleen afspraken van uw eigen gemeente wijzigen');
    const nieuw = { ...huidig, ...wijziging };
    const fouten = controleerAfspraak(nieuw);
    if (fouten.length) throw ongeldig(fouten.join('; '), fouten);
    const [rij] = await tx.update(s.reserveringsafspraken).set(wijziging).where(eq(s.reserveringsafspraken.id, id)).returning();
    return { voor: huidig, na: rij! };
  });
}

// ---------------------------------------------------------------- plaatsingen

export interface NieuwePlaatsing extends PlaatsingInvoer {
  woningId: string;
  clientId: string;
}

/** Only clients who are in care or ready to leave it can be placed in a home. */
export const PLAATSBARE_FASEN: Fase[] = ['uitstroomklaar', 'in_zorg'];

const isLopendOp = (p: { startdatum: string; einddatum: string | null }, datum: string) => p.startdatum <= datum && (!p.einddatum || p.einddatum >= datum);

/**
 * One transaction: lock the home (so two placements in it are serialised), check the client, the
 * construction's rules, overlap and the year's spreading agreement (locked too, so two placements in
 * the same complex cannot both squeeze under the cap), then insert and move the home's status.
 */
export async function maakPlaatsing(db: DbOrTx, actor: Actor, p: NieuwePlaatsing, vandaag: string) {
  return db.transaction(async (tx) => {
    const [woning] = await tx.select().from(s.woningen).where(and(eq(s.woningen.id, p.woningId), eq(s.woningen.regioId, actor.regioId))).for('update');
    if (!woning) throw nietGevonden('Woning');
    const [client] = await tx
      .select({ id: s.clienten.id, aanbiederId: s.clienten.aanbiederId, pseudoniem: s.clienten.pseudoniem })
      .from(s.clienten)
      .where(and(eq(s.clienten.id, p.clientId), clientFilter(actor)))
      .for('update');
    if (!client) throw nietGevonden('Cliënt');

    const toestand = toestandVan((await eventsPerClient(tx, [client.id])).get(client.id) ?? []);
    if (!PLAATSBARE_FASEN.includes(toestand.fase)) {
      throw ongeldig(`Cliënt is niet uitstroomklaar of in zorg (fase: ${toestand.fase}); plaatsen kan niet`);
    }

    const aanbiederId = p.aanbiederId ?? (actor.soort === 'aanbieder' ? actor.organisatieId : null);
    const invoer = { ...p, aanbiederId };
    // each refusal names its field (`pad`), so the form shows it there
    const regelFouten = controleerPlaatsingVelden(invoer);
    if (regelFouten.length) throw ongeldig(regelFouten.map((f) => f.melding).join('; '), regelFouten);
    if (aanbiederId) await vereisOrganisatie(tx, actor.regioId, aanbiederId, ['aanbieder'], 'aanbieder');

    const inWoning = await tx.select().from(s.plaatsingen).where(eq(s.plaatsingen.woningId, woning.id));
    const botsing = inWoning.find((b) => overlapt(b, p));
    if (botsing) {
      throw conflict(`De woning is in die periode al bezet (plaatsing vanaf ${botsing.startdatum}${botsing.einddatum ? ` t/m ${botsing.einddatum}` : ''})`);
    }
    const vanClient = await tx.select().from(s.plaatsingen).where(and(eq(s.plaatsingen.clientId, client.id), ne(s.plaatsingen.woningId, woning.id)));
    if (vanClient.some((b) => overlapt(b, p))) throw conflict('De cliënt heeft in die periode al een andere woning');

    const status = statusNaPlaatsing(woning.status as WoningStatus, p, vandaag);
    if (!status.ok) throw conflict(status.fout);

    const jaar = Number(p.startdatum.slice(0, 4));
    const [afspraak] = await tx
      .select()
      .from(s.reserveringsafspraken)
      .where(and(eq(s.reserveringsafspraken.jaar, jaar), eq(s.reserveringsafspraken.gemeenteId, woning.gemeenteId), eq(s.reserveringsafspraken.corporatieId, woning.corporatieId)))
      .for('update');
    if (afspraak) {
      const bestaande = await tx
        .select({ complex: s.woningen.complex, wijk: s.woningen.wijk })
        .from(s.plaatsingen)
        .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
        .where(
          and(
            eq(s.woningen.gemeenteId, woning.gemeenteId),
            eq(s.woningen.corporatieId, woning.corporatieId),
            gte(s.plaatsingen.startdatum, `${jaar}-01-01`),
            lte(s.plaatsingen.startdatum, `${jaar}-12-31`),
          ),
        );
      const spreiding = controleerSpreiding(afspraak, bestaande, woning);
      if (spreiding.length) throw conflict(`Spreidingsafspraak ${jaar} overschreden: ${spreiding.join('; ')}`, spreiding);
    }

    const [rij] = await tx
      .insert(s.plaatsingen)
      .values({
        regioId: actor.regioId,
        woningId: woning.id,
        clientId: client.id,
        aanbiederId,
        afspraakId: afspraak?.id ?? null,
        huurconstructie: p.huurconstructie,
        startdatum: p.startdatum,
        einddatum: p.einddatum ?? null,
        omklapdatum: p.omklapdatum ?? null,
        voorwaarden: p.voorwaarden ?? null,
        contactpersoon: p.contactpersoon?.trim() || null,
        contactTelefoon: p.contactTelefoon?.trim() || null,
      })
      .returning();
    if (status.status !== woning.status) await tx.update(s.woningen).set({ status: status.status }).where(eq(s.woningen.id, woning.id));
    return { ...plaatsingUit(rij!, client.pseudoniem, vandaag, actor), woningStatus: status.status, afspraakId: afspraak?.id ?? null };
  });
}

type PlaatsingRij = typeof s.plaatsingen.$inferSelect;

/**
 * A placement as the caller may read it. A woningcorporatie learns that a zorgaanbieder is involved and whom to
 * call, never which aanbieder: the name (a verslavingszorg, a jeugdhuis) reveals the client's doelgroep.
 */
function plaatsingUit(p: PlaatsingRij, pseudoniem: string, vandaag: string, actor: Actor) {
  const w = waarschuwing({ huurconstructie: p.huurconstructie as HuurconstructieSoort, startdatum: p.startdatum, omklapdatum: p.omklapdatum });
  return {
    id: p.id,
    woningId: p.woningId,
    clientPseudoniem: pseudoniem,
    ...(verbergtAanbieder(actor) ? {} : { aanbiederId: p.aanbiederId }),
    aanbieder: p.aanbiederId ? ZORGAANBIEDER : null,
    contactpersoon: p.contactpersoon,
    contactTelefoon: p.contactTelefoon,
    huurconstructie: p.huurconstructie as HuurconstructieSoort,
    startdatum: p.startdatum,
    einddatum: p.einddatum,
    omklapdatum: p.omklapdatum,
    voorwaarden: (p.voorwaarden ?? null) as Record<string, string> | null,
    waarschuwing: w,
    /** the warning period has begun and the turning point has not passed, and the placement still runs */
    waarschuwingActief: !!w && w.vanaf <= vandaag && vandaag <= w.moment && (!p.einddatum || p.einddatum >= vandaag),
  };
}

/**
 * Placements visible to the caller: a corporatie those in its own homes (by pseudoniem only), others
 * those of clients within their client view.
 */
function plaatsingFilter(actor: Actor): SQL {
  if (actor.soort === 'woningcorporatie') return eq(s.woningen.corporatieId, actor.organisatieId);
  return and(eq(s.plaatsingen.regioId, actor.regioId), clientFilter(actor))!;
}

/** Days before the scharnierdatum that warnings start, per construction, as SQL (from HUURCONSTRUCTIES). */
const waarschuwDagenSql = sql.join(
  [
    sql`(case ${s.plaatsingen.huurconstructie}`,
    ...HUURCONSTRUCTIE_SOORTEN.filter((h) => HUURCONSTRUCTIES[h].scharnier).map((h) => sql`when ${h} then ${HUURCONSTRUCTIES[h].waarschuwDagenVooraf}::int`),
    sql`else null end)`,
  ],
  sql` `,
);

/** Mirrors plaatsingUit's waarschuwingActief, so the filter and the paging happen in SQL. */
const waarschuwingActiefSql = (vandaag: string) =>
  sql`(${s.plaatsingen.omklapdatum} is not null and ${waarschuwDagenSql} is not null
    and ${s.plaatsingen.omklapdatum} - ${waarschuwDagenSql} <= ${vandaag}::date and ${vandaag}::date <= ${s.plaatsingen.omklapdatum}
    and (${s.plaatsingen.einddatum} is null or ${s.plaatsingen.einddatum} >= ${vandaag}::date))`;

export const PLAATSING_SORTERINGEN = ['startdatum', 'adres', 'huurconstructie', 'omklapdatum', 'pseudoniem'] as const;
export type PlaatsingSortering = (typeof PLAATSING_SORTERINGEN)[number];

export interface PlaatsingFilters {
  woningId?: string;
  alleenWaarschuwingen?: boolean;
  /** only placements still running today */
  alleenLopend?: boolean;
  sorteer?: PlaatsingSortering;
  richting?: 'op' | 'af';
  limiet?: number;
  offset?: number;
}

export async function lijstPlaatsingen(db: DbOrTx, actor: Actor, f: PlaatsingFilters, vandaag: string) {
  const w: SQL[] = [plaatsingFilter(actor)];
  if (f.woningId) w.push(eq(s.plaatsingen.woningId, f.woningId));
  if (f.alleenWaarschuwingen) w.push(waarschuwingActiefSql(vandaag));
  if (f.alleenLopend) w.push(sql`(${s.plaatsingen.einddatum} is null or ${s.plaatsingen.einddatum} >= ${vandaag}::date)`);
  const kolom = {
    startdatum: s.plaatsingen.startdatum,
    adres: s.woningen.adres,
    huurconstructie: s.plaatsingen.huurconstructie,
    omklapdatum: s.plaatsingen.omklapdatum,
    pseudoniem: s.clienten.pseudoniem,
  }[f.sorteer ?? 'startdatum'];
  const richting = f.richting === 'af' ? desc : asc;
  const [{ totaal }] = (await db
    .select({ totaal: count() })
    .from(s.plaatsingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .where(and(...w))) as [{ totaal: number }];
  const rijen = await db
    .select({ p: s.plaatsingen, pseudoniem: s.clienten.pseudoniem, adres: s.woningen.adres, gemeenteId: s.woningen.gemeenteId, corporatieId: s.woningen.corporatieId })
    .from(s.plaatsingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .where(and(...w))
    .orderBy(sql`${richting(kolom)} nulls last`, asc(s.plaatsingen.id))
    .limit(f.limiet ?? 100)
    .offset(f.offset ?? 0);
  return {
    totaal,
    plaatsingen: rijen.map((r) => ({ ...plaatsingUit(r.p, r.pseudoniem, vandaag, actor), adres: r.adres, gemeenteId: r.gemeenteId, corporatieId: r.corporatieId })),
  };
}

/** Ends a placement; the home becomes free once the end date has passed and nothing else runs in it. */
export async function beeindigPlaatsing(db: DbOrTx, actor: Actor, id: string, einddatum: string, vandaag: string) {
  return db.transaction(async (tx) => {
    const [gevonden] = await tx
      .select({ p: s.plaatsingen, pseudoniem: s.clienten.pseudoniem })
      .from(s.plaatsingen)
      .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .where(and(eq(s.plaatsingen.id, id), plaatsingFilter(actor)));
    if (!gevonden) throw nietGevonden('Plaatsing');
    const [woning] = await tx.select().from(s.woningen).where(eq(s.woningen.id, gevonden.p.woningId)).for('update');
    const p = gevonden.p;
    if (p.einddatum) throw conflict(`Plaatsing is al beëindigd per ${p.einddatum}`);
    if (einddatum < p.startdatum) throw ongeldig('Einddatum ligt vóór de startdatum');
    const anderen = await tx.select().from(s.plaatsingen).where(and(eq(s.plaatsingen.woningId, p.woningId), ne(s.plaatsingen.id, p.id)));
    const status = statusNaEinde(woning!.status as WoningStatus, einddatum, vandaag, anderen.some((a) => isLopendOp(a, vandaag)));
    const [rij] = await tx.update(s.plaatsingen).set({ einddatum }).where(eq(s.plaatsingen.id, id)).returning();
    if (status !== woning!.status) await tx.update(s.woningen).set({ status }).where(eq(s.woningen.id, woning!.id));
    return { ...plaatsingUit(rij!, gevonden.pseudoniem, vandaag, actor), woningStatus: status };
  });
}

// ---------------------------------------------------------------- Beschermd Thuis-capaciteit

const btGemeente = alias(s.organisaties, 'bt_gemeente');
const btAanbieder = alias(s.organisaties, 'bt_aanbieder');

export async function lijstBtCapaciteit(db: DbOrTx, actor: Actor, jaar?: number) {
  const w: SQL[] = [eq(s.beschermdThuisCapaciteit.regioId, actor.regioId)];
  if (jaar) w.push(eq(s.beschermdThuisCapaciteit.jaar, jaar));
  return db
    .select({
      id: s.beschermdThuisCapaciteit.id,
      jaar: s.beschermdThuisCapaciteit.jaar,
      gemeenteId: s.beschermdThuisCapaciteit.gemeenteId,
      gemeente: btGemeente.naam,
      aanbiederId: s.beschermdThuisCapaciteit.aanbiederId,
      aanbieder: btAanbieder.naam,
      plekken: s.beschermdThuisCapaciteit.plekken,
      doelPlekken: s.beschermdThuisCapaciteit.doelPlekken,
    })
    .from(s.beschermdThuisCapaciteit)
    .innerJoin(btGemeente, eq(btGemeente.id, s.beschermdThuisCapaciteit.gemeenteId))
    .innerJoin(btAanbieder, eq(btAanbieder.id, s.beschermdThuisCapaciteit.aanbiederId))
    .where(and(...w))
    .orderBy(asc(s.beschermdThuisCapaciteit.jaar), asc(btGemeente.naam), asc(btAanbieder.naam));
}

/**
 * Per gemeente of the regio: places vs target in one year. The regional goal is Beschermd Thuis-aanbod
 * in every gemeente, so a gemeente with zero places (or no row at all) is listed as zonder aanbod.
 */
export async function btDekking(db: DbOrTx, actor: Actor, jaar: number) {
  const rijen = await db
    .select({
      gemeenteId: s.organisaties.id,
      gemeente: s.organisaties.naam,
      soort: s.organisaties.soort,
      plekken: sql<number>`coalesce(sum(${s.beschermdThuisCapaciteit.plekken}), 0)::int`,
      doelPlekken: sql<number>`coalesce(sum(${s.beschermdThuisCapaciteit.doelPlekken}), 0)::int`,
      aanbieders: sql<number>`count(${s.beschermdThuisCapaciteit.id}) filter (where ${s.beschermdThuisCapaciteit.plekken} > 0)::int`,
    })
    .from(s.organisaties)
    .leftJoin(s.beschermdThuisCapaciteit, and(eq(s.beschermdThuisCapaciteit.gemeenteId, s.organisaties.id), eq(s.beschermdThuisCapaciteit.jaar, jaar)))
    .where(and(eq(s.organisaties.regioId, actor.regioId), inArray(s.organisaties.soort, GEMEENTE_SOORTEN)))
    .groupBy(s.organisaties.id, s.organisaties.naam, s.organisaties.soort)
    .orderBy(asc(s.organisaties.naam));
  const gemeenten = rijen.map((r) => ({ ...r, heeftAanbod: r.plekken > 0 }));
  return { jaar, gemeenten, zonderAanbod: gemeenten.filter((g) => !g.heeftAanbod && g.soort === 'regiogemeente').map((g) => g.gemeente) };
}

export interface BtCapaciteitInvoer {
  jaar: number;
  gemeenteId: string;
  aanbiederId: string;
  plekken: number;
  doelPlekken: number;
}

export async function zetBtCapaciteit(db: DbOrTx, actor: Actor, c: BtCapaciteitInvoer) {
  if (!magNamensGemeente(actor, c.gemeenteId)) throw geweigerd('U mag alleen de capaciteit van uw eigen gemeente vastleggen');
  if (c.plekken < 0 || c.doelPlekken < 0) throw ongeldig('Aantallen mogen niet negatief zijn');
  return db.transaction(async (tx) => {
    await vereisOrganisatie(tx, actor.regioId, c.gemeenteId, GEMEENTE_SOORTEN, 'gemeente');
    await vereisOrganisatie(tx, actor.regioId, c.aanbiederId, ['aanbieder'], 'aanbieder');
    const [rij] = await tx
      .insert(s.beschermdThuisCapaciteit)
      .values({ ...c, regioId: actor.regioId })
      .onConflictDoUpdate({
        target: [s.beschermdThuisCapaciteit.jaar, s.beschermdThuisCapaciteit.gemeenteId, s.beschermdThuisCapaciteit.aanbiederId],
        set: { plekken: c.plekken, doelPlekken: c.doelPlekken },
      })
      .returning();
    return rij!;
  });
}

// ---------------------------------------------------------------- pseudonymised candidates

export interface Kandidaat {
  pseudoniem: string;
  leeftijdscategorie: Leeftijdscategorie;
  herkomstgemeenteId: string;
  woonwensen: Woonwensen;
  ondersteuningsniveau: string | null;
  wachtdagen: number;
  urgentie: number;
  /** old rent debts settled (or none): yes/no only, never creditor or amount */
  schuldGeregeld: boolean;
}

export const KANDIDAAT_SORTERINGEN = ['volgorde', 'wachttijd', 'urgentie', 'pseudoniem'] as const;
export type KandidaatSortering = (typeof KANDIDAAT_SORTERINGEN)[number];

export interface KandidaatFilters {
  /** herkomstgemeente, or one of the client's preferred gemeenten */
  gemeenteId?: string;
  /** volgorde = the waiting-list order (urgency, then waiting time) */
  sorteer?: KandidaatSortering;
  richting?: 'op' | 'af';
  limiet: number;
  offset: number;
}

/** The waiting-list order, or one column first (the waiting-list order breaks ties); `af` reverses that column. */
function kandidaatVolgorde(peildatum: string, sorteer: KandidaatSortering, richting: 'op' | 'af'): SQL[] {
  const volgorde = wachtlijstVolgorde(peildatum);
  if (sorteer === 'volgorde') return richting === 'op' ? volgorde : [asc(s.clientStand.urgentie), asc(wachtdagenSql(peildatum)), desc(pseudoniemVolgorde), desc(s.clientStand.clientId)];
  const r = richting === 'op' ? asc : desc;
  const eerst = { wachttijd: r(wachtdagenSql(peildatum)), urgentie: r(s.clientStand.urgentie), pseudoniem: r(pseudoniemVolgorde) }[sorteer];
  return [eerst, ...volgorde];
}

/**
 * Uitstroomklare clients of the corporatie's regio, in waiting-list order, reduced to what a corporatie
 * needs to offer a home. Filtered, ordered and paged in SQL on client_stand; identifying columns (name, BSN,
 * doelgroep, risk notes) are not even selected.
 */
export async function kandidaten(db: DbOrTx, actor: Actor, peildatum: string, f: KandidaatFilters) {
  const st = s.clientStand;
  const opLijst: SQL[] = [eq(st.regioId, actor.regioId), eq(st.fase, WACHTLIJST_FASE.uitstroom)];
  // a parked client (client_parkeringen, ADR 0034) is not offered until the end date, as in the matching rounds
  opLijst.push(nietGeparkeerd(peildatum, st.clientId));
  if (f.gemeenteId) {
    opLijst.push(sql`(${st.herkomstgemeenteId} = ${f.gemeenteId} or coalesce(${s.clienten.woonwensen} -> 'gemeenten', '[]'::jsonb) @> jsonb_build_array(${f.gemeenteId}::text))`);
  }
  // a corporatie is offered only clients with a valid basis (consent or legal) for sharing their profile with it
  const grondslag = grondslagVoorCorporatie(peildatum, st.clientId);
  const waar = and(...opLijst, grondslag);
  // The count tests the basis per row of the list through its index (an aggregate filter, not a join): as a
  // semi-join the planner hashes every grondslag of the region instead. The woonwensen live in clienten: joined
  // only when the filter reads them.
  const telling = db.select({ totaal: sql<number>`(count(*) filter (where ${grondslag}))::int` }).from(st).$dynamic();
  const [{ totaal }] = (await (f.gemeenteId ? telling.innerJoin(s.clienten, eq(s.clienten.id, st.clientId)) : telling).where(and(...opLijst))) as [{ totaal: number }];
  const rijen = await db
    .select({ stand: st, woonwensen: s.clienten.woonwensen })
    .from(st)
    .innerJoin(s.clienten, eq(s.clienten.id, st.clientId))
    .where(waar)
    .orderBy(...kandidaatVolgorde(peildatum, f.sorteer ?? 'volgorde', f.richting ?? 'op'))
    .limit(f.limiet)
    .offset(f.offset);
  const geregeld = await schuldenGeregeld(db, rijen.map((r) => r.stand.clientId));
  const lijst = rijen.map(({ stand, woonwensen }): Kandidaat => {
    const r = alsWachtlijstRegel(stand, peildatum);
    return {
      pseudoniem: r.pseudoniem,
      leeftijdscategorie: leeftijdscategorie(leeftijdOp(stand.geboortedatum, peildatum)),
      herkomstgemeenteId: stand.herkomstgemeenteId,
      woonwensen: leesWoonwensen(woonwensen),
      ondersteuningsniveau: r.niveau ? NIVEAU_LABEL[r.niveau] : null,
      wachtdagen: r.wachtdagen,
      urgentie: r.urgentie,
      schuldGeregeld: geregeld.get(stand.clientId) ?? true,
    };
  });
  return { totaal, kandidaten: lijst };
}
