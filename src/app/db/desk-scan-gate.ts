/**
 * While the desk handles a scan (Enter to the card painted), background readers that can wait
 * (the sync status, the outbox watch) hold their re-reads: on two cores every other read that
 * runs meanwhile takes its turn on the main thread and in IndexedDB from the scan. They read
 * right after the scan instead, so nothing they show is lost, only a frame later.
 */
let running = 0;
const waiting = new Set<() => void>();

/** Marks a scan as running; call the returned function once it is on screen (again: no effect). */
export function beginScan(): () => void {
  running += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    running -= 1;
    if (running > 0) return;
    const callbacks = [...waiting];
    waiting.clear();
    for (const callback of callbacks) callback();
  };
}

export function isScanRunning(): boolean {
  return running > 0;
}

/** Calls `callback` now when no scan runs, else when the last one ends; returns a cancel. */
export function whenNoScanRuns(callback: () => void): () => void {
  if (running === 0) {
    callback();
    return () => {};
  }
  waiting.add(callback);
  return () => waiting.delete(callback);
}
