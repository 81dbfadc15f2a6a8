import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readBackupReminder } from '../../db/laptop-backup-reminder.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * A quiet line under the menu, weekly, on a laptop with no server: time to save a backup. Never
 * printed: it would put a second page behind a pass or a report.
 */
export function BackupReminder() {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const reminder = useLiveQuery(() => readBackupReminder(db, now()), [db, now]);
  if (!reminder?.due) return null;
  return (
    <p className="backup-reminder no-print" role="note">
      {t('backup.reminder')} <a href="#laptop-backup">{t('backup.reminderLink')}</a>
    </p>
  );
}
