/**
 * The server's projection: the rows of src/domain/projection folded from every stored event,
 * kept in memory and brought up to date from storage before each answer. Reading "after my last
 * seq" (instead of being told about pushes) keeps it correct when several server processes share
 * one PostgreSQL database. The checksum is accumulated beside it, so both describe exactly the
 * events up to `lastSeq`. The server decides nothing itself: it loads facts and calls the rules.
 */
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import { addToChecksum, type EventSetChecksum } from '../../domain/event-set-checksum.ts';
import {
  applyEventsToState,
  emptyProjectionState,
  type ProjectionState,
} from '../../domain/projection/memory-projection.ts';
import type { SummaryResponse } from '../../domain/protocol.ts';
import { summarize } from '../../domain/summary.ts';
import type { Storage, StoredEventRow } from '../storage/storage.ts';

export type SummaryCache = {
  /** Reads events committed since the last call; concurrent callers share one catch-up. */
  refresh(): Promise<void>;
  summaryFor(year: number): Promise<SummaryResponse>;
  /** The projection's rows as of `lastSeq` (after a refresh): read them, never change them. */
  projection(): { state: ProjectionState; lastSeq: number };
};

const PAGE = 5000;

/** A server-side projection: no per-fact memory; a page's void targets are read from storage. */
export function emptyServerProjection(): ProjectionState {
  return emptyProjectionState({ trackSeen: false, keepFacts: false });
}

/**
 * Parses a page of stored events and applies it to `state`, after reading from storage the
 * targets of its voids that lie in earlier pages. Returns the parsed events.
 */
export async function applyStoredPage(
  storage: Storage,
  state: ProjectionState,
  rows: readonly StoredEventRow[],
): Promise<BuurtpasEvent[]> {
  const events = rows.map((row) => upcastEvent(JSON.parse(row.json)) as BuurtpasEvent);
  const inPage = new Set(events.map((e) => e.eventId));
  const wanted = events.flatMap((e) =>
    e.type === 'event-voided' && !inPage.has(e.data.targetEventId) ? [e.data.targetEventId] : [],
  );
  const targets = new Map<string, BuurtpasEvent>();
  const lastSeq = rows[rows.length - 1]?.seq ?? 0;
  if (wanted.length > 0)
    for (const row of await storage.readEventsByIds(wanted)) {
      // Committed after this page was read: not applied yet, so nothing of it to take back.
      if (row.seq > lastSeq) continue;
      const e = upcastEvent(JSON.parse(row.json)) as BuurtpasEvent;
      targets.set(e.eventId, e);
    }
  applyEventsToState(state, events, targets);
  return events;
}

export function createSummaryCache(storage: Storage): SummaryCache {
  const state = emptyServerProjection();
  const checksum = { count: 0, sum: 0n };
  let lastSeq = 0;
  let running: Promise<void> | null = null;

  async function catchUp(): Promise<void> {
    for (;;) {
      const rows = await storage.readEventsAfter(lastSeq, PAGE);
      const events = await applyStoredPage(storage, state, rows);
      for (const e of events) addToChecksum(checksum, e.eventId);
      const last = rows[rows.length - 1];
      if (last) lastSeq = last.seq;
      if (rows.length < PAGE) return;
    }
  }

  async function refresh(): Promise<void> {
    while (running) await running;
    running = catchUp().finally(() => {
      running = null;
    });
    return running;
  }

  function currentChecksum(): EventSetChecksum {
    return { count: checksum.count, sum: checksum.sum.toString(16).padStart(16, '0') };
  }

  return {
    refresh,
    async summaryFor(year) {
      await refresh();
      // No await between reading the three: they describe the same set of events.
      return { summary: summarize(state, year), checksum: currentChecksum(), lastSeq };
    },
    projection: () => ({ state, lastSeq }),
  };
}
