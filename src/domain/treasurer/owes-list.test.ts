import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localDateOf, localYearOf } from '../amsterdam-time.ts';
import type { BuurtpasEvent } from '../events.ts';
import { foldEvents } from '../ledger.ts';
import { summarize } from '../summary.ts';
import { anEvent, testId } from '../testing/event-builders.ts';
import {
  buildOwesRows,
  DEFAULT_OWES_FILTER,
  filterOwes,
  owesInputFromLedger,
  sortOwes,
  totalOwes,
  type OwesRow,
} from './owes-list.ts';

const A = 'bv-cjm';
const ANA = testId(9001);
const BEN = testId(9002);
const CAT = testId(9003);
const DIM = testId(9004);

const started = (memberId: string, date: string) =>
  anEvent('membership-started', { memberId, associationId: A, date });
const ended = (memberId: string, date: string) =>
  anEvent('membership-ended', { memberId, associationId: A, date, reason: 'verhuisd' });
const paid = (
  memberId: string,
  year: number,
  amountCents: number,
  at = '2026-03-02T10:00:00.000Z',
  eventId?: string,
) =>
  anEvent(
    'payment-recorded',
    { memberId, associationId: A, year, amountCents, method: 'cash' },
    { at, ...(eventId ? { eventId } : {}) },
  );
const waived = (memberId: string, year: number, eventId?: string) =>
  anEvent(
    'contribution-waived',
    { memberId, associationId: A, year, reason: 'schuldhulp' },
    eventId ? { eventId } : {},
  );
const voided = (targetEventId: string) =>
  anEvent('event-voided', { targetEventId, reason: 'dubbel geboekt' });
const named = (memberId: string, name: string) =>
  anEvent('member-profile-set', { memberId, fields: { name } });

function rowsFor(events: BuurtpasEvent[], year: number): Map<string, OwesRow> {
  const rows = buildOwesRows(owesInputFromLedger(foldEvents(events), A, year));
  return new Map(rows.map((r) => [r.memberId, r]));
}

function openOf(events: BuurtpasEvent[], year: number, memberId: string): number | 'not-member' {
  const row = rowsFor(events, year).get(memberId);
  return row ? row.openCents : 'not-member';
}

describe('what a member still owes per year', () => {
  const p1 = testId(8001);
  const p2 = testId(8002);
  const w1 = testId(8003);
  it.each<[string, BuurtpasEvent[], number, number | 'not-member']>([
    ['member, nothing paid', [started(ANA, '2026-02-01')], 2026, 250],
    [
      'two partial payments add up',
      [started(ANA, '2026-02-01'), paid(ANA, 2026, 100), paid(ANA, 2026, 100)],
      2026,
      50,
    ],
    [
      'paid in full in parts',
      [started(ANA, '2026-02-01'), paid(ANA, 2026, 100), paid(ANA, 2026, 150)],
      2026,
      0,
    ],
    [
      'a voided payment counts for nothing',
      [started(ANA, '2026-02-01'), paid(ANA, 2026, 250, undefined, p1), voided(p1)],
      2026,
      250,
    ],
    [
      'the void arriving before the payment',
      [voided(p2), started(ANA, '2026-02-01'), paid(ANA, 2026, 250, undefined, p2)],
      2026,
      250,
    ],
    ['waived: nothing open', [started(ANA, '2026-02-01'), waived(ANA, 2026)], 2026, 0],
    [
      'a voided waiver: open again',
      [started(ANA, '2026-02-01'), waived(ANA, 2026, w1), voided(w1)],
      2026,
      250,
    ],
    [
      'member from 2025 still owes 2025 (arrears)',
      [started(ANA, '2025-06-01'), paid(ANA, 2026, 250)],
      2025,
      250,
    ],
    [
      'arrears paid in 2026 for 2025',
      [started(ANA, '2025-06-01'), paid(ANA, 2025, 250, '2026-02-01T10:00:00.000Z')],
      2025,
      0,
    ],
    [
      'next year paid ahead in December',
      [started(ANA, '2025-06-01'), paid(ANA, 2027, 250, '2026-12-10T10:00:00.000Z')],
      2027,
      0,
    ],
    [
      'prepayment does not pay this year',
      [started(ANA, '2025-06-01'), paid(ANA, 2027, 250, '2026-12-10T10:00:00.000Z')],
      2026,
      250,
    ],
    ['joined in November owes the whole year', [started(ANA, '2026-11-20')], 2026, 250],
    ['joined in 2026 owes nothing for 2025', [started(ANA, '2026-02-01')], 2025, 'not-member'],
    [
      'ended mid-year still owes that year',
      [started(ANA, '2025-02-01'), ended(ANA, '2026-06-30')],
      2026,
      250,
    ],
    [
      'joined and left in spring still owes that year',
      [started(ANA, '2026-02-01'), ended(ANA, '2026-04-30')],
      2026,
      250,
    ],
    [
      'ended last year owes nothing this year',
      [started(ANA, '2024-02-01'), ended(ANA, '2025-06-30')],
      2026,
      'not-member',
    ],
    [
      'ended on 1 January owes nothing that year',
      [started(ANA, '2024-02-01'), ended(ANA, '2026-01-01')],
      2026,
      'not-member',
    ],
    [
      'rejoined after ending owes again',
      [started(ANA, '2024-02-01'), ended(ANA, '2025-03-01'), started(ANA, '2026-09-01')],
      2026,
      250,
    ],
    [
      'a different amount for the year',
      [
        started(ANA, '2026-02-01'),
        anEvent('contribution-amount-set', { associationId: A, year: 2026, amountCents: 300 }),
        paid(ANA, 2026, 250),
      ],
      2026,
      50,
    ],
    [
      'payment for another association does not count',
      [
        started(ANA, '2026-02-01'),
        anEvent('payment-recorded', {
          memberId: ANA,
          associationId: 'bv-multibron',
          year: 2026,
          amountCents: 250,
          method: 'pin',
        }),
      ],
      2026,
      250,
    ],
  ])('%s', (_name, events, year, expected) => {
    expect(openOf(events, year, ANA)).toBe(expected);
  });

  it('a payment at 23:30 on 31 December Amsterdam time is still in the old year and day', () => {
    const at = '2026-12-31T22:30:00.000Z'; // 23:30 in Amsterdam (UTC+1), already 1 January nowhere near
    expect(localYearOf(at)).toBe(2026);
    expect(localDateOf(at)).toBe('2026-12-31');
    const justAfter = '2026-12-31T23:10:00.000Z'; // 00:10 on 1 January in Amsterdam
    expect(localYearOf(justAfter)).toBe(2027);
    // a member who joins at 23:30 on New Year's Eve owes 2026
    const events = [
      anEvent(
        'membership-started',
        { memberId: BEN, associationId: A, date: localDateOf(at) },
        { at },
      ),
      paid(BEN, localYearOf(at), 250, at),
    ];
    expect(openOf(events, 2026, BEN)).toBe(0);
    expect(openOf(events, 2027, BEN)).toBe(250);
  });

  it('a merged-away record pays for the person it was merged into', () => {
    const events = [
      started(ANA, '2026-02-01'),
      started(BEN, '2026-03-01'),
      paid(BEN, 2026, 150),
      paid(ANA, 2026, 100),
      anEvent('members-merged', { fromMemberId: BEN, intoMemberId: ANA }),
    ];
    const rows = rowsFor(events, 2026);
    expect([...rows.keys()]).toEqual([ANA]);
    expect(rows.get(ANA)).toMatchObject({
      paidCents: 250,
      openCents: 0,
      paying: true,
      memberSince: '2026-02-01',
    });
  });
});

