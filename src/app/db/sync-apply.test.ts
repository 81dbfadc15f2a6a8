import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { anEvent, testId } from '../../domain/testing/event-builders.ts';
import { freshDb } from '../test/render-app.tsx';
import { storeAndApply } from './apply-events.ts';
import { applyPulledEvents } from './sync-apply.ts';
import { foldProjection, tablesOf } from '../../domain/projection/memory-projection.ts';
import { dumpProjection } from './dump-projection.ts';

const MEMBERS = [testId(1), testId(2), testId(3)];
const DAYS = [
  '2026-03-02T09:00:00.000Z',
  '2026-03-02T13:00:00.000Z',
  '2026-03-03T10:00:00.000Z',
  '2027-01-05T10:00:00.000Z',
];
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
      const o = {
        at: r.at,
        deviceId: r.device,
        locationId: r.loc,
        eventId: testId(1000 + n),
        hlcCounter: r.hlc,
      };
      const assoc = r.loc === 'cjm' ? 'bv-cjm' : 'bv-multibron';
      switch (r.kind) {
        case 0:
          return anEvent('client-registered', { memberId: r.member, locationId: r.loc }, o);
        case 1:
          return anEvent('member-profile-set', { memberId: r.member, fields: { name: r.name } }, o);
        case 2:
          return anEvent('visit-recorded', { memberId: r.member, locationId: r.loc }, o);
        case 3:
          return anEvent(
            'service-used',
            { memberId: r.member, locationId: r.loc, serviceId: 'cjm:kookclub' },
            o,
          );
        case 4:
          return anEvent(
            'payment-recorded',
            {
              memberId: r.member,
              associationId: assoc,
              year: 2026,
              amountCents: r.cents,
              method: 'cash',
            },
            o,
          );
        case 5:
          return anEvent(
            'event-voided',
            { targetEventId: testId(1000 + r.target), reason: 'fout' },
            o,
          );
        case 6:
          return anEvent(
            'membership-started',
            { memberId: r.member, associationId: assoc, date: r.at.slice(0, 10) },
            o,
          );
        case 7:
          return anEvent('member-erased', { memberId: r.member }, o);
        case 8:
          return r.member === r.other
            ? anEvent('walk-in-counted', { locationId: r.loc, serviceId: 'x' }, o)
            : anEvent('members-merged', { fromMemberId: r.member, intoMemberId: r.other }, o);
        case 9:
          return anEvent(
            'pass-issued',
            { memberId: r.member, code: r.cents === 100 ? '1234' : '5678' },
            o,
          );
        case 10:
          return anEvent(
            'contribution-waived',
            { memberId: r.member, associationId: assoc, year: 2026, reason: 'armoede' },
            o,
          );
        case 11:
          return anEvent(
            'client-deregistered',
            { memberId: r.member, locationId: r.loc, reason: 'verhuisd' },
            o,
          );
        case 12:
          return anEvent(
            'contribution-amount-set',
            { associationId: assoc, year: 2026, amountCents: r.cents },
            o,
          );
        default:
          return anEvent('walk-in-counted', { locationId: r.loc, serviceId: 'cjm:kookclub' }, o);
      }
    });

const historyArb = fc
  .integer({ min: 1, max: 40 })
  .chain((len) => fc.tuple(...Array.from({ length: len }, (_, i) => eventArb(i + 1))))
  .chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      fc.integer({ min: 1, max: 12 }),
    ),
  );

describe('applyPulledEvents', () => {
  it('leaves every derived table exactly as the domain fold, page by page, for any events and page size', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async ([events, shuffled, pageSize]) => {
        const fast = await freshDb();
        let seq = 0;
        for (let i = 0; i < shuffled.length; i += pageSize) {
          const page = shuffled.slice(i, i + pageSize).map((event) => ({ event, seq: ++seq }));
          await fast.transaction('rw', fast.tables, async () => {
            await applyPulledEvents(fast, page);
          });
        }
        expect(await dumpProjection(fast)).toEqual(tablesOf(foldProjection(events)));
        fast.close();
      }),
      { numRuns: 40, seed: 20261127 },
    );
  }, 60_000);
});

describe('applyPulledEvents inside the page transaction', () => {
  it('keeps the transaction through a page answered mostly from memory, so writes after it commit with it', async () => {
    // 600 visits and service uses of one member on one day: nearly every read is a cache hit,
    // which once exhausted Dexie's zone echoes and ended in PrematureCommitError.
    const db = await freshDb();
    const page = Array.from({ length: 600 }, (_, i) => ({
      seq: i + 1,
      event:
        i % 2 === 0
          ? anEvent(
              'visit-recorded',
              { memberId: MEMBERS[0]!, locationId: 'cjm' },
              { at: DAYS[0]!, deviceId: 'dalpha', locationId: 'cjm', eventId: testId(5000 + i) },
            )
          : anEvent(
              'service-used',
              { memberId: MEMBERS[0]!, locationId: 'cjm', serviceId: 'cjm:kookclub' },
              { at: DAYS[0]!, deviceId: 'dalpha', locationId: 'cjm', eventId: testId(5000 + i) },
            ),
    }));
    await db.transaction('rw', db.tables, async () => {
      expect(await applyPulledEvents(db, page)).toBe(600);
      await db.meta.put({ key: 'after-page', value: 1 });
    });
    expect(await db.events.count()).toBe(600);
    expect((await db.meta.get('after-page'))?.value).toBe(1);
    const counters = await db.dayCounters.toArray();
    expect(counters.map((c) => [c.visits, c.serviceUses])).toEqual([[300, 300]]);
    db.close();
  });

  it('erases a record merged into an already erased member, in the same page as its registration', async () => {
    const db = await freshDb();
    const o = (n: number) => ({
      at: DAYS[0]!,
      deviceId: 'dalpha',
      locationId: 'cjm',
      eventId: testId(7000 + n),
    });
    await storeAndApply(db, [
      { event: anEvent('member-erased', { memberId: MEMBERS[1]! }, o(1)), seq: 1 },
    ]);
    const page = [
      {
        seq: 2,
        event: anEvent('client-registered', { memberId: MEMBERS[0]!, locationId: 'cjm' }, o(2)),
      },
      {
        seq: 3,
        event: anEvent(
          'members-merged',
          { fromMemberId: MEMBERS[0]!, intoMemberId: MEMBERS[1]! },
          o(3),
        ),
      },
    ];
    await db.transaction('rw', db.tables, async () => {
      expect(await applyPulledEvents(db, page)).toBe(2);
    });
    expect((await db.members.get(MEMBERS[0]!))?.erased).toBe(true);
    db.close();
  });
});
