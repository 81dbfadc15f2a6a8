import { Suspense, useState } from 'react';
import { findLocation } from '../../domain/catalog.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageToggle } from '../ui/language-toggle.tsx';
import { useDesk } from '../context/desk-context.tsx';
import { useNavStore, type Screen } from '../context/nav-store.ts';
import { KioskMode, SCREENS } from './screens.tsx';
import { UpdatePrompt } from './update-prompt.tsx';
import { useHashNavigation } from './use-hash-navigation.ts';
import { ScanHandoff } from '../features/scan/scan-handoff.tsx';
import { useScanHandoffStore } from '../features/scan/scan-handoff-store.ts';
import { useKioskStore } from '../features/kiosk/kiosk-store.ts';
import { BackupReminder } from '../features/settings/backup-reminder.tsx';

const NAV: readonly Screen[] = [
  'desk',
  'today',
  'members',
  'treasurer',
  'reports',
  'settings',
  'kiosk',
];

/** The frame every screen sits in: location, language, sync state, the main menu. */
export function AppShell() {
  const t = useT();
  const { writer } = useDesk();
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const kiosk = useKioskStore((s) => s.active);
  const [heldScan, setHeldScan] = useState<string | null>(null);
  useHashNavigation();
  const location = findLocation(writer.locationId);
  const Current = SCREENS[screen].component;
  const StatusSlot = SCREENS.statusSlot;

  // Self check-in: only the kiosk, no menu, no other screen, until the coordinator's PIN ends it.
  if (kiosk)
    return (
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <KioskMode />
      </Suspense>
    );

  const goTo = (s: Screen) => {
    setHeldScan(null);
    go(s);
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <span className="topbar-location">
          {t('app.location', { name: location?.name ?? writer.locationId })}
        </span>
        <div className="topbar-status">
          <StatusSlot />
        </div>
        <LanguageToggle />
      </header>
      <nav aria-label={t('app.nav')} className="mainnav">
        {NAV.map((s) => (
          <button
            key={s}
            type="button"
            aria-current={s === screen ? 'page' : undefined}
            onClick={() => goTo(s)}
          >
            {t(`app.nav.${s}`)}
          </button>
        ))}
      </nav>
      <UpdatePrompt />
      <BackupReminder />
      {/* A scan on any other screen opens the desk with it, or says why not (typing here). */}
      {screen !== 'desk' && (
        <ScanHandoff
          onOpenDesk={() => goTo('desk')}
          // Held here, not in the hand-over store: a later visit to the desk must not check
          // someone in from a scan nobody confirmed.
          onHold={setHeldScan}
        />
      )}
      {heldScan !== null && screen !== 'desk' && (
        <div className="scan-held" role="alert">
          <p>
            <strong>{t('app.scanHeld')}</strong> {t('app.scanHeld.why', { code: heldScan })}
          </p>
          <button
            type="button"
            onClick={() => {
              useScanHandoffStore.getState().hand(heldScan);
              goTo('desk');
            }}
          >
            {t('app.scanHeld.toDesk')}
          </button>
          <button type="button" className="secondary" onClick={() => setHeldScan(null)}>
            {t('app.scanHeld.stay')}
          </button>
        </div>
      )}
      <main className="screen" id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <Current />
        </Suspense>
      </main>
    </div>
  );
}
