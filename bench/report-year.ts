/**
 * The year report over 1.000.000 facts (three locations, five years, 10.000 people):
 * - in headless Chromium from IndexedDB (the app's own tables and `readYearReport`), beside a
 *   plain indexed count and a plain read of the same year's facts, measured in the same run. The
 *   first report is timed three ways: in the page that just seeded (it pays for the seed's
 *   aftermath: its garbage and IndexedDB still writing), in a fresh page (then the median there),
 *   and in a new browser on the same profile (IndexedDB opened and read from disk);
 * - on the server side in Node (`ReportState` folded once, then `buildYearReport`), beside a
 *   plain count over the same facts and the time of the one-time fold.
 * Target: under 1 s each. Figures only; nothing is asserted. Runs alone: `npx tsx bench/report-year.ts`
 * (`REPORT_BENCH_EVENTS=40000 REPORT_BENCH_ONLY=browser` for a quick run).
 * `REPORT_BENCH_PROFILE=/tmp/some-dir` keeps the browser profile there and seeds it only when it
 * does not yet hold this many facts (a 1M seed takes minutes): the next run reuses it. Its pages
 * are then served on a fixed port (`REPORT_BENCH_PORT`, default 4791), as IndexedDB belongs to an
 * origin. A reused profile has no seeding page, so that figure is left out. Use one profile per
 * schema version: opening an older one upgrades it first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BASE_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';
import { buildYearReport } from '../src/domain/report/build-year-report.ts';
import { applyReportEvent, emptyReportState } from '../src/domain/report/report-state.ts';
import { reportInputOf } from '../src/domain/report/report-input.ts';
import { serveDirectory } from './static-server.ts';
import { median } from './stats.ts';
import { BENCH_YEAR, generateReportFacts } from './report-data.ts';

const ROOT = resolve(import.meta.dirname, '..');
const AS_OF = '2027-02-01';
const NOW_MS = Date.parse(`${AS_OF}T10:00:00.000Z`);

type BenchApi = {
  isSeeded: (total: number) => Promise<boolean>;
  timeOriginOpen: () => Promise<number>;
  seed: (total: number, members: number) => Promise<{ events: number; ms: number }>;
  timeParts: (nowMs: number) => Promise<Record<string, number>>;
  timeReport: (nowMs: number) => Promise<{ ms: number; reached: number; registered: number }>;
  timeBaselineCount: () => Promise<{ ms: number; count: number }>;
  timeBaselineRead: () => Promise<{ ms: number; count: number }>;
};

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export async function benchReportYearServer(
  options: { events?: number; members?: number; runs?: number } = {},
): Promise<Record<string, string | number>> {
  const total = options.events ?? 1_000_000;
  const runs = options.runs ?? 5;
  const state = emptyReportState();
  const all: { at: string }[] = [];
  let foldMs = 0;
  const count = generateReportFacts(total, options.members ?? 10_000, (chunk) => {
    const t0 = performance.now();
    for (const e of chunk) applyReportEvent(state, e);
    foldMs += performance.now() - t0;
    for (const e of chunk) all.push({ at: e.at });
  });
  const reportMs: number[] = [];
  let reached = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const report = buildYearReport(reportInputOf(state, BENCH_YEAR, AS_OF), BENCH_YEAR);
    reportMs.push(performance.now() - t0);
    reached = report.total.individualsReached;
  }
  const countMs: number[] = [];
  let inYear = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    inYear = 0;
    for (const e of all) if (e.at.startsWith(String(BENCH_YEAR))) inYear++;
    countMs.push(performance.now() - t0);
  }
  return {
    facts: count,
    'facts in year': inYear,
    'one-time fold (ms)': fmt(foldMs),
    'year report median (ms)': fmt(median(reportMs)),
    'year report first (ms)': fmt(reportMs[0]!),
    'baseline: plain count over the facts (ms)': fmt(median(countMs)),
    'individuals reached': reached,
    'heap used (MB)': Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

export async function benchReportYearBrowser(
  options: {
    events?: number;
    members?: number;
    runs?: number;
    profile?: string;
    port?: number;
  } = {},
): Promise<Record<string, string | number>> {
  const total = options.events ?? 1_000_000;
  const runs = options.runs ?? 5;
  const outDir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-report-'));
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      lib: { entry: join(ROOT, 'bench/report-year-page.ts'), formats: ['es'], fileName: 'page' },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>report bench</title><script type="module" src="./page.js"></script>',
  );
  const server = await serveDirectory(outDir, options.profile ? (options.port ?? 4791) : 0);
  // A profile on disk, as a laptop has: an off-the-record context keeps IndexedDB in memory, with
  // a quota that a million facts and their indexes overflow (the seed then fails).
  if (options.profile) mkdirSync(options.profile, { recursive: true });
  const profileDir =
    options.profile ?? mkdtempSync(join(tmpdir(), 'buurtpas-bench-report-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: BASE_ARGS,
    });
  const openPage = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    // tsx compiles this file with keepNames, which wraps functions passed to page.evaluate in
    // `__name(...)`; the page needs that helper to exist.
    await page.addInitScript('globalThis.__name = (f) => f');
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => 'benchApi' in window);
    return page;
  };
  const timeReport = (page: Page) =>
    page.evaluate(
      (now) => (window as unknown as { benchApi: BenchApi }).benchApi.timeReport(now),
      NOW_MS,
    );
  let browser = await launch();
  try {
    let page = await openPage(browser);
    const reuse =
      options.profile !== undefined &&
      (await page.evaluate(
        (t) => (window as unknown as { benchApi: BenchApi }).benchApi.isSeeded(t),
        total,
      ));
    const seeded = reuse
      ? { events: total, ms: Number.NaN }
      : await page.evaluate(
          // A failed seed says which IndexedDB error it was (the page's own error names are minified).
          ([t, m]) =>
            (window as unknown as { benchApi: BenchApi }).benchApi
              .seed(t!, m!)
              .catch((err: unknown) => {
                const { name, message, inner } = err as Error & { inner?: Error };
                throw new Error(
                  `seed failed: ${name}: ${message} (${inner?.name}: ${inner?.message})`,
                );
              }),
          [total, options.members ?? 10_000],
        );
    // The seed's page holds the garbage of a million facts folded in memory: its first report
    // pays for collecting that (a profile at 300.000 facts: 134 ms of GC against 51 ms after a
    // reload). Kept as a figure of its own; the report's own first run is in a fresh page.
    const afterSeed = reuse ? Number.NaN : (await timeReport(page)).ms;
    await page.reload();
    await page.waitForFunction(() => 'benchApi' in window);
    const report: number[] = [];
    let last = { reached: 0, registered: 0 };
    for (let i = 0; i < runs; i++) {
      const r = await timeReport(page);
      report.push(r.ms);
      last = r;
    }
    const counts: number[] = [];
    let inYear = 0;
    for (let i = 0; i < runs; i++) {
      const r = await page.evaluate(() =>
        (window as unknown as { benchApi: BenchApi }).benchApi.timeBaselineCount(),
      );
      counts.push(r.ms);
      inYear = r.count;
    }
    const read = await page.evaluate(() =>
      (window as unknown as { benchApi: BenchApi }).benchApi.timeBaselineRead(),
    );
    const parts = await page.evaluate(
      (now) => (window as unknown as { benchApi: BenchApi }).benchApi.timeParts(now),
      NOW_MS,
    );
    // As a coordinator meets it after starting the laptop: a new browser on the same profile,
    // its IndexedDB backend opened and read from disk (the OS's file cache may still be warm).
    await browser.close();
    browser = await launch();
    page = await openPage(browser);
    const afterRestart = (await timeReport(page)).ms;
    const again = (await timeReport(page)).ms;
    // Where the first report's extra time goes: in another new browser, first the origin's
    // IndexedDB opened (a small database of its own), then the report. The app pays that open at
    // its start (loadDeskSetup reads the database before any screen shows).
    await browser.close();
    browser = await launch();
    page = await openPage(browser);
    const originOpen = await page.evaluate(() =>
      (window as unknown as { benchApi: BenchApi }).benchApi.timeOriginOpen(),
    );
    const afterOpen = (await timeReport(page)).ms;
    // The same parts once more, in another new browser: each read as it meets IndexedDB cold
    // (in order, so the first read pays for opening the database).
    await browser.close();
    browser = await launch();
    page = await openPage(browser);
    const coldParts = await page.evaluate(
      (now) => (window as unknown as { benchApi: BenchApi }).benchApi.timeParts(now),
      NOW_MS,
    );
    await browser.close();
    // Baseline: the same first open in a browser whose profile holds nothing.
    const emptyDir = mkdtempSync(join(tmpdir(), 'buurtpas-bench-report-empty-'));
    let emptyOpen = Number.NaN;
    try {
      browser = await chromium.launchPersistentContext(emptyDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: BASE_ARGS,
      });
      page = await openPage(browser);
      emptyOpen = await page.evaluate(() =>
        (window as unknown as { benchApi: BenchApi }).benchApi.timeOriginOpen(),
      );
    } finally {
      await browser.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
    return {
      facts: seeded.events,
      'seeding IndexedDB (s)': reuse ? 'reused profile' : (seeded.ms / 1000).toFixed(1),
      'year report first, in the seeding page (ms)': reuse ? 'reused profile' : fmt(afterSeed),
      'year report first, fresh page (ms)': fmt(report[0]!),
      'year report median, fresh page (ms)': fmt(median(report)),
      'year report first after a browser restart (ms)': fmt(afterRestart),
      'year report again after the restart (ms)': fmt(again),
      'first IndexedDB open after a browser restart (ms)': fmt(originOpen),
      'year report first after a browser restart, IndexedDB already open (ms)': fmt(afterOpen),
      'baseline: first IndexedDB open, empty profile (ms)': fmt(emptyOpen),
      'baseline: indexed count of the year facts (ms)': fmt(median(counts)),
      'baseline: reading the year facts (ms)': fmt(read.ms),
      'facts in year': inYear,
      'individuals reached': last.reached,
      'registered clients': last.registered,
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [`part: ${k} (ms)`, v])),
      ...Object.fromEntries(Object.entries(coldParts).map(([k, v]) => [`cold part: ${k} (ms)`, v])),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    if (!options.profile) rmSync(profileDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.env.REPORT_BENCH_EVENTS ?? 1_000_000);
  if (process.env.REPORT_BENCH_ONLY !== 'browser') {
    console.log('# year report, server side (Node)');
    console.table(await benchReportYearServer({ events }));
  }
  console.log('# year report, headless Chromium from IndexedDB');
  console.table(
    await benchReportYearBrowser({
      events,
      profile: process.env.REPORT_BENCH_PROFILE,
      port: process.env.REPORT_BENCH_PORT ? Number(process.env.REPORT_BENCH_PORT) : undefined,
    }),
  );
}
