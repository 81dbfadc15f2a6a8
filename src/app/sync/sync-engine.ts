/**
 * The client side of protocol v1 (docs/sync-protocol.md), one round at a time: push the outbox
 * until it is empty, pull until the server has nothing more, then compare the laptop's counts
 * and event-set checksum with `/api/v1/summary`.
 *
 * Everything with an effect comes in as an argument (database, transport, clock), so the
 * fault-injection simulation drives the very same code over fake-indexeddb and a lossy network.
 * The engine never decides when to run; `sync-scheduler.ts` does.
 *
 * Safety rests on two rules: an outbox row leaves only after the server acknowledged its event,
 * and a pulled page and the cursor advance share one Dexie transaction. Everything else (a lost
 * answer, a duplicate request, a truncated body) is made harmless by the server's idempotency on
 * `eventId`, so every failure here is answered by "try again later".
 *
 * Push, pull and summary answers carry the server's generation id. A different one than last
 * time means the server was restored from a backup: the round stops before using the answer,
 * this laptop re-queues its own events and pulls from 0 (db/sync-generation.ts), and the round
 * starts over, so the restored server ends up with every fact the laptop holds.
 */
import { localYearOf } from '../../domain/amsterdam-time.ts';
import { parseEvent, PAYLOAD_VERSION, type BuurtpasEvent } from '../../domain/events.ts';
import {
  MAX_PULL_LIMIT,
  PRIORITY_TYPES,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type PushRequest,
  type SummaryResponse,
} from '../../domain/protocol.ts';
import { summarize } from '../../domain/summary.ts';
import type { BuurtpasDb } from '../db/database.ts';
import { countPendingOutbox } from '../db/desk-queries.ts';
import { applyPulledPage } from '../db/sync-pull.ts';
import {
  acknowledgePushed,
  dropOrphanOutboxRows,
  readBootstrap,
  readCursor,
  readLocalChecksum,
  readLocalLedger,
  readOutboxBatch,
  readSyncConnection,
  writeBootstrap,
  writeComparison,
  writeLastSyncAt,
  type CursorKind,
  type SummaryComparison,
  type SyncConnection,
} from '../db/sync-state.ts';
import {
  adoptRestoredServer,
  readServerGeneration,
  rememberServerGeneration,
} from '../db/sync-generation.ts';
import { compareSummaries } from './compare-summaries.ts';
import { fetchMissingReferences } from './referenced-facts-client.ts';
import { loadSnapshot, SnapshotFailure } from './snapshot-client.ts';
import { canStartFromSnapshot, type SnapshotProgress } from '../db/snapshot-load.ts';
import { replayOwnFacts } from '../db/snapshot-restart.ts';
import { sendRequest, type Transport } from './server-request.ts';
import type { SyncFailure } from './sync-retry.ts';

export type { SyncFailure };

export type { Transport };

export type SyncProgress = {
  stage: 'push' | 'pull' | 'compare';
  pushed: number;
  pulled: number;
  cursor: number;
  serverLastSeq: number | null;
};

export type SyncDeps = {
  db: BuurtpasDb;
  transport: Transport;
  now: () => number;
  pushBatchSize?: number;
  pullLimit?: number;
  /** Page size of a new laptop's history pull (default the server's maximum). */
  bootstrapPullLimit?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** A new laptop's snapshot, page by page (rows per table loaded, scan-ready). */
  onSnapshotProgress?: (progress: SnapshotProgress) => void;
};

export type SyncOutcome =
  | { kind: 'not-connected' }
  | {
      kind: 'synced';
      pushed: number;
      pulled: number;
      quarantined: number;
      comparison: SummaryComparison | null;
      at: string;
    }
  | { kind: 'failed'; failure: SyncFailure; detail: string; pushed: number; pulled: number };

class SyncError extends Error {
  readonly failure: SyncFailure;
  constructor(failure: SyncFailure, detail: string) {
    super(detail);
    this.failure = failure;
  }
}

/** The server answered with another generation than this laptop knew: it was restored. */
class GenerationChanged extends Error {
  readonly generation: string;
  constructor(generation: string) {
    super(`server generation is now ${generation}`);
    this.generation = generation;
  }
}

type Call = {
  connection: SyncConnection;
  transport: Transport;
  db: BuurtpasDb;
  /** Last generation seen; undefined until the first answer that carries one. */
  generation: string | undefined;
};

