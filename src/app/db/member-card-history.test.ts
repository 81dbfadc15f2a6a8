import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { makeUuidV7 } from '../../domain/make-event-id.ts';
import { anEvent } from '../../domain/testing/event-builders.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';
import { readMemberCard } from './desk-card-queries.ts';
import { SNAPSHOT_TABLES } from './snapshot-load.ts';

const NOW = Date.parse('2026-11-27T09:42:00.000Z');
const AMA = makeUuidV7(Date.parse('2024-01-01T10:00:00.000Z'), new Uint8Array(10).fill(1));
let n = 0;
const at = (iso: string) => ({
  at: iso,
  eventId: makeUuidV7(Date.parse(iso), new Uint8Array(10).fill(++n)),
});

const visit = (iso: string, locationId = 'cjm') =>
  anEvent('visit-recorded', { memberId: AMA, locationId }, { ...at(iso), locationId });
const serviceUse = (iso: string, serviceId: string) =>
  anEvent('service-used', { memberId: AMA, locationId: 'cjm', serviceId }, at(iso));

/** A laptop that holds every fact of Ama's history. */
async function fullLaptop(): Promise<{ db: BuurtpasDb; facts: BuurtpasEvent[] }> {
  const db = await freshDb();
  const wrong = visit('2026-09-01T09:00:00.000Z');
  const facts: BuurtpasEvent[] = [
    anEvent(
      'client-registered',
      { memberId: AMA, locationId: 'cjm' },
      at('2024-01-01T10:00:00.000Z'),
    ),
    anEvent(
      'member-profile-set',
      { memberId: AMA, fields: { name: 'Ama' } },
      at('2024-01-01T10:00:00.000Z'),
    ),
    // Years ago she came for the sewing club every week; lately for forms and computer lessons.
    ...Array.from({ length: 6 }, (_, i) =>
      serviceUse(`2022-0${i + 1}-10T10:00:00.000Z`, 'cjm:naaiclub'),
    ),
    visit('2026-03-02T09:00:00.000Z'),
    visit('2026-03-02T13:00:00.000Z'),
    visit('2026-06-15T10:30:00.000Z', 'multibron'),
    serviceUse('2026-06-15T10:35:00.000Z', 'cjm:formulierenbrigade'),
    serviceUse('2025-06-15T10:35:00.000Z', 'cjm:formulierenbrigade'),
    serviceUse('2026-08-15T10:35:00.000Z', 'cjm:computerles'),
    wrong,
    visit('2026-10-01T08:00:00.000Z'),
    visit('2026-11-20T10:00:00.000Z'),
    visit('2026-11-26T10:00:00.000Z'),
    visit('2026-11-27T09:30:00.000Z'),
  ];
  await storeAndApply(
    db,
    facts.map((event) => ({ event })),
  );
  const voided = serviceUse('2026-11-01T10:00:00.000Z', 'cjm:kookclub');
  await storeAndApply(db, [{ event: voided }]);
  for (const target of [wrong, voided])
    await storeAndApply(db, [
      {
        event: anEvent(
          'event-voided',
          { targetEventId: target.eventId, reason: 'fout' },
          at('2026-11-27T09:00:00.000Z'),
        ),
      },
    ]);
  return { db, facts };
}

/** A laptop started from a snapshot of it: the state rows, none of the facts, but today's. */
async function snapshotLaptop(full: BuurtpasDb): Promise<BuurtpasDb> {
  const db = await freshDb();
  for (const t of SNAPSHOT_TABLES) await db.table(t).bulkPut(await full.table(t).toArray());
  const today = await full.events.where('day').equals('2026-11-27').toArray();
  await db.events.bulkPut(today);
  return db;
}

describe('the member card history', () => {
  it('shows the last visits and the usual services from the derived rows, the same on a snapshot laptop', async () => {
    const { db } = await fullLaptop();
    const card = await readMemberCard(db, AMA, 'cjm', NOW);
    expect(card?.history).toEqual({
      lastVisits: [
        { day: '2026-11-27', locationId: 'cjm', at: '2026-11-27T09:30:00.000Z' },
        { day: '2026-11-26', locationId: 'cjm', at: '2026-11-26T10:00:00.000Z' },
        { day: '2026-11-20', locationId: 'cjm', at: '2026-11-20T10:00:00.000Z' },
        { day: '2026-10-01', locationId: 'cjm', at: '2026-10-01T08:00:00.000Z' },
        // 1 September's only visit was voided; 15 June at MultiBron is the fifth.
        { day: '2026-06-15', locationId: 'multibron', at: '2026-06-15T10:30:00.000Z' },
      ],
      // The sewing club is four years back; the voided cooking club does not count.
      usualServiceIds: ['cjm:formulierenbrigade', 'cjm:computerles'],
    });

    const fresh = await snapshotLaptop(db);
    expect((await fresh.events.toArray()).map((e) => [e.day, e.type]).sort()).toEqual([
      ['2026-11-27', 'event-voided'],
      ['2026-11-27', 'event-voided'],
      ['2026-11-27', 'visit-recorded'],
    ]);
    const again = await readMemberCard(fresh, AMA, 'cjm', NOW);
    expect(again?.history).toEqual(card?.history);
  });

  it('keeps older visits a full laptop holds as facts beyond the visit-days it keeps', async () => {
    const { db } = await fullLaptop();
    // "None beyond today" on this laptop: its visit-days before today are gone, its facts stay.
    await db.visitDays.filter((v) => v.day < '2026-11-27').delete();
    const card = await readMemberCard(db, AMA, 'cjm', NOW);
    expect(card?.history.lastVisits.map((v) => v.day)).toEqual([
      '2026-11-27',
      '2026-11-26',
      '2026-11-20',
      '2026-10-01',
      '2026-06-15',
    ]);
  });
});
