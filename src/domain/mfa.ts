import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { clientZicht, type Actor } from './auth.js';

/**
 * Two-factor authentication (TOTP, RFC 6238) and single-use recovery codes.
 *
 * Who must use it (ADR 0015): every beheerder (manages users, reads the audit log) and every user of an
 * organisation that sees identifiable client records, i.e. gemeenten and aanbieders in all roles, alleen_lezen
 * included: reading a dossier is processing special-category data (AVG art. 9) just as much as writing one.
 * A woningcorporatie sees pseudonymised candidates only, so its consulent and lezer may enrol but need not.
 * The rule follows clientZicht, so a change to who sees clients changes who needs MFA with it.
 */
export function mfaVerplicht(actor: Actor): boolean {
  return actor.rol === 'beheerder' || clientZicht(actor).soort !== 'geen';
}

/** How far a session is: 'code' = password right, code still due; 'inschrijven' = must enrol before anything else. */
export const MFA_STAPPEN = ['code', 'inschrijven'] as const;
export type MfaStap = (typeof MFA_STAPPEN)[number];

/** The step a fresh login starts in; null means the session is complete straight away. */
export function stapNaWachtwoord(verplicht: boolean, ingeschreven: boolean): MfaStap | null {
  if (ingeschreven) return 'code';
  return verplicht ? 'inschrijven' : null;
}

export const UITGEVER = 'Doorstroom';
const PERIODE = 30;
const CIJFERS = 6;
/** one step either side: a phone clock 30 s off still works, and a code typed just before the turn */
const VENSTER = 1;

const totp = (geheim: string) => new OTPAuth.TOTP({ issuer: UITGEVER, algorithm: 'SHA1', digits: CIJFERS, period: PERIODE, secret: OTPAuth.Secret.fromBase32(geheim) });

/** 160 random bits in base32, as authenticator apps expect (RFC 4226 recommends 160). */
export const nieuwTotpGeheim = () => new OTPAuth.Secret({ size: 20 }).base32;

/** The otpauth:// link an authenticator app reads from the QR code. */
export function otpauthUri(geheim: string, email: string): string {
  const t = totp(geheim);
  t.label = email;
  return t.toString();
}

/** Secret in groups of four, easier to type over than one long string. */
export const geheimInGroepen = (geheim: string) => geheim.replace(/(.{4})/g, '$1 ').trim();

/** The current code (demo help and tests; the server never needs to produce one). */
export const totpCode = (geheim: string, nu: Date) => totp(geheim).generate({ timestamp: nu.getTime() });

export const isTotpInvoer = (invoer: string) => /^\d{6}$/.test(invoer.replace(/\s/g, ''));

export type TotpUitkomst = { ok: true; stap: number } | { ok: false; reden: 'onjuist' | 'hergebruikt' };

/**
 * Checks a code against the secret. A code is accepted once: its time step must lie after the last accepted
 * one (RFC 6238 §5.2), so a code read over someone's shoulder or replayed from a log is refused within its window.
 */
export function controleerTotp(geheim: string, invoer: string, nu: Date, laatsteStap: number | null): TotpUitkomst {
  const code = invoer.replace(/\s/g, '');
  if (!isTotpInvoer(code)) return { ok: false, reden: 'onjuist' };
  const delta = totp(geheim).validate({ token: code, timestamp: nu.getTime(), window: VENSTER });
  if (delta === null) return { ok: false, reden: 'onjuist' };
  const stap = OTPAuth.TOTP.counter({ period: PERIODE, timestamp: nu.getTime() }) + delta;
  if (laatsteStap !== null && stap <= laatsteStap) return { ok: false, reden: 'hergebruikt' };
  return { ok: true, stap };
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), 5 bits each = 50 bits.
// That is far beyond guessing at the rate-limited code step, so a salted sha256 suffices (no slow hash needed).
const HERSTEL_ALFABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const AANTAL_HERSTELCODES = 10;

export function nieuweHerstelcode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += HERSTEL_ALFABET[randomInt(HERSTEL_ALFABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the user types, as it was issued: case, spaces and the dash do not matter. */
export function normaliseerHerstelcode(invoer: string): string {
  const kaal = invoer.toLowerCase().replace(/[\s-]/g, '');
  return kaal.length === 10 ? `${kaal.slice(0, 5)}-${kaal.slice(5)}` : kaal;
}

export const nieuwZout = () => randomBytes(16).toString('base64url');
export const hashHerstelcode = (code: string, zout: string) => createHash('sha256').update(zout).update(normaliseerHerstelcode(code)).digest('base64url');

export function herstelcodeKlopt(invoer: string, opgeslagen: { zout: string; hash: string }): boolean {
  const a = Buffer.from(hashHerstelcode(invoer, opgeslagen.zout));
  const b = Buffer.from(opgeslagen.hash);
  return a.length === b.length && timingSafeEqual(a, b);
}
