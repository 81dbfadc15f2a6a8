/**
 * Two desks at Casa Jepie Makandra and a third laptop at MultiBron, all on the real server and
 * the real sync engine. The people are registered at desk A; the coordinator sets the PINs there
 * (the PIN facts sync). Then both desks go offline and take contributions: the same € 2,50 of
 * Kofi at both desks (a duplicate), a part payment of Sandra at desk B. Back online they sync.
 * On the third laptop the treasurer of the CJM association sees exactly who still owes what,
 * the duplicate to review, the same paying-member count as the laptop's and the server's summary,
 * and downloads the list as a CSV that reads back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDutchCsv } from '../../src/domain/csv.ts';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { SHOTS } from './support/screenshots.ts';
import { openDesk, registerAtDesk, syncUntilAgreed } from './support/desk-page.ts';

const COORDINATOR_PIN = '48213';
const TREASURER_PIN = '73914';

const app = shareAppAndBrowser({ screenshots: true });

async function openLaptop(
  locationName: RegExp,
  locationId: string,
  role: 'desk' | 'coordinator' = 'desk',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  const page = await openDesk(context, app.server.url, locationName);
  await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
  await page.reload();
  await page.getByRole('button', { name: 'Instellingen', exact: true }).click();
  const code = app.server.cli('enroll', '--location', locationId, '--role', role).trim();
  await page.getByLabel('Adres van de server').fill(app.server.url);
  await page.getByLabel('Koppelcode').fill(code);
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByText('Gekoppeld. Deze laptop synchroniseert nu vanzelf.').waitFor();
  return { context, page };
}

async function registerOnDeskScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Balie', exact: true }).click();
  await registerAtDesk(page, name);
}

async function openCardByName(page: Page, name: string) {
  await page.getByRole('button', { name: 'Balie', exact: true }).click();
  await page.getByLabel('Zoek op naam').fill(name);
  // The hit is named by its visible text: the name, what tells people apart (birth year,
  // postcode, where registered), then the action.
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('button', { name: new RegExp(`^${escaped} .*Inchecken$`) }).click();
  return page.getByRole('region', { name });
}

async function owesRows(page: Page): Promise<string[]> {
  const rows = await page.locator('table.owes-table tbody tr').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim());
}

describe('treasurer after two desks worked offline', () => {
  it(
    'shows the right people and amounts on a third laptop, the duplicate, and the CSV',
    { timeout: 240_000 },
    async () => {
      // A is the coordinator's laptop: only there (or by the server admin) is the first
      // coordinator PIN set (docs/security.md).
      const a = await openLaptop(/Casa Jepie Makandra/, 'cjm', 'coordinator');
      const b = await openLaptop(/Casa Jepie Makandra/, 'cjm');
      const c = await openLaptop(/MultiBron/, 'multibron');
      try {
        for (const name of ['Ama Boateng', 'Kofi Mensah', 'Sandra de Wit'])
          await registerOnDeskScreen(a.page, name);
        // First use on laptop A: the coordinator sets the PINs; they travel as facts.
        await a.page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
        await a.page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(COORDINATOR_PIN);
        await a.page.getByLabel('Herhaal de nieuwe pincode').fill(COORDINATOR_PIN);
        await a.page.getByRole('button', { name: 'Pincode opslaan' }).click();
        await a.page
          .getByLabel('Pincode van de coördinator', { exact: true })
          .fill(COORDINATOR_PIN);
        await a.page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill(TREASURER_PIN);
        await a.page.getByLabel('Herhaal de nieuwe pincode').fill(TREASURER_PIN);
        await a.page.getByRole('button', { name: 'Pincode opslaan' }).click();
        await a.page.getByRole('heading', { name: 'Alleen voor de penningmeester' }).waitFor();
        await syncUntilAgreed(a.page);
        await syncUntilAgreed(b.page);
        // Both desks offline; both take Kofi's € 2,50; desk B takes € 1,00 from Sandra.
        await a.context.setOffline(true);
        await b.context.setOffline(true);
        const kofiA = await openCardByName(a.page, 'Kofi Mensah');
        await kofiA.getByRole('button', { name: /2,50 ontvangen/ }).click();
        await kofiA.getByText(/Contributie \d{4}: betaald/).waitFor();
        const kofiB = await openCardByName(b.page, 'Kofi Mensah');
        await kofiB.getByRole('button', { name: /2,50 ontvangen/ }).click();
        await kofiB.getByText(/Contributie \d{4}: betaald/).waitFor();
        const sandraB = await openCardByName(b.page, 'Sandra de Wit');
        await sandraB.getByLabel(/Ander bedrag/).fill('1,00');
        await sandraB.getByRole('button', { name: 'Bedrag ontvangen' }).click();
        await sandraB.getByText(/Contributie \d{4}: €\s1,00 van €\s2,50 betaald/).waitFor();

        await a.context.setOffline(false);
        await b.context.setOffline(false);
        await syncUntilAgreed(a.page);
        await syncUntilAgreed(b.page);
        await syncUntilAgreed(c.page);
        // The third laptop, at another location, opens with the synced treasurer PIN.
        const page = c.page;
        await page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
        await page.getByLabel('Pincode van de penningmeester', { exact: true }).fill(TREASURER_PIN);
        await page.getByRole('button', { name: 'Openen' }).click();
        await page.getByRole('heading', { name: 'Wie moet nog betalen' }).waitFor();
        await page
          .getByLabel('Vereniging')
          .selectOption({ label: 'Bewonersvereniging Casa Jepie Makandra' });
        await expect.poll(() => owesRows(page)).toHaveLength(2);
        const rows = await owesRows(page);
        expect(rows[0]).toMatch(
          /^Ama Boateng Casa Jepie Makandra .* € 0,00 € 2,50 Nog niets betaald$/,
        );
        expect(rows[1]).toMatch(
          /^Sandra de Wit Casa Jepie Makandra .* € 1,00 € 1,50 Deels betaald$/,
        );
        const totals = (await page.getByTestId('owes-totals').innerText()).replace(/\s+/g, ' ');
        expect(totals).toContain('3 leden in');
        expect(totals).toContain('1 betaald · 1 deels betaald · 1 nog niets betaald');

        // The server's summary counts the same paying members (the same src/domain functions).
        const year = Number(/leden in (\d{4})/.exec(totals)![1]);
        const code = app.server.cli('enroll', '--location', 'cjm').trim();
        const enrolled = await fetch(`${app.server.url}/api/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, deviceId: 'dsummarycheck' }),
        });
        const { token } = (await enrolled.json()) as { token: string };
        const answer = (await (
          await fetch(`${app.server.url}/api/v1/summary?year=${year}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as {
          summary: { associations: Record<string, { members: number; payingMembers: number }> };
        };
        expect(answer.summary.associations['bv-cjm']).toEqual({ members: 3, payingMembers: 1 });

        // Kofi paid twice at two desks: listed for review; the treasurer voids one.
        await page.getByRole('button', { name: 'Mogelijk dubbel betaald (1)' }).click();
        const card = page.getByRole('article', {
          name: /^Kofi Mensah: €\s2,50 voor \d{4}, op \d\d-\d\d-\d{4}$/,
        });
        await card.waitFor();
        await page.screenshot({ path: join(SHOTS, 'treasurer-duplicates-nl.png'), fullPage: true });
        await card.getByRole('button', { name: 'Deze ongedaan maken' }).first().click();
        await page.getByText('Geen mogelijk dubbele betalingen voor dit jaar.').waitFor();
        await page.getByRole('button', { name: 'Wie moet nog betalen' }).click();
        await page.getByLabel('Toon').selectOption({ label: 'Betaald' });
        await expect
          .poll(() => owesRows(page))
          .toEqual([expect.stringMatching(/^Kofi Mensah .* € 2,50 € 0,00 Betaald$/)]);
        await page.getByLabel('Toon').selectOption({ label: 'Nog iets open' });

        // The CSV a volunteer takes along.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Lijst downloaden (Excel, CSV)' }).click(),
        ]);
        const csv = parseDutchCsv(readFileSync((await download.path())!, 'utf8'));
        expect(csv.slice(1).map((r) => [r[0], r[1], r[5], r[6], r[7]])).toEqual([
          ['Ama Boateng', 'Casa Jepie Makandra', '0,00', '2,50', 'Nog niets betaald'],
          ['Sandra de Wit', 'Casa Jepie Makandra', '1,00', '1,50', 'Deels betaald'],
        ]);
      } catch (error) {
        for (const [n, l] of [
          ['a', a],
          ['b', b],
          ['c', c],
        ] as const)
          await l.page.screenshot({ path: `/tmp/treasurer-sync-${n}.png`, fullPage: true });
        throw error;
      } finally {
        await a.context.close();
        await b.context.close();
        await c.context.close();
      }
    },
  );
});
