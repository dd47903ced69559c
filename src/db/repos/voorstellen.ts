import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { clientZicht, type Actor } from '../../domain/auth.js';
import { matchOptimaal } from '../../domain/matching/index.js';
import { partijVan, volgendeStatus, woningStatusBij, type VoorstelActie, type VoorstelStatus } from '../../domain/matching/workflow.js';
import { toelichting } from '../../domain/matching/toelichting.js';
import type { Uitleg } from '../../domain/matching/types.js';
import { leesWoonwensen } from '../../domain/woningen.js';
import { isJongere } from '../../domain/trajecten.js';
import { voegEventToe } from './clienten.js';
import { maakPlaatsing, type NieuwePlaatsing } from './woningen.js';
import { geweigerd, nietGevonden, conflict } from '../../domain/fouten.js';
import { schrijfAudit } from './audit.js';
import { schuldenGeregeld } from './schulden.js';
import { bouwMatchContext, leesbaar } from './matching.js';

// The life of a match proposal after a round made it: who sees it, each step of the bestuurlijk drietal, and the
// next candidate after an afwijzing. The round itself (context, engine, storing) stays in ./matching.ts.

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
