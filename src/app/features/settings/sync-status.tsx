import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { useRefusedFacts } from '../../db/use-refused-facts.ts';
import { useT } from '../../i18n/use-t.ts';
import { useSync } from '../../sync/sync-store.ts';
import { describeSyncStatus } from './sync-status-text.ts';
import './settings.css';

/**
 * The sync state in the top bar, always visible, and the "Nu synchroniseren" button. It only
 * shows the state: the app starts automatic sync (app/app.tsx).
 */
export function SyncStatus() {
  const db = useDb();
  const { now } = useDesk();
  const t = useT();
  const view = useSync(db);
  const text = describeSyncStatus(view, now());
  const pending = view.facts?.pending ?? 0;
  const showPending = pending > 0 && text !== null && text.key !== 'settings.status.pending';
  const refused = useRefusedFacts(db)?.length ?? 0;
  return (
    <div
      className={`sync-status sync-status-${text?.tone ?? 'waiting'}`}
      aria-label={t('settings.status.label')}
      role="group"
    >
      <span role="status" aria-live="polite" className="sync-status-text">
        {text ? t(text.key, text.vars) : ''}
        {showPending ? (
          <span className="sync-status-pending">
            {' '}
            · {t('settings.status.pending', { count: pending })}
          </span>
        ) : null}
        {refused > 0 ? (
          <span className="sync-status-refused">
            {' '}
            · {t('settings.status.refused', { count: refused })}
          </span>
        ) : null}
      </span>
      {view.facts?.connection ? (
        <button
          type="button"
          onClick={() => void view.syncNow()}
          disabled={view.phase === 'syncing'}
        >
          {t('settings.status.syncNow')}
        </button>
      ) : null}
    </div>
  );
}
