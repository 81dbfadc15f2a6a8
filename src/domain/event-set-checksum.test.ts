import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumOf, hashEventId, hashEventIdReference } from './event-set-checksum.ts';

describe('hashEventId', () => {
  it('equals the BigInt definition for any text, ids and wide characters alike', () => {
    for (const id of ['', 'a', '019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b', '\uffff\u0100x'])
      expect(hashEventId(id)).toBe(hashEventIdReference(id));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uuid(), fc.string({ unit: 'binary' })), (id) => {
        expect(hashEventId(id)).toBe(hashEventIdReference(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the checksum laptops and servers already print', () => {
    // Fixed: a stored projection_state holds sums of these hashes.
    expect(hashEventId('a').toString(16)).toBe('af63dc4c8601ec8c');
    expect(checksumOf(['a', 'b'])).toEqual({
      count: 2,
      sum: ((0xaf63dc4c8601ec8cn + hashEventIdReference('b')) & ((1n << 64n) - 1n))
        .toString(16)
        .padStart(16, '0'),
    });
  });
});
