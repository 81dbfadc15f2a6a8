/**
 * Offline cold start: Chromium starts with the service worker installed and the network off, opens
 * the app, and the desk is usable (the "type the pass number" field is in the page and can take
 * focus). Median over 10 browser starts (one profile, so the worker and IndexedDB persist); the
 * baseline is a blank document (favicon.svg) from the same worker-controlled origin, so the figure
 * shows what the app itself costs above service-worker start and cache lookup.
 * Needs a build in dist/ (`npx vite build`). Alone: `npx tsx bench/cold-start.ts`.
 *
 * A laptop that has worked for a year (docs/year-report.md, Rounds y14 and o15): after a browser
 * restart Chromium's first IndexedDB request of the origin reads every deletion marker earlier
 * writes left (hundreds of ms at 1.000.000 facts). `COLD_START_PROFILE=/tmp/dir` runs on such a
 * profile: one seeded by bench/report-year.ts (`REPORT_BENCH_PROFILE=/tmp/dir`) with
 * `COLD_START_PORT` equal to its `REPORT_BENCH_PORT` (IndexedDB belongs to an origin, so the app
 * is then served on that port; the seed's database lives beside the app's, in the same LevelDB).
 * The app is installed into it once (location chosen, worker installed) and the profile is kept.
 * `COLD_START_DIST=/other/dist` serves another build (to measure main and a branch in turn),
 * `COLD_START_RUNS` sets the number of starts. Each start also reports where it waited: the
 * first IndexedDB open's start and end (whoever asked), the bundle's arrival and evaluation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startAppServer } from '../tests/e2e/support/app-server.ts';
import { BASE_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';
import { waitForServiceWorker } from '../tests/e2e/support/desk-page.ts';

const RUNS = Number(process.env.COLD_START_RUNS ?? 10);
const SCAN_FIELD_LABEL = 'Of typ het pasnummer';

export type ColdStartFigures = {
  runs: number;
  deskReadyMs: { median: number; p90: number; min: number; max: number };
  firstPaintMs: number;
  blankPageMs: { median: number; min: number; max: number };
  /** Medians, ms from navigation start: where the start waited. */
  waits: Record<string, number>;
};

declare global {
  interface Window {
    __deskReadyAt?: number;
    __firstIdbOpen?: { start: number; end?: number };
    __appIdbOpen?: { start: number; end?: number };
  }
}

/** Records, in page time, when the page's first `indexedDB.open` was asked and answered. */
function watchFirstIndexedDbOpen(): void {
  const original = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function open(this: IDBFactory, ...args: [string, number?]) {
    const request = original.apply(this, args);
    const watch = () => {
      const timing = { start: performance.now() } as { start: number; end?: number };
      // Answered: success, error, or the upgrade step (which comes before success).
      const done = () => (timing.end ??= performance.now());
      request.addEventListener('success', done);
      request.addEventListener('error', done);
      request.addEventListener('upgradeneeded', done);
      return timing;
    };
    window.__firstIdbOpen ??= watch();
    // The app's own open: Dexie always asks for a version (the early script never does).
    if (args[1] !== undefined) window.__appIdbOpen ??= watch();
    return request;
  };
}

function summarize(values: number[]): { median: number; p90: number; min: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  const median =
    s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median, p90: at(0.9), min: s[0]!, max: s[s.length - 1]! };
}

const ms = (n: number) => `${Math.round(n)} ms`;

/** Marks, in page time (ms since navigation start), when the scan field exists and is enabled. */
function watchForDesk(label: string): void {
  const check = () => {
    if (window.__deskReadyAt !== undefined) return true;
    for (const l of document.querySelectorAll('label')) {
      const control = l.control;
      if (
        l.textContent?.trim() === label &&
        control instanceof HTMLInputElement &&
        !control.disabled
      ) {
        window.__deskReadyAt = performance.now();
        return true;
      }
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  document.addEventListener('readystatechange', () => check() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true });
}

async function openProfile(profile: string, offline: boolean): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: BASE_ARGS,
  });
  if (offline) await context.setOffline(true);
  return context;
}

