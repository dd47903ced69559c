import { and, eq, sql } from 'drizzle-orm';
import { signaalLink } from '../../domain/signalen.js';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { GEANONIMISEERD } from '../versleuteling.js';
import type { Actor } from '../../domain/auth.js';
import { BEWAAR_SOORTEN, BEWAARREGELS, controleerTermijn, grensdatum, type BewaarSoort } from '../../domain/bewaartermijnen.js';
import { ongeldig } from '../../domain/fouten.js';
import { schrijfAudit } from './audit.js';
import { eventsPerClient, toestandVan } from './clienten.js';
import { geldigeEvents } from '../../domain/trajecten.js';

async function rijen<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export interface Termijn {
  soort: BewaarSoort;
  maanden: number;
  standaardMaanden: number;
  eigen: boolean;
  toelichting: string | null;
}

/** The terms that hold in a regio: its own rows, the defaults of domain/bewaartermijnen for the rest. */
export async function termijnenVan(db: DbOrTx, regioId: string): Promise<Record<BewaarSoort, Termijn>> {
  const eigen = await db.select().from(s.bewaartermijnen).where(eq(s.bewaartermijnen.regioId, regioId));
  return Object.fromEntries(
    BEWAAR_SOORTEN.map((soort) => {
      const rij = eigen.find((r) => r.soort === soort);
      const standaard = BEWAARREGELS[soort].standaardMaanden;
      return [soort, { soort, maanden: rij?.maanden ?? standaard, standaardMaanden: standaard, eigen: !!rij, toelichting: rij?.toelichting ?? null }];
    }),
  ) as Record<BewaarSoort, Termijn>;
}

export async function zetTermijn(db: DbOrTx, actor: Actor, soort: BewaarSoort, maanden: number, toelichting: string) {
  const fout = controleerTermijn(soort, maanden);
  if (fout) throw ongeldig(fout);
  await db
    .insert(s.bewaartermijnen)
    .values({ regioId: actor.regioId, soort, maanden, toelichting, gewijzigdDoor: actor.gebruikerId })
    .onConflictDoUpdate({ target: [s.bewaartermijnen.regioId, s.bewaartermijnen.soort], set: { maanden, toelichting, gewijzigdDoor: actor.gebruikerId, gewijzigdOp: new Date() } });
  await schrijfAudit(db, actor, { actie: 'wijzigen', entiteit: 'bewaartermijn', entiteitId: soort, doel: 'beheer', details: { maanden } });
  return (await termijnenVan(db, actor.regioId))[soort];
}

/** What is past its term in one regio on a day: the plan the job carries out (or --dry-run prints). */
export interface Vernietigingsplan {
  regioId: string;
  regio: string;
  vandaag: string;
  termijnen: Record<BewaarSoort, Termijn>;
  dossiers: { clientId: string; pseudoniem: string; einde: string }[];
  /** debts of clients whose dossier is not yet due (those of anonymised dossiers go with them) */
  schulden: { clientId: string; pseudoniem: string; einde: string; aantal: number }[];
  signalen: { signaalId: string; afgesloten: string }[];
  auditRegels: { aantal: number; voor: string };
  sessies: { aantal: number; voor: string };
  meldingen: { aantal: number; voor: string };
}

const laatste = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * The end of a trajectory, or null while it runs: the client is uitgestroomd or uitgevallen (or never had an event
 * that counts), has no running placement and no open proposal; the end is the later of the last event that counts
 * and the last placement's end.
 */
