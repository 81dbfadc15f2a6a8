/**
 * The treasurer in Chromium on the real build, offline: people registered at the desk (members
 * by default), some paying there; the coordinator sets the PINs on first use; the treasurer opens
 * the screen with the PIN, sees who still owes and how much, records a partial payment, downloads
 * the list as CSV (parsed back with parseDutchCsv) and looks at the print layout. A reload with
 * the network off asks for the PIN again and shows the same list. Screenshots (Dutch and English)
 * go to docs/screenshots/. Two desks, sync and a third laptop: treasurer-sync.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDutchCsv } from '../../src/domain/csv.ts';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { SHOTS } from './support/screenshots.ts';
import { openDesk, registerAtDesk } from './support/desk-page.ts';

const COORDINATOR_PIN = '48213';
const TREASURER_PIN = '73914';

// Dutch Chromium, so date fields read dd-mm-jjjj as on the laptops in the rooms.
const app = shareAppAndBrowser({ screenshots: true, chromiumArgs: ['--lang=nl-NL'] });

async function registerAndPay(page: Page, name: string, pay: 'full' | 'none'): Promise<void> {
  const card = await registerAtDesk(page, name);
  if (pay === 'full') {
    await card.getByRole('button', { name: /2,50 ontvangen/ }).click();
    await card.getByText(/Contributie \d{4}: betaald/).waitFor();
  }
}

async function owesNames(page: Page): Promise<string[]> {
  return page.locator('table.owes-table tbody th').allInnerTexts();
}

async function unlockTreasurer(page: Page): Promise<void> {
  await page.getByLabel('Pincode van de penningmeester', { exact: true }).fill(TREASURER_PIN);
  await page.getByRole('button', { name: 'Openen' }).click();
  await page.getByRole('heading', { name: 'Wie moet nog betalen' }).waitFor();
}

describe('treasurer, offline on one laptop', () => {
  it('shows who still owes, takes a partial payment, exports a CSV that reads back, prints', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await context.setOffline(true);
      await page.reload();
      await page.getByLabel('Zoek op naam').waitFor();

      const people: [string, 'full' | 'none'][] = [
        ['Ama Boateng', 'full'],
        ['Kofi Mensah', 'none'],
        ['Sandra de Wit', 'none'],
        ['Rachid El Idrissi', 'full'],
        ['Priya Ramdin', 'none'],
        ['=SOM(A1)', 'none'],
      ];
      for (const [name, pay] of people) await registerAndPay(page, name, pay);

      // First use: the coordinator chooses a PIN, then sets the treasurer's.
      await page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
      await page.getByRole('heading', { name: /Eerste keer/ }).waitFor();
      await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(COORDINATOR_PIN);
      await page.getByLabel('Herhaal de nieuwe pincode').fill(COORDINATOR_PIN);
      await page.getByRole('button', { name: 'Pincode opslaan' }).click();
      await page.getByLabel('Pincode van de coördinator', { exact: true }).fill(COORDINATOR_PIN);
      await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(TREASURER_PIN);
      await page.getByLabel('Herhaal de nieuwe pincode').fill(TREASURER_PIN);
      await page.getByRole('button', { name: 'Pincode opslaan' }).click();
      await page.getByRole('heading', { name: 'Alleen voor de penningmeester' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'treasurer-pin-nl.png') });
      await unlockTreasurer(page);

      expect(await owesNames(page)).toEqual([
        '=SOM(A1)',
        'Kofi Mensah',
        'Priya Ramdin',
        'Sandra de Wit',
      ]);
      expect((await page.getByTestId('owes-totals').innerText()).replace(/\s+/g, ' ')).toContain(
        '6 leden in',
      );
      expect((await page.getByTestId('owes-totals').innerText()).replace(/\s+/g, ' ')).toContain(
        '2 betaald · 0 deels betaald · 4 nog niets betaald',
      );

      // A partial payment by the treasurer: € 1 of € 2,50, typed with a point.
      await page.getByRole('button', { name: 'Open Kofi Mensah' }).click();
      await page.getByLabel('Bedrag in euro').fill('1.00');
      await page.getByRole('radio', { name: 'Pin' }).check();
      await page.getByRole('button', { name: 'Betaling vastleggen' }).click();
      await page.getByText(/1,00 vastgelegd voor \d{4}\./).waitFor();
      await page
        .getByText(/door penningmeester op deze laptop/)
        .first()
        .waitFor();
      await page.screenshot({ path: join(SHOTS, 'treasurer-member-nl.png'), fullPage: true });
      await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
      const kofi = page.locator('table.owes-table tbody tr', { hasText: 'Kofi Mensah' });
      expect((await kofi.innerText()).replace(/\s+/g, ' ')).toContain(
        '€ 1,00 € 1,50 Deels betaald',
      );
      await page.screenshot({ path: join(SHOTS, 'treasurer-nl.png'), fullPage: true });

      // The CSV download, read back as Dutch Excel would.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Lijst downloaden (Excel, CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^nog-te-betalen-bv-cjm-\d{4}\.csv$/);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseDutchCsv(text);
      expect(rows[0]).toEqual([
        'Naam',
        'Locatie(s)',
        'Lid sinds',
        'Ingeschreven',
        'Laatste bezoek',
        'Betaald',
        'Nog open',
        'Stand',
      ]);
      expect(rows.slice(1).map((r) => [r[0], r[5], r[6], r[7]])).toEqual([
        ["'=SOM(A1)", '0,00', '2,50', 'Nog niets betaald'],
        ['Kofi Mensah', '1,00', '1,50', 'Deels betaald'],
        ['Priya Ramdin', '0,00', '2,50', 'Nog niets betaald'],
        ['Sandra de Wit', '0,00', '2,50', 'Nog niets betaald'],
      ]);
      expect(rows[1]?.[2]).toMatch(/^\d\d-\d\d-\d{4}$/);

      // Print layout: no menus or filters, a title, every row.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.mainnav').isVisible()).toBe(false);
      expect(await page.locator('.owes-filters').isVisible()).toBe(false);
      expect(
        await page.getByRole('heading', { name: /Nog te betalen contributie \d{4}/ }).isVisible(),
      ).toBe(true);
      expect(
        await page.getByRole('columnheader', { name: 'Ontvangen (€) en paraaf' }).isVisible(),
      ).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'treasurer-print-nl.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      // The cash box of this desk: two contributions in cash at the desk today, € 0,50 missing.
      await page.getByRole('button', { name: 'Kasopmaak' }).click();
      await page.getByText(/^Contant vastgelegd op deze balie: €\s5,00$/).waitFor();
      await page.getByLabel('Geteld in de kas (euro)').fill('4,50');
      await page.getByText(/^€\s0,50 te weinig in de kas$/).waitFor();
      await page.getByLabel('Reden van het verschil').fill('Wisselgeld teruggegeven aan Ama');
      await page.getByRole('button', { name: 'Kasopmaak opslaan' }).click();
      await page.getByText(/Kasopmaak opgeslagen: geteld €\s4,50, vastgelegd €\s5,00\./).waitFor();
      await page.screenshot({ path: join(SHOTS, 'treasurer-cash-nl.png'), fullPage: true });
      await page.getByRole('button', { name: 'Wie moet nog betalen' }).click();

      // English.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Who still owes' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'treasurer-en.png'), fullPage: true });
      await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();

      // Offline reload: locked again, then the same list from this laptop's data.
      await page.reload();
      await page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
      await unlockTreasurer(page);
      expect(await owesNames(page)).toEqual([
        '=SOM(A1)',
        'Kofi Mensah',
        'Priya Ramdin',
        'Sandra de Wit',
      ]);
    } finally {
      await context.close();
    }
  });
});
