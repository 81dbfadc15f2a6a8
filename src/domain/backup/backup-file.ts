/**
 * A laptop's backup file without a server: every fact of the laptop, encrypted with a passphrase
 * (it holds personal data). The envelope says how to derive the key and decrypt; the plaintext is
 * gzip'd JSON of the facts (with their server seq, if any) and the laptop-only referral records.
 * Parsing is here (pure, zod); the crypto runs in the app (WebCrypto PBKDF2-SHA-256 + AES-GCM).
 *
 * Restoring is idempotent by eventId: the laptop stores each fact once, so restoring the same file
 * twice, or a file over a laptop that already has some of its facts, doubles nothing.
 */
import { z } from '../jitless-zod.ts';
import { parseEvent, type BuurtpasEvent } from '../events.ts';

export const BACKUP_FORMAT = 'buurtpas-backup';
export const BACKUP_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a backup is made weekly, so slow is fine. */
export const BACKUP_PBKDF2_ITERATIONS = 600_000;
export const BACKUP_MIN_PASSPHRASE = 8;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const backupEnvelopeSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.iso.datetime({ offset: false }),
    deviceId: z.string().max(64),
    locationId: z.string().max(64),
    eventCount: z.number().int().min(0),
    kdf: z
      .object({
        name: z.literal('PBKDF2'),
        hash: z.literal('SHA-256'),
        iterations: z.number().int().min(100_000).max(10_000_000),
        salt: base64,
      })
      .strict(),
    cipher: z.object({ name: z.literal('AES-GCM'), iv: base64 }).strict(),
    data: base64,
  })
  .strict();

export type BackupEnvelope = z.infer<typeof backupEnvelopeSchema>;

export type BackupRecord = { key: string; value: unknown };

export type BackupContent = {
  events: { event: BuurtpasEvent; seq?: number }[];
  /** Laptop-only rows worth keeping (referral records): meta key and value. */
  records: BackupRecord[];
};

export type BackupProblem = 'backup-not-a-backup' | 'backup-newer-version' | 'backup-damaged';

export function parseBackupEnvelope(
  text: string,
): { ok: true; envelope: BackupEnvelope } | { ok: false; problem: BackupProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'backup-not-a-backup' };
  }
  const head = z.object({ format: z.literal(BACKUP_FORMAT), version: z.number() }).safeParse(json);
  if (!head.success) return { ok: false, problem: 'backup-not-a-backup' };
  if (head.data.version > BACKUP_VERSION) return { ok: false, problem: 'backup-newer-version' };
  const parsed = backupEnvelopeSchema.safeParse(json);
  return parsed.success
    ? { ok: true, envelope: parsed.data }
    : { ok: false, problem: 'backup-damaged' };
}

const contentSchema = z
  .object({
    events: z.array(
      z.object({ event: z.unknown(), seq: z.number().int().positive().optional() }).strict(),
    ),
    records: z.array(
      z.object({ key: z.string().startsWith('referral-record:'), value: z.unknown() }).strict(),
    ),
  })
  .strict();

/** The decrypted content, each fact checked (and upcast) like a pulled one. */
export function parseBackupContent(
  json: string,
): { ok: true; content: BackupContent } | { ok: false; problem: 'backup-damaged' } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'backup-damaged' };
  }
  const parsed = contentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: 'backup-damaged' };
  const events: BackupContent['events'] = [];
  for (const row of parsed.data.events) {
    const event = parseEvent(row.event);
    if (!event.ok) return { ok: false, problem: 'backup-damaged' };
    events.push(
      row.seq === undefined ? { event: event.event } : { event: event.event, seq: row.seq },
    );
  }
  return { ok: true, content: { events, records: parsed.data.records } };
}
