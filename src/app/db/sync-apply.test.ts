import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';
import { applyPulledEventsCached } from './sync-apply.ts';

const MEMBERS = [testId(1), testId(2), testId(3)];
const DAYS = ['2026-03-02T09:00:00.000Z', '2026-03-02T13:00:00.000Z', '2026-03-03T10:00:00.000Z', '2027-01-05T10:00:00.000Z'];
const DEVICES = ['dalpha', 'dbeta'];

/** Random facts over a few members, days and devices, so pages collide on the same rows. */
const eventArb = (n: number): fc.Arbitrary<BuurtpasEvent> =>
  fc
    .record({
      kind: fc.integer({ min: 0, max: 13 }),
      member: fc.constantFrom(...MEMBERS),
      other: fc.constantFrom(...MEMBERS),
      at: fc.constantFrom(...DAYS),
      device: fc.constantFrom(...DEVICES),
      loc: fc.constantFrom('cjm', 'multibron'),
      cents: fc.constantFrom(100, 150, 250),
      target: fc.integer({ min: 1, max: 60 }),
      name: fc.constantFrom('Ama', 'Kofi', 'Esi'),
      hlc: fc.integer({ min: 0, max: 5 }),
    })
    .map((r) => {
      const o = { at: r.at, deviceId: r.device, locationId: r.loc, eventId: testId(1000 + n), hlcCounter: r.hlc };
      const assoc = r.loc === 'cjm' ? 'bv-cjm' : 'bv-multibron';
      switch (r.kind) {
        case 0:
          return anEvent('client-registered', { memberId: r.member, locationId: r.loc }, o);
        case 1:
          return anEvent('member-profile-set', { memberId: r.member, fields: { name: r.name } }, o);
        case 2:
          return anEvent('visit-recorded', { memberId: r.member, locationId: r.loc }, o);
        case 3:
          return anEvent('service-used', { memberId: r.member, locationId: r.loc, serviceId: 'cjm:kookclub' }, o);
        case 4:
          return anEvent('payment-recorded', { memberId: r.member, associationId: assoc, year: 2026, amountCents: r.cents, method: 'cash' }, o);
        case 5:
          return anEvent('event-voided', { targetEventId: testId(1000 + r.target), reason: 'fout' }, o);
        case 6:
          return anEvent('membership-started', { memberId: r.member, associationId: assoc, date: r.at.slice(0, 10) }, o);
        case 7:
          return anEvent('member-erased', { memberId: r.member }, o);
        case 8:
          return r.member === r.other ? anEvent('walk-in-counted', { locationId: r.loc, serviceId: 'x' }, o) : anEvent('members-merged', { fromMemberId: r.member, intoMemberId: r.other }, o);
        case 9:
          return anEvent('pass-issued', { memberId: r.member, code: r.cents === 100 ? '1234' : '5678' }, o);
        case 10:
          return anEvent('contribution-waived', { memberId: r.member, associationId: assoc, year: 2026, reason: 'armoede' }, o);
        case 11:
          return anEvent('client-deregistered', { memberId: r.member, locationId: r.loc, reason: 'verhuisd' }, o);
        case 12:
          return anEvent('contribution-amount-set', { associationId: assoc, year: 2026, amountCents: r.cents }, o);
        default:
          return anEvent('walk-in-counted', { locationId: r.loc, serviceId: 'cjm:kookclub' }, o);
      }
    });

const historyArb = fc
  .integer({ min: 1, max: 40 })
  .chain((len) => fc.tuple(...Array.from({ length: len }, (_, i) => eventArb(i + 1))))
  .chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.integer({ min: 1, max: 12 })));

async function dumpProjections(db: BuurtpasDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    if (t.name === 'meta' || t.name === 'outbox') continue;
    out[t.name] = await t.toArray();
  }
  return out;
}

describe('applyPulledEvents', () => {
  it('leaves every table exactly as storeAndApply does, page by page, for any events and page size', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async ([_events, shuffled, pageSize]) => {
        const plain = await freshDb();
        const fast = await freshDb();
        let seq = 0;
        for (let i = 0; i < shuffled.length; i += pageSize) {
          const page = shuffled.slice(i, i + pageSize).map((event) => ({ event, seq: ++seq }));
          await storeAndApply(plain, page);
          await fast.transaction('rw', fast.tables, async () => {
            await applyPulledEventsCached(fast, page);
          });
        }
        expect(await dumpProjections(fast)).toEqual(await dumpProjections(plain));
        plain.close();
        fast.close();
      }),
      { numRuns: 40, seed: 20261127 },
    );
  }, 60_000);
});
