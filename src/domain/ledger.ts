/**
 * The ledger: the few projections every count needs, as plain rows. The app keeps these rows in
 * IndexedDB and updates them per event; the server folds its events into the same rows. Every
 * reducer here is order-independent (sets of dates, min/max, LWW by HLC), so replicas that hold
 * the same events hold the same rows whatever order the events arrived in.
 */
import { localDateOf } from './amsterdam-time.ts';
import type { BuurtpasEvent, PaymentMethod, RoleName } from './events.ts';
import {
  addRegistrationChange,
  erasureChange,
  rederiveRegistration,
  type RegistrationChange,
} from './registration-changes.ts';
import {
  applyProfileFields,
  emptyMemberRecord,
  eraseMemberRecord,
  type MemberRecord,
} from './member-record.ts';

/** Open/close dates of a registration or membership; the latest change on or before a day wins. */
export type Period = {
  memberId: string;
  scopeId: string;
  opened: string[];
  closed: string[];
  /** Registrations only: the changes the dates come from (registration-changes.ts). */
  changes?: RegistrationChange[];
};

export type PaymentRow = {
  eventId: string;
  memberId: string;
  associationId: string;
  year: number;
  amountCents: number;
  method: PaymentMethod;
  at: string;
  deviceId: string;
  locationId: string;
  role: RoleName;
};

export type WaiverRow = {
  eventId: string;
  memberId: string;
  associationId: string;
  year: number;
  reason: string;
  at: string;
};

export type VoidRow = {
  targetEventId: string;
  eventId: string;
  reason: string;
  at: string;
  role: RoleName;
  hlc: string;
};

export type AmountRow = { associationId: string; year: number; amountCents: number; hlc: string };

export type Ledger = {
  members: Map<string, MemberRecord>;
  registrations: Map<string, Period>;
  memberships: Map<string, Period>;
  payments: Map<string, PaymentRow>;
  waivers: Map<string, WaiverRow>;
  voids: Map<string, VoidRow>;
  amounts: Map<string, AmountRow>;
  /** Registration facts by eventId → their period's key, so a later void finds the period. */
  registrationEvents: Map<string, string>;
  /** Day of each member's own erasure: a registration arriving after it is closed on that day. */
  erasedOn: Map<string, string>;
};

export function emptyLedger(): Ledger {
  return {
    members: new Map(),
    registrations: new Map(),
    memberships: new Map(),
    payments: new Map(),
    waivers: new Map(),
    voids: new Map(),
    amounts: new Map(),
    registrationEvents: new Map(),
    erasedOn: new Map(),
  };
}

export const periodKey = (memberId: string, scopeId: string) => `${memberId}|${scopeId}`;
export const amountKey = (associationId: string, year: number) => `${associationId}|${year}`;

export function addPeriodDate(
  period: Period | undefined,
  memberId: string,
  scopeId: string,
  date: string,
  kind: 'opened' | 'closed',
): Period {
  const p = period ?? { memberId, scopeId, opened: [], closed: [] };
  const list = p[kind];
  if (list.includes(date)) return p;
  return { ...p, [kind]: [...list, date].sort() };
}

/**
 * Open at the end of `day` when the latest change on or before it opened the period. A close on
 * the same day as an open wins: someone registered and deregistered on one day is not counted.
 */
export function isOpenAt(period: Period, day: string): boolean {
  let lastOpen = '';
  for (const d of period.opened) if (d <= day && d > lastOpen) lastOpen = d;
  if (lastOpen === '') return false;
  for (const d of period.closed) if (d <= day && d >= lastOpen) return false;
  return true;
}

/**
 * A member at the desk on `day`: the membership is open that day, or starts later (a start dated
 * ahead by another desk's clock still shows the person as a member).
 */
export function isMemberOn(membership: Period | undefined, day: string): boolean {
  return (
    membership !== undefined &&
    (isOpenAt(membership, day) || membership.opened.some((d) => d > day))
  );
}

export function firstOpened(period: Period): string | undefined {
  return period.opened[0];
}

/** Whether the period was open on any day from `from` to `to` inclusive. */
export function overlaps(period: Period, from: string, to: string): boolean {
  if (isOpenAt(period, from)) return true;
  return period.opened.some((d) => d >= from && d <= to);
}

/** Follows merges to the member a record now lives on. Cycles (impossible by the UI) stop. */
export function canonicalMemberId(
  members: ReadonlyMap<string, { mergedInto?: string | null }>,
  memberId: string,
): string {
  let current = memberId;
  for (let i = 0; i < 16; i++) {
    const next = members.get(current)?.mergedInto;
    if (!next || next === current) return current;
    current = next;
  }
  return current;
}

