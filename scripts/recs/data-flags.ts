/**
 * The interaction-log flags shared by `eval:recs`, `train:cluster` and `bench:cluster` (--data, --format, --columns,
 * --skip-empty-users, --catalog): the log read with the app's own readers, and, with a catalog, aligned to the
 * catalog's order with the app's item features (what a content model is trained and ranked with). Node only.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describeError } from '../../src/shared/errors.ts';
import { loadCatalogFile } from '../../src/shared/catalog/load.ts';
import type { DatasetFormat } from '../../src/shared/training.ts';
import { CatalogIndex } from '../../workers/recommender/catalog-index.ts';
import { alignToCatalog, DATASET_FORMATS, parseDataset, type EventsCsvColumns, type SequenceDataset } from '../../workers/recommender/eval/datasets.ts';
import type { CatalogFeatures } from '../../workers/recommender/personal/features.ts';
import { catalogContentFeatures } from './catalog-features.ts';

export const DATA_FLAG_OPTIONS = {
  data: { type: 'string' },
  format: { type: 'string', default: 's3rec' },
  columns: { type: 'string' },
  'skip-empty-users': { type: 'boolean', default: false },
  catalog: { type: 'string' },
} as const;

export const DATA_FLAGS_HELP = `  --data FILE            interactions file
  --format F             ${DATASET_FORMATS.join(' | ')} (default s3rec)
  --columns SPEC         events-csv column names, e.g. user=CustomerID,item=StockCode,timestamp=InvoiceDate
  --skip-empty-users     events-csv: drop rows without a user instead of failing
  --catalog FILE         the shop's catalog (JSON or CSV, as the app loads it): items take its order and are
                         represented by their content (text vector, category, price band), as the shopper's model
                         on the device represents them; the log's item ids must be the catalog's product ids
`;

type Values = Record<string, string | boolean | undefined>;

function parseColumns(spec: string | undefined): Partial<EventsCsvColumns> | undefined {
  if (!spec) return undefined;
  const out: Partial<EventsCsvColumns> = {};
  for (const part of spec.split(',')) {
    const [key, name] = part.split('=');
    if (!['user', 'item', 'timestamp'].includes(key) || !name) {
      throw new Error(`--columns: "${part}" should be user=NAME, item=NAME or timestamp=NAME.`);
    }
    out[key as keyof EventsCsvColumns] = name;
  }
  return out;
}

function readText(file: string, flag: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${flag} ${file}: ${describeError(err)}. Point ${flag} at ${what}.`);
  }
}

/** The interaction log the flags name, read with the app's readers. */
export function readDataset(values: Values, defaultFile = '../shared/data/s3rec-amazon/Beauty.txt'): { data: SequenceDataset; file: string; format: DatasetFormat } {
  const format = String(values.format ?? 's3rec') as DatasetFormat;
  if (!DATASET_FORMATS.includes(format)) throw new Error(`--format must be one of ${DATASET_FORMATS.join(', ')}, got "${format}".`);
  const file = String(values.data ?? defaultFile);
  const data = parseDataset(readText(file, '--data', 'an interactions file'), format, {
    name: basename(file),
    columns: parseColumns(values.columns as string | undefined),
    skipEmptyUsers: Boolean(values['skip-empty-users']),
  });
  return { data, file, format };
}

export interface CatalogData {
  /** The log with the catalog's item order (the log itself without a catalog). */
  data: SequenceDataset;
  catalog: CatalogIndex | null;
  features: CatalogFeatures | null;
  /** What aligning to the catalog dropped, for the report. */
  notes: string[];
}

/** With --catalog: the log in the catalog's order and the catalog's item features; without: the log as it is. */
export async function withCatalog(values: Values, data: SequenceDataset, onEmbedded?: (done: number, total: number) => void): Promise<CatalogData> {
  const file = values.catalog as string | undefined;
  if (!file) return { data, catalog: null, features: null, notes: [] };
  const { products, report } = loadCatalogFile(file, readText(file, '--catalog', 'the shop\'s catalog (JSON or CSV)'));
  const catalog = new CatalogIndex(basename(file), products);
  const aligned = alignToCatalog(data, catalog.items.map((i) => i.product.id));
  const notes = [...report.warnings];
  if (aligned.droppedEvents > 0) {
    notes.push(`${aligned.droppedEvents} events on ${aligned.unknownItems} items that are not in the catalog were left out (${aligned.droppedUsers} users had no other events)`);
  }
  const features = await catalogContentFeatures(catalog, undefined, onEmbedded ? (done) => onEmbedded(done, catalog.size) : undefined);
  return { data: aligned.dataset, catalog, features, notes };
}
