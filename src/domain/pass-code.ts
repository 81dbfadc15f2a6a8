/**
 * Pass numbers. New passes Buurtpas makes are digits only, of even length (Code 128 set C prints
 * them half as wide). Passes a room already handed out come in other shapes: leading zeros, an odd
 * number of digits, letters (`CJM00417`), EAN-13. Which shapes a room accepts is a setting; the
 * default takes any Code 128 printable text with a digit in it and EAN-13 numbers whose check digit
 * is right. A number is kept exactly as printed: leading zeros, letters and case included.
 *
 * Scanners and cameras may add a prefix or suffix of control characters or spaces; those are
 * trimmed. Anything that fits none of the room's shapes is refused with a code: a scan cut in two,
 * or garbled by a keyboard layout, is a misread, never a new pass.
 */
export type PassShape =
  /** Today's numbering: digits, even length, 6–20. Always accepted (new passes use it). */
  | { kind: 'buurtpas' }
  /** 13 digits whose last digit is the EAN check digit. */
  | { kind: 'ean13' }
  /** Code 128 printable characters (ASCII 32–126), at least one digit, within the lengths. */
  | { kind: 'code128'; minLength: number; maxLength: number }
  /** Code 39: A–Z (upper case), 0–9, space and - . $ / + %, at least one digit, 4–32 long. */
  | { kind: 'code39' }
  /** A template: `#` a digit, `@` a letter, any other character itself (case kept). */
  | { kind: 'pattern'; pattern: string };

export type PassCodeReason =
  | 'pass-empty'
  | 'pass-not-digits'
  | 'pass-too-short'
  | 'pass-too-long'
  | 'pass-odd-length'
  | 'pass-misread';

export type PassCodeResult = { ok: true; code: string } | { ok: false; reason: PassCodeReason };

export const PASS_MIN_LENGTH = 6;
export const PASS_MAX_LENGTH = 20;
/** The longest pass number any shape may have (the pass-issued fact allows 64). */
export const PASS_ABSOLUTE_MAX = 64;

export const DEFAULT_PASS_SHAPES: readonly PassShape[] = [
  { kind: 'buurtpas' },
  { kind: 'ean13' },
  { kind: 'code128', minLength: 6, maxLength: 32 },
];

/** Removes what scanners add around a number: spaces and control characters at either end. */
export function trimPassText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/^[\s\u0000-\u001f\u007f]+|[\s\u0000-\u001f\u007f]+$/g, '');
}

/** Whether 13 digits end in the right EAN-13 check digit. */
export function hasEan13CheckDigit(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}

function matchesPattern(text: string, pattern: string): boolean {
  if (text.length !== pattern.length) return false;
  for (let i = 0; i < text.length; i++) {
    const p = pattern[i]!;
    const c = text[i]!;
    if (p === '#' ? !/\d/.test(c) : p === '@' ? !/[A-Za-z]/.test(c) : p !== c) return false;
  }
  return true;
}

export function matchesPassShape(text: string, shape: PassShape): boolean {
  switch (shape.kind) {
    case 'buurtpas':
      return (
        /^\d+$/.test(text) &&
        text.length >= PASS_MIN_LENGTH &&
        text.length <= PASS_MAX_LENGTH &&
        text.length % 2 === 0
      );
    case 'ean13':
      return hasEan13CheckDigit(text);
    case 'code128':
      return (
        /^[\x20-\x7e]+$/.test(text) &&
        /\d/.test(text) &&
        text.length >= shape.minLength &&
        text.length <= shape.maxLength
      );
    case 'code39':
      return /^[0-9A-Z \-.$/+%]{4,32}$/.test(text) && /\d/.test(text);
    case 'pattern':
      return matchesPattern(text, shape.pattern);
  }
}

function lengthsOf(shape: PassShape): [number, number] {
  switch (shape.kind) {
    case 'buurtpas':
      return [PASS_MIN_LENGTH, PASS_MAX_LENGTH];
    case 'ean13':
      return [13, 13];
    case 'code128':
      return [shape.minLength, shape.maxLength];
    case 'code39':
      return [4, 32];
    case 'pattern':
      return [shape.pattern.length, shape.pattern.length];
  }
}

/** Whether any of the shapes takes a character other than a digit. */
export function allowsLetters(shapes: readonly PassShape[]): boolean {
  return shapes.some(
    (s) =>
      s.kind === 'code128' || s.kind === 'code39' || (s.kind === 'pattern' && /\D/.test(s.pattern)),
  );
}

/** Whether a text without any digit can be a pass number (only a pattern without `#` allows it). */
export function allowsLettersOnly(shapes: readonly PassShape[]): boolean {
  return shapes.some((s) => s.kind === 'pattern' && !s.pattern.includes('#'));
}

/** The shortest pass number the shapes accept (a scanner burst shorter than it is half a scan). */
export function shortestPassLength(shapes: readonly PassShape[]): number {
  const all = [{ kind: 'buurtpas' } as const, ...shapes];
  return Math.min(...all.map((s) => lengthsOf(s)[0]));
}

export function validatePassCode(
  raw: string,
  shapes: readonly PassShape[] = DEFAULT_PASS_SHAPES,
): PassCodeResult {
  const text = trimPassText(raw);
  if (text.length === 0) return { ok: false, reason: 'pass-empty' };
  // New passes use today's numbering, so it is always accepted whatever the setting says.
  const all: readonly PassShape[] = [{ kind: 'buurtpas' }, ...shapes];
  if (text.length <= PASS_ABSOLUTE_MAX && all.some((s) => matchesPassShape(text, s)))
    return { ok: true, code: text };
  const lengths = all.map(lengthsOf);
  if (text.length < Math.min(...lengths.map((l) => l[0])))
    return { ok: false, reason: 'pass-too-short' };
  if (text.length > Math.max(...lengths.map((l) => l[1])))
    return { ok: false, reason: 'pass-too-long' };
  const digitsOnly = !allowsLetters(all);
  if (digitsOnly && !/^\d+$/.test(text)) return { ok: false, reason: 'pass-not-digits' };
  if (digitsOnly && all.every((s) => s.kind === 'buurtpas') && text.length % 2 !== 0)
    return { ok: false, reason: 'pass-odd-length' };
  return { ok: false, reason: 'pass-misread' };
}

/**
 * The shape of each pass number in a list, as a template (`CJM00417` → `@@@#####`), most common
 * first: offered after an import so a room can accept only numbers like the ones it printed.
 */
export function derivePassPatterns(codes: readonly string[], max = 6): string[] {
  const counts = new Map<string, number>();
  for (const code of codes) {
    const pattern = code.replace(/\d/g, '#').replace(/[A-Za-z]/g, '@');
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([p]) => p);
}

/** A new pass number from random digits (the caller supplies them). */
export function makePassCode(randomDigits: string, length = 10): string {
  const digits = randomDigits.replace(/\D/g, '');
  if (digits.length < length) throw new RangeError('not enough random digits for a pass number');
  // A leading zero is fine for scanners but confuses people reading it aloud; start with 1-9.
  const first = String((Number(digits[0]) % 9) + 1);
  return first + digits.slice(1, length);
}
