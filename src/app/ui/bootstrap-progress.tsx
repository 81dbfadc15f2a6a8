import { useDb } from '../db/db-context.tsx';
import { useSnapshotLoadView, type LoadView } from '../db/snapshot-watch.ts';
import { formatNumber } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/use-t.ts';

/**
 * A new laptop filling up (or a rebuild): one bar per table with "3.400 van 10.000 leden", and
 * "Klaar om te scannen" the moment the desk's tables are in, before the treasurer's and the
 * report's. The bar counts rows actually stored, so it never runs ahead of what the laptop holds.
 * A rebuild (`rebuild`) holds the desk until it is complete: it never says "ready to scan" early.
 */
export function BootstrapProgressView({
  view,
  rebuild = false,
}: {
  view: LoadView;
  rebuild?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const current = view.steps.find((s) => s.done < s.total);
  const noun = (table: string) => {
    const key = `bootstrap.noun.${table}`;
    const word = t(key);
    return word === key ? t('bootstrap.noun.rows') : word;
  };
  return (
    <div className="bootstrap-progress">
      {view.complete ? (
        <p role="status">
          <strong>{t('bootstrap.complete')}</strong>
        </p>
      ) : rebuild ? (
        <p role="status">{t('bootstrap.rebuilding')}</p>
      ) : view.scanReady ? (
        <p role="status">
          <strong>{t('bootstrap.scanReady')}</strong>{' '}
          {t(view.countsReady ? 'bootstrap.countsReady' : 'bootstrap.scanReadyRest')}
        </p>
      ) : (
        <p role="status">{t('bootstrap.loading')}</p>
      )}
      {view.complete ? null : (
        <ul className="bootstrap-steps">
          {view.steps.map((s) => (
            <li key={s.table} aria-current={s === current ? 'step' : undefined}>
              <progress
                aria-label={t(rebuild ? 'bootstrap.barLabelRebuild' : 'bootstrap.barLabel', {
                  noun: noun(s.table),
                })}
                max={Math.max(1, s.total)}
                value={Math.min(s.done, s.total)}
              />{' '}
              {t('bootstrap.count', {
                done: formatNumber(s.done, lang),
                total: formatNumber(s.total, lang),
                noun: noun(s.table),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The live progress of this laptop's snapshot; nothing when it did not start from one. */
export function BootstrapProgress() {
  const db = useDb();
  const view = useSnapshotLoadView(db);
  if (!view) return null;
  return <BootstrapProgressView view={view} />;
}
