/**
 * The Members screen: find a person and keep their record right (profile, consent, passes), print
 * passes, and the coordinator's privacy work (access export, erasure, duplicates, pass numbers
 * issued twice, the retention list). Sensitive actions sit behind the coordinator PIN.
 *
 * The pass print sheet is a separate chunk (React.lazy): bwip-js draws the barcodes and is only
 * downloaded when someone prints, so it is not part of the front desk's start-up JavaScript.
 */
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/use-t.ts';
import type { Transport } from '../../sync/sync-engine.ts';
import { RoleGate } from '../../ui/role-gate.tsx';
import { ConflictsPanel } from './conflicts-panel.tsx';
import { DuplicatesPanel } from './duplicates-panel.tsx';
import { FindPanel } from './find-panel.tsx';
import { useMembersStore, type MembersTab } from './members-store.ts';
import { PrintBatchPanel } from './print-batch-panel.tsx';
import { RetentionPanel } from './retention-panel.tsx';
import './members.css';

const PassPrintView = lazy(() =>
  import('./pass-print-view.tsx').then((m) => ({ default: m.PassPrintView })),
);

// The import wizard is its own chunk; its file parsers load only when a file is chosen.
const ImportPanel = lazy(() =>
  import('./import/import-panel.tsx').then((m) => ({ default: m.ImportPanel })),
);

const TABS: readonly MembersTab[] = [
  'find',
  'print',
  'conflicts',
  'duplicates',
  'retention',
  'import',
];

export type MembersScreenProps = {
  /** Tests pass their own; the browser's fetch otherwise (the access export asks the server). */
  transport?: Transport;
};

export function MembersScreen({ transport }: MembersScreenProps = {}) {
  const t = useT();
  const tab = useMembersStore((s) => s.tab);
  const setTab = useMembersStore((s) => s.setTab);
  const printCodes = useMembersStore((s) => s.printCodes);
  const endPrint = useMembersStore((s) => s.endPrint);

  if (printCodes) {
    return (
      <Suspense fallback={<p className="loading">{t('members.print.loading')}</p>}>
        <PassPrintView codes={printCodes} onBack={endPrint} />
      </Suspense>
    );
  }

  return (
    <div className="members-screen">
      <h1 className="no-print">{t('members.title')}</h1>
      <nav aria-label={t('members.tabs')} className="members-tabs no-print">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            aria-current={k === tab ? 'page' : undefined}
            onClick={() => setTab(k)}
          >
            {t(`members.tab.${k}`)}
          </button>
        ))}
      </nav>
      {tab === 'find' && <FindPanel transport={transport} />}
      {tab === 'print' && <PrintBatchPanel />}
      {tab === 'conflicts' && (
        <RoleGate role="coordinator">
          <ConflictsPanel />
        </RoleGate>
      )}
      {tab === 'duplicates' && (
        <RoleGate role="coordinator">
          <DuplicatesPanel />
        </RoleGate>
      )}
      {tab === 'retention' && (
        <RoleGate role="coordinator">
          <RetentionPanel />
        </RoleGate>
      )}
      {tab === 'import' && (
        <RoleGate role="coordinator">
          <Suspense fallback={<p className="loading">{t('members.import.reading')}</p>}>
            <ImportPanel />
          </Suspense>
        </RoleGate>
      )}
    </div>
  );
}
