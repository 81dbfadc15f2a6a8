import { describe, expect, it } from 'vitest';
import { summarizeMemberYears, type MemberPayment } from './member-years.ts';

const period = (opened: string[], closed: string[] = []) => ({
  memberId: 'm1',
  scopeId: 'bv-cjm',
  opened,
  closed,
});
const p = (eventId: string, year: number, amountCents: number, voided = false): MemberPayment => ({
  eventId,
  year,
  amountCents,
  voided,
});

describe('summarizeMemberYears', () => {
  const due = (y: number) => (y === 2026 ? 300 : 250);

  it('every year since joining, newest first, with arrears, part payments and a void', () => {
    const years = summarizeMemberYears({
      period: period(['2024-05-01']),
      payments: [p('a', 2024, 250), p('b', 2026, 100), p('c', 2026, 100), p('d', 2026, 100, true)],
      waivers: [{ eventId: 'w', year: 2025, voided: false }],
      currentYear: 2026,
      dueCentsOf: due,
    });
    expect(years.map((y) => [y.year, y.status.kind, y.paidCents, y.dueCents])).toEqual([
      [2026, 'partial', 200, 300],
      [2025, 'waived', 0, 250],
      [2024, 'paid', 250, 250],
    ]);
  });

  it('next year appears once something is paid for it (December prepayment)', () => {
    const years = summarizeMemberYears({
      period: period(['2026-02-01']),
      payments: [p('a', 2027, 250)],
      waivers: [],
      currentYear: 2026,
      dueCentsOf: due,
    });
    expect(years.map((y) => [y.year, y.status.kind])).toEqual([
      [2027, 'paid'],
      [2026, 'unpaid'],
    ]);
  });

  it('a year after the membership ended is not owed', () => {
    const years = summarizeMemberYears({
      period: period(['2024-02-01'], ['2025-06-30']),
      payments: [],
      waivers: [],
      currentYear: 2026,
      dueCentsOf: due,
    });
    expect(years.map((y) => [y.year, y.status.kind])).toEqual([
      [2025, 'unpaid'],
      [2024, 'unpaid'],
    ]);
  });

  it('never a member: only what was paid shows, as not-member', () => {
    const years = summarizeMemberYears({
      period: undefined,
      payments: [p('a', 2026, 250)],
      waivers: [],
      currentYear: 2026,
      dueCentsOf: due,
    });
    expect(years.map((y) => [y.year, y.status.kind])).toEqual([[2026, 'not-member']]);
  });
});
