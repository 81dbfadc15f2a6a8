/**
 * How far behind a desk laptop is, for the coordinator's devices screen: a code and a number,
 * the screen words it ("Balie MultiBron heeft 3 dagen niet gesynchroniseerd"). "Now" is the
 * server's clock from the same answer, so a laptop with a wrong clock still reads it right.
 */
export type DeviceSyncAge =
  { kind: 'never' } | { kind: 'recent'; at: string } | { kind: 'behind'; days: number; at: string };

const DAY_MS = 86_400_000;

/** A desk that last synced more than `thresholdMs` ago (default one day) is behind. */
export function classifyDeviceSyncAge(
  lastSyncAt: string | null,
  nowMs: number,
  thresholdMs = DAY_MS,
): DeviceSyncAge {
  if (lastSyncAt === null) return { kind: 'never' };
  const age = nowMs - Date.parse(lastSyncAt);
  if (!(age > thresholdMs)) return { kind: 'recent', at: lastSyncAt };
  return { kind: 'behind', days: Math.max(1, Math.floor(age / DAY_MS)), at: lastSyncAt };
}
