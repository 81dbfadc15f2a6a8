/**
 * The rulebook: every rule that turns facts into derived rows, once, for every replica.
 *
 * `projectBatch(reader, events)` is pure: given read access to the current rows (whatever the
 * caller has loaded: the server's whole state in memory, or the few rows a laptop fetched with one
 * bulkGet per table) and a batch of facts new to this replica, it returns the rows to put. When
 * it needs a row the caller did not load it says which (`ok: false, missing`) and the caller loads
 * those and calls again; `planRows` names the rows a batch needs up front so that is rare
 * (erasure cascades along merges).
 *
 * Order-independence: every row is a function of the *set* of facts about its key: unions of
 * dates and ids, minimum and maximum, last writer by HLC with a total tie-break, and sums whose
 * terms a void takes back exactly once (the void row says "already taken back"). Each rule's
 * tie-break is written beside it. Within a batch the voids go last, so a target and its void in
 * one batch behave as target-then-void; a void that arrives before its target stores its row and
 * the target, when it comes, adds nothing.
 *
 * The caller hands each fact here once (the events table or storage deduplicates by eventId) and
 * stores the facts first, so `reader.fact` finds a void's target from this same batch.
 */
import { DEFAULT_SERVICES } from '../catalog.ts';
import { localDateOf } from '../amsterdam-time.ts';
import type { BuurtpasEvent, EventOf } from '../events.ts';
import { applyProfileFields, emptyMemberRecord, eraseMemberRecord } from '../member-record.ts';
import { nameWords } from '../name-search.ts';
import {
  activityKey,
  applyActivityDelta,
  applyWalkInDelta,
  emptyActivityRow,
  reportDeltaOf,
  walkInKey,
  type ActivityRow,
  type WalkInRow,
} from '../report/report-aggregates.ts';
import { visitDayKey } from '../visit-day.ts';
import { addPeriodDate, erasePeriod, periodKey, type Period } from './period.ts';
import {
  addRegistrationChange,
  voidRegistrationChange,
  type RegistrationChange,
} from '../registration-changes.ts';
import {
  amountKey,
  contributionKey,
  dayCounterKey,
  primaryKeyOf,
  type ContributionRow,
  type DayCounterRow,
  type MemberRow,
  type PassFact,
  type PassRow,
  type PeriodRow,
  type ProjectionRows,
  type ProjectionTable,
  type StoredPayment,
  type VoidRow,
} from './rows.ts';

/** A row the caller has not loaded (as opposed to `undefined`: loaded, and absent). */
export const MISSING: unique symbol = Symbol('row-not-loaded');
export type Missing = typeof MISSING;

export type RowReader = {
  row<T extends ProjectionTable>(table: T, key: string): ProjectionRows[T] | undefined | Missing;
  /** A fact already stored on this replica (for a void of a visit, service use or walk-in). */
  fact(eventId: string): BuurtpasEvent | undefined | Missing;
};

export type RowRequest = { table: ProjectionTable | 'facts'; key: string };

export type RowChanges = { [T in ProjectionTable]?: Map<string, ProjectionRows[T]> };

export type BatchResult =
  | {
      ok: true;
      changes: RowChanges;
      /** Members whose record this batch erased (directly or through a merge): redact their payloads. */
      erased: string[];
    }
  | { ok: false; missing: RowRequest[] };

class NeedRows {
  readonly requests: RowRequest[];
  constructor(requests: RowRequest[]) {
    this.requests = requests;
  }
}

/** Voids last: a void takes back what its target added, so the target is applied first. */
export function orderForApply(events: readonly BuurtpasEvent[]): BuurtpasEvent[] {
  const ordered: BuurtpasEvent[] = [];
  const voids: BuurtpasEvent[] = [];
  for (const e of events) (e.type === 'event-voided' ? voids : ordered).push(e);
  for (const e of voids) ordered.push(e);
  return ordered;
}

export function projectBatch(reader: RowReader, events: readonly BuurtpasEvent[]): BatchResult {
  const work = new Work(reader);
  try {
    for (const e of orderForApply(events)) applyEvent(work, e);
  } catch (error) {
    if (error instanceof NeedRows) return { ok: false, missing: error.requests };
    throw error;
  }
  return { ok: true, changes: work.changes, erased: [...work.erased].sort() };
}

class Work {
  readonly changes: RowChanges = {};
  readonly erased = new Set<string>();
  private readonly reader: RowReader;

