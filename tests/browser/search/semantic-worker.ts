/**
 * A module worker for tests/browser/search/semantic-kernel.test.ts: builds the search worker's semantic index
 * (workers/search/semantic.ts, as the recommender worker does) twice over the same vectors, once as it is and once
 * told to score in JavaScript (a page that refuses WebAssembly), and answers which kernel each took and what each found.
 */
import { SemanticIndex } from '../../../workers/search/semantic.ts';

export interface KernelRequest {
  dim: number;
  /** Rows, row-major; a row of NaN is a product without a vector. */
  rows: Float32Array;
  queries: Float32Array[];
  /** [minScore, gap] pairs to search with. */
  cuts: Array<[number, number]>;
}

export interface KernelReply {
  webAssembly: boolean;
  kernels: { auto: string; js: string };
  /** Per query and cut: what each index found. */
  found: Array<{ auto: Found; js: Found }>;
}

interface Found {
  indices: number[];
  scores: number[];
  best: number | null;
}

self.onmessage = (e: MessageEvent<KernelRequest>) => {
  const { dim, rows, queries, cuts } = e.data;
  const vectors = Array.from({ length: rows.length / dim }, (_, i) => {
    const v = rows.subarray(i * dim, (i + 1) * dim);
    return Number.isNaN(v[0]) ? undefined : v;
  });
  const auto = new SemanticIndex('test', vectors);
  const js = new SemanticIndex('test', vectors, { simd: false });
  const found: KernelReply['found'] = [];
  const of = (r: { indices: Uint32Array; scores: Float64Array; best: number | null }): Found => ({ indices: [...r.indices], scores: [...r.scores], best: r.best });
  for (const q of queries) for (const [min, gap] of cuts) found.push({ auto: of(auto.closestIndices(q, min, gap)), js: of(js.closestIndices(q, min, gap)) });
  const reply: KernelReply = { webAssembly: typeof WebAssembly !== 'undefined', kernels: { auto: auto.kernel, js: js.kernel }, found };
  self.postMessage(reply);
};
