/**
 * A new laptop from the server's snapshot: the state rows in, scan-ready before the rest, pulls
 * from the snapshot's seq after, and the same tables and checksum as a laptop that holds every
 * fact. Over a real server and real Dexie (fake-indexeddb), with lost connections, garbled pages
 * and a snapshot replaced halfway.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInByPass, recordPayment, registerClient } from '../../src/app/db/desk-actions.ts';
import { revokePass } from '../../src/app/db/member-admin-actions.ts';
import {
  historyFromOf,
  readSnapshotProgress,
  SNAPSHOT_TABLES,
  writeHistoryKeep,
} from '../../src/app/db/snapshot-load.ts';
import { localDateOf } from '../../src/domain/amsterdam-time.ts';
import type { BuurtpasDb } from '../../src/app/db/database.ts';
import { readBootstrap, readCursor, readLocalChecksum } from '../../src/app/db/sync-state.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import type { SnapshotManifest, SnapshotPart } from '../../src/domain/snapshot-protocol.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';
import { createSimLaptop, makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { aNewcomer } from './support/newcomer.ts';

let server: TestServer | undefined;
const laptops: SimLaptop[] = [];
const clock = makeSimClock('2026-11-27T09:00:00.000Z');

afterEach(async () => {
  for (const l of laptops.splice(0)) await l.close();
  await server?.close();
  server = undefined;
});

const SCAN_TABLES = new Set([
  'members',
  'passes',
  'memberships',
  'contributions',
  'amounts',
  'services',
]);

/**
 * Until the server keeps the projection itself, the test's snapshot is the state of a laptop that
 * holds every fact (the reference): the very rows a snapshot carries.
 */
let reference: SimLaptop | undefined;
async function captureReference(db: BuurtpasDb): Promise<SnapshotPart[]> {
  const parts: SnapshotPart[] = [];
  for (const table of SNAPSHOT_TABLES) {
    const rows = (await db.table(table).toArray()) as object[];
    parts.push({ table, rows, kind: SCAN_TABLES.has(table) ? 'desk' : 'counts' });
  }
  return parts;
}

async function startServer(): Promise<TestServer> {
  return startTestServer({
    nowMs: clock.now,
    snapshotOptions: { pageRows: 3 },
    snapshotSource: (storage) => ({
      lastSeq: () => storage.lastSeq(),
      async capture() {
        const seq = await storage.lastSeq();
        return {
          seq,
          checksum: await readLocalChecksum(reference!.db),
          parts: await captureReference(reference!.db),
        };
      },
    }),
  });
}

async function laptop(deviceId: string, transport: Transport = nodeFetch): Promise<SimLaptop> {
  const l = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId: 'cjm',
    clock,
    seed: laptops.length + 1,
    transport,
    pullLimit: 4,
  });
  await l.connect(server!.baseUrl, await server!.enroll(deviceId, { locationId: 'cjm' }));
  laptops.push(l);
  return l;
}

async function registerPeople(l: SimLaptop, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const reg = await registerClient(
      l.db,
      l.writer,
      aNewcomer(`Lid ${i}`),
      `20000${String(i).padStart(2, '0')}`,
      clock.now(),
    );
    if (reg.ok && i % 2 === 0) await recordPayment(l.db, l.writer, reg.memberId, 250, clock.now());
  }
}

async function tablesOf(db: BuurtpasDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of SNAPSHOT_TABLES) out[t] = await db.table(t).toArray();
  return out;
}

