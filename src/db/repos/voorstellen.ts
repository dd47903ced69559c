import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { clientZicht, type Actor } from '../../domain/auth.js';
import { matchOptimaal } from '../../domain/matching/index.js';
import { OPEN_STATUSSEN, partijVan, volgendeStatus, woningStatusBij, type VoorstelActie, type VoorstelStatus } from '../../domain/matching/workflow.js';
import { AFWIJZING_LABEL, partijenVoor, partijVanReden, vraagtToelichting, type AfwijzingsCode, type RedenPartij } from '../../domain/matching/redenen.js';
import { STANDAARD_VOORSTEL_TERMIJNEN, termijnVoorStap, type VoorstelTermijnen } from '../../domain/matching/termijnen.js';
import { toelichting } from '../../domain/matching/toelichting.js';
import type { Uitleg } from '../../domain/matching/types.js';
import { leesWoonwensen } from '../../domain/woningen.js';
import { isJongere } from '../../domain/trajecten.js';
import { bestemmingBijSleuteloverdracht } from '../../domain/begeleiding.js';
import { voegEventToe } from './clienten.js';
import { maakPlaatsing, type NieuwePlaatsing } from './woningen.js';
import { geweigerd, nietGevonden, conflict, ongeldig } from '../../domain/fouten.js';
import { schrijfAudit } from './audit.js';
import { schuldenGeregeld } from './schulden.js';
import { bouwMatchContext, leesbaar } from './matching.js';
import { parkeringOp } from './parkeren.js';

// The life of a match proposal after a round made it: who sees it, each step of the bestuurlijk drietal with its
// term and its coded outcome, the override of a decline, and the next candidate after an afwijzing or expiry. The
// round itself (context, engine, storing) stays in ./matching.ts; the planner's part in ../../jobs/voorstel-termijnen.ts.

// ---------------------------------------------------------------------------------------------------------------
// Terms per region

export async function termijnenVoorRegio(db: DbOrTx, regioId: string): Promise<VoorstelTermijnen & { standaard: boolean }> {
  const [r] = await db.select().from(s.voorstelTermijnen).where(eq(s.voorstelTermijnen.regioId, regioId));
  if (!r) return { ...STANDAARD_VOORSTEL_TERMIJNEN, standaard: true };
  return {
    corporatieWerkdagen: r.corporatieWerkdagen,
    zorgWerkdagen: r.zorgWerkdagen,
    sleutelWerkdagen: r.sleutelWerkdagen,
    herinneringWerkdagen: r.herinneringWerkdagen,
    respijtWerkdagen: r.respijtWerkdagen,
    standaard: false,
  };
}

/** New terms apply to steps begun from now on; a running term is an agreement already made (as with signals). */
export async function zetTermijnen(db: DbOrTx, actor: Actor, t: VoorstelTermijnen) {
  await db
    .insert(s.voorstelTermijnen)
    .values({ regioId: actor.regioId, ...t, doorGebruikerId: actor.gebruikerId })
    .onConflictDoUpdate({ target: s.voorstelTermijnen.regioId, set: { ...t, gewijzigd: new Date(), doorGebruikerId: actor.gebruikerId } });
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'voorstel_termijnen', entiteitId: actor.regioId, doel: 'beheer', details: t });
  return { ...t, standaard: false };
}

/** The columns that carry the term of a step begun at `sinds`; a closed status clears them. */
export function termijnKolommen(status: VoorstelStatus, sinds: Date, t: VoorstelTermijnen) {
  const st = termijnVoorStap(status, sinds, t);
  return { stapSinds: sinds, deadline: st?.deadline ?? null, herinnerVanaf: st?.herinnerVanaf ?? null, verlooptOp: st?.verlooptOp ?? null, herinnerdOp: null, geescaleerdOp: null };
}

/**
 * Gives every open proposal without a term its term, counted from when it was made, and its first history row.
 * A stored round (legRondeVast) makes proposals without terms; the API calls this right after it, and the planner
 * every round for whatever a crash in between left. Idempotent: only rows without a deadline, the history row is
 * unique per proposal and version.
 */
