/**
 * The fault-injection simulation's restore scenario (kept apart from run-simulation.ts): seeded
 * desk work on several laptops over a faulty network; at a random step the server is backed up
 * (online), later it is stopped and restored from that OLDER backup, and work goes on. After the
 * faults heal, the invariants: every fact a laptop wrote and still holds is on the server exactly
 * once, every laptop holds exactly the server's set, and laptops agree with `/summary`.
 *
 * One more laptop joins with no facts of its own, so it starts from the server's snapshot: before
 * the backup (odd seeds) or between backup and restore (even seeds: the restored server does not
 * know it, and it enrolls again). It holds every fact after its snapshot, none the server lacks,
 * and the same derived tables as the laptops that replay every fact: the restore must not count
 * the facts before its snapshot twice (docs/sync-protocol.md, "A snapshot laptop after the
 * server's restore").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  registerClient,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { readSnapshotProgress } from '../../src/app/db/snapshot-load.ts';
import { readSnapshotRestart } from '../../src/app/db/snapshot-restart.ts';
import { readComparison } from '../../src/app/db/sync-state.ts';
import { backupDatabase } from '../../src/server/admin/backup-database.ts';
import { restoreDatabase } from '../../src/server/admin/restore-database.ts';
import { createFaultNetwork } from './fault-transport.ts';
import {
  createEnrolledSimLaptop,
  createSimLaptops,
  makeSimClock,
  readSnapshotPageIndex,
  seededGenerator,
  syncUntilSnapshotLoaded,
  type SimLaptop,
  type SimLaptopSetup,
} from './sim-laptop.ts';
import { stableStringify } from './run-simulation.ts';
import { enrollInto, serveSqliteFile } from './sim-server.ts';

export type RestoreSimReport = {
  seed: number;
  backupAtStep: number;
  restoreAtStep: number;
  eventsAtBackup: number;
  eventsBeforeRestore: number;
  eventsAfterRestore: number;
  eventsAtEnd: number;
  /**
   * The joiner: its snapshot's seq (0: it did not start from one), whether it joined after the
   * backup, and whether it started again from the restored server's snapshot.
   */
  joiner: {
    snapshotSeq: number;
    afterBackup: boolean;
    restarted: boolean;
    /** Rounds of desk work while its restarted snapshot loaded (voids of its older facts too). */
    writesDuringRestart: number;
  };
  violations: string[];
};