describe('the list a treasurer reads', () => {
  const events = [
    started(ANA, '2026-02-01'),
    named(ANA, 'Ana Zuiderwijk'),
    paid(ANA, 2026, 100),
    started(BEN, '2025-02-01'),
    named(BEN, 'Ben Akkerman'),
    started(CAT, '2026-03-01'),
    named(CAT, 'Çeren Maas'),
    paid(CAT, 2026, 250),
    started(DIM, '2026-04-01'),
    named(DIM, 'Dim de Vries'),
    waived(DIM, 2026),
  ];
  const rows = buildOwesRows({
    ...owesInputFromLedger(foldEvents(events), A, 2026),
    lastVisits: new Map([
      [ANA, '2026-11-02'],
      [CAT, '2026-05-01'],
    ]),
  }).map((r) => ({
    ...r,
    locations: r.memberId === BEN ? ['multibron'] : ['cjm'],
    registeredOn: r.memberSince,
  }));

  it('shows only who has something open, by default by name', () => {
    expect(
      sortOwes(filterOwes(rows, DEFAULT_OWES_FILTER), 'name', false).map((r) => r.name),
    ).toEqual(['Ana Zuiderwijk', 'Ben Akkerman']);
  });

  it.each([
    [{ status: 'partial' }, ['Ana Zuiderwijk']],
    [{ status: 'unpaid' }, ['Ben Akkerman']],
    [{ status: 'waived' }, ['Dim de Vries']],
    [{ status: 'paid' }, ['Çeren Maas']],
    [{ status: 'all', locationId: 'multibron' }, ['Ben Akkerman']],
    [{ status: 'all', visit: 'seen-since', visitDate: '2026-10-01' }, ['Ana Zuiderwijk']],
    [
      { status: 'all', visit: 'not-seen-since', visitDate: '2026-10-01' },
      ['Ben Akkerman', 'Çeren Maas', 'Dim de Vries'],
    ],
    [{ status: 'all', registeredFrom: '2026-03-01' }, ['Çeren Maas', 'Dim de Vries']],
    [{ status: 'all', query: 'ceren' }, ['Çeren Maas']],
    [{ status: 'all', query: 'de v' }, ['Dim de Vries']],
  ] as const)('filter %j', (change, expected) => {
    expect(
      sortOwes(filterOwes(rows, { ...DEFAULT_OWES_FILTER, ...change }), 'name', false).map(
        (r) => r.name,
      ),
    ).toEqual(expected);
  });

  it('sorts by amount open, last visit and registration, ties by name', () => {
    const all = filterOwes(rows, { ...DEFAULT_OWES_FILTER, status: 'all' });
    expect(sortOwes(all, 'open', true).map((r) => r.openCents)).toEqual([250, 150, 0, 0]);
    expect(
      sortOwes(all, 'open', true)
        .slice(2)
        .map((r) => r.name),
    ).toEqual(['Çeren Maas', 'Dim de Vries']);
    expect(sortOwes(all, 'last-visit', true).map((r) => r.name)).toEqual([
      'Ana Zuiderwijk',
      'Çeren Maas',
      'Ben Akkerman',
      'Dim de Vries',
    ]);
    expect(sortOwes(all, 'registered', false).map((r) => r.name)).toEqual([
      'Ben Akkerman',
      'Ana Zuiderwijk',
      'Çeren Maas',
      'Dim de Vries',
    ]);
  });

  it('totals: a waived member is not a paying member, a partial one neither', () => {
    expect(totalOwes(rows)).toEqual({
      members: 4,
      paying: 1,
      partial: 1,
      unpaid: 1,
      waived: 1,
      openCents: 400,
    });
  });
});

