/**
 * The year report: the seed's table computed from the recorded facts. The same function runs on a
 * laptop (input read from IndexedDB) and on the server (input from its in-memory state), so both
 * show the same numbers for the same events. Definitions are in DESIGN.md "Definitions the counts
 * follow" and are printed on the report; the choices made here are written next to the code.
 *
 * Registered clients, members and paying members come from `summarize` — the very function the
 * treasurer screen and the server summary use — never from a second count.
 */
import {
  DEFAULT_SERVICES,
  LOCATIONS,
  type LocalizedName,
  type ServiceDefinition,
  type ServiceKind,
} from '../catalog.ts';
import { localDateOf } from '../amsterdam-time.ts';
import type { ReferralSource, RoleKind } from '../events.ts';
import { canonicalMemberId, isOpenAt, type Ledger, type Period } from '../ledger.ts';
import { summarize, type Summary } from '../summary.ts';
import {
  projectReferrals,
  referralPeriodWeeks,
  referralStatusOf,
} from '../referrals/referral-state.ts';
import { achievementOf, type Achievement } from './achievement.ts';
import { pickCurrentRolePeriods, pickCurrentTargets } from './current-settings.ts';
import {
  ALL_LOCATIONS,
  groupOfService,
  INDICATORS,
  SERVICE_GROUPS,
  type Indicator,
  type ServiceGroup,
} from './indicators.ts';
import {
  dayNumberOf,
  positiveDayNumbers,
  type ActivityRow,
  type ReportFact,
  type WalkInRow,
} from './report-aggregates.ts';

export type YearReportInput = {
  /** Registrations, memberships, merges, payments of the year, voids, amounts. */
  ledger: Ledger;
  /** Activity rows of the year (and of the next year, for referrals made late in the year). */
  activity: readonly ActivityRow[];
  walkIns: readonly WalkInRow[];
  /** Referrals, role periods, targets, service definitions and retirements; voided ones are left out here. */
  facts: readonly ReportFact[];
  /** The starting services list; the default is the catalog's. */
  services?: readonly ServiceDefinition[];
  /** Today's local date: weeks of the running year are counted up to it. */
  asOf: string;
  /**
   * `summarize(ledger, year)` when the caller holds it already (the server keeps it per seq for
   * its summary answer): the report's registered clients and members are that very result, so it
   * is not computed twice. Left out (or of another year), the report computes it.
   */
  summary?: Summary;
};

export type VisitFrequency = { under1: number; oneToThree: number; over3: number };

export type Figures = {
  registeredClients: number;
  registeredPreviousYear: number;
  growth: number;
  /** Null when there were none the year before. One decimal. */
  growthPercent: number | null;
  newRegistrations: number;
  members: number;
  payingMembers: number;
  individualsReached: number;
  serviceAndActivity: number;
  visitFrequency: VisitFrequency;
  walkIns: number;
  referrals: {
    referred: number;
    arrived: number;
    /** Not arrived yet, the no-show period not over (see referrals/referral-state.ts). */
    expected: number;
    noShow: number;
    becameActive: number;
    bySource: Record<ReferralSource, number>;
  };
  volunteers: number;
  keyHolders: number;
  groups: Record<ServiceGroup, number>;
};

export type ServiceFigure = {
  serviceId: string;
  kind: ServiceKind;
  /** The name the service had at the end of the year (or when it was retired). */
  name: LocalizedName;
  retired: boolean;
  uniqueClients: number;
  uses: number;
  walkIns: number;
};

export type LocationReport = {
  locationId: string;
  associationId: string;
  figures: Figures;
  services: ServiceFigure[];
};

export type TargetResult = {
  indicator: Indicator;
  locationId: string;
  result: number;
  target: number | null;
  achievement: Achievement | null;
};

export type YearReport = {
  year: number;
  asOf: string;
  locations: LocationReport[];
  total: Figures & { multiLocation: number };
  /** Registered clients at each year end, from the first year with a registration. */
  history: { year: number; locations: Record<string, number>; total: number }[];
  targets: TargetResult[];
};

/** One person's activity at one location: visit-days and use-days as day numbers, uses per service. */
type Person = { visitDays: number[]; useDays: number[]; services: Record<string, number> };

