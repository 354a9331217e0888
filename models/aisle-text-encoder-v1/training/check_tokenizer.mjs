// Token-id parity between the Python WordPiece used in training (wordpiece.py) and Transformers.js, on every text
// build.py wrote to the samples file (training, held-out and out-of-domain texts).
//   node check_tokenizer.mjs <models dir> <model id> <samples.json>
import { AutoTokenizer, env } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [modelsDir, modelId, samplesPath] = process.argv.slice(2);
if (!modelsDir || !modelId || !samplesPath) {
  console.error('usage: node check_tokenizer.mjs <models dir> <model id> <samples.json>');
  process.exit(2);
}
env.allowRemoteModels = false;
env.localModelPath = resolve(modelsDir) + '/';
const tokenizer = await AutoTokenizer.from_pretrained(modelId);
const samples = JSON.parse(readFileSync(samplesPath, 'utf8'));
let bad = 0;
for (const { text, ids } of samples) {
  const got = Array.from(tokenizer(text, { truncation: true }).input_ids.data, Number);
  if (got.join(',') !== ids.join(',')) {
    if (bad++ < 5) console.error('token ids differ:', JSON.stringify(text.slice(0, 80)), got.slice(0, 20), ids.slice(0, 20));
  }
}
console.log(`tokenizer parity: ${samples.length - bad}/${samples.length} texts give identical ids`);
process.exit(bad ? 1 : 0);
