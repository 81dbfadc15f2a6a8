/**
 * Kasopmaak: at the end of a day the cash in the box is counted and set against the cash
 * payments recorded at that desk that day. A difference needs a reason; the count is a fact.
 */
import { parseAmount } from '../contribution.ts';
import { checkReason, type AmountProblem, type ReasonProblem } from './payment-input.ts';

/** A cash box holds at most a few hundred euros; the event schema allows up to € 10.000. */
export const MAX_CASH_COUNT_CENTS = 10_000_00;

export type CashCountInput = { recordedCents: number; countedRaw: string; reasonRaw: string };

export type CashCountCheck =
  | { ok: true; countedCents: number; differenceCents: number; reason: string }
  | { ok: false; problem: Exclude<AmountProblem, 'amount-zero'> | ReasonProblem };

export function checkCashCount(input: CashCountInput): CashCountCheck {
  const parsed = parseAmount(input.countedRaw, MAX_CASH_COUNT_CENTS);
  let countedCents: number;
  if (parsed.ok) countedCents = parsed.cents;
  else if (parsed.reason === 'amount-zero')
    countedCents = 0; // an empty box is a valid count
  else return { ok: false, problem: parsed.reason };
  const differenceCents = countedCents - input.recordedCents;
  if (differenceCents === 0)
    return { ok: true, countedCents, differenceCents, reason: input.reasonRaw.trim() };
  const reason = checkReason(input.reasonRaw);
  if (!reason.ok) return { ok: false, problem: reason.problem };
  return { ok: true, countedCents, differenceCents, reason: reason.reason };
}
