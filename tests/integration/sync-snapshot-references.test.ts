/**
 * A laptop that started from the server's snapshot holds the state of the facts before it, not
 * the facts. When a later fact refers to one of those (a void of a payment, a visit, a service
 * use, a walk-in, an undone (de)registration), the laptop must still reach the very state of every
 * other replica: the same derived rows as a laptop that holds every fact and as the server's
 * projection, the server's summary and checksum, and the server's year report. Real server (SQLite,
 * and PostgreSQL with BUURTPAS_TEST_PG_URL), real Dexie on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { storeAndApply } from '../../src/app/db/apply-events.ts';
import type { BuurtpasDb } from '../../src/app/db/database.ts';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  recordServiceUse,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { deregisterAtLocation } from '../../src/app/db/location-registrations.ts';
import { readYearReport } from '../../src/app/db/report-read.ts';
import { readSnapshotProgress } from '../../src/app/db/snapshot-load.ts';
import { readCursor, readLocalChecksum, readLocalLedger } from '../../src/app/db/sync-state.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { foldEvents } from '../../src/domain/ledger.ts';
import { tablesOf } from '../../src/domain/projection/memory-projection.ts';
import { summarize, type Summary } from '../../src/domain/summary.ts';
import { anEvent, testId } from '../../src/domain/testing/event-builders.ts';
import { arrivalArb, hardEventSetArb } from '../../src/domain/testing/hard-event-sets.ts';
import {
  startEngineServer,
  TEST_ENGINES,
  type EngineServer,
} from '../../src/server/testing/start-engine-server.ts';
import { stableStringify } from '../sim/run-simulation.ts';
import { createSimLaptop, makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { pushAsDevices } from './support/push-as-devices.ts';
import { makeSimLaptops, registerMember, type SimLaptops } from './support/snapshot-laptops.ts';

const seedEnv = process.env.BUURTPAS_PROPERTY_SEED;
const settings = (numRuns: number) => ({ numRuns, ...(seedEnv ? { seed: Number(seedEnv) } : {}) });

const servers: EngineServer[] = [];
const laptopSets: SimLaptops[] = [];
afterEach(async () => {
  for (const l of laptopSets.splice(0)) await l.close();
  for (const s of servers.splice(0)) await s.close();
});

async function serverEvents(server: EngineServer): Promise<BuurtpasEvent[]> {
  return (await server.storage.readEventsAfter(0, 100_000)).map(
    (r) => JSON.parse(r.json) as BuurtpasEvent,
  );
}

async function getJson<T>(server: EngineServer, token: string, path: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Every derived table of the laptop equals the domain fold of the server's facts. */
async function expectServerState(server: EngineServer, db: BuurtpasDb, name: string) {
  const expected = stableStringify(tablesOf(foldEvents(await serverEvents(server))));
  expect({ laptop: name, tables: stableStringify(await dumpProjection(db)) }).toEqual({
    laptop: name,
    tables: expected,
  });
}

function countingTransport(paths: string[]): Transport {
  return (url, init) => {
    paths.push(new URL(url).pathname);
    return nodeFetch(url, init);
  };
}

