/**
 * Compact per-year aggregates the year report reads instead of a million raw facts.
 *
 * Each visit, service use and walk-in adds one to a counter keyed by what it is about; its void
 * takes the same one off again. Counters, not sets, because a void must be able to take a use
 * away again: "unique clients" are the keys whose counter is above zero. Addition commutes, so
 * the order facts arrive in does not matter; a duplicate is stopped before it gets here (the
 * laptop stores each eventId once, the in-memory state below remembers what it counted).
 *
 * A laptop keeps these rows in IndexedDB (src/app/db/report-apply.ts); the server keeps them in
 * memory (`ReportState`). Both use `reportDeltaOf` and `applyDelta`, so both hold the same rows.
 */
import { localDateOf } from '../amsterdam-time.ts';
import type { BuurtpasEvent, EventType } from '../events.ts';
import { applyToLedger, emptyLedger, type Ledger } from '../ledger.ts';

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

/**
 * What a counted fact added, kept small (a server holds one per fact): the row it went to (shared,
 * not a copy of its key), the day and the service id (interned), so its void can take it off.
 */
type Counted = { row: ActivityRow | WalkInRow; day: string; serviceId: string | null };

/**
 * The server's (and the tests') in-memory form: the ledger, the aggregates, the small facts, and
 * per counted fact what it added so a later void can take it off. `subtracted` makes each void
 * count once, whichever of the fact and its void came first.
 */
export type ReportState = {
  ledger: Ledger;
  activity: Map<string, ActivityRow>;
  walkIns: Map<string, WalkInRow>;
  facts: Map<string, ReportFact>;
  counted: Map<string, Counted>;
  subtracted: Set<string>;
  interned: Map<string, string>;
};

export function emptyReportState(): ReportState {
  return {
    ledger: emptyLedger(),
    activity: new Map(),
    walkIns: new Map(),
    facts: new Map(),
    counted: new Map(),
    subtracted: new Set(),
    interned: new Map(),
  };
}

function intern(state: ReportState, s: string): string {
  const have = state.interned.get(s);
  if (have !== undefined) return have;
  state.interned.set(s, s);
  return s;
}

function addToState(state: ReportState, delta: ReportDelta): Counted {
  if (delta.table === 'activity') {
    const row = applyActivityDelta(state.activity.get(delta.key), delta, 1);
    state.activity.set(row.key, row);
    return {
      row,
      day: intern(state, delta.day),
      serviceId: delta.serviceId === null ? null : intern(state, delta.serviceId),
    };
  }
  const row = applyWalkInDelta(state.walkIns.get(delta.key), delta, 1);
  state.walkIns.set(row.key, row);
  return { row, day: '', serviceId: intern(state, delta.serviceId) };
}

function takeOff(c: Counted): void {
  if ('days' in c.row) {
    const dayIndex = dayIndexOf(c.row.year, c.day);
    c.row.days = bumpDay(c.row.days, dayIndex, -1);
    if (c.serviceId !== null) {
      c.row.useDays = bumpDay(c.row.useDays, dayIndex, -1);
      bump(c.row.services, c.serviceId, -1);
    }
  } else if (c.serviceId !== null) {
    bump(c.row.services, c.serviceId, -1);
  }
}

/** Applies one fact. Duplicates and any arrival order give the same state. */
export function applyReportEvent(state: ReportState, event: BuurtpasEvent): void {
  applyToLedger(state.ledger, event);
  if (event.type === 'event-voided') {
    const target = event.data.targetEventId;
    const counted = state.counted.get(target);
    if (counted && !state.subtracted.has(target)) {
      state.subtracted.add(target);
      takeOff(counted);
    }
    return;
  }
  if (isReportFact(event)) {
    state.facts.set(event.eventId, event);
    return;
  }
  const delta = reportDeltaOf(event);
  if (!delta || state.counted.has(event.eventId)) return;
  const counted = addToState(state, delta);
  state.counted.set(event.eventId, counted);
  if (state.ledger.voids.has(event.eventId) && !state.subtracted.has(event.eventId)) {
    state.subtracted.add(event.eventId);
    takeOff(counted);
  }
}

export function foldReportEvents(events: Iterable<BuurtpasEvent>): ReportState {
  const state = emptyReportState();
  for (const e of events) applyReportEvent(state, e);
  return state;
}

/**
 * A whole event set folded straight into rows, voids first: for rebuilding a laptop's tables in
 * one go (schema upgrade, benchmark). Needs no per-fact memory beyond the voided ids.
 */
export function foldAggregateRows(events: readonly BuurtpasEvent[]): {
  activity: Map<string, ActivityRow>;
  walkIns: Map<string, WalkInRow>;
} {
  const voided = new Set<string>();
  for (const e of events) if (e.type === 'event-voided') voided.add(e.data.targetEventId);
  const activity = new Map<string, ActivityRow>();
  const walkIns = new Map<string, WalkInRow>();
  const seen = new Set<string>();
  for (const e of events) {
    if (voided.has(e.eventId)) continue;
    const delta = reportDeltaOf(e);
    if (!delta || seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    if (delta.table === 'activity')
      activity.set(delta.key, applyActivityDelta(activity.get(delta.key), delta, 1));
    else walkIns.set(delta.key, applyWalkInDelta(walkIns.get(delta.key), delta, 1));
  }
  return { activity, walkIns };
}
