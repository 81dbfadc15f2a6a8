/**
 * Each feature keeps its words in its own `messages.ts`: `defineMessages({ nl: {...}, en: {...} })`.
 * English must have exactly the keys Dutch has; the type checker says so, and a test checks it.
 * Placeholders are `{name}`; a key with `{count}` may have `.one` / `.other` forms.
 */
export type Dictionary = Record<string, string>;
export type Messages<K extends string> = { nl: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}
