import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../events.ts';
import { summarize } from '../summary.ts';
import { anEvent, testId } from '../testing/event-builders.ts';
import { arrivalArb, hardEventSetArb } from '../testing/hard-event-sets.ts';
import {
  applyEventsToState,
  emptyProjectionState,
  foldProjection,
  tablesOf,
} from './memory-projection.ts';

const A = testId(0xa1);
const B = testId(0xa2);
const C = testId(0xa3);

/** Every order of a small list. */
function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((x, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

function foldOneByOne(events: readonly BuurtpasEvent[]) {
  const state = emptyProjectionState();
  for (const e of events) applyEventsToState(state, [e]);
  return state;
}

describe('projection: the named regressions', () => {
  it('erasure before registration: every order of the three facts counts nobody', () => {
    const facts = [
      anEvent(
        'client-registered',
        { memberId: A, locationId: 'cjm' },
        { at: '2026-03-01T10:00:00.000Z' },
      ),
      anEvent(
        'membership-started',
        { memberId: A, associationId: 'bv-cjm', date: '2026-03-01' },
        { at: '2026-03-01T10:00:00.000Z' },
      ),
      anEvent('member-erased', { memberId: A }, { at: '2026-04-01T10:00:00.000Z' }),
    ];
    const reference = tablesOf(foldOneByOne(facts));
    for (const order of permutations(facts)) {
      const state = foldOneByOne(order);
      const s = summarize(state, 2026);
      expect(s.total.registeredClients).toBe(0);
      expect(s.total.members).toBe(0);
      expect(tablesOf(state)).toEqual(reference);
    }
  });

  it('a registration dated after the erasure does not reopen the person', () => {
    const facts = [
      anEvent('member-erased', { memberId: A }, { at: '2026-02-01T10:00:00.000Z' }),
      anEvent(
        'client-registered',
        { memberId: A, locationId: 'cjm' },
        { at: '2026-03-01T10:00:00.000Z' },
      ),
    ];
    for (const order of permutations(facts))
      expect(summarize(foldOneByOne(order), 2026).total.registeredClients).toBe(0);
  });

  it('pass conflict does not depend on arrival order (revoke of the later issue, then the earlier issue)', () => {
    const earlier = anEvent(
      'pass-issued',
      { memberId: A, code: 'P1' },
      { eventId: testId(1), hlcCounter: 1 },
    );
    const later = anEvent(
      'pass-issued',
      { memberId: B, code: 'P1' },
      { eventId: testId(2), hlcCounter: 2 },
    );
    const revoke = anEvent(
      'pass-revoked',
      { memberId: B, code: 'P1', reason: 'kwijt' },
      { eventId: testId(3), hlcCounter: 3 },
    );
    const rows = permutations([earlier, later, revoke]).map((o) =>
      foldOneByOne(o).passes.get('P1'),
    );
    for (const r of rows) expect(r).toEqual(rows[0]);
    expect(rows[0]).toMatchObject({ memberId: A, status: 'active', conflictMemberIds: [B] });
  });

  it('a reissue of a revoked code to the same person is active again, in any order', () => {
    const issue = anEvent('pass-issued', { memberId: A, code: 'P1' }, { hlcCounter: 1 });
    const revoke = anEvent(
      'pass-revoked',
      { memberId: A, code: 'P1', reason: 'kwijt' },
      { hlcCounter: 2 },
    );
    const again = anEvent('pass-issued', { memberId: A, code: 'P1' }, { hlcCounter: 3 });
    for (const o of permutations([issue, revoke, again]))
      expect(foldOneByOne(o).passes.get('P1')?.status).toBe('active');
  });

  it('erasure cascades along merge chains in every order; the merged records lose name and phone', () => {
    const facts = [
      anEvent('client-registered', { memberId: C, locationId: 'multibron' }),
      anEvent('member-profile-set', { memberId: C, fields: { name: 'Ama', phone: '0612' } }),
      anEvent('members-merged', { fromMemberId: C, intoMemberId: B }),
      anEvent('members-merged', { fromMemberId: B, intoMemberId: A }),
      anEvent('member-erased', { memberId: A }, { at: '2026-04-01T10:00:00.000Z' }),
    ];
    const reference = tablesOf(foldOneByOne(facts));
    for (const order of permutations(facts)) {
      const state = foldOneByOne(order);
      expect(state.members.get(C)).toMatchObject({ erased: true, fields: {}, name: '' });
      expect(summarize(state, 2026).total.registeredClients).toBe(0);
      expect(tablesOf(state)).toEqual(reference);
    }
  });

  it('a void before its target: the target adds nothing, in one batch or two', () => {
    const pay = anEvent('payment-recorded', {
      memberId: A,
      associationId: 'bv-cjm',
      year: 2026,
      amountCents: 250,
      method: 'cash',
    });
    const visit = anEvent('visit-recorded', { memberId: A, locationId: 'cjm' });
    const voids = [pay, visit].map((t) =>
      anEvent('event-voided', { targetEventId: t.eventId, reason: 'fout' }),
    );
    const facts = [pay, visit, ...voids];
    const reference = tablesOf(foldProjection(facts, 10));
    for (const order of permutations(facts))
      expect(tablesOf(foldOneByOne(order))).toEqual(reference);
    const c = [...foldOneByOne(facts).contributions.values()][0];
    expect(c?.paidCents).toBe(0);
    expect([...foldOneByOne(facts).dayCounters.values()][0]).toMatchObject({
      visits: 0,
      payments: 0,
      cashCents: 0,
    });
  });
});

describe('projection: order-independence', () => {
  it('every arrival order, batch split and duplicate gives identical rows in every table', () => {
    fc.assert(
      fc.property(
        hardEventSetArb().chain((events) => fc.tuple(fc.constant(events), arrivalArb(events))),
        ([events, batches]) => {
          const reference = tablesOf(foldProjection(events, events.length));
          const state = emptyProjectionState();
          for (const b of batches) applyEventsToState(state, b);
          expect(tablesOf(state)).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});
