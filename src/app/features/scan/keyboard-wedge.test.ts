import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  charOfKey,
  createKeyboardWedge,
  type KeyboardWedge,
  type WedgeScan,
} from './keyboard-wedge.ts';

/**
 * A small keyboard: dispatches keydown with a chosen timeStamp on the focused element and, like a
 * browser, types the key into a focused input unless the detector prevented it.
 */
type Key = { key: string; code: string; shiftKey?: boolean };

const digit = (d: string): Key => ({ key: d, code: `Digit${d}` });

function keysOf(text: string): Key[] {
  return [...text].map((c) =>
    /\d/.test(c)
      ? digit(c)
      : { key: c, code: `Key${c.toUpperCase()}`, shiftKey: c !== c.toLowerCase() },
  );
}

type Rig = {
  wedge: KeyboardWedge;
  scans: WedgeScan[];
  input: HTMLInputElement;
  press: (k: Key, at: number) => KeyboardEvent;
  type: (keys: Key[], startAt: number, gapMs: number) => number;
  fireTimer: () => void;
  timerPending: () => boolean;
};

function makeRig(lettersOnly = false): Rig {
  const scans: WedgeScan[] = [];
  let pending: (() => void) | null = null;
  const wedge = createKeyboardWedge({
    onScan: (s) => scans.push(s),
    lettersOnlyIsScan: () => lettersOnly,
    setTimer: (fn) => {
      pending = fn;
      return fn;
    },
    clearTimer: (h) => {
      if (pending === h) pending = null;
    },
  });
  const input = document.createElement('input');
  input.type = 'search';
  document.body.append(input);
  input.focus();
  window.addEventListener('keydown', wedge.handleKeyDown, { capture: true });
  const press = (k: Key, at: number) => {
    const event = new KeyboardEvent('keydown', {
      key: k.key,
      code: k.code,
      shiftKey: k.shiftKey ?? false,
      bubbles: true,
      cancelable: true,
    });
    Object.defineProperty(event, 'timeStamp', { value: at });
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(event);
    if (!event.defaultPrevented && k.key.length === 1 && target === input) {
      const s = input.selectionStart ?? input.value.length;
      const e = input.selectionEnd ?? s;
      input.value = input.value.slice(0, s) + k.key + input.value.slice(e);
      input.setSelectionRange(s + 1, s + 1);
    }
    return event;
  };
  return {
    wedge,
    scans,
    input,
    press,
    type: (keys, startAt, gapMs) => {
      let at = startAt;
      for (const k of keys) {
        press(k, at);
        at += gapMs;
      }
      return at - gapMs;
    },
    fireTimer: () => {
      const fn = pending;
      pending = null;
      fn?.();
    },
    timerPending: () => pending !== null,
  };
}

let rig: Rig;

beforeEach(() => {
  rig = makeRig();
});

afterEach(() => {
  window.removeEventListener('keydown', rig.wedge.handleKeyDown, { capture: true });
  rig.wedge.dispose();
  rig.input.remove();
});

