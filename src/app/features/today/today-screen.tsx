import { useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import type { BuurtpasEvent } from '../../../domain/events.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { listServices } from '../../db/list-services.ts';
import { useDb } from '../../db/db-context.tsx';
import { voidEvent } from '../../db/desk-actions.ts';
import { readMemberNames } from '../../db/desk-card-queries.ts';
import { readTodayAtDesk } from '../../db/desk-queries.ts';
import { formatLocalDate, formatMoney, formatNumber } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/i18n-store.ts';
import { useLang, useT, type Translate } from '../../i18n/use-t.ts';
import { DESK_UNDO_REASON } from '../../ui/record-words.ts';
import './today-screen.css';

/** Taps a volunteer may take back all day: their own services, walk-ins and cash. */
const UNDOABLE = new Set(['service-used', 'walk-in-counted', 'payment-recorded']);

const SHOWN_TYPES = new Set([
  'visit-recorded',
  'service-used',
  'walk-in-counted',
  'payment-recorded',
  'client-registered',
  'membership-started',
  'pass-issued',
]);

function describeEvent(
  t: Translate,
  lang: Lang,
  event: BuurtpasEvent,
  serviceName: (id: string) => string,
): string {
  switch (event.type) {
    case 'service-used':
      return t('today.event.service-used', { service: serviceName(event.data.serviceId) });
    case 'walk-in-counted':
      return t('today.event.walk-in-counted', { service: serviceName(event.data.serviceId) });
    case 'payment-recorded':
      return t('today.event.payment-recorded', {
        year: event.data.year,
        amount: formatMoney(event.data.amountCents, lang),
      });
    case 'pass-issued':
      return t('today.event.pass-issued', { code: event.data.code });
    case 'visit-recorded':
    case 'client-registered':
    case 'membership-started':
      return t(`today.event.${event.type}`);
    default:
      return t('today.event.other');
  }
}

/**
 * Today at this desk: the counts and the cash taken (kept as counters, so this never scans a
 * table), and every fact of the day per client, newest first, each tap with its undo for the
 * whole day; undone ones struck through.
 */
export function TodayScreen() {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const [note, setNote] = useState<string | null>(null);
  const day = localDateOf(now());
  const data = useLiveQuery(async () => {
    const today = await readTodayAtDesk(db, writer.deviceId, writer.locationId, day);
    // Facts of one write share `at`; this laptop's HLC stamps keep the order they were made in.
    const events = today.events
      .filter((e) => SHOWN_TYPES.has(e.type))
      .sort((a, b) => (a.event.hlc < b.event.hlc ? 1 : a.event.hlc > b.event.hlc ? -1 : 0));
    const [names, services] = await Promise.all([
      readMemberNames(
        db,
        events.flatMap((e) => (e.memberId ? [e.memberId] : [])),
      ),
      listServices(db, writer.locationId),
    ]);
    return { today, events, names, services };
  }, [db, writer.deviceId, writer.locationId, day]);

  if (!data) return null;
  const { today, events, names, services } = data;
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name[lang] ?? id;
  const totals: [string, string][] = [
    [t('today.visits'), formatNumber(today.visits, lang)],
    [t('today.serviceUses'), formatNumber(today.serviceUses, lang)],
    [t('today.walkIns'), formatNumber(today.walkIns, lang)],
    [t('today.payments'), formatNumber(today.payments, lang)],
    [t('today.cash'), formatMoney(today.cashCents, lang)],
  ];

  // One group per client (walk-ins together), the client seen last on top.
  const groups = new Map<string, typeof events>();
  for (const e of events) {
    const key = e.memberId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }

  const undo = async (eventId: string, what: string) => {
    try {
      const result = await voidEvent(db, writer, eventId, DESK_UNDO_REASON, now());
      setNote(result.ok ? t('today.undone', { what }) : t('today.undoGone'));
    } catch {
      setNote(t('today.undoFailed'));
    }
  };

  return (
    <div className="today">
      <h1>
        {t('today.heading')} <span className="today-date">{formatLocalDate(day)}</span>
      </h1>
      <h2 className="visually-hidden">{t('today.totals')}</h2>
      <dl className="today-totals">
        {totals.map(([label, value]) => (
          <div key={label} className="today-total">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('today.list')}</h2>
      <p className="today-note" role="status">
        {note}
      </p>
      {events.length === 0 ? (
        <p className="today-empty">{t('today.empty')}</p>
      ) : (
        [...groups].map(([memberId, list]) => {
          const who = memberId
            ? (names.get(memberId) ?? t('today.nameUnknown'))
            : t('today.walkInGroup');
          return (
            <section key={memberId || 'walk-ins'} className="today-client" aria-label={who}>
              <h3>{who}</h3>
              <table className="today-list">
                <thead>
                  <tr>
                    <th scope="col">{t('today.time')}</th>
                    <th scope="col">{t('today.what')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('today.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => {
                    const voided = today.voided.has(e.eventId);
                    const what = describeEvent(t, lang, e.event, serviceName);
                    return (
                      <tr key={e.eventId} className={voided ? 'today-voided' : undefined}>
                        <td>{localTimeOf(e.event.at)}</td>
                        <td>
                          {voided ? <s>{what}</s> : what}
                          {voided && (
                            <span className="today-voided-note"> ({t('today.voided')})</span>
                          )}
                        </td>
                        <td>
                          {!voided && UNDOABLE.has(e.type) && (
                            <button
                              type="button"
                              className="secondary today-undo"
                              aria-label={t('today.undoLabel', { what, who })}
                              onClick={() => void undo(e.eventId, what)}
                            >
                              {t('today.undo')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </div>
  );
}
