import { describe, expect, it } from 'vitest';
import { ORGANISATIE_SOORTEN, ROLLEN, type Actor } from '../../src/domain/auth.js';
import {
  controleerTotp,
  hashHerstelcode,
  herstelcodeKlopt,
  mfaVerplicht,
  nieuweHerstelcode,
  nieuwTotpGeheim,
  normaliseerHerstelcode,
  stapNaWachtwoord,
  totpCode,
} from '../../src/domain/mfa.js';

const actor = (soort: Actor['soort'], rol: Actor['rol']): Actor => ({ gebruikerId: 'g', organisatieId: 'o', regioId: 'r', soort, rol });

describe('wie MFA moet gebruiken', () => {
  it('beheerders overal en elke rol die cliëntdossiers ziet; bij een corporatie alleen de beheerder', () => {
    const verplicht = ORGANISATIE_SOORTEN.flatMap((soort) => ROLLEN.filter((rol) => mfaVerplicht(actor(soort, rol))).map((rol) => `${soort}:${rol}`));
    expect(verplicht).toEqual([
      'centrumgemeente:beheerder', 'centrumgemeente:medewerker_toegang', 'centrumgemeente:consulent', 'centrumgemeente:alleen_lezen',
      'regiogemeente:beheerder', 'regiogemeente:medewerker_toegang', 'regiogemeente:consulent', 'regiogemeente:alleen_lezen',
      'woningcorporatie:beheerder',
      'aanbieder:beheerder', 'aanbieder:medewerker_toegang', 'aanbieder:consulent', 'aanbieder:alleen_lezen',
      // the national body sees aggregates only: its beheerder, who manages accounts, still needs a second factor
      'landelijk:beheerder',
    ]);
  });

  it('de stap na het wachtwoord', () => {
    expect(stapNaWachtwoord(true, true)).toBe('code');
    expect(stapNaWachtwoord(false, true)).toBe('code');
    expect(stapNaWachtwoord(true, false)).toBe('inschrijven');
    expect(stapNaWachtwoord(false, false)).toBeNull();
  });
});

describe('TOTP', () => {
  const geheim = nieuwTotpGeheim();
  const nu = new Date('2026-11-01T10:00:10Z');
  it('accepteert de huidige code en die van één stap ernaast, en geeft de stap terug', () => {
    const stap = Math.floor(nu.getTime() / 30_000);
    expect(controleerTotp(geheim, totpCode(geheim, nu), nu, null)).toEqual({ ok: true, stap });
    expect(controleerTotp(geheim, totpCode(geheim, new Date(nu.getTime() - 30_000)), nu, null)).toEqual({ ok: true, stap: stap - 1 });
    expect(controleerTotp(geheim, totpCode(geheim, new Date(nu.getTime() + 30_000)), nu, null)).toEqual({ ok: true, stap: stap + 1 });
  });
  it('weigert een code van twee stappen terug, een verkeerd geheim en onzin', () => {
    expect(controleerTotp(geheim, totpCode(geheim, new Date(nu.getTime() - 60_000)), nu, null)).toEqual({ ok: false, reden: 'onjuist' });
    expect(controleerTotp(nieuwTotpGeheim(), totpCode(geheim, nu), nu, null).ok).toBe(false);
    expect(controleerTotp(geheim, 'abcdef', nu, null)).toEqual({ ok: false, reden: 'onjuist' });
  });
  it('weigert een code waarvan de stap al gebruikt is (of een eerdere)', () => {
    const { stap } = controleerTotp(geheim, totpCode(geheim, nu), nu, null) as { stap: number };
    expect(controleerTotp(geheim, totpCode(geheim, nu), nu, stap)).toEqual({ ok: false, reden: 'hergebruikt' });
    expect(controleerTotp(geheim, totpCode(geheim, new Date(nu.getTime() - 30_000)), nu, stap)).toEqual({ ok: false, reden: 'hergebruikt' });
    expect(controleerTotp(geheim, totpCode(geheim, new Date(nu.getTime() + 30_000)), nu, stap).ok).toBe(true);
  });
});

describe('herstelcodes', () => {
  it('zijn willekeurig, in een vaste vorm, en kloppen ongeacht hoofdletters, spaties en streepje', () => {
    const codes = Array.from({ length: 200 }, nieuweHerstelcode);
    expect(new Set(codes).size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    const code = codes[0]!;
    const opgeslagen = { zout: 'zout', hash: hashHerstelcode(code, 'zout') };
    expect(herstelcodeKlopt(code.toUpperCase().replace('-', ' '), opgeslagen)).toBe(true);
    expect(herstelcodeKlopt(codes[1]!, opgeslagen)).toBe(false);
    expect(hashHerstelcode(code, 'ander zout')).not.toBe(opgeslagen.hash);
    expect(normaliseerHerstelcode(' ABCDE fghjk ')).toBe('abcde-fghjk');
  });
});
