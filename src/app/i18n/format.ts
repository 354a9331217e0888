/** Formatting for people, per language: plurals, numbers, prices and dates through Intl. Pure; runs in Node too. */

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags Intl uses for each language of the app (Indian English for the demo's rupees, Simplified Chinese). */
export const INTL_TAG: Record<Locale, string> = { en: 'en-IN', zh: 'zh-CN' };

/** Plural forms of a message ("# item" / "# items"): `#` is replaced by the formatted number. */
export type PluralForms = { one?: string; other: string; zero?: string; two?: string; few?: string; many?: string };

/** The language a browser asks for, if the app has it (`navigator.languages`, first match), else English. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

const caches = new Map<string, Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let v = caches.get(key) as T | undefined;
  if (!v) caches.set(key, (v = make()));
  return v;
}

export function formatNumber(locale: Locale, n: number, options: Intl.NumberFormatOptions = {}): string {
  return cached(`n:${locale}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(INTL_TAG[locale], options)).format(n);
}

/** A count with its word, in the language's plural rules: count('en', 3, forms) is "3 items". */
export function count(locale: Locale, n: number, forms: PluralForms): string {
  const rule = cached(`p:${locale}`, () => new Intl.PluralRules(INTL_TAG[locale])).select(n) as keyof PluralForms;
  const form = (n === 0 && forms.zero) || forms[rule] || forms.other;
  return form.replace('#', formatNumber(locale, n));
}

/** A price in its currency (whole amounts without decimals). */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  const digits = amount % 1 ? 2 : 0;
  try {
    return cached(`m:${locale}:${currency}:${digits}`, () => new Intl.NumberFormat(INTL_TAG[locale], { style: 'currency', currency, maximumFractionDigits: digits })).format(amount);
  } catch {
    return `${currency} ${amount.toFixed(2)}`;
  }
}

export function formatDate(locale: Locale, at: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return cached(`d:${locale}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], options)).format(at);
}
