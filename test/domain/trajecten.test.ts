import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BLIJVENDE_BESTEMMINGEN } from '../../src/domain/uitkomsten.js';
import {
  leeftijdOp,
  BEGIN_TOESTAND,
  BESTEMMINGEN,
  BESTEMMING_LABEL,
  WOONSITUATIES,
  WOONSITUATIE_LABEL,
  EVENT_SOORTEN,
  NIVEAUS,
  NIVEAU_INTENSITEIT,
  TOEGESTANE_EVENTS,
  TrajectFout,
  isJongere,
  leidToestandAf,
  pasToe,
  plusDagen,
  type Toestand,
  type TrajectEvent,
} from '../../src/domain/trajecten.js';

const pad = (...events: Omit<TrajectEvent, 'datum'>[]): TrajectEvent[] => events.map((e, i) => ({ ...e, datum: plusDagen('2024-01-01', i * 10) }));
const totInZorg = pad({ soort: 'aanmelding' }, { soort: 'beoordeling', urgentie: 2 }, { soort: 'indicatie', niveau: 'bw_intramuraal' }, { soort: 'instroom' });

describe('overgangen van het traject', () => {
  it('doorloopt aanmelding → beoordeling → indicatie → instroom → uitstroomklaar → uitstroom', () => {
    const t = leidToestandAf([...totInZorg, { soort: 'uitstroomklaar', datum: '2024-06-01' }, { soort: 'uitstroom', datum: '2024-09-01', bestemming: 'zelfstandige_woning' }]);
    expect(t.fase).toBe('uitgestroomd');
    expect(t.bestemming).toBe('zelfstandige_woning');
    expect(t.laatsteUitstroom).toBe('2024-09-01');
    expect(t.urgentie).toBe(2);
  });

  it('instroom neemt het geïndiceerde niveau over', () => {
    expect(leidToestandAf(totInZorg)).toMatchObject({ fase: 'in_zorg', niveau: 'bw_intramuraal', sinds: '2024-01-31' });
  });

  it.each([
    ['aanmelding twee keer', pad({ soort: 'aanmelding' }, { soort: 'aanmelding' }), 'kan niet in fase'],
    ['instroom zonder indicatie', pad({ soort: 'aanmelding' }, { soort: 'instroom', niveau: 'bw_intramuraal' }), 'kan niet in fase'],
    ['uitstroom zonder traject', pad({ soort: 'uitstroom', bestemming: 'onbekend' }), 'kan niet in fase'],
    ['indicatie zonder niveau', pad({ soort: 'aanmelding' }, { soort: 'beoordeling' }, { soort: 'indicatie' }), 'vereist een ondersteuningsniveau'],
    ['urgentie buiten 0–3', pad({ soort: 'aanmelding' }, { soort: 'beoordeling', urgentie: 7 }), 'Urgentie'],
    ['doorstroom naar zwaarder', [...totInZorg, { soort: 'doorstroom', niveau: 'bw_intramuraal', datum: '2024-05-01' }], 'lichter niveau'],
    ['terugval naar lichter', [...totInZorg, { soort: 'terugval', niveau: 'ambulant', datum: '2024-05-01' }], 'zwaarder niveau'],
    ['uitstroom zonder bestemming', [...totInZorg, { soort: 'uitstroom', datum: '2024-05-01' }], 'bestemming'],
    ['datum terug in de tijd', [...totInZorg, { soort: 'uitstroomklaar', datum: '2023-01-01' }], 'vóór de vorige'],
    ['ongeldige datum', [{ soort: 'aanmelding', datum: '2024-02-30' }], 'Ongeldige datum'],
    ['uitval na uitstroom', [...totInZorg, { soort: 'uitstroom', datum: '2024-05-01', bestemming: 'familie_netwerk_tijdelijk' }, { soort: 'uitval', datum: '2024-06-01' }], 'kan niet in fase'],
    ['een oude bestemmingscode (vóór migratie 0033)', [...totInZorg, { soort: 'uitstroom', datum: '2024-05-01', bestemming: 'familie_netwerk' as never }], 'Onbekende bestemming'],
    ['woonsituatie bij een andere gebeurtenis dan de aanmelding', pad({ soort: 'aanmelding' }, { soort: 'beoordeling', woonsituatie: 'nachtopvang' }), 'hoort alleen bij een aanmelding'],
    ['onbekende woonsituatie', pad({ soort: 'aanmelding', woonsituatie: 'kasteel' as never }), 'Onbekende woonsituatie vóór aanmelding'],
  ] as [string, TrajectEvent[], string][])('weigert: %s', (_naam, events, melding) => {
    expect(() => leidToestandAf(events)).toThrow(TrajectFout);
    expect(() => leidToestandAf(events)).toThrow(melding);
  });

  it('staat terugval na uitstroom toe en onthoudt de laatste uitstroom', () => {
    const t = leidToestandAf([...totInZorg, { soort: 'uitstroom', datum: '2024-05-01', bestemming: 'zelfstandige_woning' }, { soort: 'terugval', datum: '2024-12-01', niveau: 'beschermd_thuis' }]);
    expect(t).toMatchObject({ fase: 'in_zorg', niveau: 'beschermd_thuis', laatsteUitstroom: '2024-05-01' });
  });

  it('een aanmelding neemt de woonsituatie vóór aanmelding mee; elke gedocumenteerde code is geldig', () => {
    for (const woonsituatie of WOONSITUATIES) expect(leidToestandAf(pad({ soort: 'aanmelding', woonsituatie }))).toMatchObject({ fase: 'aangemeld' });
    expect(Object.keys(WOONSITUATIE_LABEL).sort()).toEqual([...WOONSITUATIES].sort());
  });

  it('blijvend en tijdelijk zijn te onderscheiden: familie/netwerk bestaat in beide, Wlz telt als blijvend, overleden niet', () => {
    expect(BLIJVENDE_BESTEMMINGEN).toContain('familie_netwerk_blijvend');
    expect(BLIJVENDE_BESTEMMINGEN).not.toContain('familie_netwerk_tijdelijk');
    expect(BLIJVENDE_BESTEMMINGEN).toContain('wlz_instelling');
    expect(BLIJVENDE_BESTEMMINGEN).not.toContain('overleden');
    for (const b of BLIJVENDE_BESTEMMINGEN) expect(BESTEMMINGEN).toContain(b);
    expect(Object.keys(BESTEMMING_LABEL).sort()).toEqual([...BESTEMMINGEN].sort());
  });

  it('doorstroom naar een lichter niveau', () => {
    const t = leidToestandAf([...totInZorg, { soort: 'doorstroom', datum: '2024-05-01', niveau: 'beschermd_thuis' }]);
    expect(t.niveau).toBe('beschermd_thuis');
  });

  it('jongere 18–24 op de peildatum', () => {
    expect(isJongere('2002-11-02', '2026-11-01')).toBe(true); // nog 23
    expect(isJongere('2001-11-01', '2026-11-01')).toBe(false); // net 25
    expect(isJongere('2008-11-02', '2026-11-01')).toBe(false); // nog 17
  });
});

