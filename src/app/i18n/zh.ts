/** 简体中文: the same groups as en.ts (the type `Messages` makes a missing or extra key a type error). */
import { appZh } from './app.ts';
import type { Messages } from './en.ts';
import { headerZh } from './header.ts';
import { unitsZh } from './units.ts';

export const zh: Messages = {
  app: appZh,
  header: headerZh,
  units: unitsZh,
};
