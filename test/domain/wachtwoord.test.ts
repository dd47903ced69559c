import { describe, expect, it } from 'vitest';
import { WACHTWOORD_MAX, wachtwoordBezwaar } from '../../src/domain/wachtwoord.js';

describe('wachtwoordbeleid', () => {
  const ctx = { email: 'anna.jansen@centrumstad.nl', naam: 'Anna de Jansen', openbaar: ['Doorstroom-demo-2026!'] };
  it('neemt een lange zin aan', () => {
    expect(wachtwoordBezwaar('fiets over de brug naar huis', ctx)).toBeNull();
    expect(wachtwoordBezwaar('x'.repeat(4) + 'abcdefgh', ctx)).toBeNull();
  });
  it.each([
    ['kort', /minstens 12 tekens \(nu 4\)/],
    ['a'.repeat(WACHTWOORD_MAX + 1), /hoogstens 200 tekens/],
    ['aaaaaaaaaaaaaaaabbbb', /te weinig verschillende tekens/],
    ['Wachtwoord1234', /bekend of openbaar/],
    ['doorstroom-demo-2026!', /bekend of openbaar/],
    ['ik ben anna.jansen echt', /eigen e-mailadres/],
    ['geheim van jansen 99', /eigen naam/],
    [' spatie vooraan 123', /spatie/],
    ['regel\neinde in zin', /stuurteken/],
  ])('weigert %j', (wachtwoord, patroon) => {
    expect(wachtwoordBezwaar(wachtwoord, ctx)).toMatch(patroon);
  });
  it('telt tekens, geen bytes: twaalf letters met accenten zijn genoeg', () => {
    expect(wachtwoordBezwaar('éèëêàáâäöóòô', {})).toBeNull();
  });
  it('een tussenvoegsel in de naam maakt een woord als "vanille" niet verboden', () => {
    expect(wachtwoordBezwaar('vanille ijs met de slagroom', { naam: 'Piet van Dam' })).toBeNull();
  });
});
