/**
 * The cart, kept in storage so that it survives reloads and is the same in every tab (each change is one
 * read-modify-write transaction; other tabs refresh on the change notification).
 */
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { randomId } from '../../storage/history.ts';
import { getSetting, setSetting, updateSetting, type CartLine } from '../../storage/settings.ts';
import type { NewEvent } from '../../shared/events.ts';
import { track, trackAll } from './activity.ts';
import { links } from './router.svelte.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

export interface OrderLine {
  itemId: string;
  quantity: number;
  price: number;
}

class Cart {
  lines = $state<CartLine[]>([]);
  count = $derived(this.lines.reduce((n, l) => n + l.quantity, 0));
  ids = $derived(this.lines.map((l) => l.itemId));
  /** The order placed in this tab (its summary page shows it even in non-personalised mode, where nothing is stored). */
  lastOrder = $state.raw<{ id: string; lines: OrderLine[] } | null>(null);

  constructor() {
    onStorageChange((c) => {
      if ((c.kind === ChangeKind.Settings && c.key === 'cart') || c.kind === ChangeKind.Imported || c.kind === ChangeKind.Forgotten) void this.load();
    });
  }

  /** Reads the stored cart; the lines are replaced only when they differ (this tab's own writes are already here). */
  async load(): Promise<void> {
    let stored: CartLine[];
    try {
      stored = await getSetting('cart');
    } catch {
      stored = [];
    }
    if (JSON.stringify(stored) !== JSON.stringify(this.lines)) this.lines = stored;
  }

  total(): number {
    return this.lines.reduce((sum, l) => sum + (shop.product(l.itemId)?.price ?? 0) * l.quantity, 0);
  }

  async add(itemId: string, quantity = 1, source?: string): Promise<void> {
    try {
      this.lines = await updateSetting('cart', (lines) => {
        const line = lines.find((l) => l.itemId === itemId);
        return line ? lines.map((l) => (l === line ? { ...l, quantity: Math.min(99, l.quantity + quantity) } : l)) : [...lines, { itemId, quantity, addedAt: Date.now() }];
      });
      await track({ type: 'add-to-cart', itemId, quantity, context: { source } });
      const t = i18n.t.cart;
      const title = shop.product(itemId)?.title ?? t.it;
      toasts.offer(t.added({ title, times: quantity > 1 ? t.times({ n: i18n.number(quantity) }) : '' }), { label: t.viewCart, href: links.cart() }, 5000);
    } catch (err) {
      toasts.error(err);
    }
  }

  async setQuantity(itemId: string, quantity: number): Promise<void> {
    const current = this.lines.find((l) => l.itemId === itemId)?.quantity ?? 0;
    if (quantity <= 0) return this.remove(itemId);
    try {
      this.lines = await updateSetting('cart', (lines) => lines.map((l) => (l.itemId === itemId ? { ...l, quantity: Math.min(99, quantity) } : l)));
      if (quantity > current) await track({ type: 'add-to-cart', itemId, quantity: quantity - current });
      else if (quantity < current) await track({ type: 'remove-from-cart', itemId, quantity: current - quantity });
    } catch (err) {
      toasts.error(err);
    }
  }

  async remove(itemId: string): Promise<void> {
    const current = this.lines.find((l) => l.itemId === itemId)?.quantity ?? 0;
    try {
      this.lines = await updateSetting('cart', (lines) => lines.filter((l) => l.itemId !== itemId));
      if (current > 0) await track({ type: 'remove-from-cart', itemId, quantity: current });
    } catch (err) {
      toasts.error(err);
    }
  }

  /** Places the order: one purchase event per line, sharing an order id, then an empty cart. Returns the order id. */
  async checkout(): Promise<string | null> {
    // A stored catalog's products come from its worker: every line's is asked for before any is left out as gone.
    await shop.loadProducts(this.lines.map((l) => l.itemId));
    const lines = this.lines.filter((l) => shop.product(l.itemId));
    if (lines.length === 0) return null;
    const orderId = randomId().slice(0, 8).toUpperCase();
    const purchases: NewEvent[] = lines.map((l) => ({ type: 'purchase', itemId: l.itemId, quantity: l.quantity, price: shop.product(l.itemId)!.price, orderId }));
    try {
      await trackAll(purchases);
      await setSetting('cart', []);
      this.lastOrder = { id: orderId, lines: lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, price: shop.product(l.itemId)!.price })) };
      this.lines = [];
      return orderId;
    } catch (err) {
      toasts.error(err);
      return null;
    }
  }
}

export const cart = new Cart();
