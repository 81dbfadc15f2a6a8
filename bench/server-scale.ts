/**
 * The server at scale: BENCH_SERVER_FACTS facts (default 1.000.000; the issue's figure is
 * 10.000.000). The history is bulk-loaded straight into the events table (PostgreSQL: COPY FROM
 * STDIN, 500.000 a statement; SQLite: prepared INSERTs, 1.000 a transaction: the raw baseline of
 * loading, with the events table's indexes), then the projection rows are built from it once
 * (`catchUpProjection`, on PostgreSQL in steps of BENCH_SERVER_BUILD_STEP facts,
 * postgres-bulk-projection.ts: what an upgraded server does at its first start). Then, each beside
 * a raw baseline from the same run:
 * - the push path (`storage.insertEvents`: duplicate check, erasure reach, projection rows updated
 *   in the same transaction) for new batches of 1.000, beside the same rows bulk-inserted raw;
 * - over HTTP: server start; the first summary and year report (every row of the year read once)
 *   beside a raw SELECT of those rows; a day's 500 facts pushed and pulled; a pull page of 5.000
 *   beside a raw SELECT of it; the summary and year report after the 500 new facts (only the
 *   rows changed since read); the whole snapshot beside a raw cursor read of every projection
 *   row; then `storage.readProjection` of those changed rows beside a read of every row of the
 *   year and the raw SELECT of them (last: they hold the year twice in this process, which is not
 *   the server's memory); resident memory after each step and the load average.
 * PostgreSQL when BUURTPAS_TEST_PG_URL is set (its database is emptied first), else SQLite in a
 * temp dir. Figures only.
 * Run alone: `BENCH_SERVER_FACTS=1000000 BUURTPAS_TEST_PG_URL=... npx tsx bench/server-scale.ts`.
 * At 10.000.000 load and build once (BENCH_SERVER_BUILD_ONLY=1, ~1 h here), then measure as often
 * as wanted over the same database (BENCH_SERVER_REUSE=1). A reused database from an older build
 * gains the missing migrations when the storage opens (the figure says how long that took).
 * The year report asked first after new facts names its steps (`Server-Timing`): with
 * `changed-rows-read`, what reading only the rows changed since the last answer took.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { memberIdOf } from '../src/domain/events.ts';
import type { BuurtpasEvent } from '../src/domain/events.ts';
import { PAYLOAD_VERSION } from '../src/domain/events.ts';
import { createAdminToken } from '../src/server/auth/enroll-device.ts';
import { buildServer } from '../src/server/http/build-server.ts';
import { yearQuery } from '../src/server/sync/summary-cache.ts';
import { openPostgresStorage } from '../src/server/storage/postgres-storage.ts';
import { openSqliteStorage } from '../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../src/server/storage/storage.ts';
import { aMemberStory, anEvent, makeTestId } from '../src/server/testing/build-test-events.ts';
import { enrollerOf } from '../src/server/testing/start-test-server.ts';

const DEVICE = 'bench-scale-1';
// Enrolled afresh each run (a reused database already knows the last run's desk).
const DESK = `bench-scale-desk-${Date.now().toString(36)}`;
const LOCATIONS = ['cjm', 'multibron', 'handreiking'] as const;

/** Facts per step of the projection build (postgres-bulk-projection.ts). */
const BUILD_STEP = Number(process.env.BENCH_SERVER_BUILD_STEP ?? 50_000);

/** One value in COPY's text format. */
const copyText = (value: string) =>
  value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Garbage collection pauses of this process (the server runs in it) so far, in ms. */
let gcPausedMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPausedMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

/** What a step took, and how much of it the process was paused for garbage collection. */
async function timedWithGc<T>(fn: () => Promise<T>) {
  const before = gcPausedMs;
  const t = await timed(fn);
  // The observer reports after the step: let it run.
  await new Promise((resolve) => setImmediate(resolve));
  return { ...t, gcMs: +(gcPausedMs - before).toFixed(1) };
}

