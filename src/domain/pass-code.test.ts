import { describe, expect, it } from 'vitest';
import { makePassCode, validatePassCode } from './pass-code.ts';

describe('validatePassCode', () => {
  it.each([
    ['12345678', '12345678'],
    ['  12345678\r\n', '12345678'],
    ['\u0002123456\u0003', '123456'],
    ['12345678901234567890', '12345678901234567890'],
  ])('accepts %j as %s', (raw, code) => {
    expect(validatePassCode(raw)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'pass-empty'],
    ['   ', 'pass-empty'],
    ['12a45678', 'pass-not-digits'],
    ['1234\u00005678', 'pass-not-digits'],
    ['&é"\'(§è!', 'pass-not-digits'],
    ['1234', 'pass-too-short'],
    ['1234567', 'pass-odd-length'],
    ['1234567890123456789012', 'pass-too-long'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(validatePassCode(raw)).toEqual({ ok: false, reason });
  });

  it('makes valid pass numbers that never start with 0', () => {
    const code = makePassCode('0123456789');
    expect(code).toHaveLength(10);
    expect(code.startsWith('0')).toBe(false);
    expect(validatePassCode(code).ok).toBe(true);
  });
});
