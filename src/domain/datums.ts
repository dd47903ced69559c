/**
 * The bounds every date a user types must respect. Without them year 0000 reached PostgreSQL (which has no
 * year 0: a 500), and one event dated 9999-12-31 blocked a timeline for ever (later events must not precede
 * it). One rule per kind of date:
 * - every date: a real calendar day (JJJJ-MM-DD), not before 1900-01-01;
 * - a birth date: not in the future;
 * - an event (trajectory event, start or end of a placement, availability of a home): at most one year after today;
 * - a planned date (the omklap of a lease, the end of a proefhuur): at most ten years after today;
 * - a filter (monitor, audit log): not after 2100-12-31, so a query over "everything" still ends.
 * "Today" is passed in: the API's context and the CLI give the server's date, tests a fixed one.
 */
export const EERSTE_DATUM = '1900-01-01';
export const LAATSTE_FILTERDATUM = '2100-12-31';

export type DatumSoort = 'geboorte' | 'gebeurtenis' | 'plan' | 'filter';

const ISO_DATUM = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in JJJJ-MM-DD, from 1900 on. */
export function isGeldigeDatum(datum: string): boolean {
  if (!ISO_DATUM.test(datum) || datum < EERSTE_DATUM) return false;
  const d = new Date(`${datum}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === datum;
}

/** The same calendar day `jaren` later (29 February → 28 February). */
export function plusJaar(datum: string, jaren = 1): string {
  const [j, m, d] = datum.split('-') as [string, string, string];
  const kandidaat = `${String(Number(j) + jaren).padStart(4, '0')}-${m}-${d}`;
  return isGeldigeDatum(kandidaat) ? kandidaat : `${String(Number(j) + jaren).padStart(4, '0')}-${m}-28`;
}

/** Why `datum` is not acceptable as a date of this kind (a phrase to put after the field's label), or null. */
export function datumBezwaar(datum: string, soort: DatumSoort, vandaag: string): string | null {
  if (!ISO_DATUM.test(datum)) return 'is geen geldige datum (JJJJ-MM-DD)';
  if (datum < EERSTE_DATUM) return 'ligt vóór 1900';
  if (!isGeldigeDatum(datum)) return 'is geen geldige datum (JJJJ-MM-DD)';
  if (soort === 'geboorte' && datum > vandaag) return 'ligt in de toekomst';
  if (soort === 'gebeurtenis' && datum > plusJaar(vandaag)) return 'ligt meer dan een jaar in de toekomst';
  if (soort === 'plan' && datum > plusJaar(vandaag, 10)) return 'ligt meer dan tien jaar in de toekomst';
  if (soort === 'filter' && datum > LAATSTE_FILTERDATUM) return 'ligt na 2100';
  return null;
}

/** Today's date in the Netherlands (the server may run in UTC; around midnight that is another day). */
export function vandaagInNederland(nu = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(nu);
}

/**
 * JJJJ-MM-DD as the interface writes a day: 2-12-2026. One function for the texts the server composes ("geparkeerd
 * tot …") and for the web app, so both write a day alike. A timestamp counts by its date part; no date is "—".
 */
export function nlDatum(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [jaar, maand, dag] = iso.slice(0, 10).split('-');
  return `${Number(dag)}-${Number(maand)}-${jaar}`;
}
