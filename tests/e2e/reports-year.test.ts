/**
 * The coordinator's year report in Chromium on the real build and the real server.
 *
 * Two desks (CJM and MultiBron, two browser contexts = two laptops) register people and tap
 * services through the UI. Their facts then reach the server the way the sync engine's push
 * would send them (read from each laptop's IndexedDB, POST /api/v1/push with enrolled device
 * tokens), and the server's GET /api/v1/reports/year must show both desks together, people once.
 * On the CJM laptop the coordinator opens the report behind the PIN, enters targets, exports CSV
 * and XLSX (both parsed back here) and prints to an A4 PDF.
 *
 * Not yet here: the laptop pulling the other desk's facts. The sync engine (src/app/sync) has no
 * screen to enroll a laptop or start a round yet, so the browser report shows its own desk only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDutchCsv } from '../../src/domain/csv.ts';
import { PAYLOAD_VERSION, type BuurtpasEvent } from '../../src/domain/events.ts';
import { shareAppAndBrowser } from './support/app-and-browser.ts';
import { SHOTS } from './support/screenshots.ts';
import { openDesk } from './support/desk-page.ts';
import { openReportFirstTime } from './support/report-page.ts';

const PIN = '48213';
const YEAR = new Date().getFullYear();

const app = shareAppAndBrowser({ screenshots: true });

async function newLaptop(): Promise<BrowserContext> {
  return app.browser.newContext({
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
}

async function registerAndTap(page: Page, name: string, service: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Nieuwe klant registreren' }).first().click();
  const form = page.getByRole('region', { name: 'Nieuwe klant registreren' });
  await form.getByLabel(/^Naam/).fill(name);
  await form.getByRole('button', { name: 'Toestemming gegeven: registreren en inchecken' }).click();
  const card = page.getByRole('region', { name });
  await card.getByText(/Contributie \d{4}/).waitFor();
  await card.getByRole('button', { name: service }).first().click();
  await card
    .getByText(/vandaag 1×/)
    .first()
    .waitFor();
  await card.getByRole('button', { name: 'Klaar met deze klant' }).click();
}

/** Every fact on a laptop, read straight from its IndexedDB (what a push would send). */
async function factsOf(page: Page): Promise<BuurtpasEvent[]> {
  return page.evaluate(
    () =>
      new Promise<BuurtpasEvent[]>((resolve, reject) => {
        const open = indexedDB.open('buurtpas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events').objectStore('events').getAll();
          req.onsuccess = () =>
            resolve((req.result as { event: BuurtpasEvent }[]).map((r) => r.event));
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function enroll(
  locationId: string,
  deviceId: string,
  role: 'desk' | 'coordinator' = 'desk',
): Promise<string> {
  const code = app.server.cli('enroll', '--location', locationId, '--role', role).trim();
  const res = await fetch(`${app.server.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceId }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function pushAll(token: string, events: BuurtpasEvent[]): Promise<void> {
  const res = await fetch(`${app.server.url}/api/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, payloadVersion: PAYLOAD_VERSION, events }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.map((r) => r.status).filter((s) => s !== 'inserted')).toEqual([]);
}

const openReport = (page: Page) => openReportFirstTime(page, PIN, YEAR);

async function enterTarget(
  page: Page,
  indicator: string,
  location: string,
  value: string,
): Promise<void> {
  await page.getByRole('button', { name: 'Streefcijfers', exact: true }).click();
  await page.getByLabel('Indicator').selectOption({ label: indicator });
  await page.getByLabel('Locatie').selectOption({ label: location });
  await page.getByLabel('Streefcijfer', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Streefcijfer opslaan' }).click();
  await page
    .getByText(new RegExp(`Streefcijfer opgeslagen: .*${location}, ${YEAR}: ${value}\\.`))
    .waitFor();
}

/** Rows of an XLSX sheet as text, read back with ExcelJS (the library that wrote it). */
async function readXlsxSheet(bytes: Uint8Array, n: number): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const sheet = wb.worksheets[n - 1]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v !== null && v !== undefined) cells[c - 1] = String(v);
    }
    rows.push(cells.filter((c) => c !== undefined));
  });
  return rows;
}

