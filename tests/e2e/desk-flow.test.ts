/**
 * The front desk in Chromium on the real build, with the network off: a keyboard-wedge burst
 * (keys 5–10 ms apart, then Enter) while the name search has focus opens the newcomer form with
 * the unknown pass in it; name + one tap registers (the button records the consent); the one card
 * says the contribution once and follows the payment; a double tap records one service; Vandaag
 * undoes it hours later; a reload still shows all of it. Screenshots of the desk (Dutch and English,
 * each at 1280 and 390 px) go to support/screenshots.ts's folder; `npm run screenshots` puts them in docs/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';
import { SHOTS } from './support/screenshots.ts';

const app = shareAppAndBrowser({ screenshots: true });

/**
 * A keyboard-wedge burst: digits 5 ms apart (`keyboard.type` with a delay), then Enter. On a machine
 * too busy to deliver keys that fast (the key stamps in the page show a gap over 50 ms) the detector
 * rightly saw a person typing, so the scan is repeated after resetting the scene; an app that fails a
 * burst that did arrive as a burst still fails the test.
 */
async function scanBurst(
  page: Page,
  code: string,
  resetScene: () => Promise<void> = async () => undefined,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => {
      const w = window as unknown as { burstStamps: number[]; burstListening?: boolean };
      w.burstStamps = [];
      if (!w.burstListening) {
        w.burstListening = true;
        window.addEventListener('keydown', (e) => w.burstStamps.push(e.timeStamp), {
          capture: true,
        });
      }
    });
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
    const stamps = await page.evaluate(
      () => (window as unknown as { burstStamps: number[] }).burstStamps,
    );
    const maxGap = Math.max(...stamps.slice(1).map((t, i) => t - stamps[i]!));
    if (maxGap <= 50 || attempt === 4) return maxGap;
    console.log(
      `desk-flow: keys arrived ${maxGap.toFixed(0)} ms apart (busy machine), scanning again`,
    );
    await page.waitForTimeout(200);
    await resetScene();
  }
}

const resultCard = (page: Page) => page.getByRole('status', { name: /Scanresultaat|Scan result/ });

