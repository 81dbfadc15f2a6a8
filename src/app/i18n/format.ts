import type { Lang } from './i18n-store.ts';

const money = {
  nl: new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** "€ 2,50" in Dutch, "€2.50" in English. */
export function formatMoney(cents: number, lang: Lang): string {
  return money[lang].format(cents / 100);
}

/** Dates are written the Dutch way in both languages: 27-11-2026. */
export function formatLocalDate(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${d}-${m}-${y}`;
}

const numbers = { nl: new Intl.NumberFormat('nl-NL'), en: new Intl.NumberFormat('en-GB') };

export function formatNumber(n: number, lang: Lang): string {
  return numbers[lang].format(n);
}
