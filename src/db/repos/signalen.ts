import { and, asc, desc, eq, gte, inArray, isNull, isNotNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import type { Actor } from '../../domain/auth.js';
import { DomeinFout, ongeldig } from '../../domain/fouten.js';
import {
  isSchuldGeregeld,
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
  SIGNAAL_SOORTEN,
  SIGNAAL_STATUS_LABEL,
  SIGNAAL_STATUSSEN,
  STANDAARD_AFSPRAKEN,
  toegestaneActies,
  volgendeStatus,
  type Procesafspraak,
  type SchuldStatus,
  type SignaalActie,
  type SignaalDetails,
  type SignaalPartijen,
  type SignaalSoort,
  type SignaalStatus,
} from '../../domain/signalen.js';
import { waarschuwing, HUURCONSTRUCTIES, type HuurconstructieSoort } from '../../domain/woningen.js';
import { plusDagen } from '../../domain/trajecten.js';

/** Someone else changed the signal since the caller read it (optimistic concurrency). */
export class VersieConflict extends DomeinFout {
  constructor(huidigeVersie: number | null) {
    super('conflict', 'Het signaal is intussen door iemand anders gewijzigd; laad het opnieuw', { huidigeVersie });
  }
}

/** Audit rows and steps of the scheduler carry this user id: no person did it. */
export const SYSTEEM_GEBRUIKER = '00000000-0000-0000-0000-000000000000';

// ---------------------------------------------------------------------------------------------
// Procesafspraken

export async function afsprakenVoorRegio(db: DbOrTx, regioId: string): Promise<(Procesafspraak & { standaard: boolean })[]> {
  const rijen = await db.select().from(s.procesafspraken).where(eq(s.procesafspraken.regioId, regioId));
  return SIGNAAL_SOORTEN.map((soort) => {
    const rij = rijen.find((r) => r.signaalSoort === soort);
    return rij ? { signaalSoort: soort, reactieUren: rij.reactieUren, oplosDagen: rij.oplosDagen, standaard: false } : { ...STANDAARD_AFSPRAKEN[soort], standaard: true };
  });
}

export async function afspraakVoor(db: DbOrTx, regioId: string, soort: SignaalSoort): Promise<Procesafspraak> {
  const [rij] = await db
    .select()
    .from(s.procesafspraken)
    .where(and(eq(s.procesafspraken.regioId, regioId), eq(s.procesafspraken.signaalSoort, soort)));
  return rij ? { signaalSoort: soort, reactieUren: rij.reactieUren, oplosDagen: rij.oplosDagen } : STANDAARD_AFSPRAKEN[soort];
}

/** New times apply to signals reported from now on; running deadlines are agreements already made. */
export async function zetAfspraak(db: DbOrTx, actor: Actor, soort: SignaalSoort, w: { reactieUren: number; oplosDagen: number }) {
  const [rij] = await db
    .insert(s.procesafspraken)
    .values({ regioId: actor.regioId, signaalSoort: soort, reactieUren: w.reactieUren, oplosDagen: w.oplosDagen })
    .onConflictDoUpdate({ target: [s.procesafspraken.regioId, s.procesafspraken.signaalSoort], set: { reactieUren: w.reactieUren, oplosDagen: w.oplosDagen } })
    .returning();
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'procesafspraak', entiteitId: soort, doel: 'beheer', details: w });
  return { signaalSoort: soort, reactieUren: rij!.reactieUren, oplosDagen: rij!.oplosDagen, standaard: false };
}

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

async function organisatieNamen(db: DbOrTx, regioId: string) {
  const rijen = await db.select({ id: s.organisaties.id, naam: s.organisaties.naam }).from(s.organisaties).where(eq(s.organisaties.regioId, regioId));
  return new Map(rijen.map((r) => [r.id, r.naam]));
}

function naarOverzicht(actor: Actor, r: SignaalRij, namen: Map<string, string>, nu: Date) {
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
    aanbieder: { id: r.aanbiederId, naam: namen.get(r.aanbiederId) ?? '—' },
    corporatie: { id: r.corporatieId, naam: namen.get(r.corporatieId) ?? '—' },
  };
}
export type SignaalOverzicht = ReturnType<typeof naarOverzicht>;

export interface SignaalFilters {
  status?: SignaalStatus;
  soort?: SignaalSoort;
  teLaat?: boolean;
  limiet: number;
  offset: number;
}

