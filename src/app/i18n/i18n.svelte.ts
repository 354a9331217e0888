/**
 * The language of the UI (English or Simplified Chinese): it follows the browser's language until the shopper picks
 * one in the header; the choice is a setting (exported with the others and deleted with everything). `i18n.t` is the
 * message catalog of the current language; the formatters use Intl for that language. Any host page (the app, the
 * embed) mounts it.
 */
import { getSetting, setSetting } from '../../storage/settings.ts';
import { host } from '../state/host.ts';
import { en, type Messages } from './en.ts';
import { count, formatDate, formatMoney, formatNumber, INTL_TAG, preferredLocale, type Locale, type PluralForms } from './format.ts';
import { zh } from './zh.ts';
import type { Reason } from '../../shared/reasons.ts';
import type { PersonalWhy } from '../../shared/personal.ts';

const CATALOGS: Record<Locale, Messages> = { en, zh };

class I18n {
  locale = $state<Locale>(preferredLocale(globalThis.navigator?.languages ?? []));
  t = $derived<Messages>(CATALOGS[this.locale]);

  constructor() {
    // The page says its language from the start (screen readers, CJK line breaking), not only after a choice.
    this.#apply(this.locale);
  }

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

  /** A price range as a filter says it: "Under ₹500", "₹500 – ₹1,000", "₹2,000 and above". */
  priceRange(min: number | undefined, max: number | undefined, currency: string): string {
    const c = this.t.common;
    if (max === undefined || max === Infinity) return c.andAbove({ price: this.price(min ?? 0, currency) });
    if (!min) return c.under({ price: this.price(max, currency) });
    return c.between({ min: this.price(min, currency), max: this.price(max, currency) });
  }

  /** How long ago, in words: "2 minutes ago", "yesterday" (Intl.RelativeTimeFormat). */
  ago(ms: number): string {
    const rtf = new Intl.RelativeTimeFormat(INTL_TAG[this.locale], { numeric: 'auto' });
    const m = Math.round(ms / 60_000);
    if (m < 1) return this.t.reasons.justNow;
    if (m < 60) return rtf.format(-m, 'minute');
    const h = Math.round(m / 60);
    if (h < 24) return rtf.format(-h, 'hour');
    return rtf.format(-Math.round(h / 24), 'day');
  }

  /** Why a product is shown, from the recommender's reason code. */
  reason(r: Reason): string {
    const t = this.t.reasons;
    switch (r.code) {
      case 'viewed-ago':
        return t.viewedAgo({ ago: this.ago(r.ms) });
      case 'rated':
        return t.rated({ rating: this.number(r.rating, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), shoppers: this.count(r.count, t.shoppers) });
      case 'big-saving':
        return t.bigSaving;
      case 'popular':
        return t.popular;
      case 'alike': {
        const parts = [
          ...(r.category ? [t.alsoIn({ category: r.category })] : []),
          ...(r.brand ? [t.sameBrand({ brand: r.brand })] : []),
          ...(r.traits.length ? [r.traits.join(t.traitSeparator)] : []),
          ...(r.similarPrice ? [t.similarPrice] : []),
        ];
        const s = parts.join(t.alikeSeparator);
        return s ? s.charAt(0).toUpperCase() + s.slice(1) : t.alike;
      }
      case 'bought-together':
        return r.orders === 1 ? t.boughtOnce : t.boughtTimes({ n: this.number(r.orders) });
      case 'carted-together':
        return t.cartedTogether;
      case 'model-pick':
        return t.modelPick;
      case 'because': {
        const [a, b] = r.seeds;
        const first = t.seed({ verb: t.verbs[a.verb], title: a.title });
        if (!b) return t.because({ what: first });
        const second = a.verb === b.verb ? b.title : t.seed({ verb: t.verbs[b.verb], title: b.title });
        return t.because({ what: t.and({ a: first, b: second }) });
      }
      case 'featured':
        return t.featured;
      default: {
        const _exhaustive: never = r;
        return _exhaustive;
      }
    }
  }

  /** Why the shopper's own model is in its state. */
  personalWhy(why: PersonalWhy): string {
    const t = this.t.reasons.personal;
    switch (why.code) {
      case 'not-started':
        return t.notStarted;
      case 'too-few':
        return t.tooFew({ needed: this.number(why.needed), have: this.number(why.have) });
      case 'indexing':
        return t.indexing({ done: this.number(why.done), total: this.number(why.total) });
      case 'busy-elsewhere':
        return t.busyElsewhere;
      case 'learning':
        return t.learning;
      case 'failed':
        return t.failed({ error: why.error });
      case 'ready':
        return why.fromMerchant ? t.readyFromMerchant : t.ready;
      default: {
        const _exhaustive: never = why;
        return _exhaustive;
      }
    }
  }

  date(at: number | Date, options?: Intl.DateTimeFormatOptions): string {
    return formatDate(this.locale, at, options);
  }
}

export const i18n = new I18n();
export type { Locale };
