/**
 * Registrations (per location) and memberships (per association) as periods: the sets of dates
 * they were opened and closed on, plus a terminal end when the person was erased. Sets and a
 * minimum, so the same facts give the same period in any order.
 */

import type { RegistrationChange } from '../registration-changes.ts';

/** Open/close dates of a registration or membership; the latest change on or before a day wins. */
export type Period = {
  memberId: string;
  scopeId: string;
  opened: string[];
  closed: string[];
  /**
   * Terminal: the earliest erasure day reaching this person (their own erasure or that of a record
   * they were merged into). From that day on the period is closed, whatever was opened later: an
   * erasure that arrives before the registration it ends still ends it.
   */
  erasedOn?: string;
  /** Registrations only: the dated changes the dates come from (../registration-changes.ts). */
  changes?: RegistrationChange[];
};

export const periodKey = (memberId: string, scopeId: string) => `${memberId}|${scopeId}`;

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

/** The period ended for good on `day` (the earlier of two erasure days wins). */
export function erasePeriod(period: Period, day: string): Period {
  if (period.erasedOn !== undefined && period.erasedOn <= day) return period;
  return { ...period, erasedOn: day };
}

/**
 * Open at the end of `day` when the latest change on or before it opened the period. A close on
 * the same day as an open wins: someone registered and deregistered on one day is not counted.
 */
export function isOpenAt(period: Period, day: string): boolean {
  if (period.erasedOn !== undefined && period.erasedOn <= day) return false;
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
  if (membership === undefined) return false;
  if (membership.erasedOn !== undefined && membership.erasedOn <= day) return false;
  return isOpenAt(membership, day) || membership.opened.some((d) => d > day);
}

export function firstOpened(period: Period): string | undefined {
  return period.opened[0];
}

/**
 * Whether the period was open on any day from `from` to `to` inclusive. Opened on the day of the
 * erasure still counts (as a close on the day of an open does here); opened after it does not.
 */
export function overlaps(period: Period, from: string, to: string): boolean {
  if (isOpenAt(period, from)) return true;
  const end = period.erasedOn;
  return period.opened.some((d) => d >= from && d <= to && (end === undefined || d <= end));
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
