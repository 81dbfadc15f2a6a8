import { describe, expect, it } from 'vitest';
import { checkScanner, TEST_PASS_TEXT, type RecordedKey } from './scanner-check.ts';

/** What a US layout laptop sees for each character of `text`, `gapMs` apart. */
function usKeys(text: string, gapMs = 8, start = 1000): RecordedKey[] {
  return [...text].map((c, i) => ({
    key: c,
    code: /[0-9]/.test(c) ? `Digit${c}` : `Key${c.toUpperCase()}`,
    atMs: start + i * gapMs,
    shiftKey: /[A-Z]/.test(c),
  }));
}

const AZERTY_OF: Record<string, string> = {
  KeyQ: 'a',
  KeyA: 'q',
  KeyZ: 'w',
  KeyW: 'z',
  KeyM: ',',
  Digit1: '&',
  Digit2: 'é',
  Digit9: 'ç',
  Digit0: 'à',
};

/** A scanner set to US on an AZERTY laptop: the same keys, other characters. */
function azertyKeys(text: string): RecordedKey[] {
  return usKeys(text).map((k) => {
    const mapped = AZERTY_OF[k.code];
    if (mapped === undefined) return k;
    const upper = k.key !== k.key.toLowerCase();
    return { ...k, key: upper && mapped.length === 1 ? mapped.toUpperCase() : mapped };
  });
}

const enter = (atMs: number): RecordedKey => ({ key: 'Enter', code: 'Enter', atMs });
const codes = (keys: RecordedKey[]) => checkScanner(keys).findings.map((f) => f.code);

describe('checkScanner', () => {
  it('a good scanner: the text, fast, with Enter', () => {
    const keys = usKeys(TEST_PASS_TEXT);
    const result = checkScanner([...keys, enter(keys.at(-1)!.atMs + 5)]);
    expect(result.ok).toBe(true);
    expect(result.seen).toBe(TEST_PASS_TEXT);
    expect(result.findings.map((f) => f.code)).toEqual(['works', 'ends-with-enter']);
  });

  it('no Enter at the end still works, and says so', () => {
    expect(codes(usKeys(TEST_PASS_TEXT))).toEqual(['works', 'no-enter']);
  });

  it('names an AZERTY laptop behind a US scanner', () => {
    const keys = azertyKeys(TEST_PASS_TEXT);
    const result = checkScanner([...keys, enter(keys.at(-1)!.atMs + 5)]);
    expect(result.ok).toBe(false);
    expect(result.seen).not.toBe(TEST_PASS_TEXT);
    expect(result.findings.map((f) => f.code)).toEqual(['layout-azerty', 'ends-with-enter']);
  });

  it('names QWERTZ', () => {
    const keys = usKeys(TEST_PASS_TEXT).map((k) =>
      k.code === 'KeyY'
        ? { ...k, key: k.shiftKey ? 'Z' : 'z' }
        : k.code === 'KeyZ'
          ? { ...k, key: k.shiftKey ? 'Y' : 'y' }
          : k,
    );
    expect(codes(keys)).toEqual(['layout-qwertz', 'no-enter']);
  });

  it('names Caps Lock: every letter in the other case', () => {
    const keys = usKeys(TEST_PASS_TEXT).map((k) => ({
      ...k,
      key: k.key === k.key.toUpperCase() ? k.key.toLowerCase() : k.key.toUpperCase(),
    }));
    expect(codes(keys)).toEqual(['caps-lock', 'no-enter']);
    // Told by the event itself even when the scanner made up for it.
    const flagged = usKeys(TEST_PASS_TEXT).map((k) => ({ ...k, capsLock: true }));
    expect(checkScanner(flagged).ok).toBe(false);
    expect(codes(flagged)).toEqual(['caps-lock', 'no-enter']);
  });

  it('names keys too slow for the desk, with the slowest gap', () => {
    const result = checkScanner(usKeys(TEST_PASS_TEXT, 70));
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual({ code: 'too-slow', slowestGapMs: 70 });
  });

  it('something else: another barcode or half a scan', () => {
    expect(codes(usKeys('12345678'))).toEqual(['other-text', 'no-enter']);
    expect(checkScanner([]).findings).toEqual([{ code: 'nothing-seen' }]);
    expect(checkScanner([{ key: 'Shift', code: 'ShiftLeft', atMs: 1 }]).findings).toEqual([
      { code: 'nothing-seen' },
    ]);
  });
});
