import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import type { Organisatie } from './types';

/** Loads a URL and reloads when it changes; returns data, error and a reload function. */
export function useApi<T>(pad: string | null) {
  const [data, zetData] = useState<T | null>(null);
  const [fout, zetFout] = useState<string | null>(null);
  const [teller, zetTeller] = useState(0);
  useEffect(() => {
    if (!pad) return;
    let actief = true;
    zetFout(null);
    api<T>(pad)
      .then((d) => actief && zetData(d))
      .catch((e: Error) => actief && zetFout(e.message));
    return () => {
      actief = false;
    };
  }, [pad, teller]);
  const herlaad = useCallback(() => zetTeller((t) => t + 1), []);
  return { data, fout, herlaad };
}

export function useOrganisaties() {
  const { data } = useApi<Organisatie[]>('/api/organisaties');
  const lijst = data ?? [];
  const naam = (id: string | null | undefined) => lijst.find((o) => o.id === id)?.naam ?? '—';
  return { lijst, gemeenten: lijst.filter((o) => o.soort.endsWith('gemeente')), naam };
}

export const NIVEAU_LABEL: Record<string, string> = {
  bw_intramuraal: 'BW 24/7 intramuraal',
  mo_24uurs: 'MO 24-uursopvang',
  beschermd_thuis: 'Beschermd Thuis',
  mo_nachtopvang: 'MO nachtopvang',
  ambulant: 'Ambulante begeleiding',
};
export const FASE_LABEL: Record<string, string> = {
  geen: 'Geen traject',
  aangemeld: 'Aangemeld',
  beoordeeld: 'Beoordeeld',
  geindiceerd: 'Geïndiceerd',
  in_zorg: 'In zorg',
  uitstroomklaar: 'Uitstroomklaar',
  uitgestroomd: 'Uitgestroomd',
  uitgevallen: 'Uitgevallen',
};
export const DOELGROEP_LABEL: Record<string, string> = {
  ggz: 'GGZ',
  verslaving: 'Verslaving',
  lvb: 'LVB',
  dakloos: 'Dakloos',
  jeugd_uitstroom: 'Jeugd-uitstroom',
};