export async function geefTermijnen(db: DbOrTx, limiet = 5000): Promise<number> {
  return db.transaction(async (tx) => {
    const rijen = await tx
      .select({ id: s.matchVoorstellen.id, regioId: s.matchVoorstellen.regioId, status: s.matchVoorstellen.status, aangemaakt: s.matchVoorstellen.aangemaakt, versie: s.matchVoorstellen.versie })
      .from(s.matchVoorstellen)
      .where(and(isNull(s.matchVoorstellen.deadline), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)))
      .orderBy(s.matchVoorstellen.aangemaakt)
      .limit(limiet)
      .for('update', { skipLocked: true });
    if (!rijen.length) return 0;
    const perRegio = new Map<string, VoorstelTermijnen>();
    for (const r of new Set(rijen.map((x) => x.regioId))) perRegio.set(r, await termijnenVoorRegio(tx, r));
    const k = rijen.map((r) => ({ ...r, ...termijnKolommen(r.status as VoorstelStatus, r.aangemaakt, perRegio.get(r.regioId)!) }));
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    await tx.execute(sql`
      update ${s.matchVoorstellen} v set stap_sinds = t.sinds, deadline = t.deadline, herinner_vanaf = t.herinner, verloopt_op = t.verloopt
      from unnest(${sql.param(k.map((r) => r.id))}::uuid[], ${sql.param(k.map((r) => iso(r.stapSinds)))}::timestamptz[], ${sql.param(k.map((r) => iso(r.deadline)))}::timestamptz[],
                  ${sql.param(k.map((r) => iso(r.herinnerVanaf)))}::timestamptz[], ${sql.param(k.map((r) => iso(r.verlooptOp)))}::timestamptz[]) as t(id, sinds, deadline, herinner, verloopt)
      where v.id = t.id and v.deadline is null`);
    await tx.execute(sql`
      insert into ${s.voorstelStappen} (voorstel_id, regio_id, gebeurtenis, van_status, naar_status, tijdstip, versie)
      select v.id, v.regio_id, 'aangemaakt', null, v.status, v.aangemaakt, v.versie
      from ${s.matchVoorstellen} v where v.id = any(${sql.param(k.map((r) => r.id))}::uuid[])
      on conflict do nothing`);
    return rijen.length;
  });
}

interface StapRij {
  voorstelId: string;
  regioId: string;
  gebeurtenis: 'aangemaakt' | 'akkoord' | 'sleuteloverdracht' | 'afwijzing' | 'overrulen' | 'ingetrokken' | 'verlopen';
  vanStatus: string | null;
  naarStatus: string;
  tijdstip: Date;
  versie: number;
  actor: Actor | null;
  partij?: string | null;
  redenCode?: string | null;
  toelichting?: string | null;
}

export async function schrijfStap(db: DbOrTx, r: StapRij) {
  await db
    .insert(s.voorstelStappen)
    .values({
      voorstelId: r.voorstelId,
      regioId: r.regioId,
      gebeurtenis: r.gebeurtenis,
      vanStatus: r.vanStatus,
      naarStatus: r.naarStatus,
      tijdstip: r.tijdstip,
      versie: r.versie,
      doorGebruikerId: r.actor?.gebruikerId ?? null,
      doorOrganisatieId: r.actor?.organisatieId ?? null,
      partij: r.partij ?? null,
      redenCode: r.redenCode ?? null,
      toelichting: r.toelichting ?? null,
    })
    .onConflictDoNothing();
}

/** Marks a proposal made for a home after its earlier candidate was refused. */
const VOLGENDE_KANDIDAAT = 'Volgende kandidaat na afwijzing.';

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
      afwijzingCode: s.matchVoorstellen.afwijzingCode,
      afwijzingPartij: s.matchVoorstellen.afwijzingPartij,
      afgewezenBij: s.matchVoorstellen.afgewezenBij,
      versie: s.matchVoorstellen.versie,
      stapSinds: s.matchVoorstellen.stapSinds,
      deadline: s.matchVoorstellen.deadline,
      verlooptOp: s.matchVoorstellen.verlooptOp,
      geescaleerdOp: s.matchVoorstellen.geescaleerdOp,
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
      afwijzingCode: r.afwijzingCode,
      afwijzingLabel: r.afwijzingCode ? (AFWIJZING_LABEL[r.afwijzingCode as AfwijzingsCode] ?? null) : null,
      afwijzingPartij: r.afwijzingPartij,
      afgewezenBij: r.afgewezenBij,
      versie: r.versie,
      stapSinds: r.stapSinds,
      deadline: r.deadline,
      verlooptOp: r.verlooptOp,
      geescaleerd: r.geescaleerdOp !== null,
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
  /** afwijzing: a code from the acting party's list (src/domain/matching/redenen.ts) */
  redenCode?: string | null;
  /** free text next to the code; required with an "andere reden" code */
  reden?: string | null;
  /** the version the caller read: a step on an older version is refused (the proposal changed meanwhile) */
  versie?: number;
  plaatsing?: Omit<NieuwePlaatsing, 'woningId' | 'clientId'>;
}

