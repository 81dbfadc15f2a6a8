import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './write-authority.ts';

/** The definition as first written (map, filter, join): the text laptops sign must not change. */
function canonicalJsonReference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJsonReference(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJsonReference(record[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys, leaves out undefined members and writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: [2, undefined, { d: undefined, c: 'x' }], e: undefined })).toBe(
      '{"a":[2,null,{"c":"x"}],"b":1}',
    );
    expect(canonicalJson({ only: undefined })).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('equals the first definition for any JSON-like value', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBoxedValues: false, withMap: false, withSet: false }),
        (value) => {
          expect(canonicalJson(value)).toBe(canonicalJsonReference(value));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
