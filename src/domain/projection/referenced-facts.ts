/**
 * The earlier facts a batch refers to by event id: those a replica must hold as facts (not only as
 * state rows) to apply the batch as every other replica does. Read off `planRows`, the rulebook's
 * own list of what a batch reads, so a new kind that reads a fact is covered without a change
 * here. Today these are the targets of voids: a void of a visit, service use, walk-in or
 * (de)registration takes back what its target added, and only the target fact says where (day,
 * location, device, member). Voids of payments and waivers read their `payments` / `waivers`
 * rows, which a snapshot carries; merges, pass revokes, membership ends, waivers and kept
 * duplicates refer to rows or to facts a snapshot carries (`SNAPSHOT_FACT_TYPES`).
 */
import type { BuurtpasEvent } from '../events.ts';
import { planRows } from './apply-batch.ts';

/** Ids of the facts `events` read, sorted, those in `events` itself left out. */
export function listReferencedFactIds(events: readonly BuurtpasEvent[]): string[] {
  const inBatch = new Set(events.map((e) => e.eventId));
  const ids = new Set<string>();
  for (const r of planRows(events)) if (r.table === 'facts' && !inBatch.has(r.key)) ids.add(r.key);
  return [...ids].sort();
}
