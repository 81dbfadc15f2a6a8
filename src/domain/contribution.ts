/**
 * The €2,50 a member owes per calendar year. Codes, never sentences: the UI words them.
 * Every screen and count asks these functions: what is due, what is still open, is it owed.
 */
import { ASSOCIATIONS, DEFAULT_CONTRIBUTION_CENTS } from './catalog.ts';

export type ContributionStatus =
  | { kind: 'not-member' }
  | { kind: 'waived'; dueCents: number }
  | { kind: 'paid'; paidCents: number; dueCents: number }
  | { kind: 'partial'; paidCents: number; dueCents: number; openCents: number }
  | { kind: 'unpaid'; dueCents: number; openCents: number };

export type ContributionInput = {
  isMember: boolean;
  /** Sum of this year's payments, voided ones left out. */
  paidCents: number;
  dueCents: number;
  waived: boolean;
};

export function contributionStatus(input: ContributionInput): ContributionStatus {
  const { isMember, paidCents, dueCents, waived } = input;
  if (!isMember) return { kind: 'not-member' };
  if (paidCents >= dueCents) return { kind: 'paid', paidCents, dueCents };
  if (waived) return { kind: 'waived', dueCents };
  if (paidCents > 0)
    return { kind: 'partial', paidCents, dueCents, openCents: dueCents - paidCents };
  return { kind: 'unpaid', dueCents, openCents: dueCents };
}

/** The contribution of a year is owed while nothing or only part of it is paid (waived is not owed). */
export function isOwed(
  status: ContributionStatus,
): status is Extract<ContributionStatus, { kind: 'partial' | 'unpaid' }> {
  return status.kind === 'unpaid' || status.kind === 'partial';
}

/** What is still open of a year's contribution: 0 unless it is owed. */
export function openCentsOf(status: ContributionStatus): number {
  return isOwed(status) ? status.openCents : 0;
}

/** What one record paid for a contribution year and whether it was waived (a contribution row). */
export type PaidAndWaived = { paidCents: number; waived: boolean };

/**
 * A person's contribution for a year over every record they live on (their own and the ones merged
 * into it): the payments add up, and one waiver waives the year. Records without a row (`undefined`)
 * paid nothing. A sum and an "or": the order the records are read in does not matter, so every
 * replica that holds the same rows reaches the same state.
 */
export function sumPaidAndWaived(rows: readonly (PaidAndWaived | undefined)[]): PaidAndWaived {
  let paidCents = 0;
  let waived = false;
  for (const r of rows) {
    if (!r) continue;
    paidCents += r.paidCents;
    waived ||= r.waived;
  }
  return { paidCents, waived };
}

/**
 * What a member of the association owes for a year: the amount the treasurer set for that year
 * (`contribution-amount-set`, the row kept for it), else the association's default.
 */
export function dueCentsFor(
  associationId: string,
  setAmount: { amountCents: number } | undefined,
): number {
  return setAmount?.amountCents ?? defaultDueCentsOf(associationId);
}

/** The association's amount when the treasurer set none. */
export function defaultDueCentsOf(associationId: string): number {
  return (
    ASSOCIATIONS.find((a) => a.id === associationId)?.defaultContributionCents ??
    DEFAULT_CONTRIBUTION_CENTS
  );
}

/** Paying member in a year: payments (voided left out) add up to at least that year's amount. */
export function isPayingMember(paidCents: number, dueCents: number): boolean {
  return paidCents >= dueCents && dueCents > 0;
}

export type AmountResult =
  | { ok: true; cents: number }
  | {
      ok: false;
      reason: 'amount-invalid' | 'amount-zero' | 'amount-negative' | 'amount-too-large';
    };

/** Largest single payment a desk accepts; € 2.500 is a typo, not a contribution. */
export const MAX_PAYMENT_CENTS = 100_00;

/**
 * Reads what a volunteer types: "2,50", "2.50", "€ 2,50", "1", "0,5". A point followed by exactly
 * three digits is a thousands separator, as a Dutch reader means it ("2.500" is two thousand five
 * hundred), so it is caught as too large instead of read as 2,50.
 */
export function parseAmount(raw: string, maxCents = MAX_PAYMENT_CENTS): AmountResult {
  let s = raw.replace(/€|eur/gi, '').replace(/\s+/g, '');
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  let cents: number;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) {
    const [whole, frac = ''] = s.replace(/\./g, '').split(',');
    cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  } else if (/^\d+([.,]\d{1,2})?$/.test(s) || /^[.,]\d{1,2}$/.test(s)) {
    const [whole = '0', frac = ''] = s.split(/[.,]/);
    cents = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0'));
  } else {
    return { ok: false, reason: 'amount-invalid' };
  }
  if (negative && cents > 0) return { ok: false, reason: 'amount-negative' };
  if (cents === 0) return { ok: false, reason: 'amount-zero' };
  if (cents > maxCents) return { ok: false, reason: 'amount-too-large' };
  return { ok: true, cents };
}
