"""Data loading, cleaning and the held-out split for aisle-text-encoder-v1.

Licences decide what each source may be used for (see ../README.md):
  - flipkart-catalog (CC BY-SA 4.0) ............ training (train split only) and held-out evaluation
  - uci-online-retail-sample (CC BY 4.0) ....... training text (vocabulary, embedding initialisation, MLM, pairs)
  - amazon-qa-appliances (research use) ........ EVALUATION ONLY (out-of-domain check)
  - ecommerce-faq (licence not stated) ......... EVALUATION ONLY (out-of-domain check)
Nothing in this file mixes the evaluation-only sets into anything that reaches training.
"""
from __future__ import annotations

import ast
import csv
import gzip
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FLIPKART_CSV = 'flipkart-catalog/flipkart_com-ecommerce_sample.clean.csv'
UCI_CSV = 'uci-online-retail-sample/online_retail_sample.csv'
AMAZON_QA = 'amazon-qa-appliances/qa_Appliances.json.gz'
FAQ_JSON = 'ecommerce-faq/Ecommerce_FAQ_Chatbot_dataset.json'

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    'a an and are as at be by for from has have in is it its of on or that the this to with your you our we '
    'will can all any not no only very more most also into over under up down out off per each'.split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits, keeps an apostrophe suffix such as women's)."""
    return WORD_RE.findall(text.lower())


def stem(word: str) -> str:
    """A light English suffix stripper (plural and possessive forms), shared by BM25 and the overlap tests."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith('ies'):
        return word[:-3] + 'y'
    if len(word) > 4 and word.endswith(('ches', 'shes', 'sses', 'xes')):
        return word[:-2]
    if len(word) > 3 and word.endswith('s') and not word.endswith(('ss', 'us', 'is')):
        return word[:-1]
    return word


def content_terms(text: str) -> set[str]:
    """Stemmed content words: what 'shares a word with' means in this project's tests and metrics."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1}


def normalise_name(name: str) -> str:
    name = re.sub(r'\([^)]*\)', ' ', name.lower())
    return ' '.join(words(name))


@dataclass
class Product:
    id: str
    title: str
    brand: str
    brand_key: str  # the split's group key: brand, else the title's first word
    path: list[str]  # generic category nodes (brand nodes and the trailing product-name node removed)
    description: str  # cleaned: no title echo, no prices, no shop boilerplate, no spec dump
    sentences: list[str]
    specs: list[tuple[str, str]]
    labels: set[str] = field(default_factory=set)


def _parse_specs(raw: str) -> list[tuple[str, str]]:
    if not raw:
        return []
    try:
        obj = json.loads(raw.replace('=>', ':'))
    except json.JSONDecodeError:
        return []
    items = obj.get('product_specification', [])
    if isinstance(items, dict):
        items = [items]
    out = []
    for it in items:
        key = (it.get('key') or '').strip()
        value = (it.get('value') or '').strip()
        if key and value:
            out.append((key, value))
    return out


_BOILER = [
    r'Key Features of',
    r'Price:\s*Rs\.?\s*[\d,]+',
    r'Rs\.?\s*[\d,]+',
    r'Only Genuine Products\.?',
    r'30 Day Replacement Guarantee\.?',
    r'Free Shipping\.?',
    r'Cash On Delivery!?',
    r'Great Discounts,?',
    r'Shop Online For [A-Za-z ]+\.',
    r'Huge Collection of [A-Za-z ]+ Only at Flipkart\.com',
    r'(?:from|at|Only at) Flipkart\.com\.?',
    r'Online in India\.?',
]


