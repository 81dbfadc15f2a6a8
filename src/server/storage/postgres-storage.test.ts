/**
 * The storage contract on PostgreSQL. Runs when BUURTPAS_TEST_PG_URL is set (CI sets it); each
 * test gets its own schema `t_<random>`, dropped afterwards, so parallel runs never collide.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { yearQuery } from '../sync/summary-cache.ts';
import { aMemberStory, anEvent, makeTestId } from '../testing/build-test-events.ts';
import { openPostgresStorage } from './postgres-storage.ts';
import { describeStorageContract, type StorageHarness } from './storage-contract.ts';
import type { Storage } from './storage.ts';

const url = process.env.BUURTPAS_TEST_PG_URL;

if (!url) {
  console.warn(
    '[postgres contract] SKIPPED: set BUURTPAS_TEST_PG_URL (e.g. postgresql://postgres:postgres@127.0.0.1:5432/buurtpas_test) to run it',
  );
}

const schemas: string[] = [];

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createPostgresHarness(
  options: { keepChangesFor?: number } = {},
): Promise<StorageHarness> {
  const connectionString = url ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  const open = () => openPostgresStorage({ connectionString, schema, poolSize: 4, ...options });
  let storage: Storage = await open();
  const harness: StorageHarness = {
    storage,
    async reopen() {
      await storage.close();
      storage = await open();
      harness.storage = storage;
      return storage;
    },
    async recordUnknownMigration(version) {
      await withClient((c) =>
        c.query(
          `INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES ($1, 'from_the_future', now())`,
          [version],
        ),
      );
    },
    async forgetProjection() {
      await withClient((c) =>
        c.query(
          `DELETE FROM ${schema}.projection_rows; UPDATE ${schema}.projection_state SET last_seq = 0, checksum_count = 0, checksum_sum = '0000000000000000'`,
        ),
      );
    },
    async dumpAllText() {
      return withClient(async (c) => {
        const tables = await c.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );
        const parts: string[] = [];
        for (const t of tables.rows)
          parts.push(
            JSON.stringify((await c.query(`SELECT * FROM ${schema}."${t.table_name}"`)).rows),
          );
        return parts.join('\n');
      });
    },
    async dispose() {
      await storage.close().catch(() => undefined);
      await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
  return harness;
}

describe.skipIf(!url)('postgresql', () => {
  describeStorageContract('postgres', createPostgresHarness);

  it('rolls back a push whose pipelined write fails, and the next push on the connection works', async () => {
    const h = await createPostgresHarness();
    const schema = schemas[schemas.length - 1];
    const now = '2026-03-10T12:00:00.000Z';
    const first = aMemberStory(makeTestId());
    const second = aMemberStory(makeTestId(), { paidCents: 250 });
    const valid = (events: typeof first) =>
      events.map((event) => ({ kind: 'valid' as const, event }));
    try {
      await h.storage.insertEvents('desk-test-1', valid(first), now);
      // The events insert succeeds, a projection row insert after it fails: everything goes.
      await withClient((c) =>
        c.query(
          `ALTER TABLE ${schema}.projection_rows ADD CONSTRAINT too_short CHECK (length(body) < 5) NOT VALID`,
        ),
      );
      await expect(h.storage.insertEvents('desk-test-1', valid(second), now)).rejects.toThrow();
      expect(await h.storage.lastSeq()).toBe(first.length);
      expect(await h.storage.readEventsAfter(0, 100)).toHaveLength(first.length);
      await withClient((c) =>
        c.query(`ALTER TABLE ${schema}.projection_rows DROP CONSTRAINT too_short`),
      );
      for (let i = 0; i < 3; i++) {
        const results = await h.storage.insertEvents('desk-test-1', valid(second), now);
        expect(results.map((r) => r.status)).toEqual(
          second.map(() => (i === 0 ? 'inserted' : 'duplicate')),
        );
      }
      expect(await h.storage.lastSeq()).toBe(first.length + second.length);
    } finally {
      await h.dispose();
    }
  });
  it('reads after a mark the rows changed since and not the unchanged ones; older marks than the notes kept, or from before migration 005, read every row', async () => {
    const h = await createPostgresHarness({ keepChangesFor: 3 });
    const schema = schemas[schemas.length - 1];
    const push = (events: BuurtpasEvent[]) =>
      h.storage.insertEvents(
        'desk-test-1',
        events.map((event) => ({ kind: 'valid' as const, event })),
        '2026-03-10T12:00:00.000Z',
      );
    const pay = (memberId: string, amountCents: number) =>
      anEvent('payment-recorded', {
        memberId,
        associationId: 'bv-cjm',
        year: 2026,
        amountCents,
        method: 'cash',
      });
    const read = (mark?: string) =>
      h.storage.readProjection(yearQuery(2026), mark === undefined ? {} : { changedSince: mark });
    /** The member ids a read's rows mention (each of `ids` that occurs in a row's JSON). */
    const mentioned = (result: { rows: object }, ids: string[]) => {
      const text = Object.values(result.rows)
        .flat()
        .map((row) => JSON.stringify(row));
      return ids.filter((id) => text.some((t) => t.includes(id)));
    };
    const a = makeTestId();
    const b = makeTestId();
    try {
      await push([...aMemberStory(a, { paidCents: 100 }), ...aMemberStory(b, { paidCents: 250 })]);
      const first = await read();
      expect(first.complete).toBe(true);
      expect(mentioned(first, [a, b])).toEqual([a, b]);

      await push([pay(a, 150)]);
      const changed = await read(first.changeMark);
      expect(changed.complete).toBe(false);
      expect(changed.lastSeq).toBe(first.lastSeq + 1);
      expect(changed.rows.payments?.length).toBe(1);
      expect(mentioned(changed, [a, b])).toEqual([a]);
      // Nothing stored since: nothing read.
      const none = await read(changed.changeMark);
      expect(none.complete).toBe(false);
      expect(Object.values(none.rows).flat()).toEqual([]);
      // A mark this database cannot have given (ahead of it, or not a seq): every row.
      for (const mark of ['999999', 'abc']) expect((await read(mark)).complete).toBe(true);

      // Notes are kept for 3 seqs: three pushes later the mark still reads only the change, a
      // fourth forgets the notes it needs and it reads every row; a recent mark still the change.
      for (const cents of [10, 20, 30]) await push([pay(b, cents)]);
      const three = await read(changed.changeMark);
      expect(three.complete).toBe(false);
      expect(mentioned(three, [a, b])).toEqual([b]);
      await push([pay(a, 40)]);
      expect((await read(changed.changeMark)).complete).toBe(true);
      const sinceRecent = await read(String(three.lastSeq));
      expect(sinceRecent.complete).toBe(false);
      expect(mentioned(sinceRecent, [a, b])).toEqual([a]);

      // A database from before migration 005: no notes, and marks from before it read every row.
      const before = String((await read()).lastSeq - 1);
      await withClient((c) =>
        c.query(
          `DROP TABLE ${schema}.projection_changes; ALTER TABLE ${schema}.projection_state DROP COLUMN changes_after; DELETE FROM ${schema}.schema_migrations WHERE version = 5`,
        ),
      );
      await h.reopen();
      expect((await read(before)).complete).toBe(true);
      const migrated = await read();
      expect(mentioned(migrated, [a, b])).toEqual([a, b]);
      await push([pay(b, 50)]);
      const later = await read(migrated.changeMark);
      expect(later.complete).toBe(false);
      expect(mentioned(later, [a, b])).toEqual([b]);
    } finally {
      await h.dispose();
    }
  });
  afterAll(async () => {
    if (schemas.length === 0) return;
    await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schemas.join(', ')} CASCADE`));
  });
});

describe.skipIf(Boolean(url))('postgresql (skipped)', () => {
  it.skip('storage contract on PostgreSQL: set BUURTPAS_TEST_PG_URL to run', () => undefined);
});
