/**
 * The coordinator's watch on the server: is it up, does the database answer, and which desk
 * laptop has not synchronised for days ("Balie MultiBron heeft 3 dagen niet gesynchroniseerd").
 * Laptops by the name given at enrollment, never by id.
 */
import { useCallback, useEffect, useState } from 'react';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { findLocation } from '../../../domain/catalog.ts';
import { classifyDeviceSyncAge } from '../../../domain/device-sync-age.ts';
import type { SyncConnection } from '../../db/sync-state.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { fetchServerHealth, type ServerHealth } from '../../sync/server-health.ts';
import type { Transport } from '../../sync/sync-engine.ts';

export function ServerHealthPanel({
  connection,
  transport,
}: {
  connection: SyncConnection;
  transport: Transport;
}) {
  const t = useT();
  const [health, setHealth] = useState<ServerHealth | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    const result = await fetchServerHealth(transport, connection);
    setFailed(!result.ok);
    if (result.ok) setHealth(result.health);
  }, [transport, connection]);

  useEffect(() => {
    let cancelled = false;
    void fetchServerHealth(transport, connection).then((result) => {
      if (cancelled) return;
      setFailed(!result.ok);
      if (result.ok) setHealth(result.health);
    });
    return () => {
      cancelled = true;
    };
  }, [transport, connection]);

  const nowMs = health ? Date.parse(health.serverTime) : 0;
  const desks = (health?.devices ?? []).filter((d) => d.revokedAt === null);

  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('settings.health.title')}</h2>
      <button type="button" onClick={() => void load()}>
        {t('settings.health.refresh')}
      </button>
      {failed ? <p role="alert">{t('settings.health.unreachable')}</p> : null}
      {health ? (
        <>
          <p role="status">
            {health.database.reachable
              ? t('settings.health.databaseOk')
              : t('settings.health.databaseDown')}
          </p>
          <ul className="device-health">
            {desks.map((d) => {
              const name =
                d.name.trim() ||
                t('settings.health.unnamed', {
                  location: findLocation(d.locationId)?.name ?? d.locationId,
                });
              const age = classifyDeviceSyncAge(d.lastSyncAt, nowMs);
              if (age.kind === 'never')
                return <li key={d.deviceId}>{t('settings.health.never', { name })}</li>;
              const date = formatLocalDate(localDateOf(age.at));
              const time = localTimeOf(age.at);
              if (age.kind === 'recent')
                return (
                  <li key={d.deviceId}>{t('settings.health.recent', { name, date, time })}</li>
                );
              return (
                <li key={d.deviceId} className="device-behind">
                  <strong>
                    {t(
                      age.days === 1
                        ? 'settings.health.behind.one'
                        : 'settings.health.behind.other',
                      {
                        name,
                        days: age.days,
                      },
                    )}
                  </strong>{' '}
                  {t('settings.health.lastAt', { date, time })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
