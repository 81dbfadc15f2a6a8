import { useId, useRef, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { retentionCutoff } from '../../../domain/member-admin/retention.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { deregisterPerson, eraseMember } from '../../db/member-admin-actions.ts';
import { readRetentionList } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { describeError } from './describe-error.ts';
import { useMembersStore } from './members-store.ts';
import { locationName } from './names.ts';

type Run = {
  kind: 'erase' | 'deregister';
  done: number;
  total: number;
  state: 'running' | 'stopped' | 'finished';
};

/**
 * The retention rule: people not seen for N years, to erase or deregister in bulk. Each person is
 * its own transaction, so stopping (or closing the laptop) halfway loses nothing: what is done is
 * saved, and the rest is still on the list.
 */
export function RetentionPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const years = useMembersStore((s) => s.retentionYears);
  const setYears = useMembersStore((s) => s.setRetentionYears);
  const rows = useLiveQuery(() => readRetentionList(db, now(), years), [db, years, now]);
  const [yearsText, setYearsText] = useState(String(years));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirmErase, setConfirmErase] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stopRef = useRef(false);
  const today = localDateOf(now());
  const visible = rows ?? [];
  const chosen = visible.filter((r) => selected.has(r.memberId)).map((r) => r.memberId);
  const running = run?.state === 'running';
  const reasonText = reason.trim() || t('members.retention.reasonDefault', { years });

  async function start(kind: Run['kind']) {
    const ids = [...chosen];
    setConfirmErase(false);
    setError(null);
    stopRef.current = false;
    let done = 0;
    setRun({ kind, done, total: ids.length, state: 'running' });
    for (const memberId of ids) {
      if (stopRef.current) {
        setRun({ kind, done, total: ids.length, state: 'stopped' });
        return;
      }
      try {
        if (kind === 'erase') await eraseMember(db, writer, memberId, now());
        else await deregisterPerson(db, writer, memberId, reasonText, now());
      } catch (err) {
        setError(t('members.saveFailed', { detail: describeError(err) }));
        setRun({ kind, done, total: ids.length, state: 'stopped' });
        return;
      }
      done += 1;
      setRun({ kind, done, total: ids.length, state: 'running' });
      setSelected((s) => {
        const next = new Set(s);
        next.delete(memberId);
        return next;
      });
    }
    setRun({ kind, done, total: ids.length, state: 'finished' });
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
        <table className="members-table">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('members.retention.selectAll')}
                  checked={chosen.length === visible.length}
                  disabled={running}
                  onChange={(e) =>
                    setSelected(
                      e.target.checked ? new Set(visible.map((r) => r.memberId)) : new Set(),
                    )
                  }
                />
              </th>
              <th scope="col">{t('members.retention.name')}</th>
              <th scope="col">{t('members.retention.lastSeen')}</th>
              <th scope="col">{t('members.retention.registered')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.memberId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('members.retention.select', { name: r.name })}
                    checked={selected.has(r.memberId)}
                    disabled={running}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(r.memberId);
                        else next.delete(r.memberId);
                        return next;
                      })
                    }
                  />
                </td>
                <td>{r.name}</td>
                <td>{r.lastSeen ? formatLocalDate(r.lastSeen) : t('members.retention.never')}</td>
                <td>
                  {r.openLocations.length > 0
                    ? r.openLocations.map(locationName).join(', ')
                    : t('members.retention.nowhere')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
              onClick={() => void start('deregister')}
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
                <button
                  type="button"
                  className="danger"
                  onClick={() => void start('erase')}
                  autoFocus
                >
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
            <button type="button" className="secondary" onClick={() => (stopRef.current = true)}>
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