/** The party a decline is recorded for, or a refusal naming the field as the form does. */
function controleerReden(actor: Actor, code: string | null | undefined, tekst: string | null | undefined): RedenPartij {
  const veld = { pad: 'redenCode', veld: 'Reden' };
  if (!code) throw ongeldig('Kies een reden van afwijzing', [{ ...veld, melding: 'Kies een reden van afwijzing' }]);
  const partij = partijVanReden(code);
  if (!partij) throw ongeldig('Onbekende reden van afwijzing', [{ ...veld, melding: 'Onbekende reden van afwijzing' }]);
  if (!partijenVoor(actor.soort).includes(partij)) {
    const melding = `Deze reden hoort bij een andere partij; kies een reden van ${partijenVoor(actor.soort).map((p) => (p === 'client' ? 'de cliënt' : `de ${p}`)).join(' of ')}`;
    throw ongeldig(melding, [{ ...veld, melding }]);
  }
  if (vraagtToelichting(code) && !tekst?.trim()) {
    throw ongeldig('Bij "andere reden" is een toelichting verplicht', [{ pad: 'reden', veld: 'Toelichting', melding: 'Bij "andere reden" is een toelichting verplicht' }]);
  }
  return partij;
}

/**
 * One step in the workflow, under a row lock on the proposal. An afwijzing frees the home and
 * proposes the next best candidate for it (a one-home round that excludes earlier refusals).
 * Sleuteloverdracht creates the placement and records the client's uitstroom. Every step is a history row, bumps
 * the version and starts the term of the next step (the region's terms of today).
 */
export async function zetStap(db: DbOrTx, actor: Actor, id: string, stap: StapInvoer, peildatum: string, nu = new Date()) {
  return db.transaction(async (tx) => {
    const [zichtbaar] = await lijstVoorstellen(tx, actor, { id }, peildatum);
    if (!zichtbaar) throw nietGevonden('Voorstel');
    const [v] = await tx.select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, id)).for('update');
    if (partijVan(actor.soort) === 'corporatie' && zichtbaar.corporatieId !== actor.organisatieId) throw geweigerd('Alleen de eigen woningcorporatie beslist over deze woning');
    if (stap.versie !== undefined && stap.versie !== v!.versie) throw conflict('Het voorstel is intussen gewijzigd; laad het opnieuw');
    const van = v!.status as VoorstelStatus;
    const nieuw = volgendeStatus(van, stap.actie, partijVan(actor.soort));
    const partij = stap.actie === 'afwijzing' ? controleerReden(actor, stap.redenCode, stap.reden) : null;
    const tekst = stap.reden?.trim() || null;
    const termijnen = await termijnenVoorRegio(tx, v!.regioId);
    const versie = v!.versie + 1;
    await tx
      .update(s.matchVoorstellen)
      .set({
        status: nieuw,
        versie,
        ...termijnKolommen(nieuw, nu, termijnen),
        afwijzingsreden: stap.actie === 'afwijzing' ? tekst : null,
        afwijzingCode: stap.actie === 'afwijzing' ? stap.redenCode! : null,
        afwijzingPartij: partij,
        afgewezenBij: stap.actie === 'afwijzing' ? van : null,
        gewijzigd: nu,
      })
      .where(eq(s.matchVoorstellen.id, id));
    await schrijfStap(tx, {
      voorstelId: id,
      regioId: v!.regioId,
      gebeurtenis: stap.actie === 'afwijzing' ? 'afwijzing' : stap.actie === 'sleuteloverdracht' ? 'sleuteloverdracht' : 'akkoord',
      vanStatus: van,
      naarStatus: nieuw,
      tijdstip: nu,
      versie,
      actor,
      partij: partij ?? (partijVan(actor.soort) === 'corporatie' ? 'corporatie' : actor.soort === 'aanbieder' ? 'aanbieder' : 'gemeente'),
      redenCode: stap.actie === 'afwijzing' ? stap.redenCode! : null,
      toelichting: stap.actie === 'afwijzing' ? tekst : null,
    });
    const woningStatus = woningStatusBij(nieuw);
    if (woningStatus) await tx.update(s.woningen).set({ status: woningStatus }).where(eq(s.woningen.id, v!.woningId));

    let plaatsing = null;
    let volgende = null;
    if (nieuw === 'sleuteloverdracht') {
      if (!stap.plaatsing) throw conflict('Sleuteloverdracht vraagt de huurconstructie en startdatum van de plaatsing');
      plaatsing = await maakPlaatsing(tx, actor, { ...stap.plaatsing, woningId: v!.woningId, clientId: v!.clientId }, peildatum);
      await voegEventToe(tx, actor, v!.clientId, { soort: 'uitstroom', datum: stap.plaatsing.startdatum, bestemming: bestemmingBijSleuteloverdracht(stap.plaatsing.huurconstructie), toelichting: `Sleuteloverdracht ${zichtbaar.adres}` });
    }
    if (nieuw === 'afgewezen') volgende = await volgendeKandidaat(tx, actor.regioId, v!.woningId, v!.rondeId, peildatum, nu);
    await schrijfAudit(tx, actor, {
      actie: 'wijzigen',
      entiteit: 'matchvoorstel',
      entiteitId: id,
      doel: 'plaatsing_matching',
      pseudoniemen: [zichtbaar.pseudoniem],
      details: { van, status: nieuw, redenCode: stap.redenCode ?? null, reden: tekst },
    });
    return { id, status: nieuw, versie, plaatsing, volgendVoorstel: volgende };
  });
}

