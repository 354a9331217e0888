/**
 * The merchant's one script tag (built to dist/embed/aisle.js, a classic script under 10 KB gzipped; the budget is
 * checked by scripts/check-embed-size.mjs in `npm test`). It reads its data-* configuration, defines the custom
 * elements, keeps the `window.aisle` command queue, and loads the rest (the runtime: the shop's state modules,
 * workers, storage and components) only when an element is on the page or a command needs it. It sets no global but
 * `window.aisle` and touches none of the page's styles: everything it draws is inside each element's shadow root.
 *
 * Adding an element (such as `<aisle-assistant>`): a class here that extends `AisleElement` with its `kind`, a reserved
 * height in HOST_CSS, and a `mount` case in src/embed/runtime.ts that mounts its component.
 */
import { commandFromAttributes, readCommand, readConfig, readShelfAttributes, type Command, type EmbedConfig } from './config.ts';
import type { Runtime, RuntimeModule, WidgetState } from './runtime-types.ts';

const PREFIX = 'Aisle:';
const error = (message: string) => console.error(`${PREFIX} ${message}`);

/**
 * The space each element holds from the moment it is defined (before anything loads), so that nothing moves when its
 * content arrives. Merchants can set --aisle-height. [data-collapsed]: nothing to show, below the screen. A card is
 * at most 200 px wide (a 150 px picture) and its lines have fixed heights in rem (ProductCard.svelte); a shelf adds its
 * header, padding and the footer (5.4rem).
 */
const HOST_CSS = `
:host{display:block;contain:layout paint;overflow:hidden}
:host([data-collapsed]){display:none}
:host([data-state=empty]),:host([data-state=failed]){visibility:hidden}
:host(aisle-recommendations){--aisle-card:calc(150px + 10.2rem);height:var(--aisle-height,calc(var(--aisle-card) + 5.4rem))}
:host(aisle-recommendations[layout=grid]){height:var(--aisle-height,calc(var(--aisle-rows,2)*(var(--aisle-card) + 14px) - 14px + 5.4rem))}
:host(aisle-search){min-height:var(--aisle-height,3rem)}
:host(aisle-assistant){height:var(--aisle-height,32rem)}
`;

type Queue = { push(...commands: unknown[]): number };
const w = window as unknown as { aisle?: unknown };

