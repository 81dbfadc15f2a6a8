/**
 * Dexie access for the sync engine: the connection, the pull cursor, outbox batches and their
 * acknowledgement, quarantine notes, and the laptop's ledger for comparing with the server.
 * Everything lives in existing tables (outbox, events, meta), so sync needs no schema version.
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import {
  addChecksums,
  checksumOf,
  type EventSetChecksum,
} from '../../domain/event-set-checksum.ts';
import { emptyLedger, type Ledger } from '../../domain/ledger.ts';
import type { PushResult } from '../../domain/protocol.ts';
import type { Summary } from '../../domain/summary.ts';
import type { BuurtpasDb } from './database.ts';

/** How this laptop reaches the server; absent until it is enrolled. */
export type SyncConnection = {
  baseUrl: string;
  token: string;
  deviceId: string;
  locationId: string;
  role: 'desk' | 'coordinator';
  enrolledAt: string;
};

/**
 * A fact of this laptop that the server did not take: `refused` (quarantined, with the server's
 * reason code) or `conflict` (the server holds this eventId with other content). The fact stays
 * in this laptop's events, so nothing is lost; the note is what the sync status shows.
 * Notes from before `status` existed are refusals.
 */
export type QuarantineNote = {
  eventId: string;
  reason: string;
  at: string;
  status?: 'refused' | 'conflict';
};

/** What the last comparison with `/api/v1/summary` found; kept so the status survives a reload. */
export type SummaryComparison =
  | { kind: 'agrees'; at: string; lastSeq: number; count: number; summary?: Summary }
  | { kind: 'differs'; at: string; lastSeq: number; differences: string[]; summary?: Summary };

export type BootstrapState = {
  phase: 'priority' | 'history' | 'done';
  pulled: number;
  total: number;
};

export const SYNC_KEYS = {
  connection: 'sync.connection',
  cursor: 'sync.cursor',
  lastSyncAt: 'sync.lastSyncAt',
  quarantine: 'sync.quarantine',
  comparison: 'sync.comparison',
  bootstrap: 'sync.bootstrap',
  priorityCursor: 'sync.priorityCursor',
  /** `{ seq, checksum }` of the events a snapshot's state stands for (snapshot-load.ts). */
  snapshotBase: 'snapshot.base',
} as const;

/** Which pull a cursor belongs to: the full one, or a new laptop's priority pull of the ledger types. */
export type CursorKind = 'full' | 'priority';

const cursorKey = (kind: CursorKind) =>
  kind === 'full' ? SYNC_KEYS.cursor : SYNC_KEYS.priorityCursor;

const MAX_QUARANTINE_NOTES = 500;

async function readValue<T>(db: BuurtpasDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function readSyncConnection(db: BuurtpasDb): Promise<SyncConnection | undefined> {
  return readValue<SyncConnection>(db, SYNC_KEYS.connection);
}

export async function saveSyncConnection(
  db: BuurtpasDb,
  connection: SyncConnection,
): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.connection, value: connection });
}

export async function readCursor(db: BuurtpasDb, kind: CursorKind = 'full'): Promise<number> {
  return (await readValue<number>(db, cursorKey(kind))) ?? 0;
}

export async function writeCursor(
  db: BuurtpasDb,
  seq: number,
  kind: CursorKind = 'full',
): Promise<void> {
  await db.meta.put({ key: cursorKey(kind), value: seq });
}

export async function readLastSyncAt(db: BuurtpasDb): Promise<string | undefined> {
  return readValue<string>(db, SYNC_KEYS.lastSyncAt);
}

export async function writeLastSyncAt(db: BuurtpasDb, iso: string): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.lastSyncAt, value: iso });
}

export async function readQuarantineNotes(db: BuurtpasDb): Promise<QuarantineNote[]> {
  return (await readValue<QuarantineNote[]>(db, SYNC_KEYS.quarantine)) ?? [];
}

export type RefusedFact = QuarantineNote & { type: string | null };

/** The notes with the type of the fact they name, newest first, for the sync status. */
export async function readRefusedFacts(db: BuurtpasDb): Promise<RefusedFact[]> {
  const notes = await readQuarantineNotes(db);
  const rows = await db.events.bulkGet(notes.map((n) => n.eventId));
  return notes
    .map((n, i) => ({ ...n, status: n.status ?? 'refused', type: rows[i]?.event.type ?? null }))
    .reverse();
}

export async function readComparison(db: BuurtpasDb): Promise<SummaryComparison | undefined> {
  return readValue<SummaryComparison>(db, SYNC_KEYS.comparison);
}

export async function writeComparison(
  db: BuurtpasDb,
  comparison: SummaryComparison,
): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.comparison, value: comparison });
}

export async function readBootstrap(db: BuurtpasDb): Promise<BootstrapState | undefined> {
  return readValue<BootstrapState>(db, SYNC_KEYS.bootstrap);
}

export async function writeBootstrap(db: BuurtpasDb, state: BootstrapState): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.bootstrap, value: state });
}

export type OutboxBatch = { events: BuurtpasEvent[]; missing: string[] };

/** The oldest `limit` outbox entries, in the order they were written, with their stored events. */
export async function readOutboxBatch(db: BuurtpasDb, limit: number): Promise<OutboxBatch> {
  return db.transaction('r', db.outbox, db.events, async () => {
    const rows = await db.outbox.orderBy('id').limit(limit).toArray();
    const stored = await db.events.bulkGet(rows.map((r) => r.eventId));
    const events: BuurtpasEvent[] = [];
    const missing: string[] = [];
    rows.forEach((r, i) => {
      const s = stored[i];
      if (s) events.push(s.event);
      else missing.push(r.eventId);
    });
    return { events, missing };
  });
}

