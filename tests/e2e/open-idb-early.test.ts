/**
 * public/open-idb-early.js, the page's first script: it starts IndexedDB's first open of the
 * origin while the bundle loads (docs/year-report.md, Round o15). It must never stand in the way
 * of the app's own open: it creates no database, and a database of an older schema is still
 * upgraded by Dexie with the early open in place. Built app, real server, real Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../src/app/db/database.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
let server: AppServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startAppServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The origin's databases and their IndexedDB versions (Dexie stores version × 10). */
function listDatabases(page: Page): Promise<{ name?: string; version?: number }[]> {
  return page.evaluate(() => indexedDB.databases());
}

function waitForEarlyOpenEnd(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => performance.getEntriesByName('buurtpas:early-open-end', 'mark').length > 0,
    undefined,
    { timeout: 30_000 },
  );
}

describe('the early IndexedDB open', () => {
  it('creates no database on a new laptop', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      // A document of the origin without the app (the health answer): only the early script runs.
      await page.goto(`${server.url}/api/v1/health`);
      await page.addScriptTag({ url: '/open-idb-early.js' });
      await waitForEarlyOpenEnd(page);
      expect(await listDatabases(page)).toEqual([]);
      // Both marks are there: it asked, and it was answered (aborted creation).
      expect(
        await page.evaluate(() => performance.getEntriesByName('buurtpas:early-open-start').length),
      ).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('leaves a database of the first schema to Dexie, which upgrades it', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/favicon.svg`);
      // A laptop last used with schema version 1: its tables as Dexie made them, and one row.
      await page.evaluate(
        (stores) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.open('buurtpas', 10);
            request.onupgradeneeded = () => {
              const db = request.result;
              for (const [table, spec] of Object.entries(stores)) {
                const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
                const auto = primary!.startsWith('++');
                const store = db.createObjectStore(table, {
                  keyPath: primary!.replace(/^\+\+/, ''),
                  autoIncrement: auto,
                });
                for (const index of indexes) {
                  const name = index.replace(/^[&*]/, '');
                  const keyPath = name.startsWith('[') ? name.slice(1, -1).split('+') : name;
                  store.createIndex(name, keyPath, {
                    unique: index.startsWith('&'),
                    multiEntry: index.startsWith('*'),
                  });
                }
              }
              request
                .transaction!.objectStore('meta')
                .put({ key: 'o15-kept-through-upgrade', value: 1 });
            };
            request.onsuccess = () => {
              request.result.close();
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
        SCHEMA_VERSIONS[0]!.stores as Record<string, string>,
      );
      expect(await listDatabases(page)).toEqual([{ name: 'buurtpas', version: 10 }]);

      await page.goto(server.url);
      await waitForEarlyOpenEnd(page);
      await page.getByRole('button', { name: /Casa Jepie Makandra/ }).click();
      await page.getByLabel('Of typ het pasnummer').waitFor();
      expect(await listDatabases(page)).toEqual([
        { name: 'buurtpas', version: LATEST_SCHEMA_VERSION * 10 },
      ]);
      // The upgrade kept what was there.
      const kept = await page.evaluate(
        () =>
          new Promise<unknown>((resolve, reject) => {
            const request = indexedDB.open('buurtpas');
            request.onsuccess = () => {
              const db = request.result;
              const get = db
                .transaction('meta')
                .objectStore('meta')
                .get('o15-kept-through-upgrade');
              get.onsuccess = () => {
                db.close();
                resolve(get.result);
              };
              get.onerror = () => reject(get.error);
            };
            request.onerror = () => reject(request.error);
          }),
      );
      expect(kept).toEqual({ key: 'o15-kept-through-upgrade', value: 1 });
    } finally {
      await context.close();
    }
  });
});
