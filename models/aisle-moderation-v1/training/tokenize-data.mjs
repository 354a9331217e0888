#!/usr/bin/env node
/**
 * Step 2 of rebuild.sh. Builds the reduced WordPiece vocabulary and tokenises every split with the SAME tokenizer
 * code the app runs (Transformers.js), so training and runtime token ids cannot drift apart.
 *
 * 1. Tokenises the TRAINING texts with the all-MiniLM-L6-v2 uncased WordPiece tokenizer (Apache-2.0, 30,522 entries).
 * 2. Keeps the special tokens, every single character and its "##" continuation (so no Latin word ever becomes [UNK]:
 *    WordPiece falls back to shorter pieces), and the most frequent pieces up to VOCAB_SIZE.
 * 3. Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into the model folder.
 * 4. Loads that folder back with AutoTokenizer and writes data/{train,val,test}.ids.json (token ids, truncated to
 *    MAX_LENGTH including [CLS]/[SEP]).
 *
 *   node models/aisle-moderation-v1/training/tokenize-data.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';

const VOCAB_SIZE = Number(process.env.AISLE_VOCAB_SIZE ?? 8000);
const MAX_LENGTH = 128;
const here = dirname(fileURLToPath(import.meta.url));
const modelDir = resolve(here, '..');
const dataDir = join(here, 'data');
const sharedData = resolve(process.env.AISLE_SHARED_DATA ?? join(modelDir, '..', '..', '..', 'shared', 'data'));
const baseName = 'all-MiniLM-L6-v2-tokenizer-only';

env.allowRemoteModels = false;
env.useBrowserCache = false;
env.useFSCache = false;

const readJsonl = (name) =>
  readFileSync(join(dataDir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

env.localModelPath = sharedData + '/';
const base = await AutoTokenizer.from_pretrained(baseName);
const baseJson = JSON.parse(readFileSync(join(sharedData, baseName, 'tokenizer.json'), 'utf8'));
const baseVocab = baseJson.model.vocab; // token -> id

const train = readJsonl('train');
const counts = new Map();
for (const row of train) {
  for (const t of base.tokenize(row.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
}

const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const keep = [...specials];
const seen = new Set(keep);
const add = (t) => {
  if (!seen.has(t)) {
    seen.add(t);
    keep.push(t);
  }
};
const byBaseId = Object.entries(baseVocab).sort((a, b) => a[1] - b[1]).map(([t]) => t);
for (const t of byBaseId) if ([...t].length === 1) add(t);
for (const t of byBaseId) if (t.startsWith('##') && [...t].length === 3) add(t);
const frequent = [...counts.entries()].filter(([t]) => t !== '[UNK]').sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
for (const [t] of frequent) {
  if (keep.length >= VOCAB_SIZE) break;
  add(t);
}
const vocab = Object.fromEntries(keep.map((t, i) => [t, i]));
console.log(`vocabulary: ${keep.length} tokens (${counts.size} distinct pieces in the training texts)`);

const tokenizerJson = {
  ...baseJson,
  truncation: null,
  padding: null,
  added_tokens: baseJson.added_tokens.map((a) => ({ ...a, id: vocab[a.content] })),
  post_processor: {
    ...baseJson.post_processor,
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
    },
  },
  model: { ...baseJson.model, vocab },
};
writeFileSync(join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
writeFileSync(
  join(modelDir, 'tokenizer_config.json'),
  JSON.stringify(
    {
      clean_up_tokenization_spaces: true,
      cls_token: '[CLS]',
      do_basic_tokenize: true,
      do_lower_case: true,
      mask_token: '[MASK]',
      model_max_length: MAX_LENGTH,
      never_split: null,
      pad_token: '[PAD]',
      sep_token: '[SEP]',
      strip_accents: null,
      tokenize_chinese_chars: true,
      tokenizer_class: 'BertTokenizer',
      unk_token: '[UNK]',
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(modelDir, 'special_tokens_map.json'),
  JSON.stringify(
    { cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' },
    null,
    2,
  ) + '\n',
);

env.localModelPath = resolve(modelDir, '..') + '/';
const reduced = await AutoTokenizer.from_pretrained('aisle-moderation-v1');
for (const split of ['train', 'val', 'test']) {
  const rows = split === 'train' ? train : readJsonl(split);
  let unk = 0;
  let total = 0;
  let truncated = 0;
  const ids = rows.map((r) => {
    const full = reduced.encode(r.text);
    if (full.length > MAX_LENGTH) truncated++;
    const out = full.length > MAX_LENGTH ? [...full.slice(0, MAX_LENGTH - 1), vocab['[SEP]']] : full;
    total += out.length;
    unk += out.filter((x) => x === vocab['[UNK]']).length;
    return out;
  });
  writeFileSync(join(dataDir, `${split}.ids.json`), JSON.stringify(ids));
  console.log(
    `${split}: ${rows.length} texts, ${(total / rows.length).toFixed(1)} tokens on average, ` +
      `${((100 * unk) / total).toFixed(2)}% [UNK], ${truncated} truncated`,
  );
}
