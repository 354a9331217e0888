/**
 * Hash routing: works from any sub-path of any static host with no server rewrites, and offline.
 *   #/                      home            #/p/<id>          product
 *   #/shop[/<cat>/<cat>…]   catalog (query: min, max, brand, sort)
 *   #/search?q=…            search          #/cart            cart        #/order/<id>    order placed
 *   #/you                   Your data       #/about
 *   #/console/<tab>         the merchant console: catalog | train | evaluate | listings | pricing
 *                           (the old #/store opens #/console/catalog)
 *   #/chat                  the shopping assistant
 */
export const CONSOLE_TABS = ['catalog', 'train', 'evaluate', 'listings', 'pricing'] as const;
export type ConsoleTab = (typeof CONSOLE_TABS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'catalog'; category: string[]; params: URLSearchParams }
  | { name: 'product'; id: string }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'cart' }
  | { name: 'order'; id: string }
  | { name: 'you' }
  | { name: 'console'; tab: ConsoleTab }
  | { name: 'about' }
  | { name: 'chat' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const parts = pathPart.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  switch (parts[0]) {
    case undefined:
      return { name: 'home' };
    case 'shop':
      return { name: 'catalog', category: parts.slice(1), params };
    case 'p':
      return parts[1] ? { name: 'product', id: parts[1] } : { name: 'not-found', path: pathPart };
    case 'search':
      return { name: 'search', params };
    case 'cart':
      return { name: 'cart' };
    case 'order':
      return { name: 'order', id: parts[1] ?? '' };
    case 'you':
      return { name: 'you' };
    case 'store':
      return { name: 'console', tab: 'catalog' };
    case 'console': {
      const tab = parts[1] ?? 'catalog';
      return (CONSOLE_TABS as readonly string[]).includes(tab) ? { name: 'console', tab: tab as ConsoleTab } : { name: 'not-found', path: pathPart };
    }
    case 'about':
      return { name: 'about' };
    case 'chat':
      return { name: 'chat' };
    default:
      return { name: 'not-found', path: pathPart };
  }
}

/** Link targets, so that no screen builds hashes by hand. */
export const links = {
  home: () => '#/',
  product: (id: string) => `#/p/${encodeURIComponent(id)}`,
  category: (path: string[], params?: URLSearchParams) => `#/shop${path.map((p) => `/${encodeURIComponent(p)}`).join('')}${params && [...params].length ? `?${params}` : ''}`,
  /** A query, or a query with its filters (`q`, `cat`, `min`, `max`, `brand`). */
  search: (q: string | URLSearchParams) => `#/search?${typeof q === 'string' ? new URLSearchParams({ q }) : q}`,
  cart: () => '#/cart',
  order: (id: string) => `#/order/${encodeURIComponent(id)}`,
  you: () => '#/you',
  store: () => '#/console/catalog',
  console: (tab: ConsoleTab = 'catalog') => `#/console/${tab}`,
  about: () => '#/about',
  chat: () => '#/chat',
};

class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    this.#redirect();
    addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      this.#redirect();
      scrollTo({ top: 0 });
    });
  }

  /** Old addresses open their new place, and the address bar says so (`#/store` → `#/console/catalog`). */
  #redirect(): void {
    if (/^#\/store(?:[/?]|$)/.test(location.hash)) history.replaceState(history.state, '', links.console('catalog'));
  }

  go(hash: string): void {
    location.hash = hash;
  }
}

export const router = new Router();
