"""Training pairs (from the TRAIN split and UCI only) and held-out query sets (from the held-out split, plus the
evaluation-only out-of-domain sets)."""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from data import Product, attributes, content_terms, normalise_name, words

# Attribute keys in the order a shopper would say them ("black leather casual shoes for women").
QUERY_ATTR_ORDER = ['color', 'dial color', 'strap color', 'pattern', 'fabric', 'material', 'strap material', 'gemstone',
                    'sleeve', 'neck', 'fit', 'occasion', 'style', 'type', 'heel type', 'closure', 'mechanism',
                    'display type', 'skin type', 'hair type', 'shape', 'finish', 'sport type', 'ideal for',
                    'suitable for', 'collection']

# Which three attributes make a held-out attribute query, in order of preference.
QUERY_PREFERENCE = ['type', 'color', 'material', 'fabric', 'pattern', 'ideal for', 'occasion', 'gemstone', 'sleeve',
                    'strap color', 'dial color', 'neck']


def title_text(p: Product) -> str:
    return p.title


def full_text(p: Product) -> str:
    """The product text the card recommends embedding: title, then the description (the category path is not
    included so that category queries stay a fair held-out test; see the card)."""
    return f'{p.title}. {p.description}' if p.description else p.title


def attribute_query(attrs: dict[str, str], keys: list[str]) -> str:
    parts: list[str] = []
    seen: set[str] = set()
    for k in QUERY_ATTR_ORDER:
        if k in keys:
            v = attrs[k]
            if v.lower() in seen:
                continue  # "Gold Gold Ring" (colour and material both Gold) -> "Gold Ring"
            seen.add(v.lower())
            parts.append(f'for {v}' if k in ('ideal for', 'suitable for') else v)
    return ' '.join(parts)


@dataclass
class Pair:
    query: str
    doc: str
    qlabels: frozenset  # the doc of pair j is a false negative for query i when qlabels_i <= dlabels_j
    dlabels: frozenset
    kind: str



