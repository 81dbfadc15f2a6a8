/**
 * A card held in front of the camera is read ten times a second; a USB scanner sends a pass once
 * per trigger. So a code goes to the desk only when it was not seen during the last `quietMs`:
 * holding a card up sends it once, taking it away and showing it again (or a second card) sends
 * again. The desk still applies its own repeat rule, exactly as for a USB scan.
 */
export type Sighting = { code: string; lastSeenMs: number } | null;

export const HELD_PASS_QUIET_MS = 1500;

export function suppressHeldPass(
  previous: Sighting,
  code: string | null,
  nowMs: number,
  quietMs: number = HELD_PASS_QUIET_MS,
): { sighting: Sighting; send: string | null } {
  if (code === null) return { sighting: previous, send: null };
  const held = previous !== null && previous.code === code && nowMs - previous.lastSeenMs < quietMs;
  return { sighting: { code, lastSeenMs: nowMs }, send: held ? null : code };
}
