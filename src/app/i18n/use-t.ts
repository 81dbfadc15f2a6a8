import { useCallback } from 'react';
import { MESSAGES } from './messages.ts';
import { useI18nStore, type Lang } from './i18n-store.ts';

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

const plural = { nl: new Intl.PluralRules('nl-NL'), en: new Intl.PluralRules('en-GB') };

export function translate(lang: Lang, key: string, vars?: Vars): string {
  const dict = MESSAGES[lang];
  let text = dict[key];
  if (text === undefined && vars && typeof vars.count === 'number') {
    text = dict[`${key}.${plural[lang].select(vars.count)}`] ?? dict[`${key}.other`];
  }
  if (text === undefined) {
    // A missing word shows its key, never a blank button; tests catch missing keys.
    return key;
  }
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in vars ? String(vars[name]) : `{${name}}`,
  );
}

export function useT(): Translate {
  const lang = useI18nStore((s) => s.lang);
  return useCallback((key: string, vars?: Vars) => translate(lang, key, vars), [lang]);
}

export function useLang(): Lang {
  return useI18nStore((s) => s.lang);
}
