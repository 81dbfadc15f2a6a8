import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it("allows a burst of one minute's worth, then refills continuously, per key", () => {
    const limiter = createRateLimiter(60);
    const t0 = 1_000_000;
    const burst = Array.from({ length: 61 }, () => limiter.take('a', t0));
    expect(burst.filter(Boolean)).toHaveLength(60);
    expect(limiter.take('a', t0)).toBe(false);
    expect(limiter.take('b', t0)).toBe(true);
    expect(limiter.take('a', t0 + 1000)).toBe(true);
    expect(limiter.take('a', t0 + 1000)).toBe(false);
  });

  it('is off at 0', () => {
    const limiter = createRateLimiter(0);
    expect(Array.from({ length: 1000 }, () => limiter.take('a', 0)).every(Boolean)).toBe(true);
  });
});
