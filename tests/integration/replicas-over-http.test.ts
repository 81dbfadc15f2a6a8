/**
 * Tried as an outside tester would (issue 8): the same generated fact set (every hard case:
 * erasure, merge chains, pass issue / revoke / conflicts, voids before targets, equal stamps) is
 * pushed over real HTTP, in two different orders and batch splits with re-sends, to two real
 * servers (SQLite; PostgreSQL too with BUURTPAS_TEST_PG_URL) whose clock sits in the middle of the
 * facts' days, so the server clamps the `at` and HLC of every fact dated more than ten minutes
 * after it. Then:
 * - both servers hold the same derived tables and answer the same `/api/v1/summary` (counts and
 *   checksum) for every year;
 * - a laptop that already held the unclamped facts (as the laptops that wrote them do) and then
 *   syncs, and a new laptop that only pulls (small pages), both end with exactly the server's rows
 *   in every derived table and the server's summary.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { storeAndApply } from '../../src/app/db/apply-events.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { readLocalLedger } from '../../src/app/db/sync-state.ts';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { foldEvents } from '../../src/domain/ledger.ts';
import { tablesOf } from '../../src/domain/projection/memory-projection.ts';
import { summarize, type Summary } from '../../src/domain/summary.ts';
import { arrivalArb, hardEventSetArb } from '../../src/domain/testing/hard-event-sets.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../../src/server/testing/start-engine-server.ts';
import { stableStringify } from '../sim/run-simulation.ts';
import { createSimLaptop, makeSimClock, nodeFetch } from '../sim/sim-laptop.ts';
import { pushAsDevices } from './support/push-as-devices.ts';

const seedEnv = process.env.BUURTPAS_PROPERTY_SEED;
const settings = (numRuns: number) => ({
  numRuns,
  ...(seedEnv ? { seed: Number(seedEnv) } : {}),
});

/** Noon on 1 January 2026: the generated facts fall on 30-12-2025 … 2-1-2026. */
const SERVER_NOW = '2026-01-01T12:00:00.000Z';
const YEARS = [2025, 2026];
let laptopCounter = 0;

async function serverEvents(server: EngineServer): Promise<BuurtpasEvent[]> {
  return (await server.storage.readEventsAfter(0, 10_000)).map(
    (r) => JSON.parse(r.json) as BuurtpasEvent,
  );
}

async function apiSummary(
  server: EngineServer,
  token: string,
  year: number,
): Promise<{ summary: Summary; checksum: unknown }> {
  const res = await fetch(`${server.baseUrl}/api/v1/summary?year=${year}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { summary: Summary; checksum: unknown };
  return { summary: body.summary, checksum: body.checksum };
}

/** A laptop on the server's clock; `held`: the unclamped facts it wrote before it synced. */
async function laptopSyncedWith(
  server: EngineServer,
  held: readonly BuurtpasEvent[],
  pullLimit: number,
) {
  const deviceId = `dlap${++laptopCounter}`;
  const laptop = await createSimLaptop({
    name: deviceId,
    deviceId,
    locationId: 'cjm',
    clock: makeSimClock(SERVER_NOW),
    seed: laptopCounter,
    transport: nodeFetch,
    pullLimit,
  });
  if (held.length > 0)
    await storeAndApply(
      laptop.db,
      held.map((event) => ({ event })),
    );
  await laptop.connect(server.baseUrl, await server.enroll(deviceId, { role: 'coordinator' }));
  expect(await laptop.sync()).toMatchObject({ kind: 'synced' });
  return laptop;
}

const scenario = hardEventSetArb(16).chain((events) =>
  fc.tuple(
    fc.constant(events),
    arrivalArb(events),
    arrivalArb(events),
    fc.integer({ min: 2, max: 9 }),
  ),
);

describe.each(TEST_ENGINES)('the same facts over HTTP, any order (%s)', (engine) => {
  let clampedSeen = 0;
  afterAll(() => {
    // The control: the clock sat among the facts' days, so some facts were clamped.
    expect(clampedSeen).toBeGreaterThan(0);
  });

  it('two servers and two laptops (one holding the unclamped facts) end with the same rows and summaries', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([events, orderA, orderB, pullLimit]) => {
        const now = Date.parse(SERVER_NOW);
        const a = await startEngineServer(engine, { nowMs: () => now });
        const b = await startEngineServer(engine, { nowMs: () => now });
        const laptops: Awaited<ReturnType<typeof laptopSyncedWith>>[] = [];
        try {
          const tokensA = new Map<string, string>();
          const tokensB = new Map<string, string>();
          await pushAsDevices(a, tokensA, orderA);
          await pushAsDevices(b, tokensB, orderB);
          const storedA = await serverEvents(a);
          clampedSeen += storedA.filter(
            (s) => events.find((e) => e.eventId === s.eventId)?.at !== s.at,
          ).length;
          const tablesA = stableStringify(tablesOf(foldEvents(storedA)));
          expect(stableStringify(tablesOf(foldEvents(await serverEvents(b))))).toBe(tablesA);

          const writer = await laptopSyncedWith(a, events, pullLimit);
          laptops.push(writer);
          const reader = await laptopSyncedWith(b, [], pullLimit);
          laptops.push(reader);
          for (const l of laptops)
            expect({ laptop: l.name, tables: stableStringify(await dumpProjection(l.db)) }).toEqual(
              { laptop: l.name, tables: tablesA },
            );

          // A reader's token (an empty fact set pushed nothing, so no pushing device has one).
          const tokenA = await a.enroll('dsumread', { role: 'coordinator' });
          const tokenB = await b.enroll('dsumread', { role: 'coordinator' });
          for (const year of YEARS) {
            const fromA = await apiSummary(a, tokenA, year);
            expect(await apiSummary(b, tokenB, year)).toEqual(fromA);
            for (const l of laptops)
              expect(summarize(await readLocalLedger(l.db), year)).toEqual(fromA.summary);
          }
        } finally {
          for (const l of laptops) await l.close();
          await a.close();
          await b.close();
        }
      }),
      settings(engine === 'sqlite' ? 12 : 6),
    );
  }, 300_000);
});
