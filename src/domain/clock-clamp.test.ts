import { describe, expect, it } from 'vitest';
import { clampEventClock } from './clock-clamp.ts';
import { anEvent, testId } from './testing/event-builders.ts';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const SKEW = 10 * 60_000;

describe('clampEventClock', () => {
  it('caps `at` and the HLC of a fact from a clock far ahead at server time plus the skew', () => {
    const ahead = anEvent(
      'visit-recorded',
      { memberId: testId(0xd1), locationId: 'cjm' },
      { at: '2030-01-01T00:00:00.000Z', deviceId: 'dfast', hlcCounter: 3 },
    );
    const clamped = clampEventClock(ahead, NOW, SKEW);
    expect(clamped.at).toBe('2026-03-10T12:10:00.000Z');
    expect(clamped.hlc).toBe(`${String(NOW + SKEW).padStart(15, '0')}-000003-dfast`);
    expect({ ...clamped, at: ahead.at, hlc: ahead.hlc }).toEqual(ahead);
  });

  it('leaves a fact within the skew as it is (the same object)', () => {
    const fine = anEvent(
      'visit-recorded',
      { memberId: testId(0xd2), locationId: 'cjm' },
      { at: '2026-03-10T12:09:59.000Z' },
    );
    expect(clampEventClock(fine, NOW, SKEW)).toBe(fine);
  });
});
