/**
 * The rulebook on every replica: generated event sets holding every hard case (erasure, merge
 * chains, pass revokes and conflicts, voids before targets, duplicates, equal stamps), delivered
 * in random orders and batch splits with re-sends, give identical rows in every derived table on
 * a laptop (Dexie on fake-indexeddb) and on the server (SQLite; PostgreSQL when
 * BUURTPAS_TEST_PG_URL is set), equal to the domain fold, with the same summary and checksum.
 *
 * Bounded runs (a loaded 2-core machine); BUURTPAS_PROPERTY_SEED fixes the seed.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeAndApply } from '../../src/app/db/apply-events.ts';
import { openBuurtpasDb } from '../../src/app/db/database.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { readLocalChecksum, readLocalLedger } from '../../src/app/db/sync-state.ts';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { checksumOf } from '../../src/domain/event-set-checksum.ts';
import { foldProjection, tablesOf } from '../../src/domain/projection/memory-projection.ts';
import { summarize } from '../../src/domain/summary.ts';
import { arrivalArb, hardEventSetArb } from '../../src/domain/testing/hard-event-sets.ts';
import { openPostgresStorage } from '../../src/server/storage/postgres-storage.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';
import { createSummaryCache } from '../../src/server/sync/summary-cache.ts';

const seedEnv = process.env.BUURTPAS_PROPERTY_SEED;
const settings = (numRuns: number) => ({
  numRuns,
  ...(seedEnv ? { seed: Number(seedEnv) } : {}),
});
const pgUrl = process.env.BUURTPAS_TEST_PG_URL;
let dbCounter = 0;

const scenario = hardEventSetArb(20).chain((events) =>
  fc.tuple(fc.constant(events), arrivalArb(events), arrivalArb(events)),
);

/** Facts the server redacts (profile edits of erased people) compare by id, not payload. */
const idsOf = (events: readonly BuurtpasEvent[]) => events.map((e) => e.eventId);

async function laptopAfter(batches: readonly BuurtpasEvent[][]) {
  const db = openBuurtpasDb(`replicas-${++dbCounter}`);
  await db.open();
  for (const b of batches)
    await storeAndApply(
      db,
      b.map((event) => ({ event })),
    );
  return db;
}

async function serverAfter(storage: Storage, batches: readonly BuurtpasEvent[][]) {
  const cache = createSummaryCache(storage);
  for (const b of batches) {
    await storage.insertEvents(
      'dtest',
      b.map((event) => ({ kind: 'valid' as const, event })),
      '2026-01-05T10:00:00.000Z',
    );
    // Catch up between pushes too, so the server folds in several pages.
    await cache.refresh();
  }
  return cache;
}

async function checkReplicas(
  openStorage: () => Promise<{ storage: Storage; dispose: () => Promise<void> }>,
  [events, laptopBatches, serverBatches]: [BuurtpasEvent[], BuurtpasEvent[][], BuurtpasEvent[][]],
) {
  const reference = tablesOf(foldProjection(events));
  const laptop = await laptopAfter(laptopBatches);
  const { storage, dispose } = await openStorage();
  try {
    const cache = await serverAfter(storage, serverBatches);
    expect(await dumpProjection(laptop)).toEqual(reference);
    expect(tablesOf((await cache.projection()).state)).toEqual(reference);
    for (const year of [2025, 2026]) {
      const server = await cache.summaryFor(year);
      expect(summarize(await readLocalLedger(laptop), year)).toEqual(server.summary);
      expect(server.checksum).toEqual(checksumOf(idsOf(events)));
      expect(await readLocalChecksum(laptop)).toEqual(server.checksum);
    }
  } finally {
    laptop.close();
    await dispose();
  }
}

describe('one rulebook on every replica', () => {
  it('laptop and server (SQLite): every order, batch split and re-send gives the same rows, summary and checksum', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) =>
        checkReplicas(async () => {
          const dir = mkdtempSync(join(tmpdir(), 'buurtpas-replicas-'));
          const storage = openSqliteStorage({ file: join(dir, 'db.sqlite') });
          return {
            storage,
            dispose: async () => {
              await storage.close();
              rmSync(dir, { recursive: true, force: true });
            },
          };
        }, s),
      ),
      settings(25),
    );
  }, 240_000);

  it.skipIf(!pgUrl)(
    'laptop and server (PostgreSQL): the same',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, (s) =>
          checkReplicas(async () => {
            const schema = `t_${randomBytes(6).toString('hex')}`;
            const storage = await openPostgresStorage({
              connectionString: pgUrl!,
              schema,
              poolSize: 2,
            });
            return {
              storage,
              dispose: async () => {
                await storage.close();
                const client = new pg.Client({ connectionString: pgUrl });
                await client.connect();
                await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
                await client.end();
              },
            };
          }, s),
        ),
        settings(10),
      );
    },
    240_000,
  );
});
