import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { ASSOCIATIONS } from '../../../domain/catalog.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { filterOwes, sortOwes, totalOwes } from '../../../domain/treasurer/owes-list.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readOwesList } from '../../db/treasurer-queries.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { buildOwesCsv, downloadTextFile } from './owes-csv.ts';
import { OwesFilters } from './owes-filters.tsx';
import { OwesTable } from './owes-table.tsx';
import { useTreasurerStore } from './treasurer-store.ts';

/** Rows drawn at once; the rest on request (and always when printing), so 10.000 members stay quick. */
const PAGE = 200;

/** Who still owes this year: totals, filters, the list (CSV and print), one association. */
export function OwesPanel({ associationId, year }: { associationId: string; year: number }) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { now } = useDesk();
  const filter = useTreasurerStore((s) => s.filter);
  const [showAll, setShowAll] = useState(false);
  const [printing, setPrinting] = useState(false);
  const list = useLiveQuery(() => readOwesList(db, associationId, year), [db, associationId, year]);
  const shown = useMemo(
    () => (list ? sortOwes(filterOwes(list.rows, filter), filter.sort, filter.descending) : []),
    [list, filter],
  );
  const totals = useMemo(() => (list ? totalOwes(list.rows) : null), [list]);

  // Until the chosen year's rows are read, show nothing rather than last choice's rows.
  if (!list || !totals || list.year !== year || list.associationId !== associationId)
    return <p className="loading">{t('app.loading')}</p>;
  const association = ASSOCIATIONS.find((a) => a.id === associationId)?.name ?? associationId;
  const visible = showAll || printing ? shown : shown.slice(0, PAGE);

  return (
    <section className="owes" aria-labelledby="owes-title">
      <h2 id="owes-title" className="no-print">
        {t('treasurer.tab.owes')}
      </h2>
      <div className="print-only">
        <h1>{t('treasurer.printTitle', { year, association })}</h1>
        <p>{t('treasurer.printedOn', { date: formatLocalDate(localDateOf(now())) })}</p>
      </div>
      <div className="owes-summary">
        <p className="owes-due">
          {t('treasurer.due', { year, amount: formatMoney(list.dueCents, lang) })}
        </p>
        <p className="owes-totals" data-testid="owes-totals">
          {t('treasurer.totals', {
            members: totals.members,
            year,
            paying: totals.paying,
            partial: totals.partial,
            unpaid: totals.unpaid,
            waived: totals.waived,
          })}
        </p>
        <p className="owes-open">
          {t('treasurer.totalOpen', { amount: formatMoney(totals.openCents, lang) })}
        </p>
      </div>
      <OwesFilters />

      <div className="owes-actions no-print">
        <p role="status">{t('treasurer.count', { count: shown.length })}</p>
        <button
          type="button"
          onClick={() =>
            downloadTextFile(
              t('treasurer.csvFile', { association: associationId, year }),
              buildOwesCsv(shown, t),
            )
          }
          disabled={shown.length === 0}
        >
          {t('treasurer.exportCsv')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            // Every row on paper, not only the first page on screen.
            flushSync(() => setPrinting(true));
            window.print();
            setPrinting(false);
          }}
          disabled={shown.length === 0}
        >
          {t('treasurer.print')}
        </button>
      </div>

      {shown.length === 0 ? <p>{t('treasurer.empty')}</p> : <OwesTable rows={visible} />}
      <p className="owes-offline no-print">{t('treasurer.offlineNote')}</p>
      {!showAll && shown.length > PAGE && (
        <p className="no-print">
          {t('treasurer.shownOf', { shown: PAGE, count: shown.length })}{' '}
          <button type="button" className="secondary" onClick={() => setShowAll(true)}>
            {t('treasurer.showAll', { count: shown.length })}
          </button>
        </p>
      )}
    </section>
  );
}
