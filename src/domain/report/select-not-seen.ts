/**
 * Bulk deregistration: the clients of a location not seen there since a date. "Seen" is a
 * visit-day at that location on or after the date; someone registered on or after the date
 * counts as seen (they were at the desk to register). Merged records count as one person: seen
 * under any of their ids means seen.
 */
import { isOpenAt, type Period } from '../ledger.ts';

export type NotSeenInput = {
  registrations: readonly Period[];
  /** Member ids (any, not only canonical) with a visit-day at the location on or after `since`. */
  seenMemberIds: ReadonlySet<string>;
  canonical: (memberId: string) => string;
  locationId: string;
  since: string;
  today: string;
};

/** Registrations (member ids as stored) to close: open today at the location and not seen since. */
export function selectNotSeenSince(input: NotSeenInput): string[] {
  const seen = new Set<string>();
  for (const id of input.seenMemberIds) seen.add(input.canonical(id));
  const out: string[] = [];
  for (const r of input.registrations) {
    if (r.scopeId !== input.locationId || !isOpenAt(r, input.today)) continue;
    if (r.opened.some((d) => d >= input.since)) continue;
    if (seen.has(input.canonical(r.memberId))) continue;
    out.push(r.memberId);
  }
  return out.sort();
}
