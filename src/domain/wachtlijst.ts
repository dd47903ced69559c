import { dagenTussen, type Niveau, type Toestand } from './trajecten.js';

/**
 * Waiting-list priority, documented in the README:
 * 1. urgentie (3 = acuut … 0 = regulier), highest first;
 * 2. waiting time in days since the fase began (indicatie for instroom, uitstroomklaar for uitstroom), longest first;
 * 3. pseudoniem, so equal cases have a stable order: compared by code unit (not by locale), which is the
 *    byte order of SQL's COLLATE "C" for these ASCII codes, so the database can page in exactly this order.
 */
export interface WachtlijstRegel {
  clientId: string;
  pseudoniem: string;
  urgentie: number;
  wachtSinds: string;
  wachtdagen: number;
  niveau: Niveau | null;
  gemeenteId: string;
}

export type WachtlijstSoort = 'instroom' | 'uitstroom';

export function staatOpWachtlijst(soort: WachtlijstSoort, t: Toestand): boolean {
  return soort === 'instroom' ? t.fase === 'geindiceerd' : t.fase === 'uitstroomklaar';
}

export function vergelijkPrioriteit(a: WachtlijstRegel, b: WachtlijstRegel): number {
  return b.urgentie - a.urgentie || b.wachtdagen - a.wachtdagen || (a.pseudoniem < b.pseudoniem ? -1 : a.pseudoniem > b.pseudoniem ? 1 : 0);
}

export function wachtlijstRegel(
  client: { id: string; pseudoniem: string; gemeenteId: string },
  t: Toestand,
  peildatum: string,
): WachtlijstRegel {
  const sinds = t.sinds ?? peildatum;
  return {
    clientId: client.id,
    pseudoniem: client.pseudoniem,
    urgentie: t.urgentie,
    wachtSinds: sinds,
    wachtdagen: Math.max(0, dagenTussen(sinds, peildatum)),
    niveau: t.niveau,
    gemeenteId: client.gemeenteId,
  };
}

export function ordenWachtlijst(regels: WachtlijstRegel[]): WachtlijstRegel[] {
  return [...regels].sort(vergelijkPrioriteit);
}
