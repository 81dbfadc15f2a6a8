/**
 * The one way a fact is written on a laptop: stamped (UUIDv7, HLC), stored, applied to the
 * projections and queued in the outbox, all in one Dexie transaction. If the transaction fails
 * (a full disk, a closed database) nothing of it is kept and the caller is told.
 */
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import { formatHlc, receiveHlc, tickHlc, type HlcState } from '../../domain/hlc.ts';
import { PAYLOAD_VERSION } from '../../domain/event-facts.ts';
import Dexie from 'dexie';
import type {
  BuurtpasEvent,
  EventData,
  EventType,
  RoleName,
  RoleProof,
} from '../../domain/events.ts';
import type { BuurtpasDb } from './database.ts';
import { storeAndApplyInTransaction, tablesOfDb, toStoredEvent } from './apply-events.ts';
import { listVoidsToDefer } from './snapshot-own-writes.ts';

export type EventDraft = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** Who writes: this laptop, at its location, in a role. `random` fills ids; tests pass a seeded one. */
export type Writer = {
  deviceId: string;
  locationId: string;
  role: RoleName;
  random: (bytes: number) => Uint8Array;
  /**
   * The unlocked role's signer (docs/security.md): every fact written with it carries a proof
   * the server checks. Absent for the plain desk.
   */
  prove?: (event: BuurtpasEvent) => Promise<RoleProof>;
};

export const HLC_META_KEY = 'hlc';

export async function readHlc(db: BuurtpasDb): Promise<HlcState> {
  const row = await db.meta.get(HLC_META_KEY);
  return (row?.value as HlcState | undefined) ?? { wallMs: 0, counter: 0 };
}

/**
 * Stamps drafts from a clock already read (no database access): the events and the clock to
 * store with them. The scan reads the clock beside its other reads and stores it with its writes.
 */
export function stampDrafts(
  hlc: HlcState,
  writer: Writer,
  drafts: readonly EventDraft[],
  nowMs: number,
): { events: BuurtpasEvent[]; hlc: HlcState } {
  let clock = hlc;
  const at = new Date(nowMs).toISOString();
  const events = drafts.map((draft) => {
    clock = tickHlc(clock, nowMs);
    return {
      eventId: makeUuidV7(nowMs, writer.random(10)),
      v: PAYLOAD_VERSION,
      type: draft.type,
      at,
      hlc: formatHlc(clock, writer.deviceId),
      deviceId: writer.deviceId,
      locationId: writer.locationId,
      role: writer.role,
      data: draft.data,
    } as BuurtpasEvent;
  });
  return { events, hlc: clock };
}

/** Stamps drafts as events. Runs inside the caller's transaction (reads and writes the HLC). */
export async function stampEvents(
  db: BuurtpasDb,
  writer: Writer,
  drafts: readonly EventDraft[],
  nowMs: number,
): Promise<BuurtpasEvent[]> {
  const { events, hlc } = stampDrafts(await readHlc(db), writer, drafts, nowMs);
  await db.meta.put({ key: HLC_META_KEY, value: hlc });
  return events;
}

/** Moves this laptop's clock past stamps it has seen from others (called when pulling). */
export async function observeRemoteHlc(
  db: BuurtpasDb,
  remote: readonly string[],
  nowMs: number,
): Promise<void> {
  if (remote.length === 0) return;
  let hlc = await readHlc(db);
  let newest = remote[0]!;
  for (const r of remote) if (r > newest) newest = r;
  hlc = receiveHlc(hlc, newest, nowMs);
  await db.meta.put({ key: HLC_META_KEY, value: hlc });
}

/** Writes new facts made on this laptop. Inside an existing transaction when one is open. */
export async function writeEvents(
  db: BuurtpasDb,
  writer: Writer,
  drafts: readonly EventDraft[],
  nowMs: number,
): Promise<BuurtpasEvent[]> {
  return db.transaction('rw', db.tables, async () => {
    return await writeEventsInTransaction(db, writer, drafts, nowMs);
  });
}

/**
 * `writeEvents` without opening a transaction: for a caller (the scan) that already holds one over
 * exactly the tables the facts touch, so no nested transaction is made. Dexie refuses a table
 * outside the caller's scope, so a scope that is too narrow fails loudly, never silently.
 */
export async function writeEventsInTransaction(
  db: BuurtpasDb,
  writer: Writer,
  drafts: readonly EventDraft[],
  nowMs: number,
): Promise<BuurtpasEvent[]> {
  const stamped = await stampEvents(db, writer, drafts, nowMs);
  const prove = writer.prove;
  // WebCrypto is not IndexedDB: waitFor keeps the (possibly outer) transaction alive meanwhile.
  const events = prove
    ? await Dexie.waitFor(
        Promise.all(stamped.map(async (e) => ({ ...e, proof: await prove(e) }) as BuurtpasEvent)),
      )
    : stamped;
  // While a snapshot loads, a void of an older fact is applied at its end (snapshot-own-writes.ts).
  const later = await listVoidsToDefer(db, events);
  await Promise.all([
    storeAndApplyInTransaction(
      tablesOfDb(db),
      events.filter((e) => !later.has(e.eventId)).map((event) => ({ event })),
    ),
    later.size > 0
      ? db.events.bulkAdd(events.filter((e) => later.has(e.eventId)).map((e) => toStoredEvent(e)))
      : undefined,
    db.outbox.bulkAdd(events.map((e) => ({ eventId: e.eventId }))),
  ]);
  return events;
}
