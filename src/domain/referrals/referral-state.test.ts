import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../events.ts';
import { buildYearReport } from '../report/build-year-report.ts';
import { foldReportEvents } from '../report/report-state.ts';
import { reportInputOf } from '../report/report-input.ts';
import { anEvent, testId } from '../testing/event-builders.ts';
import {
  listExpectedReferrals,
  noShowDateOf,
  projectReferrals,
  referralPeriodWeeks,
  referralStatusOf,
} from './referral-state.ts';

const R1 = testId(9001);
const R2 = testId(9002);
const M1 = testId(9101);
const M2 = testId(9102);
const never = () => false;

const made = (referralId: string, date: string, at = `${date}T09:00:00.000Z`) =>
  anEvent('referral-made', { referralId, locationId: 'multibron', source: 'wpi', date }, { at });
const linked = (referralId: string, memberId: string, at: string) =>
  anEvent('referral-linked', { referralId, memberId }, { at });

describe('referral status', () => {
  it.each([
    ['2026-03-01', false, '2026-03-01', 6, 'expected'],
    ['2026-03-01', false, '2026-04-11', 6, 'expected'],
    ['2026-03-01', false, '2026-04-12', 6, 'no-show'],
    ['2026-03-01', true, '2026-09-01', 6, 'arrived'],
    ['2026-03-01', false, '2026-03-15', 2, 'no-show'],
  ] as const)(
    'referred %s, arrived %s, on %s, %i weeks: %s',
    (date, arrived, asOf, weeks, want) => {
      expect(referralStatusOf(date, arrived, asOf, weeks)).toBe(want);
    },
  );

  it('a no-show date crosses the year end', () => {
    expect(noShowDateOf('2026-12-01', 6)).toBe('2027-01-12');
  });
});

describe('projectReferrals', () => {
  it('links a referral to the member of the earliest link; voided links count as absent', () => {
    const a = linked(R1, M1, '2026-03-05T10:00:00.000Z');
    const b = linked(R1, M2, '2026-03-04T10:00:00.000Z');
    const all = [made(R1, '2026-03-01'), a, b];
    expect(projectReferrals(all, never).get(R1)?.memberId).toBe(M2);
    expect(projectReferrals(all, (id) => id === b.eventId).get(R1)?.memberId).toBe(M1);
    expect(projectReferrals([a], never).size).toBe(0);
  });

  it('the period is the latest setting, default 6', () => {
    expect(referralPeriodWeeks([], never)).toBe(6);
    const p1 = anEvent('referral-period-set', { weeks: 4 }, { at: '2026-01-02T10:00:00.000Z' });
    const p2 = anEvent('referral-period-set', { weeks: 8 }, { at: '2026-01-03T10:00:00.000Z' });
    expect(referralPeriodWeeks([p2, p1], never)).toBe(8);
    expect(referralPeriodWeeks([p2, p1], (id) => id === p2.eventId)).toBe(4);
  });

  it('is order-independent and ignores duplicates (property)', () => {
    const facts: BuurtpasEvent[] = [
      made(R1, '2026-03-01'),
      made(R1, '2026-03-02', '2026-03-02T08:00:00.000Z'),
      made(R2, '2026-03-03'),
      linked(R1, M1, '2026-03-05T10:00:00.000Z'),
      linked(R1, M2, '2026-03-05T10:00:00.000Z'),
      linked(R2, M2, '2026-03-06T10:00:00.000Z'),
      anEvent('referral-period-set', { weeks: 3 }, { at: '2026-03-07T10:00:00.000Z' }),
      anEvent('referral-period-set', { weeks: 9 }, { at: '2026-03-07T10:00:00.000Z' }),
    ];
    const voidable = facts.map((f) => f.eventId);
    const expectedOf = (voided: Set<string>) => ({
      refs: [...projectReferrals(facts, (id) => voided.has(id)).entries()].sort(),
      weeks: referralPeriodWeeks(facts, (id) => voided.has(id)),
    });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(voidable),
        fc.array(fc.nat(facts.length - 1), { maxLength: 6 }),
        fc.func(fc.integer()),
        (voidedIds, dupIdx, rank) => {
          const voided = new Set(voidedIds);
          const withDups = [...facts, ...dupIdx.map((i) => facts[i]!)];
          const shuffled = withDups
            .map((f, i) => ({ f, k: rank(i) }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.f);
          const got = {
            refs: [...projectReferrals(shuffled, (id) => voided.has(id)).entries()].sort(),
            weeks: referralPeriodWeeks(shuffled, (id) => voided.has(id)),
          };
          expect(got).toEqual(expectedOf(voided));
        },
      ),
    );
  });
});

