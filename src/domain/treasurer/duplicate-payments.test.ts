import { describe, expect, it } from 'vitest';
import { localDateOf } from '../amsterdam-time.ts';
import { findPossibleDuplicates, type DuplicateCandidate } from './duplicate-payments.ts';

const pay = (eventId: string, change: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  eventId,
  memberId: 'm1',
  associationId: 'bv-cjm',
  year: 2026,
  amountCents: 250,
  day: '2026-11-27',
  deviceId: 'dA',
  ...change,
});

describe('findPossibleDuplicates', () => {
  it('the same member, year and amount on one day at two desks', () => {
    const groups = findPossibleDuplicates(
      [pay('e2', { deviceId: 'dB' }), pay('e1')],
      new Set(),
      [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.payments.map((p) => p.eventId)).toEqual(['e1', 'e2']);
  });

  it.each([
    ['one desk (a part payment twice is normal there)', [pay('e1'), pay('e2')]],
    ['another day', [pay('e1'), pay('e2', { deviceId: 'dB', day: '2026-11-28' })]],
    ['another amount', [pay('e1'), pay('e2', { deviceId: 'dB', amountCents: 100 })]],
    [
      'another year (arrears and this year)',
      [pay('e1'), pay('e2', { deviceId: 'dB', year: 2025 })],
    ],
    ['another member', [pay('e1'), pay('e2', { deviceId: 'dB', memberId: 'm2' })]],
    [
      'another association',
      [pay('e1'), pay('e2', { deviceId: 'dB', associationId: 'bv-multibron' })],
    ],
  ])('not for %s', (_name, payments) => {
    expect(findPossibleDuplicates(payments, new Set(), [])).toEqual([]);
  });

  it('gone once one of them is voided, or once the treasurer kept them', () => {
    const payments = [pay('e1'), pay('e2', { deviceId: 'dB' })];
    expect(findPossibleDuplicates(payments, new Set(['e2']), [])).toEqual([]);
    expect(findPossibleDuplicates(payments, new Set(), [['e1', 'e2']])).toEqual([]);
  });

  it('a third look-alike payment after a keep brings the group back', () => {
    const payments = [pay('e1'), pay('e2', { deviceId: 'dB' }), pay('e3', { deviceId: 'dC' })];
    expect(findPossibleDuplicates(payments, new Set(), [['e1', 'e2']])[0]!.payments).toHaveLength(
      3,
    );
  });

  it('Amsterdam days: 23:30 on 31 December and 00:10 on 1 January are different days', () => {
    const late = localDateOf('2026-12-31T22:30:00.000Z');
    const early = localDateOf('2026-12-31T23:10:00.000Z');
    expect([late, early]).toEqual(['2026-12-31', '2027-01-01']);
    expect(
      findPossibleDuplicates(
        [pay('e1', { day: late }), pay('e2', { deviceId: 'dB', day: early })],
        new Set(),
        [],
      ),
    ).toEqual([]);
  });
});
