/**
 * The desk and every screen at a phone (390 px), a tablet (768 px) and a laptop (1280 px) on the
 * real build: no sideways scrolling, the header stays compact, the desk's key controls are on
 * screen and within the width, and the desk does not shift when the sync status arrives
 * (cumulative layout shift from a PerformanceObserver: a check of layout, not of speed).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';

const app = shareAppAndBrowser();

const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
] as const;

/** How far the page is wider than the window (0 = no sideways scroll). */
async function overflowOf(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) -
      document.documentElement.clientWidth,
  );
}

/** Visible, and its box inside the window's width. */
async function expectOnScreen(page: Page, locator: ReturnType<Page['getByRole']>, what: string) {
  await locator.waitFor({ state: 'visible' });
  const box = await locator.boundingBox();
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  expect(box, what).not.toBeNull();
  expect(box!.x, what).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, what).toBeLessThanOrEqual(width + 0.5);
}

/** Collects layout shifts not caused by input, from the first paint on. */
const CLS_OBSERVER = () => {
  const w = window as unknown as { cls: number };
  w.cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      hadRecentInput: boolean;
    }[])
      if (!entry.hadRecentInput) w.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

describe.each(SIZES)('at $width × $height', ({ width, height }) => {
  it('no sideways scroll on any screen, a compact header, the desk usable', async () => {
    const context = await app.browser.newContext({ viewport: { width, height } });
    try {
      const first = await context.newPage();
      await first.goto(app.server.url);
      await first.getByRole('button', { name: /Casa Jepie Makandra/ }).waitFor();
      expect(await overflowOf(first), 'first screen').toBe(0);
      await first.close();

      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.addInitScript(CLS_OBSERVER);
      await page.reload();
      const passField = page.getByLabel('Of typ het pasnummer');
      await passField.waitFor();
      // The sync status arrives after the first paint; its space is reserved.
      await page.getByRole('group', { name: 'Synchronisatie' }).getByText(/\S/).first().waitFor();
      // Never connected is not trouble, and it says so in a volunteer's words.
      expect(await page.getByRole('group', { name: 'Synchronisatie' }).innerText()).toContain(
        'Nog niet gekoppeld — alles staat veilig op deze laptop',
      );
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => (window as unknown as { cls: number }).cls);
      console.log(`responsive ${width}px: desk layout shift ${cls.toFixed(3)}`);
      expect(cls).toBeLessThan(0.1);

      // The status line's room is one line of text, not a tall empty band, and the empty card slot
      // starts right below it.
      const room = await page.evaluate(() => {
        const top = document.querySelector('.desk-top')!.getBoundingClientRect();
        const line = document.querySelector('.desk-line')!.getBoundingClientRect();
        const card = document.querySelector('.desk-empty')!.getBoundingClientRect();
        return { line: line.height, gap: card.top - top.bottom };
      });
      console.log(`responsive ${width}px: status line ${room.line}px, top to card ${room.gap}px`);
      expect(room.line).toBeLessThanOrEqual(40);
      expect(room.gap).toBeLessThan(64);

      // Header and menu together take well under a third of the screen (45 % before).
      const chrome = await page.evaluate(
        () => document.querySelector('.mainnav')!.getBoundingClientRect().bottom,
      );
      expect(chrome / height).toBeLessThan(0.3);
      expect(await overflowOf(page), 'desk').toBe(0);

      await expectOnScreen(page, passField, 'pass field');
      await expectOnScreen(
        page,
        page.getByRole('button', { name: 'Inchecken', exact: true }),
        'Inchecken',
      );
      await expectOnScreen(page, page.getByLabel('Zoek op naam'), 'search');

      // A newcomer: the form, registered in one tap, then the card with its buttons.
      await passField.fill(String(13572468 + width));
      await passField.press('Enter');
      const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
      await form.getByLabel(/Naam/).fill(`Akosua ${width}`);
      const submit = form.getByRole('button', {
        name: 'Toestemming gegeven: registreren en inchecken',
      });
      await expectOnScreen(page, submit, 'register button');
      expect(await overflowOf(page), 'desk with form').toBe(0);
      await submit.click();
      const card = page.getByRole('region', { name: `Akosua ${width}` });
      await expectOnScreen(page, card.getByRole('button', { name: /2,50 ontvangen/ }), 'pay');
      await expectOnScreen(
        page,
        card.getByRole('button', { name: /^Formulierenbrigade/ }),
        'service button',
      );
      await expectOnScreen(page, page.getByRole('button', { name: /^Losse bezoeker/ }), 'walk-in');
      await page.getByRole('button', { name: /^Losse bezoeker/ }).click();
      await expectOnScreen(
        page,
        page.getByRole('button', { name: /^\+1 Formulierenbrigade/ }),
        'walk-in +1',
      );
      expect(await overflowOf(page), 'desk with card').toBe(0);

      for (const [nav, ready] of [
        ['Vandaag', /Vandaag aan deze balie/],
        ['Leden', /Leden|Zoek/],
        ['Penningmeester', /pincode|Penningmeester/i],
        ['Rapportage', /pincode|Rapportage/i],
        ['Instellingen', /Instellingen/],
        ['Zelf inchecken', /Zelf inchecken/],
      ] as const) {
        await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
        await page.locator('main').getByText(ready).first().waitFor();
        expect(await overflowOf(page), nav).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
