import { z } from 'zod';
import { CsvFout, kolomLetter, leesCsvTabel, type CsvRegelFout, type CsvTabel } from './csv.js';
import { BESTEMMINGEN, DOELGROEPEN, elfproef, EVENT_SOORTEN, isGeldigeDatum, NIVEAUS, WOONSITUATIES, type TrajectEvent } from './trajecten.js';
import { datumBezwaar, type DatumSoort } from './datums.js';

/**
 * Import of the two files a regional toegang exports (documented in the README):
 *
 * clienten.csv:     extern_id;naam;bsn;geboortedatum;herkomstgemeente;huidige_gemeente;doelgroep;aanbieder
 * gebeurtenissen.csv: extern_id;soort;datum;niveau;bestemming;urgentie;toelichting[;woonsituatie]
 *   (woonsituatie: woonsituatie vóór aanmelding, only on an aanmelding row; the column may be left out)
 *
 * Gemeenten by CBS code (GM0363) or by name, aanbieders by name. Dates as JJJJ-MM-DD or DD-MM-JJJJ
 * (Excel's Dutch default). Empty optional fields are allowed. Every error carries its line number.
 */

export const CLIENT_KOLOMMEN = ['extern_id', 'naam', 'bsn', 'geboortedatum', 'herkomstgemeente', 'huidige_gemeente', 'doelgroep', 'aanbieder'] as const;
export const EVENT_KOLOMMEN = ['extern_id', 'soort', 'datum', 'niveau', 'bestemming', 'urgentie', 'toelichting', 'woonsituatie'] as const;
export const VERPLICHT_CLIENT = ['extern_id', 'naam', 'geboortedatum', 'herkomstgemeente', 'doelgroep'];
export const VERPLICHT_EVENT = ['extern_id', 'soort', 'datum'];

/** DD-MM-JJJJ → JJJJ-MM-DD; anything else unchanged (not yet checked). */
function naarIso(tekst: string): string {
  const t = tekst.trim();
  const nl = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t);
  return nl ? `${nl[3]}-${nl[2]!.padStart(2, '0')}-${nl[1]!.padStart(2, '0')}` : t;
}

/** DD-MM-JJJJ or JJJJ-MM-DD → JJJJ-MM-DD, or null. */
export function normaliseerDatum(tekst: string): string | null {
  const iso = naarIso(tekst);
  return isGeldigeDatum(iso) ? iso : null;
}

const leegIsNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
/** A date column: JJJJ-MM-DD or DD-MM-JJJJ, within the bounds of its kind (domain/datums). */
const datumVeld = (soort: DatumSoort, vandaag: string) =>
  z.string().transform((v, ctx) => {
    const iso = naarIso(v);
    const bezwaar = datumBezwaar(iso, soort, vandaag);
    if (bezwaar) ctx.addIssue({ code: 'custom', message: `'${v}' ${bezwaar.replace('(JJJJ-MM-DD)', '(JJJJ-MM-DD of DD-MM-JJJJ)')}` });
    return bezwaar ? '' : iso;
  });

const clientRij = (vandaag: string) =>
  z.object({
    extern_id: z.string().min(1, 'extern_id is leeg').max(64),
    naam: z.string().min(2, 'naam is leeg of te kort').max(200),
    bsn: z.preprocess(
      leegIsNull,
      z.string().regex(/^\d{9}$/, 'BSN moet 9 cijfers zijn').refine(elfproef, 'BSN voldoet niet aan de elfproef').nullable(),
    ),
    geboortedatum: datumVeld('geboorte', vandaag),
    herkomstgemeente: z.string().min(1, 'herkomstgemeente is leeg'),
    huidige_gemeente: z.preprocess(leegIsNull, z.string().nullable()),
    doelgroep: z.enum(DOELGROEPEN, { message: `doelgroep moet een van ${DOELGROEPEN.join(', ')} zijn` }),
    aanbieder: z.preprocess(leegIsNull, z.string().nullable()),
  });
export type ClientImportRij = z.infer<ReturnType<typeof clientRij>> & { regel: number };

const eventRij = (vandaag: string) =>
  z.object({
    extern_id: z.string().min(1, 'extern_id is leeg'),
    soort: z.enum(EVENT_SOORTEN, { message: `soort moet een van ${EVENT_SOORTEN.join(', ')} zijn` }),
    datum: datumVeld('gebeurtenis', vandaag),
    niveau: z.preprocess(leegIsNull, z.enum(NIVEAUS, { message: `niveau moet een van ${NIVEAUS.join(', ')} zijn` }).nullable()),
    bestemming: z.preprocess(leegIsNull, z.enum(BESTEMMINGEN, { message: `bestemming moet een van ${BESTEMMINGEN.join(', ')} zijn` }).nullable()),
    urgentie: z.preprocess(leegIsNull, z.coerce.number().int('urgentie moet een geheel getal zijn').min(0).max(3, 'urgentie moet 0–3 zijn').nullable()),
    toelichting: z.preprocess(leegIsNull, z.string().max(2000).nullable()),
    woonsituatie: z.preprocess(leegIsNull, z.enum(WOONSITUATIES, { message: `woonsituatie (vóór aanmelding) moet een van ${WOONSITUATIES.join(', ')} zijn` }).nullable()),
  });
