import { describe, expect, it } from 'vitest';
import { anEvent, testId } from '../testing/event-builders.ts';
import { listReferencedFactIds } from './referenced-facts.ts';

describe('listReferencedFactIds', () => {
  it('names the targets of voids that are not in the batch, once, sorted', () => {
    const visit = anEvent('visit-recorded', { memberId: testId(0xa1), locationId: 'cjm' });
    const events = [
      visit,
      anEvent('event-voided', { targetEventId: visit.eventId, reason: 'fout' }),
      anEvent('event-voided', { targetEventId: testId(0x92), reason: 'fout' }),
      anEvent('event-voided', { targetEventId: testId(0x91), reason: 'fout' }),
      anEvent('event-voided', { targetEventId: testId(0x92), reason: 'nog eens' }),
      anEvent('members-merged', { fromMemberId: testId(0xa1), intoMemberId: testId(0xa2) }),
      anEvent('pass-revoked', { memberId: testId(0xa1), code: 'P1', reason: 'kwijt' }),
    ];
    expect(listReferencedFactIds(events)).toEqual([testId(0x91), testId(0x92)]);
    expect(listReferencedFactIds([visit])).toEqual([]);
  });
});
