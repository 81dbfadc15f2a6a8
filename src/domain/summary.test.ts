import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents, isMemberOn } from './ledger.ts';
import { summarize } from './summary.ts';
import { anEvent, testId } from './testing/event-builders.ts';
import type { BuurtpasEvent } from './events.ts';

const ama = testId(1001);
const kofi = testId(1002);
const lin = testId(1003);
const dup = testId(1004);

/** A small year, worked out by hand below. */
function fixture(): BuurtpasEvent[] {
  return [
    // Ama: registered at CJM in 2025 and at MultiBron in 2026; member of bv-cjm, paid 2,50 in two parts.
    anEvent(
      'client-registered',
      { memberId: ama, locationId: 'cjm' },
      { at: '2025-05-01T10:00:00.000Z' },
    ),
    anEvent(
      'client-registered',
      { memberId: ama, locationId: 'multibron' },
      { at: '2026-02-01T10:00:00.000Z', locationId: 'multibron' },
    ),
    anEvent(
      'membership-started',
      { memberId: ama, associationId: 'bv-cjm', date: '2025-05-01' },
      { at: '2025-05-01T10:00:00.000Z' },
    ),
    anEvent(
      'payment-recorded',
      { memberId: ama, associationId: 'bv-cjm', year: 2026, amountCents: 100, method: 'cash' },
      { at: '2026-02-01T10:00:00.000Z' },
    ),
    anEvent(
      'payment-recorded',
      { memberId: ama, associationId: 'bv-cjm', year: 2026, amountCents: 150, method: 'cash' },
      { at: '2026-03-01T10:00:00.000Z' },
    ),
    // Kofi: registered at CJM in 2026, member, paid in full, but that payment was voided: not paying.
    anEvent(
      'client-registered',
      { memberId: kofi, locationId: 'cjm' },
      { at: '2026-04-01T10:00:00.000Z' },
    ),
    anEvent(
      'membership-started',
      { memberId: kofi, associationId: 'bv-cjm', date: '2026-04-01' },
      { at: '2026-04-01T10:00:00.000Z' },
    ),
    anEvent(
      'payment-recorded',
      { memberId: kofi, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      { at: '2026-04-01T10:00:00.000Z', eventId: testId(5001) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(5001), reason: 'dubbel' },
      { at: '2026-04-02T10:00:00.000Z' },
    ),
    // Lin: registered at De Handreiking at 00:30 on 1 January 2027 Amsterdam time: not in 2026.
    anEvent(
      'client-registered',
      { memberId: lin, locationId: 'handreiking' },
      { at: '2026-12-31T23:30:00.000Z', locationId: 'handreiking' },
    ),
    // A duplicate record of Kofi, registered at MultiBron, merged into Kofi: counts as Kofi.
    anEvent(
      'client-registered',
      { memberId: dup, locationId: 'multibron' },
      { at: '2026-06-01T10:00:00.000Z', locationId: 'multibron' },
    ),
    anEvent(
      'members-merged',
      { fromMemberId: dup, intoMemberId: kofi },
      { at: '2026-06-02T10:00:00.000Z' },
    ),
  ];
}

describe('summarize', () => {
  it('counts the fixture year by hand', () => {
    const s = summarize(foldEvents(fixture()), 2026);
    // CJM: Ama (2025) + Kofi (2026) = 2; new in 2026: Kofi = 1.
    expect(s.locations.cjm).toEqual({ registeredClients: 2, newRegistrations: 1 });
    // MultiBron: Ama + dup→Kofi = 2 people, both new in 2026.
    expect(s.locations.multibron).toEqual({ registeredClients: 2, newRegistrations: 2 });
    // De Handreiking: Lin registered in 2027 (Amsterdam) → 0.
    expect(s.locations.handreiking).toEqual({ registeredClients: 0, newRegistrations: 0 });
    // Total people: Ama, Kofi = 2 (not 4 registrations).
    expect(s.total.registeredClients).toBe(2);
    // bv-cjm: members Ama and Kofi; paying: Ama only (100 + 150 = 250; Kofi's 250 voided).
    expect(s.associations['bv-cjm']).toEqual({ members: 2, payingMembers: 1 });
    expect(s.total.payingMembers).toBe(1);
    expect(summarize(foldEvents(fixture()), 2027).locations.handreiking).toEqual({
      registeredClients: 1,
      newRegistrations: 1,
    });
    // 2025: Ama at CJM only, a member who did not pay for 2025.
    const y2025 = summarize(foldEvents(fixture()), 2025);
    expect(y2025.total).toEqual({ registeredClients: 1, members: 1, payingMembers: 0 });
  });

  it('ignores event order and duplicated delivery', () => {
    const events = fixture();
    const expected = summarize(foldEvents(events), 2026);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length }),
        fc.array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: 6 }),
        (shuffled, dupIdx) => {
          const withDuplicates = [...shuffled, ...dupIdx.map((i) => events[i]!)];
          expect(summarize(foldEvents(withDuplicates), 2026)).toEqual(expected);
        },
      ),
    );
  });

  it('erasing a member does not change a past year', () => {
    const before = summarize(foldEvents(fixture()), 2026);
    const erased = [
      ...fixture(),
      anEvent('member-erased', { memberId: ama }, { at: '2027-03-01T10:00:00.000Z' }),
    ];
    expect(summarize(foldEvents(erased), 2026)).toEqual(before);
    expect(summarize(foldEvents(erased), 2027).total.registeredClients).toBe(2); // Kofi and Lin
  });

  it('a deregistered client is not counted at year end', () => {
    const events = [
      ...fixture(),
      anEvent(
        'client-deregistered',
        { memberId: kofi, locationId: 'cjm', reason: 'verhuisd' },
        { at: '2026-10-01T10:00:00.000Z' },
      ),
    ];
    expect(summarize(foldEvents(events), 2026).locations.cjm?.registeredClients).toBe(1);
  });
});

describe('erasure follows merges', () => {
  it('erasing the survivor ends the registrations of the merged record too', () => {
    const events = [
      ...fixture(),
      anEvent('member-erased', { memberId: kofi }, { at: '2027-02-01T10:00:00.000Z' }),
    ];
    const s2027 = summarize(foldEvents(events), 2027);
    // MultiBron had Ama and dup→Kofi; Kofi erased in 2027, so only Ama remains there.
    expect(s2027.locations.multibron?.registeredClients).toBe(1);
    expect(summarize(foldEvents(events), 2026)).toEqual(summarize(foldEvents(fixture()), 2026));
  });
});

describe('isMemberOn', () => {
  const period = (opened: string[], closed: string[] = []) => ({
    memberId: 'm',
    scopeId: 'bv-cjm',
    opened,
    closed,
  });
  it.each([
    [undefined, false],
    [period(['2026-01-10']), true],
    [period(['2026-12-01']), true],
    [period(['2026-01-10'], ['2026-06-01']), false],
    [period(['2026-01-10'], ['2026-12-01']), true],
  ])('%o on 2026-11-27 → %s', (p, expected) => {
    expect(isMemberOn(p, '2026-11-27')).toBe(expected);
  });
});
