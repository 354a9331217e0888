/**
 * The English messages: the source every other language follows (zh.ts has the same shape, which the type checker
 * and tests/unit/app/i18n.test.ts enforce). Each group lives in its own file `<group>.ts` exporting `<group>En` and
 * `<group>Zh: typeof <group>En`; this file and zh.ts only compose them, one line per group. A message is a string, or
 * a function of named values for text with numbers or names in it. Plurals go through the `count` helper
 * (Intl.PluralRules), numbers, prices and dates through `i18n`'s formatters, never by hand.
 */
import { appEn } from './app.ts';
import { commonEn } from './common.ts';
import { headerEn } from './header.ts';
import { unitsEn } from './units.ts';
import { homeEn } from './home.ts';
import { catalogEn } from './catalog.ts';
import { searchEn } from './search.ts';
import { productEn } from './product.ts';
import { yourDataEn } from './your-data.ts';
import { reasonsEn } from './reasons.ts';
import { profileEn } from './profile.ts';
import { cartEn } from './cart.ts';
import { reviewEn } from './review.ts';
import { storeEn } from './store.ts';
import { aboutEn } from './about.ts';
import { modelsEn } from './models.ts';
import { generatorEn } from './generator.ts';
import { consoleEn } from './console.ts';
import { consoleModelEn } from './consoleModel.ts';
import { priceHintEn } from './priceHint.ts';
import { embedEn } from './embed.ts';
import { browseEn } from './browse.ts';
import { assistantEn } from './assistant.ts';
import { assistantSafetyEn } from './assistantSafety.ts';
import { embedAssistantEn } from './embedAssistant.ts';

export const en = {
  app: appEn,
  header: headerEn,
  common: commonEn,
  home: homeEn,
  catalog: catalogEn,
  search: searchEn,
  product: productEn,
  yourData: yourDataEn,
  reasons: reasonsEn,
  profile: profileEn,
  cart: cartEn,
  review: reviewEn,
  store: storeEn,
  about: aboutEn,
  models: modelsEn,
  generator: generatorEn,
  console: consoleEn,
  consoleModel: consoleModelEn,
  priceHint: priceHintEn,
  embed: embedEn,
  browse: browseEn,
  assistant: assistantEn,
  assistantSafety: assistantSafetyEn,
  embedAssistant: embedAssistantEn,
  units: unitsEn,
};

export type Messages = typeof en;
