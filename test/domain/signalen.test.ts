import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isSchuldGeregeld,
  isTeLaat,
  lokaleDatum,
  lokaleTijd,
  lokaleTijdTekst,
  magSignaalMelden,
  magSignaalZien,
  nieuweDeadline,
  OVERGANGEN,
  plusKalenderdagen,
  plusUren,
  rollenVoor,
  samenvatting,
  SIGNAAL_ACTIES,
  SIGNAAL_STATUSSEN,
  SignaalFout,
  toegestaneActies,
  vanLokaleTijd,
  volgendeStatus,
  type SignaalRol,
  type SignaalStatus,
} from '../../src/domain/signalen.js';
import { plusDagen } from '../../src/domain/trajecten.js';

const utc = (s: string) => new Date(s);
const iso = (d: Date | null) => d?.toISOString();

describe('statusovergangen', () => {
  it('het normale pad: gemeld → opgepakt → in behandeling → opgelost, alleen door de aanbieder', () => {
    let st: SignaalStatus = 'gemeld';
    st = volgendeStatus(st, 'oppakken', ['aanbieder']);
    expect(st).toBe('opgepakt');
    st = volgendeStatus(st, 'behandelen', ['aanbieder']);
    expect(st).toBe('in_behandeling');
    expect(volgendeStatus(st, 'oplossen', ['aanbieder'])).toBe('opgelost');
    expect(volgendeStatus('opgepakt', 'oplossen', ['aanbieder'])).toBe('opgelost');
  });

  it('de melder en de centrumgemeente mogen niet oppakken of behandelen', () => {
    for (const rol of ['melder', 'centrumgemeente', 'systeem'] as SignaalRol[]) {
      expect(() => volgendeStatus('gemeld', 'oppakken', [rol])).toThrow(SignaalFout);
      expect(() => volgendeStatus('opgepakt', 'behandelen', [rol])).toThrow(/niet uitvoeren/);
    }
  });

  it('escaleren mag door systeem en centrumgemeente vanuit elke open status; een geëscaleerd signaal sluit alleen de centrumgemeente', () => {
    for (const st of ['gemeld', 'opgepakt', 'in_behandeling'] as SignaalStatus[]) {
      expect(volgendeStatus(st, 'escaleren', ['systeem'])).toBe('geescaleerd');
      expect(volgendeStatus(st, 'escaleren', ['centrumgemeente'])).toBe('geescaleerd');
      expect(() => volgendeStatus(st, 'escaleren', ['aanbieder', 'melder'])).toThrow(/niet uitvoeren/);
    }
    expect(() => volgendeStatus('geescaleerd', 'oplossen', ['aanbieder'])).toThrow(/niet uitvoeren/);
    expect(volgendeStatus('geescaleerd', 'oplossen', ['centrumgemeente'])).toBe('opgelost');
    expect(volgendeStatus('geescaleerd', 'terugleggen', ['centrumgemeente'])).toBe('in_behandeling');
    // centrumgemeente closes only escalated cases, not the aanbieder's running ones
    expect(() => volgendeStatus('in_behandeling', 'oplossen', ['centrumgemeente'])).toThrow(/niet uitvoeren/);
  });

  it('een opgelost signaal is definitief', () => {
    for (const a of SIGNAAL_ACTIES) {
      const fout = (() => {
        try {
          volgendeStatus('opgelost', a, ['aanbieder', 'centrumgemeente', 'melder', 'systeem']);
        } catch (e) {
          return e as SignaalFout;
        }
      })();
      expect(fout?.soort).toBe('ongeldig');
    }
  });

  it('eigenschap: volgendeStatus slaagt precies als de actie in toegestaneActies staat, en leidt naar OVERGANGEN[actie].naar', () => {
    const rol = fc.constantFrom<SignaalRol>('melder', 'aanbieder', 'centrumgemeente');
    fc.assert(
      fc.property(fc.constantFrom(...SIGNAAL_STATUSSEN), fc.constantFrom(...SIGNAAL_ACTIES), fc.uniqueArray(rol, { maxLength: 3 }), (st, actie, rollen) => {
        const mag = toegestaneActies(st, rollen).includes(actie);
        let uitkomst: SignaalStatus | null = null;
        try {
          uitkomst = volgendeStatus(st, actie, rollen);
        } catch (e) {
          expect(e).toBeInstanceOf(SignaalFout);
        }
        expect(uitkomst !== null).toBe(mag);
        if (uitkomst) expect(uitkomst).toBe(OVERGANGEN[actie].naar);
      }),
    );
  });
});

