/**
 * Result against target, coloured by the seed report's legend:
 *   red        < 20 %      "zeer beperkt"
 *   orange     20 – 40 %   "ten dele gehaald"
 *   blue       40 – 80 %   "deels gehaald"
 *   green      80 – 120 %  "(bijna) gehaald"
 *   dark-green > 120 %     "ruimschoots gehaald"
 * The seed writes "ca."; we decide: a boundary belongs to the band above it (exactly 20 % is
 * orange, 40 % blue, 80 % green), except 120 %, which is still green because the seed's top band
 * is "meer dan 120%". Compared in whole numbers (result × 100 against target × bound), so no
 * rounding of the percentage can move a result across a boundary.
 */
export type AchievementBand = 'red' | 'orange' | 'blue' | 'green' | 'dark-green';

export const ACHIEVEMENT_BANDS: readonly AchievementBand[] = [
  'red',
  'orange',
  'blue',
  'green',
  'dark-green',
];

export type Achievement = { percent: number; band: AchievementBand };

/** Null without a positive target: there is nothing to measure against. */
export function achievementOf(
  result: number,
  target: number | null | undefined,
): Achievement | null {
  if (target === null || target === undefined || target <= 0) return null;
  const scaled = result * 100;
  let band: AchievementBand;
  if (scaled < target * 20) band = 'red';
  else if (scaled < target * 40) band = 'orange';
  else if (scaled < target * 80) band = 'blue';
  else if (scaled <= target * 120) band = 'green';
  else band = 'dark-green';
  return { percent: Math.round((scaled / target) * 10) / 10, band };
}
