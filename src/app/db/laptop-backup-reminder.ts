/**
 * When this laptop last saved a backup file; kept apart from laptop-backup.ts so the reminder in
 * the shell does not load the backup code (and its gzip) at start.
 */
import { isBackupDue } from '../../domain/backup/is-backup-due.ts';
import type { BuurtpasDb } from './database.ts';
import { readSyncConnection } from './sync-state.ts';

export const LAST_BACKUP_META_KEY = 'lastBackupAt';

export async function readLastBackupAt(db: BuurtpasDb): Promise<string | null> {
  const row = await db.meta.get(LAST_BACKUP_META_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}

/** Due weekly, only on a laptop with no server (a server keeps the copy otherwise) and with data. */
export async function readBackupReminder(
  db: BuurtpasDb,
  nowMs: number,
): Promise<{ due: boolean; lastBackupAt: string | null; hasServer: boolean }> {
  const [lastBackupAt, connection] = await Promise.all([
    readLastBackupAt(db),
    readSyncConnection(db),
  ]);
  const hasServer = connection !== undefined;
  // A laptop with nothing on it yet has nothing to lose. Members are asked first: a scan adds a
  // fact but no member, so on a laptop with members this live reminder is not woken by scans.
  const due = !hasServer && isBackupDue(lastBackupAt, nowMs) && (await holdsAnything(db));
  return { due, lastBackupAt, hasServer };
}

async function holdsAnything(db: BuurtpasDb): Promise<boolean> {
  if ((await db.members.limit(1).count()) > 0) return true;
  return (await db.events.limit(1).count()) > 0;
}
