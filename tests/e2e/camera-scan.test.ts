/**
 * A camera scan end to end: a pass made in the test (bwip-js Code 128 + QR, painted in Chromium,
 * written as a y4m film: empty desk, then the card), fed to Chromium's fake camera, read by the
 * scanner and handled by the desk exactly like a USB scan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paintPassVideo } from './camera-pass-video.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { launchChromium } from './support/chromium.ts';
import { openDesk } from './support/desk-page.ts';

const PASS = '7302519846';
const NAME = 'Ama Mensah';
// Amsterdam is UTC+1 in winter: 10:15 yesterday and 14:05 today, local time.
const YESTERDAY = new Date('2026-11-26T09:15:00Z');
const TODAY = new Date('2026-11-27T13:05:00Z');

let dir = '';
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'buurtpas-camera-'));
  const video = join(dir, 'pass.y4m');
  await paintPassVideo(video, PASS, {
    width: 1280,
    height: 720,
    fps: 10,
    deskSeconds: 1,
    cardSeconds: 1.5,
    card: { widthFraction: 0.45, rotationDeg: 3 },
  });
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  server = await startAppServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openCameraDesk(startAt?: Date): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.grantPermissions(['camera'], { origin: server.url });
  // Before the first page: the app keeps a reference to Date.now when it starts.
  if (startAt) await context.clock.setFixedTime(startAt);
  const page = await openDesk(context, server.url, /Casa Jepie Makandra/);
  return { context, page };
}

type SeenCard = { tone: string; text: string };

/**
 * Records every result card as it appears. The fake camera's film loops, so the card comes back
 * every 2,5 s and the desk may answer again ("Al binnen sinds …"): reading "the" card later would
 * race with the next one.
 */
async function recordResultCards(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seenCards: { tone: string; text: string }[] };
    w.seenCards = [];
    const seen = new WeakSet<Element>();
    new MutationObserver(() => {
      for (const card of document.querySelectorAll('.result-card')) {
        if (seen.has(card) || !(card instanceof HTMLElement)) continue;
        seen.add(card);
        w.seenCards.push({
          tone: card.className,
          text: card.innerText.replace(/\s+/g, ' ').trim(),
        });
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * A USB scanner's burst, typed inside the page in one go: the harness's scanWithWedge presses keys
 * from Node with 7 ms pauses, which on a loaded machine can stretch past the detector's 50 ms and
 * read as human typing. The keys are the same (`DigitN` codes, then Enter) to the same detector.
 */
async function scanBurst(page: Page, code: string): Promise<void> {
  await page.evaluate((digits) => {
    const target = document.activeElement ?? document.body;
    const press = (key: string, code: string) => {
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }),
      );
      target.dispatchEvent(
        new KeyboardEvent('keyup', { key, code, bubbles: true, cancelable: true }),
      );
    };
    for (const d of digits) press(d, `Digit${d}`);
    press('Enter', 'Enter');
  }, code);
}

async function waitForCard(page: Page, containing: string): Promise<SeenCard> {
  const handle = await page.waitForFunction(
    (text) =>
      (window as unknown as { seenCards: { tone: string; text: string }[] }).seenCards.find((c) =>
        c.text.includes(text),
      ),
    containing,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as SeenCard;
}

/**
 * A desk without a service worker (so the test can hold the scanner's chunk), whose
 * getUserMedia calls and streams are recorded. The scanner's chunk waits for `release()`.
 */
async function openDeskWithHeldScanner(): Promise<{
  context: BrowserContext;
  page: Page;
  release: () => void;
}> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.grantPermissions(['camera'], { origin: server.url });
  await context.addInitScript(() => {
    const w = window as unknown as { cameraCalls: number; cameraStreams: MediaStream[] };
    w.cameraCalls = 0;
    w.cameraStreams = [];
    const devices = navigator.mediaDevices;
    const ask = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      w.cameraCalls++;
      const stream = await ask(constraints);
      w.cameraStreams.push(stream);
      return stream;
    };
  });
  let release = () => {};
  const held = new Promise<void>((res) => (release = res));
  // The desk's idle warm-up asks for the same chunk: it waits too.
  await context.route(/\/assets\/camera-scanner-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: /Casa Jepie Makandra/ }).click();
  await page.getByLabel('Of typ het pasnummer').waitFor();
  return { context, page, release };
}

const cameraCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { cameraCalls: number }).cameraCalls);

const cameraStreamCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.length);

const liveTracks = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );

