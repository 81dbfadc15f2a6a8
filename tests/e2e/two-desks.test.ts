/**
 * Two desks end to end: two Chromium contexts (two laptops) at CJM and MultiBron, each enrolled
 * through the settings screen with a code from the server CLI. Both go offline; the same member
 * is scanned at both on the same day, each registers a newcomer and takes payments; the network
 * comes back; both converge and show exactly the numbers of `/api/v1/summary`.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';

// Amsterdam is UTC+1 in winter: 10:15 yesterday, 14:05 / 14:20 today, local time.
const YESTERDAY = new Date('2026-11-26T09:15:00Z');
const TODAY = new Date('2026-11-27T13:05:00Z');
const SHARED_PASS = '7302519846';

// E2E_STATIC_DIR: a private build, when other work rebuilds the shared dist/ meanwhile.
const app = shareAppAndBrowser({
  server: process.env.E2E_STATIC_DIR ? { env: { STATIC_DIR: process.env.E2E_STATIC_DIR } } : {},
});

type Desk = { context: BrowserContext; page: Page };

async function openEnrolledDesk(locationName: RegExp, locationId: string, at: Date): Promise<Desk> {
  const context = await app.browser.newContext();
  await context.clock.setFixedTime(at);
  context.on('weberror', (e) => console.log(`page error at ${locationId}: ${e.error().message}`));
  const page = await openDesk(context, app.server.url, locationName);
  const code = app.server.cli('enroll', '--location', locationId).trim();
  await page.getByRole('navigation').getByRole('button', { name: 'Instellingen' }).click();
  // The server address defaults to the address the app came from.
  expect(await page.getByLabel('Adres van de server').inputValue()).toBe(app.server.url);
  await page.getByLabel('Koppelcode').fill(code);
  await page.getByLabel(/Naam van deze laptop/).fill(`Balie ${locationId}`);
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByText('Gekoppeld. Deze laptop synchroniseert nu vanzelf.').waitFor();
  return { context, page };
}

const topBar = (page: Page) => page.getByRole('banner');

/**
 * A USB scanner's burst typed inside the page in one go (as camera-scan.test.ts does): key presses
 * sent from Node 7 ms apart can stretch past the detector's 50 ms on a loaded machine.
 */
async function scanWithWedge(page: Page, code: string): Promise<void> {
  await page.evaluate((digits) => {
    const target = document.activeElement ?? document.body;
    const press = (key: string, keyCode: string) => {
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, code: keyCode, bubbles: true, cancelable: true }),
      );
      target.dispatchEvent(
        new KeyboardEvent('keyup', { key, code: keyCode, bubbles: true, cancelable: true }),
      );
    };
    for (const d of digits) press(d, `Digit${d}`);
    press('Enter', 'Enter');
  }, code);
}

async function syncNow(page: Page): Promise<void> {
  await topBar(page).getByRole('button', { name: 'Nu synchroniseren' }).click();
  await topBar(page)
    .getByText(/^Alles gesynchroniseerd (om|op)/)
    .waitFor({ timeout: 30_000 });
}

async function goToDesk(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Balie' }).click();
}

async function registerNewcomer(page: Page, pass: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
  await page.getByLabel(/^Pasnummer/).fill(pass);
  await page.getByLabel(/^Naam/).fill(name);
  await page.getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' }).click();
  await page.getByText(/Nieuwe klant geregistreerd en ingecheckt om/).waitFor();
}

/** Takes this year's full contribution from the member on the card (joining first if needed). */
async function takeFullPayment(page: Page, name: string): Promise<void> {
  const card = page.getByRole('region', { name });
  const join = card.getByRole('button', { name: 'Lid worden van de bewonersvereniging' });
  await card
    .getByRole('button', { name: /€\s2,50 ontvangen|Lid worden van de bewonersvereniging/ })
    .first()
    .waitFor();
  if (await join.isVisible()) {
    await join.click();
    await page.getByText(`${name} is nu lid`).first().waitFor();
  }
  await card.getByRole('button', { name: /€\s2,50 ontvangen/ }).click();
  await card.getByText(/Contributie 2026: betaald/).waitFor();
}

type Counts = Record<string, string>;

/** The counts table of the settings screen, as text per cell, keyed "row|column". */
async function readCountsTable(page: Page): Promise<Counts> {
  await page.getByRole('navigation').getByRole('button', { name: 'Instellingen' }).click();
  const table = page.getByRole('table', { name: 'Tellingen 2026 op deze laptop' });
  await table.waitFor();
  return table.evaluate((el) => {
    const out: Record<string, string> = {};
    const heads = Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent ?? '');
    for (const tr of Array.from(el.querySelectorAll('tbody tr'))) {
      const cells = Array.from(tr.children);
      const row = cells[0]?.textContent ?? '';
      cells.slice(1).forEach((c, i) => (out[`${row}|${heads[i + 1]}`] = c.textContent ?? ''));
    }
    return out;
  });
}

