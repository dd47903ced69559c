/** Thin fetch wrapper: JSON both ways, CSRF header on state-changing calls, Dutch error messages. */
let csrfToken: string | null = null;
export const zetCsrf = (t: string | null) => {
  csrfToken = t;
};

export class ApiFout extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** per-field or per-line details the server sent along (validation, CSV import) */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export async function api<T>(pad: string, opties: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = opties.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (opties.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(pad, { method, headers, body: opties.body === undefined ? undefined : JSON.stringify(opties.body), credentials: 'same-origin' });
  const tekst = await res.text();
  const data = tekst ? JSON.parse(tekst) : null;
  if (!res.ok) throw new ApiFout(res.status, data?.fout ?? `Fout ${res.status}`, data?.details ?? null);
  return data as T;
}

export const queryString = (params: Record<string, string | number | boolean | undefined | null>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
