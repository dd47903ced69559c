/**
 * Data quality (issue 15): how late events are registered, after the HUD data-quality reports' timeliness buckets.
 * Lateness = the Dutch calendar day of registration minus the event's date; an event registered before its date
 * (planned ahead) counts as on time.
 */
export const LAATHEID_KLASSEN = [
  { sleutel: 'dag0', label: 'Zelfde dag', van: 0, tot: 0 },
  { sleutel: 'dag1_3', label: '1–3 dagen', van: 1, tot: 3 },
  { sleutel: 'dag4_6', label: '4–6 dagen', van: 4, tot: 6 },
  { sleutel: 'dag7_10', label: '7–10 dagen', van: 7, tot: 10 },
  { sleutel: 'dag11', label: '11 dagen of meer', van: 11, tot: 1_000_000 },
] as const;

/** In care without any event for longer than this is "stil" (configurable per request, 30–3650 days). */
export const STANDAARD_INACTIEF_DAGEN = 180;

/** The bucket of a lateness in days: the same rule as the SQL, for the tests. */
export function laatheidKlasse(dagen: number): (typeof LAATHEID_KLASSEN)[number]['sleutel'] {
  const d = Math.max(0, dagen);
  return LAATHEID_KLASSEN.find((k) => d >= k.van && d <= k.tot)!.sleutel;
}
