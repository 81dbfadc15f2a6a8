import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampHlc, formatHlc, parseHlc, receiveHlc, tickHlc } from './hlc.ts';
import { isUuid, makeUuidV7 } from './make-event-id.ts';

describe('hybrid logical clock', () => {
  it('formats and parses back', () => {
    const stamp = formatHlc({ wallMs: 1764236520000, counter: 3 }, 'dabc');
    expect(stamp).toBe('001764236520000-000003-dabc');
    expect(parseHlc(stamp)).toEqual({ wallMs: 1764236520000, counter: 3, deviceId: 'dabc' });
  });

  it('never goes backwards, even when the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 50 }),
        (nows) => {
          let state = { wallMs: 0, counter: 0 };
          let last = '';
          for (const now of nows) {
            state = tickHlc(state, now);
            const stamp = formatHlc(state, 'd1');
            expect(stamp > last).toBe(true);
            last = stamp;
          }
        },
      ),
    );
  });

  it('after receiving a remote stamp, the next local stamp sorts after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 1e12 }),
        (localWall, remoteWall, remoteCounter, now) => {
          const remote = formatHlc({ wallMs: remoteWall, counter: remoteCounter }, 'zz');
          const next = tickHlc(receiveHlc({ wallMs: localWall, counter: 0 }, remote, now), now);
          expect(formatHlc(next, 'aa') > remote).toBe(true);
        },
      ),
    );
  });

  it('the server clamps a stamp from a clock far in the future, keeping the device', () => {
    const future = formatHlc({ wallMs: 2_000_000_000_000, counter: 2 }, 'dfast');
    const clamped = clampHlc(future, 1_764_000_000_000, 600_000);
    expect(parseHlc(clamped)).toEqual({ wallMs: 1_764_000_600_000, counter: 2, deviceId: 'dfast' });
    const fine = formatHlc({ wallMs: 1_764_000_000_000, counter: 0 }, 'dok');
    expect(clampHlc(fine, 1_764_000_000_000, 600_000)).toBe(fine);
  });

  it('clamps as the parsed stamp says, for any string (wall digits read in place)', () => {
    // What clampHlc did before it read the digits in place: parse, compare, format.
    const clampByParsing = (stamp: string, now: number, skew: number) => {
      const parsed = parseHlc(stamp);
      if (parsed.wallMs <= now + skew) return stamp;
      return formatHlc({ wallMs: now + skew, counter: parsed.counter }, parsed.deviceId);
    };
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const stamp = fc.oneof(
      fc
        .tuple(digits(15), digits(6), fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/))
        .map(([w, c, d]) => `${w}-${c}-${d}`),
      fc.tuple(digits(14), fc.string({ maxLength: 3 }), fc.string()).map((p) => p.join('')),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        stamp,
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (s, now, skew) => {
          expect(clampHlc(s, now, skew)).toBe(clampByParsing(s, now, skew));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('UUIDv7 event ids', () => {
  it('are valid UUIDs that sort by time', () => {
    const a = makeUuidV7(1_764_000_000_000, new Uint8Array(10).fill(255));
    const b = makeUuidV7(1_764_000_000_001, new Uint8Array(10));
    expect(isUuid(a) && isUuid(b)).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });
});
