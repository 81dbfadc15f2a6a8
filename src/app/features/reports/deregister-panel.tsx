import { useId, useState, type FormEvent } from 'react';
import { LOCATIONS } from '../../../domain/catalog.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { deregisterNotSeenSince, findNotSeenSince } from '../../db/report-actions.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';

/** "Not seen since …": find first, then deregister them all with one reason. */
export function DeregisterPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const today = localDateOf(now());
  const [locationId, setLocationId] = useState(writer.locationId);
  const [since, setSince] = useState(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
  const [reason, setReason] = useState('');
  const [found, setFound] = useState<{ count: number; locationId: string; since: string } | null>(
    null,
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const location = LOCATIONS.find((l) => l.id === locationId)?.name ?? locationId;
  const reasonText =
    reason.trim() || t('reports.dereg.reasonDefault', { date: formatLocalDate(since) });

  async function find(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const ids = await findNotSeenSince(db, locationId, since, now());
    setFound({ count: ids.length, locationId, since });
  }

  async function deregister() {
    if (!found) return;
    try {
      const count = await deregisterNotSeenSince(
        db,
        writer,
        { locationId: found.locationId, since: found.since, reason: reasonText },
        now(),
      );
      setMessage({ kind: 'ok', text: t('reports.dereg.done', { count }) });
      setFound(null);
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('reports.saveFailed', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{t('reports.dereg.title')}</h2>
      <p>{t('reports.dereg.intro')}</p>
      <form onSubmit={find} className="form-grid">
        <label htmlFor={`${id}-location`}>{t('reports.dereg.location')}</label>
        <select
          id={`${id}-location`}
          value={locationId}
          onChange={(e) => (setLocationId(e.target.value), setFound(null))}
        >
          {LOCATIONS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-since`}>{t('reports.dereg.since')}</label>
        <input
          id={`${id}-since`}
          type="date"
          value={since}
          max={today}
          onChange={(e) => (setSince(e.target.value), setFound(null))}
          required
        />
        <label htmlFor={`${id}-reason`}>{t('reports.dereg.reason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          placeholder={t('reports.dereg.reasonDefault', { date: formatLocalDate(since) })}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        <span />
        <button type="submit" className="secondary">
          {t('reports.dereg.find')}
        </button>
      </form>
      {found ? (
        <div className="dereg-result">
          <p>
            {t('reports.dereg.found', {
              count: found.count,
              location,
              date: formatLocalDate(found.since),
            })}
          </p>
          {found.count > 0 ? (
            <button type="button" className="danger" onClick={() => void deregister()}>
              {t('reports.dereg.confirm', { count: found.count })}
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