/** Members of five busy years: a story each, then visits and service uses spread over the years. */
function* generateFacts(total: number, members: number): Generator<BuurtpasEvent[]> {
  const ids: string[] = [];
  let made = 0;
  let batch: BuurtpasEvent[] = [];
  const flush = function* () {
    if (batch.length > 0) yield batch;
    batch = [];
  };
  let seed = 7;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < members && made < total; i++) {
    const memberId = makeTestId(Date.parse('2021-01-01T00:00:00Z') + i * 1000);
    ids.push(memberId);
    const locationId = LOCATIONS[i % LOCATIONS.length]!;
    for (const e of aMemberStory(memberId, {
      deviceId: DEVICE,
      locationId,
      year: 2021 + (i % 5),
      paidCents: 250,
    })) {
      batch.push(e);
      made++;
      if (batch.length >= 1000) yield* flush();
    }
  }
  const start = Date.parse('2021-01-04T09:00:00Z');
  const span = Date.parse('2026-11-30T17:00:00Z') - start;
  while (made < total) {
    const memberId = ids[Math.floor(rand() * ids.length)]!;
    const at = new Date(start + Math.floor(rand() * span)).toISOString();
    const locationId = LOCATIONS[Math.floor(rand() * 3)]!;
    const env = { deviceId: DEVICE, locationId, at };
    batch.push(
      rand() < 0.5
        ? anEvent('visit-recorded', { memberId, locationId }, env)
        : anEvent(
            'service-used',
            { memberId, locationId, serviceId: `${locationId}:formulierenbrigade` },
            env,
          ),
    );
    made++;
    if (batch.length >= 1000) yield* flush();
  }
  yield* flush();
}

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await client.end();
}

type Columns = {
  seq: number[];
  eventId: string[];
  type: string[];
  memberId: (string | null)[];
  deviceId: string[];
  body: string[];
};

function columnsOf(batch: readonly BuurtpasEvent[], firstSeq: number): Columns {
  return {
    seq: batch.map((_, i) => firstSeq + i),
    eventId: batch.map((e) => e.eventId),
    type: batch.map((e) => e.type),
    memberId: batch.map((e) => memberIdOf(e) ?? null),
    deviceId: batch.map((e) => e.deviceId),
    body: batch.map((e) => JSON.stringify(e)),
  };
}

/** A raw bulk insert of rows into a table shaped like `events`: no protocol, no checks. */
type BulkLoader = {
  insert(table: string, columns: Columns): Promise<void>;
  /** The history into `events` as fast as the engine takes it (PostgreSQL: COPY FROM STDIN). */
  load(batches: Iterable<BuurtpasEvent[]>, firstSeq: number): Promise<number>;
  /** A scratch table with the events table's columns and indexes. */
  createScratch(): Promise<string>;
  setLastSeq(seq: number): Promise<void>;
  /** Raw reads, the baselines of the server's answers: rows read, bytes of their text. */
  readRaw(what: RawRead): Promise<{ rows: number; bytes: number }>;
  /** VACUUM (ANALYZE) / ANALYZE after the bulk load, as docs/server.md advises. */
  analyze(): Promise<void>;
  close(): Promise<void>;
};

/** What a raw read reads: a pull page, the rows of a year's report, every projection row. */
type RawRead = { pullAfter: number } | { yearRows: number } | 'all-rows';

/** The SELECTs of a raw read, `$n` placeholders (SQLite takes `?` for them). */
function rawSql(what: RawRead): { sql: string; params: unknown[] }[] {
  if (what === 'all-rows') return [{ sql: 'SELECT body FROM projection_rows', params: [] }];
  if ('pullAfter' in what)
    return [
      {
        sql: 'SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT 5000',
        params: [what.pullAfter],
      },
    ];
  return Object.entries(yearQuery(what.yearRows)).map(([tbl, sel]) =>
    sel === 'all' || !('parts' in sel)
      ? { sql: 'SELECT body FROM projection_rows WHERE tbl = $1', params: [tbl] }
      : {
          sql: `SELECT body FROM projection_rows WHERE tbl = $1 AND part IN (${sel.parts.map((_, i) => `$${i + 2}`).join(', ')})`,
          params: [tbl, ...sel.parts],
        },
  );
}

