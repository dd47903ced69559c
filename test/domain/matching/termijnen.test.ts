import { describe, expect, it } from 'vitest';
import { naWerkdagen, STANDAARD_VOORSTEL_TERMIJNEN, termijnVoorStap, werkdagenVoor } from '../../../src/domain/matching/termijnen.js';
import { partijenVoor, partijVanReden, AFWIJZINGSREDENEN, REDEN_PARTIJEN, parkeerEindFout } from '../../../src/domain/matching/redenen.js';

const lokaal = (d: Date) => d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });

describe('termijnen in werkdagen', () => {
  it('telt vanaf de dag erna, slaat het weekend over en eindigt om middernacht Nederlandse tijd', () => {
    // Monday 2 November 2026, afternoon: 10 werkdagen = Tue 3 … Mon 16; deadline midnight into Tuesday 17 November
    expect(lokaal(naWerkdagen(new Date('2026-11-02T14:30:00Z'), 10))).toBe('17-11-2026, 00:00');
    // Friday 23:30 local (22:30 UTC): 1 werkdag is Monday, deadline midnight into Tuesday
    expect(lokaal(naWerkdagen(new Date('2026-11-06T22:30:00Z'), 1))).toBe('10-11-2026, 00:00');
    // a step begun on Saturday: Monday is the first werkdag
    expect(lokaal(naWerkdagen(new Date('2026-11-07T10:00:00Z'), 1))).toBe('10-11-2026, 00:00');
  });

  it('over de zomertijdwissel blijft de grens middernacht lokaal', () => {
    // Thursday 22 October 2026 + 3 werkdagen = Fri 23, Mon 26, Tue 27 → midnight into Wednesday 28 (after the change on the 25th)
    const d = naWerkdagen(new Date('2026-10-22T09:00:00Z'), 3);
    expect(lokaal(d)).toBe('28-10-2026, 00:00');
    expect(d.toISOString()).toBe('2026-10-27T23:00:00.000Z');
    expect(naWerkdagen(new Date('2026-03-26T09:00:00Z'), 3).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('herinnering werkdagen vóór de grens, verval na het respijt; nooit een herinnering vóór de stap zelf', () => {
    const sinds = new Date('2026-11-02T14:30:00Z');
    const t = termijnVoorStap('voorstel', sinds, STANDAARD_VOORSTEL_TERMIJNEN)!;
    expect(lokaal(t.deadline)).toBe('17-11-2026, 00:00');
    expect(lokaal(t.herinnerVanaf)).toBe('12-11-2026, 00:00');
    // respijt 5 werkdagen after Monday 16: Tue 17 … Mon 23 → midnight into Tuesday 24
    expect(lokaal(t.verlooptOp)).toBe('24-11-2026, 00:00');
    expect(lokaal(werkdagenVoor(t.deadline, 0))).toBe('17-11-2026, 00:00');
    const kort = termijnVoorStap('voorstel', sinds, { ...STANDAARD_VOORSTEL_TERMIJNEN, corporatieWerkdagen: 1, herinneringWerkdagen: 3 })!;
    expect(kort.herinnerVanaf).toEqual(sinds);
    expect(termijnVoorStap('akkoord_aanbieder', sinds, STANDAARD_VOORSTEL_TERMIJNEN)!.deadline.getTime()).toBeGreaterThan(t.deadline.getTime());
    expect(termijnVoorStap('afgewezen', sinds, STANDAARD_VOORSTEL_TERMIJNEN)).toBeNull();
  });
});

describe('redenen per partij', () => {
  it('elke code hoort bij precies één partij, 8–12 per partij; wie spreekt voor wie', () => {
    const alle = REDEN_PARTIJEN.flatMap((p) => Object.keys(AFWIJZINGSREDENEN[p]));
    expect(new Set(alle).size).toBe(alle.length);
    for (const p of REDEN_PARTIJEN) {
      const n = Object.keys(AFWIJZINGSREDENEN[p]).length;
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(12);
      for (const c of Object.keys(AFWIJZINGSREDENEN[p])) expect(partijVanReden(c)).toBe(p);
    }
    expect(partijVanReden('bestaat_niet')).toBeNull();
    expect(partijenVoor('woningcorporatie')).toEqual(['corporatie']);
    expect(partijenVoor('aanbieder')).toEqual(['aanbieder', 'client']);
    expect(partijenVoor('regiogemeente')).toEqual(['gemeente', 'client']);
    expect(partijenVoor('landelijk')).toEqual([]);
  });

  it('parkeren 30 tot en met 365 dagen', () => {
    expect(parkeerEindFout('2026-11-01', '2026-11-30')).toMatch(/minder dan 30/);
    expect(parkeerEindFout('2026-11-01', '2026-12-01')).toBeNull();
    expect(parkeerEindFout('2026-11-01', '2027-11-01')).toBeNull();
    expect(parkeerEindFout('2026-11-01', '2027-11-02')).toMatch(/meer dan 365/);
  });
});
