import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  gemiddelde,
  magZrmToelichtingZien,
  MIN_GESCOORD,
  uitstroomHint,
  UITSTROOM_DOMEINEN,
  UITSTROOM_DREMPEL,
  valideerZrm,
  ZRM_DOMEINEN,
  type ZrmScore,
  type ZrmScores,
} from '../../src/domain/zrm.js';
import type { Actor } from '../../src/domain/auth.js';

const VANDAAG = '2026-11-01';
const alle = (w: ZrmScore | null): ZrmScores => Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, w])) as ZrmScores;
const scoreArb = fc.constantFrom<ZrmScore | null>(1, 2, 3, 4, 5, null);
const scoresArb = fc.record(Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, scoreArb])) as Record<(typeof ZRM_DOMEINEN)[number], fc.Arbitrary<ZrmScore | null>>) as fc.Arbitrary<ZrmScores>;

describe('ZRM-invoer controleren', () => {
  it('een volledige beoordeling gaat door, toelichting getrimd en leeg wordt null', () => {
    const uit = valideerZrm({ datum: '2026-10-01', scores: alle(3), toelichting: '  ' }, VANDAAG);
    expect(uit).toEqual({ ok: true, waarde: { datum: '2026-10-01', scores: alle(3), toelichting: null } });
  });

  it('een score buiten 1–5 noemt het domein zoals het formulier het noemt', () => {
    const uit = valideerZrm({ datum: '2026-10-01', scores: { ...alle(3), financien: 6, justitie: 2.5, huisvesting: '3' } }, VANDAAG);
    expect(uit.ok).toBe(false);
    if (uit.ok) return;
    expect(uit.fouten).toEqual([
      { pad: 'scores.financien', veld: 'Score Financiën', melding: 'Score Financiën moet 1 tot en met 5 zijn' },
      { pad: 'scores.huisvesting', veld: 'Score Huisvesting', melding: 'Score Huisvesting moet 1 tot en met 5 zijn' },
      { pad: 'scores.justitie', veld: 'Score Justitie', melding: 'Score Justitie moet 1 tot en met 5 zijn' },
    ]);
  });

  it('een ontbrekend domein, een onbekend domein en te weinig scores worden geweigerd', () => {
    const { financien: _weg, ...zonder } = alle(4);
    const a = valideerZrm({ datum: '2026-10-01', scores: { ...zonder, hobby: 3 } }, VANDAAG);
    expect(!a.ok && a.fouten.map((f) => f.pad)).toEqual(['scores.financien', 'scores.hobby']);
    const weinig = { ...alle(4), werk_opleiding: null, justitie: null, tijdsbesteding: null, sociaal_netwerk: null } as ZrmScores;
    const b = valideerZrm({ datum: '2026-10-01', scores: weinig }, VANDAAG);
    expect(!b.ok && b.fouten).toEqual([{ pad: 'scores', veld: 'Scores', melding: expect.stringContaining(`minstens ${MIN_GESCOORD} van de 13`) }]);
    // exactly MIN_GESCOORD scored is enough
    expect(valideerZrm({ datum: '2026-10-01', scores: { ...weinig, sociaal_netwerk: 2 } }, VANDAAG).ok).toBe(true);
  });

  it('de datum volgt de grenzen van een gebeurtenis', () => {
    for (const [datum, melding] of [
      ['1899-12-31', 'Datum ligt vóór 1900'],
      ['2026-02-30', 'Datum is geen geldige datum (JJJJ-MM-DD)'],
      ['2027-11-02', 'Datum ligt meer dan een jaar in de toekomst'],
    ]) {
      const uit = valideerZrm({ datum, scores: alle(3) }, VANDAAG);
      expect(!uit.ok && uit.fouten).toEqual([{ pad: 'datum', veld: 'Datum', melding }]);
    }
    expect(valideerZrm({ datum: '2027-11-01', scores: alle(3) }, VANDAAG).ok).toBe(true);
  });

  it('elke combinatie van geldige scores met genoeg gescoord gaat door; elke andere waarde niet', () => {
    fc.assert(
      fc.property(scoresArb, (scores) => {
        const gescoord = ZRM_DOMEINEN.filter((d) => scores[d] !== null).length;
        expect(valideerZrm({ datum: '2026-01-01', scores }, VANDAAG).ok).toBe(gescoord >= MIN_GESCOORD);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ZRM_DOMEINEN), fc.oneof(fc.integer().filter((n) => n < 1 || n > 5), fc.double(), fc.string(), fc.boolean()), (d, w) => {
        fc.pre(!(typeof w === 'number' && Number.isInteger(w) && w >= 1 && w <= 5));
        const uit = valideerZrm({ datum: '2026-01-01', scores: { ...alle(4), [d]: w } }, VANDAAG);
        expect(!uit.ok && uit.fouten.map((f) => f.pad)).toEqual([`scores.${d}`]);
      }),
    );
  });
});

