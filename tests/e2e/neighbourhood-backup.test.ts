/**
 * Two rooms without a server, in Chromium on the real build, offline after the first load:
 * - the CJM laptop registers Ama (pass 2468013579) and saves an encrypted backup file;
 * - a fresh MultiBron laptop restores that file (twice: nothing doubles) and shows the same summary;
 * - Ama's pass scanned at MultiBron checks her in, the card says she is registered at Casa Jepie
 *   Makandra and offers to register her here too: one tap, and she is registered at both while the
 *   totals still count one person.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';

const PASS = '2468013579';
const PASSPHRASE = 'zonnebloem aan de gracht';

const app = shareAppAndBrowser();

async function newLaptop(): Promise<BrowserContext> {
  return app.browser.newContext({
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
  await page.getByRole('heading', { name: 'Back-up zonder server' }).waitFor();
}

async function backupSummary(page: Page): Promise<string> {
  const line = page.getByTestId('backup-summary');
  await line.waitFor();
  return (await line.textContent()) ?? '';
}

describe('neighbourhood: backup without a server and a second location', () => {
  it('a CJM backup restores on a fresh MultiBron laptop; Ama registers there with one tap, counted once', async () => {
    const cjmLaptop = await newLaptop();
    const mbLaptop = await newLaptop();
    try {
      const cjm = await openDesk(cjmLaptop, app.server.url, /Casa Jepie Makandra/);
      await cjmLaptop.setOffline(true);
      await cjm.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
      const form = cjm.getByRole('region', { name: 'Nieuwe klant registreren' });
      await form.getByLabel(/^Pasnummer/).fill(PASS);
      await form.getByLabel(/^Naam/).fill('Ama Boateng');
      // No box to tick: the consent sentence stands above the one button that records it.
      await form
        .getByText(/^Vraag eerst: mag de buurtwerkkamer uw naam en gegevens bewaren/)
        .waitFor();
      await form
        .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
        .click();
      await cjm
        .getByRole('region', { name: 'Ama Boateng' })
        .getByText(/Contributie \d{4}/)
        .waitFor();

      // A week with data and no server: the reminder shows; the backup file is saved.
      await cjm.getByText(/Deze laptop heeft geen server/).waitFor();
      await openSettings(cjm);
      const cjmSummary = await backupSummary(cjm);
      expect(cjmSummary).toMatch(/1 ingeschreven klanten/);
      await cjm.getByLabel(/^Wachtzin \(minstens/).fill(PASSPHRASE);
      await cjm.getByLabel('Wachtzin nog een keer').fill(PASSPHRASE);
      const [download] = await Promise.all([
        cjm.waitForEvent('download'),
        cjm.getByRole('button', { name: 'Back-up opslaan' }).click(),
      ]);
      await cjm.getByText(/Back-up gemaakt: \d+ feiten/).waitFor();
      const file = await download.path();
      expect(file).toBeTruthy();
      await expect
        .poll(async () => (await cjm.getByText(/Deze laptop heeft geen server/).count()) === 0)
        .toBe(true);

      // A fresh laptop at MultiBron, offline: restore, and the same summary.
      const mb = await openDesk(mbLaptop, app.server.url, /MultiBron/);
      await mbLaptop.setOffline(true);
      await openSettings(mb);
      const restore = async () => {
        await mb.getByLabel('Back-upbestand').setInputFiles(file!);
        await mb.getByLabel('Wachtzin van de back-up').fill(PASSPHRASE);
        await mb.getByRole('button', { name: 'Terugzetten' }).click();
      };
      await mb.getByLabel('Back-upbestand').setInputFiles(file!);
      await mb.getByLabel('Wachtzin van de back-up').fill('verkeerde wachtzin');
      await mb.getByRole('button', { name: 'Terugzetten' }).click();
      await mb.getByText(/De wachtzin klopt niet/).waitFor();
      await restore();
      await mb.getByText(/Teruggezet: [1-9]\d* nieuwe feiten/).waitFor();
      await expect.poll(() => backupSummary(mb)).toBe(cjmSummary);
      await restore();
      await mb.getByText(/Teruggezet: 0 nieuwe feiten/).waitFor();
      expect(await backupSummary(mb)).toBe(cjmSummary);

      // Ama comes to MultiBron with her CJM pass.
      await mb.getByRole('button', { name: 'Balie', exact: true }).click();
      await mb.getByText('Scan een pas. U hoeft nergens eerst op te klikken.').waitFor();
      // Typed, not a wedge burst: a busy machine can stretch a burst into "typing" (desk-flow
      // covers the wedge); this test is about the second location.
      await mb.getByLabel('Of typ het pasnummer').fill(PASS);
      await mb.getByRole('button', { name: 'Inchecken', exact: true }).click();
      const card = mb.getByRole('region', { name: 'Ama Boateng' });
      await card
        .getByText('Ingeschreven bij Casa Jepie Makandra — ook hier inschrijven?')
        .waitFor();
      await card.getByRole('button', { name: 'Ook inschrijven bij MultiBron' }).click();
      await mb.getByText('Ook ingeschreven bij MultiBron.').waitFor();
      await expect.poll(async () => card.getByText(/ook hier inschrijven/).count()).toBe(0);

      // The name search says where she is registered now.
      await mb.getByLabel('Zoek op naam').fill('ama');
      await mb
        .getByText(/ingeschreven bij Casa Jepie Makandra, MultiBron/)
        .first()
        .waitFor();

      // One person at two locations: the totals count her once.
      await openSettings(mb);
      expect(await backupSummary(mb)).toMatch(/· 1 ingeschreven klanten ·/);
    } finally {
      await cjmLaptop.close();
      await mbLaptop.close();
    }
  });
});
