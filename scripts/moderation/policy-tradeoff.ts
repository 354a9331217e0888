/**
 * The trade-off of combining the learned heads, measured through the app's engine (model and rules) at its default
 * thresholds: how many genuine hotel reviews are flagged (OTT truthful, evaluation only: false alarms on text like
 * shoppers write) against the detection of toxic text on each source's held-out test rows (recall, precision, F1 of
 * "anything toxic or hateful flagged"; Stormfront against its hate label).
 *
 *   npx tsx scripts/moderation/policy-tradeoff.ts [--per-source 600]
 *
 * Needs the held-out CSVs of prepare_data.py in .tmp/aisle-moderation-v1/data/heldout/. Policies:
 * - current: the engine's decision for toxic or hate;
 * - hate needs toxic: a hate flag counts only when toxic is flagged too (the hate head fires on place and group words);
 * - hate needs toxic, model needs rule below block: as above, and a learned flag that rests on the classifier alone
 *   (no rule finding in that category) counts only at the block threshold or above, or when toxic and hate agree.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/shared/catalog/csv.ts';
import { nodeClassifierLoader } from './node-classifier.ts';
import { moderateTexts } from '../../workers/language/moderation/moderate.ts';
import { resolveModerationConfig } from '../../workers/language/moderation/config.ts';
import type { ModerationResult } from '../../src/shared/moderation.ts';

const perSource = Number(process.argv[process.argv.indexOf('--per-source') + 1]) || 600;
const H = '.tmp/aisle-moderation-v1/data/heldout';
const SETS: Array<[file: string, text: string, label: string, positive: string[]]> = [
  ['davidson-test.csv', 'tweet', 'class', ['0', '1']],
  ['hatexplain-test.csv', 'text', 'label', ['offensive', 'hatespeech']],
  ['civil-test.csv', 'text', 'label', ['insult', 'identity_attack', 'threat', 'profane_obscene', 'other_toxicity']],
  ['stormfront-test.csv', 'text', 'label', ['hate']],
  ['convabuse-test.csv', 'text', 'label', ['1']],
  ['wikitalk-test.csv', 'text', 'label', ['1']],
  ['cold-test.csv', 'text', 'label', ['1']],
  ['swsr-test.csv', 'text', 'label', ['1']],
];
const config = resolveModerationConfig();
const classifier = nodeClassifierLoader();

function rows(path: string, text: string, label: string, cap = perSource): Array<{ text: string; label: string }> {
  const [head, ...records] = parseCsv(readFileSync(path, 'utf8')).records;
  const ti = head!.fields.indexOf(text);
  const li = head!.fields.indexOf(label);
  const all = records.map((r) => ({ text: r.fields[ti] ?? '', label: r.fields[li] ?? '' })).filter((r) => r.text.trim() && r.text.length <= config.maxChars);
  const step = Math.max(1, Math.floor(all.length / cap));
  return all.filter((_, i) => i % step === 0).slice(0, cap);
}

type Policy = (r: ModerationResult) => boolean;
const cat = (r: ModerationResult, c: string) => r.categories.find((x) => x.category === c);
const flagged = (r: ModerationResult, c: string) => (cat(r, c)?.decision ?? 'allow') !== 'allow';
const POLICIES: Record<string, Policy> = {
  current: (r) => flagged(r, 'toxic') || flagged(r, 'hate'),
  'hate needs toxic': (r) => flagged(r, 'toxic'),
  'hate needs toxic + model-only needs block or agreement': (r) => {
    const t = cat(r, 'toxic');
    if (!t || t.decision === 'allow') return false;
    if (t.decision === 'block') return true;
    const ruled = t.spans.some((s) => s.kind !== 'toxic');
    const agree = (cat(r, 'hate')?.score ?? 0) >= config.thresholds.hate.flag;
    return ruled || agree;
  },
};

const table: string[] = [];
const ott = rows('../shared/data/ott-deceptive-opinion-spam/deceptive-opinion.csv', 'text', 'deceptive', Infinity).filter((r) => r.label === 'truthful').map((r) => r.text);
const ottResults = await moderateTexts(ott, { classifier });
const line = ['policy', 'OTT truthful flagged', ...SETS.map(([f]) => f.replace('-test.csv', '') + ' F1 (R)')];
table.push(`| ${line.join(' | ')} |`, `|${line.map(() => '---').join('|')}|`);
const perSet: Array<{ labels: boolean[]; results: ModerationResult[] }> = [];
for (const [file, text, label, positive] of SETS) {
  const rs = rows(`${H}/${file}`, text, label);
  perSet.push({ labels: rs.map((r) => positive.includes(r.label)), results: await moderateTexts(rs.map((r) => r.text), { classifier }) });
}
for (const [name, p] of Object.entries(POLICIES)) {
  const fp = ottResults.filter(p).length;
  const cells = [name, `${fp}/${ott.length} (${((100 * fp) / ott.length).toFixed(1)}%)`];
  for (const { labels, results } of perSet) {
    let tp = 0, fpn = 0, fn = 0;
    results.forEach((r, i) => {
      const y = p(r);
      if (y && labels[i]) tp++;
      else if (y) fpn++;
      else if (labels[i]) fn++;
    });
    const prec = tp / Math.max(1, tp + fpn), rec = tp / Math.max(1, tp + fn);
    cells.push(`${((2 * prec * rec) / Math.max(1e-9, prec + rec)).toFixed(3)} (${rec.toFixed(2)})`);
  }
  table.push(`| ${cells.join(' | ')} |`);
}
console.log(`${perSource} rows per source (every k-th held-out test row), the 800 OTT truthful reviews`);
console.log(table.join('\n'));
