import { createHash } from 'node:crypto';
import { and, arrayContains, asc, count, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Actor } from '../../domain/auth.js';
import type { AuditActie, AuditResultaat, Doel, Herkomst } from '../../domain/audit.js';

export type { AuditActie } from '../../domain/audit.js';

/** Who acted: an Actor, or only the ids when there is no session yet (a failed login of a known account). */
export type AuditWie = Pick<Actor, 'gebruikerId' | 'organisatieId' | 'regioId'> & { herkomst?: Herkomst };

export interface AuditInvoer {
  actie: AuditActie;
  entiteit: string;
  entiteitId?: string | null;
  doel: Doel;
  resultaat?: AuditResultaat;
  /** the clients this act showed or changed */
  pseudoniemen?: readonly string[];
  details?: unknown;
  /** overrides the actor's herkomst (a login has no actor yet) */
  herkomst?: Herkomst;
}

const kort = (tekst: string | null | undefined, max: number) => (tekst ? tekst.slice(0, max) : null);

/** The values of one audit row; volgnr and hash are set by the chain trigger. */
export function auditWaarden(wie: AuditWie | null, r: AuditInvoer) {
  const herkomst = r.herkomst ?? wie?.herkomst;
  return {
    gebruikerId: wie?.gebruikerId ?? null,
    organisatieId: wie?.organisatieId ?? null,
    regioId: wie?.regioId ?? null,
    actie: r.actie,
    entiteit: r.entiteit,
    entiteitId: kort(r.entiteitId, 200),
    details: r.details ?? null,
    doel: r.doel,
    resultaat: r.resultaat ?? 'toegestaan',
    ip: kort(herkomst?.ip, 64),
    userAgent: kort(herkomst?.agent, 300),
    uitvoerder: kort(herkomst?.uitvoerder, 200),
    pseudoniemen: r.pseudoniemen?.length ? [...new Set(r.pseudoniemen)] : null,
  };
}
export type AuditWaarden = ReturnType<typeof auditWaarden>;

export async function schrijfAudit(db: DbOrTx, wie: AuditWie | null, r: AuditInvoer) {
  await db.insert(s.auditLog).values(auditWaarden(wie, r));
}

export type AuditSortering = 'nieuwste' | 'oudste';
/** Columns of the audit page that sort in SQL; ties fall back to time (newest first) so paging stays stable. */
export const AUDIT_SORTEER = ['tijdstip', 'gebruiker', 'organisatie', 'actie', 'resultaat'] as const;
export type AuditSorteer = (typeof AUDIT_SORTEER)[number];

export interface AuditFilter {
  /** a client: rows that showed or changed it */
  pseudoniem?: string;
  /** e-mail address of the user */
  gebruiker?: string;
  organisatieId?: string;
  actie?: AuditActie;
  doel?: Doel;
  resultaat?: AuditResultaat;
  entiteitId?: string;
  van?: Date;
  tot?: Date;
  sortering?: AuditSortering;
  /** a column to sort on (overrides `sortering`), ascending ('op') or descending ('af') */
  sorteer?: AuditSorteer;
  richting?: 'op' | 'af';
  limiet: number;
  offset: number;
}

/** Rows that showed or changed one client: by pseudonym, or (dossier reads and changes) by the client's id. */
function overClient(pseudoniem: string, clientId: string | null): SQL {
  const opPseudoniem = arrayContains(s.auditLog.pseudoniemen, [pseudoniem]);
  if (!clientId) return opPseudoniem;
  return or(opPseudoniem, and(eq(s.auditLog.entiteit, 'client'), eq(s.auditLog.entiteitId, clientId)))!;
}

export async function clientInRegio(db: DbOrTx, regioId: string, pseudoniem: string) {
  const [c] = await db
    .select({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem })
    .from(s.clienten)
    .where(and(eq(s.clienten.regioId, regioId), eq(s.clienten.pseudoniem, pseudoniem)));
  return c ?? null;
}

const regelVelden = {
  id: s.auditLog.id,
  volgnr: s.auditLog.volgnr,
  tijdstip: s.auditLog.tijdstip,
  actie: s.auditLog.actie,
  entiteit: s.auditLog.entiteit,
  entiteitId: s.auditLog.entiteitId,
  details: s.auditLog.details,
  doel: s.auditLog.doel,
  doelNaam: s.verwerkingsactiviteiten.naam,
  grondslag: s.verwerkingsactiviteiten.grondslag,
  resultaat: s.auditLog.resultaat,
  ip: s.auditLog.ip,
  userAgent: s.auditLog.userAgent,
  uitvoerder: s.auditLog.uitvoerder,
  /** at most ten; aantalClienten says how many there were */
  pseudoniemen: sql<string[] | null>`${s.auditLog.pseudoniemen}[1:10]`,
  aantalClienten: sql<number>`coalesce(cardinality(${s.auditLog.pseudoniemen}), 0)`.mapWith(Number),
  gebruiker: s.gebruikers.naam,
  gebruikerEmail: s.gebruikers.email,
  gebruikerRol: s.gebruikers.rol,
  organisatie: s.organisaties.naam,
};