export async function lijstSignalen(db: DbOrTx, actor: Actor, f: SignaalFilters, nu: Date) {
  const voorwaarden: SQL[] = [signaalFilter(actor)];
  if (f.soort) voorwaarden.push(eq(s.signalen.soort, f.soort));
  const rijen = await signaalQuery(db)
    .where(and(...voorwaarden))
    .orderBy(asc(s.signalen.deadline), asc(s.signalen.id));
  const namen = await organisatieNamen(db, actor.regioId);
  const alle = rijen.map((r) => naarOverzicht(actor, r, namen, nu));
  const aantallen = Object.fromEntries(SIGNAAL_STATUSSEN.map((st) => [st, alle.filter((x) => x.status === st).length])) as Record<SignaalStatus, number>;
  const gefilterd = alle.filter((x) => (!f.status || x.status === f.status) && (f.teLaat === undefined || x.teLaat === f.teLaat));
  return { totaal: gefilterd.length, aantallen, teLaat: alle.filter((x) => x.teLaat).length, signalen: gefilterd.slice(f.offset, f.offset + f.limiet) };
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
  const namen = await organisatieNamen(db, actor.regioId);
  const stappen = await db
    .select({
      id: s.signaalStappen.id,
      status: s.signaalStappen.status,
      tijdstip: s.signaalStappen.tijdstip,
      toelichting: s.signaalStappen.toelichting,
      gebruiker: s.gebruikers.naam,
      organisatie: s.organisaties.naam,
    })
    .from(s.signaalStappen)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.signaalStappen.doorGebruikerId))
    .leftJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
    .where(eq(s.signaalStappen.signaalId, id))
    .orderBy(asc(s.signaalStappen.tijdstip), asc(s.signaalStappen.id));
  const rollen = rollenVoor(actor, partijen(rij));
  return {
    ...naarOverzicht(actor, rij, namen, nu),
    afspraak: await afspraakVoor(db, rij.regioId, rij.soort as SignaalSoort),
    rollen,
    toegestaneActies: actor.rol === 'alleen_lezen' ? [] : toegestaneActies(rij.status as SignaalStatus, rollen),
    stappen: stappen.map((st) => ({
      id: st.id,
      status: st.status as SignaalStatus,
      tijdstip: st.tijdstip.toISOString(),
      toelichting: st.toelichting,
      door: st.gebruiker ? `${st.gebruiker} (${st.organisatie})` : 'Systeem (automatische bewaking termijnen)',
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Melden en acties

/** Notifications are idempotent by key: whatever re-runs, an organisation hears of one event once. */
async function meld(db: DbOrTx, meldingen: { organisatieId: string; titel: string; tekst: string; link: string | null; sleutel: string }[]) {
  if (!meldingen.length) return 0;
  const ingevoegd = await db.insert(s.meldingen).values(meldingen).onConflictDoNothing({ target: s.meldingen.sleutel }).returning({ id: s.meldingen.id });
  return ingevoegd.length;
}

async function centrumgemeenten(db: DbOrTx, regioIds: string[]) {
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
        link: `#/signalen/${id}`,
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
        tekst: `${samenvatting(details)} bij ${rij.pseudoniem}, ${rij.adres}.${invoer.toelichting ? ` ${invoer.toelichting}` : ''}`,
        link: `#/signalen/${id}`,
        sleutel: `signaal:${id}:v${bijgewerkt.versie}:${org}`,
      })),
    );
    await schrijfAudit(tx, actor, { actie: 'wijzigen', entiteit: 'signaal', entiteitId: id, doel: 'signaalafhandeling', details: { actie: invoer.actie, van: status, naar, versie: bijgewerkt!.versie } });
    return { id, status: naar, versie: bijgewerkt.versie, deadline: deadline.toISOString() };
  });
}

/** Running placements the caller may report on, with only a yes/no on debts (never the debts themselves). */
export async function meldbarePlaatsingen(db: DbOrTx, actor: Actor, vandaag: string) {
  const rijen = await db
    .select({
      id: s.plaatsingen.id,
      clientId: s.plaatsingen.clientId,
      pseudoniem: s.clienten.pseudoniem,
      adres: s.woningen.adres,
      huurconstructie: s.plaatsingen.huurconstructie,
      startdatum: s.plaatsingen.startdatum,
      aanbiederId: s.plaatsingen.aanbiederId,
      corporatieId: s.woningen.corporatieId,
    })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(and(meldFilter(actor), or(isNull(s.plaatsingen.einddatum), gte(s.plaatsingen.einddatum, vandaag)), isNotNull(s.plaatsingen.aanbiederId)))
    .orderBy(asc(s.clienten.pseudoniem));
  const geregeld = await schuldenGeregeld(db, rijen.map((r) => r.clientId));
  const namen = await organisatieNamen(db, actor.regioId);
  return rijen.map(({ clientId, ...r }) => ({
    ...r,
    huurconstructieLabel: HUURCONSTRUCTIES[r.huurconstructie as HuurconstructieSoort]?.label ?? r.huurconstructie,
    aanbieder: namen.get(r.aanbiederId!) ?? '—',
    corporatie: namen.get(r.corporatieId) ?? '—',
    schuldGeregeld: geregeld.get(clientId) ?? true,
  }));
}