describe('two desks, offline, then sync', () => {
  it('converge after offline work at CJM and MultiBron and show the numbers of /summary', async () => {
    const cjm = await openEnrolledDesk(/Casa Jepie Makandra/, 'cjm', YESTERDAY);
    const mb = await openEnrolledDesk(/MultiBron/, 'multibron', YESTERDAY);
    try {
      // Yesterday, online: Ama registers at CJM; MultiBron learns about her.
      await goToDesk(cjm.page);
      await registerNewcomer(cjm.page, SHARED_PASS, 'Ama Mensah');
      await syncNow(cjm.page);
      await syncNow(mb.page);

      // Today, both offline.
      for (const d of [cjm, mb]) {
        await d.page.clock.setFixedTime(TODAY);
        await d.context.setOffline(true);
        await topBar(d.page)
          .getByText(/Offline — alles wordt bewaard/)
          .waitFor();
      }

      // Ama visits both rooms today and pays at each; each desk registers a newcomer who pays.
      await goToDesk(mb.page);
      await scanWithWedge(mb.page, SHARED_PASS);
      await mb.page.getByText('Bezoek genoteerd om 14:05.').waitFor();
      // Ama is a member at CJM; at MultiBron she joins that room's association too, then pays.
      await takeFullPayment(mb.page, 'Ama Mensah');
      await goToDesk(cjm.page);
      await scanWithWedge(cjm.page, SHARED_PASS);
      await cjm.page.getByText('Bezoek genoteerd om 14:05.').waitFor();
      await takeFullPayment(cjm.page, 'Ama Mensah');
      await registerNewcomer(cjm.page, '4455667788', 'Kofi Boateng');
      await takeFullPayment(cjm.page, 'Kofi Boateng');
      await registerNewcomer(mb.page, '5566778899', 'Esi Owusu');
      await takeFullPayment(mb.page, 'Esi Owusu');
      for (const d of [cjm, mb])
        await topBar(d.page)
          .getByText(/wijzigingen wachten/)
          .waitFor();

      // Network back: the online event starts a sync by itself; a second round picks up the other desk.
      for (const d of [cjm, mb]) await d.context.setOffline(false);
      for (const d of [cjm, mb])
        await topBar(d.page)
          .getByText(/^Alles gesynchroniseerd om 14:05/)
          .waitFor({ timeout: 30_000 });
      await syncNow(cjm.page);
      await syncNow(mb.page);

      const adminToken = app.server.cli('admin-token').trim();
      const res = await fetch(`${app.server.url}/api/v1/summary?year=2026`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const api = (await res.json()) as {
        summary: {
          locations: Record<string, { registeredClients: number }>;
          associations: Record<string, { members: number; payingMembers: number }>;
          total: { registeredClients: number; members: number; payingMembers: number };
        };
        checksum: { count: number };
      };
      const expected: Counts = {
        'Casa Jepie Makandra|Ingeschreven klanten': String(
          api.summary.locations.cjm?.registeredClients,
        ),
        'MultiBron|Ingeschreven klanten': String(
          api.summary.locations.multibron?.registeredClients,
        ),
        'De Handreiking|Ingeschreven klanten': String(
          api.summary.locations.handreiking?.registeredClients,
        ),
        'Casa Jepie Makandra|Leden': String(api.summary.associations['bv-cjm']?.members),
        'MultiBron|Leden': String(api.summary.associations['bv-multibron']?.members),
        'De Handreiking|Leden': String(api.summary.associations['bv-handreiking']?.members),
        'Casa Jepie Makandra|Betalende leden': String(
          api.summary.associations['bv-cjm']?.payingMembers,
        ),
        'MultiBron|Betalende leden': String(
          api.summary.associations['bv-multibron']?.payingMembers,
        ),
        'De Handreiking|Betalende leden': String(
          api.summary.associations['bv-handreiking']?.payingMembers,
        ),
        'Totaal (personen)|Ingeschreven klanten': String(api.summary.total.registeredClients),
        'Totaal (personen)|Leden': String(api.summary.total.members),
        'Totaal (personen)|Betalende leden': String(api.summary.total.payingMembers),
      };
      // What the desks did: Ama and Kofi at CJM, Esi at MultiBron; three people in total.
      expect(expected['Casa Jepie Makandra|Ingeschreven klanten']).toBe('2');
      expect(expected['MultiBron|Ingeschreven klanten']).toBe('1');
      expect(expected['Totaal (personen)|Ingeschreven klanten']).toBe('3');
      for (const d of [cjm, mb]) {
        expect(await readCountsTable(d.page)).toEqual(expected);
        await d.page
          .getByText(
            `De tellingen van deze laptop zijn gelijk aan die van de server (${api.checksum.count} gebeurtenissen).`,
          )
          .waitFor();
        expect(await d.page.getByTestId('safety-pending').innerText()).toBe(
          'Alle wijzigingen staan op de server.',
        );
      }
    } catch (error) {
      if (process.env.E2E_SHOTS)
        for (const [n, d] of [
          ['cjm', cjm],
          ['mb', mb],
        ] as const)
          await d.page.screenshot({
            path: `${process.env.E2E_SHOTS}/two-desks-${n}.png`,
            fullPage: true,
          });
      throw error;
    } finally {
      await cjm.context.close();
      await mb.context.close();
    }
  });
});
