/**
 * Progress the user can trust, in Chromium against the real server:
 * - a new laptop enrolled through Instellingen loads the server's snapshot: "1.200 van 1.200
 *   leden" and "Klaar om te scannen" while the treasurer's and report's pages are still held back
 *   (the test holds them), a pass scanned at that moment finds its member, and once the rest is
 *   released the laptop says all data is in and agrees with the server;
 * - "Tellingen opnieuw opbouwen" on a laptop that holds the facts shows the same progress bar
 *   counting facts ("2.000 van 6.… feiten") and then says it is done.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { anEvent, makeTestId } from '../../src/server/testing/build-test-events.ts';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import {
  connectInSettings,
  openLaptopWithoutWorker,
  syncUntilAgreed,
} from './support/desk-page.ts';
import { enrollDevice, pushSeedFacts } from './support/seed-server.ts';

const PEOPLE = 1200;

/** 1.200 people at CJM with passes, memberships, payments for 2025 and 2026 and earlier visits. */
async function seedServer(): Promise<void> {
  const env = (at: string) => ({ deviceId: 'dseed001', locationId: 'cjm', at });
  const events: BuurtpasEvent[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const memberId = makeTestId(Date.parse('2025-01-06T10:00:00Z') + i);
    const at = '2025-01-06T10:00:00.000Z';
    events.push(
      anEvent('client-registered', { memberId, locationId: 'cjm' }, env(at)),
      anEvent('member-profile-set', { memberId, fields: { name: `Lid ${i} Proef` } }, env(at)),
      anEvent('pass-issued', { memberId, code: String(3_000_000 + i) }, env(at)),
      anEvent(
        'membership-started',
        { memberId, associationId: 'bv-cjm', date: '2025-01-06' },
        env(at),
      ),
      anEvent(
        'payment-recorded',
        { memberId, associationId: 'bv-cjm', year: 2025, amountCents: 250, method: 'cash' },
        env('2025-02-03T10:00:00.000Z'),
      ),
      anEvent(
        'visit-recorded',
        { memberId, locationId: 'cjm' },
        env('2025-03-0' + (1 + (i % 9)) + 'T10:00:00.000Z'),
      ),
    );
    if (i % 2 === 0)
      events.push(
        anEvent(
          'payment-recorded',
          { memberId, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
          env('2026-02-02T10:00:00.000Z'),
        ),
      );
  }
  await pushSeedFacts(app.server, { deviceId: 'dseed001', locationId: 'cjm' }, events);
}

const app = shareAppAndBrowser();

beforeAll(async () => {
  await seedServer();
}, 120_000);

const openLaptop = () => openLaptopWithoutWorker(app.browser, app.server.url);
const connect = (page: Page) => connectInSettings(page, app.server);

/**
 * A keyboard-wedge scan as one burst of key events (no pauses between keys: a loaded machine
 * must not make it look like typing).
 */
async function scanAtOnce(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Balie', exact: true }).waitFor();
  await page.evaluate((text) => {
    const target = document.activeElement ?? document.body;
    const send = (code: string, key: string) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }),
      );
    for (const ch of text) send(`Digit${ch}`, ch);
    send('Enter', 'Enter');
  }, code);
}

/** Every text the element ever showed, from now on (a MutationObserver in the page). */
async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  await page.evaluate((sel) => {
    const seen = new Set<string>();
    (window as unknown as { __seen: Set<string> }).__seen = seen;
    const note = () => {
      for (const li of document.querySelectorAll(sel)) seen.add((li.textContent ?? '').trim());
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, selector);
  return () => page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
}

describe('progress the user can trust', () => {
  it('a new laptop: "1.200 van 1.200 leden" and "Klaar om te scannen" before the counts are in; scanning works then', async () => {
    const page = await openLaptop();
    // The snapshot the laptop will get (built once, the same for every device until it is stale).
    const manifest = (await (
      await fetch(`${app.server.url}/api/v1/snapshot`, {
        headers: { authorization: `Bearer ${await enrollDevice(app.server, 'dreader1', 'cjm')}` },
      })
    ).json()) as { scanPages: number; pages: unknown[]; tables: Record<string, number> };
    expect(manifest.scanPages).toBeGreaterThan(0);
    expect(manifest.pages.length).toBeGreaterThan(manifest.scanPages);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = 0;
    await page.route(/\/api\/v1\/snapshot\/[^/]+\/\d+$/, async (route) => {
      const index = Number(new URL(route.request().url()).pathname.split('/').pop());
      if (index >= manifest.scanPages) {
        held++;
        await gate;
      }
      await route.continue();
    });
    await connect(page);

    const bootstrap = page.getByRole('region', { name: 'Gegevens ophalen' });
    await bootstrap.getByText('Klaar om te scannen').waitFor({ timeout: 60_000 });
    await bootstrap.getByText('1.200 van 1.200 leden').waitFor();
    await bootstrap.getByText('1.200 van 1.200 passen').waitFor();
    await expect
      .poll(() => bootstrap.getByText(/(?:^|\s)0 van [\d.]+ betalingen$/).count())
      .toBe(1);
    expect(held).toBeGreaterThan(0);

    // Ready to scan means it: the desk finds the member while the rest is still held back.
    await page.getByRole('button', { name: 'Balie', exact: true }).click();
    await scanAtOnce(page, '3000007');
    await page
      .getByRole('status', { name: 'Scanresultaat' })
      .getByText(/Lid 7 Proef/)
      .first()
      .waitFor();

    release();
    await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
    await page
      .getByRole('region', { name: 'Gegevens ophalen' })
      .getByText('Klaar om te scannen. Alle gegevens zijn binnen.')
      .waitFor({ timeout: 60_000 });
    // The scan made meanwhile is pushed next round; then the laptop's counts equal the server's.
    await syncUntilAgreed(page);
    await page.context().close();
  }, 180_000);

  it('"Tellingen opnieuw opbouwen" counts facts on the same progress bar, then says it is done', async () => {
    const page = await openLaptop();
    // A fact of its own before connecting: this laptop takes the ordinary pull and holds facts.
    await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
    const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
    await form.getByLabel(/^Naam/).fill('Eigen Feit');
    await form
      .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
      .click();
    await page
      .getByRole('status', { name: 'Scanresultaat' })
      .getByText(/Eigen Feit/)
      .first()
      .waitFor();
    await connect(page);
    await expect
      .poll(() => page.getByTestId('safety-comparison').innerText(), { timeout: 120_000 })
      .toMatch(/gelijk aan die van de server/);

    const texts = await recordTexts(page, '.storage-rebuild li, .storage-rebuild [role=status]');
    await page.getByRole('button', { name: 'Tellingen opnieuw opbouwen' }).click();
    await page.getByText(/^Klaar: [\d.]+ feiten opnieuw geteld/).waitFor({ timeout: 120_000 });
    const seen = await texts();
    const counts = seen.flatMap((t) => {
      const m = /^([\d.]+) van ([\d.]+) feiten$/.exec(t);
      return m ? [[Number(m[1]!.replace(/\./g, '')), Number(m[2]!.replace(/\./g, ''))]] : [];
    });
    const total = counts[counts.length - 1]?.[1] ?? 0;
    expect(total).toBeGreaterThan(PEOPLE * 6);
    // Page by page (2.000 facts each): at least one count between the start and the end.
    expect(counts.some(([done]) => done! > 0 && done! < total)).toBe(true);
    expect(seen).toContain('Tellingen opnieuw opbouwen… De balie wacht zolang het duurt.');
    await page.context().close();
  }, 240_000);
});
