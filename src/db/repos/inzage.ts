import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import type { Actor } from '../../domain/auth.js';
import { haalClient } from './clienten.js';
import { grondslagenVan } from './grondslagen.js';
import { zrmVoorInzage } from './zrm.js';
import { begeleidingenVoorInzage } from './begeleidingen.js';
import { parkeringenVan } from './parkeren.js';

/**
 * Everything Doorstroom holds about one client (AVG art. 15, recht op inzage), for a care worker who may see the
 * client to hand over: the dossier with its whole timeline (corrections included), placements with their homes,
 * signals on those placements with every step, debts, ZRM assessments (notes and withdrawn ones included), match proposals, bases and consents, and the audit rows
 * about this client (who read or changed the dossier, when, from which organisation). Null: not visible.
 * Audit rows of list views name clients only by pseudonym in their details and are not searched here.
 */
export async function inzageVan(db: DbOrTx, actor: Actor, clientId: string, v: Versleuteling, peildatum: string) {
  const dossier = await haalClient(db, actor, clientId, v, peildatum);
  if (!dossier) return null;
  const plaatsingen = await db
    .select({ plaatsing: s.plaatsingen, adres: s.woningen.adres, corporatieId: s.woningen.corporatieId })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .where(eq(s.plaatsingen.clientId, clientId))
    .orderBy(asc(s.plaatsingen.startdatum), asc(s.plaatsingen.id));
  const plaatsingIds = plaatsingen.map((p) => p.plaatsing.id);
  const signalen = plaatsingIds.length
    ? await db.select().from(s.signalen).where(inArray(s.signalen.plaatsingId, plaatsingIds)).orderBy(asc(s.signalen.aangemaakt), asc(s.signalen.id))
    : [];
  const stappen = signalen.length
    ? await db.select().from(s.signaalStappen).where(inArray(s.signaalStappen.signaalId, signalen.map((x) => x.id))).orderBy(asc(s.signaalStappen.id))
    : [];
  const schulden = await db.select().from(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, clientId)).orderBy(asc(s.schuldregelingen.aangemaakt), asc(s.schuldregelingen.id));
  const voorstellen = await db
    .select({ id: s.matchVoorstellen.id, woningId: s.matchVoorstellen.woningId, status: s.matchVoorstellen.status, afwijzingsreden: s.matchVoorstellen.afwijzingsreden, afwijzingCode: s.matchVoorstellen.afwijzingCode, afwijzingPartij: s.matchVoorstellen.afwijzingPartij, aangemaakt: s.matchVoorstellen.aangemaakt, gewijzigd: s.matchVoorstellen.gewijzigd })
    .from(s.matchVoorstellen)
    .where(eq(s.matchVoorstellen.clientId, clientId))
    .orderBy(asc(s.matchVoorstellen.aangemaakt), asc(s.matchVoorstellen.id));
  const toegang = await db
    .select({
      tijdstip: s.auditLog.tijdstip,
      actie: s.auditLog.actie,
      entiteit: s.auditLog.entiteit,
      details: s.auditLog.details,
      gebruiker: s.gebruikers.naam,
      organisatie: s.organisaties.naam,
    })
    .from(s.auditLog)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.auditLog.gebruikerId))
    .leftJoin(s.organisaties, eq(s.organisaties.id, s.auditLog.organisatieId))
    .where(and(eq(s.auditLog.regioId, actor.regioId), eq(s.auditLog.entiteit, 'client'), eq(s.auditLog.entiteitId, clientId)))
    .orderBy(asc(s.auditLog.id));
  return {
    opgesteld: new Date().toISOString(),
    peildatum,
    dossier,
    plaatsingen: plaatsingen.map((p) => ({ ...p.plaatsing, adres: p.adres, corporatieId: p.corporatieId })),
    signalen: signalen.map((x) => ({ ...x, stappen: stappen.filter((st) => st.signaalId === x.id) })),
    schulden,
    voorstellen,
    zrm: await zrmVoorInzage(db, clientId, v),
    begeleidingen: await begeleidingenVoorInzage(db, clientId, v),
    // parking (issue 14) is a decision about the person: reason, period and who decided
    parkeringen: await parkeringenVan(db, actor, clientId, peildatum),
    grondslagen: await grondslagenVan(db, clientId),
    toegang,
  };
}
