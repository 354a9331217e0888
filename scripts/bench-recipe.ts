/**
 * The recipe table: the preference model trained with the recipe (settings from the data) on every interaction log in
 * ../shared/data, against its published figure where one exists and against last-item Markov and item-kNN everywhere
 * (leave-one-out, every item ranked, seen items excluded). Each row is `npm run eval:recs` run on that log, one at a
 * time (the machine may be shared), so every figure can be reproduced by the command printed beside it.
 *
 *   npm run bench:recipe -- [--logs beauty,toys,movielens,scientific,retail] [--time-budget 900] [--search] [--fixed]
 *
 * --search also runs the recipe with the learning-rate and dropout search, --fixed the fixed defaults (cosine over 20
 * epochs, 4,096 negatives, maxLen 50), each as extra rows, so that what each part brings is measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage } from './recs/bench-browser.ts';

interface Log {
  key: string;
  name: string;
  args: string[];
  /** Published SASRec-family figure under this protocol (NDCG@10, HR@10), with where it comes from. */
  published: { ndcg10: number; hr10: number; source: string } | null;
}

const LOGS = (dir: string): Log[] => [
  { key: 'beauty', name: 'Amazon Beauty', args: ['--data', join(dir, 's3rec-amazon/Beauty.txt'), '--format', 's3rec'], published: { ndcg10: 0.0531, hr10: 0.0921, source: 'SASRec, sampled softmax (eSASRec authors, arXiv 2508.06450)' } },
  { key: 'toys', name: 'Amazon Toys_and_Games', args: ['--data', join(dir, 's3rec-amazon/Toys_and_Games.txt'), '--format', 's3rec'], published: { ndcg10: 0.058, hr10: 0.097, source: 'SASRec, sampled softmax (same)' } },
  { key: 'movielens', name: 'MovieLens-100k', args: ['--data', join(dir, 'movielens-100k/u.data'), '--format', 'movielens'], published: null },
  { key: 'scientific', name: 'Amazon 2018 Industrial & Scientific', args: ['--data', join(dir, 'amazon2018-industrial-scientific-seq/Scientific.inter.json'), '--format', 'sequences-json'], published: null },
  {
    key: 'retail',
    name: 'UCI Online Retail sample (events)',
    args: ['--data', join(dir, 'uci-online-retail-sample/online_retail_sample.csv'), '--format', 'events-csv', '--columns', 'user=CustomerID,item=StockCode,timestamp=InvoiceDate'],
    published: null,
  },
];

type Row = Record<string, unknown> & { model: string; 'ndcg@10': number; 'hr@10': number; train_seconds: number };

function evalRecs(args: string[]): Row[] {
  const r = spawnSync('npx', ['tsx', 'scripts/eval-recs.ts', ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`eval:recs ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Row);
}

const f4 = (x: number) => x.toFixed(4);

function main(): void {
  const { values } = parseArgs({
    options: {
      logs: { type: 'string', default: 'beauty,toys,movielens,scientific,retail' },
      'data-dir': { type: 'string', default: '../shared/data' },
      'time-budget': { type: 'string', default: '900' },
      search: { type: 'boolean', default: false },
      fixed: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const wanted = String(values.logs).split(',');
  const logs = LOGS(String(values['data-dir'])).filter((l) => wanted.includes(l.key));
  const budget = ['--time-budget', String(values['time-budget'])];
  const variants: Array<{ label: string; args: string[] }> = [
    ...(values.fixed ? [{ label: 'fixed defaults', args: ['--model', 'sasrec', ...budget] }] : []),
    { label: 'recipe', args: ['--model', 'sasrec', '--recipe', ...budget] },
    ...(values.search ? [{ label: 'recipe + search', args: ['--model', 'sasrec', '--recipe', '--search', ...budget] }] : []),
  ];
  const out: Array<Record<string, unknown>> = [];
  console.log(`bench:recipe, ${loadAverage()}`);
  console.log('| log | model | test NDCG@10 | test HR@10 | train s | published NDCG@10 / HR@10 | Markov NDCG@10 / HR@10 | kNN NDCG@10 / HR@10 | beats both |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const log of logs) {
    const [markov, knn] = evalRecs([...log.args, '--model', 'markov,knn']);
    for (const v of variants) {
      const [row] = evalRecs([...log.args, ...v.args]);
      const beats = row['ndcg@10'] > markov['ndcg@10'] && row['ndcg@10'] > knn['ndcg@10'] && row['hr@10'] > markov['hr@10'] && row['hr@10'] > knn['hr@10'];
      const pub = log.published ? `${f4(log.published.ndcg10)} / ${f4(log.published.hr10)}` : 'none found';
      const settings = `${v.label}: ${row.negatives ?? 'all'} negatives, maxLen ${row.max_len}, lr ${row.lr}, dropout ${row.dropout}, ${row.epochs_run} epochs (${row.stop_reason})`;
      console.log(
        `| ${log.name} | ${settings} | **${f4(row['ndcg@10'])}** | ${f4(row['hr@10'])} | ${Math.round(row.train_seconds)} | ${pub} | ${f4(markov['ndcg@10'])} / ${f4(markov['hr@10'])} | ${f4(knn['ndcg@10'])} / ${f4(knn['hr@10'])} | ${beats ? 'yes' : '**no**'} |`,
      );
      out.push({ log: log.key, variant: v.label, command: `npm run eval:recs -- ${[...log.args, ...v.args].join(' ')}`, sasrec: row, markov, knn, published: log.published, beats_both: beats });
    }
  }
  console.log(`\n${loadAverage()} at the end`);
  const file = resolve(values.out ?? `.bench/recipe-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(resolve('.bench'), { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`figures and commands written to ${file}`);
}

main();
