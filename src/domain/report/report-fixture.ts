/**
 * The hand-worked fixture year 2026 of the year report tests (build-year-report.test.ts works out
 * every number); the app tests apply the same facts through IndexedDB and expect the same report.
 */
import type { BuurtpasEvent } from '../events.ts';
import { anEvent, testId } from '../testing/event-builders.ts';

export const A = testId(101);
export const B = testId(102);
export const C = testId(103);
export const D = testId(104);
export const E = testId(105);
export const F = testId(106);
export const G = testId(107); // a second record of B, merged into B
export const H = testId(108);

const at = (day: string, time = '10:00:00') => ({ at: `${day}T${time}.000Z` });

/** The fixture year 2026; every expected number below is worked out by hand from this list. */
export function fixtureEvents(): BuurtpasEvent[] {
  return [
    // Registrations.
    anEvent('client-registered', { memberId: H, locationId: 'cjm' }, at('2024-05-01')),
    anEvent('client-registered', { memberId: E, locationId: 'cjm' }, at('2025-01-10')),
    anEvent('client-registered', { memberId: A, locationId: 'cjm' }, at('2025-03-01')),
    anEvent('client-registered', { memberId: C, locationId: 'handreiking' }, at('2025-06-01')),
    anEvent('client-registered', { memberId: A, locationId: 'multibron' }, at('2026-02-01')),
    anEvent('client-registered', { memberId: B, locationId: 'cjm' }, at('2026-04-01')),
    anEvent('client-registered', { memberId: G, locationId: 'multibron' }, at('2026-06-01')),
    anEvent('members-merged', { fromMemberId: G, intoMemberId: B }, at('2026-06-02')),
    anEvent(
      'client-deregistered',
      { memberId: C, locationId: 'handreiking', reason: 'niet meer gezien' },
      at('2026-09-01'),
    ),
    // 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam: a 2027 registration.
    anEvent(
      'client-registered',
      { memberId: D, locationId: 'handreiking' },
      at('2026-12-31', '23:30:00'),
    ),
    // E is erased in 2027: 2026 still counts E.
    anEvent('member-erased', { memberId: E }, at('2027-01-15')),

    // Memberships and payments (bv-cjm): A paid, B's payment was voided.
    anEvent(
      'membership-started',
      { memberId: A, associationId: 'bv-cjm', date: '2025-03-01' },
      at('2025-03-01'),
    ),
    anEvent(
      'membership-started',
      { memberId: B, associationId: 'bv-cjm', date: '2026-04-01' },
      at('2026-04-01'),
    ),
    anEvent(
      'payment-recorded',
      { memberId: A, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      at('2026-03-02'),
    ),
    anEvent(
      'payment-recorded',
      { memberId: B, associationId: 'bv-cjm', year: 2026, amountCents: 250, method: 'cash' },
      { ...at('2026-04-01'), eventId: testId(9001) },
    ),
    anEvent('event-voided', { targetEventId: testId(9001), reason: 'dubbel' }, at('2026-04-02')),

    // A at CJM: two visit-days, a service and an activity; a 2025 use that does not count.
    anEvent(
      'service-used',
      { memberId: A, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      at('2025-06-01'),
    ),
    anEvent('visit-recorded', { memberId: A, locationId: 'cjm' }, at('2026-03-02')),
    anEvent(
      'service-used',
      { memberId: A, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      at('2026-03-02', '10:05:00'),
    ),
    anEvent('visit-recorded', { memberId: A, locationId: 'cjm' }, at('2026-03-09')),
    anEvent(
      'service-used',
      { memberId: A, locationId: 'cjm', serviceId: 'cjm:kookclub' },
      at('2026-03-09', '11:00:00'),
    ),
    anEvent('visit-recorded', { memberId: A, locationId: 'cjm' }, at('2026-12-31', '23:30:00')), // 2027
    // A at MultiBron: one activity.
    anEvent(
      'service-used',
      { memberId: A, locationId: 'multibron', serviceId: 'multibron:computerles' },
      { ...at('2026-05-05'), locationId: 'multibron' },
    ),
    // B at CJM: four days in the last week, two odd jobs, one form-help use taken back.
    ...['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'].map((d) =>
      anEvent('visit-recorded', { memberId: B, locationId: 'cjm' }, at(d)),
    ),
    anEvent(
      'service-used',
      { memberId: B, locationId: 'cjm', serviceId: 'cjm:klussendienst' },
      at('2026-12-28', '10:10:00'),
    ),
    anEvent(
      'service-used',
      { memberId: B, locationId: 'cjm', serviceId: 'cjm:klussendienst' },
      at('2026-12-28', '10:20:00'),
    ),
    anEvent(
      'service-used',
      { memberId: B, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      { ...at('2026-12-29', '10:10:00'), eventId: testId(9002) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(9002), reason: 'verkeerd getikt' },
      at('2026-12-29', '10:11:00'),
    ),
    // G (= B) at MultiBron: an activity.
    anEvent('visit-recorded', { memberId: G, locationId: 'multibron' }, at('2026-07-01')),
    anEvent(
      'service-used',
      { memberId: G, locationId: 'multibron', serviceId: 'multibron:naaiclub' },
      at('2026-07-01', '10:30:00'),
    ),
    // E at De Handreiking (registered at CJM): an activity on two days, no check-in.
    anEvent(
      'service-used',
      { memberId: E, locationId: 'handreiking', serviceId: 'handreiking:babbeluur' },
      at('2026-10-05'),
    ),
    anEvent(
      'service-used',
      { memberId: E, locationId: 'handreiking', serviceId: 'handreiking:babbeluur' },
      at('2026-10-12'),
    ),
    // H at CJM: two check-ins, no service.
    anEvent('visit-recorded', { memberId: H, locationId: 'cjm' }, at('2026-12-21')),
    anEvent('visit-recorded', { memberId: H, locationId: 'cjm' }, at('2026-12-22')),
    // F (never registered) at CJM in 2027, after a December referral.
    anEvent('visit-recorded', { memberId: F, locationId: 'cjm' }, at('2027-01-05')),
    anEvent(
      'service-used',
      { memberId: F, locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      at('2027-01-05', '10:10:00'),
    ),

    // Walk-ins: two at CJM, one taken back; one at De Handreiking.
    anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      at('2026-02-02'),
    ),
    anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:formulierenbrigade' },
      at('2026-02-03'),
    ),
    anEvent(
      'walk-in-counted',
      { locationId: 'cjm', serviceId: 'cjm:klussendienst' },
      { ...at('2026-02-03'), eventId: testId(9003) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(9003), reason: 'fout' },
      at('2026-02-03', '11:00:00'),
    ),
    anEvent(
      'walk-in-counted',
      { locationId: 'handreiking', serviceId: 'handreiking:babbeluur' },
      { ...at('2026-02-04'), locationId: 'handreiking' },
    ),

    // Referrals.
    anEvent(
      'referral-recorded',
      { memberId: C, locationId: 'handreiking', source: 'wpi', date: '2026-03-01' },
      at('2026-03-01'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: E, locationId: 'handreiking', source: 'wpi', date: '2026-10-01' },
      at('2026-10-01'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: E, locationId: 'handreiking', source: 'other', date: '2026-11-01' },
      at('2026-11-01'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: F, locationId: 'cjm', source: 'rve', date: '2026-12-20' },
      at('2026-12-20'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: H, locationId: 'cjm', source: 'rve', date: '2026-12-01' },
      at('2026-12-01'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: A, locationId: 'multibron', source: 'wpi', date: '2025-11-01' },
      at('2025-11-01'),
    ),
    anEvent(
      'referral-recorded',
      { memberId: B, locationId: 'cjm', source: 'wpi', date: '2026-05-01' },
      { ...at('2026-05-01'), eventId: testId(9004) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(9004), reason: 'verkeerde persoon' },
      at('2026-05-02'),
    ),

    // Volunteers and key holders.
    anEvent(
      'role-period-set',
      { memberId: H, locationId: 'cjm', role: 'volunteer', from: '2026-12-21', to: null },
      at('2026-12-21'),
    ),
    anEvent(
      'role-period-set',
      { memberId: A, locationId: 'cjm', role: 'volunteer', from: '2024-01-01', to: '2025-12-31' },
      at('2024-01-01'),
    ),
    anEvent(
      'role-period-set',
      { memberId: A, locationId: 'cjm', role: 'key-holder', from: '2025-06-01', to: null },
      at('2025-06-01'),
    ),
    anEvent(
      'role-period-set',
      { memberId: A, locationId: 'cjm', role: 'key-holder', from: '2025-06-01', to: '2026-01-01' },
      at('2026-01-02'),
    ),
    anEvent(
      'role-period-set',
      { memberId: B, locationId: 'multibron', role: 'key-holder', from: '2026-03-01', to: null },
      at('2026-03-01'),
    ),
    anEvent(
      'role-period-set',
      { memberId: G, locationId: 'multibron', role: 'key-holder', from: '2026-04-01', to: null },
      at('2026-04-01'),
    ),
    anEvent(
      'role-period-set',
      { memberId: E, locationId: 'handreiking', role: 'volunteer', from: '2027-01-01', to: null },
      at('2026-12-01'),
    ),
    anEvent(
      'role-period-set',
      { memberId: C, locationId: 'handreiking', role: 'volunteer', from: '2026-01-01', to: null },
      { ...at('2026-01-05'), eventId: testId(9005) },
    ),
    anEvent(
      'event-voided',
      { targetEventId: testId(9005), reason: 'vergissing' },
      at('2026-01-06'),
    ),

    // Targets.
    anEvent(
      'target-set',
      { indicator: 'individuals-reached', locationId: 'cjm', year: 2026, value: 10 },
      at('2026-01-10'),
    ),
    anEvent(
      'target-set',
      { indicator: 'paying-members', locationId: 'cjm', year: 2026, value: 5 },
      at('2026-01-10'),
    ),
    anEvent(
      'target-set',
      { indicator: 'paying-members', locationId: 'cjm', year: 2026, value: 1 },
      at('2026-02-10'),
    ),
    anEvent(
      'target-set',
      { indicator: 'volunteers', locationId: 'cjm', year: 2026, value: 40 },
      at('2026-01-10'),
    ),
    anEvent(
      'target-set',
      { indicator: 'individuals-reached', locationId: 'all', year: 2026, value: 2 },
      at('2026-01-10'),
    ),
    anEvent(
      'target-set',
      { indicator: 'individuals-reached', locationId: 'multibron', year: 2025, value: 99 },
      at('2025-01-10'),
    ),

    // Services: renamed in 2026 and again in 2027; one retired in 2025, one in 2026.
    anEvent(
      'service-defined',
      {
        serviceId: 'cjm:formulierenbrigade',
        locationId: 'cjm',
        kind: 'service',
        name: { nl: 'Formulierenbrigade Zuidoost', en: 'Form help Zuidoost' },
      },
      at('2026-06-01'),
    ),
    anEvent(
      'service-defined',
      {
        serviceId: 'cjm:formulierenbrigade',
        locationId: 'cjm',
        kind: 'service',
        name: { nl: 'Formulierenhulp', en: 'Forms help' },
      },
      at('2027-02-01'),
    ),
    anEvent('service-retired', { serviceId: 'cjm:huiswerkbegeleiding' }, at('2025-05-01')),
    anEvent('service-retired', { serviceId: 'cjm:naaiclub' }, at('2026-08-01')),
  ];
}
