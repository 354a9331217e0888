"""Top encoder results over the whole demo catalog (999 Flipkart products, the text the card recommends embedding)
for a few hand-written shopper queries, marking results whose TITLE shares no content word with the query. Also lists
held-out (test split) queries from the no-shared-word subset that the encoder gets right and wrong.

    python3 examples.py --model ../../../.tmp/aisle-text-encoder-v1/final/model.pt
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch

from data import load_flipkart, split_products
from evaluate import load_model
from retrieval import BM25
from tasks import full_text, heldout_query_sets, no_overlap, title_text
from train import SPLIT_SEED, Batcher, encode_texts

QUERIES = [
    'ladies ballet flats', 'winter boots for women', 'sneakers', 'wristwatch for men', 'gift mug', 'necklace',
    'nightwear for girls', 'phone charger', 'sofa cum bed', 'diamond jewellery', 'workout clothes for women',
    'warm sweater for boys', 'room freshener', 'pen', 'baby clothes', 'cricket equipment', 'shampoo for dry hair',
    'tie for men', 'party dress for girls', 'kitchen storage',
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--queries', default='', help="'|'-separated queries instead of the built-in list")
    ap.add_argument('--quantised', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(1)
    model, wp = load_model(Path(args.model))
    if args.quantised:
        from model import QuantisedWordEmbedding
        with torch.no_grad():
            model.word.weight.copy_(QuantisedWordEmbedding(model.word.weight).dequantised())
    batcher = Batcher(wp, 32, model.config.max_position_embeddings)
    products = load_flipkart(Path(args.data))
    docs = [full_text(p) for p in products]
    d = encode_texts(model, batcher, docs, model.config.max_position_embeddings)
    bm = BM25(docs)
    queries = args.queries.split('|') if args.queries else QUERIES
    q = encode_texts(model, batcher, queries, 32)
    for i, query in enumerate(queries):
        top = np.argsort(-(q[i] @ d.T))[:5]
        lex = int((bm.scores(query) > 0).sum())
        print(f'\n{query!r}  (BM25 matches {lex} products on title+description)')
        for j in top:
            flag = 'NO SHARED WORD IN TITLE' if no_overlap(query, products[j].title) else ''
            print(f'   {float(q[i] @ d[j]):.3f}  {products[j].title[:70]:<70} {flag}')
    test = split_products(products, SPLIT_SEED)['test']
    qs = heldout_query_sets(test)[0]
    td = encode_texts(model, batcher, [title_text(p) for p in test], model.config.max_position_embeddings)
    print('\nheld-out, title index, relevant titles share no word with the query:')
    for i, query in enumerate(qs.queries):
        far = [j for j in qs.relevant[i] if no_overlap(query, qs.docs[j])]
        if not far:
            continue
        e = encode_texts(model, batcher, [query], 32)[0]
        order = list(np.argsort(-(e @ td.T)))
        best = min(order.index(j) for j in far) + 1
        print(f'   rank {best:>3}  {qs.kinds[i]:<11} {query[:60]!r:<62} -> {test[far[0]].title[:50]}')


if __name__ == '__main__':
    main()
