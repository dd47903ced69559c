import { and, asc, desc, eq, gte, inArray, isNull, isNotNull, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { schrijfAudit } from './audit.js';
import { meld } from './meldingen.js';
import { afspraakVoor } from './procesafspraken.js';
import { schuldenGeregeld } from './schulden.js';
import type { Actor } from '../../domain/auth.js';
import { DomeinFout, ongeldig } from '../../domain/fouten.js';
import {
  isTeLaat,
  lokaleDatum,
  lokaleTijdTekst,
  magSignaalMelden,
  magSignaalZien,
  nieuweDeadline,
  OPEN_STATUSSEN,
  OVERGANGEN,
  rollenVoor,
  SIGNAAL_ACTIE_LABEL,
  SignaalFout,
  samenvatting,
  SIGNAAL_SOORT_LABEL,
  SIGNAAL_STATUS_LABEL,
  SIGNAAL_STATUSSEN,
  signaalLink,
  toegestaneActies,
  volgendeStatus,
  type SignaalActie,
  type SignaalDetails,
  type SignaalPartijen,
  type SignaalSoort,
  type SignaalStatus,
} from '../../domain/signalen.js';
import { aanbiederZichtbaar, doorTekst, verbergtAanbieder } from '../../domain/zorgkant.js';
import { HUURCONSTRUCTIES, type HuurconstructieSoort } from '../../domain/woningen.js';

/** Someone else changed the signal since the caller read it (optimistic concurrency). */
export class VersieConflict extends DomeinFout {
  constructor(huidigeVersie: number | null) {
    super('conflict', 'Het signaal is intussen door iemand anders gewijzigd; laad het opnieuw', { huidigeVersie });
  }
}

/** Audit rows and steps of the scheduler carry this user id: no person did it. */
export const SYSTEEM_GEBRUIKER = '00000000-0000-0000-0000-000000000000';

// ---------------------------------------------------------------------------------------------
// Zicht: the SQL translation of domain/signalen.magSignaalZien and magSignaalMelden

function signaalFilter(actor: Actor): SQL {
  const regio = eq(s.signalen.regioId, actor.regioId);
  switch (actor.soort) {
    case 'centrumgemeente':
      return regio;
    case 'regiogemeente':
      return and(regio, or(eq(s.signalen.melderOrganisatieId, actor.organisatieId), eq(s.woningen.gemeenteId, actor.organisatieId)))!;
    case 'woningcorporatie':
      return and(regio, eq(s.woningen.corporatieId, actor.organisatieId))!;
    case 'aanbieder':
      return and(regio, eq(s.signalen.aanbiederId, actor.organisatieId))!;
    case 'landelijk':
      return sql`false`;
  }
}

function meldFilter(actor: Actor): SQL {
  const regio = eq(s.plaatsingen.regioId, actor.regioId);
  switch (actor.soort) {
    case 'centrumgemeente':
      return regio;
    case 'regiogemeente':
      return and(regio, eq(s.woningen.gemeenteId, actor.organisatieId))!;
    case 'woningcorporatie':
      return and(regio, eq(s.woningen.corporatieId, actor.organisatieId))!;
    case 'aanbieder':
    case 'landelijk':
      return sql`false`;
  }
}

const signaalKolommen = {
  id: s.signalen.id,
  regioId: s.signalen.regioId,
  plaatsingId: s.signalen.plaatsingId,
  melderOrganisatieId: s.signalen.melderOrganisatieId,
  aanbiederId: s.signalen.aanbiederId,
  soort: s.signalen.soort,
  details: s.signalen.details,
  status: s.signalen.status,
  deadline: s.signalen.deadline,
  versie: s.signalen.versie,
  aangemaakt: s.signalen.aangemaakt,
  corporatieId: s.woningen.corporatieId,
  gemeenteId: s.woningen.gemeenteId,
  adres: s.woningen.adres,
  /** only the pseudonym ever leaves this module: a corporatie may not see names */
  pseudoniem: s.clienten.pseudoniem,
  clientId: s.clienten.id,
};

function signaalQuery(db: DbOrTx) {
  return db
    .select(signaalKolommen)
    .from(s.signalen)
    .innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.signalen.plaatsingId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId));
}
type SignaalRij = Awaited<ReturnType<ReturnType<typeof signaalQuery>['where']>>[number];

