/**
 * The embed's runtime (dist/embed/aisle-runtime.js), loaded by the loader only when a widget is on the page or a
 * command needs it. It mounts the app's own state modules (startShop), workers (through the same bridges: a worker
 * from the static host starts through a same-origin blob, src/app/bridges/origin-worker.ts), storage (the store
 * origin's IndexedDB) and components, each widget in its element's shadow root. Styles: the built aisle.css, read
 * once and adopted as a constructed stylesheet (which a strict CSP allows, unlike <style> elements), plus the theme.
 */
// First: the page is the store's (see guest.ts), before any state module runs.
import './guest.ts';
import { mount, unmount } from 'svelte';
import { i18n } from '../app/i18n/i18n.svelte.ts';
import { trackAll, track } from '../app/state/activity.ts';
import { cart } from '../app/state/cart.svelte.ts';
import { configureHost } from '../app/state/host.ts';
import { recs } from '../app/state/recs.svelte.ts';
import { shop } from '../app/state/shop.svelte.ts';
import { startShop } from '../app/state/start.ts';
import { productLink, type Command, type EmbedConfig, type ShelfAttributes } from './config.ts';
import { embed } from './embed-state.svelte.ts';
import EmbedAssistant from './EmbedAssistant.svelte';
import EmbedSearch from './EmbedSearch.svelte';
import EmbedShelf from './EmbedShelf.svelte';
import { themeCss } from './theme.ts';
import type { Runtime, WidgetState } from './runtime-types.ts';

/** Commands that arrive before the shopper agreed (consent mode) wait here, in memory only; at most this many. */
const HELD_MAX = 100;

export async function start(config: EmbedConfig, error: (message: string) => void): Promise<Runtime> {
  const sheets = loadSheets(config);
  // The page's policy refusing one of Aisle's own files (a worker's blob bootstrap, a file of the static host): said
  // once per directive, with what to add.
  const staticOrigin = new URL(config.base).origin;
  const said = new Set<string>();
  document.addEventListener('securitypolicyviolation', (e) => {
    const blocked = e.blockedURI;
    if (!(blocked === 'blob' || blocked.startsWith('blob:') || blocked.startsWith(staticOrigin)) || said.has(e.effectiveDirective)) return;
    said.add(e.effectiveDirective);
    const add = e.effectiveDirective.startsWith('worker-src') ? `blob: ${staticOrigin}` : e.effectiveDirective === 'connect-src' || e.effectiveDirective.startsWith('script-src') ? staticOrigin : `${staticOrigin} (see the README)`;
    error(`the page's Content-Security-Policy refused ${blocked} (${e.effectiveDirective}); add ${add} to ${e.effectiveDirective}. The widgets show nothing until it does.`);
  });
  configureHost({ catalogUrl: config.catalog, modelsUrl: config.models, policiesUrl: config.policies, assistantModel: config.assistantModel, guest: true, productHref: (id) => productLink(config.productUrl, id, document.baseURI) });
  const pageLang = (config.lang ?? document.documentElement.lang ?? '').toLowerCase();
  if (pageLang.startsWith('zh')) i18n.locale = 'zh';
  else if (pageLang.startsWith('en')) i18n.locale = 'en';

  let started = false;
  const held: Command[] = [];
  const begin = () => {
    if (started) return;
    started = true;
    // The recommender worker loads while the catalog is fetched (only now: it opens the database).
    recs.warmUp();
    startShop();
    void whenCatalog(error).then((ok) => {
      if (!ok) return;
      for (const c of held.splice(0)) void execute(c, error);
    });
  };
  await embed.readConsent(config.consent === 'required');
  if (embed.allowed) begin();
  watch(() => {
    if (embed.consent === 'granted') begin();
    if (embed.consent === 'declined') held.length = 0;
  });
  const [base] = await Promise.all([sheets]);

  const adopt = (root: ShadowRoot) => {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => !base.includes(s)), ...base];
  };
  const href = (id: string) => productLink(config.productUrl, id, document.baseURI);

  return {
    mountShelf(root: ShadowRoot, attrs: ShelfAttributes, report: (s: WidgetState) => void) {
      adopt(root);
      const component = mount(EmbedShelf, { target: root, props: { attrs, report, productHref: href, theme: config.theme } });
      return () => void unmount(component);
    },
    mountSearch(root: ShadowRoot, report: (s: WidgetState) => void) {
      adopt(root);
      const component = mount(EmbedSearch, { target: root, props: { report, productHref: href, theme: config.theme } });
      return () => void unmount(component);
    },
    mountAssistant(root: ShadowRoot, report: (s: WidgetState) => void) {
      adopt(root);
      const component = mount(EmbedAssistant, { target: root, props: { report, productHref: href, theme: config.theme } });
      return () => void unmount(component);
    },
    run(command: Command) {
      if (command.name === 'consent') {
        if (command.granted) void embed.grant().catch((err: unknown) => error(`the shopper's yes could not be stored: ${String(err)}`));
        else embed.decline();
        return;
      }
      if (command.name === 'open-data') return embed.openPanel();
      if (!embed.allowed || !started) {
        if (embed.consent !== 'declined' && held.length < HELD_MAX) held.push(command);
        return;
      }
      void whenCatalog(error).then((ok) => (ok ? execute(command, error) : undefined));
    },
  };
}

