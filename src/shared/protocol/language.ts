/**
 * The types that cross the page–language-worker boundary (workers/language.worker.ts). The worker's API type
 * (`LanguageApi`) is the protocol; these are the values it takes and returns, defined once for the worker, its
 * bridge, the state modules and storage.
 */
import type { Device, LoadedModelInfo } from '../models.ts';

/** Where transformer models run: automatic (WebGPU on a real GPU, else WASM), or forced. */
export const DEVICE_PREFERENCES = ['auto', 'webgpu', 'wasm'] as const;
export type DevicePreference = (typeof DEVICE_PREFERENCES)[number];

export function isDevicePreference(value: unknown): value is DevicePreference {
  return typeof value === 'string' && (DEVICE_PREFERENCES as readonly string[]).includes(value);
}

/** The device chosen for a preference, and why. */
export interface DeviceChoice {
  device: Device;
  reason: string;
}

export interface LanguageStatus {
  device: DeviceChoice;
  models: LoadedModelInfo[];
}

/** Where the text is going decides what is checked: a review, a chat message, a merchant's listing. */
export const MODERATION_PRESET_NAMES = ['review', 'chat', 'listing'] as const;
export type ModerationPreset = (typeof MODERATION_PRESET_NAMES)[number];

/** What embedding a catalog did: how many products, how many vectors came from the cache, how many were computed. */
export interface CatalogEmbeddingReport {
  products: number;
  cached: number;
  computed: number;
  ms: number;
}
