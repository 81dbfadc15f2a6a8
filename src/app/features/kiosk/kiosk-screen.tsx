import { useT } from '../../i18n/use-t.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { useRoleSessionStore } from '../../ui/role-session-store.ts';
import { useKioskStore } from './kiosk-store.ts';

/**
 * Where the coordinator turns this tablet into a self check-in kiosk. The coordinator's lock is
 * closed on start, so leaving the kiosk asks for the PIN again.
 */
export function KioskScreen() {
  const t = useT();
  return (
    <div className="kiosk-setup">
      <h1>{t('kiosk.setup.heading')}</h1>
      <p className="lead">{t('kiosk.setup.intro')}</p>
      <RoleGate role="coordinator">
        <button
          type="button"
          onClick={() => {
            useRoleSessionStore.getState().lock('coordinator');
            useKioskStore.getState().start();
          }}
        >
          {t('kiosk.setup.start')}
        </button>
      </RoleGate>
    </div>
  );
}
