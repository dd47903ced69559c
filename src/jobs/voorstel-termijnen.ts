import { inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { auditWaarden } from '../db/repos/audit.js';
import { meld, type NieuweMelding } from '../db/repos/meldingen.js';
import { centrumgemeenten, SYSTEEM_GEBRUIKER } from '../db/repos/signalen.js';
import { geefTermijnen, volgendeKandidaat } from '../db/repos/voorstellen.js';
import { aanZet, OPEN_STATUSSEN, VOORSTEL_STATUS_LABEL, type VoorstelStatus } from '../domain/matching/workflow.js';
import { lokaleDatum, lokaleTijdTekst } from '../domain/signalen.js';
import { claimTaak, geefTaakVrij } from './planner.js';

/**
 * The planner's part in the life of a proposal (issue 14 item 4, ADR 0034), every minute, restart-safe and exactly
 * once like the signal watch:
 * 1. open proposals without a term get one (a stored round makes them without);
 * 2. a reminder to the party whose turn it is, from `herinner_vanaf` until the deadline;
 * 3. at the deadline, escalation: the centrumgemeente is told (and the party again);
 * 4. after the grace period, expiry: status verlopen, the home free again, and the next candidate proposed
 *    (`volgendeKandidaat`, the same one-home round as after an afwijzing).
 * Each phase works in growing batches, each batch one transaction: a set-based `UPDATE … FROM (SELECT … FOR UPDATE
 * SKIP LOCKED) RETURNING` marks the rows (the marker column is the proof the work was done), then the history rows
 * (unique per proposal, version and event), notifications (unique `sleutel`) and audit rows of that batch. A crash
 * after a batch's commit leaves only later rows for the next run; a crash inside rolls back the whole batch. Two
 * processes at once skip each other's locked rows, and the UPDATE re-checks the condition on the locked row.
 */

export const TAAK_VOORSTELLEN = 'voorstel-termijnen';

export type VoorstelFase = 'herinnering' | 'escalatie' | 'verlopen';

export interface VoorstelJobOpties {
  /** test hook: throw here to simulate a crash inside the transaction of batch i of a phase, or right after its commit */
  storing?: (punt: 'binnen_transactie' | 'na_commit', fase: VoorstelFase, i: number) => void | Promise<void>;
  /** at most this many proposals per phase per round (the next round takes the rest) */
  limiet?: number;
}

export interface VoorstelRondeResultaat {
  uitgevoerd: boolean;
  termijnenGegeven: number;
  herinnerd: number;
  geescaleerd: number;
  verlopen: number;
  volgendeKandidaten: number;
  meldingen: number;
}

const BATCH_GROEI = 4;
const BATCH_MAX = 500;
/** expiry runs a one-home matching round per proposal: smaller batches */
const VERLOOP_BATCH_MAX = 25;

interface Rij {
  id: string;
  regioId: string;
  rondeId: string;
  status: VoorstelStatus;
  /** the status before this batch changed it (expiry) */
  van: VoorstelStatus;
  versie: number;
  deadline: Date | null;
  woningId: string;
  adres: string;
  corporatieId: string;
  pseudoniem: string;
  aanbiederId: string | null;
  herkomstgemeenteId: string;
}

const open = sql.join(OPEN_STATUSSEN.map((st) => sql`${st}`), sql`, `);

/** The marking statement of one phase: which rows are due, and what marks them done. */
function markeer(fase: VoorstelFase, nu: string, aantal: number) {
  const t = sql`${nu}::timestamptz`;
  if (fase === 'herinnering') {
    return {
      kies: sql`status in (${open}) and herinnerd_op is null and geescaleerd_op is null and herinner_vanaf <= ${t} and deadline > ${t} order by herinner_vanaf, id limit ${aantal}`,
      zet: sql`herinnerd_op = ${t}`,
      opnieuw: sql`v.status in (${open}) and v.herinnerd_op is null and v.herinner_vanaf <= ${t}`,
    };
  }
  if (fase === 'escalatie') {
    return {
      kies: sql`status in (${open}) and geescaleerd_op is null and deadline <= ${t} order by deadline, id limit ${aantal}`,
      // past the deadline a reminder has no point any more: the escalation says it all
      zet: sql`geescaleerd_op = ${t}, herinnerd_op = coalesce(v.herinnerd_op, ${t})`,
      opnieuw: sql`v.status in (${open}) and v.geescaleerd_op is null and v.deadline <= ${t}`,
    };
  }
  return {
    kies: sql`status in (${open}) and verloopt_op <= ${t} order by verloopt_op, id limit ${aantal}`,
    zet: sql`status = 'verlopen', versie = v.versie + 1, gewijzigd = ${t}, stap_sinds = ${t}, deadline = null, herinner_vanaf = null, verloopt_op = null`,
    opnieuw: sql`v.status in (${open}) and v.verloopt_op <= ${t}`,
  };
}

async function markeerBatch(tx: DbOrTx, fase: VoorstelFase, nu: Date, aantal: number): Promise<Rij[]> {
  const m = markeer(fase, nu.toISOString(), aantal);
  const { rows } = (await tx.execute(sql`
    with kandidaat as (
      select id, status as van from ${s.matchVoorstellen} where ${m.kies} for update skip locked
    ), gemarkeerd as (
      update ${s.matchVoorstellen} v set ${m.zet}
      from kandidaat k where v.id = k.id and ${m.opnieuw}
      returning v.id, v.regio_id, v.ronde_id, v.status, k.van, v.versie, v.deadline, v.woning_id, v.client_id
    )
    select g.id, g.regio_id, g.ronde_id, g.status, g.van, g.versie, g.deadline, g.woning_id, w.adres, w.corporatie_id, c.pseudoniem, c.aanbieder_id, c.herkomstgemeente_id
    from gemarkeerd g
    join ${s.woningen} w on w.id = g.woning_id
    join ${s.clienten} c on c.id = g.client_id
    order by g.id`)) as unknown as { rows: Record<string, unknown>[] };
  return rows.map((r) => ({
    id: r.id as string,
    regioId: r.regio_id as string,
    rondeId: r.ronde_id as string,
    status: r.status as VoorstelStatus,
    van: r.van as VoorstelStatus,
    versie: Number(r.versie),
    deadline: r.deadline ? new Date(r.deadline as string) : null,
    woningId: r.woning_id as string,
    adres: r.adres as string,
    corporatieId: r.corporatie_id as string,
    pseudoniem: r.pseudoniem as string,
    aanbiederId: (r.aanbieder_id as string | null) ?? null,
    herkomstgemeenteId: r.herkomstgemeente_id as string,
  }));
}

/** The organisations of the party whose turn it was: the corporatie of the home, or the aanbieder and the gemeente of the client. */
function aanZetOrganisaties(r: Rij, status: VoorstelStatus): string[] {
  const partij = aanZet(status);
  if (partij === 'corporatie') return [r.corporatieId];
  if (partij === 'zorg') return [r.aanbiederId, r.herkomstgemeenteId].filter((o): o is string => !!o);
  return [];
}

const uniek = (ids: (string | undefined)[]) => [...new Set(ids.filter((o): o is string => !!o))];

function meldingenVoor(fase: VoorstelFase, r: Rij, centrum: string | undefined): NieuweMelding[] {
  const wie = (org: string) => `voorstel:${r.id}:v${r.versie}:${fase}:${org}`;
  const wat = `het voorstel voor ${r.pseudoniem} in ${r.adres}`;
  const deadline = r.deadline ? lokaleTijdTekst(r.deadline) : '';
  if (fase === 'herinnering') {
    return uniek(aanZetOrganisaties(r, r.status)).map((org) => ({
      organisatieId: org,
      titel: 'Herinnering: voorstel wacht op uw besluit',
      tekst: `Reageer vóór ${deadline} op ${wat} (${VOORSTEL_STATUS_LABEL[r.status].toLowerCase()}). Daarna meldt Doorstroom het aan de centrumgemeente.`,
      link: '/matching',
      sleutel: wie(org),
    }));
  }
  if (fase === 'escalatie') {
    return uniek([centrum, ...aanZetOrganisaties(r, r.status)]).map((org) => ({
      organisatieId: org,
      titel: 'Termijn van een voorstel verstreken',
      tekst: `De termijn voor ${wat} verliep op ${deadline} (${VOORSTEL_STATUS_LABEL[r.status].toLowerCase()}). Zonder besluit vervalt het voorstel na de respijttermijn en gaat de woning naar de volgende kandidaat.`,
      link: '/matching',
      sleutel: wie(org),
    }));
  }
  return uniek([centrum, r.corporatieId, ...aanZetOrganisaties(r, r.van)]).map((org) => ({
    organisatieId: org,
    titel: 'Voorstel vervallen',
    tekst: `${wat[0]!.toUpperCase()}${wat.slice(1)} is vervallen: er kwam geen besluit binnen de termijn en de respijttermijn (${VOORSTEL_STATUS_LABEL[r.van].toLowerCase()}). De woning is weer vrij en gaat naar de volgende passende kandidaat.`,
    link: '/matching',
    sleutel: wie(org),
  }));
}

async function verwerkBatch(tx: DbOrTx, fase: VoorstelFase, rijen: Rij[], nu: Date, centrum: Map<string, string>, opties: VoorstelJobOpties, i: number) {
  const ids = rijen.map((r) => r.id);
  // the history row of this event: unique per proposal, version and event
  await tx.execute(sql`
    insert into ${s.voorstelStappen} (voorstel_id, regio_id, gebeurtenis, van_status, naar_status, tijdstip, versie, toelichting)
    select t.id, t.regio_id, ${fase}, t.van, t.naar, ${nu.toISOString()}::timestamptz, t.versie, t.toelichting
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(rijen.map((r) => r.regioId))}::uuid[], ${sql.param(rijen.map((r) => r.van))}::text[],
                ${sql.param(rijen.map((r) => r.status))}::text[], ${sql.param(rijen.map((r) => r.versie))}::int[],
                ${sql.param(rijen.map((r) => (r.deadline ? `Termijn tot ${lokaleTijdTekst(r.deadline)}` : 'Termijn en respijttermijn verstreken')))}::text[]) as t(id, regio_id, van, naar, versie, toelichting)
    on conflict do nothing`);
  let volgende = 0;
  if (fase === 'verlopen') {
    await tx.update(s.woningen).set({ status: 'beschikbaar' }).where(inArray(s.woningen.id, rijen.map((r) => r.woningId)));
    const peildatum = lokaleDatum(nu);
    for (const r of rijen) if (await volgendeKandidaat(tx, r.regioId, r.woningId, r.rondeId, peildatum, nu)) volgende++;
  }
  await opties.storing?.('binnen_transactie', fase, i);
  const n = await meld(tx, rijen.flatMap((r) => meldingenVoor(fase, r, centrum.get(r.regioId))));
  // a reminder changes nothing in the file; escalation and expiry are acts on behalf of the centrumgemeente
  if (fase !== 'herinnering') {
    const audit = rijen
      .filter((r) => centrum.get(r.regioId))
      .map((r) =>
        auditWaarden(
          { gebruikerId: SYSTEEM_GEBRUIKER, organisatieId: centrum.get(r.regioId)!, regioId: r.regioId, herkomst: { ip: null, agent: 'planner', uitvoerder: null } },
          { actie: 'wijzigen', entiteit: 'matchvoorstel', entiteitId: r.id, doel: 'plaatsing_matching', pseudoniemen: [r.pseudoniem], details: { [fase === 'escalatie' ? 'escaleren' : 'verlopen']: true, van: r.van, status: r.status, versie: r.versie, automatisch: true } },
        ),
      );
    if (audit.length) await tx.insert(s.auditLog).values(audit);
  }
  return { meldingen: n, volgende };
}

async function voerFaseUit(db: Db, fase: VoorstelFase, nu: Date, opties: VoorstelJobOpties) {
  const limiet = opties.limiet ?? 5000;
  const max = fase === 'verlopen' ? VERLOOP_BATCH_MAX : BATCH_MAX;
  const centrum = new Map<string, string>();
  let aantal = 0;
  let meldingen = 0;
  let volgende = 0;
  for (let i = 0, grootte = 1; aantal < limiet; i++, grootte = Math.min(grootte * BATCH_GROEI, max)) {
    const r = await db.transaction(async (tx) => {
      const rijen = await markeerBatch(tx, fase, nu, Math.min(grootte, limiet - aantal));
      if (!rijen.length) return null;
      const nieuw = [...new Set(rijen.map((x) => x.regioId))].filter((x) => !centrum.has(x));
      for (const [regio, org] of await centrumgemeenten(tx, nieuw)) centrum.set(regio, org);
      return { n: rijen.length, ...(await verwerkBatch(tx, fase, rijen, nu, centrum, opties, i)) };
    });
    if (!r) break;
    aantal += r.n;
    meldingen += r.meldingen;
    volgende += r.volgende;
    await opties.storing?.('na_commit', fase, i);
  }
  return { aantal, meldingen, volgende };
}

/** The work of one round without the lock: tests call it directly, also two at once. */
export async function verwerkVoorstelTermijnen(db: Db, nu: Date, opties: VoorstelJobOpties = {}): Promise<Omit<VoorstelRondeResultaat, 'uitgevoerd'>> {
  const termijnenGegeven = await geefTermijnen(db);
  const h = await voerFaseUit(db, 'herinnering', nu, opties);
  const e = await voerFaseUit(db, 'escalatie', nu, opties);
  const v = await voerFaseUit(db, 'verlopen', nu, opties);
  return { termijnenGegeven, herinnerd: h.aantal, geescaleerd: e.aantal, verlopen: v.aantal, volgendeKandidaten: v.volgende, meldingen: h.meldingen + e.meldingen + v.meldingen };
}

/** One round under the job's lock in `taken` (as voerSignaalRondeUit); the planner calls it every minute. */
export async function voerVoorstelRondeUit(db: Db, nu: Date, opties: VoorstelJobOpties = {}): Promise<VoorstelRondeResultaat> {
  if (!(await claimTaak(db, TAAK_VOORSTELLEN, nu))) return { uitgevoerd: false, termijnenGegeven: 0, herinnerd: 0, geescaleerd: 0, verlopen: 0, volgendeKandidaten: 0, meldingen: 0 };
  let gelukt = false;
  try {
    const r = await verwerkVoorstelTermijnen(db, nu, opties);
    gelukt = true;
    return { uitgevoerd: true, ...r };
  } finally {
    await geefTaakVrij(db, TAAK_VOORSTELLEN, nu, gelukt);
  }
}
