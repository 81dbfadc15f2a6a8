/**
 * An eventId the server already holds: the same content is a `duplicate` (a retry, harmless);
 * other content is a `conflict` the laptop must keep and show, never silently drop. Rows stored
 * before content hashes existed (or by storage-only callers without one) count as duplicates.
 */
import type { PushResult } from '../../domain/protocol.ts';

export function answerExisting(
  eventId: string,
  existing: { seq: number; contentHash: string | null },
  incomingHash: string | undefined,
): PushResult {
  const differs =
    existing.contentHash !== null &&
    incomingHash !== undefined &&
    existing.contentHash !== incomingHash;
  return differs
    ? { eventId, status: 'conflict', seq: existing.seq }
    : { eventId, status: 'duplicate', seq: existing.seq };
}
