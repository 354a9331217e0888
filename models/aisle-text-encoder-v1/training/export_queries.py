"""Writes the held-out query sets (the test split's 200 products, queries built exactly as evaluate.py builds them)
as JSON for `npm run bench:search`, which scores the app's own search code (TypeScript) on the same queries.

    python3 export_queries.py [--data ../../../../shared/data] [--out heldout-queries.json]

The file is derived from the Flipkart products sample (CC BY-SA 4.0), like the model.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from data import load_flipkart, split_products
from tasks import full_text, heldout_query_sets, no_overlap, title_text
from train import SPLIT_SEED


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--out', default='heldout-queries.json')
    args = ap.parse_args()
    products = load_flipkart(Path(args.data))
    test = split_products(products, SPLIT_SEED)['test']
    views = []
    for qs in heldout_query_sets(test):
        view = qs.name.removeprefix('heldout-')
        doc_fn = title_text if view == 'title' else full_text
        views.append({
            'view': view,
            'products': [{'id': p.id, 'title': p.title, 'description': '' if view == 'title' else p.description} for p in test],
            'queries': [
                {
                    'query': q,
                    'kind': k,
                    'relevant': [test[i].id for i in sorted(rel)],
                    # Relevant products whose indexed text shares no content word with the query.
                    'noSharedWord': [test[i].id for i in sorted(rel) if no_overlap(q, doc_fn(test[i]))],
                }
                for q, rel, k in zip(qs.queries, qs.relevant, qs.kinds)
            ],
        })
    Path(args.out).write_text(json.dumps({
        'description': 'Held-out test split of aisle-text-encoder-v1 (200 products of brands unseen in training); '
                       'queries from category nodes, description sentences and spec attributes (see README.md).',
        'licence': 'CC BY-SA 4.0 (derived from the Flipkart products sample by PromptCloud)',
        'views': views,
    }, ensure_ascii=False) + '\n')
    summary = ', '.join('%s: %d queries' % (v['view'], len(v['queries'])) for v in views)
    print(f'{args.out}: {summary}')


if __name__ == '__main__':
    main()
