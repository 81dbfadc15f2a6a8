import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from './events.ts';
import { foldEvents, isOpenAt, periodKey } from './ledger.ts';
import { addRegistrationChange, type RegistrationChange } from './registration-changes.ts';
import { anEvent, testId } from './testing/event-builders.ts';

const M = testId(8801);
const key = periodKey(M, 'multibron');
const reg = (at: string, n = 0) =>
  anEvent('client-registered', { memberId: M, locationId: 'multibron' }, { at, hlcCounter: n });
const dereg = (at: string, n = 0) =>
  anEvent(
    'client-deregistered',
    { memberId: M, locationId: 'multibron', reason: 'verhuisd' },
    { at, hlcCounter: n },
  );
const voidOf = (e: BuurtpasEvent, at: string) =>
  anEvent('event-voided', { targetEventId: e.eventId, reason: 'vergissing' }, { at });
const openOn = (events: BuurtpasEvent[], day: string) =>
  isOpenAt(foldEvents(events).registrations.get(key)!, day);

describe('registration at one location: leave, return, undo', () => {
  it('leaving closes it from that day; the other locations are not touched', () => {
    const here = reg('2026-01-05T10:00:00.000Z');
    const cjm = anEvent(
      'client-registered',
      { memberId: M, locationId: 'cjm' },
      { at: '2026-01-05T10:00:00.000Z' },
    );
    const left = dereg('2026-03-01T10:00:00.000Z');
    const ledger = foldEvents([here, cjm, left]);
    expect(isOpenAt(ledger.registrations.get(key)!, '2026-02-28')).toBe(true);
    expect(isOpenAt(ledger.registrations.get(key)!, '2026-03-01')).toBe(false);
    expect(isOpenAt(ledger.registrations.get(periodKey(M, 'cjm'))!, '2026-03-01')).toBe(true);
  });

  it('undo (a void of the deregistration) opens it again, also the same day', () => {
    const here = reg('2026-01-05T10:00:00.000Z');
    const left = dereg('2026-03-01T10:00:00.000Z');
    expect(openOn([here, left, voidOf(left, '2026-03-01T10:00:05.000Z')], '2026-12-31')).toBe(true);
    // The void first (another laptop's order): the same.
    expect(openOn([voidOf(left, '2026-03-01T10:00:05.000Z'), left, here], '2026-12-31')).toBe(true);
  });

  it('a return on the day of leaving counts (the later change of the day wins)', () => {
    const here = reg('2026-01-05T10:00:00.000Z');
    const left = dereg('2026-03-01T10:00:00.000Z');
    const back = reg('2026-03-01T11:00:00.000Z');
    expect(openOn([here, left, back], '2026-03-01')).toBe(true);
    expect(openOn([here, back, dereg('2026-03-01T12:00:00.000Z')], '2026-03-01')).toBe(false);
  });

  it('erasure closes it and wins its day', () => {
    const here = reg('2026-01-05T10:00:00.000Z');
    const back = reg('2026-03-01T23:00:00.000Z');
    const erased = anEvent('member-erased', { memberId: M }, { at: '2026-03-01T09:00:00.000Z' });
    expect(openOn([here, erased, back], '2026-03-01')).toBe(false);
  });

  it('any order, batching and duplicates give the same registration (property)', () => {
    const days = ['2026-01-05', '2026-03-01', '2026-03-01', '2026-06-10'];
    const changes = fc.array(
      fc.record({
        kind: fc.constantFrom('reg', 'dereg'),
        day: fc.constantFrom(...days),
        hour: fc.integer({ min: 8, max: 18 }),
        n: fc.integer({ min: 0, max: 3 }),
        voided: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        changes,
        fc.func(fc.integer()),
        fc.array(fc.nat(20), { maxLength: 5 }),
        (cs, rank, dups) => {
          const events: BuurtpasEvent[] = [];
          for (const c of cs) {
            const at = `${c.day}T${String(c.hour).padStart(2, '0')}:00:00.000Z`;
            const e = c.kind === 'reg' ? reg(at, c.n) : dereg(at, c.n);
            events.push(e);
            if (c.voided) events.push(voidOf(e, '2026-07-01T10:00:00.000Z'));
          }
          const shuffled = [...events, ...dups.map((i) => events[i % events.length]!)]
            .map((e, i) => ({ e, k: rank(i) }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          const want = foldEvents(events).registrations.get(key);
          const got = foldEvents(shuffled).registrations.get(key);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it('the first change of a period gives the row the general rule gives an empty period', () => {
    const aChange: fc.Arbitrary<RegistrationChange> = fc.record(
      {
        eventId: fc.constantFrom('a', 'b'),
        hlc: fc.constantFrom('', '1', '2'),
        day: fc.constantFrom('2026-01-05', '2026-03-01'),
        kind: fc.constantFrom('opened' as const, 'closed' as const),
        voided: fc.constantFrom(true, false, undefined),
      },
      { requiredKeys: ['eventId', 'hlc', 'day', 'kind'] },
    );
    fc.assert(
      fc.property(aChange, (change) => {
        const empty = { memberId: M, scopeId: 'multibron', opened: [], closed: [], changes: [] };
        const first = addRegistrationChange(undefined, M, 'multibron', { ...change });
        const general = addRegistrationChange(empty, M, 'multibron', { ...change });
        expect(first).toStrictEqual(general);
        expect(JSON.stringify(first)).toBe(JSON.stringify(general));
      }),
    );
  });
});
