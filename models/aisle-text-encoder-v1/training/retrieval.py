"""BM25, reciprocal rank fusion and the metrics (recall@10, MRR) used in the model card."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from data import STOPWORDS, stem, words
from tasks import QuerySet, no_overlap

RRF_K = 60


def bm25_terms(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


class BM25:
    def __init__(self, docs: list[str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.tfs = [Counter(bm25_terms(d)) for d in docs]
        self.lens = np.array([sum(tf.values()) for tf in self.tfs], dtype=np.float64)
        self.avg = float(self.lens.mean()) if len(docs) else 0.0
        df = Counter(t for tf in self.tfs for t in tf)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(len(self.tfs))
        for t in set(bm25_terms(query)):
            idf = self.idf.get(t)
            if idf is None:
                continue
            for i, tf in enumerate(self.tfs):
                f = tf.get(t)
                if f:
                    out[i] += idf * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.lens[i] / self.avg))
        return out


def ranks_from_scores(scores: np.ndarray, matched: np.ndarray | None = None) -> np.ndarray:
    """1-based rank of each doc; docs not matched (lexical score 0) get rank inf (they are not retrieved)."""
    order = np.argsort(-scores, kind='stable')
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    if matched is not None:
        ranks[~matched] = np.inf
    return ranks


def rrf(*rank_lists: np.ndarray) -> np.ndarray:
    s = np.zeros_like(rank_lists[0])
    for r in rank_lists:
        s += np.where(np.isfinite(r), 1.0 / (RRF_K + r), 0.0)
    return s


def metrics_for(ranks: list[np.ndarray], relevant: list[set[int]], k: int = 10) -> dict:
    rec, mrr = [], []
    for r, rel in zip(ranks, relevant):
        rel = sorted(rel)
        rr = r[rel]
        hits = int(np.sum(rr <= k))
        rec.append(hits / min(k, len(rel)))
        best = float(np.min(rr))
        mrr.append(0.0 if not np.isfinite(best) else 1.0 / best)
    if not rec:
        return {'recall@10': None, 'mrr': None, 'queries': 0}
    return {'recall@10': float(np.mean(rec)), 'mrr': float(np.mean(mrr)), 'queries': len(rec)}


def evaluate_query_set(qs: QuerySet, embed_fn) -> dict:
    """embed_fn(list[str]) -> np.ndarray of unit vectors. Returns metrics per method, per query kind, and on the
    'no shared word' subset (relevant docs that share no content word with the query; the other relevant docs are
    removed from the ranking so they count neither way)."""
    bm = BM25(qs.docs)
    d = embed_fn(qs.docs)
    q = embed_fn(qs.queries)
    sims = q @ d.T
    ranks = {'bm25': [], 'encoder': [], 'hybrid': []}
    for i, query in enumerate(qs.queries):
        s = bm.scores(query)
        r_lex = ranks_from_scores(s, s > 0)
        r_sem = ranks_from_scores(sims[i])
        h = rrf(r_lex, r_sem)
        ranks['bm25'].append(r_lex)
        ranks['encoder'].append(r_sem)
        ranks['hybrid'].append(ranks_from_scores(h))
    result: dict = {'docs': len(qs.docs)}
    kinds = sorted(set(qs.kinds))
    for name, rs in ranks.items():
        entry = {'all': metrics_for(rs, qs.relevant)}
        if len(kinds) > 1:
            for kind in kinds:
                idx = [i for i, k in enumerate(qs.kinds) if k == kind]
                entry[kind] = metrics_for([rs[i] for i in idx], [qs.relevant[i] for i in idx])
        # no-shared-word subset
        sub_r, sub_rel = [], []
        for i, query in enumerate(qs.queries):
            far = {j for j in qs.relevant[i] if no_overlap(query, qs.docs[j])}
            near = qs.relevant[i] - far
            if not far:
                continue
            # re-rank without the lexically reachable relevant docs
            r = rs[i].copy()
            r_f = r.copy()
            for j in near:
                r_f[j] = np.inf
            finite = np.isfinite(r_f)
            order = np.argsort(np.where(finite, r_f, np.inf), kind='stable')
            new = np.full(len(r_f), np.inf)
            cnt = int(finite.sum())
            new[order[:cnt]] = np.arange(1, cnt + 1)
            sub_r.append(new)
            sub_rel.append(far)
        entry['no-shared-word'] = metrics_for(sub_r, sub_rel)
        result[name] = entry
    return result