async function eindenVanTrajecten(db: DbOrTx, regioId: string, grens: string) {
  // a necessary condition in SQL (nothing after the grens), the fase from the state machine for the few left
  const kandidaten = await rijen<{ id: string; pseudoniem: string; aangemaakt: string; plaatsing_eind: string | null; schulden: number }>(
    db,
    sql`select c.id, c.pseudoniem, to_char(c.aangemaakt, 'YYYY-MM-DD') as aangemaakt,
        (select to_char(max(p.einddatum), 'YYYY-MM-DD') from plaatsingen p where p.client_id = c.id) as plaatsing_eind,
        (select count(*)::int from schuldregelingen sr where sr.client_id = c.id) as schulden
      from clienten c
      where c.regio_id = ${regioId} and c.geanonimiseerd_op is null
        and c.aangemaakt < (${grens}::date + 1)
        and not exists (select 1 from traject_events e where e.client_id = c.id and e.soort <> 'correctie' and e.datum > ${grens}::date)
        and not exists (select 1 from plaatsingen p where p.client_id = c.id and (p.einddatum is null or p.einddatum > ${grens}::date))
        and not exists (select 1 from match_voorstellen v where v.client_id = c.id and v.status not in ('afgewezen', 'sleuteloverdracht'))
      order by c.pseudoniem`,
  );
  const events = await eventsPerClient(db, kandidaten.map((k) => k.id));
  const uit: { clientId: string; pseudoniem: string; einde: string; schulden: number }[] = [];
  for (const k of kandidaten) {
    const lijst = events.get(k.id) ?? [];
    const fase = toestandVan(lijst).fase;
    if (fase !== 'uitgestroomd' && fase !== 'uitgevallen' && fase !== 'geen') continue;
    const laatsteEvent = geldigeEvents(lijst).at(-1)?.datum ?? k.aangemaakt;
    uit.push({ clientId: k.id, pseudoniem: k.pseudoniem, einde: laatste(laatsteEvent, k.plaatsing_eind)!, schulden: k.schulden });
  }
  return uit;
}

/** Past the regio's term, and past the five years the audit_log trigger (migration 0016) holds on to whatever the clock says. */
const auditTeOud = (voor: string) => sql`tijdstip < ${voor}::date and tijdstip < now() - interval '5 years'`;

export async function maakPlan(db: DbOrTx, regioId: string, vandaag: string): Promise<Vernietigingsplan> {
  const [regio] = await db.select({ naam: s.regios.naam }).from(s.regios).where(eq(s.regios.id, regioId));
  const termijnen = await termijnenVan(db, regioId);
  const grens = (soort: BewaarSoort) => grensdatum(vandaag, termijnen[soort].maanden);
  const dossierGrens = grens('dossier');
  const schuldGrens = grens('schulden');
  const einden = await eindenVanTrajecten(db, regioId, dossierGrens > schuldGrens ? dossierGrens : schuldGrens);
  const dossiers = einden.filter((e) => e.einde <= dossierGrens).map(({ clientId, pseudoniem, einde }) => ({ clientId, pseudoniem, einde }));
  const schulden = einden.filter((e) => e.einde > dossierGrens && e.einde <= schuldGrens && e.schulden > 0).map(({ clientId, pseudoniem, einde, schulden: aantal }) => ({ clientId, pseudoniem, einde, aantal }));
  const signalen = await rijen<{ signaalId: string; afgesloten: string }>(
    db,
    sql`select x.id as "signaalId", to_char(x.afgesloten, 'YYYY-MM-DD') as afgesloten from (
        select sg.id, (select max(st.tijdstip) from signaal_stappen st where st.signaal_id = sg.id) as afgesloten
        from signalen sg where sg.regio_id = ${regioId} and sg.status = 'opgelost') x
      where x.afgesloten < ${grens('signalen')}::date order by x.afgesloten, x.id`,
  );
  const telling = async (q: ReturnType<typeof sql>) => (await rijen<{ aantal: number }>(db, q))[0]!.aantal;
  const auditVoor = grens('audit_log');
  const sessieVoor = grens('sessies');
  const meldingVoor = grens('meldingen');
  return {
    regioId,
    regio: regio?.naam ?? regioId,
    vandaag,
    termijnen,
    dossiers,
    schulden,
    signalen,
    auditRegels: { voor: auditVoor, aantal: await telling(sql`select count(*)::int as aantal from audit_log where regio_id = ${regioId} and ${auditTeOud(auditVoor)}`) },
    sessies: {
      voor: sessieVoor,
      aantal: await telling(sql`select count(*)::int as aantal from sessies se join gebruikers g on g.id = se.gebruiker_id join organisaties o on o.id = g.organisatie_id
        where o.regio_id = ${regioId} and se.verloopt < ${sessieVoor}::date`),
    },
    meldingen: {
      voor: meldingVoor,
      aantal: await telling(sql`select count(*)::int as aantal from meldingen m join organisaties o on o.id = m.organisatie_id where o.regio_id = ${regioId} and m.aangemaakt < ${meldingVoor}::date`),
    },
  };
}

