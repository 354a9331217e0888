/** Small key-value settings kept in the `settings` store. Typed by key. */
import { approvedRemoteModel, type ApprovedRemoteModel } from '../../shared/models.ts';
import { BACKENDS, type BackendPreference } from '../../shared/training.ts';
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
  /** Where transformer models run: automatic (WebGPU on a real GPU, else WASM), or forced. */
  device: 'auto' | 'webgpu' | 'wasm';
  /** Where the shopper's own model (TF.js) trains and ranks: automatic (WebGPU, WebGL, WASM, CPU), or forced. */
  modelBackend: BackendPreference;
  /** Interest keys the shopper muted on their profile (see src/shared/profile.ts). */
  muted: string[];
  /** Highest price to recommend, or null. */
  budget: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  personalised: true,
  historyCap: 20_000,
  cart: [],
  activeCatalog: null,
  personalSearch: true,
  encoder: null,
  device: 'auto',
  modelBackend: 'auto',
  muted: [],
  budget: null,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isCartLine = (l: unknown) => {
  const c = l as Partial<CartLine> | null;
  return typeof c?.itemId === 'string' && typeof c.quantity === 'number' && Number.isInteger(c.quantity) && c.quantity > 0 && typeof c.addedAt === 'number';
};

/** What a valid value of each setting looks like (an imported file is checked against these before anything is written). */
const VALID: { [K in keyof Settings]: (v: unknown) => boolean } = {
  personalised: (v) => typeof v === 'boolean',
  historyCap: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 1_000_000,
  cart: (v) => Array.isArray(v) && v.every(isCartLine),
  activeCatalog: (v) => v === null || typeof v === 'string',
  personalSearch: (v) => typeof v === 'boolean',
  encoder: (v) => v === null || approvedRemoteModel(v) !== null,
  device: (v) => v === 'auto' || v === 'webgpu' || v === 'wasm',
  modelBackend: (v) => v === 'auto' || (typeof v === 'string' && (BACKENDS as readonly string[]).includes(v)),
  muted: isStringList,
  budget: (v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0),
};

/** Why `value` is not valid for the setting `key`, or null when it is (unknown keys are not settings: null). */
export function settingProblem(key: string, value: unknown): string | null {
  if (!(key in VALID)) return null;
  return VALID[key as keyof Settings](value) ? null : `the setting "${key}" has an invalid value ${JSON.stringify(value)?.slice(0, 60)}`;
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
