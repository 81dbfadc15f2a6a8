/**
 * The treasurer's screen, behind the treasurer PIN: who still owes per association and year,
 * per-member history with payments, waivers and voids, possible duplicates, the cash box count
 * and the contribution amount per year. Everything reads the local projection tables, so it
 * works offline on any synced laptop.
 */
import { useLiveQuery } from '../../db/use-live-query.ts';
import { ASSOCIATIONS, associationOf } from '../../../domain/catalog.ts';
import { localYearOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readPossibleDuplicates } from '../../db/treasurer-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { AmountPanel } from './amount-panel.tsx';
import { CashPanel } from './cash-panel.tsx';
import { DuplicatesPanel } from './duplicates-panel.tsx';
import { MemberPanel } from './member-panel.tsx';
import { OwesPanel } from './owes-panel.tsx';
import { useTreasurerStore, type TreasurerTab } from './treasurer-store.ts';
import './treasurer.css';

export function TreasurerScreen() {
  return (
    <RoleGate role="treasurer">
      <TreasurerWorkspace />
    </RoleGate>
  );
}

const TABS: readonly TreasurerTab[] = ['owes', 'duplicates', 'cash', 'amount'];

/** The association and year the treasurer looks at: chosen, or this desk's and this year. */
export function useTreasurerScope(): { associationId: string; year: number; currentYear: number } {
  const { writer, now } = useDesk();
  const chosenAssociation = useTreasurerStore((s) => s.associationId);
  const chosenYear = useTreasurerStore((s) => s.year);
  const currentYear = localYearOf(now());
  return {
    associationId: chosenAssociation ?? associationOf(writer.locationId) ?? ASSOCIATIONS[0]!.id,
    year: chosenYear ?? currentYear,
    currentYear,
  };
}

function TreasurerWorkspace() {
  const t = useT();
  const db = useDb();
  const { associationId, year, currentYear } = useTreasurerScope();
  const tab = useTreasurerStore((s) => s.tab);
  const memberId = useTreasurerStore((s) => s.memberId);
  const setTab = useTreasurerStore((s) => s.setTab);
  const setAssociation = useTreasurerStore((s) => s.setAssociation);
  const setYear = useTreasurerStore((s) => s.setYear);
  const duplicates = useLiveQuery(
    () => readPossibleDuplicates(db, associationId, year),
    [db, associationId, year],
  );
  const years: number[] = [];
  for (let y = currentYear + 1; y >= Math.min(currentYear - 4, year); y--) years.push(y);

  return (
    <div className="treasurer-screen">
      <div className="treasurer-head no-print">
        <h1>{t('treasurer.title')}</h1>
        <label>
          {t('treasurer.association')}
          <select value={associationId} onChange={(e) => setAssociation(e.target.value)}>
            {ASSOCIATIONS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('treasurer.year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className="treasurer-tabs no-print" aria-label={t('treasurer.tabs')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            className={k === tab && !memberId ? '' : 'secondary'}
            aria-current={k === tab && !memberId ? 'page' : undefined}
            onClick={() => setTab(k)}
          >
            {k === 'duplicates'
              ? t('treasurer.tab.duplicates', { count: duplicates?.length ?? 0 })
              : t(`treasurer.tab.${k}`)}
          </button>
        ))}
      </nav>
      {memberId ? (
        <MemberPanel memberId={memberId} associationId={associationId} year={year} />
      ) : tab === 'owes' ? (
        <OwesPanel associationId={associationId} year={year} />
      ) : tab === 'duplicates' ? (
        <DuplicatesPanel groups={duplicates ?? []} />
      ) : tab === 'cash' ? (
        <CashPanel />
      ) : (
        <AmountPanel associationId={associationId} year={year} />
      )}
    </div>
  );
}