// ---------------------------------------------------------------------------------------------
// The scheduler's work. Both functions are safe to run again after a crash at any point:
// each escalation is one transaction guarded by the version it read, and every notification has a unique key.

export interface JobOpties {
  /** test hook: throw here to simulate a crash inside the transaction of escalation i, or right after its commit */
  storing?: (punt: 'binnen_transactie' | 'na_commit', i: number) => void | Promise<void>;
  limiet?: number;
}

export async function escaleerTeLaat(db: DbOrTx, nu: Date, opties: JobOpties = {}) {
  const kandidaten = await db
    .select({
      id: s.signalen.id,
      versie: s.signalen.versie,
      regioId: s.signalen.regioId,
      status: s.signalen.status,
      soort: s.signalen.soort,
      details: s.signalen.details,
      aanbiederId: s.signalen.aanbiederId,
      melderOrganisatieId: s.signalen.melderOrganisatieId,
      deadline: s.signalen.deadline,
      adres: s.woningen.adres,
      pseudoniem: s.clienten.pseudoniem,
    })
    .from(s.signalen)
    .innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.signalen.plaatsingId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(and(inArray(s.signalen.status, [...OPEN_STATUSSEN]), lt(s.signalen.deadline, nu)))
    .orderBy(asc(s.signalen.deadline), asc(s.signalen.id))
    .limit(opties.limiet ?? 1000);
  const centrum = await centrumgemeenten(db, [...new Set(kandidaten.map((k) => k.regioId))]);
  let geescaleerd = 0;
  let meldingen = 0;
  for (const [i, k] of kandidaten.entries()) {
    const centrumId = centrum.get(k.regioId);
    const resultaat = await db.transaction(async (tx) => {
      // the version and the open status are re-checked by the UPDATE itself: a concurrent pick-up or a
      // second scheduler instance makes this a no-op instead of a double escalation
      const [rij] = await tx
        .update(s.signalen)
        .set({ status: 'geescaleerd', versie: sql`${s.signalen.versie} + 1` })
        .where(and(eq(s.signalen.id, k.id), eq(s.signalen.versie, k.versie), inArray(s.signalen.status, [...OPEN_STATUSSEN]), lt(s.signalen.deadline, nu)))
        .returning({ versie: s.signalen.versie });
      if (!rij) return null;
      const termijn = k.status === 'gemeld' ? 'reactietermijn' : 'oplostermijn';
      await tx.insert(s.signaalStappen).values({ signaalId: k.id, status: 'geescaleerd', tijdstip: nu, doorGebruikerId: null, toelichting: `Automatisch geëscaleerd: ${termijn} verstreken op ${lokaleTijdTekst(k.deadline)}` });
      await opties.storing?.('binnen_transactie', i);
      const ontvangers = [centrumId, k.aanbiederId, k.melderOrganisatieId].filter((o, j, a): o is string => !!o && a.indexOf(o) === j);
      const n = await meld(
        tx,
        ontvangers.map((org) => ({
          organisatieId: org,
          titel: `Signaal geëscaleerd: ${termijn} verstreken`,
          tekst: `${samenvatting(k.details as SignaalDetails)} bij ${k.pseudoniem}, ${k.adres}: status was ${SIGNAAL_STATUS_LABEL[k.status as SignaalStatus].toLowerCase()}.`,
          link: `#/signalen/${k.id}`,
          sleutel: `signaal:${k.id}:v${rij.versie}:${org}`,
        })),
      );
      if (centrumId) {
        await tx.insert(s.auditLog).values({
          gebruikerId: SYSTEEM_GEBRUIKER,
          organisatieId: centrumId,
          regioId: k.regioId,
          actie: 'wijzigen',
          entiteit: 'signaal',
          entiteitId: k.id,
          details: { actie: 'escaleren', van: k.status, naar: 'geescaleerd', versie: rij.versie, automatisch: true },
          doel: 'signaalafhandeling',
          pseudoniemen: [k.pseudoniem],
          userAgent: 'planner',
        });
      }
      return n;
    });
    if (resultaat !== null) {
      geescaleerd++;
      meldingen += resultaat;
    }
    await opties.storing?.('na_commit', i);
  }
  return { geescaleerd, meldingen };
}

