import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { ASSOCIATIONS, findLocation, LOCATIONS } from '../../../domain/catalog.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import {
  filterOwes,
  sortOwes,
  totalOwes,
  type OwesSort,
  type OwesStatusFilter,
  type OwesVisitFilter,
} from '../../../domain/treasurer/owes-list.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readOwesList } from '../../db/treasurer-queries.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { buildOwesCsv, downloadTextFile } from './owes-csv.ts';
import { useTreasurerStore } from './treasurer-store.ts';

/** Rows drawn at once; the rest on request (and always when printing), so 10.000 members stay quick. */
const PAGE = 200;

const STATUSES: readonly OwesStatusFilter[] = [
  'open',
  'unpaid',
  'partial',
  'waived',
  'paid',
  'all',
];
const VISITS: readonly OwesVisitFilter[] = ['any', 'seen-since', 'not-seen-since'];
const COLUMNS: readonly { key: string; sort?: OwesSort; numeric?: boolean }[] = [
  { key: 'name', sort: 'name' },
  { key: 'locations' },
  { key: 'registered', sort: 'registered' },
  { key: 'lastVisit', sort: 'last-visit' },
  { key: 'paid', numeric: true },
  { key: 'open', sort: 'open', numeric: true },
  { key: 'status' },
];

export function OwesPanel({ associationId, year }: { associationId: string; year: number }) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { now } = useDesk();
  const filter = useTreasurerStore((s) => s.filter);
  const setFilter = useTreasurerStore((s) => s.setFilter);
  const resetFilter = useTreasurerStore((s) => s.resetFilter);
  const openMember = useTreasurerStore((s) => s.openMember);
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
  const sortBy = (sort: OwesSort) =>
    setFilter(
      filter.sort === sort
        ? { descending: !filter.descending }
        : { sort, descending: sort === 'open' || sort === 'last-visit' },
    );

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
      <fieldset className="owes-filters no-print">
        <legend>{t('treasurer.filters')}</legend>
        <label>
          {t('treasurer.filter.status')}
          <select
            value={filter.status}
            onChange={(e) => setFilter({ status: e.target.value as OwesStatusFilter })}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`treasurer.filter.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('treasurer.filter.location')}
          <select
            value={filter.locationId}
            onChange={(e) => setFilter({ locationId: e.target.value })}
          >
            <option value="all">{t('treasurer.filter.location.all')}</option>
            {LOCATIONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('treasurer.filter.visit')}
          <select
            value={filter.visit}
            onChange={(e) => setFilter({ visit: e.target.value as OwesVisitFilter })}
          >
            {VISITS.map((v) => (
              <option key={v} value={v}>
                {t(`treasurer.filter.visit.${v}`)}
              </option>
            ))}
          </select>
        </label>
        {filter.visit !== 'any' && (
          <label>
            {t('treasurer.filter.visitDate')}
            <input
              type="date"
              value={filter.visitDate}
              onChange={(e) => setFilter({ visitDate: e.target.value })}
            />
          </label>
        )}
        <label>
          {t('treasurer.filter.registeredFrom')}
          <input
            type="date"
            value={filter.registeredFrom}
            onChange={(e) => setFilter({ registeredFrom: e.target.value })}
          />
        </label>
        <label>
          {t('treasurer.filter.query')}
          <input
            type="search"
            value={filter.query}
            onChange={(e) => setFilter({ query: e.target.value })}
          />
        </label>
        <button type="button" className="secondary" onClick={resetFilter}>
          {t('treasurer.filter.reset')}
        </button>
      </fieldset>

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

      {shown.length === 0 ? (
        <p>{t('treasurer.empty')}</p>
      ) : (
        <table className="owes-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={
                    c.sort && filter.sort === c.sort
                      ? filter.descending
                        ? 'descending'
                        : 'ascending'
                      : undefined
                  }
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort"
                      aria-label={t('treasurer.sortBy', { column: t(`treasurer.col.${c.key}`) })}
                      onClick={() => sortBy(c.sort!)}
                    >
                      {t(`treasurer.col.${c.key}`)}
                      <span aria-hidden="true" className="no-print">
                        {filter.sort === c.sort ? (filter.descending ? ' ▼' : ' ▲') : ''}
                      </span>
                    </button>
                  ) : (
                    t(`treasurer.col.${c.key}`)
                  )}
                </th>
              ))}
              <th scope="col" className="print-only-cell">
                {t('treasurer.col.received')}
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.memberId}>
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    onClick={() => openMember(r.memberId)}
                    aria-label={t('treasurer.member.open', {
                      name: r.name || t('treasurer.noName'),
                    })}
                  >
                    {r.name || t('treasurer.noName')}
                  </button>
                </th>
                <td>{r.locations.map((l) => findLocation(l)?.name ?? l).join(', ')}</td>
                <td>{r.registeredOn ? formatLocalDate(r.registeredOn) : ''}</td>
                <td>{r.lastVisit ? formatLocalDate(r.lastVisit) : t('treasurer.never')}</td>
                <td className="num">{formatMoney(r.paidCents, lang)}</td>
                <td className="num">
                  <strong>{formatMoney(r.openCents, lang)}</strong>
                </td>
                <td>
                  <span className={`badge badge-${r.status}`}>
                    {t(`treasurer.status.${r.status}`)}
                  </span>
                </td>
                <td className="print-only-cell" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
