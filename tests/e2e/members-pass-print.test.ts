/**
 * Members screen in Chromium on the real build: register someone at the desk, find them on the
 * Members screen, print their pass. The print sheet (and bwip-js) loads only then; printed to
 * PDF at ID-1 size it is one page, and the card holds the Code 128 and QR as SVG. Screenshots
 * of the record (Dutch) and of the pass go to docs/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { SHOTS } from './support/screenshots.ts';
import { completeRegistration, openDesk } from './support/desk-page.ts';

const app = shareAppAndBrowser({
  screenshots: true,
  server: process.env.MEMBERS_STATIC_DIR
    ? { env: { STATIC_DIR: process.env.MEMBERS_STATIC_DIR } }
    : {},
});

async function registerByPass(page: Page, code: string, name: string): Promise<void> {
  const result = page.getByRole('status', { name: /Scanresultaat|Scan result/ });
  await page.getByLabel('Zoek op naam').waitFor();
  // Typed, not a wedge burst: on a busy machine Node's 7 ms key pauses can read as a person typing.
  // Both go through the same handler; the desk's own e2e drives the wedge.
  const passField = page.getByLabel('Of typ het pasnummer');
  await passField.fill(code);
  await passField.press('Enter');
  // An unknown pass opens the form with the pass in it.
  await completeRegistration(page, name, { postcode: '1104 AB' });
  await result.getByText(`Welkom, ${name}!`).waitFor();
}

/** Script URLs the page has loaded so far. */
async function loadedScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.js')),
  );
}

describe('members: pass printing', () => {
  it('opens a member, prints the pass to a one-page ID-1 PDF with Code 128 and QR as SVG', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1366, height: 900 },
      deviceScaleFactor: 2,
    });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.reload();
      await registerByPass(page, '24681357', 'Ama Boateng');

      await page.getByRole('button', { name: 'Leden', exact: true }).click();
      await page.getByLabel('Naam of pasnummer').fill('24681357');
      await page.getByRole('button', { name: 'Ama Boateng openen' }).click();
      await page.getByRole('heading', { name: 'Gegevens van Ama Boateng' }).waitFor();
      expect(await page.getByLabel('Postcode').inputValue()).toBe('1104 AB');
      await page.screenshot({
        path: join(SHOTS, 'members-nl.png'),
        fullPage: true,
        scale: 'css',
      });
      const before = await loadedScripts(page);

      await page.getByRole('button', { name: 'Pas printen' }).click();
      const card = page.getByTestId('pass-card');
      await card.waitFor();
      await card
        .getByRole('img', { name: 'Streepjescode van pas 24681357' })
        .locator('svg')
        .waitFor();
      await card.getByRole('img', { name: 'QR-code van pas 24681357' }).locator('svg').waitFor();
      expect(await card.getByText('Casa Jepie Makandra').count()).toBe(1);
      expect(await card.getByText('Ama Boateng').count()).toBe(1);
      // The Code 128 is bars (paths or rects) in an SVG, scaled into its box.
      expect(
        await card.locator('.pass-code128 svg path, .pass-code128 svg rect').count(),
      ).toBeGreaterThan(0);
      const after = await loadedScripts(page);
      const lazy = after.filter((s) => !before.includes(s));
      console.log(
        `members-pass-print: scripts loaded for the print sheet only: ${lazy.map((s) => s.split('/').pop()).join(', ')}`,
      );
      expect(lazy.length).toBeGreaterThan(0);

      // The card box is ID-1 size at 96 CSS px per inch.
      const box = await card.boundingBox();
      expect(Math.round(box!.width)).toBe(Math.round((85.6 / 25.4) * 96));
      expect(Math.round(box!.height)).toBe(Math.round((54 / 25.4) * 96));
      await card.screenshot({ path: join(SHOTS, 'pass-print.png'), scale: 'device' });

      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
      expect(await page.locator('.topbar').isVisible()).toBe(false);
      const pdf = await page.pdf({
        width: '85.6mm',
        height: '54mm',
        printBackground: true,
        preferCSSPageSize: true,
      });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF')).toBe(true);
      expect(text.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
      const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
      // 85,6 × 54 mm in PDF points (1/72 inch): 242,6 × 153,1.
      expect(Number(mediaBox?.[1])).toBeCloseTo((85.6 / 25.4) * 72, 0);
      expect(Number(mediaBox?.[2])).toBeCloseTo((54 / 25.4) * 72, 0);
      await page.emulateMedia({ media: 'screen' });

      await page.getByRole('button', { name: 'Terug' }).click();
      await page.getByRole('heading', { name: 'Gegevens van Ama Boateng' }).waitFor();
      // English for a look (not saved for the README).
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Record of Ama Boateng' }).waitFor();
      if (process.env.MEMBERS_SHOTS)
        await page.screenshot({
          path: join(SHOTS, 'members-en.png'),
          fullPage: true,
          scale: 'css',
        });
    } finally {
      await context.close();
    }
  });
});
