/**
 * Checks the bundled sentence encoder (models/aisle-text-encoder-v1) in Node through Transformers.js, local files only:
 *  1. its embeddings match the PyTorch model's on the reference sentences in training/reference.json (max abs diff),
 *     and the tokenizer gives the same ids as the Python tokenizer that trained it;
 *  2. the held-out triplets score as they did in PyTorch;
 *  3. throughput (texts per second) on 64 held-out product texts, at batch sizes 1, 8 and 32, for Transformers.js's
 *     Node backend (onnxruntime-node, CPU) and for the browser's backend (onnxruntime-web, wasm, one thread) run in
 *     Node on the same graph with the same tokenizer, side by side in one run.
 *
 *   npx tsx scripts/models/check-encoder.ts [--models-dir models] [--model aisle-text-encoder-v1] [--rounds 3]
 *
 * Exits 1 when an embedding differs from PyTorch by more than 1e-4 or a token id differs.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import * as ortWeb from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Triplet {
  query: string;
  positive: string;
  negative: string;
  kind: string;
  noSharedWord: boolean;
  positiveScore: number;
  negativeScore: number;
}
interface Reference {
  model: string;
  dim: number;
  sentences: string[];
  tokenIds: number[][];
  embeddings: number[][];
  triplets: Triplet[];
  tripletAccuracy: number;
  benchTexts: string[];
}

const TOLERANCE = 1e-4;

const { values } = parseArgs({
  options: {
    'models-dir': { type: 'string', default: 'models' },
    model: { type: 'string', default: 'aisle-text-encoder-v1' },
    rounds: { type: 'string', default: '3' },
  },
});
const modelsDir = resolve(values['models-dir'] ?? 'models');
const modelId = values.model ?? 'aisle-text-encoder-v1';
const rounds = Number(values.rounds);

env.allowRemoteModels = false;
env.localModelPath = modelsDir + '/';

const ref = JSON.parse(readFileSync(resolve(modelsDir, modelId, 'training/reference.json'), 'utf8')) as Reference;

const t0 = performance.now();
const extractor: FeatureExtractionPipeline = await pipeline('feature-extraction', modelId, { dtype: 'fp32' });
console.log(`loaded ${modelId} from ${modelsDir} in ${(performance.now() - t0).toFixed(0)} ms`);

async function embed(texts: string[]): Promise<number[][]> {
  const out = await extractor(texts, { pooling: 'mean', normalize: true });
  const rows = out.tolist() as number[][];
  out.dispose();
  return rows;
}

// 1. token ids and embeddings against PyTorch
let tokenMismatches = 0;
ref.sentences.forEach((s, i) => {
  const ids = Array.from(extractor.tokenizer(s, { truncation: true }).input_ids.data as BigInt64Array, Number);
  if (ids.join(',') !== ref.tokenIds[i]!.join(',')) {
    tokenMismatches++;
    console.error(`token ids differ for ${JSON.stringify(s.slice(0, 60))}`);
  }
});
let maxDiff = 0;
for (let i = 0; i < ref.sentences.length; i++) {
  // one at a time, like the reference (no padding), and then all together (padded batch)
  const [single] = await embed([ref.sentences[i]!]);
  for (let k = 0; k < ref.dim; k++) maxDiff = Math.max(maxDiff, Math.abs(single![k]! - ref.embeddings[i]![k]!));
}
const batch = await embed(ref.sentences);
let maxDiffBatch = 0;
batch.forEach((row, i) => {
  if (row.length !== ref.dim) throw new Error(`dimension ${row.length}, expected ${ref.dim}`);
  for (let k = 0; k < ref.dim; k++) maxDiffBatch = Math.max(maxDiffBatch, Math.abs(row[k]! - ref.embeddings[i]![k]!));
});
console.log(`reference sentences: ${ref.sentences.length}, dimension ${ref.dim}, token id mismatches ${tokenMismatches}`);
console.log(`max |transformers.js - pytorch|: ${maxDiff.toExponential(2)} one at a time, ${maxDiffBatch.toExponential(2)} in a padded batch`);

// 2. held-out triplets
const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k]!, 0);
const q = await embed(ref.triplets.map((t) => t.query));
const p = await embed(ref.triplets.map((t) => t.positive));
const n = await embed(ref.triplets.map((t) => t.negative));
let correct = 0;
let correctNoShared = 0;
let noShared = 0;
let scoreDiff = 0;
ref.triplets.forEach((t, i) => {
  const sp = dot(q[i]!, p[i]!);
  const sn = dot(q[i]!, n[i]!);
  scoreDiff = Math.max(scoreDiff, Math.abs(sp - t.positiveScore), Math.abs(sn - t.negativeScore));
  if (sp > sn) correct++;
  if (t.noSharedWord) {
    noShared++;
    if (sp > sn) correctNoShared++;
  }
});
console.log(
  `held-out triplets: ${correct}/${ref.triplets.length} ranked the matching product higher ` +
    `(${correctNoShared}/${noShared} where the query shares no word with the title); PyTorch: ` +
    `${(ref.tripletAccuracy * 100).toFixed(1)}%, max score difference ${scoreDiff.toExponential(2)}`,
);

// 3. the browser's backend: onnxruntime-web (wasm) on the same graph, Transformers.js tokenizer, mean pooling here
ortWeb.env.wasm.numThreads = 1;
const session = await ortWeb.InferenceSession.create(readFileSync(resolve(modelsDir, modelId, 'onnx/model.onnx')), {
  executionProviders: ['wasm'],
});
async function embedWasm(texts: string[]): Promise<number[][]> {
  const enc = extractor.tokenizer(texts, { padding: true, truncation: true });
  const ids = enc.input_ids;
  const dims = ids.dims as number[];
  const mask = enc.attention_mask.data as BigInt64Array;
  const toOrt = (data: BigInt64Array) => new ortWeb.Tensor('int64', data, dims);
  const out = await session.run({
    input_ids: toOrt(ids.data as BigInt64Array),
    attention_mask: toOrt(mask),
    token_type_ids: toOrt(new BigInt64Array(mask.length)),
  });
  const hidden = out.last_hidden_state!.data as Float32Array;
  const [batchSize, seq] = [dims[0]!, dims[1]!];
  const dim = hidden.length / (batchSize * seq);
  const rows: number[][] = [];
  for (let b = 0; b < batchSize; b++) {
    const v = new Array<number>(dim).fill(0);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (mask[b * seq + t] === 0n) continue;
      count++;
      for (let k = 0; k < dim; k++) v[k]! += hidden[(b * seq + t) * dim + k]!;
    }
    const norm = Math.hypot(...v.map((x) => x / count));
    rows.push(v.map((x) => x / count / norm));
  }
  return rows;
}
let maxDiffWasm = 0;
(await embedWasm(ref.sentences)).forEach((row, i) => {
  for (let k = 0; k < ref.dim; k++) maxDiffWasm = Math.max(maxDiffWasm, Math.abs(row[k]! - ref.embeddings[i]![k]!));
});
console.log(`max |onnxruntime-web wasm - pytorch|: ${maxDiffWasm.toExponential(2)} in a padded batch`);

// 4. throughput, both backends in this one run
const backends: [string, (texts: string[]) => Promise<number[][]>][] = [
  ['transformers.js node (onnxruntime-node cpu)', embed],
  ['onnxruntime-web wasm, 1 thread (in node)', embedWasm],
];
for (const [name, fn] of backends) {
  for (const bs of [1, 8, 32]) {
    await fn(ref.benchTexts.slice(0, bs)); // warm-up
    const start = performance.now();
    let count = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < ref.benchTexts.length; i += bs) {
        const chunk = ref.benchTexts.slice(i, i + bs);
        await fn(chunk);
        count += chunk.length;
      }
    }
    const secs = (performance.now() - start) / 1000;
    console.log(`throughput ${name}, batch ${bs}: ${(count / secs).toFixed(1)} texts/s over ${count} product texts`);
  }
}
await session.release();
await extractor.dispose();

if (tokenMismatches > 0 || Math.max(maxDiff, maxDiffBatch, maxDiffWasm) > TOLERANCE) {
  console.error(`FAIL: embeddings differ from PyTorch by more than ${TOLERANCE} or token ids differ`);
  process.exit(1);
}
console.log('OK');
