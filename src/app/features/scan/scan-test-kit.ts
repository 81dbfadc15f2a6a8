/**
 * Test helpers for the desk: seed people through the real desk actions, and type like a USB
 * keyboard-wedge scanner (keys a few ms apart by `event.timeStamp`, then Enter), letting
 * unprevented keys land in the focused field the way a browser would.
 */
import { act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BuurtpasDb } from '../../db/database.ts';
import { registerClient } from '../../db/desk-actions.ts';
import type { Writer } from '../../db/record-events.ts';
import { seededRandom, type TestClock } from '../../test/render-app.tsx';
import { setFieldValue } from './keyboard-wedge.ts';

let seed = 100;

export function seedWriter(locationId = 'cjm'): Writer {
  return { deviceId: 'dseed0001', locationId, role: 'desk', random: seededRandom(++seed) };
}

export async function seedMember(
  db: BuurtpasDb,
  clock: TestClock,
  options: {
    name: string;
    pass: string | null;
    member?: boolean;
    daysAgo?: number;
    birthYear?: number | null;
  },
): Promise<string> {
  const result = await registerClient(
    db,
    seedWriter(),
    {
      name: options.name,
      phone: '',
      postcode: '',
      birthYear: options.birthYear ?? null,
      becomesMember: options.member ?? true,
      referral: null,
    },
    options.pass,
    clock.now() - (options.daysAgo ?? 7) * 86_400_000,
  );
  if (!result.ok) throw new Error('seed failed');
  return result.memberId;
}

// Scanner time runs on its own scale, far from jsdom's Date.now() stamps of user-event keys, and
// each burst starts 10 s after the previous one so the 1,5 s repeat guard only bites on purpose.
let scannerClock = 1_000_000;

export function wedgeScan(
  code: string,
  options: { gapMs?: number; end?: 'Enter' | 'Tab' | null; sameMomentAsLast?: boolean } = {},
): void {
  const gap = options.gapMs ?? 7;
  if (!options.sameMomentAsLast) scannerClock += 10_000;
  const press = (key: string, codeName: string) => {
    const target = (document.activeElement ?? document.body) as HTMLElement;
    const event = new KeyboardEvent('keydown', {
      key,
      code: codeName,
      // A scanner presses Shift for a capital, as a person would.
      shiftKey: key.length === 1 && key !== key.toLowerCase(),
      bubbles: true,
      cancelable: true,
    });
    Object.defineProperty(event, 'timeStamp', { value: scannerClock });
    scannerClock += gap;
    target.dispatchEvent(event);
    if (
      !event.defaultPrevented &&
      key.length === 1 &&
      (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)
    ) {
      setFieldValue(target, target.value + key);
    }
  };
  act(() => {
    for (const ch of code) press(ch, /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`);
    if (options.end !== null) press(options.end ?? 'Enter', options.end ?? 'Enter');
  });
}

/** A person typing: 60 ms between keys, slower than any scanner burst. */
export function humanUser() {
  return userEvent.setup({ delay: 60 });
}

export function clickUser() {
  return userEvent.setup();
}
