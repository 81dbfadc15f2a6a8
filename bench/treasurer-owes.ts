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
    members.push({ memberId: id, fields: { name }, fieldHlc: {}, erased: false, name, nameWords: name.toLowerCase().split(' '), locations: [i % 3 === 0 ? 'multibron' : 'cjm'], createdAt: `${year}-03-0${1 + (i % 9)}T10:00:00.000Z` });
    memberships.push({ key: `${id}|bv-cjm`, memberId: id, scopeId: 'bv-cjm', opened: [`${year}-03-01`], closed: i % 20 === 0 ? ['2026-06-30'] : [] });
    if (i % 5 !== 0) contributions.push({ key: `${id}|bv-cjm|2026`, memberId: id, associationId: 'bv-cjm', year: 2026, paidCents: i % 4 === 0 ? 100 : 250, waived: i % 97 === 0 });
    if (i % 3 !== 0) lastVisits.push({ memberId: id, day: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`, locationId: 'cjm' });
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
    const visible = sortOwes(filterOwes(list.rows, { ...DEFAULT_OWES_FILTER, visit: 'not-seen-since', visitDate: '2026-06-01' }), 'open', true);
    filterSort.push(performance.now() - t);
    shown = visible.length;
  }
  db.close();
  return {
    members: { value: MEMBERS, unit: 'members of bv-cjm' },
    seed: { value: Math.round(seedMs), unit: 'ms (projection rows, bulkPut)' },
    baselineMemberships: { value: Math.round(median(baseline)), unit: 'ms median, memberships only' },
    readOwesList: { value: Math.round(median(read)), unit: `ms median, ${rows} rows` },
    filterAndSort: { value: Math.round(median(filterSort) * 10) / 10, unit: `ms median, ${shown} rows shown` },
  };
}
