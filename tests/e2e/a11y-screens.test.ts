/**
 * axe-core (the npm package, injected into the page) on every screen of the real build, in the
 * states a volunteer sees them: zero serious or critical violations. Also the skip link, and the
 * kiosk: a member sees "Welkom, Ama!" and their services, nothing else, and only the
 * coordinator's PIN leaves it.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { burstInPage, openDesk } from './support/desk-page.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PIN = '48213';

const app = shareAppAndBrowser();

type Violation = { id: string; impact: string; nodes: { target: string[] }[] };

/** Serious and critical axe violations on the page as it is now, as "rule: selector" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    const result = (await axe.run(document)) as { violations: Violation[] };
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function expectClean(page: Page, where: string) {
  expect(await seriousViolations(page), where).toEqual([]);
}

async function unlockCoordinatorFirstTime(page: Page) {
  await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(PIN);
  await page.getByLabel('Herhaal de nieuwe pincode').fill(PIN);
  await page.getByRole('button', { name: 'Pincode opslaan' }).click();
  await openGateIfAsked(page);
}

async function openGateIfAsked(page: Page) {
  const pin = page.getByLabel('Pincode van de coördinator', { exact: true });
  const open = page.getByRole('button', { name: 'Nu vergrendelen' });
  await open.or(pin).first().waitFor();
  if (await pin.isVisible()) {
    await pin.fill(PIN);
    await page.getByRole('button', { name: 'Openen' }).click();
  }
}

describe('accessibility (axe-core) on every screen', () => {
  it('has no serious or critical violations, a skip link, and names that contain the visible words', async () => {
    // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    try {
      const first = await context.newPage();
      await first.goto(app.server.url);
      await first.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await first.reload();
      await first.getByRole('button', { name: /^Kies Casa Jepie Makandra/ }).waitFor();
      await expectClean(first, 'first screen');
      await first.close();

      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      const passField = page.getByLabel('Of typ het pasnummer');
      await passField.waitFor();
      await expectClean(page, 'desk, empty');

      // The skip link is the first Tab stop and lands in the main content.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Naar de inhoud' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      await passField.fill('97531864');
      await passField.press('Enter');
      const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
      await form.getByLabel(/Naam/).waitFor();
      await form.getByText('Meer gegevens (niet verplicht)').click();
      await expectClean(page, 'desk, newcomer form');
      await form.getByLabel(/Naam/).fill('Ama Boateng');
      await form
        .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
        .click();
      const card = page.getByRole('region', { name: 'Ama Boateng' });
      await card.getByRole('button', { name: /^Formulierenbrigade/ }).click();
      await card.getByRole('button', { name: /vandaag 1×/ }).waitFor();
      await page.getByRole('button', { name: /^Losse bezoeker/ }).click();
      await page.getByRole('button', { name: /^\+1 Computerles/ }).click();
      await page.getByLabel('Zoek op naam').fill('ama');
      await page.getByRole('button', { name: /^Ama Boateng.*Inchecken/ }).waitFor();
      await expectClean(page, 'desk, card, walk-ins and search');

      await page.getByRole('button', { name: 'Vandaag', exact: true }).click();
      await page.getByRole('region', { name: 'Ama Boateng' }).waitFor();
      await expectClean(page, 'Vandaag');

      await page.getByRole('button', { name: 'Leden', exact: true }).click();
      await page.getByLabel('Naam of pasnummer').fill('Ama');
      await page.getByRole('button', { name: 'Ama Boateng openen' }).click();
      await page
        .getByRole('heading', { name: /Ama Boateng/ })
        .first()
        .waitFor();
      // Opening a person does not jump to a PIN box further down.
      expect(
        await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type),
      ).not.toBe('password');
      await expectClean(page, 'Leden, a record');

      await page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
      await page.locator('main').getByRole('heading').first().waitFor();
      await expectClean(page, 'Penningmeester (locked)');

      await page.getByRole('button', { name: 'Rapportage', exact: true }).click();
      await page.getByRole('heading', { name: /Eerste keer/ }).waitFor();
      await expectClean(page, 'Rapportage (first PIN)');
      await unlockCoordinatorFirstTime(page);
      await page.getByRole('heading', { name: /^Rapportage \d{4}/ }).waitFor();
      await expectClean(page, 'Rapportage (open)');

      await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
      await page.locator('main').getByRole('heading').first().waitFor();
      await expectClean(page, 'Instellingen');

      // A scan while something is typed in Instellingen's form is held: a line says why, and the
      // desk is one tap away.
      await page.getByLabel('Adres van de server').fill('https://buurtpas.example');
      await burstInPage(page, '97531864');
      const held = page.getByRole('alert').filter({ hasText: 'Pas gescand — ga naar Balie' });
      await held.waitFor();
      await expectClean(page, 'Instellingen, scan held');
      await held.getByRole('button', { name: 'Naar Balie en inchecken' }).click();
      await page
        .getByRole('status', { name: 'Scanresultaat' })
        .getByText(/Al binnen sinds/)
        .waitFor();

      // Self check-in: started with the coordinator PIN, shows only the member's own name.
      await page.getByRole('button', { name: 'Zelf inchecken', exact: true }).click();
      await openGateIfAsked(page);
      await page.getByRole('button', { name: 'Zelf inchecken starten' }).click();
      const kioskField = page.getByLabel('Of typ uw pasnummer');
      await kioskField.waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
      await expectClean(page, 'kiosk');
      await kioskField.fill('97531864');
      await kioskField.press('Enter');
      await page.getByText('Welkom terug, Ama! U bent vandaag al ingecheckt.').waitFor();
      expect(await page.getByText('Boateng').count()).toBe(0);
      await page.getByRole('button', { name: /kookclub/i }).click();
      await page.getByRole('button', { name: /kookclub.*Genoteerd/i }).waitFor();
      await expectClean(page, 'kiosk, welcome');
      // A reload stays in the kiosk.
      await page.reload();
      await page.getByLabel('Of typ uw pasnummer').waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
      // Leaving asks for the coordinator PIN.
      await page.getByRole('button', { name: 'Stoppen (coördinator)' }).click();
      await page.getByLabel('Pincode van de coördinator', { exact: true }).fill(PIN);
      await page.getByRole('button', { name: 'Openen' }).click();
      await page.getByRole('button', { name: 'Zelf inchecken stoppen' }).click();
      await page.getByRole('navigation').waitFor();
    } finally {
      await context.close();
    }
  });
});
