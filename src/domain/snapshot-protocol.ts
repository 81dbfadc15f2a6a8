/**
 * The snapshot a new laptop starts from (docs/sync-protocol.md, "Snapshot"): the projection's
 * state rows at one `seq`, cut in pages of one table each, every page gzip-compressed on the wire
 * and checksummed (CRC-32 of its JSON text), so a page that arrives cut short or garbled is
 * refused and fetched again. Pages are immutable for a snapshot id, so a lost connection resumes
 * at the next page. The first `scanPages` pages hold what the desk needs to scan (members,
 * passes, memberships, this year's contributions, amounts, services).
 */
import { z } from 'zod';

export const MAX_SNAPSHOT_PAGE_ROWS = 5000;

const checksumSchema = z.object({ count: z.number().int().min(0), sum: z.string() }).strict();

export const snapshotManifestSchema = z
  .object({
    snapshotId: z.string().min(1).max(100),
    /** The state describes exactly the events up to and including this seq. */
    seq: z.number().int().min(0),
    /** Event-set checksum of those events (event-set-checksum.ts). */
    checksum: checksumSchema,
    /** Rows per table in the whole snapshot, for "3.400 van 10.000 leden". */
    tables: z.record(z.string(), z.number().int().min(0)),
    pages: z.array(
      z
        .object({
          table: z.string().min(1),
          rows: z.number().int().min(0),
          crc32: z.number().int().min(0),
          bytes: z.number().int().min(0),
        })
        .strict(),
    ),
    /** How many leading pages the desk needs before it can scan. */
    scanPages: z.number().int().min(0),
  })
  .strict();
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

export const snapshotPageSchema = z
  .object({
    snapshotId: z.string(),
    index: z.number().int().min(0),
    table: z.string().min(1),
    rows: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

/** One part of a snapshot as its source hands it over: a table's rows, needed for scanning or not. */
export type SnapshotPart = { table: string; rows: readonly object[]; forScan: boolean };

let crcTable: Uint32Array | null = null;

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (IEEE, as gzip and zip use) of a text's UTF-8 bytes; unsigned. */
export function crc32OfText(text: string): number {
  const table = (crcTable ??= makeCrcTable());
  let c = 0xffffffff;
  const add = (byte: number) => {
    c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) add(cp);
    else if (cp < 0x800) {
      add(0xc0 | (cp >> 6));
      add(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      add(0xe0 | (cp >> 12));
      add(0x80 | ((cp >> 6) & 0x3f));
      add(0x80 | (cp & 0x3f));
    } else {
      add(0xf0 | (cp >> 18));
      add(0x80 | ((cp >> 12) & 0x3f));
      add(0x80 | ((cp >> 6) & 0x3f));
      add(0x80 | (cp & 0x3f));
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}

const MASK64 = (1n << 64n) - 1n;

/** The checksum of the union of two disjoint event sets (event-set-checksum.ts sums, mod 2^64). */
export function addChecksums(
  a: { count: number; sum: string },
  b: { count: number; sum: string },
): { count: number; sum: string } {
  const sum = (BigInt(`0x${a.sum}`) + BigInt(`0x${b.sum}`)) & MASK64;
  return { count: a.count + b.count, sum: sum.toString(16).padStart(16, '0') };
}