const eventArb: fc.Arbitrary<Omit<TrajectEvent, 'datum'> & { na: number }> = fc.record({
  soort: fc.constantFrom(...EVENT_SOORTEN),
  niveau: fc.option(fc.constantFrom(...NIVEAUS), { nil: undefined }),
  bestemming: fc.option(fc.constantFrom(...BESTEMMINGEN), { nil: undefined }),
  urgentie: fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }),
  na: fc.integer({ min: -5, max: 60 }),
});

function invariant(t: Toestand) {
  const inZorg = t.fase === 'in_zorg' || t.fase === 'uitstroomklaar' || t.fase === 'geindiceerd';
  if (inZorg) expect(t.niveau).not.toBeNull();
  if (t.fase === 'uitgestroomd') expect(t.bestemming).not.toBeNull();
  if (t.fase === 'aangemeld' || t.fase === 'uitgestroomd' || t.fase === 'uitgevallen') expect(t.niveau).toBeNull();
  expect(t.urgentie).toBeGreaterThanOrEqual(0);
  expect(t.urgentie).toBeLessThanOrEqual(3);
  if (t.fase !== 'geen') expect(t.sinds).not.toBeNull();
}

describe('eigenschappen (fast-check)', () => {
  it('een toestand afgeleid uit willekeurige gebeurtenissen komt nooit in een onmogelijke toestand', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (reeks) => {
        let t = BEGIN_TOESTAND;
        let datum = '2023-01-01';
        for (const { na, ...e } of reeks) {
          datum = plusDagen(datum, na);
          const vorige = t;
          try {
            t = pasToe(t, { ...e, datum });
          } catch (err) {
            expect(err).toBeInstanceOf(TrajectFout);
            expect(t).toBe(vorige);
            continue;
          }
          expect(TOEGESTANE_EVENTS[vorige.fase]).toContain(e.soort);
          expect(datum >= (vorige.laatsteDatum ?? datum)).toBe(true);
          if (e.soort === 'doorstroom') expect(NIVEAU_INTENSITEIT[t.niveau!]).toBeLessThan(NIVEAU_INTENSITEIT[vorige.niveau!]);
          if (e.soort === 'terugval' && vorige.fase !== 'uitgestroomd') expect(NIVEAU_INTENSITEIT[t.niveau!]).toBeGreaterThan(NIVEAU_INTENSITEIT[vorige.niveau!]);
          invariant(t);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('afleiden is deterministisch en gelijk aan stap-voor-stap toepassen', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 25 }), (reeks) => {
        const geldig: TrajectEvent[] = [];
        let t = BEGIN_TOESTAND;
        let datum = '2023-01-01';
        for (const { na, ...e } of reeks) {
          datum = plusDagen(datum, Math.abs(na));
          try {
            t = pasToe(t, { ...e, datum });
            geldig.push({ ...e, datum });
          } catch {
            /* refused events are simply not recorded */
          }
        }
        expect(leidToestandAf(geldig)).toEqual(t);
      }),
    );
  });
});

describe('leeftijdOp', () => {
  const iso = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('is the number of whole years, as counting birthdays on the calendar gives it', () => {
    fc.assert(
      fc.property(iso, iso, (geboren, peil) => {
        const [gj, gm, gd] = geboren.split('-').map(Number) as [number, number, number];
        const [pj, pm, pd] = peil.split('-').map(Number) as [number, number, number];
        let jaren = pj - gj;
        if (pm < gm || (pm === gm && pd < gd)) jaren -= 1;
        expect(leeftijdOp(geboren, peil)).toBe(jaren);
      }),
      { numRuns: 2000 },
    );
  });
  it('turns a year older on the birthday itself, and a 29 February child on 1 March in other years', () => {
    expect(leeftijdOp('2000-12-02', '2026-12-01')).toBe(25);
    expect(leeftijdOp('2000-12-02', '2026-12-02')).toBe(26);
    expect(leeftijdOp('2004-02-29', '2026-02-28')).toBe(21);
    expect(leeftijdOp('2004-02-29', '2026-03-01')).toBe(22);
  });
});
