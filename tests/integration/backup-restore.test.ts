/**
 * Backup and restore that loses nothing: laptops push facts after a backup is taken, the server
 * is restored from that OLDER backup, and on their next sync the laptops notice the new
 * generation, push their own facts again and pull from 0. The restored server ends with every
 * fact the laptops hold, each once, and laptops and server agree. Run over SQLite (the
 * better-sqlite3 backup API, through `cli.ts backup`/`restore` as real processes) and, when
 * BUURTPAS_TEST_PG_URL is set, over PostgreSQL (pg_dump / pg_restore).
 */
import 'fake-indexeddb/auto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { countWalkIn, recordPayment, registerClient } from '../../src/app/db/desk-actions.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { readSnapshotProgress } from '../../src/app/db/snapshot-load.ts';
import { readServerGeneration } from '../../src/app/db/sync-generation.ts';
import { readComparison, readCursor } from '../../src/app/db/sync-state.ts';
import { backupDatabase } from '../../src/server/admin/backup-database.ts';
import { restoreDatabase } from '../../src/server/admin/restore-database.ts';
import { openStorage } from '../../src/server/storage/open-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';
import { enrollerOf } from '../../src/server/testing/start-test-server.ts';
import { createSimLaptop, makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { listenOnPort, type ServerOnPort } from './support/server-on-port.ts';
import { aNewcomer as person } from './support/newcomer.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PG_URL = process.env.BUURTPAS_TEST_PG_URL;

type Target = { databaseUrl: string | undefined; sqliteFile: string; dataDir: string };

const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startOn(target: Target, port: number): Promise<ServerOnPort> {
  return listenOnPort(await openStorage(target), port, {
    dataDir: target.dataDir,
    nowMs: clock.now,
  });
}

const enroll = (storage: Storage, deviceId: string, locationId: string) =>
  enrollerOf(storage, clock.now)(deviceId, { locationId });

function runCli(target: Target, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(TSX, ['src/server/cli.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: target.dataDir,
        DATABASE_URL: target.databaseUrl ?? '',
        BUURTPAS_CONFIG: '',
        PORT: '1',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, out: out.trim() + (code ? `\n${err}` : '') }));
  });
}

async function serverEventIds(storage: Storage): Promise<string[]> {
  const rows = await storage.readEventsAfter(0, 100_000);
  return rows.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId);
}

async function heldEventIds(laptop: SimLaptop): Promise<string[]> {
  return (await laptop.db.events.toArray()).map((e) => e.eventId);
}

async function makeTarget(engine: 'sqlite' | 'postgres'): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtpas-restore-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (engine === 'postgres' && PG_URL) {
    // The whole database is dumped and restored: start from an empty public schema.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    await client.end();
  }
  return {
    databaseUrl: engine === 'postgres' ? PG_URL : undefined,
    sqliteFile: join(dataDir, 'buurtpas.sqlite'),
    dataDir,
  };
}

