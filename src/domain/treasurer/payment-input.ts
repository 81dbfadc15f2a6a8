/**
 * Checks what the treasurer types before anything is written. Codes, never sentences.
 */
import { parseAmount, type AmountResult } from '../contribution.ts';

export type AmountProblem = Extract<AmountResult, { ok: false }>['reason'];

export type PaymentProblem =
  | AmountProblem
  | 'not-member'
  | 'year-before-membership'
  | 'year-too-far-ahead'
  | 'year-already-paid'
  | 'amount-more-than-open';

export type PaymentInput = {
  amountRaw: string;
  year: number;
  /** The year the Amsterdam clock says it is now. */
  currentYear: number;
  /** First year of membership of the association, or null if the person never was a member. */
  memberSinceYear: number | null;
  /** What is still open for that year (0 if paid or waived). */
  openCents: number;
};

export type PaymentCheck = { ok: true; cents: number } | { ok: false; problem: PaymentProblem };

/**
 * Arrears (earlier years since the membership began) and next year's contribution (paid ahead,
 * e.g. in December) are fine; a year before the person was a member, or further ahead, is not.
 * Paying more than is open is refused rather than silently kept: the rest belongs to another year.
 */
export function checkPayment(input: PaymentInput): PaymentCheck {
  const amount = parseAmount(input.amountRaw);
  if (!amount.ok) return { ok: false, problem: amount.reason };
  if (input.memberSinceYear === null) return { ok: false, problem: 'not-member' };
  if (input.year < input.memberSinceYear) return { ok: false, problem: 'year-before-membership' };
  if (input.year > input.currentYear + 1) return { ok: false, problem: 'year-too-far-ahead' };
  if (input.openCents <= 0) return { ok: false, problem: 'year-already-paid' };
  if (amount.cents > input.openCents) return { ok: false, problem: 'amount-more-than-open' };
  return { ok: true, cents: amount.cents };
}

export type ReasonProblem = 'reason-required' | 'reason-too-long';

/** A void, a waiver and a cash difference need a reason a colleague can read later. */
export function checkReason(
  raw: string,
): { ok: true; reason: string } | { ok: false; problem: ReasonProblem } {
  const reason = raw.trim();
  if (reason === '') return { ok: false, problem: 'reason-required' };
  if (reason.length > 500) return { ok: false, problem: 'reason-too-long' };
  return { ok: true, reason };
}

/** The contribution amount for a year, as the treasurer sets it (€ 0,50 to € 100). */
export function checkContributionAmount(
  raw: string,
): { ok: true; cents: number } | { ok: false; problem: AmountProblem } {
  const amount = parseAmount(raw);
  return amount.ok ? amount : { ok: false, problem: amount.reason };
}
