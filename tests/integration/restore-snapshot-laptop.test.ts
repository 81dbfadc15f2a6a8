/**
 * A laptop that started from the server's snapshot, and a server restored from a backup (taken
 * before that laptop joined, or after). The laptop holds the snapshot's state rows, not the facts
 * before its snapshot: on the new generation it must not pull from 0 on top of that state (each
 * earlier fact would count twice). Its tables, summary and year report must end equal to those
 * of a laptop that replayed every fact, it must agree with the server, and its own facts (pushed
 * before the restore, or still in the outbox) must be on the server once. Real server on SQLite
 * (backup and restore through the library calls), real Dexie on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { readSnapshotProgress, writeHistoryKeep } from '../../src/app/db/snapshot-load.ts';
import { readServerGeneration } from '../../src/app/db/sync-generation.ts';
import { readComparison } from '../../src/app/db/sync-state.ts';
import { backupDatabase } from '../../src/server/admin/backup-database.ts';
import { restoreDatabase } from '../../src/server/admin/restore-database.ts';
import { openStorage } from '../../src/server/storage/open-storage.ts';
import type { Storage } from '../../src/server/storage/storage.ts';
import { enrollerOf, startTestServer } from '../../src/server/testing/start-test-server.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { listenOnPort, type ServerOnPort } from './support/server-on-port.ts';
import {
  expectStateOf,
  makeSimLaptops,
  readSnapshotTables,
  registerMember,
} from './support/snapshot-laptops.ts';

type Target = { databaseUrl: undefined; sqliteFile: string; dataDir: string };

const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startOn(target: Target, port: number, snapshots = true): Promise<ServerOnPort> {
  return listenOnPort(await openStorage(target), port, {
    dataDir: target.dataDir,
    nowMs: clock.now,
    snapshotOptions: { pageRows: 3 },
    ...(snapshots ? {} : { snapshotSource: false as const }),
  });
}

const register = (l: SimLaptop, name: string, pass: string) =>
  registerMember(l, name, pass, clock.now());

async function serverEventIds(storage: Storage): Promise<string[]> {
  const rows = await storage.readEventsAfter(0, 100_000);
  return rows.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId);
}

async function ownEventIds(l: SimLaptop): Promise<string[]> {
  return (await l.db.events.toArray())
    .filter((e) => e.deviceId === l.writer.deviceId)
    .map((e) => e.eventId);
}

/**
 * `backupWhen`: 'before-join' takes the backup before the snapshot laptop exists (the restored
 * server never saw it); 'after-join' after it loaded its snapshot and pushed facts of its own.
 */
async function scenario(
  backupWhen: 'before-join' | 'after-join',
  restoredOffersSnapshot = true,
  interruptRestart = false,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtpas-restore-snap-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const target: Target = {
    databaseUrl: undefined,
    sqliteFile: join(dataDir, 'buurtpas.sqlite'),
    dataDir,
  };
  let server = await startOn(target, 0);
  const port = server.port;
  const baseUrl = `http://127.0.0.1:${port}`;
  cleanups.push(() => server.stop());
  const laptops = makeSimLaptops({
    clock,
    server: () => ({ baseUrl, enroll: enrollerOf(server.storage, clock.now) }),
    seedFrom: 21,
    pullLimit: 4,
    role: 'desk',
  });
  cleanups.push(laptops.close);

  // A replays every fact (it wrote its own before its first sync): the reference.
  const a = await laptops.make('dreplay1');
  const ama = await register(a, 'Ama Boateng', '7100001');
  const kofi = await register(a, 'Kofi Mensah', '7100002');
  const amaPaid = await recordPayment(a.db, a.writer, ama, 250, clock.now());
  await recordPayment(a.db, a.writer, kofi, 100, clock.now());
  await countWalkIn(a.db, a.writer, 'cjm:kookclub', clock.now());
  expect((await a.sync()).kind).toBe('synced');

  const backupDir = join(dataDir, 'backups');
  let backupFile = '';
  const takeBackup = async () => {
    backupFile = (await backupDatabase(target, { dir: backupDir, nowMs: clock.now() })).file;
  };
  if (backupWhen === 'before-join') await takeBackup();

  // More history on A, then the new laptop S starts from the snapshot (no facts of its own).
  clock.advance(3_600_000);
  const efua = await register(a, 'Efua Asante', '7100003');
  await recordPayment(a.db, a.writer, efua, 250, clock.now());
  expect((await a.sync()).kind).toBe('synced');
  // A coordinator's laptop: its void of A's payment is a role fact.
  const s = await laptops.make('dsnap001', { role: 'coordinator' });
  await writeHistoryKeep(s.db, 'all', clock.now());
  const joined = await s.sync();
  expect(joined.kind === 'synced' && joined.comparison?.kind).toBe('agrees');
  expect((await readSnapshotProgress(s.db))?.done).toBe(true);
  expect(await s.db.events.where('type').equals('payment-recorded').count()).toBe(0);

  // S records: a newcomer who pays, a visit, and voids Ama's payment (older than its snapshot).
  clock.advance(600_000);
  const yaw = await register(s, 'Yaw Owusu', '7100004');
  await recordPayment(s.db, s.writer, yaw, 250, clock.now());
  expect(await voidEvent(s.db, s.writer, amaPaid, 'dubbel geboekt', clock.now())).toEqual({
    ok: true,
  });
  expect((await s.sync()).kind).toBe('synced');
  if (backupWhen === 'after-join') await takeBackup();
  clock.advance(600_000);
  await checkInByPass(s.db, s.writer, '7100002', clock.now());
  expect((await s.sync()).kind).toBe('synced');
  expect((await a.sync()).kind).toBe('synced');
  // One fact of S still in its outbox when the server goes back in time.
  const offline = await countWalkIn(s.db, s.writer, 'cjm:formulierenbrigade', clock.now());
  const sOwn = await ownEventIds(s);
  const generationBefore = await readServerGeneration(s.db);

  await server.stop();
  await restoreDatabase(target, backupFile, clock.now());
  server = await startOn(target, port, restoredOffersSnapshot);
  expect(await server.storage.readGeneration()).not.toBe(generationBefore);
  // A device enrolled after the backup is unknown to the restored server: enrolled again.
  if (backupWhen === 'before-join')
    await s.connect(
      baseUrl,
      await enrollerOf(server.storage, clock.now)('dsnap001', {
        locationId: 'cjm',
        role: 'coordinator',
      }),
    );

  clock.advance(60_000);
  if (interruptRestart) {
    // While the restored snapshot's pages come in (at its first), the desk records a walk-in and
    // a payment the next day: rows a later page holds (the member's contribution) and rows no
    // page holds (this laptop's day counter for that day). Each must count once.
    let written = false;
    s.setTransport(async (url, init) => {
      if (!written && /\/api\/v1\/snapshot\/[^/]+\/0$/.test(new URL(url).pathname)) {
        written = true;
        clock.advance(86_400_000);
        await countWalkIn(s.db, s.writer, 'cjm:kookclub', clock.now());
        await recordPayment(s.db, s.writer, kofi, 150, clock.now());
      }
      return nodeFetch(url, init);
    });
    expect(await s.sync()).toMatchObject({ kind: 'synced' });
    expect(written).toBe(true);
  }
  for (const l of [s, a, s, a]) {
    const o = await l.sync();
    expect(o).toMatchObject({ kind: 'synced' });
  }

  // Every fact of S is on the server, once; the offline one too.
  const onServer = await serverEventIds(server.storage);
  expect(new Set(onServer).size).toBe(onServer.length);
  expect(onServer).toEqual(expect.arrayContaining([...sOwn, offline]));
  expect(await s.db.outbox.count()).toBe(0);
  expect(await a.db.outbox.count()).toBe(0);

  // S agrees with the server and holds what the replaying laptop holds, counted once.
  for (const l of [s, a]) expect((await readComparison(l.db))?.kind).toBe('agrees');
  await expectStateOf(s, a, [2026], clock.now());
  expect(await readServerGeneration(s.db)).toBe(await server.storage.readGeneration());
  // S started again from the restored server's snapshot, as a new laptop does (or, offered
  // none, from its own facts and the whole history).
  if (restoredOffersSnapshot) expect((await readSnapshotProgress(s.db))?.done).toBe(true);
  else expect(await readSnapshotProgress(s.db)).toBeUndefined();
  // Ama's payment stays voided, Yaw paid once.
  expect((await s.db.voids.get(amaPaid))?.targetEventId).toBe(amaPaid);
  expect(await s.db.payments.where('memberId').equals(yaw).count()).toBe(1);
}

