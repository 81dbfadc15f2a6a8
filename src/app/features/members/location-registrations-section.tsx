import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { checkReason } from '../../../domain/treasurer/payment-input.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { voidEvent } from '../../db/desk-actions.ts';
import {
  deregisterAtLocation,
  readLocationRegistrations,
  returnToLocation,
} from '../../db/location-registrations.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { locationName } from './names.ts';

type Done = { text: string; eventId: string } | null;

/**
 * Per location: registered or left, leaving one location with a reason ("stopt bij MultiBron,
 * blijft bij CJM"), coming back, and undo of the last change (a void: the rule that reads it is
 * src/domain/registration-changes.ts). Bulk deregistration stays in the retention panel.
 */
export function LocationRegistrationsSection({ memberId }: { memberId: string }) {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const reasonId = useId();
  const [leaving, setLeaving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done>(null);
  const rows = useLiveQuery(
    () => readLocationRegistrations(db, memberId, now()),
    [db, memberId, now],
  );
  if (!rows || rows.length === 0) return null;

  const leave = async (e: FormEvent) => {
    e.preventDefault();
    if (!leaving) return;
    const checked = checkReason(reason);
    if (!checked.ok) {
      setError(t(`members.locations.error.${checked.problem}`));
      document.getElementById(reasonId)?.focus();
      return;
    }
    const eventId = await deregisterAtLocation(
      db,
      writer,
      memberId,
      leaving,
      checked.reason,
      now(),
    );
    setDone({ text: t('members.locations.left', { location: locationName(leaving) }), eventId });
    setLeaving(null);
    setReason('');
    setError(null);
  };

  const comeBack = async (locationId: string) => {
    const eventId = await returnToLocation(db, writer, memberId, locationId, now());
    setDone({
      text: t('members.locations.returned', { location: locationName(locationId) }),
      eventId,
    });
  };

  const undo = async () => {
    if (!done) return;
    await voidEvent(db, writer, done.eventId, t('members.locations.undoReason'), now());
    setDone({ text: t('members.locations.undone'), eventId: '' });
  };

  return (
    <section className="location-registrations" aria-labelledby={`${reasonId}-title`}>
      <h3 id={`${reasonId}-title`}>{t('members.locations.title')}</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.locationId}>
            <span>
              {r.open
                ? t('members.locations.open', {
                    location: locationName(r.locationId),
                    date: formatLocalDate(r.since),
                  })
                : t('members.locations.closed', {
                    location: locationName(r.locationId),
                    date: r.leftOn ? formatLocalDate(r.leftOn) : '',
                  })}
            </span>{' '}
            {r.open ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setLeaving(r.locationId);
                  setError(null);
                }}
              >
                {t('members.locations.leave', { location: locationName(r.locationId) })}
              </button>
            ) : (
              <button
                type="button"
                className="secondary"
                onClick={() => void comeBack(r.locationId)}
              >
                {t('members.locations.return', { location: locationName(r.locationId) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {leaving ? (
        <form onSubmit={leave} noValidate>
          <label htmlFor={reasonId}>
            {t('members.locations.reason', { location: locationName(leaving) })}
          </label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${reasonId}-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {error ? (
            <p id={`${reasonId}-error`} className="field-error">
              {error}
            </p>
          ) : null}
          <button type="submit">
            {t('members.locations.confirmLeave', { location: locationName(leaving) })}
          </button>
          <button type="button" className="secondary" onClick={() => setLeaving(null)}>
            {t('members.locations.cancel')}
          </button>
        </form>
      ) : null}
      {done ? (
        <p role="status">
          {done.text}{' '}
          {done.eventId ? (
            <button type="button" className="secondary" onClick={() => void undo()}>
              {t('members.locations.undo')}
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
