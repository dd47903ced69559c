import { hash } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { bouwApp } from '../src/api/app.js';
import { openWegwerpDatabase, type Database } from '../src/db/client.js';
import { eq, sql } from 'drizzle-orm';
import { DEMO_LANDELIJK, DEMO_REGIO, DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD, seedLandelijk, seedRegio, type SeedResultaat } from '../src/db/seed.js';
import * as s from '../src/db/schema.js';
import { totpCode, type MfaStap } from '../src/domain/mfa.js';
import { Versleuteling } from '../src/db/versleuteling.js';
import type { Actor } from '../src/domain/auth.js';
import { DUMP_VAR, SJABLOON_VAR } from './sjabloon.js';

export const PEILDATUM = '2026-11-01';
export const testVersleuteling = new Versleuteling(Buffer.alloc(32, 7));
let wachtwoordHash: Promise<string> | null = null;
const demoHash = () => (wachtwoordHash ??= hash(DEMO_WACHTWOORD));

export type Backend = 'pglite' | 'postgres';
/** PGlite always; a real PostgreSQL server too when CI provides TEST_DATABASE_URL. */
export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh, migrated, empty database: in-memory PGlite or a new database on the test server. Under vitest both start
 * as a copy of the database test/sjabloon.ts migrated once for the whole run (the migrator then finds nothing to do);
 * without it (a script outside vitest) they migrate from scratch.
 */
export function testDatabase(backend: Backend = 'pglite', opties: { eigenaar?: boolean } = {}): Promise<Database> {
  if (backend === 'postgres') return openWegwerpDatabase(process.env.TEST_DATABASE_URL, 'doorstroom_test', { ...opties, sjabloon: process.env[SJABLOON_VAR] });
  return openWegwerpDatabase(undefined, 'doorstroom_test', { ...opties, vanDump: process.env[DUMP_VAR] });
}

export interface TestRegios {
  rivierland: SeedResultaat;
  kustland: SeedResultaat;
}

/** Two regions, so tests can prove that nothing crosses a region or organisation boundary. */
export async function seedTestRegios(database: Database, aantalClienten = 150): Promise<TestRegios> {
  const gemeen = { peildatum: PEILDATUM, wachtwoordHash: await demoHash(), versleuteling: testVersleuteling };
  const rivierland = await seedRegio(database.db, { ...DEMO_REGIO, ...gemeen, aantalClienten, aantalWoningen: 120 });
  const kustland = await seedRegio(database.db, {
    ...gemeen,
    regioNaam: 'Regio Kustland',
    gemeenten: [
      { naam: 'Havenstad', code: 'GM9101', gewicht: 30 },
      { naam: 'Zandvoorde', code: 'GM9102', gewicht: 10 },
      { naam: 'Polderdam', code: 'GM9103', gewicht: 8 },
    ],
    corporaties: ['Kustwonen'],
    aanbieders: ['RIBW Kust', 'Opvang Kust'],
    aantalClienten: 40,
    aantalWoningen: 40,
    seed: 77,
    emailDomein: 'kust.demo',
  });
  // the national body (lezer@landelijk-platform-bw-mo.demo): sees suppressed aggregates of both regions only
  await seedLandelijk(database.db, { ...DEMO_LANDELIJK, wachtwoordHash: gemeen.wachtwoordHash, versleuteling: testVersleuteling });
  return { rivierland, kustland };
}

/** An Actor for repository tests: a user of the named organisation in one of the seeded regions. */
export function testActor(regios: TestRegios, regio: keyof TestRegios, org: string, rol: Actor['rol']): Actor {
  const o = regios[regio].organisaties[org]!;
  return { gebruikerId: '00000000-0000-4000-8000-000000000001', organisatieId: o.id, regioId: regios[regio].regioId, soort: o.soort, rol };
}

export interface Sessie {
  cookie: string;
  csrf: string;
}