/** Names of just the organisations a page mentions: never the whole region's list per request. */
async function organisatieNamen(db: DbOrTx, ids: Iterable<string>) {
  const uniek = [...new Set(ids)];
  if (!uniek.length) return new Map<string, string>();
  const rijen = await db.select({ id: s.organisaties.id, naam: s.organisaties.naam }).from(s.organisaties).where(inArray(s.organisaties.id, uniek));
  return new Map(rijen.map((r) => [r.id, r.naam]));
}
const betrokkenen = (r: SignaalRij) => [r.melderOrganisatieId, r.aanbiederId, r.corporatieId];

/**
 * The aanbieder's contact person for each signal: whoever of the aanbieder took the latest step. One query for
 * the page's signals. Only a name: an e-mail address would carry the aanbieder's domain (and so its name).
 */
async function contactpersonen(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rijen = await db
    .selectDistinctOn([s.signaalStappen.signaalId], { signaalId: s.signaalStappen.signaalId, naam: s.gebruikers.naam })
    .from(s.signaalStappen)
    .innerJoin(s.signalen, eq(s.signalen.id, s.signaalStappen.signaalId))
    .innerJoin(s.gebruikers, and(eq(s.gebruikers.id, s.signaalStappen.doorGebruikerId), eq(s.gebruikers.organisatieId, s.signalen.aanbiederId)))
    .where(inArray(s.signaalStappen.signaalId, ids))
    .orderBy(s.signaalStappen.signaalId, desc(s.signaalStappen.tijdstip), desc(s.signaalStappen.id));
  return new Map(rijen.map((r) => [r.signaalId, r.naam]));
}

function naarOverzicht(actor: Actor, r: SignaalRij, namen: Map<string, string>, contact: Map<string, string>, nu: Date) {
  const status = r.status as SignaalStatus;
  const details = r.details as SignaalDetails;
  return {
    id: r.id,
    soort: r.soort as SignaalSoort,
    details,
    samenvatting: samenvatting(details),
    status,
    deadline: r.deadline.toISOString(),
    teLaat: isTeLaat({ status, deadline: r.deadline }, nu),
    versie: r.versie,
    aangemaakt: r.aangemaakt.toISOString(),
    plaatsingId: r.plaatsingId,
    pseudoniem: r.pseudoniem,
    // a link to the dossier only for those who may open it; the dossier itself audits the read
    clientId: actor.soort === 'woningcorporatie' ? null : r.clientId,
    adres: r.adres,
    melder: { id: r.melderOrganisatieId, naam: namen.get(r.melderOrganisatieId) ?? '—' },
    // a corporatie reads "Zorgaanbieder" and the contact person: the name can reveal the doelgroep
    aanbieder: {
      id: verbergtAanbieder(actor) ? null : r.aanbiederId,
      naam: aanbiederZichtbaar(actor, namen.get(r.aanbiederId) ?? '—'),
      contactpersoon: contact.get(r.id) ?? null,
    },
    corporatie: { id: r.corporatieId, naam: namen.get(r.corporatieId) ?? '—' },
  };
}
export type SignaalOverzicht = ReturnType<typeof naarOverzicht>;

export const SIGNAAL_SORTERINGEN = ['deadline', 'aangemaakt', 'status', 'soort'] as const;
export type SignaalSortering = (typeof SIGNAAL_SORTERINGEN)[number];
export type Richting = 'op' | 'af';

export interface SignaalFilters {
  status?: SignaalStatus;
  soort?: SignaalSoort;
  teLaat?: boolean;
  /** standaard deadline, oplopend: wat het eerst verloopt staat bovenaan */
  sorteer?: SignaalSortering;
  richting?: Richting;
  limiet: number;
  offset: number;
}

/** isTeLaat in SQL: open and past its deadline. */
const teLaatSql = (nu: Date) => and(inArray(s.signalen.status, [...OPEN_STATUSSEN]), lt(s.signalen.deadline, nu))!;

