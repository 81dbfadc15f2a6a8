/**
 * SQLite engine (better-sqlite3): the embedded default. WAL with synchronous=FULL, so a commit
 * is on disk before `insertEvents` returns and the HTTP layer acknowledges. better-sqlite3 runs
 * a transaction synchronously, so pushes in one process cannot interleave; `BEGIN IMMEDIATE`
 * takes the write lock up front in case a CLI process writes at the same time.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { memberIdOf } from '../../domain/events.ts';
import type { PushResult } from '../../domain/protocol.ts';
import { loadMigrations, planMigrations } from './migrations.ts';
import { membersErasedBy } from '../../domain/projection/erasure-reach.ts';
import type { RowChanges } from '../../domain/projection/apply-batch.ts';
import { PROJECTION_TABLES } from '../../domain/projection/rows.ts';
import { answerExisting } from './answer-existing.ts';
import {
  hashQuarantineRaw,
  mergedFromOfBodies,
  validEventsOf,
  redactProfileEvent,
  redactProfileJson,
  REDACTED_RAW,
} from './redact-profile.ts';
import {
  addToStoredChecksum,
  decodeRows,
  encodeChanges,
  keysByTable,
  type EncodedRow,
  LoadedRows,
  mayHoldPartlessRows,
  stepProjection,
  type ProjectionQuery,
  type PagedReadState,
  type ProjectionRead,
  type ProjectionReadOptions,
  type RowPageRequest,
  type RowSelection,
  type StoredRowText,
} from './stored-projection.ts';
import type { BuurtpasEvent } from '../../domain/events.ts';
import { upcastEvent } from '../../domain/events.ts';
import type {
  Device,
  DeviceRole,
  EnrollmentCodeRecord,
  IncomingEvent,
  QuarantinedRow,
  QuarantineReason,
  RedeemRequest,
  RedeemResult,
  RoleKey,
  Storage,
  StoredEventRow,
  TokenOwner,
} from './storage.ts';

export type SqliteStorageOptions = {
  /** Path of the database file; ':memory:' for throwaway tests. */
  file: string;
  /** How many commits' written rows, and keys in all, are kept in memory (tests make it small). */
  changeNotes?: ChangeNoteLimits;
};

type DeviceRow = {
  device_id: string;
  name: string;
  location_id: string;
  role: DeviceRole;
  created_at: string;
  revoked_at: string | null;
};

function toDevice(row: DeviceRow): Device {
  return {
    deviceId: row.device_id,
    name: row.name,
    locationId: row.location_id,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

type RoleKeyRow = {
  key_id: string;
  role: RoleKey['role'];
  public_key: string;
  created_at: string;
  revoked_at: string | null;
};

function toRoleKey(row: RoleKeyRow): RoleKey {
  return {
    keyId: row.key_id,
    role: row.role,
    publicKey: row.public_key,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function migrateSqlite(db: Database.Database): void {
  const migrate = db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = (
      db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]
    ).map((r) => r.version);
    for (const m of planMigrations(applied, loadMigrations('sqlite'))) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }
  });
  migrate.immediate();
}

/**
 * At most the last 256 commits' written rows are kept in memory (the oldest forgotten first), and
 * 100.000 keys over all of them (about 6 MB), whatever a commit's size: a mark older than that
 * reads every row.
 */
export type ChangeNoteLimits = { commits: number; keys: number };
const NOTED: ChangeNoteLimits = { commits: 256, keys: 100_000 };

/** The rows (table + key) one commit of this storage wrote, and the counter it got. */
type ChangeNote = { counter: number; tbls: string[]; keys: string[] };

/**
 * What this storage's own commits wrote to `projection_rows`, in memory, for reads of the rows
 * changed since a mark (`readProjection`'s `changedSince`). SQLite's server is the one process
 * that writes the file, so no SQL is added to a push: a commit's keys are noted once it has
 * committed (`commit`; a rolled-back transaction leaves none). A mark names this instance and the
 * counter of the last commit it saw: `sqlite:<instance>:<counter>`. A mark of another instance
 * (another process, a restart), older than the notes kept, ahead of the counter or malformed has
 * no answer (`findChangedKeys` gives undefined: read every row). A commit by another connection
 * (CLI, a second storage on the file: `PRAGMA data_version` moved) forgets every note and counts
 * as a commit of its own, so every earlier mark reads every row.
 */