/**
 * The centrumgemeente overrides a decline: the proposal returns to the step it was declined at, with a fresh term.
 * If the next candidate was proposed for the home meanwhile and nobody has agreed to that yet, that proposal is
 * withdrawn (ingetrokken); once the corporatie agreed to it, or the client has another open proposal or a parking,
 * the override is refused. Audited, with the reason, and a history row.
 */
export async function overrulAfwijzing(db: DbOrTx, actor: Actor, id: string, invoer: { reden: string }, peildatum: string, nu = new Date()) {
  return db.transaction(async (tx) => {
    const [zichtbaar] = await lijstVoorstellen(tx, actor, { id }, peildatum);
    if (!zichtbaar) throw nietGevonden('Voorstel');
    if (actor.soort !== 'centrumgemeente') throw geweigerd('Alleen de centrumgemeente kan een afwijzing herzien');
    const [v] = await tx.select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.id, id)).for('update');
    if (v!.status !== 'afgewezen' || !v!.afgewezenBij) throw conflict('Alleen een afgewezen voorstel kan worden herzien');
    await tx.select({ id: s.woningen.id }).from(s.woningen).where(eq(s.woningen.id, v!.woningId)).for('update');
    const [woning] = await tx.select({ status: s.woningen.status }).from(s.woningen).where(eq(s.woningen.id, v!.woningId));
    const anderOpWoning = await tx
      .select({ id: s.matchVoorstellen.id, status: s.matchVoorstellen.status, versie: s.matchVoorstellen.versie })
      .from(s.matchVoorstellen)
      .where(and(eq(s.matchVoorstellen.woningId, v!.woningId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN), ne(s.matchVoorstellen.id, id)))
      .for('update');
    if (anderOpWoning.some((a) => a.status !== 'voorstel')) throw conflict('De woning is intussen aan een volgende kandidaat toegezegd; de afwijzing kan niet meer worden herzien');
    if (!anderOpWoning.length && woning!.status !== 'beschikbaar') throw conflict('De woning is niet meer beschikbaar; de afwijzing kan niet meer worden herzien');
    const [elders] = await tx
      .select({ id: s.matchVoorstellen.id })
      .from(s.matchVoorstellen)
      .where(and(eq(s.matchVoorstellen.clientId, v!.clientId), inArray(s.matchVoorstellen.status, OPEN_STATUSSEN)));
    if (elders) throw conflict('De cliënt heeft intussen een ander open voorstel');
    if (await parkeringOp(tx, v!.clientId, peildatum)) throw conflict('De cliënt is geparkeerd; beëindig eerst het parkeren');
    const termijnen = await termijnenVoorRegio(tx, v!.regioId);
    for (const a of anderOpWoning) {
      await tx.update(s.matchVoorstellen).set({ status: 'ingetrokken', versie: a.versie + 1, ...termijnKolommen('ingetrokken', nu, termijnen), gewijzigd: nu }).where(eq(s.matchVoorstellen.id, a.id));
      await schrijfStap(tx, { voorstelId: a.id, regioId: v!.regioId, gebeurtenis: 'ingetrokken', vanStatus: a.status, naarStatus: 'ingetrokken', tijdstip: nu, versie: a.versie + 1, actor, partij: 'gemeente', toelichting: 'Afwijzing van een eerdere kandidaat herzien' });
    }
    const terug = v!.afgewezenBij as VoorstelStatus;
    const versie = v!.versie + 1;
    await tx
      .update(s.matchVoorstellen)
      .set({ status: terug, versie, ...termijnKolommen(terug, nu, termijnen), afwijzingsreden: null, afwijzingCode: null, afwijzingPartij: null, afgewezenBij: null, gewijzigd: nu })
      .where(eq(s.matchVoorstellen.id, id));
    await tx.update(s.woningen).set({ status: 'gereserveerd' }).where(eq(s.woningen.id, v!.woningId));
    await schrijfStap(tx, { voorstelId: id, regioId: v!.regioId, gebeurtenis: 'overrulen', vanStatus: 'afgewezen', naarStatus: terug, tijdstip: nu, versie, actor, partij: 'gemeente', redenCode: v!.afwijzingCode, toelichting: invoer.reden });
    await schrijfAudit(tx, actor, {
      actie: 'wijzigen',
      entiteit: 'matchvoorstel',
      entiteitId: id,
      doel: 'plaatsing_matching',
      pseudoniemen: [zichtbaar.pseudoniem],
      details: { overrulen: true, van: 'afgewezen', status: terug, afwijzingCode: v!.afwijzingCode, reden: invoer.reden, ingetrokken: anderOpWoning.map((a) => a.id) },
    });
    return { id, status: terug, versie, ingetrokken: anderOpWoning.map((a) => a.id) };
  });
}

