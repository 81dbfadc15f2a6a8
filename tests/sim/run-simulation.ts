/**
 * The fault-injection simulation: several laptops (the real engine over fake-indexeddb) doing
 * random desk work through the real desk actions, against the real server over real HTTP behind
 * a faulty network; optionally the server is a child process that gets SIGKILLed and restarted.
 * After the faults heal and every laptop synced until quiet, the invariants are checked and any
 * violation is returned as a sentence (empty list: all held).
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ASSOCIATIONS,
  associationOf,
  DEFAULT_CONTRIBUTION_CENTS,
  LOCATIONS,
} from '../../src/domain/catalog.ts';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { foldEvents } from '../../src/domain/ledger.ts';
import { tablesOf } from '../../src/domain/projection/memory-projection.ts';
import { dumpProjection } from '../../src/app/db/dump-projection.ts';
import { summarize, type Summary } from '../../src/domain/summary.ts';
import {
  checkInByPass,
  countWalkIn,
  recordPayment,
  recordServiceUse,
  registerClient,
  voidEvent,
} from '../../src/app/db/desk-actions.ts';
import { writeEvents } from '../../src/app/db/record-events.ts';
import { readSnapshotProgress } from '../../src/app/db/snapshot-load.ts';
import { readLocalLedger } from '../../src/app/db/sync-state.ts';
import { createAdminToken } from '../../src/server/auth/enroll-device.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import { createFaultNetwork, type FaultStats } from './fault-transport.ts';
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
import { enrollInto, serveSqliteFile } from './sim-server.ts';
import { SimOracle } from './sim-oracle.ts';
import { bundledServerEntry } from './bundle-server.ts';

export type SimOptions = {
  seed: number;
  laptops?: number;
  steps?: number;
  kill?: boolean;
  faultRate?: number;
  log?: (line: string) => void;
};
export type SimReport = {
  seed: number;
  laptops: number;
  steps: number;
  events: number;
  faults: FaultStats;
  kills: number;
  /** The laptop that joined halfway: whether it started from the snapshot, its voids of older facts. */
  joiner: {
    fromSnapshot: boolean;
    snapshotSeq: number;
    voidsOlder: number;
    /** Rounds of desk work while its snapshot loaded, and voids of older facts among them. */
    writesDuringLoad: number;
    voidsOlderDuringLoad: number;
  } | null;
  violations: string[];
};

const ROOT = resolve(import.meta.dirname, '../..');
const YEAR = 2026;

type SimServer = {
  baseUrl: string;
  file: string;
  dir: string;
  /**
   * As a coordinator: the laptops also erase, merge and void each other's facts, coordinator
   * work, which the server takes from coordinator devices (docs/security.md). Desk scope has its
   * own tests.
   */
  enroll: (deviceId: string, locationId: string) => Promise<string>;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  kills: number;
};

/** The real server in this process (Fastify over SQLite, real HTTP on a free port). */
async function startInProcessServer(nowMs: () => number): Promise<SimServer> {
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sim-'));
  const file = join(dir, 'buurtpas.sqlite');
  const { storage, port, stop } = await serveSqliteFile(file, 0, nowMs);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    file,
    dir,
    kills: 0,
    enroll: (deviceId, locationId) =>
      enrollInto(storage, deviceId, locationId, 'coordinator', nowMs()),
    kill: async () => undefined,
    stop,
  };
}

/**
 * `src/server/main.ts` as a child process (bundled once, `bundle-server.ts`), so SIGKILL is a
 * real crash; restarted on the same port and file.
 */
