/**
 * The access export (inzage) on a laptop that started from the server's snapshot: it holds no
 * facts older than the snapshot, so it asks the server for the person's facts, keeps the old ones
 * without applying them, and its checksum still agrees with the server. Offline it says what is
 * missing. Real server (SQLite, its own projection as the snapshot), real Dexie on fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInByPass, recordPayment, voidEvent } from '../../src/app/db/desk-actions.ts';
import { eraseMember, mergeMembers } from '../../src/app/db/member-admin-actions.ts';
import { readAccessExport } from '../../src/app/db/member-admin-queries.ts';
import { readSnapshotProgress } from '../../src/app/db/snapshot-load.ts';
import { readCursor, readLocalChecksum } from '../../src/app/db/sync-state.ts';
import { makeAccessExport } from '../../src/app/sync/member-facts-client.ts';
import type { Transport } from '../../src/app/sync/sync-engine.ts';
import { localDateOf } from '../../src/domain/amsterdam-time.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/start-test-server.ts';
import { makeSimClock, nodeFetch, type SimLaptop } from '../sim/sim-laptop.ts';
import { makeSimLaptops, registerMember } from './support/snapshot-laptops.ts';

let server: TestServer | undefined;
const clock = makeSimClock('2026-11-27T09:00:00.000Z');
const DAY = 86_400_000;
// Coordinator devices: their tokens are the role proof for merges and erasures.
const laptops = makeSimLaptops({
  clock,
  server: () => server!,
  seedFrom: 1,
  pullLimit: 50,
  role: 'coordinator',
});

afterEach(async () => {
  await laptops.close();
  await server?.close();
  server = undefined;
});

const laptop = (deviceId: string, transport: Transport = nodeFetch) =>
  laptops.make(deviceId, { transport });
const register = (l: SimLaptop, name: string, pass: string) =>
  registerMember(l, name, pass, clock.now());

const offline: Transport = () => Promise.reject(new TypeError('fetch failed'));

describe('the access export on a laptop that started from a snapshot', () => {
  it("adds the person's facts older than the snapshot, keeps the checksum, and says offline what is missing", async () => {
    server = await startTestServer({ nowMs: clock.now, snapshotOptions: { pageRows: 5 } });
    const start = clock.now();
    // A year and a half ago: Ama registers, pays and visits; a second record of hers too.
    clock.advance(-540 * DAY);
    const oldDay = localDateOf(clock.now());
    const reference = await laptop('dref0101');
    const ama = await register(reference, 'Ama Mensah', '3000001');
    const second = await register(reference, 'Ama M.', '3000002');
    const kofi = await register(reference, 'Kofi Boateng', '3000003');
    const efua = await register(reference, 'Efua Owusu', '3000004');
    await recordPayment(reference.db, reference.writer, ama, 250, clock.now());
    clock.advance(DAY);
    const visitDay = localDateOf(clock.now());
    await checkInByPass(reference.db, reference.writer, '3000001', clock.now());
    await checkInByPass(reference.db, reference.writer, '3000002', clock.now());
    await checkInByPass(reference.db, reference.writer, '3000003', clock.now());
    // Her second record's visit was a mistake: voided.
    const wrong = (await reference.db.events.where('memberId').equals(second).toArray()).find(
      (e) => e.type === 'visit-recorded',
    )!;
    expect(
      (await voidEvent(reference.db, reference.writer, wrong.eventId, 'fout', clock.now())).ok,
    ).toBe(true);
    clock.advance(30 * DAY);
    expect((await mergeMembers(reference.db, reference.writer, second, ama, clock.now())).ok).toBe(
      true,
    );
    clock.advance(start - clock.now());
    expect((await reference.sync()).kind).toBe('synced');
    const snapshotSeq = await server.storage.lastSeq();

    const fresh = await laptop('dnew0101');
    const first = await fresh.sync();
    expect(first.kind === 'synced' && first.comparison?.kind).toBe('agrees');
    expect((await readSnapshotProgress(fresh.db))?.done).toBe(true);
    expect(await readCursor(fresh.db)).toBe(snapshotSeq);
    // The snapshot brought the state, not the facts: the local export knows no visit of hers.
    const before = await readAccessExport(fresh.db, ama, clock.now());
    expect(before?.visits).toEqual([]);
    expect(before?.person.fields.name).toBe('Ama Mensah');

    // A visit after the snapshot, not pulled yet by the fresh laptop.
    await checkInByPass(reference.db, reference.writer, '3000001', clock.now());
    expect((await reference.sync()).kind).toBe('synced');

    const checksumBefore = await readLocalChecksum(fresh.db);
    const made = await makeAccessExport({
      db: fresh.db,
      transport: nodeFetch,
      memberId: ama,
      nowMs: clock.now(),
    });
    if (made.kind !== 'made') throw new Error('no export');
    expect(made.source).toBe('server');
    // Both records' facts, from before the snapshot, the voided one marked.
    expect(new Set(made.data.person.memberIds)).toEqual(new Set([ama, second]));
    // Registering checks in too: a visit on the day of each registration (the second's voided).
    expect(made.data.visits.map((v) => `${v.date} ${v.voided}`).sort()).toEqual([
      `${oldDay} false`,
      `${oldDay} true`,
      `${visitDay} false`,
      `${visitDay} false`,
      `${localDateOf(clock.now())} false`,
    ]);
    expect(made.data.registrations.map((r) => r.date)).toEqual([oldDay, oldDay]);
    expect(made.data.payments).toEqual([
      expect.objectContaining({ date: oldDay, amountCents: 250, voided: false }),
    ]);
    expect(made.data.profileHistory.map((p) => p.fields.name).sort()).toEqual([
      'Ama M.',
      'Ama Mensah',
    ]);
    // Nobody else's facts.
    expect(JSON.stringify(made.data)).not.toContain('Kofi');

    // Kept: the facts up to the snapshot (not the later visit: the pull applies that one).
    expect(made.stored).toBeGreaterThan(0);
    const stored = await fresh.db.events.toArray();
    expect(stored.every((e) => e.seq !== undefined && e.seq <= snapshotSeq)).toBe(true);
    expect(stored.length).toBe(made.stored);
    expect(await readLocalChecksum(fresh.db)).toEqual(checksumBefore);

    // The next sync pulls and applies the later visit, and still agrees with the server.
    const again = await fresh.sync();
    expect(again.kind === 'synced' && again.pulled).toBe(1);
    expect(again.kind === 'synced' && again.comparison?.kind).toBe('agrees');
    const today = localDateOf(clock.now());
    expect(await fresh.db.visitDays.where('memberId').equals(ama).toArray()).toEqual(
      expect.arrayContaining([expect.objectContaining({ day: today })]),
    );
    // Asked again: the same facts, nothing stored twice, still in agreement.
    const twice = await makeAccessExport({
      db: fresh.db,
      transport: nodeFetch,
      memberId: ama,
      nowMs: clock.now(),
    });
    expect(twice.kind === 'made' && twice.stored).toBe(0);
    expect(twice.kind === 'made' && twice.data.visits).toEqual(made.data.visits);
    expect((await fresh.sync()).kind === 'synced').toBe(true);
    expect(await readLocalChecksum(fresh.db)).toEqual(await readLocalChecksum(reference.db));

    // Offline, for someone not asked before: made from what is here, saying what is not.
    const away = await makeAccessExport({
      db: fresh.db,
      transport: offline,
      memberId: kofi,
      nowMs: clock.now(),
    });
    if (away.kind !== 'made') throw new Error('no export');
    expect(away.source).toBe('here');
    expect(away.failure).toBe('offline');
    expect(away.missingBefore).toBe(new Date(start).toISOString());
    expect(away.data.visits).toEqual([]);
    expect(away.data.person.fields.name).toBe('Kofi Boateng');

    // Erased here while the erasure still waits in the outbox: the server's copy has her name,
    // the export and the stored facts do not.
    expect((await eraseMember(fresh.db, fresh.writer, efua, clock.now())).ok).toBe(true);
    const erased = await makeAccessExport({
      db: fresh.db,
      transport: nodeFetch,
      memberId: efua,
      nowMs: clock.now(),
    });
    if (erased.kind !== 'made') throw new Error('no export');
    expect(erased.source).toBe('server');
    expect(erased.data.person.erased).toBe(true);
    expect(erased.data.registrations.length).toBe(1);
    expect(JSON.stringify(erased.data)).not.toContain('Efua');
    expect(JSON.stringify(await fresh.db.events.toArray())).not.toContain('Efua');
    const done = await fresh.sync();
    expect(done.kind === 'synced' && done.comparison?.kind).toBe('agrees');
  });
});