/** Warnings after the scharnier date stop after this many days: an old omklap is no news any more. */
export const OMKLAP_NAWERKING_DAGEN = 30;

/** Warns aanbieder and corporatie once per placement and scharnier date, from waarschuwing(p).vanaf on. */
export async function stuurOmklapWaarschuwingen(db: DbOrTx, nu: Date) {
  const vandaag = lokaleDatum(nu);
  const metScharnier = Object.entries(HUURCONSTRUCTIES)
    .filter(([, r]) => r.scharnier)
    .map(([k]) => k);
  const rijen = await db
    .select({
      id: s.plaatsingen.id,
      huurconstructie: s.plaatsingen.huurconstructie,
      startdatum: s.plaatsingen.startdatum,
      einddatum: s.plaatsingen.einddatum,
      omklapdatum: s.plaatsingen.omklapdatum,
      aanbiederId: s.plaatsingen.aanbiederId,
      corporatieId: s.woningen.corporatieId,
      adres: s.woningen.adres,
      pseudoniem: s.clienten.pseudoniem,
    })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(
      and(
        inArray(s.plaatsingen.huurconstructie, metScharnier),
        isNotNull(s.plaatsingen.omklapdatum),
        gte(s.plaatsingen.omklapdatum, plusDagen(vandaag, -OMKLAP_NAWERKING_DAGEN)),
        lte(s.plaatsingen.omklapdatum, plusDagen(vandaag, 400)),
        or(isNull(s.plaatsingen.einddatum), gte(s.plaatsingen.einddatum, vandaag)),
      ),
    );
  const nieuw = rijen.flatMap((p) => {
    const w = waarschuwing({ ...p, huurconstructie: p.huurconstructie as HuurconstructieSoort });
    if (!w || vandaag < w.vanaf || vandaag > plusDagen(w.moment, OMKLAP_NAWERKING_DAGEN)) return [];
    const wat = w.soort === 'omklap' ? 'Omklap huurcontract' : 'Einde proefhuur';
    return [p.aanbiederId, p.corporatieId]
      .filter((o): o is string => !!o)
      .map((org) => ({
        organisatieId: org,
        titel: `${wat} op ${w.moment}`,
        tekst: `${p.pseudoniem}, ${p.adres}: ${w.soort === 'omklap' ? 'het huurcontract gaat over naar de bewoner' : 'de proefperiode eindigt'} op ${w.moment}. Stem de voorwaarden tijdig af.`,
        link: null,
        sleutel: `${w.soort}:${p.id}:${w.moment}:${org}`,
      }));
  });
  let verstuurd = 0;
  for (let i = 0; i < nieuw.length; i += 500) verstuurd += await meld(db, nieuw.slice(i, i + 500));
  return { waarschuwingen: verstuurd };
}

// ---------------------------------------------------------------------------------------------
// Inbox

export async function lijstMeldingen(db: DbOrTx, actor: Actor, f: { ongelezen?: boolean; limiet: number; offset: number }) {
  const voorwaarden: SQL[] = [eq(s.meldingen.organisatieId, actor.organisatieId)];
  if (f.ongelezen) voorwaarden.push(eq(s.meldingen.gelezen, false));
  const meldingen = await db
    .select({ id: s.meldingen.id, titel: s.meldingen.titel, tekst: s.meldingen.tekst, link: s.meldingen.link, gelezen: s.meldingen.gelezen, aangemaakt: s.meldingen.aangemaakt })
    .from(s.meldingen)
    .where(and(...voorwaarden))
    .orderBy(desc(s.meldingen.aangemaakt), desc(s.meldingen.id))
    .limit(f.limiet)
    .offset(f.offset);
  return { ongelezen: await aantalOngelezen(db, actor), meldingen };
}

export async function aantalOngelezen(db: DbOrTx, actor: Actor) {
  const [rij] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.meldingen)
    .where(and(eq(s.meldingen.organisatieId, actor.organisatieId), eq(s.meldingen.gelezen, false)));
  return rij?.n ?? 0;
}

/** Marks one (id) or all notifications of the caller's organisation as read; returns how many changed. */
export async function markeerGelezen(db: DbOrTx, actor: Actor, id?: string) {
  const voorwaarden: SQL[] = [eq(s.meldingen.organisatieId, actor.organisatieId)];
  // one: found is enough (marking twice is fine); all: count only what really changed
  voorwaarden.push(id ? eq(s.meldingen.id, id) : eq(s.meldingen.gelezen, false));
  const rijen = await db.update(s.meldingen).set({ gelezen: true }).where(and(...voorwaarden)).returning({ id: s.meldingen.id });
  return rijen.length;
}

