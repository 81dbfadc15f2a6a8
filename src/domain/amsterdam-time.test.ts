import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf, localYearOf } from './amsterdam-time.ts';

const reference = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('Amsterdam local time', () => {
  it('gives the local day and minute around both clock changes of 2026', () => {
    // Summer time starts 29 March 2026 at 01:00 UTC, ends 25 October 2026 at 01:00 UTC.
    expect(localDateOf('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(localTimeOf('2026-03-29T00:59:00Z')).toBe('01:59');
    expect(localTimeOf('2026-03-29T01:00:00Z')).toBe('03:00');
    expect(localTimeOf('2026-10-25T00:59:00Z')).toBe('02:59');
    expect(localTimeOf('2026-10-25T01:00:00Z')).toBe('02:00');
    expect(localYearOf('2025-12-31T23:30:00Z')).toBe(2026);
  });

  it('agrees with Intl for any instant, asked in any order and again (the minute cache)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), {
          minLength: 1,
          maxLength: 50,
        }),
        (instants) => {
          for (const ms of [...instants, ...instants.reverse()]) {
            const [date, time] = reference.format(new Date(ms)).split(' ');
            expect(localDateOf(ms)).toBe(date);
            expect(localTimeOf(ms)).toBe(time);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