describe('rollen en zicht', () => {
  const p = { regioId: 'R', melderOrganisatieId: 'CORP', aanbiederId: 'AANB', corporatieId: 'CORP', gemeenteId: 'GEM' };
  it('elke partij ziet het signaal op de eigen manier; een andere regio niets', () => {
    expect(magSignaalZien({ organisatieId: 'CORP', regioId: 'R', soort: 'woningcorporatie' }, p)).toBe(true);
    expect(magSignaalZien({ organisatieId: 'CORP2', regioId: 'R', soort: 'woningcorporatie' }, p)).toBe(false);
    expect(magSignaalZien({ organisatieId: 'AANB', regioId: 'R', soort: 'aanbieder' }, p)).toBe(true);
    expect(magSignaalZien({ organisatieId: 'AANB2', regioId: 'R', soort: 'aanbieder' }, p)).toBe(false);
    expect(magSignaalZien({ organisatieId: 'GEM', regioId: 'R', soort: 'regiogemeente' }, p)).toBe(true);
    expect(magSignaalZien({ organisatieId: 'GEM2', regioId: 'R', soort: 'regiogemeente' }, p)).toBe(false);
    expect(magSignaalZien({ organisatieId: 'CENTRUM', regioId: 'R', soort: 'centrumgemeente' }, p)).toBe(true);
    expect(magSignaalZien({ organisatieId: 'CENTRUM', regioId: 'ANDER', soort: 'centrumgemeente' }, p)).toBe(false);
  });
  it('melden: corporatie van de woning, gemeente van de woning, centrumgemeente; nooit een aanbieder', () => {
    expect(magSignaalMelden({ organisatieId: 'CORP', regioId: 'R', soort: 'woningcorporatie' }, p)).toBe(true);
    expect(magSignaalMelden({ organisatieId: 'CORP2', regioId: 'R', soort: 'woningcorporatie' }, p)).toBe(false);
    expect(magSignaalMelden({ organisatieId: 'GEM', regioId: 'R', soort: 'regiogemeente' }, p)).toBe(true);
    expect(magSignaalMelden({ organisatieId: 'AANB', regioId: 'R', soort: 'aanbieder' }, p)).toBe(false);
    expect(magSignaalMelden({ organisatieId: 'X', regioId: 'ANDER', soort: 'centrumgemeente' }, p)).toBe(false);
  });
  it('een centrumgemeente die zelf meldde is melder én centrumgemeente', () => {
    expect(rollenVoor({ organisatieId: 'C', regioId: 'R', soort: 'centrumgemeente' }, { ...p, melderOrganisatieId: 'C' })).toEqual(['melder', 'centrumgemeente']);
    expect(rollenVoor({ organisatieId: 'AANB', regioId: 'ANDER', soort: 'aanbieder' }, p)).toEqual([]);
  });
});

