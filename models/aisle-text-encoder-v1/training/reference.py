"""Writes reference.json: PyTorch embeddings of a few sentences (computed with the exported graph's weights, int8 token
table included) for the Transformers.js parity check, held-out triplets for the unit test, and held-out product texts
for the throughput benchmark. All texts come from the Flipkart catalog's held-out (test) split (CC BY-SA 4.0) or are
written here.

    python3 reference.py --model ../../../.tmp/aisle-text-encoder-v1/final/model.pt --out reference.json --int8-embeddings
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import torch
import torch.nn.functional as F

from data import attributes, load_flipkart, split_products
from evaluate import load_model
from model import ExportEncoder, mean_pool
from tasks import QUERY_PREFERENCE, attribute_query, full_text, no_overlap
from train import SPLIT_SEED

HAND_WRITTEN = [
    'warm winter jacket for men',
    'ladies ballet flats',
    'stainless steel analog wrist watch',
    'ceramic coffee mug gift',
    'gold plated earrings',
    'running shoes',
]


def embed_export(wrapped: ExportEncoder, wp, texts: list[str]) -> torch.Tensor:
    out = []
    with torch.no_grad():
        for t in texts:
            ids = torch.tensor([wp.encode(t)])
            mask = torch.ones_like(ids)
            h = wrapped(ids, mask, torch.zeros_like(ids))
            out.append(F.normalize(mean_pool(h, mask), dim=-1)[0])
    return torch.stack(out)


def triplets(products, seed: int, n: int = 48) -> list[dict]:
    """(query, positive title, negative title): the query is the positive product's category node or an attribute
    phrase; the negative is a held-out product from another top-level category."""
    rng = random.Random(seed)
    cands = [p for p in products if p.path]
    rng.shuffle(cands)
    out = []
    for p in cands:
        others = [o for o in products if o.path and o.path[0] != p.path[0]]
        if not others:
            continue
        neg = rng.choice(others)
        if rng.random() < 0.5 or len(attributes(p)) < 2:
            q = p.path[-1] if rng.random() < 0.5 or len(p.path) < 2 else f'{p.path[-2]} {p.path[-1]}'
            kind = 'category'
        else:
            a = attributes(p)
            q = attribute_query(a, [k for k in QUERY_PREFERENCE if k in a][:3])
            kind = 'attributes'
        out.append({'query': q, 'positive': p.title, 'negative': neg.title, 'kind': kind,
                    'noSharedWord': no_overlap(q, p.title)})
        if len(out) >= n:
            break
    return out


def build(model_path: Path, data: Path, int8: bool) -> dict:
    model, wp = load_model(model_path)
    wrapped = ExportEncoder(model, int8).eval()
    products = load_flipkart(data)
    test = split_products(products, SPLIT_SEED)['test']
    rng = random.Random(SPLIT_SEED)
    sample = rng.sample(test, 4)
    sentences = HAND_WRITTEN + [p.title for p in sample[:2]] + [full_text(p) for p in sample[2:]] + ['', 'x' * 300]
    emb = embed_export(wrapped, wp, sentences)
    trip = triplets(test, SPLIT_SEED)
    q = embed_export(wrapped, wp, [t['query'] for t in trip])
    pos = embed_export(wrapped, wp, [t['positive'] for t in trip])
    neg = embed_export(wrapped, wp, [t['negative'] for t in trip])
    for t, a, b, c in zip(trip, q, pos, neg):
        t['positiveScore'] = round(float(a @ b), 6)
        t['negativeScore'] = round(float(a @ c), 6)
    bench = [full_text(p) for p in sorted(test, key=lambda p: p.id)[:64]]
    return {
        'model': 'aisle-text-encoder-v1',
        'call': {'pooling': 'mean', 'normalize': True},
        'dim': model.config.hidden_size,
        'note': 'PyTorch embeddings of the exported weights (training/reference.py). Texts: hand-written, or from the '
                'held-out test split of the Flipkart catalog (CC BY-SA 4.0, PromptCloud / flipkart.com).',
        'sentences': sentences,
        'tokenIds': [wp.encode(s) for s in sentences],
        'embeddings': [[round(float(x), 7) for x in row] for row in emb],
        'triplets': trip,
        'tripletAccuracy': sum(t['positiveScore'] > t['negativeScore'] for t in trip) / len(trip),
        'benchTexts': bench,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--out', default='reference.json')
    ap.add_argument('--int8-embeddings', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(1)
    ref = build(Path(args.model), Path(args.data), args.int8_embeddings)
    Path(args.out).write_text(json.dumps(ref, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    print(f'{args.out}: {len(ref["sentences"])} sentences, triplet accuracy {ref["tripletAccuracy"]:.3f}')


if __name__ == '__main__':
    main()
