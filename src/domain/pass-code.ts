/**
 * Pass numbers are digits only, of even length, 6 to 20 long: Code 128 set C then prints half as
 * wide and no keyboard layout can garble them. Scanners and cameras may add a prefix or suffix of
 * control characters or spaces; those are trimmed, anything else is refused with a code.
 */
export type PassCodeResult =
  | { ok: true; code: string }
  | {
      ok: false;
      reason:
        'pass-empty' | 'pass-not-digits' | 'pass-too-short' | 'pass-too-long' | 'pass-odd-length';
    };

export const PASS_MIN_LENGTH = 6;
export const PASS_MAX_LENGTH = 20;

export function validatePassCode(raw: string): PassCodeResult {
  // eslint-disable-next-line no-control-regex
  const trimmed = raw.replace(/^[\s\u0000-\u001f\u007f]+|[\s\u0000-\u001f\u007f]+$/g, '');
  if (trimmed.length === 0) return { ok: false, reason: 'pass-empty' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: 'pass-not-digits' };
  if (trimmed.length < PASS_MIN_LENGTH) return { ok: false, reason: 'pass-too-short' };
  if (trimmed.length > PASS_MAX_LENGTH) return { ok: false, reason: 'pass-too-long' };
  if (trimmed.length % 2 !== 0) return { ok: false, reason: 'pass-odd-length' };
  return { ok: true, code: trimmed };
}

/** A new pass number from random digits (the caller supplies them). */
export function makePassCode(randomDigits: string, length = 10): string {
  const digits = randomDigits.replace(/\D/g, '');
  if (digits.length < length) throw new RangeError('not enough random digits for a pass number');
  // A leading zero is fine for scanners but confuses people reading it aloud; start with 1-9.
  const first = String((Number(digits[0]) % 9) + 1);
  return first + digits.slice(1, length);
}