describe.each(TEST_ENGINES)('a snapshot laptop and later facts about older ones (%s)', (engine) => {
  it('takes back voided payments, visits, service uses, walk-ins and undone registrations older than its snapshot', async () => {
    const clock = makeSimClock('2026-11-20T09:00:00.000Z');
    const server = await startEngineServer(engine, { nowMs: clock.now });
    servers.push(server);
    // Coordinators' devices: the deregistration is a role fact.
    const laptops = makeSimLaptops({
      clock,
      server: () => server,
      seedFrom: 1,
      pullLimit: 3,
      role: 'coordinator',
    });
    laptopSets.push(laptops);

    // The desk that records everything (and so holds every fact: the replayed replica).
    const deskPaths: string[] = [];
    const desk = await laptops.make('ddesk001', { transport: countingTransport(deskPaths) });
    const people: string[] = [];
    for (let i = 0; i < 4; i++)
      people.push(await registerMember(desk, `Lid ${i}`, `300000${i}`, clock.now()));
    const payment = await recordPayment(desk.db, desk.writer, people[0]!, 250, clock.now());
    await recordPayment(desk.db, desk.writer, people[1]!, 250, clock.now());
    clock.advance(86_400_000);
    const visit = await checkInByPass(desk.db, desk.writer, '3000001', clock.now());
    if (visit.kind !== 'checked-in') throw new Error(`scan: ${visit.kind}`);
    const use = await recordServiceUse(
      desk.db,
      desk.writer,
      people[1]!,
      'cjm:kookclub',
      clock.now(),
    );
    const walkIn = await countWalkIn(desk.db, desk.writer, 'cjm:kookclub', clock.now());
    const left = await deregisterAtLocation(
      desk.db,
      desk.writer,
      people[3]!,
      'cjm',
      'verhuisd',
      clock.now(),
    );
    const registered = (await desk.db.events.toArray()).find(
      (e) => e.type === 'client-registered' && e.memberId === people[2],
    )!.eventId;
    expect((await desk.sync()).kind).toBe('synced');
    const snapshotSeq = await server.storage.lastSeq();

    // The new laptop starts from the snapshot: it holds none of those facts.
    clock.advance(3_600_000);
    const paths: string[] = [];
    const fresh = await laptops.make('dfresh01', { transport: countingTransport(paths) });
    const first = await fresh.sync();
    expect(first.kind === 'synced' && first.comparison?.kind).toBe('agrees');
    expect(await readSnapshotProgress(fresh.db)).toMatchObject({ done: true, seq: snapshotSeq });
    const targets = [payment, visit.visitEventId, use, walkIn, left, registered];
    expect(await fresh.db.events.bulkGet(targets)).toEqual(targets.map(() => undefined));

    // Later the desk takes all six back.
    clock.advance(3_600_000);
    for (const target of targets)
      expect(await voidEvent(desk.db, desk.writer, target, 'fout', clock.now())).toEqual({
        ok: true,
      });
    expect((await desk.sync()).kind).toBe('synced');

    // The fetch fails (offline, then an answer with a fact not asked for): the page is not
    // applied, the cursor stays, nothing of it is kept; the next round takes it whole.
    const cursorBefore = await readCursor(fresh.db);
    const voidsBefore = await fresh.db.voids.count();
    const eventsBefore = await fresh.db.events.count();
    for (const fault of ['offline', 'foreign'] as const) {
      fresh.setTransport(async (url, init) => {
        if (new URL(url).pathname !== '/api/v1/facts') return nodeFetch(url, init);
        if (fault === 'offline') throw new Error('connection reset');
        const other = (await desk.db.events.toArray()).find((e) => e.type === 'member-profile-set');
        const body = JSON.stringify({ events: [{ seq: 2, event: other!.event }] });
        return { status: 200, text: async () => body };
      });
      expect(await fresh.sync()).toMatchObject({
        kind: 'failed',
        failure: fault === 'offline' ? 'offline' : 'answer-unreadable',
      });
      expect(await readCursor(fresh.db)).toBe(cursorBefore);
      expect(await fresh.db.voids.count()).toBe(voidsBefore);
      expect(await fresh.db.events.count()).toBe(eventsBefore);
    }
    fresh.setTransport(countingTransport(paths));

    const second = await fresh.sync();
    expect(second.kind).toBe('synced');
    expect(second.kind === 'synced' && second.comparison?.kind).toBe('agrees');
    expect(await readCursor(fresh.db)).toBe(await server.storage.lastSeq());
    // The snapshot laptop itself voids a payment older than it (the treasurer's list shows it
    // from the payments rows): the void takes back from the row, everywhere alike.
    const secondPayment = (await fresh.db.payments.toArray()).find(
      (p) => p.memberId === people[1],
    )!.eventId;
    expect(await fresh.db.events.get(secondPayment)).toBeUndefined();
    expect(await voidEvent(fresh.db, fresh.writer, secondPayment, 'dubbel', clock.now())).toEqual({
      ok: true,
    });
    expect(await fresh.sync()).toMatchObject({ kind: 'synced', comparison: { kind: 'agrees' } });
    expect(await desk.sync()).toMatchObject({ kind: 'synced', comparison: { kind: 'agrees' } });
    await expectServerState(server, fresh.db, 'snapshot laptop');
    await expectServerState(server, desk.db, 'desk');
    expect(await dumpProjection(fresh.db)).toEqual(await dumpProjection(desk.db));
    // A laptop that holds every fact it pulled never asks for facts by id.
    expect(deskPaths.filter((p) => p === '/api/v1/facts')).toEqual([]);
    // The referenced facts came by id and are kept unapplied: the checksum still agrees.
    expect(paths.filter((p) => p === '/api/v1/facts').length).toBeGreaterThan(0);
    expect((await fresh.db.events.bulkGet(targets)).every((e) => e && e.seq! <= snapshotSeq)).toBe(
      true,
    );

    const reader = await server.enroll('dcoord01', { locationId: 'cjm', role: 'coordinator' });
    const summary = await getJson<{ summary: Summary; checksum: unknown }>(
      server,
      reader,
      '/api/v1/summary?year=2026',
    );
    expect(summarize(await readLocalLedger(fresh.db), 2026)).toEqual(summary.summary);
    expect(await readLocalChecksum(fresh.db)).toEqual(summary.checksum);
    const report = await getJson<{ report: unknown }>(
      server,
      reader,
      '/api/v1/reports/year?year=2026',
    );
    expect(JSON.parse(JSON.stringify(await readYearReport(fresh.db, 2026, clock.now())))).toEqual(
      report.report,
    );
    // The control: the voids changed the counts (the visit, the payment, the walk-in).
    const day = (await fresh.db.dayCounters.toArray()).find(
      (d) => d.visits === 0 && d.walkIns === 0,
    );
    expect(day).toBeDefined();
    expect((await fresh.db.contributions.toArray()).filter((c) => c.paidCents > 0)).toEqual([]);
  }, 120_000);

  it('any fact set, cut anywhere by a snapshot: the snapshot laptop ends with the rows and summary of the server', async () => {
    const SERVER_NOW = '2026-01-03T12:00:00.000Z';
    let cutsWithVoids = 0;
    await fc.assert(
      fc.asyncProperty(
        withVoidsArb.chain((events) =>
          arrivalArb(events).chain((batches) =>
            fc.tuple(fc.constant(events), fc.constant(batches), cutArb(batches)),
          ),
        ),
        async ([events, batches, cut]) => {
          const now = Date.parse(SERVER_NOW);
          const server = await startEngineServer(engine, { nowMs: () => now });
          const local: SimLaptop[] = [];
          try {
            const tokens = new Map<string, string>();
            await pushAsDevices(server, tokens, batches.slice(0, cut));
            const before = new Set((await serverEvents(server)).map((e) => e.eventId));
            const fresh = await createSimLaptop({
              name: `dsnap${cut}`,
              deviceId: `dsnap${cut}`,
              locationId: 'cjm',
              clock: makeSimClock(SERVER_NOW),
              seed: cut + 1,
              transport: nodeFetch,
              pullLimit: 3,
            });
            local.push(fresh);
            await fresh.connect(
              server.baseUrl,
              await server.enroll('dsnapper', { role: 'coordinator' }),
            );
            expect(await fresh.sync()).toMatchObject({ kind: 'synced' });
            await pushAsDevices(server, tokens, batches.slice(cut));
            const after = await serverEvents(server);
            if (
              after.some(
                (e) =>
                  e.type === 'event-voided' &&
                  !before.has(e.eventId) &&
                  before.has(e.data.targetEventId),
              )
            )
              cutsWithVoids++;
            const outcome = await fresh.sync();
            expect(outcome).toMatchObject({ kind: 'synced' });
            expect(outcome.kind === 'synced' && outcome.comparison?.kind).toBe('agrees');
            await expectServerState(server, fresh.db, fresh.name);
            // A laptop that holds every fact (written, not pulled) agrees with both.
            const full = await createSimLaptop({
              name: `dfull${cut}`,
              deviceId: `dfull${cut}`,
              locationId: 'cjm',
              clock: makeSimClock(SERVER_NOW),
              seed: cut + 2,
              transport: nodeFetch,
            });
            local.push(full);
            await storeAndApply(
              full.db,
              events.map((event) => ({ event })),
            );
            await expectServerState(server, full.db, full.name);
            const token = await server.enroll('dreader', { role: 'coordinator' });
            for (const year of [2025, 2026]) {
              const { summary } = await getJson<{ summary: Summary }>(
                server,
                token,
                `/api/v1/summary?year=${year}`,
              );
              expect(summarize(await readLocalLedger(fresh.db), year)).toEqual(summary);
            }
          } finally {
            for (const l of local) await l.close();
            await server.close();
          }
        },
      ),
      settings(engine === 'sqlite' ? 25 : 10),
    );
    // The control: some runs voided a fact from before the snapshot after it.
    expect(cutsWithVoids).toBeGreaterThan(0);
  }, 600_000);
});

