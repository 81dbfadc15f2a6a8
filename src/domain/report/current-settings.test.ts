import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../events.ts';
import { anEvent, testId } from '../testing/event-builders.ts';
import { pickCurrentRolePeriods, pickCurrentTargets } from './current-settings.ts';

const MEMBER = testId(0xb1);

/** Role-period and target settings on two devices, with equal stamps on purpose. */
const settingsArb: fc.Arbitrary<BuurtpasEvent[]> = fc
  .array(
    fc.record({
      kind: fc.integer({ min: 0, max: 1 }),
      minute: fc.integer({ min: 0, max: 1 }),
      device: fc.constantFrom('da', 'db'),
      to: fc.constantFrom(null, '2026-06-30', '2026-12-31'),
      value: fc.integer({ min: 1, max: 3 }),
      year: fc.constantFrom(2025, 2026),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((ops) =>
    ops.map((op, i) => {
      const options = {
        eventId: testId(0x2000 + i),
        at: `2026-03-02T10:0${op.minute}:00.000Z`,
        deviceId: op.device,
      };
      return op.kind === 0
        ? anEvent(
            'role-period-set',
            {
              memberId: MEMBER,
              locationId: 'cjm',
              role: 'volunteer',
              from: '2026-01-01',
              to: op.to,
            },
            options,
          )
        : anEvent(
            'target-set',
            { indicator: 'volunteers', locationId: 'cjm', year: op.year, value: op.value },
            options,
          );
    }),
  );

const sorted = (m: Map<string, BuurtpasEvent>) =>
  [...m].map(([k, f]) => `${k}=${f.eventId}`).sort();
const view = (facts: BuurtpasEvent[]) => ({
  roles: sorted(pickCurrentRolePeriods(facts)),
  targets: [2025, 2026].map((y) => sorted(pickCurrentTargets(facts, y))),
});

describe('settings a later fact replaces (role periods, targets)', () => {
  it('equal stamps: the larger event id wins, in either order (the laptop role list kept the first)', () => {
    const a = anEvent(
      'role-period-set',
      { memberId: MEMBER, locationId: 'cjm', role: 'volunteer', from: '2026-01-01', to: null },
      { eventId: testId(0x3001) },
    );
    const b = { ...a, eventId: testId(0x3002), data: { ...a.data, to: '2026-06-30' } };
    for (const order of [
      [a, b],
      [b, a],
    ])
      expect([...pickCurrentRolePeriods(order).values()].map((f) => f.eventId)).toEqual([
        b.eventId,
      ]);
  });

  it('any order of the same facts picks the same settings', () => {
    fc.assert(
      fc.property(
        settingsArb.chain((facts) =>
          fc.tuple(
            fc.constant(facts),
            fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }),
          ),
        ),
        ([facts, shuffled]) => {
          expect(view(shuffled)).toEqual(view(facts));
        },
      ),
      { numRuns: 200 },
    );
  });
});