describe('expected referrals at the desk', () => {
  it('lists unlinked referrals of this location, newest first, flagged once past the period', () => {
    const refs = projectReferrals(
      [made(R1, '2026-01-10'), made(R2, '2026-03-01'), linked(R2, M1, '2026-03-02T10:00:00.000Z')],
      never,
    );
    const list = listExpectedReferrals(refs.values(), 'multibron', '2026-02-01', 6);
    expect(list.map((r) => [r.referralId, r.status])).toEqual([[R1, 'expected']]);
    expect(listExpectedReferrals(refs.values(), 'multibron', '2026-03-05', 6)[0]?.status).toBe(
      'no-show',
    );
    expect(listExpectedReferrals(refs.values(), 'cjm', '2026-03-05', 6)).toEqual([]);
  });
});

describe('the year report counts referrals from these facts', () => {
  const year = 2026;
  const reportOn = (events: BuurtpasEvent[], asOf: string) =>
    buildYearReport(reportInputOf(foldReportEvents(events), year, asOf), year).locations.find(
      (l) => l.locationId === 'multibron',
    )!.figures.referrals;

  it('referred, arrived, expected, no-show and became active', () => {
    const M3 = testId(9103);
    const R3 = testId(9003);
    const events: BuurtpasEvent[] = [
      // R1: entered ahead, the person registered and came, used a service.
      made(R1, '2026-10-01'),
      anEvent(
        'client-registered',
        { memberId: M1, locationId: 'multibron' },
        { at: '2026-10-08T10:00:00.000Z' },
      ),
      anEvent(
        'visit-recorded',
        { memberId: M1, locationId: 'multibron' },
        { at: '2026-10-08T10:00:00.000Z' },
      ),
      anEvent(
        'service-used',
        { memberId: M1, locationId: 'multibron', serviceId: 'multibron:computerles' },
        { at: '2026-10-08T10:05:00.000Z' },
      ),
      linked(R1, M1, '2026-10-08T10:01:00.000Z'),
      // R2: never came.
      made(R2, '2026-10-02'),
      // R3: referred late in the year, not come yet.
      made(R3, '2026-12-20'),
      // A legacy referral recorded at registration (with its visit).
      anEvent(
        'referral-recorded',
        { memberId: M3, locationId: 'multibron', source: 'rve', date: '2026-05-01' },
        { at: '2026-05-01T10:00:00.000Z' },
      ),
      anEvent(
        'visit-recorded',
        { memberId: M3, locationId: 'multibron' },
        { at: '2026-05-01T10:00:00.000Z' },
      ),
    ];
    expect(reportOn(events, '2026-12-31')).toEqual({
      referred: 4,
      arrived: 2,
      expected: 1,
      noShow: 1,
      becameActive: 1,
      bySource: { wpi: 3, rve: 1, other: 0 },
    });
    // In the new year R3's period has passed.
    expect(reportOn(events, '2027-03-01')).toMatchObject({ expected: 0, noShow: 2 });
    // A coordinator who sets 26 weeks still expects R2 and R3.
    const longer = [
      ...events,
      anEvent('referral-period-set', { weeks: 26 }, { at: '2026-11-01T10:00:00.000Z' }),
    ];
    expect(reportOn(longer, '2027-01-15')).toMatchObject({ expected: 2, noShow: 0 });
    // A linked referral is the same person as a legacy referral of that member: counted once.
    const twice = [...events, linked(R2, M3, '2026-10-03T10:00:00.000Z')];
    expect(reportOn(twice, '2026-12-31')).toMatchObject({ referred: 3, noShow: 0 });
  });
});