describe('keyboard-wedge detector', () => {
  it('reads a burst ended by Enter as one scan and swallows the Enter', () => {
    const last = rig.type(keysOf('12345678'), 1000, 7);
    const enter = rig.press({ key: 'Enter', code: 'Enter' }, last + 7);
    expect(rig.scans).toEqual([{ text: '12345678', end: 'enter', complete: true }]);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('leaves human typing alone: 100–200 ms per key reaches the field and Enter is not taken', () => {
    const last = rig.type(keysOf('sergio'), 1000, 150);
    const enter = rig.press({ key: 'Enter', code: 'Enter' }, last + 150);
    rig.fireTimer();
    expect(rig.scans).toEqual([]);
    expect(rig.input.value).toBe('sergio');
    expect(enter.defaultPrevented).toBe(false);
  });

  it('removes the keys that leaked into a focused field and restores its earlier value', () => {
    rig.input.value = 'ama';
    rig.input.setSelectionRange(3, 3);
    const last = rig.type(keysOf('20261127'), 5000, 6);
    // The first two keys reached the field before the burst was recognised; they are gone again.
    expect(rig.input.value).toBe('ama');
    rig.press({ key: 'Enter', code: 'Enter' }, last + 6);
    expect(rig.input.value).toBe('ama');
    expect(rig.scans.map((s) => s.text)).toEqual(['20261127']);
  });

  it('prevents the default action from the third fast key on', () => {
    const events = keysOf('123456').map((k, i) => rig.press(k, 100 + i * 5));
    expect(events.map((e) => e.defaultPrevented)).toEqual([false, false, true, true, true, true]);
  });

  it('drops the same code within 1,5 s and accepts it again after', () => {
    const scanAt = (t: number) => {
      const last = rig.type(keysOf('445566'), t, 8);
      rig.press({ key: 'Enter', code: 'Enter' }, last + 8);
    };
    scanAt(1000);
    scanAt(1900); // a scanner that fired twice
    scanAt(4000);
    expect(rig.scans.map((s) => s.text)).toEqual(['445566', '445566']);
  });

  it('does not drop a different code that follows at once', () => {
    let last = rig.type(keysOf('112233'), 1000, 8);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 8);
    last = rig.type(keysOf('445566'), last + 300, 8);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 8);
    expect(rig.scans.map((s) => s.text)).toEqual(['112233', '445566']);
  });

  it('reads digits from KeyboardEvent.code, so an AZERTY layout cannot garble them', () => {
    // On AZERTY the unshifted digit row types & é " ' ( - è _ ç à.
    const azerty = ['&', 'é', '"', "'", '(', '-', 'è', '_'].map((key, i) => ({
      key,
      code: `Digit${i + 1}`,
    }));
    const last = rig.type(azerty, 1000, 7);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 7);
    expect(rig.scans.map((s) => s.text)).toEqual(['12345678']);
  });

  it('reads a keypad with NumLock off (End, ArrowDown, …) by its code', () => {
    const keypad = [
      { key: 'End', code: 'Numpad1' },
      { key: 'ArrowDown', code: 'Numpad2' },
      { key: 'PageDown', code: 'Numpad3' },
      { key: 'ArrowLeft', code: 'Numpad4' },
      { key: 'Clear', code: 'Numpad5' },
      { key: 'ArrowRight', code: 'Numpad6' },
    ];
    const last = rig.type(keypad, 1000, 7);
    rig.press({ key: 'Enter', code: 'NumpadEnter' }, last + 7);
    expect(rig.scans.map((s) => s.text)).toEqual(['123456']);
  });

  it('keeps a dead key as a mark so the scan fails validation instead of reading another number', () => {
    const keys = [
      digit('1'),
      digit('2'),
      { key: 'Dead', code: 'Quote' },
      digit('3'),
      digit('4'),
      digit('5'),
      digit('6'),
    ];
    const last = rig.type(keys, 1000, 7);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 7);
    expect(rig.scans.map((s) => s.text)).toEqual(['12?3456']);
  });

  it('ends a burst with Tab and keeps focus from moving', () => {
    const last = rig.type(keysOf('987654'), 1000, 9);
    const tab = rig.press({ key: 'Tab', code: 'Tab' }, last + 9);
    expect(tab.defaultPrevented).toBe(true);
    expect(rig.scans).toEqual([{ text: '987654', end: 'tab', complete: true }]);
  });

  it('ends a burst after 80 ms of silence when the scanner sends no Enter', () => {
    rig.type(keysOf('24682468'), 1000, 7);
    expect(rig.scans).toEqual([]);
    expect(rig.timerPending()).toBe(true);
    rig.fireTimer();
    expect(rig.scans).toEqual([{ text: '24682468', end: 'silence', complete: true }]);
    expect(rig.input.value).toBe('');
  });

  it('ends a burst when the next key comes too late, and that key is typed normally', () => {
    const last = rig.type(keysOf('13571357'), 1000, 7);
    rig.type(keysOf('x'), last + 400, 0);
    expect(rig.scans.map((s) => s.text)).toEqual(['13571357']);
    expect(rig.input.value).toBe('x');
  });

  it('reports a half scan (3 to 5 fast keys and Enter) as incomplete', () => {
    const last = rig.type(keysOf('1234'), 1000, 7);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 7);
    expect(rig.scans).toEqual([{ text: '1234', end: 'enter', complete: false }]);
    expect(rig.input.value).toBe('');
  });

  it('gives a quick typist their keys back when 3–5 fast keys end in silence', () => {
    rig.input.value = 'de ';
    rig.input.setSelectionRange(3, 3);
    rig.type(keysOf('bos'), 1000, 30);
    rig.fireTimer();
    expect(rig.scans).toEqual([]);
    expect(rig.input.value).toBe('de bos');
  });

  it('lets one or two quick keys and Enter through as typing', () => {
    const last = rig.type(keysOf('12'), 1000, 10);
    const enter = rig.press({ key: 'Enter', code: 'Enter' }, last + 10);
    expect(enter.defaultPrevented).toBe(false);
    expect(rig.scans).toEqual([]);
    expect(rig.input.value).toBe('12');
  });

  it('ignores Shift between the keys of a burst (scanners press it for capitals)', () => {
    const keys = [
      digit('1'),
      { key: 'Shift', code: 'ShiftLeft' },
      { key: 'A', code: 'KeyA', shiftKey: true },
      digit('2'),
      digit('3'),
      digit('4'),
      digit('5'),
    ];
    const last = rig.type(keys, 1000, 6);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 6);
    expect(rig.scans.map((s) => s.text)).toEqual(['1A2345']);
  });

  it('does not treat a shortcut (Ctrl+V) as part of a burst', () => {
    const ctrl = new KeyboardEvent('keydown', {
      key: 'v',
      code: 'KeyV',
      ctrlKey: true,
      bubbles: true,
      cancelable: true,
    });
    Object.defineProperty(ctrl, 'timeStamp', { value: 1000 });
    rig.input.dispatchEvent(ctrl);
    expect(ctrl.defaultPrevented).toBe(false);
    expect(rig.scans).toEqual([]);
  });

  it('works with nothing focused (no field to restore)', () => {
    rig.input.blur();
    const last = rig.type(keysOf('55667788'), 1000, 5);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 5);
    expect(rig.scans.map((s) => s.text)).toEqual(['55667788']);
  });

  it('treats 50 ms as fast and 51 ms as a break between keys', () => {
    let last = rig.type(keysOf('123456'), 1000, 50);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 50);
    expect(rig.scans.map((s) => s.text)).toEqual(['123456']);
    rig.input.value = '';
    last = rig.type(keysOf('654321'), 5000, 51);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 51);
    rig.fireTimer();
    expect(rig.scans.map((s) => s.text)).toEqual(['123456']);
    expect(rig.input.value).toBe('654321');
  });
});

