/**
 * The one storage interface the HTTP layer talks to. Two engines implement it: SQLite (the
 * embedded default) and PostgreSQL. Both pass the same contract suite (storage-contract.ts).
 *
 * Invariants every engine keeps:
 * - `seq` is assigned inside the insert transaction, pushes are serialized, so `seq` order is
 *   commit order and there are no gaps: a reader that pulled up to `seq` N never misses an
 *   event that commits later with a smaller number.
 * - `insertEvents` resolves only after the commit is durable.
 * - Inserting the same `eventId` again stores nothing and answers `duplicate` with the original seq.
 * - Quarantined input is stored for the coordinator to read and never blocks the batch.
 * - After a `member-erased` event, no stored `member-profile-set` of that member carries fields.
 */
import type { BuurtpasEvent } from '../../domain/events.ts';
import type { PushResult } from '../../domain/protocol.ts';
import type {
  PagedReadState,
  ProjectionQuery,
  ProjectionRead,
  ProjectionReadOptions,
  RowPageRequest,
  StoredRowText,
} from './stored-projection.ts';

export type StorageEngine = 'sqlite' | 'postgres';

/** A push, already parsed and checked by the sync layer: storage only decides inserted/duplicate. */
export type IncomingEvent =
  | {
      kind: 'valid';
      event: BuurtpasEvent;
      /**
       * sha-256 of the event as the laptop sent it (canonical JSON): the same eventId with other
       * content answers `conflict`. Absent in old rows and storage-only tests: then no check.
       */
      contentHash?: string;
      /** A role-pin-set that brings a new role key: stored with the event, in its transaction. */
      registersKey?: RoleKeyRecord;
    }
  | { kind: 'invalid'; eventId: string; reason: QuarantineReason; detail: string; raw: string };

export type QuarantineReason =
  | 'event-invalid'
  | 'type-unknown'
  | 'device-mismatch'
  | 'clock-device-mismatch'
  | 'location-forbidden'
  | 'role-proof-required'
  | 'role-proof-invalid'
  | 'role-forbidden';

/** A role's public key (docs/security.md): role proofs are checked against these. */
export type RoleKeyRecord = {
  keyId: string;
  role: 'treasurer' | 'coordinator';
  /** Raw uncompressed P-256 point, base64. */
  publicKey: string;
  createdAt: string;
};

export type RoleKey = RoleKeyRecord & { revokedAt: string | null };

/** A stored event as its JSON text: pull streams it out without parsing it again. */
export type StoredEventRow = { seq: number; json: string };

export type DeviceRole = 'desk' | 'coordinator';

export type Device = {
  deviceId: string;
  name: string;
  locationId: string;
  role: DeviceRole;
  createdAt: string;
  revokedAt: string | null;
};

export type QuarantinedRow = {
  id: number;
  eventId: string;
  deviceId: string;
  reason: QuarantineReason;
  detail: string;
  raw: string;
  receivedAt: string;
};

export type EnrollmentCodeRecord = {
  codeHash: string;
  locationId: string;
  role: DeviceRole;
  createdAt: string;
  expiresAt: string;
};

export type RedeemRequest = {
  codeHash: string;
  deviceId: string;
  name: string;
  tokenHash: string;
  now: string;
};

export type RedeemResult =
  | { ok: true; device: Device }
  | { ok: false; code: 'code-invalid' | 'code-used' | 'code-expired' | 'device-exists' };

export type TokenOwner = { kind: 'device'; device: Device } | { kind: 'admin' };

/** Last sync contact of a device (ISO times; null when it never pushed or pulled). */
export type DeviceActivity = {
  deviceId: string;
  lastPushAt: string | null;
  lastPullAt: string | null;
};

