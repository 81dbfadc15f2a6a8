import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type BuurtpasEvent } from '../../domain/events.ts';
import { SNAPSHOT_FACT_TYPES } from '../../domain/snapshot-protocol.ts';
import { PROJECTION_KEYS, type ProjectionTable } from '../../domain/projection/rows.ts';
import { yearQuery } from '../sync/summary-cache.ts';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import {
  MEMBER_FACT_SQL,
  openSqliteStorage,
  pagedReadSql,
  typePullSql,
  type SqliteStorageOptions,
} from './sqlite-storage.ts';
import type { ProjectionRead, StoredRowText } from './stored-projection.ts';
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

/** A storage on a file in a temp directory of its own, removed by `dispose`. */
type Temp = {
  dir: string;
  file: string;
  storage: Storage;
  push(events: BuurtpasEvent[], storage?: Storage): Promise<unknown>;
  read(mark?: string, storage?: Storage): Promise<ProjectionRead>;
  dispose(): Promise<void>;
};

function openTemp(changeNotes?: SqliteStorageOptions['changeNotes']): Temp {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sqlite-'));
  const file = join(dir, 'buurtpas.sqlite');
  const t: Temp = {
    dir,
    file,
    storage: openSqliteStorage({ file, changeNotes }),
    push: (events: BuurtpasEvent[], storage: Storage = t.storage) =>
      storage.insertEvents(
        'desk-test-1',
        events.map((event) => ({ kind: 'valid' as const, event })),
        '2026-03-10T12:00:00.000Z',
      ),
    read: (mark?: string, storage: Storage = t.storage) =>
      storage.readProjection(yearQuery(2026), mark === undefined ? {} : { changedSince: mark }),
    async dispose() {
      await t.storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

describe('sqlite projection rows', () => {
  it('rewrites a stored row in place when its part stays and moves it when its part changes', async () => {
    const t = openTemp();
    const [kept, merged] = [makeTestId(), makeTestId()];
    try {
      await t.push([
        ...aMemberStory(kept, { name: 'Ama' }),
        ...aMemberStory(merged, { name: 'Kofi' }),
      ]);
      // Same part (none): only the body is written.
      await t.push([
        anEvent('member-profile-set', { memberId: kept, fields: { name: 'Ama Mensah' } }),
      ]);
      // Merged away: the record moves to the part 'merged'.
      await t.push([anEvent('members-merged', { fromMemberId: merged, intoMemberId: kept })]);
      const all = await t.storage.readProjection({ members: 'all' });
      const names = Object.fromEntries((all.rows.members ?? []).map((m) => [m.memberId, m.name]));
      expect(names[kept]).toBe('Ama Mensah');
      const mergedPart = await t.storage.readProjection({ members: { parts: ['merged'] } });
      expect((mergedPart.rows.members ?? []).map((m) => m.memberId)).toEqual([merged]);
      // Both indexes agree with the table, row for row.
      const db = new Database(t.file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      await t.dispose();
    }
  });

  it('stores the rows one push makes for a member side by side', async () => {
    const t = openTemp();
    const members = [makeTestId(), makeTestId(), makeTestId()];
    try {
      // The members' facts interleaved, as a desk sends a busy day.
      const stories = members.map((memberId) => [
        ...aMemberStory(memberId, { paidCents: 250 }),
        anEvent('visit-recorded', { memberId, locationId: 'cjm' }),
      ]);
      await t.push(stories[0]!.flatMap((_, i) => stories.map((story) => story[i]!)));
      const db = new Database(t.file, { readonly: true });
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
    } finally {
      await t.dispose();
    }
  });
});

describe('sqlite member index (migration 006)', () => {
  it("finds a person's facts, merges and profile facts through the 8-byte member key, and only that person's when another id shares the key", async () => {
    const t = openTemp();
    // Same 12 time digits and last 4 characters: the same key, a different person.
    const ama = '019a0000-1111-7aaa-8bbb-ccccdddd1234';
    const twin = '019a0000-1111-7eee-9fff-000011111234';
    const other = makeTestId();
    try {
      await t.push([
        ...aMemberStory(ama, { name: 'Ama' }),
        ...aMemberStory(twin, { name: 'Twin' }),
      ]);
      await t.push([
        anEvent('visit-recorded', { memberId: ama, locationId: 'cjm' }),
        ...aMemberStory(other, { name: 'Kofi' }),
        anEvent('members-merged', { fromMemberId: other, intoMemberId: ama }),
      ]);
      const facts = await t.storage.readMemberEvents([ama], 0, 100);
      const owners = facts.map((r) => {
        const e = JSON.parse(r.json) as BuurtpasEvent;
        return 'memberId' in e.data ? e.data.memberId : 'merge';
      });
      // Her story, her visit, and the merge into her (stored under the survivor's id).
      expect(owners.length).toBe(aMemberStory(ama).length + 2);
      expect(new Set(owners)).toEqual(new Set([ama, 'merge']));
      expect(facts.map((r) => r.seq)).toEqual([...facts.map((r) => r.seq)].sort((a, b) => a - b));
      // A page after a seq, and two people at once (a merged record with its survivor).
      const after = await t.storage.readMemberEvents([ama, twin], facts[2]!.seq, 100);
      expect(after.length).toBe(facts.length - 3 + aMemberStory(twin).length);
      // Erasing the survivor reaches the merged record's profile through the merge fact.
      await t.push([anEvent('member-erased', { memberId: ama })]);
      const profiles = (await t.storage.readMemberEvents([other, ama, twin], 0, 100))
        .map((r) => JSON.parse(r.json) as BuurtpasEvent)
        .filter((e) => e.type === 'member-profile-set');
      const named = profiles.map((e) => JSON.stringify(e.data));
      expect(named.some((text) => text.includes('Kofi') || text.includes('Ama'))).toBe(false);
      expect(named.some((text) => text.includes('Twin'))).toBe(true);

      const db = new Database(t.file, { readonly: true });
      const plan = (sql: string, params: Record<string, unknown>) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
      for (const sql of [MEMBER_FACT_SQL.mergesInto, MEMBER_FACT_SQL.profileFacts])
        expect(plan(sql, { memberId: ama })).toMatch(/USING INDEX events_member_key \(<expr>=\?\)/);
      expect(plan(MEMBER_FACT_SQL.personFacts(1), { m0: ama, afterSeq: 0, limit: 10 })).toMatch(
        /^SEARCH events USING INDEX events_member_key \(<expr>=\? AND rowid>\?\)$/,
      );
      expect(
        plan(MEMBER_FACT_SQL.personFacts(2), { m0: ama, m1: twin, afterSeq: 0, limit: 10 }),
      ).toMatch(/USING INDEX events_member_key/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      await t.dispose();
    }
  });
});

describe('sqlite type index (migration 006)', () => {
  it('pulls by type through the index for every type it holds, and still finds visits, services and walk-ins asked for by type', async () => {
    const t = openTemp();
    const memberId = makeTestId();
    try {
      const visit = anEvent('visit-recorded', { memberId, locationId: 'cjm' });
      const walkIn = anEvent('walk-in-counted', { locationId: 'cjm', serviceId: 'cjm:kookclub' });
      await t.push([...aMemberStory(memberId, { paidCents: 250 }), visit, walkIn]);
      const all = await t.storage.readEventsAfter(0, 100);
      const typeOf = (json: string) => (JSON.parse(json) as BuurtpasEvent).type;
      const ofTypes = (types: string[]) => all.filter((r) => types.includes(typeOf(r.json)));
      for (const types of [
        ['client-registered', 'payment-recorded'],
        ['visit-recorded'],
        ['walk-in-counted', 'client-registered'],
        [...SNAPSHOT_FACT_TYPES],
      ])
        expect(await t.storage.readEventsAfter(0, 100, types)).toEqual(ofTypes(types));
      expect(ofTypes(['visit-recorded', 'walk-in-counted']).length).toBe(2);

      const db = new Database(t.file, { readonly: true });
      const plan = (types: readonly string[]) =>
        (
          db.prepare(`EXPLAIN QUERY PLAN ${typePullSql(types)}`).all(0, ...types, 10) as {
            detail: string;
          }[]
        )
          .map((r) => r.detail)
          .join(' | ');
      const cold = EVENT_TYPES.filter(
        (type) => !['visit-recorded', 'service-used', 'walk-in-counted'].includes(type),
      );
      for (const type of cold) expect(plan([type])).toMatch(/USING .*INDEX events_type_seq_cold/);
      expect(plan(SNAPSHOT_FACT_TYPES)).toMatch(/USING .*INDEX events_type_seq_cold/);
      expect(plan(['visit-recorded'])).not.toMatch(/events_type_seq_cold/);
      db.close();
    } finally {
      await t.dispose();
    }
  });
});

describe('sqlite upgrade to migration 006', () => {
  it('replaces the member and type indexes of a database at 005 at start and finds the facts stored before through the new ones', async () => {
    const t = openTemp();
    const memberId = makeTestId();
    try {
      await t.push([...aMemberStory(memberId, { name: 'Ama' })]);
      await t.storage.close();
      // Make it a database at 005: its member index, no 006.
      const old = new Database(t.file);
      old.exec(
        'DROP INDEX events_member_key; CREATE INDEX events_member_seq ON events (member_id) WHERE member_id IS NOT NULL; DROP INDEX events_type_seq_cold; CREATE INDEX events_type_seq ON events (type, seq); DELETE FROM schema_migrations WHERE version = 6',
      );
      old.close();
      t.storage = openSqliteStorage({ file: t.file });
      const db = new Database(t.file, { readonly: true });
      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%' ORDER BY name",
        )
        .pluck()
        .all();
      const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      expect(indexes).toEqual(['events_member_key', 'events_type_seq_cold']);
      expect(versions).toContain(6);
      const facts = await t.storage.readMemberEvents([memberId], 0, 100);
      expect(facts.length).toBe(aMemberStory(memberId).length);
      expect((await t.storage.readEventsAfter(0, 100, ['client-registered'])).length).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});

describe('sqlite part index (migration 007)', () => {
  it('holds only rows with a part, reads by part through it, and still gives rows without a part in part order', async () => {
    const t = openTemp();
    const [kept, merged, third] = [makeTestId(), makeTestId(), makeTestId()];
    try {
      const days = ['2026-03-09', '2026-03-10', '2026-03-11'];
      await t.push([
        ...aMemberStory(kept, { name: 'Ama' }),
        ...aMemberStory(merged, { name: 'Kofi' }),
        ...aMemberStory(third, { name: 'Esi' }),
        ...days.map((day) =>
          anEvent(
            'visit-recorded',
            { memberId: kept, locationId: 'cjm' },
            { at: `${day}T10:00:00.000Z` },
          ),
        ),
        anEvent('members-merged', { fromMemberId: merged, intoMemberId: kept }),
      ]);
      const db = new Database(t.file, { readonly: true });
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      // Rows without a part (members not merged, registrations, ...) have no entry in the index.
      expect(count('SELECT count(*) FROM projection_rows WHERE part IS NULL')).toBeGreaterThan(3);
      expect(
        count(
          "SELECT sum(ncell) FROM dbstat WHERE name = 'projection_rows_part' AND pagetype = 'leaf'",
        ),
      ).toBe(count('SELECT count(*) FROM projection_rows WHERE part IS NOT NULL'));
      const plan = (sql: string, params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
      const byPart = /USING INDEX projection_rows_part \(tbl=\? AND part/;
      // A push's and a read's rows of a part, the snapshot's visit history.
      expect(
        plan('SELECT tbl, body FROM projection_rows WHERE tbl = ? AND part = ?', [
          'payments',
          '2026',
        ]),
      ).toMatch(byPart);
      const [history, ...none] = pagedReadSql(
        { table: 'visitDays', parts: { except: ['2026-03-10'] }, newestPartFirst: true },
        0,
      );
      expect(none).toEqual([]);
      expect(plan(...history!)).toMatch(byPart);
      expect(plan(...history!)).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      // Newest part first on a table with rows without a part: those come last, as NULL sorts.
      const expected = (
        db.prepare("SELECT part, body FROM projection_rows WHERE tbl = 'members'").all() as {
          part: string | null;
          body: string;
        }[]
      ).sort((a, b) =>
        a.part === b.part
          ? JSON.parse(b.body).memberId.localeCompare(JSON.parse(a.body).memberId)
          : a.part === null
            ? 1
            : b.part === null
              ? -1
              : b.part.localeCompare(a.part),
      );
      db.close();
      expect(expected.map((r) => r.part)).toEqual(['merged', null, null]);
      for (const parts of [undefined, { except: [] }, { except: ['2025'] }])
        for (const size of [1, 100]) {
          const rows: StoredRowText[] = [];
          await t.storage.readProjectionPages(
            [{ table: 'members', parts, newestPartFirst: true }],
            size,
            (_r, page) => rows.push(...page),
          );
          expect(rows).toEqual(expected);
        }
      const visitRows: StoredRowText[] = [];
      await t.storage.readProjectionPages(
        [{ table: 'visitDays', newestPartFirst: true }],
        2,
        (_r, page) => visitRows.push(...page),
      );
      expect(visitRows.map((r) => r.part)).toEqual([...days].reverse());
    } finally {
      await t.dispose();
    }
  });

  it('replaces the part index of a database at 006 at start and reads the rows stored before by part', async () => {
    const t = openTemp();
    const memberId = makeTestId();
    try {
      await t.push([...aMemberStory(memberId, { name: 'Ama', paidCents: 250 })]);
      const before = await t.read();
      await t.storage.close();
      // Make it a database at 006: the part index over every row, no 007.
      const old = new Database(t.file);
      old.exec(
        'DROP INDEX projection_rows_part; CREATE INDEX projection_rows_part ON projection_rows (tbl, part); DELETE FROM schema_migrations WHERE version = 7',
      );
      old.close();
      t.storage = openSqliteStorage({ file: t.file });
      const db = new Database(t.file, { readonly: true });
      const sql = db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'projection_rows_part'")
        .pluck()
        .get();
      const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      expect(sql).toMatch(/WHERE part IS NOT NULL$/);
      expect(versions).toContain(7);
      const after = await t.read();
      expect(after.rows).toEqual(before.rows);
      expect((after.rows.payments ?? []).length).toBe(1);
    } finally {
      await t.dispose();
    }
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

describe('sqlite rows changed since a mark (the notes of this storage, in memory)', () => {
  const pay = (memberId: string, amountCents: number, year = 2026) =>
    anEvent('payment-recorded', {
      memberId,
      associationId: 'bv-cjm',
      year,
      amountCents,
      method: 'cash',
    });
  /** The member ids a read's rows mention (each of `ids` that occurs in a row's JSON). */
  const mentioned = (result: ProjectionRead, ids: string[]) => {
    const text = Object.values(result.rows)
      .flat()
      .map((row) => JSON.stringify(row));
    return ids.filter((id) => text.some((t) => t.includes(id)));
  };
  const rowCount = (result: ProjectionRead) => Object.values(result.rows).flat().length;

  it('reads after a mark the rows changed since and not the unchanged ones; nothing changed reads nothing; foreign, old, ahead or malformed marks read every row', async () => {
    const t = openTemp({ commits: 3, keys: 1000 });
    const [a, b] = [makeTestId(), makeTestId()];
    try {
      await t.push([
        ...aMemberStory(a, { paidCents: 100 }),
        ...aMemberStory(b, { paidCents: 250 }),
      ]);
      const first = await t.read();
      expect(first.complete).toBe(true);
      expect(mentioned(first, [a, b])).toEqual([a, b]);

      await t.push([pay(a, 150)]);
      const changed = await t.read(first.changeMark);
      expect(changed.complete).toBe(false);
      expect(changed.lastSeq).toBe(first.lastSeq + 1);
      expect(changed.rows.payments?.length).toBe(1);
      expect(mentioned(changed, [a, b])).toEqual([a]);
      // Nothing stored since: nothing read.
      const none = await t.read(changed.changeMark);
      expect(none.complete).toBe(false);
      expect(rowCount(none)).toBe(0);
      // A row changed outside the selection (a payment of 2025) is not in a read of 2026.
      await t.push([pay(b, 75, 2025)]);
      const otherYear = await t.read(none.changeMark);
      expect(otherYear.complete).toBe(false);
      expect(otherYear.rows.payments).toEqual([]);

      // Marks this storage cannot answer: malformed, of an engine or instance that is not this
      // one, ahead of its counter.
      const mark = otherYear.changeMark!;
      const ahead = mark.replace(/\d+$/, (n: string) => String(Number(n) + 1));
      const foreign = mark.replace(/:[0-9a-f]+:/, ':0123456789abcdef:');
      for (const bad of ['abc', '12', 'sqlite:', `${mark}x`, `${mark}.5`, '-1', ahead, foreign]) {
        const all = await t.read(bad);
        expect(all.complete, bad).toBe(true);
        expect(mentioned(all, [a, b])).toEqual([a, b]);
      }

      // Notes are kept for 3 commits: three pushes later the mark still reads only the change, a
      // fourth forgets the note it needs and it reads every row; a recent mark still the change.
      for (const cents of [10, 20, 30]) await t.push([pay(b, cents)]);
      const three = await t.read(otherYear.changeMark);
      expect(three.complete).toBe(false);
      expect(mentioned(three, [a, b])).toEqual([b]);
      await t.push([pay(a, 40)]);
      expect((await t.read(otherYear.changeMark)).complete).toBe(true);
      const recent = await t.read(three.changeMark);
      expect(recent.complete).toBe(false);
      expect(mentioned(recent, [a, b])).toEqual([a]);

      // After a restart the storage is another instance: the marks it gave before read every row.
      await t.storage.close();
      t.storage = openSqliteStorage({ file: t.file });
      const restarted = await t.read(recent.changeMark);
      expect(restarted.complete).toBe(true);
      expect(mentioned(restarted, [a, b])).toEqual([a, b]);
      await t.push([pay(b, 50)]);
      expect(mentioned(await t.read(restarted.changeMark), [a, b])).toEqual([b]);
    } finally {
      await t.dispose();
    }
  });

  it('forgets a commit bigger than the keys it may keep: a mark from before it reads every row', async () => {
    const t = openTemp({ commits: 100, keys: 5 });
    const [a, b] = [makeTestId(), makeTestId()];
    try {
      await t.push(aMemberStory(a, { paidCents: 100 }));
      const first = await t.read();
      // Two stories write more than five rows in one commit.
      await t.push([...aMemberStory(b, { paidCents: 100 }), pay(a, 5)]);
      const after = await t.read(first.changeMark);
      expect(after.complete).toBe(true);
      expect(mentioned(after, [a, b])).toEqual([a, b]);
      await t.push([pay(a, 7)]);
      expect(mentioned(await t.read(after.changeMark), [a, b])).toEqual([a]);
    } finally {
      await t.dispose();
    }
  });

  it('reads every row once another connection committed to the file (a second storage, an admin command)', async () => {
    const t = openTemp();
    const [a, b, c] = [makeTestId(), makeTestId(), makeTestId()];
    try {
      await t.push(aMemberStory(a, { paidCents: 100 }));
      const first = await t.read();
      // A second storage over the same file (a CLI process) pushes: its rows are in no note here.
      const other = openSqliteStorage({ file: t.file });
      try {
        await t.push(aMemberStory(b, { paidCents: 100 }), other);
      } finally {
        await other.close();
      }
      const afterOther = await t.read(first.changeMark);
      expect(afterOther.complete).toBe(true);
      expect(mentioned(afterOther, [a, b])).toEqual([a, b]);
      // This storage's own commits are noted again from the mark that read gave.
      await t.push([pay(a, 5)]);
      const own = await t.read(afterOther.changeMark);
      expect(own.complete).toBe(false);
      expect(mentioned(own, [a, b])).toEqual([a]);

      // A command writing the file straight (here: a row rewritten, as a repair would), and a
      // push of this storage after it: the mark from before reads every row, the new body too.
      const db = new Database(t.file);
      try {
        db.prepare(
          "UPDATE projection_rows SET body = json_set(body, '$.amountCents', 4242) WHERE tbl = 'payments' AND json_extract(body, '$.memberId') = ?",
        ).run(b);
      } finally {
        db.close();
      }
      await t.push(aMemberStory(c));
      const afterCommand = await t.read(own.changeMark);
      expect(afterCommand.complete).toBe(true);
      expect(mentioned(afterCommand, [a, b, c])).toEqual([a, b, c]);
      const paidB = afterCommand.rows.payments?.find((p: { memberId: string }) => p.memberId === b);
      expect(paidB?.amountCents).toBe(4242);
    } finally {
      await t.dispose();
    }
  });

  it('leaves no note of a push that rolled back', async () => {
    const t = openTemp();
    const a = makeTestId();
    try {
      const visitOn = (day: string) =>
        anEvent(
          'visit-recorded',
          { memberId: a, locationId: 'cjm' },
          { deviceId: 'desk-test-1', locationId: 'cjm', at: `${day}T10:00:00.000Z` },
        );
      await t.push([...aMemberStory(a, { paidCents: 100 }), visitOn('2026-03-20')]);
      // A trigger makes every push fail at its very end, after its rows were written.
      const db = new Database(t.file);
      db.exec(
        "CREATE TRIGGER refuse_push BEFORE UPDATE ON sync_counter BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
      try {
        const before = await t.read();
        // A visit rewrites the member's stored activity row of 2026, a payment adds a row.
        await expect(t.push([visitOn('2026-04-01'), pay(a, 150)])).rejects.toThrow(/refused/);
        const after = await t.read(before.changeMark);
        expect(after.complete).toBe(false);
        expect(after.lastSeq).toBe(before.lastSeq);
        expect(rowCount(after)).toBe(0);
        expect(after.changeMark).toBe(before.changeMark);
      } finally {
        db.close();
      }
    } finally {
      await t.dispose();
    }
  });

  it('gives rows that, laid over the kept ones, equal a fresh read through merges, voids and an erasure', async () => {
    const t = openTemp();
    const [a, b, c] = [makeTestId(), makeTestId(), makeTestId()];
    /** The rows of a read by table and key, as the summary cache keeps them. */
    const keyed = (read: ProjectionRead, into = new Map<string, Map<string, unknown>>()) => {
      for (const [table, rows] of Object.entries(read.rows)) {
        let kept = into.get(table);
        if (!kept) into.set(table, (kept = new Map()));
        const keyField = PROJECTION_KEYS[table as ProjectionTable];
        for (const row of rows as Record<string, unknown>[]) kept.set(String(row[keyField]), row);
      }
      return into;
    };
    try {
      const stories = [a, b, c].map((id) => aMemberStory(id, { paidCents: 100, name: `N ${id}` }));
      await t.push(stories.flat());
      let read = await t.read();
      const kept = keyed(read);
      const payment = pay(c, 30);
      const batches: BuurtpasEvent[][] = [
        [payment],
        [anEvent('members-merged', { fromMemberId: b, intoMemberId: a })],
        [anEvent('event-voided', { targetEventId: payment.eventId, reason: 'fout' })],
        // The erasure's push also checkpoints the WAL (TRUNCATE) in this same process.
        [anEvent('member-erased', { memberId: a })],
        [pay(c, 40)],
      ];
      for (const batch of batches) {
        await t.push(batch);
        read = await t.read(read.changeMark);
        expect(read.complete).toBe(false);
        keyed(read, kept);
        expect(kept).toEqual(keyed(await t.read()));
      }
      expect(JSON.stringify([...kept.get('members')!.values()])).not.toContain(`N ${a}`);
    } finally {
      await t.dispose();
    }
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