describe('letters in a pass number', () => {
  it('reads CJM00417 from a US-layout scanner on an AZERTY laptop (by physical key)', () => {
    // What AZERTY makes of the keys a US-layout scanner presses for "CJM00417".
    const keys: Key[] = [
      { code: 'KeyC', key: 'C', shiftKey: true },
      { code: 'KeyJ', key: 'J', shiftKey: true },
      { code: 'KeyM', key: '?', shiftKey: true },
      { code: 'Digit0', key: 'à' },
      { code: 'Digit0', key: 'à' },
      { code: 'Digit4', key: "'" },
      { code: 'Digit1', key: '&' },
      { code: 'Digit7', key: 'è' },
    ];
    const last = rig.type(keys, 1000, 6);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 6);
    expect(rig.scans).toEqual([{ text: 'CJM00417', end: 'enter', complete: true }]);
    expect(rig.input.value).toBe('');
  });

  it('keeps the case as scanned', () => {
    const last = rig.type(keysOf('cjm00417'), 1000, 6);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 6);
    expect(rig.scans.map((s) => s.text)).toEqual(['cjm00417']);
  });

  it('never takes a letters-only burst for a scan: the word goes back to the field', () => {
    const last = rig.type(keysOf('Jansen'), 1000, 5);
    const enter = rig.press({ key: 'Enter', code: 'Enter' }, last + 5);
    expect(rig.scans).toEqual([]);
    expect(rig.input.value).toBe('Jansen');
    expect(enter.defaultPrevented).toBe(false);
    rig.input.value = '';
    rig.type(keysOf('Bakker'), 3000, 5);
    rig.fireTimer();
    expect(rig.scans).toEqual([]);
    expect(rig.input.value).toBe('Bakker');
  });

  it('takes a letters-only burst when the room shapes allow it', () => {
    window.removeEventListener('keydown', rig.wedge.handleKeyDown, { capture: true });
    rig.input.remove();
    rig = makeRig(true);
    const last = rig.type(keysOf('ABCDEF'), 1000, 5);
    rig.press({ key: 'Enter', code: 'Enter' }, last + 5);
    expect(rig.scans.map((s) => s.text)).toEqual(['ABCDEF']);
  });
});

describe('charOfKey', () => {
  it.each([
    [{ code: 'Digit7', key: 'è' }, '7'],
    [{ code: 'Numpad0', key: 'Insert' }, '0'],
    [{ code: 'KeyQ', key: 'a' }, 'q'],
    [{ code: 'KeyM', key: '?', shiftKey: true }, 'M'],
    // The key says which case was typed (a name given back keeps its capital).
    [{ code: 'KeyK', key: 'K' }, 'K'],
    [{ code: 'KeyK', key: 'k', shiftKey: false }, 'k'],
    [{ code: 'Backspace', key: 'Backspace' }, null],
    [{ code: 'Quote', key: 'Dead' }, '?'],
  ])('%o → %s', (event, char) => {
    expect(charOfKey(event)).toBe(char);
  });
});
