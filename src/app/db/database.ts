/**
 * The only Dexie code. IndexedDB is the source of truth on a desk laptop; every screen reads it
 * through these tables, never through copies in React state.
 *
 * Released `version(n)` blocks are never edited: a change is a new version with an upgrade step
 * from src/domain. The app refuses to run against a database newer than it knows (Dexie throws
 * VersionError), and closes itself when another tab upgrades it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { BuurtpasEvent, EventType } from '../../domain/events.ts';
import type { MemberRecord } from '../../domain/member-record.ts';
import type { AmountRow, PaymentRow, Period, VoidRow, WaiverRow } from '../../domain/ledger.ts';
import type { ServiceDefinition } from '../../domain/catalog.ts';
import {
  TREASURER_STORES_V2,
  upgradeToTreasurerV2,
  type LastVisitRow,
} from './treasurer-schema.ts';
import { REPORT_STORES_V3, upgradeToReportV3 } from './report-schema.ts';

export type StoredEvent = {
  eventId: string;
  /** Server sequence number once the server has it; absent while only local. */
  seq?: number;
  memberId?: string;
  /** Amsterdam local date of `at`. */
  day: string;
  deviceId: string;
  locationId: string;
  type: EventType;
  event: BuurtpasEvent;
};

export type OutboxRow = { id?: number; eventId: string };

export type MemberRow = MemberRecord & {
  /** Display name ('' once erased). */
  name: string;
  nameWords: string[];
  locations: string[];
  createdAt: string;
};

export type PassRow = {
  code: string;
  memberId: string;
  status: 'active' | 'revoked';
  issuedEventId: string;
  issuedAt: string;
  /** Other members the same code was issued to (offline at two desks): for the coordinator. */
  conflictMemberIds: string[];
};

export type VisitDayRow = {
  key: string;
  memberId: string;
  locationId: string;
  day: string;
  firstAt: string;
  eventId: string;
};

export type PeriodRow = Period & { key: string };

export type StoredPayment = PaymentRow & { day: string };

export type ContributionRow = {
  key: string;
  memberId: string;
  associationId: string;
  year: number;
  paidCents: number;
  waived: boolean;
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

export type MetaRow = { key: string; value: unknown };

export type AmountStored = AmountRow & { key: string };

export class BuurtpasDb extends Dexie {
  events!: EntityTable<StoredEvent, 'eventId'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  members!: EntityTable<MemberRow, 'memberId'>;
  passes!: EntityTable<PassRow, 'code'>;
  visitDays!: EntityTable<VisitDayRow, 'key'>;
  registrations!: EntityTable<PeriodRow, 'key'>;
  memberships!: EntityTable<PeriodRow, 'key'>;
  payments!: EntityTable<StoredPayment, 'eventId'>;
  waivers!: EntityTable<WaiverRow, 'eventId'>;
  voids!: EntityTable<VoidRow, 'targetEventId'>;
  contributions!: EntityTable<ContributionRow, 'key'>;
  amounts!: EntityTable<AmountStored, 'key'>;
  dayCounters!: EntityTable<DayCounterRow, 'key'>;
  services!: EntityTable<ServiceRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  lastVisits!: EntityTable<LastVisitRow, 'memberId'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      events: 'eventId, seq, memberId, [deviceId+day], type, day',
      outbox: '++id, &eventId',
      members: 'memberId, *nameWords, mergedInto',
      passes: 'code, memberId',
      visitDays: 'key, memberId, [locationId+day]',
      registrations: 'key, memberId, scopeId',
      memberships: 'key, memberId, scopeId',
      payments: 'eventId, memberId, [associationId+year], day',
      waivers: 'eventId, memberId, [associationId+year]',
      voids: 'targetEventId',
      contributions: 'key, memberId, [associationId+year]',
      amounts: 'key',
      dayCounters: 'key',
      services: 'id, locationId',
      meta: 'key',
    });
    // Version 2 (treasurer): last visit per member, for the "who still owes" list.
    this.version(2).stores(TREASURER_STORES_V2).upgrade(upgradeToTreasurerV2);
    // Version 3 (coordinator): the year report's per-year aggregates.
    this.version(3).stores(REPORT_STORES_V3).upgrade(upgradeToReportV3);
    this.on('versionchange', () => {
      // Another tab opened a newer version: step aside so its upgrade can run; the app offers a reload.
      this.close();
      return false;
    });
  }
}

export function openBuurtpasDb(name = 'buurtpas'): BuurtpasDb {
  return new BuurtpasDb(name);
}
