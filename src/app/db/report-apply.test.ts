import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { buildYearReport } from '../../domain/report/build-year-report.ts';
import { foldReportEvents } from '../../domain/report/report-state.ts';
import { fixtureEvents } from '../../domain/report/report-fixture.ts';
import { reportInputOf } from '../../domain/report/report-input.ts';
import Dexie from 'dexie';
import { foldProjection } from '../../domain/projection/memory-projection.ts';
import { openBuurtpasDb } from './database.ts';
import { toStoredEvent } from './apply-events.ts';
import { storeAndApply } from './apply-events.ts';
import { readYearReport } from './report-read.ts';

const NOW = Date.parse('2027-03-01T10:00:00.000Z');
let counter = 0;

async function freshDb(_location: string) {
  const db = openBuurtpasDb(`report-apply-${++counter}`);
  await db.open();
  return db;
}

async function applyInBatches(events: readonly BuurtpasEvent[], cuts: readonly number[]) {
  const db = await freshDb('cjm');
  const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, events.length]) {
    const batch = events.slice(from, to);
    from = Math.max(from, to);
    if (batch.length > 0)
      await storeAndApply(
        db,
        batch.map((event) => ({ event })),
      );
  }
  return db;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('report aggregates in IndexedDB', () => {
  it('give the same year report as the domain fold, in any order, batching and with duplicates', async () => {
    const expected = buildYearReport(
      reportInputOf(foldReportEvents(fixtureEvents()), 2026, '2027-03-01'),
      2026,
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), async (seed, cuts) => {
        const events = fixtureEvents();
        const db = await applyInBatches(shuffled([...events, ...events.slice(0, 12)], seed), cuts);
        const report = await readYearReport(db, 2026, NOW);
        expect(report).toEqual(expected);
        db.close();
      }),
      { numRuns: 12 },
    );
  });

  it('hold the same rows as the domain fold, a void before its fact in one batch included', async () => {
    const events = fixtureEvents();
    // Every void first, then the facts, all in one batch.
    const voidsFirst = [
      ...events.filter((e) => e.type === 'event-voided'),
      ...events.filter((e) => e.type !== 'event-voided'),
    ];
    const db = await applyInBatches(voidsFirst, []);
    const state = foldReportEvents(events);
    const byKey = <T extends { key: string }>(rows: Iterable<T>) =>
      [...rows].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(await db.reportActivity.toArray())).toEqual(byKey(state.activity.values()));
    expect(byKey(await db.reportWalkIns.toArray())).toEqual(byKey(state.walkIns.values()));
  });
});

describe('schema upgrade from version 1', () => {
  it('fills the aggregates from the facts already on a laptop when it upgrades', async () => {
    const name = `report-upgrade-${++counter}`;
    const old = new Dexie(name);
    old
      .version(1)
      .stores({ events: 'eventId, seq, memberId, [deviceId+day], type, day', meta: 'key' });
    await old.open();
    const events = fixtureEvents();
    await old.table('events').bulkAdd(events.map((e) => toStoredEvent(e)));
    old.close();
    const db = openBuurtpasDb(name);
    await db.open();
    const state = foldProjection(events);
    const expected = { activity: state.reportActivity, walkIns: state.reportWalkIns };
    const byKey = <T extends { key: string }>(rows: Iterable<T>) =>
      [...rows].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(await db.reportActivity.toArray())).toEqual(byKey(expected.activity.values()));
    expect(byKey(await db.reportWalkIns.toArray())).toEqual(byKey(expected.walkIns.values()));
    db.close();
  });
});