// ---------------------------------------------------------------------------------------------
// Schuldregelingen (old rent and other debts): details only for those who may see the client

async function zichtbareClient(db: DbOrTx, actor: Actor, clientId: string) {
  const [c] = await db.select({ id: s.clienten.id, regioId: s.clienten.regioId }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  return c ?? null;
}

const schuldKolommen = {
  id: s.schuldregelingen.id,
  clientId: s.schuldregelingen.clientId,
  schuldeiser: s.schuldregelingen.schuldeiser,
  bedragCenten: s.schuldregelingen.bedragCenten,
  regeling: s.schuldregelingen.regeling,
  status: s.schuldregelingen.status,
  aangemaakt: s.schuldregelingen.aangemaakt,
};

export async function schuldenVan(db: DbOrTx, actor: Actor, clientId: string) {
  if (!(await zichtbareClient(db, actor, clientId))) return null;
  const schulden = await db.select(schuldKolommen).from(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, clientId)).orderBy(asc(s.schuldregelingen.aangemaakt), asc(s.schuldregelingen.id));
  return { geregeld: isSchuldGeregeld(schulden.map((x) => x.status as SchuldStatus)), schulden };
}

export interface SchuldInvoer {
  schuldeiser: string;
  bedragCenten: number;
  regeling: string;
  status: SchuldStatus;
}

export async function maakSchuld(db: DbOrTx, actor: Actor, clientId: string, invoer: SchuldInvoer) {
  const c = await zichtbareClient(db, actor, clientId);
  if (!c) return null;
  const [rij] = await db.insert(s.schuldregelingen).values({ ...invoer, clientId, regioId: c.regioId }).returning(schuldKolommen);
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: clientId, doel: 'plaatsing_matching', details: { schuld: rij!.id, actie: 'aanmaken' } });
  return rij!;
}

async function zichtbareSchuld(db: DbOrTx, actor: Actor, id: string) {
  const [rij] = await db
    .select({ id: s.schuldregelingen.id, clientId: s.schuldregelingen.clientId })
    .from(s.schuldregelingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.schuldregelingen.clientId))
    .where(and(eq(s.schuldregelingen.id, id), clientFilter(actor)));
  return rij ?? null;
}

export async function wijzigSchuld(db: DbOrTx, actor: Actor, id: string, invoer: Partial<SchuldInvoer>) {
  const bestaand = await zichtbareSchuld(db, actor, id);
  if (!bestaand) return null;
  const [rij] = await db.update(s.schuldregelingen).set(invoer).where(eq(s.schuldregelingen.id, id)).returning(schuldKolommen);
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: bestaand.clientId, doel: 'plaatsing_matching', details: { schuld: id, actie: 'wijzigen', velden: Object.keys(invoer) } });
  return rij!;
}

export async function verwijderSchuld(db: DbOrTx, actor: Actor, id: string) {
  const bestaand = await zichtbareSchuld(db, actor, id);
  if (!bestaand) return false;
  await db.delete(s.schuldregelingen).where(eq(s.schuldregelingen.id, id));
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: bestaand.clientId, doel: 'plaatsing_matching', details: { schuld: id, actie: 'verwijderen' } });
  return true;
}

/**
 * Yes/no for matching and the corporatie's view: no amounts, creditors or arrangements leave through here.
 * Callers are responsible for only asking about clients that are their candidates.
 */
export async function schuldGeregeld(db: DbOrTx, clientId: string): Promise<boolean> {
  return (await schuldenGeregeld(db, [clientId])).get(clientId) ?? true;
}

/** Same rule as domain isSchuldGeregeld, in SQL: one debt in any other status makes it 'not geregeld'. */
const GEREGELDE_STATUSSEN: SchuldStatus[] = ['regeling_getroffen', 'afgelost'];

export async function schuldenGeregeld(db: DbOrTx, clientIds: string[]): Promise<Map<string, boolean>> {
  const uitkomst = new Map(clientIds.map((id) => [id, true]));
  for (let i = 0; i < clientIds.length; i += 2000) {
    const open = await db
      .selectDistinct({ clientId: s.schuldregelingen.clientId })
      .from(s.schuldregelingen)
      .where(and(inArray(s.schuldregelingen.clientId, clientIds.slice(i, i + 2000)), notInArray(s.schuldregelingen.status, GEREGELDE_STATUSSEN)));
    for (const o of open) uitkomst.set(o.clientId, false);
  }
  return uitkomst;
}