/**
 * Only ever scoped to one regio: the centrumgemeente's beheerder sees its own region's trail. Filtered, sorted
 * and paged in SQL, with the total. An unknown pseudonym matches nothing.
 */
export async function zoekAudit(db: DbOrTx, regioId: string, f: AuditFilter) {
  const voorwaarden: SQL[] = [eq(s.auditLog.regioId, regioId)];
  if (f.pseudoniem) {
    const client = await clientInRegio(db, regioId, f.pseudoniem);
    voorwaarden.push(overClient(f.pseudoniem, client?.id ?? null));
  }
  if (f.gebruiker) {
    voorwaarden.push(sql`${s.auditLog.gebruikerId} in (select ${s.gebruikers.id} from ${s.gebruikers} where ${s.gebruikers.email} = ${f.gebruiker.toLowerCase()})`);
  }
  if (f.organisatieId) voorwaarden.push(eq(s.auditLog.organisatieId, f.organisatieId));
  if (f.actie) voorwaarden.push(eq(s.auditLog.actie, f.actie));
  if (f.doel) voorwaarden.push(eq(s.auditLog.doel, f.doel));
  if (f.resultaat) voorwaarden.push(eq(s.auditLog.resultaat, f.resultaat));
  if (f.entiteitId) voorwaarden.push(eq(s.auditLog.entiteitId, f.entiteitId));
  if (f.van) voorwaarden.push(gte(s.auditLog.tijdstip, f.van));
  if (f.tot) voorwaarden.push(lt(s.auditLog.tijdstip, f.tot));
  const waar = and(...voorwaarden);
  const kolom = { tijdstip: s.auditLog.tijdstip, gebruiker: s.gebruikers.naam, organisatie: s.organisaties.naam, actie: s.auditLog.actie, resultaat: s.auditLog.resultaat };
  const richting = f.sorteer ? (f.richting === 'af' ? desc : asc) : f.sortering === 'oudste' ? asc : desc;
  const volgorde =
    f.sorteer && f.sorteer !== 'tijdstip'
      ? [richting(kolom[f.sorteer]), desc(s.auditLog.tijdstip), desc(s.auditLog.id)]
      : [richting(s.auditLog.tijdstip), richting(s.auditLog.id)];
  const [regels, [totaal]] = await Promise.all([
    db
      .select(regelVelden)
      .from(s.auditLog)
      .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.auditLog.gebruikerId))
      .leftJoin(s.organisaties, eq(s.organisaties.id, s.auditLog.organisatieId))
      .leftJoin(s.verwerkingsactiviteiten, eq(s.verwerkingsactiviteiten.code, s.auditLog.doel))
      .where(waar)
      .orderBy(...volgorde)
      .limit(f.limiet)
      .offset(f.offset),
    db.select({ n: count() }).from(s.auditLog).where(waar),
  ]);
  return { totaal: totaal?.n ?? 0, regels };
}

/** Above this a "who saw this dossier" export asks for a shorter period instead of growing without bound. */
export const INZAGE_MAX_REGELS = 20_000;

/**
 * "Who saw this dossier": every logged act on one client, oldest first, as a client may be given it: who
 * (name, role, organisation), when, on whose behalf, with which purpose and result. Addresses and user agents
 * stay out: they are the employees' data, not the client's.
 */