describe('termijnen in Europe/Amsterdam rond de zomertijdwissel', () => {
  // 2026: zomertijd begint zondag 29 maart 02:00 → 03:00, eindigt zondag 25 oktober 03:00 → 02:00

  it('reactieUren zijn verstreken uren: 72 uur over de maartwissel toont lokaal een uur later', () => {
    const gemeld = utc('2026-03-27T09:00:00Z'); // vrijdag 10:00 CET
    const deadline = nieuweDeadline(null, 'gemeld', gemeld, { reactieUren: 72, oplosDagen: 5 })!;
    expect(iso(deadline)).toBe('2026-03-30T09:00:00.000Z'); // maandag 11:00 CEST
    expect(deadline.getTime() - gemeld.getTime()).toBe(72 * 3_600_000);
    expect(lokaleTijd(deadline).uur).toBe(11);
  });

  it('reactieUren over de oktoberwissel: lokaal een uur eerder, nog steeds 72 verstreken uren', () => {
    const gemeld = utc('2026-10-23T08:00:00Z'); // vrijdag 10:00 CEST
    const deadline = plusUren(gemeld, 72);
    expect(iso(deadline)).toBe('2026-10-26T08:00:00.000Z'); // maandag 09:00 CET
    expect(lokaleTijd(deadline).uur).toBe(9);
  });

  it('oplosDagen zijn kalenderdagen op dezelfde kloktijd: 5 dagen over de maartwissel = 119 uur', () => {
    const opgepakt = utc('2026-03-27T09:00:00Z'); // 10:00 CET
    const deadline = nieuweDeadline('gemeld', 'opgepakt', opgepakt, { reactieUren: 72, oplosDagen: 5 })!;
    expect(iso(deadline)).toBe('2026-04-01T08:00:00.000Z'); // woensdag 10:00 CEST
    expect((deadline.getTime() - opgepakt.getTime()) / 3_600_000).toBe(119);
    expect(lokaleTijd(deadline)).toMatchObject({ dag: 1, maand: 4, uur: 10, minuut: 0 });
  });

  it('oplosDagen over de oktoberwissel = 73 uur voor 3 dagen', () => {
    const opgepakt = utc('2026-10-23T08:00:00Z'); // 10:00 CEST
    const deadline = plusKalenderdagen(opgepakt, 3);
    expect(iso(deadline)).toBe('2026-10-26T09:00:00.000Z'); // 10:00 CET
    expect((deadline.getTime() - opgepakt.getTime()) / 3_600_000).toBe(73);
  });

  it('een kloktijd die op de wisseldag niet bestaat schuift op; een dubbele kloktijd neemt de eerste', () => {
    // zaterdag 28 maart 02:30 CET + 1 dag: 02:30 bestaat niet op zondag → 03:30 CEST
    expect(iso(plusKalenderdagen(utc('2026-03-28T01:30:00Z'), 1))).toBe('2026-03-29T01:30:00.000Z');
    expect(lokaleTijd(plusKalenderdagen(utc('2026-03-28T01:30:00Z'), 1)).uur).toBe(3);
    // zaterdag 24 oktober 02:30 CEST + 1 dag: 02:30 bestaat twee keer → de eerste (CEST, 00:30Z)
    expect(iso(plusKalenderdagen(utc('2026-10-24T00:30:00Z'), 1))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(vanLokaleTijd({ jaar: 2026, maand: 10, dag: 25, uur: 3, minuut: 0, seconde: 0, milli: 0 }))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('in behandeling nemen en escaleren laten de lopende deadline staan; terugleggen start een nieuwe oplostermijn', () => {
    const t = utc('2026-06-01T10:00:00Z');
    const a = { reactieUren: 24, oplosDagen: 14 };
    expect(nieuweDeadline('opgepakt', 'in_behandeling', t, a)).toBeNull();
    expect(nieuweDeadline('gemeld', 'geescaleerd', t, a)).toBeNull();
    expect(nieuweDeadline('in_behandeling', 'opgelost', t, a)).toBeNull();
    expect(iso(nieuweDeadline('geescaleerd', 'in_behandeling', t, a))).toBe('2026-06-15T10:00:00.000Z');
  });

  it('eigenschap: kalenderdagen behouden datum-plus-n en de lokale kloktijd (buiten het gat), uren zijn exact', () => {
    const jaar2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
    fc.assert(
      fc.property(jaar2026, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 400 }), (start, dagen, uren) => {
        expect(plusUren(start, uren).getTime() - start.getTime()).toBe(uren * 3_600_000);
        const eind = plusKalenderdagen(start, dagen);
        const verwachteDatum = plusDagen(lokaleDatum(start), dagen);
        const l0 = lokaleTijd(start);
        const l1 = lokaleTijd(eind);
        // the date is always n days later; on the spring-forward night the 02:xx hour may not exist and moves to 03:xx
        expect(lokaleDatum(eind)).toBe(verwachteDatum);
        expect(l1.minuut).toBe(l0.minuut);
        if (!(l0.uur === 2 && l1.uur === 3)) expect(l1.uur).toBe(l0.uur);
        // reading the wall time back gives the same instant: the result is always a canonical local time
        expect(vanLokaleTijd(l1).getTime()).toBe(eind.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('te laat alleen in een open status en na de deadline', () => {
    const nu = utc('2026-11-01T12:00:00Z');
    expect(isTeLaat({ status: 'gemeld', deadline: utc('2026-11-01T11:59:00Z') }, nu)).toBe(true);
    expect(isTeLaat({ status: 'gemeld', deadline: utc('2026-11-01T12:01:00Z') }, nu)).toBe(false);
    expect(isTeLaat({ status: 'opgelost', deadline: utc('2026-10-01T00:00:00Z') }, nu)).toBe(false);
    expect(isTeLaat({ status: 'geescaleerd', deadline: utc('2026-10-01T00:00:00Z') }, nu)).toBe(false);
  });

  it('lokale datum en tijdtekst van een moment net na middernacht Amsterdamse tijd', () => {
    expect(lokaleTijdTekst(utc('2026-10-13T18:00:00Z'))).toBe('13-10-2026 20:00');
    expect(lokaleDatum(utc('2026-10-31T23:30:00Z'))).toBe('2026-11-01');
    expect(lokaleDatum(utc('2026-07-31T22:30:00Z'))).toBe('2026-08-01');
  });
});

describe('details en schulden', () => {
  it('samenvatting zonder cliëntgegevens', () => {
    expect(samenvatting({ soort: 'huurachterstand', bedragCenten: 123456, maanden: 3 })).toBe('Huurachterstand € 1.234,56 (3 maanden)');
    expect(samenvatting({ soort: 'overlast', categorie: 'geluid' })).toBe('Overlast: geluid');
  });
  it('geregeld = elke schuld heeft een regeling of is afgelost; geen schulden is ook geregeld', () => {
    expect(isSchuldGeregeld([])).toBe(true);
    expect(isSchuldGeregeld(['regeling_getroffen', 'afgelost'])).toBe(true);
    expect(isSchuldGeregeld(['regeling_getroffen', 'open'])).toBe(false);
  });
});
