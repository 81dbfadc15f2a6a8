import type { RetentionView } from '../../db/member-admin-queries.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/use-t.ts';
import { locationName } from './names.ts';

/** The people the retention rule found, each with a box to choose them; one box chooses all. */
export function RetentionTable({
  rows: visible,
  selected,
  setSelected,
  disabled: running,
}: {
  rows: readonly RetentionView[];
  selected: ReadonlySet<string>;
  setSelected: (update: (s: ReadonlySet<string>) => ReadonlySet<string>) => void;
  disabled: boolean;
}) {
  const t = useT();
  const chosen = visible.filter((r) => selected.has(r.memberId));
  return (
    <table className="members-table">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label={t('members.retention.selectAll')}
              checked={chosen.length === visible.length}
              disabled={running}
              onChange={(e) =>
                setSelected(() =>
                  e.target.checked ? new Set(visible.map((r) => r.memberId)) : new Set<string>(),
                )
              }
            />
          </th>
          <th scope="col">{t('members.retention.name')}</th>
          <th scope="col">{t('members.retention.lastSeen')}</th>
          <th scope="col">{t('members.retention.registered')}</th>
        </tr>
      </thead>
      <tbody>
        {visible.map((r) => (
          <tr key={r.memberId}>
            <td>
              <input
                type="checkbox"
                aria-label={t('members.retention.select', { name: r.name })}
                checked={selected.has(r.memberId)}
                disabled={running}
                onChange={(e) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(r.memberId);
                    else next.delete(r.memberId);
                    return next;
                  })
                }
              />
            </td>
            <td>{r.name}</td>
            <td>{r.lastSeen ? formatLocalDate(r.lastSeen) : t('members.retention.never')}</td>
            <td>
              {r.openLocations.length > 0
                ? r.openLocations.map(locationName).join(', ')
                : t('members.retention.nowhere')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
