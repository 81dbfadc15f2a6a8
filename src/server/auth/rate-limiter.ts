/**
 * A token bucket per key (a token's hash, or the client address before enrollment), in memory:
 * one process serves the three rooms, and a restart forgetting the buckets does no harm.
 * Capacity is one minute's worth, so a new laptop's burst of pulls passes.
 */
export type RateLimiter = { take(key: string, nowMs: number): boolean };

export function createRateLimiter(perMinute: number, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(key, nowMs) {
      if (perMinute <= 0) return true;
      const bucket = buckets.get(key) ?? { tokens: perMinute, atMs: nowMs };
      bucket.tokens = Math.min(
        perMinute,
        bucket.tokens + Math.max(0, nowMs - bucket.atMs) * refillPerMs,
      );
      bucket.atMs = nowMs;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      // Bound memory against a flood of made-up tokens: drop the oldest-touched entry.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return allowed;
    },
  };
}
