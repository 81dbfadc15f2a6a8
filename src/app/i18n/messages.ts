/**
 * The machinery only: the dictionaries that `translate` reads, and a way to add words to them.
 * Each feature owns its words (its `messages.ts`); the app decides which sets load at start and
 * which arrive with a lazily loaded screen (app/start-messages.ts, app/screens.tsx). Keys are
 * prefixed by the feature (`scan.welcome`) so two features never collide.
 */
import type { Dictionary } from './define-messages.ts';

export type MessageSet = { nl: Dictionary; en: Dictionary };

export const MESSAGES: MessageSet = { nl: {}, en: {} };

/** Adds a feature's words; registering the same set twice is harmless. */
export function registerMessages(...sets: readonly MessageSet[]): void {
  for (const set of sets) {
    Object.assign(MESSAGES.nl, set.nl);
    Object.assign(MESSAGES.en, set.en);
  }
}
