"""Step 5 of build.py: the held-out figures of the trained torch model, at the flag thresholds chosen on validation.

Reads data/test.jsonl + data/test.ids.json (never used in training or threshold choice) and writes
runs/test-metrics.json: per label over every source that gives it (pooled), and per source the figure that source is
judged by (train.measure: spam F1 on SMS, toxicity F1 elsewhere), i.e. the in-domain column beside the
leave-one-source-out table (leave_one_out.py). The same per-source figures are reproduced through the app's own code
(Transformers.js + the moderation engine) by `npm run eval:moderation` on data/heldout/*.csv; see the model card.
"""
import json
import os

import torch

from common import RUNS_DIR, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel
from train import SOURCES, evaluate, load, measure, predict


def main():
    set_threads()
    ckpt = torch.load(os.path.join(RUNS_DIR, 'model.pt'))
    model = TinyBertForMultiLabel(TinyBertConfig(**ckpt['config']))
    model.load_state_dict(ckpt['state_dict'])
    rows, ids = load('test')
    scores = predict(model, ids)
    flag = {l: t['flag'] for l, t in ckpt['thresholds'].items()}
    metrics = {'pooled': evaluate(rows, scores, flag), 'per_source': {}}
    for source in SOURCES + ['synthetic-spam', 'synthetic-shop']:
        idx = [i for i, r in enumerate(rows) if r['source'] == source]
        if source.startswith('synthetic'):
            idx = [i for i, r in enumerate(rows) if r['source'].startswith('synthetic')]
            m = measure('sms', [rows[i] for i in idx], scores[idx], ckpt['thresholds'])
            metrics['per_source']['synthetic'] = m
            continue
        metrics['per_source'][source] = measure(source, [rows[i] for i in idx], scores[idx], ckpt['thresholds'])
    with open(os.path.join(RUNS_DIR, 'test-metrics.json'), 'w') as f:
        json.dump(metrics, f, indent=2)
    for label, m in metrics['pooled'].items():
        print(f"pooled {label:6s} n={m['n']:5d} positives={m['positives']:5d} threshold={m['threshold']:.2f} "
              f"precision={m['precision']:.3f} recall={m['recall']:.3f} f1={m['f1']:.3f}")
    for source, m in metrics['per_source'].items():
        print(f"{source:11s} {m['measure']:13s} n={m['n']:5d} positives={m['positives']:5d} "
              f"precision={m['precision']:.3f} recall={m['recall']:.3f} f1={m['f1']:.3f}")


if __name__ == '__main__':
    main()
