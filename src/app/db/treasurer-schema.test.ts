import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openBuurtpasDb } from './database.ts';
import { writeEvents } from './record-events.ts';
import { seededRandom } from '../test/render-app.tsx';

/** The released version 1 stores, as a laptop that never saw version 2 has them. */
const V1 = {
  events: 'eventId, seq, memberId, [deviceId+day], type, day',
  outbox: '++id, &eventId',
  members: 'memberId, *nameWords, mergedInto',
  passes: 'code, memberId',
  visitDays: 'key, memberId, [locationId+day]',
  registrations: 'key, memberId, scopeId',
  memberships: 'key, memberId, scopeId',
  payments: 'eventId, memberId, [associationId+year], day',
  waivers: 'eventId, memberId, [associationId+year]',
  voids: 'targetEventId',
  contributions: 'key, memberId, [associationId+year]',
  amounts: 'key',
  dayCounters: 'key',
  services: 'id, locationId',
  meta: 'key',
};

const M1 = '0190a000-0000-7000-8000-000000000001';
const M2 = '0190a000-0000-7000-8000-000000000002';

describe('schema version 2 (treasurer)', () => {
  it('fills the last visit per member from the visit-days already on the laptop', async () => {
    const name = `upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1);
    await old.open();
    await old.table('visitDays').bulkPut([
      {
        key: `${M1}|cjm|2026-03-01`,
        memberId: M1,
        locationId: 'cjm',
        day: '2026-03-01',
        firstAt: '2026-03-01T10:00:00.000Z',
        eventId: 'e1',
      },
      {
        key: `${M1}|multibron|2026-05-02`,
        memberId: M1,
        locationId: 'multibron',
        day: '2026-05-02',
        firstAt: '2026-05-02T10:00:00.000Z',
        eventId: 'e2',
      },
      {
        key: `${M1}|cjm|2026-04-01`,
        memberId: M1,
        locationId: 'cjm',
        day: '2026-04-01',
        firstAt: '2026-04-01T10:00:00.000Z',
        eventId: 'e3',
      },
      {
        key: `${M2}|cjm|2025-12-31`,
        memberId: M2,
        locationId: 'cjm',
        day: '2025-12-31',
        firstAt: '2025-12-31T22:30:00.000Z',
        eventId: 'e4',
      },
    ]);
    old.close();

    const db = openBuurtpasDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.lastVisits.get(M1)).toEqual({
      memberId: M1,
      day: '2026-05-02',
      locationId: 'multibron',
    });
    expect(await db.lastVisits.get(M2)).toEqual({
      memberId: M2,
      day: '2025-12-31',
      locationId: 'cjm',
    });

    // New visits keep it current; an older one arriving late (sync) changes nothing.
    const writer = {
      deviceId: 'dtest',
      locationId: 'cjm',
      role: 'desk' as const,
      random: seededRandom(3),
    };
    await writeEvents(
      db,
      writer,
      [{ type: 'visit-recorded', data: { memberId: M2, locationId: 'cjm' } }],
      Date.parse('2026-11-27T09:00:00Z'),
    );
    await writeEvents(
      db,
      writer,
      [{ type: 'visit-recorded', data: { memberId: M1, locationId: 'cjm' } }],
      Date.parse('2026-01-15T09:00:00Z'),
    );
    expect((await db.lastVisits.get(M2))?.day).toBe('2026-11-27');
    expect((await db.lastVisits.get(M1))?.day).toBe('2026-05-02');
    db.close();
  });
});