export async function benchColdStart(
  options: { profile?: string; port?: number; dist?: string } = {},
): Promise<ColdStartFigures> {
  const server = await startAppServer({
    port: options.port,
    env: options.dist ? { STATIC_DIR: options.dist } : {},
  });
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'buurtpas-cold-start-'));
  try {
    // Install: first visit online, choose the location, let the service worker take control
    // (a kept profile may have it all already; a new build's worker then takes over here).
    {
      const context = await openProfile(profile, false);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      // A kept profile may hold another build's worker, which would go on serving that build (a
      // new one waits for the volunteer's consent): remove it and its caches, then load again.
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
        for (const name of await caches.keys()) await caches.delete(name);
      });
      await page.goto(server.url);
      const choose = page.getByRole('button', { name: /Casa Jepie Makandra/ });
      const scan = page.getByLabel(SCAN_FIELD_LABEL);
      await choose.or(scan).first().waitFor({ timeout: 60_000 });
      if (await choose.isVisible()) await choose.click();
      await waitForServiceWorker(page);
      await scan.waitFor({ timeout: 60_000 });
      // A kept profile may hold an older build's worker: reload until this build's is in control.
      await page.reload();
      await scan.waitFor({ timeout: 60_000 });
      await context.close();
    }

    const desk: number[] = [];
    const paints: number[] = [];
    const blank: number[] = [];
    const waits: Record<string, number[]> = {};
    const addWait = (name: string, value: number | undefined) => {
      if (value !== undefined && Number.isFinite(value)) (waits[name] ??= []).push(value);
    };
    for (let run = 0; run < RUNS; run++) {
      const context = await openProfile(profile, true);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        // tsx keeps function names through a `__name` helper the page does not have.
        await page.addInitScript('globalThis.__name ??= (fn) => fn');
        await page.addInitScript(watchForDesk, SCAN_FIELD_LABEL);
        await page.addInitScript(watchFirstIndexedDbOpen);
        await page.goto(server.url);
        await page.waitForFunction(() => window.__deskReadyAt !== undefined, undefined, {
          timeout: 30_000,
        });
        const t = await page.evaluate(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime;
          const bundle = performance
            .getEntriesByType('resource')
            .find((e) => /\/assets\/index-[^/]*\.js$/.test(e.name)) as
            PerformanceResourceTiming | undefined;
          return {
            ready: window.__deskReadyAt!,
            fcp,
            controlled: navigator.serviceWorker.controller !== null,
            idbStart: window.__firstIdbOpen?.start,
            idbEnd: window.__firstIdbOpen?.end,
            appIdbStart: window.__appIdbOpen?.start,
            appIdbEnd: window.__appIdbOpen?.end,
            bundleArrived: bundle?.responseEnd,
            mainStart: mark('buurtpas:main-start'),
            earlyScript: mark('buurtpas:early-open-start'),
          };
        });
        addWait('early open script ran (public/open-idb-early.js)', t.earlyScript);
        addWait('first IndexedDB open asked', t.idbStart);
        addWait('first IndexedDB open answered', t.idbEnd);
        if (t.idbStart !== undefined && t.idbEnd !== undefined)
          addWait('first IndexedDB open took', t.idbEnd - t.idbStart);
        addWait("the app's open (Dexie) asked", t.appIdbStart);
        addWait("the app's open (Dexie) answered", t.appIdbEnd);
        addWait('main bundle arrived (responseEnd)', t.bundleArrived);
        addWait('main bundle evaluated (main.tsx first statement)', t.mainStart);
        if (!t.controlled) throw new Error('the page was not served by the service worker');
        desk.push(t.ready);
        if (Number.isFinite(t.fcp)) paints.push(t.fcp);
      } finally {
        await context.close();
      }
      // Baseline: a fresh browser, same worker, a document without the app.
      const baseline = await openProfile(profile, true);
      try {
        const page = baseline.pages()[0] ?? (await baseline.newPage());
        await page.goto(`${server.url}/favicon.svg`);
        blank.push(
          await page.evaluate(
            () =>
              (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
                .loadEventEnd,
          ),
        );
      } finally {
        await baseline.close();
      }
    }

    const deskReadyMs = summarize(desk);
    const blankPageMs = summarize(blank);
    const firstPaintMs = summarize(paints).median;
    const waitMedians = Object.fromEntries(
      Object.entries(waits).map(([name, values]) => [name, summarize(values).median]),
    );
    console.log(
      `\nOffline cold start (${RUNS} browser starts, service worker installed, network off; times from navigation start)${options.profile ? `, profile ${options.profile}` : ', new small profile'}`,
    );
    console.log(
      `desk usable (scan field in the page): median ${ms(deskReadyMs.median)}, p90 ${ms(deskReadyMs.p90)}, min ${ms(deskReadyMs.min)}, max ${ms(deskReadyMs.max)}; target < 1000 ms`,
    );
    console.log(`  first contentful paint: median ${ms(firstPaintMs)}`);
    console.log(
      `  baseline, blank document from the same service worker: median ${ms(blankPageMs.median)} (min ${ms(blankPageMs.min)}, max ${ms(blankPageMs.max)}) → the app adds ${ms(deskReadyMs.median - blankPageMs.median)}`,
    );
    console.log('  where it waited (medians, ms from navigation start):');
    for (const [name, value] of Object.entries(waitMedians))
      console.log(`    ${name}: ${ms(value)}`);
    return { runs: RUNS, deskReadyMs, firstPaintMs, blankPageMs, waits: waitMedians };
  } finally {
    await server.stop();
    if (!options.profile) rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const profile = process.env.COLD_START_PROFILE;
  const dist = process.env.COLD_START_DIST;
  // The small profile always (it must not get slower), then the kept big one when given.
  if (process.env.COLD_START_ONLY !== 'big') await benchColdStart({ dist });
  if (profile)
    await benchColdStart({
      profile,
      port: Number(process.env.COLD_START_PORT ?? 4791),
      dist,
    });
}
