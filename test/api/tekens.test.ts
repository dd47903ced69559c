import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testOmgeving, type Sessie, type TestOmgeving } from '../helpers.js';

/**
 * Every string field of every route, filled with a NUL character or a lone surrogate: the answer is a 4xx with
 * a Dutch message (never a 500, never `body.xyz`), and no table gains or loses a row. The routes come from the
 * app's own OpenAPI description, so a new route is covered without touching this test.
 */
let t: TestOmgeving;
let sessies: Sessie[];
let ids: Record<string, string>;
beforeAll(async () => {
  t = await testOmgeving();
  const rl = t.regios.rivierland.organisaties;
  const [client] = await rijen<{ id: string }>(sql`select c.id from clienten c join organisaties o on o.id = c.herkomstgemeente_id where o.naam = 'Centrumstad' limit 1`);
  ids = {
    gemeenteId: rl['Centrumstad']!.id,
    herkomstgemeenteId: rl['Centrumstad']!.id,
    huidigeGemeenteId: rl['Centrumstad']!.id,
    aanbiederId: rl['RIBW Rivierland']!.id,
    corporatieId: rl['Woonstede Rivierland']!.id,
    organisatieId: rl['Centrumstad']!.id,
    clientId: client!.id,
  };
  sessies = await Promise.all(
    ['beheer@centrumstad.demo', 'toegang@centrumstad.demo', 'consulent@woonstede-rivierland.demo', 'consulent@ribw-rivierland.demo'].map((e) => t.login(e)),
  );
});
afterAll(() => t.sluit());

/** Rows of a raw query (PGlite and node-postgres both answer with `rows`). */
async function rijen<T>(query: ReturnType<typeof sql.raw>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const SLECHT = { nul: 'Piet\u0000Jansen', surrogaat: 'Piet\uD800Jansen', 'losse lage surrogaat': '\uDC00' };

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  format?: string;
  minimum?: number;
  pattern?: string;
};

/** A plausible value, so that a request with one bad field gets as far as it can (the database, before the fix). */
function voorbeeld(schema: Schema, naam = ''): unknown {
  const varianten = schema.anyOf ?? schema.oneOf;
  if (varianten) return voorbeeld(varianten.find((v) => v.type !== 'null') ?? varianten[0]!, naam);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, voorbeeld(schema.properties![k]!, k)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid') return ids[naam] ?? ids.gemeenteId;
      if (schema.format === 'email') return 'iemand@centrumstad.demo';
      if (/datum|Per$|^van$|^tot$/.test(naam)) return '2026-10-15';
      return 'Tekst';
  }
}

/** Every path to a string (or string-or-null) field, e.g. ['woonwensen', 'gemeenten'] is an array of uuids. */
function tekstvelden(schema: Schema | undefined, pad: string[] = []): string[][] {
  if (!schema) return [];
  const varianten = schema.anyOf ?? schema.oneOf;
  if (varianten) return varianten.flatMap((v) => tekstvelden(v, pad)).filter((p, i, a) => a.findIndex((q) => q.join('.') === p.join('.')) === i);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.includes('string') || schema.enum) return [pad];
  if (schema.properties) return Object.entries(schema.properties).flatMap(([k, v]) => tekstvelden(v, [...pad, k]));
  return [];
}

function zet(doel: Record<string, unknown>, pad: string[], waarde: unknown, schema: Schema) {
  let hier = doel;
  let s = schema;
  for (const [i, k] of pad.entries()) {
    s = s.properties?.[k] ?? (s.anyOf ?? s.oneOf ?? []).find((v) => v.properties?.[k])?.properties?.[k] ?? {};
    if (i === pad.length - 1) hier[k] = waarde;
    else hier = (hier[k] ??= voorbeeld(s, k)) as Record<string, unknown>;
  }
}

/** Row counts of every table whose content a refused request may not change (the audit log records refusals by design). */
async function rijAantallen() {
  const tabellen = await rijen<{ t: string }>(
    sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessies', 'audit_log') order by 1`,
  );
  const uit: Record<string, number> = {};
  for (const { t: tabel } of tabellen) {
    const [r] = await rijen<{ n: number }>(sql.raw(`select count(*)::int as n from "${tabel}"`));
    uit[tabel] = r!.n;
  }
  return uit;
}

function controleer(res: { statusCode: number; body: string }, wat: string) {
  expect(res.statusCode, `${wat}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${wat}: ${res.body}`).toBeLessThan(500);
  const fout = String((JSON.parse(res.body) as { fout?: unknown }).fout ?? '');
  expect(fout, wat).not.toMatch(/\bbody\.|querystring\.|params\./);
}

