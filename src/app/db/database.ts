/**
 * The only Dexie code, and its one schema module: every version in order, every table declared on
 * the class. IndexedDB is the source of truth on a desk laptop; every screen reads it through
 * these tables, never through copies in React state.
 *
 * Released versions are never edited: a change is a new entry in `SCHEMA_VERSIONS`. The derived
 * tables are the projection's rows (src/domain/projection/rows.ts); an upgrade that changes what
 * they hold recomputes them from `events` with `rebuildProjections`, the same code a running
 * laptop uses for each new fact. The app refuses to run against a database newer than it knows
 * (Dexie throws VersionError), and closes itself when another tab upgrades it, then tells the
 * screen so it can offer a reload (`onVersionChange`).
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { ActivityRow, WalkInRow } from '../../domain/report/report-aggregates.ts';
import type {
  AmountStored,
  ContributionRow,
  DayCounterRow,
  LastVisitRow,
  MemberRow,
  PassRow,
  PeriodRow,
  ServiceRow,
  StoredPayment,
  VisitDayRow,
  VoidRow,
  WaiverRow,
} from '../../domain/projection/rows.ts';
import { rebuildInTransaction } from './rebuild-projections.ts';
import type { StoredEvent } from './stored-event.ts';

export type {
  AmountStored,
  ContributionRow,
  DayCounterRow,
  LastVisitRow,
  MemberRow,
  PassRow,
  PeriodRow,
  ServiceRow,
  StoredPayment,
  VisitDayRow,
} from '../../domain/projection/rows.ts';

export type { StoredEvent } from './stored-event.ts';

export type OutboxRow = { id?: number; eventId: string };

export type MetaRow = { key: string; value: unknown };

type Stores = Record<string, string | null>;

/** Every version, in order. Each entry lists only what changed; `upgrade` runs in Dexie's upgrade transaction. */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Stores;
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
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
    },
  },
  // Version 2 (treasurer): last visit per member, for the "who still owes" list.
  // Version 3 (coordinator): the year report's per-year aggregates.
  // Their own upgrade steps filled only their new tables; version 4's rebuild, which every path
  // from an older version passes, recomputes every derived table, so they are not run twice.
  { version: 2, stores: { lastVisits: 'memberId' } },
  {
    version: 3,
    stores: {
      reportActivity: 'key, year',
      reportWalkIns: 'key, year',
      reportVoided: 'targetEventId',
    },
  },
  // Version 4: one projection for every replica (src/domain/projection). Rows gain the fields
  // that make them order-independent (erasure days, merge edges, pass facts, waiver ids);
  // `reportVoided` is no longer needed (the void row says a fact was taken back). Every derived
  // table is recomputed from the facts.
  { version: 4, stores: { reportVoided: null }, upgrade: rebuildInTransaction },
  // Version 5: facts by type and day, so the desk's walk-in tally reads exactly today's walk-ins
  // (whatever scheme made their ids) and its live query does not wake for a scan's visit.
  // IndexedDB fills a new index from the stored facts itself; no derived row changes.
  {
    version: 5,
    stores: { events: 'eventId, seq, memberId, [deviceId+day], type, day, [type+day]' },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

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
  reportActivity!: EntityTable<ActivityRow, 'key'>;
  reportWalkIns!: EntityTable<WalkInRow, 'key'>;

  private readonly versionChangeListeners = new Set<() => void>();
  /** True once another tab upgraded the database and this connection closed itself. */
  replacedByNewerVersion = false;

  constructor(name: string, upTo = LATEST_SCHEMA_VERSION) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.on('versionchange', () => {
      // Another tab opened a newer version: step aside so its upgrade can run, and tell the
      // screen, which offers a reload (this tab's code is older than the database now).
      this.close();
      this.replacedByNewerVersion = true;
      for (const listener of this.versionChangeListeners) listener();
      return false;
    });
  }

  /** Called when another tab upgrades the database; returns the unsubscribe. */
  onVersionChange(listener: () => void): () => void {
    this.versionChangeListeners.add(listener);
    return () => this.versionChangeListeners.delete(listener);
  }
}

export function openBuurtpasDb(name = 'buurtpas'): BuurtpasDb {
  return new BuurtpasDb(name);
}
