import { localDateOf } from './amsterdam-time.ts';

/**
 * A visit-day is a distinct (person, location, Amsterdam date). A second scan on the same day
 * shows when the person arrived and records nothing new.
 */
export function visitDayKey(
  memberId: string,
  locationId: string,
  instant: number | string,
): string {
  return `${memberId}|${locationId}|${localDateOf(instant)}`;
}

export type CheckIn = { kind: 'new-visit' } | { kind: 'already-here'; sinceAt: string };

export function decideCheckIn(existingFirstAt: string | undefined): CheckIn {
  return existingFirstAt === undefined
    ? { kind: 'new-visit' }
    : { kind: 'already-here', sinceAt: existingFirstAt };
}

/** Concurrent desks may both record the first visit of a day; the earliest arrival is kept. */
export function earlierArrival(a: string, b: string): string {
  return a <= b ? a : b;
}
