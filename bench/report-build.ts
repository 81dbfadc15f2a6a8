/**
 * `buildYearReport` alone, on a synthetic input of the server's 10.000.000-fact shape (see
 * bench/server-scale.ts): 100.000 people on three locations, about 300.000 activity rows of the
 * year (each with its visit-days, use-days and uses per service) and a few thousand of the next
 * year. The input is made directly (the ledger folded from registrations, memberships, payments
 * and merges; the activity rows written out packed as the projection keeps them), so no 10M facts
 * are folded: this times the domain function, not a server. Beside it, in the same run, a plain
 * loop over the same rows summing their day counters (the least any report over them must do).
 *
 * `REPORT_BUILD_COMPARE=path/to/a/copy-of/build-year-report.ts` also times that copy (e.g. main's,
 * `git show main:src/domain/report/build-year-report.ts > src/domain/report/old-build.tmp.ts`) on
 * the same input and checks both give the same report. Runs alone: `npx tsx bench/report-build.ts`.
 */
import { isDeepStrictEqual } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SERVICES, LOCATIONS } from '../src/domain/catalog.ts';
import type { BuurtpasEvent } from '../src/domain/events.ts';
import { foldEvents } from '../src/domain/ledger.ts';
import { ledgerOf } from '../src/server/sync/summary-cache.ts';
import {
  buildYearReport,
  type YearReport,
  type YearReportInput,
} from '../src/domain/report/build-year-report.ts';
import { summarize } from '../src/domain/summary.ts';
import { activityKey, type ActivityRow } from '../src/domain/report/report-aggregates.ts';
import { anEvent } from '../src/domain/testing/event-builders.ts';
import { median } from './stats.ts';

const YEAR = 2026;
const AS_OF = '2026-12-15';

function makeRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const memberOf = (n: number) => `0190b000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** Packed day counters (see DayCounters) of `n` distinct days, sorted, counters 1–2. */
function packedDays(random: () => number, n: number, maxDay: number): number[] {
  const days = new Set<number>();
  while (days.size < n) days.add(Math.floor(random() * maxDay));
  return [...days].sort((a, b) => a - b).map((d) => (d << 16) | (random() < 0.8 ? 1 : 2));
}

/** A year-report input of the 10M-fact server's shape (deterministic). */
export function makeScaleReportInput(people = 100_000, rowsInYear = 300_000): YearReportInput {
  const random = makeRandom(7);
  const events: BuurtpasEvent[] = [];
  const homeOf = (m: number) => LOCATIONS[m % 3]!.id;
  const servicesOf = new Map(
    LOCATIONS.map((l) => [l.id, DEFAULT_SERVICES.filter((s) => s.locationId === l.id)]),
  );
  for (let m = 0; m < people; m++) {
    const memberId = memberOf(m);
    const year = 2021 + (m % 6);
    const at = { at: `${year}-0${1 + (m % 9)}-1${m % 9}T10:00:00.000Z` };
    events.push(anEvent('client-registered', { memberId, locationId: homeOf(m) }, at));
    if (m % 5 === 0)
      events.push(
        anEvent('client-registered', { memberId, locationId: LOCATIONS[(m + 1) % 3]!.id }, at),
      );
    if (m % 4 !== 0) {
      const associationId = `bv-${homeOf(m)}`;
      events.push(
        anEvent('membership-started', { memberId, associationId, date: at.at.slice(0, 10) }, at),
      );
      if (m % 3 !== 0)
        events.push(
          anEvent(
            'payment-recorded',
            { memberId, associationId, year: YEAR, amountCents: 250, method: 'cash' },
            { at: '2026-01-15T10:00:00.000Z' },
          ),
        );
    }
    if (m % 97 === 0 && m > 0)
      events.push(
        anEvent('members-merged', { fromMemberId: memberId, intoMemberId: memberOf(m - 1) }, at),
      );
  }
  const folded = foldEvents(events);
  // As the server and a laptop read it: only merged member records (src/server/sync/summary-cache.ts).
  const ledger = ledgerOf(folded);
  ledger.members = new Map([...folded.members].filter(([, m]) => m.mergedInto));

  const activity: ActivityRow[] = [];
  const addRow = (year: number, m: number, locationId: string, maxDay: number) => {
    const memberId = memberOf(m);
    const visits = 1 + Math.floor(random() * random() * 24);
    const days = packedDays(random, Math.min(visits, maxDay), maxDay);
    const list = servicesOf.get(locationId)!;
    const services: Record<string, number> = {};
    const useDays: number[] = [];
    for (const v of days) {
      if (random() < 0.3) continue;
      const s = list[Math.floor(random() * list.length)]!.id;
      services[s] = (services[s] ?? 0) + (v & 0xffff);
      useDays.push(v);
    }
    activity.push({
      key: activityKey(year, locationId, memberId),
      year,
      locationId,
      memberId,
      days,
      useDays,
      services,
    });
  };
  // Every person at home, then second locations, until the year has `rowsInYear` rows.
  for (let i = 0; i < rowsInYear; i++) {
    const m = i % people;
    const round = Math.floor(i / people);
    addRow(YEAR, m, LOCATIONS[(m + round) % 3]!.id, 349);
  }
  for (let i = 0; i < rowsInYear / 40; i++) addRow(YEAR + 1, (i * 13) % people, homeOf(i), 20);

  const facts = [];
  for (let i = 0; i < 900; i++) {
    const m = (i * 101) % people;
    const at = { at: `2026-${String(1 + (i % 12)).padStart(2, '0')}-10T10:00:00.000Z` };
    if (i % 3 === 0)
      facts.push(
        anEvent(
          'referral-recorded',
          { memberId: memberOf(m), locationId: homeOf(m), source: 'wpi', date: at.at.slice(0, 10) },
          at,
        ),
      );
    else
      facts.push(
        anEvent(
          'role-period-set',
          {
            memberId: memberOf(m),
            locationId: homeOf(m),
            role: i % 2 ? 'volunteer' : 'key-holder',
            from: at.at.slice(0, 10),
            to: null,
          },
          at,
        ),
      );
  }
  // A structured clone, as rows read from a database are: flat strings, no shared objects.
  return structuredClone({ ledger, activity, walkIns: [], facts, asOf: AS_OF });
}

/** The baseline: one plain loop over the same rows, summing their day counters. */
function sumRows(rows: readonly ActivityRow[]): number {
  let sum = 0;
  for (const row of rows) for (const v of row.days) sum += (v << 16) >> 16;
  return sum;
}

/** Median wall time and median CPU time of this process (on a shared machine the CPU time is
 * the steadier figure: it leaves out the time other processes held the cores). */
function time<T>(runs: number, fn: () => T): { ms: number; cpuMs: number; last: T } {
  const all: number[] = [];
  const cpu: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = fn();
    all.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(all), cpuMs: median(cpu), last };
}

const fmt = (t: { ms: number; cpuMs: number }) =>
  `${t.ms.toFixed(1)} ms (cpu ${t.cpuMs.toFixed(1)})`;

export async function benchReportBuild(
  options: { people?: number; rows?: number; runs?: number; compare?: string } = {},
): Promise<Record<string, string | number>> {
  const runs = options.runs ?? 5;
  const input = makeScaleReportInput(options.people, options.rows);
  const compare = options.compare ?? process.env.REPORT_BUILD_COMPARE;
  const other = compare
    ? ((await import(pathToFileURL(resolve(compare)).href)) as {
        buildYearReport: typeof buildYearReport;
      })
    : null;
  const figures: Record<string, string | number> = {
    'activity rows': input.activity.length,
    'registrations (people and their second locations)': input.ledger.registrations.size,
  };
  // As the server builds it: with the summary its summary answer computed for the same seq.
  const summary = summarize(input.ledger, YEAR);
  const contenders: [string, () => YearReport][] = [
    ['buildYearReport', () => buildYearReport(input, YEAR)],
    [
      'buildYearReport, summary given (the server’s way)',
      () => buildYearReport({ ...input, summary }, YEAR),
    ],
  ];
  if (other)
    contenders.unshift([`buildYearReport of ${compare}`, () => other.buildYearReport(input, YEAR)]);
  // Taken in turns, one run each, after one run each to warm up: none gains from going later
  // (a warmer JIT) or loses from going first (the input's garbage still being collected).
  for (const [, build] of contenders) build();
  const timings = contenders.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  const last: YearReport[] = [];
  for (let r = 0; r < runs; r++)
    contenders.forEach(([, build], i) => {
      const t = time(1, build);
      timings[i]!.wall.push(t.ms);
      timings[i]!.cpu.push(t.cpuMs);
      last[i] = t.last;
    });
  contenders.forEach(([name], i) => {
    figures[`${name} median`] = fmt({
      ms: median(timings[i]!.wall),
      cpuMs: median(timings[i]!.cpu),
    });
  });
  figures['same report'] = last.every((r) => isDeepStrictEqual(r, last[0])) ? 'yes' : 'NO';
  const baseline = time(runs, () => sumRows(input.activity));
  figures['baseline: plain loop summing the rows’ day counters'] = fmt(baseline);
  figures['individuals reached'] = last[0]!.total.individualsReached;
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await benchReportBuild());
}