describe('uitstroomhint', () => {
  it('klaar als de woondomeinen minstens 3 zijn en nergens 1; anders noemt hij wat tegenhoudt', () => {
    expect(uitstroomHint(alle(3))).toMatchObject({ klaar: true, tegenhouders: [] });
    const hint = uitstroomHint({ ...alle(4), financien: 2, justitie: 1, werk_opleiding: 2, huisvesting: null });
    expect(hint.klaar).toBe(false);
    expect(hint.tegenhouders.map((t) => t.domein)).toEqual(['financien', 'huisvesting', 'justitie']);
    expect(hint.tekst).toBe('Nog niet. Deze domeinen houden het tegen: Financiën: 2 (niet zelfredzaam); Huisvesting: niet gescoord; Justitie: 1 (acute problematiek).');
    expect(uitstroomHint({ ...alle(5), middelengebruik: 2 }).tekst).toBe('Nog niet. Dit domein houdt het tegen: Middelengebruik: 2 (niet zelfredzaam).');
  });

  it('de hint noemt precies de domeinen onder de drempel of in acute problematiek', () => {
    fc.assert(
      fc.property(scoresArb, (scores) => {
        const verwacht = ZRM_DOMEINEN.filter((d) => {
          const w = scores[d];
          return w === 1 || (UITSTROOM_DOMEINEN.includes(d) && (w === null || w < UITSTROOM_DREMPEL));
        });
        const hint = uitstroomHint(scores);
        expect(hint.tegenhouders.map((t) => t.domein)).toEqual(verwacht);
        expect(hint.klaar).toBe(verwacht.length === 0);
        for (const t of hint.tegenhouders) expect(hint.tekst).toContain(t.label);
      }),
    );
  });

  it('een score verhogen maakt een klare cliënt nooit niet-klaar en voegt geen tegenhouder toe', () => {
    fc.assert(
      fc.property(scoresArb, fc.constantFrom(...ZRM_DOMEINEN), fc.integer({ min: 1, max: 4 }), (scores, d, erbij) => {
        const oud = scores[d];
        fc.pre(oud !== null && oud < 5);
        const hoger = { ...scores, [d]: Math.min(5, oud + erbij) as ZrmScore };
        const voor = uitstroomHint(scores);
        const na = uitstroomHint(hoger);
        if (voor.klaar) expect(na.klaar).toBe(true);
        const voorDomeinen = new Set(voor.tegenhouders.map((t) => t.domein));
        for (const t of na.tegenhouders) expect(voorDomeinen.has(t.domein)).toBe(true);
      }),
    );
  });

  it('het gemiddelde telt alleen gescoorde domeinen', () => {
    expect(gemiddelde({ ...alle(4), justitie: null, financien: 1 })).toBe(3.8);
    expect(gemiddelde(alle(null))).toBeNull();
  });
});

describe('wie de toelichting leest', () => {
  it('alleen medewerker toegang en consulent van een zorgorganisatie', () => {
    for (const soort of ['centrumgemeente', 'regiogemeente', 'aanbieder', 'woningcorporatie'] as const) {
      for (const rol of ['beheerder', 'medewerker_toegang', 'consulent', 'alleen_lezen'] as const) {
        const actor = { soort, rol } as Actor;
        expect(magZrmToelichtingZien(actor)).toBe(soort !== 'woningcorporatie' && (rol === 'consulent' || rol === 'medewerker_toegang'));
      }
    }
  });
});
