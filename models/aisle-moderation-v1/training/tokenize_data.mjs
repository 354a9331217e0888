#!/usr/bin/env node
/**
 * Step 2 of build.py. Builds the reduced WordPiece vocabulary and tokenises every split with the SAME code the app
 * runs: each text goes through the app's own normaliser (`normaliseForClassifier`, workers/language/moderation/
 * classifier.ts, which calls normalise.ts) and then through Transformers.js's tokenizer, so training and runtime
 * token ids cannot drift apart. Run with tsx (it imports TypeScript):
 *
 *   npx tsx models/aisle-moderation-v1/training/tokenize_data.mjs [--exclude SOURCE] [--out DIR]
 *
 * 1. Normalises and tokenises the TRAINING texts with the all-MiniLM-L6-v2 uncased WordPiece tokenizer
 *    (Apache-2.0, 30,522 entries).
 * 2. Keeps the special tokens, every single character and its "##" continuation from that vocabulary (so no Latin
 *    word ever becomes [UNK]: WordPiece falls back to shorter pieces), the CJK characters of the training texts
 *    (BERT's tokenizer reads Chinese one character at a time; the base vocabulary has only 244 of them), and the most
 *    frequent pieces, up to VOCAB_SIZE.
 * 3. Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into the model folder (or DIR).
 * 4. Loads that folder back with AutoTokenizer and writes {train,val,test}.ids.json beside the data in the work folder (.tmp/aisle-moderation-v1/data, or DIR):
 *    token ids, truncated to MAX_LENGTH including [CLS]/[SEP].
 *
 * --exclude SOURCE leaves that source's texts out of the vocabulary and the ids (leave-one-source-out runs:
 * nothing of the held-out source shapes the model); its rows get ids in a separate heldout.ids.json.
 *
 * --keep-vocab skips steps 1-3: the model folder's tokenizer is kept as it is and only the ids are written (for
 * finetune.py, which trains the released weights further and so must read the vocabulary they were trained on).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { normaliseForClassifier } from '../../../workers/language/moderation/classifier.ts';

const { values } = parseArgs({ options: { exclude: { type: 'string' }, out: { type: 'string' }, 'keep-vocab': { type: 'boolean', default: false } } });
const VOCAB_SIZE = Number(process.env.AISLE_VOCAB_SIZE ?? 12000);
/** At most this many CJK characters (those seen at least twice in training, most frequent first). */
const MAX_CJK = Number(process.env.AISLE_MAX_CJK ?? 3500);
const MAX_LENGTH = 128;
const here = dirname(fileURLToPath(import.meta.url));
const modelDir = resolve(here, '..');
const dataDir = join(resolve(process.env.AISLE_WORK_DIR ?? join(modelDir, '..', '..', '.tmp', 'aisle-moderation-v1')), 'data');
const outDir = values.out ? resolve(values.out) : modelDir;
const idsDir = values.out ? outDir : dataDir;
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

const splits = Object.fromEntries(['train', 'val', 'test'].map((s) => [s, readJsonl(s)]));
const heldout = values.exclude ? [...splits.train, ...splits.val, ...splits.test].filter((r) => r.source === values.exclude) : [];
if (values.exclude) {
  if (heldout.length === 0) throw new Error(`--exclude ${values.exclude}: no rows of that source`);
  for (const s of Object.keys(splits)) splits[s] = splits[s].filter((r) => r.source !== values.exclude);
}
for (const rows of [...Object.values(splits), heldout]) for (const r of rows) r.norm = normaliseForClassifier(r.text);

if (!values['keep-vocab']) {
env.localModelPath = sharedData + '/';
const base = await AutoTokenizer.from_pretrained(baseName);
const baseJson = JSON.parse(readFileSync(join(sharedData, baseName, 'tokenizer.json'), 'utf8'));
const baseVocab = baseJson.model.vocab; // token -> id

const CJK = /[\p{Script=Han}\u3005\u3007]/u;
const counts = new Map();
const cjk = new Map();
for (const row of splits.train) {
  for (const t of base.tokenize(row.norm)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const ch of row.norm) if (CJK.test(ch)) cjk.set(ch, (cjk.get(ch) ?? 0) + 1);
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
const byCount = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
const cjkKept = [...cjk.entries()].filter(([, n]) => n >= 2).sort(byCount).slice(0, MAX_CJK);
for (const [ch] of cjkKept) add(ch);
const frequent = [...counts.entries()].filter(([t]) => t !== '[UNK]').sort(byCount);
for (const [t] of frequent) {
  if (keep.length >= VOCAB_SIZE) break;
  add(t);
}
const vocab = Object.fromEntries(keep.map((t, i) => [t, i]));
const cjkTotal = [...cjk.values()].reduce((a, b) => a + b, 0);
const cjkCovered = cjkKept.reduce((a, [, n]) => a + n, 0);
console.log(
  `vocabulary: ${keep.length} tokens (${counts.size} distinct pieces in the training texts; ${cjkKept.length} CJK characters ` +
    `covering ${((100 * cjkCovered) / Math.max(1, cjkTotal)).toFixed(2)}% of CJK characters in training)`,
);

mkdirSync(outDir, { recursive: true });
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
writeFileSync(join(outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
writeFileSync(
  join(outDir, 'tokenizer_config.json'),
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
  join(outDir, 'special_tokens_map.json'),
  JSON.stringify({ cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' }, null, 2) + '\n',
);

}

env.localModelPath = resolve(outDir, '..') + '/';
const reduced = await AutoTokenizer.from_pretrained(basename(outDir));
const vocab = JSON.parse(readFileSync(join(outDir, 'tokenizer.json'), 'utf8')).model.vocab;
const outputs = { ...splits, ...(values.exclude ? { heldout } : {}) };
for (const [split, rows] of Object.entries(outputs)) {
  let unk = 0;
  let total = 0;
  let truncated = 0;
  const ids = rows.map((r) => {
    const full = reduced.encode(r.norm);
    if (full.length > MAX_LENGTH) truncated++;
    const out = full.length > MAX_LENGTH ? [...full.slice(0, MAX_LENGTH - 1), vocab['[SEP]']] : full;
    total += out.length;
    unk += out.filter((x) => x === vocab['[UNK]']).length;
    return out;
  });
  writeFileSync(join(idsDir, `${split}.ids.json`), JSON.stringify(ids));
  if (values.exclude) writeFileSync(join(idsDir, `${split}.rows.json`), JSON.stringify(rows.map(({ norm, ...r }) => r)));
  console.log(
    `${split}: ${rows.length} texts, ${(total / Math.max(1, rows.length)).toFixed(1)} tokens on average, ` +
      `${((100 * unk) / Math.max(1, total)).toFixed(2)}% [UNK], ${truncated} truncated`,
  );
}
