import { memo, useId, useState } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { countWalkIn, voidEvent } from '../../db/desk-actions.ts';
import { readWalkInsToday, type DeskService } from '../../db/desk-card-queries.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import { DESK_UNDO_REASON } from '../../ui/record-words.ts';
import type { DeskWork } from './desk-work.ts';

/**
 * One tap per one-off visitor who does not register: counted, with no personal data at all. The
 * list stays folded behind one "Losse bezoeker" button, apart from the client's card, so the same
 * service names never stand twice side by side.
 */
export const WalkInTally = memo(function WalkInTally({
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
  const listId = useId();
  const [open, setOpen] = useState(false);
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
    const result = await work.run(() => voidEvent(db, writer, last, DESK_UNDO_REASON, now()));
    if (result?.ok) work.done(t('scan.undone'));
  };

  const total = Object.values(tally).reduce((n, row) => n + row.count, 0);

  return (
    <section className="panel walk-ins" aria-labelledby={headingId}>
      <h2 id={headingId} className="walk-in-heading">
        <button
          type="button"
          className="walk-in-toggle secondary"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('scan.walkIn.open')}{' '}
          <span className="walk-in-total">{t('scan.walkIn.total', { count: total })}</span>
        </button>
      </h2>
      {open && (
        <div id={listId}>
          <p className="hint">{t('scan.walkIn.hint')}</p>
          <ul className="walk-in-list">
            {services.map((s) => {
              const n = tally[s.id]?.count ?? 0;
              return (
                <li key={s.id} className="walk-in-row">
                  <button
                    type="button"
                    className="walk-in-btn secondary"
                    onClick={() => void count(s)}
                  >
                    <span className="walk-in-plus">+1</span>{' '}
                    <span className="walk-in-name">{s.name[lang]}</span>{' '}
                    <span className="walk-in-count">{n}</span>
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
        </div>
      )}
    </section>
  );
});
