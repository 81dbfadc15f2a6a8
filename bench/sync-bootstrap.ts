/**
 * A new laptop against five years of three locations: the real server (child process, SQLite;
 * it offers the projection's snapshot, so the laptop loads state rows, not the history)
 * holding `members` members and `events` events written straight into its SQLite file, the real
 * app in headless Chromium enrolled through the settings screen. Measured:
 * - time from "Koppelen" until the laptop can scan (bootstrap phase `history`: members, passes,
 *   memberships, payments in; target ≤ 15 s) and until the history is complete (target ≤ 60 s);
 * - beside it, in the same page and run, a raw IndexedDB write of the same rows (one object
 *   store with the events table's indexes, 2000 rows per transaction: what Dexie's bulkPut does
 *   underneath), with and without fetching the pages;
 * - a day's 500 events: pushed by another desk over HTTP, then pulled by the laptop (target < 1 s).
 * Figures only. `npx tsx bench/sync-bootstrap.ts [--members 10000] [--events 1000000]`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { DEFAULT_SERVICES, LOCATIONS } from '../src/domain/catalog.ts';
import { memberIdOf, type BuurtpasEvent } from '../src/domain/events.ts';
import { PRIORITY_TYPES } from '../src/domain/protocol.ts';
import { openSqliteStorage } from '../src/server/storage/sqlite-storage.ts';
import { anEvent, makeTestId } from '../src/server/testing/build-test-events.ts';
import { startAppServer } from '../tests/e2e/support/app-server.ts';
import { chromium } from 'playwright-core';
import { BASE_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PRIORITY = new Set<string>(PRIORITY_TYPES);

/** Deterministic choices (mulberry32), so two runs generate the same history. */
function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse('2022-01-03T08:00:00.000Z');
const END = Date.parse('2026-11-20T16:00:00.000Z');

/** Five years of desk work: members with passes, memberships and yearly payments; visits and services fill the rest. */
export function generateHistory(
  members: number,
  total: number,
  random = makeRandom(2026),
): BuurtpasEvent[] {
  const out: BuurtpasEvent[] = [];
  const people: { id: string; loc: string; from: number }[] = [];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < members; i++) {
    const loc = LOCATIONS[i % LOCATIONS.length]!.id;
    const assoc = LOCATIONS[i % LOCATIONS.length]!.associationId;
    const from = START + Math.floor(random() * (END - START) * 0.9);
    const id = makeTestId(from);
    const env = { deviceId: `desk-${loc}-1`, locationId: loc, at: at(from) };
    people.push({ id, loc, from });
    out.push(anEvent('client-registered', { memberId: id, locationId: loc }, env));
    out.push(
      anEvent(
        'member-profile-set',
        { memberId: id, fields: { name: `Lid ${i} Bench`, phone: `06${String(10_000_000 + i)}` } },
        env,
      ),
    );
    out.push(anEvent('pass-issued', { memberId: id, code: String(1_000_000_000 + i) }, env));
    if (random() < 0.7) {
      out.push(
        anEvent(
          'membership-started',
          { memberId: id, associationId: assoc, date: env.at.slice(0, 10) },
          env,
        ),
      );
      for (let y = new Date(from).getUTCFullYear(); y <= 2026; y++) {
        if (random() < 0.6)
          out.push(
            anEvent(
              'payment-recorded',
              { memberId: id, associationId: assoc, year: y, amountCents: 250, method: 'cash' },
              { ...env, at: at(Math.max(from, Date.parse(`${y}-02-01T10:00:00Z`))) },
            ),
          );
      }
    }
  }
  const services = (loc: string) => DEFAULT_SERVICES.filter((s) => s.locationId === loc);
  while (out.length < total) {
    const p = people[Math.floor(random() * people.length)]!;
    const when = p.from + Math.floor(random() * (END - p.from));
    const env = { deviceId: `desk-${p.loc}-1`, locationId: p.loc, at: at(when) };
    if (random() < 0.8)
      out.push(anEvent('visit-recorded', { memberId: p.id, locationId: p.loc }, env));
    else {
      const list = services(p.loc);
      out.push(
        anEvent(
          'service-used',
          {
            memberId: p.id,
            locationId: p.loc,
            serviceId: list[Math.floor(random() * list.length)]!.id,
          },
          env,
        ),
      );
    }
  }
  // Arrival order on the server follows the desks' days.
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return out;
}

