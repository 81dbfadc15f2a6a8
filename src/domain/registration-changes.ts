/**
 * Registration at one location as a set of dated changes: registered (opened) and deregistered
 * (closed), each from a fact, so a correction can take one back (`event-voided`: the undo of
 * "stopt bij MultiBron") and a return on the day of leaving counts.
 *
 * The rule: per local day the latest unvoided change by (hlc, eventId) is that day's change; the
 * period's `opened` / `closed` dates are those days, one kind per day, so `isOpenAt` (the latest
 * change on or before a day) reads them as before. It is a function of the set of changes and of
 * which are voided (a flag a void sets, whether it came before or after its target), so any
 * arrival order, batching or duplication gives the same period. Erasure stays the period's
 * terminal `erasedOn` (projection/period.ts), untouched here.
 *
 * Rows stored before changes were kept have dates only: those dates become changes that lose to
 * any real one on the same day, a close beating an open, as the old rule had it.
 */
export type RegistrationChange = {
  eventId: string;
  hlc: string;
  /** Local date of the change. */
  day: string;
  kind: 'opened' | 'closed';
  voided?: boolean;
};

export type RegistrationPeriod = {
  memberId: string;
  scopeId: string;
  opened: string[];
  closed: string[];
  changes?: RegistrationChange[];
};

function isLater(a: RegistrationChange, b: RegistrationChange): boolean {
  return a.hlc > b.hlc || (a.hlc === b.hlc && a.eventId > b.eventId);
}

function changesOf(period: RegistrationPeriod): RegistrationChange[] {
  if (period.changes) return period.changes;
  return [
    ...period.opened.map((day) => ({
      eventId: `legacy:1:${day}`,
      hlc: '',
      day,
      kind: 'opened' as const,
    })),
    ...period.closed.map((day) => ({
      eventId: `legacy:2:${day}`,
      hlc: '',
      day,
      kind: 'closed' as const,
    })),
  ];
}

/** The period's dates from its changes, voided ones left out. */
export function derivePeriodDates(changes: readonly RegistrationChange[]): {
  opened: string[];
  closed: string[];
} {
  const byDay = new Map<string, RegistrationChange>();
  for (const c of changes) {
    if (c.voided) continue;
    const have = byDay.get(c.day);
    if (!have || isLater(c, have)) byDay.set(c.day, c);
  }
  const opened: string[] = [];
  const closed: string[] = [];
  for (const [day, c] of byDay) (c.kind === 'opened' ? opened : closed).push(day);
  return { opened: opened.sort(), closed: closed.sort() };
}

/** Adds one change (a duplicate is harmless; a known void sticks) and derives the dates again. */
export function addRegistrationChange<P extends RegistrationPeriod>(
  period: P | undefined,
  memberId: string,
  scopeId: string,
  change: RegistrationChange,
): P | RegistrationPeriod {
  if (period === undefined) {
    // The first change of a period (every new registration): the general path below, unrolled.
    const first: RegistrationChange = { ...change };
    if (!first.voided) delete first.voided;
    const days = first.voided ? [] : [first.day];
    return first.kind === 'opened'
      ? { memberId, scopeId, opened: days, closed: [], changes: [first] }
      : { memberId, scopeId, opened: [], closed: days, changes: [first] };
  }
  const base: RegistrationPeriod = period;
  const existing = changesOf(base);
  const have = existing.find((c) => c.eventId === change.eventId);
  const merged: RegistrationChange = have
    ? { ...have, voided: have.voided || change.voided ? true : undefined }
    : change;
  if (!merged.voided) delete merged.voided;
  const changes = [...existing.filter((c) => c.eventId !== change.eventId), merged].sort((a, b) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
  );
  return { ...base, ...derivePeriodDates(changes), changes };
}

/** A void of one of the period's changes: that change no longer counts. */
export function voidRegistrationChange<P extends RegistrationPeriod>(
  period: P,
  eventId: string,
): P {
  const changes = changesOf(period).map((c) =>
    c.eventId === eventId ? { ...c, voided: true } : c,
  );
  return { ...period, ...derivePeriodDates(changes), changes };
}
