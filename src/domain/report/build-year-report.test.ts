import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtpasEvent } from '../events.ts';
import { anEvent, testId } from '../testing/event-builders.ts';
import {
  buildYearReport,
  frequencyBand,
  registeredByYearEnd,
  type YearReport,
} from './build-year-report.ts';
import { summarize } from '../summary.ts';
import { foldReportEvents } from './report-state.ts';
import { reportInputOf } from './report-input.ts';
import { buildYearReportReference } from '../testing/reference-year-report.ts';
import { A, B, C, D, E, F, G, H, fixtureEvents } from './report-fixture.ts';

function reportOf(events: readonly BuurtpasEvent[], year = 2026): YearReport {
  return buildYearReport(reportInputOf(foldReportEvents(events), year, '2027-03-01'), year);
}

const loc = (r: YearReport, id: string) => r.locations.find((l) => l.locationId === id)!;

describe('buildYearReport over the fixture year 2026', () => {
  const r = reportOf(fixtureEvents());
  const cjm = loc(r, 'cjm').figures;
  const mb = loc(r, 'multibron').figures;
  const hr = loc(r, 'handreiking').figures;

  it('counts registered clients, growth and new registrations', () => {
    // End of 2025: CJM H, E, A = 3; MultiBron 0; De Handreiking C = 1; people 4.
    // End of 2026: CJM H, E, A, B = 4; MultiBron A, G→B = 2; De Handreiking C left 01-09, D is 2027 = 0.
    expect([
      cjm.registeredClients,
      mb.registeredClients,
      hr.registeredClients,
      r.total.registeredClients,
    ]).toEqual([4, 2, 0, 4]);
    expect([
      cjm.registeredPreviousYear,
      mb.registeredPreviousYear,
      hr.registeredPreviousYear,
      r.total.registeredPreviousYear,
    ]).toEqual([3, 0, 1, 4]);
    // Growth: 4−3 = +1 (1/3 = 33,3 %); 2−0 = +2 (no %); 0−1 = −1 (−100 %); 4−4 = 0 (0 %).
    expect([cjm.growth, mb.growth, hr.growth, r.total.growth]).toEqual([1, 2, -1, 0]);
    expect([cjm.growthPercent, mb.growthPercent, hr.growthPercent, r.total.growthPercent]).toEqual([
      33.3,
      null,
      -100,
      0,
    ]);
    // New in 2026: CJM B; MultiBron A and G→B; De Handreiking none; people A and B = 2.
    expect([
      cjm.newRegistrations,
      mb.newRegistrations,
      hr.newRegistrations,
      r.total.newRegistrations,
    ]).toEqual([1, 2, 0, 2]);
    // At more than one location: A (CJM + MultiBron) and B (CJM + MultiBron as G) = 2.
    expect(r.total.multiLocation).toBe(2);
  });

  it('counts members and paying members with the treasurer functions', () => {
    // bv-cjm: A and B members; A paid 2,50; B's 2,50 was voided → 1 paying.
    expect([cjm.members, cjm.payingMembers, mb.members, hr.members]).toEqual([2, 1, 0, 0]);
    expect([r.total.members, r.total.payingMembers]).toEqual([2, 1]);
  });

  it('counts individuals reached, service and activity, frequency and walk-ins', () => {
    // CJM: A (form help + cooking) and B (odd jobs) reached; H only checked in. Both: A.
    // MultiBron: A (computer class), B via G (sewing club). De Handreiking: E (chat hour).
    expect([
      cjm.individualsReached,
      mb.individualsReached,
      hr.individualsReached,
      r.total.individualsReached,
    ]).toEqual([2, 2, 1, 3]);
    // Total both: A (at CJM) and B (odd jobs at CJM + sewing at MultiBron) = 2.
    expect([
      cjm.serviceAndActivity,
      mb.serviceAndActivity,
      hr.serviceAndActivity,
      r.total.serviceAndActivity,
    ]).toEqual([1, 0, 0, 2]);
    // CJM: A 2 days from 02-03 (305 days: 14 < 305 → under 1); B 4 days from 28-12 (7-day minimum: 28 > 21 → over 3);
    // H 2 days from 21-12 (11 days: 11 ≤ 14 ≤ 33 → 1–3).
    expect(cjm.visitFrequency).toEqual({ under1: 1, oneToThree: 1, over3: 1 });
    // MultiBron: A 1 day from 05-05, B 1 day from 01-07 → both under 1. De Handreiking: E 2 days from 05-10 (88 days) → under 1.
    expect(mb.visitFrequency).toEqual({ under1: 2, oneToThree: 0, over3: 0 });
    expect(hr.visitFrequency).toEqual({ under1: 1, oneToThree: 0, over3: 0 });
    // Total per person: A 3 days from 02-03; B 5 days from 01-07 (184 days: 35 < 184); E under 1; H 1–3.
    expect(r.total.visitFrequency).toEqual({ under1: 3, oneToThree: 1, over3: 0 });
    // Walk-ins: CJM 2 (the third voided), De Handreiking 1.
    expect([cjm.walkIns, mb.walkIns, hr.walkIns, r.total.walkIns]).toEqual([2, 0, 1, 3]);
  });

  it('lists services with uses and the name they had at year end', () => {
    const services = loc(r, 'cjm').services;
    const form = services.find((s) => s.serviceId === 'cjm:formulierenbrigade')!;
    // Renamed in June 2026 (counts), and again in 2027 (does not). A once; B's use voided; 2 walk-ins.
    expect(form).toMatchObject({
      name: { nl: 'Formulierenbrigade Zuidoost' },
      uniqueClients: 1,
      uses: 1,
      walkIns: 2,
    });
    expect(services.find((s) => s.serviceId === 'cjm:klussendienst')).toMatchObject({
      uniqueClients: 1,
      uses: 2,
      walkIns: 0,
    });
    expect(services.find((s) => s.serviceId === 'cjm:kookclub')).toMatchObject({
      kind: 'activity',
      uniqueClients: 1,
      uses: 1,
    });
    // Retired in 2025: not in 2026. Retired in 2026: listed as retired.
    expect(services.some((s) => s.serviceId === 'cjm:huiswerkbegeleiding')).toBe(false);
    expect(services.find((s) => s.serviceId === 'cjm:naaiclub')).toMatchObject({
      retired: true,
      uniqueClients: 0,
    });
    // Groups: odd jobs = 2 jobs; form help A; social A (cooking); lessons 0.
    expect(cjm.groups).toEqual({
      'odd-jobs': 2,
      'social-activities': 1,
      lessons: 0,
      'form-help': 1,
    });
    expect(mb.groups).toEqual({
      'odd-jobs': 0,
      'social-activities': 1,
      lessons: 1,
      'form-help': 0,
    });
    // Total social: A, B, E = 3 people.
    expect(r.total.groups).toEqual({
      'odd-jobs': 2,
      'social-activities': 3,
      lessons: 1,
      'form-help': 1,
    });
  });

  it('counts referrals: referred, arrived, no-show, became active', () => {
    // CJM: F (rve 20-12, came 05-01-2027 and used a service) and H (rve 01-12, came 21-12, volunteer from 21-12).
    // B's referral was voided; A's was in 2025.
    expect(cjm.referrals).toEqual({
      referred: 2,
      arrived: 2,
      expected: 0,
      noShow: 0,
      becameActive: 2,
      bySource: { wpi: 0, rve: 2, other: 0 },
    });
    // De Handreiking: C (wpi, never came) and E (wpi 01-10 — the later 'other' referral does not count twice; used 05-10).
    expect(hr.referrals).toEqual({
      referred: 2,
      arrived: 1,
      expected: 0,
      noShow: 1,
      becameActive: 1,
      bySource: { wpi: 2, rve: 0, other: 0 },
    });
    expect(mb.referrals.referred).toBe(0);
    expect(r.total.referrals).toEqual({
      referred: 4,
      arrived: 3,
      expected: 0,
      noShow: 1,
      becameActive: 3,
      bySource: { wpi: 2, rve: 2, other: 0 },
    });
  });

  it('counts volunteers and key holders whose period overlaps the year', () => {
    // CJM: volunteer H (from 21-12-2026); A's volunteer period ended 2025; A key holder until 01-01-2026.
    // MultiBron: B and G are one person. De Handreiking: E starts 2027, C's period was voided.
    expect([
      cjm.volunteers,
      cjm.keyHolders,
      mb.volunteers,
      mb.keyHolders,
      hr.volunteers,
      hr.keyHolders,
    ]).toEqual([1, 1, 0, 1, 0, 0]);
    expect([r.total.volunteers, r.total.keyHolders]).toEqual([1, 2]);
  });

  it('sets results against targets with the legend colours', () => {
    const t = (indicator: string, locationId: string) =>
      r.targets.find((x) => x.indicator === indicator && x.locationId === locationId)!;
    // CJM reached 2 of 10 = 20 % → orange (20 is the lower edge of orange).
    expect(t('individuals-reached', 'cjm')).toMatchObject({
      result: 2,
      target: 10,
      achievement: { percent: 20, band: 'orange' },
    });
    // Paying members: the later target (1) wins over 5; 1 of 1 = 100 % → green.
    expect(t('paying-members', 'cjm')).toMatchObject({
      result: 1,
      target: 1,
      achievement: { percent: 100, band: 'green' },
    });
    // Volunteers 1 of 40 = 2,5 % → red.
    expect(t('volunteers', 'cjm')).toMatchObject({
      result: 1,
      target: 40,
      achievement: { percent: 2.5, band: 'red' },
    });
    // All locations: 3 of 2 = 150 % → dark green.
    expect(t('individuals-reached', 'all')).toMatchObject({
      result: 3,
      target: 2,
      achievement: { percent: 150, band: 'dark-green' },
    });
    // A 2025 target does not apply to 2026.
    expect(t('individuals-reached', 'multibron')).toMatchObject({
      target: null,
      achievement: null,
    });
  });

  it('draws the history of registered clients', () => {
    // From 2024 (H registered): 2024 CJM 1; 2025 CJM 3, De Handreiking 1; 2026 as above.
    expect(r.history).toEqual([
      { year: 2024, locations: { cjm: 1, multibron: 0, handreiking: 0 }, total: 1 },
      { year: 2025, locations: { cjm: 3, multibron: 0, handreiking: 1 }, total: 4 },
      { year: 2026, locations: { cjm: 4, multibron: 2, handreiking: 0 }, total: 4 },
    ]);
  });
});

