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
import type { NamedWeights } from './training.ts';

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
