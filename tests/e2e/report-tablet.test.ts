/**
 * The coordinator's year report on a tablet (768 px), in Chromium on the real build: targets for
 * the year go in one grid (indicators × locations) and are saved with one button; the history
 * chart shows each bar's value and a line for the target; every section folds with one tap on its
 * heading, and nothing scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk, registerAtDesk } from './support/desk-page.ts';
import { openReportFirstTime } from './support/report-page.ts';

const PIN = '48213';
const YEAR = new Date().getFullYear();

const app = shareAppAndBrowser();

const overflowOf = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('year report on a tablet', () => {
  it('takes the targets in one grid, draws values and the target line, folds its sections', async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.reload();
      await registerAtDesk(page, 'Abena Ofori');
      await registerAtDesk(page, 'Yaw Darko');

      await openReportFirstTime(page, PIN, YEAR);

      // One grid for the year: two cells typed, one button.
      await page.getByRole('button', { name: 'Streefcijfers', exact: true }).click();
      await page
        .getByLabel('Streefcijfer Ingeschreven klanten, Casa Jepie Makandra', { exact: true })
        .fill('3');
      await page
        .getByLabel('Streefcijfer Ingeschreven klanten, MultiBron', { exact: true })
        .fill('5');
      expect(await overflowOf(page), 'targets grid').toBe(0);
      await page.getByRole('button', { name: `Streefcijfers ${YEAR} opslaan` }).click();
      await page.getByText(`2 streefcijfers voor ${YEAR} opgeslagen.`).waitFor();

      // The chart: the value on each bar, the target as a line.
      await page.getByRole('button', { name: 'Jaarverslag', exact: true }).click();
      const chart = page.getByRole('img', { name: /Ingeschreven klanten per locatie/ });
      await chart.waitFor();
      const values = await chart.locator('text').allTextContents();
      expect(values).toContain('2');
      expect(values).toContain(String(YEAR));
      const targets = await chart.locator('line.chart-target title').allTextContents();
      expect(targets).toEqual(
        expect.arrayContaining([
          `Casa Jepie Makandra streefcijfer ${YEAR}: 3`,
          `MultiBron streefcijfer ${YEAR}: 5`,
        ]),
      );
      expect(await overflowOf(page), 'report').toBe(0);

      // Folding: one tap on a heading closes its section, another opens it again.
      const charts = page.locator('details.report-fold', {
        has: page.getByRole('heading', { name: 'Grafieken' }),
      });
      const tallBefore = await page.evaluate(() => document.documentElement.scrollHeight);
      await charts.locator('summary').click();
      await expect.poll(() => charts.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await chart.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(
        tallBefore,
      );
      await charts.locator('summary').click();
      await chart.waitFor();
    } finally {
      await context.close();
    }
  });
});
