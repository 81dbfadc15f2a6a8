import { useState } from 'react';
import { findLocation } from '../../../domain/catalog.ts';
import { localTimeOf } from '../../../domain/amsterdam-time.ts';
import type { DuplicateGroup } from '../../../domain/treasurer/duplicate-payments.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { keepDuplicatePayments, voidWithReason } from '../../db/treasurer-actions.ts';
import type { DuplicatePayment } from '../../db/treasurer-queries.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useLaptopNameOf } from '../../ui/record-words.ts';
import { useProblemText } from './use-problem-text.ts';

export function DuplicatesPanel({
  groups,
}: {
  groups: readonly DuplicateGroup<DuplicatePayment>[];
}) {
  const t = useT();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="dup-title">
      <h2 id="dup-title">{t('treasurer.tab.duplicates', { count: groups.length })}</h2>
      <p>{t('treasurer.dup.intro')}</p>
      {notice && (
        <p role="status" className="notice-ok">
          {notice}
        </p>
      )}
      {groups.length === 0 ? (
        <p>{t('treasurer.dup.none')}</p>
      ) : (
        groups.map((g) => <DuplicateCard key={g.key} group={g} onDone={setNotice} />)
      )}
    </section>
  );
}

function DuplicateCard({
  group,
  onDone,
}: {
  group: DuplicateGroup<DuplicatePayment>;
  onDone: (text: string) => void;
}) {
  const t = useT();
  const laptopNameOf = useLaptopNameOf();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const [reason, setReason] = useState(() => t('treasurer.dup.defaultReason'));
  const [error, setError] = useState<string | null>(null);
  const name = group.payments[0]?.name || t('treasurer.noName');
  const title = t('treasurer.dup.group', {
    name,
    amount: formatMoney(group.amountCents, lang),
    year: group.year,
    date: formatLocalDate(group.day),
  });
  const voidOne = async (eventId: string) => {
    const result = await voidWithReason(db, writer, eventId, reason, now());
    if (result.ok) onDone(t('treasurer.void.done'));
    else setError(problemText(result.problem));
  };
  return (
    <article className="dup-card" aria-label={title}>
      <h3>{title}</h3>
      <label>
        {t('treasurer.void.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ul>
        {group.payments.map((p) => (
          <li key={p.eventId}>
            {t('treasurer.history.by', {
              date: formatLocalDate(p.day),
              time: localTimeOf(p.at),
              role: t(`role.name.${p.role}`),
              laptop: laptopNameOf(p.deviceId),
              location: findLocation(p.locationId)?.name ?? p.locationId,
            })}{' '}
            — {t(`treasurer.method.${p.method}`)}{' '}
            <button type="button" className="secondary" onClick={() => void voidOne(p.eventId)}>
              {t('treasurer.dup.voidThis')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={async () => {
          await keepDuplicatePayments(
            db,
            writer,
            group.payments.map((p) => p.eventId),
            now(),
          );
          onDone(t('treasurer.dup.kept'));
        }}
      >
        {t('treasurer.dup.keep')}
      </button>
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
    </article>
  );
}