/**
 * Visit-days per week: the person's visit-days at the location in the year, divided by the weeks
 * from their first visit-day that year to the end of the year (or to today in the running year),
 * at least one week. Under 1, 1 to 3 inclusive, over 3. Whole-number comparison: days × 7 against
 * weeks' days.
 */
export function frequencyBand(
  visitDays: number,
  firstDay: string,
  endDay: string,
): keyof VisitFrequency {
  return frequencyBandOfDays(visitDays, dayNumberOf(firstDay), dayNumberOf(endDay));
}

function frequencyBandOfDays(visitDays: number, first: number, end: number): keyof VisitFrequency {
  const span = Math.max(7, end - first + 1);
  const scaled = visitDays * 7;
  if (scaled < span) return 'under1';
  if (scaled > 3 * span) return 'over3';
  return 'oneToThree';
}

function emptyFigures(): Figures {
  return {
    registeredClients: 0,
    registeredPreviousYear: 0,
    growth: 0,
    growthPercent: null,
    newRegistrations: 0,
    members: 0,
    payingMembers: 0,
    individualsReached: 0,
    serviceAndActivity: 0,
    visitFrequency: { under1: 0, oneToThree: 0, over3: 0 },
    walkIns: 0,
    referrals: {
      referred: 0,
      arrived: 0,
      expected: 0,
      noShow: 0,
      becameActive: 0,
      bySource: { wpi: 0, rve: 0, other: 0 },
    },
    volunteers: 0,
    keyHolders: 0,
    groups: { 'odd-jobs': 0, 'social-activities': 0, lessons: 0, 'form-help': 0 },
  };
}

function setGrowth(f: Figures): void {
  f.growth = f.registeredClients - f.registeredPreviousYear;
  f.growthPercent =
    f.registeredPreviousYear === 0
      ? null
      : Math.round((f.growth / f.registeredPreviousYear) * 1000) / 10;
}

type ServiceInfo = {
  kind: ServiceKind;
  name: LocalizedName;
  locationId: string;
  retiredOn: string | null;
  definedOn: string;
};

/** The services list as it stood at the end of `yearEnd`: names as they were then. */
function servicesAt(
  defaults: readonly ServiceDefinition[],
  facts: readonly ReportFact[],
  yearEnd: string,
): Map<string, ServiceInfo> {
  const out = new Map<string, ServiceInfo>();
  for (const s of defaults)
    out.set(s.id, {
      kind: s.kind,
      name: s.name,
      locationId: s.locationId,
      retiredOn: null,
      definedOn: '0000-00-00',
    });
  const defs = facts
    .filter((f) => f.type === 'service-defined')
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  for (const f of defs) {
    const day = localDateOf(f.at);
    const current = out.get(f.data.serviceId);
    // A rename after the year does not change that year's report; a service first defined later still gets a name.
    if (day > yearEnd && current) continue;
    out.set(f.data.serviceId, {
      kind: f.data.kind,
      name: f.data.name,
      locationId: f.data.locationId,
      retiredOn: current?.retiredOn ?? null,
      definedOn: current?.definedOn ?? day,
    });
  }
  for (const f of facts) {
    if (f.type !== 'service-retired') continue;
    const s = out.get(f.data.serviceId);
    const day = localDateOf(f.at);
    if (s && (s.retiredOn === null || day < s.retiredOn)) s.retiredOn = day;
  }
  return out;
}

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
}

function unionDays(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])];
}

// Merged records of one person at one location: a day both visited is still one visit-day.
function mergeInto(people: Map<string, Person>, id: string, row: ActivityRow): void {
  const person: Person = {
    visitDays: positiveDayNumbers(row.days, row.year),
    useDays: positiveDayNumbers(row.useDays, row.year),
    services: row.services,
  };
  const have = people.get(id);
  if (!have) {
    people.set(id, person);
    return;
  }
  const services: Record<string, number> = {};
  addRecord(services, have.services);
  addRecord(services, person.services);
  people.set(id, {
    visitDays: unionDays(have.visitDays, person.visitDays),
    useDays: unionDays(have.useDays, person.useDays),
    services,
  });
}

