"""
Scores histories with the PyTorch model from given weights: what the parity test compares with TF.js.

    python3 scripts/cluster/score.py DIR [DIR ...]

Each DIR is a tensor folder (tensors.py) whose spec has "config" (the model's SasrecConfig) and whose tensors are the
weights ("weight/<name>"), the item features ("features/text", "features/category", "features/priceBand") and the
histories ("histories/items", "histories/offsets"). The scores go to DIR/scores (one tensor "scores", [histories,
items]).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sasrec import Sasrec  # noqa: E402
from tensors import read_folder, write_folder  # noqa: E402


def features_of(tensors):
    return {key: tensors[f'features/{key}'] for key in ('text', 'category', 'priceBand') if f'features/{key}' in tensors}


def score(path):
    spec, tensors = read_folder(path)
    config = spec['config']
    model = Sasrec(config, features_of(tensors) or None)
    model.load_named_weights({k[len('weight/'):]: v for k, v in tensors.items() if k.startswith('weight/')})
    model.eval()
    items, offsets = tensors['histories/items'], tensors['histories/offsets']
    histories = [items[offsets[i]:offsets[i + 1]].tolist() for i in range(len(offsets) - 1)]
    with torch.no_grad():
        scores = model.score_histories(histories)
    write_folder(os.path.join(path, 'scores'), {}, [('scores', scores.numpy())])


if __name__ == '__main__':
    torch.set_num_threads(1)
    if len(sys.argv) < 2:
        sys.exit('usage: python3 scripts/cluster/score.py DIR [DIR ...]')
    for folder in sys.argv[1:]:
        score(folder)