describe('camera scan', () => {
  it('checks a member in from the webcam, the same way as a USB scan', async () => {
    // Registered yesterday (with that day's visit), so today's camera scan records a new visit.
    const { context, page } = await openCameraDesk(YESTERDAY);
    try {
      await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
      await page.getByLabel(/^Pasnummer/).fill(PASS);
      await page.getByLabel(/^Naam/).fill(NAME);
      await page
        .getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' })
        .click();
      await page.getByText('Nieuwe klant geregistreerd en ingecheckt om 10:15.').waitFor();
      await page.clock.setFixedTime(TODAY);
      await recordResultCards(page);

      await page.getByRole('button', { name: 'Pas scannen met de camera' }).click();
      const scanner = page.getByRole('dialog', { name: 'Pas scannen met de camera' });
      await scanner.getByText(/Houd de pas voor de camera/).waitFor({ timeout: 30_000 });

      // The card comes into view after a second of empty desk; the desk answers with a welcome.
      const byCamera = await waitForCard(page, 'Bezoek genoteerd om 14:05.');
      expect(byCamera.text).toContain(`Welkom, ${NAME}!`);
      expect(byCamera.text).toContain('Bezoek genoteerd om 14:05.');
      expect(byCamera.tone).toMatch(/result-(good|warn)/);

      // A USB scan of the same pass afterwards finds the visit the camera recorded.
      await page.getByRole('button', { name: 'Camera sluiten' }).click();
      await page.evaluate(() => ((window as unknown as { seenCards: unknown[] }).seenCards = []));
      await scanBurst(page, PASS);
      const byWedge = await waitForCard(page, 'Al binnen sinds 14:05');
      expect(byWedge.text).toContain(NAME);
      expect(byWedge.text).toContain('Er is geen tweede bezoek genoteerd.');
    } finally {
      await context.close();
    }
  });

  it('asks the camera for 1280×720, and Escape closes it and turns it off', async () => {
    const { context, page } = await openCameraDesk();
    try {
      await page.getByRole('button', { name: 'Pas scannen met de camera' }).click();
      const scanner = page.getByRole('dialog', { name: 'Pas scannen met de camera' });
      await scanner.getByText(/Houd de pas voor de camera/).waitFor({ timeout: 30_000 });
      const track = await page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('.camera-scanner video')!;
        const t = (video.srcObject as MediaStream).getVideoTracks()[0]!;
        (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack = t;
        const settings = t.getSettings();
        return {
          constraints: t.getConstraints(),
          width: settings.width,
          height: settings.height,
          state: t.readyState,
        };
      });
      // Chromium reports `{ ideal: 1280 }` as a bare 1280 (a bare value is an ideal); never `exact`.
      expect(track.constraints).toMatchObject({ width: 1280, height: 720 });
      // The fake device plays the file at its own size; a real webcam would follow the constraints.
      expect(track).toMatchObject({ width: 1280, height: 720, state: 'live' });

      // Focus starts on "Camera sluiten", so Escape reaches the scanner.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Camera sluiten');
      await page.keyboard.press('Escape');
      await scanner.waitFor({ state: 'detached' });
      expect(
        await page.evaluate(
          () => (window as unknown as { cameraTrack: MediaStreamTrack }).cameraTrack.readyState,
        ),
      ).toBe('ended');
      expect(
        await page
          .getByRole('button', { name: 'Pas scannen met de camera' })
          .getAttribute('aria-expanded'),
      ).toBe('false');
    } finally {
      await context.close();
    }
  });

  it('a press while the scanner still loads asks for the camera at once; the scanner uses that stream', async () => {
    const { context, page, release } = await openDeskWithHeldScanner();
    try {
      await recordResultCards(page);
      await page.getByRole('button', { name: 'Pas scannen met de camera' }).click();
      await page.getByText('De camera wordt geladen…').waitFor();
      // The chunk is still held: the camera was asked for by the desk, not by the scanner.
      await expect.poll(() => cameraCalls(page), { timeout: 30_000 }).toBe(1);
      release();
      const scanner = page.getByRole('dialog', { name: 'Pas scannen met de camera' });
      await scanner.getByText(/Houd de pas voor de camera/).waitFor({ timeout: 30_000 });
      const card = await waitForCard(page, PASS);
      expect(card.text).toContain('Onbekende pas');
      // One camera stream, the one asked for at the press, in the scanner's video.
      expect(await cameraCalls(page)).toBe(1);
      expect(
        await page.evaluate(
          () =>
            document.querySelector<HTMLVideoElement>('.camera-scanner video')?.srcObject ===
            (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams[0],
        ),
      ).toBe(true);
      await scanner.getByRole('button', { name: 'Camera sluiten' }).click();
      await scanner.waitFor({ state: 'detached' });
      expect(await liveTracks(page)).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('closed before the scanner loaded: the camera asked for at the press is turned off', async () => {
    const { context, page, release } = await openDeskWithHeldScanner();
    try {
      const button = page.getByRole('button', { name: 'Pas scannen met de camera' });
      await button.click();
      await page.getByText('De camera wordt geladen…').waitFor();
      await expect.poll(() => cameraCalls(page), { timeout: 30_000 }).toBe(1);
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      // The warm-up still loads the scanner's code and prepares its decoder (the wasm).
      const decoderFetched = page.waitForResponse(/\.wasm$/, { timeout: 30_000 });
      release();
      await decoderFetched;
      // The stream may arrive after the close; it is stopped when it does.
      await expect.poll(() => cameraStreamCount(page), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => liveTracks(page), { timeout: 30_000 }).toBe(0);
      expect(await cameraCalls(page)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('says so in Dutch when the camera is not allowed', async () => {
    // A browser without the fake camera's auto-accept: the permission request is refused.
    const refusing = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--deny-permission-prompts',
    ]);
    const context = await refusing.newContext();
    try {
      const page = await openDesk(context, server.url, /Casa Jepie Makandra/);
      await page.getByRole('button', { name: 'Pas scannen met de camera' }).click();
      const alert = page
        .getByRole('dialog', { name: 'Pas scannen met de camera' })
        .getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toContain('De browser mag de camera niet gebruiken');
      expect(await page.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(1);
    } finally {
      await context.close();
      await refusing.close();
    }
  });
});
