import { and, asc, eq, inArray } from 'drizzle-orm';
import { analyseer, type DbOrTx } from '../client.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import { magClientZien, type Actor } from '../../domain/auth.js';
import { groepeerEvents, kolomVan, parseClientenCsv, parseClientenTabel, parseEventsCsv, parseEventsTabel, VERPLICHT_CLIENT, VERPLICHT_EVENT, type ClientImportRij, type EventImportRij } from '../../domain/importeren.js';
import type { CsvRegelFout, ImportResultaat } from '../../domain/csv.js';
import { leesXlsx, vereisKolommen } from '../../domain/xlsx-import.js';
import { pasToe, TrajectFout } from '../../domain/trajecten.js';
import { schrijfAudit } from './audit.js';
import { eventRij, nieuwPseudoniem, toestandVan } from './clienten.js';
import { herberekenIntervallen } from './intervallen.js';
import { schrijfNaamIndex } from './naamindex.js';
import { DomeinFout } from '../../domain/fouten.js';
import { vandaagInNederland } from '../../domain/datums.js';

export interface ImportFoutRegel {
  bestand: 'clienten' | 'gebeurtenissen';
  regel: number;
  /** the column (lower-case name) and its spreadsheet letter, where the error is about one field */
  kolom?: string;
  kolomLetter?: string;
  melding: string;
  /** Excel import: the sheet */
  blad?: string;
}

/** One error as a person reads it (domain/csv, shared with the web app). */
export { importFoutTekst } from '../../domain/csv.js';

/** Thrown with every problem found; the transaction is rolled back, so nothing of the file lands. */
export class ImportFout extends DomeinFout {
  readonly fouten: ImportFoutRegel[];
  constructor(fouten: ImportFoutRegel[]) {
    const gesorteerd = [...fouten].sort((a, b) => a.bestand.localeCompare(b.bestand) || a.regel - b.regel);
    super('ongeldig', `Import geweigerd: ${fouten.length} fout(en); er is niets opgeslagen`, gesorteerd);
    this.fouten = gesorteerd;
  }
}

export type ImportVoortgang = (klaar: number, totaal: number) => void;

/**
 * Imports a toegang export: new clients and their events, all or nothing. Re-importing the same
 * export is harmless: known extern_ids and events already recorded (same soort and datum) are skipped.
 */
export async function importeer(
  db: DbOrTx,
  actor: Actor,
  v: Versleuteling,
  bestanden: { clienten?: string; gebeurtenissen?: string },
  voortgang?: ImportVoortgang,
): Promise<ImportResultaat> {
  // bounds for the dates in the files: no birth date in the future, no event more than a year ahead
  const vandaag = vandaagInNederland();
  const clienten = bestanden.clienten ? parseClientenCsv(bestanden.clienten, vandaag) : { rijen: [], fouten: [], kolommen: [] };
  const events = bestanden.gebeurtenissen ? parseEventsCsv(bestanden.gebeurtenissen, vandaag) : { rijen: [], fouten: [], kolommen: [] };
  return naImport(db, await importeerRijen(db, actor, v, clienten, events, (f) => f, voortgang));
}

/** At least this many new rows and an import refreshes the planner statistics (PGlite has no autovacuum). */
export const ANALYSE_VANAF_RIJEN = 200;

export async function naImport<R extends { clientenNieuw: number; gebeurtenissenNieuw: number }>(db: DbOrTx, r: R): Promise<R> {
  if (r.clientenNieuw + r.gebeurtenissenNieuw >= ANALYSE_VANAF_RIJEN) await analyseer(db);
  return r;
}

/** Sheet names the Excel import recognises (case-insensitive): one for the clients, one for the events. */
const BLADEN = { clienten: /^cli[eë]nten$/i, gebeurtenissen: /^gebeurtenissen$/i };

/**
 * The same import from an Excel workbook with a sheet `clienten` and/or a sheet `gebeurtenissen` (the columns of the
 * CSV files); other sheets are ignored. Every error names the sheet, the row and the column.
 */