def _clean_description(desc: str, title: str) -> str:
    text = re.sub(r'[ \t\r]+', ' ', desc)
    # Everything after "Specifications of <title>" repeats product_specifications, which is parsed separately.
    text = re.split(r',?Specifications of ', text, maxsplit=1)[0]
    # "<title> - Buy <colour> <title> For Only Rs. 899 ..." and "Buy <title> at Rs. 3370 ..." are shop boilerplate.
    text = re.sub(r'\bBuy\b.*?(?:Flipkart\.com|Online in India)\.?', ' ', text, flags=re.S)
    for pat in _BOILER:
        text = re.sub(pat, ' ', text, flags=re.I)
    if title:
        text = text.replace(title, ' ')
        text = re.sub(re.escape(re.sub(r'\s+', ' ', title).strip()), ' ', text, flags=re.I)
    text = re.sub(r'\s+', ' ', text).strip(' -,.;:')
    # Many descriptions repeat their paragraph twice.
    half = len(text) // 2
    for cut in range(max(0, half - 3), min(len(text), half + 4)):
        a, b = text[:cut].strip(), text[cut:].strip()
        if a and a == b:
            text = a
            break
    return text


def _split_sentences(text: str) -> list[str]:
    parts = re.split(r'(?<=[.!?])\s+|\s+[•●]\s*|;\s+|\n', text)
    out = []
    for p in parts:
        p = p.strip(' -,.;:•')
        if 4 <= len(words(p)) <= 30:
            out.append(p)
    return out


def _generic_path(tree: str, title: str, brand: str) -> list[str]:
    try:
        nodes = json.loads(tree)[0].split(' >> ')
    except (json.JSONDecodeError, IndexError):
        return []
    if len(nodes) <= 1:
        return []  # a one-node "tree" is just the product name
    brand_words = set(words(brand)[:1]) | set(words(title)[:1])
    out = []
    for i, node in enumerate(nodes):
        node = node.strip()
        if node.endswith('...'):
            continue  # a truncated product name
        if i == len(nodes) - 1 and normalise_name(node) and normalise_name(node) in normalise_name(title):
            continue  # the product's own name
        nw = words(node)
        if nw and nw[0] in brand_words:
            continue  # a brand node such as "Alisha Shorts" or "AKUP Coffee Mugs"
        out.append(node)
    return out


