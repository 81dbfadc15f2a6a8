/**
 * Role PINs on a shared laptop: the treasurer's and the coordinator's screens are behind a PIN,
 * the front desk is open to every volunteer. This module holds the rules only; hashing
 * (PBKDF2 via WebCrypto) happens in the app shell, and "now" is always an argument.
 *
 * Why these numbers: a 4-digit PIN has 10.000 possibilities, so the lock after 5 wrong tries with
 * a doubling wait (30 s, 1 min, 2 min, … capped at 15 min) makes guessing at the keyboard take
 * weeks. The synced hash is the weaker point (an attacker with the server's database can try all
 * PINs offline), which is why a PIN has at least 5 digits and the hash is slow.
 */
export type GatedRole = 'treasurer' | 'coordinator';
export const GATED_ROLES: readonly GatedRole[] = ['treasurer', 'coordinator'];

export const PIN_POLICY = {
  minLength: 5,
  maxLength: 12,
  /** Wrong tries before the first wait. */
  freeTries: 5,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  /** An unlocked screen locks again after this long without a key press or tap. */
  inactivityMs: 5 * 60_000,
  /** PBKDF2-SHA-256 iterations for new PINs; stored with the hash so it can go up later. */
  iterations: 210_000,
} as const;

export type PinFormatProblem =
  'pin-too-short' | 'pin-too-long' | 'pin-not-digits' | 'pin-mismatch' | 'pin-too-simple';

/** Checks a new PIN and its repetition. Digits only: the laptop may have a numeric keypad only. */
export function checkNewPin(pin: string, repeat: string): PinFormatProblem | null {
  if (!/^\d*$/.test(pin)) return 'pin-not-digits';
  if (pin.length < PIN_POLICY.minLength) return 'pin-too-short';
  if (pin.length > PIN_POLICY.maxLength) return 'pin-too-long';
  if (isTooSimple(pin)) return 'pin-too-simple';
  if (pin !== repeat) return 'pin-mismatch';
  return null;
}

/** 11111 or 12345 or 54321: the first PINs anyone tries. */
function isTooSimple(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/** Wrong tries on this laptop: kept locally (not synced), so a reload does not reset the wait. */
export type PinAttempts = { failures: number; lockedUntilMs: number };

export const NO_ATTEMPTS: PinAttempts = { failures: 0, lockedUntilMs: 0 };

export type PinLock = { locked: false; triesLeft: number } | { locked: true; untilMs: number };

export function checkPinLock(attempts: PinAttempts, nowMs: number): PinLock {
  if (attempts.lockedUntilMs > nowMs) return { locked: true, untilMs: attempts.lockedUntilMs };
  const over = attempts.failures - PIN_POLICY.freeTries;
  // After the first lock every further wrong try locks again: one try per wait.
  return { locked: false, triesLeft: over >= 0 ? 1 : PIN_POLICY.freeTries - attempts.failures };
}

/** A wrong PIN: counts, and from the fifth on locks for a wait that doubles each time. */
export function registerWrongPin(attempts: PinAttempts, nowMs: number): PinAttempts {
  const failures = attempts.failures + 1;
  const over = failures - PIN_POLICY.freeTries;
  if (over < 0) return { failures, lockedUntilMs: 0 };
  const wait = Math.min(PIN_POLICY.firstLockMs * 2 ** Math.min(over, 20), PIN_POLICY.maxLockMs);
  return { failures, lockedUntilMs: nowMs + wait };
}

/** The right PIN clears the count. */
export function registerRightPin(): PinAttempts {
  return NO_ATTEMPTS;
}

/** Whether an unlocked session has gone quiet for too long (a clock set back never unlocks longer). */
export function isSessionExpired(
  lastActivityMs: number,
  nowMs: number,
  inactivityMs: number = PIN_POLICY.inactivityMs,
): boolean {
  return nowMs - lastActivityMs >= inactivityMs || nowMs < lastActivityMs - inactivityMs;
}

export type RolePinFact = {
  eventId: string;
  hlc: string;
  role: GatedRole;
  iterations: number;
  salt: string;
  hash: string;
  /** The role key the PIN unwraps (docs/security.md); absent in older PIN facts. */
  publicKey?: string;
  wrappedKey?: string;
  iv?: string;
};

/**
 * The PIN in force per role: the latest `role-pin-set` by HLC (event id breaks ties), so every
 * laptop that holds the same facts asks for the same PIN.
 */
export function pickCurrentPins(facts: readonly RolePinFact[]): Map<GatedRole, RolePinFact> {
  const current = new Map<GatedRole, RolePinFact>();
  for (const f of facts) {
    const have = current.get(f.role);
    if (!have || f.hlc > have.hlc || (f.hlc === have.hlc && f.eventId > have.eventId))
      current.set(f.role, f);
  }
  return current;
}

export type PinGateStep =
  | { kind: 'set-first-coordinator-pin' }
  | { kind: 'coordinator-sets-role-pin' }
  | { kind: 'enter-pin' };

/**
 * What the gate asks first. On a fresh install the coordinator chooses the coordinator PIN; the
 * treasurer's PIN is then set by the coordinator (who proves it with the coordinator PIN).
 */
export function decidePinGateStep(
  role: GatedRole,
  pins: ReadonlyMap<GatedRole, unknown>,
): PinGateStep {
  if (pins.has(role)) return { kind: 'enter-pin' };
  if (!pins.has('coordinator')) return { kind: 'set-first-coordinator-pin' };
  return { kind: 'coordinator-sets-role-pin' };
}
