/**
 * Builds the projection rows of many stored events at once on PostgreSQL (a bulk load, a database
 * from before migration 004): the same src/domain rules as every push (`stepProjection`), in big
 * steps. A push projects a few hundred facts per transaction; here a step takes `stepSize` facts
 * (20.000–50.000), loads the rows they name with one query per kind, projects them, and writes
 * the changed rows back with one COPY into a temporary table and one upsert. Rows touched by
 * nearly every step (day counters, last visits, a member's year activity) are read and written
 * once per step instead of once per page of 5.000.
 *
 * It runs under the push lock (the `sync_counter` row), step by step, each step its own
 * transaction: pushes wait for a step, never interleave with one, and a crash loses at most a
 * step (the next start goes on from `projection_state`). Memory is one step's facts and rows.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { upcastEvent, type BuurtpasEvent } from '../../domain/events.ts';
import {
  addToStoredChecksum,
  encodeChanges,
  keysByTable,
  LoadedRows,
  stepProjection,
  type EncodedRow,
} from './stored-projection.ts';

export type BulkProjectionOptions = {
  /** Facts per step (one transaction each). */
  stepSize?: number;
  onStep?: (applied: number, timings: BulkStepTimings) => void;
};

/** Milliseconds spent per phase in one step (the benchmark prints them). */
export type BulkStepTimings = {
  readFacts: number;
  loadRows: number;
  project: number;
  writeRows: number;
  commit: number;
};

type StateRow = { last_seq: number; checksum_count: number; checksum_sum: string };

/** Escapes one value for COPY's text format (tab-separated, `\N` for null). */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Changed rows as COPY text lines, a chunk at a time. */
function* copyLines(rows: readonly EncodedRow[]): Generator<string> {
  const chunk = 2000;
  for (let i = 0; i < rows.length; i += chunk) {
    let text = '';
    for (const r of rows.slice(i, i + chunk))
      text += `${copyText(r.tbl)}\t${copyText(r.key)}\t${copyText(r.part)}\t${copyText(r.body)}\n`;
    yield text;
  }
}

/** Upserts changed rows: COPY into a temporary table, then one INSERT ... ON CONFLICT. */
export async function writeRowsByCopy(
  client: pg.ClientBase,
  rows: readonly EncodedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    'CREATE TEMP TABLE IF NOT EXISTS bulk_rows (tbl TEXT, key TEXT, part TEXT, body TEXT) ON COMMIT DELETE ROWS',
  );
  await pipeline(
    Readable.from(copyLines(rows)),
    client.query(copyFrom('COPY bulk_rows FROM STDIN')),
  );
  await client.query(
    `INSERT INTO projection_rows (tbl, key, part, body) SELECT tbl, key, part, body FROM bulk_rows
     ON CONFLICT (tbl, key) DO UPDATE SET part = excluded.part, body = excluded.body`,
  );
}

/** Loads the rows and facts one attempt of `stepProjection` asked for: one query per table. */
async function loadRequested(
  client: pg.ClientBase,
  load: ReturnType<typeof keysByTable>,
  lastSeq: number,
  loaded: LoadedRows,
): Promise<void> {
  for (const [table, keys] of load) {
    if (table === 'facts') {
      const found = await client.query<{ event_id: string; body: string }>(
        'SELECT event_id, body FROM events WHERE event_id = ANY($1::text[]) AND seq <= $2',
        [keys, lastSeq],
      );
      for (const r of found.rows) loaded.setFact(r.event_id, r.body);
      continue;
    }
    const found = await client.query<{ key: string; body: string }>(
      'SELECT key, body FROM projection_rows WHERE tbl = $1 AND key = ANY($2::text[])',
      [table, keys],
    );
    for (const r of found.rows) loaded.setRow(table, r.key, r.body);
  }
}

/** One step: the next `stepSize` stored facts the rows do not describe yet; answers how many. */
async function buildStep(
  client: pg.ClientBase,
  stepSize: number,
  timings: BulkStepTimings,
): Promise<number> {
  let t = performance.now();
  const lap = (phase: keyof BulkStepTimings) => {
    const now = performance.now();
    timings[phase] += now - t;
    t = now;
  };
  const state = (
    await client.query<StateRow>(
      'SELECT last_seq, checksum_count, checksum_sum FROM projection_state WHERE id = 1',
    )
  ).rows[0] as StateRow;
  const found = await client.query<{ seq: number; body: string }>(
    'SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [Number(state.last_seq), stepSize],
  );
  const last = found.rows[found.rows.length - 1];
  if (!last) return 0;
  const events = found.rows.map((r) => upcastEvent(JSON.parse(r.body)) as BuurtpasEvent);
  found.rows.length = 0;
  lap('readFacts');
  const loaded = new LoadedRows();
  for (;;) {
    const step = stepProjection(events, loaded);
    lap('project');
    if (step.done) {
      const rows = encodeChanges(step.changes, loaded);
      lap('project');
      await writeRowsByCopy(client, rows);
      lap('writeRows');
      break;
    }
    await loadRequested(client, keysByTable(step.load), last.seq, loaded);
    loaded.settle(step.load);
    lap('loadRows');
  }
  const checksum = addToStoredChecksum(
    Number(state.checksum_count),
    state.checksum_sum,
    events.map((e) => e.eventId),
  );
  // The rows a step writes are not noted in projection_changes (hundreds of thousands at a
  // time): a read from before the step reads every row again.
  await client.query(
    'UPDATE projection_state SET last_seq = $1, checksum_count = $2, checksum_sum = $3, changes_after = $1 WHERE id = 1',
    [last.seq, checksum.count, checksum.sum],
  );
  return events.length;
}

/**
 * Applies every stored event the projection rows do not describe yet, `stepSize` a transaction,
 * under the push lock; answers how many.
 */
export async function buildProjectionInBulk(
  pool: pg.Pool,
  options: BulkProjectionOptions = {},
): Promise<number> {
  const stepSize = options.stepSize ?? 25_000;
  let applied = 0;
  const client = await pool.connect();
  try {
    for (;;) {
      const timings: BulkStepTimings = {
        readFacts: 0,
        loadRows: 0,
        project: 0,
        writeRows: 0,
        commit: 0,
      };
      await client.query('BEGIN');
      let n: number;
      try {
        await client.query('SELECT last_seq FROM sync_counter WHERE id = 1 FOR UPDATE');
        n = await buildStep(client, stepSize, timings);
        const t = performance.now();
        await client.query('COMMIT');
        timings.commit = performance.now() - t;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      if (n === 0) return applied;
      applied += n;
      options.onStep?.(applied, timings);
    }
  } finally {
    client.release();
  }
}