/** The retention job acts for the regio's controller, the centrumgemeente; no person did it, so a nil user id. */
export const SYSTEEM_GEBRUIKER = '00000000-0000-0000-0000-000000000000';

async function systeemActor(db: DbOrTx, regioId: string): Promise<Actor> {
  const [centrum] = await db.select({ id: s.organisaties.id }).from(s.organisaties).where(and(eq(s.organisaties.regioId, regioId), eq(s.organisaties.soort, 'centrumgemeente')));
  return { gebruikerId: SYSTEEM_GEBRUIKER, organisatieId: centrum?.id ?? regioId, regioId, soort: 'centrumgemeente', rol: 'beheerder' };
}

/**
 * Anonymises one dossier: identity, blind index, notes, wishes and every free text about the client go; the
 * pseudonym, birth date, gemeenten and events stay, so the monitor's figures (and a rebuild of them) do not change.
 * Debts and ZRM assessments go with it. Idempotent (geanonimiseerd_op), one transaction with its audit row.
 */
export async function anonimiseerDossier(db: DbOrTx, actor: Actor, d: { clientId: string; einde: string }, termijnMaanden: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const klaar = await tx
      .update(s.clienten)
      .set({ naamVersleuteld: GEANONIMISEERD, bsnVersleuteld: null, bsnHash: null, externId: null, risicoNotitiesVersleuteld: null, woonwensen: null, naamSleutel: null, geanonimiseerdOp: new Date() })
      .where(and(eq(s.clienten.id, d.clientId), sql`${s.clienten.geanonimiseerdOp} is null`))
      .returning({ id: s.clienten.id });
    if (!klaar.length) return false;
    // the blind name index would still let a name (fragment) find this pseudonym
    await tx.execute(sql`delete from client_naam_tokens where client_id = ${d.clientId}`);
    // the append-only triggers let exactly this through: free text set to null, nothing else changed
    await tx.execute(sql`select set_config('doorstroom.anonimiseren', 'aan', true)`);
    await tx.execute(sql`update traject_events set toelichting = null, reden = null where client_id = ${d.clientId} and (toelichting is not null or reden is not null)`);
    await tx.execute(sql`update grondslagen set referentie = null, intrekkingsreden = null where client_id = ${d.clientId} and (referentie is not null or intrekkingsreden is not null)`);
    await tx.execute(sql`select set_config('doorstroom.anonimiseren', 'uit', true)`);
    await tx.update(s.plaatsingen).set({ voorwaarden: null }).where(eq(s.plaatsingen.clientId, d.clientId));
    await tx.update(s.matchVoorstellen).set({ afwijzingsreden: null }).where(eq(s.matchVoorstellen.clientId, d.clientId));
    // the coded outcomes stay for the placement dashboard; the free text next to them goes
    await tx.execute(sql`update voorstel_stappen set toelichting = null where toelichting is not null and voorstel_id in (select id from match_voorstellen where client_id = ${d.clientId})`);
    await tx.update(s.clientParkeringen).set({ toelichting: null, beeindigingsToelichting: null }).where(eq(s.clientParkeringen.clientId, d.clientId));
    const schulden = await tx.delete(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, d.clientId)).returning({ id: s.schuldregelingen.id });
    // ZRM scores and notes are care assessments of the person, not figures the monitor needs: they go entirely
    const zrm = await tx.delete(s.zrmBeoordelingen).where(eq(s.zrmBeoordelingen.clientId, d.clientId)).returning({ id: s.zrmBeoordelingen.id });
    // the begeleiding plan (goals about debts, health, family) likewise; its evaluations go with it (cascade)
    const begeleidingen = await tx.delete(s.begeleidingen).where(eq(s.begeleidingen.clientId, d.clientId)).returning({ id: s.begeleidingen.id });
    await schrijfAudit(tx, actor, { actie: 'vernietigen', entiteit: 'client', entiteitId: d.clientId, doel: 'beheer', details: { soort: 'dossier', einde: d.einde, termijnMaanden, schulden: schulden.length, zrm: zrm.length, begeleidingen: begeleidingen.length } });
    return true;
  });
}

export interface VernietigingResultaat {
  dossiers: number;
  schulden: number;
  signalen: number;
  auditRegels: number;
  sessies: number;
  meldingen: number;
}