export async function inzageVoorClient(db: DbOrTx, regioId: string, pseudoniem: string, periode: { van?: Date; tot?: Date } = {}) {
  const client = await clientInRegio(db, regioId, pseudoniem);
  if (!client) return null;
  const voorwaarden: SQL[] = [eq(s.auditLog.regioId, regioId), overClient(client.pseudoniem, client.id)];
  if (periode.van) voorwaarden.push(gte(s.auditLog.tijdstip, periode.van));
  if (periode.tot) voorwaarden.push(lt(s.auditLog.tijdstip, periode.tot));
  const regels = await db
    .select({
      tijdstip: s.auditLog.tijdstip,
      actie: s.auditLog.actie,
      entiteit: s.auditLog.entiteit,
      resultaat: s.auditLog.resultaat,
      doel: s.auditLog.doel,
      doelNaam: s.verwerkingsactiviteiten.naam,
      grondslag: s.verwerkingsactiviteiten.grondslag,
      uitvoerder: s.auditLog.uitvoerder,
      automatisch: sql<boolean>`${s.auditLog.userAgent} = 'planner'`,
      gebruiker: s.gebruikers.naam,
      gebruikerRol: s.gebruikers.rol,
      organisatie: s.organisaties.naam,
    })
    .from(s.auditLog)
    .leftJoin(s.gebruikers, eq(s.gebruikers.id, s.auditLog.gebruikerId))
    .leftJoin(s.organisaties, eq(s.organisaties.id, s.auditLog.organisatieId))
    .leftJoin(s.verwerkingsactiviteiten, eq(s.verwerkingsactiviteiten.code, s.auditLog.doel))
    .where(and(...voorwaarden))
    .orderBy(asc(s.auditLog.tijdstip), asc(s.auditLog.id))
    .limit(INZAGE_MAX_REGELS + 1);
  return { pseudoniem: client.pseudoniem, volledig: regels.length <= INZAGE_MAX_REGELS, regels: regels.slice(0, INZAGE_MAX_REGELS) };
}

// ------------------------------------------------------------ hash chain

export interface KetenBreuk {
  volgnr: number;
  id: number;
  tijdstip: Date | null;
  reden: string;
}

export interface KetenUitslag {
  aantal: number;
  /** volgnr and hash of the last row: write these down elsewhere to notice a rewrite of the whole chain later */
  kop: { volgnr: number; hash: string } | null;
  breuk: KetenBreuk | null;
}

/**
 * Walks the chain in volgnr order and recomputes every hash in Node: sha256(previous hash || audit_log_inhoud(row)).
 * A changed row breaks its own hash; a removed row leaves a gap in volgnr; a forged row inserted past the trigger
 * has a hash that does not follow from its predecessor. Reports the first break.
 */
export async function controleerKeten(db: DbOrTx, voortgang?: (klaar: number, totaal: number) => void, batch = 2000): Promise<KetenUitslag> {
  const [{ n: totaal } = { n: 0 }] = await db.select({ n: count() }).from(s.auditLog);
  let vorige = Buffer.alloc(0);
  let verwacht = 1;
  let klaar = 0;
  let kop: KetenUitslag['kop'] = null;
  for (;;) {
    const rijen = await db
      .select({
        id: s.auditLog.id,
        volgnr: s.auditLog.volgnr,
        tijdstip: s.auditLog.tijdstip,
        hash: sql<string>`encode(${s.auditLog.hash}, 'base64')`,
        inhoud: sql<string>`encode(audit_log_inhoud(${s.auditLog}), 'base64')`,
      })
      .from(s.auditLog)
      .where(gt(s.auditLog.volgnr, verwacht - 1))
      .orderBy(asc(s.auditLog.volgnr))
      .limit(batch);
    for (const r of rijen) {
      if (r.volgnr !== verwacht) {
        return { aantal: klaar, kop, breuk: { volgnr: r.volgnr, id: r.id, tijdstip: r.tijdstip, reden: `volgnummer ${verwacht}${r.volgnr > verwacht + 1 ? `–${r.volgnr - 1}` : ''} ontbreekt (regel verwijderd)` } };
      }
      const hash = createHash('sha256').update(vorige).update(Buffer.from(r.inhoud, 'base64')).digest();
      if (!hash.equals(Buffer.from(r.hash, 'base64'))) {
        return { aantal: klaar, kop, breuk: { volgnr: r.volgnr, id: r.id, tijdstip: r.tijdstip, reden: 'inhoud klopt niet met de hash (regel gewijzigd of ingevoegd buiten de trigger om)' } };
      }
      vorige = hash;
      verwacht++;
      klaar++;
      kop = { volgnr: r.volgnr, hash: hash.toString('hex') };
    }
    voortgang?.(klaar, Number(totaal));
    if (rijen.length < batch) break;
  }
  if (klaar !== Number(totaal)) {
    const [los] = await db.select({ id: s.auditLog.id, volgnr: s.auditLog.volgnr, tijdstip: s.auditLog.tijdstip }).from(s.auditLog).where(lt(s.auditLog.volgnr, 1)).limit(1);
    return { aantal: klaar, kop, breuk: { volgnr: los?.volgnr ?? 0, id: los?.id ?? 0, tijdstip: los?.tijdstip ?? null, reden: `${Number(totaal) - klaar} regel(s) buiten de keten (volgnummer kleiner dan 1)` } };
  }
  return { aantal: klaar, kop, breuk: null };
}
