import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { findLocation } from '../../../domain/catalog.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { openCentsOf } from '../../../domain/contribution.ts';
import { paymentMethods } from '../../../domain/event-facts.ts';
import type { PaymentMethod, RoleName } from '../../../domain/events.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import {
  recordTreasurerPayment,
  voidWithReason,
  waiveContribution,
} from '../../db/treasurer-actions.ts';
import { readMemberLedger, type MemberLedger } from '../../db/treasurer-queries.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { useTreasurerStore } from './treasurer-store.ts';
import { useProblemText } from './use-problem-text.ts';
import { useDescribeError } from '../../ui/describe-error.ts';
import { useLaptopNameOf, useVoidReasonText } from '../../ui/record-words.ts';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

export function MemberPanel({
  memberId,
  associationId,
  year,
}: {
  memberId: string;
  associationId: string;
  year: number;
}) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { now } = useDesk();
  const openMember = useTreasurerStore((s) => s.openMember);
  const ledger = useLiveQuery(
    () => readMemberLedger(db, memberId, associationId, now()),
    [db, memberId, associationId, now],
  );
  if (ledger === undefined) return <p className="loading">{t('app.loading')}</p>;
  const back = (
    <button type="button" className="secondary no-print" onClick={() => openMember(null)}>
      {t('treasurer.member.close')}
    </button>
  );
  if (ledger === null) return back;
  const name = ledger.member.name || t('treasurer.noName');
  return (
    <section className="member-panel" aria-labelledby="member-title">
      {back}
      <h2 id="member-title">{name}</h2>
      <p>
        {ledger.memberSince
          ? t('treasurer.member.since', { date: formatLocalDate(ledger.memberSince) })
          : t('treasurer.member.notMember')}
        {ledger.endedOn && (
          <>
            {' · '}
            {t('treasurer.member.ended', { date: formatLocalDate(ledger.endedOn) })}
          </>
        )}
      </p>
      <h3>{t('treasurer.member.years')}</h3>
      <table className="member-years">
        <thead>
          <tr>
            <th scope="col">{t('treasurer.member.col.year')}</th>
            <th scope="col" className="num">
              {t('treasurer.member.col.due')}
            </th>
            <th scope="col" className="num">
              {t('treasurer.col.paid')}
            </th>
            <th scope="col" className="num">
              {t('treasurer.col.open')}
            </th>
            <th scope="col">{t('treasurer.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              <td className="num">{formatMoney(y.dueCents, lang)}</td>
              <td className="num">{formatMoney(y.paidCents, lang)}</td>
              <td className="num">{formatMoney(openCentsOf(y.status), lang)}</td>
              <td>
                <span className={`badge badge-${y.status.kind}`}>
                  {t(`treasurer.status.${y.status.kind}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="member-forms no-print">
        <PaymentForm ledger={ledger} associationId={associationId} defaultYear={year} />
        <WaiverForm ledger={ledger} associationId={associationId} defaultYear={year} />
      </div>
      <History ledger={ledger} />
    </section>
  );
}

function yearChoices(ledger: MemberLedger, currentYear: number): number[] {
  const from = Math.min(ledger.memberSinceYear ?? currentYear, currentYear) - 1;
  const out: number[] = [];
  for (let y = currentYear + 1; y >= from; y--) out.push(y);
  return out;
}

function PaymentForm({
  ledger,
  associationId,
  defaultYear,
}: {
  ledger: MemberLedger;
  associationId: string;
  defaultYear: number;
}) {
  const t = useT();
  const describeError = useDescribeError();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const id = useId();
  const currentYear = Number(localDateOf(now()).slice(0, 4));
  const [amount, setAmount] = useState('');
  const [year, setYear] = useState(defaultYear);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await recordTreasurerPayment(
        db,
        writer,
        { memberId: ledger.member.memberId, associationId, year, amountRaw: amount, method },
        now(),
      );
      if (result.ok) {
        setNotice({
          kind: 'ok',
          text: t('treasurer.pay.done', { amount: formatMoney(result.cents, lang), year }),
        });
        setAmount('');
      } else {
        const row = ledger.years.find((y) => y.year === year);
        const openCents = row ? openCentsOf(row.status) : 0;
        setNotice({ kind: 'error', text: problemText(result.problem, { year, openCents }) });
      }
    } catch (err) {
      setNotice({
        kind: 'error',
        text: t('treasurer.problem.saveFailed', {
          detail: describeError(err),
        }),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('treasurer.pay.title')}</h3>
      <label htmlFor={`${id}-amount`}>{t('treasurer.pay.amount')}</label>
      <input
        id={`${id}-amount`}
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <small id={`${id}-hint`}>{t('treasurer.pay.amountHint')}</small>
      <label htmlFor={`${id}-year`}>{t('treasurer.pay.year')}</label>
      <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {yearChoices(ledger, currentYear).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('treasurer.pay.method')}</legend>
        {paymentMethods.map((m) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name={`${id}-method`}
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
            />
            {t(`treasurer.method.label.${m}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('treasurer.pay.submit')}
      </button>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice-${notice.kind}`}>
          {notice.text}
        </p>
      )}
    </form>
  );
}

function WaiverForm({
  ledger,
  associationId,
  defaultYear,
}: {
  ledger: MemberLedger;
  associationId: string;
  defaultYear: number;
}) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const id = useId();
  const currentYear = Number(localDateOf(now()).slice(0, 4));
  const [year, setYear] = useState(defaultYear);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await waiveContribution(
      db,
      writer,
      { memberId: ledger.member.memberId, associationId, year, reasonRaw: reason },
      now(),
    );
    if (result.ok) {
      setNotice({ kind: 'ok', text: t('treasurer.waive.done', { year }) });
      setReason('');
    } else setNotice({ kind: 'error', text: problemText(result.problem, { year }) });
  };
  return (
    <form className="card-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('treasurer.waive.title')}</h3>
      <label htmlFor={`${id}-year`}>{t('treasurer.pay.year')}</label>
      <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {yearChoices(ledger, currentYear).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('treasurer.waive.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit">{t('treasurer.waive.submit')}</button>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice-${notice.kind}`}>
          {notice.text}
        </p>
      )}
    </form>
  );
}

