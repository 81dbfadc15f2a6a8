import { describe, expect, it } from 'vitest';
import { anEvent } from '../../domain/testing/event-builders.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import { readWalkInsToday } from './desk-card-queries.ts';

const id = (iso: string, n: number) => makeUuidV7(Date.parse(iso), new Uint8Array(10).fill(n));

function walkIn(at: string, n: number, deviceId = 'dtest0001', serviceId = 'cjm:koffie') {
  return anEvent(
    'walk-in-counted',
    { locationId: 'cjm', serviceId },
    { at, deviceId, eventId: id(at, n) },
  );
}

describe('readWalkInsToday', () => {
  it("counts this desk's unvoided walk-ins of the day per service, oldest first", async () => {
    const db = await freshDb();
    // 00:30 in Amsterdam (winter) is still the day before in UTC: it belongs to 2026-03-02.
    const early = walkIn('2026-03-01T23:30:00.000Z', 1);
    const late = walkIn('2026-03-02T16:00:00.000Z', 2);
    const voided = walkIn('2026-03-02T11:00:00.000Z', 3);
    const other = walkIn('2026-03-02T09:00:00.000Z', 4, 'dother001');
    const yesterday = walkIn('2026-03-01T12:00:00.000Z', 5);
    const tea = walkIn('2026-03-02T10:00:00.000Z', 6, 'dtest0001', 'cjm:thee');
    const visits = [1, 2, 3].map((n) =>
      anEvent(
        'visit-recorded',
        { memberId: id('2026-01-01T10:00:00.000Z', n), locationId: 'cjm' },
        { at: '2026-03-02T12:00:00.000Z', deviceId: 'dtest0001' },
      ),
    );
    await storeAndApply(
      db,
      [early, late, voided, other, yesterday, tea, ...visits].map((event) => ({ event })),
    );
    await storeAndApply(db, [
      {
        event: anEvent(
          'event-voided',
          { targetEventId: voided.eventId, reason: 'desk-undo' },
          { at: '2026-03-02T11:01:00.000Z' },
        ),
      },
    ]);
    expect(await readWalkInsToday(db, 'dtest0001', '2026-03-02')).toEqual({
      'cjm:koffie': { count: 2, eventIds: [early.eventId, late.eventId] },
      'cjm:thee': { count: 1, eventIds: [tea.eventId] },
    });
    expect(await readWalkInsToday(db, 'dtest0001', '2026-03-01')).toEqual({
      'cjm:koffie': { count: 1, eventIds: [yesterday.eventId] },
    });
  });

  it('finds a walk-in of today whose id is not time-ordered (a fact from an older laptop)', async () => {
    const db = await freshDb();
    // Ids from another scheme: today's sorts below every UUIDv7 of today, yesterday's above.
    const oldScheme = anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:koffie' },
      {
        at: '2026-03-02T09:30:00.000Z',
        deviceId: 'dtest0001',
        eventId: '00001b2c-0000-4000-8000-000000000001',
      },
    );
    const yesterdayHighId = anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:koffie' },
      {
        at: '2026-03-01T09:30:00.000Z',
        deviceId: 'dtest0001',
        eventId: 'fa1b2c3d-0000-4000-8000-000000000002',
      },
    );
    const today = walkIn('2026-03-02T10:00:00.000Z', 7);
    const before = walkIn('2026-02-27T10:00:00.000Z', 8);
    await storeAndApply(
      db,
      [before, oldScheme, yesterdayHighId, today].map((event) => ({ event })),
    );
    expect(await readWalkInsToday(db, 'dtest0001', '2026-03-02')).toEqual({
      'cjm:koffie': { count: 2, eventIds: [oldScheme.eventId, today.eventId] },
    });
    expect(await readWalkInsToday(db, 'dtest0001', '2026-03-01')).toEqual({
      'cjm:koffie': { count: 1, eventIds: [yesterdayHighId.eventId] },
    });
  });
});
