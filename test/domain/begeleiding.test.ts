import { describe, expect, it } from 'vitest';
import { bestemmingBijSleuteloverdracht } from '../../src/domain/begeleiding.js';
import { HUURCONSTRUCTIE_SOORTEN, type HuurconstructieSoort } from '../../src/domain/woningen.js';
import { BLIJVENDE_BESTEMMINGEN } from '../../src/domain/uitkomsten.js';

describe('bestemming bij de sleuteloverdracht', () => {
  // written out per construction, not derived from HUURCONSTRUCTIES: a change there must show up here
  const verwacht: Record<HuurconstructieSoort, string> = {
    direct: 'zelfstandige_woning',
    proefhuur: 'zelfstandige_woning',
    hoofdhuur_onderhuur: 'woning_met_begeleiding',
    omklap: 'woning_met_begeleiding',
    housing_first: 'woning_met_begeleiding',
    driepartijen: 'woning_met_begeleiding',
  };

  it('een constructie met een verplichte begeleidingsafspraak is een woning met begeleiding, de andere een zelfstandige woning', () => {
    expect(Object.keys(verwacht).sort()).toEqual([...HUURCONSTRUCTIE_SOORTEN].sort());
    for (const h of HUURCONSTRUCTIE_SOORTEN) expect(bestemmingBijSleuteloverdracht(h), h).toBe(verwacht[h]);
  });

  it('elke uitkomst telt als blijvend', () => {
    for (const h of HUURCONSTRUCTIE_SOORTEN) expect(BLIJVENDE_BESTEMMINGEN).toContain(bestemmingBijSleuteloverdracht(h));
  });
});
