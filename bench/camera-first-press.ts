/**
 * The desk's first "Camera" press right after the page loaded (bench/camera-decode.ts part 3,
 * "first open in a page"), with more pages and where the time goes: the press, the scanner's lazy
 * chunk (fetched, by whom: the desk's warm-up before the press or the press itself), the Suspense
 * fallback, the scanner on screen, the wasm fetched, the video playing, the result card. Long tasks
 * on the main thread between the page's start and the answer are summed per page.
 *
 * Several builds in turn (pairs), so a comparison sees the same load: each build is served by its
 * own app server, and page i of every build runs before page i + 1 of any.
 * `npx tsx bench/camera-first-press.ts [--pages 8] [--pairs 3] [label=dir ...]`
 * (default: this tree's dist/ only; e.g. `main=/tmp/main-dist branch=dist`). Prints; asserts nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CARD_ONLY_FILM, paintPassVideo } from '../tests/e2e/camera-pass-video.ts';
import { ROOT, startAppServer, type AppServer } from '../tests/e2e/support/app-server.ts';
import { launchChromium } from '../tests/e2e/support/chromium.ts';
import { completeRegistration, openDesk } from '../tests/e2e/support/desk-page.ts';

const PASS = '4820193756';
const CAMERA_BUTTON = 'Pas scannen met de camera';

type Phases = {
  /** Page time (ms since navigation start) of the press. */
  pressedAt: number;
  resultMs: number;
  /** Relative to the press; negative: before it. Null: not seen. */
  chunkFetchStartMs: number | null;
  chunkFetchEndMs: number | null;
  wasmFetchStartMs: number | null;
  wasmFetchEndMs: number | null;
  fallbackMs: number | null;
  scannerMs: number | null;
  playingMs: number | null;
  /** Long tasks (> 50 ms) from the page's start to the answer: count and total ms. */
  longTasks: number;
  longTaskMs: number;
  /** Of which after the press. */
  longTaskMsAfterPress: number;
};

declare global {
  interface Window {
    __firstPress?: {
      pressedAt?: number;
      resultAt?: number;
      cardBefore?: Element | null;
      fallbackAt?: number;
      scannerAt?: number;
      playingAt?: number;
      longTasks: { start: number; duration: number }[];
    };
  }
}

/** Init script: marks in page time what happens around the first press. */
function watchFirstPress(): void {
  const w: NonNullable<Window['__firstPress']> = { longTasks: [] };
  window.__firstPress = w;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }
  document.addEventListener(
    'click',
    (e) => {
      if (
        w.pressedAt === undefined &&
        e.target instanceof Element &&
        e.target.closest('button[aria-expanded]')?.textContent?.trim() === 'Camera'
      ) {
        w.pressedAt = performance.now();
        w.cardBefore = document.querySelector('.result-card');
      }
    },
    true,
  );
  document.addEventListener('playing', () => (w.playingAt ??= performance.now()), true);
  new MutationObserver(() => {
    if (w.pressedAt === undefined || w.resultAt !== undefined) return;
    if (w.fallbackAt === undefined && document.querySelector('.camera-loading'))
      w.fallbackAt = performance.now();
    if (w.scannerAt === undefined && document.querySelector('.camera-scanner'))
      w.scannerAt = performance.now();
    const card = document.querySelector('.result-card');
    if (card && card !== w.cardBefore) w.resultAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

async function readPhases(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    const w = window.__firstPress!;
    const at = w.pressedAt!;
    const rel = (t: number | undefined) => (t === undefined ? null : t - at);
    const resource = (part: string) =>
      performance.getEntriesByType('resource').find((e) => e.name.includes(part)) as
        PerformanceResourceTiming | undefined;
    const chunk = resource('/camera-scanner-');
    const wasm = resource('.wasm');
    const tasks = w.longTasks.filter((t) => t.start < w.resultAt!);
    return {
      pressedAt: at,
      resultMs: w.resultAt! - at,
      chunkFetchStartMs: chunk ? chunk.startTime - at : null,
      chunkFetchEndMs: chunk ? chunk.responseEnd - at : null,
      wasmFetchStartMs: wasm ? wasm.startTime - at : null,
      wasmFetchEndMs: wasm ? wasm.responseEnd - at : null,
      fallbackMs: rel(w.fallbackAt),
      scannerMs: rel(w.scannerAt),
      playingMs: rel(w.playingAt),
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
      longTaskMsAfterPress: tasks.reduce(
        (s, t) =>
          s + Math.max(0, Math.min(t.start + t.duration, w.resultAt!) - Math.max(t.start, at)),
        0,
      ),
    };
  });
}

type Build = { label: string; dir: string; app: AppServer; context: BrowserContext };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2).replace('.', ','))
    .join(' ');

