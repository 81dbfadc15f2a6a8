/**
 * The new laptop's snapshot progress, live (for ui/bootstrap-progress.tsx): rows loaded per table
 * in the order they come, and whether the desk can scan yet.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { BuurtpasDb } from './database.ts';
import { readSnapshotProgress, type SnapshotProgress } from './snapshot-progress.ts';

export type LoadStep = { table: string; done: number; total: number };

export type LoadView = {
  /** Steps in loading order (the desk's tables first). */
  steps: LoadStep[];
  scanReady: boolean;
  /** The treasurer's and the report's figures are complete (visit history may still come). */
  countsReady?: boolean;
  complete: boolean;
};

/** The progress record as steps: tables the desk needs first, then the rest, empty ones left out. */
export function viewOfSnapshot(progress: SnapshotProgress): LoadView {
  const steps = Object.entries(progress.totals)
    .filter(([, total]) => total > 0)
    .map(([table, total]) => ({ table, done: progress.loaded[table] ?? 0, total }));
  return {
    steps,
    scanReady: progress.scanReady,
    countsReady: progress.countsReady ?? progress.done,
    complete: progress.done,
  };
}

/** undefined while reading; null when this laptop did not start from a snapshot. */
export function useSnapshotLoadView(db: BuurtpasDb): LoadView | null | undefined {
  return useLiveQuery(async () => {
    const progress = await readSnapshotProgress(db);
    return progress ? viewOfSnapshot(progress) : null;
  }, [db]);
}