export type Storage = {
  readonly engine: StorageEngine;
  /** One transaction; answers in input order. `receivedAt` is stored beside each row. */
  insertEvents(
    deviceId: string,
    batch: readonly IncomingEvent[],
    receivedAt: string,
  ): Promise<PushResult[]>;
  /** Events with seq > `afterSeq`, ascending, at most `limit`. */
  /** Events after `afterSeq` in seq order; with `types`, only events of those types (bootstrap's priority pull). */
  readEventsAfter(
    afterSeq: number,
    limit: number,
    types?: readonly string[],
  ): Promise<StoredEventRow[]>;
  /** The stored events with these ids (any order; absent ids are left out). */
  readEventsByIds(eventIds: readonly string[]): Promise<StoredEventRow[]>;
  lastSeq(): Promise<number>;
  /**
   * The projection's rows (src/domain/projection, kept in SQL by every push in its transaction)
   * that `query` selects, read in one consistent snapshot with the seq and checksum they describe.
   */
  readProjection(query: ProjectionQuery, options?: ProjectionReadOptions): Promise<ProjectionRead>;
  /**
   * Reads the requests' rows in one consistent snapshot, in order, at most `pageRows` at a time,
   * handing each page to `onPage` (synchronously: nothing else runs inside the read on SQLite)
   * without holding the rest: a snapshot of millions of rows in bounded memory. Answers the seq
   * and checksum the rows describe.
   */
  readProjectionPages(
    requests: readonly RowPageRequest[],
    pageRows: number,
    onPage: (request: RowPageRequest, rows: StoredRowText[], state: PagedReadState) => void,
  ): Promise<PagedReadState>;
  /**
   * Applies stored events the projection rows do not describe yet (a database from before
   * migration 004, or events written by a bulk load), a page per transaction; answers how many.
   */
  catchUpProjection(pageSize?: number, onPage?: (applied: number) => void): Promise<number>;
  listQuarantine(limit: number): Promise<QuarantinedRow[]>;
  /** Which device wrote each of these events (ids the server does not hold are left out). */
  findEventDevices(eventIds: readonly string[]): Promise<Map<string, string>>;
  listRoleKeys(): Promise<RoleKey[]>;
  /** Stores a role key outside a push (the admin CLI); a key id already known is kept. */
  addRoleKey(key: RoleKeyRecord): Promise<void>;
  /** Revokes every live key of the role (a forgotten or leaked PIN); answers how many. */
  revokeRoleKeys(role: RoleKeyRecord['role'], now: string): Promise<number>;

  createEnrollmentCode(record: EnrollmentCodeRecord): Promise<void>;
  /** Uses the code up and creates the device in one transaction: a code works exactly once. */
  redeemEnrollmentCode(request: RedeemRequest): Promise<RedeemResult>;
  findTokenOwner(tokenHash: string): Promise<TokenOwner | undefined>;
  listDevices(): Promise<Device[]>;
  /** False when no such device exists. Revoking twice keeps the first time. */
  revokeDevice(deviceId: string, now: string): Promise<boolean>;
  createAdminToken(tokenHash: string, now: string): Promise<void>;

  /** This database's generation id: replaced by `cli.ts restore`, so laptops notice a restore. */
  readGeneration(): Promise<string>;
  /** Remembers the last push or pull per device, for the coordinator's devices screen. */
  noteDeviceActivity(deviceId: string, kind: 'push' | 'pull', at: string): Promise<void>;
  listDeviceActivity(): Promise<DeviceActivity[]>;
  /** Resolves when the database answers a trivial query (health check). */
  ping(): Promise<void>;

  close(): Promise<void>;

  /**
   * One person's facts for an access export on a laptop that started from a snapshot: events
   * whose member id (`memberIdOf`: the member, or the target of a merge) is one of `memberIds`,
   * with seq > `afterSeq`, in seq order, at most `limit`. Served by a member index
   * (`events_member_key` on SQLite, migration 006; `events_member_id` on PostgreSQL).
   */
  readMemberEvents(
    memberIds: readonly string[],
    afterSeq: number,
    limit: number,
  ): Promise<StoredEventRow[]>;
};
