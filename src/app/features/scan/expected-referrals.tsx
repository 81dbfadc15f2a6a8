import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { referralSources } from '../../../domain/event-facts.ts';
import {
  checkReferralInput,
  type ReferralInput,
  type ReferralProblem,
} from '../../../domain/referrals/referral-input.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readMemberNames } from '../../db/desk-card-queries.ts';
import {
  linkReferral,
  readExpectedReferrals,
  recordReferral,
  type ExpectedReferral,
} from '../../db/referrals.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import type { DeskWork } from './desk-work.ts';
import './expected-referrals.css';

const EMPTY: ReferralInput = { source: 'wpi', date: '', name: '', phone: '', note: '' };

/**
 * Referrals at the desk: a partner's referral entered before the person comes, the list of
 * expected people, and — when the person in front of the desk is one of them — one tap to link.
 */
export function ExpectedReferrals({ memberId, work }: { memberId: string | null; work: DeskWork }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const data = useLiveQuery(
    () => readExpectedReferrals(db, writer.locationId, now()),
    [db, writer.locationId, now],
  );
  const memberName = useLiveQuery(
    async () => (memberId ? (await readMemberNames(db, [memberId])).get(memberId) : undefined),
    [db, memberId],
  );
  const expected = data?.expected ?? [];

  const link = async (r: ExpectedReferral) => {
    if (!memberId) return;
    const eventId = await work.run(() => linkReferral(db, writer, r.referralId, memberId, now()));
    if (eventId) work.done(t('scan.referral.linked', { name: memberName ?? '' }));
  };

  return (
    <section className="panel expected-referrals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('scan.referral.heading', { count: expected.length })}</h2>
      {expected.length === 0 ? (
        <p className="hint">{t('scan.referral.none')}</p>
      ) : (
        <ul className="referral-list">
          {expected.map((r) => {
            const who = r.record
              ? [r.record.name, r.record.phone].filter(Boolean).join(' · ')
              : t('scan.referral.otherLaptop');
            return (
              <li key={r.referralId} className={`referral referral-${r.status}`}>
                <span className="referral-who">{who}</span>
                <span className="referral-meta">
                  {t('scan.referral.meta', {
                    source: t(`scan.register.referral.${r.source}`),
                    date: formatLocalDate(r.date),
                  })}
                  {' · '}
                  {t(`scan.referral.status.${r.status}`)}
                </span>
                {r.record?.note ? <span className="referral-note">{r.record.note}</span> : null}
                {memberId && memberName ? (
                  <button type="button" className="secondary" onClick={() => void link(r)}>
                    {t('scan.referral.link', { name: memberName })}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <ReferralForm work={work} onDone={() => setAdding(false)} today={localDateOf(now())} />
      ) : (
        <button type="button" className="secondary" onClick={() => setAdding(true)}>
          {t('scan.referral.add')}
        </button>
      )}
    </section>
  );
}

function ReferralForm({
  work,
  onDone,
  today,
}: {
  work: DeskWork;
  onDone: () => void;
  today: string;
}) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const formId = useId();
  const [input, setInput] = useState<ReferralInput>({ ...EMPTY, date: today });
  const [problems, setProblems] = useState<Partial<Record<keyof ReferralInput, ReferralProblem>>>(
    {},
  );
  const id = (f: keyof ReferralInput) => `${formId}-${f}`;
  const set = (f: keyof ReferralInput, v: string) => setInput((i) => ({ ...i, [f]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkReferralInput(input, localDateOf(now()));
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = (['source', 'date', 'name', 'phone', 'note'] as const).find(
        (f) => checked.problems[f],
      );
      if (first) document.getElementById(id(first))?.focus();
      return;
    }
    const referralId = await work.run(() => recordReferral(db, writer, checked.value, now()));
    if (referralId) {
      work.done(t('scan.referral.saved'));
      onDone();
    }
  };

  const error = (f: keyof ReferralInput) =>
    problems[f] ? (
      <p id={`${id(f)}-error`} className="field-error">
        {t(`scan.referral.error.${problems[f]}`)}
      </p>
    ) : null;
  const described = (f: keyof ReferralInput) =>
    problems[f] ? { 'aria-invalid': true, 'aria-describedby': `${id(f)}-error` } : {};

  return (
    <form className="referral-form" onSubmit={submit} noValidate>
      <p className="hint">{t('scan.referral.privacy')}</p>
      <label htmlFor={id('source')}>{t('scan.register.referral')}</label>
      <select
        id={id('source')}
        value={input.source}
        onChange={(e) => set('source', e.target.value)}
        {...described('source')}
      >
        {referralSources.map((s) => (
          <option key={s} value={s}>
            {t(`scan.register.referral.${s}`)}
          </option>
        ))}
      </select>
      {error('source')}
      <label htmlFor={id('date')}>{t('scan.referral.date')}</label>
      <input
        id={id('date')}
        type="date"
        value={input.date}
        max={today}
        onChange={(e) => set('date', e.target.value)}
        {...described('date')}
      />
      {error('date')}
      <label htmlFor={id('name')}>{t('scan.referral.name')}</label>
      <input
        id={id('name')}
        type="text"
        autoComplete="off"
        value={input.name}
        onChange={(e) => set('name', e.target.value)}
        {...described('name')}
      />
      {error('name')}
      <label htmlFor={id('phone')}>{t('scan.referral.phone')}</label>
      <input
        id={id('phone')}
        type="tel"
        autoComplete="off"
        value={input.phone}
        onChange={(e) => set('phone', e.target.value)}
        {...described('phone')}
      />
      {error('phone')}
      <label htmlFor={id('note')}>{t('scan.referral.note')}</label>
      <textarea
        id={id('note')}
        value={input.note}
        rows={2}
        onChange={(e) => set('note', e.target.value)}
        {...described('note')}
      />
      {error('note')}
      <div className="referral-form-actions">
        <button type="submit">{t('scan.referral.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('scan.referral.cancel')}
        </button>
      </div>
    </form>
  );
}