export function createChangeNotes(limits: ChangeNoteLimits = NOTED) {
  const instance = randomBytes(8).toString('hex');
  const notes: ChangeNote[] = [];
  let counter = 0;
  /** The oldest counter a mark can have and still be answered from the notes. */
  let floor = 0;
  let notedKeys = 0;
  /** The rows of the transaction under way (undefined outside a noted transaction). */
  let pending: ChangeNote | undefined;
  const prefix = `sqlite:${instance}:`;

  /** Another connection committed (or a write went unnoted): no earlier mark can be answered. */
  function forgetAll(): void {
    notes.length = 0;
    notedKeys = 0;
    floor = ++counter;
  }

  function forgetOldest(): void {
    const oldest = notes.shift();
    if (!oldest) return;
    notedKeys -= oldest.keys.length;
    floor = oldest.counter;
  }

  return {
    /** Starts noting a transaction's writes (`noteRows`), to be kept by `commit` or dropped. */
    begin(): void {
      pending = { counter: 0, tbls: [], keys: [] };
    },
    /**
     * The rows the transaction under way wrote: every row the rules changed (those whose text
     * stayed the same are not written, and reading them again is harmless). Outside a noted
     * transaction every note is forgotten.
     */
    noteRows(rows: RowChanges): void {
      if (!pending) return forgetAll();
      for (const tbl of PROJECTION_TABLES) {
        const changed = rows[tbl] as Map<string, unknown> | undefined;
        if (!changed) continue;
        for (const key of changed.keys()) {
          pending.tbls.push(tbl);
          pending.keys.push(key);
        }
      }
    },
    /** The transaction under way committed: its rows are noted under the next counter. */
    commit(): void {
      const note = pending;
      pending = undefined;
      if (!note || note.keys.length === 0) return;
      note.counter = ++counter;
      notes.push(note);
      notedKeys += note.keys.length;
      while (notes.length > 0 && (notes.length > limits.commits || notedKeys > limits.keys))
        forgetOldest();
    },
    /** The transaction under way rolled back: nothing it wrote is noted. */
    drop(): void {
      pending = undefined;
    },
    forgetAll,
    mark(): string {
      return `${prefix}${counter}`;
    },
    /** The keys written after `mark`, by table; undefined when the notes cannot tell. */
    findChangedKeys(mark: string | undefined): Map<string, Set<string>> | undefined {
      if (mark === undefined || !mark.startsWith(prefix)) return undefined;
      const text = mark.slice(prefix.length);
      if (!/^\d{1,15}$/.test(text)) return undefined;
      const since = Number(text);
      if (since < floor || since > counter) return undefined;
      const changed = new Map<string, Set<string>>();
      for (let i = notes.length - 1; i >= 0 && notes[i]!.counter > since; i--) {
        const { tbls, keys } = notes[i]!;
        for (let k = 0; k < keys.length; k++) {
          let set = changed.get(tbls[k]!);
          if (!set) changed.set(tbls[k]!, (set = new Set()));
          set.add(keys[k]!);
        }
      }
      return changed;
    },
  };
}

/**
 * The fact types the type index leaves out (migration 006, `events_type_seq_cold`): the ones a
 * desk sends all day, which no reader asks for by type. Written here as the index writes them.
 */
const UNINDEXED_TYPES = ['visit-recorded', 'service-used', 'walk-in-counted'] as const;
const NOT_UNINDEXED = UNINDEXED_TYPES.map((t) => `type <> '${t}'`).join(' AND ');

/**
 * `type IN (?, …)` for the bound `types`; when none of `types` is left out of the type index,
 * with the index's own condition beside it, which SQLite needs to see before it uses a partial
 * index. A list with a left-out type walks `seq` instead (no reader sends one).
 */
export function typeInSql(types: readonly string[]): string {
  const list = `type IN (${types.map(() => '?').join(', ')})`;
  const unindexed: readonly string[] = UNINDEXED_TYPES;
  return types.some((t) => unindexed.includes(t)) ? list : `${list} AND ${NOT_UNINDEXED}`;
}

/** A pull of some types: bound `afterSeq`, the types, `limit` (exported for a plan test). */
export const typePullSql = (types: readonly string[]) =>
  `SELECT seq, body AS json FROM events WHERE seq > ? AND ${typeInSql(types)} ORDER BY seq LIMIT ?`;

/**
 * The queries of one paged-read request (`readProjectionPages`), run one after the other; none
 * reads nothing. The part index holds only rows with a part (migration 007), so a read in part
 * order takes the rows with a part by that index and then, where the table may hold rows without
 * one (`mayHoldPartlessRows`), those: last, as `ORDER BY part DESC` puts NULL (exported for a
 * plan test).
 */
