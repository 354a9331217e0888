/** Counted things, as plural forms for `i18n.count` (Intl.PluralRules); `#` is the formatted number. */
import type { PluralForms } from './format.ts';

export const unitsEn = {
  item: { one: '# item', other: '# items' } as PluralForms,
};

export const unitsZh: typeof unitsEn = {
  item: { other: '# 件商品' },
};
