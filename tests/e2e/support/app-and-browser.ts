/**
 * The set-up most end-to-end files share: one Chromium and one app server (SQLite in a temp dir)
 * for the whole file, started before its first test and stopped after its last.
 * `const app = shareAppAndBrowser();` at the top of a file, then `app.browser` and `app.server` in
 * its tests and helpers (they exist once the file's `beforeAll` ran).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startAppServer, type AppServer } from './app-server.ts';
import { launchChromium } from './chromium.ts';
import { ensureScreenshotDir } from './screenshots.ts';

export type AppAndBrowser = { readonly browser: Browser; readonly server: AppServer };

export function shareAppAndBrowser(
  options: {
    /** Extra Chromium flags, e.g. `--lang=nl-NL`. */
    chromiumArgs?: string[];
    server?: Parameters<typeof startAppServer>[0];
    /** The file saves screenshots: make their folder first. */
    screenshots?: boolean;
  } = {},
): AppAndBrowser {
  let browser: Browser | undefined;
  let server: AppServer | undefined;
  beforeAll(async () => {
    if (options.screenshots) ensureScreenshotDir();
    server = await startAppServer(options.server);
    browser = await launchChromium(options.chromiumArgs);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running yet: use app.browser inside a test');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the app server is not running yet: use app.server in a test');
      return server;
    },
  };
}