describe('a snapshot laptop after the server was restored from a backup', () => {
  it('backup taken before it joined: starts again from the restored snapshot, loses nothing', async () => {
    await scenario('before-join');
  }, 60_000);

  it('backup taken after it joined and pushed: the same', async () => {
    await scenario('after-join');
  }, 60_000);

  it('a restored server that offers no snapshot: its own facts, then the whole history', async () => {
    await scenario('after-join', false);
  }, 60_000);

  it('facts written while the new snapshot loads (connection lost halfway) count once', async () => {
    await scenario('after-join', true, true);
  }, 60_000);
});

describe('a new laptop whose snapshot is replaced after it wrote facts', () => {
  it('its facts written before the snapshot began again count once (snapshot-restart.ts)', async () => {
    const server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 2 } });
    cleanups.push(() => server.close());
    const laptops = makeSimLaptops({ clock, server: () => server, seedFrom: 41, pullLimit: 4 });
    cleanups.push(laptops.close);
    const a = await laptops.make('dreplay2');
    for (let i = 0; i < 5; i++) {
      const id = await register(a, `Lid ${i}`, `720000${i}`);
      await recordPayment(a.db, a.writer, id, 250, clock.now());
    }
    expect((await a.sync()).kind).toBe('synced');

    // At the fifth page the desk registers a newcomer who pays; then the server answers that
    // the snapshot is gone (410): the new one begins with emptied tables.
    let replaced = false;
    const holder: { laptop?: SimLaptop } = {};
    const replacing: Transport = async (url, init) => {
      const u = new URL(url);
      const m = /^(\/api\/v1\/snapshot\/)([^/]+)\/4$/.exec(u.pathname);
      if (m && !replaced) {
        replaced = true;
        const desk = holder.laptop!;
        const id = await register(desk, 'Abena Owusu', '7200099');
        await recordPayment(desk.db, desk.writer, id, 250, clock.now());
        return nodeFetch(`${u.origin}${m[1]}0-000000000000/4`, init);
      }
      return nodeFetch(url, init);
    };
    const fresh = await laptops.make('dfresh02', { transport: replacing });
    holder.laptop = fresh;
    expect((await fresh.sync()).kind).toBe('synced');
    expect(replaced).toBe(true);
    for (const l of [fresh, a, fresh]) expect((await l.sync()).kind).toBe('synced');
    expect((await readSnapshotProgress(fresh.db))?.done).toBe(true);
    expect((await readComparison(fresh.db))?.kind).toBe('agrees');
    expect(await readSnapshotTables(fresh.db)).toEqual(await readSnapshotTables(a.db));
  }, 60_000);
});
