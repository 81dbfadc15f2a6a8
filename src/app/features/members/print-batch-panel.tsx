import { useId, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readPassesIssuedSince } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { useMembersStore } from './members-store.ts';

/** A batch of passes to print: the valid ones issued since a day, all selected at first. */
export function PrintBatchPanel() {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const id = useId();
  const printPasses = useMembersStore((s) => s.printPasses);
  const [since, setSince] = useState(localDateOf(now()));
  const [unselected, setUnselected] = useState<ReadonlySet<string>>(new Set());
  const passes = useLiveQuery(() => readPassesIssuedSince(db, since), [db, since]);
  const chosen = (passes ?? []).filter((p) => !unselected.has(p.code)).map((p) => p.code);

  return (
    <section aria-labelledby={`${id}-title`} className="print-batch">
      <h2 id={`${id}-title`}>{t('members.print.title')}</h2>
      <label htmlFor={`${id}-since`}>{t('members.print.since')}</label>{' '}
      <input
        id={`${id}-since`}
        type="date"
        value={since}
        onChange={(e) => e.target.value && setSince(e.target.value)}
      />
      {passes && passes.length === 0 && <p>{t('members.print.none')}</p>}
      {passes && passes.length > 0 && (
        <>
          <div className="row-actions">
            <button type="button" className="secondary" onClick={() => setUnselected(new Set())}>
              {t('members.print.selectAll')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setUnselected(new Set(passes.map((p) => p.code)))}
            >
              {t('members.print.selectNone')}
            </button>
          </div>
          <ul className="check-list">
            {passes.map((p) => (
              <li key={p.code}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={!unselected.has(p.code)}
                    onChange={(e) =>
                      setUnselected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.delete(p.code);
                        else next.add(p.code);
                        return next;
                      })
                    }
                  />
                  {t('members.print.select', { name: p.name, code: p.code })} ·{' '}
                  {formatLocalDate(localDateOf(p.issuedAt))}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" disabled={chosen.length === 0} onClick={() => printPasses(chosen)}>
            {t('members.print.go', { count: chosen.length })}
          </button>
        </>
      )}
    </section>
  );
}
