/**
 * The projection's state: tables of plain rows with primary keys. These are exactly the rows a
 * laptop keeps in its Dexie tables and the server keeps in memory (and can serve as a snapshot),
 * so "the same facts give the same state" can be checked table by table, row by row.
 */
import type { ServiceDefinition } from '../catalog.ts';
import type { PaymentMethod, RoleName } from '../events.ts';
import type { MemberRecord } from '../member-record.ts';
import type { ActivityRow, WalkInRow } from '../report/report-aggregates.ts';
import type { Period } from './period.ts';

export type MemberRow = MemberRecord & {
  /** Display name ('' once erased). */
  name: string;
  nameWords: string[];
  /** Locations the person registered at (sorted). */
  locations: string[];
  /** The earliest `at` of a fact that created the record (the minimum: order-independent). */
  createdAt: string;
  /** Day of the person's own earliest erasure fact. */
  erasedOwn?: string;
  /** The earliest erasure day reaching this record: its own, or of any record it was merged into. */
  erasedOn?: string;
  /** Every record this one was merged into (sorted); `mergedInto` is the smallest. */
  mergeTargets?: string[];
  /** Every record merged into this one (sorted): where an erasure cascades to. */
  mergedFrom?: string[];
  /** Scopes of this person's registration and membership periods, so erasure finds their rows. */
  registrationScopes?: string[];
  membershipScopes?: string[];
};

export type PeriodRow = Period & { key: string };

/** One issue or revoke of a pass code, kept in the pass row so its state is a function of them. */
export type PassFact = { eventId: string; memberId: string; at: string; hlc: string };

export type PassRow = {
  code: string;
  memberId: string;
  status: 'active' | 'revoked';
  issuedEventId: string;
  issuedAt: string;
  /** Other members the same code was issued to (offline at two desks): for the coordinator. */
  conflictMemberIds: string[];
  issues?: PassFact[];
  revokes?: PassFact[];
};

export type VisitDayRow = {
  key: string;
  memberId: string;
  locationId: string;
  day: string;
  firstAt: string;
  eventId: string;
};

export type PaymentRow = {
  eventId: string;
  memberId: string;
  associationId: string;
  year: number;
  amountCents: number;
  method: PaymentMethod;
  at: string;
  deviceId: string;
  locationId: string;
  role: RoleName;
};

export type StoredPayment = PaymentRow & { day: string };

export type WaiverRow = {
  eventId: string;
  memberId: string;
  associationId: string;
  year: number;
  reason: string;
  at: string;
};

export type VoidRow = {
  targetEventId: string;
  eventId: string;
  reason: string;
  at: string;
  role: RoleName;
  hlc: string;
};

export type AmountRow = { associationId: string; year: number; amountCents: number; hlc: string };
export type AmountStored = AmountRow & { key: string };

export type ContributionRow = {
  key: string;
  memberId: string;
  associationId: string;
  year: number;
  paidCents: number;
  waived: boolean;
  /** Every waiver of this year (voided ones too): waived while one of them is not voided. */
  waiverEventIds?: string[];
};

export type DayCounterRow = {
  key: string;
  day: string;
  locationId: string;
  deviceId: string;
  visits: number;
  serviceUses: number;
  walkIns: number;
  payments: number;
  cashCents: number;
};

export type ServiceRow = ServiceDefinition & { retired: boolean; hlc: string };

export type LastVisitRow = { memberId: string; day: string; locationId: string };

/** Every derived table, with its row type. */
export type ProjectionRows = {
  members: MemberRow;
  registrations: PeriodRow;
  memberships: PeriodRow;
  passes: PassRow;
  visitDays: VisitDayRow;
  payments: StoredPayment;
  waivers: WaiverRow;
  voids: VoidRow;
  contributions: ContributionRow;
  amounts: AmountStored;
  dayCounters: DayCounterRow;
  services: ServiceRow;
  lastVisits: LastVisitRow;
  reportActivity: ActivityRow;
  reportWalkIns: WalkInRow;
};

export type ProjectionTable = keyof ProjectionRows;

/** The derived tables in a fixed order, with the field that is each one's primary key. */
export const PROJECTION_KEYS = {
  members: 'memberId',
  registrations: 'key',
  memberships: 'key',
  passes: 'code',
  visitDays: 'key',
  payments: 'eventId',
  waivers: 'eventId',
  voids: 'targetEventId',
  contributions: 'key',
  amounts: 'key',
  dayCounters: 'key',
  services: 'id',
  lastVisits: 'memberId',
  reportActivity: 'key',
  reportWalkIns: 'key',
} as const satisfies { [T in ProjectionTable]: keyof ProjectionRows[T] };

export const PROJECTION_TABLES = Object.keys(PROJECTION_KEYS) as ProjectionTable[];

export function primaryKeyOf<T extends ProjectionTable>(table: T, row: ProjectionRows[T]): string {
  return String((row as Record<string, unknown>)[PROJECTION_KEYS[table]]);
}

export const contributionKey = (memberId: string, associationId: string, year: number) =>
  `${memberId}|${associationId}|${year}`;
export const amountKey = (associationId: string, year: number) => `${associationId}|${year}`;
export const dayCounterKey = (day: string, locationId: string, deviceId: string) =>
  `${day}|${locationId}|${deviceId}`;