export function buildYearReport(input: YearReportInput, year: number): YearReport {
  const { ledger } = input;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const endDay = dayNumberOf(
    input.asOf < yearEnd && input.asOf >= yearStart ? input.asOf : yearEnd,
  );
  const canonical = (id: string) => canonicalMemberId(ledger.members, id);
  const live = input.facts.filter((f) => !ledger.voids.has(f.eventId));
  const services = servicesAt(input.services ?? DEFAULT_SERVICES, live, yearEnd);
  const kindOf = (serviceId: string): ServiceKind => services.get(serviceId)?.kind ?? 'service';

  const { byLocation, figuresOf } = makeFiguresTable();
  const summary = input.summary?.year === year ? input.summary : summarize(ledger, year);
  const { total, registeredAt, historyYears } = countRegistered(ledger, year, summary, figuresOf);
  const { personAt, nextYearOf, usesOf } = countActivity(
    input.activity,
    year,
    endDay,
    canonical,
    kindOf,
    figuresOf,
    total,
  );
  const serviceFigures = listServiceFigures(
    services,
    usesOf,
    input.walkIns,
    year,
    figuresOf,
    total,
  );
  const { roleAll, roleAfter } = countRolePeople(live, year, canonical, figuresOf);
  total.volunteers = roleAll.volunteer.size;
  total.keyHolders = roleAll['key-holder'].size;

  // Referrals: a person referred to a location in the year counts once there, from the earliest
  // referral. A referral entered ahead (`referral-made`) is one person until it is linked, then
  // the linked member. Not arrived: expected during the coordinator's period, then a no-show.
  const weeks = referralPeriodWeeks(live, () => false);
  const referrals = new Map<
    string,
    { locationId: string; id: string | null; date: string; source: ReferralSource }
  >();
  const addReferral = (
    key: string,
    r: { locationId: string; id: string | null; date: string; source: ReferralSource },
  ) => {
    if (r.date < yearStart || r.date > yearEnd) return;
    const current = referrals.get(key);
    if (!current || r.date < current.date || (r.date === current.date && r.source < current.source))
      referrals.set(key, r);
  };
  for (const f of live) {
    if (f.type !== 'referral-recorded') continue;
    const id = canonical(f.data.memberId);
    addReferral(`${f.data.locationId}|${id}`, { ...f.data, id });
  }
  for (const r of projectReferrals(live, () => false).values()) {
    const id = r.memberId === null ? null : canonical(r.memberId);
    addReferral(
      id === null ? `${r.locationId}|referral:${r.referralId}` : `${r.locationId}|${id}`,
      {
        locationId: r.locationId,
        id,
        date: r.date,
        source: r.source,
      },
    );
  }
  for (const [key, r] of referrals) {
    const f = figuresOf(r.locationId);
    const here = r.id === null ? undefined : personAt(r.locationId, r.id);
    const later = r.id === null ? undefined : nextYearOf(key);
    const referredOn = dayNumberOf(r.date);
    const arrived = [here, later].some(
      (p) => p !== undefined && p.visitDays.some((d) => d >= referredOn),
    );
    const usedAfter = [here, later].some(
      (p) => p !== undefined && p.useDays.some((d) => d >= referredOn),
    );
    const roleAfterReferral = (roleAfter.get(key) ?? []).some((to) => to >= r.date);
    const status = referralStatusOf(r.date, arrived, input.asOf, weeks);
    for (const target of [f, total]) {
      target.referrals.referred++;
      target.referrals.bySource[r.source]++;
      if (status === 'arrived') target.referrals.arrived++;
      if (status === 'expected') target.referrals.expected++;
      if (usedAfter || roleAfterReferral) target.referrals.becameActive++;
    }
  }
  for (const target of [...byLocation.values(), total])
    target.referrals.noShow =
      target.referrals.referred - target.referrals.arrived - target.referrals.expected;

  for (const f of byLocation.values()) setGrowth(f);
  setGrowth(total);

  // Registered clients over the years, for the chart.
  const history: YearReport['history'] = historyYears.map((y) => {
    const at = registeredAt.get(y)!;
    const locations: Record<string, number> = {};
    for (const l of LOCATIONS) locations[l.id] = at.locations[l.id] ?? 0;
    return { year: y, locations, total: at.total };
  });

  const { locations, targets } = compareTargets(live, year, figuresOf, serviceFigures, total);
  return { year, asOf: input.asOf, locations, total, history, targets };
}

