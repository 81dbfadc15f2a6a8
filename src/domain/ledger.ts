/**
 * The ledger: the part of the projection every count reads (members, registrations,
 * memberships, payments, waivers, voids, amounts). The rules that build it live once, in
 * src/domain/projection; this module names the read-side shape and keeps the old entry points.
 * A reader may fill a `Ledger` with just the rows it needs (the laptop reads them from IndexedDB).
 */
import type { MemberRecord } from './member-record.ts';
import {
  applyEventsToState,
  emptyProjectionState,
  foldProjection,
  type ProjectionState,
} from './projection/memory-projection.ts';
import {
  type AmountRow,
  type PaymentRow,
  type VoidRow,
  type WaiverRow,
} from './projection/rows.ts';
import type { Period } from './projection/period.ts';
import type { BuurtpasEvent } from './events.ts';

export {
  addPeriodDate,
  canonicalMemberId,
  firstOpened,
  isMemberOn,
  isOpenAt,
  overlaps,
  periodKey,
  type Period,
} from './projection/period.ts';
export { isEarlierVoid, voidRowOf } from './projection/apply-batch.ts';
export {
  amountKey,
  type AmountRow,
  type PaymentRow,
  type VoidRow,
  type WaiverRow,
} from './projection/rows.ts';

export type Ledger = {
  members: Map<string, MemberRecord>;
  registrations: Map<string, Period>;
  memberships: Map<string, Period>;
  payments: Map<string, PaymentRow>;
  waivers: Map<string, WaiverRow>;
  voids: Map<string, VoidRow>;
  amounts: Map<string, AmountRow>;
};

/** An empty read-side ledger, for a reader to fill with rows it loaded. */
export function emptyLedger(): Ledger {
  return {
    members: new Map(),
    registrations: new Map(),
    memberships: new Map(),
    payments: new Map(),
    waivers: new Map(),
    voids: new Map(),
    amounts: new Map(),
  };
}

/** Applies one event to an in-memory projection. Duplicates are harmless. */
export function applyToLedger(state: ProjectionState, event: BuurtpasEvent): void {
  applyEventsToState(state, [event]);
}

/** The whole projection of a set of events (any order, duplicates ignored); it is a `Ledger`. */
export function foldEvents(events: Iterable<BuurtpasEvent>): ProjectionState {
  return foldProjection(events, 500);
}

export { emptyProjectionState };