(() => {
  if ((w.aisle as { version?: string } | undefined)?.version) {
    error('the Aisle script tag is on this page twice; keep one.');
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) {
    error('the loader must be included with <script src="…/aisle.js" data-catalog="…">; it cannot run inline or as a module.');
    return;
  }
  const { config, errors } = readConfig({ ...script.dataset }, script.src, document.baseURI);
  for (const e of errors) error(e);

  const pending: unknown[] = Array.isArray(w.aisle) ? [...(w.aisle as unknown[])] : [];
  let runtime: Promise<Runtime | null> | null = null;
  const load = (): Promise<Runtime | null> =>
    (runtime ??= config
      ? (import(/* @vite-ignore */ new URL('aisle-runtime.js', config.base).href) as Promise<RuntimeModule>)
          .then((m) => m.start(config, error))
          .catch((err: unknown) => {
            error(
              `the widgets could not load from ${config.base} (${err instanceof Error ? err.message : String(err)}). If the page has a Content-Security-Policy, it must allow ${new URL(config.base).origin} in script-src, connect-src and worker-src blob: (see the README's "Embedding on a store").`,
            );
            for (const el of elements) el.setState('failed');
            return null;
          })
      : Promise.resolve(null));

  const run = (raw: unknown): void => {
    const command: Command | string = readCommand(raw);
    if (typeof command === 'string') return error(command);
    if (!config) return;
    void load().then((r) => r?.run(command));
  };
  const api = {
    version: '1',
    push(...commands: unknown[]): number {
      for (const c of commands) run(c);
      return 0;
    },
    track(type: string, itemId: string, quantity?: number, price?: number): void {
      run(['track', type, itemId, ...(quantity === undefined ? [] : [quantity]), ...(price === undefined ? [] : [price])]);
    },
    consent(granted: boolean): void {
      run(['consent', granted]);
    },
    openData(): void {
      run(['openData']);
    },
  };
  Object.freeze(api);
  w.aisle = api satisfies Queue;
  for (const c of pending) run(c);

  // Opt-in events from the merchant's own buttons: <button data-aisle-event="add-to-cart" data-aisle-product="sku-1">.
  document.addEventListener(
    'click',
    (e) => {
      const target = (e.target as Element | null)?.closest?.('[data-aisle-event]');
      if (!target) return;
      const command = commandFromAttributes((n) => target.getAttribute(n));
      if (typeof command === 'string') error(`${command} (on ${target.tagName.toLowerCase()} data-aisle-event)`);
      else if (command && config) void load().then((r) => r?.run(command));
    },
    { capture: true, passive: true },
  );
  // A product page says what is viewed: <div data-aisle-view="sku-1">.
  const views = () => {
    for (const el of document.querySelectorAll('[data-aisle-view]')) run(['track', 'view', el.getAttribute('data-aisle-view')]);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', views, { once: true });
  else views();

  const elements = new Set<AisleElement>();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(HOST_CSS);

  abstract class AisleElement extends HTMLElement {
    #root: ShadowRoot | null = null;
    #unmount: (() => void) | null = null;
    #generation = 0;
    abstract readonly kind: 'recommendations' | 'search' | 'assistant';

    connectedCallback(): void {
      if (!this.#root) {
        this.#root = this.attachShadow({ mode: 'open' });
        this.#root.adoptedStyleSheets = [sheet];
      }
      elements.add(this);
      if (!config) return this.setState('failed');
      this.setState('loading');
      this.#mount();
    }

    disconnectedCallback(): void {
      elements.delete(this);
      this.#generation++;
      this.#unmount?.();
      this.#unmount = null;
    }

    attributeChangedCallback(): void {
      if (!this.isConnected || !this.#root || !config) return;
      this.#unmount?.();
      this.#unmount = null;
      this.#mount();
    }

    #mount(): void {
      const generation = ++this.#generation;
      void load().then((r) => {
        if (!r || generation !== this.#generation || !this.#root) return;
        this.#unmount = this.mountIn(r, this.#root, (s) => this.setState(s));
      });
    }

    protected abstract mountIn(r: Runtime, root: ShadowRoot, report: (s: WidgetState) => void): () => void;

    /**
     * Loading and shown: the element keeps its reserved height. Empty or failed: it hides; it gives its space back
     * only when it is below the screen, so that nothing the shopper sees moves (CLS 0).
     */
    setState(state: WidgetState): void {
      this.dataset.state = state;
      if (state === 'empty' || state === 'failed') {
        // Measured only while it still holds its space (a collapsed element measures at the top).
        if (!this.hasAttribute('data-collapsed') && (!config || this.getBoundingClientRect().top >= innerHeight)) this.setAttribute('data-collapsed', '');
      } else this.removeAttribute('data-collapsed');
    }
  }

  class AisleRecommendations extends AisleElement {
    static observedAttributes = ['kind', 'product', 'limit', 'layout', 'title'];
    readonly kind = 'recommendations' as const;
    connectedCallback(): void {
      super.connectedCallback();
      this.#reserveRows();
    }

    /** A grid reserves as many rows as its limit fills at its width (the grid repeats 200 px columns, 14 px apart). */
    #reserveRows(): void {
      if (this.getAttribute('layout') !== 'grid') return;
      const { attrs } = readShelfAttributes((n) => this.getAttribute(n));
      const columns = Math.max(1, Math.floor((this.getBoundingClientRect().width - 4 + 14) / (200 + 14)));
      this.style.setProperty('--aisle-rows', String(Math.ceil(attrs.limit / columns)));
    }

    protected mountIn(r: Runtime, root: ShadowRoot, report: (s: WidgetState) => void): () => void {
      const { attrs, errors } = readShelfAttributes((n) => this.getAttribute(n));
      for (const e of errors) error(e);
      return r.mountShelf(root, attrs, report);
    }
  }

  class AisleSearch extends AisleElement {
    readonly kind = 'search' as const;
    protected mountIn(r: Runtime, root: ShadowRoot, report: (s: WidgetState) => void): () => void {
      return r.mountSearch(root, report);
    }
  }

  class AisleAssistant extends AisleElement {
    readonly kind = 'assistant' as const;
    protected mountIn(r: Runtime, root: ShadowRoot, report: (s: WidgetState) => void): () => void {
      return r.mountAssistant(root, report);
    }
  }

  if (!customElements.get('aisle-recommendations')) customElements.define('aisle-recommendations', AisleRecommendations);
  if (!customElements.get('aisle-search')) customElements.define('aisle-search', AisleSearch);
  if (!customElements.get('aisle-assistant')) customElements.define('aisle-assistant', AisleAssistant);
})();


export type { EmbedConfig };
