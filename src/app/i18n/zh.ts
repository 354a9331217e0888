/** 简体中文: the same groups as en.ts (the type `Messages` makes a missing or extra key a type error). */
import { appZh } from './app.ts';
import { commonZh } from './common.ts';
import type { Messages } from './en.ts';
import { headerZh } from './header.ts';
import { unitsZh } from './units.ts';
import { homeZh } from './home.ts';
import { catalogZh } from './catalog.ts';
import { searchZh } from './search.ts';
import { productZh } from './product.ts';
import { yourDataZh } from './your-data.ts';
import { reasonsZh } from './reasons.ts';
import { profileZh } from './profile.ts';
import { cartZh } from './cart.ts';
import { reviewZh } from './review.ts';
import { storeZh } from './store.ts';
import { aboutZh } from './about.ts';
import { modelsZh } from './models.ts';
import { generatorZh } from './generator.ts';
import { consoleZh } from './console.ts';
import { consoleModelZh } from './consoleModel.ts';
import { priceHintZh } from './priceHint.ts';
import { embedZh } from './embed.ts';
import { browseZh } from './browse.ts';
import { assistantZh } from './assistant.ts';
import { assistantSafetyZh } from './assistantSafety.ts';
import { embedAssistantZh } from './embedAssistant.ts';

export const zh: Messages = {
  app: appZh,
  header: headerZh,
  common: commonZh,
  home: homeZh,
  catalog: catalogZh,
  search: searchZh,
  product: productZh,
  yourData: yourDataZh,
  reasons: reasonsZh,
  profile: profileZh,
  cart: cartZh,
  review: reviewZh,
  store: storeZh,
  about: aboutZh,
  models: modelsZh,
  generator: generatorZh,
  console: consoleZh,
  consoleModel: consoleModelZh,
  priceHint: priceHintZh,
  embed: embedZh,
  browse: browseZh,
  assistant: assistantZh,
  assistantSafety: assistantSafetyZh,
  embedAssistant: embedAssistantZh,
  units: unitsZh,
};
