/**
 * The language of the UI (English or Simplified Chinese): it follows the browser's language until the shopper picks
 * one in the header; the choice is a setting (exported with the others and deleted with everything). `i18n.t` is the
 * message catalog of the current language; the formatters use Intl for that language. Any host page (the app, the
 * embed) mounts it.
 */
import { getSetting, setSetting } from '../../storage/settings.ts';
import { host } from '../state/host.ts';
import { en, type Messages } from './en.ts';
import { count, formatDate, formatMoney, formatNumber, preferredLocale, type Locale, type PluralForms } from './format.ts';
import { zh } from './zh.ts';

const CATALOGS: Record<Locale, Messages> = { en, zh };

class I18n {
  locale = $state<Locale>(preferredLocale(globalThis.navigator?.languages ?? []));
  t = $derived<Messages>(CATALOGS[this.locale]);

  /** Reads the shopper's choice (none: the browser's language). */
  async load(): Promise<void> {
    try {
      const chosen = await getSetting('locale');
      if (chosen) this.#apply(chosen);
    } catch {
      /* storage unavailable: the browser's language */
    }
  }

  async choose(locale: Locale): Promise<void> {
    this.#apply(locale);
    await setSetting('locale', locale);
  }

  #apply(locale: Locale): void {
    this.locale = locale;
    if (typeof document !== 'undefined' && !host.guest) document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : 'en';
  }

  count(n: number, forms: PluralForms): string {
    return count(this.locale, n, forms);
  }

  number(n: number, options?: Intl.NumberFormatOptions): string {
    return formatNumber(this.locale, n, options);
  }

  price(amount: number, currency: string): string {
    return formatMoney(this.locale, amount, currency);
  }

  date(at: number | Date, options?: Intl.DateTimeFormatOptions): string {
    return formatDate(this.locale, at, options);
  }
}

export const i18n = new I18n();
export type { Locale };
