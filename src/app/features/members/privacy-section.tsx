import { useId, useState, type FormEvent } from 'react';
import type { AccessExport } from '../../../domain/member-admin/access-export.ts';
import { normalizeName } from '../../../domain/name-search.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import type { MemberRow } from '../../db/database.ts';
import { eraseMember } from '../../db/member-admin-actions.ts';
import { readAccessExport } from '../../db/member-admin-queries.ts';
import { useT } from '../../i18n/use-t.ts';
import { AccessExportView } from './access-export-view.tsx';
import { describeError } from './describe-error.ts';

/** Behind the coordinator PIN: the access export and erasure of one person. */
export function PrivacySection({ member }: { member: MemberRow }) {
  return (
    <div className="privacy-blocks">
      <AccessExportBlock member={member} />
      <EraseBlock member={member} />
    </div>
  );
}

function downloadJson(data: AccessExport, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  // jsdom and old browsers have no object URLs; the readable view is still there to print.
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function AccessExportBlock({ member }: { member: MemberRow }) {
  const t = useT();
  const db = useDb();
  const { now } = useDesk();
  const id = useId();
  const [data, setData] = useState<AccessExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function make() {
    try {
      setData(await readAccessExport(db, member.memberId, now()));
    } catch (err) {
      setError(describeError(err));
    }
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('members.export.title')}</h4>
      <p className="hint no-print">{t('members.export.intro')}</p>
      <div className="row-actions no-print">
        <button type="button" className="secondary" onClick={() => void make()}>
          {t('members.export.make')}
        </button>
        {data && (
          <>
            <button
              type="button"
              className="secondary"
              onClick={() => downloadJson(data, `inzage-${member.memberId}.json`)}
            >
              {t('members.export.download')}
            </button>
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('members.export.print')}
            </button>
            <button type="button" className="secondary" onClick={() => setData(null)}>
              {t('members.export.close')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {data && <AccessExportView data={data} name={member.name} />}
    </section>
  );
}

function EraseBlock({ member }: { member: MemberRow }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function erase(e: FormEvent) {
    e.preventDefault();
    // Accents, case and spacing do not have to match: the point is a deliberate second act.
    if (normalizeName(typed) !== normalizeName(member.name))
      return setMessage({ kind: 'error', text: t('members.erase.mismatch') });
    try {
      await eraseMember(db, writer, member.memberId, now());
      setMessage({ kind: 'ok', text: t('members.erase.done') });
    } catch (err) {
      setMessage({ kind: 'error', text: t('members.saveFailed', { detail: describeError(err) }) });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="erase-block no-print">
      <h4 id={`${id}-title`}>{t('members.erase.title')}</h4>
      <p>{t('members.erase.explain')}</p>
      {step === 'idle' ? (
        <button type="button" className="danger" onClick={() => setStep('confirm')}>
          {t('members.erase.start')}
        </button>
      ) : (
        <form onSubmit={(e) => void erase(e)} className="erase-confirm">
          <label htmlFor={`${id}-name`}>{t('members.erase.typeName', { name: member.name })}</label>
          <input
            id={`${id}-name`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoFocus
          />
          <div className="row-actions">
            <button type="submit" className="danger">
              {t('members.erase.confirm')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => (setStep('idle'), setTyped(''), setMessage(null))}
            >
              {t('members.erase.cancel')}
            </button>
          </div>
        </form>
      )}
      <p
        role={message?.kind === 'error' ? 'alert' : 'status'}
        className={message?.kind === 'error' ? 'error' : 'ok'}
      >
        {message?.text ?? ''}
      </p>
    </section>
  );
}
