/**
 * Possible duplicate payments: two desks, offline, both took the same member's contribution for
 * the same year, the same amount on the same day. Both facts are real until the treasurer decides;
 * the list shows each group once until every payment in it is voided or kept.
 */
export type DuplicateCandidate = {
  eventId: string;
  memberId: string;
  associationId: string;
  year: number;
  amountCents: number;
  /** Amsterdam local date of the payment. */
  day: string;
  deviceId: string;
};

export type DuplicateGroup<P extends DuplicateCandidate = DuplicateCandidate> = {
  key: string;
  memberId: string;
  year: number;
  amountCents: number;
  day: string;
  payments: P[];
};

export function findPossibleDuplicates<P extends DuplicateCandidate>(
  payments: readonly P[],
  voided: ReadonlySet<string>,
  /** Groups of payment ids the treasurer kept (from `duplicate-payments-kept` facts). */
  kept: readonly (readonly string[])[],
): DuplicateGroup<P>[] {
  const groups = new Map<string, P[]>();
  for (const p of payments) {
    if (voided.has(p.eventId)) continue;
    const key = `${p.memberId}|${p.associationId}|${p.year}|${p.amountCents}|${p.day}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const keptSets = kept.map((ids) => new Set(ids));
  const out: DuplicateGroup<P>[] = [];
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    if (new Set(list.map((p) => p.deviceId)).size < 2) continue;
    if (keptSets.some((s) => list.every((p) => s.has(p.eventId)))) continue;
    const first = list[0]!;
    out.push({
      key,
      memberId: first.memberId,
      year: first.year,
      amountCents: first.amountCents,
      day: first.day,
      payments: [...list].sort((a, b) => (a.eventId < b.eventId ? -1 : 1)),
    });
  }
  return out.sort((a, b) => (a.day === b.day ? (a.key < b.key ? -1 : 1) : a.day < b.day ? 1 : -1));
}