async function startChildServer(): Promise<SimServer> {
  const entry = await bundledServerEntry();
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-sim-'));
  const file = join(dir, 'buurtpas.sqlite');
  // Devices are enrolled straight into the file before the process opens it.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    STATIC_DIR: join(dir, 'none'),
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  let child: ChildProcess | null = null;
  const baseUrl = `http://127.0.0.1:${port}`;
  const start = async () => {
    // Its own process group, so a kill reaches whatever the entry starts.
    const c = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: 'ignore', detached: true });
    child = c;
    // Up when it answers; a start that fails (port taken, bad file) ends the run, not a hang.
    for (let i = 0; i < 3000; i++) {
      if (c.exitCode !== null) throw new Error(`sim server exited ${c.exitCode} while starting`);
      try {
        if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('sim server did not start');
  };
  const exit = (c: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((res) => {
      if (c.exitCode !== null || c.signalCode !== null) return res();
      c.once('exit', () => res());
      try {
        if (c.pid !== undefined) process.kill(-c.pid, signal);
        else c.kill(signal);
      } catch {
        c.kill(signal);
      }
    });
  const server: SimServer = {
    baseUrl,
    file,
    dir,
    kills: 0,
    enroll: async (deviceId, locationId) => {
      const storage = openSqliteStorage({ file });
      try {
        return await enrollInto(storage, deviceId, locationId, 'coordinator', Date.now());
      } finally {
        await storage.close();
      }
    },
    kill: async () => {
      if (child) await exit(child, 'SIGKILL');
      server.kills++;
      await start();
    },
    stop: async () => {
      if (child) await exit(child, 'SIGTERM');
    },
  };
  // The admin token is unused; creating it proves the file is writable before the process starts.
  const storage = openSqliteStorage({ file });
  await createAdminToken(storage, Date.now());
  await storage.close();
  await start();
  return server;
}

type LaptopState = {
  laptop: SimLaptop;
  known: string[];
  payments: string[];
  voidable: string[];
  /** The joiner: the seq of its snapshot (it holds no facts at or below it but a few kinds). */
  snapshotSeq?: number;
};

export async function runSimulation(options: SimOptions): Promise<SimReport> {
  const rng = seededGenerator(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
  const n = options.laptops ?? 3 + Math.floor(rng.next() * 7);
  const steps = options.steps ?? 120;
  const clock = makeSimClock(`${YEAR}-05-04T08:00:00.000Z`);
  const server = options.kill ? await startChildServer() : await startInProcessServer(clock.now);
  const network = createFaultNetwork({
    random: rng.next,
    faultRate: options.faultRate ?? 0.4,
    ...(options.kill ? { kill: () => server.kill(), killRate: 0.12 } : {}),
  });
  const oracle = new SimOracle();
  const states: LaptopState[] = [];
  const allMembers: string[] = [];
  const passes = new Map<string, string>();
  let passCounter = 100000 + options.seed * 1000;
  const violations: string[] = [];
  try {
    // The joiner is made as the others are.
    const setup: SimLaptopSetup = {
      clock,
      transport: network.transport,
      random: rng.next,
      pullLimit: { min: 5, spread: 40 },
      pushBatchSize: { min: 3, spread: 30 },
      baseUrl: server.baseUrl,
      enroll: (deviceId, locationId) => server.enroll(deviceId, locationId),
    };
    const laptops = await createSimLaptops({
      ...setup,
      count: n,
      idPrefix: 'dsim',
      seed: options.seed,
    });
    for (const laptop of laptops) states.push({ laptop, known: [], payments: [], voidable: [] });
    const joinAt = Math.floor(steps / 2);
    let joiner: SimReport['joiner'] = null;

    for (let step = 0; step < steps; step++) {
      if (step === joinAt) joiner = await joinFromSnapshot(options.seed, setup, states, oracle);
      clock.advance(Math.floor(rng.next() * 120_000));
      const s = pick(states);
      const { laptop } = s;
      const now = clock.now();
      const roll = rng.next();
      const w = laptop.writer;
      const assoc = associationOf(w.locationId) ?? null;
      // A laptop knows the members it registered or pulled; desk work is about those.
      const known = s.known.filter((m) => !oracle.isErased(m));
      try {
        if (roll < 0.18 || known.length === 0) {
          const name = `Simnaam${options.seed}q${step}z`;
          const code = String(passCounter++);
          const becomesMember = rng.next() < 0.7;
          const r = await registerClient(
            laptop.db,
            w,
            { name, phone: '', postcode: '', birthYear: null, becomesMember, referral: null },
            code,
            now,
          );
          if (r.ok) {
            oracle.register(r.memberId, w.locationId, becomesMember ? assoc : null, name);
            s.known.push(r.memberId);
            allMembers.push(r.memberId);
            passes.set(code, r.memberId);
          }
        } else if (roll < 0.35) {
          const member = pick(known);
          const code = Array.from(passes.entries()).find(([, m]) => m === member)?.[0];
          if (code) {
            const out = await checkInByPass(laptop.db, w, code, now);
            if (out.kind === 'checked-in') {
              s.voidable.push(out.visitEventId);
              // A visit at another location registers nobody: counts are registrations only.
            }
          }
        } else if (roll < 0.5) {
          const member = pick(known);
          const cents = pick([100, 150, 250]);
          const id = await recordPayment(laptop.db, w, member, cents, now);
          oracle.payments.set(id, {
            memberId: member,
            associationId: assoc ?? '',
            cents,
            year: YEAR,
          });
          s.payments.push(id);
          s.voidable.push(id);
        } else if (roll < 0.58) {
          const target = s.voidable.length > 0 ? pick(s.voidable) : null;
          if (target) {
            const r = await voidEvent(laptop.db, w, target, 'fout', now);
            if (r.ok) oracle.voided.add(target);
            // The joiner voids a payment it knows as a row only (older than its snapshot).
            if (
              r.ok &&
              joiner &&
              s.snapshotSeq !== undefined &&
              !(await laptop.db.events.get(target))
            )
              joiner.voidsOlder++;
          }
        } else if (roll < 0.68) {
          s.voidable.push(await recordServiceUse(laptop.db, w, pick(known), 'cjm:kookclub', now));
        } else if (roll < 0.72) {
          await countWalkIn(laptop.db, w, 'cjm:kookclub', now);
        } else if (roll < 0.82) {
          const member = pick(known);
          const field = pick(['phone', 'postcode'] as const);
          await writeEvents(
            laptop.db,
            w,
            [
              {
                type: 'member-profile-set',
                data: {
                  memberId: member,
                  fields: {
                    [field]: `${field === 'phone' ? '06' : '1103'}${Math.floor(rng.next() * 9000) + 1000}`,
                  },
                },
              },
            ],
            now,
          );
        } else if (roll < 0.85) {
          const member = pick(known);
          await writeEvents(
            laptop.db,
            w,
            [{ type: 'member-erased', data: { memberId: member } }],
            now,
          );
          oracle.erased.add(member);
        } else if (roll < 0.88) {
          const from = pick(known);
          const into = pick(known);
          // Merges the UI allows: two live records, neither merged away, no cycle.
          if (
            from !== into &&
            !oracle.merges.has(from) &&
            !oracle.merges.has(into) &&
            ![...oracle.merges.values()].includes(from)
          ) {
            await writeEvents(
              laptop.db,
              w,
              [{ type: 'members-merged', data: { fromMemberId: from, intoMemberId: into } }],
              now,
            );
            oracle.merges.set(from, into);
          }
        } else if (roll < 0.97) {
          await laptop.sync();
          s.known = Array.from(
            new Set([...s.known, ...(await laptop.db.members.toCollection().primaryKeys())]),
          );
        } else {
          await network.deliverHeld();
        }
      } catch (error) {
        throw new Error(
          `seed ${options.seed} step ${step} (${laptop.name}, roll ${roll.toFixed(3)}): ${String(error)}`,
          { cause: error },
        );
      }
    }

    // Healing: a clean network, held requests delivered, every laptop syncs until nothing moves.
    await network.deliverHeld();
    network.setFaulty(false);
    for (let round = 0; round < 6; round++) {
      let moved = 0;
      for (const s of states) {
        const out = await s.laptop.sync();
        if (out.kind !== 'synced')
          violations.push(
            `${s.laptop.name}: healing sync ${out.kind} ${'failure' in out ? out.failure : ''} ${'detail' in out ? out.detail : ''}`,
          );
        else moved += out.pushed + out.pulled;
      }
      if (moved === 0 && round > 0) break;
    }

    await checkInvariants(server, states, oracle, violations);
    return {
      seed: options.seed,
      laptops: n,
      steps,
      events: (await fetchAllServerEvents(server, states[0]!.laptop)).length,
      faults: network.stats,
      kills: server.kills,
      joiner,
      violations,
    };
  } finally {
    for (const s of states) await s.laptop.close();
    await server.stop();
    rmSync(server.dir, { recursive: true, force: true });
  }
}

/**
 * Halfway through, a laptop joins with no facts of its own: its first sync (over the faulty
 * network; a lost page is resumed next time) starts it from the server's snapshot. Then it takes
 * part like the others; the payments it knows from the snapshot's rows (older than it, no fact
 * held) are among what it may void.
 */
async function joinFromSnapshot(
  seed: number,
  setup: SimLaptopSetup,
  states: LaptopState[],
  oracle: SimOracle,
): Promise<NonNullable<SimReport['joiner']>> {
  const locationId = LOCATIONS[states.length % LOCATIONS.length]!.id;
  const deviceId = `dsim${seed}join`;
  const laptop = await createEnrolledSimLaptop({
    ...setup,
    deviceId,
    locationId,
    seed: seed * 100 + 99,
  });
  // While its snapshot loads, once the desk part is in, the desk works (writeDuringLoad). Its
  // own generator, so the run's other draws do not depend on how many pages there are.
  const during = seededGenerator(seed * 100 + 98);
  const others = states.flatMap((st) => st.voidable);
  const load = { writes: 0, voidsOlder: 0 };
  laptop.setTransport(async (url, init) => {
    const index = readSnapshotPageIndex(url);
    if (index !== undefined && load.writes < 3) {
      // The client asks for a page while it stores the one before: wait for that store, so what
      // is in when the desk works does not depend on timing (bounded: a failed store never lands).
      let p = await readSnapshotProgress(laptop.db);
      for (let i = 0; i < 400 && p && !p.done && p.nextPage < index; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        p = await readSnapshotProgress(laptop.db);
      }
      if (p?.scanReady && !p.done && during.next() < 0.5) {
        load.writes++;
        load.voidsOlder += await writeDuringLoad(laptop, during, setup.clock.now(), oracle, others);
      }
    }
    return setup.transport(url, init);
  });
  const progress = await syncUntilSnapshotLoaded(laptop);
  laptop.setTransport(setup.transport);
  const known = await laptop.db.members.toCollection().primaryKeys();
  const payments = await laptop.db.payments.toCollection().primaryKeys();
  // At once one void of a payment from before its snapshot (held as a row, not a fact).
  let voidsOlder = 0;
  const older = payments.filter((id) => !oracle.voided.has(id));
  if (progress?.done && older.length > 0) {
    const target = older[Math.floor(setup.random() * older.length)]!;
    const held = await laptop.db.events.get(target);
    const r = await voidEvent(laptop.db, laptop.writer, target, 'fout', setup.clock.now());
    if (r.ok) {
      oracle.voided.add(target);
      if (!held) voidsOlder++;
    }
  }
  states.push({
    laptop,
    known,
    payments: [],
    voidable: payments,
    ...(progress?.done ? { snapshotSeq: progress.seq } : {}),
  });
  return {
    fromSnapshot: progress?.done === true,
    snapshotSeq: progress?.seq ?? 0,
    voidsOlder,
    writesDuringLoad: load.writes,
    voidsOlderDuringLoad: load.voidsOlder,
  };
}

/**
 * One round of desk work on a laptop whose snapshot is still loading: a scan or a walk-in, undone
 * at times; a payment, voided at times; a void of a payment older than the snapshot (a row here,
 * perhaps voided on the server already, perhaps not loaded yet); and through the data layer a
 * void of another laptop's visit or service use, a fact it does not hold. Answers how many voids
 * of older facts it wrote (db/snapshot-own-writes.ts: they wait for the snapshot's end).
 */
async function writeDuringLoad(
  laptop: SimLaptop,
  rng: ReturnType<typeof seededGenerator>,
  now: number,
  oracle: SimOracle,
  others: readonly string[],
): Promise<number> {
  const { db, writer: w } = laptop;
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)]!;
  const passes = (await db.passes.toArray()).filter((p) => p.status === 'active');
  const live = passes.filter((p) => !oracle.isErased(p.memberId));
  if (live.length > 0 && rng.next() < 0.5) {
    const out = await checkInByPass(db, w, pickOf(live).code, now);
    if (out.kind === 'checked-in' && rng.next() < 0.5)
      await voidEvent(db, w, out.visitEventId, 'per ongeluk', now);
  } else {
    const id = await countWalkIn(db, w, 'cjm:kookclub', now);
    if (rng.next() < 0.5) await voidEvent(db, w, id, 'per ongeluk', now);
  }
  const assoc = associationOf(w.locationId);
  if (live.length > 0 && assoc) {
    const memberId = pickOf(live).memberId;
    const cents = pickOf([100, 250]);
    const id = await recordPayment(db, w, memberId, cents, now);
    oracle.payments.set(id, { memberId, associationId: assoc, cents, year: YEAR });
    if (rng.next() < 0.4 && (await voidEvent(db, w, id, 'fout', now)).ok) oracle.voided.add(id);
  }
  let voidsOlder = 0;
  const rows = await db.payments.toArray();
  const older = rows.filter((p) => p.deviceId !== w.deviceId);
  if (older.length > 0 && rng.next() < 0.9) {
    const target = pickOf(older).eventId;
    if ((await voidEvent(db, w, target, 'fout', now)).ok) {
      oracle.voided.add(target);
      voidsOlder++;
    }
  }
  const notHeld = [];
  for (const id of others)
    if (!oracle.payments.has(id) && !(await db.events.get(id))) notHeld.push(id);
  if (notHeld.length > 0 && rng.next() < 0.9) {
    const targetEventId = pickOf(notHeld);
    await writeEvents(
      db,
      w,
      [{ type: 'event-voided', data: { targetEventId, reason: 'fout' } }],
      now,
    );
    oracle.voided.add(targetEventId);
    voidsOlder++;
  }
  return voidsOlder;
}

