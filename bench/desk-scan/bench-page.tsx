/**
 * The real app over a database seeded with five years of data, for bench/desk-scan.ts. Seeding
 * writes the projection rows directly (what ten thousand registrations would have produced) and
 * one million history events, so the scan path meets a database of production size.
 */
import { createRoot } from 'react-dom/client';
import { App } from '../../src/app/app/app.tsx';
import {
  openBuurtpasDb,
  type ContributionRow,
  type MemberRow,
  type PassRow,
  type PeriodRow,
  type StoredEvent,
} from '../../src/app/db/database.ts';
import { saveLocation, writeMeta } from '../../src/app/db/desk-setup.ts';
import { contributionKey } from '../../src/app/db/apply-events.ts';
import {
  checkInByPass,
  checkInTables,
  readContribution,
  resolveMember,
} from '../../src/app/db/desk-actions.ts';
import { writeEvents } from '../../src/app/db/record-events.ts';
import { nameWords } from '../../src/domain/name-search.ts';
import { makeUuidV7 } from '../../src/domain/make-event-id.ts';
import { formatHlc } from '../../src/domain/hlc.ts';
import { localDateOf } from '../../src/domain/amsterdam-time.ts';
import '../../src/app/ui/theme.css';

const db = openBuurtpasDb('buurtpas-bench');
const FIRST = [
  'Ama',
  'Kofi',
  'Sérgio',
  'Lin',
  'Fatima',
  'Jan',
  'Priya',
  'Yaw',
  'Noor',
  'Ruth',
  'Abdel',
  'Esther',
];
const LAST = [
  'Boateng',
  'Mensah',
  'de Graaf',
  'Chen',
  'El Amrani',
  'Jansen',
  'Sewdien',
  'Asante',
  'Bakker',
  'Kwakye',
];

