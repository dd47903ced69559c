/** How a refusal reads to the caller; the API answers 422, 403, 404 or 409 (api/fouten). */
export type FoutSoort = 'ongeldig' | 'geweigerd' | 'niet_gevonden' | 'conflict';

/**
 * Every refusal of the domain and the repositories is one of these, so that the API maps them to HTTP in one
 * place and neither the domain nor db/ needs to know about HTTP. Subclasses exist only where a caller needs
 * their own fields (the line errors of an import, the current version of a signal).
 */
export class DomeinFout extends Error {
  constructor(
    readonly soort: FoutSoort,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const ongeldig = (waarom: string, details?: unknown) => new DomeinFout('ongeldig', waarom, details);
export const geweigerd = (waarom = 'Geen toegang') => new DomeinFout('geweigerd', waarom);
export const nietGevonden = (wat: string) => new DomeinFout('niet_gevonden', `${wat} niet gevonden`);
export const conflict = (waarom: string, details?: unknown) => new DomeinFout('conflict', waarom, details);
