/**
 * The set-up the snapshot-laptop tests share: sim laptops at CJM enrolled on a real server, members
 * registered at their desks, and the check that a laptop that started from a snapshot ends with
 * the state of one that replayed every fact.
 */
import { expect } from 'vitest';
import type { BuurtpasDb } from '../../../src/app/db/database.ts';
import { registerClient } from '../../../src/app/db/desk-actions.ts';
import { readYearReport } from '../../../src/app/db/report-read.ts';
import { SNAPSHOT_TABLES } from '../../../src/app/db/snapshot-load.ts';
import { readLocalChecksum, readLocalLedger } from '../../../src/app/db/sync-state.ts';
import type { Transport } from '../../../src/app/sync/sync-engine.ts';
import { summarize } from '../../../src/domain/summary.ts';
import type { TestServer } from '../../../src/server/testing/start-test-server.ts';
import { createSimLaptop, nodeFetch, type SimClock, type SimLaptop } from '../../sim/sim-laptop.ts';
import { aNewcomer } from './newcomer.ts';

type Enroll = TestServer['enroll'];
type DeviceRole = NonNullable<NonNullable<Parameters<Enroll>[1]>['role']>;

export type SimLaptops = {
  /** A laptop at CJM, enrolled with `role` (the set's role unless given), seeded by its place. */
  make(
    deviceId: string,
    options?: { transport?: Transport; role?: DeviceRole },
  ): Promise<SimLaptop>;
  /** Closes every laptop made so far; the next one made is seeded as the first again. */
  close(): Promise<void>;
};

/**
 * `server` is asked at every `make`, so a test may start (or restart) its server after this.
 * `seedFrom` seeds the first laptop, each next one the number after.
 */
export function makeSimLaptops(options: {
  clock: SimClock;
  server: () => { baseUrl: string; enroll: Enroll };
  seedFrom: number;
  pullLimit: number;
  role?: DeviceRole;
}): SimLaptops {
  const laptops: SimLaptop[] = [];
  return {
    async make(deviceId, { transport = nodeFetch, role = options.role } = {}) {
      const l = await createSimLaptop({
        name: deviceId,
        deviceId,
        locationId: 'cjm',
        clock: options.clock,
        seed: laptops.length + options.seedFrom,
        transport,
        pullLimit: options.pullLimit,
      });
      const server = options.server();
      await l.connect(
        server.baseUrl,
        await server.enroll(deviceId, { locationId: 'cjm', ...(role ? { role } : {}) }),
      );
      laptops.push(l);
      return l;
    },
    async close() {
      for (const l of laptops.splice(0)) await l.close();
    },
  };
}

/** A member registered at the laptop's desk with a pass; their member id. */
export async function registerMember(
  l: SimLaptop,
  name: string,
  pass: string,
  nowMs: number,
): Promise<string> {
  const reg = await registerClient(l.db, l.writer, aNewcomer(name), pass, nowMs);
  if (!reg.ok) throw new Error(`registration of ${name} refused: ${JSON.stringify(reg)}`);
  return reg.memberId;
}

/** Every table a snapshot fills, as stored. */
export async function readSnapshotTables(db: BuurtpasDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of SNAPSHOT_TABLES) out[t] = await db.table(t).toArray();
  return out;
}

/** The same tables, summary and year report (each of `years`) and checksum as `reference`. */
export async function expectStateOf(
  laptop: SimLaptop,
  reference: SimLaptop,
  years: readonly number[],
  nowMs: number,
): Promise<void> {
  expect(await readSnapshotTables(laptop.db)).toEqual(await readSnapshotTables(reference.db));
  for (const year of years) {
    expect(summarize(await readLocalLedger(laptop.db), year)).toEqual(
      summarize(await readLocalLedger(reference.db), year),
    );
    expect(await readYearReport(laptop.db, year, nowMs)).toEqual(
      await readYearReport(reference.db, year, nowMs),
    );
  }
  expect(await readLocalChecksum(laptop.db)).toEqual(await readLocalChecksum(reference.db));
}
