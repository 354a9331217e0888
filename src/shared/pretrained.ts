/**
 * A pre-trained preference model a merchant ships next to the catalog (`"model": "shop-model.json"` in a JSON
 * catalog): a content-only SASRec checkpoint trained on the merchant's own licensed interaction logs. A shopper's
 * model then starts from it instead of from nothing, and fine-tunes on the shopper's events.
 *
 *   { "format": "aisle-model", "version": 1, "checkpoint": { id, savedAt, config: { model, train }, meta, weights: [{ name, shape, base64 }] } }
 *
 * `npm run bench:personal -- --save-pretrained FILE` writes one (trained on the benchmark's data).
 */
import { InvalidFileError } from './errors.ts';
import { decodeWeights, encodeCheckpoint, type ExportedCheckpoint } from './export-format.ts';
import type { ContentFeatureSpec, NamedWeights, SasrecConfig } from './training.ts';

export const PRETRAINED_FORMAT = 'aisle-model';

export interface PretrainedFile {
  format: typeof PRETRAINED_FORMAT;
  version: 1;
  checkpoint: ExportedCheckpoint;
}

/** A stored checkpoint as a pre-trained model file (what `parsePretrained` reads). */
export function pretrainedFile(c: { id: string; savedAt: number; config: unknown; meta: Record<string, unknown>; weights: NamedWeights }): PretrainedFile {
  return { format: PRETRAINED_FORMAT, version: 1, checkpoint: encodeCheckpoint(c) };
}

/** The checkpoint in storage form (weights as Float32Arrays); throws InvalidFileError when the file is not one. */
export function parsePretrained(data: unknown): { config: unknown; meta: Record<string, unknown>; weights: NamedWeights } {
  const f = data as Partial<PretrainedFile>;
  if (f?.format !== PRETRAINED_FORMAT || f.version !== 1 || typeof f.checkpoint !== 'object' || !Array.isArray(f.checkpoint?.weights)) {
    throw new InvalidFileError(`The catalog's pre-trained model is not an "${PRETRAINED_FORMAT}" file (version 1). Export it again with the Aisle tools, or remove "model" from the catalog.`);
  }
  const weights = decodeWeights(f.checkpoint.weights, (name) => new InvalidFileError(`The pre-trained model's weight "${name}" does not match its shape; the file is damaged.`));
  return { config: f.checkpoint.config, meta: f.checkpoint.meta ?? {}, weights };
}

/** What a catalog offers a pre-trained content model: its size, item order and feature sizes. */
export interface CatalogFit {
  /** The catalog's name, for the message. */
  name: string;
  size: number;
  /** `itemsFingerprint` of the catalog's product ids in order (workers/recommender/eval/datasets.ts). */
  fingerprint: string;
  spec: ContentFeatureSpec;
}

/**
 * Why a pre-trained model cannot be a shopper's starting point on this catalog, in words that say what to do; null
 * when it fits (a content model, over the catalog's items in its order, with the catalog's feature sizes). The one
 * check for a model named by the catalog (`"model"`) and one the console puts in use.
 */
export function pretrainedMismatch(config: unknown, meta: Record<string, unknown>, catalog: CatalogFit): string | null {
  const model = (config as { model?: Partial<SasrecConfig> } | null)?.model;
  if (!model || typeof model.numItems !== 'number') return 'The model file has no model configuration; export it again from the console.';
  if (model.idEmbedding || !model.content) return 'This model knows the items of one log by their ids, not by their content, so the shop cannot start from it: train it in the console with "by the catalog\'s content" chosen.';
  const trainedFor = typeof meta.catalog === 'string' ? ` (it was trained for "${meta.catalog}")` : '';
  if (model.numItems !== catalog.size) return `The model was trained on ${model.numItems} products${trainedFor} but the shop's catalog "${catalog.name}" has ${catalog.size}: use the catalog it was trained on in the shop, or train it again on this one.`;
  const items = meta.items as { fingerprint?: unknown } | undefined;
  if (typeof items?.fingerprint === 'string' && items.fingerprint !== catalog.fingerprint) return `The model was trained on other products${trainedFor} than the shop's catalog "${catalog.name}" has (or in another order): use the catalog it was trained on, or train it again on this one.`;
  const c = model.content;
  const want = catalog.spec;
  if (c.textDim !== want.textDim) {
    return want.textDim
      ? `The model reads product vectors of ${c.textDim} numbers but this catalog's have ${want.textDim}: train it again with the encoder the shop uses.`
      : "The shop has not indexed its products by meaning yet, so the model has no product vectors to read: wait until it has (About shows the progress), then try again.";
  }
  if (c.numCategories !== want.numCategories || c.numPriceBands !== want.numPriceBands) return `The model expects ${c.numCategories} categories and ${c.numPriceBands} price bands but the shop's catalog "${catalog.name}" has ${want.numCategories} and ${want.numPriceBands}: train it again on this catalog.`;
  return null;
}

/** A short fingerprint of the item ids in order: a model trained on one order must not rank another. */
export function itemsFingerprint(itemIds: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const id of itemIds) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return `${itemIds.length}:${(h >>> 0).toString(16)}`;
}