  constructor(reader: RowReader) {
    this.reader = reader;
  }

  get<T extends ProjectionTable>(table: T, key: string): ProjectionRows[T] | undefined {
    // One lookup: `put` never stores undefined, so a miss is a row not changed yet.
    const changed = (this.changes[table] as Map<string, ProjectionRows[T]> | undefined)?.get(key);
    if (changed !== undefined) return changed;
    const row = this.reader.row(table, key);
    if (row === MISSING) throw new NeedRows([{ table, key }]);
    return row;
  }

  put<T extends ProjectionTable>(table: T, row: ProjectionRows[T]): void {
    let map = this.changes[table] as Map<string, ProjectionRows[T]> | undefined;
    if (!map) {
      map = new Map();
      (this.changes as Record<string, unknown>)[table] = map;
    }
    map.set(primaryKeyOf(table, row), row);
  }

  fact(eventId: string): BuurtpasEvent | undefined {
    const e = this.reader.fact(eventId);
    if (e === MISSING) throw new NeedRows([{ table: 'facts', key: eventId }]);
    return e;
  }
}

/** A sorted set of strings with one more. */
function withItem(list: readonly string[] | undefined, item: string): string[] {
  const l = list ?? [];
  return l.includes(item) ? [...l] : [...l, item].sort();
}

const minOf = (a: string | undefined, b: string): string => (a === undefined || b < a ? b : a);

function withName(row: MemberRow): MemberRow {
  const name = row.erased ? '' : (row.fields.name ?? '');
  return { ...row, name, nameWords: nameWords(name) };
}

/**
 * The member row, created by the first fact that names the person. `createdAt` is the earliest
 * `at` of those facts (a minimum, so arrival order does not matter).
 */
function ensureMember(work: Work, memberId: string, at: string): MemberRow {
  const existing = work.get('members', memberId);
  if (existing) return at < existing.createdAt ? { ...existing, createdAt: at } : existing;
  return { ...emptyMemberRecord(memberId), name: '', nameWords: [], locations: [], createdAt: at };
}

