import { describe, expect, it } from 'vitest';
import { decideCheckIn, earlierArrival, visitDayKey } from './visit-day.ts';
import { localDateOf, localTimeOf, localYearOf } from './amsterdam-time.ts';

describe('the visit-day rule', () => {
  it('a first scan today is a new visit, a second shows since when', () => {
    expect(decideCheckIn(undefined)).toEqual({ kind: 'new-visit' });
    expect(decideCheckIn('2026-11-27T09:42:00.000Z')).toEqual({
      kind: 'already-here',
      sinceAt: '2026-11-27T09:42:00.000Z',
    });
  });

  it('days are Amsterdam days, not UTC days', () => {
    // 23:30 UTC on 27 November is 00:30 on 28 November in Amsterdam (UTC+1 in winter).
    expect(visitDayKey('m', 'cjm', '2026-11-27T23:30:00.000Z')).toBe('m|cjm|2026-11-28');
    expect(visitDayKey('m', 'cjm', '2026-11-27T22:59:00.000Z')).toBe('m|cjm|2026-11-27');
    // Summer time: UTC+2.
    expect(localDateOf('2026-07-01T22:30:00.000Z')).toBe('2026-07-02');
  });

  it('a visit at 00:30 on 1 January belongs to the new year', () => {
    expect(localYearOf('2026-12-31T23:30:00.000Z')).toBe(2027);
    expect(localYearOf('2026-12-31T22:30:00.000Z')).toBe(2026);
    expect(localTimeOf('2026-12-31T23:30:00.000Z')).toBe('00:30');
  });

  it('different locations are different visit-days', () => {
    expect(visitDayKey('m', 'cjm', '2026-11-27T10:00:00.000Z')).not.toBe(
      visitDayKey('m', 'multibron', '2026-11-27T10:00:00.000Z'),
    );
  });

  it('keeps the earliest arrival whichever desk reports first', () => {
    expect(earlierArrival('2026-11-27T09:00:00.000Z', '2026-11-27T10:00:00.000Z')).toBe(
      '2026-11-27T09:00:00.000Z',
    );
    expect(earlierArrival('2026-11-27T10:00:00.000Z', '2026-11-27T09:00:00.000Z')).toBe(
      '2026-11-27T09:00:00.000Z',
    );
  });
});