/** Figures per location, made on first use (a location from a newer catalogue still counts). */
function makeFiguresTable() {
  const byLocation = new Map<string, Figures>();
  for (const l of LOCATIONS) byLocation.set(l.id, emptyFigures());
  const figuresOf = (locationId: string) => {
    let f = byLocation.get(locationId);
    if (!f) {
      f = emptyFigures();
      byLocation.set(locationId, f);
    }
    return f;
  };
  return { byLocation, figuresOf };
}

type FiguresOf = (locationId: string) => Figures;
type TotalFigures = YearReport['total'];

/** Registered clients (this year end and earlier ones), new registrations, members, paying members. */
function countRegistered(
  ledger: Ledger,
  year: number,
  // Registered clients, members, paying members: the treasurer's and the server's function.
  summary: Summary,
  figuresOf: FiguresOf,
) {
  const yearEnd = `${year}-12-31`;
  // Earlier year ends need only registered clients: one pass, the same rule as `summarize`
  // (isOpenAt at 31 December, people once after merges); a test checks they agree.
  let firstDay = yearEnd;
  for (const r of ledger.registrations.values()) {
    const d = r.opened[0];
    if (d !== undefined && d < firstDay) firstDay = d;
  }
  const firstYear = Number(firstDay.slice(0, 4));
  const historyYears: number[] = [];
  for (let y = Math.max(firstYear, year - 9); y <= year; y++) historyYears.push(y);
  const counted = countRegisteredPeople(ledger, [...new Set([year - 1, ...historyYears])], year);
  const registeredAt = counted.byYearEnd;
  const previous = registeredAt.get(year - 1)!;

  for (const [loc, s] of Object.entries(summary.locations)) {
    const f = figuresOf(loc);
    f.registeredClients = s.registeredClients;
    f.newRegistrations = s.newRegistrations;
    f.registeredPreviousYear = previous.locations[loc] ?? 0;
  }
  for (const l of LOCATIONS) {
    const a = summary.associations[l.associationId];
    const f = figuresOf(l.id);
    f.members = a?.members ?? 0;
    f.payingMembers = a?.payingMembers ?? 0;
  }
  const total: YearReport['total'] = { ...emptyFigures(), multiLocation: 0 };
  total.registeredClients = summary.total.registeredClients;
  total.registeredPreviousYear = previous.total;
  total.members = summary.total.members;
  total.payingMembers = summary.total.payingMembers;

  total.multiLocation = counted.multiLocation;
  total.newRegistrations = counted.newPeople;

  return { total, registeredAt, historyYears };
}

/** Rows of one person at one location after merges: one row (nearly always) or several. */
type PersonRows = ActivityRow | ActivityRow[];

/** A person's activity folded from their rows: done only for the few a referral asks about. */
function personOf(rows: PersonRows): Person {
  if (!Array.isArray(rows))
    return {
      visitDays: positiveDayNumbers(rows.days, rows.year),
      useDays: positiveDayNumbers(rows.useDays, rows.year),
      services: rows.services,
    };
  const people = new Map<string, Person>();
  for (const row of rows) mergeInto(people, '', row);
  return people.get('')!;
}

/** A service id's kind and group, looked up once; its uses with the first place it was seen. */
type ServiceCount = {
  activity: boolean;
  groupBit: number;
  unique: number;
  uses: number;
  /** Where the per-location walk meets it first: location order × 2³² + row index ... */
  firstSeen: number;
  /** ... and its place among that person's services there. */
  firstPlace: number;
};

const REACHED = 1;
const USED_SERVICE = 2;
const JOINED_ACTIVITY = 4;
/** Bit of a service group in a person's flags. */
const groupBit = (i: number) => 8 << i;
const ROW_SPAN = 2 ** 32;

/**
 * Individuals reached, service groups, "service and activity", visit frequency; uses per service.
 *
 * The rule: a person's rows at one location (after merges) count as one folded record
 * (`mergeInto`: visit-days and use-days united, uses added), and in the total a person counts once
 * over all locations. Done here without making that fold or any per-person set for the nearly
 * every person with one row per location: the rows are grouped per person in one map of row
 * indexes, each row's counters read in place, a person's total kept in local variables. (About
 * 300.000 rows of a year on a busy server: bench/report-build.ts. src/domain/testing/reference-year-report.ts keeps
 * the straightforward version the tests compare against; `usesOf` keeps its order too.)
 */