/** The snapshot's pages are small here, so a dozen people cross many pages. */
function countingTransport(counts: Map<string, number>, inner: Transport = nodeFetch): Transport {
  return (url, init) => {
    const path = new URL(url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return inner(url, init);
  };
}

describe('a new laptop from the snapshot', () => {
  it('loads the state rows, is scan-ready first, pulls from the seq and agrees with the server', async () => {
    server = await startServer();
    reference = await laptop('dref0001');
    await registerPeople(reference, 12);
    expect((await reference.sync()).kind).toBe('synced');
    const snapshotSeq = await server.storage.lastSeq();

    const counts = new Map<string, number>();
    const fresh = await laptop('dnew0001', countingTransport(counts));
    const outcome = await fresh.sync();
    expect(outcome.kind).toBe('synced');
    if (outcome.kind !== 'synced') return;
    // Nothing was pulled as raw history: the state came as rows.
    expect(outcome.pulled).toBe(0);
    expect(await fresh.db.events.count()).toBe(0);
    expect(await tablesOf(fresh.db)).toEqual(await tablesOf(reference.db));
    expect(outcome.comparison?.kind).toBe('agrees');
    expect(await readCursor(fresh.db)).toBe(snapshotSeq);
    const progress = await readSnapshotProgress(fresh.db);
    expect(progress).toMatchObject({ done: true, scanReady: true, seq: snapshotSeq });
    expect(progress!.loaded.members).toBe(12);
    expect(progress!.loaded).toEqual(
      Object.fromEntries(Object.entries(progress!.totals).filter(([, n]) => n > 0)),
    );
    expect((await readBootstrap(fresh.db))?.phase).toBe('done');

    // The fresh laptop scans from the state alone, and later facts arrive by ordinary pulls.
    const scan = await checkInByPass(fresh.db, fresh.writer, '2000003', clock.now());
    // Registered today with a visit: the visit-day rows came in the snapshot too.
    expect(scan.kind).toBe('already-here');
    clock.advance(86_400_000);
    const later = await checkInByPass(reference.db, reference.writer, '2000005', clock.now());
    expect(later.kind).toBe('checked-in');
    await reference.sync();
    const again = await fresh.sync();
    expect(again.kind === 'synced' && again.pulled).toBe(1);
    expect(again.kind === 'synced' && again.comparison?.kind).toBe('agrees');
    await reference.sync();
    expect(await tablesOf(fresh.db)).toEqual(await tablesOf(reference.db));
  });

  it("serves the server's own projection: the same rows as a laptop that holds every fact", async () => {
    server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 3 } });
    reference = await laptop('dref0006');
    await registerPeople(reference, 9);
    clock.advance(86_400_000);
    for (const code of ['2000001', '2000004'])
      await checkInByPass(reference.db, reference.writer, code, clock.now());
    // A fact screens read as a fact (the pass conflicts list): it comes along as a fact.
    const holder = (await reference.db.passes.get('2000002'))!.memberId;
    await revokePass(reference.db, reference.writer, holder, '2000002', 'gestolen', clock.now());
    expect((await reference.sync()).kind).toBe('synced');
    const fresh = await laptop('dnew0006');
    const outcome = await fresh.sync();
    expect(outcome.kind === 'synced' && outcome.comparison?.kind).toBe('agrees');
    const facts = await fresh.db.events.toArray();
    expect(facts.map((f) => [f.type, f.memberId, f.seq! > 0])).toEqual([
      ['pass-revoked', holder, true],
    ]);
    expect(await tablesOf(fresh.db)).toEqual(await tablesOf(reference.db));
    expect((await readSnapshotProgress(fresh.db))?.done).toBe(true);
  });

  it('keeps the visit history the laptop chose; the counts are complete either way', async () => {
    server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 2 } });
    reference = await laptop('dref0007');
    await registerPeople(reference, 6);
    // Visits on earlier days: a year ago and a month ago, then today's.
    clock.advance(-400 * 86_400_000);
    for (const code of ['2000001', '2000002'])
      await checkInByPass(reference.db, reference.writer, code, clock.now());
    clock.advance(370 * 86_400_000);
    await checkInByPass(reference.db, reference.writer, '2000003', clock.now());
    clock.advance(30 * 86_400_000);
    await checkInByPass(reference.db, reference.writer, '2000004', clock.now());
    expect((await reference.sync()).kind).toBe('synced');
    const token = await server.enroll('dreader7');
    const manifest = (await (
      await fetch(`${server.baseUrl}/api/v1/snapshot`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as SnapshotManifest;
    // The desk's pages, then the counts', then visit history newest day first, with its days.
    const history = manifest.pages.slice(manifest.countPages);
    expect(history.length).toBeGreaterThan(1);
    expect(history.every((p) => p.table === 'visitDays' && p.days !== undefined)).toBe(true);
    const tos = history.map((p) => p.days!.to);
    expect([...tos].sort().reverse()).toEqual(tos);
    expect(manifest.pages.slice(0, manifest.countPages).some((p) => p.days)).toBe(false);

    const days = async (db: BuurtpasDb) => (await db.visitDays.toArray()).map((v) => v.day).sort();
    const today = localDateOf(clock.now());
    const all = await days(reference.db);
    for (const keep of ['none', 'months3', 'all'] as const) {
      const fresh = await laptop(`dkeep${keep.slice(0, 3)}7`);
      await writeHistoryKeep(fresh.db, keep, clock.now());
      const outcome = await fresh.sync();
      expect(outcome.kind === 'synced' && outcome.comparison?.kind).toBe('agrees');
      const progress = await readSnapshotProgress(fresh.db);
      expect(progress).toMatchObject({ done: true, countsReady: true });
      const from = historyFromOf(keep, clock.now());
      // Whole pages: a page that reaches into the kept months comes in whole.
      const kept = await days(fresh.db);
      expect(kept).toEqual(expect.arrayContaining(all.filter((d) => from === null || d >= from)));
      if (keep === 'all') expect(kept).toEqual(all);
      // Pages of two, newest first: [a month ago, a year ago], [a year ago].
      if (keep === 'months3') expect(kept.length).toBe(all.length - 1);
      if (keep === 'none') expect(kept.every((d) => d === today)).toBe(true);
      for (const t of SNAPSHOT_TABLES.filter((x) => x !== 'visitDays'))
        expect(await fresh.db.table(t).toArray()).toEqual(await reference.db.table(t).toArray());
    }
  });

  it('orders the pages so the desk can scan before the treasurer and report tables are in', async () => {
    server = await startServer();
    reference = await laptop('dref0002');
    await registerPeople(reference, 6);
    await reference.sync();
    const token = await server.enroll('dreader2');
    const res = await fetch(`${server.baseUrl}/api/v1/snapshot`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const manifest = (await res.json()) as {
      pages: { table: string }[];
      scanPages: number;
    };
    const scanTables = manifest.pages.slice(0, manifest.scanPages).map((p) => p.table);
    const rest = manifest.pages.slice(manifest.scanPages).map((p) => p.table);
    expect(new Set(scanTables)).toEqual(
      new Set(
        ['members', 'passes', 'memberships', 'contributions', 'services'].filter((t) =>
          manifest.pages.some((p) => p.table === t),
        ),
      ),
    );
    expect(rest.every((t) => !SCAN_TABLES.has(t))).toBe(true);
    expect(rest).toContain('reportActivity');

    const id = (manifest as unknown as { snapshotId: string }).snapshotId;
    const first = await fetch(`${server.baseUrl}/api/v1/snapshot/${id}/0`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(((await first.json()) as { table: string }).table).toBe(manifest.pages[0]!.table);
    const page = await fetch(`${server.baseUrl}/api/v1/snapshot/x-gone/0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(page.status).toBe(410);
    expect(((await page.json()) as { error: string }).error).toBe('snapshot-gone');
    const noToken = await fetch(`${server.baseUrl}/api/v1/snapshot`);
    expect(noToken.status).toBe(401);
  });

  it('resumes at the next page after a lost connection, and refuses a page cut short', async () => {
    server = await startServer();
    reference = await laptop('dref0003');
    await registerPeople(reference, 12);
    await reference.sync();

    const counts = new Map<string, number>();
    let pagesServed = 0;
    let mode: 'drop-third' | 'truncate-fifth' | 'fine' = 'drop-third';
    const faulty: Transport = async (url, init) => {
      const isPage = /\/api\/v1\/snapshot\/[^/]+\/\d+$/.test(new URL(url).pathname);
      if (isPage) {
        pagesServed++;
        if (mode === 'drop-third' && pagesServed === 3) throw new Error('connection reset');
        if (mode === 'truncate-fifth' && pagesServed === 5) {
          const response = await nodeFetch(url, init);
          const text = await response.text();
          return { status: response.status, text: async () => text.slice(0, -3) };
        }
      }
      return nodeFetch(url, init);
    };
    const fresh = await laptop('dnew0003', countingTransport(counts, faulty));
    const first = await fresh.sync();
    expect(first).toMatchObject({ kind: 'failed', failure: 'offline' });
    expect((await readSnapshotProgress(fresh.db))?.nextPage).toBe(2);

    mode = 'truncate-fifth';
    pagesServed = 0;
    const second = await fresh.sync();
    expect(second).toMatchObject({ kind: 'failed', failure: 'answer-unreadable' });
    expect((await readSnapshotProgress(fresh.db))?.nextPage).toBe(6);

    mode = 'fine';
    const third = await fresh.sync();
    expect(third.kind).toBe('synced');
    expect(await tablesOf(fresh.db)).toEqual(await tablesOf(reference.db));
    // Each page was stored once: pages 0 and 1 were not fetched again after the reset.
    const pageFetches = [...counts.entries()].filter(([p]) => /\/snapshot\/[^/]+\/\d+$/.test(p));
    const fetchedTwice = pageFetches.filter(([, n]) => n > 1).map(([p]) => p.split('/').pop());
    expect(fetchedTwice.sort()).toEqual(['2', '6']);
  });

  it('starts again on a new snapshot when the server replaced the one being loaded', async () => {
    server = await startServer();
    reference = await laptop('dref0004');
    await registerPeople(reference, 8);
    await reference.sync();
    let replaced = false;
    const replacing: Transport = (url, init) => {
      const u = new URL(url);
      const m = /^(\/api\/v1\/snapshot\/)([^/]+)(\/\d+)$/.exec(u.pathname);
      // Page 3 of the first snapshot: the server no longer has it (410 for an unknown id).
      if (m && m[3] === '/3' && !replaced) {
        replaced = true;
        return nodeFetch(`${u.origin}${m[1]}0-000000000000${m[3]}`, init);
      }
      return nodeFetch(url, init);
    };
    const fresh = await laptop('dnew0004', replacing);
    const outcome = await fresh.sync();
    expect(replaced).toBe(true);
    expect(outcome.kind).toBe('synced');
    expect(await tablesOf(fresh.db)).toEqual(await tablesOf(reference.db));
  });

  it('keeps a laptop with facts of its own on the ordinary pull', async () => {
    server = await startServer();
    reference = await laptop('dref0005');
    await registerPeople(reference, 3);
    await reference.sync();
    const own = await laptop('down0005');
    await registerPeople(own, 1);
    const outcome = await own.sync();
    expect(outcome.kind).toBe('synced');
    expect(await readSnapshotProgress(own.db)).toBeUndefined();
    expect(outcome.kind === 'synced' && outcome.pulled).toBeGreaterThan(0);
  });
});