def training_pairs(products: list[Product], uci: list[str], rng: random.Random, *, use_uci: bool,
                   kinds: set[str] | None = None) -> list[Pair]:
    """One epoch of pairs, re-sampled every epoch (random attribute subsets, random document view)."""
    pairs: list[Pair] = []

    def doc_view(p: Product) -> str:
        r = rng.random()
        if r < 0.5 or not p.description:
            return p.title
        if r < 0.85:
            return full_text(p)
        path = ' > '.join(p.path)
        return f'{p.title}. {path}. {p.description}' if path else full_text(p)

    def want(kind: str) -> bool:
        return kinds is None or kind in kinds

    for p in products:
        dl = frozenset(p.labels)
        if p.path and want('category'):
            leaf = p.path[-1]
            pairs.append(Pair(leaf, doc_view(p), frozenset({f'cat:{leaf.lower()}'}), dl, 'category'))
            if len(p.path) >= 2:
                q = rng.choice([' '.join(p.path), f'{p.path[-2]} {leaf}', ' > '.join(p.path[1:])])
                pairs.append(Pair(q, doc_view(p), frozenset(f'cat:{n.lower()}' for n in p.path), dl, 'category'))
        if p.sentences and want('description'):
            for s in rng.sample(p.sentences, min(2, len(p.sentences))):
                pairs.append(Pair(s, p.title, frozenset({f'name:{normalise_name(p.title)}'}), dl, 'description'))
        attrs = attributes(p)
        if len(attrs) >= 2 and want('attributes'):
            keys = rng.sample(sorted(attrs), rng.randint(2, min(4, len(attrs))))
            q = attribute_query(attrs, keys)
            pairs.append(Pair(q, doc_view(p), frozenset(f'attr:{k}={attrs[k].lower()}' for k in keys), dl, 'attributes'))
        if p.description and want('title-description'):
            pairs.append(Pair(p.title, p.description, frozenset({f'name:{normalise_name(p.title)}'}), dl,
                              'title-description'))
    if use_uci and want('uci'):
        # Partial-title queries for the UK gift shop's short titles: a random half of the words -> the whole title.
        for d in uci:
            ws = d.lower().split()
            if len(ws) < 3:
                continue
            k = max(1, len(ws) // 2)
            idx = sorted(rng.sample(range(len(ws)), k))
            q = ' '.join(ws[i] for i in idx)
            lab = frozenset({f'uci:{d}'})
            pairs.append(Pair(q, d.lower(), lab, lab, 'uci'))
    rng.shuffle(pairs)
    return pairs


@dataclass
class QuerySet:
    name: str
    docs: list[str]  # document texts
    queries: list[str]
    relevant: list[set[int]]  # indices into docs
    kinds: list[str] = field(default_factory=list)


def heldout_query_sets(products: list[Product]) -> list[QuerySet]:
    """Query sets over the held-out products. Queries come from fields that are NOT in the indexed document text:
    the category path, description sentences (title index only), spec attributes."""
    out = []
    for view, doc_fn in (('title', title_text), ('full', full_text)):
        docs = [doc_fn(p) for p in products]
        queries, relevant, kinds = [], [], []
        # 1. category nodes at every level ("Footwear", "Casual Shoes") and 'parent leaf' phrases ("Women's Footwear
        #    Casual Shoes"), each -> every held-out product under it (nodes covering > 1/4 of the products are skipped)
        cats: dict[str, set[int]] = defaultdict(set)
        for i, p in enumerate(products):
            for n in p.path:
                cats[n].add(i)
        for node in sorted(cats):
            if len(cats[node]) <= len(products) // 4:
                queries.append(node); relevant.append(set(cats[node])); kinds.append('category')
        two = sorted({(p.path[-2], p.path[-1]) for p in products if len(p.path) >= 2})
        for a, b in two:
            rel = cats[a] & cats[b]
            if len(rel) <= len(products) // 4:
                queries.append(f'{a} {b}'); relevant.append(set(rel)); kinds.append('category')
        # 2. description sentences -> the product (and its same-name twins); title index only
        if view == 'title':
            by_name = defaultdict(set)
            for i, p in enumerate(products):
                by_name[normalise_name(p.title)].add(i)
            seen = set()
            for i, p in enumerate(products):
                for s in p.sentences[:1]:
                    key = ' '.join(words(s))
                    if key in seen:
                        continue
                    seen.add(key)
                    queries.append(s); relevant.append(set(by_name[normalise_name(p.title)])); kinds.append('description')
        # 3. attribute combinations (3 attributes, fixed order of preference) -> every product that has all of them
        seen = set()
        all_attrs = [attributes(p) for p in products]
        for i, p in enumerate(products):
            attrs = all_attrs[i]
            keys = [k for k in QUERY_PREFERENCE if k in attrs][:3]
            if len(keys) < 3:
                continue
            q = attribute_query(attrs, keys)
            if q.lower() in seen:
                continue
            seen.add(q.lower())
            rel = {j for j, a in enumerate(all_attrs) if all(a.get(k, '').lower() == attrs[k].lower() for k in keys)}
            queries.append(q); relevant.append(rel); kinds.append('attributes')
        out.append(QuerySet(f'heldout-{view}', docs, queries, relevant, kinds))
    return out


def amazon_qa_query_set(qa: list[dict], seed: int, max_products: int = 400) -> QuerySet:
    """EVALUATION ONLY. Out-of-domain: an Amazon appliance question -> its product, represented by the product's OTHER
    questions and answers."""
    by_asin: dict[str, list[dict]] = defaultdict(list)
    for r in qa:
        by_asin[r['asin']].append(r)
    asins = sorted(a for a, rs in by_asin.items() if len(rs) >= 3)
    rng = random.Random(seed)
    rng.shuffle(asins)
    asins = asins[:max_products]
    docs, queries, relevant = [], [], []
    for i, a in enumerate(asins):
        rs = by_asin[a]
        q = rs[0]
        docs.append(' '.join(f"{r['question']} {r['answer']}" for r in rs[1:]))
        queries.append(q['question'])
        relevant.append({i})
    return QuerySet('amazon-qa-appliances', docs, queries, relevant, ['ood'] * len(queries))


def faq_query_set(faq: list[dict]) -> QuerySet:
    """EVALUATION ONLY. Out-of-domain: an FAQ question -> its answer among all answers."""
    docs = [f['answer'] for f in faq]
    return QuerySet('ecommerce-faq', docs, [f['question'] for f in faq], [{i} for i in range(len(faq))],
                    ['ood'] * len(faq))


def no_overlap(query: str, doc: str) -> bool:
    return not (content_terms(query) & content_terms(doc))


