import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_PREFIX, MIN_PREFIX, naamIndexTermen, naamTokens, zoekTermen } from '../../src/domain/naamzoek.js';
import { isJongere, jongereGeboortedata, plusDagen } from '../../src/domain/trajecten.js';

describe('naamtokens en zoektermen', () => {
  it('normaliseert: kleine letters, zonder accenten, gesplitst op spaties en streepjes', () => {
    expect(naamTokens('Priya de Vries')).toEqual(['priya', 'de', 'vries']);
    expect(naamTokens('  Jörg   Müller-Lüdenscheidt ')).toEqual(['jorg', 'muller', 'ludenscheidt']);
    expect(naamTokens("Seán O'Brien")).toEqual(['sean', 'obrien']);
    expect(naamTokens('Ánh Nguyễn – Łukasz Øvergård')).toEqual(['anh', 'nguyen', 'lukasz', 'overgard']);
    expect(naamTokens('!! --')).toEqual([]);
  });

  it('indexeert elk woord heel en zijn beginstukken vanaf 3 tekens', () => {
    expect(naamIndexTermen('Priya de Vries').sort()).toEqual(['de', 'pri', 'priy', 'priya', 'vri', 'vrie', 'vries'].sort());
  });

  it('elk woord van een naam en elk beginstuk van minstens 3 tekens vindt de naam terug', () => {
    const woord = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,30}$/);
    fc.assert(
      fc.property(fc.array(woord, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat(), (woorden, w, lengte) => {
        const naam = woorden.join(w % 2 ? ' ' : '-');
        const termen = new Set(naamIndexTermen(naam));
        const tokens = naamTokens(naam);
        const token = [...tokens[w % tokens.length]!];
        const n = Math.min(token.length, MIN_PREFIX + (lengte % 40));
        const fragment = n < MIN_PREFIX ? token.join('') : token.slice(0, n).join('');
        expect(zoekTermen(fragment.toUpperCase()).every((t) => termen.has(t))).toBe(true);
        expect(zoekTermen(naam).every((t) => termen.has(t))).toBe(true);
        for (const t of termen) expect([...t].length <= MAX_PREFIX || tokens.includes(t)).toBe(true);
      }),
    );
  });
});

describe('jongeren als bereik op de geboortedatum', () => {
  it('isJongere(g, p) ⇔ na < g <= uiterlijk, ook rond 29 februari', () => {
    const datum = fc.integer({ min: 0, max: 60 * 366 }).map((d) => plusDagen('1970-01-01', d));
    const randgevallen = ['2024-02-29', '2025-02-28', '2025-03-01', '2028-02-29', '2027-02-28', '2026-11-01'];
    fc.assert(
      fc.property(datum, fc.oneof(datum, fc.constantFrom(...randgevallen)), fc.integer({ min: -2, max: 2 }), (g, p, jitter) => {
        // birth dates close to the 18th and 25th birthday are the interesting ones
        const { na, uiterlijk } = jongereGeboortedata(p);
        for (const kandidaat of [g, plusDagen(na, jitter), plusDagen(uiterlijk, jitter)]) {
          expect(isJongere(kandidaat, p)).toBe(na < kandidaat && kandidaat <= uiterlijk);
        }
      }),
      { numRuns: 2000 },
    );
    expect(jongereGeboortedata('2025-02-28')).toEqual({ na: '2000-02-28', uiterlijk: '2007-02-28' });
    expect(jongereGeboortedata('2028-02-29')).toEqual({ na: '2003-02-28', uiterlijk: '2010-02-28' });
    expect(jongereGeboortedata('2024-02-29')).toEqual({ na: '1999-02-28', uiterlijk: '2006-02-28' });
  });
});
