import { type KeyboardEvent, memo, useId, useRef, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDb } from '../../db/db-context.tsx';
import { searchMembersByName } from '../../db/desk-queries.ts';
import { readOpenLocations } from '../../db/location-registrations.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { findLocation } from '../../../domain/catalog.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * Forgot the pass: find the person by name (accents and capitals do not matter, words in any
 * order) and check them in from the list. Arrow keys move between the field and the results.
 */
export const NameSearchPanel = memo(function NameSearchPanel({
  onCheckIn,
}: {
  onCheckIn: (memberId: string) => Promise<void>;
}) {
  const t = useT();
  const db = useDb();
  const inputId = useId();
  const headingId = useId();
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { now } = useDesk();
  const trimmed = query.trim();
  const results = useLiveQuery(
    () => (trimmed === '' ? Promise.resolve([]) : searchMembersByName(db, trimmed, 8)),
    [db, trimmed],
  );
  // Where each found person is registered: the same name at two locations is told apart.
  const registeredAt = useLiveQuery(
    () => readOpenLocations(db, results?.map((m) => m.memberId) ?? [], now()),
    [db, results, now],
  );

  const buttons = () =>
    Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Enter' && results && results.length === 1) {
      e.preventDefault();
      void checkIn(results[0]!.memberId);
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(i + 1, all.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i <= 0) inputRef.current?.focus();
      else all[i - 1]?.focus();
    } else if (e.key === 'Escape') {
      inputRef.current?.focus();
    }
  };

  const checkIn = async (memberId: string) => {
    await onCheckIn(memberId);
    setQuery('');
    inputRef.current?.focus();
  };

  return (
    <section className="panel name-search" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('scan.search.heading')}</h2>
      <label htmlFor={inputId}>{t('scan.search.label')}</label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onInputKey}
      />
      {trimmed !== '' && results && (
        <>
          <p className="search-count" aria-live="polite">
            {results.length === 0
              ? t('scan.search.none')
              : t('scan.search.count', { count: results.length })}
          </p>
          {results.length > 0 && (
            <ul
              ref={listRef}
              className="search-results"
              aria-label={t('scan.search.results')}
              onKeyDown={onListKey}
            >
              {results.map((m) => {
                const extra = [
                  m.fields.birthYear ? t('scan.search.born', { year: m.fields.birthYear }) : '',
                  m.fields.postcode ?? '',
                  registeredAt
                    ? registeredAt.has(m.memberId)
                      ? t('scan.search.registeredAt', {
                          locations: registeredAt
                            .get(m.memberId)!
                            .map((id) => findLocation(id)?.name ?? id)
                            .join(', '),
                        })
                      : t('scan.search.notRegistered')
                    : '',
                ]
                  .filter(Boolean)
                  .join(' · ');
                return (
                  <li key={m.memberId}>
                    <button
                      type="button"
                      className="search-result"
                      onClick={() => void checkIn(m.memberId)}
                    >
                      <span className="search-result-name">{m.name}</span>{' '}
                      {extra && <span className="search-result-extra">{extra}</span>}{' '}
                      <span className="search-result-action">
                        {t('scan.search.checkIn')} <span aria-hidden="true">→</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
});
