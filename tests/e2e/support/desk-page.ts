/**
 * The desk as the end-to-end files drive it. Opening the app as a volunteer would: first start,
 * choose the location, wait until the service worker controls the page (so a reload with the
 * network off works); or without a worker, to watch the requests. Connecting it in Instellingen,
 * scanning with a wedge, registering a newcomer.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppServer } from './app-server.ts';

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

/**
 * A laptop at Casa Jepie Makandra in Dutch, without a service worker (so the test sees, and can
 * hold, its requests).
 */
export async function openLaptopWithoutWorker(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
  await page.reload();
  await page.getByRole('button', { name: /Casa Jepie Makandra/ }).click();
  return page;
}

/** Connects the laptop in Instellingen with a one-time code from the server's CLI (CJM). */
export async function connectInSettings(
  page: Page,
  server: AppServer,
  role: 'desk' | 'coordinator' = 'desk',
): Promise<void> {
  await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
  await page.getByLabel('Adres van de server').fill(server.url);
  const code = server.cli(
    'enroll',
    '--location',
    'cjm',
    ...(role === 'desk' ? [] : ['--role', role]),
  );
  await page.getByLabel('Koppelcode').fill(code.trim());
  await page.getByRole('button', { name: 'Koppelen' }).click();
}

/**
 * Opens Instellingen and runs one sync round by hand once no round is running; then waits until
 * this laptop has nothing left to push, the round is over, and its counts and checksum agree with
 * the server's (generous waits: a snapshot may still load). Waiting for the pushes first keeps a
 * comparison from an earlier round (already "gelijk") from ending the wait before this round ran.
 */
export async function syncUntilAgreed(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
  const button = page.locator('#main').getByRole('button', { name: 'Nu synchroniseren' });
  await button.waitFor();
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
  await button.click();
  await expect
    .poll(() => page.getByTestId('safety-pending').innerText(), { timeout: 60_000 })
    .toBe('Alle wijzigingen staan op de server.');
  await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);
  await expect
    .poll(() => page.getByTestId('safety-comparison').innerText(), { timeout: 60_000 })
    .toMatch(/gelijk aan die van de server/);
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

/**
 * A keyboard-wedge burst typed inside the page in one go (keys sent from Node can be stretched
 * past the detector's 50 ms on a busy machine). Digits by `DigitN`, letters by `KeyX` (Shift for
 * capitals), as a scanner set to a US layout sends them; then Enter. Sent to the focused element.
 */
export async function burstInPage(page: Page, text: string): Promise<void> {
  await page.evaluate((chars) => {
    const target = document.activeElement ?? document.body;
    const press = (key: string, code: string, shiftKey = false) => {
      for (const type of ['keydown', 'keyup'])
        target.dispatchEvent(
          new KeyboardEvent(type, { key, code, shiftKey, bubbles: true, cancelable: true }),
        );
    };
    for (const ch of chars) {
      if (/\d/.test(ch)) press(ch, `Digit${ch}`);
      else press(ch, `Key${ch.toUpperCase()}`, ch !== ch.toLowerCase());
    }
    press('Enter', 'Enter');
  }, text);
}

/**
 * A newcomer registered at the desk: "Nieuwe klant registreren", their name, consent given (which
 * checks them in). Resolves with their card once it says this year's contribution is not paid.
 */
export async function registerAtDesk(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
  return completeRegistration(page, name);
}

/**
 * The registration form already open (a new pass scanned or typed, or the button): the name, an
 * optional postcode under "Meer gegevens", consent given. Resolves with the newcomer's card once
 * it says this year's contribution is not paid.
 */
export async function completeRegistration(
  page: Page,
  name: string,
  more: { postcode?: string } = {},
): Promise<Locator> {
  const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
  await form.getByLabel(/^Naam/).fill(name);
  if (more.postcode !== undefined) {
    await form.getByText('Meer gegevens (niet verplicht)').click();
    await form.getByLabel(/Postcode/).fill(more.postcode);
  }
  await form.getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' }).click();
  const card = page.getByRole('region', { name });
  await card.getByText(/Contributie \d{4}: nog niet betaald/).waitFor();
  return card;
}
