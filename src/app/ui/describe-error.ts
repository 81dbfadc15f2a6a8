/**
 * One way to put a failure into words, for every screen. It knows the causes a volunteer can act
 * on: the laptop's storage is full (Dexie wraps the browser's QuotaExceededError in an AbortError,
 * so the `inner` chain is followed), there is no connection, or the server refused the request.
 * Anything else is shown by its own message, cut short. The screen's sentence says what to do
 * ("Niet opgeslagen: {detail}. Probeer opnieuw"); this fills in the {detail}.
 */
import { useCallback } from 'react';
import { useT } from '../i18n/use-t.ts';

export type ErrorCause =
  | { kind: 'storage-full' }
  | { kind: 'offline' }
  | { kind: 'refused'; detail: string }
  | { kind: 'failed'; detail: string };

/** Sync failures (sync/sync-engine.ts) that mean "the server said no", not "could not reach it". */
const REFUSALS: ReadonlySet<string> = new Set([
  'request-rejected',
  'device-revoked',
  'token-invalid',
  'update-required',
]);

/** An error's own message, first line only and cut short: a detail, never the sentence. */
export function errorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 160);
}

export function classifyError(error: unknown): ErrorCause {
  let current: unknown = error;
  for (let i = 0; i < 5 && current && typeof current === 'object'; i++) {
    if ((current as { name?: unknown }).name === 'QuotaExceededError')
      return { kind: 'storage-full' };
    current = (current as { inner?: unknown }).inner;
  }
  const failure = (error as { failure?: unknown } | null)?.failure;
  if (failure === 'offline') return { kind: 'offline' };
  if (typeof failure === 'string' && REFUSALS.has(failure))
    return { kind: 'refused', detail: errorDetail(error) };
  // fetch rejects with a TypeError when the network is down or the server unreachable.
  if (error instanceof TypeError && /fetch|network/i.test(error.message))
    return { kind: 'offline' };
  return { kind: 'failed', detail: errorDetail(error) };
}

/** The {detail} of a "not saved" sentence, in the volunteer's language. */
export function useDescribeError(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      const cause = classifyError(error);
      switch (cause.kind) {
        case 'storage-full':
          return t('ui.error.storageFull');
        case 'offline':
          return t('ui.error.offline');
        case 'refused':
          return t('ui.error.refused', { detail: cause.detail });
        case 'failed':
          return cause.detail;
      }
    },
    [t],
  );
}
