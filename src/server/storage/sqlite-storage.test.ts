import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import { describeStorageContract, type StorageHarness } from './storage-contract.ts';
import type { Storage } from './storage.ts';

function dumpSqliteText(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

async function createSqliteHarness(): Promise<StorageHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sqlite-'));
  const file = join(dir, 'buurtpas.sqlite');
  let storage: Storage = openSqliteStorage({ file });
  const harness: StorageHarness = {
    storage,
    async reopen() {
      await storage.close();
      storage = openSqliteStorage({ file });
      harness.storage = storage;
      return storage;
    },
    async recordUnknownMigration(version) {
      const db = new Database(file);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        'from_the_future',
        new Date().toISOString(),
      );
      db.close();
    },
    async forgetProjection() {
      const db = new Database(file);
      db.exec(
        "DELETE FROM projection_rows; UPDATE projection_state SET last_seq = 0, checksum_count = 0, checksum_sum = '0000000000000000'",
      );
      db.close();
    },
    async dumpAllText() {
      return dumpSqliteText(file);
    },
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

describeStorageContract('sqlite', createSqliteHarness);

describe('sqlite checkpoints', () => {
  it('leaves a push in the WAL and copies it into the database file once pushes pause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-checkpoint-'));
    const copyDir = mkdtempSync(join(tmpdir(), 'buurtpas-checkpoint-copy-'));
    const file = join(dir, 'buurtpas.sqlite');
    const storage = openSqliteStorage({ file });
    // The events in the main file alone (no WAL beside it): what a checkpoint has copied there.
    const countInMainFile = () => {
      const copy = join(copyDir, 'copy.sqlite');
      copyFileSync(file, copy);
      const db = new Database(copy);
      try {
        return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      } catch {
        return -1; // not even the schema is in the main file yet
      } finally {
        db.close();
        rmSync(copy, { force: true });
      }
    };
    const events = Array.from({ length: 300 }, () =>
      anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' }),
    );
    await storage.insertEvents(
      'desk-test-1',
      events.map((event) => ({ kind: 'valid' as const, event })),
      '2026-03-10T12:00:00.000Z',
    );
    // The push did not checkpoint (far below the auto-checkpoint): its commit is in the WAL only.
    expect(countInMainFile()).toBeLessThan(300);
    // A generous wait for a hang only: the quiet-moment checkpoint is due 200 ms after the push.
    const deadline = Date.now() + 20_000;
    let counted = countInMainFile();
    while (counted !== 300 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      counted = countInMainFile();
    }
    expect(counted).toBe(300);
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(copyDir, { recursive: true, force: true });
  });
});

