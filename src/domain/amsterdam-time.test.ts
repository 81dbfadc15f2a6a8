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

  it('gives the date of any ISO instant from 1970 to 2100 as Intl does (the UTC-hour cache)', () => {
    const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (instants) => {
        for (const ms of [...instants, ...instants.reverse()]) {
          const [date] = reference.format(new Date(ms)).split(' ');
          const iso = new Date(ms).toISOString();
          expect(localDateOf(iso)).toBe(date);
          // Without the milliseconds, and the forms the cache leaves to Date.parse.
          expect(localDateOf(`${iso.slice(0, 19)}Z`)).toBe(date);
          expect(localDateOf(`${iso.slice(0, 16)}Z`)).toBe(date);
          expect(localDateOf(`${iso.slice(0, 23)}000Z`)).toBe(date);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('changes its offset only on the hour, by whole hours, from 1970 to 2100 (what the cache assumes)', () => {
    const offsetOf = (ms: number) => {
      const [date, time] = reference.format(new Date(ms)).split(' ');
      return Date.parse(`${date}T${time}:00Z`) - Math.floor(ms / 60_000) * 60_000;
    };
    const DAY = 86_400_000;
    let transitions = 0;
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2100, 0, 1); ms += DAY) {
      const before = offsetOf(ms);
      expect(before % 3_600_000).toBe(0);
      if (offsetOf(ms + DAY) === before) continue;
      // The first minute with the new offset: on the hour.
      let lo = ms / 60_000;
      let hi = (ms + DAY) / 60_000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetOf(mid * 60_000) === before) lo = mid;
        else hi = mid;
      }
      expect(hi % 60).toBe(0);
      transitions++;
    }
    expect(transitions).toBeGreaterThan(200);
  });

  it('refuses an impossible date as before, also after a valid one of the same hour', () => {
    expect(localDateOf('2026-02-28T10:00:00.000Z')).toBe('2026-02-28');
    expect(() => localDateOf('2026-13-28T10:00:00.000Z')).toThrow(RangeError);
    expect(localDateOf('2026-02-28T10:30:00.000Z')).toBe('2026-02-28');
    expect(() => localDateOf('2026-02-28T10:61:00.000Z')).toThrow(RangeError);
    expect(() => localDateOf('')).toThrow(RangeError);
    expect(localDateOf('2026-02-28T10:30:00.000Z')).toBe('2026-02-28');
    expect(localDateOf('2026-02-28T10:30:00.000Z')).toBe('2026-02-28');
    expect(localDateOf('2026-02-28T23:30:00.000Z')).toBe('2026-03-01');
  });
});
