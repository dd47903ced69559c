import { z } from 'zod';
import { datumBezwaar, EERSTE_DATUM, isGeldigeDatum, vandaagInNederland, type DatumSoort } from '../domain/datums.js';

/**
 * The one date schema of the API (JJJJ-MM-DD, bounds per kind in domain/datums). An out-of-bounds date is a
 * 422 whose message reads as the form labels the field: "Geboortedatum ligt in de toekomst" (see api/fouten).
 * "Today" is the server's date in the Netherlands.
 */
export function datumVan(soort: DatumSoort) {
  return z.string().superRefine((waarde, ctx) => {
    const bezwaar = datumBezwaar(waarde, soort, vandaagInNederland());
    // a malformed value is a 400 like any schema error; a real date outside the bounds is a 422
    const buitenGrens = isGeldigeDatum(waarde) || (/^\d{4}-\d{2}-\d{2}$/.test(waarde) && waarde < EERSTE_DATUM);
    if (bezwaar) ctx.addIssue({ code: 'custom', message: bezwaar, params: { soort: buitenGrens ? 'ongeldig' : 'vorm', zin: true } });
  });
}

export const geboortedatum = datumVan('geboorte');
export const gebeurtenisdatum = datumVan('gebeurtenis');
export const plandatum = datumVan('plan');
export const filterdatum = datumVan('filter');

/** A filter on a moment (audit log): a date or an ISO timestamp within the filter bounds, as a Date. */
export const filtertijdstip = z
  .string()
  .superRefine((waarde, ctx) => {
    const bezwaar = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(waarde) && !Number.isNaN(new Date(waarde).getTime())
      ? datumBezwaar(waarde.slice(0, 10), 'filter', vandaagInNederland())
      : 'is geen geldige datum of tijd (JJJJ-MM-DD of JJJJ-MM-DDTuu:mm)';
    if (bezwaar) ctx.addIssue({ code: 'custom', message: bezwaar, params: { soort: 'ongeldig', zin: true } });
  })
  .transform((w) => new Date(w));