function countActivity(
  activity: readonly ActivityRow[],
  year: number,
  endDay: number,
  canonical: (id: string) => string,
  kindOf: (serviceId: string) => ServiceKind,
  figuresOf: FiguresOf,
  total: TotalFigures,
) {
  // Per person after merges: the index of their first row of the year; their rows of the year
  // as a list through `nextRow` (-1 ends it), kept in the rows' order, `lastRow` its end (at the
  // first row's index). No array or set per person: about 100.000 people on a busy server.
  const byPerson = new Map<string, number>();
  const nextRow = new Int32Array(activity.length).fill(-1);
  const lastRow = new Int32Array(activity.length);
  const nextYearRows = new Map<string, ActivityRow[]>();
  const locations = new Map<string, { f: Figures; order: number; groupPeople: number[] }>();
  for (let i = 0; i < activity.length; i++) {
    const row = activity[i]!;
    const id = canonical(row.memberId);
    if (row.year === year) {
      if (!locations.has(row.locationId))
        locations.set(row.locationId, {
          f: figuresOf(row.locationId),
          order: locations.size,
          groupPeople: SERVICE_GROUPS.map(() => 0),
        });
      const head = byPerson.get(id);
      if (head === undefined) {
        byPerson.set(id, i);
        lastRow[i] = i;
      } else {
        nextRow[lastRow[head]!] = i;
        lastRow[head] = i;
      }
    } else if (row.year === year + 1) {
      const key = `${row.locationId}|${id}`;
      const list = nextYearRows.get(key);
      if (list) list.push(row);
      else nextYearRows.set(key, [row]);
    }
  }

  const serviceCounts = new Map<string, ServiceCount>();
  const yearStart = dayNumberOf(`${year}-01-01`);
  const groupTotals = SERVICE_GROUPS.map(() => 0);
  let flags = 0;
  let days = 0;
  let first = Infinity;
  /** Counts one person at one location from their services and visit-days there. */
  const countAt = (
    loc: string,
    firstRow: number,
    services: Record<string, number>,
    dayCount: number,
    firstDay: number,
  ) => {
    const at = locations.get(loc)!;
    let here = 0;
    let place = 0;
    for (const serviceId in services) {
      const n = services[serviceId] ?? 0;
      if (n <= 0) continue;
      let c = serviceCounts.get(serviceId);
      if (!c) {
        const kind = kindOf(serviceId);
        const g = groupOfService(serviceId, kind);
        const gi = g && g !== 'odd-jobs' ? SERVICE_GROUPS.indexOf(g) : -1;
        c = {
          activity: kind === 'activity',
          groupBit: gi < 0 ? 0 : groupBit(gi),
          unique: 0,
          uses: 0,
          firstSeen: Infinity,
          firstPlace: 0,
        };
        serviceCounts.set(serviceId, c);
      }
      here |= (c.activity ? JOINED_ACTIVITY : USED_SERVICE) | c.groupBit;
      c.unique++;
      c.uses += n;
      const seen = at.order * ROW_SPAN + firstRow;
      if (seen < c.firstSeen) {
        c.firstSeen = seen;
        c.firstPlace = place;
      }
      place++;
    }
    for (let i = 0; i < SERVICE_GROUPS.length; i++) if (here & groupBit(i)) at.groupPeople[i]!++;
    if (here & (USED_SERVICE | JOINED_ACTIVITY)) {
      at.f.individualsReached++;
      here |= REACHED;
    }
    if (here & USED_SERVICE && here & JOINED_ACTIVITY) at.f.serviceAndActivity++;
    if (dayCount > 0) {
      at.f.visitFrequency[frequencyBandOfDays(dayCount, firstDay, endDay)]++;
      days += dayCount;
      if (firstDay < first) first = firstDay;
    }
    flags |= here;
  };
  /** One row read in place: its visit-days are the days with a counter above zero. */
  const countRow = (i: number) => {
    const row = activity[i]!;
    let dayCount = 0;
    let firstIndex = Infinity;
    for (const v of row.days) {
      if ((v << 16) >> 16 <= 0) continue;
      dayCount++;
      const d = v >>> 16;
      if (d < firstIndex) firstIndex = d;
    }
    countAt(row.locationId, i, row.services, dayCount, yearStart + firstIndex);
  };

  for (const head of byPerson.values()) {
    flags = 0;
    days = 0;
    first = Infinity;
    // Per location (in the order first seen): its one row read in place, or its rows folded.
    for (let i = head; i >= 0; i = nextRow[i]!) {
      const loc = activity[i]!.locationId;
      let seenBefore = false;
      for (let j = head; j !== i; j = nextRow[j]!)
        if (activity[j]!.locationId === loc) {
          seenBefore = true;
          break;
        }
      if (seenBefore) continue;
      let more = nextRow[i]!;
      while (more >= 0 && activity[more]!.locationId !== loc) more = nextRow[more]!;
      if (more < 0) countRow(i);
      else {
        const here: ActivityRow[] = [];
        for (let j = i; j >= 0; j = nextRow[j]!)
          if (activity[j]!.locationId === loc) here.push(activity[j]!);
        const p = personOf(here);
        const d = p.visitDays;
        countAt(loc, i, p.services, d.length, d.length > 0 ? Math.min(...d) : 0);
      }
    }
    if (flags & REACHED) total.individualsReached++;
    // In the total, a service at one location and an activity at another is "both" too.
    if (flags & USED_SERVICE && flags & JOINED_ACTIVITY) total.serviceAndActivity++;
    for (let i = 0; i < SERVICE_GROUPS.length; i++) if (flags & groupBit(i)) groupTotals[i]!++;
    if (days > 0) total.visitFrequency[frequencyBandOfDays(days, first, endDay)]++;
  }
  for (const { f, groupPeople } of locations.values())
    SERVICE_GROUPS.forEach((g, i) => {
      if (g !== 'odd-jobs') f.groups[g] = groupPeople[i]!;
    });
  SERVICE_GROUPS.forEach((g, i) => {
    if (g !== 'odd-jobs') total.groups[g] = groupTotals[i]!;
  });
  // Uses per service, in the order the per-location walk meets them (the listing keeps it).
  const usesOf = new Map(
    [...serviceCounts]
      .filter(([, c]) => c.unique > 0)
      .sort(([, a], [, b]) => a.firstSeen - b.firstSeen || a.firstPlace - b.firstPlace)
      .map(([serviceId, c]) => [serviceId, { unique: c.unique, uses: c.uses }]),
  );

  /** A person's activity at a location in the year, folded; or undefined without rows there. */
  const personAt = (loc: string, id: string): Person | undefined => {
    const head = byPerson.get(id);
    if (head === undefined) return undefined;
    const rows: ActivityRow[] = [];
    for (let i = head; i >= 0; i = nextRow[i]!)
      if (activity[i]!.locationId === loc) rows.push(activity[i]!);
    if (rows.length === 0) return undefined;
    return personOf(rows.length === 1 ? rows[0]! : rows);
  };
  /** The same in the next year, by `location|person`. */
  const nextYearOf = (key: string): Person | undefined => {
    const rows = nextYearRows.get(key);
    if (rows === undefined) return undefined;
    return personOf(rows.length === 1 ? rows[0]! : rows);
  };
  return { personAt, nextYearOf, usesOf };
}

