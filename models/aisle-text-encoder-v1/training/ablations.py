"""Model selection on the VALIDATION split (brand groups disjoint from both train and test): trains each variant on
the train split, evaluates it on val, and writes ablations.json. The test split is never looked at here.

    nice -n 10 python3 ablations.py --work ../../../.tmp/aisle-text-encoder-v1/sweep [--only base,rand]

A variant whose <work>/<name>/val.json exists (from the same arguments) is not retrained.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import torch

# name -> (train.py arguments, what it tests)
VARIANTS: dict[str, tuple[str, str]] = {
    'base': ('--epochs 12', 'PPMI/SVD init, UCI pairs, d=128, 2 layers, 12 epochs'),
    'rand': ('--epochs 12 --init random', 'random token init instead of PPMI/SVD'),
    'nouci': ('--epochs 12 --no-uci', 'no UCI partial-title pairs'),
    'mlm3': ('--epochs 12 --mlm-epochs 3', '3 epochs of masked-LM pretraining before the contrastive stage'),
    'L0': ('--epochs 12 --layers 0', 'no transformer layers: mean of (trained) token vectors'),
    'L1': ('--epochs 12 --layers 1', '1 transformer layer'),
    'L3': ('--epochs 12 --layers 3', '3 transformer layers'),
    'd192': ('--epochs 12 --dim 192 --heads 4 --ffn 768', 'width 192'),
    'ep24': ('--epochs 24', '24 epochs'),
    'base-s2': ('--epochs 12 --seed 8', 'base, another seed (noise level)'),
    'b256': ('--epochs 12 --batch 256', 'batch 256 (more in-batch negatives)'),
    'scale30': ('--epochs 12 --scale 30', 'softmax scale 30 (temperature 0.033) instead of 20'),
    'mincount2': ('--epochs 12 --min-count 2', 'vocabulary: only tokens seen twice or more'),
}


def headline(res: dict) -> dict:
    out = {}
    for view in ('heldout-title', 'heldout-full'):
        r = res[view]
        for m in ('bm25', 'encoder', 'hybrid'):
            out[f'{view}/{m}/R@10'] = round(r[m]['all']['recall@10'], 4)
            out[f'{view}/{m}/MRR'] = round(r[m]['all']['mrr'], 4)
        out[f'{view}/encoder/no-shared-word/R@10'] = round(r['encoder']['no-shared-word']['recall@10'], 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--work', required=True)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--only', default='')
    ap.add_argument('--out', default='ablations.json')
    args = ap.parse_args()
    work = Path(args.work)
    names = args.only.split(',') if args.only else list(VARIANTS)
    table = {}
    for name in names:
        train_args, what = VARIANTS[name]
        out = work / name
        val = out / 'val.json'
        if not val.exists():
            out.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, 'train.py', '--data', args.data, '--out', str(out)] + train_args.split()
            subprocess.run(cmd, check=True)
            subprocess.run([sys.executable, 'evaluate.py', '--data', args.data, '--model', str(out / 'model.pt'),
                            '--split', 'val', '--json', str(val)], check=True)
        ck = torch.load(out / 'model.pt', map_location='cpu')
        params = sum(v.numel() for v in ck['state'].values())
        table[name] = {'args': train_args, 'tests': what, 'params': params, **headline(json.loads(val.read_text()))}
        print(name, table[name], flush=True)
    prev = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
    prev.update(table)
    Path(args.out).write_text(json.dumps(prev, indent=1) + '\n')


if __name__ == '__main__':
    main()
