/**
 * The server's summary: the ledger folded from every stored event, kept in memory and brought up
 * to date from storage before each answer. Reading "after my last seq" (instead of being told
 * about pushes) keeps it correct when several server processes share one PostgreSQL database.
 * The checksum is accumulated beside it, so both describe exactly the events up to `lastSeq`.
 */
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import { addToChecksum, type EventSetChecksum } from '../../domain/event-set-checksum.ts';
import { applyToLedger, emptyLedger } from '../../domain/ledger.ts';
import type { SummaryResponse } from '../../domain/protocol.ts';
import { summarize } from '../../domain/summary.ts';
import type { Storage } from '../storage/storage.ts';

export type SummaryCache = {
  /** Reads events committed since the last call; concurrent callers share one catch-up. */
  refresh(): Promise<void>;
  summaryFor(year: number): Promise<SummaryResponse>;
};

const PAGE = 5000;

export function createSummaryCache(storage: Storage): SummaryCache {
  const ledger = emptyLedger();
  const checksum = { count: 0, sum: 0n };
  let lastSeq = 0;
  let running: Promise<void> | null = null;

  async function catchUp(): Promise<void> {
    for (;;) {
      const rows = await storage.readEventsAfter(lastSeq, PAGE);
      for (const row of rows) {
        const event = upcastEvent(JSON.parse(row.json)) as BuurtpasEvent;
        applyToLedger(ledger, event);
        addToChecksum(checksum, event.eventId);
        lastSeq = row.seq;
      }
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
      return { summary: summarize(ledger, year), checksum: currentChecksum(), lastSeq };
    },
  };
}