async function restoreScenario(engine: 'sqlite' | 'postgres', viaCli: boolean): Promise<void> {
  const target = await makeTarget(engine);
  let server = await startOn(target, 0);
  const port = server.port;
  const baseUrl = `http://127.0.0.1:${port}`;
  cleanups.push(() => server.stop());
  const laptops: SimLaptop[] = [];
  cleanups.push(async () => {
    for (const l of laptops) await l.close();
  });
  const make = async (deviceId: string, locationId: string) => {
    const l = await createSimLaptop({
      name: deviceId,
      deviceId,
      locationId,
      clock,
      seed: laptops.length + 11,
      transport: nodeFetch,
      pullLimit: 5,
    });
    await l.connect(baseUrl, await enroll(server.storage, deviceId, locationId));
    laptops.push(l);
    return l;
  };
  const a = await make('dcjmrst1', 'cjm');
  const b = await make('dmbrst01', 'multibron');

  // Before the backup: Ama registered and paid at CJM, both laptops in step.
  const ama = await registerClient(a.db, a.writer, person('Ama Boateng'), '111222', clock.now());
  if (!ama.ok) throw new Error('register');
  await recordPayment(a.db, a.writer, ama.memberId, 250, clock.now());
  expect((await a.sync()).kind).toBe('synced');
  expect((await b.sync()).kind).toBe('synced');
  const generationBefore = await readServerGeneration(a.db);
  expect(generationBefore).toMatch(/^[0-9a-f]{32}$/);

  // The nightly backup, taken while the server runs.
  let backupFile: string;
  if (viaCli) {
    const run = await runCli(target, ['backup', '--dir', join(target.dataDir, 'backups')]);
    expect(run.code, run.out).toBe(0);
    backupFile = run.out;
  } else {
    backupFile = (
      await backupDatabase(target, { dir: join(target.dataDir, 'backups'), nowMs: clock.now() })
    ).file;
  }
  const countAtBackup = (await serverEventIds(server.storage)).length;

  // After the backup: more facts on both laptops, pushed and pulled.
  clock.advance(3_600_000);
  const kofi = await registerClient(a.db, a.writer, person('Kofi Mensah'), '333444', clock.now());
  if (!kofi.ok) throw new Error('register');
  await countWalkIn(b.db, b.writer, 'multibron:formulierenbrigade', clock.now());
  await registerClient(b.db, b.writer, person('Efua Asante'), '555666', clock.now());
  expect((await a.sync()).kind).toBe('synced');
  expect((await b.sync()).kind).toBe('synced');
  expect((await a.sync()).kind).toBe('synced');
  const countBeforeRestore = (await serverEventIds(server.storage)).length;
  expect(countBeforeRestore).toBeGreaterThan(countAtBackup);
  // One more fact written offline on A after its last sync: it must arrive too.
  await countWalkIn(a.db, a.writer, 'cjm:kookclub', clock.now());

  // The disaster: the server goes back to the older backup.
  await server.stop();
  if (viaCli) {
    const run = await runCli(target, ['restore', backupFile]);
    expect(run.code, run.out).toBe(0);
  } else {
    await restoreDatabase(target, backupFile, clock.now());
  }
  server = await startOn(target, port);
  expect((await serverEventIds(server.storage)).length).toBe(countAtBackup);
  expect(await server.storage.readGeneration()).not.toBe(generationBefore);

  // Each laptop's next sync notices, re-pushes its own facts and pulls from 0.
  clock.advance(60_000);
  expect((await a.sync()).kind).toBe('synced');
  expect((await b.sync()).kind).toBe('synced');
  expect((await a.sync()).kind).toBe('synced');
  expect((await b.sync()).kind).toBe('synced');

  const onServer = await serverEventIds(server.storage);
  expect(new Set(onServer).size).toBe(onServer.length);
  const held = new Set([...(await heldEventIds(a)), ...(await heldEventIds(b))]);
  expect(new Set(onServer)).toEqual(held);
  expect(onServer.length).toBe(countBeforeRestore + 1);
  const lastSeq = await server.storage.lastSeq();
  for (const l of [a, b]) {
    expect(await readServerGeneration(l.db)).toBe(await server.storage.readGeneration());
    expect(await readCursor(l.db)).toBe(lastSeq);
    expect(await l.db.outbox.count()).toBe(0);
    expect((await readComparison(l.db))?.kind).toBe('agrees');
    // B started from a snapshot (no facts of its own at its first sync): it holds state rows for
    // the facts before its snapshot, and started again from the restored server's snapshot.
    if (await readSnapshotProgress(l.db))
      expect(onServer).toEqual(expect.arrayContaining(await heldEventIds(l)));
    else expect(new Set(await heldEventIds(l))).toEqual(new Set(onServer));
  }
  expect(await readSnapshotProgress(b.db)).toMatchObject({ done: true });
  expect(await dumpProjection(b.db)).toEqual(await dumpProjection(a.db));
  // Kofi (registered after the backup) is on the server again, with his name.
  expect((await b.db.members.get(kofi.memberId))?.name).toBe('Kofi Mensah');
}

describe('backup and restore over SQLite', () => {
  it('restoring an older backup loses no fact a laptop holds (library calls)', async () => {
    await restoreScenario('sqlite', false);
  });

  it('the same through `cli.ts backup` and `cli.ts restore` as processes', async () => {
    await restoreScenario('sqlite', true);
  });

  it('restore refuses a file that is not a Buurtpas database and keeps the current one', async () => {
    const target = await makeTarget('sqlite');
    const running = await startOn(target, 0);
    const generation = await running.storage.readGeneration();
    await running.stop();
    await expect(restoreDatabase(target, join(ROOT, 'package.json'), clock.now())).rejects.toThrow(
      /not a SQLite database|cannot be opened/,
    );
    const again = await startOn(target, 0);
    expect(await again.storage.readGeneration()).toBe(generation);
    await again.stop();
  });

  it('backup --keep removes the oldest backups beyond N', async () => {
    const target = await makeTarget('sqlite');
    const running = await startOn(target, 0);
    await running.stop();
    const dir = join(target.dataDir, 'backups');
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await backupDatabase(target, { dir, keep: 2, nowMs: clock.now() + i * 86_400_000 });
      made.push(r.file);
      if (i === 3) expect(r.removed.length).toBe(1);
    }
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).sort()).toEqual(made.slice(2).map((f) => f.split('/').pop()));
  });
});

describe.skipIf(!PG_URL)('backup and restore over PostgreSQL (pg_dump / pg_restore)', () => {
  it('restoring an older backup loses no fact a laptop holds', async () => {
    await restoreScenario('postgres', true);
  });
});
