/**
 * The scanner self-test: the volunteer scans the printed test pass and this function tells what
 * the recorded keys show. Pure: the settings panel records `keydown` events (key, code, time,
 * Shift, Caps Lock) and passes them in; the screen words the codes in Dutch or English.
 *
 * What a keyboard-wedge scanner can get wrong, and how it shows in the keys:
 * - no Enter at the end: the last key is a character (the desk still ends the scan on silence);
 * - the scanner's keyboard language differs from the laptop's (a scanner set to US on an AZERTY
 *   laptop): the physical keys (`code`) are the test pass's, the characters (`key`) are not —
 *   `KeyQ` types 'a', `Digit1` types '&';
 * - Caps Lock: every letter arrives in the other case (or the event says Caps Lock is on);
 * - too slow: keys further apart than the desk's 50 ms, so the desk takes them for typing.
 */

/** The text of the printable test pass: both cases of the letters AZERTY and QWERTZ move, and digits. */
export const TEST_PASS_TEXT = 'BP1290QAZWMYqazwmy';

/** The gap the desk's keyboard wedge allows between two keys of one scan (keyboard-wedge.ts). */
export const WEDGE_MAX_GAP_MS = 50;

export type RecordedKey = {
  key: string;
  code: string;
  /** Milliseconds, any origin (event.timeStamp). */
  atMs: number;
  shiftKey?: boolean;
  /** event.getModifierState('CapsLock'). */
  capsLock?: boolean;
};

export type ScannerFinding =
  | { code: 'nothing-seen' }
  | { code: 'works' }
  | { code: 'ends-with-enter' }
  | { code: 'ends-with-tab' }
  | { code: 'no-enter' }
  | { code: 'layout-azerty' }
  | { code: 'layout-qwertz' }
  | { code: 'layout-other' }
  | { code: 'caps-lock' }
  | { code: 'too-slow'; slowestGapMs: number }
  | { code: 'other-text'; seen: string };

export type ScannerCheck = {
  /** True when the test pass came through as printed (Enter or not), fast enough. */
  ok: boolean;
  /** What the keys typed, for showing beside the expected text. */
  seen: string;
  findings: ScannerFinding[];
};

const MODIFIERS = new Set(['Shift', 'CapsLock', 'NumLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

/** The physical key (on a US keyboard) a scanner set to US presses for a character. */
export function usCodeOf(char: string): string | null {
  if (/^[a-z]$/i.test(char)) return `Key${char.toUpperCase()}`;
  if (/^[0-9]$/.test(char)) return `Digit${char}`;
  return null;
}

function isEnd(k: RecordedKey): 'enter' | 'tab' | null {
  if (k.key === 'Enter' || k.code === 'Enter' || k.code === 'NumpadEnter') return 'enter';
  if (k.key === 'Tab') return 'tab';
  return null;
}

const swapCase = (s: string) =>
  [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** Which layout turns US key positions into what was seen: by the letters AZERTY and QWERTZ move. */
function layoutOf(keys: readonly RecordedKey[]): 'azerty' | 'qwertz' | 'other' {
  const seenFor = new Map<string, string>();
  for (const k of keys) if (k.key.length === 1) seenFor.set(k.code, k.key.toLowerCase());
  if (seenFor.get('KeyQ') === 'a' || seenFor.get('KeyA') === 'q' || seenFor.get('KeyW') === 'z')
    return 'azerty';
  if (seenFor.get('KeyY') === 'z' || seenFor.get('KeyZ') === 'y') return 'qwertz';
  return 'other';
}

export function checkScanner(
  keys: readonly RecordedKey[],
  expected: string = TEST_PASS_TEXT,
): ScannerCheck {
  const typed = keys.filter((k) => !MODIFIERS.has(k.key));
  const chars = typed.filter((k) => k.key.length === 1 || k.key === 'Dead');
  const seen = chars.map((k) => (k.key === 'Dead' ? '?' : k.key)).join('');
  if (chars.length === 0) return { ok: false, seen, findings: [{ code: 'nothing-seen' }] };

  const findings: ScannerFinding[] = [];
  let textOk = seen === expected;
  if (!textOk) {
    // The same physical keys as the test pass (letters and digits), other characters: a layout.
    const expectedCodes = [...expected].map(usCodeOf);
    const samePositions =
      chars.length === expected.length &&
      chars.every((k, i) => expectedCodes[i] === null || expectedCodes[i] === k.code);
    const capsLock =
      keys.some((k) => k.capsLock === true) ||
      (seen.length === expected.length && seen === swapCase(expected));
    if (samePositions && seen.toLowerCase() !== expected.toLowerCase()) {
      findings.push({ code: `layout-${layoutOf(chars)}` });
      if (capsLock) findings.push({ code: 'caps-lock' });
    } else if (capsLock && seen.toLowerCase() === expected.toLowerCase()) {
      findings.push({ code: 'caps-lock' });
    } else {
      findings.push({ code: 'other-text', seen });
    }
  } else if (keys.some((k) => k.capsLock === true)) {
    // The scanner coped, but the volunteer's own typing will come out in capitals.
    findings.push({ code: 'caps-lock' });
  }

  let slowest = 0;
  for (let i = 1; i < chars.length; i++)
    slowest = Math.max(slowest, chars[i]!.atMs - chars[i - 1]!.atMs);
  const last = typed[typed.length - 1];
  const end = last ? isEnd(last) : null;
  if (end) slowest = Math.max(slowest, last!.atMs - chars[chars.length - 1]!.atMs);
  const tooSlow = slowest > WEDGE_MAX_GAP_MS;
  if (tooSlow) findings.push({ code: 'too-slow', slowestGapMs: Math.round(slowest) });

  findings.push(
    end === 'enter'
      ? { code: 'ends-with-enter' }
      : end === 'tab'
        ? { code: 'ends-with-tab' }
        : { code: 'no-enter' },
  );
  textOk &&= !findings.some((f) => f.code === 'caps-lock');
  const ok = textOk && !tooSlow;
  if (ok) findings.unshift({ code: 'works' });
  return { ok, seen, findings };
}
