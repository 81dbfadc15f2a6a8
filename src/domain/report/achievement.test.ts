import { describe, expect, it } from 'vitest';
import { achievementOf } from './achievement.ts';

describe('achievementOf: the seed legend at its boundaries', () => {
  it.each([
    // result, target → band (percent)
    [0, 100, 'red', 0],
    [19, 100, 'red', 19],
    [199, 1000, 'red', 19.9],
    [20, 100, 'orange', 20], // 20 % opens orange
    [39, 100, 'orange', 39],
    [40, 100, 'blue', 40], // 40 % opens blue
    [79, 100, 'blue', 79],
    [80, 100, 'green', 80], // 80 % opens green
    [120, 100, 'green', 120], // 120 % is still green: dark green is "more than 120 %"
    [121, 100, 'dark-green', 121],
    [1201, 1000, 'dark-green', 120.1],
    [1, 3, 'orange', 33.3], // thirds: exact comparison, rounded only for display
    [2, 10, 'orange', 20],
    [6, 5, 'green', 120],
  ] as const)('%i of %i → %s', (result, target, band, percent) => {
    expect(achievementOf(result, target)).toEqual({ band, percent });
  });

  it('gives no colour without a positive target', () => {
    expect(achievementOf(5, null)).toBeNull();
    expect(achievementOf(5, undefined)).toBeNull();
    expect(achievementOf(5, 0)).toBeNull();
  });
});
