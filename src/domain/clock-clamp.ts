/**
 * The server's clock clamp of an incoming fact: a laptop clock far ahead would win every field
 * edit, and date its visits, payments and registrations on days that have not come yet, until
 * real time caught up. The server caps both the HLC (`clampHlc`) and `at` at its own time plus
 * the allowed skew. Every replica applies the clamped copy; the laptop that wrote the fact adopts
 * it when it pulls it back (src/app/db/sync-reclock.ts).
 */
import type { BuurtpasEvent } from './events.ts';
import { clampHlc } from './hlc.ts';

export function clampEventClock(
  event: BuurtpasEvent,
  serverNowMs: number,
  maxClockSkewMs: number,
): BuurtpasEvent {
  const hlc = clampHlc(event.hlc, serverNowMs, maxClockSkewMs);
  const limit = serverNowMs + maxClockSkewMs;
  const at = Date.parse(event.at) > limit ? new Date(limit).toISOString() : event.at;
  return hlc === event.hlc && at === event.at ? event : { ...event, hlc, at };
}
