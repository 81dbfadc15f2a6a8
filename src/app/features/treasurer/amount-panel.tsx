import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { setContributionAmount } from '../../db/treasurer-actions.ts';
import { defaultDueCentsOf } from '../../../domain/contribution.ts';
import { readDueCents } from '../../db/treasurer-queries.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useProblemText } from './use-problem-text.ts';

export function AmountPanel({ associationId, year }: { associationId: string; year: number }) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const id = useId();
  const due = useLiveQuery(() => readDueCents(db, associationId, year), [db, associationId, year]);
  const [amount, setAmount] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await setContributionAmount(
      db,
      writer,
      { associationId, year, amountRaw: amount },
      now(),
    );
    if (result.ok) {
      setNotice({
        kind: 'ok',
        text: t('treasurer.amount.done', {
          year,
          amount: formatMoney(await readDueCents(db, associationId, year), lang),
        }),
      });
      setAmount('');
    } else setNotice({ kind: 'error', text: problemText(result.problem) });
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('treasurer.tab.amount')}</h2>
      <p>
        {t('treasurer.amount.intro', {
          amount: formatMoney(defaultDueCentsOf(associationId), lang),
        })}
      </p>
      {due !== undefined && (
        <p>{t('treasurer.amount.current', { year, amount: formatMoney(due, lang) })}</p>
      )}
      <form className="card-form" onSubmit={submit}>
        <label htmlFor={`${id}-amount`}>{t('treasurer.amount.new', { year })}</label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        <button type="submit">{t('treasurer.amount.submit')}</button>
        {notice && (
          <p
            role={notice.kind === 'error' ? 'alert' : 'status'}
            className={`notice-${notice.kind}`}
          >
            {notice.text}
          </p>
        )}
      </form>
    </section>
  );
}
