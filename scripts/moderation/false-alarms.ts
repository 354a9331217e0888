/**
 * False alarms on ordinary text against detection, through the app's engine (rules and model), for one or more
 * model folders side by side (each at the thresholds in its own config.json):
 * - the project's suites (tests/fixtures/moderation): evasions caught and ordinary texts flagged, per part (dev,
 *   holdout, fresh, fresh3);
 * - genuine hotel reviews (OTT truthful, 800; CC BY-NC-SA, evaluation only) and Amazon appliance questions and
 *   answers (research use, evaluation only): the share flagged, per category;
 * - the held-out test rows of every training source (every k-th, --per-source of them): F1 and recall of "toxic or
 *   hate flagged" against the source's toxic label (Stormfront: hate), spam F1 on SMS, flags on Flipkart listings.
 *
 *   npx tsx scripts/moderation/false-alarms.ts [--models DIR[,DIR...]] [--per-source 400] [--qa 1500]
 *
 * DIR holds an aisle-moderation-v1 folder (default: the repository's models/). Needs the held-out CSVs of
 * prepare_data.py in .tmp/aisle-moderation-v1/data/heldout/ and the shared data (AISLE_SHARED_DATA, default
 * ../shared/data); a set that is missing is skipped and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LEARNED_CATEGORIES, type ModerationConfigInput, type ModerationResult } from '../../src/shared/moderation.ts';
import { moderateTexts } from '../../workers/language/moderation/moderate.ts';
import { MODERATION_MODEL_ID } from '../../workers/language/moderation/constants.ts';
import { nodeClassifierLoader, repoModelsPath } from './node-classifier.ts';
import { amazonQa, csvRows, HELDOUT_DIR, SHARED_DATA, suite } from './sets.ts';
import { binaryMetrics, countBinary } from './metrics.ts';

const { values } = parseArgs({
  options: { models: { type: 'string' }, 'per-source': { type: 'string', default: '400' }, qa: { type: 'string', default: '1500' } },
});
const modelDirs = (values.models ?? repoModelsPath()).split(',');
const perSource = Number(values['per-source']);
const qaCap = Number(values.qa);

const SOURCES: Array<[name: string, text: string, label: string, positive: string[], measure: 'toxic-or-hate' | 'spam']> = [
  ['sms', 'text', 'label', ['spam'], 'spam'],
  ['davidson', 'tweet', 'class', ['0', '1'], 'toxic-or-hate'],
  ['hatexplain', 'text', 'label', ['offensive', 'hatespeech'], 'toxic-or-hate'],
  ['civil', 'text', 'label', ['insult', 'identity_attack', 'threat', 'profane_obscene', 'other_toxicity'], 'toxic-or-hate'],
  ['stormfront', 'text', 'label', ['hate'], 'toxic-or-hate'],
  ['convabuse', 'text', 'label', ['1'], 'toxic-or-hate'],
  ['wikitalk', 'text', 'label', ['1'], 'toxic-or-hate'],
  ['cold', 'text', 'label', ['1'], 'toxic-or-hate'],
  ['swsr', 'text', 'label', ['1'], 'toxic-or-hate'],
];

const flaggedIn = (r: ModerationResult, c: string) => (r.categories.find((x) => x.category === c)?.decision ?? 'allow') !== 'allow';
const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / Math.max(1, d)).toFixed(1)}%)`;

interface Row {
  name: string;
  cells: string[];
}
const rows: Row[] = [];
function put(name: string, column: number, cell: string) {
  let row = rows.find((r) => r.name === name);
  if (!row) rows.push((row = { name, cells: [] }));
  row.cells[column] = cell;
}

const evasions = [...suite('evasions.jsonl'), ...suite('fresh-evasions.jsonl'), ...suite('fresh3-evasions.jsonl')];
const ordinary = [...suite('ordinary.jsonl'), ...suite('fresh-ordinary.jsonl'), ...suite('fresh3-ordinary.jsonl')];
const ottPath = `${SHARED_DATA}/ott-deceptive-opinion-spam/deceptive-opinion.csv`;
const ott = existsSync(ottPath) ? csvRows(ottPath, 'text', 'deceptive').filter((r) => r.label === 'truthful').map((r) => r.text) : [];
const qa = amazonQa(qaCap);
const skipped: string[] = [];
if (ott.length === 0) skipped.push(`OTT (${ottPath})`);
if (qa.length === 0) skipped.push('Amazon Q&A');

for (const [column, dir] of modelDirs.entries()) {
  const started = performance.now();
  const hf = JSON.parse(readFileSync(join(dir, MODERATION_MODEL_ID, 'config.json'), 'utf8')) as { aisle_thresholds: Record<string, { flag: number; block: number }> };
  const config: ModerationConfigInput = { thresholds: Object.fromEntries(LEARNED_CATEGORIES.map((c) => [c, hf.aisle_thresholds[c]!])) };
  const classifier = nodeClassifierLoader({ modelsPath: dir });
  const check = (texts: string[]) => moderateTexts(texts, { classifier, config });
  put('thresholds (toxic, hate, spam: flag/block)', column, LEARNED_CATEGORIES.map((c) => `${hf.aisle_thresholds[c]!.flag}/${hf.aisle_thresholds[c]!.block}`).join(', '));

  const ev = await check(evasions.map((r) => r.text));
  const od = await check(ordinary.map((r) => r.text));
  for (const part of ['dev', 'holdout', 'fresh', 'fresh3']) {
    const e = evasions.map((r, i) => [r, ev[i]!] as const).filter(([r]) => r.part === part);
    const o = ordinary.map((r, i) => [r, od[i]!] as const).filter(([r]) => r.part === part);
    put(`suite ${part}: evasions caught`, column, pct(e.filter(([, x]) => x.decision !== 'allow').length, e.length));
    put(`suite ${part}: ordinary flagged`, column, pct(o.filter(([, x]) => x.decision !== 'allow').length, o.length));
  }
  for (const [name, texts] of [['OTT truthful', ott], ['Amazon Q&A', qa]] as const) {
    if (texts.length === 0) continue;
    const res = await check([...texts]);
    put(`${name}: flagged (any)`, column, pct(res.filter((r) => r.decision !== 'allow').length, texts.length));
    put(`${name}: blocked`, column, pct(res.filter((r) => r.decision === 'block').length, texts.length));
    for (const c of ['toxic', 'hate', 'spam', 'links', 'personal-data']) put(`${name}: ${c}`, column, String(res.filter((r) => flaggedIn(r, c)).length));
  }
  for (const [name, text, label, positive, measure] of SOURCES) {
    const path = `${HELDOUT_DIR}/${name}-test.csv`;
    if (!existsSync(path)) {
      if (column === 0) skipped.push(path);
      continue;
    }
    const rs = csvRows(path, text, label, perSource);
    const res = await check(rs.map((r) => r.text));
    const predicted = res.map((r) => (measure === 'spam' ? flaggedIn(r, 'spam') : flaggedIn(r, 'toxic') || flaggedIn(r, 'hate')));
    const m = binaryMetrics(countBinary(rs.map((r) => positive.includes(r.label)), predicted));
    put(`${name} (${measure}, ${rs.length} held-out rows): F1 (recall)`, column, `${m.f1.toFixed(3)} (${m.recall.toFixed(2)})`);
  }
  const flipkart = `${HELDOUT_DIR}/flipkart-test.csv`;
  if (existsSync(flipkart)) {
    const rs = csvRows(flipkart, 'text', 'label');
    const res = await check(rs.map((r) => r.text));
    put('flipkart listings (held-out rows): toxic or hate flagged', column, pct(res.filter((r) => flaggedIn(r, 'toxic') || flaggedIn(r, 'hate')).length, rs.length));
  }
  put('time (s)', column, ((performance.now() - started) / 1000).toFixed(0));
}

console.log(`| measure | ${modelDirs.join(' | ')} |`);
console.log(`|---|${modelDirs.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.name} | ${modelDirs.map((_, i) => r.cells[i] ?? '-').join(' | ')} |`);
if (skipped.length) console.log(`skipped (missing): ${skipped.join(', ')}`);
