/**
 * Backup without a server: all facts of this laptop in one file, encrypted with a passphrase
 * (PBKDF2-SHA-256 → AES-GCM-256, WebCrypto), and the way back onto a fresh laptop, offline.
 * The file format and its checks are in src/domain/backup/backup-file.ts.
 *
 * Restoring goes through `storeAndApply`, the path every pulled fact takes, so it is idempotent by
 * eventId. Facts that no server has acknowledged yet (no seq) go into the outbox as well, so a
 * server connected later still receives them.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import {
  BACKUP_FORMAT,
  BACKUP_PBKDF2_ITERATIONS,
  BACKUP_VERSION,
  parseBackupContent,
  parseBackupEnvelope,
  type BackupContent,
  type BackupEnvelope,
  type BackupProblem,
} from '../../domain/backup/backup-file.ts';
import { storeAndApply } from './apply-events.ts';
import type { BuurtpasDb } from './database.ts';
import { observeRemoteHlc, type Writer } from './record-events.ts';
import { LAST_BACKUP_META_KEY } from './laptop-backup-reminder.ts';

const RECORD_PREFIX = 'referral-record:';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export type BackupFile = { text: string; fileName: string; eventCount: number };

/** The encrypted backup file of every fact on this laptop. */
export async function makeLaptopBackup(
  db: BuurtpasDb,
  writer: Writer,
  passphrase: string,
  nowMs: number,
): Promise<BackupFile> {
  const [rows, records] = await db.transaction('r', [db.events, db.meta], () =>
    Promise.all([db.events.toArray(), db.meta.where('key').startsWith(RECORD_PREFIX).toArray()]),
  );
  const content: BackupContent = {
    events: rows.map((r) =>
      r.seq === undefined ? { event: r.event } : { event: r.event, seq: r.seq },
    ),
    records,
  };
  const salt = new Uint8Array(writer.random(16));
  const iv = new Uint8Array(writer.random(12));
  const key = await deriveKey(passphrase, salt, BACKUP_PBKDF2_ITERATIONS);
  const plain = gzipSync(strToU8(JSON.stringify(content)));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const createdAt = new Date(nowMs).toISOString();
  const envelope: BackupEnvelope = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    deviceId: writer.deviceId,
    locationId: writer.locationId,
    eventCount: rows.length,
    kdf: {
      name: 'PBKDF2',
      hash: 'SHA-256',
      iterations: BACKUP_PBKDF2_ITERATIONS,
      salt: toBase64(salt),
    },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(cipher),
  };
  await db.meta.put({ key: LAST_BACKUP_META_KEY, value: createdAt });
  const stamp = createdAt.slice(0, 16).replace(/[:T]/g, '-');
  return {
    text: JSON.stringify(envelope),
    fileName: `buurtpas-backup-${writer.locationId}-${stamp}.json`,
    eventCount: rows.length,
  };
}

export type RestoreResult =
  | { ok: true; added: number; inFile: number }
  | { ok: false; problem: BackupProblem | 'backup-wrong-passphrase' };

/** Puts a backup file's facts onto this laptop; what is already here is left as it is. */
export async function restoreLaptopBackup(
  db: BuurtpasDb,
  text: string,
  passphrase: string,
  nowMs: number,
): Promise<RestoreResult> {
  const head = parseBackupEnvelope(text);
  if (!head.ok) return head;
  const { envelope } = head;
  let plain: Uint8Array;
  try {
    const key = await deriveKey(passphrase, fromBase64(envelope.kdf.salt), envelope.kdf.iterations);
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(envelope.cipher.iv) },
        key,
        fromBase64(envelope.data),
      ),
    );
  } catch {
    // AES-GCM's tag fails for a wrong passphrase and for a changed file alike.
    return { ok: false, problem: 'backup-wrong-passphrase' };
  }
  let json: string;
  try {
    json = strFromU8(gunzipSync(plain));
  } catch {
    return { ok: false, problem: 'backup-damaged' };
  }
  const parsed = parseBackupContent(json);
  if (!parsed.ok) return parsed;
  const { events, records } = parsed.content;
  const added = await db.transaction('rw', db.tables, async () => {
    const fresh = await storeAndApply(db, events);
    const freshIds = new Set(fresh.map((e) => e.eventId));
    const unsent = events.filter((e) => e.seq === undefined && freshIds.has(e.event.eventId));
    if (unsent.length > 0) {
      const already = new Set(
        await db.outbox
          .where('eventId')
          .anyOf(unsent.map((e) => e.event.eventId))
          .toArray()
          .then((rows) => rows.map((r) => r.eventId)),
      );
      await db.outbox.bulkAdd(
        unsent
          .filter((e) => !already.has(e.event.eventId))
          .map((e) => ({ eventId: e.event.eventId })),
      );
    }
    for (const r of records) if (!(await db.meta.get(r.key))) await db.meta.put(r);
    await observeRemoteHlc(
      db,
      events.map((e) => e.event.hlc),
      nowMs,
    );
    return fresh.length;
  });
  return { ok: true, added, inFile: events.length };
}
