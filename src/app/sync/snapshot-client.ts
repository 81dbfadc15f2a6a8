/**
 * A new laptop's first sync from the server's snapshot (docs/sync-protocol.md, "Snapshot"):
 * the manifest, then page after page (gzip on the wire, undone by fetch), each checked against
 * its CRC-32 before its rows are stored. A lost connection or a refused page ends the round; the
 * next round resumes at the next page of the same snapshot, or starts a new one when the server
 * has replaced it (410).
 */
import {
  crc32OfText,
  snapshotManifestSchema,
  snapshotPageSchema,
  type SnapshotManifest,
  type SnapshotPage,
} from '../../domain/snapshot-protocol.ts';
import type { BuurtpasDb } from '../db/database.ts';
import {
  finishSnapshot,
  forgetSnapshot,
  readSnapshotProgress,
  startSnapshot,
  storeSnapshotPage,
  type SnapshotProgress,
} from '../db/snapshot-load.ts';
import { fetchDeferredVoidTargets } from './referenced-facts-client.ts';
import type { SentRequest } from './server-request.ts';
import type { SyncFailure } from './sync-retry.ts';

/** A snapshot's failure ends the round with the sync engine's own failure code. */
export class SnapshotFailure extends Error {
  readonly failure: SyncFailure;
  constructor(failure: SyncFailure, detail: string) {
    super(detail);
    this.failure = failure;
  }
}

export type SnapshotGet = (path: string) => Promise<SentRequest>;

export type SnapshotDeps = {
  db: BuurtpasDb;
  get: SnapshotGet;
  onProgress?: (progress: SnapshotProgress) => void;
  /** For "the last three months" of visit history (Date.now when not given). */
  now?: () => number;
};

/** What the server said, as text; statuses become failure codes (410 is the caller's to handle). */
async function getText(get: SnapshotGet, path: string): Promise<{ status: number; text: string }> {
  const sent = await get(path);
  if (!sent.ok) throw new SnapshotFailure('offline', sent.detail);
  const { status, text } = sent;
  if ((status >= 200 && status < 300) || status === 410 || status === 404) return { status, text };
  let code = '';
  try {
    code = String((JSON.parse(text) as { error?: unknown }).error ?? '');
  } catch {
    code = '';
  }
  if (status === 401)
    throw new SnapshotFailure(code === 'device-revoked' ? 'device-revoked' : 'token-invalid', code);
  if (status === 429) throw new SnapshotFailure('rate-limited', code);
  if (status >= 500 || status === 408)
    throw new SnapshotFailure('server-error', `status ${status} ${code}`);
  throw new SnapshotFailure('request-rejected', `status ${status} ${code}`);
}

/** A JSON answer (the facts by id); a missing or unreadable one is a failure. */
async function getJson(get: SnapshotGet, path: string): Promise<unknown> {
  const { status, text } = await getText(get, path);
  if (status < 200 || status >= 300)
    throw new SnapshotFailure('answer-unreadable', `status ${status} ${path.split('?')[0]}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new SnapshotFailure('answer-unreadable', path.split('?')[0]!);
  }
}

/** The manifest, or null when this server offers no snapshot (an older server: pull instead). */
export async function fetchSnapshotManifest(get: SnapshotGet): Promise<SnapshotManifest | null> {
  const { status, text } = await getText(get, '/api/v1/snapshot');
  if (status === 404) return null;
  if (status === 410) throw new SnapshotFailure('answer-unreadable', 'manifest 410');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SnapshotFailure('answer-unreadable', 'snapshot manifest');
  }
  const parsed = snapshotManifestSchema.safeParse(json);
  if (!parsed.success) throw new SnapshotFailure('answer-unreadable', 'snapshot manifest');
  return parsed.data;
}

/**
 * A page's envelope through its schema; its rows only as far as the schema asks (objects), in
 * one loop: a page holds 5.000 rows and the schema's per-row walk cost more than the parse.
 */
function parsePage(text: string): SnapshotPage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { rows, ...envelope } = json as { rows?: unknown };
  if (!Array.isArray(rows)) return null;
  for (const row of rows as unknown[])
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  const parsed = snapshotPageSchema.safeParse({ ...envelope, rows: [] });
  return parsed.success ? { ...parsed.data, rows: rows as SnapshotPage['rows'] } : null;
}

export type SnapshotOutcome =
  { kind: 'not-offered' } | { kind: 'loaded'; progress: SnapshotProgress };

/**
 * Loads the snapshot to the end (or resumes it). Throws SnapshotFailure when the network or the
 * server gets in the way; what was stored stays stored.
 */
export async function loadSnapshot(deps: SnapshotDeps): Promise<SnapshotOutcome> {
  const { db, get } = deps;
  for (let restarts = 0; restarts < 3; restarts++) {
    let progress = await readSnapshotProgress(db);
    if (!progress || progress.done || progress.replaced) {
      const manifest = await fetchSnapshotManifest(get);
      if (!manifest) return { kind: 'not-offered' };
      await startSnapshot(db, manifest, (deps.now ?? Date.now)());
      progress = (await readSnapshotProgress(db))!;
    }
    deps.onProgress?.(progress);
    let gone = false;
    // The next page is fetched while this one is stored: IndexedDB commits on its own thread.
    const fetchPage = (index: number) => {
      const answer = getText(
        get,
        `/api/v1/snapshot/${encodeURIComponent(progress!.snapshotId)}/${index}`,
      );
      answer.catch(() => undefined); // Awaited (and so thrown) only when its turn comes.
      return answer;
    };
    let ahead = progress.nextPage < progress.pageCount ? fetchPage(progress.nextPage) : null;
    while (ahead && progress.nextPage < progress.pageCount) {
      const index = progress.nextPage;
      const { status, text } = await ahead;
      ahead = null;
      if (status === 410) {
        gone = true;
        break;
      }
      if (status === 404) throw new SnapshotFailure('answer-unreadable', `page ${index} unknown`);
      // A page cut short or garbled on the way fails its checksum: fetched again next round.
      if (crc32OfText(text) !== progress.crc32s[index])
        throw new SnapshotFailure('answer-unreadable', `page ${index} checksum`);
      const page = parsePage(text);
      if (!page || page.snapshotId !== progress.snapshotId || page.index !== index)
        throw new SnapshotFailure('answer-unreadable', `page ${index}`);
      if (index + 1 < progress.pageCount) ahead = fetchPage(index + 1);
      const stored = await storeSnapshotPage(db, page);
      if (stored.kind === 'stale') throw new SnapshotFailure('answer-unreadable', 'page stale');
      progress = stored.progress;
      deps.onProgress?.(progress);
    }
    if (gone) {
      // The server replaced this snapshot before the laptop finished: start on the new one.
      await forgetSnapshot(db);
      continue;
    }
    // Facts older than the snapshot that this laptop voided meanwhile, for those voids' end.
    const targets = await fetchDeferredVoidTargets(db, (path) => getJson(get, path));
    if (!targets.ok) throw new SnapshotFailure(targets.failure, targets.detail);
    const done = await finishSnapshot(db);
    // None: the progress was forgotten meanwhile (replaced); a new snapshot follows.
    if (!done) continue;
    deps.onProgress?.(done);
    return { kind: 'loaded', progress: done };
  }
  throw new SnapshotFailure('server-error', 'snapshot replaced three times while loading');
}
