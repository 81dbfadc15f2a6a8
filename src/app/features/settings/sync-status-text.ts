/**
 * Which sentence the top bar shows for the sync state, as a message key and its values. The most
 * urgent thing wins: a problem a person must solve, then "busy", then offline, then waiting
 * changes, then the last good sync.
 */
import { localDateOf, localTimeOf } from '../../../domain/amsterdam-time.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import type { SyncView } from '../../sync/sync-store.ts';

export type StatusTone = 'ok' | 'busy' | 'waiting' | 'offline' | 'problem';
export type StatusText = { key: string; vars?: Record<string, string | number>; tone: StatusTone };

const PERSON_NEEDED: Record<string, string> = {
  'device-revoked': 'settings.status.revoked',
  'token-invalid': 'settings.status.tokenInvalid',
  'update-required': 'settings.status.updateRequired',
  'request-rejected': 'settings.status.rejected',
};

export function describeSyncStatus(view: SyncView, nowMs: number): StatusText | null {
  const facts = view.facts;
  if (!facts) return null;
  if (!facts.connection) return { key: 'settings.status.notConnected', tone: 'waiting' };
  const last = view.last;
  if (view.phase === 'needs-person' && last?.kind === 'failed')
    return { key: PERSON_NEEDED[last.failure] ?? 'settings.status.rejected', tone: 'problem' };
  if (view.phase === 'syncing') {
    const b = facts.bootstrap;
    if (b && b.phase !== 'done' && b.total > 0)
      return {
        key: 'settings.status.loadingHistory',
        vars: { percent: Math.min(100, Math.floor((b.pulled / b.total) * 100)) },
        tone: 'busy',
      };
    return { key: 'settings.status.syncing', tone: 'busy' };
  }
  const offline =
    !view.online ||
    (view.phase === 'retry-wait' && last?.kind === 'failed' && last.failure === 'offline');
  if (offline) return { key: 'settings.status.offline', tone: 'offline' };
  if (view.phase === 'retry-wait' && view.retryAt !== null)
    return {
      key: 'settings.status.retryAt',
      vars: { time: localTimeOf(view.retryAt) },
      tone: 'offline',
    };
  if (facts.pending > 0)
    return { key: 'settings.status.pending', vars: { count: facts.pending }, tone: 'waiting' };
  if (!facts.lastSyncAt) return { key: 'settings.status.never', tone: 'waiting' };
  const time = localTimeOf(facts.lastSyncAt);
  const day = localDateOf(facts.lastSyncAt);
  if (day === localDateOf(nowMs))
    return { key: 'settings.status.syncedAt', vars: { time }, tone: 'ok' };
  return {
    key: 'settings.status.syncedOn',
    vars: { date: formatLocalDate(day), time },
    tone: 'ok',
  };
}