/** Applies one event to the ledger in place. Duplicates are harmless. */
export function applyToLedger(ledger: Ledger, event: BuurtpasEvent): void {
  const day = localDateOf(event.at);
  switch (event.type) {
    case 'client-registered':
    case 'client-deregistered': {
      const { memberId, locationId } = event.data;
      const key = periodKey(memberId, locationId);
      const kind = event.type === 'client-registered' ? 'opened' : 'closed';
      ledger.registrations.set(
        key,
        addRegistrationChange(
          ledger.registrations.get(key),
          memberId,
          locationId,
          { eventId: event.eventId, hlc: event.hlc, day, kind },
          (id) => ledger.voids.has(id),
        ),
      );
      ledger.registrationEvents.set(event.eventId, key);
      const erasedDay = ledger.erasedOn.get(memberId);
      if (erasedDay !== undefined)
        ledger.registrations.set(
          key,
          addRegistrationChange(
            ledger.registrations.get(key),
            memberId,
            locationId,
            erasureChange(memberId, erasedDay),
            (id) => ledger.voids.has(id),
          ),
        );
      if (kind === 'opened' && !ledger.members.has(memberId))
        ledger.members.set(memberId, emptyMemberRecord(memberId));
      return;
    }
    case 'membership-started': {
      const key = periodKey(event.data.memberId, event.data.associationId);
      ledger.memberships.set(
        key,
        addPeriodDate(
          ledger.memberships.get(key),
          event.data.memberId,
          event.data.associationId,
          event.data.date,
          'opened',
        ),
      );
      return;
    }
    case 'membership-ended': {
      const key = periodKey(event.data.memberId, event.data.associationId);
      ledger.memberships.set(
        key,
        addPeriodDate(
          ledger.memberships.get(key),
          event.data.memberId,
          event.data.associationId,
          event.data.date,
          'closed',
        ),
      );
      return;
    }
    case 'member-profile-set': {
      const current =
        ledger.members.get(event.data.memberId) ?? emptyMemberRecord(event.data.memberId);
      ledger.members.set(
        event.data.memberId,
        applyProfileFields(current, event.data.fields, event.hlc),
      );
      return;
    }
    case 'member-erased': {
      const have = ledger.erasedOn.get(event.data.memberId);
      if (have === undefined || day < have) ledger.erasedOn.set(event.data.memberId, day);
      eraseInLedger(ledger, event.data.memberId, day, 0);
      return;
    }
    case 'members-merged': {
      const current =
        ledger.members.get(event.data.fromMemberId) ?? emptyMemberRecord(event.data.fromMemberId);
      const into = event.data.intoMemberId;
      // Two merges of the same record: the smaller target id wins everywhere.
      const mergedInto =
        current.mergedInto && current.mergedInto < into ? current.mergedInto : into;
      ledger.members.set(event.data.fromMemberId, { ...current, mergedInto });
      // Merged into someone already erased: the same person, so erased too (the app does the same).
      if (ledger.members.get(into)?.erased) eraseInLedger(ledger, event.data.fromMemberId, day, 0);
      return;
    }
    case 'payment-recorded': {
      const d = event.data;
      ledger.payments.set(event.eventId, {
        eventId: event.eventId,
        memberId: d.memberId,
        associationId: d.associationId,
        year: d.year,
        amountCents: d.amountCents,
        method: d.method,
        at: event.at,
        deviceId: event.deviceId,
        locationId: event.locationId,
        role: event.role ?? 'desk',
      });
      return;
    }
    case 'contribution-waived': {
      const d = event.data;
      ledger.waivers.set(event.eventId, {
        eventId: event.eventId,
        memberId: d.memberId,
        associationId: d.associationId,
        year: d.year,
        reason: d.reason,
        at: event.at,
      });
      return;
    }
    case 'contribution-amount-set': {
      const key = amountKey(event.data.associationId, event.data.year);
      const current = ledger.amounts.get(key);
      if (!current || current.hlc < event.hlc)
        ledger.amounts.set(key, { ...event.data, hlc: event.hlc });
      return;
    }
    case 'event-voided': {
      const current = ledger.voids.get(event.data.targetEventId);
      const row = voidRowOf(event);
      if (isEarlierVoid(row, current)) ledger.voids.set(row.targetEventId, row);
      // An undone (de)registration: its period's dates are derived again without it.
      const key = ledger.registrationEvents.get(event.data.targetEventId);
      const period = key === undefined ? undefined : ledger.registrations.get(key);
      if (key !== undefined && period)
        ledger.registrations.set(
          key,
          rederiveRegistration(period, (id) => ledger.voids.has(id)),
        );
      return;
    }
    default:
      return;
  }
}

/**
 * Erasure is of a person: the record and every record merged into it. Registrations and
 * memberships close that day; earlier years keep their counts.
 */
function eraseInLedger(ledger: Ledger, memberId: string, day: string, depth: number): void {
  const current = ledger.members.get(memberId) ?? emptyMemberRecord(memberId);
  if (!current.erased) {
    ledger.members.set(memberId, eraseMemberRecord(current));
    for (const [key, p] of ledger.registrations)
      if (p.memberId === memberId)
        ledger.registrations.set(
          key,
          addRegistrationChange(p, p.memberId, p.scopeId, erasureChange(memberId, day), (id) =>
            ledger.voids.has(id),
          ),
        );
    for (const [key, p] of ledger.memberships)
      if (p.memberId === memberId)
        ledger.memberships.set(key, addPeriodDate(p, p.memberId, p.scopeId, day, 'closed'));
  }
  if (depth > 16) return;
  for (const m of ledger.members.values())
    if (m.mergedInto === memberId) eraseInLedger(ledger, m.memberId, day, depth + 1);
}

export function voidRowOf(event: Extract<BuurtpasEvent, { type: 'event-voided' }>): VoidRow {
  return {
    targetEventId: event.data.targetEventId,
    eventId: event.eventId,
    reason: event.data.reason,
    at: event.at,
    role: event.role ?? 'desk',
    hlc: event.hlc,
  };
}

/** Of two voids of the same fact the earliest by HLC is the one shown; a second void changes nothing. */
export function isEarlierVoid(candidate: VoidRow, current: VoidRow | undefined): boolean {
  return (
    current === undefined ||
    candidate.hlc < current.hlc ||
    (candidate.hlc === current.hlc && candidate.eventId < current.eventId)
  );
}

export function foldEvents(events: Iterable<BuurtpasEvent>): Ledger {
  const ledger = emptyLedger();
  for (const e of events) applyToLedger(ledger, e);
  return ledger;
}

export function contributionDueCents(
  ledger: Pick<Ledger, 'amounts'>,
  associationId: string,
  year: number,
  defaultCents: number,
): number {
  return ledger.amounts.get(amountKey(associationId, year))?.amountCents ?? defaultCents;
}
