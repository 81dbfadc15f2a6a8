import { useId, useState, type FormEvent } from 'react';
import type { AccessExport } from '../../../domain/member-admin/access-export.ts';
import { normalizeName } from '../../../domain/name-search.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import type { MemberRow } from '../../db/database.ts';
import { eraseMember } from '../../db/member-admin-actions.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { browserTransport } from '../../sync/browser-transport.ts';
import { makeAccessExport, type AccessExportResult } from '../../sync/member-facts-client.ts';
import type { Transport } from '../../sync/sync-engine.ts';
import { useT } from '../../i18n/use-t.ts';
import { AccessExportView } from './access-export-view.tsx';
import { useDescribeError } from '../../ui/describe-error.ts';

/** Behind the coordinator PIN: the access export and erasure of one person. */
export function PrivacySection({
  member,
  transport = browserTransport,
}: {
  member: MemberRow;
  /** Tests pass their own; the browser's fetch otherwise. */
  transport?: Transport | undefined;
}) {
  return (
    <div className="privacy-blocks">
      <AccessExportBlock member={member} transport={transport} />
      <EraseBlock member={member} />
    </div>
  );
}

function downloadJson(data: AccessExport | object, fileName: string): void {
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

function AccessExportBlock({ member, transport }: { member: MemberRow; transport: Transport }) {
  const t = useT();
  const describeError = useDescribeError();
  const db = useDb();
  const { now } = useDesk();
  const id = useId();
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function make() {
    setBusy(true);
    setError(null);
    try {
      const result = await makeAccessExport({
        db,
        transport,
        memberId: member.memberId,
        nowMs: now(),
      });
      setMade(result.kind === 'made' ? result : null);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  const data = made?.data ?? null;
  const missing = made?.source === 'here' && made.missingBefore !== undefined;
  const before = made?.missingBefore ? formatLocalDate(localDateOf(made.missingBefore)) : null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('members.export.title')}</h4>
      <p className="hint no-print">{t('members.export.intro')}</p>
      <div className="row-actions no-print">
        <button type="button" className="secondary" disabled={busy} onClick={() => void make()}>
          {t('members.export.make')}
        </button>
        {data && (
          <>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadJson(
                  missing
                    ? { ...data, onServerOnly: { before: made.missingBefore ?? null } }
                    : data,
                  `inzage-${member.memberId}.json`,
                )
              }
            >
              {t('members.export.download')}
            </button>
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('members.export.print')}
            </button>
            <button type="button" className="secondary" onClick={() => setMade(null)}>
              {t('members.export.close')}
            </button>
          </>
        )}
      </div>
      <p role="status" className="hint no-print">
        {busy ? t('members.export.asking') : ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {made && missing && (
        <div role="alert" className="notice">
          <p>
            {before
              ? t('members.export.missingBefore', { date: before })
              : t('members.export.missingOlder')}{' '}
            {t(
              made.failure === 'offline' || made.failure === 'not-connected'
                ? 'members.export.needsConnection'
                : 'members.export.serverFailed',
            )}
          </p>
          <button
            type="button"
            className="secondary no-print"
            disabled={busy}
            onClick={() => void make()}
          >
            {t('members.export.retry')}
          </button>
        </div>
      )}
      {made?.source === 'server' && <p className="hint">{t('members.export.withServer')}</p>}
      {data && <AccessExportView data={data} name={member.name} />}
    </section>
  );
}

type Made = Extract<AccessExportResult, { kind: 'made' }>;

function EraseBlock({ member }: { member: MemberRow }) {
  const t = useT();
  const describeError = useDescribeError();
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
