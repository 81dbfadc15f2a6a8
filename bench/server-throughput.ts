/**
 * Server push and pull throughput in events per second, over real HTTP, on SQLite and (when
 * BUURTPAS_TEST_PG_URL is set) PostgreSQL. Beside each, a baseline measured in the same run:
 * the same rows inserted raw (better-sqlite3 in one transaction; PostgreSQL one multi-row
 * INSERT per batch), so the figures say what the protocol costs over the database itself.
 * The load average is printed at the start and the end: on a shared machine it moves the figures
 * by a factor of two or more, the baseline with them. Figures only, no pass/fail. Run alone:
 * `npx tsx bench/server-throughput.ts`.
 *
 * Two push figures: the first BATCHES pushes into a fresh server (`push`, as every earlier round
 * measured it: includes the first requests' compilation and the WAL file growing), then as many
 * again into the same, now warm server (`pushWarm`: the sustained rate a server that has run for a
 * while gives), with the CPU time of the process's main thread per push over those (client and
 * server share that thread; it moves least with the machine's load, so main and a branch compare
 * best by it). Then as many batches of returning members (`pushReturning`: a visit and a service
 * each, on later days, for members the earlier batches registered): what a desk sends on most
 * days, whose facts and row updates land all over the indexes instead of at their ends; with
 * the main thread's CPU per push over those too. Each set's request bodies are serialized before
 * its timed loop (a laptop does that on its own CPU; since 2026-12-07, before that inside it).
 * Before the first timed push the client's own HTTP stack (`fetch`, undici: its first requests
 * compile too) is warmed against a plain `node:http` server in this process that reads the same
 * bodies and answers a push-shaped reply; the Buurtpas server sees nothing before its first push,
 * so `push` still carries all of the server's first compilation (since 2026-12-07; before, the
 * client's too: about 20 ms more on the first push, 5–10 on the next few).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BuurtpasEvent } from '../src/domain/events.ts';
import { PAYLOAD_VERSION } from '../src/domain/events.ts';
import type { PullResponse, PushResponse } from '../src/domain/protocol.ts';
import { buildServer } from '../src/server/http/build-server.ts';
import { openPostgresStorage } from '../src/server/storage/postgres-storage.ts';
import { openSqliteStorage } from '../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../src/server/storage/storage.ts';
import { aMemberStory, anEvent, makeTestId } from '../src/server/testing/build-test-events.ts';
import { enrollerOf } from '../src/server/testing/start-test-server.ts';

const BATCH = 500;
const BATCHES = Number(process.env.BENCH_SERVER_BATCHES ?? 20);
const PULL_LIMIT = 5000;
const DEVICE = 'bench-desk-1';

function makeDayOfEvents(count: number): BuurtpasEvent[] {
  const events: BuurtpasEvent[] = [];
  while (events.length < count) {
    const memberId = makeTestId();
    events.push(...aMemberStory(memberId, { deviceId: DEVICE, paidCents: 250 }));
    events.push(anEvent('visit-recorded', { memberId, locationId: 'cjm' }, { deviceId: DEVICE }));
    events.push(
      anEvent(
        'service-used',
        { memberId, locationId: 'cjm', serviceId: 'cjm:kookclub' },
        { deviceId: DEVICE },
      ),
    );
  }
  return events.slice(0, count);
}

/** A visit and a service use each for members registered earlier, on `day` (YYYY-MM-DD). */
function makeReturningEvents(memberIds: readonly string[], count: number, day: string) {
  const events: BuurtpasEvent[] = [];
  const envelope = { deviceId: DEVICE, at: `${day}T10:00:00.000Z` };
  for (let i = 0; events.length < count; i++) {
    // A fixed stride through the members: spread like a day's visitors, the same every run.
    const memberId = memberIds[(i * 7919) % memberIds.length]!;
    events.push(anEvent('visit-recorded', { memberId, locationId: 'cjm' }, envelope));
    events.push(
      anEvent('service-used', { memberId, locationId: 'cjm', serviceId: 'cjm:kookclub' }, envelope),
    );
  }
  return events.slice(0, count);
}

