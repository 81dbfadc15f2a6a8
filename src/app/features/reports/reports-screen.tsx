/**
 * The coordinator's year report screen, behind the coordinator PIN: the report itself (table,
 * legend, charts, print and exports), targets, services, volunteers and key holders, and bulk
 * deregistration. The report is a live query over the aggregates, so a target saved or a page
 * pulled shows at once.
 */
import { useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readReportYears, readYearReport } from '../../db/report-read.ts';
import { useT } from '../../i18n/use-t.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { DeregisterPanel } from './deregister-panel.tsx';
import { RolesPanel } from './roles-panel.tsx';
import { ServicesPanel } from './services-panel.tsx';
import { TargetPanel } from './target-panel.tsx';
import { ReferralPeriodPanel } from './referral-period-panel.tsx';
import { YearReportView } from './year-report-view.tsx';
import './reports.css';

type Tab = 'report' | 'targets' | 'services' | 'roles' | 'deregister';
const TABS: readonly Tab[] = ['report', 'targets', 'services', 'roles', 'deregister'];

export function ReportsScreen() {
  return (
    <RoleGate role="coordinator">
      <CoordinatorReports />
    </RoleGate>
  );
}

export function CoordinatorReports() {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const [tab, setTab] = useState<Tab>('report');
  const years = useLiveQuery(() => readReportYears(db, now()), [db]);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const year = chosenYear ?? years?.[0] ?? null;
  const report = useLiveQuery(
    () => (year === null ? undefined : readYearReport(db, year, now())),
    [db, year],
  );

  return (
    <div className="reports-screen">
      <div className="reports-head no-print">
        <h1>{t('reports.title')}</h1>
        {tab === 'report' ? (
          <label>
            {t('reports.year')}{' '}
            <select value={year ?? ''} onChange={(e) => setChosenYear(Number(e.target.value))}>
              {(years ?? []).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <nav aria-label={t('reports.tabs')} className="reports-tabs no-print">
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            aria-current={x === tab ? 'page' : undefined}
            onClick={() => setTab(x)}
          >
            {t(`reports.tab.${x}`)}
          </button>
        ))}
      </nav>
      {tab === 'report' ? (
        report ? (
          <YearReportView report={report} nowMs={now()} />
        ) : (
          <p className="loading">{t('reports.loading')}</p>
        )
      ) : null}
      {tab === 'targets' && years ? <TargetPanel report={report} years={years} /> : null}
      {tab === 'targets' ? <ReferralPeriodPanel /> : null}
      {tab === 'services' ? <ServicesPanel /> : null}
      {tab === 'roles' ? <RolesPanel /> : null}
      {tab === 'deregister' ? <DeregisterPanel /> : null}
    </div>
  );
}