/** Runs `fn` in an effect root (the embed is not inside a component), re-running when what it reads changes. */
function watch(fn: () => void): () => void {
  return $effect.root(() => {
    $effect(fn);
  });
}

let catalogReady: Promise<boolean> | null = null;

/** Resolves once the catalog is in (true) or has failed (false, said once in the console). */
function whenCatalog(error: (message: string) => void): Promise<boolean> {
  return (catalogReady ??= new Promise<boolean>((resolve) => {
    const stop = $effect.root(() => {
      $effect(() => {
        if (shop.catalog) {
          resolve(true);
          queueMicrotask(() => stop());
        } else if (shop.catalogFailed) {
          embed.failed = true;
          error(`${shop.loadError}. The widgets show nothing.`);
          resolve(false);
          queueMicrotask(() => stop());
        }
      });
    });
  }));
}

async function execute(command: Command, error: (message: string) => void): Promise<void> {
  if (command.name !== 'track') return;
  const { type, itemId, quantity, price } = command;
  const product = shop.product(itemId);
  if (!product) return error(`aisle track '${type}': there is no product "${itemId}" in the catalog; nothing was recorded.`);
  const context = { source: 'embed' };
  if (type === 'view') await track({ type: 'view', itemId, context });
  else if (type === 'click') await track({ type: 'click', itemId, context });
  else if (type === 'add-to-cart') await cart.add(itemId, quantity, 'embed');
  else if (type === 'remove-from-cart') await cart.remove(itemId);
  else if (type === 'purchase') {
    await trackAll([{ type: 'purchase', itemId, quantity, price: price ?? product.price, orderId: `embed-${Date.now().toString(36)}`, context }]).catch((err: unknown) =>
      error(`the purchase of "${itemId}" could not be recorded: ${String(err)}`),
    );
  }
}

/** The built stylesheet, beside this file on the static host (a name, not a literal Vite would try to bundle). */
const CSS_FILE = 'aisle.css';

/** The built component styles (aisle.css beside this file) and the theme, as constructed stylesheets. */
async function loadSheets(config: EmbedConfig): Promise<CSSStyleSheet[]> {
  const theme = new CSSStyleSheet();
  theme.replaceSync(themeCss(config.theme));
  const app = new CSSStyleSheet();
  try {
    const res = await fetch(new URL(CSS_FILE, import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await app.replace(await res.text());
  } catch (err) {
    console.error(`Aisle: the widgets' styles could not load from ${new URL(CSS_FILE, import.meta.url).href} (${String(err)}); check connect-src.`);
  }
  return [app, theme];
}
