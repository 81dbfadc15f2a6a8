/**
 * A failed write (a full disk, a closed database) in words the volunteer can act on. Dexie wraps
 * the browser's error (`AbortError` with an `inner` QuotaExceededError), so the chain is followed.
 */
export type WriteProblem = { key: 'app.storageFull' } | { key: 'app.writeFailed'; detail: string };

export function describeWriteError(error: unknown): WriteProblem {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    const name = (current as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return { key: 'app.storageFull' };
    current = (current as { inner?: unknown }).inner;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { key: 'app.writeFailed', detail: message.split('\n')[0]!.slice(0, 160) };
}
