/**
 * PostgreSQL engine (pg) for larger deployments. Every push takes the one-row `sync_counter`
 * lock (`SELECT ... FOR UPDATE`) before anything else, which serializes pushes across all
 * server processes: `seq` order is commit order, and a failed push rolls its numbers back, so
 * there are no gaps. A plain sequence would hand out 7 to a push that commits after 8's.
 */
import pg from 'pg';
import { memberIdOf } from '../../domain/events.ts';
import type { PushResult } from '../../domain/protocol.ts';
import { loadMigrations, planMigrations } from './migrations.ts';
import { membersErasedBy } from '../../domain/projection/erasure-reach.ts';
import { answerExisting } from './answer-existing.ts';
import { buildProjectionInBulk } from './postgres-bulk-projection.ts';
import {
  loadMergedFrom,
  mergedFromOfBodies,
  validEventsOf,
  hashQuarantineRaw,
  redactProfileEvent,
  redactProfileJson,
  REDACTED_RAW,
} from './redact-profile.ts';
import {
  addToStoredChecksum,
  decodeRows,
  encodeChanges,
  LoadedRows,
  stepProjection,
  type EncodedRow,
  type ProjectionQuery,
  type ProjectionRead,
  type PagedReadState,
  type RowPageRequest,
  type StoredRowText,
} from './stored-projection.ts';
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import { MISSING, planRows, type RowRequest } from '../../domain/projection/apply-batch.ts';
import type {
  Device,
  DeviceRole,
  QuarantinedRow,
  QuarantineReason,
  RoleKey,
  RoleKeyRecord,
  Storage,
  TokenOwner,
} from './storage.ts';

export type PostgresStorageOptions = {
  connectionString: string;
  /** A schema to use (created when missing) instead of the connection's default search_path: tests use a fresh one per run. */
  schema?: string;
  poolSize?: number;
  /**
   * How many seqs of row changes `projection_changes` keeps (default 100.000): a read of the
   * rows changed since an older mark reads every row instead. Tests make it small.
   */
  keepChangesFor?: number;
};

// BIGINT (seq) comes back as a JS number: seq stays far below 2^53.
const BIGINT_OID = 20;

type DeviceRow = {
  device_id: string;
  name: string;
  location_id: string;
  role: DeviceRole;
  created_at: Date;
  revoked_at: Date | null;
};

function toDevice(row: DeviceRow): Device {
  return {
    deviceId: row.device_id,
    name: row.name,
    locationId: row.location_id,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

const DEVICE_COLUMNS = 'device_id, name, location_id, role, created_at, revoked_at';

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}

async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Two servers starting at once: the second waits and then finds nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock(77321001)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const applied = (
      await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    ).rows.map((r) => r.version);
    for (const m of planMigrations(applied, loadMigrations('postgres'))) {
      await client.query(m.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
        [m.version, m.name],
      );
    }
  });
}

type ProjectionStateRow = { last_seq: number; checksum_count: number; checksum_sum: string };

/**
 * A text[] parameter sent as one JSON array: for the bodies (JSON text full of quotes) pg's
 * array-literal escaping cost more than the rest of a push's parameters; JSON.stringify is native.
 */
const textArrayFromJson = (param: string) =>
  `ARRAY(SELECT v FROM json_array_elements_text(${param}::json) WITH ORDINALITY AS j(v, i) ORDER BY i)`;

/**
 * Sends the queries that load `requests` (one for rows, one for facts stored up to `maxSeq`)
 * without waiting between them; on a pipelined connection they share a round trip with whatever
 * the caller sent before.
 */
