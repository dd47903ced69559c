/** Thin fetch wrapper: JSON both ways, CSRF header on state-changing calls, Dutch error messages. */
let csrfToken: string | null = null;
export const zetCsrf = (t: string | null) => {
  csrfToken = t;
};

/** One field's refusal as the server names it: `pad` is the field's key in the body, `veld` its label. */
export interface VeldFout {
  veld: string;
  melding: string;
  pad?: string;
}

export class ApiFout extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** per-field or per-line details the server sent along (validation, CSV import) */
    readonly details: unknown = null,
  ) {
    super(message);
  }
  /** Field refusals keyed by the body field, for showing each error at its own field. */
  get veldFouten(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    const uit: Record<string, string> = {};
    for (const d of this.details as VeldFout[]) if (d && typeof d.pad === 'string' && !(d.pad in uit)) uit[d.pad] = d.melding;
    return uit;
  }
}

export async function api<T>(pad: string, opties: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = opties.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opties.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(pad, { method, headers, body: opties.body === undefined ? undefined : JSON.stringify(opties.body), credentials: 'same-origin' });
  } catch {
    // fetch itself only fails when the server cannot be reached at all
    throw new ApiFout(0, 'Geen verbinding met Doorstroom. Controleer uw netwerkverbinding en probeer het opnieuw.');
  }
  const tekst = await res.text();
  let data: { fout?: string; details?: unknown } | null = null;
  try {
    data = tekst ? JSON.parse(tekst) : null;
  } catch {
    // a proxy or gateway answered with HTML; never show its markup or a JSON parse error to the user
    throw new ApiFout(res.status, res.ok ? 'Onverwacht antwoord van de server. Probeer het opnieuw.' : `De server gaf een fout (${res.status}). Probeer het later opnieuw.`);
  }
  if (!res.ok) throw new ApiFout(res.status, data?.fout ?? foutVoorStatus(res.status), data?.details ?? null);
  return data as T;
}

const foutVoorStatus = (status: number) =>
  status === 401 ? 'U bent niet (meer) ingelogd.' : status === 403 ? 'U hebt geen toegang tot dit onderdeel.' : status === 404 ? 'Niet gevonden.' : status >= 500 ? 'Er ging iets mis op de server. Probeer het later opnieuw.' : `Fout ${status}`;

export const queryString = (params: Record<string, string | number | boolean | undefined | null>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
