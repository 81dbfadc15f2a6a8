/**
 * Offline cold start: Chromium starts with the service worker installed and the network off, opens
 * the app, and the desk is usable (the "type the pass number" field is in the page and can take
 * focus). Median over 10 browser starts (one profile, so the worker and IndexedDB persist); the
 * baseline is a blank document (favicon.svg) from the same worker-controlled origin, so the figure
 * shows what the app itself costs above service-worker start and cache lookup.
 * Needs a build in dist/ (`npx vite build`). Alone: `npx tsx bench/cold-start.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startAppServer } from '../tests/e2e/support/app-server.ts';
import { BASE_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/chromium.ts';
import { waitForServiceWorker } from '../tests/e2e/support/desk-page.ts';

const RUNS = 10;
const SCAN_FIELD_LABEL = 'Of typ het pasnummer';

export type ColdStartFigures = {
  runs: number;
  deskReadyMs: { median: number; p90: number; min: number; max: number };
  firstPaintMs: number;
  blankPageMs: { median: number; min: number; max: number };
};

declare global {
  interface Window {
    __deskReadyAt?: number;
  }
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

export async function benchColdStart(): Promise<ColdStartFigures> {
  const server = await startAppServer();
  const profile = mkdtempSync(join(tmpdir(), 'buurtpas-cold-start-'));
  try {
    // Install: first visit online, choose the location, let the service worker take control.
    {
      const context = await openProfile(profile, false);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      await page.getByRole('button', { name: /Casa Jepie Makandra/ }).click();
      await waitForServiceWorker(page);
      await page.getByLabel(SCAN_FIELD_LABEL).waitFor();
      await context.close();
    }

    const desk: number[] = [];
    const paints: number[] = [];
    const blank: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await openProfile(profile, true);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        // tsx keeps function names through a `__name` helper the page does not have.
        await page.addInitScript('globalThis.__name ??= (fn) => fn');
        await page.addInitScript(watchForDesk, SCAN_FIELD_LABEL);
        await page.goto(server.url);
        await page.waitForFunction(() => window.__deskReadyAt !== undefined, undefined, {
          timeout: 30_000,
        });
        const t = await page.evaluate(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          return {
            ready: window.__deskReadyAt!,
            fcp,
            controlled: navigator.serviceWorker.controller !== null,
          };
        });
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
    console.log(
      `\nOffline cold start (${RUNS} browser starts, service worker installed, network off; times from navigation start)`,
    );
    console.log(
      `desk usable (scan field in the page): median ${ms(deskReadyMs.median)}, p90 ${ms(deskReadyMs.p90)}, min ${ms(deskReadyMs.min)}, max ${ms(deskReadyMs.max)}; target < 1000 ms`,
    );
    console.log(`  first contentful paint: median ${ms(firstPaintMs)}`);
    console.log(
      `  baseline, blank document from the same service worker: median ${ms(blankPageMs.median)} (min ${ms(blankPageMs.min)}, max ${ms(blankPageMs.max)}) → the app adds ${ms(deskReadyMs.median - blankPageMs.median)}`,
    );
    return { runs: RUNS, deskReadyMs, firstPaintMs, blankPageMs };
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchColdStart();
}
