import { useCallback, useEffect, useState } from 'react';
import { useDesk } from '../context/desk-context.tsx';
import { useDb } from '../db/db-context.tsx';
import { rebuildProjections, type RebuildProgress } from '../db/rebuild-projections.ts';
import {
  HISTORY_KEEPS,
  readHistoryKeep,
  readSnapshotProgress,
  writeHistoryKeep,
  type HistoryKeep,
} from '../db/snapshot-progress.ts';
import { useLiveQuery } from '../db/use-live-query.ts';
import { formatNumber } from '../i18n/format.ts';
import { registerMessages } from '../i18n/messages.ts';
import { useLang, useT } from '../i18n/use-t.ts';
import { BootstrapProgressView } from './bootstrap-progress.tsx';
import { bootstrapProgressMessages } from './bootstrap-progress-messages.ts';
import { storageMessages } from './storage-messages.ts';

registerMessages(storageMessages);
registerMessages(bootstrapProgressMessages);

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

type RebuildState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: RebuildProgress }
  | { kind: 'done'; total: number; compared: boolean }
  | { kind: 'failed'; detail: string };

/**
 * Whether the browser keeps this laptop's data for good, how much is in use, and (with
 * `rebuild`) "Rebuild counts": every derived table recomputed from the stored facts, then
 * `onRebuilt` (the settings screen compares with the server's summary there); with `history`,
 * how much visit history the laptop keeps.
 */
export function StoragePanel({
  askOnMount = false,
  rebuild = false,
  history = false,
  onRebuilt,
}: {
  askOnMount?: boolean;
  rebuild?: boolean;
  /** The choice of visit history kept (needs the desk's clock). */
  history?: boolean;
  onRebuilt?: () => Promise<unknown>;
}) {
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
      {rebuild && <RebuildCounts onRebuilt={onRebuilt} />}
      {history && <HistoryKeepChoice />}
    </section>
  );
}

function RebuildCounts({ onRebuilt }: { onRebuilt: (() => Promise<unknown>) | undefined }) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const [state, setState] = useState<RebuildState>({ kind: 'idle' });
  // A laptop that started from the server's snapshot holds the counts, not the facts behind
  // them: rebuilding from its facts would empty them. Its counts come again by connecting anew.
  const fromSnapshot = useLiveQuery(
    async () => (await readSnapshotProgress(db)) !== undefined,
    [db],
  );
  const start = async () => {
    setState({ kind: 'running', progress: { done: 0, total: 0 } });
    try {
      const result = await rebuildProjections(db, {
        onProgress: (progress) => setState({ kind: 'running', progress }),
      });
      if (onRebuilt) await onRebuilt();
      setState({ kind: 'done', total: result.total, compared: onRebuilt !== undefined });
    } catch (e) {
      setState({ kind: 'failed', detail: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="storage-rebuild">
      <h3>{t('storage.rebuild.title')}</h3>
      <p>{t(fromSnapshot ? 'storage.rebuild.fromSnapshot' : 'storage.rebuild.intro')}</p>
      <button
        type="button"
        onClick={() => void start()}
        disabled={state.kind === 'running' || fromSnapshot !== false}
      >
        {t('storage.rebuild.start')}
      </button>
      {state.kind === 'running' ? (
        <BootstrapProgressView
          rebuild
          view={{
            steps: [{ table: 'events', done: state.progress.done, total: state.progress.total }],
            scanReady: false,
            complete: false,
          }}
        />
      ) : (
        <p role="status">
          {state.kind === 'done'
            ? t(state.compared ? 'storage.rebuild.done' : 'storage.rebuild.doneOffline', {
                total: formatNumber(state.total, lang),
              })
            : state.kind === 'failed'
              ? t('storage.rebuild.failed', { detail: state.detail })
              : ''}
        </p>
      )}
    </div>
  );
}

/** How much visit history this laptop keeps (docs/sync-protocol.md, "Raw history on a laptop"). */
function HistoryKeepChoice() {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const keep = useLiveQuery(() => readHistoryKeep(db), [db]);
  const [removed, setRemoved] = useState<number | null>(null);
  const choose = async (next: HistoryKeep) => {
    setRemoved(await writeHistoryKeep(db, next, now()));
  };
  return (
    <fieldset className="storage-history">
      <legend>{t('storage.history.title')}</legend>
      <p>{t('storage.history.intro')}</p>
      {HISTORY_KEEPS.map((k) => (
        <label key={k}>
          <input
            type="radio"
            name="history-keep"
            value={k}
            checked={keep === k}
            onChange={() => void choose(k)}
          />{' '}
          {t(`storage.history.${k}`)}
        </label>
      ))}
      {removed !== null && removed > 0 ? (
        <p role="status">{t('storage.history.removed', { count: removed })}</p>
      ) : null}
    </fieldset>
  );
}

/** Another tab upgraded the database: this one closed its connection; offer a reload. */
export function VersionChangeNotice() {
  const t = useT();
  const db = useDb();
  const [replaced, setReplaced] = useState(db.replacedByNewerVersion);
  useEffect(() => db.onVersionChange(() => setReplaced(true)), [db]);
  if (!replaced) return null;
  return (
    <div className="update-banner" role="alert">
      <span>{t('storage.versionChange')}</span>
      <button type="button" onClick={() => window.location.reload()}>
        {t('storage.versionChange.reload')}
      </button>
    </div>
  );
}
