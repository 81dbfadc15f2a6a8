/**
 * A new laptop's state from the server's snapshot (docs/sync-protocol.md, "Snapshot"): each page's
 * rows go straight into their Dexie table with one bulkPut, and the progress record advances in
 * the same transaction, so after a crash or a lost connection the laptop resumes at exactly the
 * next page. When every page is in, the pull cursor is set to the snapshot's seq and ordinary
 * pulls follow; the event-set checksum of the events up to that seq is kept as the base the
 * laptop's own checksum adds to (it holds the state, not those events).
 */
import { parseEvent } from '../../domain/events.ts';
import {
  SNAPSHOT_FACT_TYPES,
  SNAPSHOT_FACTS_TABLE,
  type SnapshotManifest,
} from '../../domain/snapshot-protocol.ts';
import type { ProjectionTable } from '../../domain/projection/rows.ts';
import { applyStoredFacts, tablesOfDb, toStoredEvent } from './apply-events.ts';
import type { StoredEvent } from './stored-event.ts';
import type { BuurtpasDb } from './database.ts';
import { readCursor, SYNC_KEYS, writeBootstrap, writeCursor } from './sync-state.ts';
import {
  beginSnapshotRestart,
  finishSnapshotRestart,
  readSnapshotRestart,
} from './snapshot-restart.ts';
import { readDeferredVoids, withOwnWrites } from './snapshot-own-writes.ts';
import {
  historyFromOf,
  readHistoryKeep,
  readSnapshotProgress,
  SNAPSHOT_KEYS,
  type SnapshotBase,
  type SnapshotProgress,
} from './snapshot-progress.ts';

/** The state tables a snapshot may fill; never the facts, the outbox or this laptop's settings. */
export const SNAPSHOT_TABLES = [
  'members',
  'registrations',
  'memberships',
  'passes',
  'visitDays',
  'payments',
  'waivers',
  'voids',
  'contributions',
  'amounts',
  'dayCounters',
  'services',
  'lastVisits',
  'reportActivity',
  'reportWalkIns',
] as const;

const SNAPSHOT_TABLE_SET = new Set<string>(SNAPSHOT_TABLES);

export {
  DEFAULT_HISTORY_KEEP,
  HISTORY_KEEPS,
  historyFromOf,
  readHistoryKeep,
  readSnapshotProgress,
  SNAPSHOT_KEYS,
  writeHistoryKeep,
  type HistoryKeep,
  type SnapshotBase,
  type SnapshotProgress,
} from './snapshot-progress.ts';

/**
 * Only a laptop with no facts of its own starts from a snapshot: its state is then exactly the
 * snapshot's. A laptop that already wrote or pulled facts keeps them and pulls what it misses.
 */
export async function canStartFromSnapshot(db: BuurtpasDb): Promise<boolean> {
  const progress = await readSnapshotProgress(db);
  if (progress) return !progress.done;
  // A snapshot laptop after the server's restore starts again, its own facts kept.
  if (await readSnapshotRestart(db)) return true;
  const [events, outbox, cursor] = await Promise.all([
    db.events.count(),
    db.outbox.count(),
    readCursor(db),
  ]);
  return events === 0 && outbox === 0 && cursor === 0;
}

export function isSnapshotTable(table: string): boolean {
  return SNAPSHOT_TABLE_SET.has(table) || table === SNAPSHOT_FACTS_TABLE;
}

/**
 * A `facts` page's rows as stored facts, not applied (the state has them). Only the kinds the
 * snapshot may carry, each checked as a pulled fact is; null when one is not.
 */
function factsOf(rows: readonly object[]): StoredEvent[] | null {
  const out: StoredEvent[] = [];
  for (const row of rows) {
    const { seq, event } = row as { seq?: unknown; event?: unknown };
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return null;
    const parsed = parseEvent(event);
    if (!parsed.ok || !(SNAPSHOT_FACT_TYPES as readonly string[]).includes(parsed.event.type))
      return null;
    out.push(toStoredEvent(parsed.event, seq));
  }
  return out;
}

/**
 * Begins (or begins again) a snapshot: the state tables are emptied, so rows of an abandoned,
 * older snapshot never mix with this one's.
 */
export async function startSnapshot(
  db: BuurtpasDb,
  manifest: SnapshotManifest,
  nowMs: number = Date.now(),
): Promise<void> {
  const tables = SNAPSHOT_TABLES.map((t) => db.table(t));
  await db.transaction('rw', [...tables, db.events, db.meta], async () => {
    await beginSnapshotRestart(db);
    const keep = await readHistoryKeep(db);
    const from = historyFromOf(keep, nowMs);
    // History pages come newest day first: the wanted ones are a prefix of them.
    let end = manifest.pages.length;
    if (from !== null)
      end = manifest.pages.findIndex((p) => p.days !== undefined && p.days.to < from);
    if (end < 0) end = manifest.pages.length;
    const wanted = manifest.pages.slice(0, end);
    const totals: Record<string, number> = {};
    for (const p of wanted) totals[p.table] = (totals[p.table] ?? 0) + p.rows;
    await Promise.all(tables.map((t) => t.clear()));
    const countPages = Math.min(end, manifest.countPages ?? end);
    const progress: SnapshotProgress = {
      snapshotId: manifest.snapshotId,
      seq: manifest.seq,
      checksum: manifest.checksum,
      pageCount: end,
      crc32s: wanted.map((p) => p.crc32),
      scanPages: manifest.scanPages,
      countPages,
      nextPage: 0,
      totals,
      loaded: {},
      scanReady: manifest.scanPages === 0,
      countsReady: countPages === 0,
      done: false,
      history: { keep, from },
    };
    await db.meta.put({ key: SNAPSHOT_KEYS.progress, value: progress });
    await writeBootstrap(db, bootstrapOf(progress));
  });
}

