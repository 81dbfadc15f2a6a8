/**
 * A USB barcode scanner in "keyboard wedge" mode types the pass number like a very fast keyboard
 * and usually ends with Enter. This detector tells such a burst from a person typing, wherever the
 * focus is, so the volunteer never has to click a field before scanning (RESEARCH.md, Scanning):
 *
 * - one `keydown` listener on window in the capture phase, so it sees keys before any field does;
 * - a burst is keys at most 50 ms apart, at least 6 long, ended by Enter, Tab or 80 ms of silence;
 *   people type 100–200 ms per key, scanners 5–60 ms;
 * - from the 3rd fast key on, keys are swallowed (`preventDefault`) and the focused field gets back
 *   the value it had before the burst, so the first two keys that leaked into, say, the name search
 *   are removed again;
 * - a burst of 3–5 fast keys that ends in silence was a quick typist, not a scanner: those keys are
 *   given back to the field; one that ends with Enter or Tab is a half scan and is reported, so the
 *   volunteer hears it failed instead of seeing nothing;
 * - the same code again within 1,5 s is dropped (a scanner that fires twice, a pass held still);
 * - digits and letters come from `KeyboardEvent.code` (`Digit1`, `Numpad1`, `KeyC`), not `key`: on
 *   AZERTY the `1` key types `&` and the `M` key of a US-layout scanner types `,`, US-International
 *   may send dead keys, and a keypad with NumLock off sends `End`. Scanners are set to a US layout,
 *   so the physical key is what was printed; Shift (or Caps Lock) gives the upper case;
 * - a burst without a single digit (a word typed quickly, a password manager filling in) is never a
 *   scan unless the room's pass shapes allow letters-only numbers: its keys go back to the field.
 *
 * Time comes from `event.timeStamp` by default; `timeOf` and the timer functions are injectable
 * so tests drive the detector without real time.
 */

export type WedgeEnd = 'enter' | 'tab' | 'silence';

/** What a finished burst was: a scan (complete or cut short) to handle like any pass number. */
export type WedgeScan = { text: string; end: WedgeEnd; complete: boolean };

export type KeyboardWedgeOptions = {
  onScan: (scan: WedgeScan) => void;
  timeOf?: (event: KeyboardEvent) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  maxGapMs?: number;
  minLength?: number;
  silenceMs?: number;
  suppressAfter?: number;
  repeatWindowMs?: number;
  /** Read when a burst ends: whether a burst without digits may be a pass number (room setting). */
  lettersOnlyIsScan?: () => boolean;
  /** Keys this returns true for are left alone entirely (a PIN field, say). */
  ignoreEvent?: (event: KeyboardEvent) => boolean;
};

export type KeyboardWedge = {
  handleKeyDown: (event: KeyboardEvent) => void;
  /** Ends a burst as if 80 ms of silence had passed (what the timer calls). */
  endBySilence: () => void;
  dispose: () => void;
};

type EditableField = HTMLInputElement | HTMLTextAreaElement;

type FieldSnapshot = { field: EditableField; value: string; start: number; end: number } | null;

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'tel',
  'number',
  'email',
  'url',
  'password',
  '',
]);

const IGNORED_KEYS = new Set([
  'Shift',
  'CapsLock',
  'NumLock',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'Unidentified',
]);

function editableFieldOf(target: EventTarget | null): EditableField | null {
  if (typeof HTMLTextAreaElement !== 'undefined' && target instanceof HTMLTextAreaElement)
    return target;
  if (
    typeof HTMLInputElement !== 'undefined' &&
    target instanceof HTMLInputElement &&
    TEXT_INPUT_TYPES.has(target.type)
  )
    return target;
  return null;
}

function snapshotOf(target: EventTarget | null): FieldSnapshot {
  const field = editableFieldOf(target);
  if (!field) return null;
  let start = field.value.length;
  let end = start;
  try {
    start = field.selectionStart ?? start;
    end = field.selectionEnd ?? end;
  } catch {
    // type=number has no selection API; the end of the value is the best guess.
  }
  return { field, value: field.value, start, end };
}

/**
 * Sets a field's value the way typing would, so React's controlled inputs see the change: through
 * the prototype's setter (React tracks the instance's), followed by a bubbling `input` event.
 */
export function setFieldValue(field: EditableField, value: string, caret?: number): void {
  const proto =
    field instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  if (caret !== undefined) {
    try {
      field.setSelectionRange(caret, caret);
    } catch {
      // Not every input type has a caret.
    }
  }
}

type KeyFacts = Pick<KeyboardEvent, 'code' | 'key'> &
  Partial<Pick<KeyboardEvent, 'shiftKey' | 'getModifierState'>>;