describe('the same paying-member count as the report and the server', () => {
  const ids = [ANA, BEN, CAT, DIM];
  const eventArb = fc.oneof(
    fc.record({
      kind: fc.constant('start' as const),
      m: fc.nat(3),
      month: fc.integer({ min: 1, max: 12 }),
      y: fc.integer({ min: 2025, max: 2026 }),
    }),
    fc.record({
      kind: fc.constant('end' as const),
      m: fc.nat(3),
      month: fc.integer({ min: 1, max: 12 }),
      y: fc.integer({ min: 2025, max: 2026 }),
    }),
    fc.record({
      kind: fc.constant('pay' as const),
      m: fc.nat(3),
      cents: fc.constantFrom(100, 150, 250, 300),
      y: fc.integer({ min: 2025, max: 2027 }),
    }),
    fc.record({
      kind: fc.constant('waive' as const),
      m: fc.nat(3),
      y: fc.integer({ min: 2025, max: 2026 }),
    }),
    fc.record({ kind: fc.constant('void' as const), target: fc.nat(30) }),
    fc.record({ kind: fc.constant('merge' as const), m: fc.nat(3), into: fc.nat(3) }),
  );
  it('counts paying members exactly as summarize does, for every year and any order', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 30 }),
        fc.integer({ min: 2025, max: 2027 }),
        (specs, year) => {
          const events: BuurtpasEvent[] = [];
          specs.forEach((s, i) => {
            const eventId = testId(100 + i);
            const mm = (month: number) => String(month).padStart(2, '0');
            if (s.kind === 'start')
              events.push(
                anEvent(
                  'membership-started',
                  { memberId: ids[s.m]!, associationId: A, date: `${s.y}-${mm(s.month)}-10` },
                  { eventId },
                ),
              );
            if (s.kind === 'end')
              events.push(
                anEvent(
                  'membership-ended',
                  {
                    memberId: ids[s.m]!,
                    associationId: A,
                    date: `${s.y}-${mm(s.month)}-20`,
                    reason: 'x',
                  },
                  { eventId },
                ),
              );
            if (s.kind === 'pay')
              events.push(
                anEvent(
                  'payment-recorded',
                  {
                    memberId: ids[s.m]!,
                    associationId: A,
                    year: s.y,
                    amountCents: s.cents,
                    method: 'cash',
                  },
                  { eventId },
                ),
              );
            if (s.kind === 'waive')
              events.push(
                anEvent(
                  'contribution-waived',
                  { memberId: ids[s.m]!, associationId: A, year: s.y, reason: 'x' },
                  { eventId },
                ),
              );
            if (s.kind === 'void')
              events.push(
                anEvent(
                  'event-voided',
                  { targetEventId: testId(100 + s.target), reason: 'x' },
                  { eventId },
                ),
              );
            if (s.kind === 'merge' && s.m < s.into)
              events.push(
                anEvent(
                  'members-merged',
                  { fromMemberId: ids[s.m]!, intoMemberId: ids[s.into]! },
                  { eventId },
                ),
              );
          });
          const ledger = foldEvents(events);
          const rows = buildOwesRows(owesInputFromLedger(ledger, A, year));
          expect(totalOwes(rows).paying).toBe(
            summarize(ledger, year).associations[A]!.payingMembers,
          );
          const reversed = buildOwesRows(
            owesInputFromLedger(foldEvents([...events].reverse()), A, year),
          );
          expect(totalOwes(reversed)).toEqual(totalOwes(rows));
        },
      ),
      { numRuns: 300 },
    );
  });
});