async function fetchAllServerEvents(
  server: SimServer,
  laptop: SimLaptop,
): Promise<BuurtpasEvent[]> {
  return (await fetchAllServerItems(server, laptop)).map((item) => item.event);
}

async function fetchAllServerItems(
  server: SimServer,
  laptop: SimLaptop,
): Promise<{ seq: number; event: BuurtpasEvent }[]> {
  const token = ((await laptop.db.meta.get('sync.connection'))?.value as { token: string }).token;
  const out: { seq: number; event: BuurtpasEvent }[] = [];
  let after = 0;
  for (;;) {
    const res = await fetch(`${server.baseUrl}/api/v1/pull?after=${after}&limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as {
      events: { seq: number; event: BuurtpasEvent }[];
      next: number;
      hasMore: boolean;
    };
    out.push(...page.events);
    after = page.next;
    if (!page.hasMore) return out;
  }
}

/** JSON with object keys sorted, so two equal values print the same whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

function summaryFromOracle(counts: ReturnType<SimOracle['counts']>) {
  return counts;
}

function oracleShapeOf(summary: Summary) {
  return {
    locations: Object.fromEntries(
      LOCATIONS.map((l) => [l.id, summary.locations[l.id]?.registeredClients ?? 0]),
    ),
    total: summary.total.registeredClients,
    members: Object.fromEntries(
      ASSOCIATIONS.map((a) => [a.id, summary.associations[a.id]?.members ?? 0]),
    ),
    paying: Object.fromEntries(
      ASSOCIATIONS.map((a) => [a.id, summary.associations[a.id]?.payingMembers ?? 0]),
    ),
    totalMembers: summary.total.members,
    totalPaying: summary.total.payingMembers,
  };
}

async function checkInvariants(
  server: SimServer,
  states: LaptopState[],
  oracle: SimOracle,
  violations: string[],
): Promise<void> {
  const serverItems = await fetchAllServerItems(server, states[0]!.laptop);
  const serverEvents = serverItems.map((item) => item.event);
  const serverIds = serverEvents.map((e) => e.eventId);
  if (new Set(serverIds).size !== serverIds.length)
    violations.push(`server holds ${serverIds.length - new Set(serverIds).size} events twice`);
  const serverSet = new Set(serverIds);
  const expected = JSON.stringify(
    summaryFromOracle(
      oracle.counts(
        LOCATIONS.map((l) => l.id),
        ASSOCIATIONS.map((a) => a.id),
        YEAR,
        DEFAULT_CONTRIBUTION_CENTS,
      ),
    ),
  );
  const serverLedger = foldEvents(serverEvents);
  const serverTables = stableStringify(tablesOf(serverLedger));
  const serverSummary = JSON.stringify(oracleShapeOf(summarize(serverLedger, YEAR)));
  if (serverSummary !== expected)
    violations.push(`server counts ${serverSummary} ≠ oracle ${expected}`);
  const token = (
    (await states[0]!.laptop.db.meta.get('sync.connection'))?.value as { token: string }
  ).token;
  const apiSummary = (await (
    await fetch(`${server.baseUrl}/api/v1/summary?year=${YEAR}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { summary: Summary };
  if (JSON.stringify(oracleShapeOf(apiSummary.summary)) !== expected)
    violations.push(
      `/summary ${JSON.stringify(oracleShapeOf(apiSummary.summary))} ≠ oracle ${expected}`,
    );
  // Key order of an object depends on the order its fields were set: compare canonical text.
  const memberView = (
    members: { memberId: string; fields: unknown; erased: boolean; mergedInto: string | null }[],
  ) =>
    stableStringify(
      members
        .map((m) => ({ id: m.memberId, f: m.fields, e: m.erased, into: m.mergedInto }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  const serverMembers = memberView(Array.from(serverLedger.members.values()));
  const erasedNames = Array.from(oracle.names.keys())
    .filter((m) => oracle.isErased(m))
    .map((m) => oracle.names.get(m))
    .filter((x): x is string => !!x);

  for (const { laptop } of states) {
    const name = laptop.name;
    const progress = await readSnapshotProgress(laptop.db);
    const snapshotSeq = progress?.done ? progress.seq : undefined;
    const ids = await laptop.db.events.toCollection().primaryKeys();
    const own = (await laptop.db.events.toArray())
      .filter((e) => e.deviceId === laptop.writer.deviceId)
      .map((e) => e.eventId);
    const missingOwn = own.filter((id) => !serverSet.has(id));
    if (missingOwn.length > 0)
      violations.push(`${name}: ${missingOwn.length} saved events never reached the server`);
    if (snapshotSeq === undefined) {
      const missing = serverIds.filter((id) => !ids.includes(id));
      if (missing.length > 0 || ids.length !== serverIds.length)
        violations.push(
          `${name}: holds ${ids.length} events, server ${serverIds.length}, missing ${missing.length}`,
        );
    } else {
      // A snapshot laptop holds every fact after its snapshot, and none the server lacks.
      const held = new Set(ids);
      const missing = serverItems.filter((i) => i.seq > snapshotSeq && !held.has(i.event.eventId));
      const foreign = ids.filter((id) => !serverSet.has(id));
      if (missing.length > 0 || foreign.length > 0)
        violations.push(
          `${name} (snapshot at ${snapshotSeq}): missing ${missing.length} later facts, holds ${foreign.length} the server lacks`,
        );
    }
    const outbox = await laptop.db.outbox.count();
    if (outbox !== 0) violations.push(`${name}: outbox still holds ${outbox}`);
    const local = JSON.stringify(oracleShapeOf(summarize(await readLocalLedger(laptop.db), YEAR)));
    if (local !== expected) violations.push(`${name}: counts ${local} ≠ oracle ${expected}`);
    const members = memberView(await laptop.db.members.toArray());
    if (members !== serverMembers)
      violations.push(`${name}: member records differ from the server's`);
    // Every derived table, row by row, equals the projection of the server's events.
    const tables = stableStringify(await dumpProjection(laptop.db));
    if (tables !== serverTables) {
      const at = [...tables].findIndex((c, i) => c !== serverTables[i]);
      violations.push(
        `${name}: derived tables differ from the server's projection at …${tables.slice(Math.max(0, at - 200), at + 100)}… vs …${serverTables.slice(Math.max(0, at - 200), at + 100)}…`,
      );
    }
    const dump: string[] = [];
    for (const t of laptop.db.tables) dump.push(JSON.stringify(await t.toArray()));
    const all = dump.join('\n');
    laptop.db.tables.forEach((t, i) => {
      for (const erasedName of erasedNames)
        if (dump[i]!.includes(erasedName)) {
          const at = dump[i]!.indexOf(erasedName);
          violations.push(
            `${name}: erased name ${erasedName} still stored in ${t.name}: …${dump[i]!.slice(Math.max(0, at - 300), at + 200)}…`,
          );
        }
    });
    void all;
  }
  // The database file itself (and its WAL), byte for byte.
  for (const f of readdirSync(server.dir)) {
    const bytes = readFileSync(join(server.dir, f)).toString('latin1');
    for (const erasedName of erasedNames)
      if (bytes.includes(erasedName))
        violations.push(`server file ${f}: erased name ${erasedName} found`);
  }
  // The control: names of members not erased are in the file, so the search above can fail.
  const kept = Array.from(oracle.names.entries()).find(([m]) => !oracle.isErased(m));
  if (kept) {
    const present = readdirSync(server.dir).some((f) =>
      readFileSync(join(server.dir, f)).toString('latin1').includes(kept[1]),
    );
    if (!present)
      violations.push(`control failed: live name ${kept[1]} not found in the server file`);
  }
}