async function checkGeneration(call: Call, json: unknown): Promise<void> {
  const generation = (json as { generation?: unknown } | undefined)?.generation;
  if (typeof generation !== 'string' || generation === '') return;
  if (call.generation === undefined) {
    call.generation = generation;
    await rememberServerGeneration(call.db, generation);
  } else if (generation !== call.generation) throw new GenerationChanged(generation);
}

async function callApi(
  call: Call,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const sent = await sendRequest(
    call.transport,
    method,
    `${call.connection.baseUrl.replace(/\/+$/, '')}${path}`,
    call.connection.token,
    body,
  );
  if (!sent.ok) throw new SyncError('offline', sent.detail);
  const { status, text } = sent;
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
    if (status >= 200 && status < 300)
      throw new SyncError('answer-unreadable', `status ${status}, ${text.length} bytes`);
  }
  const code = (json as { error?: unknown } | undefined)?.error;
  const errorCode = typeof code === 'string' ? code : '';
  if (status >= 200 && status < 300) {
    await checkGeneration(call, json);
    return json;
  }
  if (status === 401)
    throw new SyncError(
      errorCode === 'device-revoked' ? 'device-revoked' : 'token-invalid',
      errorCode,
    );
  if (status === 426) throw new SyncError('update-required', errorCode);
  if (status === 429) throw new SyncError('rate-limited', errorCode);
  if (status >= 500 || status === 408)
    throw new SyncError('server-error', `status ${status} ${errorCode}`);
  throw new SyncError('request-rejected', `status ${status} ${errorCode}`);
}

/** Pushes the outbox in write order, batch after batch, until it is empty. */
async function pushOutbox(
  deps: SyncDeps,
  call: Call,
  progress: SyncProgress,
): Promise<{ pushed: number; quarantined: number }> {
  const batchSize = deps.pushBatchSize ?? 500;
  let pushed = 0;
  let quarantined = 0;
  for (;;) {
    const batch = await readOutboxBatch(deps.db, batchSize);
    if (batch.missing.length > 0) await dropOrphanOutboxRows(deps.db, batch.missing);
    if (batch.events.length === 0) {
      if (batch.missing.length > 0) continue;
      return { pushed, quarantined };
    }
    const request: PushRequest = {
      protocol: PROTOCOL_VERSION,
      payloadVersion: PAYLOAD_VERSION,
      events: batch.events,
    };
    const answer = pushResponseSchema.safeParse(
      await callApi(call, 'POST', '/api/v1/push', request),
    );
    if (!answer.success) throw new SyncError('answer-unreadable', 'push answer');
    const sent = batch.events.map((e) => e.eventId);
    const ack = await acknowledgePushed(
      deps.db,
      sent,
      answer.data.results,
      new Date(deps.now()).toISOString(),
    );
    // Nothing acknowledged from a non-empty batch: the answer does not describe what was sent.
    if (ack.acknowledged === 0)
      throw new SyncError('answer-unreadable', 'push answer names none of the events sent');
    pushed += ack.acknowledged;
    quarantined += ack.quarantined.length;
    progress.pushed = pushed;
    deps.onProgress?.({ ...progress });
  }
}

/** Pulls pages after the cursor until the server says no more follow. */
async function pullAll(
  deps: SyncDeps,
  call: Call,
  progress: SyncProgress,
  kind: CursorKind = 'full',
  onPage?: (cursor: number) => Promise<void>,
  pageSize?: number,
): Promise<number> {
  const limit = pageSize ?? deps.pullLimit ?? 2000;
  let pulled = 0;
  let cursor = await readCursor(deps.db, kind);
  const filter = kind === 'priority' ? `&types=${PRIORITY_TYPES.join(',')}` : '';
  for (;;) {
    const raw = pullResponseSchema.safeParse(
      await callApi(call, 'GET', `/api/v1/pull?after=${cursor}&limit=${limit}${filter}`),
    );
    if (!raw.success) throw new SyncError('answer-unreadable', 'pull answer');
    const page = raw.data;
    const events: { seq: number; event: BuurtpasEvent }[] = [];
    let last = cursor;
    for (const item of page.events) {
      // seq must climb past the cursor: anything else is a garbled or foreign page.
      if (item.seq <= last)
        throw new SyncError('answer-unreadable', `seq ${item.seq} after ${last}`);
      last = item.seq;
      const parsed = parseEvent(item.event);
      if (!parsed.ok)
        throw new SyncError('update-required', `event at seq ${item.seq}: ${parsed.detail}`);
      events.push({ seq: item.seq, event: parsed.event });
    }
    if (page.next < last || (events.length === 0 && page.next !== cursor))
      throw new SyncError('answer-unreadable', `next ${page.next}`);
    if (events.length > 0) {
      // A snapshot laptop first fetches the older facts the page refers to (voids of them).
      const refs = await fetchMissingReferences(deps.db, events, (path) =>
        callApi(call, 'GET', path),
      );
      if (!refs.ok) throw new SyncError(refs.failure, refs.detail);
      const outcome = await applyPulledPage(deps.db, cursor, page.next, events, deps.now(), kind);
      if (outcome.kind === 'cursor-moved') {
        cursor = outcome.cursor;
        continue;
      }
      pulled += outcome.fresh;
      cursor = page.next;
      progress.pulled = pulled;
      if (kind === 'full') progress.cursor = cursor;
      deps.onProgress?.({ ...progress });
      await onPage?.(cursor);
    }
    if (!page.hasMore || events.length === 0) return pulled;
  }
}

