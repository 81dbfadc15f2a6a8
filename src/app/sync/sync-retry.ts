/**
 * Which failures are retried by themselves, and how long to wait: kept apart from the engine so
 * the scheduler (in the desk's start bundle) does not pull in the wire schemas.
 */
/** Why a round stopped early. `transient` ones are retried with back-off; the rest need a person. */
export type SyncFailure =
  | 'offline'
  | 'server-error'
  | 'rate-limited'
  | 'answer-unreadable'
  | 'device-revoked'
  | 'token-invalid'
  | 'update-required'
  | 'request-rejected';

export const TRANSIENT_FAILURES: ReadonlySet<SyncFailure> = new Set([
  'offline',
  'server-error',
  'rate-limited',
  'answer-unreadable',
]);

/** Back-off before retry `attempt` (0-based): doubling from 2 s up to 5 min, jittered to 50–100 %. */
export function retryDelayMs(
  attempt: number,
  random: () => number,
  baseMs = 2000,
  capMs = 300_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
