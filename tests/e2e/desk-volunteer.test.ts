/**
 * The desk a volunteer cannot get wrong (issue 13), in Chromium on the real build, at a phone
 * (390 px), a tablet (768 px) and a laptop (1280 px):
 * - read aloud: a recording speechSynthesis (injected before the app loads) hears the name, "al
 *   binnen" and the contribution state in Dutch (nl-NL), and nothing once the toggle is off; the
 *   status has an icon beside its colour; "al binnen" shows the name once;
 * - a scan on *Leden* or *Instellingen* opens the desk with that pass; while a form there holds
 *   typed text it stays, says "Pas gescand — ga naar Balie" and offers the desk in one tap; a name
 *   typed quickly (letters only) is never taken for a scan, on the desk nor elsewhere;
 * - the next person replaces the card; a repeated tap records once; the tap's undo line covers no
 *   button and, when it runs out, nothing moves; Vandaag takes the tap back later (390 px);
 * - self check-in on a tablet: only the member's first name, a tap on what they came for;
 * - the treasurer's history words what happened: the laptop's name as given in Instellingen, and
 *   "teruggedraaid aan de balie" for the desk's undo, never an id or an internal code.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { burstInPage as burst, completeRegistration, openDesk } from './support/desk-page.ts';

const app = shareAppAndBrowser();

/** The scanner drops the same code within 1,5 s (a pass held still): a second scan waits. */
const REPEAT_GAP_MS = 1_700;

/** Records what the desk says instead of saying it: text and language of each utterance. */
const RECORD_SPEECH = () => {
  const spoken: { text: string; lang: string }[] = [];
  (window as unknown as { spoken: typeof spoken }).spoken = spoken;
  class RecordedUtterance {
    text: string;
    lang = '';
    voice: unknown = null;
    rate = 1;
    constructor(text: string) {
      this.text = text;
    }
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    value: RecordedUtterance,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(window, 'speechSynthesis', {
    value: {
      speak: (u: RecordedUtterance) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => undefined,
      getVoices: () => [],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
    configurable: true,
  });
};

const spokenOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);

const navButton = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true });

/** Marks the card on screen, then waits until a new one replaces it (the scan was handled). */
async function expectNewCard(page: Page, scan: () => Promise<void>): Promise<void> {
  await page.evaluate(() => {
    document.querySelector('#desk-card .result-card')?.setAttribute('data-old', '');
  });
  await scan();
  await page.locator('#desk-card .result-card:not([data-old])').waitFor();
}

/** A scanned newcomer, registered with one tap; their card shows "nog niet betaald". */
async function registerByScan(page: Page, pass: string, name: string): Promise<void> {
  await burst(page, pass);
  const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
  await expect.poll(() => form.getByLabel(/^Pasnummer/).inputValue()).toBe(pass);
  await completeRegistration(page, name);
}

