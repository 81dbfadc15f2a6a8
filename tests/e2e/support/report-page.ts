/**
 * The coordinator's year report as the end-to-end files open it.
 */
import type { Page } from 'playwright-core';

/**
 * Opens Rapportage the first time on this laptop: the coordinator chooses `pin`, then types it
 * when the screen asks (choosing may open it at once). Resolves once the report for `year` (any
 * year when not given) shows.
 */
export async function openReportFirstTime(page: Page, pin: string, year?: number): Promise<void> {
  await page.getByRole('button', { name: 'Rapportage', exact: true }).click();
  await page.getByRole('heading', { name: /Eerste keer/ }).waitFor();
  await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(pin);
  await page.getByLabel('Herhaal de nieuwe pincode').fill(pin);
  await page.getByRole('button', { name: 'Pincode opslaan' }).click();
  const asked = page.getByLabel('Pincode van de coördinator', { exact: true });
  const heading = page.getByRole('heading', {
    name: year === undefined ? /^Rapportage \d{4}/ : new RegExp(`Rapportage ${year}`),
  });
  await heading.or(asked).first().waitFor();
  if (await asked.isVisible()) {
    await asked.fill(pin);
    await page.getByRole('button', { name: 'Openen' }).click();
  }
  await heading.waitFor();
}