function applyEvent(work: Work, event: BuurtpasEvent): void {
  const day = localDateOf(event.at);
  switch (event.type) {
    case 'client-registered':
    case 'client-deregistered': {
      const { memberId, locationId } = event.data;
      const m = ensureMember(work, memberId, event.at);
      const next: MemberRow = {
        ...m,
        registrationScopes: withItem(m.registrationScopes, locationId),
      };
      if (event.type === 'client-registered') next.locations = withItem(m.locations, locationId);
      work.put('members', next);
      const kind = event.type === 'client-registered' ? 'opened' : 'closed';
      // Per day the latest change by HLC, voided ones left out (registration-changes.ts).
      const key = periodKey(memberId, locationId);
      const change: RegistrationChange = { eventId: event.eventId, hlc: event.hlc, day, kind };
      if (work.get('voids', event.eventId)) change.voided = true;
      let p: Period = addRegistrationChange(
        work.get('registrations', key),
        memberId,
        locationId,
        change,
      );
      if (next.erasedOn !== undefined) p = erasePeriod(p, next.erasedOn);
      work.put('registrations', { ...p, key });
      return;
    }
    case 'membership-started':
    case 'membership-ended': {
      const { memberId, associationId, date } = event.data;
      const m = ensureMember(work, memberId, event.at);
      const next = { ...m, membershipScopes: withItem(m.membershipScopes, associationId) };
      work.put('members', next);
      const kind = event.type === 'membership-started' ? 'opened' : 'closed';
      putPeriod(work, 'memberships', next, associationId, date, kind);
      return;
    }
    case 'member-profile-set': {
      const m = ensureMember(work, event.data.memberId, event.at);
      // Field by field, last writer by HLC; equal stamps compare the values (member-record.ts).
      // An erased record takes no edit, however late its stamp.
      // applyProfileFields returns the row itself or a copy of it (`{ ...m, fields, clocks }`).
      work.put(
        'members',
        withName(applyProfileFields(m, event.data.fields, event.hlc) as MemberRow),
      );
      return;
    }
    case 'member-erased': {
      const m = ensureMember(work, event.data.memberId, event.at);
      const own = { ...m, erasedOwn: minOf(m.erasedOwn, day) };
      work.put('members', own);
      eraseFrom(work, own, day, 0);
      return;
    }
    case 'members-merged': {
      const { fromMemberId, intoMemberId } = event.data;
      const from = ensureMember(work, fromMemberId, event.at);
      const targets = withItem(from.mergeTargets, intoMemberId);
      // Two merges of one record: the smallest target id wins everywhere (no clock needed).
      const merged: MemberRow = { ...from, mergeTargets: targets, mergedInto: targets[0]! };
      work.put('members', merged);
      const into = ensureMember(work, intoMemberId, event.at);
      const target = { ...into, mergedFrom: withItem(into.mergedFrom, fromMemberId) };
      work.put('members', target);
      // Merged into someone erased (before or after this fact): the same person, so erased too.
      if (target.erasedOn !== undefined)
        eraseFrom(work, work.get('members', fromMemberId)!, target.erasedOn, 0);
      return;
    }
    case 'pass-issued':
    case 'pass-revoked': {
      const { code, memberId } = event.data;
      const fact: PassFact = { eventId: event.eventId, memberId, at: event.at, hlc: event.hlc };
      work.put(
        'passes',
        derivePass(code, work.get('passes', code), fact, event.type === 'pass-issued'),
      );
      return;
    }
    case 'visit-recorded': {
      const { memberId, locationId } = event.data;
      const key = visitDayKey(memberId, locationId, event.at);
      const existing = work.get('visitDays', key);
      // The earliest arrival of the day is kept; the same instant: the smaller event id.
      if (
        !existing ||
        event.at < existing.firstAt ||
        (event.at === existing.firstAt && event.eventId < existing.eventId)
      )
        work.put('visitDays', {
          key,
          memberId,
          locationId,
          day,
          firstAt: event.at,
          eventId: event.eventId,
        });
      // "Last seen": the latest day; the same day at two locations, the larger location id.
      // A voided visit still was a visit for this.
      const last = work.get('lastVisits', memberId);
      if (!last || day > last.day || (day === last.day && locationId > last.locationId))
        work.put('lastVisits', { memberId, day, locationId });
      countUse(work, event, work.get('voids', event.eventId) ? 0 : 1);
      return;
    }
    case 'service-used':
    case 'walk-in-counted':
      countUse(work, event, work.get('voids', event.eventId) ? 0 : 1);
      return;
    case 'payment-recorded': {
      const row: StoredPayment = {
        eventId: event.eventId,
        ...event.data,
        at: event.at,
        deviceId: event.deviceId,
        locationId: event.locationId,
        role: event.role ?? 'desk',
        day,
      };
      work.put('payments', row);
      countPayment(work, row, work.get('voids', event.eventId) ? 0 : 1);
      return;
    }
    case 'contribution-waived': {
      const d = event.data;
      work.put('waivers', {
        eventId: event.eventId,
        memberId: d.memberId,
        associationId: d.associationId,
        year: d.year,
        reason: d.reason,
        at: event.at,
      });
      const c = ensureContribution(work, d.memberId, d.associationId, d.year);
      putWaived(work, { ...c, waiverEventIds: withItem(c.waiverEventIds, event.eventId) });
      return;
    }
    case 'contribution-amount-set': {
      const key = amountKey(event.data.associationId, event.data.year);
      const current = work.get('amounts', key);
      // Last writer by HLC; the same stamp: the larger amount (total, so any order agrees).
      if (
        !current ||
        current.hlc < event.hlc ||
        (current.hlc === event.hlc && current.amountCents < event.data.amountCents)
      )
        work.put('amounts', { ...event.data, hlc: event.hlc, key });
      return;
    }
    case 'service-defined': {
      const { serviceId, ...rest } = event.data;
      const current = work.get('services', serviceId);
      // Last definition by HLC; the same stamp: the larger JSON text of the definition.
      if (
        !current ||
        current.hlc < event.hlc ||
        (current.hlc === event.hlc && definitionText(current) < definitionText(rest))
      )
        work.put('services', {
          id: serviceId,
          ...rest,
          retired: current?.retired ?? false,
          hlc: event.hlc,
        });
      return;
    }
    case 'service-retired': {
      // Retirement is for good (a set that only grows). A retirement that arrives before the
      // definition keeps a row with the empty stamp, which any definition replaces, retired still.
      const id = event.data.serviceId;
      const current = work.get('services', id);
      if (current) {
        if (!current.retired) work.put('services', { ...current, retired: true });
        return;
      }
      const seeded = DEFAULT_SERVICES.find((s) => s.id === id);
      work.put(
        'services',
        seeded
          ? { ...seeded, retired: true, hlc: '' }
          : {
              id,
              locationId: '',
              kind: 'service',
              name: { nl: '', en: '' },
              retired: true,
              hlc: '',
            },
      );
      return;
    }
    case 'event-voided': {
      const row = voidRowOf(event);
      const current = work.get('voids', row.targetEventId);
      if (!isEarlierVoid(row, current)) return;
      work.put('voids', row);
      if (current) return; // already voided: what the target added was taken back then
      takeBack(work, row.targetEventId);
      return;
    }
    default:
      // referral-recorded, role-period-set, target-set, cash-counted, role-pin-set,
      // duplicate-payments-kept: read as facts by their own domain rules (report, role-pin).
      return;
  }
}

