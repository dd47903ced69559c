import * as trajecten from '../../src/domain/trajecten';
import * as woningen from '../../src/domain/woningen';

/**
 * The web app shows the domain's own labels: one source for the words users read. Widened to string keys
 * because API answers arrive as plain strings.
 */
type Labels = Readonly<Record<string, string>>;
export const NIVEAU_LABEL: Labels = trajecten.NIVEAU_LABEL;
export const FASE_LABEL: Labels = trajecten.FASE_LABEL;
export const DOELGROEP_LABEL: Labels = trajecten.DOELGROEP_LABEL;
export const BESTEMMING_LABEL: Labels = trajecten.BESTEMMING_LABEL;
export const WOONSITUATIE_LABEL: Labels = trajecten.WOONSITUATIE_LABEL;
export const WONING_TYPE_LABEL: Labels = woningen.WONING_TYPE_LABEL;
export const WONING_STATUS_LABEL: Labels = woningen.WONING_STATUS_LABEL;
export const HUURCONSTRUCTIE_LABEL: Labels = woningen.HUURCONSTRUCTIE_LABEL;
export const WONING_STATUS_OVERGANGEN: Readonly<Record<string, readonly string[]>> = woningen.STATUS_OVERGANGEN;
/** The rules of each huurconstructie, so forms ask exactly for what the server will require. */
export const HUURCONSTRUCTIE_REGELS = woningen.HUURCONSTRUCTIES;

/** Trajectory event kinds as people say them (toegang). */
export const EVENT_LABEL: Labels = {
  aanmelding: 'Aanmelding',
  beoordeling: 'Beoordeling',
  indicatie: 'Indicatie',
  instroom: 'Instroom',
  doorstroom: 'Doorstroom',
  uitstroomklaar: 'Uitstroomklaar',
  uitstroom: 'Uitstroom',
  terugval: 'Terugval',
  uitval: 'Uitval',
  correctie: 'Correctie',
};
/** What each event kind asks for besides its date (the server's state machine requires exactly these). */
export const EVENT_VRAAGT: Readonly<Record<string, readonly ('niveau' | 'urgentie' | 'bestemming' | 'aanbieder' | 'woonsituatie')[]>> = {
  aanmelding: ['woonsituatie'],
  beoordeling: ['urgentie'],
  indicatie: ['niveau'],
  instroom: ['niveau', 'aanbieder'],
  doorstroom: ['niveau', 'aanbieder'],
  uitstroomklaar: [],
  uitstroom: ['bestemming'],
  terugval: ['niveau', 'aanbieder'],
  uitval: [],
};
export const URGENTIE_LABEL: Labels = { 0: '0 — geen urgentie', 1: '1 — laag', 2: '2 — hoog', 3: '3 — acuut' };
