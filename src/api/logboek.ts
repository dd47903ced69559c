import type { FastifyLoggerOptions, FastifyServerOptions } from 'fastify';

/**
 * What the server log may hold about a request or a failure. The log is read by operators, copied to other
 * systems and kept longer than a session, so it must never carry what a user typed: no SQL parameters, no
 * request bodies, no names, BSNs or free text (debt details, risk notes), and no query strings (`zoek=` is a
 * name). An error is reduced to its kind, database error code, constraint and the SQL *text* (which holds
 * placeholders, never values); database messages are kept with every quoted or bracketed value masked,
 * because PostgreSQL repeats the offending input there (`invalid input syntax for type uuid: "…"`).
 */

const MASKER = '…';

/** Masks the values PostgreSQL quotes in its messages: "x", 'x', (x)=(y) in key details. */
export function maskeerWaarden(tekst: string): string {
  return tekst
    .replace(/"(?:[^"\\]|\\.)*"/g, `"${MASKER}"`)
    .replace(/'(?:[^'\\]|\\.)*'/g, `'${MASKER}'`)
    .replace(/\)=\([^)]*\)/g, `)=(${MASKER})`);
}

interface FoutMetOorzaak {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  query?: unknown;
  stack?: unknown;
  cause?: unknown;
  statusCode?: unknown;
}

const tekst = (w: unknown) => (typeof w === 'string' ? w : undefined);

/** Only the stack frames: the first line of a stack repeats the message, with whatever values it holds. */
const frames = (stack: unknown) =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter((r) => /^\s+at /.test(r))
        .join('\n')
    : undefined;

export function veiligeFout(err: unknown, diepte = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { type: typeof err };
  const e = err as FoutMetOorzaak;
  const uit: Record<string, unknown> = { type: tekst(e.name) ?? 'Error' };
  const query = tekst(e.query);
  if (query !== undefined) {
    // a DrizzleQueryError: its message is "Failed query: <sql>\nparams: <values>"; keep the SQL text only
    uit.query = query;
    uit.message = 'databasequery mislukt';
  } else if (typeof e.message === 'string') uit.message = maskeerWaarden(e.message);
  for (const k of ['code', 'constraint', 'table', 'column', 'statusCode'] as const) if (e[k] !== undefined) uit[k] = e[k];
  const stack = frames(e.stack);
  if (stack) uit.stack = stack;
  if (e.cause && diepte < 3) uit.cause = veiligeFout(e.cause, diepte + 1);
  return uit;
}

interface VerzoekVoorLog {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  id?: unknown;
}

export const logSerializers = {
  err: (err: unknown) => veiligeFout(err),
  error: (err: unknown) => veiligeFout(err),
  // the matched route pattern (`/api/clienten/:id`) plus the path without its query string
  req: (req: VerzoekVoorLog) => ({ id: req.id, method: req.method, route: req.routeOptions?.url, pad: req.url?.split('?')[0] }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/** The Fastify logger option with the serializers above; `false` stays off. */
export function veiligeLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const basis = logger === true ? {} : logger;
  return {
    ...basis,
    // Fastify's own types demand message and stack; ours may leave out what could hold a value
    serializers: logSerializers as unknown as FastifyLoggerOptions['serializers'],
    // whatever a log call might pass along by mistake
    redact: { paths: ['body', 'req.body', 'params', 'query', 'headers', 'req.headers', 'cookie', '*.wachtwoord', '*.naam', '*.bsn'], censor: MASKER },
  };
}
