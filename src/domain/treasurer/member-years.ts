/**
 * One member's contribution over the years: what was due, paid, waived and still open per year,
 * from the first year of membership to this year (and next year once something is paid for it).
 */
import { contributionStatus, type ContributionStatus } from '../contribution.ts';
import type { Period } from '../ledger.ts';
import { isMemberInYear } from './owes-list.ts';

export type MemberPayment = { eventId: string; year: number; amountCents: number; voided: boolean };
export type MemberWaiver = { eventId: string; year: number; voided: boolean };

export type MemberYear = {
  year: number;
  dueCents: number;
  paidCents: number;
  waived: boolean;
  status: ContributionStatus;
};

export function firstMembershipYear(period: Period | undefined): number | null {
  const first = period?.opened[0];
  return first ? Number(first.slice(0, 4)) : null;
}

export function summarizeMemberYears(input: {
  period: Period | undefined;
  payments: readonly MemberPayment[];
  waivers: readonly MemberWaiver[];
  currentYear: number;
  dueCentsOf: (year: number) => number;
}): MemberYear[] {
  const { period, currentYear } = input;
  const years = new Set<number>();
  const since = firstMembershipYear(period);
  if (period && since !== null)
    for (let y = since; y <= currentYear + 1; y++)
      if (isMemberInYear(period, y) && y <= currentYear) years.add(y);
  for (const p of input.payments) if (!p.voided) years.add(p.year);
  for (const w of input.waivers) if (!w.voided) years.add(w.year);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const dueCents = input.dueCentsOf(year);
      const paidCents = input.payments
        .filter((p) => p.year === year && !p.voided)
        .reduce((s, p) => s + p.amountCents, 0);
      const waived = input.waivers.some((w) => w.year === year && !w.voided);
      const isMember =
        period !== undefined &&
        (isMemberInYear(period, year) ||
          (year > currentYear && isMemberInYear(period, currentYear)));
      return {
        year,
        dueCents,
        paidCents,
        waived,
        status: contributionStatus({ isMember, paidCents, dueCents, waived }),
      };
    });
}