def load_flipkart(data_dir: Path) -> list[Product]:
    with open(data_dir / FLIPKART_CSV, encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    products = []
    for r in rows:
        title = re.sub(r'\s+', ' ', r['product_name']).strip()
        brand = r['brand'].strip()
        first = words(title)[0] if words(title) else r['uniq_id']
        # Flipkart's brand field is sometimes a fit ("Slim", "Regular"): the title's first word is the safer key.
        brand_key = first
        desc = _clean_description(r['description'], title)
        p = Product(
            id=r['uniq_id'],
            title=title,
            brand=brand,
            brand_key=brand_key,
            path=_generic_path(r['product_category_tree'], title, brand),
            description=desc,
            sentences=[],
            specs=_parse_specs(r['product_specifications']),
        )
        products.append(p)
    # Sentences that occur in many products are boilerplate ("Made of premium quality fabric..." is kept only if rare).
    sent_groups: dict[str, set[str]] = defaultdict(set)
    per_product = []
    for p in products:
        sents = _split_sentences(p.description)
        per_product.append(sents)
        for s in sents:
            sent_groups[_sentence_key(s)].add(p.brand_key)
    for p, sents in zip(products, per_product):
        seen = set()
        keep = []
        for s in sents:
            k = _sentence_key(s)
            if len(sent_groups[k]) >= 4 or k in seen:
                continue
            seen.add(k)
            keep.append(s)
        p.sentences = keep
    for p in products:
        p.labels = product_labels(p)
    return products


def _sentence_key(s: str) -> str:
    return re.sub(r'\d+', '0', ' '.join(words(s)))


# Spec keys whose values describe the product (not logistics, codes or sizes).
ATTRIBUTE_KEYS = {
    'color': 'color', 'colour': 'color', 'body color': 'color', 'dial color': 'dial color', 'strap color': 'strap color',
    'fabric': 'fabric', 'material': 'material', 'outer material': 'material', 'body material': 'material',
    'base material': 'material', 'strap material': 'strap material', 'type': 'type', 'pattern': 'pattern',
    'ideal for': 'ideal for', 'occasion': 'occasion', 'sleeve': 'sleeve', 'neck': 'neck', 'fit': 'fit',
    'style': 'style', 'heel type': 'heel type', 'closure': 'closure', 'gemstone': 'gemstone', 'collection': 'collection',
    'skin type': 'skin type', 'hair type': 'hair type', 'mechanism': 'mechanism', 'display type': 'display type',
    'shape': 'shape', 'finish': 'finish', 'sport type': 'sport type', 'suitable for': 'suitable for',
}


_EMPTY_VALUES = {'na', 'n/a', 'none', 'no', 'yes', 'other', 'others', 'not applicable', '-'}


def attributes(p: Product) -> dict[str, str]:
    out = {}
    for k, v in p.specs:
        key = ATTRIBUTE_KEYS.get(k.lower())
        if key and key not in out and len(v) <= 40 and not re.search(r'\d{3,}', v) and v.lower() not in _EMPTY_VALUES:
            out[key] = v
    return out


def product_labels(p: Product) -> set[str]:
    """Facts a query can be about; used to mask in-batch false negatives and to judge relevance."""
    labels = {f'id:{p.id}', f'name:{normalise_name(p.title)}'}
    labels |= {f'cat:{n.lower()}' for n in p.path}
    for k, v in attributes(p).items():
        labels.add(f'attr:{k}={v.lower()}')
    return labels


def split_products(products: list[Product], seed: int, test_frac: float = 0.2, val_frac: float = 0.15):
    """Split by brand group (the title's first word; a superset of the near-duplicate-name groups: 999 rows hold only
    691 distinct names, and every duplicate name shares its first word). Returns {'train','val','test'} -> products."""
    groups: dict[str, list[Product]] = defaultdict(list)
    for p in products:
        groups[p.brand_key].append(p)
    # Sanity check: identical normalised names never straddle groups.
    by_name = defaultdict(set)
    for p in products:
        by_name[normalise_name(p.title)].add(p.brand_key)
    assert all(len(v) == 1 for v in by_name.values())
    keys = sorted(groups)
    rng = random.Random(seed)
    rng.shuffle(keys)
    n = len(products)
    out = {'test': [], 'val': [], 'train': []}
    for k in keys:
        if len(out['test']) < test_frac * n:
            out['test'] += groups[k]
        elif len(out['val']) < val_frac * n:
            out['val'] += groups[k]
        else:
            out['train'] += groups[k]
    return out


def load_uci_descriptions(data_dir: Path) -> list[str]:
    with open(data_dir / UCI_CSV, encoding='utf-8', newline='') as f:
        descs = sorted({r['Description'].strip() for r in csv.DictReader(f) if r['Description'].strip()})
    return descs


def load_uci_baskets(data_dir: Path) -> list[list[str]]:
    baskets: dict[str, list[str]] = defaultdict(list)
    with open(data_dir / UCI_CSV, encoding='utf-8', newline='') as f:
        for r in csv.DictReader(f):
            d = r['Description'].strip()
            if d and d not in baskets[r['InvoiceNo']]:
                baskets[r['InvoiceNo']].append(d)
    return [baskets[k] for k in sorted(baskets)]


def load_amazon_qa(data_dir: Path) -> list[dict]:
    """EVALUATION ONLY (research-use data)."""
    with gzip.open(data_dir / AMAZON_QA, 'rt', encoding='utf-8') as f:
        return [ast.literal_eval(line) for line in f if line.strip()]


def load_faq(data_dir: Path) -> list[dict]:
    """EVALUATION ONLY (licence not stated)."""
    with open(data_dir / FAQ_JSON, encoding='utf-8') as f:
        return json.load(f)['questions']