/** Writes events straight into a fresh server database (migrations applied by opening it once). */
function writeIntoSqlite(file: string, events: readonly BuurtpasEvent[]): void {
  const storage = openSqliteStorage({ file });
  void storage.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (seq, event_id, type, member_id, device_id, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const receivedAt = new Date().toISOString();
  db.transaction(() => {
    events.forEach((e, i) =>
      insert.run(
        i + 1,
        e.eventId,
        e.type,
        memberIdOf(e) ?? null,
        e.deviceId,
        receivedAt,
        JSON.stringify(e),
      ),
    );
    db.prepare('UPDATE sync_counter SET last_seq = ? WHERE id = 1').run(events.length);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function argOf(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

export type SyncBootstrapFigures = Record<string, string | number>;

export async function benchSyncBootstrap(
  options: {
    members?: number;
    events?: number;
    historyDeadlineS?: number;
    keep?: 'none' | 'months3' | 'all';
    rawFacts?: boolean;
  } = {},
): Promise<SyncBootstrapFigures> {
  // Waiting for the whole history stops here and says how far it got (1.000.000 events take far
  // longer than the 60 s target today; see the figures).
  const deadlineS = options.historyDeadlineS ?? argOf('deadline') ?? 300;
  const members = options.members ?? argOf('members') ?? 10_000;
  const total = options.events ?? argOf('events') ?? 1_000_000;
  const keepArg = process.argv.indexOf('--keep');
  const keep = options.keep ?? (keepArg >= 0 ? process.argv[keepArg + 1] : 'months3');
  // The raw baseline of every fact takes minutes at 1.000.000 (`--no-raw-facts` leaves it out).
  const rawFacts = options.rawFacts ?? !process.argv.includes('--no-raw-facts');
  const dataDir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-boot-'));
  const outDir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-boot-dist-'));
  // Each figure is printed as it is measured too: a long run that stops halfway still tells.
  const figures: SyncBootstrapFigures = new Proxy<SyncBootstrapFigures>(
    { members, events: total },
    {
      set(target, key, value: string | number) {
        target[key as string] = value;
        console.log(`  ${String(key)}: ${value}`);
        return true;
      },
    },
  );
  let t = performance.now();
  const history = generateHistory(members, total);
  figures['priority events'] = history.filter((e) => PRIORITY.has(e.type)).length;
  figures['generate (s)'] = ((performance.now() - t) / 1000).toFixed(1);
  t = performance.now();
  writeIntoSqlite(join(dataDir, 'buurtpas.sqlite'), history);
  figures['write SQLite (s)'] = ((performance.now() - t) / 1000).toFixed(1);
  await build({ root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  t = performance.now();
  const server = await startAppServer({
    dataDir,
    env: { STATIC_DIR: outDir, LOG_LEVEL: 'error' },
    healthTimeoutMs: 900_000,
  });
  figures['server start incl. summary fold (s)'] = ((performance.now() - t) / 1000).toFixed(1);
  // A profile on disk, as a laptop has: an off-the-record context keeps IndexedDB in memory,
  // with a quota a million raw facts overflow.
  const profileDir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-boot-profile-'));
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: BASE_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: /MultiBron/ }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Instellingen' }).click();
    await page
      .getByLabel('Koppelcode')
      .fill(server.cli('enroll', '--location', 'multibron').trim());
    const readMeta = (key: string) =>
      page.evaluate(
        (k) =>
          new Promise<unknown>((res, rej) => {
            const open = indexedDB.open('buurtpas');
            open.onerror = () => rej(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('meta', 'readonly');
              const get = tx.objectStore('meta').get(k);
              get.onsuccess = () => {
                res((get.result as { value?: unknown } | undefined)?.value);
                open.result.close();
              };
            };
          }),
        key,
      );
    // The visit history this laptop keeps (Instellingen), written where the setting lives.
    await page.evaluate(
      (value) =>
        new Promise<void>((res, rej) => {
          const open = indexedDB.open('buurtpas');
          open.onerror = () => rej(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put({ key: 'settings.historyKeep', value });
            tx.oncomplete = () => {
              open.result.close();
              res();
            };
          };
        }),
      keep,
    );
    figures['visit history kept'] = String(keep);

    // The server builds the snapshot on the first request and keeps it: timed here on its own,
    // so the laptop's figures below are the laptop's (the first laptop ever waits for both).
    const reader = (await (
      await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: server.cli('enroll', '--location', 'cjm').trim(),
          deviceId: 'dbenchrdr',
        }),
      })
    ).json()) as { token: string };
    t = performance.now();
    const manifestRes = await fetch(`${server.url}/api/v1/snapshot`, {
      headers: { authorization: `Bearer ${reader.token}` },
    });
    const manifest = (await manifestRes.json()) as {
      tables: Record<string, number>;
      pages: { bytes: number; table: string; days?: unknown }[];
      scanPages: number;
      countPages: number;
    };
    const buildS = (performance.now() - t) / 1000;
    figures['server: snapshot build, first request (s)'] = buildS.toFixed(1);
    figures['snapshot: rows / pages / MB gzip'] =
      `${Object.values(manifest.tables).reduce((a, b) => a + b, 0)} / ${manifest.pages.length} / ${(
        manifest.pages.reduce((a, p) => a + p.bytes, 0) / 1e6
      ).toFixed(1)}`;

    const start = performance.now();
    await page.getByRole('button', { name: 'Koppelen' }).click();
    let scanAt = 0;
    let countsAt = 0;
    let loadedAt = 0;
    let doneAt = 0;
    for (;;) {
      const state = (await readMeta('sync.bootstrap')) as { phase: string } | undefined;
      const progress = (await readMeta('snapshot.progress')) as
        { scanReady: boolean; countsReady?: boolean; done: boolean } | undefined;
      const now = performance.now();
      if (!scanAt && (progress?.scanReady || state?.phase === 'done')) scanAt = now;
      if (!countsAt && (progress?.countsReady || progress?.done || state?.phase === 'done'))
        countsAt = now;
      if (!loadedAt && (progress?.done || state?.phase === 'done')) loadedAt = now;
      if (state?.phase === 'done') {
        doneAt = now;
        break;
      }
      if (now - start > deadlineS * 1000) break;
      await page.waitForTimeout(50);
    }
    const since = (at: number, plus = 0) =>
      at ? ((at - start) / 1000 + plus).toFixed(1) : `not within ${deadlineS} s`;
    figures['new laptop: enrolled → can scan (s)'] = since(scanAt);
    figures['  … with the server build before it (s)'] = since(scanAt, buildS);
    figures['new laptop: → treasurer and report complete (s)'] = since(countsAt);
    figures['new laptop: → snapshot with kept history in (s)'] = since(loadedAt);
    figures['new laptop: → first sync round done, agrees with server (s)'] = since(doneAt);
    figures['comparison with the server'] = String(
      ((await readMeta('sync.comparison')) as { kind?: string } | undefined)?.kind ?? 'none',
    );
    const held = await page.evaluate(
      () =>
        new Promise<number>((res) => {
          const open = indexedDB.open('buurtpas');
          open.onsuccess = () => {
            const c = open.result.transaction('events').objectStore('events').count();
            c.onsuccess = () => {
              res(c.result);
              open.result.close();
            };
          };
        }),
    );
    figures['events held by the laptop'] = held;

    // Where the laptop's time goes, in the same page: the same pages fetched again (transfer and
    // gzip undone by the browser), parsed, and written raw into bare stores with the app's keys
    // and indexes (one transaction per page): the raw bulkPut of the same rows.
    // tsx names inner functions with esbuild's __name helper, which the page does not have.
    await page.evaluate('globalThis.__name = (f) => f');
    const split = await page.evaluate(async () => {
      const openDb = (name: string, version?: number, up?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((res, rej) => {
          const open = version ? indexedDB.open(name, version) : indexedDB.open(name);
          if (up) open.onupgradeneeded = () => up(open.result);
          open.onsuccess = () => res(open.result);
          open.onerror = () => rej(open.error);
        });
      const app = await openDb('buurtpas');
      const get = <T>(store: string, key: string) =>
        new Promise<T>((res) => {
          const r = app.transaction(store).objectStore(store).get(key);
          r.onsuccess = () => res(r.result as T);
        });
      const progress = (
        await get<{
          value: { snapshotId: string; pageCount: number };
        }>('meta', 'snapshot.progress')
      ).value;
      const token = (await get<{ value: { token: string } }>('meta', 'sync.connection')).value
        .token;
      const shapes = new Map<
        string,
        { keyPath: string | string[] | null; indexes: [string, string | string[], boolean][] }
      >();
      const tx = app.transaction([...app.objectStoreNames], 'readonly');
      for (const name of app.objectStoreNames) {
        const st = tx.objectStore(name);
        shapes.set(name, {
          keyPath: st.keyPath,
          indexes: [...st.indexNames].map((i) => {
            const ix = st.index(i);
            return [i, ix.keyPath, ix.multiEntry];
          }),
        });
      }
      app.close();
      const raw = await openDb('bench-raw-state', 1, (db) => {
        for (const [name, shape] of shapes) {
          const st = db.createObjectStore(name, { keyPath: shape.keyPath ?? undefined });
          for (const [i, kp, multiEntry] of shape.indexes) st.createIndex(i, kp, { multiEntry });
        }
      });
      let fetchMs = 0;
      let parseMs = 0;
      let putMs = 0;
      let rows = 0;
      for (let i = 0; i < progress.pageCount; i++) {
        let t0 = performance.now();
        const res = await fetch(`/api/v1/snapshot/${progress.snapshotId}/${i}`, {
          headers: { authorization: `Bearer ${token}` },
          cache: 'no-store',
        });
        const text = await res.text();
        fetchMs += performance.now() - t0;
        t0 = performance.now();
        const page = JSON.parse(text) as { table: string; rows: object[] };
        parseMs += performance.now() - t0;
        t0 = performance.now();
        await new Promise<void>((res2, rej) => {
          const w = raw.transaction(page.table, 'readwrite');
          const st = w.objectStore(page.table);
          for (const r of page.rows) st.put(r);
          w.oncomplete = () => res2();
          w.onerror = () => rej(w.error);
          w.onabort = () => rej(w.error ?? new Error('aborted'));
        });
        putMs += performance.now() - t0;
        rows += page.rows.length;
      }
      raw.close();
      return { fetchMs, parseMs, putMs, rows };
    });
    figures['  split: fetch + gunzip of the same pages (s)'] = (split.fetchMs / 1000).toFixed(1);
    figures['  split: JSON.parse (s)'] = (split.parseMs / 1000).toFixed(1);
    figures['raw IndexedDB bulkPut of the same state rows (s)'] =
      `${(split.putMs / 1000).toFixed(1)} (${split.rows} rows)`;

    // Baseline in the same page: the same rows into a bare store with the same indexes.
    const connection = (await readMeta('sync.connection')) as { token: string };
    const raw = !rawFacts
      ? null
      : await page.evaluate(
          async ({ token, limit }) => {
            const db = await new Promise<IDBDatabase>((res, rej) => {
              const open = indexedDB.open('bench-raw', 1);
              open.onupgradeneeded = () => {
                const s = open.result.createObjectStore('events', { keyPath: 'eventId' });
                s.createIndex('seq', 'seq');
                s.createIndex('memberId', 'memberId');
                s.createIndex('deviceId+day', ['deviceId', 'day']);
                s.createIndex('type', 'type');
                s.createIndex('day', 'day');
              };
              open.onsuccess = () => res(open.result);
              open.onerror = () => rej(open.error);
            });
            let writeMs = 0;
            const t0 = performance.now();
            let after = 0;
            for (;;) {
              const res = await fetch(`/api/v1/pull?after=${after}&limit=${limit}`, {
                headers: { authorization: `Bearer ${token}` },
              });
              const page = (await res.json()) as {
                events: {
                  seq: number;
                  event: {
                    eventId: string;
                    at: string;
                    deviceId: string;
                    type: string;
                    data: { memberId?: string };
                  };
                }[];
                next: number;
                hasMore: boolean;
              };
              const rows = page.events.map(({ seq, event }) => ({
                eventId: event.eventId,
                seq,
                memberId: event.data.memberId,
                deviceId: event.deviceId,
                day: event.at.slice(0, 10),
                type: event.type,
                event,
              }));
              const w0 = performance.now();
              await new Promise<void>((res, rej) => {
                const tx = db.transaction('events', 'readwrite');
                const store = tx.objectStore('events');
                for (const r of rows) store.put(r);
                tx.oncomplete = () => res();
                tx.onerror = () => rej(tx.error);
                tx.onabort = () => rej(tx.error ?? new Error('aborted'));
              });
              writeMs += performance.now() - w0;
              after = page.next;
              if (!page.hasMore) break;
            }
            return { writeMs, totalMs: performance.now() - t0 };
          },
          { token: connection.token, limit: 2000 },
        );
    if (raw) {
      figures['raw IndexedDB bulkPut of the facts (s)'] = (raw.writeMs / 1000).toFixed(1);
      figures['raw fetch + bulkPut of the facts (s)'] = (raw.totalMs / 1000).toFixed(1);
    }

    // A day's work: 500 events from another desk, pushed, then pulled by the new laptop.
    const code = server.cli('enroll', '--location', 'cjm').trim();
    const enrolled = (await (
      await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceId: 'dbenchday' }),
      })
    ).json()) as { token: string };
    const today = '2026-11-27T10:00:00.000Z';
    const pick = history.filter((e) => e.type === 'client-registered').slice(0, 400);
    const day: BuurtpasEvent[] = pick.map((e, i) =>
      i % 5 === 4
        ? anEvent(
            'payment-recorded',
            {
              memberId: memberIdOf(e)!,
              associationId: 'bv-cjm',
              year: 2026,
              amountCents: 250,
              method: 'cash',
            },
            { deviceId: 'dbenchday', locationId: 'cjm', at: today },
          )
        : anEvent(
            'visit-recorded',
            { memberId: memberIdOf(e)!, locationId: 'cjm' },
            { deviceId: 'dbenchday', locationId: 'cjm', at: today },
          ),
    );
    while (day.length < 500)
      day.push(
        anEvent(
          'walk-in-counted',
          { locationId: 'cjm', serviceId: 'cjm:kookclub' },
          { deviceId: 'dbenchday', locationId: 'cjm', at: today },
        ),
      );
    t = performance.now();
    const pushed = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.token}` },
      body: JSON.stringify({ protocol: 1, payloadVersion: 1, events: day }),
    });
    if (pushed.status !== 200) throw new Error(`push ${pushed.status}`);
    figures["a day's 500 events: push (ms)"] = Math.round(performance.now() - t);
    const target = history.length + day.length;
    t = performance.now();
    await page.getByRole('banner').getByRole('button', { name: 'Nu synchroniseren' }).click();
    let pulledAll = false;
    while (performance.now() - t < 120_000) {
      if (((await readMeta('sync.cursor')) as number) >= target) {
        pulledAll = true;
        break;
      }
      await page.waitForTimeout(20);
    }
    figures["a day's 500 events: pull into the laptop (ms)"] = pulledAll
      ? Math.round(performance.now() - t)
      : `not within 120 s (cursor ${String(await readMeta('sync.cursor'))} of ${target})`;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchSyncBootstrap());
}