/** BATCHES batches of returning members, a new day every four batches. */
function makeReturningBatches(registeredIn: BuurtpasEvent[][]): BuurtpasEvent[][] {
  const memberIds = registeredIn
    .flat()
    .filter((e) => e.type === 'client-registered')
    .map((e) => (e.data as { memberId: string }).memberId);
  return Array.from({ length: BATCHES }, (_, i) =>
    makeReturningEvents(
      memberIds,
      BATCH,
      `2026-03-${String(11 + Math.floor(i / 4)).padStart(2, '0')}`,
    ),
  );
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** `uptime`'s three load averages (1, 5, 15 minutes), as the docs quote them. */
const describeLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** CPU milliseconds of this process's main thread (Linux); the whole process's elsewhere. */
function readMainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 0, utime 11, stime 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

type HttpFigures = {
  pushPerS: number;
  pushMs: number;
  warmPushPerS: number;
  warmPushMs: number;
  warmCpuMs: number;
  returningPushPerS: number;
  returningCpuMs: number;
  pullPerS: number;
  pullMs: number;
};

/**
 * Sends `bodies` as pushes to a plain HTTP server that only reads them and answers a push-shaped
 * reply, so the client's fetch has compiled its paths before a Buurtpas server is timed.
 */
async function warmClientHttp(headers: Record<string, string>, bodies: readonly string[]) {
  const reply = JSON.stringify({
    results: Array.from({ length: BATCH }, (_, i) => ({
      eventId: makeTestId(),
      status: 'inserted',
      seq: i + 1,
    })),
  });
  const plain = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  try {
    const address = plain.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    for (let i = 0; i < 40; i++) {
      const res = await fetch(url, { method: 'POST', headers, body: bodies[i % bodies.length] });
      await res.json();
    }
  } finally {
    await new Promise((resolve) => plain.close(resolve));
  }
}

async function measureOverHttp(
  storage: Storage,
  batches: BuurtpasEvent[][],
  warmBatches: BuurtpasEvent[][],
  returningBatches: BuurtpasEvent[][],
): Promise<HttpFigures> {
  const app = await buildServer({
    storage,
    config: {
      staticDir: join(tmpdir(), 'buurtpas-no-dist'),
      corsOrigin: undefined,
      rateLimitPerMinute: 0,
      maxBodyBytes: 8 * 1024 * 1024,
      maxClockSkewMs: 600_000,
      minPayloadVersion: 1,
      enrollmentCodeTtlHours: 1,
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = await enrollerOf(storage, Date.now)(DEVICE);
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    };

    // The requests' bodies are written before each timed loop: a laptop serializes its batch on
    // its own CPU, and the figure is the server's (the client shares this process's thread).
    const bodiesOf = (list: BuurtpasEvent[][]) =>
      list.map((events) =>
        JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
      );
    const push = async (body: string) => {
      const res = await fetch(`${base}/api/v1/push`, { method: 'POST', headers, body });
      const answer = (await res.json()) as PushResponse;
      if (res.status !== 200 || answer.results.some((r) => r.status !== 'inserted'))
        throw new Error(`push failed: ${res.status}`);
    };
    const count = (list: BuurtpasEvent[][]) => list.reduce((n, b) => n + b.length, 0);
    const coldBodies = bodiesOf(batches);
    await warmClientHttp(headers, coldBodies);
    const pushStart = performance.now();
    for (const body of coldBodies) await push(body);
    const pushMs = performance.now() - pushStart;
    const warmBodies = bodiesOf(warmBatches);
    const warmCpuStart = readMainThreadCpuMs();
    const warmStart = performance.now();
    for (const body of warmBodies) await push(body);
    const warmPushMs = performance.now() - warmStart;
    const warmCpuMs = readMainThreadCpuMs() - warmCpuStart;
    const returningBodies = bodiesOf(returningBatches);
    const returningCpuStart = readMainThreadCpuMs();
    const returningStart = performance.now();
    for (const body of returningBodies) await push(body);
    const returningPushMs = performance.now() - returningStart;
    const returningCpuMs = readMainThreadCpuMs() - returningCpuStart;
    const total = count(batches) + count(warmBatches) + count(returningBatches);

    const pullStart = performance.now();
    let after = 0;
    let pulled = 0;
    for (;;) {
      const res = await fetch(`${base}/api/v1/pull?after=${after}&limit=${PULL_LIMIT}`, {
        headers,
      });
      const page = (await res.json()) as PullResponse;
      pulled += page.events.length;
      after = page.next;
      if (!page.hasMore) break;
    }
    const pullMs = performance.now() - pullStart;
    if (pulled !== total) throw new Error(`pulled ${pulled} of ${total}`);
    return {
      pushPerS: perSecond(count(batches), pushMs),
      pushMs,
      warmPushPerS: perSecond(count(warmBatches), warmPushMs),
      warmPushMs,
      warmCpuMs,
      returningPushPerS: perSecond(count(returningBatches), returningPushMs),
      returningCpuMs,
      pullPerS: perSecond(total, pullMs),
      pullMs,
    };
  } finally {
    await app.close();
  }
}

function rowsOf(
  events: BuurtpasEvent[],
): [number, string, string, string | null, string, string][] {
  return events.map((e, i) => [
    i + 1,
    e.eventId,
    e.type,
    (e.data as { memberId?: string }).memberId ?? null,
    e.deviceId,
    JSON.stringify(e),
  ]);
}

function measureRawSqlite(dir: string, batches: BuurtpasEvent[][]): number {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, member_id TEXT, device_id TEXT NOT NULL, body TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)');
  const all = rowsOf(batches.flat());
  const start = performance.now();
  db.transaction(() => {
    for (const row of all) insert.run(...row);
  })();
  const ms = performance.now() - start;
  db.close();
  return perSecond(all.length, ms);
}

async function measureRawPostgres(
  url: string,
  schema: string,
  batches: BuurtpasEvent[][],
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE ${schema}.raw_events (seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, member_id TEXT, device_id TEXT NOT NULL, body TEXT NOT NULL)`,
    );
    let seq = 0;
    const start = performance.now();
    for (const batch of batches) {
      const rows = rowsOf(batch).map((r) => [++seq, ...r.slice(1)]);
      const values = rows
        .map(
          (_, i) =>
            `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
        )
        .join(', ');
      await client.query(`INSERT INTO ${schema}.raw_events VALUES ${values}`, rows.flat());
    }
    return perSecond(seq, performance.now() - start);
  } finally {
    await client.end();
  }
}

