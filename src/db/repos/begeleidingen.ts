import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { nlDatum } from '../../domain/datums.js';
import type { Versleuteling } from '../versleuteling.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import type { Actor } from '../../domain/auth.js';
import { conflict, geweigerd, ongeldig } from '../../domain/fouten.js';
import {
  ontbrekendeBegeleiding,
  valideerBegeleiding,
  vereistBegeleiding,
  voorCorporatie,
  type Begeleiding,
  type BegeleidingInvoer,
  type BegeleidingVoorCorporatie,
  type Evaluatie,
  type Plan,
  type PlaatsingMetBegeleiding,
} from '../../domain/begeleiding.js';
import { HUURCONSTRUCTIE_LABEL, type HuurconstructieSoort } from '../../domain/woningen.js';
import { verbergtAanbieder } from '../../domain/zorgkant.js';

// Begeleiding per plaatsing (ADR 0035). Who sees it follows the placement: a woningcorporatie the placements in its
// own homes, and of those only the reduced line (domain/begeleiding.voorCorporatie); an aanbieder the placements it
// is the aanbieder of, or whose client it supports; a gemeente the placements of clients within its client view.

/** Placements the actor may see, on plaatsingen joined with clienten and woningen. */
function plaatsingZicht(actor: Actor): SQL {
  if (verbergtAanbieder(actor)) return eq(s.woningen.corporatieId, actor.organisatieId);
  const eigen = actor.soort === 'aanbieder' ? or(eq(s.plaatsingen.aanbiederId, actor.organisatieId), clientFilter(actor))! : clientFilter(actor);
  return and(eq(s.plaatsingen.regioId, actor.regioId), eigen)!;
}

type BegeleidingRij = typeof s.begeleidingen.$inferSelect;

async function evaluatiesVan(db: DbOrTx, ids: string[]) {
  const per = new Map<string, Evaluatie[]>();
  if (!ids.length) return per;
  const rijen = await db
    .select()
    .from(s.begeleidingEvaluaties)
    .where(inArray(s.begeleidingEvaluaties.begeleidingId, ids))
    .orderBy(asc(s.begeleidingEvaluaties.datum));
  for (const r of rijen) per.set(r.begeleidingId, [...(per.get(r.begeleidingId) ?? []), { id: r.id, datum: r.datum, gehoudenOp: r.gehoudenOp }]);
  return per;
}

function naarBegeleiding(r: BegeleidingRij, aanbieder: string, evaluaties: Evaluatie[], v: Versleuteling): Begeleiding {
  return {
    id: r.id,
    plaatsingId: r.plaatsingId,
    clientId: r.clientId,
    aanbiederId: r.aanbiederId,
    aanbieder,
    urenPerWeek: r.urenPerWeekTienden / 10,
    van: r.van,
    tot: r.tot,
    contactpersoon: r.contactpersoon,
    contactTelefoon: r.contactTelefoon,
    plan: JSON.parse(v.ontsleutel(r.planVersleuteld)) as Plan,
    evaluaties,
    versie: r.versie,
    gewijzigd: new Date(r.gewijzigd).toISOString(),
  };
}

const plaatsingKolommen = {
  id: s.plaatsingen.id,
  clientId: s.plaatsingen.clientId,
  regioId: s.plaatsingen.regioId,
  pseudoniem: s.clienten.pseudoniem,
  adres: s.woningen.adres,
  huurconstructie: s.plaatsingen.huurconstructie,
  startdatum: s.plaatsingen.startdatum,
  einddatum: s.plaatsingen.einddatum,
  aanbiederId: s.plaatsingen.aanbiederId,
};

