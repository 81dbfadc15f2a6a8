import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { foldProjection, tablesOf } from '../../domain/projection/memory-projection.ts';
import { fixtureEvents } from '../../domain/report/report-fixture.ts';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { toStoredEvent } from './apply-events.ts';
import { BuurtpasDb, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './database.ts';
import { dumpProjection } from './dump-projection.ts';
import { rebuildProjections } from './rebuild-projections.ts';

let counter = 0;
const ERASED = testId(0xe1);
const MERGED = testId(0xe2);

/** A laptop's facts: the year-report fixture, and a person merged into someone later erased. */
function laptopFacts(): BuurtpasEvent[] {
  return [
    ...fixtureEvents(),
    anEvent('client-registered', { memberId: MERGED, locationId: 'cjm' }),
    anEvent('member-profile-set', {
      memberId: MERGED,
      fields: { name: 'Abena Mensah', phone: '0611122233' },
    }),
    anEvent('members-merged', { fromMemberId: MERGED, intoMemberId: ERASED }),
    anEvent('member-erased', { memberId: ERASED }, { at: '2026-06-01T10:00:00.000Z' }),
  ];
}

/** A database as a laptop running version `v` left it: its facts and (stale) derived rows. */
async function oldLaptop(v: number, events: readonly BuurtpasEvent[]): Promise<string> {
  const name = `upgrade-${v}-${++counter}`;
  const old = new BuurtpasDb(name, v);
  await old.open();
  expect(old.verno).toBe(v);
  await old.events.bulkAdd(events.map((e) => toStoredEvent(e)));
  // Rows the old rules made: wrong in the new shape, so the upgrade must recompute them.
  await old.table('members').put({
    memberId: MERGED,
    fields: { name: 'Abena Mensah' },
    clocks: {},
    erased: false,
    mergedInto: ERASED,
    name: 'Abena Mensah',
    nameWords: ['abena', 'mensah'],
    locations: ['cjm'],
    createdAt: '2020-01-01T00:00:00.000Z',
  });
  await old.table('dayCounters').put({ key: 'stale', day: '2020-01-01', visits: 99 });
  if (v === 3) await old.table('reportVoided').put({ targetEventId: 'x' });
  old.close();
  return name;
}

describe('schema', () => {
  it('lists every version once, in increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_SCHEMA_VERSION).toBe(5);
  });

  // Every path from before version 4 passes its rebuild; later versions only add indexes.
  for (const from of SCHEMA_VERSIONS.map((v) => v.version).filter((v) => v < 4))
    it(`upgrades a laptop at version ${from}: every derived table recomputed from its facts`, async () => {
      const events = laptopFacts();
      const name = await oldLaptop(from, events);
      const db = new BuurtpasDb(name);
      await db.open();
      expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
      expect(db.tables.map((t) => t.name)).not.toContain('reportVoided');
      expect(await db.events.count()).toBe(events.length);
      expect(await dumpProjection(db)).toEqual(tablesOf(foldProjection(events)));
      // The record merged into an erased person lost its personal fields, payloads included.
      expect(await db.members.get(MERGED)).toMatchObject({ erased: true, name: '', fields: {} });
      const stored = JSON.stringify(await db.events.toArray());
      expect(stored).not.toContain('Abena');
      expect(stored).not.toContain('0611122233');
      db.close();
    });

  it('upgrades a laptop at version 4: its facts found by type and day, derived rows untouched', async () => {
    const walkIn = anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:koffie' },
      // An id from another scheme: the index finds it by its day, not by its id.
      { at: '2026-03-02T09:30:00.000Z', eventId: '00001b2c-0000-4000-8000-000000000001' },
    );
    const events = [...laptopFacts(), walkIn];
    const name = `upgrade-4-${++counter}`;
    const old = new BuurtpasDb(name, 4);
    await old.open();
    await old.events.bulkAdd(events.map((e) => toStoredEvent(e)));
    await rebuildProjections(old);
    const before = await dumpProjection(old);
    old.close();
    const db = new BuurtpasDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.events.count()).toBe(events.length);
    expect(await dumpProjection(db)).toEqual(before);
    const found = await db.events
      .where('[type+day]')
      .equals(['walk-in-counted', '2026-03-02'])
      .primaryKeys();
    expect(found).toEqual([walkIn.eventId]);
    db.close();
  });

  it('rebuildProjections recomputes every derived table in pages, with progress', async () => {
    const events = laptopFacts();
    const name = await oldLaptop(LATEST_SCHEMA_VERSION, events);
    const db = new BuurtpasDb(name);
    await db.open();
    const progress: number[] = [];
    const result = await rebuildProjections(db, {
      pageSize: 7,
      onProgress: (p) => progress.push(p.done),
    });
    expect(result).toEqual({ done: events.length, total: events.length });
    expect(progress[0]).toBe(0);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(events.length);
    expect(await dumpProjection(db)).toEqual(tablesOf(foldProjection(events)));
    db.close();
  });

  it('closes itself and tells the screen when another tab upgrades the database', async () => {
    const name = `versionchange-${++counter}`;
    const db = new BuurtpasDb(name);
    await db.open();
    let told = 0;
    db.onVersionChange(() => told++);
    const newer = new BuurtpasDb(name);
    newer.version(LATEST_SCHEMA_VERSION + 1).stores({});
    await newer.open();
    expect(told).toBe(1);
    expect(db.replacedByNewerVersion).toBe(true);
    expect(db.isOpen()).toBe(false);
    expect(newer.verno).toBe(LATEST_SCHEMA_VERSION + 1);
    newer.close();
  });
});
