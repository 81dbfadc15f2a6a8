/**
 * The installable offline PWA, on the build served by the real server: the service worker
 * precaches the desk and the camera decoder, a reload with the network off opens the app at the
 * chosen location, the manifest and icons are there, and a new version is offered (never applied
 * by itself).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startAppServer, type AppServer } from './support/app-server.ts';
import { launchChromium } from './support/chromium.ts';
import { openDesk } from './support/desk-page.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A page call that could wait forever (a promise in the page) fails with a name instead. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every URL in the service worker's caches (workbox precache, keyed with `__WB_REVISION__`). */
async function readCachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys())
        urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}

describe('offline PWA', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('opens at the chosen location after a reload with the network off, decoder and icons included', async () => {
    const context = await browser.newContext();
    try {
      const page = await openDesk(context, server.url, /Casa Jepie Makandra/);
      await expect.poll(() => page.getByText('Locatie: Casa Jepie Makandra').count()).toBe(1);

      const cached = await readCachedUrls(page);
      expect(cached).toContain('/index.html');
      // index.html's first script (IndexedDB's early open) must load offline too.
      expect(cached).toContain('/open-idb-early.js');
      expect(cached.some((u) => /^\/assets\/index-.*\.js$/.test(u))).toBe(true);
      // The camera decoder works offline too: its wasm is in the precache, not fetched from a CDN.
      expect(cached.some((u) => u.endsWith('.wasm'))).toBe(true);
      expect(cached).toEqual(
        expect.arrayContaining([
          '/manifest.webmanifest',
          '/icons/icon-192.png',
          '/icons/icon-512.png',
          '/icons/icon-maskable-512.png',
        ]),
      );

      await context.setOffline(true);
      expect(
        await page.evaluate(() =>
          fetch('/api/v1/health').then(
            () => 'online',
            () => 'offline',
          ),
        ),
      ).toBe('offline');
      await page.reload();
      await page.getByText('Locatie: Casa Jepie Makandra').waitFor();
      expect(await page.getByRole('button', { name: /Kies Casa Jepie/ }).count()).toBe(0);
      // The desk itself, ready for a typed or scanned pass.
      await page.getByLabel('Of typ het pasnummer').focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('pass');
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      // The manifest, its icons and the camera's wasm all come from the service worker while offline.
      const manifest = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href;
        if (!href) return null;
        const m = (await (await fetch(href)).json()) as {
          icons: { src: string; sizes: string; purpose?: string }[];
        } & Record<string, unknown>;
        const icons = [];
        for (const icon of m.icons) {
          const res = await fetch(icon.src);
          const bitmap = await createImageBitmap(await res.blob());
          icons.push({
            ...icon,
            type: res.headers.get('content-type'),
            width: bitmap.width,
            height: bitmap.height,
          });
        }
        return { ...m, icons };
      });
      expect(manifest).toMatchObject({
        name: expect.stringContaining('Buurtpas'),
        short_name: 'Buurtpas',
        lang: 'nl',
        start_url: '/',
        display: 'standalone',
        theme_color: '#0b5d4b',
      });
      expect(manifest!.icons).toEqual([
        expect.objectContaining({
          src: '/icons/icon-192.png',
          sizes: '192x192',
          type: 'image/png',
          width: 192,
          height: 192,
        }),
        expect.objectContaining({
          src: '/icons/icon-512.png',
          sizes: '512x512',
          type: 'image/png',
          width: 512,
          height: 512,
        }),
        expect.objectContaining({
          src: '/icons/icon-maskable-512.png',
          sizes: '512x512',
          purpose: 'maskable',
          width: 512,
          height: 512,
        }),
      ]);
      const wasm = cached.find((u) => u.endsWith('.wasm'))!;
      expect(
        await page.evaluate(
          (url) =>
            fetch(url)
              .then((r) => r.arrayBuffer())
              .then((b) => WebAssembly.validate(b)),
          wasm,
        ),
      ).toBe(true);

      // Chromium parses the manifest without complaint.
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as {
        errors: { message: string }[];
        url: string;
      };
      expect(parsed.url).toMatch(/manifest\.webmanifest$/);
      expect(parsed.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('new version', () => {
  // Both versions are built here, each into its own directory: dist/ is shared with the other
  // suites (and rebuilt by `npm run test:e2e`), and a rebuild under a running server breaks the
  // service worker's install half-way.
  const outDirs: Record<'1' | '2', string> = { '1': '', '2': '' };

  beforeAll(async () => {
    // vitest sets NODE_ENV=test, and Vite would then build with import.meta.env.DEV true (no
    // service worker registration, React's development build): build as `vite build` does.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await buildVersions();
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }, 300_000);

  async function buildVersions(): Promise<void> {
    for (const version of ['1', '2'] as const) {
      outDirs[version] = mkdtempSync(join(tmpdir(), `buurtpas-build${version}-`));
      // Version 2 differs from version 1 in index.html only, so the precache manifest and sw.js change.
      const marker: Plugin = {
        name: 'buurtpas-test-version',
        transformIndexHtml: (html) =>
          html.replace(
            '</head>',
            `<meta name="buurtpas-test-build" content="${version}" />\n</head>`,
          ),
      };
      await build({
        root: ROOT,
        configFile: join(ROOT, 'vite.config.ts'),
        logLevel: 'error',
        plugins: [marker],
        build: { outDir: outDirs[version], emptyOutDir: true },
      });
    }
  }

  afterAll(() => {
    for (const dir of Object.values(outDirs))
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is offered with "Nieuwe versie beschikbaar" and applied only when the volunteer says so', async () => {
    const first = await startAppServer({ env: { STATIC_DIR: outDirs['1'] } });
    const context = await browser.newContext();
    let second: AppServer | null = null;
    try {
      const page = await openDesk(context, first.url, /Casa Jepie Makandra/);
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
      await page.evaluate(
        () => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true),
      );

      // The same origin now serves version 2; the browser checks for a new worker.
      await first.stop();
      second = await startAppServer({
        port: first.port,
        dataDir: first.dataDir,
        env: { STATIC_DIR: outDirs['2'] },
      });
      await withTimeout(
        page.evaluate(async () => {
          await (await navigator.serviceWorker.getRegistration())!.update();
        }),
        30_000,
        'registration.update() did not settle',
      );

      await page.getByText('Nieuwe versie beschikbaar').waitFor({ timeout: 60_000 });
      // Installed and waiting, not taking over: the page was not reloaded and runs version 1.
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          samePage: (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage === true,
          waiting: registration?.waiting?.state ?? null,
          build: document
            .querySelector('meta[name="buurtpas-test-build"]')
            ?.getAttribute('content'),
        };
      });
      expect(state).toEqual({ samePage: true, waiting: 'installed', build: '1' });
      expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(
        firstWorker,
      );

      // A reload by hand keeps version 1 and offers the waiting version again.
      await page.reload();
      await page.getByText('Nieuwe versie beschikbaar').waitFor({ timeout: 60_000 });
      expect(
        await page.evaluate(() =>
          document.querySelector('meta[name="buurtpas-test-build"]')?.getAttribute('content'),
        ),
      ).toBe('1');

      // "Vernieuwen": the new worker takes over and the page reloads into version 2.
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Vernieuwen' }).click(),
      ]);
      await page.getByText('Locatie: Casa Jepie Makandra').waitFor();
      expect(
        await page.evaluate(() =>
          document.querySelector('meta[name="buurtpas-test-build"]')?.getAttribute('content'),
        ),
      ).toBe('2');
      expect(await page.getByText('Nieuwe versie beschikbaar').count()).toBe(0);
    } finally {
      await context.close();
      await (second ?? first).stop();
    }
  }, 180_000);
});
