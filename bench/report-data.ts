/**
 * Deterministic data for the year-report benchmark: three locations, five years (2022–2026),
 * 10.000 people, 1.000.000 facts in day order (registrations, memberships, payments, visits,
 * service uses, walk-ins, referrals, role periods, targets, merges and voids). Referrals (~300)
 * and role periods (~300) are about as rare as the seed report suggests (45 referrals and ~100
 * volunteers a year); the rest are the desks' everyday facts. Produced in chunks so neither
 * Node nor the browser holds every fact at once. Plain TypeScript: runs in both.
 */
import { DEFAULT_SERVICES, LOCATIONS } from '../src/domain/catalog.ts';
import { formatHlc } from '../src/domain/hlc.ts';
import {
  PAYLOAD_VERSION,
  type BuurtpasEvent,
  type EventData,
  type EventType,
} from '../src/domain/events.ts';

export const BENCH_YEAR = 2026;
const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = 5 * 365 + 1;

function makeRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const idOf = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const memberOf = (n: number) => `0190b000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** Calls `onChunk` with about a day's facts at a time, in day order; returns the count. */
export function generateReportFacts(
  total: number,
  members: number,
  onChunk: (events: BuurtpasEvent[]) => void,
): number {
  const random = makeRandom(42);
  let n = 0;
  const make = <T extends EventType>(
    type: T,
    data: EventData<T>,
    dayMs: number,
    locationId: string,
    eventId = idOf(++n),
  ): BuurtpasEvent => {
    const at = new Date(dayMs + 9 * 3_600_000).toISOString();
    return {
      eventId,
      v: PAYLOAD_VERSION,
      type,
      at,
      hlc: formatHlc({ wallMs: dayMs + 9 * 3_600_000, counter: n % 1000 }, 'dbench'),
      deviceId: 'dbench',
      locationId,
      role: 'desk',
      data,
    } as unknown as BuurtpasEvent;
  };
  const homeOf = (m: number) => LOCATIONS[m % 3]!.id;
  const secondOf = (m: number) => (m % 5 === 0 ? LOCATIONS[(m + 1) % 3]!.id : null);
  const servicesAt = new Map(
    LOCATIONS.map((l) => [
      l.id,
      DEFAULT_SERVICES.filter((s) => s.locationId === l.id).map((s) => s.id),
    ]),
  );
  // People register spread over the five years; a person's activity starts after registering.
  const registeredOn = Array.from({ length: members }, (_, m) =>
    Math.floor((m / members) * DAYS * 0.8),
  );
  let produced = 0;
  const perDay = Math.ceil(total / DAYS);
  const toVoid: string[] = [];
  for (let day = 0; day < DAYS && produced < total; day++) {
    const dayMs = FIRST_DAY + day * 86_400_000;
    const date = new Date(dayMs).toISOString().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const chunk: BuurtpasEvent[] = [];
    // Registrations of the day, with membership and a first payment for most.
    for (let m = 0; m < members; m++) {
      if (registeredOn[m] !== day) continue;
      const memberId = memberOf(m);
      chunk.push(make('client-registered', { memberId, locationId: homeOf(m) }, dayMs, homeOf(m)));
      const second = secondOf(m);
      if (second)
        chunk.push(make('client-registered', { memberId, locationId: second }, dayMs, second));
      if (m % 4 !== 0)
        chunk.push(
          make(
            'membership-started',
            { memberId, associationId: `bv-${homeOf(m)}`, date },
            dayMs,
            homeOf(m),
          ),
        );
      if (m % 97 === 0 && m > 0)
        chunk.push(
          make(
            'members-merged',
            { fromMemberId: memberId, intoMemberId: memberOf(m - 1) },
            dayMs,
            homeOf(m),
          ),
        );
    }
    if (date.endsWith('-01-15')) {
      // Yearly contributions of members registered by then; targets for the year.
      for (let m = 0; m < members; m += 1) {
        if (registeredOn[m]! > day || m % 4 === 0 || random() < 0.35) continue;
        chunk.push(
          make(
            'payment-recorded',
            {
              memberId: memberOf(m),
              associationId: `bv-${homeOf(m)}`,
              year,
              amountCents: 250,
              method: 'cash',
            },
            dayMs,
            homeOf(m),
          ),
        );
      }
      for (const l of LOCATIONS) {
        for (const indicator of [
          'individuals-reached',
          'paying-members',
          'volunteers',
          'key-holders',
          'referred',
          'form-help',
        ]) {
          chunk.push(
            make(
              'target-set',
              { indicator, locationId: l.id, year, value: 10 + Math.floor(random() * 400) },
              dayMs,
              l.id,
            ),
          );
        }
      }
    }
    const active = Math.max(1, Math.min(members, Math.floor(((day + 1) / (DAYS * 0.8)) * members)));
    while (chunk.length < perDay && produced + chunk.length < total) {
      const m = Math.floor(random() * active);
      const memberId = memberOf(m);
      const loc = secondOf(m) && random() < 0.3 ? secondOf(m)! : homeOf(m);
      const r = random();
      if (r < 0.45) chunk.push(make('visit-recorded', { memberId, locationId: loc }, dayMs, loc));
      else if (r < 0.96) {
        const list = servicesAt.get(loc)!;
        const e = make(
          'service-used',
          { memberId, locationId: loc, serviceId: list[Math.floor(random() * list.length)]! },
          dayMs,
          loc,
        );
        if (random() < 0.005) toVoid.push(e.eventId);
        chunk.push(e);
      } else if (r < 0.985) {
        const list = servicesAt.get(loc)!;
        chunk.push(
          make(
            'walk-in-counted',
            { locationId: loc, serviceId: list[Math.floor(random() * list.length)]! },
            dayMs,
            loc,
          ),
        );
      } else if (r < 0.9853)
        chunk.push(
          make(
            'referral-recorded',
            { memberId, locationId: loc, source: random() < 0.5 ? 'wpi' : 'rve', date },
            dayMs,
            loc,
          ),
        );
      else if (r < 0.9856)
        chunk.push(
          make(
            'role-period-set',
            {
              memberId,
              locationId: loc,
              role: random() < 0.7 ? 'volunteer' : 'key-holder',
              from: date,
              to: null,
            },
            dayMs,
            loc,
          ),
        );
      else chunk.push(make('visit-recorded', { memberId, locationId: loc }, dayMs, loc));
      // Voids follow their facts within days.
      if (toVoid.length > 0 && random() < 0.02)
        chunk.push(
          make(
            'event-voided',
            { targetEventId: toVoid.shift()!, reason: 'verkeerd getikt' },
            dayMs,
            loc,
          ),
        );
    }
    produced += chunk.length;
    onChunk(chunk);
  }
  return produced;
}