const sessieUit = (res: LightMyRequestResponse): Sessie => {
  const cookie = res.cookies.find((c) => c.name === 'doorstroom_sessie')!;
  return { cookie: `${cookie.name}=${cookie.value}`, csrf: res.json().csrfToken };
};

export interface TestOmgeving {
  app: FastifyInstance;
  database: Database;
  regios: TestRegios;
  /** a fresh login (its own session), including the MFA step with the demo secret where the account has MFA */
  login(email: string): Promise<Sessie>;
  /** only the password step: the half-way session and the MFA step it is in (null = complete) */
  wachtwoordStap(email: string): Promise<{ sessie: Sessie; mfa: MfaStap | null }>;
  /** one shared session per user for the whole test file: fewer logins, well under the rate limit */
  sessie(email: string): Promise<Sessie>;
  /** inject with the session cookie and CSRF header filled in */
  als(sessie: Sessie, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  sluit(): Promise<void>;
}

export async function testOmgeving(backend: Backend = 'pglite', opties: { sessieCacheMs?: number; aantalClienten?: number } = {}): Promise<TestOmgeving> {
  const database = await testDatabase(backend);
  const regios = await seedTestRegios(database, opties.aantalClienten);
  const app = await bouwApp({ db: database.db, versleuteling: testVersleuteling, vandaag: () => PEILDATUM }, { sessieCacheMs: opties.sessieCacheMs });
  await app.ready();
  const wachtwoordStap = async (email: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, wachtwoord: DEMO_WACHTWOORD } });
    if (res.statusCode !== 200) throw new Error(`login ${email} mislukt: ${res.statusCode} ${res.body}`);
    return { sessie: sessieUit(res), mfa: res.json().mfa as MfaStap | null };
  };
  // MFA steps one at a time: each one frees the user's current code (below), which must not race another login
  let mfaRij: Promise<unknown> = Promise.resolve();
  const login = async (email: string): Promise<Sessie> => {
    const { sessie, mfa } = await wachtwoordStap(email);
    if (mfa === null) return sessie;
    if (mfa !== 'code') throw new Error(`login ${email}: MFA-stap ${mfa}, de helper kan alleen de code-stap`);
    const stap = mfaRij.then(async () => {
      // tests log the same user in many times within one 30-second step; the server rightly accepts each code
      // once, so the helper forgets the last used step first (test/api/mfa.test.ts proves the refusal itself)
      await database.db
        .update(s.gebruikerMfa)
        .set({ laatsteStap: null })
        .where(eq(s.gebruikerMfa.gebruikerId, sql`(select id from gebruikers where email = ${email})`));
      return app.inject({
        method: 'POST',
        url: '/api/auth/mfa',
        headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf },
        payload: { code: totpCode(DEMO_TOTP_GEHEIM, new Date()) },
      });
    });
    mfaRij = stap.catch(() => undefined);
    const res = await stap;
    if (res.statusCode !== 200) throw new Error(`MFA-stap ${email} mislukt: ${res.statusCode} ${res.body}`);
    return sessieUit(res);
  };
  const sessies = new Map<string, Promise<Sessie>>();
  const sessie = (email: string) => {
    if (!sessies.has(email)) sessies.set(email, login(email));
    return sessies.get(email)!;
  };
  const als: TestOmgeving['als'] = (sessie, method, url, body) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: sessie.cookie, 'x-csrf-token': sessie.csrf },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    database,
    regios,
    login,
    wachtwoordStap,
    sessie,
    als,
    sluit: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Drizzle wraps driver errors; the database's own message is in the cause. */
export async function verwachtDbFout(p: Promise<unknown>, patroon: RegExp) {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    const tekst = `${err.message} ${err.cause?.message ?? ''}`;
    if (!patroon.test(tekst)) throw new Error(`Verwachtte ${patroon}, kreeg: ${tekst}`);
    return;
  }
  throw new Error(`Verwachtte een databasefout ${patroon}, maar de opdracht slaagde`);
}
