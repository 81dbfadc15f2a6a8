/**
 * Builds and keeps the snapshot a new laptop starts from (docs/sync-protocol.md, "Snapshot").
 * The source streams the projection's state at one seq (or captures it whole: tests, small
 * sources); this module cuts it in pages of one table each (the desk's parts first, then the
 * counts', then visit history), gzips each page as soon as it is full and keeps only the
 * compressed bytes in a spool file, so a hundred laptops starting at once cost one build and
 * neither the rows nor the pages are all in memory (at 10.000.000 facts, millions of rows). On
 * PostgreSQL the read awaits between pages, so pushes and pulls are answered meanwhile.
 *
 * Disk and memory stay bounded: at most `keep` built snapshots (the newest, and the one before it so a
 * laptop halfway through can finish). A newer one is built only when the state moved on by
 * `rebuildAfterFacts` facts or the snapshot is older than `maxAgeMs`: a laptop pulls whatever
 * came after the snapshot's seq anyway.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import type { EventSetChecksum } from '../../domain/event-set-checksum.ts';
import {
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

const KIND_ORDER: readonly SnapshotPartKind[] = ['desk', 'counts', 'history'];

/**
 * Where a streamed snapshot's rows go, a part at a time, in the build's order (the desk's parts,
 * then the counts', then history): each row as its JSON text (the text `JSON.stringify` makes of
 * it), with its `day` for history rows. Synchronous: a source reading in one transaction hands
 * rows over without an await, and the service compresses each full page before taking more.
 */
export type SnapshotSink = {
  begin(seq: number): void;
  rows(
    table: string,
    kind: SnapshotPartKind,
    texts: readonly string[],
    days?: readonly (string | null)[],
  ): void;
};

export type SnapshotSource = {
  /** The state now, as parts; rows are serialized before the next await, so they may be live. */
  capture?(): Promise<SnapshotCapture>;
  /**
   * The state read page by page from storage into `sink` (bounded memory: no part is held
   * whole), `begin` first; answers the seq and checksum the rows describe.
   */
  stream?(sink: SnapshotSink): Promise<{ seq: number; checksum: EventSetChecksum }>;
  /** The newest seq stored, cheaply (to decide whether a rebuild is worth it). */
  lastSeq(): Promise<number>;
};

export type SnapshotServiceOptions = {
  pageRows?: number;
  rebuildAfterFacts?: number;
  maxAgeMs?: number;
  keep?: number;
  nowMs?: () => number;
  /** Where the pages' spool files are made (unlinked at once); the OS temp dir by default. */
  spoolDir?: string;
};

/** A built snapshot: its pages' gzip bytes in a spool file (unlinked: gone when closed). */
type Built = { manifest: SnapshotManifest; spool: PageSpool; builtAt: number };

/**
 * The gzip bytes of a snapshot's pages, appended to an unlinked temporary file, so memory holds
 * none of them (at 10.000.000 facts a snapshot is hundreds of MB even compressed); the OS cache
 * keeps the pages laptops are fetching. The file is gone with its descriptor, also after a crash.
 */
class PageSpool {
  private readonly fd: number;
  private readonly ranges: { offset: number; length: number }[] = [];
  private size = 0;
  private closed = false;

  constructor(dir: string) {
    const path = join(dir, `buurtpas-snapshot-${process.pid}-${randomBytes(6).toString('hex')}`);
    this.fd = openSync(path, 'w+', 0o600);
    unlinkSync(path);
  }

