/**
 * A pre-trained "aisle-model" file (src/shared/pretrained.ts) loaded into the app's TF.js model as the app loads it,
 * for ranking a log with it as it is (no training): `eval:recs -- --model pretrained`, `bench:cluster`, the cluster
 * tests. Refuses a file trained for other items (count or order) or a content model without its catalog. Node only.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, describeError } from '../../src/shared/errors.ts';
import { parsePretrained } from '../../src/shared/pretrained.ts';
import type { ItemFeatures } from '../../src/shared/training.ts';
import { itemsFingerprint } from '../../workers/recommender/eval/datasets.ts';
import { SasrecModel } from '../../workers/recommender/model/model.ts';
import type { StoredConfig } from '../../workers/recommender/model/session.ts';
import { validateSasrecConfig } from '../../workers/recommender/model/validate-config.ts';

export function loadPretrained(file: string, numItems: number, itemIds: readonly string[], features: ItemFeatures | undefined): { model: SasrecModel; meta: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Cannot read --pretrained ${file}: ${describeError(err)}. Point it at an "aisle-model" file (npm run train:cluster writes one).`);
  }
  const { config, meta, weights } = parsePretrained(json);
  const model = validateSasrecConfig((config as Partial<StoredConfig>).model ?? {});
  if (model.content && !features) throw new ConfigError(`${basename(file)} is a content model: give the --catalog it was trained for, so that its items get their features.`);
  if (model.numItems !== numItems) throw new ConfigError(`${basename(file)} knows ${model.numItems} items but this log has ${numItems}: rank it on the log (and catalog) it was trained for.`);
  const items = meta.items as { fingerprint?: string } | undefined;
  if (items?.fingerprint && items.fingerprint !== itemsFingerprint(itemIds)) {
    throw new ConfigError(`${basename(file)} was trained on the same number of items in another order (or other items): rank it on the log (and catalog) it was trained for.`);
  }
  const m = new SasrecModel(model, model.content ? features : undefined);
  try {
    m.setWeights(weights);
  } catch (err) {
    m.dispose();
    throw err;
  }
  return { model: m, meta };
}
