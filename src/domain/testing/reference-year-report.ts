/**
 * The oracle of the year report's tests: `buildYearReport` as it was before it was made fast
 * (see bench/report-build.ts), the straightforward way: every (location, person) folded into
 * day-number arrays and sets. Not used by the app; build-year-report.test.ts checks that the real
 * one gives the same report for every input. Keep it plain; do not optimise this file.
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
import { canonicalMemberId, isOpenAt, type Ledger } from '../ledger.ts';
import { summarize } from '../summary.ts';
import {
  projectReferrals,
  referralPeriodWeeks,
  referralStatusOf,
} from '../referrals/referral-state.ts';
import { achievementOf } from '../report/achievement.ts';
import { pickCurrentRolePeriods, pickCurrentTargets } from '../report/current-settings.ts';
import {
  ALL_LOCATIONS,
  groupOfService,
  INDICATORS,
  SERVICE_GROUPS,
  type Indicator,
  type ServiceGroup,
} from '../report/indicators.ts';
import type {
  Figures,
  LocationReport,
  ServiceFigure,
  TargetResult,
  VisitFrequency,
  YearReport,
  YearReportInput,
} from '../report/build-year-report.ts';
import {
  dayNumberOf,
  positiveDayNumbers,
  type ActivityRow,
  type ReportFact,
  type WalkInRow,
} from '../report/report-aggregates.ts';

/** One person's activity at one location: visit-days and use-days as day numbers, uses per service. */
type Person = { visitDays: number[]; useDays: number[]; services: Record<string, number> };

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