/** The settings screen's older progress record, kept in step (phase, rows done of rows in all). */
function bootstrapOf(p: SnapshotProgress) {
  const total = Object.values(p.totals).reduce((a, b) => a + b, 0);
  const pulled = Object.values(p.loaded).reduce((a, b) => a + b, 0);
  return { phase: p.scanReady ? ('history' as const) : ('priority' as const), pulled, total };
}

export type PageStored = { kind: 'stored'; progress: SnapshotProgress } | { kind: 'stale' };

/**
 * One page in, the progress with it. A page that is not the next one of the snapshot being loaded
 * (a late answer after a restart) changes nothing.
 */
export async function storeSnapshotPage(
  db: BuurtpasDb,
  page: { snapshotId: string; index: number; table: string; rows: readonly object[] },
): Promise<PageStored> {
  if (!isSnapshotTable(page.table)) throw new Error(`snapshot table unknown: ${page.table}`);
  const isFacts = page.table === SNAPSHOT_FACTS_TABLE;
  const facts = isFacts ? factsOf(page.rows) : null;
  if (isFacts && !facts) throw new Error('snapshot facts unreadable');
  const table = isFacts ? db.table('events') : db.table(page.table);
  // Every table: this laptop's writes since the snapshot began are projected onto the page's rows
  // (snapshot-own-writes.ts), and no desk write can land between that and the store.
  return db.transaction('rw', db.tables, async () => {
    const progress = await readSnapshotProgress(db);
    if (
      !progress ||
      progress.done ||
      progress.replaced ||
      progress.snapshotId !== page.snapshotId ||
      progress.nextPage !== page.index
    )
      return { kind: 'stale' } as const;
    await table.bulkPut(
      facts ?? (await withOwnWrites(db, page.table as ProjectionTable, page.rows, progress.seq)),
    );
    const next: SnapshotProgress = {
      ...progress,
      nextPage: progress.nextPage + 1,
      loaded: {
        ...progress.loaded,
        [page.table]: (progress.loaded[page.table] ?? 0) + page.rows.length,
      },
    };
    next.scanReady = next.nextPage >= next.scanPages;
    next.countsReady = next.nextPage >= next.countPages;
    await db.meta.put({ key: SNAPSHOT_KEYS.progress, value: next });
    await writeBootstrap(db, bootstrapOf(next));
    return { kind: 'stored', progress: next } as const;
  });
}

/**
 * The server replaced the snapshot being loaded: the next round starts on a new one. The record
 * stays, marked: a laptop whose manifest request then fails holds part of a snapshot's rows (and
 * perhaps facts of its own), and must start on a new snapshot next round, never pull from 0
 * over those rows (`canStartFromSnapshot`).
 */
export async function forgetSnapshot(db: BuurtpasDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const progress = await readSnapshotProgress(db);
    if (!progress || progress.done) return;
    await db.meta.put({ key: SNAPSHOT_KEYS.progress, value: { ...progress, replaced: true } });
  });
}

/** Every page in: ordinary pulls continue from the snapshot's seq. */
export async function finishSnapshot(db: BuurtpasDb): Promise<SnapshotProgress | undefined> {
  return db.transaction('rw', db.tables, async () => {
    const progress = await readSnapshotProgress(db);
    if (!progress || progress.done || progress.replaced || progress.nextPage < progress.pageCount)
      return progress;
    // Read before a restart ends (its end widens what counts as this load's own writes).
    const deferred = await readDeferredVoids(db, progress.seq);
    // After a restore: this laptop's own facts from before this snapshot began that it does
    // not stand for (snapshot-restart.ts).
    await finishSnapshotRestart(db, progress.seq);
    // Voids of older facts made while the pages came in, over the complete rows; the facts they
    // void were fetched by id before (snapshot-client.ts).
    await applyStoredFacts(tablesOfDb(db), deferred);
    const done = { ...progress, done: true, scanReady: true, countsReady: true };
    const base: SnapshotBase = { seq: progress.seq, checksum: progress.checksum };
    await db.meta.put({ key: SNAPSHOT_KEYS.progress, value: done });
    await db.meta.put({ key: SNAPSHOT_KEYS.base, value: base });
    await writeCursor(db, progress.seq);
    // The older bootstrap record says "history": its pull from the seq finishes the bootstrap.
    await db.meta.put({
      key: SYNC_KEYS.bootstrap,
      value: { ...bootstrapOf(done), phase: 'history' },
    });
    return done;
  });
}
