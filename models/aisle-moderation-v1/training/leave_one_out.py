"""Leave-one-source-out evaluation (build.py --loso, or on its own after prepare_data.py):

for each source S: the vocabulary and token ids are built without S (tokenize_data.mjs --exclude S), a model is
trained on every other source (train.py --data-dir), its thresholds are chosen on the other sources' validation rows
(choose_thresholds.py), and it is tested on S's held-out test rows, which neither it nor its vocabulary nor its
thresholds ever saw. Writes <work>/runs/loso-<S>/metrics.json and training/loso.json, and prints the model card's
table.

These models are cheaper than the released one, to fit a shared 2-core machine (see --max-train-per-source and the
epochs below; the model card says so): their figures are a floor for what the released recipe would reach.

  /usr/bin/python3 leave_one_out.py [--sources davidson,sms,...] [--epochs 2] [--mlm-epochs 1] [--max-train-per-source 1500]
"""
import argparse
import json
import os
import random
import subprocess
import sys

import torch

from common import HERE, LABELS, RUNS_DIR, SEED, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel
from train import SOURCES, load, measure, predict

REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
def subsample(data_dir, cap):
    """Caps the training rows per source (seeded), in place."""
    rows, ids = load('train', data_dir)
    rng = random.Random(SEED)
    by_source = {}
    for i, r in enumerate(rows):
        by_source.setdefault(r['source'], []).append(i)
    keep = sorted(i for idx in by_source.values() for i in (rng.sample(idx, cap) if len(idx) > cap else idx))
    json.dump([rows[i] for i in keep], open(os.path.join(data_dir, 'train.rows.json'), 'w', encoding='utf-8'), ensure_ascii=False)
    json.dump([ids[i] for i in keep], open(os.path.join(data_dir, 'train.ids.json'), 'w', encoding='utf-8'))
    return len(keep)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sources', default=','.join(SOURCES))
    ap.add_argument('--epochs', type=int, default=2)
    ap.add_argument('--mlm-epochs', type=int, default=1)
    ap.add_argument('--max-train-per-source', type=int, default=1500)
    args = ap.parse_args()
    set_threads()
    py = sys.executable
    summary_path = os.path.join(RUNS_DIR, 'loso.json')
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    for source in args.sources.split(','):
        out = os.path.join(RUNS_DIR, f'loso-{source}')
        os.makedirs(out, exist_ok=True)
        subprocess.run(['npx', 'tsx', os.path.join(HERE, 'tokenize_data.mjs'), '--exclude', source, '--out', out], check=True, cwd=REPO)
        n = subsample(out, args.max_train_per_source)
        model_path = os.path.join(out, 'model.pt')
        subprocess.run([py, os.path.join(HERE, 'train.py'), '--data-dir', out, '--epochs', str(args.epochs),
                        '--mlm-epochs', str(args.mlm_epochs), '--out', model_path], check=True)
        subprocess.run([py, os.path.join(HERE, 'choose_thresholds.py'), model_path], check=True)
        ckpt = torch.load(model_path)
        model = TinyBertForMultiLabel(TinyBertConfig(**ckpt['config']))
        model.load_state_dict(ckpt['state_dict'])
        rows, ids = load('heldout', out)
        test_rows = set(json.load(open(os.path.join(HERE, 'split.json')))['test_rows'][source])
        for r in rows:
            r['split'] = 'test' if r['row'] in test_rows else 'other'
        test = [i for i, r in enumerate(rows) if r['split'] == 'test']
        scores = predict(model, [ids[i] for i in test])
        metrics = measure(source, [rows[i] for i in test], scores, ckpt['thresholds'])
        metrics.update({'train_rows': n, 'epochs': args.epochs, 'mlm_epochs': args.mlm_epochs,
                        'thresholds': ckpt['thresholds']})
        json.dump(metrics, open(os.path.join(out, 'metrics.json'), 'w'), indent=2)
        summary[source] = metrics
        json.dump(summary, open(summary_path, 'w'), indent=2)
        json.dump(summary, open(os.path.join(HERE, 'loso.json'), 'w'), indent=2)  # the record the model card quotes
        print(f"LOSO {source}: {metrics['measure']} precision {metrics['precision']:.3f} recall {metrics['recall']:.3f} "
              f"f1 {metrics['f1']:.3f} (n {metrics['n']}, positives {metrics['positives']})", flush=True)
    print('| held-out source | measured | n | positives | precision | recall | F1 |')
    for s, m in summary.items():
        print(f"| {s} | {m['measure']} | {m['n']} | {m['positives']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |")


if __name__ == '__main__':
    main()
