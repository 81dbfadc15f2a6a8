import { LOCATIONS } from '../../../domain/catalog.ts';
import type { OwesStatusFilter, OwesVisitFilter } from '../../../domain/treasurer/owes-list.ts';
import { useT } from '../../i18n/use-t.ts';
import { useTreasurerStore } from './treasurer-store.ts';

const STATUSES: readonly OwesStatusFilter[] = [
  'open',
  'unpaid',
  'partial',
  'waived',
  'paid',
  'all',
];
const VISITS: readonly OwesVisitFilter[] = ['any', 'seen-since', 'not-seen-since'];

/** The treasurer's filters over the owes list (kept in the treasurer store while the screen lives). */
export function OwesFilters() {
  const t = useT();
  const filter = useTreasurerStore((s) => s.filter);
  const setFilter = useTreasurerStore((s) => s.setFilter);
  const resetFilter = useTreasurerStore((s) => s.resetFilter);
  return (
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
  );
}
