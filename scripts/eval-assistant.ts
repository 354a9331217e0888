/**
 * npm run eval:assistant -- --data FILE.jsonl [--json] [--catalog CATALOG.json] [--faq FAQ.json|FAQ.md]
 *
 * Each line of FILE is {"text": "...", "expect": {...}}; expect holds any of intent, category, brand, color,
 * price_min, price_max, sort, faq. Prints the share of requests fully understood, per-key accuracy and the failures
 * (--json: {"accuracy", "n", "per_key"}). The catalog defaults to the demo's (public/catalog/demo.json); policy
 * questions are answered from ../shared/data/ecommerce-faq (evaluation only: its licence is unknown, so the app ships
 * the shop's own public/catalog/policies.md instead) unless --faq names another file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseLabelled } from '../workers/assistant/evaluate.ts';
import { parsePolicies, PolicyIndex } from '../workers/assistant/policies.ts';
import { buildTerms } from '../workers/assistant/terms.ts';
import { Understander } from '../workers/assistant/understand.ts';
import type { IntentModelFile } from '../workers/assistant/intent-model.ts';
import { bundledLexicon } from '../workers/search/bundled-lexicon.ts';
import { SearchEngine } from '../workers/search/engine.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const data = opt('--data');
if (!data) {
  console.error('Usage: npm run eval:assistant -- --data FILE.jsonl [--json] [--catalog CATALOG.json] [--faq FAQ.json|FAQ.md]');
  process.exit(2);
}
const catalogPath = opt('--catalog') ?? join(root, 'public/catalog/demo.json');
const faqPath = opt('--faq') ?? join(root, '../shared/data/ecommerce-faq/Ecommerce_FAQ_Chatbot_dataset.json');

const products = JSON.parse(readFileSync(catalogPath, 'utf8')).products;
const engine = new SearchEngine(products, bundledLexicon());
const terms = buildTerms(products, bundledLexicon(), engine.lexicon);
const model = JSON.parse(readFileSync(join(root, 'models/aisle-assistant-intent-v1/model.json'), 'utf8')) as IntentModelFile;
const understander = new Understander(terms, model);
const policies = existsSync(faqPath)
  ? new PolicyIndex(parsePolicies({ name: basename(faqPath), format: faqPath.endsWith('.json') ? 'json' : 'markdown', text: readFileSync(faqPath, 'utf8') }))
  : null;
const rows = parseLabelled(readFileSync(data, 'utf8'), data);
if (!policies && rows.some((r) => r.expect.faq)) console.error(`No FAQ file at ${faqPath}: policy questions will fail. Pass --faq FILE.`);

const t0 = performance.now();
const report = evaluate(rows, understander, policies);
const ms = performance.now() - t0;
if (args.includes('--json')) {
  console.log(JSON.stringify({ accuracy: report.accuracy, n: report.n, per_key: Object.fromEntries(Object.entries(report.per_key).map(([k, v]) => [k, v.accuracy])) }));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`${basename(data)}: ${pct(report.accuracy)} of ${report.n} requests fully understood (${(ms / Math.max(1, report.n)).toFixed(2)} ms each)`);
  for (const [k, v] of Object.entries(report.per_key)) console.log(`  ${k.padEnd(10)} ${pct(v.accuracy).padStart(6)}  (n=${v.n})`);
  if (report.failures.length) {
    console.log(`failures (${report.failures.length}):`);
    for (const f of report.failures) console.log(`  ${JSON.stringify(f.text)}  ${f.key}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.got)}`);
  }
}
