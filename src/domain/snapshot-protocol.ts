/**
 * The snapshot a new laptop starts from (docs/sync-protocol.md, "Snapshot"): the projection's
 * state rows at one `seq`, cut in pages of one table each, every page gzip-compressed on the wire
 * and checksummed (CRC-32 of its JSON text), so a page that arrives cut short or garbled is
 * refused and fetched again. Pages are immutable for a snapshot id, so a lost connection resumes
 * at the next page. The first `scanPages` pages hold what the desk needs to scan (members,
 * passes, memberships, this year's contributions, amounts, services); up to `countPages` the
 * treasurer's and the report's tables follow; after them the visit history, newest day first,
 * each page with the days it spans, so a laptop keeping only the last months skips the rest.
 */
import { z } from './jitless-zod.ts';

export const MAX_SNAPSHOT_PAGE_ROWS = 5000;

/**
 * The few kinds of facts screens read as facts rather than as state rows (role PINs to unlock a
 * role, the report's targets, referrals, role periods and services, the treasurer's waivers and
 * kept duplicates, revoked passes). They travel in the snapshot's desk part as page table
 * `facts` (`{ seq, event }` rows) and are stored as facts without being applied: the state has
 * them already. Personal fields are never among them (docs/sync-protocol.md, "Snapshot").
 */
export const SNAPSHOT_FACT_TYPES = [
  'role-pin-set',
  'referral-recorded',
  'referral-made',
  'referral-linked',
  'referral-period-set',
  'role-period-set',
  'target-set',
  'service-defined',
  'service-retired',
  'contribution-waived',
  'duplicate-payments-kept',
  'pass-revoked',
] as const;

/** The page table that carries facts (not a state table). */
export const SNAPSHOT_FACTS_TABLE = 'facts';

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
          /** A visit-history page: the earliest and latest local day of its rows. */
          days: z
            .object({ from: z.string().max(10), to: z.string().max(10) })
            .strict()
            .optional(),
        })
        .strict(),
    ),
    /** How many leading pages the desk needs before it can scan. */
    scanPages: z.number().int().min(0),
    /** How many leading pages hold every count (treasurer, report); the rest is visit history. */
    countPages: z.number().int().min(0).optional(),
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

/**
 * One part of a snapshot as its source hands it over: a table's rows, and what they are for: the
 * desk's (scan), the counts' (treasurer, report) or visit history (rows with a `day`, newest first).
 */
export type SnapshotPart = {
  table: string;
  rows: readonly object[];
  kind: 'desk' | 'counts' | 'history';
};

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
  // One pass over UTF-16 code units, encoding to UTF-8 on the fly (no closure, no iterator: a
  // snapshot page is a megabyte of text and this runs for every page on the laptop).
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      c = table[(c ^ cp) & 0xff]! ^ (c >>> 8);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const low = cp <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else cp = 0xfffd; // A lone surrogate, as TextEncoder and Node's Buffer write it.
    }
    if (cp < 0x800) {
      c = table[(c ^ (0xc0 | (cp >> 6))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | (cp & 0x3f))) & 0xff]! ^ (c >>> 8);
    } else if (cp < 0x10000) {
      c = table[(c ^ (0xe0 | (cp >> 12))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | ((cp >> 6) & 0x3f))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | (cp & 0x3f))) & 0xff]! ^ (c >>> 8);
    } else {
      c = table[(c ^ (0xf0 | (cp >> 18))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | ((cp >> 12) & 0x3f))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | ((cp >> 6) & 0x3f))) & 0xff]! ^ (c >>> 8);
      c = table[(c ^ (0x80 | (cp & 0x3f))) & 0xff]! ^ (c >>> 8);
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}
