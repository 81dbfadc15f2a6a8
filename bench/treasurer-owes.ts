/**
 * "Who still owes" over 10.000 members: the read the treasurer's screen does (memberships by
 * association, contributions by association and year, members and last visits by key) and the
 * filter + sort in src/domain, beside a baseline of reading just the memberships, on the same
 * database. Runs on fake-indexeddb in Node (a proxy for Chromium's IndexedDB, which is usually
 * faster for bulk reads). Figures only; nothing is asserted.
 */
import 'fake-indexeddb/auto';
import { openBuurtpasDb } from '../src/app/db/database.ts';
import { readOwesList } from '../src/app/db/treasurer-queries.ts';
import { DEFAULT_OWES_FILTER, filterOwes, sortOwes } from '../src/domain/treasurer/owes-list.ts';
import { median } from './stats.ts';

const MEMBERS = 10_000;

function memberId(i: number): string {
  return `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
}

export async function benchTreasurerOwes() {
  const db = openBuurtpasDb(`bench-owes-${Date.now()}`);
  await db.open();
  const t0 = performance.now();
  const members = [];
  const memberships = [];
  const contributions = [];
  const lastVisits = [];
  for (let i = 0; i < MEMBERS; i++) {
    const id = memberId(i);
    const name = `Lid ${i} van Dijk`;
    const year = 2015 + (i % 12);
    members.push({
      memberId: id,
      fields: { name },
      fieldHlc: {},
      erased: false,
      name,
      nameWords: name.toLowerCase().split(' '),
      locations: [i % 3 === 0 ? 'multibron' : 'cjm'],
      createdAt: `${year}-03-0${1 + (i % 9)}T10:00:00.000Z`,
    });
    memberships.push({
      key: `${id}|bv-cjm`,
      memberId: id,
      scopeId: 'bv-cjm',
      opened: [`${year}-03-01`],
      closed: i % 20 === 0 ? ['2026-06-30'] : [],
    });
    if (i % 5 !== 0)
      contributions.push({
        key: `${id}|bv-cjm|2026`,
        memberId: id,
        associationId: 'bv-cjm',
        year: 2026,
        paidCents: i % 4 === 0 ? 100 : 250,
        waived: i % 97 === 0,
      });
    if (i % 3 !== 0)
      lastVisits.push({
        memberId: id,
        day: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`,
        locationId: 'cjm',
      });
  }
  await db.members.bulkPut(members as never);
  await db.memberships.bulkPut(memberships);
  await db.contributions.bulkPut(contributions);
  await db.lastVisits.bulkPut(lastVisits);
  const seedMs = performance.now() - t0;

  const baseline: number[] = [];
  const read: number[] = [];
  const filterSort: number[] = [];
  let rows = 0;
  let shown = 0;
  for (let run = 0; run < 7; run++) {
    let t = performance.now();
    await db.memberships.where('scopeId').equals('bv-cjm').toArray();
    baseline.push(performance.now() - t);
    t = performance.now();
    const list = await readOwesList(db, 'bv-cjm', 2026);
    read.push(performance.now() - t);
    rows = list.rows.length;
    t = performance.now();
    const visible = sortOwes(
      filterOwes(list.rows, {
        ...DEFAULT_OWES_FILTER,
        visit: 'not-seen-since',
        visitDate: '2026-06-01',
      }),
      'open',
      true,
    );
    filterSort.push(performance.now() - t);
    shown = visible.length;
  }
  db.close();
  return {
    members: { value: MEMBERS, unit: 'members of bv-cjm' },
    seed: { value: Math.round(seedMs), unit: 'ms (projection rows, bulkPut)' },
    baselineMemberships: {
      value: Math.round(median(baseline)),
      unit: 'ms median, memberships only',
    },
    readOwesList: { value: Math.round(median(read)), unit: `ms median, ${rows} rows` },
    filterAndSort: {
      value: Math.round(median(filterSort) * 10) / 10,
      unit: `ms median, ${shown} rows shown`,
    },
  };
}

/**
 * The same list on the real build in headless Chromium (real IndexedDB): 10.000 members of the
 * CJM association written into the projection tables, then the time from choosing the year to
 * the list on screen (200 rows drawn, totals over all), as a user sees it. Needs `vite build`.
 */
