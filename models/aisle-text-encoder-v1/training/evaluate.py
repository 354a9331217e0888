"""Held-out retrieval quality: BM25 alone, the encoder alone, and their reciprocal rank fusion (k=60).

    python3 evaluate.py --model ../../../.tmp/aisle-text-encoder-v1/run/model.pt --split test [--ood] [--json out.json]

--split val is for model selection; the card reports --split test (and --ood: Amazon appliance Q&A and the FAQ,
evaluation-only data). The encoder runs in PyTorch here; scripts/models/check-encoder.ts shows the ONNX export gives
the same embeddings in Transformers.js.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from data import load_amazon_qa, load_faq, load_flipkart, split_products
from model import Encoder, EncoderConfig
from retrieval import evaluate_query_set
from tasks import amazon_qa_query_set, faq_query_set, heldout_query_sets
from train import SPLIT_SEED, Batcher, encode_texts
from wordpiece import WordPiece


def load_model(path: Path) -> tuple[Encoder, WordPiece]:
    ck = torch.load(path, map_location='cpu')
    cfg = EncoderConfig(**ck['config'])
    model = Encoder(cfg)
    model.load_state_dict(ck['state'])
    model.eval()
    return model, WordPiece(ck['vocab'], cfg.max_position_embeddings)


def run(model_path: Path, data: Path, split: str, ood: bool, quantised: bool = False) -> dict:
    model, wp = load_model(model_path)
    if quantised:
        from model import QuantisedWordEmbedding
        with torch.no_grad():
            model.word.weight.copy_(QuantisedWordEmbedding(model.word.weight).dequantised())
    ck = torch.load(model_path, map_location='cpu')
    products = load_flipkart(data)
    parts = split_products(products, SPLIT_SEED)
    heldout = parts[split]
    trained = set(ck['train_products'])
    assert not (trained & {p.id for p in heldout}), 'held-out products were used in training'
    batcher = Batcher(wp, 32, model.config.max_position_embeddings)

    def embed_fn(texts: list[str]) -> np.ndarray:
        return encode_texts(model, batcher, texts, model.config.max_position_embeddings)

    out = {}
    for qs in heldout_query_sets(heldout):
        out[qs.name] = evaluate_query_set(qs, embed_fn)
    if ood:
        out['amazon-qa-appliances'] = evaluate_query_set(amazon_qa_query_set(load_amazon_qa(data), SPLIT_SEED), embed_fn)
        out['ecommerce-faq'] = evaluate_query_set(faq_query_set(load_faq(data)), embed_fn)
    return out


def summary(res: dict) -> str:
    lines = []
    for name, r in res.items():
        lines.append(f'{name} ({r["docs"]} docs)')
        keys = [k for k in r['bm25'] if k != 'all']
        for sub in ['all'] + keys:
            row = [f'  {sub:<16} n={r["bm25"][sub]["queries"]:<4}']
            for m in ('bm25', 'encoder', 'hybrid'):
                x = r[m][sub]
                if x['queries'] == 0:
                    row.append(f'{m} (no queries)')
                else:
                    row.append(f'{m} R@10 {x["recall@10"]:.3f} MRR {x["mrr"]:.3f}')
            lines.append('  |  '.join(row))
    return '\n'.join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--split', default='val', choices=['val', 'test'])
    ap.add_argument('--ood', action='store_true')
    ap.add_argument('--quantised', action='store_true', help='evaluate with the int8 token table the export ships')
    ap.add_argument('--json')
    args = ap.parse_args()
    torch.set_num_threads(1)
    res = run(Path(args.model), Path(args.data), args.split, args.ood, args.quantised)
    print(summary(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2) + '\n')


if __name__ == '__main__':
    main()
