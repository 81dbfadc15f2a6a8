import { useId, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { retentionCutoff } from '../../../domain/member-admin/retention.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readRetentionList } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { useMembersStore } from './members-store.ts';
import { RetentionTable } from './retention-table.tsx';
import { useRetentionRun, type RetentionRun } from './use-retention-run.ts';

/**
 * The retention rule: people not seen for N years, to erase or deregister in bulk
 * (use-retention-run.ts does the work, one person per transaction).
 */
export function RetentionPanel() {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const id = useId();
  const years = useMembersStore((s) => s.retentionYears);
  const setYears = useMembersStore((s) => s.setRetentionYears);
  const rows = useLiveQuery(() => readRetentionList(db, now(), years), [db, years, now]);
  const [yearsText, setYearsText] = useState(String(years));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirmErase, setConfirmErase] = useState(false);
  const bulk = useRetentionRun((memberId) =>
    setSelected((s) => {
      const next = new Set(s);
      next.delete(memberId);
      return next;
    }),
  );
  const { run, error, running } = bulk;
  const today = localDateOf(now());
  const visible = rows ?? [];
  const chosen = visible.filter((r) => selected.has(r.memberId)).map((r) => r.memberId);
  const reasonText = reason.trim() || t('members.retention.reasonDefault', { years });

  function start(kind: RetentionRun['kind']) {
    setConfirmErase(false);
    void bulk.start(kind, chosen, reasonText);
  }

  return (
    <section aria-labelledby={`${id}-title`} className="retention">
      <h2 id={`${id}-title`}>{t('members.retention.title')}</h2>
      <p className="hint">{t('members.retention.intro')}</p>
      <div className="form-row">
        <label htmlFor={`${id}-years`}>{t('members.retention.years')}</label>
        <input
          id={`${id}-years`}
          type="number"
          min={1}
          max={20}
          value={yearsText}
          disabled={running}
          onChange={(e) => {
            // The field may be empty while typing; the list follows once it holds a whole number 1–20.
            setYearsText(e.target.value);
            const n = Number(e.target.value);
            if (e.target.value !== '' && Number.isInteger(n) && n >= 1 && n <= 20) setYears(n);
          }}
        />
      </div>
      {rows && (
        <p>
          {t('members.retention.count', {
            count: rows.length,
            date: formatLocalDate(retentionCutoff(today, years)),
          })}
        </p>
      )}
      {visible.length > 0 && (
        <RetentionTable
          rows={visible}
          selected={selected}
          setSelected={setSelected}
          disabled={running}
        />
      )}
      {visible.length > 0 && (
        <div className="bulk-actions">
          <p>{t('members.retention.selected', { count: chosen.length })}</p>
          <div className="form-row">
            <label htmlFor={`${id}-reason`}>{t('members.retention.reason')}</label>
            <input
              id={`${id}-reason`}
              value={reason}
              placeholder={t('members.retention.reasonDefault', { years })}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              disabled={running}
            />
          </div>
          <div className="row-actions">
            <button
              type="button"
              className="secondary"
              disabled={running || chosen.length === 0}
              onClick={() => start('deregister')}
            >
              {t('members.retention.deregister')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={running || chosen.length === 0}
              onClick={() => setConfirmErase(true)}
            >
              {t('members.retention.erase')}
            </button>
          </div>
          {confirmErase && (
            <div className="confirm-box">
              <p>{t('members.retention.eraseConfirm', { count: chosen.length })}</p>
              <div className="row-actions">
                <button type="button" className="danger" onClick={() => start('erase')} autoFocus>
                  {t('members.retention.eraseConfirmButton', { count: chosen.length })}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmErase(false)}>
                  {t('members.retention.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {run && (
        <div className="bulk-progress">
          <progress
            max={run.total}
            value={run.done}
            aria-label={t('members.retention.progress', { done: run.done, total: run.total })}
          />
          <p role="status">
            {run.state === 'running' &&
              t('members.retention.progress', { done: run.done, total: run.total })}
            {run.state === 'stopped' &&
              t('members.retention.stopped', { done: run.done, total: run.total })}
            {run.state === 'finished' &&
              t(`members.retention.finished.${run.kind}`, { done: run.done })}
          </p>
          {running && (
            <button type="button" className="secondary" onClick={bulk.stop}>
              {t('members.retention.stop')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
