/**
 * The access export (inzage) on a new laptop that started from the server's snapshot, in Chromium
 * against the real server: the laptop holds no facts older than the snapshot, so making the export
 * asks the server for the person's facts (a 2024 visit shows up); offline it says in words that
 * older facts are on the server, and "Opnieuw proberen" brings them once the connection is back.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../src/domain/events.ts';
import { anEvent, makeTestId } from '../../src/server/testing/build-test-events.ts';
import { join } from 'node:path';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import {
  connectInSettings,
  openLaptopWithoutWorker,
  syncUntilAgreed,
} from './support/desk-page.ts';
import { ensureScreenshotDir, SHOTS } from './support/screenshots.ts';
import { pushSeedFacts } from './support/seed-server.ts';

const PIN = '48213';
const app = shareAppAndBrowser();

async function seedServer(): Promise<void> {
  const env = (at: string) => ({ deviceId: 'dseed002', locationId: 'cjm', at });
  const events: BuurtpasEvent[] = [];
  [
    ['Ama Oudhof', '4100001'],
    ['Kofi Oudhof', '4100002'],
  ].forEach(([name, pass], i) => {
    const memberId = makeTestId(Date.parse('2024-03-04T10:00:00Z') + i);
    const at = '2024-03-04T10:00:00.000Z';
    events.push(
      anEvent('client-registered', { memberId, locationId: 'cjm' }, env(at)),
      anEvent('member-profile-set', { memberId, fields: { name: name! } }, env(at)),
      anEvent('pass-issued', { memberId, code: pass! }, env(at)),
      anEvent('visit-recorded', { memberId, locationId: 'cjm' }, env('2024-03-05T09:15:00.000Z')),
      anEvent(
        'service-used',
        { memberId, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
        env('2024-03-05T09:20:00.000Z'),
      ),
    );
  });
  await pushSeedFacts(app.server, { deviceId: 'dseed002', locationId: 'cjm' }, events);
}

beforeAll(async () => {
  await seedServer();
}, 120_000);

async function openLaptop(): Promise<Page> {
  const page = await openLaptopWithoutWorker(app.browser, app.server.url);
  await connectInSettings(page, app.server, 'coordinator');
  await page
    .getByRole('region', { name: 'Gegevens ophalen' })
    .getByText('Klaar om te scannen. Alle gegevens zijn binnen.')
    .waitFor({ timeout: 60_000 });
  return page;
}

async function openPrivacy(page: Page, name: string, firstTime: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Leden', exact: true }).click();
  await page.getByLabel('Naam of pasnummer').fill(name.split(' ')[0]!);
  await page.getByRole('button', { name: `${name} openen` }).click();
  await page.getByText('Privacy (coördinator)').click();
  if (firstTime) {
    await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(PIN);
    await page.getByLabel('Herhaal de nieuwe pincode').fill(PIN);
    await page.getByRole('button', { name: 'Pincode opslaan' }).click();
  }
  const pin = page.getByLabel('Pincode van de coördinator', { exact: true });
  const make = page.getByRole('button', { name: 'Inzageoverzicht maken' });
  await make.or(pin).first().waitFor({ timeout: 30_000 });
  if (await pin.isVisible()) {
    await pin.fill(PIN);
    await page.getByRole('button', { name: 'Openen', exact: true }).click();
  }
  await make.waitFor({ timeout: 30_000 });
}

describe('the access export on a snapshot laptop, in Chromium', () => {
  it("fetches the person's older facts; offline it says what is on the server, and a retry brings it", async () => {
    const page = await openLaptop();
    // The laptop started from the snapshot: none of the 2024 facts are stored on it.
    const stored = await page.evaluate(async () => {
      const open = indexedDB.open('buurtpas');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const count = db.transaction('events').objectStore('events').count();
      return new Promise<number>((resolve) => {
        count.onsuccess = () => resolve(count.result);
      });
    });
    expect(stored).toBe(0);

    await openPrivacy(page, 'Ama Oudhof', true);
    await page.getByRole('button', { name: 'Inzageoverzicht maken' }).click();
    const view = page.getByTestId('access-export');
    await view.getByText('05-03-2024 10:15: Casa Jepie Makandra').waitFor({ timeout: 30_000 });
    await view.getByText(/05-03-2024 10:20: Formulierenbrigade/).waitFor();
    await page.getByText('Met alle gegevens van deze persoon op de server.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // Offline, for Kofi: made from what is here, and it says so.
    await page.context().setOffline(true);
    await openPrivacy(page, 'Kofi Oudhof', false);
    await page.getByRole('button', { name: 'Inzageoverzicht maken' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'staan alleen op de server' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(
      /Gegevens van vóór \d\d-\d\d-\d{4} staan alleen op de server en ontbreken hier\. Daarvoor is een verbinding met de server nodig\./,
    );
    expect(await page.getByTestId('access-export').innerText()).not.toContain('05-03-2024 10:15');
    // Screenshots of the notice, Dutch and English (test-results/, or docs/ via npm run screenshots).
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ensureScreenshotDir(), 'inzage-offline-nl.png') });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('is on the server only and is missing here').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'inzage-offline-en.png') });
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await notice.waitFor();

    await page.context().setOffline(false);
    await notice.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page
      .getByTestId('access-export')
      .getByText('05-03-2024 10:15: Casa Jepie Makandra')
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => notice.count()).toBe(0);

    // The laptop still agrees with the server after keeping those facts.
    await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
    await syncUntilAgreed(page);
    await page.context().close();
  });
});