/** Per service: unique clients, uses and walk-ins; odd jobs counted as jobs done. */
function listServiceFigures(
  services: ReadonlyMap<string, ServiceInfo>,
  usesOf: ReadonlyMap<string, { unique: number; uses: number }>,
  walkIns: readonly WalkInRow[],
  year: number,
  figuresOf: FiguresOf,
  total: TotalFigures,
) {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const serviceFigures = new Map<string, ServiceFigure[]>();
  // Walk-ins: not registered, counted per service at the desk.
  const walkInsOf = new Map<string, number>();
  for (const row of walkIns) {
    if (row.year !== year) continue;
    for (const [serviceId, n] of Object.entries(row.services)) {
      if (n <= 0) continue;
      walkInsOf.set(serviceId, (walkInsOf.get(serviceId) ?? 0) + n);
      figuresOf(row.locationId).walkIns += n;
      total.walkIns += n;
    }
  }

  // Per service: listed when offered at some point in the year, or used in it.
  for (const [serviceId, info] of services) {
    const used = usesOf.get(serviceId);
    const walkIns = walkInsOf.get(serviceId) ?? 0;
    const offered =
      info.definedOn <= yearEnd && (info.retiredOn === null || info.retiredOn >= yearStart);
    if (!offered && !used && walkIns === 0) continue;
    const list = serviceFigures.get(info.locationId) ?? [];
    list.push({
      serviceId,
      kind: info.kind,
      name: info.name,
      retired: info.retiredOn !== null && info.retiredOn <= yearEnd,
      uniqueClients: used?.unique ?? 0,
      uses: used?.uses ?? 0,
      walkIns,
    });
    serviceFigures.set(info.locationId, list);
  }
  for (const [serviceId, u] of usesOf) {
    if (services.has(serviceId)) continue;
    // Used but never defined (a service from a newer app version): listed under its id.
    const loc = serviceId.includes(':') ? serviceId.slice(0, serviceId.indexOf(':')) : '';
    const list = serviceFigures.get(loc) ?? [];
    list.push({
      serviceId,
      kind: 'service',
      name: { nl: serviceId, en: serviceId },
      retired: false,
      uniqueClients: u.unique,
      uses: u.uses,
      walkIns: walkInsOf.get(serviceId) ?? 0,
    });
    serviceFigures.set(loc, list);
  }
  // Odd jobs are jobs done: uses plus walk-ins.
  for (const [loc, list] of serviceFigures) {
    for (const s of list) {
      if (groupOfService(s.serviceId, s.kind) !== 'odd-jobs') continue;
      figuresOf(loc).groups['odd-jobs'] += s.uses + s.walkIns;
      total.groups['odd-jobs'] += s.uses + s.walkIns;
    }
  }

  return serviceFigures;
}

