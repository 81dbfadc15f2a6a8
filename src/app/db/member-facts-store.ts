/**
 * One person's facts fetched from the server for an access export (docs/sync-protocol.md, "One
 * person's facts"): which of them this laptop keeps, and what it holds without them.
 *
 * A laptop that started from a snapshot holds the state of the events up to the snapshot's seq,
 * not the events. Fetched facts at or below that seq are stored **without being applied** (the
 * state has them already), as the snapshot's own `facts` are; `readLocalChecksum` counts facts at
 * or below the base seq inside the base, so the checksum agreement with the server stays. Facts
 * above it are never stored here: the pull brings them and applies them (a stored fact counts as
 * applied, so storing one early would keep the pull from applying it). A fact this laptop holds
 * already is never touched: recorded data is not changed.
 */
import { parseEvent, type BuurtpasEvent } from '../../domain/events.ts';
import { toStoredEvent } from './apply-events.ts';
import type { BuurtpasDb, MemberRow, StoredEvent } from './database.ts';
import { readSnapshotProgress, SNAPSHOT_KEYS, type SnapshotBase } from './snapshot-load.ts';
import { readBootstrap, readSyncConnection } from './sync-state.ts';

export type FetchedFact = { seq: number; event: BuurtpasEvent };

/** Parses the server's rows; null when one is not a fact this laptop can read. */
export function parseFetchedFacts(rows: readonly { seq: number; event: unknown }[]) {
  const out: FetchedFact[] = [];
  for (const row of rows) {
    const parsed = parseEvent(row.event);
    if (!parsed.ok) return null;
    out.push({ seq: row.seq, event: parsed.event });
  }
  return out;
}

/** A profile fact of an erased person, without its fields (the server may not know yet). */
function redacted(event: BuurtpasEvent): BuurtpasEvent {
  if (event.type !== 'member-profile-set' || Object.keys(event.data.fields).length === 0)
    return event;
  return { ...event, data: { ...event.data, fields: {} } };
}

/**
 * The fetched facts with an erased person's fields taken out: this laptop may have erased the
 * person while the erasure still waits in the outbox.
 */
export async function redactForErased(
  db: BuurtpasDb,
  facts: readonly FetchedFact[],
  erasedOnServer: boolean,
): Promise<FetchedFact[]> {
  const ids = [
    ...new Set(
      facts.flatMap((f) => (f.event.type === 'member-profile-set' ? [f.event.data.memberId] : [])),
    ),
  ];
  const rows = await db.members.bulkGet(ids);
  const erased = new Set(
    rows.filter((m): m is MemberRow => m !== undefined && m.erased).map((m) => m.memberId),
  );
  return facts.map((f) =>
    f.event.type === 'member-profile-set' && (erasedOnServer || erased.has(f.event.data.memberId))
      ? { seq: f.seq, event: redacted(f.event) }
      : f,
  );
}

/**
 * Keeps the fetched facts this laptop lacks that the snapshot's state already stands for; answers
 * how many it stored. Nothing on a laptop without a finished snapshot (it holds its pulled facts).
 */
export async function storeFetchedFacts(
  db: BuurtpasDb,
  facts: readonly FetchedFact[],
  /** While a snapshot loads: the seq of that snapshot (the base, if any, is an older one's). */
  loadingSeq?: number,
): Promise<number> {
  if (facts.length === 0) return 0;
  return db.transaction('rw', [db.events, db.meta, db.members], async () => {
    const base = (await db.meta.get(SNAPSHOT_KEYS.base))?.value as SnapshotBase | undefined;
    const upTo = loadingSeq ?? base?.seq;
    if (upTo === undefined) return 0;
    const inBase = facts.filter((f) => f.seq <= upTo);
    const held = await db.events.bulkGet(inBase.map((f) => f.event.eventId));
    const fresh = new Map<string, StoredEvent>();
    inBase.forEach((f, i) => {
      if (!held[i]) fresh.set(f.event.eventId, toStoredEvent(f.event, f.seq));
    });
    // Redacted again inside the transaction: an erasure applied meanwhile is seen.
    const safe = await redactForErased(
      db,
      [...fresh.values()].map((r) => ({ seq: r.seq!, event: r.event })),
      false,
    );
    await db.events.bulkAdd(safe.map((f) => toStoredEvent(f.event, f.seq)));
    return safe.length;
  });
}

/**
 * What this laptop lacks of a person's history: on a laptop that started (or is starting) from a
 * snapshot, the facts older than the snapshot, which the server holds. `before`: the day this
 * laptop was connected (every fact since is here; facts before it may be on the server only).
 */
export type MissingHistory = { kind: 'complete' } | { kind: 'on-server'; before: string | null };

export async function readMissingHistory(db: BuurtpasDb): Promise<MissingHistory> {
  const [base, progress, bootstrap, connection] = await Promise.all([
    db.meta.get(SNAPSHOT_KEYS.base),
    readSnapshotProgress(db),
    readBootstrap(db),
    readSyncConnection(db),
  ]);
  // A new laptop pulling the history without a snapshot lacks it until that pull is done.
  const pulling = bootstrap !== undefined && bootstrap.phase !== 'done';
  if (!base && !progress && !pulling) return { kind: 'complete' };
  return { kind: 'on-server', before: connection?.enrolledAt ?? null };
}
