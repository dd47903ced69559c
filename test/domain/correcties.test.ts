import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BESTEMMINGEN,
  controleerTraject,
  CORRECTIE,
  EVENT_SOORTEN,
  geldigeEvents,
  leidToestandAf,
  metVervanging,
  NIVEAUS,
  pasToe,
  plusDagen,
  BEGIN_TOESTAND,
  type TrajectEvent,
} from '../../src/domain/trajecten.js';

type Opgeslagen = TrajectEvent & { id: number; vervaltEventId?: number | null };

const eventArb = fc.record({
  soort: fc.constantFrom(...EVENT_SOORTEN),
  niveau: fc.option(fc.constantFrom(...NIVEAUS), { nil: undefined }),
  bestemming: fc.option(fc.constantFrom(...BESTEMMINGEN), { nil: undefined }),
  urgentie: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  na: fc.integer({ min: 1, max: 60 }),
});

/** A valid trajectory with strictly increasing dates, stored with ids 1..n as the database would. */
const trajectArb = fc.array(eventArb, { minLength: 1, maxLength: 30 }).map((reeks) => {
  const geldig: Opgeslagen[] = [];
  let t = BEGIN_TOESTAND;
  let datum = '2023-01-01';
  for (const { na, ...e } of reeks) {
    datum = plusDagen(datum, na);
    try {
      t = pasToe(t, { ...e, datum });
      geldig.push({ ...e, datum, id: geldig.length + 1 });
    } catch {
      /* refused events are not recorded */
    }
  }
  return geldig;
});

const kaal = ({ id: _id, vervaltEventId: _v, ...e }: Opgeslagen): TrajectEvent => e;
/** how the repositories read events: by date, then by id */
const opVolgorde = (lijst: Opgeslagen[]) => [...lijst].sort((a, b) => a.datum.localeCompare(b.datum) || a.id - b.id);

describe('correctie-events (AVG art. 16)', () => {
  it('geldigeEvents laat de correctie en de vervallen gebeurtenis weg en houdt de volgorde', () => {
    const lijst = [
      { id: 1, soort: 'aanmelding' },
      { id: 2, soort: 'beoordeling' },
      { id: 3, soort: 'indicatie' },
      { id: 4, soort: CORRECTIE, vervaltEventId: 2 },
    ];
    expect(geldigeEvents(lijst).map((e) => e.id)).toEqual([1, 3]);
    expect(geldigeEvents(lijst.slice(0, 3)).map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('ongedaan maken en opnieuw toevoegen: de toestand is steeds de vouw van de gebeurtenissen die overblijven', () => {
    fc.assert(
      fc.property(trajectArb, fc.nat(), (events, keuze) => {
        fc.pre(events.length > 0);
        const origineel = leidToestandAf(events.map(kaal));
        const doel = events[keuze % events.length]!;
        const rest = events.filter((e) => e.id !== doel.id);
        const correctie: Opgeslagen = { id: events.length + 1, soort: CORRECTIE as never, datum: '2030-01-01', vervaltEventId: doel.id };
        const na = opVolgorde([...events, correctie]);
        const controle = controleerTraject(rest.map(kaal));
        if (controle.ok) {
          expect(leidToestandAf(geldigeEvents(na).map(kaal))).toEqual(leidToestandAf(rest.map(kaal)));
        } else {
          // the repository refuses such a correction (422); the fold would throw at the same event
          expect(() => leidToestandAf(geldigeEvents(na).map(kaal))).toThrow();
        }
        // re-adding the voided event as its replacement gives back the original state
        const vervanging: Opgeslagen = { ...doel, id: events.length + 2 };
        const terug = opVolgorde([...na, vervanging]);
        expect(geldigeEvents(terug).map(kaal)).toEqual(metVervanging(rest.map(kaal), kaal(doel)));
        expect(leidToestandAf(geldigeEvents(terug).map(kaal))).toEqual(origineel);
      }),
      { numRuns: 400 },
    );
  });
});
