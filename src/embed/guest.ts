/**
 * Imported first by the runtime (ES modules run in import order), so that every state module evaluated after it
 * already knows it is a guest on the store's page: the i18n module's constructor sets `<html lang>` on the app's own
 * page, and must leave the store's alone (found by embed.e2e.ts: zh-CN pages came out lang="en", in English).
 */
import { configureHost } from '../app/state/host.ts';

configureHost({ guest: true });
