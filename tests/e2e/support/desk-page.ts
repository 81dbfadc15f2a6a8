/**
 * Opening the app as a volunteer would: first start, choose the location, wait until the service
 * worker controls the page (so a reload with the network off works).
 */
import type { BrowserContext, Page } from 'playwright-core';

export async function openDesk(
  context: BrowserContext,
  url: string,
  locationName: string | RegExp,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: locationName }).click();
  await waitForServiceWorker(page);
  return page;
}

/** Resolves once a service worker is active and controls this page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    // clientsClaim controls the first load; a build without it needs this one reload.
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
}

/** Types like a USB keyboard-wedge scanner: digits a few ms apart, then Enter. */
export async function scanWithWedge(page: Page, code: string, delayMs = 7): Promise<void> {
  for (const ch of code) {
    await page.keyboard.press(`Digit${ch}`);
    await page.waitForTimeout(delayMs);
  }
  await page.keyboard.press('Enter');
}
