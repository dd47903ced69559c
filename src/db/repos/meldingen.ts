import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import { datumTekst, lokaleDatum } from '../../domain/signalen.js';
import { waarschuwing, HUURCONSTRUCTIES, type HuurconstructieSoort } from '../../domain/woningen.js';
import { plusDagen } from '../../domain/trajecten.js';

// ---------------------------------------------------------------------------------------------
// Meldingen: the inbox of an organisation, and the one way into it

export interface NieuweMelding {
  organisatieId: string;
  titel: string;
  tekst: string;
  link: string | null;
  sleutel: string;
}

/**
 * Notifications are idempotent by key: whatever re-runs, an organisation hears of one event once.
 * One statement whatever the number, with one array per column (unnest): an escalation round sends thousands,
 * and a VALUES list with five parameters per row costs far more to build and parse than five arrays.
 */
export async function meld(db: DbOrTx, meldingen: NieuweMelding[]) {
  if (!meldingen.length) return 0;
  const kolom = <K extends keyof NieuweMelding>(k: K) => sql.param(meldingen.map((m) => m[k]));
  const resultaat = (await db.execute(sql`
    with ingevoegd as (
      insert into ${s.meldingen} (organisatie_id, titel, tekst, link, sleutel)
      select * from unnest(${kolom('organisatieId')}::uuid[], ${kolom('titel')}::text[], ${kolom('tekst')}::text[], ${kolom('link')}::text[], ${kolom('sleutel')}::text[])
      on conflict (sleutel) do nothing
      returning 1
    )
    select count(*)::int as n from ingevoegd`)) as unknown as { rows: { n: number }[] };
  return resultaat.rows[0]!.n;
}

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
  const [telling] = await db.select({ n: sql<number>`count(*)::int` }).from(s.meldingen).where(and(...voorwaarden));
  return { ongelezen: await aantalOngelezen(db, actor), totaal: telling?.n ?? 0, limiet: f.limiet, offset: f.offset, meldingen };
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
// The scheduler's omklap and end-of-trial warnings

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
        titel: `${wat} op ${datumTekst(w.moment)}`,
        tekst: `${p.pseudoniem}, ${p.adres}: ${w.soort === 'omklap' ? 'het huurcontract gaat over naar de bewoner' : 'de proefperiode eindigt'} op ${datumTekst(w.moment)}. Stem de voorwaarden tijdig af.`,
        link: null,
        sleutel: `${w.soort}:${p.id}:${w.moment}:${org}`,
      }));
  });
  let verstuurd = 0;
  for (let i = 0; i < nieuw.length; i += 500) verstuurd += await meld(db, nieuw.slice(i, i + 500));
  return { waarschuwingen: verstuurd };
}