/**
 * The next best candidate for a home whose proposal was declined or expired: a one-home round that excludes every
 * client declined for or expired on this home. The new proposal starts its term at once.
 */
export async function volgendeKandidaat(tx: DbOrTx, regioId: string, woningId: string, rondeId: string, peildatum: string, nu = new Date()) {
  const eerder = await tx
    .select({ clientId: s.matchVoorstellen.clientId })
    .from(s.matchVoorstellen)
    .where(and(eq(s.matchVoorstellen.woningId, woningId), inArray(s.matchVoorstellen.status, ['afgewezen', 'verlopen'])));
  const ctx = await bouwMatchContext(tx, regioId, peildatum, {
    alleenWoningIds: [woningId],
    uitsluitenParen: new Set(eerder.map((a) => `${a.clientId}|${woningId}`)),
  });
  const [gevonden] = matchOptimaal(ctx.invoer).voorstellen;
  if (!gevonden) return null;
  const beste = { ...gevonden, uitleg: leesbaar(gevonden.uitleg, ctx.namen) };
  const termijn = termijnKolommen('voorstel', nu, await termijnenVoorRegio(tx, regioId));
  const [rij] = await tx
    .insert(s.matchVoorstellen)
    .values({ regioId, rondeId, clientId: beste.kandidaatId, woningId, score: Math.round(beste.score), uitleg: { ...beste.uitleg, tekst: `${VOLGENDE_KANDIDAAT} ${beste.uitleg.tekst}` }, aangemaakt: nu, gewijzigd: nu, ...termijn })
    .returning({ id: s.matchVoorstellen.id });
  await schrijfStap(tx, { voorstelId: rij!.id, regioId, gebeurtenis: 'aangemaakt', vanStatus: null, naarStatus: 'voorstel', tijdstip: nu, versie: 1, actor: null });
  await tx.update(s.woningen).set({ status: 'gereserveerd' }).where(eq(s.woningen.id, woningId));
  return { id: rij!.id, pseudoniem: ctx.pseudoniemen.get(beste.kandidaatId) };
}