describe('registeredByYearEnd', () => {
  it('agrees with summarize, the treasurer and server function, for every year end', () => {
    fc.assert(
      fc.property(randomEvents, (events) => {
        const ledger = foldReportEvents(events).ledger;
        const years = [2024, 2025, 2026, 2027];
        const ours = registeredByYearEnd(ledger, years);
        for (const y of years) {
          const s = summarize(ledger, y);
          expect(ours.get(y)!.total).toBe(s.total.registeredClients);
          for (const [loc, v] of Object.entries(s.locations))
            expect(ours.get(y)!.locations[loc] ?? 0).toBe(v.registeredClients);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('frequencyBand', () => {
  it.each([
    // visit-days, first day, end → band
    [1, '2026-12-25', '2026-12-31', 'oneToThree'], // 7 days: 7 = 7 → 1 per week is 1–3
    [3, '2026-12-25', '2026-12-31', 'oneToThree'], // 21 = 21 → 3 per week is still 1–3
    [4, '2026-12-25', '2026-12-31', 'over3'], // 28 > 21
    [1, '2026-12-24', '2026-12-31', 'under1'], // 8 days: 7 < 8
    [1, '2026-12-31', '2026-12-31', 'oneToThree'], // one day counts as a week
  ] as const)('%i visit-days from %s to %s → %s', (days, first, end, band) => {
    expect(frequencyBand(days, first, end)).toBe(band);
  });
});

/** Deterministic shuffle from a seed (the test prints the seed when it fails). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const MEMBERS = [A, B, C, D, E, F, G, H];
const LOCS = ['cjm', 'multibron', 'handreiking'] as const;
const SERVICES = [
  'cjm:formulierenbrigade',
  'cjm:kookclub',
  'multibron:naaiclub',
  'handreiking:babbeluur',
  'cjm:klussendienst',
];

/** Random facts over a few people, locations and days of 2025–2027, with voids of earlier ones. */
const randomEvents = fc
  .array(
    fc.record({
      kind: fc.constantFrom(
        'register',
        'deregister',
        'visit',
        'use',
        'walk-in',
        'referral',
        'role',
        'merge',
        'void',
        'erase',
      ),
      member: fc.nat(MEMBERS.length - 1),
      other: fc.nat(MEMBERS.length - 1),
      loc: fc.nat(2),
      service: fc.nat(SERVICES.length - 1),
      day: fc.integer({ min: 0, max: 900 }),
      pick: fc.nat(),
    }),
    { maxLength: 60 },
  )
  .map((specs) => {
    const events: BuurtpasEvent[] = [];
    specs.forEach((s, i) => {
      const day = new Date(Date.UTC(2025, 0, 1) + s.day * 86_400_000).toISOString().slice(0, 10);
      const o = {
        at: `${day}T${String(8 + (i % 14)).padStart(2, '0')}:00:00.000Z`,
        eventId: testId(50_000 + i),
      };
      const memberId = MEMBERS[s.member]!;
      const locationId = LOCS[s.loc]!;
      switch (s.kind) {
        case 'register':
          return events.push(anEvent('client-registered', { memberId, locationId }, o));
        case 'deregister':
          return events.push(
            anEvent('client-deregistered', { memberId, locationId, reason: 'weg' }, o),
          );
        case 'visit':
          return events.push(anEvent('visit-recorded', { memberId, locationId }, o));
        case 'use':
          return events.push(
            anEvent('service-used', { memberId, locationId, serviceId: SERVICES[s.service]! }, o),
          );
        case 'walk-in':
          return events.push(
            anEvent('walk-in-counted', { locationId, serviceId: SERVICES[s.service]! }, o),
          );
        case 'referral':
          return events.push(
            anEvent('referral-recorded', { memberId, locationId, source: 'wpi', date: day }, o),
          );
        case 'role':
          return events.push(
            anEvent(
              'role-period-set',
              { memberId, locationId, role: 'volunteer', from: day, to: null },
              o,
            ),
          );
        case 'merge':
          // Merges only into a smaller id, so they cannot form a cycle.
          return s.member > s.other
            ? events.push(
                anEvent(
                  'members-merged',
                  { fromMemberId: memberId, intoMemberId: MEMBERS[s.other]! },
                  o,
                ),
              )
            : undefined;
        case 'erase':
          // Now and then (an erasure ends everything of that person).
          return s.pick % 4 === 0
            ? events.push(anEvent('member-erased', { memberId }, o))
            : undefined;
        case 'void':
          return events.length > 0
            ? events.push(
                anEvent(
                  'event-voided',
                  { targetEventId: events[s.pick % events.length]!.eventId, reason: 'fout' },
                  o,
                ),
              )
            : undefined;
      }
    });
    return events;
  });

describe('laws of the year report', () => {
  it('ignores event order and duplicated delivery', () => {
    fc.assert(
      fc.property(
        randomEvents,
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 20 }),
        (events, seed, dups) => {
          const base = reportOf(events);
          const duplicated = [
            ...events,
            ...dups.filter(() => events.length > 0).map((d) => events[d % events.length]!),
          ];
          expect(reportOf(shuffle(duplicated, seed))).toEqual(base);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the fixture year the same in any order and with duplicates', () => {
    const base = reportOf(fixtureEvents());
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const events = fixtureEvents();
        expect(reportOf(shuffle([...events, ...events.slice(0, 9)], seed))).toEqual(base);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps a past year when a member is erased later', () => {
    fc.assert(
      fc.property(randomEvents, fc.nat(MEMBERS.length - 1), (events, m) => {
        const before = reportOf(events, 2025);
        const erased = [
          ...events,
          anEvent('member-erased', { memberId: MEMBERS[m]! }, { at: '2026-01-02T10:00:00.000Z' }),
        ];
        expect(reportOf(erased, 2025)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same report with the summary given as when it computes it', () => {
    fc.assert(
      fc.property(randomEvents, fc.constantFrom(2025, 2026), (events, year) => {
        const input = reportInputOf(foldReportEvents(events), year, '2027-03-01');
        const base = buildYearReport(input, year);
        const summary = summarize(input.ledger, year);
        expect(buildYearReport({ ...input, summary }, year)).toEqual(base);
        // A summary of another year is not this year's: computed again.
        const other = summarize(input.ledger, year - 1);
        expect(buildYearReport({ ...input, summary: other }, year)).toEqual(base);
      }),
      { numRuns: 100 },
    );
  });

  it('takes the summary given as it is (so it is not computed twice)', () => {
    const input = reportInputOf(foldReportEvents(fixtureEvents()), 2026, '2027-03-01');
    const summary = summarize(input.ledger, 2026);
    const given = { ...summary, total: { ...summary.total, payingMembers: 999 } };
    expect(buildYearReport({ ...input, summary: given }, 2026).total.payingMembers).toBe(999);
  });

  it('counts a person with two merged records at one location at one location', () => {
    const at = (d: string) => ({ at: `2026-${d}T10:00:00.000Z` });
    const events = [
      anEvent('client-registered', { memberId: A, locationId: 'cjm' }, at('01-01')),
      anEvent('client-registered', { memberId: B, locationId: 'cjm' }, at('02-01')),
      anEvent('members-merged', { fromMemberId: B, intoMemberId: A }, at('03-01')),
      anEvent('client-registered', { memberId: C, locationId: 'cjm' }, at('01-01')),
      anEvent('client-registered', { memberId: C, locationId: 'multibron' }, at('04-01')),
    ];
    const r = reportOf(events);
    expect(r.total.registeredClients).toBe(2);
    expect(r.total.multiLocation).toBe(1);
    expect(r).toEqual(
      buildYearReportReference(reportInputOf(foldReportEvents(events), 2026, '2027-03-01'), 2026),
    );
  });

  it('counts a person registered at two locations once in the total', () => {
    fc.assert(
      fc.property(fc.subarray([...LOCS], { minLength: 1 }), (locs) => {
        const events = locs.map((l, i) =>
          anEvent(
            'client-registered',
            { memberId: A, locationId: l },
            { at: `2026-0${i + 1}-01T10:00:00.000Z` },
          ),
        );
        const r = reportOf(events);
        expect(r.locations.filter((l) => l.figures.registeredClients === 1).length).toBe(
          locs.length,
        );
        expect(r.total.registeredClients).toBe(1);
        expect(r.total.multiLocation).toBe(locs.length > 1 ? 1 : 0);
      }),
    );
  });
});

/** Raw activity rows of any shape: duplicates, merged ids, unsorted days, zero and negative counts. */
const rawActivity = fc.array(
  fc.record({
    year: fc.constantFrom(2025, 2026, 2027),
    loc: fc.nat(2),
    member: fc.nat(MEMBERS.length - 1),
    days: fc.array(fc.tuple(fc.nat(365), fc.integer({ min: -2, max: 3 })), { maxLength: 8 }),
    useDays: fc.array(fc.tuple(fc.nat(365), fc.integer({ min: -2, max: 3 })), { maxLength: 8 }),
    services: fc.dictionary(
      fc.constantFrom(...SERVICES, 'cjm:nieuw'),
      fc.integer({ min: -2, max: 4 }),
    ),
  }),
  { maxLength: 30 },
);

describe('buildYearReport against the straightforward reference', () => {
  it('gives the reference report for every fact set, year and day', () => {
    fc.assert(
      fc.property(
        randomEvents,
        fc.constantFrom(2025, 2026, 2027),
        fc.constantFrom('2025-06-30', '2026-02-10', '2026-12-31', '2027-03-01'),
        (events, year, asOf) => {
          const input = reportInputOf(foldReportEvents(events), year, asOf);
          expect(buildYearReport(input, year)).toEqual(buildYearReportReference(input, year));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the reference report for raw activity rows of any shape', () => {
    const pack = (days: [number, number][]) => days.map(([d, n]) => (d << 16) | (n & 0xffff));
    fc.assert(
      fc.property(randomEvents, rawActivity, (events, rows) => {
        const input = {
          ...reportInputOf(foldReportEvents(events), 2026, '2026-11-01'),
          activity: rows.map((r) => ({
            key: `${r.year}|${LOCS[r.loc]!}|${MEMBERS[r.member]!}`,
            year: r.year,
            locationId: LOCS[r.loc]!,
            memberId: MEMBERS[r.member]!,
            days: pack(r.days),
            useDays: pack(r.useDays),
            services: r.services,
          })),
        };
        expect(buildYearReport(input, 2026)).toEqual(buildYearReportReference(input, 2026));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the fixture year exactly as the reference does', () => {
    const input = reportInputOf(foldReportEvents(fixtureEvents()), 2026, '2027-03-01');
    expect(buildYearReport(input, 2026)).toStrictEqual(buildYearReportReference(input, 2026));
  });
});
