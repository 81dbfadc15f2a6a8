/**
 * Erasure on the server: a `member-profile-set` of an erased member keeps its envelope (so its
 * eventId, seq and the checksum stay) but loses every personal field.
 */
import { createHash } from 'node:crypto';
import type { BuurtpasEvent } from '../../domain/events.ts';

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

/** Members erased by valid events of this batch: their profile edits in the batch are stored redacted. */
export function collectErasedMembers(
  batch: readonly { kind: string; event?: BuurtpasEvent }[],
): Set<string> {
  const erased = new Set<string>();
  for (const item of batch)
    if (item.event?.type === 'member-erased') erased.add(item.event.data.memberId);
  return erased;
}
