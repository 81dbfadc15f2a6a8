/**
 * Whom an erasure reaches, for storage that redacts payloads (the server's events table): the
 * person and every record merged into them, along chains, whichever of the merge and the erasure
 * came first. The projection applies the same rule to its rows (apply-batch.ts, `eraseFrom`).
 */
import type { BuurtpasEvent } from '../events.ts';

/** The members whose merged-in records a storage must load (with `mergedFromOf`) for a batch. */
export function erasureCandidates(batch: readonly BuurtpasEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of batch) {
    if (e.type === 'member-erased') ids.add(e.data.memberId);
    if (e.type === 'members-merged') ids.add(e.data.fromMemberId);
  }
  return [...ids].sort();
}

/**
 * Members this batch erases that were not erased before: those erased in it, those merged (in it)
 * into someone erased, and every record merged into any of them, stored or in the batch.
 * `mergedFromOf(id)`: the records stored as merged into `id`; `isErased`: erased before the batch.
 */
export function membersErasedBy(
  batch: readonly BuurtpasEvent[],
  isErased: (memberId: string) => boolean,
  mergedFromOf: (memberId: string) => readonly string[],
): string[] {
  const batchChildren = new Map<string, string[]>();
  const roots: string[] = [];
  for (const e of batch) {
    if (e.type === 'member-erased') roots.push(e.data.memberId);
    if (e.type === 'members-merged') {
      const list = batchChildren.get(e.data.intoMemberId) ?? [];
      list.push(e.data.fromMemberId);
      batchChildren.set(e.data.intoMemberId, list);
      if (isErased(e.data.intoMemberId)) roots.push(e.data.fromMemberId);
    }
  }
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const child of [...mergedFromOf(id), ...(batchChildren.get(id) ?? [])])
      if (!reached.has(child)) queue.push(child);
  }
  return [...reached].filter((id) => !isErased(id)).sort();
}
