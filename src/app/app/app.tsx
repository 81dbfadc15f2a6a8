import { useEffect, useMemo, useState } from 'react';
import { findLocation } from '../../domain/catalog.ts';
import { DbProvider } from '../db/db-context.tsx';
import type { BuurtpasDb } from '../db/database.ts';
import { loadDeskSetup, type DeskSetup } from '../db/desk-setup.ts';
import { registerMessages } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { useSyncScheduler } from '../sync/sync-store.ts';
import { DeskProvider, type Desk } from '../context/desk-context.tsx';
import { makeDeviceId, randomBytes } from './device-id.ts';
import { LocationSetup } from './location-setup.tsx';
import { AppShell } from './app-shell.tsx';
import { START_MESSAGES } from './start-messages.ts';

// The start bundle's words are there before the first render; lazy screens add theirs (screens.tsx).
registerMessages(...START_MESSAGES);

export type AppProps = {
  db: BuurtpasDb;
  /** The clock; tests pass a fixed one. */
  now?: () => number;
  random?: (n: number) => Uint8Array;
};

/** Opens this laptop's setup, asks for the location once, then shows the screens. */
export function App({ db, now = Date.now, random = randomBytes }: AppProps) {
  const t = useT();
  const [setup, setSetup] = useState<DeskSetup | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadDeskSetup(db, makeDeviceId).then(
      (s) => !cancelled && setSetup(s),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [db]);

  const desk = useMemo<Desk | null>(() => {
    if (!setup?.locationId || !findLocation(setup.locationId)) return null;
    return {
      writer: { deviceId: setup.deviceId, locationId: setup.locationId, role: 'desk', random },
      now,
    };
  }, [setup, now, random]);

  if (error)
    return (
      <p role="alert" className="fatal">
        {t('app.dbError', { detail: error })}
      </p>
    );
  if (!setup) return <p className="loading">{t('app.loading')}</p>;

  return (
    <DbProvider db={db}>
      {desk ? (
        <DeskProvider desk={desk}>
          <StartSync db={db} now={desk.now} />
          <AppShell />
        </DeskProvider>
      ) : (
        <LocationSetup onChosen={(locationId) => setSetup({ ...setup, locationId })} />
      )}
    </DbProvider>
  );
}

/** Automatic sync runs while this laptop has a location (the shell, on every screen, is up). */
function StartSync({ db, now }: { db: BuurtpasDb; now: () => number }) {
  useSyncScheduler(db, now);
  return null;
}