function loadRequests(
  client: pg.PoolClient,
  requests: readonly RowRequest[],
  loaded: LoadedRows,
  maxSeq: number,
): Promise<void> {
  const facts: string[] = [];
  const tables: string[] = [];
  const keys: string[] = [];
  // A batch names many rows more than once (a member's record, the day counter): each asked once.
  const seen = new Set<string>();
  for (const r of requests) {
    if (r.table === 'facts') facts.push(r.key);
    else {
      const id = `${r.table}\u0000${r.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      tables.push(r.table);
      keys.push(r.key);
    }
  }
  const queries: Promise<void>[] = [];
  // Void targets the projection has seen (a catch-up page must not see later events); the
  // batch's own facts come from the batch itself.
  if (facts.length > 0)
    queries.push(
      client
        .query<{ event_id: string; body: string }>(
          'SELECT event_id, body FROM events WHERE event_id = ANY($1::text[]) AND seq <= $2',
          [facts, maxSeq],
        )
        .then((found) => {
          for (const r of found.rows) loaded.setFact(r.event_id, r.body);
        }),
    );
  if (tables.length > 0)
    queries.push(
      client
        .query<{ tbl: string; key: string; body: string }>(
          // One primary-key probe per asked row (LATERAL … LIMIT 1 keeps the nested loop): a plain
          // join let the planner hash the whole table, a scan of every row per push (Round p14).
          `SELECT p.tbl, p.key, p.body FROM unnest($1::text[], $2::text[]) AS w(tbl, key)
           CROSS JOIN LATERAL (SELECT r.tbl, r.key, r.body FROM projection_rows r
             WHERE r.tbl = w.tbl AND r.key = w.key LIMIT 1) p`,
          [tables, keys],
        )
        .then((found) => {
          for (const r of found.rows) loaded.setRow(r.tbl, r.key, r.body);
        }),
    );
  return Promise.all(queries).then(() => loaded.settle(requests));
}

/**
 * Projects `events` (new to the projection) over the stored rows, loading what `loaded` lacks
 * (usually nothing: the caller loaded the batch's plan with its first round trip), and answers
 * the rows to write. Under the push lock nobody else writes rows, so a row loaded as absent is
 * inserted and a loaded one updated; a row projectBatch wrote without reading it is upserted.
 */
async function projectRows(
  client: pg.PoolClient,
  events: readonly BuurtpasEvent[],
  loaded: LoadedRows,
  maxSeq: number,
): Promise<EncodedRow[]> {
  if (events.length === 0) return [];
  for (;;) {
    const step = stepProjection(events, loaded);
    if (step.done) return encodeChanges(step.changes, loaded);
    await loadRequests(client, step.load, loaded, maxSeq);
  }
}

/**
 * The statements that store `rows` (sent without waiting: the caller awaits them together), and
 * the note of which rows changed at `changedSeq` (the seq the rows describe after this write) in
 * `projection_changes` (migration 005): a read of the rows changed since a seq finds them there.
 */
function writeRows(
  client: pg.PoolClient,
  rows: readonly EncodedRow[],
  loaded: LoadedRows,
  changedSeq: number,
): Promise<unknown>[] {
  const fresh: EncodedRow[] = [];
  const stored: EncodedRow[] = [];
  const unknown: EncodedRow[] = [];
  for (const r of rows) {
    const known = loaded.get(r.tbl, r.key);
    (known === MISSING ? unknown : known === undefined ? fresh : stored).push(r);
  }
  // The rows as one JSON array of records (`json_to_recordset`), as the facts (Round p14).
  const records = (list: readonly EncodedRow[]) => [
    JSON.stringify(list, ['tbl', 'key', 'part', 'body']),
  ];
  const rowsOf = 'json_to_recordset($1::json) AS w(tbl text, key text, part text, body text)';
  const out: Promise<unknown>[] = [];
  if (fresh.length > 0)
    out.push(
      client.query(
        `INSERT INTO projection_rows (tbl, key, part, body) SELECT tbl, key, part, body FROM ${rowsOf}`,
        records(fresh),
      ),
    );
  if (stored.length > 0)
    out.push(
      client.query(
        `UPDATE projection_rows p SET part = w.part, body = w.body FROM ${rowsOf}
         WHERE p.tbl = w.tbl AND p.key = w.key`,
        records(stored),
      ),
    );
  if (unknown.length > 0)
    out.push(
      client.query(
        `INSERT INTO projection_rows (tbl, key, part, body) SELECT tbl, key, part, body FROM ${rowsOf}
         ON CONFLICT (tbl, key) DO UPDATE SET part = excluded.part, body = excluded.body`,
        records(unknown),
      ),
    );
  // One note per write, its keys as two arrays: a note row per changed row cost a push of 1.000
  // facts about 30 ms more (Round p12 in docs/server.md).
  if (rows.length > 0)
    out.push(
      client.query(
        `INSERT INTO projection_changes (changed_seq, tbls, keys)
         VALUES ($1::bigint, ${textArrayFromJson('$2')}, ${textArrayFromJson('$3')})`,
        [
          changedSeq,
          JSON.stringify(rows.map((r) => r.tbl)),
          JSON.stringify(rows.map((r) => r.key)),
        ],
      ),
    );
  return out;
}

function checksumAfter(state: ProjectionStateRow, events: readonly BuurtpasEvent[]) {
  return addToStoredChecksum(
    Number(state.checksum_count),
    state.checksum_sum,
    events.map((e) => e.eventId),
  );
}

const READ_PROJECTION_STATE =
  'SELECT last_seq, checksum_count, checksum_sum FROM projection_state WHERE id = 1';

async function readProjectionState(client: pg.PoolClient): Promise<ProjectionStateRow> {
  const rows = await client.query<ProjectionStateRow>(READ_PROJECTION_STATE);
  return rows.rows[0] as ProjectionStateRow;
}

const SET_PROJECTION_STATE =
  'UPDATE projection_state SET last_seq = $1, checksum_count = $2, checksum_sum = $3 WHERE id = 1';

/** Applies one page of stored events the projection does not describe yet; answers how many. */
async function catchUpPage(client: pg.PoolClient, pageSize: number): Promise<number> {
  const state = await readProjectionState(client);
  const from = Number(state.last_seq);
  const rows = await client.query<{ seq: number; body: string }>(
    'SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [from, pageSize],
  );
  const last = rows.rows[rows.rows.length - 1];
  if (!last) return 0;
  const events = rows.rows.map((r) => upcastEvent(JSON.parse(r.body)) as BuurtpasEvent);
  const loaded = new LoadedRows();
  const changed = await projectRows(client, events, loaded, last.seq);
  const checksum = checksumAfter(state, events);
  await Promise.all([
    ...writeRows(client, changed, loaded, last.seq),
    client.query(SET_PROJECTION_STATE, [last.seq, checksum.count, checksum.sum]),
  ]);
  return rows.rows.length;
}

/** The query of one paged-read request (`readProjectionPages`). */
function pagedReadSql(request: RowPageRequest, lastSeq: number): [string, unknown[]] {
  if ('eventTypes' in request)
    return [
      'SELECT NULL AS part, body, seq FROM events WHERE type = ANY($1::text[]) AND seq <= $2 ORDER BY seq',
      [[...request.eventTypes], lastSeq],
    ];
  const order = request.newestPartFirst ? 'ORDER BY part DESC, key DESC' : 'ORDER BY key';
  const parts = request.parts;
  if (!parts)
    return [`SELECT part, body FROM projection_rows WHERE tbl = $1 ${order}`, [request.table]];
  const where =
    'only' in parts ? 'part = ANY($2::text[])' : '(part IS NULL OR part <> ALL($2::text[]))';
  const list = 'only' in parts ? parts.only : parts.except;
  return [
    `SELECT part, body FROM projection_rows WHERE tbl = $1 AND ${where} ${order}`,
    [request.table, [...list]],
  ];
}

/**
 * The seq of a change mark (`ProjectionRead.changeMark`) if the changes since it are all noted:
 * at or after `changesAfter` and at or below `lastSeq`.
 */
function markSeqOf(
  mark: string | undefined,
  changesAfter: number,
  lastSeq: number,
): number | undefined {
  if (mark === undefined || !/^\d{1,15}$/.test(mark)) return undefined;
  const seq = Number(mark);
  return seq >= changesAfter && seq <= lastSeq ? seq : undefined;
}

/**
 * Forgets the notes of row changes at or below `last - keep` once every tenth of `keep` seqs
 * (a range delete, then marks older than that read every row). The notes stay a bounded table,
 * whatever the history.
 */
function pruneChanges(
  client: pg.PoolClient,
  before: number,
  last: number,
  keep: number,
): Promise<unknown>[] {
  const every = Math.max(1, Math.floor(keep / 10));
  const upTo = last - keep;
  if (upTo <= 0 || Math.floor(last / every) === Math.floor(before / every)) return [];
  return [
    client.query(
      `WITH pruned AS (DELETE FROM projection_changes WHERE changed_seq <= $1)
       UPDATE projection_state SET changes_after = GREATEST(changes_after, $1) WHERE id = 1`,
      [upTo],
    ),
  ];
}

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === BIGINT_OID) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const schema = options.schema;
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString: options.connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    types,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const keepChangesFor = Math.max(1, options.keepChangesFor ?? 100_000);
  // Pushes (and catch-up pages) run on pipelined connections: a push sends its statements in two
  // batches instead of awaiting each. Pushes are serialized by the counter lock anyway.
  const pushPool = new pg.Pool({
    connectionString: options.connectionString,
    max: 2,
    types,
    pipeline: true,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => undefined);
  pushPool.on('error', () => undefined);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    await pushPool.end();
    throw error;
  }

  return {
    engine: 'postgres',
    async insertEvents(deviceId, batch, receivedAt) {
      // Two round trips for a push without erasure: the lock and every lookup go out together
      // (pipelined, executed in order: the lookups run once the lock is held), then every write
      // and COMMIT (the facts' writes before the projection is computed, the rows' after). Each
      // round trip waits for the other process to be scheduled, which on a busy machine cost
      // more than the statements themselves.
      const client = await pushPool.connect();
      // Everything sent and not yet awaited: each is marked handled at once (a rejection while the
      // projection runs must not count as unhandled); Promise.all below still sees it reject.
      const sent = {
        list: [] as Promise<unknown>[],
        push(...queries: Promise<unknown>[]) {
          for (const q of queries) {
            q.catch(() => undefined);
            this.list.push(q);
          }
        },
      };
      try {
        const valid = validEventsOf(batch);
        const memberIds = [
          ...new Set(valid.map((e) => memberIdOf(e)).filter((m): m is string => m !== undefined)),
        ];
        sent.push(client.query('BEGIN'));
        const counterQuery = client.query<{ last_seq: number }>(
          'SELECT last_seq FROM sync_counter WHERE id = 1 FOR UPDATE',
        );
        const stateQuery = client.query<ProjectionStateRow>(READ_PROJECTION_STATE);
        const existingQuery = client.query<{
          event_id: string;
          seq: number;
          content_hash: string | null;
        }>('SELECT event_id, seq, content_hash FROM events WHERE event_id = ANY($1::text[])', [
          valid.map((e) => e.eventId),
        ]);
        const erasedQuery = client.query<{ member_id: string }>(
          'SELECT member_id FROM erased_members WHERE member_id = ANY($1::text[])',
          [memberIds],
        );
        // The rows every valid event names (a superset of the new ones'), read under the lock.
        let loaded = new LoadedRows();
        const loading = loadRequests(client, planRows(valid), loaded, Number.MAX_SAFE_INTEGER);
        sent.push(counterQuery, stateQuery, existingQuery, erasedQuery, loading);
        await Promise.all(sent.list);
        sent.list = [];
        let last = (await counterQuery).rows[0]?.last_seq ?? 0;
        let projection = (await stateQuery).rows[0] as ProjectionStateRow;
        if (Number(projection.last_seq) < last) {
          // Rows behind the events (a bulk load wrote events only): apply those first, then the
          // rows loaded above are stale.
          while (Number(projection.last_seq) < last) {
            if ((await catchUpPage(client, 5000)) === 0) break;
            projection = await readProjectionState(client);
          }
          loaded = new LoadedRows();
        }
        const existing = new Map<string, { seq: number; contentHash: string | null }>();
        for (const r of (await existingQuery).rows)
          existing.set(r.event_id, { seq: r.seq, contentHash: r.content_hash });
        const alreadyErased = new Set((await erasedQuery).rows.map((r) => r.member_id));
        // Who this batch erases (erasure-reach.ts): the records merged into whom are loaded first
        // (no query unless the batch erases or merges someone).
        const mergedFrom = await loadMergedFrom(valid, async (ids) => {
          const found = await client.query<{ member_id: string; body: string }>(
            "SELECT member_id, body FROM events WHERE member_id = ANY($1::text[]) AND type = 'members-merged'",
            [ids],
          );
          const map = new Map<string, string[]>();
          for (const r of found.rows)
            map.set(r.member_id, [
              ...(map.get(r.member_id) ?? []),
              ...mergedFromOfBodies([r.body]),
            ]);
          return map;
        });
        const asked = new Set<string>(memberIds);
        const more = new Set<string>();
        for (const [id, list] of mergedFrom)
          for (const m of [id, ...list]) if (!asked.has(m)) more.add(m);
        if (more.size > 0) {
          const rows = await client.query<{ member_id: string }>(
            'SELECT member_id FROM erased_members WHERE member_id = ANY($1::text[])',
            [[...more]],
          );
          for (const r of rows.rows) alreadyErased.add(r.member_id);
        }
        const newlyErased = membersErasedBy(
          valid,
          (id) => alreadyErased.has(id),
          (id) => mergedFrom.get(id) ?? [],
        );
        const erased = new Set([...alreadyErased, ...newlyErased]);
        // Stored profiles of the newly erased lose their fields (the batch's own are redacted
        // below before they are stored); read now, written with the rest.
        const redactions: { seq: number; body: string }[] = [];
        if (newlyErased.length > 0) {
          const rows = await client.query<{ seq: number; body: string }>(
            "SELECT seq, body FROM events WHERE member_id = ANY($1::text[]) AND type = 'member-profile-set'",
            [newlyErased],
          );
          for (const row of rows.rows) {
            const redacted = redactProfileJson(row.body);
            if (redacted !== row.body) redactions.push({ seq: row.seq, body: redacted });
          }
        }
        const projected: BuurtpasEvent[] = [];
        // The new facts as one JSON array of records (`json_to_recordset` in the insert): one
        // parameter instead of seven arrays, no sort of the bodies (Round p14).
        const facts: {
          s: number;
          e: string;
          t: string;
          m: string | null;
          d: string;
          b: string;
          h: string | null;
        }[] = [];
        const roleKeys: RoleKeyRecord[] = [];
        const quarantined: [string, string, string, string, string, string][] = [];
        const results: PushResult[] = [];
        for (const item of batch) {
          if (item.kind === 'invalid') {
            quarantined.push([
              hashQuarantineRaw(deviceId, item.raw),
              item.eventId,
              deviceId,
              item.reason,
              item.detail,
              item.raw,
            ]);
            results.push({ eventId: item.eventId, status: 'quarantined', reason: item.reason });
            continue;
          }
          const event = item.event;
          const before = existing.get(event.eventId);
          if (before !== undefined) {
            results.push(answerExisting(event.eventId, before, item.contentHash));
            continue;
          }
          const seq = ++last;
          const memberId = memberIdOf(event) ?? null;
          const stored =
            memberId !== null && erased.has(memberId) ? redactProfileEvent(event) : event;
          facts.push({
            s: seq,
            e: event.eventId,
            t: event.type,
            m: memberId,
            d: event.deviceId,
            b: JSON.stringify(stored),
            h: item.contentHash ?? null,
          });
          projected.push(stored);
          if (item.registersKey) roleKeys.push(item.registersKey);
          existing.set(event.eventId, { seq, contentHash: item.contentHash ?? null });
          results.push({ eventId: event.eventId, status: 'inserted', seq });
        }
        // The facts' writes go out now: PostgreSQL stores them while this process projects.
        if (facts.length > 0)
          sent.push(
            client.query(
              `INSERT INTO events (seq, event_id, type, member_id, device_id, received_at, body, content_hash)
               SELECT s, e, t, m, d, $2::timestamptz, b, h
               FROM json_to_recordset($1::json) AS u(s bigint, e text, t text, m text, d text, b text, h text)`,
              [JSON.stringify(facts), receivedAt],
            ),
          );
        for (const k of roleKeys)
          sent.push(
            client.query(
              'INSERT INTO role_keys (key_id, role, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING',
              [k.keyId, k.role, k.publicKey, k.createdAt],
            ),
          );
        for (const q of quarantined)
          sent.push(
            client.query(
              'INSERT INTO quarantine (raw_hash, event_id, device_id, reason, detail, raw, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (raw_hash) DO NOTHING',
              [...q, receivedAt],
            ),
          );
        for (const r of redactions)
          sent.push(client.query('UPDATE events SET body = $1 WHERE seq = $2', [r.body, r.seq]));
        // After this batch's quarantine rows: a refused event of the erased member is redacted too.
        for (const memberId of newlyErased)
          sent.push(
            client.query(
              'INSERT INTO erased_members (member_id, seq) VALUES ($1, $2) ON CONFLICT DO NOTHING',
              [memberId, last],
            ),
            client.query(
              "UPDATE quarantine SET raw = $1, detail = 'redacted' WHERE strpos(raw, $2) > 0",
              [REDACTED_RAW, memberId],
            ),
          );
        // Void targets from before this batch (the batch's own come from the batch); a cascade's
        // loads queue behind the writes above and still see only what was stored before.
        const rows = await projectRows(client, projected, loaded, Number(projection.last_seq));
        const checksum = checksumAfter(projection, projected);
        sent.push(...writeRows(client, rows, loaded, last));
        sent.push(...pruneChanges(client, Number(projection.last_seq), last, keepChangesFor));
        // Both counters in one statement: the events' and the rows' seq move together.
        sent.push(
          client.query(
            `WITH counter AS (UPDATE sync_counter SET last_seq = $1 WHERE id = 1) ${SET_PROJECTION_STATE}`,
            [last, checksum.count, checksum.sum],
          ),
        );
        const commit = client.query('COMMIT');
        sent.push(commit);
        await Promise.all(sent.list);
        // COMMIT in a transaction an earlier statement aborted answers ROLLBACK, not an error.
        if ((await commit).command !== 'COMMIT') throw new Error('push transaction rolled back');
        return results;
      } catch (error) {
        // Let everything already sent settle before the connection is reused.
        await Promise.allSettled(sent.list);
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async readEventsAfter(afterSeq, limit, types) {
      if (types && types.length === 0) return [];
      const rows = types
        ? await pool.query<{ seq: number; json: string }>(
            'SELECT seq, body AS json FROM events WHERE seq > $1 AND type = ANY($3::text[]) ORDER BY seq LIMIT $2',
            [afterSeq, limit, [...types]],
          )
        : await pool.query<{ seq: number; json: string }>(
            'SELECT seq, body AS json FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
            [afterSeq, limit],
          );
      return rows.rows;
    },
    async readProjection(query: ProjectionQuery, options = {}): Promise<ProjectionRead> {
      const client = await pool.connect();
      try {
        // One snapshot for every table and the seq they describe.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const state = (
          await client.query<ProjectionStateRow & { changes_after: number }>(
            'SELECT last_seq, checksum_count, checksum_sum, changes_after FROM projection_state WHERE id = 1',
          )
        ).rows[0] as ProjectionStateRow & { changes_after: number };
        const lastSeq = Number(state.last_seq);
        // Rows changed since an earlier read at seq S: every push notes the rows it writes in
        // `projection_changes` under its seq (migration 005), in its own transaction, and pushes
        // commit in seq order under the counter lock, so they are exactly the rows noted above S:
        // an index range read of the notes, then the rows by primary key, as long as the change.
        // A mark older than the notes kept (`changes_after`), or one this database cannot have
        // given (not a seq, or ahead of it: a restored backup), reads every row.
        const since = markSeqOf(options.changedSince, Number(state.changes_after), lastSeq);
        let changed: Map<string, Set<string>> | undefined;
        if (since !== undefined) {
          changed = new Map();
          const notes = await client.query<{ tbl: string; key: string }>(
            'SELECT c.tbl, c.key FROM projection_changes n, unnest(n.tbls, n.keys) AS c(tbl, key) WHERE n.changed_seq > $1',
            [since],
          );
          for (const n of notes.rows) {
            let keys = changed.get(n.tbl);
            if (!keys) changed.set(n.tbl, (keys = new Set()));
            keys.add(n.key);
          }
        }
        const found: { tbl: string; body: string }[] = [];
        for (const [tbl, selection] of Object.entries(query)) {
          const keys = changed?.get(tbl);
          if (changed && !keys) continue;
          const [where, arg] =
            selection === 'all'
              ? ['tbl = $1 AND $2::text[] IS NULL', null]
              : 'parts' in selection
                ? ['tbl = $1 AND part = ANY($2::text[])', [...selection.parts]]
                : ['tbl = $1 AND key = ANY($2::text[])', [...selection.keys]];
          const result = await client.query<{ tbl: string; body: string }>(
            `SELECT tbl, body FROM projection_rows WHERE ${where}${keys ? ' AND key = ANY($3::text[])' : ''}`,
            keys ? [tbl, arg, [...keys]] : [tbl, arg],
          );
          for (const r of result.rows) found.push(r);
        }
        await client.query('COMMIT');
        return {
          rows: decodeRows(query, found),
          lastSeq,
          checksum: { count: Number(state.checksum_count), sum: state.checksum_sum },
          complete: since === undefined,
          changeMark: String(lastSeq),
        };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async readProjectionPages(requests, pageRows, onPage) {
      const client = await pool.connect();
      try {
        // One snapshot for every page; a cursor per request, so only a page is in memory.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const state = await readProjectionState(client);
        const read: PagedReadState = {
          lastSeq: Number(state.last_seq),
          checksum: { count: Number(state.checksum_count), sum: state.checksum_sum },
        };
        const size = Math.max(1, Math.floor(pageRows));
        for (const request of requests) {
          const [sql, params] = pagedReadSql(request, read.lastSeq);
          await client.query(`DECLARE paged NO SCROLL CURSOR FOR ${sql}`, params);
          for (;;) {
            const page = await client.query<StoredRowText>(`FETCH ${size} FROM paged`);
            if (page.rows.length > 0) onPage(request, page.rows, read);
            if (page.rows.length < size) break;
          }
          await client.query('CLOSE paged');
        }
        await client.query('COMMIT');
        return read;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async catchUpProjection(pageSize = 25_000, onPage) {
      // Big steps, each under the push lock (postgres-bulk-projection.ts).
      return buildProjectionInBulk(pool, { stepSize: pageSize, onStep: onPage });
    },
    async readEventsByIds(eventIds) {
      if (eventIds.length === 0) return [];
      const rows = await pool.query<{ seq: number; json: string }>(
        'SELECT seq, body AS json FROM events WHERE event_id = ANY($1::text[])',
        [[...new Set(eventIds)]],
      );
      return rows.rows.map((r) => ({ seq: Number(r.seq), json: r.json }));
    },
    async lastSeq() {
      const rows = await pool.query<{ last_seq: number }>(
        'SELECT last_seq FROM sync_counter WHERE id = 1',
      );
      return rows.rows[0]?.last_seq ?? 0;
    },
    async listQuarantine(limit) {
      const rows = await pool.query<{
        id: number;
        event_id: string;
        device_id: string;
        reason: QuarantineReason;
        detail: string;
        raw: string;
        received_at: Date;
      }>(
        'SELECT id, event_id, device_id, reason, detail, raw, received_at FROM quarantine ORDER BY id DESC LIMIT $1',
        [limit],
      );
      return rows.rows.map((r): QuarantinedRow => ({
        id: r.id,
        eventId: r.event_id,
        deviceId: r.device_id,
        reason: r.reason,
        detail: r.detail,
        raw: r.raw,
        receivedAt: r.received_at.toISOString(),
      }));
    },
    async findEventDevices(eventIds) {
      const found = new Map<string, string>();
      if (eventIds.length === 0) return found;
      const rows = await pool.query<{ event_id: string; device_id: string }>(
        'SELECT event_id, device_id FROM events WHERE event_id = ANY($1::text[])',
        [[...new Set(eventIds)]],
      );
      for (const r of rows.rows) found.set(r.event_id, r.device_id);
      return found;
    },
    async listRoleKeys() {
      const rows = await pool.query<{
        key_id: string;
        role: RoleKey['role'];
        public_key: string;
        created_at: Date;
        revoked_at: Date | null;
      }>(
        'SELECT key_id, role, public_key, created_at, revoked_at FROM role_keys ORDER BY created_at, key_id',
      );
      return rows.rows.map((r): RoleKey => ({
        keyId: r.key_id,
        role: r.role,
        publicKey: r.public_key,
        createdAt: r.created_at.toISOString(),
        revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
      }));
    },
    async addRoleKey(key) {
      await pool.query(
        'INSERT INTO role_keys (key_id, role, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key_id) DO NOTHING',
        [key.keyId, key.role, key.publicKey, key.createdAt],
      );
    },
    async revokeRoleKeys(role, now) {
      const result = await pool.query(
        'UPDATE role_keys SET revoked_at = $1 WHERE role = $2 AND revoked_at IS NULL',
        [now, role],
      );
      return result.rowCount ?? 0;
    },
    async createEnrollmentCode(record) {
      await pool.query(
        'INSERT INTO enrollment_codes (code_hash, location_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [record.codeHash, record.locationId, record.role, record.createdAt, record.expiresAt],
      );
    },
    async redeemEnrollmentCode(request) {
      return inTransaction(pool, async (client) => {
        const codes = await client.query<{
          location_id: string;
          role: DeviceRole;
          expires_at: Date;
          used_at: Date | null;
        }>(
          'SELECT location_id, role, expires_at, used_at FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
          [request.codeHash],
        );
        const code = codes.rows[0];
        if (!code) return { ok: false, code: 'code-invalid' } as const;
        if (code.used_at !== null) return { ok: false, code: 'code-used' } as const;
        if (code.expires_at.getTime() <= Date.parse(request.now))
          return { ok: false, code: 'code-expired' } as const;
        const existing = await client.query('SELECT 1 FROM devices WHERE device_id = $1', [
          request.deviceId,
        ]);
        if (existing.rowCount) return { ok: false, code: 'device-exists' } as const;
        await client.query(
          'UPDATE enrollment_codes SET used_at = $1, used_by = $2 WHERE code_hash = $3',
          [request.now, request.deviceId, request.codeHash],
        );
        const inserted = await client.query<DeviceRow>(
          `INSERT INTO devices (device_id, name, location_id, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DEVICE_COLUMNS}`,
          [
            request.deviceId,
            request.name,
            code.location_id,
            code.role,
            request.tokenHash,
            request.now,
          ],
        );
        return { ok: true, device: toDevice(inserted.rows[0] as DeviceRow) } as const;
      });
    },
    async findTokenOwner(tokenHash): Promise<TokenOwner | undefined> {
      const devices = await pool.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`,
        [tokenHash],
      );
      const device = devices.rows[0];
      if (device) return { kind: 'device', device: toDevice(device) };
      const admins = await pool.query(
        'SELECT 1 FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
        [tokenHash],
      );
      return admins.rowCount ? { kind: 'admin' } : undefined;
    },
    async listDevices() {
      const rows = await pool.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY created_at, device_id`,
      );
      return rows.rows.map(toDevice);
    },
    async revokeDevice(deviceId, now) {
      const result = await pool.query(
        'UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE device_id = $2',
        [now, deviceId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async createAdminToken(tokenHash, now) {
      await pool.query('INSERT INTO admin_tokens (token_hash, created_at) VALUES ($1, $2)', [
        tokenHash,
        now,
      ]);
    },
    async readGeneration() {
      const rows = await pool.query<{ value: string }>(
        "SELECT value FROM server_meta WHERE key = 'generation'",
      );
      const value = rows.rows[0]?.value;
      if (value === undefined) throw new Error('server_meta has no generation');
      return value;
    },
    async noteDeviceActivity(deviceId, kind, at) {
      const column = kind === 'push' ? 'last_push_at' : 'last_pull_at';
      await pool.query(
        `INSERT INTO device_activity (device_id, ${column}) VALUES ($1, $2) ON CONFLICT (device_id) DO UPDATE SET ${column} = excluded.${column}`,
        [deviceId, at],
      );
    },
    async listDeviceActivity() {
      const rows = await pool.query<{
        device_id: string;
        last_push_at: Date | null;
        last_pull_at: Date | null;
      }>('SELECT device_id, last_push_at, last_pull_at FROM device_activity ORDER BY device_id');
      return rows.rows.map((r) => ({
        deviceId: r.device_id,
        lastPushAt: r.last_push_at ? r.last_push_at.toISOString() : null,
        lastPullAt: r.last_pull_at ? r.last_pull_at.toISOString() : null,
      }));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await Promise.all([pool.end(), pushPool.end()]);
    },
    async readMemberEvents(memberIds, afterSeq, limit) {
      const ids = [...new Set(memberIds)];
      if (ids.length === 0) return [];
      const rows = await pool.query<{ seq: number; json: string }>(
        'SELECT seq, body AS json FROM events WHERE member_id = ANY($1::text[]) AND seq > $2 ORDER BY seq LIMIT $3',
        [ids, afterSeq, limit],
      );
      return rows.rows.map((r) => ({ seq: Number(r.seq), json: r.json }));
    },
  };
}
