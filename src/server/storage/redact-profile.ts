/**
 * Erasure on the server: a `member-profile-set` of an erased member keeps its envelope (so its
 * eventId, seq and the checksum stay) but loses every personal field. Who is erased (the person
 * and every record merged into them, in either order) is the projection's rule
 * (src/domain/projection/erasure-reach.ts); storage loads what it needs and applies it.
 */
import { createHash } from 'node:crypto';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { erasureCandidates } from '../../domain/projection/erasure-reach.ts';

export function redactProfileEvent(event: BuurtpasEvent): BuurtpasEvent {
  if (event.type !== 'member-profile-set') return event;
  return { ...event, data: { ...event.data, fields: {} } };
}

export function redactProfileJson(json: string): string {
  return JSON.stringify(redactProfileEvent(JSON.parse(json) as BuurtpasEvent));
}

/** What a quarantined payload that mentions an erased member is replaced with. */
export const REDACTED_RAW = '{"redacted":"member-erased"}';

/** Quarantine rows are deduplicated by this, so resending the same bad event stores nothing new. */
export function hashQuarantineRaw(deviceId: string, raw: string): string {
  return createHash('sha256').update(deviceId).update('\n').update(raw).digest('hex');
}

/** The valid events of a pushed batch. */
export function validEventsOf(
  batch: readonly { kind: string; event?: BuurtpasEvent }[],
): BuurtpasEvent[] {
  return batch.flatMap((item) => (item.event ? [item.event] : []));
}

/** The records stored as merged into a member, from the stored `members-merged` bodies. */
export function mergedFromOfBodies(bodies: readonly string[]): string[] {
  return bodies.map((b) => (JSON.parse(b) as { data: { fromMemberId: string } }).data.fromMemberId);
}

/**
 * Loads, level by level, the records stored as merged into the batch's erasure candidates (and
 * into those, along chains), so `membersErasedBy` can decide with everything it may visit.
 */
export async function loadMergedFrom(
  batch: readonly BuurtpasEvent[],
  fetchChildren: (memberIds: string[]) => Promise<Map<string, string[]>>,
): Promise<Map<string, string[]>> {
  const children = new Map<string, string[]>();
  let frontier = erasureCandidates(batch);
  for (const e of batch) if (e.type === 'members-merged') frontier.push(e.data.fromMemberId);
  for (let depth = 0; frontier.length > 0 && depth < 64; depth++) {
    const ask = [...new Set(frontier)].filter((id) => !children.has(id));
    if (ask.length === 0) break;
    const found = await fetchChildren(ask);
    frontier = [];
    for (const id of ask) {
      const list = found.get(id) ?? [];
      children.set(id, list);
      frontier.push(...list);
    }
  }
  return children;
}
