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
