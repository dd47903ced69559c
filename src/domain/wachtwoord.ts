/**
 * The password policy for accounts (NIST SP 800-63B §3.1.1, as the BIO refers to it): length over complexity
 * rules, no forced mix of character classes, but no password that is trivially guessed — the account's own address
 * or name, one character repeated, a well-known password, the published demo password. The upper bound is the login
 * form's (POST /api/auth/login accepts at most 200 characters): a longer password could never be typed in.
 * The second factor (TOTP, ADR 0015) does not lower this bar: it protects against a stolen password, not a guessed one.
 */
export const WACHTWOORD_MIN = 12;
export const WACHTWOORD_MAX = 200;

/** The most used passwords that pass the length rule, and this project's own published ones. */
const BEKEND = new Set([
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwertyuiop123',
  'wachtwoord123',
  'wachtwoord1234',
  'welkomwelkom',
  'welkom123456',
  'password1234',
  'passwordpassword',
  'iloveyou1234',
  'doorstroom123',
  'doorstroom2026',
  'doorstroom-demo',
]);

export interface WachtwoordContext {
  email?: string;
  naam?: string;
  /** passwords that are published (the demo password): refused always */
  openbaar?: readonly string[];
}

/** Why this password is refused, as one Dutch sentence; null when it is acceptable. */
export function wachtwoordBezwaar(wachtwoord: string, ctx: WachtwoordContext = {}): string | null {
  const lengte = [...wachtwoord].length;
  if (lengte < WACHTWOORD_MIN) return `Wachtwoord: minstens ${WACHTWOORD_MIN} tekens (nu ${lengte}); een zin van een paar woorden is makkelijk te onthouden en sterk`;
  if (lengte > WACHTWOORD_MAX) return `Wachtwoord: hoogstens ${WACHTWOORD_MAX} tekens (nu ${lengte}); langer past niet in het inlogscherm`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(wachtwoord)) return 'Wachtwoord: bevat een stuurteken (zoals een tab of een regeleinde)';
  if (wachtwoord !== wachtwoord.trim()) return 'Wachtwoord: begint of eindigt met een spatie; die is bij het inloggen makkelijk vergeten';
  const klein = wachtwoord.toLowerCase();
  if (new Set(klein).size < 5) return 'Wachtwoord: bestaat uit te weinig verschillende tekens (minstens 5)';
  if (BEKEND.has(klein) || ctx.openbaar?.some((o) => o.toLowerCase() === klein)) return 'Wachtwoord: dit wachtwoord is bekend of openbaar en wordt als eerste geprobeerd';
  const lokaal = ctx.email?.split('@')[0]?.toLowerCase() ?? '';
  if (lokaal.length >= 3 && klein.includes(lokaal)) return 'Wachtwoord: bevat het eigen e-mailadres';
  const delen = (ctx.naam ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((d) => d.length >= 4);
  if (delen.some((d) => klein.includes(d))) return 'Wachtwoord: bevat (een deel van) de eigen naam';
  return null;
}