export async function importeerXlsx(db: DbOrTx, actor: Actor, v: Versleuteling, bytes: Uint8Array, voortgang?: ImportVoortgang): Promise<ImportResultaat> {
  const vandaag = vandaagInNederland();
  const bladen = await leesXlsx(bytes, { opvullen: { bsn: 9 } });
  const clientBlad = bladen.find((b) => BLADEN.clienten.test(b.naam.trim()));
  const eventBlad = bladen.find((b) => BLADEN.gebeurtenissen.test(b.naam.trim()));
  if (!clientBlad && !eventBlad) {
    throw new DomeinFout('ongeldig', `Het werkboek heeft geen blad 'clienten' of 'gebeurtenissen' (gevonden: ${bladen.map((b) => `'${b.naam}'`).join(', ') || 'geen bladen'})`);
  }
  const clienten = clientBlad ? parseClientenTabel(vereisKolommen(clientBlad.tabel, VERPLICHT_CLIENT), vandaag) : { rijen: [], fouten: [], kolommen: [] };
  const events = eventBlad ? parseEventsTabel(vereisKolommen(eventBlad.tabel, VERPLICHT_EVENT), vandaag) : { rijen: [], fouten: [], kolommen: [] };
  const opBlad = (f: ImportFoutRegel): ImportFoutRegel => {
    const blad = f.bestand === 'clienten' ? clientBlad! : eventBlad!;
    return { ...f, blad: blad.naam, kolomLetter: f.kolom ? blad.letters.get(f.kolom) : undefined };
  };
  return naImport(db, await importeerRijen(db, actor, v, clienten, events, opBlad, voortgang));
}