async function zichtbarePlaatsingen(db: DbOrTx, actor: Actor, waar: SQL) {
  return db
    .select(plaatsingKolommen)
    .from(s.plaatsingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .where(and(waar, plaatsingZicht(actor)))
    .orderBy(asc(s.plaatsingen.startdatum), asc(s.plaatsingen.id));
}

async function metBegeleiding(db: DbOrTx, plaatsingen: Awaited<ReturnType<typeof zichtbarePlaatsingen>>, v: Versleuteling, vandaag: string): Promise<PlaatsingMetBegeleiding[]> {
  if (!plaatsingen.length) return [];
  const rijen = await db
    .select({ b: s.begeleidingen, aanbieder: s.organisaties.naam })
    .from(s.begeleidingen)
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.begeleidingen.aanbiederId))
    .where(inArray(s.begeleidingen.plaatsingId, plaatsingen.map((p) => p.id)));
  const evaluaties = await evaluatiesVan(db, rijen.map((r) => r.b.id));
  const per = new Map(rijen.map((r) => [r.b.plaatsingId, naarBegeleiding(r.b, r.aanbieder, evaluaties.get(r.b.id) ?? [], v)]));
  return plaatsingen.map((p) => {
    const huurconstructie = p.huurconstructie as HuurconstructieSoort;
    const b = per.get(p.id) ?? null;
    const open = b ? b.evaluaties.filter((e) => !e.gehoudenOp).map((e) => e.datum) : [];
    return {
      plaatsingId: p.id,
      clientId: p.clientId,
      adres: p.adres,
      huurconstructie,
      huurconstructieLabel: HUURCONSTRUCTIE_LABEL[huurconstructie],
      startdatum: p.startdatum,
      einddatum: p.einddatum,
      vereist: vereistBegeleiding(huurconstructie),
      begeleiding: b,
      ontbreekt: ontbrekendeBegeleiding({ huurconstructie, einddatum: p.einddatum }, b ? { tot: b.tot, openEvaluaties: open } : null, vandaag),
    };
  });
}

/**
 * The placements of one client with their begeleiding (the dossier). Care side only: a corporatie gets null, like
 * an unknown client. Null also when the client has no placement the actor may see and is not visible itself.
 */
