import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { Organisatie } from './types';

/**
 * Loads a URL through TanStack Query. A new URL (a new filter, page or sort) starts empty and shows loading:
 * never the old rows under a new filter. `herlaad` refetches; `laden` is true until the first answer.
 */
export function useApi<T>(pad: string | null) {
  const q = useQuery<T, Error>({ queryKey: [pad], queryFn: () => api<T>(pad!), enabled: !!pad });
  const { refetch } = q;
  const herlaad = useCallback(() => void refetch(), [refetch]);
  return { data: q.data ?? null, fout: q.error?.message ?? null, herlaad, laden: q.isPending && !!pad, query: q };
}

/**
 * A change through the API; afterwards every cached GET whose URL starts with one of `ververst` is refetched
 * (e.g. `['/api/meldingen']` renews the inbox list and its badge).
 */
export function useWijziging<A, T = unknown>(uitvoeren: (args: A) => Promise<T>, ververst: string[] = []) {
  const qc = useQueryClient();
  return useMutation<T, Error, A>({
    mutationFn: uitvoeren,
    onSuccess: () => ververs(qc, ververst),
  });
}

export function ververs(qc: ReturnType<typeof useQueryClient>, voorvoegsels: string[]) {
  return qc.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && voorvoegsels.some((v) => (q.queryKey[0] as string).startsWith(v)) });
}

export function useOrganisaties() {
  const { data } = useApi<Organisatie[]>('/api/organisaties');
  const lijst = data ?? [];
  const naam = (id: string | null | undefined) => lijst.find((o) => o.id === id)?.naam ?? '—';
  return { lijst, gemeenten: lijst.filter((o) => o.soort.endsWith('gemeente')), naam };
}
