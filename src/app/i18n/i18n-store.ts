import { create } from 'zustand';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

const STORAGE_KEY = 'buurtpas.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'nl') return saved;
  } catch {
    // Storage can be blocked; Dutch is the default.
  }
  return 'nl';
}

type I18nState = { lang: Lang; setLang: (lang: Lang) => void };

/** The volunteer's language: Dutch by default, one tap to switch, remembered on this laptop. */
export const useI18nStore = create<I18nState>((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered, still switched.
    }
    document.documentElement.lang = lang;
    set({ lang });
  },
}));
