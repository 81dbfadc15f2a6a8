import { describe, expect, it } from 'vitest';
import {
  checkNewPin,
  checkPinLock,
  decidePinGateStep,
  isSessionExpired,
  NO_ATTEMPTS,
  pickCurrentPins,
  PIN_POLICY,
  registerRightPin,
  registerWrongPin,
  type PinAttempts,
} from './role-pin.ts';

const T0 = Date.parse('2026-11-27T09:00:00Z');

describe('checkNewPin', () => {
  it.each([
    ['48213', '48213', null],
    ['4821', '4821', 'pin-too-short'],
    ['48a13', '48a13', 'pin-not-digits'],
    ['1234567890123', '1234567890123', 'pin-too-long'],
    ['11111', '11111', 'pin-too-simple'],
    ['12345', '12345', 'pin-too-simple'],
    ['98765', '98765', 'pin-too-simple'],
    ['48213', '48231', 'pin-mismatch'],
  ] as const)('%s / %s → %s', (pin, repeat, expected) => {
    expect(checkNewPin(pin, repeat)).toBe(expected);
  });
});

describe('lockout policy', () => {
  function fail(times: number, start: PinAttempts = NO_ATTEMPTS, at = T0): PinAttempts {
    let a = start;
    for (let i = 0; i < times; i++) a = registerWrongPin(a, at);
    return a;
  }

  it('allows four wrong tries without a wait and counts down', () => {
    const a = fail(4);
    expect(checkPinLock(a, T0)).toEqual({ locked: false, triesLeft: 1 });
    expect(checkPinLock(fail(1), T0)).toEqual({ locked: false, triesLeft: 4 });
  });

  it('locks for 30 s after the fifth wrong try, then doubles per further wrong try', () => {
    const five = fail(5);
    expect(checkPinLock(five, T0 + 29_999)).toEqual({ locked: true, untilMs: T0 + 30_000 });
    expect(checkPinLock(five, T0 + 30_000)).toEqual({ locked: false, triesLeft: 1 });
    const six = registerWrongPin(five, T0 + 30_000);
    expect(six.lockedUntilMs).toBe(T0 + 30_000 + 60_000);
    const seven = registerWrongPin(six, T0 + 90_000);
    expect(seven.lockedUntilMs).toBe(T0 + 90_000 + 120_000);
  });

  it('never waits longer than the cap', () => {
    const many = fail(40);
    expect(many.lockedUntilMs - T0).toBe(PIN_POLICY.maxLockMs);
  });

  it('the right PIN clears the count', () => {
    expect(checkPinLock(registerRightPin(), T0)).toEqual({ locked: false, triesLeft: 5 });
  });
});

describe('isSessionExpired', () => {
  it.each([
    [0, false],
    [4 * 60_000 + 59_999, false],
    [5 * 60_000, true],
    [60 * 60_000, true],
    // the laptop clock set back by an hour: lock rather than trust it
    [-60 * 60_000, true],
    [-60_000, false],
  ])('after %i ms → %s', (elapsed, expected) => {
    expect(isSessionExpired(T0, T0 + elapsed)).toBe(expected);
  });
});

describe('pickCurrentPins', () => {
  const fact = (eventId: string, hlc: string, role: 'treasurer' | 'coordinator', hash: string) => ({
    eventId,
    hlc,
    role,
    iterations: 210_000,
    salt: 's',
    hash,
  });
  it('the latest by HLC wins per role, whatever the order', () => {
    const a = fact('e1', '000000000000001-000000-d1', 'treasurer', 'old');
    const b = fact('e2', '000000000000002-000000-d2', 'treasurer', 'new');
    const c = fact('e3', '000000000000001-000000-d1', 'coordinator', 'coord');
    for (const order of [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ]) {
      const pins = pickCurrentPins(order);
      expect(pins.get('treasurer')?.hash).toBe('new');
      expect(pins.get('coordinator')?.hash).toBe('coord');
    }
  });
});

describe('decidePinGateStep', () => {
  it.each([
    ['coordinator', [], 'set-first-coordinator-pin'],
    ['treasurer', [], 'set-first-coordinator-pin'],
    ['treasurer', ['coordinator'], 'coordinator-sets-role-pin'],
    ['treasurer', ['coordinator', 'treasurer'], 'enter-pin'],
    ['coordinator', ['coordinator'], 'enter-pin'],
  ] as const)('%s with pins %j → %s', (role, have, expected) => {
    expect(decidePinGateStep(role, new Map(have.map((r) => [r, true])))).toEqual({
      kind: expected,
    });
  });
});