export function pagedReadSql(request: RowPageRequest, lastSeq: number): [string, unknown[]][] {
  const marks = (list: readonly string[]) => list.map(() => '?').join(', ');
  if ('eventTypes' in request) {
    if (request.eventTypes.length === 0) return [];
    return [
      [
        `SELECT NULL AS part, body, seq FROM events WHERE ${typeInSql(request.eventTypes)} AND seq <= ? ORDER BY seq`,
        [...request.eventTypes, lastSeq],
      ],
    ];
  }
  const parts = request.parts;
  if (parts && 'only' in parts) {
    if (parts.only.length === 0) return [];
    const order = request.newestPartFirst ? 'ORDER BY part DESC, key DESC' : 'ORDER BY key';
    return [
      [
        `SELECT part, body FROM projection_rows WHERE tbl = ? AND part IN (${marks(parts.only)}) ${order}`,
        [request.table, ...parts.only],
      ],
    ];
  }
  const except = parts?.except ?? [];
  if (!request.newestPartFirst) {
    if (except.length === 0)
      return [
        [`SELECT part, body FROM projection_rows WHERE tbl = ? ORDER BY key`, [request.table]],
      ];
    return [
      [
        `SELECT part, body FROM projection_rows WHERE tbl = ? AND (part IS NULL OR part NOT IN (${marks(except)})) ORDER BY key`,
        [request.table, ...except],
      ],
    ];
  }
  const exceptSql = except.length === 0 ? '' : ` AND part NOT IN (${marks(except)})`;
  const statements: [string, unknown[]][] = [
    [
      `SELECT part, body FROM projection_rows WHERE tbl = ? AND part IS NOT NULL${exceptSql} ORDER BY part DESC, key DESC`,
      [request.table, ...except],
    ],
  ];
  if (mayHoldPartlessRows(request.table))
    statements.push([
      'SELECT part, body FROM projection_rows WHERE tbl = ? AND part IS NULL ORDER BY key DESC',
      [request.table],
    ]);
  return statements;
}

/**
 * WAL pages after which a commit checkpoints (copies the WAL into the database file and fsyncs
 * it) before it returns. SQLite's default, 1.000, made about every fourth 500-fact push pay a
 * checkpoint (one push in four took 5–30 ms longer); at 8.000 (a WAL of about 32 MB at most) a
 * burst of pushes pays one in about thirty, and the hot pages (index roots, table ends) that every
 * push rewrites are copied once for all of them (docs/server.md, round q12). The price is paid
 * while the WAL file first grows to that size (a fresh database, and after a restart or an
 * erasure's TRUNCATE): pushes that extend the file measured slower than pushes that overwrite it.
 */
const WAL_AUTOCHECKPOINT_PAGES = 8000;
/**
 * The member index's key (migration 006) of a column or parameter, written as the index writes
 * it, so that SQLite finds a member's facts through the index: the id's 12 time digits and last 4
 * as 8 bytes (an id that is not hex keeps itself). Statements match it and check `member_id`
 * too, so ids sharing a key only cost a row read.
 */
const memberKeyOf = (operand: string) =>
  `coalesce(unhex(substr(${operand}, 1, 8) || substr(${operand}, 10, 4) || substr(${operand}, -4)), ${operand})`;
/** A member's facts, by `@memberId`. */
const MEMBER_IS = `${memberKeyOf('member_id')} = ${memberKeyOf('@memberId')} AND member_id = @memberId`;
/** The statements that find a member's facts (exported so a test can check each uses the index). */
export const MEMBER_FACT_SQL = {
  mergesInto: `SELECT body FROM events WHERE ${MEMBER_IS} AND type = 'members-merged'`,
  profileFacts: `SELECT seq, body FROM events WHERE ${MEMBER_IS} AND type = 'member-profile-set'`,
  /** A person's facts after `@afterSeq` in seq order, for `count` member ids `@m0`, `@m1`, …. */
  personFacts(count: number): string {
    const ids = Array.from({ length: count }, (_, i) => `@m${i}`);
    return `SELECT seq, body AS json FROM events WHERE ${memberKeyOf('member_id')} IN (${ids.map(memberKeyOf).join(', ')}) AND member_id IN (${ids.join(', ')}) AND seq > @afterSeq ORDER BY seq LIMIT @limit`;
  },
};
/** After this long without a push the WAL is checkpointed anyway, off any push's path. */
const IDLE_CHECKPOINT_MS = 200;

/**
 * A batch's rows in write order: member by member (in the order members first appear; rows
 * without a member last), each member's rows in table order. New rows are appended to the table
 * in this order, so the rows one batch makes for a member share a page, and a later push that
 * updates several of them (a visit: the member's last visit and year activity) rewrites one page
 * instead of one per row (docs/server.md, round q13). Grouped with a map: sorting the member ids
 * cost twice as much.
 */
