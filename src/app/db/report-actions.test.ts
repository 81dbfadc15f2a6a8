import { describe, expect, it } from 'vitest';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { storeAndApply } from './apply-events.ts';
import { openBuurtpasDb } from './database.ts';
import { listRolePeriods } from './report-actions.ts';

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
