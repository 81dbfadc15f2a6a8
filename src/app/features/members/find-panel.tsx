import { useId } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDb } from '../../db/db-context.tsx';
import { findMembers } from '../../db/member-admin-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import type { Transport } from '../../sync/sync-engine.ts';
import { MemberRecordPanel } from './member-record-panel.tsx';
import { useMembersStore } from './members-store.ts';
import { locationName } from './names.ts';

/** Find someone by name or pass number (a USB scan types into the field), then open the record. */
export function FindPanel({ transport }: { transport?: Transport | undefined } = {}) {
  const t = useT();
  const db = useDb();
  const id = useId();
  const query = useMembersStore((s) => s.query);
  const setQuery = useMembersStore((s) => s.setQuery);
  const memberId = useMembersStore((s) => s.memberId);
  const openMember = useMembersStore((s) => s.openMember);
  const results = useLiveQuery(
    () => (query.trim() === '' ? Promise.resolve([]) : findMembers(db, query)),
    [db, query],
  );

  return (
    <div className="members-find">
      <section className="no-print" aria-labelledby={`${id}-results`}>
        <form role="search" onSubmit={(e) => e.preventDefault()} className="members-search">
          <label htmlFor={`${id}-q`}>{t('members.find.label')}</label>
          <input
            id={`${id}-q`}
            type="search"
            data-takes-scans=""
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            autoFocus
          />
          <p id={`${id}-hint`} className="hint">
            {t('members.find.hint')}
          </p>
        </form>
        <h2 id={`${id}-results`} className="visually-hidden">
          {t('members.find.results')}
        </h2>
        {query.trim() !== '' && results && results.length === 0 && <p>{t('members.find.none')}</p>}
        {results && results.length > 0 && (
          <ul className="members-results">
            {results.map((m) => (
              <li key={m.memberId}>
                {/* The visible words are the button's name (WCAG 2.5.3); the places sit beside it. */}
                <button
                  type="button"
                  className={m.memberId === memberId ? '' : 'secondary'}
                  onClick={() => openMember(m.memberId)}
                >
                  <span className="result-name">{t('members.find.open', { name: m.name })}</span>
                </button>
                <span className="result-meta">{m.locations.map(locationName).join(', ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {memberId && (
        <MemberRecordPanel
          key={memberId}
          memberId={memberId}
          onClose={() => openMember(null)}
          transport={transport}
        />
      )}
    </div>
  );
}