/**
 * A laptop that has never pulled (cursor 0, no bootstrap record) first takes the priority types,
 * then is ready to scan (`phase: 'history'`) while the full pull fills in visits and the rest.
 * The bootstrap record (progress against the server's last seq) drives the progress bar.
 */
async function bootstrapOrPull(
  deps: SyncDeps,
  call: Call,
  progress: SyncProgress,
): Promise<number> {
  // A laptop with no facts of its own starts from the server's snapshot (or resumes it).
  if (await canStartFromSnapshot(deps.db)) {
    // Snapshot answers carry no generation: learn it first, or a restore after the snapshot but
    // before this laptop's first pull would go unseen (its seq then counts on the old server).
    if (call.generation === undefined)
      await callApi(call, 'GET', `/api/v1/summary?year=${localYearOf(deps.now())}`);
    const loaded = await loadSnapshotOrFail(deps, call);
    if (loaded) return pullAll(deps, call, progress);
    // A restored server without snapshots: a snapshot laptop keeps its own facts, pulls all.
    await replayOwnFacts(deps.db);
  }
  const state = await readBootstrap(deps.db);
  const fresh = state === undefined && (await readCursor(deps.db)) === 0;
  if (!fresh && state?.phase !== 'priority' && state?.phase !== 'history')
    return pullAll(deps, call, progress);
  const server = await callApi(call, 'GET', `/api/v1/summary?year=${localYearOf(deps.now())}`);
  if (!summaryResponseSchemaLoose(server))
    throw new SyncError('answer-unreadable', 'summary answer');
  const total = server.lastSeq;
  let pulled = 0;
  if (fresh || state?.phase === 'priority') {
    await writeBootstrap(deps.db, {
      phase: 'priority',
      pulled: await readCursor(deps.db, 'priority'),
      total,
    });
    pulled += await pullAll(deps, call, progress, 'priority', (cursor) =>
      writeBootstrap(deps.db, { phase: 'priority', pulled: cursor, total }),
    );
  }
  await writeBootstrap(deps.db, { phase: 'history', pulled: await readCursor(deps.db), total });
  // History pages are large (fewer transactions); a desk write waits at most one page meanwhile.
  const historyPage = Math.max(deps.pullLimit ?? 2000, deps.bootstrapPullLimit ?? MAX_PULL_LIMIT);
  pulled += await pullAll(
    deps,
    call,
    progress,
    'full',
    (cursor) =>
      writeBootstrap(deps.db, { phase: 'history', pulled: cursor, total: Math.max(total, cursor) }),
    historyPage,
  );
  return pulled;
}

/** The snapshot, with its failures as the engine's; false when the server offers none. */
async function loadSnapshotOrFail(deps: SyncDeps, call: Call): Promise<boolean> {
  const base = call.connection.baseUrl.replace(/\/+$/, '');
  try {
    const outcome = await loadSnapshot({
      db: deps.db,
      get: (path) => sendRequest(call.transport, 'GET', `${base}${path}`, call.connection.token),
      now: deps.now,
      ...(deps.onSnapshotProgress ? { onProgress: deps.onSnapshotProgress } : {}),
    });
    return outcome.kind === 'loaded';
  } catch (error) {
    if (error instanceof SnapshotFailure) throw new SyncError(error.failure, error.message);
    throw error;
  }
}

