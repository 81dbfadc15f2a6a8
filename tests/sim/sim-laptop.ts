/**
 * A simulated desk laptop: its own Dexie database on fake-indexeddb, the real sync engine, a
 * writer with seeded ids and a clock the test controls.
 */
import 'fake-indexeddb/auto';
import { openBuurtpasDb, type BuurtpasDb } from '../../src/app/db/database.ts';
import { LOCATIONS } from '../../src/domain/catalog.ts';
import { saveLocation, writeMeta } from '../../src/app/db/desk-setup.ts';
import type { Writer } from '../../src/app/db/record-events.ts';
import { readSnapshotProgress, type SnapshotProgress } from '../../src/app/db/snapshot-progress.ts';
import { saveSyncConnection } from '../../src/app/db/sync-state.ts';
import { syncOnce, type SyncOutcome, type Transport } from '../../src/app/sync/sync-engine.ts';

export type SimClock = { now: () => number; advance: (ms: number) => void };

export function makeSimClock(iso = '2026-11-27T09:00:00.000Z'): SimClock {
  let t = Date.parse(iso);
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** A small deterministic generator (mulberry32): ids and choices repeat for the same seed. */
export function seededGenerator(seed: number): {
  next: () => number;
  bytes: (n: number) => Uint8Array;
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    bytes: (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}

export type SimLaptop = {
  name: string;
  db: BuurtpasDb;
  writer: Writer;
  transport: Transport;
  sync: () => Promise<SyncOutcome>;
  setTransport: (t: Transport) => void;
  connect: (baseUrl: string, token: string) => Promise<void>;
  close: () => Promise<void>;
};

let dbCounter = 0;

export async function createSimLaptop(options: {
  name: string;
  deviceId: string;
  locationId: string;
  clock: SimClock;
  seed: number;
  transport: Transport;
  pullLimit?: number;
  pushBatchSize?: number;
}): Promise<SimLaptop> {
  const db = openBuurtpasDb(`sim-${options.name}-${process.pid}-${++dbCounter}-${Date.now()}`);
  await db.open();
  await writeMeta(db, 'deviceId', options.deviceId);
  await saveLocation(db, options.locationId);
  const random = seededGenerator(options.seed);
  const writer: Writer = {
    deviceId: options.deviceId,
    locationId: options.locationId,
    role: 'desk',
    random: random.bytes,
  };
  const laptop: SimLaptop = {
    name: options.name,
    db,
    writer,
    transport: options.transport,
    setTransport: (t) => {
      laptop.transport = t;
    },
    sync: () =>
      syncOnce({
        db,
        transport: (url, init) => laptop.transport(url, init),
        now: options.clock.now,
        // Small pages for the history pull too, so a new laptop's bootstrap crosses many pages here.
        ...(options.pullLimit
          ? { pullLimit: options.pullLimit, bootstrapPullLimit: options.pullLimit }
          : {}),
        ...(options.pushBatchSize ? { pushBatchSize: options.pushBatchSize } : {}),
      }),
    connect: async (baseUrl, token) => {
      await saveSyncConnection(db, {
        baseUrl,
        token,
        deviceId: options.deviceId,
        locationId: options.locationId,
        role: 'desk',
        enrolledAt: new Date(options.clock.now()).toISOString(),
      });
    },
    close: async () => {
      db.close();
      await db.delete();
    },
  };
  return laptop;
}

/** Page and batch sizes drawn within a range, so runs differ by seed. */
type SizeRange = { min: number; spread: number };

/** How a simulation makes its laptops: sizes drawn from `random`, enrolled at `baseUrl`. */
export type SimLaptopSetup = {
  clock: SimClock;
  transport: Transport;
  random: () => number;
  pullLimit: SizeRange;
  pushBatchSize: SizeRange;
  baseUrl: string;
  enroll: (deviceId: string, locationId: string) => Promise<string>;
};

/**
 * One laptop, enrolled and connected to `baseUrl`, its page and batch sizes drawn from `random`
 * (in that order, before it is enrolled): the simulations' laptops and their joiners.
 */
export async function createEnrolledSimLaptop(
  options: SimLaptopSetup & { deviceId: string; locationId: string; seed: number },
): Promise<SimLaptop> {
  const { deviceId, locationId } = options;
  const laptop = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId,
    clock: options.clock,
    seed: options.seed,
    transport: options.transport,
    pullLimit: options.pullLimit.min + Math.floor(options.random() * options.pullLimit.spread),
    pushBatchSize:
      options.pushBatchSize.min + Math.floor(options.random() * options.pushBatchSize.spread),
  });
  await laptop.connect(options.baseUrl, await options.enroll(deviceId, locationId));
  return laptop;
}

/**
 * `count` laptops spread over the three locations, each enrolled and connected to `baseUrl`, with
 * page and batch sizes drawn from `random` within the given ranges (so runs differ by seed).
 */
export async function createSimLaptops(
  options: SimLaptopSetup & { count: number; idPrefix: string; seed: number },
): Promise<SimLaptop[]> {
  const { count, idPrefix, ...shared } = options;
  const laptops: SimLaptop[] = [];
  for (let i = 0; i < count; i++) {
    laptops.push(
      await createEnrolledSimLaptop({
        ...shared,
        deviceId: `${idPrefix}${options.seed}x${i}`,
        locationId: LOCATIONS[i % LOCATIONS.length]!.id,
        seed: options.seed * 100 + i,
      }),
    );
  }
  return laptops;
}

/** The index of the snapshot page a request asks for; undefined for any other request. */
export function readSnapshotPageIndex(url: string): number | undefined {
  const index = /\/api\/v1\/snapshot\/[^/]+\/(\d+)$/.exec(new URL(url).pathname)?.[1];
  return index === undefined ? undefined : Number(index);
}

/**
 * A joiner syncs until its snapshot is in (a lost page resumes next round), at most 20 rounds:
 * one that wrote before it was in would replay every fact instead. Its progress record then.
 */
export async function syncUntilSnapshotLoaded(
  laptop: SimLaptop,
): Promise<SnapshotProgress | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await laptop.sync();
    if ((await readSnapshotProgress(laptop.db))?.done) break;
  }
  return readSnapshotProgress(laptop.db);
}

/** Node's fetch as the engine's transport. */
export const nodeFetch: Transport = (url, init) => fetch(url, init);