/** Carries out a plan, item by item: a crash leaves every finished item done and the rest for the next run. */
export async function voerPlanUit(db: DbOrTx, plan: Vernietigingsplan): Promise<VernietigingResultaat> {
  const actor = await systeemActor(db, plan.regioId);
  const t = plan.termijnen;
  const uit: VernietigingResultaat = { dossiers: 0, schulden: 0, signalen: 0, auditRegels: 0, sessies: 0, meldingen: 0 };
  for (const d of plan.dossiers) if (await anonimiseerDossier(db, actor, d, t.dossier.maanden)) uit.dossiers++;
  for (const sc of plan.schulden) {
    uit.schulden += await db.transaction(async (tx) => {
      const weg = await tx.delete(s.schuldregelingen).where(eq(s.schuldregelingen.clientId, sc.clientId)).returning({ id: s.schuldregelingen.id });
      if (weg.length) await schrijfAudit(tx, actor, { actie: 'vernietigen', entiteit: 'client', entiteitId: sc.clientId, doel: 'beheer', details: { soort: 'schulden', einde: sc.einde, termijnMaanden: t.schulden.maanden, aantal: weg.length } });
      return weg.length;
    });
  }
  for (const sg of plan.signalen) {
    uit.signalen += await db.transaction(async (tx) => {
      await tx.execute(sql`delete from meldingen where sleutel like ${`signaal:${sg.signaalId}:%`} or link = ${signaalLink(sg.signaalId)}`);
      // the app role may not delete steps: an owner's function removes those of a resolved signal (migration 0017)
      await tx.execute(sql`select vernietig_signaalstappen(${sg.signaalId}::uuid)`);
      const weg = await tx.delete(s.signalen).where(and(eq(s.signalen.id, sg.signaalId), eq(s.signalen.status, 'opgelost'))).returning({ id: s.signalen.id });
      if (weg.length) await schrijfAudit(tx, actor, { actie: 'vernietigen', entiteit: 'signaal', entiteitId: sg.signaalId, doel: 'beheer', details: { soort: 'signalen', afgesloten: sg.afgesloten, termijnMaanden: t.signalen.maanden } });
      return weg.length;
    });
  }
  const samen = async (soort: BewaarSoort, entiteit: string, voor: string, opdracht: ReturnType<typeof sql>, vooraf?: ReturnType<typeof sql>) =>
    db.transaction(async (tx) => {
      if (vooraf) await tx.execute(vooraf);
      const aantal = (await rijen<{ aantal: number }>(tx, opdracht))[0]?.aantal ?? 0;
      if (aantal) await schrijfAudit(tx, actor, { actie: 'vernietigen', entiteit: entiteit, entiteitId: null, doel: 'beheer', details: { soort, voor, termijnMaanden: t[soort].maanden, aantal } });
      return aantal;
    });
  if (plan.auditRegels.aantal) {
    uit.auditRegels = await samen(
      'audit_log',
      'audit_log',
      plan.auditRegels.voor,
      // the app role cannot DELETE from audit_log: one owner's function removes only rows past the term and past
      // five years (migration 0017), and the trigger checks the five years again
      sql`select vernietig_oude_auditregels(${plan.regioId}::uuid, ${plan.auditRegels.voor}::date) as aantal`,
    );
  }
  if (plan.sessies.aantal) {
    uit.sessies = await samen(
      'sessies',
      'sessies',
      plan.sessies.voor,
      sql`with weg as (delete from sessies se using gebruikers g, organisaties o where g.id = se.gebruiker_id and o.id = g.organisatie_id
        and o.regio_id = ${plan.regioId} and se.verloopt < ${plan.sessies.voor}::date returning 1) select count(*)::int as aantal from weg`,
    );
  }
  if (plan.meldingen.aantal) {
    uit.meldingen = await samen(
      'meldingen',
      'meldingen',
      plan.meldingen.voor,
      sql`with weg as (delete from meldingen m using organisaties o where o.id = m.organisatie_id and o.regio_id = ${plan.regioId}
        and m.aangemaakt < ${plan.meldingen.voor}::date returning 1) select count(*)::int as aantal from weg`,
    );
  }
  return uit;
}
