import { describe, expect, it } from 'vitest';
import { anEvent, testId } from '../testing/event-builders.ts';
import { buildAccessExport } from './access-export.ts';

describe('buildAccessExport', () => {
  const a = testId(1);
  const old = testId(2);
  const other = testId(3);
  const pay = anEvent(
    'payment-recorded',
    { memberId: a, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
    { at: '2026-03-02T10:00:00.000Z' },
  );
  const events = [
    anEvent(
      'client-registered',
      { memberId: old, locationId: 'multibron' },
      { at: '2025-01-02T09:00:00.000Z' },
    ),
    anEvent(
      'member-profile-set',
      { memberId: a, fields: { name: 'Ama Boateng', phone: '0612345678' } },
      { at: '2026-01-05T09:00:00.000Z' },
    ),
    anEvent(
      'visit-recorded',
      { memberId: a, locationId: 'cjm' },
      { at: '2025-12-31T23:30:00.000Z' },
    ),
    pay,
    anEvent(
      'service-used',
      { memberId: old, locationId: 'multibron', serviceId: 'multibron:naaiclub' },
      { at: '2025-02-02T10:00:00.000Z' },
    ),
    anEvent('visit-recorded', { memberId: other, locationId: 'cjm' }),
    anEvent('pass-issued', { memberId: a, code: '1234567890' }),
  ];
  const out = buildAccessExport({
    memberIds: [a, old],
    fields: { name: 'Ama Boateng' },
    erased: false,
    events,
    voidedEventIds: new Set([pay.eventId]),
    generatedAt: '2026-11-27T09:42:00.000Z',
  });

  it('holds the facts of the person and of records merged into them, not of others', () => {
    expect(out.registrations).toEqual([
      { date: '2025-01-02', locationId: 'multibron', kind: 'registered' },
    ]);
    expect(out.visits).toEqual([
      { date: '2026-01-01', time: '00:30', locationId: 'cjm', voided: false },
    ]);
    expect(out.serviceUses).toHaveLength(1);
    expect(out.passes).toEqual([{ date: '2026-03-02', code: '1234567890', kind: 'issued' }]);
  });

  it('marks voided payments and keeps earlier profile values', () => {
    expect(out.payments).toEqual([
      {
        date: '2026-03-02',
        associationId: 'bv-cjm',
        year: 2026,
        amountCents: 250,
        method: 'cash',
        voided: true,
      },
    ]);
    expect(out.profileHistory).toEqual([
      { date: '2026-01-05', time: '10:00', fields: { name: 'Ama Boateng', phone: '0612345678' } },
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
