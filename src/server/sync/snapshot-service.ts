/**
 * Builds and keeps the snapshot a new laptop starts from (docs/sync-protocol.md, "Snapshot").
 * The source captures the projection's state at one seq; this module cuts it in pages of one table
 * each (the desk's parts first, then the counts', then visit history), gzips each page once and
 * keeps the bytes, so a hundred laptops starting at once cost one build. The pages' text is made
 * in one go; compressing yields between pages and runs on libuv's pool, so pushes and pulls are
 * answered meanwhile.
 *
 * Memory stays bounded: at most `keep` built snapshots (the newest, and the one before it so a
 * laptop halfway through can finish). A newer one is built only when the state moved on by
 * `rebuildAfterFacts` facts or the snapshot is older than `maxAgeMs`: a laptop pulls whatever
 * came after the snapshot's seq anyway.
 */
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import {
  crc32OfText,
  MAX_SNAPSHOT_PAGE_ROWS,
  type SnapshotManifest,
  type SnapshotPart,
} from '../../domain/snapshot-protocol.ts';

export type SnapshotPartKind = SnapshotPart['kind'];

export type SnapshotCapture = {
  seq: number;
  checksum: EventSetChecksum;
  /** In any order: the build puts the desk's first, then the counts', then history (kept in order). */
  parts: readonly SnapshotPart[];
};

const gzipAsync = promisify(gzip);
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
const KIND_ORDER: readonly SnapshotPartKind[] = ['desk', 'counts', 'history'];

export type SnapshotSource = {
  /** The state now, as parts; rows are serialized before the next await, so they may be live. */
  capture(): Promise<SnapshotCapture>;
  /** The newest seq stored, cheaply (to decide whether a rebuild is worth it). */
  lastSeq(): Promise<number>;
};

export type SnapshotServiceOptions = {
  pageRows?: number;
  rebuildAfterFacts?: number;
  maxAgeMs?: number;
  keep?: number;
  nowMs?: () => number;
};

type Built = { manifest: SnapshotManifest; pages: Buffer[]; builtAt: number };

export type SnapshotService = {
  manifest(): Promise<SnapshotManifest>;
  /** The gzip bytes of one page; undefined when the snapshot is gone (a newer one replaced it). */
  page(snapshotId: string, index: number): Buffer | undefined | 'out-of-range';
  /** The same page decompressed, for a client that does not accept gzip. */
  pageText(snapshotId: string, index: number): string | undefined | 'out-of-range';
};

/** The earliest and latest `day` of a history page's rows. */
function daysOf(rows: readonly object[]): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const row of rows) {
    const day = String((row as { day?: unknown }).day ?? '');
    if (from === '' || day < from) from = day;
    if (day > to) to = day;
  }
  return { from, to };
}

export function createSnapshotService(
  source: SnapshotSource,
  options: SnapshotServiceOptions = {},
): SnapshotService {
  const pageRows = Math.min(options.pageRows ?? MAX_SNAPSHOT_PAGE_ROWS, MAX_SNAPSHOT_PAGE_ROWS);
  const rebuildAfterFacts = options.rebuildAfterFacts ?? 5000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const keep = Math.max(1, options.keep ?? 2);
  const now = options.nowMs ?? Date.now;
  const built: Built[] = [];
  let building: Promise<Built> | null = null;

  async function build(): Promise<Built> {
    const capture = await source.capture();
    const snapshotId = `${capture.seq}-${randomBytes(6).toString('hex')}`;
    const ordered = KIND_ORDER.flatMap((kind) => capture.parts.filter((p) => p.kind === kind));
    const pages: Buffer[] = [];
    const entries: SnapshotManifest['pages'] = [];
    const tables: Record<string, number> = {};
    let scanPages = 0;
    let countPages = 0;
    // Every page's text at once, before any await: the source's rows may be live objects that
    // the next catch-up changes in place. Compressing then yields between pages.
    const texts: string[] = [];
    for (const part of ordered) {
      tables[part.table] = (tables[part.table] ?? 0) + part.rows.length;
      for (let i = 0; i < part.rows.length; i += pageRows) {
        const rows = part.rows.slice(i, i + pageRows);
        const text = JSON.stringify({ snapshotId, index: texts.length, table: part.table, rows });
        const entry: SnapshotManifest['pages'][number] = {
          table: part.table,
          rows: rows.length,
          crc32: crc32OfText(text),
          bytes: 0,
        };
        if (part.kind === 'history') entry.days = daysOf(rows);
        entries.push(entry);
        texts.push(text);
      }
      if (part.kind === 'desk') scanPages = texts.length;
      if (part.kind !== 'history') countPages = texts.length;
    }
    for (let i = 0; i < texts.length; i++) {
      // Level 1: several times faster to build than the default, pages a little larger.
      const gz = await gzipAsync(texts[i]!, { level: 1 });
      texts[i] = '';
      entries[i]!.bytes = gz.length;
      pages.push(gz);
      await yieldToOthers();
    }
    return {
      manifest: {
        snapshotId,
        seq: capture.seq,
        checksum: capture.checksum,
        tables,
        pages: entries,
        scanPages,
        countPages,
      },
      pages,
      builtAt: now(),
    };
  }

  async function current(): Promise<Built> {
    const newest = built[built.length - 1];
    if (newest) {
      const fresh = now() - newest.builtAt < maxAgeMs;
      if (fresh && (await source.lastSeq()) - newest.manifest.seq < rebuildAfterFacts)
        return newest;
    }
    // Concurrent first requests share one build.
    building ??= build().finally(() => {
      building = null;
    });
    const next = await building;
    if (!built.includes(next)) {
      built.push(next);
      while (built.length > keep) built.shift();
    }
    return next;
  }

  function find(snapshotId: string, index: number): Buffer | undefined | 'out-of-range' {
    const b = built.find((x) => x.manifest.snapshotId === snapshotId);
    if (!b) return undefined;
    return b.pages[index] ?? 'out-of-range';
  }

  return {
    async manifest() {
      return (await current()).manifest;
    },
    page: find,
    pageText(snapshotId, index) {
      const gz = find(snapshotId, index);
      if (gz === undefined || gz === 'out-of-range') return gz;
      return gunzipSync(gz).toString('utf8');
    },
  };
}
