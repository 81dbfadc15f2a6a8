/**
 * Member import in Chromium on the real build, offline from the start: a coordinator brings in the
 * old system's Windows-1252 export, looks at the preview, imports; the same file again adds
 * nobody; at the desk, passes printed before Buurtpas (letters, leading zeros) scan to the right
 * person. The parsers (Papa Parse, chardet, ExcelJS) load from the precache, not the network.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';

const app = shareAppAndBrowser();

const PIN = '48213';

const OLD_SYSTEM_CSV = [
  'Lidnummer;Voornaam;Tussenvoegsel;Achternaam;Geb.datum;Postcode;Lid sinds;Betaald 2026',
  'CJM00417;Sérgio;;Gonçalves;12-05-1961;1104ab;01-03-2015;ja',
  '0041753;Jan;van der;Berg;03-04-1970;;;nee',
  '00418;Piet;;Puk;31-02-1970;;;',
  '2000000000015;Fatma;;Yılmaz;;;;"€ 1,00"',
  ';;;;;;;',
  'Totaal;;;;;;;3',
  '',
].join('\r\n');

/** Windows-1252 bytes (the export's characters: Latin-1 plus €). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c === 'ı' ? 0x69 : c.charCodeAt(0))));
}

/**
 * A USB scanner set to a US layout on an AZERTY laptop: it presses the keys where a US keyboard
 * has the characters (Shift for capitals), and the laptop's layout turns them into other
 * characters (`KeyM` types `?` with Shift, `Digit0` types `à`). The keys are dispatched in one go
 * inside the page, as fast as a scanner sends them, so a loaded test machine cannot stretch the
 * burst into separate keys.
 */
async function scanCode(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const AZERTY_DIGITS = 'à&é"\'(-è_ç';
    const AZERTY_LETTER: Record<string, string> = { Q: 'a', W: 'z', A: 'q', Z: 'w', M: '?' };
    const target = document.activeElement ?? document.body;
    const send = (code: string, key: string, shiftKey: boolean) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { code, key, shiftKey, bubbles: true, cancelable: true }),
      );
    for (const ch of text) {
      if (/\d/.test(ch)) send(`Digit${ch}`, AZERTY_DIGITS[Number(ch)]!, false);
      else {
        const upper = ch.toUpperCase();
        const typed = AZERTY_LETTER[upper] ?? upper;
        const shift = ch === upper;
        send(`Key${upper}`, shift ? typed.toUpperCase() : typed.toLowerCase(), shift);
      }
    }
    send('Enter', 'Enter', false);
  }, code);
}

async function unlockCoordinator(page: Page): Promise<void> {
  const first = page.locator('input').and(page.getByLabel('Nieuwe pincode (minstens 5 cijfers)'));
  const pin = page.locator('input').and(page.getByLabel('Pincode van de coördinator'));
  await first.or(pin).first().waitFor();
  if (await first.isVisible()) {
    await first.fill(PIN);
    await page.locator('input').and(page.getByLabel('Herhaal de nieuwe pincode')).fill(PIN);
    await page.getByRole('button', { name: 'Pincode opslaan' }).click();
  }
  const lockNow = page.getByRole('button', { name: 'Nu vergrendelen' });
  // Choosing the first coordinator PIN opens the gate (PBKDF2 takes a moment).
  await pin.or(lockNow).first().waitFor({ timeout: 20_000 });
  if (!(await lockNow.isVisible())) {
    await pin.fill(PIN);
    await page.getByRole('button', { name: 'Openen' }).click();
  }
  await lockNow.waitFor({ timeout: 20_000 });
}

async function chooseFile(page: Page): Promise<void> {
  await page.getByLabel('Bestand kiezen (CSV of Excel)').setInputFiles({
    name: 'leden-oud-systeem.csv',
    mimeType: 'text/csv',
    buffer: cp1252(OLD_SYSTEM_CSV),
  });
  await page.getByRole('heading', { name: 'Welke kolom is wat?' }).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
}

describe('member import', () => {
  it('imports a Windows-1252 list offline; again adds nobody; imported passes scan to the right person', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await context.setOffline(true);
      await page.reload();
      await page.getByLabel('Zoek op naam').waitFor();

      await page.getByRole('button', { name: 'Leden', exact: true }).click();
      await page.getByRole('button', { name: 'Ledenlijst importeren' }).click();
      await unlockCoordinator(page);
      await chooseFile(page);

      await page
        .getByText('3 nieuw · 0 al hier · 0 mogelijk dubbel in het bestand · 1 met een fout')
        .waitFor();
      const row = (n: number) =>
        page
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
      expect(await row(2).getByRole('cell').nth(1).textContent()).toBe('Sérgio Gonçalves');
      expect(await row(3).getByRole('cell').nth(1).textContent()).toBe('Jan van der Berg');
      expect(await row(3).getByRole('cell').nth(2).textContent()).toBe('0041753');
      // A row can have more than one reason; all are named.
      expect(await row(4).getByRole('cell').nth(3).textContent()).toBe(
        'Fout: pasnummer 00418 lijkt niet op de passen van deze ruimte; Geb.datum 31-02-1970 bestaat niet of ligt in de toekomst',
      );

      // The rows with an error, as a CSV to correct and import again.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Regels met een fout downloaden (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('leden-oud-systeem-fouten.csv');

      await page.getByRole('button', { name: '3 personen importeren' }).click();
      await page.getByText('Klaar: 3 nieuw, 0 bijgewerkt.').waitFor({ timeout: 60_000 });

      // The same file again: everybody is already here.
      await page.getByRole('button', { name: 'Ander bestand kiezen' }).click();
      await chooseFile(page);
      await page
        .getByText('0 nieuw · 3 al hier · 0 mogelijk dubbel in het bestand · 1 met een fout')
        .waitFor();
      await page.getByText('Er is niets te importeren: iedereen is al hier.').waitFor();

      // At the desk, still offline: passes as printed before Buurtpas.
      await page.getByRole('button', { name: 'Balie', exact: true }).click();
      await page.getByLabel('Zoek op naam').waitFor();
      const result = page.getByRole('status', { name: 'Scanresultaat' });
      await scanCode(page, 'CJM00417');
      await result.getByText('Welkom, Sérgio Gonçalves!').waitFor();
      await scanCode(page, '0041753');
      await result.getByText('Welkom, Jan van der Berg!').waitFor();
      await scanCode(page, '2000000000015');
      await result.getByText('Welkom, Fatma Yilmaz!').waitFor();
    } finally {
      await context.close();
    }
  });
});
