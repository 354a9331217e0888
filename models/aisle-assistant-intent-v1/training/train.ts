/**
 * Trains the assistant's intent model on requests generated from the demo catalog (generate.ts) and writes
 * models/aisle-assistant-intent-v1/model.json. The test requests (tests/fixtures/assistant/*.jsonl) are never read
 * here. Run: npx tsx models/aisle-assistant-intent-v1/training/train.ts [--catalog public/catalog/demo.json] [--policies
 * public/catalog/policies.md]; AQ_BITS, AQ_GRAMMAR, AQ_PER_TEMPLATE, AQ_EPOCHS override the defaults (14, 700, 14, 10)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledLexicon } from '../../../workers/search/bundled-lexicon.ts';
import { trainIntentModel, IntentModel } from '../../../workers/assistant/intent-model.ts';
import { extractSlots } from '../../../workers/assistant/slots.ts';
import { buildTerms } from '../../../workers/assistant/terms.ts';
import { parsePolicies } from '../../../workers/assistant/policies.ts';
import { generate, rng } from './generate.ts';

const PER_TEMPLATE = Number(process.env.AQ_PER_TEMPLATE ?? 14);
const GRAMMAR_PER_INTENT = Number(process.env.AQ_GRAMMAR ?? 700);

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const catalogPath = args.includes('--catalog') ? args[args.indexOf('--catalog') + 1] : join(here, '../../../public/catalog/demo.json');
const products = JSON.parse(readFileSync(catalogPath, 'utf8')).products;
const terms = buildTerms(products, bundledLexicon());
const t0 = performance.now();
// The shop's own policy file (the demo's, MIT): its questions are faq requests in the shop's words.
const policiesPath = args.includes('--policies') ? args[args.indexOf('--policies') + 1] : join(here, '../../../public/catalog/policies.md');
const policyQuestions = parsePolicies({ name: 'policies', format: policiesPath.endsWith('.json') ? 'json' : 'markdown', text: readFileSync(policiesPath, 'utf8') }).map((e) => e.question);
const examples = generate(terms, PER_TEMPLATE, 11, { grammarPerIntent: GRAMMAR_PER_INTENT, policyQuestions, perPolicyQuestion: 6 });
// A tenth of the generated requests is kept out to report how well the model fits data of its own kind.
const r = rng(3);
const train: typeof examples = [];
const dev: typeof examples = [];
for (const e of examples) (r() < 0.1 ? dev : train).push(e);
const masked = (xs: typeof examples) => xs.map((e) => ({ masked: extractSlots(e.text, terms).masked, intent: e.intent }));
const epochs = Number(process.env.AQ_EPOCHS ?? 10);
const file = trainIntentModel(masked(train), { bits: Number(process.env.AQ_BITS ?? 14), epochs, lr: 0.03, seed: 5 });
const model = new IntentModel(file);
const devMasked = masked(dev);
const devAcc = devMasked.filter((e) => model.classify(e.masked).intent === e.intent).length / devMasked.length;
file.trainedOn = { examples: train.length, generated: train.length, handWritten: Object.values((await import('./templates.ts')).TEMPLATES).flat().length, epochs };
writeFileSync(join(here, '../model.json'), JSON.stringify(file));
console.log(`trained on ${train.length} generated requests (${file.trainedOn.handWritten} templates), ${epochs} epochs, ${((performance.now() - t0) / 1000).toFixed(1)} s; generated dev accuracy ${(devAcc * 100).toFixed(1)}% (n=${dev.length})`);