export type EventImportRij = TrajectEvent & { regel: number; externId: string; toelichting: string | null };

function valideerRijen<T extends z.ZodType>(tabel: CsvTabel, schema: T, optioneel: readonly string[]) {
  const fouten: CsvRegelFout[] = [...tabel.fouten];
  const rijen: (z.infer<T> & { regel: number })[] = [];
  for (const { regel, velden } of tabel.rijen) {
    const compleet = { ...Object.fromEntries(optioneel.map((k) => [k, ''])), ...velden };
    const r = schema.safeParse(compleet);
    if (r.success) rijen.push({ ...(r.data as object), regel } as z.infer<T> & { regel: number });
    else
      fouten.push(
        ...r.error.issues.map((i) => {
          const kolom = typeof i.path[0] === 'string' ? i.path[0] : undefined;
          const positie = kolom ? tabel.kolommen.indexOf(kolom) : -1;
          // the message names the column already ("naam is leeg"); otherwise it gets the column's name in front
          const melding = !kolom || i.message.toLowerCase().startsWith(kolom.replace('_', ' ')) ? i.message : `${kolom} ${i.message}`;
          return { regel, melding, ...(kolom ? { kolom, ...(positie >= 0 ? { kolomLetter: kolomLetter(positie) } : {}) } : {}) };
        }),
      );
  }
  return { rijen, fouten, kolommen: tabel.kolommen };
}

/** The column's name and spreadsheet letter in this file, for an error in that field. */
export function kolomVan(kolommen: readonly string[], kolom: string): { kolom: string; kolomLetter?: string } {
  const i = kolommen.indexOf(kolom);
  return i >= 0 ? { kolom, kolomLetter: kolomLetter(i) } : { kolom };
}

/** `vandaag` bounds the dates: no birth date in the future, no event more than a year ahead. */
export function parseClientenCsv(tekst: string, vandaag: string): { rijen: ClientImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] } {
  return parseClientenTabel(leesCsvTabel(tekst, VERPLICHT_CLIENT), vandaag);
}

/** The rows of a table (a CSV file or an Excel sheet) with the columns of clienten.csv. */
export function parseClientenTabel(tabel: CsvTabel, vandaag: string): { rijen: ClientImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] } {
  const { rijen, fouten, kolommen } = valideerRijen(tabel, clientRij(vandaag), CLIENT_KOLOMMEN);
  const gezien = new Map<string, number>();
  for (const r of rijen) {
    const eerder = gezien.get(r.extern_id);
    if (eerder) fouten.push({ regel: r.regel, ...kolomVan(kolommen, 'extern_id'), melding: `extern_id ${r.extern_id} staat ook op regel ${eerder}` });
    else gezien.set(r.extern_id, r.regel);
  }
  return { rijen, fouten, kolommen };
}

export function parseEventsCsv(tekst: string, vandaag: string): { rijen: EventImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] } {
  return parseEventsTabel(leesCsvTabel(tekst, VERPLICHT_EVENT), vandaag);
}

/** The rows of a table (a CSV file or an Excel sheet) with the columns of gebeurtenissen.csv. */
export function parseEventsTabel(tabel: CsvTabel, vandaag: string): { rijen: EventImportRij[]; fouten: CsvRegelFout[]; kolommen: string[] } {
  const { rijen, fouten, kolommen } = valideerRijen(tabel, eventRij(vandaag), EVENT_KOLOMMEN);
  return {
    fouten,
    kolommen,
    rijen: rijen.map((r) => ({
      regel: r.regel,
      externId: r.extern_id,
      soort: r.soort,
      datum: r.datum,
      niveau: r.niveau,
      bestemming: r.bestemming,
      urgentie: r.urgentie,
      toelichting: r.toelichting,
      woonsituatie: r.woonsituatie,
    })),
  };
}

/** Events per client in file order, stable-sorted by date: the order in which they are applied. */
export function groepeerEvents(rijen: EventImportRij[]): Map<string, EventImportRij[]> {
  const per = new Map<string, EventImportRij[]>();
  for (const r of rijen) {
    const lijst = per.get(r.externId);
    if (lijst) lijst.push(r);
    else per.set(r.externId, [r]);
  }
  for (const lijst of per.values()) lijst.sort((a, b) => a.datum.localeCompare(b.datum));
  return per;
}

export { CsvFout };