describe('the desk a volunteer cannot get wrong', () => {
  it('reads the name, "al binnen" and the contribution aloud in Dutch, and nothing when off (768 px)', async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.addInitScript(RECORD_SPEECH);
      await page.reload();
      await page.getByRole('button', { name: 'Voorlezen: uit' }).click();
      await page.getByRole('button', { name: 'Voorlezen: aan' }).waitFor();

      await registerByScan(page, '24681357', 'Akua Owusu');
      await expect.poll(() => spokenOf(page)).toHaveLength(2);
      const [unknown, welcome] = await spokenOf(page);
      expect(unknown).toEqual({ text: 'Onbekende pas. Nieuwe klant registreren.', lang: 'nl-NL' });
      expect(welcome!.lang).toBe('nl-NL');
      expect(welcome!.text).toMatch(/^Welkom, Akua Owusu\. Contributie \d{4}: nog niet betaald$/);

      // The contribution is paid; the next scan says "al binnen" and the new state.
      const card = page.getByRole('region', { name: 'Akua Owusu' });
      await card.getByRole('button', { name: /2,50 ontvangen/ }).click();
      await card.getByText(/Contributie \d{4}: betaald/).waitFor();
      await page.waitForTimeout(REPEAT_GAP_MS);
      await expectNewCard(page, () => burst(page, '24681357'));
      await expect.poll(() => spokenOf(page)).toHaveLength(3);
      const already = (await spokenOf(page))[2]!;
      expect(already.lang).toBe('nl-NL');
      expect(already.text).toMatch(
        /^Akua Owusu is al binnen, sinds \d\d:\d\d\. Contributie \d{4}: betaald$/,
      );

      // "Al binnen": its icon beside the colour, the name once on the card (its heading).
      const banner = page.locator('#desk-card .result-card');
      await banner.getByText(/^Al binnen sinds \d\d:\d\d$/).waitFor();
      expect(await banner.locator('.result-icon').innerText()).toBe('i');
      expect(await banner.locator('.result-icon').getAttribute('aria-hidden')).toBe('true');
      expect(await card.locator('.contribution-status .status-icon').isVisible()).toBe(true);
      const namesSeen = await page.evaluate(() =>
        Array.from(document.querySelectorAll('#desk-card *'))
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return (
              el.childElementCount === 0 &&
              /Akua Owusu/.test(el.textContent ?? '') &&
              box.width > 2 &&
              box.height > 2
            );
          })
          .map((el) => `${el.tagName}.${el.className}: ${el.textContent}`),
      );
      expect(namesSeen).toEqual([expect.stringMatching(/^H2\.member-name: /)]);
      // The screen reader still hears whose answer it is.
      expect(await page.getByRole('status', { name: 'Scanresultaat' }).textContent()).toContain(
        'Akua Owusu',
      );

      // Off: the next scan is handled, and nothing is said.
      await page.getByRole('button', { name: 'Voorlezen: aan' }).click();
      await page.getByRole('button', { name: 'Voorlezen: uit' }).waitFor();
      await page.waitForTimeout(REPEAT_GAP_MS);
      await expectNewCard(page, () => burst(page, '24681357'));
      await page.waitForTimeout(300);
      expect(await spokenOf(page)).toHaveLength(3);
    } finally {
      await context.close();
    }
  });

  it('a scan on Leden or Instellingen opens the desk, or says why not; names typed quickly stay names (390 px)', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.reload();
      await page.getByLabel('Of typ het pasnummer').waitFor();
      await registerByScan(page, '31415926', 'Kwame Asante');
      // On a phone the answer is brought into view: the volunteer need not scroll to see it. The
      // desk scrolls in the frame after the card's layout, so the box is read until it settles.
      const answerBox = () => page.locator('#desk-card .result-card').boundingBox();
      await expect.poll(async () => (await answerBox())!.y).toBeGreaterThanOrEqual(0);
      await expect
        .poll(async () => {
          const answer = (await answerBox())!;
          return answer.y + answer.height;
        })
        .toBeLessThanOrEqual(844);

      // A tap's line with its undo sits in the page flow: it covers no button. A second tap on
      // the same service right after records nothing more.
      const kwame = page.getByRole('region', { name: 'Kwame Asante' });
      await kwame.getByRole('button', { name: /^Formulierenbrigade/ }).click();
      await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).waitFor();
      await kwame.getByRole('button', { name: /^Formulierenbrigade/ }).click();
      await kwame.getByRole('button', { name: /^Formulierenbrigade.*vandaag 1×/ }).waitFor();
      await page.waitForTimeout(300);
      expect(await kwame.getByRole('button', { name: /vandaag 2×/ }).count()).toBe(0);
      await page.getByRole('button', { name: /^Losse bezoeker/ }).click();
      const covered = await page.evaluate(() => {
        const line = document.querySelector('.desk-line')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('main button'))
          .filter((b) => !b.closest('.desk-line'))
          .filter((b) => {
            const r = b.getBoundingClientRect();
            return (
              r.width > 0 &&
              r.left < line.right &&
              r.right > line.left &&
              r.top < line.bottom &&
              r.bottom > line.top
            );
          })
          .map((b) => b.textContent);
      });
      expect(covered).toEqual([]);
      // When the line runs out by itself, nothing below it moves (its room stays until a key or tap).
      const mainTop = () =>
        page.evaluate(() => document.querySelector('.desk-main')!.getBoundingClientRect().top);
      const topWithLine = await mainTop();
      await page.mouse.move(0, 0);
      await expect
        .poll(() => page.getByRole('button', { name: 'Ongedaan maken', exact: true }).count(), {
          timeout: 40_000,
        })
        .toBe(0);
      expect(await mainTop()).toBe(topWithLine);

      // The next person replaces the card, never below it: a newcomer's form, and only that.
      await burst(page, '16180339');
      await page.getByRole('region', { name: 'Nieuwe klant registreren' }).waitFor();
      expect(await page.locator('.member-card').count()).toBe(0);
      expect(await kwame.count()).toBe(0);

      for (const [screen, ready] of [
        ['Leden', page.getByLabel('Naam of pasnummer')],
        ['Instellingen', page.getByRole('heading', { name: /Instellingen/ }).first()],
      ] as const) {
        await navButton(page, screen).click();
        await ready.waitFor();
        // Not in a field made for pass numbers: the scan is a visitor for the desk.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.waitForTimeout(REPEAT_GAP_MS);
        await burst(page, '31415926');
        await page
          .locator('#desk-card')
          .getByText(/^Al binnen sinds \d\d:\d\d$/)
          .waitFor();
        expect(await navButton(page, 'Balie').getAttribute('aria-current'), screen).toBe('page');
        await page.getByRole('region', { name: 'Kwame Asante' }).waitFor();
      }

      // Leden's "Naam of pasnummer" is made for passes: a scan there looks the person up and
      // checks nobody in (the desk's visit count for Kwame stays one).
      await navButton(page, 'Leden').click();
      const search = page.getByLabel('Naam of pasnummer');
      await search.fill('');
      await search.focus();
      await page.waitForTimeout(REPEAT_GAP_MS);
      // Real keys (the field itself takes them; a burst sent inside the page types nothing).
      await page.keyboard.type('31415926', { delay: 5 });
      await page.keyboard.press('Enter');
      await expect.poll(() => search.inputValue()).toBe('31415926');
      await page.getByRole('button', { name: 'Kwame Asante openen' }).waitFor();
      expect(await navButton(page, 'Leden').getAttribute('aria-current')).toBe('page');
      expect(await page.getByText('Pas gescand — ga naar Balie').count()).toBe(0);

      // Typing in a form on Leden: the desk does not take over, it says why and is one tap away.
      await page.getByRole('button', { name: 'Kwame Asante openen' }).click();
      const phone = page.getByLabel('Telefoon');
      await phone.fill('06');
      await phone.focus();
      await page.waitForTimeout(REPEAT_GAP_MS);
      await burst(page, '31415926');
      const held = page.getByRole('alert').filter({ hasText: 'Pas gescand — ga naar Balie' });
      await held.waitFor();
      expect(await navButton(page, 'Leden').getAttribute('aria-current')).toBe('page');
      expect(await phone.inputValue()).toBe('06');
      await held.getByRole('button', { name: 'Naar Balie en inchecken' }).click();
      await page
        .locator('#desk-card')
        .getByText(/^Al binnen sinds \d\d:\d\d$/)
        .waitFor();
      expect(await navButton(page, 'Balie').getAttribute('aria-current')).toBe('page');

      // A name typed quickly is a name: letters only are no pass here (the room's passes are digits).
      await navButton(page, 'Leden').click();
      await search.fill('');
      await search.focus();
      await page.keyboard.type('Fatima', { delay: 5 });
      await expect.poll(() => search.inputValue()).toBe('Fatima');
      expect(await navButton(page, 'Leden').getAttribute('aria-current')).toBe('page');
      expect(await page.getByText('Pas gescand — ga naar Balie').count()).toBe(0);

      await navButton(page, 'Balie').click();
      const nameSearch = page.getByLabel('Zoek op naam');
      await nameSearch.focus();
      await burst(page, 'Fatima');
      await expect.poll(() => nameSearch.inputValue()).toBe('Fatima');
      // And at 30 ms a key from a real keyboard (issue point 9).
      await nameSearch.fill('');
      await page.keyboard.type('Kwame', { delay: 30 });
      await expect.poll(() => nameSearch.inputValue()).toBe('Kwame');
      await page.waitForTimeout(300);
      expect(await page.getByText('Niet gelezen').count()).toBe(0);
      expect(await nameSearch.inputValue()).toBe('Kwame');

      // Vandaag takes the tap back, long after the line is gone.
      await navButton(page, 'Vandaag').click();
      const today = page.getByRole('region', { name: 'Kwame Asante' });
      await today.getByRole('button', { name: /^Ongedaan maken: Formulierenbrigade/ }).click();
      await page.getByText('Ongedaan gemaakt: Formulierenbrigade').waitFor();
      await today.locator('s', { hasText: 'Formulierenbrigade' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('self check-in on a tablet by the door (768 px): the member sees only their own first name and taps what they came for', async () => {
    const context = await app.browser.newContext({ viewport: { width: 768, height: 1024 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.reload();
      await page.getByLabel('Of typ het pasnummer').waitFor();
      await registerByScan(page, '57721566', 'Esi Mensah');
      await page.waitForTimeout(REPEAT_GAP_MS);
      await registerByScan(page, '14142135', 'Kojo Addo');

      await navButton(page, 'Zelf inchecken').click();
      await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill('48213');
      await page.getByLabel('Herhaal de nieuwe pincode').fill('48213');
      await page.getByRole('button', { name: 'Pincode opslaan' }).click();
      const pin = page.getByLabel('Pincode van de coördinator', { exact: true });
      const start = page.getByRole('button', { name: 'Zelf inchecken starten' });
      await pin.or(start).first().waitFor();
      if (await pin.isVisible()) {
        await pin.fill('48213');
        await page.getByRole('button', { name: 'Openen' }).click();
      }
      await start.click();
      await page.getByLabel('Of typ uw pasnummer').waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);

      // The member scans their pass (no click first): the kiosk puts the digits in its field.
      await page.keyboard.type('57721566', { delay: 5 });
      await page.keyboard.press('Enter');
      await page.getByText('Welkom terug, Esi! U bent vandaag al ingecheckt.').waitFor();
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('Mensah');
      expect(text).not.toContain('Kojo');
      expect(text).not.toContain('57721566');
      const service = page.getByRole('button', { name: /^Formulierenbrigade/ });
      const box = (await service.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(768);
      await service.click();
      await page.getByRole('button', { name: /^Formulierenbrigade.*Genoteerd/ }).waitFor();
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the treasurer sees the laptop by its name and the desk undo in words, never an id', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openDesk(context, app.server.url, /Casa Jepie Makandra/);
      await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
      await page.reload();
      await navButton(page, 'Instellingen').click();
      const code = app.server.cli('enroll', '--location', 'cjm', '--role', 'coordinator').trim();
      await page.getByLabel('Adres van de server').fill(app.server.url);
      await page.getByLabel('Koppelcode').fill(code);
      await page.getByLabel('Naam van deze laptop (mag leeg)').fill('Balie CJM');
      await page.getByRole('button', { name: 'Koppelen' }).click();
      await page.getByText('Gekoppeld. Deze laptop synchroniseert nu vanzelf.').waitFor();
      const deviceId = await page.evaluate(async () => {
        const open = indexedDB.open('buurtpas');
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const get = db.transaction('meta').objectStore('meta').get('deviceId');
        return new Promise<string>((resolve) => {
          get.onsuccess = () => resolve((get.result as { value: string }).value);
        });
      });
      expect(deviceId.length).toBeGreaterThan(4);
      await page.getByText(/Deze laptop, “Balie CJM”, is gekoppeld met/).waitFor();
      const settingsText = await page.locator('main').innerText();
      expect(settingsText).toContain('Deze laptop, “Balie CJM”, is gekoppeld met');
      expect(settingsText).not.toContain(deviceId);

      // At the desk: € 2,50 taken, undone with the line's button, taken again.
      await navButton(page, 'Balie').click();
      await registerByScan(page, '27182818', 'Yaw Boateng');
      const card = page.getByRole('region', { name: 'Yaw Boateng' });
      await card.getByRole('button', { name: /2,50 ontvangen/ }).click();
      await card.getByText(/Contributie \d{4}: betaald/).waitFor();
      await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).click();
      await card.getByText(/Contributie \d{4}: nog niet betaald/).waitFor();
      await card.getByRole('button', { name: /2,50 ontvangen/ }).click();
      await card.getByText(/Contributie \d{4}: betaald/).waitFor();

      // The coordinator sets the PINs, the treasurer opens Yaw's history.
      await navButton(page, 'Penningmeester').click();
      await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill('48213');
      await page.getByLabel('Herhaal de nieuwe pincode').fill('48213');
      await page.getByRole('button', { name: 'Pincode opslaan' }).click();
      await page.getByLabel('Pincode van de coördinator', { exact: true }).fill('48213');
      await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill('73914');
      await page.getByLabel('Herhaal de nieuwe pincode').fill('73914');
      await page.getByRole('button', { name: 'Pincode opslaan' }).click();
      await page.getByLabel('Pincode van de penningmeester', { exact: true }).fill('73914');
      await page.getByRole('button', { name: 'Openen' }).click();
      await page.getByLabel('Toon').selectOption({ label: 'Betaald' });
      await page.getByRole('button', { name: 'Open Yaw Boateng' }).click();
      const history = page.locator('.member-panel');
      await history.getByText(/teruggedraaid aan de balie/).waitFor();
      // The laptops' names are read beside the history; until they are in, a line says "deze laptop".
      await history
        .getByText(/door balie op Balie CJM/)
        .first()
        .waitFor();
      const text = (await history.innerText()).replace(/\s+/g, ' ');
      expect(text).toMatch(/door balie op Balie CJM, Casa Jepie Makandra/);
      expect(text).toMatch(
        /Ongedaan gemaakt op \d\d-\d\d-\d{4} door balie: teruggedraaid aan de balie/,
      );
      expect(text).not.toContain('desk-undo');
      expect(text).not.toContain(deviceId);
    } finally {
      await context.close();
    }
  });
});