/** Active volunteers and key holders; when each person's role periods end (for referrals). */
function countRolePeople(
  live: readonly ReportFact[],
  year: number,
  canonical: (id: string) => string,
  figuresOf: FiguresOf,
) {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  // Role periods: per (member, location, role, from) the latest setting wins; active when it overlaps the year.
  const periods = pickCurrentRolePeriods(live);
  const rolePeople = new Map<string, Set<string>>();
  const roleAll: Record<RoleKind, Set<string>> = { volunteer: new Set(), 'key-holder': new Set() };
  const roleAfter = new Map<string, string[]>();
  for (const p of periods.values()) {
    const id = canonical(p.data.memberId);
    const starts = roleAfter.get(`${p.data.locationId}|${id}`) ?? [];
    starts.push(p.data.to ?? '9999-12-31');
    roleAfter.set(`${p.data.locationId}|${id}`, starts);
    if (
      p.data.from > yearEnd ||
      (p.data.to !== null && (p.data.to < yearStart || p.data.to < p.data.from))
    )
      continue;
    const key = `${p.data.locationId}|${p.data.role}`;
    const set = rolePeople.get(key) ?? new Set<string>();
    set.add(id);
    rolePeople.set(key, set);
    roleAll[p.data.role].add(id);
  }
  for (const [key, set] of rolePeople) {
    const [loc = '', role] = key.split('|');
    if (role === 'volunteer') figuresOf(loc).volunteers = set.size;
    else figuresOf(loc).keyHolders = set.size;
  }
  return { roleAll, roleAfter };
}

/** Each location's figures and services, and every indicator's result against its target. */
function compareTargets(
  live: readonly ReportFact[],
  year: number,
  figuresOf: FiguresOf,
  serviceFigures: ReadonlyMap<string, ServiceFigure[]>,
  total: TotalFigures,
) {
  // Targets: per (indicator, location, year) the latest setting wins.
  const targetFacts = pickCurrentTargets(live, year);
  const locations: LocationReport[] = LOCATIONS.map((l) => ({
    locationId: l.id,
    associationId: l.associationId,
    figures: figuresOf(l.id),
    services: (serviceFigures.get(l.id) ?? []).sort((a, b) =>
      a.kind === b.kind ? a.name.nl.localeCompare(b.name.nl, 'nl') : a.kind === 'service' ? -1 : 1,
    ),
  }));
  const targets: TargetResult[] = [];
  for (const indicator of INDICATORS) {
    for (const [locationId, figures] of [
      ...locations.map((l) => [l.locationId, l.figures] as const),
      [ALL_LOCATIONS, total] as const,
    ]) {
      const result = indicatorResult(figures, indicator);
      const target = targetFacts.get(`${indicator}|${locationId}`)?.data.value ?? null;
      targets.push({
        indicator,
        locationId,
        result,
        target,
        achievement: achievementOf(result, target),
      });
    }
  }

  return { locations, targets };
}