function groupByMember(rows: readonly EncodedRow[]): EncodedRow[] {
  const byMember = new Map<string, EncodedRow[]>();
  const rest: EncodedRow[] = [];
  for (const r of rows) {
    if (r.memberId === undefined) {
      rest.push(r);
      continue;
    }
    const list = byMember.get(r.memberId);
    if (list) list.push(r);
    else byMember.set(r.memberId, [r]);
  }
  const out: EncodedRow[] = [];
  for (const list of byMember.values()) for (const r of list) out.push(r);
  for (const r of rest) out.push(r);
  return out;
}

export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Erasure must leave no trace of the old payload in free pages of the file.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache (the default is 2 MB): a push reads and writes projection rows all
    // over the table; a fixed size, so memory stays bounded whatever the history.
    db.pragma('cache_size = -65536');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const stmt = {
    lastSeq: db.prepare('SELECT last_seq FROM sync_counter WHERE id = 1').pluck(),
    setLastSeq: db.prepare('UPDATE sync_counter SET last_seq = ? WHERE id = 1'),
    storedOfId: db.prepare('SELECT seq, content_hash FROM events WHERE event_id = ?'),
    // A batch's lookup takes one JSON array of ids, not one call per event.
    erasedOfIds: db
      .prepare(
        'SELECT member_id FROM erased_members WHERE member_id IN (SELECT value FROM json_each(?))',
      )
      .pluck(),
    deviceOf: db.prepare('SELECT device_id FROM events WHERE event_id = ?').pluck(),
    insertRoleKey: db.prepare(
      'INSERT OR IGNORE INTO role_keys (key_id, role, public_key, created_at) VALUES (?, ?, ?, ?)',
    ),
    listRoleKeys: db.prepare(
      'SELECT key_id, role, public_key, created_at, revoked_at FROM role_keys ORDER BY created_at, key_id',
    ),
    revokeRoleKeys: db.prepare(
      'UPDATE role_keys SET revoked_at = ? WHERE role = ? AND revoked_at IS NULL',
    ),
    isErased: db.prepare('SELECT 1 FROM erased_members WHERE member_id = ?').pluck(),
    mergeBodiesInto: db.prepare(MEMBER_FACT_SQL.mergesInto).pluck(),
    // An id already stored inserts nothing (changes 0): the push then answers from the stored row.
    insertEvent: db.prepare(
      'INSERT INTO events (seq, event_id, type, member_id, device_id, received_at, body, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
    ),
    insertErased: db.prepare('INSERT OR IGNORE INTO erased_members (member_id, seq) VALUES (?, ?)'),
    profileRowsOf: db.prepare(MEMBER_FACT_SQL.profileFacts),
    setBody: db.prepare('UPDATE events SET body = ? WHERE seq = ?'),
    redactQuarantine: db.prepare(
      "UPDATE quarantine SET raw = ?, detail = 'redacted' WHERE instr(raw, ?) > 0",
    ),
    insertQuarantine: db.prepare(
      'INSERT OR IGNORE INTO quarantine (raw_hash, event_id, device_id, reason, detail, raw, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readById: db.prepare('SELECT seq, body AS json FROM events WHERE event_id = ?'),
    readAfter: db.prepare(
      'SELECT seq, body AS json FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    listQuarantine: db.prepare(
      'SELECT id, event_id, device_id, reason, detail, raw, received_at FROM quarantine ORDER BY id DESC LIMIT ?',
    ),
    insertCode: db.prepare(
      'INSERT INTO enrollment_codes (code_hash, location_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    codeOf: db.prepare(
      'SELECT location_id, role, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?',
    ),
    useCode: db.prepare(
      'UPDATE enrollment_codes SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL',
    ),
    deviceById: db.prepare(
      'SELECT device_id, name, location_id, role, created_at, revoked_at FROM devices WHERE device_id = ?',
    ),
    deviceByToken: db.prepare(
      'SELECT device_id, name, location_id, role, created_at, revoked_at FROM devices WHERE token_hash = ?',
    ),
    insertDevice: db.prepare(
      'INSERT INTO devices (device_id, name, location_id, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    listDevices: db.prepare(
      'SELECT device_id, name, location_id, role, created_at, revoked_at FROM devices ORDER BY created_at, device_id',
    ),
    revokeDevice: db.prepare(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?',
    ),
    adminByToken: db
      .prepare('SELECT 1 FROM admin_tokens WHERE token_hash = ? AND revoked_at IS NULL')
      .pluck(),
    insertAdmin: db.prepare('INSERT INTO admin_tokens (token_hash, created_at) VALUES (?, ?)'),
    generation: db.prepare("SELECT value FROM server_meta WHERE key = 'generation'").pluck(),
    notePush: db.prepare(
      'INSERT INTO device_activity (device_id, last_push_at) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_push_at = excluded.last_push_at',
    ),
    notePull: db.prepare(
      'INSERT INTO device_activity (device_id, last_pull_at) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_pull_at = excluded.last_pull_at',
    ),
    listActivity: db.prepare(
      'SELECT device_id, last_push_at, last_pull_at FROM device_activity ORDER BY device_id',
    ),
    projectionState: db.prepare(
      'SELECT last_seq, checksum_count, checksum_sum FROM projection_state WHERE id = 1',
    ),
    setProjectionState: db.prepare(
      'UPDATE projection_state SET last_seq = ?, checksum_count = ?, checksum_sum = ? WHERE id = 1',
    ),
    rowBody: db.prepare('SELECT body FROM projection_rows WHERE tbl = ? AND key = ?').pluck(),
    // One call per table and batch (a JSON array of keys), not one per row.
    // With the rowid: a loaded row whose body changes is written back by it (below).
    rowsByKeys: db.prepare(
      'SELECT id, key, body FROM projection_rows WHERE tbl = ? AND key IN (SELECT value FROM json_each(?))',
    ),
    factsByIds: db.prepare(
      'SELECT event_id AS key, body FROM events WHERE event_id IN (SELECT value FROM json_each(?)) AND seq <= ?',
    ),
    putRow: db.prepare(
      'INSERT INTO projection_rows (tbl, key, part, body) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET part = excluded.part, body = excluded.body',
    ),
    setRowBody: db.prepare('UPDATE projection_rows SET body = ? WHERE id = ?'),
    rowsOfTable: db.prepare('SELECT tbl, body FROM projection_rows WHERE tbl = ?'),
    rowsOfPart: db.prepare('SELECT tbl, body FROM projection_rows WHERE tbl = ? AND part = ?'),
    rowsOfKeys: db.prepare(
      'SELECT key, part, body FROM projection_rows WHERE tbl = ? AND key IN (SELECT value FROM json_each(?))',
    ),
  };

  type ProjectionStateRow = { last_seq: number; checksum_count: number; checksum_sum: string };
  type RowByKey = { id: number; key: string; body: string };

  /** The rows each commit of this connection wrote (reads of the rows changed since a mark). */
  const changes = createChangeNotes(options.changeNotes);
  /** Moves when another connection commits to the file (this one's commits leave it). */
  const readDataVersion = () => db.pragma('data_version', { simple: true }) as number;
  let seenDataVersion = readDataVersion();
  /** Runs a transaction whose projection rows are noted once (and only if) it commits. */
  function runNoted<T>(run: () => T): T {
    changes.begin();
    try {
      const result = run();
      changes.commit();
      return result;
    } finally {
      changes.drop();
    }
  }

  // A quiet moment after writes checkpoints the WAL (so it stays small between bursts and readers
  // find pages in the file); pushes close together re-arm the timer and share one checkpoint.
  // PASSIVE: never waits for readers; a checkpoint cut short is finished by the next one. Durability
  // does not depend on it: a push is answered once its commit is in the fsynced WAL.
  let idleCheckpoint: NodeJS.Timeout | undefined;
  function scheduleIdleCheckpoint(): void {
    if (idleCheckpoint) {
      idleCheckpoint.refresh();
      return;
    }
    idleCheckpoint = setTimeout(() => {
      idleCheckpoint = undefined;
      if (!db.open) return;
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy (a CLI process writing): the next quiet moment or the auto-checkpoint does it.
      }
    }, IDLE_CHECKPOINT_MS);
    // A timer alone does not keep the process alive; close() clears it.
    idleCheckpoint.unref();
  }

  /**
   * Brings the projection rows up to date with `events` (new to it, stored up to `lastSeq`), in
   * the caller's transaction: load the rows the batch names, project, write back what changed.
   */
  function projectStored(events: readonly BuurtpasEvent[], lastSeq: number): void {
    const state = stmt.projectionState.get() as ProjectionStateRow;
    if (events.length > 0) {
      const loaded = new LoadedRows();
      // The rowid of each row loaded, by table and key: an update by rowid skips a descent of the
      // (tbl, key) index, whose keys are ~50 characters (about 2 µs a row; round q14). Rows are
      // never deleted and an upsert keeps the rowid, so it holds for the whole transaction.
      const rowIds = new Map<string, Map<string, number>>();
      for (;;) {
        const step = stepProjection(events, loaded);
        if (step.done) {
          // A stored row that keeps its part gets its body only: the upsert's `SET part` rewrites
          // the part index's entry even when the value is the same (about a third more WAL pages
          // per updated row). Should the update find no row, the upsert still writes it.
          for (const r of groupByMember(encodeChanges(step.changes, loaded))) {
            const id = r.samePart ? rowIds.get(r.tbl)?.get(r.key) : undefined;
            if (id === undefined || stmt.setRowBody.run(r.body, id).changes !== 1)
              stmt.putRow.run(r.tbl, r.key, r.part, r.body);
          }
          changes.noteRows(step.changes);
          break;
        }
        for (const [table, keys] of keysByTable(step.load)) {
          const json = JSON.stringify(keys);
          if (table === 'facts')
            for (const r of stmt.factsByIds.all(json, lastSeq) as { key: string; body: string }[])
              loaded.setFact(r.key, r.body);
          else {
            let ids = rowIds.get(table);
            if (!ids) rowIds.set(table, (ids = new Map()));
            for (const r of stmt.rowsByKeys.all(table, json) as RowByKey[]) {
              loaded.setRow(table, r.key, r.body);
              ids.set(r.key, r.id);
            }
          }
        }
        loaded.settle(step.load);
      }
    }
    const checksum = addToStoredChecksum(
      state.checksum_count,
      state.checksum_sum,
      events.map((e) => e.eventId),
    );
    stmt.setProjectionState.run(lastSeq, checksum.count, checksum.sum);
  }

  /** Applies stored events the projection does not describe yet, a page at a time. */
  function catchUpPage(pageSize: number): number {
    const from = (stmt.projectionState.get() as ProjectionStateRow).last_seq;
    const rows = stmt.readAfter.all(from, pageSize) as StoredEventRow[];
    const last = rows[rows.length - 1];
    if (!last) return 0;
    projectStored(
      rows.map((r) => upcastEvent(JSON.parse(r.json)) as BuurtpasEvent),
      last.seq,
    );
    return rows.length;
  }
  const catchUpPageTx = db.transaction(catchUpPage);

  /** Whether a row read by key (with the part it is stored under) is in a table's selection. */
  const selects = (selection: RowSelection, key: string, part: string | null) =>
    selection === 'all' ||
    ('parts' in selection
      ? part !== null && selection.parts.includes(part)
      : selection.keys.includes(key));

  const readProjectionTx = db.transaction(
    (query: ProjectionQuery, options: ProjectionReadOptions): ProjectionRead => {
      // The snapshot first (its seq and rows), then whether another connection committed before it.
      const state = stmt.projectionState.get() as ProjectionStateRow;
      const version = readDataVersion();
      if (version !== seenDataVersion) {
        seenDataVersion = version;
        changes.forgetAll();
      }
      // The rows changed since the mark: the keys this connection's commits noted, read by key.
      const changed = changes.findChangedKeys(options.changedSince);
      const found: { tbl: string; body: string }[] = [];
      for (const [tbl, selection] of Object.entries(query)) {
        if (changed) {
          const keys = changed.get(tbl);
          if (!keys) continue;
          for (const r of stmt.rowsOfKeys.all(tbl, JSON.stringify([...keys])) as {
            key: string;
            part: string | null;
            body: string;
          }[])
            if (selects(selection, r.key, r.part)) found.push({ tbl, body: r.body });
        } else if (selection === 'all') found.push(...(stmt.rowsOfTable.all(tbl) as typeof found));
        else if ('parts' in selection)
          for (const part of selection.parts)
            found.push(...(stmt.rowsOfPart.all(tbl, part) as typeof found));
        else
          for (const key of selection.keys) {
            const body = stmt.rowBody.get(tbl, key) as string | undefined;
            if (body !== undefined) found.push({ tbl, body });
          }
      }
      return {
        rows: decodeRows(query, found),
        lastSeq: state.last_seq,
        checksum: { count: state.checksum_count, sum: state.checksum_sum },
        complete: changed === undefined,
        changeMark: changes.mark(),
      };
    },
  );

  /** One snapshot for every page: the read runs synchronously, a page handed over at a time. */
  const readProjectionPagesTx = db.transaction(
    (
      requests: readonly RowPageRequest[],
      pageRows: number,
      onPage: (request: RowPageRequest, rows: StoredRowText[], state: PagedReadState) => void,
    ) => {
      const state = stmt.projectionState.get() as ProjectionStateRow;
      const read: PagedReadState = {
        lastSeq: state.last_seq,
        checksum: { count: state.checksum_count, sum: state.checksum_sum },
      };
      const size = Math.max(1, Math.floor(pageRows));
      for (const request of requests) {
        let page: StoredRowText[] = [];
        for (const [sql, params] of pagedReadSql(request, state.last_seq))
          for (const row of db.prepare(sql).iterate(...params) as Iterable<StoredRowText>) {
            page.push(row);
            if (page.length < size) continue;
            onPage(request, page, read);
            page = [];
          }
        if (page.length > 0) onPage(request, page, read);
      }
      return read;
    },
  );

  const insertBatch = db.transaction(
    (deviceId: string, batch: readonly IncomingEvent[], receivedAt: string) => {
      let last = stmt.lastSeq.get() as number;
      // Rows behind the events (another process wrote events only): apply those first.
      while ((stmt.projectionState.get() as ProjectionStateRow).last_seq < last)
        if (catchUpPage(5000) === 0) break;
      const valid = validEventsOf(batch);
      // One statement for the batch's members already erased (a row per event cost an index probe
      // and a native call each). Ids already stored are found by the insert itself (below).
      const memberIds = new Set<string>();
      for (const e of valid) {
        const memberId = memberIdOf(e);
        if (memberId !== undefined) memberIds.add(memberId);
      }
      const erased = new Set(stmt.erasedOfIds.all(JSON.stringify([...memberIds])) as string[]);
      // Who this batch erases: those erased in it, merged into someone erased, and every record
      // merged into them (chains), whichever came first.
      const newlyErased = membersErasedBy(
        valid,
        (id) => erased.has(id) || stmt.isErased.get(id) !== undefined,
        (id) => mergedFromOfBodies(stmt.mergeBodiesInto.all({ memberId: id }) as string[]),
      );
      for (const id of newlyErased) erased.add(id);
      const projected: BuurtpasEvent[] = [];
      const results: PushResult[] = [];
      for (const item of batch) {
        if (item.kind === 'invalid') {
          stmt.insertQuarantine.run(
            hashQuarantineRaw(deviceId, item.raw),
            item.eventId,
            deviceId,
            item.reason,
            item.detail,
            item.raw,
            receivedAt,
          );
          results.push({ eventId: item.eventId, status: 'quarantined', reason: item.reason });
          continue;
        }
        const event = item.event;
        const seq = last + 1;
        const memberId = memberIdOf(event) ?? null;
        const body = memberId !== null && erased.has(memberId) ? redactProfileEvent(event) : event;
        // The unique event_id decides: an id stored before (or earlier in this batch) inserts
        // nothing and is answered from its stored row; one probe of the index either way, where a
        // lookup of the whole batch first cost a second probe per fact.
        const inserted = stmt.insertEvent.run(
          seq,
          event.eventId,
          event.type,
          memberId,
          event.deviceId,
          receivedAt,
          JSON.stringify(body),
          item.contentHash ?? null,
        );
        if (inserted.changes === 0) {
          const stored = stmt.storedOfId.get(event.eventId) as {
            seq: number;
            content_hash: string | null;
          };
          results.push(
            answerExisting(
              event.eventId,
              { seq: stored.seq, contentHash: stored.content_hash },
              item.contentHash,
            ),
          );
          continue;
        }
        last = seq;
        projected.push(body);
        if (item.registersKey) {
          const k = item.registersKey;
          stmt.insertRoleKey.run(k.keyId, k.role, k.publicKey, k.createdAt);
        }
        results.push({ eventId: event.eventId, status: 'inserted', seq });
      }
      for (const memberId of newlyErased) {
        stmt.insertErased.run(memberId, last);
        for (const row of stmt.profileRowsOf.all({ memberId }) as {
          seq: number;
          body: string;
        }[]) {
          const redacted = redactProfileJson(row.body);
          if (redacted !== row.body) stmt.setBody.run(redacted, row.seq);
        }
        stmt.redactQuarantine.run(REDACTED_RAW, memberId);
      }
      projectStored(projected, last);
      stmt.setLastSeq.run(last);
      return { results, erased: newlyErased.length > 0 };
    },
  );

  const redeem = db.transaction((request: RedeemRequest): RedeemResult => {
    const code = stmt.codeOf.get(request.codeHash) as
      | { location_id: string; role: DeviceRole; expires_at: string; used_at: string | null }
      | undefined;
    if (!code) return { ok: false, code: 'code-invalid' };
    if (code.used_at !== null) return { ok: false, code: 'code-used' };
    if (code.expires_at <= request.now) return { ok: false, code: 'code-expired' };
    if (stmt.deviceById.get(request.deviceId)) return { ok: false, code: 'device-exists' };
    stmt.useCode.run(request.now, request.deviceId, request.codeHash);
    stmt.insertDevice.run(
      request.deviceId,
      request.name,
      code.location_id,
      code.role,
      request.tokenHash,
      request.now,
    );
    return { ok: true, device: toDevice(stmt.deviceById.get(request.deviceId) as DeviceRow) };
  });

  return {
    engine: 'sqlite',
    async insertEvents(deviceId, batch, receivedAt) {
      const { results, erased } = runNoted(() =>
        insertBatch.immediate(deviceId, batch, receivedAt),
      );
      // The WAL still holds the pages with the old payload until a checkpoint copies them back.
      if (erased) db.pragma('wal_checkpoint(TRUNCATE)');
      else scheduleIdleCheckpoint();
      return results;
    },
    async readEventsAfter(afterSeq, limit, types) {
      if (!types) return stmt.readAfter.all(afterSeq, limit) as StoredEventRow[];
      if (types.length === 0) return [];
      // `types` is checked against EVENT_TYPES at the edge; still bound as parameters, never spliced.
      return db.prepare(typePullSql(types)).all(afterSeq, ...types, limit) as StoredEventRow[];
    },
    async readProjection(query, options = {}) {
      return readProjectionTx(query, options);
    },
    async readProjectionPages(requests, pageRows, onPage) {
      return readProjectionPagesTx(requests, pageRows, onPage);
    },
    async catchUpProjection(pageSize = 5000, onPage) {
      let applied = 0;
      for (;;) {
        const n = runNoted(() => catchUpPageTx.immediate(pageSize));
        applied += n;
        if (n === 0) return applied;
        scheduleIdleCheckpoint();
        onPage?.(applied);
        // Let requests in between pages: a start over a big history does not freeze the process.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async readEventsByIds(eventIds) {
      const out: StoredEventRow[] = [];
      for (const id of new Set(eventIds)) {
        const row = stmt.readById.get(id) as StoredEventRow | undefined;
        if (row) out.push(row);
      }
      return out;
    },
    async lastSeq() {
      return stmt.lastSeq.get() as number;
    },
    async listQuarantine(limit) {
      const rows = stmt.listQuarantine.all(limit) as {
        id: number;
        event_id: string;
        device_id: string;
        reason: QuarantineReason;
        detail: string;
        raw: string;
        received_at: string;
      }[];
      return rows.map((r): QuarantinedRow => ({
        id: r.id,
        eventId: r.event_id,
        deviceId: r.device_id,
        reason: r.reason,
        detail: r.detail,
        raw: r.raw,
        receivedAt: r.received_at,
      }));
    },
    async findEventDevices(eventIds) {
      const found = new Map<string, string>();
      for (const id of new Set(eventIds)) {
        const device = stmt.deviceOf.get(id) as string | undefined;
        if (device !== undefined) found.set(id, device);
      }
      return found;
    },
    async listRoleKeys() {
      return (stmt.listRoleKeys.all() as RoleKeyRow[]).map(toRoleKey);
    },
    async addRoleKey(key) {
      stmt.insertRoleKey.run(key.keyId, key.role, key.publicKey, key.createdAt);
    },
    async revokeRoleKeys(role, now) {
      return stmt.revokeRoleKeys.run(now, role).changes;
    },
    async createEnrollmentCode(record: EnrollmentCodeRecord) {
      stmt.insertCode.run(
        record.codeHash,
        record.locationId,
        record.role,
        record.createdAt,
        record.expiresAt,
      );
    },
    async redeemEnrollmentCode(request) {
      return redeem.immediate(request);
    },
    async findTokenOwner(tokenHash): Promise<TokenOwner | undefined> {
      const row = stmt.deviceByToken.get(tokenHash) as DeviceRow | undefined;
      if (row) return { kind: 'device', device: toDevice(row) };
      if (stmt.adminByToken.get(tokenHash) !== undefined) return { kind: 'admin' };
      return undefined;
    },
    async listDevices() {
      return (stmt.listDevices.all() as DeviceRow[]).map(toDevice);
    },
    async revokeDevice(deviceId, now) {
      return stmt.revokeDevice.run(now, deviceId).changes > 0;
    },
    async createAdminToken(tokenHash, now) {
      stmt.insertAdmin.run(tokenHash, now);
    },
    async readGeneration() {
      return stmt.generation.get() as string;
    },
    async noteDeviceActivity(deviceId, kind, at) {
      (kind === 'push' ? stmt.notePush : stmt.notePull).run(deviceId, at);
    },
    async listDeviceActivity() {
      return (
        stmt.listActivity.all() as {
          device_id: string;
          last_push_at: string | null;
          last_pull_at: string | null;
        }[]
      ).map((r) => ({
        deviceId: r.device_id,
        lastPushAt: r.last_push_at,
        lastPullAt: r.last_pull_at,
      }));
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      clearTimeout(idleCheckpoint);
      // The last connection's close checkpoints the WAL into the file and removes it.
      if (db.open) db.close();
    },
    async readMemberEvents(memberIds, afterSeq, limit) {
      const ids = [...new Set(memberIds)];
      if (ids.length === 0) return [];
      // Bound as parameters, never spliced; a person has a few merged records at most.
      const params: Record<string, unknown> = { afterSeq, limit };
      ids.forEach((id, i) => (params[`m${i}`] = id));
      return db.prepare(MEMBER_FACT_SQL.personFacts(ids.length)).all(params) as StoredEventRow[];
    },
  };
}