/**
 * The server answered: each acknowledged event leaves the outbox (inserted, duplicate or
 * quarantined). Results for ids this laptop did not send are ignored, so a garbled or mixed-up
 * answer can only leave events queued, never drop one that was not acknowledged.
 */
export async function acknowledgePushed(
  db: BuurtpasDb,
  sent: readonly string[],
  results: readonly PushResult[],
  nowIso: string,
): Promise<{ acknowledged: number; quarantined: QuarantineNote[] }> {
  const sentIds = new Set(sent);
  const acked = results.filter((r) => sentIds.has(r.eventId));
  const quarantined = acked.flatMap((r): QuarantineNote[] =>
    r.status === 'quarantined'
      ? [{ eventId: r.eventId, reason: r.reason, at: nowIso, status: 'refused' }]
      : r.status === 'conflict'
        ? [{ eventId: r.eventId, reason: 'conflict', at: nowIso, status: 'conflict' }]
        : [],
  );
  return db.transaction('rw', db.outbox, db.events, db.meta, async () => {
    const ids = Array.from(new Set(acked.map((r) => r.eventId)));
    const keys = await db.outbox.where('eventId').anyOf(ids).primaryKeys();
    await db.outbox.bulkDelete(keys);
    // A conflict's seq belongs to the server's other content, not to this laptop's copy.
    const withSeq = acked.filter(
      (r): r is Extract<PushResult, { status: 'inserted' | 'duplicate' }> =>
        r.status === 'inserted' || r.status === 'duplicate',
    );
    if (withSeq.length > 0) {
      const stored = await db.events.bulkGet(withSeq.map((r) => r.eventId));
      const updates = stored.flatMap((s, i) =>
        s && s.seq === undefined ? [{ ...s, seq: withSeq[i]!.seq }] : [],
      );
      if (updates.length > 0) await db.events.bulkPut(updates);
    }
    if (quarantined.length > 0) {
      const notes = [...(await readQuarantineNotes(db)), ...quarantined].slice(
        -MAX_QUARANTINE_NOTES,
      );
      await db.meta.put({ key: SYNC_KEYS.quarantine, value: notes });
    }
    return { acknowledged: keys.length, quarantined };
  });
}

/** Outbox rows whose event is gone (cannot happen by the write path; kept from blocking the queue). */
export async function dropOrphanOutboxRows(
  db: BuurtpasDb,
  eventIds: readonly string[],
): Promise<void> {
  const keys = await db.outbox
    .where('eventId')
    .anyOf([...eventIds])
    .primaryKeys();
  await db.outbox.bulkDelete(keys);
}

/**
 * The laptop's projections folded into the `Ledger` shape `summarize` reads, so the laptop
 * computes its counts with the very function the server uses.
 */
export async function readLocalLedger(db: BuurtpasDb): Promise<Ledger> {
  return db.transaction(
    'r',
    [db.members, db.registrations, db.memberships, db.payments, db.waivers, db.voids, db.amounts],
    async () => {
      const ledger = emptyLedger();
      const [members, registrations, memberships, payments, waivers, voids, amounts] =
        await Promise.all([
          db.members.toArray(),
          db.registrations.toArray(),
          db.memberships.toArray(),
          db.payments.toArray(),
          db.waivers.toArray(),
          db.voids.toArray(),
          db.amounts.toArray(),
        ]);
      for (const m of members)
        ledger.members.set(m.memberId, {
          memberId: m.memberId,
          fields: m.fields,
          clocks: m.clocks,
          erased: m.erased,
          mergedInto: m.mergedInto,
        });
      for (const { key, ...p } of registrations) ledger.registrations.set(key, p);
      for (const { key, ...p } of memberships) ledger.memberships.set(key, p);
      for (const { day: _day, ...p } of payments) ledger.payments.set(p.eventId, p);
      for (const w of waivers) ledger.waivers.set(w.eventId, w);
      for (const v of voids) ledger.voids.set(v.targetEventId, v);
      for (const { key, ...a } of amounts) ledger.amounts.set(key, a);
      return ledger;
    },
  );
}

/** The checksum of the events this laptop shares with the server (quarantined ones are not there). */
export async function readLocalChecksum(db: BuurtpasDb): Promise<EventSetChecksum> {
  const [ids, notes, base] = await Promise.all([
    db.events.toCollection().primaryKeys(),
    readQuarantineNotes(db),
    readValue<{ seq: number; checksum: EventSetChecksum }>(db, SYNC_KEYS.snapshotBase),
  ]);
  // A conflict's id is on the server (with other content); a refused one is not.
  const quarantined = new Set(notes.filter((n) => n.status !== 'conflict').map((n) => n.eventId));
  // A laptop started from a snapshot holds the state of the events up to the snapshot's seq, not
  // the events: their checksum is the base, and facts it holds at or below that seq are in it.
  if (base) {
    const inBase = await db.events.where('seq').belowOrEqual(base.seq).primaryKeys();
    for (const id of inBase) quarantined.add(id);
  }
  const own = checksumOf(quarantined.size === 0 ? ids : ids.filter((id) => !quarantined.has(id)));
  return base ? addChecksums(base.checksum, own) : own;
}

/** Revoked laptop: nothing of the data may stay behind. */
export async function wipeLocalData(db: BuurtpasDb): Promise<void> {
  db.close();
  await db.delete();
}