/** The character a key stands for; digits and letters by physical key so no layout garbles them. */
export function charOfKey(event: KeyFacts): string | null {
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (digit) return digit[1]!;
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter) {
    // The key typed that very letter: its case is the one typed (a layout that moved the letter,
    // AZERTY's A on the Q key, falls through to the physical key and Shift / Caps Lock).
    if (event.key.length === 1 && event.key.toUpperCase() === letter[1]) return event.key;
    const upper = Boolean(event.shiftKey) !== Boolean(event.getModifierState?.('CapsLock'));
    return upper ? letter[1]! : letter[1]!.toLowerCase();
  }
  if (event.key.length === 1) return event.key;
  // A dead key or a named key inside a burst is a garbled scan: keep a mark so it fails validation
  // instead of silently dropping a character and reading a different, valid number.
  if (event.key === 'Dead') return '?';
  return null;
}

export function createKeyboardWedge(options: KeyboardWedgeOptions): KeyboardWedge {
  const {
    onScan,
    timeOf = (e) => e.timeStamp,
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    maxGapMs = 50,
    minLength = 6,
    silenceMs = 80,
    suppressAfter = 3,
    repeatWindowMs = 1500,
    lettersOnlyIsScan = () => false,
    ignoreEvent = () => false,
  } = options;

  let chars: string[] = [];
  let lastKeyAt = 0;
  let snapshot: FieldSnapshot = null;
  let suppressing = false;
  let timer: unknown = null;
  let lastCode: { text: string; at: number } | null = null;

  function stopTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function reset(): void {
    stopTimer();
    chars = [];
    snapshot = null;
    suppressing = false;
  }

  function emit(text: string, end: WedgeEnd, at: number): void {
    const complete = text.length >= minLength;
    const repeated =
      lastCode !== null && lastCode.text === text && at - lastCode.at <= repeatWindowMs;
    lastCode = { text, at };
    if (repeated) return;
    onScan({ text, end, complete });
  }

  function isScanText(text: string): boolean {
    return /\d/.test(text) || lettersOnlyIsScan();
  }

  /** Gives the keys of a burst that was typing, not a scan, back to the field they were meant for. */
  function giveBack(snap: FieldSnapshot, text: string): void {
    if (!snap) return;
    const value = snap.value.slice(0, snap.start) + text + snap.value.slice(snap.end);
    setFieldValue(snap.field, value, snap.start + text.length);
  }

  /** The burst is over without Enter or Tab: a scan if long enough, else the keys go back. */
  function finishQuietly(): void {
    const text = chars.join('');
    const at = lastKeyAt;
    const wasSuppressing = suppressing;
    const snap = snapshot;
    reset();
    if (text.length >= minLength && wasSuppressing && isScanText(text)) {
      emit(text, 'silence', at);
    } else if (wasSuppressing) {
      // A fast typist, not a scanner: put back what they typed, where they typed it.
      giveBack(snap, text);
    }
  }

  function handleKeyDown(event: KeyboardEvent): void {
    if (ignoreEvent(event)) return;
    const at = timeOf(event);
    // A stamp from before the last key (another time source) is a break too, never a burst.
    if (chars.length > 0 && (at - lastKeyAt > maxGapMs || at < lastKeyAt)) finishQuietly();

    if (event.key === 'Enter' || event.key === 'Tab' || event.code === 'NumpadEnter') {
      if (chars.length === 0) return;
      if (!suppressing) {
        // One or two quick keys and Enter: a person; let Enter do what it does.
        reset();
        return;
      }
      const text = chars.join('');
      const snap = snapshot;
      reset();
      if (!isScanText(text)) {
        // Quick letters and Enter (a filled-in word): the word goes back and Enter does its job.
        giveBack(snap, text);
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      emit(text, event.key === 'Tab' ? 'tab' : 'enter', at);
      return;
    }

    if (IGNORED_KEYS.has(event.key) || event.repeat) return;
    const char =
      event.ctrlKey ||
      event.metaKey ||
      (event.altKey && !event.getModifierState?.('AltGraph')) ||
      event.isComposing
        ? null
        : charOfKey(event);
    if (char === null) {
      // A shortcut, an arrow, Backspace: not part of a scan.
      if (chars.length > 0) finishQuietly();
      return;
    }

    if (chars.length === 0) snapshot = snapshotOf(event.target);
    chars.push(char);
    lastKeyAt = at;
    if (chars.length >= suppressAfter) {
      if (!suppressing) {
        suppressing = true;
        // Keys before this one already reached the field; take them out again.
        if (snapshot && snapshot.field.value !== snapshot.value)
          setFieldValue(snapshot.field, snapshot.value, snapshot.start);
      }
      event.preventDefault();
      event.stopPropagation();
    }
    stopTimer();
    timer = setTimer(() => {
      timer = null;
      if (chars.length > 0) finishQuietly();
    }, silenceMs);
  }

  return {
    handleKeyDown,
    endBySilence: () => {
      if (chars.length > 0) finishQuietly();
    },
    dispose: reset,
  };
}
