/**
 * The snapshot's progress record and the visit-history choice, read by screens at start (the
 * storage panel, the progress bar) without the loader in snapshot-load.ts, which brings the wire
 * schemas (and zod) with it; snapshot-load.ts re-exports them.
 */
import { localDateOf } from '../../domain/amsterdam-time.ts';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import type { BuurtpasDb } from './database.ts';
import { SYNC_KEYS } from './sync-state.ts';

/** The meta key of the snapshot being loaded (snapshot-load.ts writes the record). */
const SNAPSHOT_PROGRESS_KEY = 'snapshot.progress';

export type SnapshotProgress = {
  snapshotId: string;
  seq: number;
  checksum: EventSetChecksum;
  pageCount: number;
  /** Each page's CRC-32 from the manifest: a resume checks pages without asking for it again. */
  crc32s: number[];
  scanPages: number;
  /** Pages up to here hold every count: the treasurer's and the report's figures are complete. */
  countPages: number;
  nextPage: number;
  /** Rows per table in the whole snapshot, and loaded so far. */
  totals: Record<string, number>;
  loaded: Record<string, number>;
  scanReady: boolean;
  countsReady: boolean;
  done: boolean;
  /** The server replaced this snapshot before it was in: a new one starts next (`forgetSnapshot`). */
  replaced?: boolean;
  /** The visit history this laptop keeps (the setting when the snapshot started) and from when. */
  history?: { keep: HistoryKeep; from: string | null };
};

/**
 * How much visit history a laptop keeps (Instellingen): none beyond today, the last three months,
 * or all of it. Counts never depend on it: the treasurer's and the report's tables are complete
 * either way (docs/sync-protocol.md, "Raw history on a laptop").
 */
export type HistoryKeep = 'none' | 'months3' | 'all';
export const HISTORY_KEEPS: readonly HistoryKeep[] = ['none', 'months3', 'all'];
export const DEFAULT_HISTORY_KEEP: HistoryKeep = 'months3';
const HISTORY_KEY = 'settings.historyKeep';

export async function readHistoryKeep(db: BuurtpasDb): Promise<HistoryKeep> {
  const value = (await db.meta.get(HISTORY_KEY))?.value;
  return HISTORY_KEEPS.includes(value as HistoryKeep)
    ? (value as HistoryKeep)
    : DEFAULT_HISTORY_KEEP;
}

/** The first local day of visit history kept; null: all of it. */
export function historyFromOf(keep: HistoryKeep, nowMs: number): string | null {
  if (keep === 'all') return null;
  if (keep === 'none') return localDateOf(nowMs);
  return localDateOf(nowMs - 92 * 86_400_000);
}

/**
 * A new choice. A shorter one removes the visit-days before it now; a longer one applies from
 * the next start from a snapshot (the days before are on the server).
 */
export async function writeHistoryKeep(
  db: BuurtpasDb,
  keep: HistoryKeep,
  nowMs: number,
): Promise<number> {
  return db.transaction('rw', [db.meta, db.visitDays], async () => {
    await db.meta.put({ key: HISTORY_KEY, value: keep });
    const from = historyFromOf(keep, nowMs);
    if (from === null) return 0;
    return db.visitDays.filter((v) => v.day < from).delete();
  });
}

export async function readSnapshotProgress(db: BuurtpasDb): Promise<SnapshotProgress | undefined> {
  return (await db.meta.get(SNAPSHOT_PROGRESS_KEY))?.value as SnapshotProgress | undefined;
}

export const SNAPSHOT_KEYS = {
  progress: SNAPSHOT_PROGRESS_KEY,
  /** `{ seq, checksum }` of the events the loaded state stands for (read by readLocalChecksum). */
  base: SYNC_KEYS.snapshotBase,
} as const;

export type SnapshotBase = { seq: number; checksum: EventSetChecksum };
