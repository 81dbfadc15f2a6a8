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

/** Every URL in the service worker's caches (workbox precache, keyed with `__WB_REVISION__`). */
async function readCachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
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
      expect(cached.some((u) => /^\/assets\/index-.*\.js$/.test(u))).toBe(true);
      // The camera decoder works offline too: its wasm is in the precache, not fetched from a CDN.
      expect(cached.some((u) => u.endsWith('.wasm'))).toBe(true);
      expect(cached).toEqual(expect.arrayContaining(['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png']));

      await context.setOffline(true);
      expect(await page.evaluate(() => fetch('/api/v1/health').then(() => 'online', () => 'offline'))).toBe('offline');
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
        const m = (await (await fetch(href)).json()) as { icons: { src: string; sizes: string; purpose?: string }[] } & Record<string, unknown>;
        const icons = [];
        for (const icon of m.icons) {
          const res = await fetch(icon.src);
          const bitmap = await createImageBitmap(await res.blob());
          icons.push({ ...icon, type: res.headers.get('content-type'), width: bitmap.width, height: bitmap.height });
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
        expect.objectContaining({ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', width: 192, height: 192 }),
        expect.objectContaining({ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', width: 512, height: 512 }),
        expect.objectContaining({ src: '/icons/icon-maskable-512.png', sizes: '512x512', purpose: 'maskable', width: 512, height: 512 }),
      ]);
      const wasm = cached.find((u) => u.endsWith('.wasm'))!;
      expect(await page.evaluate((url) => fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.validate(b)), wasm)).toBe(true);

      // Chromium parses the manifest without complaint.
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; url: string };
      expect(parsed.url).toMatch(/manifest\.webmanifest$/);
      expect(parsed.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('new version', () => {
  let outDir = '';

  beforeAll(async () => {
    // Version 2: the same app with a changed index.html, so the precache manifest and sw.js change.
    outDir = mkdtempSync(join(tmpdir(), 'buurtpas-build2-'));
    const marker: Plugin = {
      name: 'buurtpas-test-version-2',
      transformIndexHtml: (html) => html.replace('</head>', '<meta name="buurtpas-test-build" content="2" />\n</head>'),
    };
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      plugins: [marker],
      build: { outDir, emptyOutDir: true },
    });
  }, 300_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('is offered with "Nieuwe versie beschikbaar" and applied only when the volunteer says so', async () => {
    const first = await startAppServer();
    const context = await browser.newContext();
    let second: AppServer | null = null;
    try {
      const page = await openDesk(context, first.url, /Casa Jepie Makandra/);
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
      await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

      // The same origin now serves version 2; the browser checks for a new worker.
      await first.stop();
      second = await startAppServer({ port: first.port, dataDir: first.dataDir, env: { STATIC_DIR: outDir } });
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())!.update();
      });

      await page.getByText('Nieuwe versie beschikbaar').waitFor({ timeout: 60_000 });
      // Installed and waiting, not taking over: the page was not reloaded and runs version 1.
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          samePage: (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage === true,
          waiting: registration?.waiting?.state ?? null,
          build: document.querySelector('meta[name="buurtpas-test-build"]')?.getAttribute('content') ?? '1',
        };
      });
      expect(state).toEqual({ samePage: true, waiting: 'installed', build: '1' });
      expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(firstWorker);

      // A reload by hand keeps version 1 and offers the waiting version again.
      await page.reload();
      await page.getByText('Nieuwe versie beschikbaar').waitFor({ timeout: 60_000 });
      expect(await page.evaluate(() => document.querySelector('meta[name="buurtpas-test-build"]') === null)).toBe(true);

      // "Vernieuwen": the new worker takes over and the page reloads into version 2.
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vernieuwen' }).click()]);
      await page.getByText('Locatie: Casa Jepie Makandra').waitFor();
      expect(await page.evaluate(() => document.querySelector('meta[name="buurtpas-test-build"]')?.getAttribute('content'))).toBe('2');
      expect(await page.getByText('Nieuwe versie beschikbaar').count()).toBe(0);
    } finally {
      await context.close();
      await (second ?? first).stop();
    }
  }, 180_000);
});