let seed = 12345;
function rand(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function bytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

export type SeedResult = { members: number; events: number; ms: number };

async function seedDatabase(
  members: number,
  events: number,
  onProgress: (done: number) => void,
): Promise<SeedResult> {
  const t0 = performance.now();
  await db.open();
  await writeMeta(db, 'deviceId', 'dbench001');
  await saveLocation(db, 'cjm');
  const ids: string[] = [];
  const start = Date.parse('2022-01-03T09:00:00.000Z');
  const memberRows: MemberRow[] = [];
  const passRows: PassRow[] = [];
  const regRows: PeriodRow[] = [];
  const shipRows: PeriodRow[] = [];
  const contribRows: ContributionRow[] = [];
  for (let i = 0; i < members; i++) {
    const at = start + Math.floor(rand() * 4 * 365 * 86400_000);
    const memberId = makeUuidV7(at, bytes(10));
    ids.push(memberId);
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    const hlc = formatHlc({ wallMs: at, counter: 0 }, 'dseed');
    memberRows.push({
      memberId,
      fields: { name },
      clocks: { name: hlc },
      erased: false,
      mergedInto: null,
      name,
      nameWords: nameWords(name),
      locations: ['cjm'],
      createdAt: new Date(at).toISOString(),
    });
    const code = String(10_000_000_00 + i);
    passRows.push({
      code,
      memberId,
      status: 'active' as const,
      issuedEventId: memberId,
      issuedAt: new Date(at).toISOString(),
      conflictMemberIds: [],
    });
    const day = localDateOf(at);
    regRows.push({ key: `${memberId}|cjm`, memberId, scopeId: 'cjm', opened: [day], closed: [] });
    if (i % 3 !== 0)
      shipRows.push({
        key: `${memberId}|bv-cjm`,
        memberId,
        scopeId: 'bv-cjm',
        opened: [day],
        closed: [],
      });
    if (i % 2 === 0)
      contribRows.push({
        key: contributionKey(memberId, 'bv-cjm', 2026),
        memberId,
        associationId: 'bv-cjm',
        year: 2026,
        paidCents: 250,
        waived: false,
      });
  }
  await db.transaction(
    'rw',
    [db.members, db.passes, db.registrations, db.memberships, db.contributions],
    async () => {
      await db.members.bulkPut(memberRows);
      await db.passes.bulkPut(passRows);
      await db.registrations.bulkPut(regRows);
      await db.memberships.bulkPut(shipRows);
      await db.contributions.bulkPut(contribRows);
    },
  );
  const CHUNK = 20_000;
  let now = start;
  for (let done = 0; done < events; done += CHUNK) {
    const rows: StoredEvent[] = [];
    for (let j = 0; j < CHUNK && done + j < events; j++) {
      now += 150_000;
      const memberId = ids[Math.floor(rand() * ids.length)]!;
      const visit = rand() < 0.5;
      const at = new Date(now).toISOString();
      const eventId = makeUuidV7(now, bytes(10));
      const event = visit
        ? {
            eventId,
            v: 1,
            type: 'visit-recorded' as const,
            at,
            hlc: formatHlc({ wallMs: now, counter: 0 }, 'dseed'),
            deviceId: 'dseed',
            locationId: 'cjm',
            role: 'desk' as const,
            data: { memberId, locationId: 'cjm' },
          }
        : {
            eventId,
            v: 1,
            type: 'service-used' as const,
            at,
            hlc: formatHlc({ wallMs: now, counter: 0 }, 'dseed'),
            deviceId: 'dseed',
            locationId: 'cjm',
            role: 'desk' as const,
            data: { memberId, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
          };
      rows.push({
        eventId,
        seq: done + j + 1,
        memberId,
        day: localDateOf(now),
        deviceId: 'dseed',
        locationId: 'cjm',
        type: event.type,
        event,
      });
    }
    await db.events.bulkAdd(rows);
    onProgress(done + rows.length);
  }
  return { members, events, ms: performance.now() - t0 };
}

/** The raw Dexie baseline of a scan: one indexed get and one put, measured on the same database. */
async function measureRawDexie(codes: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const code of codes) {
    const t0 = performance.now();
    await db.transaction('rw', [db.passes, db.meta], async () => {
      const pass = await db.passes.get(code);
      await db.meta.put({ key: 'bench-last', value: pass?.memberId ?? '' });
    });
    out.push(performance.now() - t0);
  }
  return out;
}

/** The scan's database work alone (no screen): lookup, decision and the committed visit. */
async function measureCheckIn(codes: string[]): Promise<number[]> {
  const writer = { deviceId: 'dbench001', locationId: 'cjm', role: 'desk' as const, random: bytes };
  const out: number[] = [];
  for (const code of codes) {
    const t0 = performance.now();
    await checkInByPass(db, writer, code, Date.now());
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * The check-in alone, paced like the screen's scans (next frame, then 30 ms idle before each), so
 * it can be compared with the scan path: after idle, a loaded machine wakes up slower than in a row.
 */
async function measureCheckInPaced(codes: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const code of codes) {
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    await new Promise((r) => setTimeout(r, 30));
    out.push(...(await measureCheckIn([code])));
  }
  return out;
}

/** Where a check-in's time goes: the same steps one at a time, each in its own transaction. */
async function measureSteps(codes: string[]): Promise<Record<string, number[]>> {
  const writer = { deviceId: 'dbench001', locationId: 'cjm', role: 'desk' as const, random: bytes };
  const out: Record<string, number[]> = {
    'get+put, all-table scope': [],
    'lookup + contribution (read-only)': [],
    'write the visit alone': [],
  };
  const wide = [db.passes, db.members, db.memberships, db.contributions, db.amounts, db.visitDays];
  for (const code of codes) {
    let t0 = performance.now();
    await db.transaction('rw', db.tables, async () => {
      const pass = await db.passes.get(code);
      await db.meta.put({ key: 'bench-last', value: pass?.memberId ?? '' });
    });
    out['get+put, all-table scope']!.push(performance.now() - t0);
    t0 = performance.now();
    const pass = await db.transaction('r', wide, async () => {
      const p = await db.passes.get(code);
      const m = await resolveMember(db, p!.memberId);
      await readContribution(db, m!.memberId, 'cjm', Date.now());
      return p;
    });
    out['lookup + contribution (read-only)']!.push(performance.now() - t0);
    t0 = performance.now();
    await writeEvents(
      db,
      writer,
      [{ type: 'visit-recorded', data: { memberId: pass!.memberId, locationId: 'cjm' } }],
      Date.now(),
    );
    out['write the visit alone']!.push(performance.now() - t0);
  }
  if (new URLSearchParams(location.search).has('probe')) await probeCheckIn(codes, out);
  return out;
}

/** Probe: pieces of a check-in's writes, each in its own transaction, on other members. */
async function probeCheckIn(codes: string[], out: Record<string, number[]>): Promise<void> {
  const writer = { deviceId: 'dbench001', locationId: 'cjm', role: 'desk' as const, random: bytes };
  const keys = [
    'probe: get + add fact row',
    'probe: get + add outbox row',
    'probe: get + put visitDay row',
    'probe: get + 4 derived puts',
    'probe: get + 4 derived puts, raw IndexedDB requests',
    'probe: get + 4 puts, one table',
    'probe: 13-table scope get+put',
    'probe: full check-in',
  ];
  for (const k of keys) out[k] = [];
  for (const code of codes) {
    const other = String(((Number(code) - 10_000_000_00 + 1234) % 10_000) + 10_000_000_00);
    const now = Date.now();
    const ev = {
      eventId: makeUuidV7(now, bytes(10)),
      v: 1,
      type: 'visit-recorded' as const,
      at: new Date(now).toISOString(),
      hlc: formatHlc({ wallMs: now, counter: 0 }, 'dprobe'),
      deviceId: 'dprobe',
      locationId: 'cjm',
      role: 'desk' as const,
      data: { memberId: 'probe', locationId: 'cjm' },
    };
    let t0 = performance.now();
    await db.transaction('rw', [db.passes, db.events], async () => {
      const pass = await db.passes.get(code);
      await db.events.add({
        eventId: ev.eventId,
        memberId: pass!.memberId,
        day: localDateOf(now),
        deviceId: 'dprobe',
        locationId: 'cjm',
        type: 'visit-recorded',
        event: ev,
      });
    });
    out['probe: get + add fact row']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction('rw', [db.passes, db.outbox], async () => {
      await db.passes.get(code);
      await db.outbox.add({ eventId: ev.eventId });
    });
    out['probe: get + add outbox row']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction('rw', [db.passes, db.visitDays], async () => {
      const pass = await db.passes.get(code);
      await db.visitDays.put({
        key: `probe|${ev.eventId}`,
        memberId: pass!.memberId,
        locationId: 'cjm',
        day: localDateOf(now),
        firstAt: ev.at,
        eventId: ev.eventId,
      } as never);
    });
    out['probe: get + put visitDay row']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction(
      'rw',
      [db.passes, db.lastVisits, db.dayCounters, db.reportActivity, db.meta],
      async () => {
        const pass = await db.passes.get(code);
        await Promise.all([
          db.lastVisits.put({ memberId: `probe|${pass!.memberId}` } as never),
          db.dayCounters.put({ key: `probe|${ev.eventId}` } as never),
          db.reportActivity.put({ key: `probe|${ev.eventId}`, year: 2099 } as never),
          db.meta.put({ key: 'bench-probe', value: ev.hlc }),
        ]);
      },
    );
    out['probe: get + 4 derived puts']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction(
      'rw',
      [db.passes, db.lastVisits, db.dayCounters, db.reportActivity, db.meta],
      async (tx) => {
        const idb = tx.idbtrans;
        const ask = <T,>(req: IDBRequest<T>) =>
          new Promise<T>((res, rej) => {
            req.onsuccess = () => res(req.result);
            req.onerror = () => rej(req.error);
          });
        const pass = (await ask(idb.objectStore('passes').get(code))) as { memberId: string };
        await Promise.all([
          ask(idb.objectStore('lastVisits').put({ memberId: `probe|${pass.memberId}` })),
          ask(idb.objectStore('dayCounters').put({ key: `probe|${ev.eventId}` })),
          ask(idb.objectStore('reportActivity').put({ key: `probe|${ev.eventId}`, year: 2099 })),
          ask(idb.objectStore('meta').put({ key: 'bench-probe', value: ev.hlc })),
        ]);
      },
    );
    out['probe: get + 4 derived puts, raw IndexedDB requests']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction('rw', [db.passes, db.meta], async () => {
      const pass = await db.passes.get(code);
      await Promise.all([
        db.meta.put({ key: 'bench-probe-1', value: pass?.memberId ?? '' }),
        db.meta.put({ key: 'bench-probe-2', value: ev.hlc }),
        db.meta.put({ key: 'bench-probe-3', value: ev.hlc }),
        db.meta.put({ key: 'bench-probe-4', value: ev.hlc }),
      ]);
    });
    out['probe: get + 4 puts, one table']!.push(performance.now() - t0);
    t0 = performance.now();
    await db.transaction('rw', checkInTables(db), async () => {
      const pass = await db.passes.get(code);
      await db.meta.put({ key: 'bench-last', value: pass?.memberId ?? '' });
    });
    out['probe: 13-table scope get+put']!.push(performance.now() - t0);
    t0 = performance.now();
    await checkInByPass(db, writer, other, Date.now());
    out['probe: full check-in']!.push(performance.now() - t0);
  }
}

function render(): void {
  createRoot(document.getElementById('root')!).render(<App db={db} />);
}

declare global {
  interface Window {
    benchApi: {
      seed: typeof seedDatabase;
      measureRawDexie: typeof measureRawDexie;
      measureCheckIn: typeof measureCheckIn;
      measureCheckInPaced: typeof measureCheckInPaced;
      measureSteps: typeof measureSteps;
      render: typeof render;
      passOf: (i: number) => string;
      nameOf: (i: number) => string;
    };
  }
}

window.benchApi = {
  seed: seedDatabase,
  measureRawDexie,
  measureCheckIn,
  measureCheckInPaced,
  measureSteps,
  render,
  passOf: (i) => String(10_000_000_00 + i),
  nameOf: (i) =>
    `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
};
