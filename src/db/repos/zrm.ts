import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import { schrijfAudit } from './audit.js';
import { clientFilter } from './clienten.js';
import type { Actor } from '../../domain/auth.js';
import { conflict, geweigerd } from '../../domain/fouten.js';
import { gemiddelde, magZrmToelichtingZien, uitstroomHint, ZRM_DOMEINEN, type ZrmBeoordeling, type ZrmInvoer, type ZrmOverzicht, type ZrmScores } from '../../domain/zrm.js';

// ZRM assessments of one client (ADR 0032): visible exactly as the dossier is (clientFilter), so never to a
// woningcorporatie; notes only for the care roles. Voiding keeps the row (append-only in spirit, like event
// corrections): the history shows what was withdrawn, when and why, and the chart and hint skip it.

async function zichtbareClient(db: DbOrTx, actor: Actor, clientId: string) {
  const [c] = await db.select({ id: s.clienten.id, regioId: s.clienten.regioId }).from(s.clienten).where(and(eq(s.clienten.id, clientId), clientFilter(actor)));
  return c ?? null;
}

/** Stored scores as the domain reads them: a domain missing from an old row counts as not scored. */
const naarScores = (ruw: unknown): ZrmScores => {
  const r = (ruw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, typeof r[d] === 'number' ? r[d] : null])) as ZrmScores;
};

const kolommen = {
  id: s.zrmBeoordelingen.id,
  clientId: s.zrmBeoordelingen.clientId,
  datum: s.zrmBeoordelingen.datum,
  organisatieId: s.zrmBeoordelingen.organisatieId,
  organisatie: s.organisaties.naam,
  scores: s.zrmBeoordelingen.scores,
  toelichtingVersleuteld: s.zrmBeoordelingen.toelichtingVersleuteld,
  vastgelegdOp: s.zrmBeoordelingen.vastgelegdOp,
  ingetrokkenOp: s.zrmBeoordelingen.ingetrokkenOp,
  intrekkingsreden: s.zrmBeoordelingen.intrekkingsreden,
};
type Rij = Awaited<ReturnType<typeof rijen>>[number];

function naarBeoordeling(r: Rij, actor: Actor, v: Versleuteling): ZrmBeoordeling {
  const zorg = magZrmToelichtingZien(actor);
  const scores = naarScores(r.scores);
  return {
    id: r.id,
    datum: r.datum,
    organisatieId: r.organisatieId,
    organisatie: r.organisatie,
    scores,
    gemiddelde: gemiddelde(scores),
    toelichting: zorg && r.toelichtingVersleuteld ? v.ontsleutel(r.toelichtingVersleuteld) : null,
    vastgelegdOp: new Date(r.vastgelegdOp).toISOString(),
    ingetrokken: r.ingetrokkenOp ? { op: new Date(r.ingetrokkenOp).toISOString(), reden: zorg ? r.intrekkingsreden : null } : null,
  };
}

async function rijen(db: DbOrTx, waar: ReturnType<typeof eq>) {
  return db
    .select(kolommen)
    .from(s.zrmBeoordelingen)
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.zrmBeoordelingen.organisatieId))
    .where(waar)
    .orderBy(desc(s.zrmBeoordelingen.datum), desc(s.zrmBeoordelingen.vastgelegdOp), desc(s.zrmBeoordelingen.id));
}

/** The history, newest first, with the hint of the newest valid assessment. Null: the client is not visible. */
export async function zrmVan(db: DbOrTx, actor: Actor, clientId: string, v: Versleuteling): Promise<ZrmOverzicht | null> {
  if (!(await zichtbareClient(db, actor, clientId))) return null;
  const beoordelingen = (await rijen(db, eq(s.zrmBeoordelingen.clientId, clientId))).map((r) => naarBeoordeling(r, actor, v));
  const laatste = beoordelingen.find((b) => !b.ingetrokken);
  return { beoordelingen, hint: laatste ? { ...uitstroomHint(laatste.scores), beoordelingId: laatste.id, datum: laatste.datum } : null };
}

