import { useI18nStore } from '../i18n/i18n-store.ts';
import { useT } from '../i18n/use-t.ts';

/** One tap to the other language, labelled in the language it switches to. */
export function LanguageToggle() {
  const t = useT();
  const lang = useI18nStore((s) => s.lang);
  const setLang = useI18nStore((s) => s.setLang);
  const next = lang === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="lang-toggle"
      lang={next}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => setLang(next)}
    >
      {t('app.switchLanguage')}
    </button>
  );
}
