"""Step 5 of rebuild.sh: the held-out figures of the trained torch model, at the thresholds chosen on validation.

Reads data/test.jsonl + data/test.ids.json (never used in training or threshold choice) and writes
runs/test-metrics.json. The same figures are reproduced through the app's own code (Transformers.js + the
moderation engine) by `npm run eval:moderation` on data/heldout/*.csv; see the model card.
"""
import json
import os

import torch

from common import RUNS_DIR, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel
from train import evaluate, load, predict


def main():
    set_threads()
    ckpt = torch.load(os.path.join(RUNS_DIR, 'model.pt'))
    model = TinyBertForMultiLabel(TinyBertConfig(**ckpt['config']))
    model.load_state_dict(ckpt['state_dict'])
    rows, ids = load('test')
    scores = predict(model, ids)
    flag = {l: t['flag'] if isinstance(t, dict) else t for l, t in ckpt['thresholds'].items()}
    metrics = evaluate(rows, scores, flag)
    # The bar: offensive-or-hate vs neither is the 'toxic' label on the tweets.
    with open(os.path.join(RUNS_DIR, 'test-metrics.json'), 'w') as f:
        json.dump(metrics, f, indent=2)
    for label, m in metrics.items():
        m['block_threshold'] = ckpt['thresholds'][label]['block'] if isinstance(ckpt['thresholds'][label], dict) else None
        print(f"{label:6s} n={m['n']:5d} positives={m['positives']:5d} threshold={m['threshold']:.2f} "
              f"precision={m['precision']:.3f} recall={m['recall']:.3f} f1={m['f1']:.3f} accuracy={m['accuracy']:.3f}")


if __name__ == '__main__':
    main()