async function openBulkLoader(url: string | undefined, file: string): Promise<BulkLoader> {
  const at = new Date().toISOString();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async insert(table, c) {
        await client.query(
          `INSERT INTO ${table} (seq, event_id, type, member_id, device_id, received_at, body)
           SELECT s, e, t, m, d, $7::timestamptz, b FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(s, e, t, m, d, b)`,
          [c.seq, c.eventId, c.type, c.memberId, c.deviceId, c.body, at],
        );
      },
      async load(batches, firstSeq) {
        // COPY per 500.000 facts: a stream of text lines, no statement per row.
        let seq = firstSeq;
        const it = batches[Symbol.iterator]();
        for (let done = false; !done;) {
          const chunks = function* (): Generator<string> {
            for (let n = 0; n < 500_000;) {
              const next = it.next();
              if (next.done) {
                done = true;
                return;
              }
              let text = '';
              for (const e of next.value) {
                const m = memberIdOf(e);
                text += `${seq++}\t${e.eventId}\t${e.type}\t${m ?? '\\N'}\t${e.deviceId}\t${at}\t${copyText(JSON.stringify(e))}\n`;
              }
              n += next.value.length;
              yield text;
            }
          };
          await pipeline(
            Readable.from(chunks()),
            client.query(
              copyFrom(
                'COPY events (seq, event_id, type, member_id, device_id, received_at, body) FROM STDIN',
              ),
            ),
          );
          if ((seq - firstSeq) % 1_000_000 === 0)
            console.log(
              `  loaded ${(seq - firstSeq).toLocaleString('nl-NL')} ${new Date().toISOString()}`,
            );
        }
        return seq - firstSeq;
      },
      async createScratch() {
        await client.query('DROP TABLE IF EXISTS raw_events');
        await client.query('CREATE TABLE raw_events (LIKE events INCLUDING ALL)');
        return 'raw_events';
      },
      async setLastSeq(seq) {
        await client.query('UPDATE sync_counter SET last_seq = $1 WHERE id = 1', [seq]);
      },
      async readRaw(what) {
        let rows = 0;
        let bytes = 0;
        // A cursor, as the snapshot reads: every row would not fit in memory at 10.000.000.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        for (const { sql, params } of rawSql(what)) {
          await client.query(`DECLARE raw NO SCROLL CURSOR FOR ${sql}`, params);
          for (;;) {
            const page = await client.query<{ body: string }>('FETCH 5000 FROM raw');
            rows += page.rows.length;
            for (const r of page.rows) bytes += r.body.length;
            if (page.rows.length < 5000) break;
          }
          await client.query('CLOSE raw');
        }
        await client.query('COMMIT');
        return { rows, bytes };
      },
      async analyze() {
        await client.query('VACUUM (ANALYZE) events, projection_rows');
      },
      close: () => client.end(),
    };
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const statements = new Map<string, Database.Statement>();
  const loader: BulkLoader = {
    async load(batches, firstSeq) {
      let seq = firstSeq;
      for (const batch of batches) {
        await loader.insert('events', columnsOf(batch, seq));
        seq += batch.length;
      }
      return seq - firstSeq;
    },
    async insert(table, c) {
      let stmt = statements.get(table);
      if (!stmt) {
        stmt = db.prepare(
          `INSERT INTO ${table} (seq, event_id, type, member_id, device_id, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        statements.set(table, stmt);
      }
      const s = stmt;
      db.transaction(() => {
        for (let i = 0; i < c.seq.length; i++)
          s.run(c.seq[i], c.eventId[i], c.type[i], c.memberId[i], c.deviceId[i], at, c.body[i]);
      })();
    },
    async createScratch() {
      db.exec('DROP TABLE IF EXISTS raw_events');
      const sql = (
        db
          .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL")
          .pluck()
          .all() as string[]
      ).map((q) =>
        q
          .replace(/\bevents\b/, 'raw_events')
          .replace(/INDEX (\w+)/, 'INDEX raw_$1')
          .replace(/ON events/, 'ON raw_events'),
      );
      for (const q of sql) db.exec(q);
      return 'raw_events';
    },
    async setLastSeq(seq) {
      db.prepare('UPDATE sync_counter SET last_seq = ? WHERE id = 1').run(seq);
    },
    async readRaw(what) {
      let rows = 0;
      let bytes = 0;
      for (const { sql, params } of rawSql(what))
        for (const r of db.prepare(sql.replace(/\$\d+/g, '?')).iterate(...params) as Iterable<{
          body: string;
        }>) {
          rows++;
          bytes += r.body.length;
        }
      return { rows, bytes };
    },
    async analyze() {
      db.exec('ANALYZE');
    },
    async close() {
      db.close();
    },
  };
  return loader;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: +(performance.now() - t0).toFixed(1), value };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** Visits and service uses of members already stored, 1.000 to a batch, fresh ids. */
function newBatches(count: number, members: number): BuurtpasEvent[][] {
  const out: BuurtpasEvent[][] = [];
  // A member's story is at most 4 facts; the visits and uses come after all of them.
  const gen = generateFacts(members * 4 + (count + 1) * 1000, members);
  for (const batch of gen) {
    // The members' own stories come first; take the visits and uses after them.
    if (batch.some((e) => e.type !== 'visit-recorded' && e.type !== 'service-used')) continue;
    out.push(batch.map((e) => ({ ...e, eventId: makeTestId() })));
    if (out.length >= count) break;
  }
  return out;
}

export async function benchServerScale(): Promise<Record<string, string | number>> {
  const total = Number(process.env.BENCH_SERVER_FACTS ?? 1_000_000);
  const members = Number(
    process.env.BENCH_SERVER_MEMBERS ?? Math.max(100, Math.round(total / 100)),
  );
  const url = process.env.BUURTPAS_TEST_PG_URL;
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-scale-'));
  const file = join(dir, 'scale.sqlite');
  // BENCH_SERVER_REUSE=1 (PostgreSQL): keep the database a previous run loaded and projected.
  const reuse = url !== undefined && process.env.BENCH_SERVER_REUSE === '1';
  if (url && !reuse) await emptyPostgres(url);
  const loadAtStart = loadavg()[0]!.toFixed(1);
  // A reused database from an older build gains its missing migrations here (005's index on a
  // million-fact database: a few seconds).
  const opened = await timed(async () =>
    url ? await openPostgresStorage({ connectionString: url }) : openSqliteStorage({ file }),
  );
  const storage: Storage = opened.value;
  const figures: Record<string, string | number> = {
    engine: storage.engine,
    'load average at start (1 min)': loadAtStart,
    facts: total,
    members,
    'rss at start (MB)': rssMb(),
    'storage opened, missing migrations applied (ms)': opened.ms,
  };
  const bulk = await openBulkLoader(url, file);
  try {
    let stored = await storage.lastSeq();
    if (reuse && stored >= total) figures['history and rows'] = `reused: ${stored} facts`;
    else {
      // 1. The history, bulk-loaded raw into the events table.
      const load = await timed(async () => {
        stored += await bulk.load(generateFacts(total, members), stored + 1);
        await bulk.setLastSeq(stored);
      });
      figures[
        url
          ? 'history bulk-loaded raw, COPY FROM STDIN (facts/s)'
          : 'history bulk-loaded raw, 1.000 per transaction (facts/s)'
      ] = perSecond(stored, load.ms);
      figures['history load (s)'] = +(load.ms / 1000).toFixed(1);

      // 2. The projection rows built from it once, as at the first start after an upgrade.
      const built = await timed(() =>
        storage.catchUpProjection(BUILD_STEP, (n) => {
          if (n % 1_000_000 < BUILD_STEP)
            console.log(`  projected ${n.toLocaleString('nl-NL')} ${new Date().toISOString()}`);
        }),
      );
      figures['projection rows built from stored facts, once (facts/s)'] = perSecond(
        built.value,
        built.ms,
      );
      figures['projection build (s)'] = +(built.ms / 1000).toFixed(1);
      figures['rss after the build (MB)'] = rssMb();
      // What docs/server.md says to do after a bulk load: the planner learns the tables' sizes.
      const analyzed = await timed(() => bulk.analyze());
      figures['VACUUM (ANALYZE) after the load (s)'] = +(analyzed.ms / 1000).toFixed(1);
      figures['load average after the build (1 min)'] = loadavg()[0]!.toFixed(1);
      // BENCH_SERVER_BUILD_ONLY=1: stop here; a later run with BENCH_SERVER_REUSE=1 measures.
      if (process.env.BENCH_SERVER_BUILD_ONLY === '1') return figures;
    }

    // 3. The push path at this size, beside the same rows bulk-inserted raw.
    const fresh = newBatches(Number(process.env.BENCH_SERVER_PUSH_BATCHES ?? 30), members);
    const pushed = fresh.reduce((n, b) => n + b.length, 0);
    const push = await timed(async () => {
      for (const batch of fresh)
        await storage.insertEvents(
          DEVICE,
          batch.map((event) => ({ kind: 'valid', event })),
          new Date().toISOString(),
        );
    });
    figures['push path, storage.insertEvents + projection, 1.000 a batch (facts/s)'] = perSecond(
      pushed,
      push.ms,
    );
    const scratch = await bulk.createScratch();
    const raw = await timed(async () => {
      let seq = 0;
      for (const batch of fresh) {
        const copy = batch.map((e) => ({ ...e, eventId: makeTestId() }));
        await bulk.insert(scratch, columnsOf(copy, seq + 1));
        seq += copy.length;
      }
    });
    figures['raw multi-row INSERT of the same batches, same indexes (facts/s)'] = perSecond(
      pushed,
      raw.ms,
    );
    stored += pushed;
    figures['rss after the push batches (MB)'] = rssMb();

    const started = await timed(() =>
      buildServer({
        storage,
        config: {
          staticDir: join(dir, 'no-dist'),
          corsOrigin: undefined,
          rateLimitPerMinute: 0,
          maxBodyBytes: 8 * 1024 * 1024,
          maxClockSkewMs: 10 * 365 * 86_400_000,
          minPayloadVersion: 1,
          enrollmentCodeTtlHours: 1,
        },
      }),
    );
    const app = started.value;
    figures['server start (s)'] = +(started.ms / 1000).toFixed(1);
    figures['rss after the start (MB)'] = rssMb();
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const token = await enrollerOf(storage, Date.now)(DESK);
      const auth = { authorization: `Bearer ${token}` };
      const adminToken = await createAdminToken(storage, Date.now());
      const get = (path: string, headers: Record<string, string> = auth) =>
        fetch(`${base}${path}`, { headers });

      /** The last report's steps as the server timed them (its `Server-Timing` header). */
      let steps = '';
      const yearReport = async () => {
        const res = await get('/api/v1/reports/year?year=2026', {
          authorization: `Bearer ${adminToken}`,
        });
        if (res.status !== 200) throw new Error(`report ${res.status}`);
        steps = res.headers.get('server-timing') ?? '';
        return res.json();
      };

      // The first summary and report after the start read every row of the year once.
      const firstSummary = await timed(async () => (await get('/api/v1/summary?year=2026')).json());
      figures['first summary after the start, every row of the year read (ms)'] = firstSummary.ms;
      const firstReport = await timedWithGc(() => yearReport());
      figures['first year report 2026 after the start (ms)'] = firstReport.ms;
      figures['  of it paused for garbage collection (ms)  '] = firstReport.gcMs;
      figures['  its steps in the server (ms) '] = steps.replace(/;dur=/g, ' ');
      const rawYear = await timed(() => bulk.readRaw({ yearRows: 2026 }));
      figures['raw SELECT of the rows of 2026 the two read (ms)'] = rawYear.ms;
      figures['rows of 2026 read raw / their text (MB)'] =
        `${rawYear.value.rows} / ${Math.round(rawYear.value.bytes / 1024 / 1024)}`;
      figures['rss after the first summary and report (MB)'] = rssMb();

      /** A day at the desk: 250 newcomers registered, each with a visit (500 facts). */
      const newDay = () => {
        const day: BuurtpasEvent[] = [];
        while (day.length < 500) {
          const memberId = makeTestId();
          const env = {
            deviceId: DESK,
            locationId: 'cjm',
            at: new Date().toISOString(),
          };
          day.push(anEvent('client-registered', { memberId, locationId: 'cjm' }, env));
          day.push(anEvent('visit-recorded', { memberId, locationId: 'cjm' }, env));
        }
        return day;
      };
      const pushDay = async (day: BuurtpasEvent[]) => {
        const res = await fetch(`${base}/api/v1/push`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: day }),
        });
        if (res.status !== 200) throw new Error(`push ${res.status}`);
        return res.json();
      };
      // The storage's mark before the day (a read of no table: no rows held, so the memory figures
      // stay the server's): its rows changed since are read below beside every row.
      const beforeDay = (await storage.readProjection({})).changeMark;
      const dayPush = await timed(() => pushDay(newDay()));
      figures["a day's 500 facts pushed (ms)"] = dayPush.ms;
      const dayPull = await timed(async () =>
        (await get(`/api/v1/pull?after=${stored}&limit=5000`)).text(),
      );
      figures["a day's 500 facts pulled by another laptop (ms)"] = dayPull.ms;
      figures['rss after the day pushed and pulled (MB)'] = rssMb();
      const after = Math.max(0, stored - 5000);
      const pull = await timed(async () =>
        (await get(`/api/v1/pull?after=${after}&limit=5000`)).text(),
      );
      figures['pull page of 5.000 (ms)'] = pull.ms;
      const rawPull = await timed(() => bulk.readRaw({ pullAfter: after }));
      figures['raw SELECT of the same 5.000 events (ms)'] = rawPull.ms;
      figures['pull page, gzip size (kB)'] = Math.round(gzipSync(pull.value).length / 1024);

      // After the 500 new facts: the summary and report read only the rows changed since.
      const summary = await timed(async () => (await get('/api/v1/summary?year=2026')).json());
      figures['summary after the 500 new facts (ms)'] = summary.ms;
      const report = await timedWithGc(() => yearReport());
      figures['year report 2026 after the 500 new facts (ms)'] = report.ms;
      figures['  of it paused for garbage collection (ms)'] = report.gcMs;
      figures['  its steps in the server (ms)'] = steps.replace(/;dur=/g, ' ');
      figures['  beside the raw SELECT of the rows of 2026 (ms)'] = rawYear.ms;
      // Another day, and the report asked before any summary: it reads the changed rows and
      // computes the summary itself (the steps say how long each took).
      await pushDay(newDay());
      const reportFirst = await timedWithGc(() => yearReport());
      figures['year report after another 500 new facts, asked first (ms)'] = reportFirst.ms;
      figures['  of it paused for garbage collection (ms) '] = reportFirst.gcMs;
      figures['  its steps in the server (ms)  '] = steps.replace(/;dur=/g, ' ');
      // Before the benchmark's own reads further down (every row of the year, twice, held here).
      figures['rss after summary and report (MB)'] = rssMb();
      const snapshot = await timed(async () => {
        const manifest = (await (await get('/api/v1/snapshot')).json()) as {
          snapshotId: string;
          pages: { rows: number; bytes: number }[];
          scanPages: number;
        };
        let bytes = 0;
        let rows = 0;
        for (let i = 0; i < manifest.pages.length; i++) {
          const res = await get(`/api/v1/snapshot/${manifest.snapshotId}/${i}`);
          await res.arrayBuffer();
          bytes += manifest.pages[i]!.bytes;
          rows += manifest.pages[i]!.rows;
        }
        return { pages: manifest.pages.length, scanPages: manifest.scanPages, bytes, rows };
      });
      figures['snapshot: build + every page fetched (ms)'] = snapshot.ms;
      figures['rss after the snapshot (MB)'] = rssMb();
      const rawAll = await timed(() => bulk.readRaw('all-rows'));
      figures['raw read of every projection row, cursor of 5.000 (ms)'] = rawAll.ms;
      figures['snapshot rows / pages / scan pages'] =
        `${snapshot.value.rows} / ${snapshot.value.pages} / ${snapshot.value.scanPages}`;
      figures['projection rows read raw / their text (MB)'] =
        `${rawAll.value.rows} / ${Math.round(rawAll.value.bytes / 1024 / 1024)}`;
      figures['snapshot on the wire, gzip (MB)'] = +(snapshot.value.bytes / 1024 / 1024).toFixed(1);
      // The read itself, in this same run: the rows changed since the mark before the two days
      // (what the kept year reads), every row of the year (what a read without a mark gives), and
      // the raw SELECT of those rows. After the snapshot, so its memory figure is the server's and
      // not these reads' year held twice in this process.
      const rowCount = (r: { rows: object }) => Object.values(r.rows).flat().length;
      const changedRead = await timed(() =>
        storage.readProjection(
          yearQuery(2026),
          beforeDay === undefined ? {} : { changedSince: beforeDay },
        ),
      );
      const everyRow = await timed(() => storage.readProjection(yearQuery(2026)));
      const rawAgain = await timed(() => bulk.readRaw({ yearRows: 2026 }));
      figures['readProjection of 2026, rows changed by the 1.000 new facts (ms)'] =
        `${changedRead.ms} (${rowCount(changedRead.value)} rows, complete: ${String(changedRead.value.complete ?? true)})`;
      figures['readProjection of 2026, every row (ms)'] =
        `${everyRow.ms} (${rowCount(everyRow.value)} rows)`;
      figures['  beside the raw SELECT of those rows, again (ms)'] = rawAgain.ms;
      figures['load average at the end (1 min)'] = loadavg()[0]!.toFixed(1);
    } finally {
      await app.close();
    }
  } finally {
    await bulk.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchServerScale().then((f) => {
    console.log('\n## Server at scale');
    console.table(f);
  });
}
