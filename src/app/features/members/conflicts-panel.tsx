import { useId, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { resolvePassConflict } from '../../db/member-admin-actions.ts';
import { readPassConflicts } from '../../db/member-admin-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import { describeError } from './describe-error.ts';
import { useMembersStore } from './members-store.ts';

/** Pass numbers handed to two people offline: the holder keeps it, the others get a new pass. */
export function ConflictsPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const printPasses = useMembersStore((s) => s.printPasses);
  const conflicts = useLiveQuery(() => readPassConflicts(db), [db]);
  const [result, setResult] = useState<{ codes: string[]; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function resolve(code: string, otherIds: string[], names: Record<string, string>) {
    try {
      const issued = await resolvePassConflict(
        db,
        writer,
        { code, otherIds, reason: t('members.conflicts.reason') },
        now(),
      );
      setResult({
        codes: issued.map((i) => i.code),
        text: t('members.conflicts.done', {
          list: issued.map((i) => `${names[i.memberId] ?? ''} ${i.code}`).join(', '),
        }),
      });
    } catch (err) {
      setError(t('members.saveFailed', { detail: describeError(err) }));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('members.conflicts.title')}</h2>
      <p className="hint">{t('members.conflicts.intro')}</p>
      <div role="status">
        {result && (
          <p className="ok">
            {result.text}{' '}
            <button type="button" onClick={() => printPasses(result.codes)}>
              {t('members.conflicts.printNew')}
            </button>
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {conflicts && conflicts.length === 0 && <p>{t('members.conflicts.none')}</p>}
      {conflicts?.map((c) => (
        <article
          key={c.code}
          className="conflict card-block"
          aria-label={t('members.conflicts.code', { code: c.code })}
        >
          <h3 className="pass-number">{t('members.conflicts.code', { code: c.code })}</h3>
          <ul>
            <li>
              {t(c.holderRevoked ? 'members.conflicts.holderRevoked' : 'members.conflicts.holder', {
                name: c.names[c.holderId] ?? '',
              })}
            </li>
            {c.otherIds.map((m) => (
              <li key={m}>{t('members.conflicts.other', { name: c.names[m] ?? '' })}</li>
            ))}
          </ul>
          <button type="button" onClick={() => void resolve(c.code, c.otherIds, c.names)}>
            {t('members.conflicts.resolve')}
          </button>
        </article>
      ))}
    </section>
  );
}
