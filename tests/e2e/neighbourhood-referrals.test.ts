/**
 * Referrals as their own flow, in Chromium on the real build, offline. At MultiBron a partner's
 * referral is entered ahead for Kwame (dated 50 days ago) and one for Efua (today). Efua comes,
 * registers and is linked with one tap; Kwame never comes. The coordinator's year report then
 * shows referred 2, arrived 1, no-show 1 (Kwame's six weeks are over), and nothing still expected.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';
import { openReportFirstTime } from './support/report-page.ts';

const PIN = '48213';

const app = shareAppAndBrowser();

/** Local date (Amsterdam) `days` before today, as the date field takes it. */
function amsterdamDate(daysAgo: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );
}

async function enterReferral(page: Page, name: string, date: string): Promise<void> {
  const panel = page.getByRole('region', { name: /^Verwacht \(verwijzingen\)/ });
  await panel.getByRole('button', { name: 'Verwijzing invoeren' }).click();
  await panel.getByLabel('Doorverwezen door').selectOption({ label: 'WPI-klantmanager' });
  await panel.getByLabel('Datum van de verwijzing').fill(date);
  await panel.getByLabel('Naam').fill(name);
  await panel.getByLabel('Notitie').fill('Hulp bij formulieren');
  await panel.getByRole('button', { name: 'Verwijzing opslaan' }).click();
  await panel.getByText(name).waitFor();
}

async function openReport(page: Page, year: number): Promise<void> {
  await openReportFirstTime(page, PIN);
  await page.getByLabel(/^Jaar/).selectOption(String(year));
  await page.getByRole('heading', { name: new RegExp(`^Rapportage ${year}`) }).waitFor();
}

/** A row of the figures table: MultiBron's cell and the total (last) cell. */
async function figureRow(page: Page, label: string): Promise<{ multibron: string; total: string }> {
  return page.evaluate((wanted) => {
    const table = document.querySelector('table.figures')!;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    const row = [...table.querySelectorAll('tbody tr')].find(
      (tr) => tr.querySelector('th')?.textContent === wanted,
    );
    if (!row) throw new Error(`no row ${wanted}`);
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent ?? '');
    const mb = heads.slice(1).findIndex((h) => h.includes('MultiBron'));
    return { multibron: cells[mb] ?? '', total: cells[cells.length - 1] ?? '' };
  }, label);
}

describe('neighbourhood: referrals entered ahead', () => {
  it('a referral that never arrives is a no-show in the report; one that arrives is linked', async () => {
    const context: BrowserContext = await app.browser.newContext({
      viewport: { width: 1366, height: 1000 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    try {
      const page = await openDesk(context, app.server.url, /MultiBron/);
      await context.setOffline(true);
      const kwameDate = amsterdamDate(50);
      const today = amsterdamDate(0);
      await enterReferral(page, 'Kwame Asante', kwameDate);
      await enterReferral(page, 'Efua Owusu', today);
      const panel = page.getByRole('region', { name: /^Verwacht \(verwijzingen\)/ });
      await panel.getByRole('heading', { name: 'Verwacht (verwijzingen): 2' }).waitFor();
      await panel
        .getByRole('listitem')
        .filter({ has: page.getByText('Kwame Asante', { exact: true }) })
        .getByText(/termijn voorbij/)
        .waitFor();

      // Efua comes and registers; the desk links her referral with one tap.
      await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
      const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
      await form.getByLabel(/^Naam/).fill('Efua Owusu');
      // No box to tick: the consent sentence stands above the one button that records it.
      await form
        .getByText(/^Vraag eerst: mag de buurtwerkkamer uw naam en gegevens bewaren/)
        .waitFor();
      await form
        .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
        .click();
      await page
        .getByRole('region', { name: 'Efua Owusu' })
        .getByText(/Contributie \d{4}/)
        .waitFor();
      await panel
        .getByRole('listitem')
        .filter({ has: page.getByText('Efua Owusu', { exact: true }) })
        .getByRole('button', { name: 'Dit is Efua Owusu: koppelen' })
        .click();
      await page.getByText('Verwijzing gekoppeld aan Efua Owusu.').waitFor();
      await panel.getByRole('heading', { name: 'Verwacht (verwijzingen): 1' }).waitFor();

      const kwameYear = Number(kwameDate.slice(0, 4));
      const thisYear = Number(today.slice(0, 4));
      await openReport(page, kwameYear);
      if (kwameYear === thisYear) {
        expect(await figureRow(page, 'Doorverwezen')).toEqual({ multibron: '2', total: '2' });
        expect(await figureRow(page, 'Aangekomen')).toEqual({ multibron: '1', total: '1' });
      } else {
        expect(await figureRow(page, 'Doorverwezen')).toEqual({ multibron: '1', total: '1' });
        expect(await figureRow(page, 'Aangekomen')).toEqual({ multibron: '0', total: '0' });
      }
      expect(await figureRow(page, 'Niet gekomen (no-show)')).toEqual({
        multibron: '1',
        total: '1',
      });
      expect(await figureRow(page, 'Nog verwacht (binnen de termijn)')).toEqual({
        multibron: '0',
        total: '0',
      });
    } finally {
      await context.close();
    }
  });
});
