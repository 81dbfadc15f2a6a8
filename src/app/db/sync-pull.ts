/**
 * One pulled page, written as one Dexie transaction: the events, their projections and the
 * cursor advance commit together or not at all (RxDB #5571: never move a checkpoint past data
 * that is not written).
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import type { BuurtpasDb } from './database.ts';
import { observeRemoteHlc } from './record-events.ts';
import { applyPulledEvents } from './sync-apply.ts';
import { adoptServerClocks, findReclocked } from './sync-reclock.ts';
import { readCursor, writeCursor, type CursorKind } from './sync-state.ts';

export type PageOutcome =
  { kind: 'applied'; fresh: number } | { kind: 'cursor-moved'; cursor: number };

export async function applyPulledPage(
  db: BuurtpasDb,
  after: number,
  next: number,
  events: readonly { seq: number; event: BuurtpasEvent }[],
  nowMs: number,
  kind: CursorKind = 'full',
): Promise<PageOutcome> {
  return db.transaction('rw', db.tables, async () => {
    // Another tab (or an earlier, slower attempt) got here first: its page is already in.
    const cursor = await readCursor(db, kind);
    if (cursor !== after) return { kind: 'cursor-moved', cursor } as const;
    // Copies already held with another clock (the server clamped them): read before applying.
    const { reclocked, held } = await findReclocked(db, events);
    const fresh = await applyPulledEvents(db, events, held);
    await adoptServerClocks(db, reclocked);
    await observeRemoteHlc(
      db,
      events.map((e) => e.event.hlc),
      nowMs,
    );
    await writeCursor(db, next, kind);
    return { kind: 'applied', fresh } as const;
  });
}