describe('sqlite projection rows', () => {
  it('rewrites a stored row in place when its part stays and moves it when its part changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-rows-'));
    const file = join(dir, 'buurtpas.sqlite');
    const storage = openSqliteStorage({ file });
    const [kept, merged] = [makeTestId(), makeTestId()];
    const push = (events: ReturnType<typeof anEvent>[]) =>
      storage.insertEvents(
        'desk-test-1',
        events.map((event) => ({ kind: 'valid' as const, event })),
        '2026-03-10T12:00:00.000Z',
      );
    await push([...aMemberStory(kept, { name: 'Ama' }), ...aMemberStory(merged, { name: 'Kofi' })]);
    // Same part (none): only the body is written.
    await push([anEvent('member-profile-set', { memberId: kept, fields: { name: 'Ama Mensah' } })]);
    // Merged away: the record moves to the part 'merged'.
    await push([anEvent('members-merged', { fromMemberId: merged, intoMemberId: kept })]);
    const all = await storage.readProjection({ members: 'all' });
    const names = Object.fromEntries((all.rows.members ?? []).map((m) => [m.memberId, m.name]));
    expect(names[kept]).toBe('Ama Mensah');
    const mergedPart = await storage.readProjection({ members: { parts: ['merged'] } });
    expect((mergedPart.rows.members ?? []).map((m) => m.memberId)).toEqual([merged]);
    await storage.close();
    // Both indexes agree with the table, row for row.
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the rows one push makes for a member side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-rows-'));
    const file = join(dir, 'buurtpas.sqlite');
    const storage = openSqliteStorage({ file });
    const members = [makeTestId(), makeTestId(), makeTestId()];
    // The members' facts interleaved, as a desk sends a busy day.
    const stories = members.map((memberId) => [
      ...aMemberStory(memberId, { paidCents: 250 }),
      anEvent('visit-recorded', { memberId, locationId: 'cjm' }),
    ]);
    const batch = stories[0]!.flatMap((_, i) => stories.map((s) => s[i]!));
    await storage.insertEvents(
      'desk-test-1',
      batch.map((event) => ({ kind: 'valid' as const, event })),
      '2026-03-10T12:00:00.000Z',
    );
    await storage.close();
    const db = new Database(file, { readonly: true });
    const owners = (
      db.prepare('SELECT body FROM projection_rows ORDER BY id').pluck().all() as string[]
    )
      .map((body) => (JSON.parse(body) as { memberId?: string }).memberId)
      .filter((id) => id !== undefined);
    db.close();
    // Several rows each (member, periods, pass, contribution, last visit, year activity), in one
    // run per member in the table's order.
    for (const id of members) expect(owners.filter((o) => o === id).length).toBeGreaterThan(3);
    const runs = owners.filter((id, i) => i === 0 || owners[i - 1] !== id);
    expect([...runs].sort()).toEqual([...members].sort());
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sqlite file after erasure', () => {
  it('holds no byte of the erased name once the WAL is checkpointed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-erase-'));
    const file = join(dir, 'buurtpas.sqlite');
    const storage = openSqliteStorage({ file });
    const memberId = makeTestId();
    const now = '2026-03-10T12:00:00.000Z';
    // Other rows on the same pages, so the test sees rewritten pages rather than dropped ones.
    const filler = Array.from({ length: 300 }, () =>
      anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' }),
    );
    const story = aMemberStory(memberId, { name: 'Qwertyna Vanderzeeuw' });
    await storage.insertEvents(
      'desk-test-1',
      [...filler.slice(0, 150), ...story, ...filler.slice(150)].map((event) => ({
        kind: 'valid' as const,
        event,
      })),
      now,
    );
    await storage.close();
    checkpoint(file);
    // The control: before erasure the name is in the file, so the check below can fail.
    expect(fileBytesContain(dir, 'Qwertyna')).toBe(true);

    const reopened = openSqliteStorage({ file });
    await reopened.insertEvents(
      'desk-test-1',
      [{ kind: 'valid', event: anEvent('member-erased', { memberId }) }],
      now,
    );
    // Still open: the storage's own checkpoint after an erasure must already have cleared the WAL.
    expect(fileBytesContain(dir, 'Qwertyna')).toBe(false);
    await reopened.close();
    checkpoint(file);
    expect(fileBytesContain(dir, 'Qwertyna')).toBe(false);
    expect(fileBytesContain(dir, 'Vanderzeeuw')).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sqlite file after erasure of a person with a merged record', () => {
  it("holds no byte of the merged record's name or phone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-erase-merged-'));
    const file = join(dir, 'buurtpas.sqlite');
    const storage = openSqliteStorage({ file });
    const person = makeTestId();
    const merged = makeTestId();
    const now = '2026-03-10T12:00:00.000Z';
    const events = [
      ...aMemberStory(person, { name: 'Akosua Hoofdrecord' }),
      ...aMemberStory(merged, { name: 'Kwesi Samengevoegd' }),
      anEvent('member-profile-set', { memberId: merged, fields: { phone: '0698765432' } }),
      anEvent('members-merged', { fromMemberId: merged, intoMemberId: person }),
    ];
    await storage.insertEvents(
      'desk-test-1',
      events.map((event) => ({ kind: 'valid' as const, event })),
      now,
    );
    await storage.close();
    checkpoint(file);
    expect(fileBytesContain(dir, 'Samengevoegd')).toBe(true);
    const reopened = openSqliteStorage({ file });
    await reopened.insertEvents(
      'desk-test-1',
      [{ kind: 'valid', event: anEvent('member-erased', { memberId: person }) }],
      now,
    );
    await reopened.close();
    checkpoint(file);
    for (const trace of ['Samengevoegd', 'Kwesi', '0698765432', 'Hoofdrecord'])
      expect(fileBytesContain(dir, trace)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

function checkpoint(file: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The database file, its WAL and shared-memory file, as bytes on disk. */
function fileBytesContain(dir: string, needle: string): boolean {
  return readdirSync(dir).some((f) =>
    readFileSync(join(dir, f)).includes(Buffer.from(needle, 'utf8')),
  );
}
