/**
 * The scan loop runs on every animation frame but decodes about ten times a second: often enough
 * that a card is read within a few frames of appearing (RESEARCH.md: zxing's default 500 ms pause
 * dominated its time to result), rarely enough to leave the laptop's two cores to the desk. Never
 * two decodes at once, and never the same video frame twice.
 */
export const DECODE_INTERVAL_MS = 100;

export type DecodeClock = {
  lastStartMs: number | null;
  busy: boolean;
  lastFrameTime: number | null;
};

export function isDecodeDue(
  clock: DecodeClock,
  nowMs: number,
  frameTime: number,
  intervalMs = DECODE_INTERVAL_MS,
): boolean {
  if (clock.busy) return false;
  if (clock.lastFrameTime !== null && frameTime === clock.lastFrameTime) return false;
  return clock.lastStartMs === null || nowMs - clock.lastStartMs >= intervalMs;
}