/** The push and pull figures of one engine, under `prefix`. */
function describeFigures(prefix: string, http: HttpFigures): Record<string, number> {
  const perPush = (ms: number) => Math.round((ms / BATCHES) * 10) / 10;
  return {
    [`${prefix}.push.eventsPerS`]: http.pushPerS,
    [`${prefix}.push500.ms`]: perPush(http.pushMs),
    [`${prefix}.pushWarm.eventsPerS`]: http.warmPushPerS,
    [`${prefix}.pushWarm500.ms`]: perPush(http.warmPushMs),
    [`${prefix}.pushWarm500.mainThreadCpuMs`]: perPush(http.warmCpuMs),
    [`${prefix}.pushReturning.eventsPerS`]: http.returningPushPerS,
    [`${prefix}.pushReturning500.mainThreadCpuMs`]: perPush(http.returningCpuMs),
    [`${prefix}.pull.eventsPerS`]: http.pullPerS,
  };
}

export async function benchServerThroughput(): Promise<Record<string, number | string>> {
  const batches = Array.from({ length: BATCHES }, () => makeDayOfEvents(BATCH));
  const warmBatches = Array.from({ length: BATCHES }, () => makeDayOfEvents(BATCH));
  const total = BATCH * BATCHES;
  const figures: Record<string, number | string> = {
    'server.loadAverage.start': describeLoad(),
    'server.events': total,
    'server.batchSize': BATCH,
  };

  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-'));
  try {
    const storage = openSqliteStorage({ file: join(dir, 'buurtpas.sqlite') });
    const http = await measureOverHttp(
      storage,
      batches,
      warmBatches,
      makeReturningBatches([...batches, ...warmBatches]),
    );
    await storage.close();
    Object.assign(figures, describeFigures('server.sqlite', http));
    figures['server.sqlite.rawInsert.eventsPerS'] = measureRawSqlite(dir, batches);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.BUURTPAS_TEST_PG_URL;
  if (!url) {
    figures['server.postgres'] = 'skipped (BUURTPAS_TEST_PG_URL not set)';
    figures['server.loadAverage.end'] = describeLoad();
    return figures;
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const pgBatches = Array.from({ length: BATCHES }, () => makeDayOfEvents(BATCH));
  const pgWarmBatches = Array.from({ length: BATCHES }, () => makeDayOfEvents(BATCH));
  try {
    const storage = await openPostgresStorage({ connectionString: url, schema });
    const http = await measureOverHttp(
      storage,
      pgBatches,
      pgWarmBatches,
      makeReturningBatches([...pgBatches, ...pgWarmBatches]),
    );
    await storage.close();
    Object.assign(figures, describeFigures('server.postgres', http));
    figures['server.postgres.rawInsert.eventsPerS'] = await measureRawPostgres(
      url,
      schema,
      pgBatches,
    );
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  figures['server.loadAverage.end'] = describeLoad();
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchServerThroughput();
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(40)} ${value}`);
}