  append(bytes: Buffer): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.ranges.push({ offset: this.size, length: bytes.length });
    this.size += bytes.length;
  }

  read(index: number): Buffer | undefined {
    const range = this.ranges[index];
    if (!range || this.closed) return undefined;
    const out = Buffer.allocUnsafe(range.length);
    readSync(this.fd, out, 0, range.length, range.offset);
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

export type SnapshotService = {
  manifest(): Promise<SnapshotManifest>;
  /** The gzip bytes of one page; undefined when the snapshot is gone (a newer one replaced it). */
  page(snapshotId: string, index: number): Buffer | undefined | 'out-of-range';
  /** The same page decompressed, for a client that does not accept gzip. */
  pageText(snapshotId: string, index: number): string | undefined | 'out-of-range';
};

/** The earliest and latest of a history page's days. */
function rangeOf(days: readonly string[]): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const day of days) {
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

  /**
   * Cuts the rows into pages of one table each (a new page when the table or kind changes or
   * `pageRows` are in), serializes and gzips each page as soon as it is full, and keeps only the
   * compressed bytes.
   */
  function pageWriter() {
    let snapshotId = '';
    const spool = new PageSpool(options.spoolDir ?? tmpdir());
    const entries: SnapshotManifest['pages'] = [];
    const tables: Record<string, number> = {};
    let scanPages = 0;
    let countPages = 0;
    let open: { table: string; kind: SnapshotPartKind; texts: string[]; days: string[] } | null =
      null;
    const flush = () => {
      if (!open || open.texts.length === 0) return;
      const { table, kind, texts } = open;
      // The text JSON.stringify({ snapshotId, index, table, rows }) makes, rows already text.
      const text = `{"snapshotId":${JSON.stringify(snapshotId)},"index":${entries.length},"table":${JSON.stringify(table)},"rows":[${texts.join(',')}]}`;
      const entry: SnapshotManifest['pages'][number] = {
        table,
        rows: texts.length,
        // zlib's CRC-32 of the UTF-8 text: the number `crc32OfText` gives on the laptop, ten
        // times faster (a tenth of a 10.000.000-fact snapshot's build went to the JS one).
        crc32: crc32(text),
        bytes: 0,
      };
      if (kind === 'history') entry.days = rangeOf(open.days);
      // Level 1: several times faster to build than the default, pages a little larger.
      const gz = gzipSync(text, { level: 1 });
      entry.bytes = gz.length;
      entries.push(entry);
      spool.append(gz);
      if (kind === 'desk') scanPages = entries.length;
      if (kind !== 'history') countPages = entries.length;
      open = { table, kind, texts: [], days: [] };
    };
    const sink: SnapshotSink = {
      begin(seq) {
        snapshotId = `${seq}-${randomBytes(6).toString('hex')}`;
      },
      rows(table, kind, texts, days) {
        if (texts.length === 0) return;
        if (!open || open.table !== table || open.kind !== kind) {
          flush();
          open = { table, kind, texts: [], days: [] };
        }
        tables[table] = (tables[table] ?? 0) + texts.length;
        for (let i = 0; i < texts.length; i++) {
          open.texts.push(texts[i]!);
          if (kind === 'history') open.days.push(days?.[i] ?? '');
          if (open.texts.length >= pageRows) flush();
        }
      },
    };
    return {
      sink,
      spool,
      finish(seq: number, checksum: EventSetChecksum): Built {
        flush();
        return {
          manifest: { snapshotId, seq, checksum, tables, pages: entries, scanPages, countPages },
          spool,
          builtAt: now(),
        };
      },
    };
  }

  async function build(): Promise<Built> {
    const writer = pageWriter();
    try {
      return await buildInto(writer);
    } catch (error) {
      writer.spool.close();
      throw error;
    }
  }

  async function buildInto(writer: ReturnType<typeof pageWriter>): Promise<Built> {
    if (source.stream) {
      const { seq, checksum } = await source.stream(writer.sink);
      return writer.finish(seq, checksum);
    }
    if (!source.capture) throw new Error('a snapshot source streams or captures');
    const capture = await source.capture();
    // Serialized before any await: the source's rows may be live objects.
    writer.sink.begin(capture.seq);
    for (const kind of KIND_ORDER)
      for (const part of capture.parts)
        if (part.kind === kind)
          writer.sink.rows(
            part.table,
            kind,
            part.rows.map((r) => JSON.stringify(r)),
            part.rows.map((r) => String((r as { day?: unknown }).day ?? '')),
          );
    return writer.finish(capture.seq, capture.checksum);
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
      while (built.length > keep) built.shift()?.spool.close();
    }
    return next;
  }

  function find(snapshotId: string, index: number): Buffer | undefined | 'out-of-range' {
    const b = built.find((x) => x.manifest.snapshotId === snapshotId);
    if (!b) return undefined;
    return b.spool.read(index) ?? 'out-of-range';
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