/** Status sorts along its life (gemeld first), not alphabetically. */
const statusVolgorde = sql`array_position(array[${sql.join(
  SIGNAAL_STATUSSEN.map((st) => sql`${st}`),
  sql`, `,
)}]::text[], ${s.signalen.status})`;

function sorteerKolom(sorteer: SignaalSortering): SQL | AnyPgColumn {
  switch (sorteer) {
    case 'deadline':
      return s.signalen.deadline;
    case 'aangemaakt':
      return s.signalen.aangemaakt;
    case 'status':
      return statusVolgorde;
    case 'soort':
      return s.signalen.soort;
  }
}

/** Only the corporatie's and regiogemeente's view look at the home; the others need no join to count. */
const zichtViaWoning = (actor: Actor) => actor.soort === 'woningcorporatie' || actor.soort === 'regiogemeente';

/**
 * One page of the signals in the caller's view. Filtering, the counts per status and the sort and page all
 * happen in SQL; only the rows of the page are turned into overviews (summary, names, te laat).
 * `aantallen` and `teLaat` count every visible signal of the chosen soort, regardless of status and teLaat,
 * so the status tabs keep showing what each tab holds.
 */
export async function lijstSignalen(db: DbOrTx, actor: Actor, f: SignaalFilters, nu: Date) {
  const sorteer = f.sorteer ?? 'deadline';
  const richting = f.richting ?? 'op';
  const zicht: SQL[] = [signaalFilter(actor)];
  if (f.soort) zicht.push(eq(s.signalen.soort, f.soort));
  const teLaat = teLaatSql(nu);

  const telQuery = db
    .select({ status: s.signalen.status, n: sql<number>`count(*)::int`, teLaat: sql<number>`(count(*) filter (where ${teLaat}))::int` })
    .from(s.signalen)
    .$dynamic();
  if (zichtViaWoning(actor)) {
    telQuery.innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.signalen.plaatsingId)).innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId));
  }
  const tellingen = await telQuery.where(and(...zicht)).groupBy(s.signalen.status);

  const aantallen = Object.fromEntries(SIGNAAL_STATUSSEN.map((st) => [st, 0])) as Record<SignaalStatus, number>;
  let totaal = 0;
  let aantalTeLaat = 0;
  for (const t of tellingen) {
    aantallen[t.status as SignaalStatus] = t.n;
    aantalTeLaat += t.teLaat;
    if (f.status && t.status !== f.status) continue;
    totaal += f.teLaat === undefined ? t.n : f.teLaat ? t.teLaat : t.n - t.teLaat;
  }

  const pagina: SQL[] = [...zicht];
  if (f.status) pagina.push(eq(s.signalen.status, f.status));
  if (f.teLaat !== undefined) pagina.push(f.teLaat ? teLaat : not(teLaat));
  const kolom = sorteerKolom(sorteer);
  const rijen =
    totaal > f.offset
      ? await signaalQuery(db)
          .where(and(...pagina))
          .orderBy(richting === 'op' ? asc(kolom) : desc(kolom), richting === 'op' ? asc(s.signalen.id) : desc(s.signalen.id))
          .limit(f.limiet)
          .offset(f.offset)
      : [];
  const namen = await organisatieNamen(db, rijen.flatMap(betrokkenen));
  const contact = await contactpersonen(db, rijen.map((r) => r.id));
  return {
    totaal,
    aantallen,
    teLaat: aantalTeLaat,
    sorteer,
    richting,
    limiet: f.limiet,
    offset: f.offset,
    signalen: rijen.map((r) => naarOverzicht(actor, r, namen, contact, nu)),
  };
}

const partijen = (r: SignaalRij): SignaalPartijen => ({
  regioId: r.regioId,
  melderOrganisatieId: r.melderOrganisatieId,
  aanbiederId: r.aanbiederId,
  corporatieId: r.corporatieId,
  gemeenteId: r.gemeenteId,
});

/** Null for unknown ids and for signals outside the caller's view alike: existence does not leak. */
async function zichtbaarSignaal(db: DbOrTx, actor: Actor, id: string) {
  const [rij] = await signaalQuery(db).where(and(eq(s.signalen.id, id), signaalFilter(actor)));
  // the SQL filter and the domain rule must agree; the domain rule is the one that is tested in isolation
  if (!rij || !magSignaalZien(actor, partijen(rij))) return null;
  return rij;
}

