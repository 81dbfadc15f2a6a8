import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf } from '../../domain/event-set-checksum.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { aMemberStory, makeTestId } from '../testing/build-test-events.ts';
import { createSummaryCache, readStoredProjectionRows } from './summary-cache.ts';

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

function push(s: Storage, events: ReturnType<typeof aMemberStory>) {
  return s.insertEvents(
    'desk-test-1',
    events.map((event) => ({ kind: 'valid' as const, event })),
    '2026-03-10T12:00:00.000Z',
  );
}

describe('the stored projection as the snapshot reads it', () => {
  it('hands out the rows of one read, with their seq and checksum, until the next settle', async () => {
    const s = openSqliteStorage({ file: ':memory:' });
    storage = s;
    const first = aMemberStory(makeTestId(), { paidCents: 250 });
    await push(s, first);
    const rows = readStoredProjectionRows(createSummaryCache(s), () => s.lastSeq());
    expect(rows.live).toBe(false);
    expect(() => rows.rowsOf('members')).toThrow();
    const settled = await rows.settle();
    expect(settled).toEqual({
      seq: first.length,
      checksum: checksumOf(first.map((e) => e.eventId)),
    });
    expect(rows.rowsOf('members')).toHaveLength(1);

    const second = aMemberStory(makeTestId());
    await push(s, second);
    expect(rows.rowsOf('members')).toHaveLength(1);
    expect(await rows.lastSeq()).toBe(first.length + second.length);
    expect((await rows.settle()).seq).toBe(first.length + second.length);
    expect(rows.rowsOf('members')).toHaveLength(2);
  });
});
