/**
 * Model registry types (models/manifest.json) and where a model comes from. Shared by the page (model status, the
 * "download N MB?" prompt) and the language worker (loading).
 */
export type { ProgressInfo } from '@huggingface/transformers';

export interface ManifestFile {
  /** Path inside the model folder, e.g. "onnx/model.onnx". */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
  /** The same hash in Subresource Integrity form ("sha256-<base64>"). */
  integrity: string;
}

export interface ManifestModel {
  id: string;
  task: string;
  library: string;
  licence: string;
  source: string;
  description: string;
  metrics?: Record<string, unknown>;
  files: ManifestFile[];
  bytes: number;
  [extra: string]: unknown;
}

export interface ModelManifest {
  version: number;
  models: ManifestModel[];
}

/**
 * Where to load a model from.
 * - `bundled`: the app's own models/ folder, listed in models/manifest.json with a hash per file (the default).
 * - `remote`: a model host in Hugging Face hub layout (`<host>/<id>/resolve/<revision>/<file>`): a hub, or the
 *   merchant's own server. Only on the user's or the merchant's explicit choice, with the download size shown first.
 *   Files may carry a sha256 (from the merchant's configuration); otherwise the host's `X-Linked-Etag` is checked when
 *   it is a sha256, and the hash of the first download is pinned for later loads.
 */
export type ModelSpec =
  | { id: string; source: 'bundled' }
  | { id: string; source: 'remote'; host: string; revision?: string; files: Array<{ path: string; sha256?: string; optional?: boolean }> };

/** A model on another host. */
export type RemoteModelSpec = Extract<ModelSpec, { source: 'remote' }>;

/**
 * A remote model the user chose on the About page, with what they agreed to: the host and the size shown to them,
 * and when. Stored only by that choice; never imported from a file. A remote model read from storage without it is
 * not used (src/app/state/language.svelte.ts).
 */
export interface ApprovedRemoteModel {
  spec: RemoteModelSpec;
  approval: { host: string; bytes: number; at: number };
}

/** The host of a remote spec for display ("huggingface.co"), or the text as given when it is not a web address. */
export function modelHost(spec: RemoteModelSpec): string {
  try {
    return new URL(spec.host).host;
  } catch {
    return spec.host;
  }
}

/** The approved remote model in a stored value, or null: only the shape the About page writes, for the host it names. */
export function approvedRemoteModel(value: unknown): ApprovedRemoteModel | null {
  const v = value as Partial<ApprovedRemoteModel> | null;
  const spec = v?.spec as Partial<RemoteModelSpec> | undefined;
  const a = v?.approval;
  if (!spec || spec.source !== 'remote' || typeof spec.id !== 'string' || typeof spec.host !== 'string' || !Array.isArray(spec.files)) return null;
  if (!a || typeof a.host !== 'string' || typeof a.at !== 'number' || typeof a.bytes !== 'number') return null;
  return a.host === modelHost(spec as RemoteModelSpec) ? (v as ApprovedRemoteModel) : null;
}

export interface PlannedFile {
  path: string;
  url: string;
  /** null when the host did not say. */
  bytes: number | null;
  cached: boolean;
}

/** What loading a model will cost before it starts: shown to the user for remote models. */
export interface DownloadPlan {
  modelId: string;
  source: ModelSpec['source'];
  files: PlannedFile[];
  totalBytes: number;
  /** Bytes still to download (0 when everything is cached). */
  downloadBytes: number;
}

export type Device = 'webgpu' | 'wasm' | 'cpu';

export interface LoadedModelInfo {
  id: string;
  task: string;
  device: Device;
  /** Why this device (e.g. "no WebGPU adapter, so WASM"). */
  deviceReason: string;
  bytes: number;
  loadMs: number;
  source: ModelSpec['source'];
}

/** The bundled sentence encoder (search, item features). */
export const DEFAULT_ENCODER: ModelSpec = { id: 'aisle-text-encoder-v1', source: 'bundled' };
