/**
 * The path from the previous release to this one (docs/server.md, "Upgrades"): a database
 * written by an earlier server (no migration 003, the server generation; no 004, the projection
 * rows) gains them at start without losing a fact (its events are projected once, at start),
 * and a laptop from before (it never stored a generation) carries on without re-sending
 * anything. A server that requires a newer payload version answers an old app 426; the app
 * keeps its outbox and sends it once it may.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { countWalkIn, registerClient } from '../../src/app/db/desk-actions.ts';
import { readComparison } from '../../src/app/db/sync-state.ts';
import { readServerGeneration } from '../../src/app/db/sync-generation.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';
import { enrollerOf } from '../../src/server/testing/start-test-server.ts';
import { createSimLaptop, makeSimClock, nodeFetch } from '../sim/sim-laptop.ts';
import { listenOnPort } from './support/server-on-port.ts';
import { aNewcomer } from './support/newcomer.ts';

const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function serve(file: string, port: number, minPayloadVersion = 1) {
  return listenOnPort(openSqliteStorage({ file }), port, {
    dataDir: dirname(file),
    config: { minPayloadVersion },
    nowMs: clock.now,
  });
}

const enroll = (storage: Storage, deviceId: string) => enrollerOf(storage, clock.now)(deviceId);

describe('upgrading from the previous release', () => {
  it('migrations 003 to 007 run at start on an old database; facts stay and are projected; an old laptop re-sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'buurtpas.sqlite');
    let server = await serve(file, 0);
    const port = server.port;
    const laptop = await createSimLaptop({
      name: 'upgrade',
      deviceId: 'dcjmupg1',
      locationId: 'cjm',
      clock,
      seed: 7,
      transport: nodeFetch,
    });
    cleanups.push(() => laptop.close());
    await laptop.connect(`http://127.0.0.1:${port}`, await enroll(server.storage, 'dcjmupg1'));
    await registerClient(laptop.db, laptop.writer, aNewcomer('Ama Boateng'), '121212', clock.now());
    expect((await laptop.sync()).kind).toBe('synced');
    const events = await server.storage.lastSeq();
    await server.stop();

    // Make it the previous release's database, and the laptop the previous release's app.
    const db = new Database(file);
    db.exec(
      'DROP TABLE server_meta; DROP TABLE device_activity; DROP TABLE projection_rows; DROP TABLE projection_state; DROP INDEX events_type_seq_cold; DROP INDEX events_member_key; CREATE INDEX events_member ON events (member_id, type)',
    );
    db.prepare('DELETE FROM schema_migrations WHERE version >= 3').run();
    db.close();
    await laptop.db.meta.delete('sync.generation');

    server = await serve(file, port);
    cleanups.push(() => server.stop());
    const migrated = new Database(file, { readonly: true });
    expect(
      (
        migrated.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
          version: number;
        }[]
      ).map((r) => r.version),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // 005 and 006: the member index keyed by member alone, then by 8 bytes of the member id.
    expect(
      migrated
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_member%'",
        )
        .pluck()
        .all(),
    ).toEqual(['events_member_key']);
    // 007: the part index (004) without the rows that have no part.
    expect(
      migrated
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'projection_rows_part'")
        .pluck()
        .get(),
    ).toMatch(/WHERE part IS NOT NULL$/);
    migrated.close();
    expect(await server.storage.lastSeq()).toBe(events);
    expect(await server.storage.readGeneration()).toMatch(/^[0-9a-f]{32}$/);

    const after = await laptop.sync();
    expect(after).toMatchObject({ kind: 'synced', pushed: 0, pulled: 0 });
    expect(await readServerGeneration(laptop.db)).toBe(await server.storage.readGeneration());
    expect((await readComparison(laptop.db))?.kind).toBe('agrees');
  });

  it('a server that requires a newer app answers 426; the laptop keeps its outbox and sends it later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buurtpas-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'buurtpas.sqlite');
    let server = await serve(file, 0, 2);
    const port = server.port;
    const laptop = await createSimLaptop({
      name: 'old-app',
      deviceId: 'dcjmold1',
      locationId: 'cjm',
      clock,
      seed: 8,
      transport: nodeFetch,
    });
    cleanups.push(() => laptop.close());
    await laptop.connect(`http://127.0.0.1:${port}`, await enroll(server.storage, 'dcjmold1'));
    await countWalkIn(laptop.db, laptop.writer, 'cjm:kookclub', clock.now());
    expect(await laptop.sync()).toMatchObject({ kind: 'failed', failure: 'update-required' });
    expect(await laptop.db.outbox.count()).toBe(1);
    expect(await server.storage.lastSeq()).toBe(0);
    await server.stop();
    // Stands in for "the laptop now runs an app the server accepts".
    server = await serve(file, port, 1);
    cleanups.push(() => server.stop());
    expect(await laptop.sync()).toMatchObject({ kind: 'synced', pushed: 1 });
    expect(await laptop.db.outbox.count()).toBe(0);
  });
});