export async function begeleidingenVanClient(db: DbOrTx, actor: Actor, clientId: string, v: Versleuteling, vandaag: string) {
  if (verbergtAanbieder(actor)) return null;
  const [client] = await db.select({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  const plaatsingen = await zichtbarePlaatsingen(db, actor, eq(s.plaatsingen.clientId, clientId));
  if (!client && !plaatsingen.length) return null;
  const lijst = await metBegeleiding(db, plaatsingen, v, vandaag);
  await schrijfAudit(db, actor, {
    actie: 'lezen',
    entiteit: 'client',
    entiteitId: clientId,
    doel: 'plaatsing_matching',
    pseudoniemen: [client?.pseudoniem ?? plaatsingen[0]!.pseudoniem],
    details: { onderdeel: 'begeleiding', plaatsingen: lijst.length },
    herkomst: actor.herkomst,
  });
  return { clientId, plaatsingen: lijst };
}

/**
 * One placement's begeleiding: the full view for the care side, the reduced line for the corporatie of the home.
 * Null: the placement is unknown or not visible.
 */
export async function begeleidingVanPlaatsing(
  db: DbOrTx,
  actor: Actor,
  plaatsingId: string,
  v: Versleuteling,
  vandaag: string,
): Promise<{ soort: 'volledig'; plaatsing: PlaatsingMetBegeleiding } | { soort: 'corporatie'; plaatsingId: string; begeleiding: BegeleidingVoorCorporatie | null } | null> {
  const [p] = await zichtbarePlaatsingen(db, actor, eq(s.plaatsingen.id, plaatsingId));
  if (!p) return null;
  const audit = (details: Record<string, unknown>) =>
    schrijfAudit(db, actor, { actie: 'lezen', entiteit: 'plaatsing', entiteitId: plaatsingId, doel: 'plaatsing_matching', pseudoniemen: [p.pseudoniem], details: { onderdeel: 'begeleiding', ...details }, herkomst: actor.herkomst });
  if (verbergtAanbieder(actor)) {
    // only the columns of the reduced line are read: the plan, the hours and the aanbieder never leave the database
    const [b] = await db
      .select({ plaatsingId: s.begeleidingen.plaatsingId, tot: s.begeleidingen.tot, contactpersoon: s.begeleidingen.contactpersoon, contactTelefoon: s.begeleidingen.contactTelefoon })
      .from(s.begeleidingen)
      .where(eq(s.begeleidingen.plaatsingId, plaatsingId));
    await audit({ beperkt: true });
    return { soort: 'corporatie', plaatsingId, begeleiding: b ? voorCorporatie(b) : null };
  }
  const [plaatsing] = await metBegeleiding(db, [p], v, vandaag);
  await audit({});
  return { soort: 'volledig', plaatsing: plaatsing! };
}

/** The reduced lines of many placements at once (the corporatie's placement list): one query. */
export async function begeleidingRegelsVoorCorporatie(db: DbOrTx, actor: Actor, plaatsingIds: string[]): Promise<BegeleidingVoorCorporatie[]> {
  if (!plaatsingIds.length) return [];
  const rijen = await db
    .select({ plaatsingId: s.begeleidingen.plaatsingId, tot: s.begeleidingen.tot, contactpersoon: s.begeleidingen.contactpersoon, contactTelefoon: s.begeleidingen.contactTelefoon })
    .from(s.begeleidingen)
    .innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.begeleidingen.plaatsingId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .where(and(inArray(s.begeleidingen.plaatsingId, plaatsingIds), plaatsingZicht(actor)));
  return rijen.map(voorCorporatie);
}

/**
 * Records or replaces the begeleiding of a placement (checked here by domain/begeleiding.valideerBegeleiding against
 * the placement's period), in the caller's
 * transaction. An aanbieder records only its own begeleiding; a gemeente (toegang) any aanbieder of the regio.
 * `versie` guards a replacement against a lost update (409). Evaluations already held stay; open ones follow the
 * new list. Null: placement unknown or not visible.
 */
export async function zetBegeleiding(
  db: DbOrTx,
  actor: Actor,
  plaatsingId: string,
  ruw: Record<string, unknown>,
  versie: number | null,
  v: Versleuteling,
  vandaag: string,
): Promise<PlaatsingMetBegeleiding | null> {
  if (verbergtAanbieder(actor)) throw geweigerd('Een woningcorporatie legt geen begeleiding vast');
  const [p] = await zichtbarePlaatsingen(db, actor, eq(s.plaatsingen.id, plaatsingId));
  if (!p) return null;
  const check = valideerBegeleiding(ruw, p);
  if (!check.ok) throw ongeldig(check.fouten.map((f) => f.melding).join('; '), check.fouten);
  const invoer: BegeleidingInvoer = check.waarde;
  if (actor.soort === 'aanbieder' && invoer.aanbiederId !== actor.organisatieId) {
    throw ongeldig('Een zorgaanbieder legt alleen de eigen begeleiding vast', [{ pad: 'aanbiederId', veld: 'Zorgaanbieder', melding: 'Kies uw eigen organisatie als zorgaanbieder' }]);
  }
  const [org] = await db.select({ soort: s.organisaties.soort, regioId: s.organisaties.regioId }).from(s.organisaties).where(eq(s.organisaties.id, invoer.aanbiederId));
  if (!org || org.soort !== 'aanbieder' || org.regioId !== p.regioId) {
    throw ongeldig('Zorgaanbieder is geen aanbieder in deze regio', [{ pad: 'aanbiederId', veld: 'Zorgaanbieder', melding: 'Kies een zorgaanbieder uit de lijst' }]);
  }
  const [bestaand] = await db.select().from(s.begeleidingen).where(eq(s.begeleidingen.plaatsingId, plaatsingId)).for('update');
  if (bestaand && actor.soort === 'aanbieder' && bestaand.aanbiederId !== actor.organisatieId) throw geweigerd('Deze begeleiding is van een andere zorgaanbieder');
  const waarden = {
    aanbiederId: invoer.aanbiederId,
    urenPerWeekTienden: Math.round(invoer.urenPerWeek * 10),
    van: invoer.van,
    tot: invoer.tot,
    contactpersoon: invoer.contactpersoon,
    contactTelefoon: invoer.contactTelefoon,
    planVersleuteld: v.versleutel(JSON.stringify(invoer.plan)),
    vastgelegdDoor: actor.gebruikerId,
    gewijzigd: new Date(),
  };
  let id: string;
  if (bestaand) {
    if (versie === null || versie !== bestaand.versie) {
      throw conflict(`De begeleiding is intussen gewijzigd (versie ${bestaand.versie}); laad haar opnieuw en breng uw wijziging dan aan`);
    }
    await db.update(s.begeleidingen).set({ ...waarden, versie: bestaand.versie + 1 }).where(eq(s.begeleidingen.id, bestaand.id));
    id = bestaand.id;
    // open evaluations no longer planned go; held ones are history and stay
    await db
      .delete(s.begeleidingEvaluaties)
      .where(and(eq(s.begeleidingEvaluaties.begeleidingId, id), isNull(s.begeleidingEvaluaties.gehoudenOp), sql`not (${s.begeleidingEvaluaties.datum} = any(${sql.param(invoer.evaluaties)}::date[]))`));
  } else {
    const [rij] = await db.insert(s.begeleidingen).values({ ...waarden, regioId: p.regioId, plaatsingId, clientId: p.clientId }).returning({ id: s.begeleidingen.id });
    id = rij!.id;
  }
  await db
    .insert(s.begeleidingEvaluaties)
    .values(invoer.evaluaties.map((datum) => ({ begeleidingId: id, datum })))
    .onConflictDoNothing();
  // the audit row names what changed in outline, never the goals themselves
  await schrijfAudit(db, actor, {
    actie: bestaand ? 'wijzigen' : 'aanmaken',
    entiteit: 'client',
    entiteitId: p.clientId,
    doel: 'plaatsing_matching',
    pseudoniemen: [p.pseudoniem],
    details: { onderdeel: 'begeleiding', plaatsing: plaatsingId, begeleiding: id, van: invoer.van, tot: invoer.tot, evaluaties: invoer.evaluaties.length, doelen: invoer.plan.reduce((n, d) => n + d.doelen.length, 0) },
    herkomst: actor.herkomst,
  });
  const [uit] = await metBegeleiding(db, [p], v, vandaag);
  return uit!;
}

/** Marks a planned evaluation as held on `datum` (no further reminders). Null: unknown or not visible. */
export async function evaluatieGehouden(db: DbOrTx, actor: Actor, evaluatieId: string, datum: string, v: Versleuteling, vandaag: string) {
  if (verbergtAanbieder(actor)) throw geweigerd('Een woningcorporatie legt geen evaluatie vast');
  const [e] = await db
    .select({ id: s.begeleidingEvaluaties.id, gehoudenOp: s.begeleidingEvaluaties.gehoudenOp, plaatsingId: s.begeleidingen.plaatsingId, aanbiederId: s.begeleidingen.aanbiederId, van: s.begeleidingen.van })
    .from(s.begeleidingEvaluaties)
    .innerJoin(s.begeleidingen, eq(s.begeleidingen.id, s.begeleidingEvaluaties.begeleidingId))
    .where(eq(s.begeleidingEvaluaties.id, evaluatieId));
  if (!e) return null;
  const [p] = await zichtbarePlaatsingen(db, actor, eq(s.plaatsingen.id, e.plaatsingId));
  if (!p) return null;
  if (actor.soort === 'aanbieder' && e.aanbiederId !== actor.organisatieId) throw geweigerd('Deze begeleiding is van een andere zorgaanbieder');
  if (e.gehoudenOp) throw conflict(`Deze evaluatie is al vastgelegd als gehouden op ${nlDatum(e.gehoudenOp)}`);
  if (datum > vandaag) throw ongeldig('Datum gehouden ligt in de toekomst', [{ pad: 'datum', veld: 'Datum gehouden', melding: 'Datum gehouden ligt in de toekomst' }]);
  if (datum < e.van) throw ongeldig('Datum gehouden ligt vóór het begin van de begeleiding', [{ pad: 'datum', veld: 'Datum gehouden', melding: 'Datum gehouden ligt vóór het begin van de begeleiding' }]);
  await db.update(s.begeleidingEvaluaties).set({ gehoudenOp: datum }).where(eq(s.begeleidingEvaluaties.id, evaluatieId));
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: p.clientId, doel: 'plaatsing_matching', pseudoniemen: [p.pseudoniem], details: { onderdeel: 'begeleiding', evaluatie: evaluatieId, gehouden: datum }, herkomst: actor.herkomst });
  const [uit] = await metBegeleiding(db, [p], v, vandaag);
  return uit!;
}

/** Every begeleiding of a client, complete (inzage, AVG art. 15). */
export async function begeleidingenVoorInzage(db: DbOrTx, clientId: string, v: Versleuteling) {
  const rijen = await db
    .select({ b: s.begeleidingen, aanbieder: s.organisaties.naam })
    .from(s.begeleidingen)
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.begeleidingen.aanbiederId))
    .where(eq(s.begeleidingen.clientId, clientId))
    .orderBy(asc(s.begeleidingen.van));
  const evaluaties = await evaluatiesVan(db, rijen.map((r) => r.b.id));
  return rijen.map((r) => naarBegeleiding(r.b, r.aanbieder, evaluaties.get(r.b.id) ?? [], v));
}