export async function haalSignaal(db: DbOrTx, actor: Actor, id: string, nu: Date) {
  const rij = await zichtbaarSignaal(db, actor, id);
  if (!rij) return null;
  const namen = await organisatieNamen(db, betrokkenen(rij));
  const stappen = await db
    .select({
      id: s.signaalStappen.id,
      status: s.signaalStappen.status,
      tijdstip: s.signaalStappen.tijdstip,
      toelichting: s.signaalStappen.toelichting,
      gebruiker: s.gebruikers.naam,
      organisatie: s.organisaties.naam,
      organisatieSoort: s.organisaties.soort,
    })
    .from(s.signaalStappen)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.signaalStappen.doorGebruikerId))
    .leftJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
    .where(eq(s.signaalStappen.signaalId, id))
    .orderBy(asc(s.signaalStappen.tijdstip), asc(s.signaalStappen.id));
  const rollen = rollenVoor(actor, partijen(rij));
  return {
    ...naarOverzicht(actor, rij, namen, await contactpersonen(db, [rij.id]), nu),
    afspraak: await afspraakVoor(db, rij.regioId, rij.soort as SignaalSoort),
    rollen,
    toegestaneActies: actor.rol === 'alleen_lezen' ? [] : toegestaneActies(rij.status as SignaalStatus, rollen),
    stappen: stappen.map((st) => ({
      id: st.id,
      status: st.status as SignaalStatus,
      tijdstip: st.tijdstip.toISOString(),
      toelichting: st.toelichting,
      door: doorTekst(actor, st.gebruiker, st.organisatie ? { naam: st.organisatie, soort: st.organisatieSoort ?? '' } : null),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Melden en acties

/** The centrumgemeente of each region: it hears of every signal and every lapsed proposal term. */
export async function centrumgemeenten(db: DbOrTx, regioIds: string[]) {
  if (!regioIds.length) return new Map<string, string>();
  const rijen = await db
    .select({ id: s.organisaties.id, regioId: s.organisaties.regioId })
    .from(s.organisaties)
    .where(and(inArray(s.organisaties.regioId, regioIds), eq(s.organisaties.soort, 'centrumgemeente')));
  return new Map(rijen.map((r) => [r.regioId, r.id]));
}

async function plaatsingVoorMelding(db: DbOrTx, plaatsingId: string) {
  const [p] = await db
    .select({
      id: s.plaatsingen.id,
      regioId: s.plaatsingen.regioId,
      aanbiederId: s.plaatsingen.aanbiederId,
      einddatum: s.plaatsingen.einddatum,
      corporatieId: s.woningen.corporatieId,
      gemeenteId: s.woningen.gemeenteId,
      adres: s.woningen.adres,
      pseudoniem: s.clienten.pseudoniem,
    })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(eq(s.plaatsingen.id, plaatsingId));
  return p ?? null;
}

export interface NieuwSignaal {
  plaatsingId: string;
  details: SignaalDetails;
}

/** Returns null when the placement is unknown or not one the caller may report on. */
export async function maakSignaal(db: DbOrTx, actor: Actor, invoer: NieuwSignaal, nu: Date) {
  return db.transaction(async (tx) => {
    const p = await plaatsingVoorMelding(tx, invoer.plaatsingId);
    if (!p) return null;
    if (!magSignaalMelden(actor, { regioId: p.regioId, aanbiederId: p.aanbiederId ?? '', corporatieId: p.corporatieId, gemeenteId: p.gemeenteId })) return null;
    if (p.einddatum && p.einddatum < lokaleDatum(nu)) throw ongeldig('Deze plaatsing is beëindigd; meld het signaal bij de huidige bewoner');
    if (!p.aanbiederId) throw ongeldig('Bij deze plaatsing is geen verantwoordelijke aanbieder vastgelegd');
    const soort = invoer.details.soort;
    const afspraak = await afspraakVoor(tx, p.regioId, soort);
    const [rij] = await tx
      .insert(s.signalen)
      .values({
        regioId: p.regioId,
        plaatsingId: p.id,
        melderOrganisatieId: actor.organisatieId,
        aanbiederId: p.aanbiederId,
        soort,
        details: invoer.details,
        status: 'gemeld',
        deadline: nieuweDeadline(null, 'gemeld', nu, afspraak)!,
        aangemaakt: nu,
      })
      .returning({ id: s.signalen.id });
    const id = rij!.id;
    await tx.insert(s.signaalStappen).values({ signaalId: id, status: 'gemeld', tijdstip: nu, doorGebruikerId: actor.gebruikerId, toelichting: invoer.details.toelichting ?? null });
    await meld(tx, [
      {
        organisatieId: p.aanbiederId,
        titel: `Nieuw signaal: ${SIGNAAL_SOORT_LABEL[soort].toLowerCase()}`,
        tekst: `${samenvatting(invoer.details)} bij ${p.pseudoniem}, ${p.adres}. Oppakken binnen ${afspraak.reactieUren} uur.`,
        link: signaalLink(id),
        sleutel: `signaal:${id}:v1:${p.aanbiederId}`,
      },
    ]);
    await schrijfAudit(tx, actor, { actie: 'aanmaken', entiteit: 'signaal', entiteitId: id, doel: 'signaalafhandeling', details: { soort, plaatsingId: p.id } });
    return { id, versie: 1 };
  });
}

export interface SignaalActieInvoer {
  actie: SignaalActie;
  /** the version the caller last saw */
  versie: number;
  toelichting?: string | null;
}

/**
 * One step in a signal's life. The UPDATE only succeeds on the version the caller saw, so of two
 * concurrent steps exactly one wins and the other gets VersieConflict; no lock is held across requests.
 */
export async function voerActieUit(db: DbOrTx, actor: Actor, id: string, invoer: SignaalActieInvoer, nu: Date) {
  return db.transaction(async (tx) => {
    const rij = await zichtbaarSignaal(tx, actor, id);
    if (!rij) return null;
    const status = rij.status as SignaalStatus;
    const rollen = rollenVoor(actor, partijen(rij));
    // order matters for the answer: not your business (403) before stale view (409) before impossible step (422)
    if (!rollen.some((r) => OVERGANGEN[invoer.actie].door.includes(r))) {
      throw new SignaalFout(`Uw organisatie mag '${SIGNAAL_ACTIE_LABEL[invoer.actie]}' niet uitvoeren bij dit signaal`, 'geweigerd');
    }
    if (rij.versie !== invoer.versie) throw new VersieConflict(rij.versie);
    const naar = volgendeStatus(status, invoer.actie, rollen);
    const afspraak = await afspraakVoor(tx, rij.regioId, rij.soort as SignaalSoort);
    const deadline = nieuweDeadline(status, naar, nu, afspraak) ?? rij.deadline;
    const [bijgewerkt] = await tx
      .update(s.signalen)
      .set({ status: naar, deadline, versie: sql`${s.signalen.versie} + 1` })
      .where(and(eq(s.signalen.id, id), eq(s.signalen.versie, invoer.versie)))
      .returning({ versie: s.signalen.versie });
    if (!bijgewerkt) throw new VersieConflict(null);
    await tx.insert(s.signaalStappen).values({ signaalId: id, status: naar, tijdstip: nu, doorGebruikerId: actor.gebruikerId, toelichting: invoer.toelichting ?? null });

    const ontvangers = new Set<string>();
    if (naar === 'opgepakt' || naar === 'opgelost') ontvangers.add(rij.melderOrganisatieId);
    if (naar === 'opgelost' || invoer.actie === 'terugleggen') ontvangers.add(rij.aanbiederId);
    if (naar === 'geescaleerd') {
      const centrum = (await centrumgemeenten(tx, [rij.regioId])).get(rij.regioId);
      if (centrum) ontvangers.add(centrum);
      ontvangers.add(rij.aanbiederId);
    }
    ontvangers.delete(actor.organisatieId);
    const details = rij.details as SignaalDetails;
    await meld(
      tx,
      [...ontvangers].map((org) => ({
        organisatieId: org,
        titel: `Signaal ${SIGNAAL_STATUS_LABEL[naar].toLowerCase()}: ${SIGNAAL_SOORT_LABEL[rij.soort as SignaalSoort].toLowerCase()}`,
        tekst: `${samenvatting(details)} bij ${rij.pseudoniem}, ${rij.adres}.${invoer.toelichting ? ` Toelichting: ${invoer.toelichting}` : ''}`,
        link: signaalLink(id),
        sleutel: `signaal:${id}:v${bijgewerkt.versie}:${org}`,
      })),
    );
    await schrijfAudit(tx, actor, { actie: 'wijzigen', entiteit: 'signaal', entiteitId: id, doel: 'signaalafhandeling', details: { actie: invoer.actie, van: status, naar, versie: bijgewerkt!.versie } });
    return { id, status: naar, versie: bijgewerkt.versie, deadline: deadline.toISOString() };
  });
}

export interface PlaatsingFilters {
  /** the start of a pseudoniem or of the address (case-insensitive), for a select box that searches as one types */
  zoek?: string;
  limiet: number;
  offset: number;
}

/**
 * Running placements the caller may report on, with only a yes/no on debts (never the debts themselves).
 * Filtered, counted, ordered (pseudoniem in byte order, then id) and paged in SQL; debts and organisation names
 * are looked up for the page's rows only.
 */
export async function meldbarePlaatsingen(db: DbOrTx, actor: Actor, vandaag: string, f: PlaatsingFilters) {
  const st = s.clientStand;
  const voorwaarden: SQL[] = [
    meldFilter(actor),
    or(isNull(s.plaatsingen.einddatum), gte(s.plaatsingen.einddatum, vandaag))!,
    isNotNull(s.plaatsingen.aanbiederId),
  ];
  const zoek = f.zoek?.trim().toLowerCase();
  if (zoek) {
    const voorvoegsel = `${zoek.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    voorwaarden.push(or(sql`lower(${st.pseudoniem}) like ${voorvoegsel}`, sql`lower(${s.woningen.adres}) like ${voorvoegsel}`)!);
  }
  // every placement's client has its client_stand row (same regio): the regio condition on it lets the page walk
  // client_stand_regio_pseudoniem_idx in order; the count joins client_stand only to search its pseudoniem
  const waar = and(...voorwaarden, eq(st.regioId, actor.regioId));
  // the home, only when the view or the search reads it
  const telling = db.select({ totaal: sql<number>`count(*)::int` }).from(s.plaatsingen).$dynamic();
  if (zoek || actor.soort === 'regiogemeente' || actor.soort === 'woningcorporatie') telling.innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId));
  const [{ totaal }] = (await (zoek ? telling.innerJoin(st, eq(st.clientId, s.plaatsingen.clientId)).where(waar) : telling.where(and(...voorwaarden)))) as [{ totaal: number }];
  const rijen =
    totaal > f.offset
      ? await db
          .select({
            id: s.plaatsingen.id,
            clientId: s.plaatsingen.clientId,
            pseudoniem: st.pseudoniem,
            adres: s.woningen.adres,
            huurconstructie: s.plaatsingen.huurconstructie,
            startdatum: s.plaatsingen.startdatum,
            aanbiederId: s.plaatsingen.aanbiederId,
            corporatieId: s.woningen.corporatieId,
          })
          .from(s.plaatsingen)
          .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
          .innerJoin(st, eq(st.clientId, s.plaatsingen.clientId))
          .where(waar)
          .orderBy(sql`${st.pseudoniem} collate "C"`, asc(s.plaatsingen.id))
          .limit(f.limiet)
          .offset(f.offset)
      : [];
  const geregeld = await schuldenGeregeld(db, rijen.map((r) => r.clientId));
  const namen = await organisatieNamen(db, rijen.flatMap((r) => [r.aanbiederId!, r.corporatieId]));
  return {
    totaal,
    plaatsingen: rijen.map(({ clientId, ...r }) => ({
      ...r,
      huurconstructieLabel: HUURCONSTRUCTIES[r.huurconstructie as HuurconstructieSoort]?.label ?? r.huurconstructie,
      aanbieder: aanbiederZichtbaar(actor, namen.get(r.aanbiederId!) ?? '—'),
      corporatie: namen.get(r.corporatieId) ?? '—',
      schuldGeregeld: geregeld.get(clientId) ?? true,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The scheduler's escalations, set-based: per batch one UPDATE … RETURNING takes every overdue open signal it can
// lock, and one INSERT each writes their steps, audit rows and notifications, all in one transaction. A crash
// anywhere rolls the whole batch back, a crash after a commit leaves it done; either way the next round finds
// exactly the signals that are still open and overdue. Notifications carry a unique key besides.

export interface JobOpties {
  /** test hook: throw here to simulate a crash inside the transaction of batch i, or right after its commit */
  storing?: (punt: 'binnen_transactie' | 'na_commit', i: number) => void | Promise<void>;
  /** at most this many escalations per round (the next round, a minute later, takes the rest) */
  limiet?: number;
}

/**
 * Batch sizes 1, 8, 64, 512, then this: the first escalation of a round commits on its own, so a statement that
 * fails on some unexpected row costs one signal's work rather than thousands, and 2,000 overdue signals take five
 * transactions (every commit waits for a WAL flush, 13–30 ms on a slow disk, so fewer is faster). Every statement
 * passes its rows as a few arrays, so a batch is not bound by PostgreSQL's 65,535 parameters.
 */
export const ESCALATIE_BATCH_MAX = 2000;
const ESCALATIE_BATCH_GROEI = 8;

export async function escaleerTeLaat(db: DbOrTx, nu: Date, opties: JobOpties = {}) {
  const limiet = opties.limiet ?? 10_000;
  const centrum = new Map<string, string | undefined>();
  let geescaleerd = 0;
  let meldingen = 0;
  for (let i = 0, grootte = 1; geescaleerd < limiet; i++, grootte = Math.min(grootte * ESCALATIE_BATCH_GROEI, ESCALATIE_BATCH_MAX)) {
    const resultaat = await db.transaction(async (tx) => {
      const rijen = await escaleerBatch(tx, nu, Math.min(grootte, limiet - geescaleerd));
      if (!rijen.length) return null;
      const nieuweRegios = [...new Set(rijen.map((r) => r.regioId))].filter((r) => !centrum.has(r));
      const gevonden = await centrumgemeenten(tx, nieuweRegios);
      for (const r of nieuweRegios) centrum.set(r, gevonden.get(r));

      const termijn = (r: EscalatieRij) => (r.van === 'gemeld' ? 'reactietermijn' : 'oplostermijn');
      // steps and audit rows as one INSERT … SELECT over arrays each (see meld for why not VALUES)
      await tx.execute(sql`
        insert into ${s.signaalStappen} (signaal_id, status, tijdstip, door_gebruiker_id, toelichting)
        select id, 'geescaleerd', ${nu.toISOString()}::timestamptz, null, toelichting
        from unnest(${sql.param(rijen.map((r) => r.id))}::uuid[], ${sql.param(rijen.map((r) => `Automatisch geëscaleerd: ${termijn(r)} verstreken op ${lokaleTijdTekst(r.deadline)}`))}::text[]) as t(id, toelichting)`);
      await opties.storing?.('binnen_transactie', i);
      const n = await meld(
        tx,
        rijen.flatMap((r) =>
          [centrum.get(r.regioId), r.aanbiederId, r.melderOrganisatieId]
            .filter((o, j, a): o is string => !!o && a.indexOf(o) === j)
            .map((org) => ({
              organisatieId: org,
              titel: `Signaal geëscaleerd: ${termijn(r)} verstreken`,
              tekst: `${samenvatting(r.details as SignaalDetails)} bij ${r.pseudoniem}, ${r.adres}. De ${termijn(r)} verliep op ${lokaleTijdTekst(r.deadline)} (status was ${SIGNAAL_STATUS_LABEL[r.van as SignaalStatus].toLowerCase()}); de centrumgemeente handelt het signaal nu verder af.`,
              link: signaalLink(r.id),
              sleutel: `signaal:${r.id}:v${r.versie}:${org}`,
            })),
        ),
      );
      // the audit trail names the centrumgemeente as the organisation on whose behalf the system acted
      const metCentrum = rijen.filter((r) => centrum.get(r.regioId));
      if (metCentrum.length) {
        await tx.execute(sql`
          insert into ${s.auditLog} (gebruiker_id, organisatie_id, regio_id, actie, entiteit, entiteit_id, details, doel, pseudoniemen, user_agent)
          select ${SYSTEEM_GEBRUIKER}::uuid, organisatie_id, regio_id, 'wijzigen', 'signaal', entiteit_id, details,
                 'signaalafhandeling', array[pseudoniem], 'planner'
          from unnest(
            ${sql.param(metCentrum.map((r) => centrum.get(r.regioId)!))}::uuid[],
            ${sql.param(metCentrum.map((r) => r.regioId))}::uuid[],
            ${sql.param(metCentrum.map((r) => r.id))}::text[],
            ${sql.param(metCentrum.map((r) => JSON.stringify({ actie: 'escaleren', van: r.van, naar: 'geescaleerd', versie: r.versie, automatisch: true })))}::jsonb[],
            ${sql.param(metCentrum.map((r) => r.pseudoniem))}::text[]
          ) as t(organisatie_id, regio_id, entiteit_id, details, pseudoniem)`);
      }
      return { geescaleerd: rijen.length, meldingen: n };
    });
    if (!resultaat) break;
    geescaleerd += resultaat.geescaleerd;
    meldingen += resultaat.meldingen;
    await opties.storing?.('na_commit', i);
  }
  return { geescaleerd, meldingen };
}

/**
 * Escalates up to `aantal` overdue open signals, earliest deadline first, and returns them with what the texts
 * need. FOR UPDATE SKIP LOCKED: a second scheduler, or an aanbieder picking a signal up at this very moment,
 * holds its rows; this batch takes others instead of waiting, and the UPDATE re-checks status and deadline on
 * the locked row, so a signal picked up in time is never escalated and no signal is escalated twice.
 * The candidates are chosen from `signalen` alone (an index range on status and deadline, stopping after
 * `aantal`); home and pseudonym are joined only for the rows escalated. Joining them while choosing made every
 * batch join and sort all overdue signals (30–40 ms a batch at 2,000, eleven batches a round).
 */
async function escaleerBatch(tx: DbOrTx, nu: Date, aantal: number) {
  const open = sql.join(OPEN_STATUSSEN.map((st) => sql`${st}`), sql`, `);
  const { rows } = (await tx.execute(sql`
    with kandidaat as (
      select id, status as van from ${s.signalen}
      where status in (${open}) and deadline < ${nu.toISOString()}::timestamptz
      order by deadline, id
      limit ${aantal}
      for update skip locked
    ), geescaleerd as (
      update ${s.signalen} sg set status = 'geescaleerd', versie = sg.versie + 1
      from kandidaat k
      where sg.id = k.id and sg.status in (${open}) and sg.deadline < ${nu.toISOString()}::timestamptz
      returning sg.id, sg.versie, sg.regio_id, k.van, sg.details, sg.aanbieder_id, sg.melder_organisatie_id, sg.deadline, sg.plaatsing_id
    )
    select g.id, g.versie, g.regio_id, g.van, g.details, g.aanbieder_id, g.melder_organisatie_id, g.deadline, w.adres, c.pseudoniem
    from geescaleerd g
    join ${s.plaatsingen} p on p.id = g.plaatsing_id
    join ${s.woningen} w on w.id = p.woning_id
    join ${s.clienten} c on c.id = p.client_id
    order by g.deadline, g.id`)) as unknown as {
    rows: { id: string; versie: number; regio_id: string; van: string; details: unknown; aanbieder_id: string | null; melder_organisatie_id: string; deadline: string | Date; adres: string; pseudoniem: string }[];
  };
  return rows.map((r) => ({
    id: r.id,
    versie: Number(r.versie),
    regioId: r.regio_id,
    van: r.van,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details,
    aanbiederId: r.aanbieder_id,
    melderOrganisatieId: r.melder_organisatie_id,
    deadline: new Date(r.deadline),
    adres: r.adres,
    pseudoniem: r.pseudoniem,
  }));
}
type EscalatieRij = Awaited<ReturnType<typeof escaleerBatch>>[number];
