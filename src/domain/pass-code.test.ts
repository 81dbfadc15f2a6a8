import { describe, expect, it } from 'vitest';
import {
  allowsLetters,
  allowsLettersOnly,
  derivePassPatterns,
  hasEan13CheckDigit,
  makePassCode,
  shortestPassLength,
  validatePassCode,
  type PassShape,
} from './pass-code.ts';

const DIGITS_ONLY: PassShape[] = [{ kind: 'buurtpas' }];

describe('validatePassCode with the default shapes', () => {
  it.each([
    ['12345678', '12345678'],
    ['  12345678\r\n', '12345678'],
    ['\u0002123456\u0003', '123456'],
    ['12345678901234567890', '12345678901234567890'],
    ['CJM00417', 'CJM00417'],
    ['cjm00417', 'cjm00417'],
    ['0041753', '0041753'],
    ['8712345678906', '8712345678906'],
    ['AB-12/7', 'AB-12/7'],
  ])('accepts %j as %s, exactly as printed', (raw, code) => {
    expect(validatePassCode(raw)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'pass-empty'],
    ['   ', 'pass-empty'],
    ['1234', 'pass-too-short'],
    ['1'.repeat(40), 'pass-too-long'],
    ['&é"\'(§è!', 'pass-misread'],
    ['Jansen', 'pass-misread'],
    ['1234\u00005678', 'pass-misread'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(validatePassCode(raw)).toEqual({ ok: false, reason });
  });
});

describe('validatePassCode with a room setting', () => {
  it.each([
    ['12a45678', 'pass-not-digits'],
    ['1234', 'pass-too-short'],
    ['1234567', 'pass-odd-length'],
    ['1234567890123456789012', 'pass-too-long'],
  ])('digits only: refuses %j with %s', (raw, reason) => {
    expect(validatePassCode(raw, DIGITS_ONLY)).toEqual({ ok: false, reason });
  });

  it('EAN-13 needs its check digit', () => {
    const shapes: PassShape[] = [{ kind: 'ean13' }];
    expect(validatePassCode('8712345678906', shapes).ok).toBe(true);
    expect(validatePassCode('8712345678907', shapes)).toEqual({
      ok: false,
      reason: 'pass-misread',
    });
    expect(hasEan13CheckDigit('4006381333931')).toBe(true);
  });

  it('a pattern refuses a scan cut in two, and still takes new passes', () => {
    const shapes: PassShape[] = [{ kind: 'pattern', pattern: '@@@#####' }];
    expect(validatePassCode('CJM00417', shapes).ok).toBe(true);
    expect(validatePassCode('CJM004', shapes)).toEqual({ ok: false, reason: 'pass-misread' });
    expect(validatePassCode('0417ab', shapes).ok).toBe(false);
    expect(validatePassCode('1234567890', shapes).ok).toBe(true);
  });

  it('code 39 is upper case only', () => {
    const shapes: PassShape[] = [{ kind: 'code39' }];
    expect(validatePassCode('CJM-0417', shapes).ok).toBe(true);
    expect(validatePassCode('cjm-0417', shapes).ok).toBe(false);
  });

  it('tells the wedge what a scan may look like', () => {
    expect(allowsLetters(DIGITS_ONLY)).toBe(false);
    expect(allowsLetters([{ kind: 'code128', minLength: 6, maxLength: 32 }])).toBe(true);
    expect(allowsLettersOnly([{ kind: 'code128', minLength: 6, maxLength: 32 }])).toBe(false);
    expect(allowsLettersOnly([{ kind: 'pattern', pattern: '@@@@@@' }])).toBe(true);
    expect(shortestPassLength([{ kind: 'pattern', pattern: '####' }])).toBe(4);
    expect(shortestPassLength(DIGITS_ONLY)).toBe(6);
  });
});

describe('derivePassPatterns', () => {
  it('gives the common shapes first', () => {
    expect(derivePassPatterns(['CJM00417', 'CJM00001', '0041753', 'XYZ12345'])).toEqual([
      '@@@#####',
      '#######',
    ]);
  });
});

describe('makePassCode', () => {
  it('makes valid pass numbers that never start with 0', () => {
    const code = makePassCode('0123456789');
    expect(code).toHaveLength(10);
    expect(code.startsWith('0')).toBe(false);
    expect(validatePassCode(code, DIGITS_ONLY).ok).toBe(true);
  });
});