describe('the year report', () => {
  it('after two desks: the server report counts both, the laptop report exports and prints', async () => {
    const cjmLaptop = await newLaptop();
    const mbLaptop = await newLaptop();
    try {
      const cjm = await openDesk(cjmLaptop, app.server.url, /Casa Jepie Makandra/);
      await registerAndTap(cjm, 'Ama Boateng', /^Formulierenbrigade/);
      await registerAndTap(cjm, 'Kofi Mensah', /kookclub/i);
      await registerAndTap(cjm, '=SOM(A1)', /^Klussendienst/);
      await cjm.getByRole('button', { name: /^Losse bezoeker/ }).click();
      await cjm.getByRole('button', { name: /^\+1 Formulierenbrigade/ }).click();

      const mb = await openDesk(mbLaptop, app.server.url, /MultiBron/);
      await registerAndTap(mb, 'Sandra de Wit', /^Naaiclub/);
      await registerAndTap(mb, 'Priya Ramdin', /^Formulierenbrigade/);

      // The two desks' facts reach the server as a push would send them.
      const cjmFacts = await factsOf(cjm);
      const mbFacts = await factsOf(mb);
      // The fixture holds coordinator work too (targets, services): pushed as coordinator devices.
      await pushAll(await enroll('cjm', cjmFacts[0]!.deviceId, 'coordinator'), cjmFacts);
      await pushAll(await enroll('multibron', mbFacts[0]!.deviceId, 'coordinator'), mbFacts);
      const coordinatorToken = await enroll('cjm', 'dcoordinator1', 'coordinator');
      const res = await fetch(`${app.server.url}/api/v1/reports/year?year=${YEAR}`, {
        headers: { authorization: `Bearer ${coordinatorToken}` },
      });
      expect(res.status).toBe(200);
      const { report } = (await res.json()) as {
        report: {
          locations: {
            locationId: string;
            figures: { registeredClients: number; individualsReached: number; walkIns: number };
          }[];
          total: {
            registeredClients: number;
            individualsReached: number;
            serviceAndActivity: number;
          };
        };
      };
      const figures = Object.fromEntries(report.locations.map((l) => [l.locationId, l.figures]));
      expect(figures.cjm).toMatchObject({
        registeredClients: 3,
        individualsReached: 3,
        walkIns: 1,
      });
      expect(figures.multibron).toMatchObject({
        registeredClients: 2,
        individualsReached: 2,
        walkIns: 0,
      });
      expect(report.total).toMatchObject({ registeredClients: 5, individualsReached: 5 });

      // The coordinator on the CJM laptop: its own desk's facts, targets and colours.
      await openReport(cjm);
      await enterTarget(cjm, 'Ingeschreven klanten', 'Casa Jepie Makandra', '3');
      await enterTarget(
        cjm,
        'Bewoners individueel bereikt, gebruiker van een dienst of deelnemer aan een activiteit',
        'Casa Jepie Makandra',
        '10',
      );
      await enterTarget(cjm, 'Actieve vrijwilligers', 'Casa Jepie Makandra', '40');
      await cjm.getByRole('button', { name: 'Jaarverslag', exact: true }).click();
      const registeredRow = cjm.locator('table.performance tr', {
        has: cjm.getByRole('rowheader', { name: 'Ingeschreven klanten', exact: true }),
      });
      await expect.poll(() => registeredRow.locator('td').first().innerText()).toContain('100 %');
      expect(await registeredRow.locator('td').first().getAttribute('class')).toContain(
        'band-green',
      );
      const reachedRow = cjm.locator('table.performance tr', {
        has: cjm.getByRole('rowheader', { name: /^Bewoners individueel bereikt/ }),
      });
      expect(await reachedRow.locator('td').first().getAttribute('class')).toContain('band-orange'); // 3 of 10 = 30 %
      await cjm.screenshot({ path: join(SHOTS, 'report-nl.png') });
      await cjm.screenshot({ path: join(SHOTS, 'report-nl-full.png'), fullPage: true });
      await cjm.locator('.charts').screenshot({ path: join(SHOTS, 'report-charts-nl.png') });

      // CSV, read back the Dutch Excel way.
      const [csvDownload] = await Promise.all([
        cjm.waitForEvent('download'),
        cjm.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(csvDownload.suggestedFilename()).toBe(`jaarverslag-${YEAR}.csv`);
      const csvText = readFileSync((await csvDownload.path())!, 'utf8');
      expect(csvText.charCodeAt(0)).toBe(0xfeff);
      const csv = parseDutchCsv(csvText);
      const registered = csv.find((r) => r[1] === 'Ingeschreven klanten op 31 december');
      expect(registered).toEqual([
        'Klanten',
        'Ingeschreven klanten op 31 december',
        '3',
        '0',
        '0',
        '3',
      ]);
      const services = csv.filter(
        (r) => r[0] === 'Casa Jepie Makandra' && r[1] === 'Formulierenbrigade',
      );
      expect(services).toEqual([
        ['Casa Jepie Makandra', 'Formulierenbrigade', 'dienst', '1', '1', '1'],
      ]);
      const target = csv.find(
        (r) => r[0] === 'Ingeschreven klanten' && r[1] === 'Casa Jepie Makandra',
      );
      expect(target).toEqual([
        'Ingeschreven klanten',
        'Casa Jepie Makandra',
        '3',
        '3',
        '100',
        'groen',
      ]);

      // XLSX, unzipped and read back.
      const [xlsxDownload] = await Promise.all([
        cjm.waitForEvent('download'),
        cjm.getByRole('button', { name: 'Download Excel' }).click(),
      ]);
      expect(xlsxDownload.suggestedFilename()).toBe(`jaarverslag-${YEAR}.xlsx`);
      const xlsx = new Uint8Array(readFileSync((await xlsxDownload.path())!));
      const sheet1 = await readXlsxSheet(xlsx, 1);
      expect(sheet1[0]).toEqual([
        'Onderdeel',
        'Indicator',
        'Casa Jepie Makandra',
        'MultiBron',
        'De Handreiking',
        'Samen',
      ]);
      expect(sheet1.find((r) => r[1] === 'Ingeschreven klanten op 31 december')).toEqual([
        'Klanten',
        'Ingeschreven klanten op 31 december',
        '3',
        '0',
        '0',
        '3',
      ]);
      const sheet2 = await readXlsxSheet(xlsx, 2);
      expect(
        sheet2.find((r) => r[0] === 'Actieve vrijwilligers' && r[1] === 'Casa Jepie Makandra'),
      ).toEqual(['Actieve vrijwilligers', 'Casa Jepie Makandra', '0', '40', '0', 'rood']);
      const sheet3 = await readXlsxSheet(xlsx, 3);
      expect(sheet3.some((r) => r[1] === 'Naaiclub')).toBe(true);

      // Print: the A4 PDF the browser makes, without menus or buttons.
      await cjm.emulateMedia({ media: 'print' });
      expect(await cjm.locator('.mainnav').isVisible()).toBe(false);
      expect(await cjm.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
      expect(
        await cjm
          .getByRole('heading', { name: `Rapportage ${YEAR} — Buurtwerkkamers Amsterdam Zuidoost` })
          .isVisible(),
      ).toBe(true);
      const pdf = await cjm.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(SHOTS, 'report-print-nl.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      // A4 portrait is 595 × 842 points.
      expect(pdf.toString('latin1')).toMatch(
        /\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/,
      );
      await cjm.emulateMedia({ media: 'screen' });

      // English.
      await cjm.getByRole('button', { name: 'Switch to English' }).click();
      await cjm.getByRole('heading', { name: new RegExp(`Report ${YEAR}`) }).waitFor();
      await cjm.screenshot({ path: join(SHOTS, 'report-en.png') });
      await cjm.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    } finally {
      await cjmLaptop.close();
      await mbLaptop.close();
    }
  });
});
