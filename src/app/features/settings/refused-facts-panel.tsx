/**
 * Facts of this laptop the server did not take (docs/security.md): refused with a reason (another
 * location, a role without its proof, unreadable) or a conflict (the server holds the same id
 * with other content). They stay on this laptop; the panel says what happened in plain words and
 * that the coordinator can see them on the server. The desk keeps working meanwhile.
 */
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { useDb } from '../../db/db-context.tsx';
import { useRefusedFacts } from '../../db/use-refused-facts.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useT, type Translate } from '../../i18n/use-t.ts';

const KNOWN_REASONS = new Set([
  'location-forbidden',
  'role-proof-required',
  'role-proof-invalid',
  'role-forbidden',
  'event-invalid',
  'type-unknown',
  'device-mismatch',
  'clock-device-mismatch',
  'conflict',
]);

export function refusalText(t: Translate, reason: string): string {
  return KNOWN_REASONS.has(reason)
    ? t(`settings.refused.reason.${reason}`)
    : t('settings.refused.reason.other', { code: reason });
}

/** Shown only when there is something to show. */
export function RefusedFactsPanel() {
  const t = useT();
  const db = useDb();
  const facts = useRefusedFacts(db);
  if (!facts || facts.length === 0) return null;
  return (
    <section className="problem refused-facts" aria-labelledby="refused-title">
      <h2 id="refused-title">{t('settings.refused.title', { count: facts.length })}</h2>
      <p>{t('settings.refused.intro')}</p>
      <ul>
        {facts.slice(0, 50).map((f) => {
          const ms = Date.parse(f.at);
          return (
            <li key={`${f.eventId}-${f.at}`}>
              <strong>{refusalText(t, f.reason)}</strong>{' '}
              <span className="refused-meta">
                ({f.type ?? '?'} · {formatLocalDate(localDateOf(ms))} {localTimeOf(ms)})
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