function putPeriod(
  work: Work,
  table: 'registrations' | 'memberships',
  member: MemberRow,
  scopeId: string,
  date: string,
  kind: 'opened' | 'closed',
): void {
  const key = periodKey(member.memberId, scopeId);
  let p: Period = addPeriodDate(work.get(table, key), member.memberId, scopeId, date, kind);
  if (member.erasedOn !== undefined) p = erasePeriod(p, member.erasedOn);
  work.put(table, { ...p, key });
}

/**
 * Erasure is of a person: the record, and every record merged into it (chains too). Personal
 * fields go; registrations and memberships end for good that day (`erasedOn`, the earliest
 * erasure day reaching the record); anonymous facts stay, so earlier years keep their counts.
 * A minimum propagated along merge edges: the fixpoint is the same in any order.
 */
function eraseFrom(work: Work, member: MemberRow, day: string, depth: number): void {
  if (member.erasedOn !== undefined && member.erasedOn <= day) return;
  if (!member.erased) work.erased.add(member.memberId);
  const erased = withName({ ...member, ...eraseMemberRecord(member), erasedOn: day });
  work.put('members', erased);
  for (const [table, scopes] of [
    ['registrations', member.registrationScopes],
    ['memberships', member.membershipScopes],
  ] as const) {
    for (const scope of scopes ?? []) {
      const key = periodKey(member.memberId, scope);
      const p = work.get(table, key);
      if (p) work.put(table, { ...erasePeriod(p, day), key } as PeriodRow);
    }
  }
  if (depth > 64) return;
  for (const id of member.mergedFrom ?? []) {
    const child = work.get('members', id);
    if (child) eraseFrom(work, child, day, depth + 1);
  }
}

/**
 * A pass code's row as a function of every issue and revoke of it:
 * - the same code issued to two people (offline at two desks): the issue with the smaller event
 *   id (UUIDv7: the earlier one) keeps it, the others are flagged for the coordinator;
 * - the holder's own facts decide the status: the latest by HLC (event id on equal stamps) of
 *   their issues and revokes; a revoke of someone else's issue does not touch the holder's pass;
 * - revokes with no issue known yet: a revoked row for the smallest revoke.
 */
function derivePass(
  code: string,
  current: PassRow | undefined,
  fact: PassFact,
  isIssue: boolean,
): PassRow {
  const add = (list: PassFact[] | undefined) =>
    list?.some((f) => f.eventId === fact.eventId)
      ? list
      : [...(list ?? []), fact].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  const issues = isIssue ? add(current?.issues) : (current?.issues ?? []);
  const revokes = isIssue ? (current?.revokes ?? []) : add(current?.revokes);
  const lists: Pick<PassRow, 'issues' | 'revokes'> = {};
  if (issues.length > 0) lists.issues = issues;
  if (revokes.length > 0) lists.revokes = revokes;
  const winner = issues[0];
  if (!winner) {
    const first = revokes[0]!;
    return {
      code,
      memberId: first.memberId,
      status: 'revoked',
      issuedEventId: first.eventId,
      issuedAt: first.at,
      conflictMemberIds: [],
      ...lists,
    };
  }
  const own = [
    ...issues.filter((f) => f.memberId === winner.memberId).map((f) => ({ f, issue: true })),
    ...revokes.filter((f) => f.memberId === winner.memberId).map((f) => ({ f, issue: false })),
  ];
  let latest = own[0]!;
  for (const o of own)
    if (o.f.hlc > latest.f.hlc || (o.f.hlc === latest.f.hlc && o.f.eventId > latest.f.eventId))
      latest = o;
  const conflicts = [...new Set(issues.map((f) => f.memberId))]
    .filter((m) => m !== winner.memberId)
    .sort();
  return {
    code,
    memberId: winner.memberId,
    status: latest.issue ? 'active' : 'revoked',
    issuedEventId: winner.eventId,
    issuedAt: winner.at,
    conflictMemberIds: conflicts,
    ...lists,
  };
}

