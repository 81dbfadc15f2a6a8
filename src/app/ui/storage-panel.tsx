import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/use-t.ts';

type StorageState = { persisted: boolean | null; usage: number | null; quota: number | null };

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} kB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1).replace('.', ',')} GB`;
}

async function readStorage(ask: boolean): Promise<StorageState> {
  const storage = navigator.storage;
  if (!storage) return { persisted: null, usage: null, quota: null };
  let persisted: boolean | null = storage.persisted ? await storage.persisted() : null;
  if (ask && persisted === false && storage.persist) persisted = await storage.persist();
  const estimate = storage.estimate ? await storage.estimate() : {};
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

/** Whether the browser keeps this laptop's data for good, and how much is in use. */
export function StoragePanel({ askOnMount = false }: { askOnMount?: boolean }) {
  const t = useT();
  const [state, setState] = useState<StorageState>({ persisted: null, usage: null, quota: null });

  const refresh = useCallback((ask: boolean) => readStorage(ask).then(setState), []);

  useEffect(() => {
    let cancelled = false;
    readStorage(askOnMount).then((s) => !cancelled && setState(s));
    return () => {
      cancelled = true;
    };
  }, [askOnMount]);

  return (
    <section className="storage-panel" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('setup.storage.title')}</h2>
      <p data-testid="storage-persisted">
        {state.persisted === null
          ? t('setup.storage.unknown')
          : state.persisted
            ? t('setup.storage.persisted')
            : t('setup.storage.notPersisted')}
      </p>
      {state.usage !== null && state.quota !== null && (
        <p>
          {t('setup.storage.used', {
            used: formatBytes(state.usage),
            quota: formatBytes(state.quota),
          })}
        </p>
      )}
      {state.persisted === false && (
        <button type="button" onClick={() => void refresh(true)}>
          {t('setup.storage.ask')}
        </button>
      )}
    </section>
  );
}