type HistoryItem = {
  eventId: string;
  at: string;
  text: string;
  deviceId: string;
  locationId: string;
  role: RoleName;
  voided: { reason: string; at: string; role: RoleName } | null;
};

function History({ ledger }: { ledger: MemberLedger }) {
  const t = useT();
  const lang = useLang();
  const items: HistoryItem[] = [
    ...ledger.payments.map((p) => ({
      eventId: p.eventId,
      at: p.at,
      text: t('treasurer.history.payment', {
        amount: formatMoney(p.amountCents, lang),
        method: t(`treasurer.method.${p.method}`),
        year: p.year,
      }),
      deviceId: p.deviceId,
      locationId: p.locationId,
      role: p.role,
      voided: p.voided,
    })),
    ...ledger.waivers.map((w) => ({
      eventId: w.eventId,
      at: w.at,
      text: t('treasurer.history.waiver', { year: w.year, reason: w.reason }),
      deviceId: w.deviceId,
      locationId: w.locationId,
      role: w.role,
      voided: w.voided,
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">{t('treasurer.member.history')}</h3>
      {items.length === 0 ? (
        <p>{t('treasurer.member.noHistory')}</p>
      ) : (
        <ul className="history">
          {items.map((item) => (
            <HistoryEntry key={item.eventId} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HistoryEntry({ item }: { item: HistoryItem }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const problemText = useProblemText();
  const laptopNameOf = useLaptopNameOf();
  const voidReasonText = useVoidReasonText();
  const id = useId();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await voidWithReason(db, writer, item.eventId, reason, now());
    if (result.ok) {
      setVoiding(false);
      setNotice({ kind: 'ok', text: t('treasurer.void.done') });
    } else setNotice({ kind: 'error', text: problemText(result.problem) });
  };
  return (
    <li className={item.voided ? 'history-item voided' : 'history-item'}>
      <span className="history-what">{item.text}</span>
      <small>
        {t('treasurer.history.by', {
          date: formatLocalDate(localDateOf(item.at)),
          time: localTimeOf(item.at),
          role: t(`role.name.${item.role}`),
          laptop: laptopNameOf(item.deviceId),
          location: findLocation(item.locationId)?.name ?? item.locationId,
        })}
      </small>
      {item.voided && (
        <strong className="history-voided">
          {t('treasurer.history.voided', {
            date: formatLocalDate(localDateOf(item.voided.at)),
            role: t(`role.name.${item.voided.role}`),
            reason: voidReasonText(item.voided.reason),
          })}
        </strong>
      )}
      {!item.voided && !voiding && (
        <button type="button" className="secondary no-print" onClick={() => setVoiding(true)}>
          {t('treasurer.history.void')}
        </button>
      )}
      {voiding && (
        <form className="void-form no-print" onSubmit={submit}>
          <label htmlFor={`${id}-reason`}>{t('treasurer.void.reason')}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          <button type="submit">{t('treasurer.void.confirm')}</button>
          <button type="button" className="secondary" onClick={() => setVoiding(false)}>
            {t('treasurer.void.cancel')}
          </button>
        </form>
      )}
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice-${notice.kind}`}>
          {notice.text}
        </p>
      )}
    </li>
  );
}