function definitionText(d: { locationId: string; kind: string; name: { nl: string; en: string } }) {
  return JSON.stringify([d.locationId, d.kind, d.name.nl, d.name.en]);
}

export function voidRowOf(event: EventOf<'event-voided'>): VoidRow {
  return {
    targetEventId: event.data.targetEventId,
    eventId: event.eventId,
    reason: event.data.reason,
    at: event.at,
    role: event.role ?? 'desk',
    hlc: event.hlc,
  };
}

/** Of two voids of the same fact the earliest by HLC (then event id) is the one kept. */
export function isEarlierVoid(candidate: VoidRow, current: VoidRow | undefined): boolean {
  return (
    current === undefined ||
    candidate.hlc < current.hlc ||
    (candidate.hlc === current.hlc && candidate.eventId < current.eventId)
  );
}

/** The first void of a fact takes back what the fact added (if it is here already). */
function takeBack(work: Work, targetEventId: string): void {
  const payment = work.get('payments', targetEventId);
  if (payment) {
    countPayment(work, payment, -1);
    return;
  }
  const waiver = work.get('waivers', targetEventId);
  if (waiver) {
    putWaived(work, ensureContribution(work, waiver.memberId, waiver.associationId, waiver.year));
    return;
  }
  const target = work.fact(targetEventId);
  if (target?.type === 'client-registered' || target?.type === 'client-deregistered') {
    // An undone (de)registration at one location: its change no longer counts.
    const key = periodKey(target.data.memberId, target.data.locationId);
    const p = work.get('registrations', key);
    if (p) work.put('registrations', { ...voidRegistrationChange(p, targetEventId), key });
    return;
  }
  if (
    target &&
    (target.type === 'visit-recorded' ||
      target.type === 'service-used' ||
      target.type === 'walk-in-counted')
  )
    countUse(work, target, -1);
}

type Sign = 1 | -1 | 0;

/** A day counter's counts of facts (cash is added beside `payments`). */
type DayCount = 'visits' | 'serviceUses' | 'walkIns' | 'payments';

/**
 * Counters (day counters, report aggregates) add a fact and its void takes the same off. Sign 0:
 * the fact arrived voided; its rows are still created, so "fact, then void" and "void, then
 * fact" leave the very same rows.
 */
function bumpDay(
  work: Work,
  event: { at: string; locationId: string; deviceId: string },
  counter: DayCount,
  sign: Sign,
  cashCents = 0,
): void {
  const day = localDateOf(event.at);
  const key = dayCounterKey(day, event.locationId, event.deviceId);
  const row: DayCounterRow = {
    ...(work.get('dayCounters', key) ?? {
      key,
      day,
      locationId: event.locationId,
      deviceId: event.deviceId,
      visits: 0,
      serviceUses: 0,
      walkIns: 0,
      payments: 0,
      cashCents: 0,
    }),
  };
  row[counter] += sign;
  if (cashCents !== 0) row.cashCents += sign * cashCents;
  work.put('dayCounters', row);
}

function countUse(
  work: Work,
  event: EventOf<'visit-recorded'> | EventOf<'service-used'> | EventOf<'walk-in-counted'>,
  sign: Sign,
): void {
  const counter =
    event.type === 'visit-recorded'
      ? 'visits'
      : event.type === 'service-used'
        ? 'serviceUses'
        : 'walkIns';
  bumpDay(work, event, counter, sign);
  const delta = reportDeltaOf(event);
  if (!delta) return;
  if (delta.table === 'activity') {
    const current = work.get('reportActivity', delta.key);
    const copy: ActivityRow | undefined = current && {
      ...current,
      services: { ...current.services },
    };
    work.put(
      'reportActivity',
      sign === 0 ? (copy ?? emptyActivityRow(delta)) : applyActivityDelta(copy, delta, sign),
    );
  } else {
    const current = work.get('reportWalkIns', delta.key);
    const copy: WalkInRow | undefined = current && {
      ...current,
      services: { ...current.services },
    };
    work.put(
      'reportWalkIns',
      sign === 0
        ? (copy ?? { key: delta.key, year: delta.year, locationId: delta.locationId, services: {} })
        : applyWalkInDelta(copy, delta, sign),
    );
  }
}

