import { describe, expect, it } from 'vitest';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import { openBuurtpasDb } from './database.ts';
import { findNotSeenSince, listRolePeriods } from './report-actions.ts';
import { writeHistoryKeep } from './snapshot-load.ts';

let counter = 0;

describe('listRolePeriods', () => {
  it('two settings with equal stamps: the one the year report counts (larger event id), whatever arrived first', async () => {
    const memberId = testId(0xc1);
    const first = anEvent(
      'role-period-set',
      { memberId, locationId: 'cjm', role: 'volunteer', from: '2026-01-01', to: null },
      { eventId: testId(0x4001), role: 'coordinator' },
    );
    const second = { ...first, eventId: testId(0x4002), data: { ...first.data, to: '2026-06-30' } };
    for (const order of [
      [first, second],
      [second, first],
    ]) {
      const db = openBuurtpasDb(`report-actions-${++counter}`);
      await db.open();
      for (const event of order) await storeAndApply(db, [{ event }]);
      expect((await listRolePeriods(db)).map((p) => [p.eventId, p.to])).toEqual([
        [second.eventId, '2026-06-30'],
      ]);
      db.close();
    }
  });
});

const at = (d: string) => ({ at: `${d}T10:00:00.000Z` });
const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const [VISITED, USED, AWAY] = [testId(7701), testId(7702), testId(7703)];

describe('findNotSeenSince', () => {
  it('sees visits and service uses in the window also on a laptop that keeps no visit history', async () => {
    const db = await freshDb('cjm');
    await storeAndApply(db, [
      ...[VISITED, USED, AWAY].map((memberId) => ({
        event: anEvent('client-registered', { memberId, locationId: 'cjm' }, at('2024-02-01')),
      })),
      {
        event: anEvent(
          'visit-recorded',
          { memberId: VISITED, locationId: 'cjm' },
          at('2026-03-03'),
        ),
      },
      { event: anEvent('visit-recorded', { memberId: AWAY, locationId: 'cjm' }, at('2025-06-03')) },
      {
        event: anEvent(
          'service-used',
          { memberId: USED, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
          at('2025-12-30'),
        ),
      },
    ]);
    const since = '2025-11-27';
    expect(await findNotSeenSince(db, 'cjm', since, NOW)).toEqual([AWAY]);
    // Only today's visit-days kept: the answer is the same (the year's activity has the days).
    await writeHistoryKeep(db, 'none', NOW);
    expect(await db.visitDays.count()).toBe(0);
    expect(await findNotSeenSince(db, 'cjm', since, NOW)).toEqual([AWAY]);
    expect(await findNotSeenSince(db, 'cjm', '2025-01-01', NOW)).toEqual([]);
    db.close();
  });
});
