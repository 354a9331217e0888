/** Small key-value settings kept in the `settings` store. Typed by key. */
import { approvedRemoteModel, type ApprovedRemoteModel } from '../shared/models.ts';
import { isDevicePreference, type DevicePreference } from '../shared/protocol/language.ts';
import { BACKENDS, type BackendPreference } from '../shared/training.ts';
import { ChangeKind, announce } from './changes.ts';
import { getDb } from './db.ts';
import { withQuotaCheck } from './quota.ts';

export interface CartLine {
  itemId: string;
  quantity: number;
  addedAt: number;
}

export interface Settings {
  /** Off: shelves use no personal history and no new events are recorded. */
  personalised: boolean;
  /** The most events kept before older, low-value ones are compacted. */
  historyCap: number;
  cart: CartLine[];
  /** The catalog in use: null for the bundled demo store, else the id of a catalog loaded from a file. */
  activeCatalog: string | null;
  /** Search results re-ranked by the shopper's interests (only while personalised). */
  personalSearch: boolean;
  /**
   * The sentence encoder: null for the bundled one, else a model the user chose from another host on the About page,
   * with what they agreed to. Never exported or imported (a file must not choose a host for the app to talk to).
   */
  encoder: ApprovedRemoteModel | null;
  /**
   * The assistant's optional generative model: null (off, the default), or a model the shopper chose from another
   * host, with the host and size they agreed to. Like `encoder`, never exported or imported.
   */
  assistantModel: ApprovedRemoteModel | null;
  /** Where transformer models run: automatic (WebGPU on a real GPU, else WASM), or forced. */
  device: DevicePreference;
  /** Where the shopper's own model (TF.js) trains and ranks: automatic (WebGPU, WebGL, WASM, CPU), or forced. */
  modelBackend: BackendPreference;
  /** Interest keys the shopper muted on their profile (see src/shared/profile.ts). */
  muted: string[];
  /** Highest price to recommend, or null. */
  budget: number | null;
  /** The language of the UI the shopper chose (null: the browser's). */
  locale: 'en' | 'zh' | null;
  /** When the shopper agreed that the store's Aisle widget may remember (the embed's consent mode), or null. */
  consentedAt: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  personalised: true,
  historyCap: 20_000,
  cart: [],
  activeCatalog: null,
  personalSearch: true,
  encoder: null,
  assistantModel: null,
  device: 'auto',
  modelBackend: 'auto',
  muted: [],
  budget: null,
  locale: null,
  consentedAt: null,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/** The most the list settings hold (an imported file is refused above these, with the limit in the message). */
export const SETTING_LIMITS = { cartLines: 200, cartQuantity: 99, muted: 2_000, keyLength: 300, idLength: 200 } as const;

const L = SETTING_LIMITS;
const cartLineProblem = (l: unknown): string | null => {
  const c = l as Partial<CartLine> | null;
  if (typeof c?.itemId !== 'string' || c.itemId === '' || c.itemId.length > L.idLength) return 'a cart line has no valid item';
  if (typeof c.quantity !== 'number' || !Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > L.cartQuantity) return `a cart line's quantity must be a whole number from 1 to ${L.cartQuantity}`;
  if (typeof c.addedAt !== 'number' || !Number.isFinite(c.addedAt) || c.addedAt < 0 || c.addedAt > Date.now() + 30 * 86_400_000) return 'a cart line has an impossible time';
  return null;
};

/** Why a value is not valid for each setting, or null (an imported file is checked against these before anything is written). */
const PROBLEM: { [K in keyof Settings]: (v: unknown) => string | null } = {
  personalised: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  historyCap: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 1_000_000 ? null : 'must be a whole number from 100 to 1,000,000'),
  cart: (v) => {
    if (!Array.isArray(v)) return 'must be a list of cart lines';
    if (v.length > L.cartLines) return `has ${v.length.toLocaleString('en')} lines; a cart holds at most ${L.cartLines}`;
    return v.map(cartLineProblem).find((x) => x !== null) ?? null;
  },
  activeCatalog: (v) => (v === null || (typeof v === 'string' && v.length <= L.idLength) ? null : 'must be a catalog id'),
  personalSearch: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  encoder: (v) => (v === null || approvedRemoteModel(v) !== null ? null : 'must be a model the user chose'),
  assistantModel: (v) => (v === null || approvedRemoteModel(v) !== null ? null : 'must be a model the user chose'),
  device: (v) => (isDevicePreference(v) ? null : 'must be auto, webgpu or wasm'),
  modelBackend: (v) => (v === 'auto' || (typeof v === 'string' && (BACKENDS as readonly string[]).includes(v)) ? null : `must be auto or one of ${BACKENDS.join(', ')}`),
  muted: (v) => {
    if (!Array.isArray(v)) return 'must be a list';
    if (v.length > L.muted) return `has ${v.length.toLocaleString('en')} entries; at most ${L.muted.toLocaleString('en')} interests can be muted`;
    return v.every((x) => typeof x === 'string' && x.length <= L.keyLength) ? null : `every entry must be text of at most ${L.keyLength} characters`;
  },
  budget: (v) => (v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1e10) ? null : 'must be empty or a price above 0'),
  locale: (v) => (v === null || v === 'en' || v === 'zh' ? null : 'must be en, zh or empty'),
  consentedAt: (v) => (v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0) ? null : 'must be empty or a time'),
};

/**
 * The shopper's own settings: exported, and taken from an imported file. The others describe this device (which
 * model host it was allowed to use, where its models run, which catalog file it has loaded) and never travel.
 */
export const PORTABLE_SETTINGS = ['personalised', 'historyCap', 'cart', 'personalSearch', 'muted', 'budget', 'locale'] as const satisfies ReadonlyArray<keyof Settings>;

/** Why `value` is not valid for the setting `key`, or null when it is (unknown keys are not settings: null). */
export function settingProblem(key: string, value: unknown): string | null {
  if (!(key in PROBLEM)) return null;
  const problem = PROBLEM[key as keyof Settings](value);
  return problem ? `the setting "${key}" ${problem}` : null;
}

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  const value = await (await getDb()).get('settings', key);
  return value === undefined ? structuredClone(DEFAULT_SETTINGS[key]) : (value as Settings[K]);
}

export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('your settings', () => db.put('settings', value, key));
  announce({ kind: ChangeKind.Settings, key });
}

/**
 * Read-modify-write of one setting in a single transaction, so that two tabs updating it at once (say, both adding
 * to the cart) cannot overwrite each other: IndexedDB runs overlapping readwrite transactions one after the other.
 */
export async function updateSetting<K extends keyof Settings>(key: K, update: (current: Settings[K]) => Settings[K]): Promise<Settings[K]> {
  const db = await getDb();
  return withQuotaCheck('your settings', async () => {
    const tx = db.transaction('settings', 'readwrite');
    const stored = await tx.store.get(key);
    const next = update(stored === undefined ? structuredClone(DEFAULT_SETTINGS[key]) : (stored as Settings[K]));
    await tx.store.put(next, key);
    await tx.done;
    return next;
  }).then((next) => {
    announce({ kind: ChangeKind.Settings, key });
    return next;
  });
}

export async function getAllSettings(): Promise<Settings> {
  const db = await getDb();
  const out = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  const tx = db.transaction('settings');
  for (const key of await tx.store.getAllKeys()) out[key] = await tx.store.get(key);
  await tx.done;
  return out as unknown as Settings;
}