describe('front desk flow, offline', () => {
  it('scans while the search has focus, registers, takes the contribution, and keeps it all after a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await context.setOffline(true);
      await page.reload();
      const search = page.getByLabel('Zoek op naam');
      await search.waitFor();

      // A person types in the search field (slowly), then a pass is scanned without clicking anything.
      await search.click();
      await page.keyboard.type('ama', { delay: 150 });
      await scanBurst(page, '24681357', async () => {
        // A slow burst may have opened the form for part of the code: start the scene afresh
        // (nothing was recorded for an unknown pass; the page comes from the service worker).
        await page.reload();
        await search.waitFor();
        await search.fill('ama');
        await search.focus();
      });
      await resultCard(page).getByText('Onbekende pas').waitFor();
      expect(await search.inputValue()).toBe('ama');
      // The search keeps what was typed; the cursor is in the new form's name field.
      await expect
        .poll(() =>
          page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? ''),
        )
        .toBe('name');

      // The unknown pass opened the form with the scanned code in it: name + one tap.
      const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
      expect(await form.getByLabel(/Pasnummer/).inputValue()).toBe('24681357');
      await form.getByLabel(/Naam/).fill('Ama Boateng');
      await form.getByText('Meer gegevens (niet verplicht)').click();
      await form.getByLabel(/Postcode/).fill('1104 AB');
      await form
        .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
        .click();
      await resultCard(page).getByText('Welkom, Ama Boateng!').waitFor();
      const card = page.getByRole('region', { name: 'Ama Boateng' });
      await card.getByText(/Contributie \d{4}: nog niet betaald/).waitFor();
      await search.fill('');
      // A half scan of a busy machine's retry (see scanBurst) is not part of the picture.
      const close = page.locator('.desk-line-close');
      if (await close.isVisible()) await close.click();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(SHOTS, 'desk-nl.png') });
      // On a phone the desk brings the answer into view after a scan: the picture shows that.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#desk-card').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, 'desk-nl-phone.png') });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.setViewportSize({ width: 1366, height: 900 });

      // Take the contribution in one tap: the one place that says it follows at once.
      await card.getByRole('button', { name: /2,50 ontvangen/ }).click();
      await card.getByText(/Contributie \d{4}: betaald/).waitFor();
      expect(await page.getByText(/Contributie \d{4}/).count()).toBe(1);

      // Two taps on a service a moment apart record it once.
      const service = card.getByRole('button', { name: /^Formulierenbrigade/ });
      await service.click();
      await card.getByRole('button', { name: /^Formulierenbrigade.*vandaag 1×/ }).waitFor();
      await service.click();
      await page.getByText(/niet dubbel geteld/).waitFor();
      expect(await card.getByRole('button', { name: /vandaag 2×/ }).count()).toBe(0);

      // Reload, still offline: the person, the pass, the visit and the payment are all there.
      await page.reload();
      await page.getByLabel('Zoek op naam').waitFor();
      await scanBurst(page, '24681357');
      await resultCard(page)
        .getByText(/Al binnen sinds \d\d:\d\d/)
        .waitFor();
      const again = page.getByRole('region', { name: 'Ama Boateng' });
      await again.getByText(/Contributie \d{4}: betaald/).waitFor();
      await again.getByText('Pas 24681357').waitFor();

      await page.getByRole('button', { name: 'Vandaag', exact: true }).click();
      const cash = page
        .locator('dt', { hasText: 'Contant ontvangen' })
        .locator('xpath=following-sibling::dd');
      expect((await cash.textContent())?.replace(/\s/g, ' ')).toBe('€ 2,50');
      expect(await page.getByRole('cell', { name: 'Nieuwe klant geregistreerd' }).count()).toBe(1);
      // Vandaag undoes a tap for the whole day.
      const amaToday = page.getByRole('region', { name: 'Ama Boateng' });
      await amaToday.getByRole('button', { name: /^Ongedaan maken: Formulierenbrigade/ }).click();
      await page.getByText('Ongedaan gemaakt: Formulierenbrigade').waitFor();
      await amaToday.locator('s', { hasText: 'Formulierenbrigade' }).waitFor();

      // English, with a result card on screen, for the README.
      await page.getByRole('button', { name: 'Balie', exact: true }).click();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      // Focus in a text field, so keys of a burst the busy machine splits can never press a button.
      const searchEn = page.getByLabel('Search by name');
      await searchEn.click();
      // A figure, not an assertion: Enter of the scanner to the answer card in the DOM and painted.
      await page.evaluate(() => {
        const w = window as unknown as {
          deskTiming: { enterAt?: number; cardAt?: number; paintAt?: number };
        };
        w.deskTiming = {};
        window.addEventListener(
          'keydown',
          (e) => e.key === 'Enter' && (w.deskTiming.enterAt = e.timeStamp),
          { capture: true, once: false },
        );
        const slot = document.querySelector('.result-slot')!;
        new MutationObserver(() => {
          if (w.deskTiming.cardAt !== undefined || w.deskTiming.enterAt === undefined) return;
          w.deskTiming.cardAt = performance.now();
          requestAnimationFrame(() =>
            setTimeout(() => (w.deskTiming.paintAt = performance.now()), 0),
          );
        }).observe(slot, { childList: true, subtree: true, characterData: true });
      });
      await scanBurst(page, '24681357', async () => {
        await searchEn.fill('');
        await searchEn.focus();
      });
      await resultCard(page)
        .getByText(/Already here since \d\d:\d\d/)
        .waitFor();
      const timing = await page.evaluate(
        () =>
          (
            window as unknown as {
              deskTiming: { enterAt: number; cardAt: number; paintAt: number };
            }
          ).deskTiming,
      );
      if (await close.isVisible()) await close.click();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(SHOTS, 'desk-en.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#desk-card').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, 'desk-en-phone.png') });
      console.log(
        `desk-flow: Enter to result card in DOM ${(timing.cardAt - timing.enterAt).toFixed(1)} ms, painted ${(timing.paintAt - timing.enterAt).toFixed(1)} ms (one scan, loaded machine; see npm run bench for the budget)`,
      );
    } finally {
      await context.close();
    }
  });
});
