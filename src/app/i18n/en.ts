/**
 * The English messages: the source every other language follows (zh.ts has the same shape, which the type checker
 * and tests/unit/app/i18n.test.ts enforce). A message is a string, or a function of named values for text with
 * numbers or names in it. Plurals go through the `count` helper (Intl.PluralRules), numbers, prices and dates through
 * `i18n`'s formatters, never by hand. Group keys by screen or component.
 */
import type { PluralForms } from './format.ts';
import { assistantEn } from './assistant.ts';

export const en = {
  app: {
    name: 'Aisle',
    skipToContent: 'Skip to content',
    home: 'Aisle home',
    language: 'Language',
  },
  header: {
    shop: 'Shop',
    yourData: 'Your data',
    cart: (p: { items: string }) => `Cart, ${p.items}`,
    privateTitle: 'Private by design.',
    privateText: 'Aisle learns what you like on this device only. Nothing about you is sent anywhere.',
    offTitle: 'Personalisation is off.',
    offText: 'Nothing you do is being recorded; everyone sees the same shelves.',
    seeData: 'See what this device knows',
  },
  assistant: assistantEn,
  units: {
    item: { one: '# item', other: '# items' } as PluralForms,
  },
};

export type Messages = typeof en;
