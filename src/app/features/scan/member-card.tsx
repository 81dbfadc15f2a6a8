import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { findLocation } from '../../../domain/catalog.ts';
import { MAX_PAYMENT_CENTS, openCentsOf, parseAmount } from '../../../domain/contribution.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { readMemberCard, type DeskService } from '../../db/desk-card-queries.ts';
import {
  type MemberContribution,
  recordPayment,
  recordServiceUse,
  startMembership,
  voidEvent,
} from '../../db/desk-actions.ts';
import { formatLocalDate, formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { describeContribution } from './contribution-text.ts';
import type { DeskWork } from './desk-work.ts';
import { DESK_UNDO_REASON } from '../../ui/record-words.ts';
import { RegisteredElsewhere } from './registered-elsewhere.tsx';
import type { MemberRow } from '../../db/database.ts';

/**
 * What a scan read in its own transaction (the person, this year's contribution, the pass): the
 * card shows it in the same frame as the answer, and its live read takes over when it is in.
 */
export type CardArrival = {
  member: MemberRow;
  contribution: MemberContribution;
  passCode: string | null;
};

/** A second tap on the same service within this time is the same tap (a shaky finger, a double click). */
export const REPEAT_TAP_MS = 5_000;

/** Whether a tap on a service is a repeat of the one just made, so it records nothing. */
export function isRepeatTap(lastTapAt: number | undefined, nowMs: number): boolean {
  return lastTapAt !== undefined && nowMs - lastTapAt >= 0 && nowMs - lastTapAt < REPEAT_TAP_MS;
}

const STATUS_ICON: Record<string, string> = {
  paid: '✓',
  waived: '✓',
  partial: '!',
  unpaid: '!',
  'not-member': '–',
};

/**
 * The person in front of the desk: name, pass, this year's contribution with one-tap payment (shown once, read live, so it never contradicts
 * itself), the big buttons for what they came for, and their history. Read live from Dexie, so
 * every write shows at once. `locationStatus` is the slot for a line about the person's
 * registration at this location (e.g. "registered elsewhere").
 */
export function MemberCard({
  memberId,
  services,
  work,
  onClose,
  locationStatus,
  arrival,
}: {
  memberId: string;
  arrival?: CardArrival;
  services: readonly DeskService[];
  work: DeskWork;
  onClose: () => void;
  locationStatus?: ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const headingId = useId();
  const amountId = useId();
  const amountErrorId = useId();
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const lastTap = useRef(new Map<string, number>());
  const card = useLiveQuery(
    () => readMemberCard(db, memberId, writer.locationId, now()),
    [db, memberId, writer.locationId, now],
  );

  // Until the live read is in, the scan's own result: name, pass and contribution, no history.
  const shown = card ?? (arrival?.member.memberId === memberId ? arrival : undefined);
  if (!shown) return null;
  const today = localDateOf(now());
  const { member, contribution } = shown;
  const passCode = card ? card.passCode : shown.passCode;
  const status = contribution.status;
  const openCents = openCentsOf(status);
  const usedToday = new Map<string, string[]>();
  for (const u of card?.todayServiceUses ?? [])
    usedToday.set(u.serviceId, [...(usedToday.get(u.serviceId) ?? []), u.eventId]);
  const usual = (card?.history.usualServiceIds ?? [])
    .map((id) => services.find((s) => s.id === id)?.name[lang])
    .filter((n): n is string => !!n);

  const pay = async (cents: number) => {
    const eventId = await work.run(() =>
      recordPayment(db, writer, member.memberId, cents, now(), {
        year: contribution.year,
        associationId: contribution.associationId,
      }),
    );
    if (eventId)
      work.done(
        t('scan.done.payment', { amount: formatMoney(cents, lang), name: member.name }),
        eventId,
      );
    return eventId !== undefined;
  };

  const payPartial = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseAmount(amount);
    if (!parsed.ok) {
      setAmountError(
        t(`scan.pay.error.${parsed.reason}`, { max: formatMoney(MAX_PAYMENT_CENTS, lang) }),
      );
      document.getElementById(amountId)?.focus();
      return;
    }
    setAmountError(null);
    if (await pay(parsed.cents)) setAmount('');
  };

  const recordUse = async (service: DeskService) => {
    const at = now();
    if (isRepeatTap(lastTap.current.get(service.id), at)) {
      work.done(t('scan.done.serviceRepeat', { service: service.name[lang], name: member.name }));
      return;
    }
    lastTap.current.set(service.id, at);
    const eventId = await work.run(() =>
      recordServiceUse(db, writer, member.memberId, service.id, now()),
    );
    if (eventId)
      work.done(
        t('scan.done.service', { service: service.name[lang], name: member.name }),
        eventId,
      );
  };

  const takeOff = async (service: DeskService) => {
    const last = usedToday.get(service.id)?.at(-1);
    if (!last) return;
    lastTap.current.delete(service.id);
    const result = await work.run(() => voidEvent(db, writer, last, DESK_UNDO_REASON, now()));
    if (result?.ok)
      work.done(t('scan.done.serviceOff', { service: service.name[lang], name: member.name }));
  };

  const join = async () => {
    const ok = await work.run(async () => {
      await startMembership(db, writer, member.memberId, now());
      return true;
    });
    if (ok) work.done(t('scan.done.membership', { name: member.name }));
  };

  const groups = (['service', 'activity'] as const)
    .map((kind) => ({ kind, items: services.filter((s) => s.kind === kind) }))
    .filter((g) => g.items.length > 0);

  return (
    <section className="member-card" aria-labelledby={headingId}>
      <div className="member-head">
        <div>
          <h2 id={headingId} className="member-name">
            {member.name}
          </h2>
          <p className="member-pass">
            {passCode ? t('scan.card.pass', { code: passCode }) : t('scan.card.noPass')}
          </p>
          {locationStatus ? <div className="member-location-status">{locationStatus}</div> : null}
        </div>
        <button type="button" className="secondary" onClick={onClose}>
          {t('scan.card.close')}
        </button>
      </div>
      {card && <RegisteredElsewhere memberId={member.memberId} work={work} />}

      <div className={`contribution contribution-${status.kind}`}>
        <p className="contribution-status">
          <span className="status-icon" aria-hidden="true">
            {STATUS_ICON[status.kind]}
          </span>{' '}
          {describeContribution(t, lang, contribution)}
        </p>
        {openCents > 0 && (
          <div className="pay-row">
            <button type="button" className="pay-full" onClick={() => void pay(openCents)}>
              {t('scan.pay.full', { amount: formatMoney(openCents, lang) })}
            </button>
            <form className="pay-partial" onSubmit={payPartial} noValidate>
              <label htmlFor={amountId}>{t('scan.pay.partialLabel')}</label>
              <div className="pay-partial-row">
                <input
                  id={amountId}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={amount}
                  aria-invalid={amountError ? true : undefined}
                  aria-describedby={amountError ? amountErrorId : undefined}
                  onChange={(e) => setAmount(e.target.value)}
                />
                <button type="submit" className="secondary">
                  {t('scan.pay.partialSubmit')}
                </button>
              </div>
              {amountError && (
                <p id={amountErrorId} className="field-error">
                  {amountError}
                </p>
              )}
            </form>
          </div>
        )}
        {status.kind === 'not-member' && (
          <button type="button" className="secondary" onClick={() => void join()}>
            {t('scan.join')}
          </button>
        )}
      </div>

      <div className="services-head">
        <h3>{t('scan.card.services')}</h3>
        <p className="hint">{t('scan.card.servicesHint')}</p>
      </div>
      {groups.map((g) => (
        <div
          key={g.kind}
          className="service-group"
          role="group"
          aria-label={t(`scan.kind.${g.kind}`)}
        >
          <p className="service-group-label">{t(`scan.kind.${g.kind}`)}</p>
          <div className="service-grid">
            {g.items.map((s) => {
              const count = usedToday.get(s.id)?.length ?? 0;
              return (
                <div key={s.id} className="service-cell">
                  <button
                    type="button"
                    className={`service-btn${count > 0 ? ' service-used' : ''}`}
                    onClick={() => void recordUse(s)}
                  >
                    <span>{s.name[lang]}</span>
                    {count > 0 && (
                      <span className="service-count">
                        <span aria-hidden="true">✓ </span>
                        {t('scan.card.usedToday', { count })}
                      </span>
                    )}
                  </button>
                  {count > 0 && (
                    <button
                      type="button"
                      className="service-minus secondary"
                      aria-label={t('scan.card.takeOff', { service: s.name[lang] })}
                      onClick={() => void takeOff(s)}
                    >
                      −1
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      ))}

      {card && (
        <div className="member-history">
          <div>
            <h3>{t('scan.card.lastVisits')}</h3>
            {card.history.lastVisits.length === 0 ? (
              <p>{t('scan.card.noVisits')}</p>
            ) : (
              <ul>
                {card.history.lastVisits.map((v) => (
                  <li key={`${v.day}|${v.locationId}`}>
                    {t(v.day === today ? 'scan.card.visitToday' : 'scan.card.visit', {
                      date: formatLocalDate(v.day),
                      time: localTimeOf(v.at),
                      location: findLocation(v.locationId)?.name ?? v.locationId,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>{t('scan.card.usual')}</h3>
            <p>{usual.length > 0 ? usual.join(', ') : t('scan.card.usualNone')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
