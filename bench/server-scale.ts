/**
 * The server at scale: BENCH_SERVER_FACTS facts (default 1.000.000; the issue's figure is
 * 10.000.000, which takes long on a shared two-core machine) stored through the push path
 * (`storage.insertEvents`, 1.000 per batch), beside a raw multi-row INSERT of the same rows into a
 * scratch table in the same run. Then the server is started over them (the projection folded once)
 * and, over HTTP: a day's 500 facts pushed, a pull page of 5.000, the whole snapshot (manifest and
 * every page), the summary and the year report after the 500 new facts; each with the process's
 * resident memory. PostgreSQL when BUURTPAS_TEST_PG_URL is set (its database is emptied first),
 * else SQLite in a temp dir. Figures only.
 * Run alone: `BENCH_SERVER_FACTS=1000000 BUURTPAS_TEST_PG_URL=... npx tsx bench/server-scale.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { BuurtpasEvent } from '../src/domain/events.ts';
import { PAYLOAD_VERSION } from '../src/domain/events.ts';
import {
  createAdminToken,
  enrollDevice,
  issueEnrollmentCode,
} from '../src/server/auth/enroll-device.ts';
import { buildServer } from '../src/server/http/build-server.ts';
import { openPostgresStorage } from '../src/server/storage/postgres-storage.ts';
import { openSqliteStorage } from '../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../src/server/storage/storage.ts';
import { aMemberStory, anEvent, makeTestId } from '../src/server/testing/build-test-events.ts';

const DEVICE = 'bench-scale-1';
const LOCATIONS = ['cjm', 'multibron', 'handreiking'] as const;

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

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

/** The raw baseline: the same rows in one multi-row INSERT per 1.000, no protocol, no checks. */
async function rawInsertPerSecond(url: string | undefined, sample: BuurtpasEvent[][]) {
  const rows = sample.flat();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'CREATE TEMP TABLE raw_events (seq bigint primary key, event_id text unique, type text, member_id text, body text)',
    );
    const t0 = performance.now();
    let seq = 0;
    for (const batch of sample) {
      await client.query(
        'INSERT INTO raw_events SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])',
        [
          batch.map(() => ++seq),
          batch.map((e) => e.eventId),
          batch.map((e) => e.type),
          batch.map((e) => ('memberId' in e.data ? String(e.data.memberId) : null)),
          batch.map((e) => JSON.stringify(e)),
        ],
      );
    }
    const ms = performance.now() - t0;
    await client.end();
    return Math.round((rows.length / ms) * 1000);
  }
  return null;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: +(performance.now() - t0).toFixed(1), value };
}

export async function benchServerScale(): Promise<Record<string, string | number>> {
  const total = Number(process.env.BENCH_SERVER_FACTS ?? 1_000_000);
  const members = Number(
    process.env.BENCH_SERVER_MEMBERS ?? Math.max(100, Math.round(total / 100)),
  );
  const url = process.env.BUURTPAS_TEST_PG_URL;
  const dir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-scale-'));
  if (url) await emptyPostgres(url);
  const storage: Storage = url
    ? await openPostgresStorage({ connectionString: url })
    : openSqliteStorage({ file: join(dir, 'scale.sqlite') });
  const figures: Record<string, string | number> = {
    engine: storage.engine,
    facts: total,
    members,
    'rss at start (MB)': rssMb(),
  };
  try {
    const sample: BuurtpasEvent[][] = [];
    const t0 = performance.now();
    let stored = 0;
    for (const batch of generateFacts(total, members)) {
      if (sample.length < 50) sample.push(batch.map((e) => ({ ...e, eventId: makeTestId() })));
      await storage.insertEvents(
        DEVICE,
        batch.map((event) => ({ kind: 'valid', event })),
        new Date().toISOString(),
      );
      stored += batch.length;
      if (stored % 1_000_000 === 0) console.log(`  stored ${stored.toLocaleString('nl-NL')}`);
    }
    const storeMs = performance.now() - t0;
    figures['push path, storage.insertEvents (facts/s)'] = Math.round((stored / storeMs) * 1000);
    const raw = await rawInsertPerSecond(url, sample);
    if (raw !== null) figures['raw multi-row INSERT, same run (facts/s)'] = raw;

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
    figures['server start, projection folded (s)'] = +(started.ms / 1000).toFixed(1);
    figures['rss after the fold (MB)'] = rssMb();
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const issued = await issueEnrollmentCode(storage, {
        locationId: 'cjm',
        role: 'desk',
        ttlHours: 1,
        nowMs: Date.now(),
      });
      if (!issued.ok) throw new Error(issued.code);
      const enrolled = await enrollDevice(storage, {
        code: issued.issued.code,
        deviceId: 'bench-scale-desk',
        nowMs: Date.now(),
      });
      if (!enrolled.ok) throw new Error(enrolled.code);
      const auth = { authorization: `Bearer ${enrolled.response.token}` };
      const adminToken = await createAdminToken(storage, Date.now());
      const get = (path: string, headers: Record<string, string> = auth) =>
        fetch(`${base}${path}`, { headers });

      const day: BuurtpasEvent[] = [];
      while (day.length < 500) {
        const memberId = makeTestId();
        const env = {
          deviceId: 'bench-scale-desk',
          locationId: 'cjm',
          at: new Date().toISOString(),
        };
        day.push(anEvent('client-registered', { memberId, locationId: 'cjm' }, env));
        day.push(anEvent('visit-recorded', { memberId, locationId: 'cjm' }, env));
      }
      const push = await timed(async () => {
        const res = await fetch(`${base}/api/v1/push`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events: day }),
        });
        if (res.status !== 200) throw new Error(`push ${res.status}`);
        return res.json();
      });
      figures["a day's 500 facts pushed (ms)"] = push.ms;
      const after = Math.max(0, stored - 5000);
      const pull = await timed(async () =>
        (await get(`/api/v1/pull?after=${after}&limit=5000`)).text(),
      );
      figures['pull page of 5.000 (ms)'] = pull.ms;
      figures['pull page, gzip size (kB)'] = Math.round(gzipSync(pull.value).length / 1024);

      const summary = await timed(async () => (await get('/api/v1/summary?year=2026')).json());
      figures['summary after the 500 new facts (ms)'] = summary.ms;
      const report = await timed(async () => {
        const res = await get('/api/v1/reports/year?year=2026', {
          authorization: `Bearer ${adminToken}`,
        });
        return res.status;
      });
      figures['year report 2026 after the 500 new facts (ms)'] = report.ms;
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
      figures['snapshot rows / pages / scan pages'] =
        `${snapshot.value.rows} / ${snapshot.value.pages} / ${snapshot.value.scanPages}`;
      figures['snapshot on the wire, gzip (MB)'] = +(snapshot.value.bytes / 1024 / 1024).toFixed(1);
      figures['rss after the snapshot (MB)'] = rssMb();
    } finally {
      await app.close();
    }
  } finally {
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
