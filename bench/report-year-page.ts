/**
 * Browser side of bench/report-year.ts (built with Vite, loaded in headless Chromium): seeds a
 * real BuurtpasDb in IndexedDB with the facts and the projections the app would have made of them,
 * then times the year report against a plain count over the same year's facts.
 */
import type { BuurtpasEvent } from '../src/domain/events.ts';
import {
  applyEventsToState,
  emptyProjectionState,
} from '../src/domain/projection/memory-projection.ts';
import { PROJECTION_TABLES } from '../src/domain/projection/rows.ts';
import { openBuurtpasDb } from '../src/app/db/database.ts';
import { toStoredEvent } from '../src/app/db/apply-events.ts';
import { readYearReport, readYearReportInput } from '../src/app/db/report-read.ts';
import { buildYearReport } from '../src/domain/report/build-year-report.ts';
import { REPORT_FACT_TYPES } from '../src/domain/report/report-aggregates.ts';
import { BENCH_YEAR, generateReportFacts } from './report-data.ts';

// Opened on first use: bench/run.ts imports every file here in Node, where this page never runs.
let opened: ReturnType<typeof openBuurtpasDb> | null = null;
const getDb = () => (opened ??= openBuurtpasDb('bench-report'));

async function seed(total: number, members: number): Promise<{ events: number; ms: number }> {
  const t0 = performance.now();
  const db = getDb();
  await db.delete();
  await db.open();
  // The projection's rows, folded in memory by the same rules the app runs, then stored.
  const state = emptyProjectionState({ trackSeen: false });
  let pending: BuurtpasEvent[] = [];
  const writes: Promise<unknown>[] = [];
  const flush = async () => {
    const rows = pending.map((e) => toStoredEvent(e));
    pending = [];
    await db.events.bulkAdd(rows);
  };
  const count = generateReportFacts(total, members, (chunk) => {
    applyEventsToState(state, chunk);
    pending.push(...chunk);
    if (pending.length >= 20_000) writes.push(flush());
  });
  writes.push(flush());
  await Promise.all(writes);
  for (const t of PROJECTION_TABLES) await db.table(t).bulkPut([...state[t].values()]);
  await db.meta.put({ key: 'bench-seeded', value: total });
  return { events: count, ms: performance.now() - t0 };
}

/** Whether this profile already holds a seed of `total` facts (REPORT_BENCH_PROFILE reuses it). */
async function isSeeded(total: number): Promise<boolean> {
  const row = await getDb().meta.get('bench-seeded');
  return row?.value === total;
}

/**
 * The first IndexedDB open of this origin in this browser: a small database of its own, so the
 * figure is Chromium opening the origin's one LevelDB (every database of an origin shares it),
 * not our schema. Later opens, of any database of the origin, take a millisecond or two.
 */
async function timeOriginOpen(): Promise<number> {
  const t0 = performance.now();
  const probe = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('bench-open-probe');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  const ms = performance.now() - t0;
  probe.close();
  return ms;
}

async function timeReport(
  nowMs: number,
): Promise<{ ms: number; reached: number; registered: number }> {
  const db = getDb();
  const t0 = performance.now();
  const report = await readYearReport(db, BENCH_YEAR, nowMs);
  return {
    ms: performance.now() - t0,
    reached: report.total.individualsReached,
    registered: report.total.registeredClients,
  };
}

/** Where the report's time goes: each read on its own, then the pure build. */
async function timeParts(nowMs: number): Promise<Record<string, number>> {
  const db = getDb();
  const out: Record<string, number> = {};
  const time = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    out[name] = Math.round(performance.now() - t0);
    return r;
  };
  await time('open', () => db.open());
  await time('registrations', () => db.registrations.toArray());
  await time('memberships', () => db.memberships.toArray());
  await time('merged members', () => db.members.where('mergedInto').above('').toArray());
  await time('voids', () => db.voids.toArray());
  await time('payments of the year', () =>
    db.payments.where('[associationId+year]').equals([`bv-cjm`, BENCH_YEAR]).toArray(),
  );
  await time('activity rows of the year', () =>
    db.reportActivity.where('year').equals(BENCH_YEAR).toArray(),
  );
  await time('amounts', () => db.amounts.toArray());
  await time('walk-in rows of the year', () =>
    db.reportWalkIns.where('year').equals(BENCH_YEAR).toArray(),
  );
  await time('report facts', () =>
    Promise.all(REPORT_FACT_TYPES.map((t) => db.events.where('type').equals(t).toArray())),
  );
  const input = await time('whole input', () => readYearReportInput(db, BENCH_YEAR, nowMs));
  const t0 = performance.now();
  buildYearReport(input, BENCH_YEAR);
  out['buildYearReport'] = Math.round(performance.now() - t0);
  return out;
}

async function timeBaselineCount(): Promise<{ ms: number; count: number }> {
  const db = getDb();
  const t0 = performance.now();
  const count = await db.events
    .where('day')
    .between(`${BENCH_YEAR}-01-01`, `${BENCH_YEAR}-12-31`, true, true)
    .count();
  return { ms: performance.now() - t0, count };
}

async function timeBaselineRead(): Promise<{ ms: number; count: number }> {
  const db = getDb();
  const t0 = performance.now();
  let count = 0;
  await db.events
    .where('day')
    .between(`${BENCH_YEAR}-01-01`, `${BENCH_YEAR}-12-31`, true, true)
    .each(() => {
      count++;
    });
  return { ms: performance.now() - t0, count };
}

if (typeof window !== 'undefined')
  (window as unknown as { benchApi: unknown }).benchApi = {
    isSeeded,
    seed,
    timeOriginOpen,
    timeParts,
    timeReport,
    timeBaselineCount,
    timeBaselineRead,
  };
