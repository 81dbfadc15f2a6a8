/**
 * Compact per-year aggregates the year report reads instead of a million raw facts.
 *
 * Each visit, service use and walk-in adds one to a counter keyed by what it is about; its void
 * takes the same one off again. Counters, not sets, because a void must be able to take a use
 * away again: "unique clients" are the keys whose counter is above zero. Addition commutes, so
 * the order facts arrive in does not matter; a duplicate is stopped before it gets here (the
 * laptop stores each eventId once, the in-memory state below remembers what it counted).
 *
 * The rules that keep these rows (a fact adds, its void takes off once) are the projection's
 * (src/domain/projection/apply-batch.ts); a laptop stores the rows in IndexedDB, the server holds
 * them in memory (`ReportState`, report-state.ts).
 */
import { localDateOf } from '../amsterdam-time.ts';
import type { BuurtpasEvent, EventType } from '../events.ts';

/**
 * Days of a row's year as packed counters: each number is (day of the year << 16) | counter
 * (signed 16 bits), sorted by day, no zero counters. A dense array of small integers because
 * IndexedDB reads it back far faster than an object with a property per date, and the year
 * report reads every row of the year. (Not a typed array: test environments clone those badly.)
 */
export type DayCounters = number[];

/** One person at one location in one year. */
export type ActivityRow = {
  key: string;
  year: number;
  locationId: string;
  memberId: string;
  /** Check-ins and uses per day. A visit-day is a day whose counter is above zero. */
  days: DayCounters;
  /** Service or activity uses per day (for "became active" after a referral). */
  useDays: DayCounters;
  /** Service id → uses in the year. */
  services: Record<string, number>;
};

const DAY_MS = 86_400_000;

/** Days since 1 January 1970 of a local date 'YYYY-MM-DD'. */
export function dayNumberOf(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Day numbers (see dayNumberOf) whose counter is above zero. */
export function positiveDayNumbers(counters: DayCounters, year: number): number[] {
  const base = dayNumberOf(`${year}-01-01`);
  const out: number[] = [];
  for (const v of counters) if ((v << 16) >> 16 > 0) out.push(base + (v >>> 16));
  return out;
}

function bumpDay(counters: DayCounters, dayIndex: number, sign: 1 | -1): DayCounters {
  let i = 0;
  while (i < counters.length && counters[i]! >>> 16 < dayIndex) i++;
  const out = counters.slice();
  if (i < counters.length && counters[i]! >>> 16 === dayIndex) {
    const count = ((counters[i]! << 16) >> 16) + sign;
    if (count === 0) out.splice(i, 1);
    else out[i] = (dayIndex << 16) | (count & 0xffff);
    return out;
  }
  out.splice(i, 0, (dayIndex << 16) | (sign & 0xffff));
  return out;
}

/** One location in one year: walk-ins (not registered) per service. */
export type WalkInRow = {
  key: string;
  year: number;
  locationId: string;
  services: Record<string, number>;
};

export type ReportDelta =
  | {
      table: 'activity';
      key: string;
      year: number;
      locationId: string;
      memberId: string;
      day: string;
      serviceId: string | null;
    }
  | { table: 'walk-in'; key: string; year: number; locationId: string; serviceId: string };

/** The few facts the report reads as they are (small in number); voids are checked when reading. */
export const REPORT_FACT_TYPES = [
  'referral-recorded',
  'referral-made',
  'referral-linked',
  'referral-period-set',
  'role-period-set',
  'target-set',
  'service-defined',
  'service-retired',
] as const satisfies readonly EventType[];
export type ReportFactType = (typeof REPORT_FACT_TYPES)[number];
export type ReportFact = Extract<BuurtpasEvent, { type: ReportFactType }>;

export function isReportFact(event: BuurtpasEvent): event is ReportFact {
  return (REPORT_FACT_TYPES as readonly string[]).includes(event.type);
}

export const activityKey = (year: number, locationId: string, memberId: string) =>
  `${year}|${locationId}|${memberId}`;
export const walkInKey = (year: number, locationId: string) => `${year}|${locationId}`;

/** What a fact adds to the aggregates, or null if it adds nothing there. */
export function reportDeltaOf(event: BuurtpasEvent): ReportDelta | null {
  switch (event.type) {
    case 'visit-recorded':
    case 'service-used': {
      const day = localDateOf(event.at);
      const year = Number(day.slice(0, 4));
      const { memberId, locationId } = event.data;
      const serviceId = event.type === 'service-used' ? event.data.serviceId : null;
      return {
        table: 'activity',
        key: activityKey(year, locationId, memberId),
        year,
        locationId,
        memberId,
        day,
        serviceId,
      };
    }
    case 'walk-in-counted': {
      const year = Number(localDateOf(event.at).slice(0, 4));
      const { locationId, serviceId } = event.data;
      return { table: 'walk-in', key: walkInKey(year, locationId), year, locationId, serviceId };
    }
    default:
      return null;
  }
}

function bump(map: Record<string, number>, key: string, sign: 1 | -1): void {
  const next = (map[key] ?? 0) + sign;
  if (next === 0) delete map[key];
  else map[key] = next;
}

export function emptyActivityRow(delta: Extract<ReportDelta, { table: 'activity' }>): ActivityRow {
  return {
    key: delta.key,
    year: delta.year,
    locationId: delta.locationId,
    memberId: delta.memberId,
    days: [],
    useDays: [],
    services: {},
  };
}

const dayIndexOf = (year: number, day: string) => dayNumberOf(day) - dayNumberOf(`${year}-01-01`);

/** Applies a delta to a row in place (creating it if absent) and returns the row. */
export function applyActivityDelta(
  row: ActivityRow | undefined,
  delta: Extract<ReportDelta, { table: 'activity' }>,
  sign: 1 | -1,
): ActivityRow {
  const r = row ?? emptyActivityRow(delta);
  const dayIndex = dayIndexOf(r.year, delta.day);
  r.days = bumpDay(r.days, dayIndex, sign);
  if (delta.serviceId !== null) {
    r.useDays = bumpDay(r.useDays, dayIndex, sign);
    bump(r.services, delta.serviceId, sign);
  }
  return r;
}

export function applyWalkInDelta(
  row: WalkInRow | undefined,
  delta: Extract<ReportDelta, { table: 'walk-in' }>,
  sign: 1 | -1,
): WalkInRow {
  const r = row ?? { key: delta.key, year: delta.year, locationId: delta.locationId, services: {} };
  bump(r.services, delta.serviceId, sign);
  return r;
}
