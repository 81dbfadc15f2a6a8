import { findLocation } from '../../../domain/catalog.ts';
import type { OwesRow, OwesSort } from '../../../domain/treasurer/owes-list.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useTreasurerStore } from './treasurer-store.ts';

const COLUMNS: readonly { key: string; sort?: OwesSort; numeric?: boolean }[] = [
  { key: 'name', sort: 'name' },
  { key: 'locations' },
  { key: 'registered', sort: 'registered' },
  { key: 'lastVisit', sort: 'last-visit' },
  { key: 'paid', numeric: true },
  { key: 'open', sort: 'open', numeric: true },
  { key: 'status' },
];

/** The owes rows as a table: sortable columns, a name opens the member, an empty column for paper. */
export function OwesTable({ rows }: { rows: readonly OwesRow[] }) {
  const t = useT();
  const lang = useLang();
  const filter = useTreasurerStore((s) => s.filter);
  const setFilter = useTreasurerStore((s) => s.setFilter);
  const openMember = useTreasurerStore((s) => s.openMember);
  const sortBy = (sort: OwesSort) =>
    setFilter(
      filter.sort === sort
        ? { descending: !filter.descending }
        : { sort, descending: sort === 'open' || sort === 'last-visit' },
    );
  return (
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
        {rows.map((r) => (
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
              <span className={`badge badge-${r.status}`}>{t(`treasurer.status.${r.status}`)}</span>
            </td>
            <td className="print-only-cell" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