const summaryResponseSchemaLoose = (value: unknown): value is SummaryResponse => {
  const v = value as Partial<SummaryResponse> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.lastSeq === 'number' &&
    typeof v.summary === 'object' &&
    typeof v.checksum === 'object'
  );
};

/** Compares with `/summary`; pulls once more when the server moved on in between. */
async function compareWithServer(
  deps: SyncDeps,
  call: Call,
  progress: SyncProgress,
): Promise<{ comparison: SummaryComparison | null; pulled: number }> {
  let pulled = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const year = localYearOf(deps.now());
    const server = await callApi(call, 'GET', `/api/v1/summary?year=${year}`);
    if (!summaryResponseSchemaLoose(server))
      throw new SyncError('answer-unreadable', 'summary answer');
    progress.serverLastSeq = server.lastSeq;
    const cursor = await readCursor(deps.db);
    if (server.lastSeq > cursor) {
      pulled += await pullAll(deps, call, progress);
      continue;
    }
    // New local writes since the push: the sets cannot match yet; the next round compares.
    if ((await countPendingOutbox(deps.db)) > 0) return { comparison: null, pulled };
    const [ledger, checksum] = await Promise.all([
      readLocalLedger(deps.db),
      readLocalChecksum(deps.db),
    ]);
    const local = summarize(ledger, year);
    const differences = compareSummaries(local, checksum, server.summary, server.checksum);
    const at = new Date(deps.now()).toISOString();
    // The laptop's own counts are kept with the verdict, so the settings screen can show them.
    const comparison: SummaryComparison =
      differences.length === 0
        ? { kind: 'agrees', at, lastSeq: server.lastSeq, count: checksum.count, summary: local }
        : { kind: 'differs', at, lastSeq: server.lastSeq, differences, summary: local };
    await writeComparison(deps.db, comparison);
    return { comparison, pulled };
  }
  return { comparison: null, pulled };
}

/** One round: push, pull, compare. Never throws for network or server trouble; says what happened. */
export async function syncOnce(deps: SyncDeps): Promise<SyncOutcome> {
  const connection = await readSyncConnection(deps.db);
  if (!connection) return { kind: 'not-connected' };
  const call: Call = {
    connection,
    transport: deps.transport,
    db: deps.db,
    generation: await readServerGeneration(deps.db),
  };
  // A restore seen mid-round: adopt it and run the round again from the start (once is enough;
  // a second restore during the rerun is left for the next round).
  for (let attempt = 0; ; attempt++) {
    try {
      return await runRound(deps, call);
    } catch (error) {
      if (!(error instanceof GenerationChanged)) throw error;
      if (attempt > 0)
        return {
          kind: 'failed',
          failure: 'server-error',
          detail: error.message,
          pushed: 0,
          pulled: 0,
        };
      await adoptRestoredServer(deps.db, connection.deviceId, error.generation);
      call.generation = error.generation;
    }
  }
}

async function runRound(deps: SyncDeps, call: Call): Promise<SyncOutcome> {
  const progress: SyncProgress = {
    stage: 'push',
    pushed: 0,
    pulled: 0,
    cursor: await readCursor(deps.db),
    serverLastSeq: null,
  };
  let quarantined = 0;
  try {
    const pushed = await pushOutbox(deps, call, progress);
    quarantined = pushed.quarantined;
    progress.stage = 'pull';
    const pulledBefore = await bootstrapOrPull(deps, call, progress);
    progress.stage = 'compare';
    const compared = await compareWithServer(deps, call, progress);
    const at = new Date(deps.now()).toISOString();
    await writeLastSyncAt(deps.db, at);
    if (progress.serverLastSeq !== null && (await readBootstrap(deps.db))?.phase !== 'done')
      await writeBootstrap(deps.db, {
        phase: 'done',
        pulled: progress.cursor,
        total: progress.serverLastSeq,
      });
    return {
      kind: 'synced',
      pushed: pushed.pushed,
      pulled: pulledBefore + compared.pulled,
      quarantined,
      comparison: compared.comparison,
      at,
    };
  } catch (error) {
    if (error instanceof SyncError)
      return {
        kind: 'failed',
        failure: error.failure,
        detail: error.message,
        pushed: progress.pushed,
        pulled: progress.pulled,
      };
    throw error;
  }
}
