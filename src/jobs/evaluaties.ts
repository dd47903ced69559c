import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as s from '../db/schema.js';
import { meld, type NieuweMelding } from '../db/repos/meldingen.js';
import { herinneringVenster, herinneringVoor, type HerinneringSoort } from '../domain/begeleiding.js';
import { datumTekst, lokaleDatum } from '../domain/signalen.js';
import { claimTaak, geefTaakVrij } from './planner.js';

export const TAAK_EVALUATIES = 'evaluatie-herinneringen';
/** Evaluations handled per transaction: a crash loses at most one batch, which the next round redoes. */
const PARTIJ = 200;

export interface EvaluatieOpties {
  partij?: number;
  /** test hook, like signalen's JobOpties: called after each committed batch */
  storing?: (punt: 'na_commit', i: number) => void | Promise<void>;
}

export interface EvaluatieRonde {
  uitgevoerd: boolean;
  herinneringen: number;
}

/**
 * Reminders of due evaluations (ADR 0035): to the aanbieder of the begeleiding and to the toegang (the
 * centrumgemeente of the regio), EVALUATIE_VOORAF_DAGEN days before and on the day, for every open evaluation of a
 * begeleiding whose placement still runs. Exactly once: each melding has the key evaluatie:<begeleiding>:<datum>:
 * <soort>:<organisatie> (meldingen.sleutel is unique), so a round after a crash, or a second server, adds nothing
 * twice; batches in order of the evaluation id, each its own transaction. Keyed on the date, not the evaluation row:
 * replanning the same date sends nothing new, a new date does.
 */
export async function stuurEvaluatieHerinneringen(db: Db, nu: Date, opties: EvaluatieOpties = {}): Promise<number> {
  const vandaag = lokaleDatum(nu);
  const venster = herinneringVenster(vandaag);
  const partij = opties.partij ?? PARTIJ;
  let na = '00000000-0000-0000-0000-000000000000';
  let verstuurd = 0;
  for (let i = 0; ; i++) {
    const rijen = await db
      .select({
        id: s.begeleidingEvaluaties.id,
        datum: s.begeleidingEvaluaties.datum,
        begeleidingId: s.begeleidingen.id,
        aanbiederId: s.begeleidingen.aanbiederId,
        regioId: s.begeleidingen.regioId,
        clientId: s.begeleidingen.clientId,
        pseudoniem: s.clienten.pseudoniem,
        centrumId: sql<string | null>`(select o.id from ${s.organisaties} o where o.regio_id = ${s.begeleidingen.regioId} and o.soort = 'centrumgemeente' order by o.id limit 1)`,
      })
      .from(s.begeleidingEvaluaties)
      .innerJoin(s.begeleidingen, eq(s.begeleidingen.id, s.begeleidingEvaluaties.begeleidingId))
      .innerJoin(s.plaatsingen, eq(s.plaatsingen.id, s.begeleidingen.plaatsingId))
      .innerJoin(s.clienten, eq(s.clienten.id, s.begeleidingen.clientId))
      .where(
        and(
          isNull(s.begeleidingEvaluaties.gehoudenOp),
          gte(s.begeleidingEvaluaties.datum, venster.van),
          lte(s.begeleidingEvaluaties.datum, venster.tot),
          sql`${s.begeleidingEvaluaties.id} > ${na}::uuid`,
          or(isNull(s.plaatsingen.einddatum), gte(s.plaatsingen.einddatum, vandaag)),
          isNull(s.clienten.geanonimiseerdOp),
        ),
      )
      .orderBy(s.begeleidingEvaluaties.id)
      .limit(partij);
    if (!rijen.length) break;
    na = rijen.at(-1)!.id;
    const meldingen: NieuweMelding[] = rijen.flatMap((e) => {
      const soort: HerinneringSoort | null = herinneringVoor(e.datum, vandaag);
      if (!soort) return [];
      const titel = soort === 'vooraf' ? `Evaluatie begeleiding op ${datumTekst(e.datum)}` : `Evaluatie begeleiding is vandaag of verlopen (${datumTekst(e.datum)})`;
      const tekst =
        soort === 'vooraf'
          ? `De begeleiding van ${e.pseudoniem} wordt op ${datumTekst(e.datum)} geëvalueerd. Plan het gesprek met cliënt en zorgaanbieder.`
          : `De evaluatie van de begeleiding van ${e.pseudoniem} stond op ${datumTekst(e.datum)}. Leg vast dat ze gehouden is, of plan een nieuwe datum.`;
      return [e.aanbiederId, e.centrumId]
        .filter((o): o is string => !!o)
        .map((org) => ({ organisatieId: org, titel, tekst, link: `/clienten/${e.clientId}`, sleutel: `evaluatie:${e.begeleidingId}:${e.datum}:${soort}:${org}` }));
    });
    verstuurd += await db.transaction((tx) => meld(tx, meldingen));
    await opties.storing?.('na_commit', i);
    if (rijen.length < partij) break;
  }
  return verstuurd;
}

/** One round under the job's own lock in `taken` (claimTaak), for the planner and for tests with their own clock. */
export async function voerEvaluatieRondeUit(db: Db, nu: Date, opties: EvaluatieOpties = {}): Promise<EvaluatieRonde> {
  if (!(await claimTaak(db, TAAK_EVALUATIES, nu))) return { uitgevoerd: false, herinneringen: 0 };
  let gelukt = false;
  try {
    const herinneringen = await stuurEvaluatieHerinneringen(db, nu, opties);
    gelukt = true;
    return { uitgevoerd: true, herinneringen };
  } finally {
    // released on failure too: the next round retries at once, safe because every melding is keyed
    await geefTaakVrij(db, TAAK_EVALUATIES, nu, gelukt);
  }
}
