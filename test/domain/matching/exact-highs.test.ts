import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchExact } from '../../../src/domain/matching/exact-highs.js';
import { controleerToewijzing } from '../../../src/domain/matching/index.js';
import { bruteForce, invoerArb } from './helpers.js';

describe('matchExact (HiGHS)', () => {
  it('is gelijk aan brute force op kleine instanties', async () => {
    await fc.assert(
      fc.asyncProperty(invoerArb(5, 5), async (invoer) => {
        const bf = bruteForce(invoer);
        const e = await matchExact(invoer, { tijdslimiet: 20 });
        expect(e.optimaal).toBe(true);
        expect(controleerToewijzing(invoer, e.resultaat!.voorstellen)).toEqual([]);
        expect(e.objectief).toBe(bf.objectief);
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});
