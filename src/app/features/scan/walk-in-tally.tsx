import { useId } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { countWalkIn, voidEvent } from '../../db/desk-actions.ts';
import { readWalkInsToday, type DeskService } from '../../db/desk-card-queries.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import type { DeskWork } from './desk-work.ts';

export const UNDO_REASON = 'desk-undo';

/** One tap per one-off visitor who does not register: counted, with no personal data at all. */
export function WalkInTally({
  services,
  work,
}: {
  services: readonly DeskService[];
  work: DeskWork;
}) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const headingId = useId();
  const day = localDateOf(now());
  const tally =
    useLiveQuery(() => readWalkInsToday(db, writer.deviceId, day), [db, writer.deviceId, day]) ??
    {};

  const count = async (service: DeskService) => {
    const eventId = await work.run(() => countWalkIn(db, writer, service.id, now()));
    if (eventId) work.done(t('scan.done.walkIn', { service: service.name[lang] }), eventId);
  };

  const takeOff = async (service: DeskService) => {
    const last = tally[service.id]?.eventIds.at(-1);
    if (!last) return;
    const result = await work.run(() => voidEvent(db, writer, last, UNDO_REASON, now()));
    if (result?.ok) work.done(t('scan.undone'));
  };

  return (
    <section className="panel walk-ins" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('scan.walkIn.heading')}</h2>
      <p className="hint">{t('scan.walkIn.hint')}</p>
      <ul className="walk-in-list">
        {services.map((s) => {
          const n = tally[s.id]?.count ?? 0;
          return (
            <li key={s.id} className="walk-in-row">
              <button
                type="button"
                className="walk-in-btn secondary"
                aria-label={t('scan.walkIn.count', { service: s.name[lang], count: n })}
                onClick={() => void count(s)}
              >
                <span className="walk-in-plus" aria-hidden="true">
                  +1
                </span>
                <span className="walk-in-name">{s.name[lang]}</span>
                <span className="walk-in-count" aria-hidden="true">
                  {n}
                </span>
              </button>
              <button
                type="button"
                className="walk-in-minus secondary"
                aria-label={t('scan.walkIn.undoOne', { service: s.name[lang] })}
                disabled={n === 0}
                onClick={() => void takeOff(s)}
              >
                −1
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