/**
 * Registered clients at each year end (per location and people in total), in one pass: each
 * registration marks the year ends it is open at as bits, per person and per (location, person);
 * people are counted once per year from those bits.
 */
export function registeredByYearEnd(
  ledger: Ledger,
  years: readonly number[],
): Map<number, { locations: Record<string, number>; total: number }> {
  // 30 year ends fit the bits of a small integer; more are counted 30 at a time.
  if (years.length > 30)
    return new Map([
      ...registeredByYearEnd(ledger, years.slice(0, 30)),
      ...registeredByYearEnd(ledger, years.slice(30)),
    ]);
  return countRegisteredPeople(ledger, years, undefined).byYearEnd;
}

/**
 * `registeredByYearEnd` (at most 30 years), and in the same pass for the report's `year`: people
 * registered at more than one location at its end, and people with a registration dated in it.
 */
function countRegisteredPeople(ledger: Ledger, years: readonly number[], year: number | undefined) {
  const ends = years.map((y) => `${y}-12-31`);
  const yearBit = year === undefined ? 0 : 1 << years.indexOf(year);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const people = new Map<string, number>();
  const perLocation = new Map<string, Map<string, number>>();
  const newPeople = new Set<string>();
  const multiLocation = new Set<string>();
  for (const r of ledger.registrations.values()) {
    const bits = openBits(r, ends);
    const isNew = year !== undefined && r.opened.some((d) => d >= yearStart && d <= yearEnd);
    if (bits === 0 && !isNew) continue;
    const id = canonicalMemberId(ledger.members, r.memberId);
    if (isNew) newPeople.add(id);
    if (bits === 0) continue;
    const before = people.get(id) ?? 0;
    people.set(id, before | bits);
    let here = perLocation.get(r.scopeId);
    if (!here) {
      here = new Map();
      perLocation.set(r.scopeId, here);
    }
    const beforeHere = here.get(id) ?? 0;
    here.set(id, beforeHere | bits);
    // Open at the year end here, and already at another location: at more than one.
    if (bits & yearBit && before & yearBit && !(beforeHere & yearBit)) multiLocation.add(id);
  }
  const countBits = (of: ReadonlyMap<string, number>) => {
    const counts = years.map(() => 0);
    for (const bits of of.values())
      for (let i = 0; i < counts.length; i++) if (bits & (1 << i)) counts[i]!++;
    return counts;
  };
  const totals = countBits(people);
  const locationCounts = [...perLocation].map(([l, m]) => [l, countBits(m)] as const);
  const byYearEnd = new Map(
    years.map((y, i) => {
      const locations: Record<string, number> = {};
      // As before: a location is listed for a year only when someone was registered there.
      for (const [l, counts] of locationCounts) if (counts[i]! > 0) locations[l] = counts[i]!;
      return [y, { locations, total: totals[i]! }];
    }),
  );
  return { byYearEnd, multiLocation: multiLocation.size, newPeople: newPeople.size };
}

/** The year ends (`ends`) a registration is open at, as bits: `isOpenAt` at each. */
function openBits(r: Period, ends: readonly string[]): number {
  let bits = 0;
  // Nearly every registration: opened once, never closed: open from that day until erased.
  if (r.opened.length === 1 && r.closed.length === 0) {
    const from = r.opened[0]!;
    const erased = r.erasedOn;
    for (let i = 0; i < ends.length; i++)
      if (from <= ends[i]! && !(erased !== undefined && erased <= ends[i]!)) bits |= 1 << i;
    return bits;
  }
  for (let i = 0; i < ends.length; i++) if (isOpenAt(r, ends[i]!)) bits |= 1 << i;
  return bits;
}

export function indicatorResult(f: Figures, indicator: Indicator): number {
  switch (indicator) {
    case 'registered-clients':
      return f.registeredClients;
    case 'new-registrations':
      return f.newRegistrations;
    case 'paying-members':
      return f.payingMembers;
    case 'individuals-reached':
      return f.individualsReached;
    case 'referred':
      return f.referrals.referred;
    case 'referrals-active':
      return f.referrals.becameActive;
    case 'volunteers':
      return f.volunteers;
    case 'key-holders':
      return f.keyHolders;
    default:
      return f.groups[indicator];
  }
}
