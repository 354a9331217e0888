/**
 * Benchmark page for `npm run bench:personal`: the real recommender worker, through its bridge, learning from events
 * written to the real IndexedDB, one new event at a time. Benchmark harness only.
 */
import { RecommenderBridge } from '../../../src/app/bridges/recommender.ts';
import { putEmbeddings } from '../../../src/storage/embeddings.ts';
import { forgetEverything } from '../../../src/storage/forget.ts';
import { recordEvent } from '../../../src/storage/history.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { DEFAULT_ENCODER } from '../../../src/shared/models.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function updates(products: Product[], vectors: number[], dim: number, first: number[], more: number[]) {
  await forgetEverything();
  const entries = await Promise.all(products.map(async (p, i) => ({ hash: await textHash(productText(p)), vector: Float32Array.from(vectors.slice(i * dim, (i + 1) * dim)) })));
  await putEmbeddings(DEFAULT_ENCODER.id, entries);
  const bridge = new RecommenderBridge();
  await bridge.setCatalog(undefined, 'bench', products);
  for (const i of first) await recordEvent('bench', { type: 'view', itemId: products[i].id });
  let t = performance.now();
  const status = await bridge.updatePersonalModel();
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (const i of more) {
    await recordEvent('bench', { type: 'view', itemId: products[i].id });
    t = performance.now();
    await bridge.updatePersonalModel();
    times.push(performance.now() - t);
  }
  bridge.dispose();
  return { backend: status.backend?.backend ?? 'unknown', state: status.state, firstMs, updates: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const bench = { updates };
export type PersonalBench = typeof bench;
(window as unknown as { personalBench: PersonalBench }).personalBench = bench;
