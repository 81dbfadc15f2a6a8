import { useId, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import type { MemberRow } from '../../db/database.ts';
import { mergeMembers } from '../../db/member-admin-actions.ts';
import { readDuplicateCandidates, type DuplicateView } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { describeError } from './describe-error.ts';
import { locationName } from './names.ts';

/** Possible duplicate people; the coordinator merges one record into the other, or leaves them. */
export function DuplicatesPanel() {
  const t = useT();
  const db = useDb();
  const id = useId();
  const pairs = useLiveQuery(() => readDuplicateCandidates(db), [db]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('members.duplicates.title')}</h2>
      <p className="hint">{t('members.duplicates.intro')}</p>
      <p
        role={message?.kind === 'error' ? 'alert' : 'status'}
        className={message?.kind === 'error' ? 'error' : 'ok'}
      >
        {message?.text ?? ''}
      </p>
      {pairs && pairs.length === 0 && <p>{t('members.duplicates.none')}</p>}
      {pairs?.map((pair) => (
        <DuplicatePair key={pair.memberIds.join('|')} pair={pair} onMessage={setMessage} />
      ))}
    </section>
  );
}

function DuplicatePair({
  pair,
  onMessage,
}: {
  pair: DuplicateView;
  onMessage: (m: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const [keep, setKeep] = useState<0 | 1 | null>(null);
  const [a, b] = pair.members;
  const label = (n: number) => t('members.duplicates.record', { n });

  async function merge(keepIndex: 0 | 1) {
    const into = pair.members[keepIndex];
    const from = pair.members[keepIndex === 0 ? 1 : 0];
    try {
      const result = await mergeMembers(db, writer, from.memberId, into.memberId, now());
      onMessage(
        result.ok
          ? { kind: 'ok', text: t('members.duplicates.done') }
          : { kind: 'error', text: t(`members.duplicates.error.${result.reason}`) },
      );
    } catch (err) {
      onMessage({ kind: 'error', text: t('members.saveFailed', { detail: describeError(err) }) });
    }
  }

  return (
    <article className="duplicate-pair card-block" aria-label={`${a.name} · ${b.name}`}>
      <p>
        <strong>
          {t(
            pair.strength === 'strong'
              ? 'members.duplicates.strong'
              : 'members.duplicates.nameOnly',
          )}
        </strong>
        {' · '}
        {t('members.duplicates.matches', {
          list: pair.matches.map((m) => t(`members.duplicates.match.${m}`)).join(', '),
        })}
      </p>
      <table className="members-table">
        <thead>
          <tr>
            <td />
            <th scope="col">{label(1)}</th>
            <th scope="col">{label(2)}</th>
          </tr>
        </thead>
        <tbody>
          <Row head={t('members.profile.name')} a={a.name} b={b.name} />
          <Row
            head={t('members.profile.birthYear')}
            a={String(a.fields.birthYear ?? '—')}
            b={String(b.fields.birthYear ?? '—')}
          />
          <Row
            head={t('members.profile.postcode')}
            a={a.fields.postcode || '—'}
            b={b.fields.postcode || '—'}
          />
          <Row
            head={t('members.profile.phone')}
            a={a.fields.phone || '—'}
            b={b.fields.phone || '—'}
          />
          <Row head={t('members.duplicates.registeredAt')} a={places(a)} b={places(b)} />
          <Row head={t('members.duplicates.created')} a={created(a)} b={created(b)} />
        </tbody>
      </table>
      {keep === null ? (
        <div className="row-actions">
          <button type="button" className="secondary" onClick={() => setKeep(0)}>
            {t('members.duplicates.keep', { n: 1 })}
          </button>
          <button type="button" className="secondary" onClick={() => setKeep(1)}>
            {t('members.duplicates.keep', { n: 2 })}
          </button>
        </div>
      ) : (
        <div className="confirm-box">
          <p>{t('members.duplicates.confirm', { from: keep === 0 ? 2 : 1, into: keep + 1 })}</p>
          <div className="row-actions">
            <button type="button" className="danger" onClick={() => void merge(keep)} autoFocus>
              {t('members.duplicates.confirmButton')}
            </button>
            <button type="button" className="secondary" onClick={() => setKeep(null)}>
              {t('members.duplicates.cancel')}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}

function places(m: MemberRow): string {
  return m.locations.map(locationName).join(', ') || '—';
}

function created(m: MemberRow): string {
  return m.createdAt ? formatLocalDate(localDateOf(m.createdAt)) : '—';
}

function Row({ head, a, b }: { head: string; a: string; b: string }) {
  return (
    <tr>
      <th scope="row">{head}</th>
      <td>{a}</td>
      <td>{b}</td>
    </tr>
  );
}