function parseArgs(argv: string[]): { pages: number; pairs: number; builds: [string, string][] } {
  let pages = 8;
  let pairs = 1;
  const builds: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--pages') pages = Number(argv[++i]);
    else if (a === '--pairs') pairs = Number(argv[++i]);
    else {
      const eq = a.indexOf('=');
      if (eq < 1) throw new Error(`expected label=dir, got ${a}`);
      builds.push([a.slice(0, eq), resolve(a.slice(eq + 1))]);
    }
  }
  if (builds.length === 0) builds.push(['dist', join(ROOT, 'dist')]);
  return { pages, pairs, builds };
}

export async function benchCameraFirstPress(
  options: { pages?: number; pairs?: number; builds?: [string, string][] } = {},
): Promise<Record<string, { median: number; max: number; over500: number; n: number }>> {
  const pages = options.pages ?? 8;
  const pairs = options.pairs ?? 1;
  const specs = options.builds ?? [['dist', join(ROOT, 'dist')]];
  for (const [, dir] of specs)
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}: no build (npx vite build)`);
  const tmp = mkdtempSync(join(tmpdir(), 'buurtpas-first-press-'));
  const video = join(tmp, 'card-only.y4m');
  await paintPassVideo(video, PASS, CARD_ONLY_FILM);
  const camera = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  const builds: Build[] = [];
  const results = new Map<string, Phases[]>();
  try {
    for (const [label, dir] of specs) {
      const app = await startAppServer({ env: { STATIC_DIR: dir } });
      const context = await camera.newContext();
      builds.push({ label, dir, app, context });
      await context.grantPermissions(['camera'], { origin: app.url });
      await context.addInitScript('globalThis.__name ??= (fn) => fn');
      await context.addInitScript(watchFirstPress);
      // A known member, so each read is an arrival card (an unknown pass opens the form).
      const setup = await openDesk(context, app.url, /Casa Jepie Makandra/);
      await setup.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
      await setup.getByLabel(/^Pasnummer/).fill(PASS);
      await completeRegistration(setup, 'Camera Bench');
      await setup.close();
      results.set(label, []);
    }
    console.log(
      `First "Camera" press right after the page loaded (page.goto resolved, then the press): ${pairs} round(s) × ${pages} pages per build, builds in turn; load average at start ${load()}`,
    );
    for (let round = 0; round < pairs; round++) {
      for (let i = 0; i < pages; i++) {
        for (const b of builds) {
          const page = await b.context.newPage();
          await page.goto(b.app.url);
          await page.getByRole('button', { name: CAMERA_BUTTON }).click();
          await page.waitForFunction(() => window.__firstPress?.resultAt !== undefined, undefined, {
            timeout: 30_000,
          });
          results.get(b.label)!.push(await readPhases(page));
          await page.close();
        }
      }
      const line = builds
        .map((b) => {
          const r = results
            .get(b.label)!
            .slice(round * pages)
            .map((p) => p.resultMs);
          return `${b.label} median ${ms(median(r))} ms, max ${ms(Math.max(...r))} ms`;
        })
        .join(' | ');
      console.log(`  round ${round + 1}: ${line}; load average ${load()}`);
    }
  } finally {
    await camera.close();
    for (const b of builds) await b.app.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const summary: Record<string, { median: number; max: number; over500: number; n: number }> = {};
  for (const b of builds) {
    const all = results.get(b.label)!;
    const r = all.map((p) => p.resultMs);
    summary[b.label] = {
      median: median(r),
      max: Math.max(...r),
      over500: r.filter((x) => x >= 500).length,
      n: r.length,
    };
    console.log(
      `\n${b.label} (${b.dir}): press → result median ${ms(median(r))} ms, max ${ms(Math.max(...r))} ms, ${summary[b.label]!.over500} of ${r.length} at or over 500 ms; target < 500 ms; the scanner on screen 250 ms or more after the press (a held Suspense fallback) in ${all.filter((p) => (p.scannerMs ?? 0) >= 250).length}`,
    );
    console.log(
      '  press@  result | chunk fetch start/end | fallback scanner | wasm start/end | playing | long tasks n/ms (after press)',
    );
    for (const p of all)
      console.log(
        `  ${ms(p.pressedAt).padStart(6)} ${ms(p.resultMs).padStart(6)} | ${ms(p.chunkFetchStartMs).padStart(6)} ${ms(p.chunkFetchEndMs).padStart(6)}        | ${ms(p.fallbackMs).padStart(6)} ${ms(p.scannerMs).padStart(6)}   | ${ms(p.wasmFetchStartMs).padStart(6)} ${ms(p.wasmFetchEndMs).padStart(6)} | ${ms(p.playingMs).padStart(6)}  | ${p.longTasks}/${ms(p.longTaskMs)} (${ms(p.longTaskMsAfterPress)})`,
      );
  }
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCameraFirstPress(parseArgs(process.argv.slice(2)));
}
