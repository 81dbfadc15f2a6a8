/**
 * A laptop without a server keeps its only copy of the data: it is reminded weekly to save a
 * backup file. (Apart from backup-file.ts so the reminder does not bring the schemas along.)
 */
export const BACKUP_REMINDER_DAYS = 7;

export function isBackupDue(lastBackupAt: string | null, nowMs: number): boolean {
  if (lastBackupAt === null) return true;
  const last = Date.parse(lastBackupAt);
  // A stamp from a clock that was ahead counts as long ago, never as "not due for years".
  return Number.isNaN(last) || last > nowMs || nowMs - last >= BACKUP_REMINDER_DAYS * 86_400_000;
}
