import { useId, useState, type FormEvent } from 'react';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import type { MemberPass } from '../../../domain/member-admin/member-passes.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { replacePass } from '../../db/member-admin-actions.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { useMembersStore } from './members-store.ts';
import { useDescribeError } from '../../ui/describe-error.ts';

/** The person's passes; a lost one is revoked and replaced in one step; print a valid one. */
export function PassesSection({
  memberId,
  passes,
}: {
  memberId: string;
  passes: readonly MemberPass[];
}) {
  const t = useT();
  const id = useId();
  const printPasses = useMembersStore((s) => s.printPasses);
  const [replacing, setReplacing] = useState<{ oldCode: string | null } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const active = passes.filter((p) => p.status === 'active');

  return (
    <section aria-labelledby={`${id}-title`} className="passes-section">
      <h3 id={`${id}-title`}>{t('members.passes.title')}</h3>
      {passes.length === 0 ? (
        <p>{t('members.passes.none')}</p>
      ) : (
        <table className="members-table">
          <thead>
            <tr>
              <th scope="col">{t('members.passes.code')}</th>
              <th scope="col">{t('members.passes.issued')}</th>
              <th scope="col">{t('members.passes.status')}</th>
              <th scope="col">{t('members.passes.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {passes.map((p) => (
              <tr key={p.code}>
                <td className="pass-number">{p.code}</td>
                <td>{formatLocalDate(localDateOf(p.issuedAt))}</td>
                <td className={`pass-status pass-${p.status}`}>
                  {t(`members.passes.status.${p.status}`, { reason: p.revokedReason ?? '' })}
                </td>
                <td className="row-actions">
                  {p.status === 'active' && (
                    <>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => printPasses([p.code])}
                      >
                        {t('members.passes.print')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => (setDone(null), setReplacing({ oldCode: p.code }))}
                      >
                        {t('members.passes.replace')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {active.length === 0 && !replacing && (
        <button type="button" onClick={() => (setDone(null), setReplacing({ oldCode: null }))}>
          {t('members.passes.issueNew')}
        </button>
      )}
      {replacing && (
        <ReplacePassForm
          memberId={memberId}
          oldCode={replacing.oldCode}
          onCancel={() => setReplacing(null)}
          onDone={(code) => {
            setReplacing(null);
            setDone(code);
          }}
        />
      )}
      <div role="status">
        {done && (
          <p className="ok">
            {t('members.passes.done', { code: done })}{' '}
            <button type="button" onClick={() => printPasses([done])}>
              {t('members.passes.print')}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}

function ReplacePassForm({
  memberId,
  oldCode,
  onCancel,
  onDone,
}: {
  memberId: string;
  oldCode: string | null;
  onCancel: () => void;
  onDone: (code: string) => void;
}) {
  const t = useT();
  const describeError = useDescribeError();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [reason, setReason] = useState(t('members.passes.form.reasonDefault'));
  const [source, setSource] = useState<'make' | 'typed'>('make');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (oldCode && reason.trim() === '') return setError(t('members.passes.error.reason'));
    try {
      const result = await replacePass(
        db,
        writer,
        { memberId, oldCode, reason: reason.trim(), typedCode: source === 'typed' ? typed : null },
        now(),
      );
      if (!result.ok) return setError(t(`members.passes.error.${result.reason}`));
      onDone(result.code);
    } catch (err) {
      setError(t('members.saveFailed', { detail: describeError(err) }));
    }
  }

  return (
    <form className="replace-pass" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('members.passes.form.title')}</h4>
      {oldCode && (
        <>
          <p>{t('members.passes.form.revokes', { code: oldCode })}</p>
          <label htmlFor={`${id}-reason`}>{t('members.passes.form.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </>
      )}
      <fieldset>
        <legend>{t('members.passes.form.source')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-source`}
            checked={source === 'make'}
            onChange={() => setSource('make')}
          />
          {t('members.passes.form.make')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-source`}
            checked={source === 'typed'}
            onChange={() => setSource('typed')}
          />
          {t('members.passes.form.typed')}
        </label>
        {source === 'typed' && (
          <>
            <label htmlFor={`${id}-typed`}>{t('members.passes.form.typedLabel')}</label>
            <input
              id={`${id}-typed`}
              data-takes-scans=""
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              autoFocus
            />
          </>
        )}
      </fieldset>
      <div className="row-actions">
        <button type="submit">{t('members.passes.form.submit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('members.passes.form.cancel')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
