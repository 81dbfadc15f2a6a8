import { Suspense } from 'react';
import { findLocation } from '../../domain/catalog.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageToggle } from '../ui/language-toggle.tsx';
import { useDesk } from '../context/desk-context.tsx';
import { useNavStore, type Screen } from '../context/nav-store.ts';
import { SCREENS } from './screens.tsx';
import { UpdatePrompt } from './update-prompt.tsx';
import { useHashNavigation } from './use-hash-navigation.ts';
import { ScanHandoff } from '../features/scan/scan-handoff.tsx';
import { BackupReminder } from '../features/settings/backup-reminder.tsx';

/** Screens where a scanner burst opens the desk; the members screen reads passes into its own search and settings takes codes typed or pasted. */
const HANDS_SCANS_TO_DESK: ReadonlySet<Screen> = new Set(['today', 'treasurer', 'reports']);

const NAV: readonly Screen[] = ['desk', 'today', 'members', 'treasurer', 'reports', 'settings'];

/** The frame every screen sits in: location, language, sync state, the main menu. */
export function AppShell() {
  const t = useT();
  const { writer } = useDesk();
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  useHashNavigation();
  const location = findLocation(writer.locationId);
  const Current = SCREENS[screen].component;
  const StatusSlot = SCREENS.statusSlot;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <span className="topbar-location">
          {t('app.location', { name: location?.name ?? writer.locationId })}
        </span>
        <StatusSlot />
        <LanguageToggle />
      </header>
      <nav aria-label={t('app.nav')} className="mainnav">
        {NAV.map((s) => (
          <button
            key={s}
            type="button"
            aria-current={s === screen ? 'page' : undefined}
            onClick={() => go(s)}
          >
            {t(`app.nav.${s}`)}
          </button>
        ))}
      </nav>
      <UpdatePrompt />
      <BackupReminder />
      {HANDS_SCANS_TO_DESK.has(screen) && <ScanHandoff onScan={() => go('desk')} />}
      <main className="screen" id="main">
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <Current />
        </Suspense>
      </main>
    </div>
  );
}