async function importeerRijen(
  db: DbOrTx,
  actor: Actor,
  v: Versleuteling,
  clienten: { rijen: ClientImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] },
  events: { rijen: EventImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] },
  plaats: (f: ImportFoutRegel) => ImportFoutRegel,
  voortgang?: ImportVoortgang,
): Promise<ImportResultaat> {
  const fouten: ImportFoutRegel[] = [
    ...clienten.fouten.map((f) => ({ bestand: 'clienten' as const, ...f })),
    ...events.fouten.map((f) => ({ bestand: 'gebeurtenissen' as const, ...f })),
  ];
  const weiger = () => new ImportFout(fouten.map(plaats));
  if (fouten.length) throw weiger();

  return db.transaction(async (tx) => {
    const orgs = await tx.select().from(s.organisaties).where(eq(s.organisaties.regioId, actor.regioId));
    const zoek = (tekst: string, soorten: string[]) => {
      const t = tekst.trim().toLowerCase();
      return orgs.find((o) => soorten.includes(o.soort) && (o.naam.toLowerCase() === t || o.gemeenteCode?.toLowerCase() === t));
    };
    const gemeenteSoorten = ['centrumgemeente', 'regiogemeente'];

    const externIds = [...new Set([...clienten.rijen.map((r) => r.extern_id), ...events.rijen.map((r) => r.externId)])];
    const bestaand = new Map<string, typeof s.clienten.$inferSelect>();
    for (let i = 0; i < externIds.length; i += 2000) {
      const rijen = await tx
        .select()
        .from(s.clienten)
        .where(and(eq(s.clienten.regioId, actor.regioId), inArray(s.clienten.externId, externIds.slice(i, i + 2000))));
      for (const c of rijen) bestaand.set(c.externId!, c);
    }

    const nieuw: (typeof s.clienten.$inferInsert)[] = [];
    const namen = new Map<string, string>();
    for (const r of clienten.rijen) {
      const herkomst = zoek(r.herkomstgemeente, gemeenteSoorten);
      const huidige = r.huidige_gemeente ? zoek(r.huidige_gemeente, gemeenteSoorten) : herkomst;
      const aanbieder = r.aanbieder ? zoek(r.aanbieder, ['aanbieder']) : undefined;
      const fout = (melding: string, kolom?: string) => fouten.push({ bestand: 'clienten', regel: r.regel, ...(kolom ? kolomVan(clienten.kolommen, kolom) : {}), melding });
      if (!herkomst) { fout(`herkomstgemeente '${r.herkomstgemeente}' is geen gemeente in deze regio`, 'herkomstgemeente'); continue; }
      if (!huidige) { fout(`huidige_gemeente '${r.huidige_gemeente}' is geen gemeente in deze regio`, 'huidige_gemeente'); continue; }
      if (r.aanbieder && !aanbieder) { fout(`aanbieder '${r.aanbieder}' is geen aanbieder in deze regio`, 'aanbieder'); continue; }
      const aanbiederId = aanbieder?.id ?? (actor.soort === 'aanbieder' ? actor.organisatieId : null);
      const sleutels = { regioId: actor.regioId, herkomstgemeenteId: herkomst.id, huidigeGemeenteId: huidige.id, aanbiederId };
      if (!magClientZien(actor, sleutels)) { fout('cliënt valt buiten het zicht van uw organisatie'); continue; }
      const eerder = bestaand.get(r.extern_id);
      if (eerder) {
        if (eerder.herkomstgemeenteId !== herkomst.id) fout(`extern_id ${r.extern_id} bestaat al met een andere herkomstgemeente`, 'herkomstgemeente');
        continue;
      }
      namen.set(r.extern_id, r.naam);
      nieuw.push({
        ...sleutels,
        pseudoniem: nieuwPseudoniem(),
        externId: r.extern_id,
        naamVersleuteld: v.versleutel(r.naam),
        bsnVersleuteld: r.bsn ? v.versleutel(r.bsn) : null,
        bsnHash: r.bsn ? v.zoekHash(r.bsn) : null,
        geboortedatum: r.geboortedatum,
        doelgroep: r.doelgroep,
      });
    }
    if (fouten.length) throw weiger();
    for (let i = 0; i < nieuw.length; i += 500) {
      const rijen = await tx.insert(s.clienten).values(nieuw.slice(i, i + 500)).returning();
      for (const c of rijen) bestaand.set(c.externId!, c);
      await schrijfNaamIndex(tx, rijen.map((c) => ({ clientId: c.id, naam: namen.get(c.externId!)! })), v);
    }

    const perClient = groepeerEvents(events.rijen);
    let klaar = 0;
    let gebeurtenissenNieuw = 0;
    let gebeurtenissenAlAanwezig = 0;
    const eventRijen: (typeof s.trajectEvents.$inferInsert)[] = [];
    for (const [externId, lijst] of perClient) {
      const client = bestaand.get(externId);
      voortgang?.(++klaar, perClient.size);
      if (!client || !magClientZien(actor, client)) {
        fouten.push({ bestand: 'gebeurtenissen', regel: lijst[0]!.regel, kolom: 'extern_id', melding: `onbekende cliënt extern_id ${externId} (niet in clienten.csv en niet in de database)` });
        continue;
      }
      const vorige = await tx
        .select()
        .from(s.trajectEvents)
        .where(eq(s.trajectEvents.clientId, client.id))
        .orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
      const alAanwezig = new Set(vorige.map((e) => `${e.soort}|${e.datum}`));
      let toestand = toestandVan(vorige);
      for (const e of lijst) {
        if (alAanwezig.has(`${e.soort}|${e.datum}`)) {
          gebeurtenissenAlAanwezig++;
          continue;
        }
        try {
          toestand = pasToe(toestand, e);
        } catch (err) {
          if (!(err instanceof TrajectFout)) throw err;
          fouten.push({ bestand: 'gebeurtenissen', regel: e.regel, melding: `${externId}: ${err.message}` });
          break;
        }
        gebeurtenissenNieuw++;
        eventRijen.push(eventRij(client, e, actor));
      }
      if (toestand.urgentie !== client.urgentie) await tx.update(s.clienten).set({ urgentie: toestand.urgentie }).where(eq(s.clienten.id, client.id));
    }
    if (fouten.length) throw weiger();
    for (let i = 0; i < eventRijen.length; i += 500) await tx.insert(s.trajectEvents).values(eventRijen.slice(i, i + 500));
    await herberekenIntervallen(tx, eventRijen.map((e) => e.clientId));

    const resultaat = { clientenNieuw: nieuw.length, clientenBestaand: clienten.rijen.length - nieuw.length, gebeurtenissenNieuw, gebeurtenissenAlAanwezig };
    await schrijfAudit(tx, actor, { actie: 'importeren', entiteit: 'client', doel: 'toegang_beoordeling', details: resultaat });
    return resultaat;
  });
}
