import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readReferralPeriod, setReferralPeriod } from '../../db/referrals.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * The coordinator sets after how many weeks a referral nobody came for counts as no-show (a fact,
 * so every laptop and the server count the same). Default 6 weeks.
 */
export function ReferralPeriodPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const inputId = useId();
  const weeks = useLiveQuery(() => readReferralPeriod(db), [db]);
  const [value, setValue] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.trim());
    if (!/^\d{1,2}$/.test(value.trim()) || n < 1 || n > 52) {
      setNote({ ok: false, text: t('reports.referralPeriod.invalid') });
      document.getElementById(inputId)?.focus();
      return;
    }
    await setReferralPeriod(db, writer, n, now());
    setValue('');
    setNote({ ok: true, text: t('reports.referralPeriod.saved', { weeks: n }) });
  };

  return (
    <section aria-labelledby={`${inputId}-title`} className="referral-period no-print">
      <h3 id={`${inputId}-title`}>{t('reports.referralPeriod.title')}</h3>
      <p>{t('reports.referralPeriod.current', { weeks: weeks ?? '…' })}</p>
      <form onSubmit={save} noValidate>
        <label htmlFor={inputId}>{t('reports.referralPeriod.label')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          value={value}
          aria-invalid={note && !note.ok ? true : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">{t('reports.referralPeriod.save')}</button>
        {note ? <p role={note.ok ? 'status' : 'alert'}>{note.text}</p> : null}
      </form>
    </section>
  );
}