export async function benchTreasurerOwesInChromium() {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT, startAppServer } = await import('../tests/e2e/support/app-server.ts');
  const { launchChromium } = await import('../tests/e2e/support/chromium.ts');
  const { openDesk } = await import('../tests/e2e/support/desk-page.ts');
  if (!existsSync(join(ROOT, 'dist/index.html')))
    return { skipped: { value: 0, unit: 'run `npx vite build` first' } };
  const server = await startAppServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await openDesk(context, server.url, /Casa Jepie Makandra/);
    await page.evaluate(() => localStorage.setItem('buurtpas.lang', 'nl'));
    await page.reload();
    const seedMs = await page.evaluate(async (count: number) => {
      const t = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('buurtpas');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(
        ['members', 'memberships', 'contributions', 'lastVisits'],
        'readwrite',
      );
      for (let i = 0; i < count; i++) {
        const id = `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
        const name = `Lid ${i} van Dijk`;
        const year = 2015 + (i % 12);
        tx.objectStore('members').put({
          memberId: id,
          fields: { name },
          fieldHlc: {},
          erased: false,
          name,
          nameWords: ['lid', String(i), 'van', 'dijk'],
          locations: [i % 3 === 0 ? 'multibron' : 'cjm'],
          createdAt: `${year}-03-01T10:00:00.000Z`,
        });
        tx.objectStore('memberships').put({
          key: `${id}|bv-cjm`,
          memberId: id,
          scopeId: 'bv-cjm',
          opened: [`${year}-03-01`],
          closed: [],
        });
        for (const y of [2025, 2026])
          if ((i + y) % 5 !== 0)
            tx.objectStore('contributions').put({
              key: `${id}|bv-cjm|${y}`,
              memberId: id,
              associationId: 'bv-cjm',
              year: y,
              paidCents: i % 4 === 0 ? 100 : 250,
              waived: false,
            });
        if (i % 3 !== 0)
          tx.objectStore('lastVisits').put({
            memberId: id,
            day: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`,
            locationId: 'cjm',
          });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return performance.now() - t;
    }, MEMBERS);
    await page.reload();
    await page.getByRole('button', { name: 'Penningmeester', exact: true }).click();
    await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill('48213');
    await page.getByLabel('Herhaal de nieuwe pincode').fill('48213');
    await page.getByRole('button', { name: 'Pincode opslaan' }).click();
    await page.getByLabel('Pincode van de coördinator', { exact: true }).fill('48213');
    await page.getByLabel('Nieuwe pincode (minstens 5 cijfers)').fill('73914');
    await page.getByLabel('Herhaal de nieuwe pincode').fill('73914');
    await page.getByRole('button', { name: 'Pincode opslaan' }).click();
    await page.getByLabel('Pincode van de penningmeester', { exact: true }).fill('73914');
    await page.getByRole('button', { name: 'Openen' }).click();
    await page.locator('table.owes-table').waitFor({ timeout: 60_000 });
    const year = page.getByLabel('Contributiejaar');
    const times: number[] = [];
    let listed = '';
    for (let run = 0; run < 6; run++) {
      const target = run % 2 === 0 ? '2025' : '2026';
      const t = Date.now();
      await year.selectOption(target);
      await page.waitForFunction(
        (y) =>
          document
            .querySelector('[data-testid="owes-totals"]')
            ?.textContent?.includes(`leden in ${y}`) &&
          document.querySelector('table.owes-table tbody tr') !== null,
        target,
      );
      times.push(Date.now() - t);
      listed = (await page.locator('.owes-actions p').innerText()).trim();
    }
    const floor: number[] = [];
    for (let run = 0; run < 6; run++) {
      floor.push(
        await page.evaluate(async () => {
          const t = performance.now();
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('buurtpas');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const tx = db.transaction(
            ['members', 'memberships', 'contributions', 'lastVisits'],
            'readonly',
          );
          await Promise.all(
            ['members', 'memberships', 'contributions', 'lastVisits'].map(
              (store) =>
                new Promise((resolve, reject) => {
                  const req = tx.objectStore(store).getAll();
                  req.onsuccess = () => resolve(req.result);
                  req.onerror = () => reject(req.error);
                }),
            ),
          );
          db.close();
          return performance.now() - t;
        }),
      );
    }
    await context.close();
    return {
      rawGetAllFloor: {
        value: Math.round(median(floor)),
        unit: 'ms median, raw getAll of the four tables in the page (baseline)',
      },
      seedInBrowser: {
        value: Math.round(seedMs),
        unit: 'ms, raw IndexedDB puts of the projection rows',
      },
      chooseYearToList: {
        value: Math.round(median(times)),
        unit: `ms median of ${times.length} (incl. Playwright round trip), ${listed}`,
      },
      worst: { value: Math.max(...times), unit: 'ms' },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
