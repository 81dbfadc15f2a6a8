/**
 * What the treasurer writes, each checked with src/domain and written in one transaction, so a
 * refused input records nothing and an accepted one is stored, projected and queued together.
 * The writer's role is the unlocked one (RoleGate), so every correction says who made it.
 */
import { localYearOf } from '../../domain/amsterdam-time.ts';
import type { PaymentMethod } from '../../domain/events.ts';
import { isOpenAt, periodKey } from '../../domain/ledger.ts';
import { checkCashCount, type CashCountCheck } from '../../domain/treasurer/cash-count.ts';
import { firstMembershipYear } from '../../domain/treasurer/member-years.ts';
import {
  checkContributionAmount,
  checkPayment,
  checkReason,
  type AmountProblem,
  type PaymentProblem,
  type ReasonProblem,
} from '../../domain/treasurer/payment-input.ts';
import type { BuurtpasDb } from './database.ts';
import { voidEvent } from './desk-actions.ts';
import { writeEvents, type Writer } from './record-events.ts';
import { readDueCents } from './treasurer-queries.ts';
import { readPaidAndWaived } from './desk-actions.ts';

export type WriteResult<P extends string> =
  { ok: true; eventId: string } | { ok: false; problem: P };

async function membershipSinceYear(
  db: BuurtpasDb,
  ids: readonly string[],
  associationId: string,
): Promise<number | null> {
  const periods = await db.memberships.bulkGet(ids.map((id) => periodKey(id, associationId)));
  const years = periods.map((p) => firstMembershipYear(p)).filter((y) => y !== null);
  return years.length === 0 ? null : Math.min(...years);
}

export async function recordTreasurerPayment(
  db: BuurtpasDb,
  writer: Writer,
  input: {
    memberId: string;
    associationId: string;
    year: number;
    amountRaw: string;
    method: PaymentMethod;
  },
  nowMs: number,
): Promise<{ ok: true; eventId: string; cents: number } | { ok: false; problem: PaymentProblem }> {
  return db.transaction('rw', db.tables, async () => {
    const { paidCents, waived, ids } = await readPaidAndWaived(
      db,
      input.memberId,
      input.associationId,
      input.year,
    );
    const dueCents = await readDueCents(db, input.associationId, input.year);
    const check = checkPayment({
      amountRaw: input.amountRaw,
      year: input.year,
      currentYear: localYearOf(nowMs),
      memberSinceYear: await membershipSinceYear(db, ids, input.associationId),
      openCents: waived ? 0 : Math.max(0, dueCents - paidCents),
    });
    if (!check.ok) return check;
    const [event] = await writeEvents(
      db,
      writer,
      [
        {
          type: 'payment-recorded',
          data: {
            memberId: input.memberId,
            associationId: input.associationId,
            year: input.year,
            amountCents: check.cents,
            method: input.method,
          },
        },
      ],
      nowMs,
    );
    return { ok: true, eventId: event!.eventId, cents: check.cents };
  });
}

export type WaiverProblem = ReasonProblem | 'not-member' | 'already-waived' | 'already-paid';

export async function waiveContribution(
  db: BuurtpasDb,
  writer: Writer,
  input: { memberId: string; associationId: string; year: number; reasonRaw: string },
  nowMs: number,
): Promise<WriteResult<WaiverProblem>> {
  return db.transaction('rw', db.tables, async () => {
    const reason = checkReason(input.reasonRaw);
    if (!reason.ok) return reason;
    const { paidCents, waived, ids } = await readPaidAndWaived(
      db,
      input.memberId,
      input.associationId,
      input.year,
    );
    if (waived) return { ok: false, problem: 'already-waived' } as const;
    if (paidCents >= (await readDueCents(db, input.associationId, input.year)))
      return { ok: false, problem: 'already-paid' } as const;
    const periods = await db.memberships.bulkGet(
      ids.map((id) => periodKey(id, input.associationId)),
    );
    const member = periods.some(
      (p) =>
        p &&
        (isOpenAt(p, `${input.year}-12-31`) ||
          p.opened.some((d) => d.startsWith(`${input.year}-`))),
    );
    if (!member) return { ok: false, problem: 'not-member' } as const;
    const [event] = await writeEvents(
      db,
      writer,
      [
        {
          type: 'contribution-waived',
          data: {
            memberId: input.memberId,
            associationId: input.associationId,
            year: input.year,
            reason: reason.reason,
          },
        },
      ],
      nowMs,
    );
    return { ok: true, eventId: event!.eventId };
  });
}

export type VoidProblem = ReasonProblem | 'already-voided' | 'not-found';

/** A correction with a reason; a second void of the same fact is refused (`voidEvent`). */
export async function voidWithReason(
  db: BuurtpasDb,
  writer: Writer,
  targetEventId: string,
  reasonRaw: string,
  nowMs: number,
): Promise<{ ok: true } | { ok: false; problem: VoidProblem }> {
  const reason = checkReason(reasonRaw);
  if (!reason.ok) return reason;
  const result = await voidEvent(db, writer, targetEventId, reason.reason, nowMs);
  return result.ok ? result : { ok: false, problem: result.reason };
}

/** The treasurer looked at a group of look-alike payments and keeps them all. */
export async function keepDuplicatePayments(
  db: BuurtpasDb,
  writer: Writer,
  paymentEventIds: readonly string[],
  nowMs: number,
): Promise<string> {
  const [event] = await writeEvents(
    db,
    writer,
    [{ type: 'duplicate-payments-kept', data: { paymentEventIds: [...paymentEventIds].sort() } }],
    nowMs,
  );
  return event!.eventId;
}

export async function recordCashCount(
  db: BuurtpasDb,
  writer: Writer,
  input: { day: string; countedRaw: string; reasonRaw: string },
  nowMs: number,
): Promise<
  | { ok: true; check: Extract<CashCountCheck, { ok: true }> }
  | { ok: false; problem: Extract<CashCountCheck, { ok: false }>['problem'] }
> {
  return db.transaction('rw', db.tables, async () => {
    const counter = await db.dayCounters.get(
      `${input.day}|${writer.locationId}|${writer.deviceId}`,
    );
    const recordedCents = counter?.cashCents ?? 0;
    const check = checkCashCount({
      recordedCents,
      countedRaw: input.countedRaw,
      reasonRaw: input.reasonRaw,
    });
    if (!check.ok) return check;
    await writeEvents(
      db,
      writer,
      [
        {
          type: 'cash-counted',
          data: {
            locationId: writer.locationId,
            date: input.day,
            countedCents: check.countedCents,
            recordedCents,
            reason: check.reason,
          },
        },
      ],
      nowMs,
    );
    return { ok: true, check };
  });
}

export async function setContributionAmount(
  db: BuurtpasDb,
  writer: Writer,
  input: { associationId: string; year: number; amountRaw: string },
  nowMs: number,
): Promise<WriteResult<AmountProblem>> {
  const amount = checkContributionAmount(input.amountRaw);
  if (!amount.ok) return amount;
  const [event] = await writeEvents(
    db,
    writer,
    [
      {
        type: 'contribution-amount-set',
        data: { associationId: input.associationId, year: input.year, amountCents: amount.cents },
      },
    ],
    nowMs,
  );
  return { ok: true, eventId: event!.eventId };
}