/** Records an assessment by the actor's organisation (already validated by valideerZrm). Null: client not visible. */
export async function maakZrm(db: DbOrTx, actor: Actor, clientId: string, invoer: ZrmInvoer, v: Versleuteling): Promise<ZrmBeoordeling | null> {
  const c = await zichtbareClient(db, actor, clientId);
  if (!c) return null;
  const [{ id }] = (await db
    .insert(s.zrmBeoordelingen)
    .values({
      regioId: c.regioId,
      clientId,
      organisatieId: actor.organisatieId,
      datum: invoer.datum,
      scores: invoer.scores,
      toelichtingVersleuteld: invoer.toelichting ? v.versleutel(invoer.toelichting) : null,
      vastgelegdDoor: actor.gebruikerId,
    })
    .returning({ id: s.zrmBeoordelingen.id })) as [{ id: string }];
  // the audit row names the assessment and its date, never the scores or the notes
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: clientId, doel: 'toegang_beoordeling', details: { zrm: id, actie: 'aanmaken', datum: invoer.datum } });
  const [rij] = await rijen(db, eq(s.zrmBeoordelingen.id, id));
  return naarBeoordeling(rij!, actor, v);
}

/**
 * Withdraws an assessment entered in error, with a reason. Only the organisation that assessed may withdraw it
 * (another organisation records its own assessment instead). Null: not visible (or unknown).
 */
export async function trekZrmIn(db: DbOrTx, actor: Actor, id: string, reden: string, v: Versleuteling): Promise<ZrmBeoordeling | null> {
  const [bestaand] = await db
    .select({ id: s.zrmBeoordelingen.id, clientId: s.zrmBeoordelingen.clientId, organisatieId: s.zrmBeoordelingen.organisatieId, ingetrokkenOp: s.zrmBeoordelingen.ingetrokkenOp })
    .from(s.zrmBeoordelingen)
    .innerJoin(s.clienten, eq(s.clienten.id, s.zrmBeoordelingen.clientId))
    .where(and(eq(s.zrmBeoordelingen.id, id), clientFilter(actor)));
  if (!bestaand) return null;
  if (bestaand.organisatieId !== actor.organisatieId) throw geweigerd('Alleen de organisatie die de beoordeling vastlegde, kan haar intrekken');
  if (bestaand.ingetrokkenOp) throw conflict('Deze beoordeling is al ingetrokken');
  await db
    .update(s.zrmBeoordelingen)
    .set({ ingetrokkenOp: new Date(), ingetrokkenDoor: actor.gebruikerId, intrekkingsreden: reden })
    .where(eq(s.zrmBeoordelingen.id, id));
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'client', entiteitId: bestaand.clientId, doel: 'toegang_beoordeling', details: { zrm: id, actie: 'intrekken' } });
  const [rij] = await rijen(db, eq(s.zrmBeoordelingen.id, id));
  return naarBeoordeling(rij!, actor, v);
}

/** Every assessment of a client, complete (inzage, AVG art. 15: the person sees the notes about them too). */
export async function zrmVoorInzage(db: DbOrTx, clientId: string, v: Versleuteling) {
  const alle = await rijen(db, eq(s.zrmBeoordelingen.clientId, clientId));
  return alle.map((r) => ({
    id: r.id,
    datum: r.datum,
    organisatie: r.organisatie,
    scores: naarScores(r.scores),
    toelichting: r.toelichtingVersleuteld ? v.ontsleutel(r.toelichtingVersleuteld) : null,
    vastgelegdOp: new Date(r.vastgelegdOp).toISOString(),
    ingetrokkenOp: r.ingetrokkenOp ? new Date(r.ingetrokkenOp).toISOString() : null,
    intrekkingsreden: r.intrekkingsreden,
  }));
}
