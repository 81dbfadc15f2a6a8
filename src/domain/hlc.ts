/**
 * Hybrid logical clock. A stamp is a string that sorts lexicographically in causal-then-device
 * order: 15 digits of wall milliseconds, 6 digits of counter, then the device id. Comparing two
 * stamps is plain string comparison, so every replica (browser, SQLite, PostgreSQL) picks the
 * same winner without parsing.
 */
export type Hlc = string;

export type HlcState = { wallMs: number; counter: number };

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;

export function formatHlc(state: HlcState, deviceId: string): Hlc {
  return `${String(state.wallMs).padStart(WALL_DIGITS, '0')}-${String(state.counter).padStart(COUNTER_DIGITS, '0')}-${deviceId}`;
}

export function parseHlc(stamp: Hlc): HlcState & { deviceId: string } {
  const wallMs = Number(stamp.slice(0, WALL_DIGITS));
  const counter = Number(stamp.slice(WALL_DIGITS + 1, WALL_DIGITS + 1 + COUNTER_DIGITS));
  const deviceId = stamp.slice(WALL_DIGITS + COUNTER_DIGITS + 2);
  return { wallMs, counter, deviceId };
}

export function isHlc(stamp: string): boolean {
  return /^\d{15}-\d{6}-[A-Za-z0-9_-]{1,64}$/.test(stamp);
}

/** The next local stamp: never behind the last one, even when the wall clock steps back. */
export function tickHlc(state: HlcState, nowMs: number): HlcState {
  if (nowMs > state.wallMs) return { wallMs: nowMs, counter: 0 };
  return { wallMs: state.wallMs, counter: state.counter + 1 };
}

/** After seeing a remote stamp, local stamps sort after it. */
export function receiveHlc(state: HlcState, remote: Hlc, nowMs: number): HlcState {
  const r = parseHlc(remote);
  const wallMs = Math.max(state.wallMs, r.wallMs, nowMs);
  if (wallMs === state.wallMs && wallMs === r.wallMs) {
    return { wallMs, counter: Math.max(state.counter, r.counter) + 1 };
  }
  if (wallMs === state.wallMs) return { wallMs, counter: state.counter + 1 };
  if (wallMs === r.wallMs) return { wallMs, counter: r.counter + 1 };
  return { wallMs, counter: 0 };
}

/**
 * A laptop whose clock runs far ahead would otherwise win every field edit for as long as the
 * clock is wrong. The server caps a stamp at its own time plus the allowed skew; the device id
 * stays, so the tie-break between devices is unchanged.
 */
export function clampHlc(stamp: Hlc, serverNowMs: number, maxSkewMs: number): Hlc {
  const limit = serverNowMs + maxSkewMs;
  // Every fact's stamp passes here on a push: read its wall digits in place (no slices, no
  // object); anything that is not 15 digits goes the general way below.
  if (readWallMs(stamp) <= limit) return stamp;
  const parsed = parseHlc(stamp);
  if (parsed.wallMs <= limit) return stamp;
  return formatHlc({ wallMs: limit, counter: parsed.counter }, parsed.deviceId);
}

/** `Number(stamp.slice(0, 15))` when those are 15 digits (exact: below 2^53); NaN otherwise. */
function readWallMs(stamp: Hlc): number {
  let wallMs = 0;
  for (let i = 0; i < WALL_DIGITS; i++) {
    const c = stamp.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return NaN;
    wallMs = wallMs * 10 + (c - 48);
  }
  return wallMs;
}
