import { describe, expect, it } from 'vitest';
import { MESSAGE_SETS } from './all-messages.ts';
import { MESSAGES, registerMessages } from '../i18n/messages.ts';
import { translate } from '../i18n/use-t.ts';

registerMessages(...MESSAGE_SETS);

describe('dictionaries', () => {
  it('English has exactly the keys Dutch has, in every feature', () => {
    for (const set of MESSAGE_SETS) {
      expect(Object.keys(set.en).sort()).toEqual(Object.keys(set.nl).sort());
    }
  });

  it('no text is empty and placeholders match between the languages', () => {
    for (const key of Object.keys(MESSAGES.nl)) {
      const nl = MESSAGES.nl[key]!;
      const en = MESSAGES.en[key]!;
      expect(nl.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(names(en), key).toEqual(names(nl));
    }
  });

  it('fills placeholders and picks plural forms', () => {
    expect(translate('nl', 'app.pending', { count: 1 })).toBe('1 wijziging wacht');
    expect(translate('nl', 'app.pending', { count: 12 })).toBe('12 wijzigingen wachten');
    expect(translate('en', 'app.pending', { count: 12 })).toBe('12 changes waiting');
  });
});