/**
 * The hard sets, plus voids of some of their facts (the hard sets' own voids rarely hit a fact of
 * the set), each by the target's device so a desk could have written it.
 */
/**
 * Where the snapshot cuts the arrivals: where a later batch voids a fact of an earlier one, when
 * the set has such a place (the case under test), else anywhere.
 */
function cutArb(batches: readonly BuurtpasEvent[][]): fc.Arbitrary<number> {
  const cuts: number[] = [];
  for (let cut = 1; cut < batches.length; cut++) {
    const early = new Set(batches.slice(0, cut).flatMap((b) => b.map((e) => e.eventId)));
    const later = batches.slice(cut).flat();
    if (later.some((e) => e.type === 'event-voided' && early.has(e.data.targetEventId)))
      cuts.push(cut);
  }
  return cuts.length > 0 ? fc.constantFrom(...cuts) : fc.nat({ max: batches.length });
}

const withVoidsArb = hardEventSetArb(16).chain((events) => {
  const voidable = events.filter((e) => e.type !== 'event-voided');
  return fc.subarray(voidable, { maxLength: Math.min(6, voidable.length) }).map((targets) => [
    ...events,
    ...targets.map((t, i) =>
      anEvent(
        'event-voided',
        { targetEventId: t.eventId, reason: 'fout' },
        {
          eventId: testId(0x5000 + i),
          at: `2026-01-02T1${i}:30:00.000Z`,
          deviceId: t.deviceId,
          locationId: t.locationId,
          role: 'coordinator',
        },
      ),
    ),
  ]);
});
