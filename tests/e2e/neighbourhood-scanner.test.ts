/**
 * The scanner self-test in Chromium on the real build, offline. Keys are sent the way a USB
 * scanner's keyboard events arrive (CDP Input.dispatchKeyEvent: `key` and `code` apart), so an
 * AZERTY laptop behind a scanner set to US is simulated exactly: the physical keys of the test
 * pass, other characters.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_PASS_TEXT, usCodeOf } from '../../src/domain/scanner-check.ts';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { openDesk } from './support/desk-page.ts';

const app = shareAppAndBrowser();

const AZERTY: Record<string, string> = {
  KeyQ: 'a',
  KeyA: 'q',
  KeyZ: 'w',
  KeyW: 'z',
  KeyM: ',',
  Digit1: '&',
  Digit2: 'é',
  Digit9: 'ç',
  Digit0: 'à',
};

/** One key as a scanner types it: keyDown with its text, keyUp. */
async function key(cdp: CDPSession, k: { key: string; code: string; shift?: boolean }) {
  const text = k.key.length === 1 ? k.key : k.key === 'Enter' ? '\r' : '';
  await cdp.send('Input.dispatchKeyEvent', {
    type: text ? 'keyDown' : 'rawKeyDown',
    key: k.key,
    code: k.code,
    text,
    unmodifiedText: text,
    modifiers: k.shift ? 8 : 0,
  });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code });
}

async function scanTestPass(
  cdp: CDPSession,
  options: { layout: 'us' | 'azerty'; enter: boolean },
): Promise<void> {
  for (const c of TEST_PASS_TEXT) {
    const code = usCodeOf(c)!;
    const upper = c !== c.toLowerCase();
    let k = c;
    if (options.layout === 'azerty' && AZERTY[code] !== undefined) {
      const mapped = AZERTY[code]!;
      k = upper ? mapped.toUpperCase() : mapped;
    }
    await key(cdp, { key: k, code, shift: upper });
  }
  if (options.enter) await key(cdp, { key: 'Enter', code: 'Enter' });
}

async function runTest(
  page: Page,
  cdp: CDPSession,
  options: { layout: 'us' | 'azerty'; enter: boolean },
) {
  const start = page.getByRole('button', { name: /^(Scan de testpas|Nog een keer testen)$/ });
  await start.click();
  await page.getByText('Scan nu de testpas…').waitFor();
  await scanTestPass(cdp, options);
  const result = page.getByTestId('scanner-test-result');
  await result.getByText(/^De scanner (werkt goed|moet anders ingesteld worden)\.$/).waitFor();
  return result;
}

describe('neighbourhood: the scanner self-test', () => {
  it('names a missing Enter, and an AZERTY-garbled pass; reachable from the desk after an odd scan', async () => {
    const context: BrowserContext = await app.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    try {
      const page = await openDesk(context, app.server.url, /MultiBron/);
      await context.setOffline(true);
      const cdp = await context.newCDPSession(page);

      // At the desk a scan with letters is refused; the desk points to the self-test.
      await page.getByLabel('Of typ het pasnummer').fill('&é"(§è!çà');
      await page.getByRole('button', { name: 'Inchecken', exact: true }).click();
      await page
        .locator('.desk-line-text', { hasText: /Niet gelezen: .*Er is niets genoteerd/ })
        .waitFor();
      await page.getByText(/Leest de scanner vreemde tekens/).waitFor();
      await page.getByRole('link', { name: 'Scanner testen' }).click();
      await page.getByRole('heading', { name: 'Scanner testen' }).waitFor();
      await page.getByText('U komt van de balie: daar las de scanner iets vreemds.').waitFor();
      await page.getByRole('figure', { name: 'Testpas voor de scanner' }).locator('svg').waitFor();

      // A good scanner without Enter: works, and the missing Enter is named (and fine).
      let result = await runTest(page, cdp, { layout: 'us', enter: false });
      await result.getByText(/drukt geen Enter na het nummer/).waitFor();
      expect(await result.locator('[data-finding="no-enter"]').count()).toBe(1);
      expect(await result.textContent()).toContain(`De scanner typte: ${TEST_PASS_TEXT}`);

      // The same scanner on an AZERTY laptop, with Enter.
      result = await runTest(page, cdp, { layout: 'azerty', enter: true });
      await result.getByText('De scanner moet anders ingesteld worden.').waitFor();
      await result.getByText(/de laptop op AZERTY/).waitFor();
      expect(await result.locator('[data-finding="layout-azerty"]').count()).toBe(1);
      expect(await result.locator('[data-finding="ends-with-enter"]').count()).toBe(1);
      expect(await result.textContent()).not.toContain(`De scanner typte: ${TEST_PASS_TEXT}`);
    } finally {
      await context.close();
    }
  });
});
