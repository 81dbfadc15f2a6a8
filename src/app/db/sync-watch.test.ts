import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/render-app.tsx';
import { beginScan } from './desk-scan-gate.ts';
import { watchAfterWrites, watchPendingCount } from './sync-watch.ts';

/** Resolves with the first value `seen` has after `from` values, or fails after a generous wait. */
async function nextValue<T>(seen: T[], from: number): Promise<T> {
  for (let i = 0; i < 400 && seen.length <= from; i++) await new Promise((r) => setTimeout(r, 5));
  if (seen.length <= from) throw new Error('no new value');
  return seen[from]!;
}

describe('watchAfterWrites', () => {
  it('reads now, again after a write to a watched table, and not after other writes', async () => {
    const db = await freshDb();
    const counts: number[] = [];
    const stop = watchPendingCount(db, (n) => counts.push(n));
    expect(await nextValue(counts, 0)).toBe(0);

    await db.meta.put({ key: 'unwatched', value: 1 });
    await db.outbox.bulkAdd([{ eventId: 'e1' }, { eventId: 'e2' }]);
    expect(await nextValue(counts, 1)).toBe(2);
    // The meta write before it did not cause a read of its own.
    await new Promise((r) => setTimeout(r, 120));
    expect(counts).toEqual([0, 2]);

    stop();
    await db.outbox.add({ eventId: 'e3' });
    await new Promise((r) => setTimeout(r, 120));
    expect(counts).toEqual([0, 2]);
  });

  it('ends on the state after the last of several writes', async () => {
    const db = await freshDb();
    const reads: number[] = [];
    const stop = watchAfterWrites(
      db,
      ['outbox'],
      () => db.outbox.count(),
      (n) => reads.push(n),
    );
    await nextValue(reads, 0);
    for (let i = 0; i < 5; i++) await db.outbox.add({ eventId: `e${i}` });
    for (let i = 0; i < 400 && reads.at(-1) !== 5; i++) await new Promise((r) => setTimeout(r, 5));
    expect(reads.at(-1)).toBe(5);
    // Writes that come close together are read together: never one read per write and more.
    expect(reads.length).toBeLessThanOrEqual(6);
    stop();
  });

  it('a re-read that comes due while a scan is handled waits for the scan to end, then reads', async () => {
    const db = await freshDb();
    const counts: number[] = [];
    const stop = watchPendingCount(db, (n) => counts.push(n));
    await nextValue(counts, 0);
    const endScan = beginScan();
    await db.outbox.add({ eventId: 'e1' });
    // Well past the re-read's delay: nothing read while the scan runs.
    await new Promise((r) => setTimeout(r, 200));
    expect(counts).toEqual([0]);
    endScan();
    expect(await nextValue(counts, 1)).toBe(1);
    // Ending a scan twice does not end the next one.
    endScan();
    const endNext = beginScan();
    await db.outbox.add({ eventId: 'e2' });
    await new Promise((r) => setTimeout(r, 200));
    expect(counts).toEqual([0, 1]);
    endNext();
    expect(await nextValue(counts, 2)).toBe(2);
    stop();
  });
});
