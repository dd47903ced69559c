import { describe, expect, it } from 'vitest';
import { bindendeRegelInWoorden } from '../../../src/domain/matching/toelichting.js';

describe('bindendeRegelInWoorden', () => {
  it('noemt het maximum van de eigen afspraak (ADR 0033)', () => {
    expect(bindendeRegelInWoorden('max per complex bereikt (complex Hof: 1 nieuw, ruimte was 1; max. 2 per complex volgens de afspraak Centrumstad – Woonstede)')).toBe(
      'Met dit voorstel is het afgesproken maximum voor complex Hof bereikt (max. 2 per complex volgens de afspraak Centrumstad – Woonstede).',
    );
    expect(bindendeRegelInWoorden('Noorddorp: wijkmaximum bereikt (wijk Oost in Noorddorp: 3 nieuw, ruimte was 3; max. 4 per wijk volgens de afspraak Noorddorp – Thuisbaas)')).toBe(
      'Met dit voorstel is het afgesproken maximum voor wijk Oost in Noorddorp bereikt (max. 4 per wijk volgens de afspraak Noorddorp – Thuisbaas).',
    );
  });

  it('zonder eigen maximum (regioregel) blijft de zin zoals hij was', () => {
    expect(bindendeRegelInWoorden('max per complex bereikt (complex Hof: 1 nieuw, ruimte was 1)')).toBe('Met dit voorstel is het afgesproken maximum voor complex Hof bereikt.');
  });
});