function ensureContribution(
  work: Work,
  memberId: string,
  associationId: string,
  year: number,
): ContributionRow {
  const key = contributionKey(memberId, associationId, year);
  return (
    work.get('contributions', key) ?? {
      key,
      memberId,
      associationId,
      year,
      paidCents: 0,
      waived: false,
    }
  );
}

function countPayment(work: Work, p: StoredPayment, sign: Sign): void {
  const c = ensureContribution(work, p.memberId, p.associationId, p.year);
  work.put('contributions', { ...c, paidCents: c.paidCents + sign * p.amountCents });
  bumpDay(work, p, 'payments', sign, p.method === 'cash' ? p.amountCents : 0);
}

/** Waived while one of the year's waivers is not voided. */
function putWaived(work: Work, c: ContributionRow): void {
  const waived = (c.waiverEventIds ?? []).some((id) => !work.get('voids', id));
  work.put('contributions', { ...c, waived });
}

/**
 * The rows a batch will read, so a caller can load them with one bulkGet per table. Cascades
 * (erasure along merges, a waiver's siblings) may still ask for more through `missing`.
 */
export function planRows(events: readonly BuurtpasEvent[]): RowRequest[] {
  const out: RowRequest[] = [];
  const add = (table: RowRequest['table'], key: string) => out.push({ table, key });
  for (const event of events) {
    const day = localDateOf(event.at);
    switch (event.type) {
      case 'client-registered':
      case 'client-deregistered':
        add('members', event.data.memberId);
        add('registrations', periodKey(event.data.memberId, event.data.locationId));
        add('voids', event.eventId);
        break;
      case 'membership-started':
      case 'membership-ended':
        add('members', event.data.memberId);
        add('memberships', periodKey(event.data.memberId, event.data.associationId));
        break;
      case 'member-profile-set':
      case 'member-erased':
        add('members', event.data.memberId);
        break;
      case 'members-merged':
        add('members', event.data.fromMemberId);
        add('members', event.data.intoMemberId);
        break;
      case 'pass-issued':
      case 'pass-revoked':
        add('passes', event.data.code);
        break;
      case 'visit-recorded':
        add('visitDays', visitDayKey(event.data.memberId, event.data.locationId, event.at));
        add('lastVisits', event.data.memberId);
        add('voids', event.eventId);
        add('dayCounters', dayCounterKey(day, event.locationId, event.deviceId));
        add(
          'reportActivity',
          activityKey(Number(day.slice(0, 4)), event.data.locationId, event.data.memberId),
        );
        break;
      case 'service-used':
        add('voids', event.eventId);
        add('dayCounters', dayCounterKey(day, event.locationId, event.deviceId));
        add(
          'reportActivity',
          activityKey(Number(day.slice(0, 4)), event.data.locationId, event.data.memberId),
        );
        break;
      case 'walk-in-counted':
        add('voids', event.eventId);
        add('dayCounters', dayCounterKey(day, event.locationId, event.deviceId));
        add('reportWalkIns', walkInKey(Number(day.slice(0, 4)), event.data.locationId));
        break;
      case 'payment-recorded':
        add('voids', event.eventId);
        add('dayCounters', dayCounterKey(day, event.locationId, event.deviceId));
        add(
          'contributions',
          contributionKey(event.data.memberId, event.data.associationId, event.data.year),
        );
        break;
      case 'contribution-waived':
        add('voids', event.eventId);
        add(
          'contributions',
          contributionKey(event.data.memberId, event.data.associationId, event.data.year),
        );
        break;
      case 'contribution-amount-set':
        add('amounts', amountKey(event.data.associationId, event.data.year));
        break;
      case 'service-defined':
      case 'service-retired':
        add('services', event.data.serviceId);
        break;
      case 'event-voided':
        add('voids', event.data.targetEventId);
        add('payments', event.data.targetEventId);
        add('waivers', event.data.targetEventId);
        add('facts', event.data.targetEventId);
        break;
      default:
        break;
    }
  }
  return out;
}