export async function runRestoreSimulation(options: {
  seed: number;
  laptops?: number;
  steps?: number;
  faultRate?: number;
}): Promise<RestoreSimReport> {
  const rng = seededGenerator(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
  const n = options.laptops ?? 3;
  const steps = options.steps ?? 80;
  const backupAtStep = Math.floor(steps * (0.2 + rng.next() * 0.2));
  const restoreAtStep = Math.floor(steps * (0.55 + rng.next() * 0.2));
  const joinAfterBackup = options.seed % 2 === 0;
  const joinAtStep = joinAfterBackup
    ? Math.floor((backupAtStep + restoreAtStep) / 2)
    : Math.max(1, backupAtStep - 3);
  let joiner: SimLaptop | undefined;
  let joinedSeq = 0;
  let joinedSnapshot: string | undefined;
  const clock = makeSimClock('2026-05-04T08:00:00.000Z');
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sim-restore-'));
  const file = join(dir, 'buurtpas.sqlite');
  let server = await serveSqliteFile(file, 0, clock.now);
  const port = server.port;
  const network = createFaultNetwork({ random: rng.next, faultRate: options.faultRate ?? 0.3 });
  const laptops: { laptop: SimLaptop; passes: string[] }[] = [];
  const violations: string[] = [];
  let backupFile = '';
  let eventsAtBackup = 0;
  let eventsBeforeRestore = 0;
  let eventsAfterRestore = 0;
  let passCounter = 500000 + options.seed * 1000;
  // The joiner's desk work while its snapshot loads again after the restore: its own generator.
  const during = seededGenerator(options.seed * 100 + 78);
  const restartWork = { writes: 0 };
  try {
    // The joiner is made as the others are (the server of the moment enrolls it).
    const setup: SimLaptopSetup = {
      clock,
      transport: network.transport,
      random: rng.next,
      pullLimit: { min: 4, spread: 20 },
      pushBatchSize: { min: 2, spread: 15 },
      baseUrl: `http://127.0.0.1:${port}`,
      enroll: (deviceId, locationId) =>
        enrollInto(server.storage, deviceId, locationId, 'desk', clock.now()),
    };
    const made = await createSimLaptops({
      ...setup,
      count: n,
      idPrefix: 'drst',
      seed: options.seed,
    });
    for (const laptop of made) laptops.push({ laptop, passes: [] });
    for (let step = 0; step < steps; step++) {
      clock.advance(Math.floor(rng.next() * 120_000));
      if (step === backupAtStep) {
        backupFile = (
          await backupDatabase(
            { databaseUrl: undefined, sqliteFile: file },
            {
              dir: join(dir, 'backups'),
              nowMs: clock.now(),
            },
          )
        ).file;
        eventsAtBackup = await server.storage.lastSeq();
      }
      if (step === restoreAtStep) {
        // Requests held by the network may still reach the restored server later: as in life.
        eventsBeforeRestore = await server.storage.lastSeq();
        await server.stop();
        await restoreDatabase(
          { databaseUrl: undefined, sqliteFile: file },
          backupFile,
          clock.now(),
        );
        server = await serveSqliteFile(file, port, clock.now);
        eventsAfterRestore = await server.storage.lastSeq();
        // Enrolled after the backup: unknown to the restored server, enrolled again.
        if (joiner && joinAfterBackup)
          await joiner.connect(
            `http://127.0.0.1:${port}`,
            await enrollInto(
              server.storage,
              joiner.name,
              joiner.writer.locationId,
              'desk',
              clock.now(),
            ),
          );
      }
      if (step === joinAtStep) {
        const deviceId = `drst${options.seed}join`;
        joiner = await createEnrolledSimLaptop({
          ...setup,
          deviceId,
          locationId: 'cjm',
          seed: options.seed * 100 + 77,
        });
        const desk = joiner;
        joiner.setTransport(async (url, init) => {
          if (readSnapshotPageIndex(url) !== undefined)
            await writeDuringRestart(desk, during, clock.now(), restartWork);
          return network.transport(url, init);
        });
        // Only once its snapshot is in does it take part.
        const joined = await syncUntilSnapshotLoaded(joiner);
        joinedSeq = joined?.done ? joined.seq : 0;
        joinedSnapshot = joined?.snapshotId;
        laptops.push({ laptop: joiner, passes: [] });
      }
      const s = pick(laptops);
      const { laptop } = s;
      const w = laptop.writer;
      const now = clock.now();
      const roll = rng.next();
      const members = await laptop.db.members.toCollection().primaryKeys();
      if (roll < 0.2 || members.length === 0) {
        const code = String(passCounter++);
        const r = await registerClient(
          laptop.db,
          w,
          {
            name: `Herstel${options.seed}q${step}`,
            phone: '',
            postcode: '',
            birthYear: null,
            becomesMember: true,
            referral: null,
          },
          code,
          now,
        );
        if (r.ok) s.passes.push(code);
      } else if (roll < 0.35 && s.passes.length > 0) {
        await checkInByPass(laptop.db, w, pick(s.passes), now);
      } else if (roll < 0.5) {
        await recordPayment(laptop.db, w, pick(members), pick([100, 250]), now);
      } else if (roll < 0.58) {
        await countWalkIn(laptop.db, w, `${w.locationId}:kookclub`, now);
      } else if (roll < 0.93) {
        await laptop.sync();
      } else {
        await network.deliverHeld();
      }
    }

    await network.deliverHeld();
    network.setFaulty(false);
    for (let round = 0; round < 6; round++) {
      let moved = 0;
      for (const { laptop } of laptops) {
        const out = await laptop.sync();
        if (out.kind === 'synced') moved += out.pushed + out.pulled;
        else if (round > 0) violations.push(`${laptop.name}: healing sync ${out.kind}`);
      }
      if (moved === 0 && round > 0) break;
    }

    const onServerItems = await server.storage.readEventsAfter(0, 1_000_000);
    const onServer = onServerItems.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId);
    const serverSet = new Set(onServer);
    const reference = stableStringify(await dumpProjection(laptops[0]!.laptop.db));
    if (serverSet.size !== onServer.length) violations.push('an event is stored twice');
    for (const { laptop } of laptops) {
      const held = await laptop.db.events.toArray();
      const own = held.filter((e) => e.deviceId === laptop.writer.deviceId);
      const missing = own.filter((e) => !serverSet.has(e.eventId));
      if (missing.length > 0)
        violations.push(`${laptop.name}: ${missing.length} own facts not on the restored server`);
      const progress = await readSnapshotProgress(laptop.db);
      if (progress?.done) {
        // A snapshot laptop: every fact after its snapshot, none the server lacks.
        const ids = new Set(held.map((e) => e.eventId));
        const lacking = onServerItems.filter(
          (r, i) => r.seq > progress.seq && !ids.has(onServer[i]!),
        ).length;
        const foreign = held.filter((e) => !serverSet.has(e.eventId)).length;
        if (lacking > 0 || foreign > 0)
          violations.push(
            `${laptop.name} (snapshot at ${progress.seq}): lacks ${lacking} later facts, holds ${foreign} the server lacks`,
          );
      } else if (held.length !== serverSet.size || held.some((e) => !serverSet.has(e.eventId)))
        violations.push(`${laptop.name}: holds ${held.length} events, server ${serverSet.size}`);
      const tables = stableStringify(await dumpProjection(laptop.db));
      if (tables !== reference) {
        const at = [...tables].findIndex((c, i) => c !== reference[i]);
        violations.push(
          `${laptop.name}: derived tables differ from ${laptops[0]!.laptop.name}'s at …${tables.slice(Math.max(0, at - 300), at + 100)}… vs …${reference.slice(Math.max(0, at - 300), at + 100)}…`,
        );
      }
      if ((await laptop.db.outbox.count()) > 0) violations.push(`${laptop.name}: outbox not empty`);
      if ((await readComparison(laptop.db))?.kind !== 'agrees')
        violations.push(`${laptop.name}: does not agree with /summary`);
    }
    return {
      seed: options.seed,
      backupAtStep,
      restoreAtStep,
      eventsAtBackup,
      eventsBeforeRestore,
      eventsAfterRestore,
      eventsAtEnd: onServer.length,
      joiner: {
        snapshotSeq: joinedSeq,
        afterBackup: joinAfterBackup,
        restarted:
          joiner !== undefined &&
          (await readSnapshotProgress(joiner.db))?.snapshotId !== joinedSnapshot,
        writesDuringRestart: restartWork.writes,
      },
      violations,
    };
  } finally {
    for (const { laptop } of laptops) await laptop.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * While the joiner's snapshot loads again after the restore (its own facts kept, their effect
 * emptied with the tables: db/snapshot-restart.ts), the desk works: a walk-in, a payment, and a
 * void of one of its facts from before this load began (applied only at the load's end) or of
 * one just written. Each must count once, as on the laptops that replay every fact.
 */
async function writeDuringRestart(
  laptop: SimLaptop,
  rng: ReturnType<typeof seededGenerator>,
  now: number,
  work: { writes: number },
): Promise<void> {
  const { db, writer: w } = laptop;
  if (work.writes >= 3) return;
  const restart = await readSnapshotRestart(db);
  const progress = await readSnapshotProgress(db);
  if (restart?.upToHlc === undefined || !progress || progress.done || rng.next() >= 0.5) return;
  work.writes++;
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)]!;
  const walkIn = await countWalkIn(db, w, `${w.locationId}:kookclub`, now);
  const members = await db.members.toCollection().primaryKeys();
  if (members.length > 0) await recordPayment(db, w, pickOf(members), pickOf([100, 250]), now);
  const upTo = restart.upToHlc;
  const before = (await db.events.filter((e) => e.deviceId === w.deviceId).toArray()).filter(
    (e) =>
      upTo !== null &&
      e.event.hlc <= upTo &&
      ['payment-recorded', 'walk-in-counted', 'visit-recorded'].includes(e.type),
  );
  const target = before.length > 0 && rng.next() < 0.7 ? pickOf(before).eventId : walkIn;
  await voidEvent(db, w, target, 'fout', now);
}