export function buildYearReportReference(input: YearReportInput, year: number): YearReport {
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
  const { total, registeredAt, historyYears } = countRegistered(ledger, year, figuresOf);
  const { perLocation, nextYear, usesOf } = countActivity(
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
    const here = r.id === null ? undefined : perLocation.get(r.locationId)?.get(r.id);
    const later = r.id === null ? undefined : nextYear.get(key);
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
function countRegistered(ledger: Ledger, year: number, figuresOf: FiguresOf) {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const canonical = (id: string) => canonicalMemberId(ledger.members, id);
  // Registered clients, members, paying members: the treasurer's and the server's function.
  const summary = summarize(ledger, year);
  // Earlier year ends need only registered clients: one pass, the same rule as `summarize`
  // (isOpenAt at 31 December, people once after merges); a test checks they agree.
  let firstYear = year;
  for (const r of ledger.registrations.values()) {
    const y = Number((r.opened[0] ?? yearEnd).slice(0, 4));
    if (y < firstYear) firstYear = y;
  }
  const historyYears: number[] = [];
  for (let y = Math.max(firstYear, year - 9); y <= year; y++) historyYears.push(y);
  const registeredAt = registeredByYearEnd(ledger, [...new Set([year - 1, ...historyYears])]);
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

  // People registered at more than one location, and new registrations as people.
  const openAt = new Map<string, Set<string>>();
  const newPeople = new Set<string>();
  for (const r of ledger.registrations.values()) {
    const id = canonical(r.memberId);
    if (isOpenAt(r, yearEnd)) {
      const set = openAt.get(id) ?? new Set<string>();
      set.add(r.scopeId);
      openAt.set(id, set);
    }
    if (r.opened.some((d) => d >= yearStart && d <= yearEnd)) newPeople.add(id);
  }
  for (const set of openAt.values()) if (set.size > 1) total.multiLocation++;
  total.newRegistrations = newPeople.size;

  return { total, registeredAt, historyYears };
}

/** Individuals reached, service groups, "service and activity", visit frequency; uses per service. */
function countActivity(
  activity: readonly ActivityRow[],
  year: number,
  endDay: number,
  canonical: (id: string) => string,
  kindOf: (serviceId: string) => ServiceKind,
  figuresOf: FiguresOf,
  total: TotalFigures,
) {
  // Activity: rows folded per (location, person) after merges.
  const perLocation = new Map<string, Map<string, Person>>();
  const nextYear = new Map<string, Person>();
  for (const row of activity) {
    const id = canonical(row.memberId);
    if (row.year === year) {
      let people = perLocation.get(row.locationId);
      if (!people) {
        people = new Map();
        perLocation.set(row.locationId, people);
      }
      mergeInto(people, id, row);
    } else if (row.year === year + 1) {
      mergeInto(nextYear, `${row.locationId}|${id}`, row);
    }
  }

  const reachedAll = new Set<string>();
  const usedServiceAll = new Set<string>();
  const joinedActivityAll = new Set<string>();
  const groupPeopleAll = new Map<ServiceGroup, Set<string>>(
    SERVICE_GROUPS.map((g) => [g, new Set<string>()]),
  );
  const totalVisits = new Map<string, { days: number; first: number }>();
  const usesOf = new Map<string, { unique: number; uses: number }>();

  for (const [loc, people] of perLocation) {
    const f = figuresOf(loc);
    const groupPeople = new Map<ServiceGroup, number>();
    for (const [id, p] of people) {
      let usedService = false;
      let joinedActivity = false;
      const groupsHit = new Set<ServiceGroup>();
      for (const serviceId in p.services) {
        const n = p.services[serviceId] ?? 0;
        if (n <= 0) continue;
        const kind = kindOf(serviceId);
        if (kind === 'activity') joinedActivity = true;
        else usedService = true;
        const u = usesOf.get(serviceId) ?? { unique: 0, uses: 0 };
        u.unique++;
        u.uses += n;
        usesOf.set(serviceId, u);
        const g = groupOfService(serviceId, kind);
        if (g && g !== 'odd-jobs') groupsHit.add(g);
      }
      for (const g of groupsHit) {
        groupPeople.set(g, (groupPeople.get(g) ?? 0) + 1);
        groupPeopleAll.get(g)?.add(id);
      }
      if (usedService || joinedActivity) {
        f.individualsReached++;
        reachedAll.add(id);
      }
      if (usedService) usedServiceAll.add(id);
      if (joinedActivity) joinedActivityAll.add(id);
      if (usedService && joinedActivity) f.serviceAndActivity++;
      const days = p.visitDays;
      if (days.length > 0) {
        const first = Math.min(...days);
        f.visitFrequency[frequencyBandOfDays(days.length, first, endDay)]++;
        const t = totalVisits.get(id);
        totalVisits.set(
          id,
          t
            ? { days: t.days + days.length, first: t.first < first ? t.first : first }
            : { days: days.length, first },
        );
      }
    }
    for (const g of SERVICE_GROUPS) if (g !== 'odd-jobs') f.groups[g] = groupPeople.get(g) ?? 0;
  }
  total.individualsReached = reachedAll.size;
  // In the total, a service at one location and an activity at another is "both" too.
  for (const id of usedServiceAll) if (joinedActivityAll.has(id)) total.serviceAndActivity++;
  for (const g of SERVICE_GROUPS)
    if (g !== 'odd-jobs') total.groups[g] = groupPeopleAll.get(g)?.size ?? 0;
  for (const t of totalVisits.values())
    total.visitFrequency[frequencyBandOfDays(t.days, t.first, endDay)]++;

  return { perLocation, nextYear, usesOf };
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

/** Registered clients at each year end (per location and people in total), in one pass. */
function registeredByYearEnd(
  ledger: Ledger,
  years: readonly number[],
): Map<number, { locations: Record<string, number>; total: number }> {
  const perYear = years.map((y) => ({
    y,
    end: `${y}-12-31`,
    locations: new Map<string, Set<string>>(),
    people: new Set<string>(),
  }));
  for (const r of ledger.registrations.values()) {
    const id = canonicalMemberId(ledger.members, r.memberId);
    for (const p of perYear) {
      if (!isOpenAt(r, p.end)) continue;
      p.people.add(id);
      let set = p.locations.get(r.scopeId);
      if (!set) {
        set = new Set();
        p.locations.set(r.scopeId, set);
      }
      set.add(id);
    }
  }
  return new Map(
    perYear.map((p) => [
      p.y,
      {
        locations: Object.fromEntries([...p.locations].map(([l, s]) => [l, s.size])),
        total: p.people.size,
      },
    ]),
  );
}

function indicatorResult(f: Figures, indicator: Indicator): number {
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
