import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { parseAmount } from '../../../domain/contribution.ts';
import { MAX_CASH_COUNT_CENTS } from '../../../domain/treasurer/cash-count.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { recordCashCount } from '../../db/treasurer-actions.ts';
import { readCashBox } from '../../db/treasurer-queries.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useProblemText } from './use-problem-text.ts';

/** Kasopmaak of this desk (this laptop at its location) for a day. */
export function CashPanel() {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const id = useId();
  const [day, setDay] = useState(() => localDateOf(now()));
  const [counted, setCounted] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const box = useLiveQuery(
    () => readCashBox(db, writer.deviceId, writer.locationId, day),
    [db, writer.deviceId, writer.locationId, day],
  );
  const parsed = counted.trim() === '' ? null : parseAmount(counted, MAX_CASH_COUNT_CENTS);
  const countedCents =
    parsed === null ? null : parsed.ok ? parsed.cents : parsed.reason === 'amount-zero' ? 0 : null;
  const difference = box && countedCents !== null ? countedCents - box.recordedCents : null;
  const describeDifference = (cents: number) =>
    cents === 0
      ? t('treasurer.cash.noDifference')
      : t(cents < 0 ? 'treasurer.cash.short' : 'treasurer.cash.over', {
          amount: formatMoney(Math.abs(cents), lang),
        });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await recordCashCount(
      db,
      writer,
      { day, countedRaw: counted, reasonRaw: reason },
      now(),
    );
    if (result.ok) {
      setNotice({
        kind: 'ok',
        text: t('treasurer.cash.done', {
          counted: formatMoney(result.check.countedCents, lang),
          recorded: formatMoney(result.check.countedCents - result.check.differenceCents, lang),
        }),
      });
      setCounted('');
      setReason('');
    } else setNotice({ kind: 'error', text: problemText(result.problem) });
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('treasurer.tab.cash')}</h2>
      <p>{t('treasurer.cash.intro')}</p>
      <form className="card-form" onSubmit={submit}>
        <label htmlFor={`${id}-day`}>{t('treasurer.cash.day')}</label>
        <input
          id={`${id}-day`}
          type="date"
          value={day}
          max={localDateOf(now())}
          onChange={(e) => e.target.value && setDay(e.target.value)}
        />
        {box && (
          <p className="cash-recorded">
            {t('treasurer.cash.recorded', { amount: formatMoney(box.recordedCents, lang) })}
          </p>
        )}
        <label htmlFor={`${id}-counted`}>{t('treasurer.cash.counted')}</label>
        <input
          id={`${id}-counted`}
          inputMode="decimal"
          autoComplete="off"
          value={counted}
          onChange={(e) => setCounted(e.target.value)}
        />
        {difference !== null && (
          <p className={difference === 0 ? 'notice-ok' : 'cash-difference'} role="status">
            {describeDifference(difference)}
          </p>
        )}
        <label htmlFor={`${id}-reason`}>{t('treasurer.cash.reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit">{t('treasurer.cash.submit')}</button>
        {notice && (
          <p
            role={notice.kind === 'error' ? 'alert' : 'status'}
            className={`notice-${notice.kind}`}
          >
            {notice.text}
          </p>
        )}
      </form>
      {box && box.counts.length > 0 && (
        <>
          <h3>{t('treasurer.cash.earlier')}</h3>
          <ul className="history">
            {box.counts.map((c) => (
              <li key={c.eventId} className="history-item">
                {t('treasurer.cash.row', {
                  time: localTimeOf(c.at),
                  counted: formatMoney(c.countedCents, lang),
                  recorded: formatMoney(c.recordedCents, lang),
                  difference: describeDifference(c.countedCents - c.recordedCents),
                  role: t(`role.name.${c.role}`),
                })}
                {c.reason && <small>{t('treasurer.cash.rowReason', { reason: c.reason })}</small>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
