import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from '../../db/use-live-query.ts';
import { LOCATIONS } from '../../../domain/catalog.ts';
import { localDateOf } from '../../../domain/amsterdam-time.ts';
import type { RoleKind } from '../../../domain/events.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import type { MemberRow } from '../../db/database.ts';
import { searchMembersByName } from '../../db/desk-queries.ts';
import { listRolePeriods, setRolePeriod } from '../../db/report-actions.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';

/** Marks a member volunteer or key holder for a period; ends a period by setting its last day. */
export function RolesPanel() {
  const t = useT();
  const db = useDb();
  const { writer, now } = useDesk();
  const id = useId();
  const today = localDateOf(now());
  const [query, setQuery] = useState('');
  const matches = useLiveQuery(
    () =>
      query.trim().length >= 2
        ? searchMembersByName(db, query, 8)
        : Promise.resolve([] as MemberRow[]),
    [db, query],
  );
  const periods = useLiveQuery(() => listRolePeriods(db), [db]);
  const [member, setMember] = useState<MemberRow | null>(null);
  const [role, setRole] = useState<RoleKind>('volunteer');
  const [locationId, setLocationId] = useState(writer.locationId);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const locationName = (l: string) => LOCATIONS.find((x) => x.id === l)?.name ?? l;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!member) return setMessage({ kind: 'error', text: t('reports.roles.pickFirst') });
    if (to !== '' && to < from)
      return setMessage({ kind: 'error', text: t('reports.roles.badDates') });
    try {
      await setRolePeriod(
        db,
        writer,
        { memberId: member.memberId, locationId, role, from, to: to === '' ? null : to },
        now(),
      );
      setMessage({
        kind: 'ok',
        text: t('reports.roles.saved', {
          name: member.name,
          role: t(`reports.roles.${role}`),
          location: locationName(locationId),
        }),
      });
    } catch (err) {
      setMessage({
        kind: 'error',
        text: t('reports.saveFailed', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>{t('reports.roles.title')}</h2>
      <p>{t('reports.roles.intro')}</p>
      <label htmlFor={`${id}-search`}>{t('reports.roles.search')}</label>{' '}
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
      />
      <ul className="pick-list">
        {(matches ?? []).map((m) => (
          <li key={m.memberId}>
            <button type="button" className="secondary" onClick={() => setMember(m)}>
              {t('reports.roles.pick', { name: m.name })}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={save} className="form-grid">
        <span className="label-like">
          {t('reports.roles.chosen', { name: member?.name ?? '—' })}
        </span>
        <span />
        <label htmlFor={`${id}-role`}>{t('reports.roles.role')}</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as RoleKind)}
        >
          <option value="volunteer">{t('reports.roles.volunteer')}</option>
          <option value="key-holder">{t('reports.roles.key-holder')}</option>
        </select>
        <label htmlFor={`${id}-location`}>{t('reports.roles.location')}</label>
        <select
          id={`${id}-location`}
          value={locationId}
          onChange={(e) => setLocationId(e.target.value)}
        >
          {LOCATIONS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-from`}>{t('reports.roles.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          required
        />
        <label htmlFor={`${id}-to`}>{t('reports.roles.to')}</label>
        <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <span />
        <button type="submit">{t('reports.roles.save')}</button>
      </form>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'ok'}>
        {message?.text ?? ''}
      </p>
      <h3>{t('reports.roles.current')}</h3>
      {periods && periods.length === 0 ? <p>{t('reports.roles.none')}</p> : null}
      <ul className="role-list">
        {(periods ?? []).map((p) => (
          <li key={p.eventId}>
            {p.name || t('reports.roles.erased')} — {t(`reports.roles.${p.role}`)},{' '}
            {locationName(p.locationId)}: {formatLocalDate(p.from)} –{' '}
            {p.to ? formatLocalDate(p.to) : t('reports.roles.open')}{' '}
            {p.to === null ? (
              <button
                type="button"
                className="secondary"
                aria-label={t('reports.roles.endOf', { name: p.name })}
                onClick={() =>
                  void setRolePeriod(
                    db,
                    writer,
                    {
                      memberId: p.memberId,
                      locationId: p.locationId,
                      role: p.role,
                      from: p.from,
                      to: today < p.from ? p.from : today,
                    },
                    now(),
                  )
                }
              >
                {t('reports.roles.end')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