describe('NUL-tekens en losse surrogaten in elk tekstveld van elke route', () => {
  it('geven 4xx met een Nederlandse melding en veranderen niets', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
    const voor = await rijAantallen();
    let aantal = 0;
    for (const [pad, methoden] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methoden)) {
        const params = op.parameters ?? [];
        const vulPad = (vervang?: { naam: string; waarde: string }) =>
          pad.replace(/\{([^}]+)\}/g, (_, naam: string) => encodeURIComponent(vervang?.naam === naam ? vervang.waarde : naam === 'id' && pad.startsWith('/api/clienten') ? ids.clientId! : naam === 'soort' ? 'instroom' : '00000000-0000-4000-8000-000000000000'));
        const query = (vervang?: { naam: string; waarde: string }) => {
          const q = new URLSearchParams();
          for (const p of params.filter((x) => x.in === 'query')) {
            if (vervang?.naam === p.name) q.set(p.name, vervang.waarde);
          }
          const tekst = q.toString();
          return tekst ? `?${tekst}` : '';
        };
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const gevallen: { wat: string; url: string; body?: unknown }[] = [];
        for (const [soort, waarde] of Object.entries(SLECHT)) {
          // a URL carries UTF-8, in which a lone surrogate cannot exist (it arrives as U+FFFD): NUL only
          for (const p of soort === 'nul' ? params : []) {
            if (p.in === 'path') gevallen.push({ wat: `${method} ${pad} pad ${p.name} ${soort}`, url: vulPad({ naam: p.name, waarde }) });
            if (p.in === 'query' && tekstvelden(p.schema).length) gevallen.push({ wat: `${method} ${pad} ?${p.name} ${soort}`, url: vulPad() + query({ naam: p.name, waarde }) });
          }
          if (bodySchema) {
            for (const veld of tekstvelden(bodySchema)) {
              const variant = (bodySchema.anyOf ?? bodySchema.oneOf)?.find((v) => v.properties?.[veld[0]!]) ?? bodySchema;
              const body = voorbeeld(variant);
              if (veld.length === 0) {
                gevallen.push({ wat: `${method} ${pad} body ${soort}`, url: vulPad(), body: waarde });
                continue;
              }
              zet(body as Record<string, unknown>, veld, waarde, variant);
              gevallen.push({ wat: `${method} ${pad} ${veld.join('.')} ${soort}`, url: vulPad(), body });
            }
          }
        }
        for (const geval of gevallen) {
          for (const s of sessies) {
            if (pad === '/api/auth/logout') continue;
            const res = await t.als(s, method.toUpperCase(), geval.url, geval.body);
            controleer(res, geval.wat);
            aantal++;
          }
        }
      }
    }
    expect(aantal).toBeGreaterThan(300);
    expect(await rijAantallen()).toEqual(voor);
  }, 600_000);

  it('noemt het veld zoals het formulier het noemt', async () => {
    const body = { naam: 'Piet\u0000Jansen', geboortedatum: '1990-01-01', herkomstgemeenteId: ids.gemeenteId, doelgroep: 'ggz' };
    const res = await t.als(sessies[1]!, 'POST', '/api/clienten', body);
    expect(res.statusCode).toBe(422);
    expect(res.json().fout).toMatch(/^Naam bevat een ongeldig teken/);
    const notitie = await t.als(sessies[1]!, 'POST', '/api/clienten', { ...body, naam: 'Piet Jansen', risicoNotities: 'let op \uD83D' });
    expect(notitie.statusCode).toBe(422);
    expect(notitie.json().fout).toMatch(/^Risico-notities bevat een ongeldig teken/);
    // a complete pair (an emoji) is fine
    expect((await t.als(sessies[1]!, 'POST', '/api/clienten', { ...body, naam: 'Piet Jansen 😀' })).statusCode).toBe(201);
  });

  it('een ruwe CSV-body (verdeelmodel) met een NUL-teken', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/verdeelmodel/import',
      headers: { cookie: sessies[0]!.cookie, 'x-csrf-token': sessies[0]!.csrf, 'content-type': 'text/csv' },
      payload: 'gemeentecode;gemeentenaam;historisch_budget;inwoners\nGM9001;Centrum\u0000stad;100;5\n',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().fout).toMatch(/ongeldig teken/);
  });
});
