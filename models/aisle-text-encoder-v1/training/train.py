"""Train aisle-text-encoder-v1: reduced WordPiece vocabulary -> PPMI/SVD token initialisation -> (optional) masked
language modelling -> contrastive in-batch training (InfoNCE with false-negative masking) on pairs derived from the
TRAIN split of the Flipkart catalog and the UCI Online Retail titles. Evaluation-only data never reaches this file.

    nice -n 10 /usr/bin/python3 train.py --out ../../../.tmp/aisle-text-encoder-v1/run            # train split only (model selection)
    nice -n 10 /usr/bin/python3 train.py --out ../../../.tmp/aisle-text-encoder-v1/final --train-splits train,val
"""
from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from data import load_flipkart, load_uci_baskets, load_uci_descriptions, split_products
from model import Encoder, EncoderConfig, embed
from tasks import Pair, training_pairs
from wordpiece import WordPiece, load_vocab_from_tokenizer_json, reduced_vocab

TOKENIZER_DIR = 'all-MiniLM-L6-v2-tokenizer-only'
SPLIT_SEED = 13


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def product_texts(products) -> list[str]:
    out = []
    for p in products:
        out.append(p.title)
        if p.description:
            out.append(p.description)
        if p.path:
            out.append(' > '.join(p.path))
        if p.specs:
            out.append(' . '.join(f'{k} {v}' for k, v in p.specs))
    return out


def randomized_svd(a: np.ndarray, k: int, rng: np.random.RandomState, oversample: int = 16, iters: int = 4):
    """Truncated SVD by randomised range finding with power iterations (Halko, Martinsson & Tropp 2011)."""
    g = rng.standard_normal((a.shape[1], k + oversample)).astype(a.dtype)
    y = a @ g
    for _ in range(iters):
        q, _ = np.linalg.qr(y)
        y = a @ (a.T @ q)
    q, _ = np.linalg.qr(y)
    u_small, s, vt = np.linalg.svd(q.T @ a, full_matrices=False)
    return (q @ u_small)[:, :k], s[:k], vt[:k]


def ppmi_svd_init(wp: WordPiece, texts: list[str], dim: int, window: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Token vectors from positive PMI over a +-window co-occurrence count weighted by 1/distance (context
    distribution smoothed with exponent 0.75), factorised by truncated SVD (U * sqrt(S)), rows scaled to unit norm.
    Returns (vectors, mask of tokens that occur in the texts)."""
    v = len(wp.vocab)
    c = np.zeros((v, v), dtype=np.float64)
    for t in texts:
        ids = np.array([wp.vocab[x] for x in wp.tokens(t)], dtype=np.int64)
        n = len(ids)
        for off in range(1, window + 1):
            if n <= off:
                break
            np.add.at(c, (ids[:-off], ids[off:]), 1.0 / off)
            np.add.at(c, (ids[off:], ids[:-off]), 1.0 / off)
    total = c.sum()
    wsum = c.sum(axis=1)
    csum = c.sum(axis=0) ** 0.75
    csum = csum / csum.sum()
    with np.errstate(divide='ignore', invalid='ignore'):
        pmi = np.log((c / total) / np.outer(wsum / total, csum))
    ppmi = np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0.0).astype(np.float32)
    del c, pmi
    u, s, _ = randomized_svd(ppmi, dim, np.random.RandomState(seed))
    vec = u * np.sqrt(s)
    seen = wsum > 0
    norms = np.linalg.norm(vec, axis=1, keepdims=True)
    vec = np.where(norms > 0, vec / np.maximum(norms, 1e-12), 0.0)
    return vec.astype(np.float32), seen


class Batcher:
    def __init__(self, wp: WordPiece, qmax: int, dmax: int):
        self.wp, self.qmax, self.dmax = wp, qmax, dmax
        self.cache: dict[tuple[str, int], list[int]] = {}

    def ids(self, text: str, limit: int) -> list[int]:
        key = (text, limit)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.wp.encode(text, limit)
            self.cache[key] = hit
        return hit

    def tensor(self, texts: list[str], limit: int) -> tuple[torch.Tensor, torch.Tensor]:
        seqs = [self.ids(t, limit) for t in texts]
        n = max(len(s) for s in seqs)
        ids = torch.zeros(len(seqs), n, dtype=torch.long)
        mask = torch.zeros(len(seqs), n, dtype=torch.long)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(s)
            mask[i, : len(s)] = 1
        return ids, mask


def encode_texts(model: Encoder, batcher: Batcher, texts: list[str], limit: int, bs: int = 64) -> np.ndarray:
    model.eval()
    out = []
    with torch.no_grad():
        order = sorted(range(len(texts)), key=lambda i: len(batcher.ids(texts[i], limit)))
        vecs = [None] * len(texts)
        for s in range(0, len(order), bs):
            idx = order[s : s + bs]
            ids, mask = batcher.tensor([texts[i] for i in idx], limit)
            e = embed(model, ids, mask).numpy()
            for k, i in enumerate(idx):
                vecs[i] = e[k]
        out = np.stack(vecs) if vecs else np.zeros((0, model.config.hidden_size), dtype=np.float32)
    return out


def embed_bucketed(model: Encoder, batcher: Batcher, texts: list[str], limit: int, bucket: int = 32) -> torch.Tensor:
    """Embeds texts in length-sorted sub-batches (less padding; the same result as one padded batch) and returns them
    in the original order, with gradients."""
    order = sorted(range(len(texts)), key=lambda i: len(batcher.ids(texts[i], limit)))
    parts = []
    for s in range(0, len(order), bucket):
        idx = order[s : s + bucket]
        ids, mask = batcher.tensor([texts[i] for i in idx], limit)
        parts.append(embed(model, ids, mask))
    out = torch.cat(parts)
    inv = torch.empty(len(order), dtype=torch.long)
    inv[torch.tensor(order)] = torch.arange(len(order))
    return out[inv]


def mlm_train(model: Encoder, batcher: Batcher, texts: list[str], epochs: int, lr: float, bs: int, log) -> None:
    """Masked language modelling with the output layer tied to the token table (BERT's 80/10/10 masking, 15%)."""
    if epochs <= 0:
        return
    wp = batcher.wp
    bias = torch.nn.Parameter(torch.zeros(len(wp.vocab)))
    head = torch.nn.Linear(model.config.hidden_size, model.config.hidden_size)
    ln = torch.nn.LayerNorm(model.config.hidden_size)
    params = list(model.parameters()) + [bias] + list(head.parameters()) + list(ln.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    texts = [t for t in texts if len(t.split()) >= 3]
    steps = epochs * math.ceil(len(texts) / bs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps))
    for ep in range(epochs):
        random.shuffle(texts)
        tot = 0.0
        for s in range(0, len(texts), bs):
            model.train()
            ids, mask = batcher.tensor(texts[s : s + bs], batcher.dmax)
            labels = ids.clone()
            special = (ids == wp.cls) | (ids == wp.sep) | (mask == 0)
            pick = (torch.rand(ids.shape) < 0.15) & ~special
            labels[~pick] = -100
            inp = ids.clone()
            r = torch.rand(ids.shape)
            inp[pick & (r < 0.8)] = wp.mask
            rnd = pick & (r >= 0.8) & (r < 0.9)
            inp[rnd] = torch.randint(5, len(wp.vocab), (int(rnd.sum()),))
            h = model(inp, mask, torch.zeros_like(inp))
            logits = ln(F.gelu(head(h))) @ model.word.weight.T + bias
            loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), labels.view(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            tot += float(loss)
        log(f'mlm epoch {ep + 1}/{epochs} loss {tot / max(1, math.ceil(len(texts) / bs)):.3f}')


def contrastive_loss(q: torch.Tensor, d: torch.Tensor, pairs: list[Pair], scale: float) -> torch.Tensor:
    n = len(pairs)
    sim = q @ d.T * scale
    mask = torch.zeros(n, n, dtype=torch.bool)
    for i in range(n):
        for j in range(n):
            if i != j and (pairs[i].qlabels <= pairs[j].dlabels or pairs[i].doc == pairs[j].doc
                           or pairs[i].query == pairs[j].query):
                mask[i, j] = True
    sim_qd = sim.masked_fill(mask, -1e4)
    sim_dq = sim.T.masked_fill(mask.T, -1e4)
    target = torch.arange(n)
    return 0.5 * (F.cross_entropy(sim_qd, target) + F.cross_entropy(sim_dq, target))


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../../../../shared/data', help='folder holding the shared data sets')
    ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--train-splits', default='train', help="'train' for model selection, 'train,val' for the final model")
    ap.add_argument('--dim', type=int, default=128)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--ffn', type=int, default=512)
    ap.add_argument('--max-len', type=int, default=64)
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=5e-4)
    ap.add_argument('--scale', type=float, default=20.0, help='inverse temperature of the InfoNCE softmax')
    ap.add_argument('--init', choices=['ppmi', 'random'], default='ppmi')
    ap.add_argument('--ppmi-scale', type=float, default=1.0, help='row norm of the PPMI-initialised token vectors')
    ap.add_argument('--mlm-epochs', type=int, default=0)
    ap.add_argument('--no-uci', action='store_true', help='leave the UCI titles out of the contrastive pairs')
    ap.add_argument('--kinds', default='', help='comma list of pair kinds to train on (default: all)')
    ap.add_argument('--min-count', type=int, default=1, help='vocabulary: keep tokens seen at least this often')
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    logf = open(out / 'train.log', 'w')

    def log(msg: str) -> None:
        print(msg, flush=True)
        logf.write(msg + '\n')
        logf.flush()

    data = Path(args.data)
    products = load_flipkart(data)
    split = split_products(products, SPLIT_SEED)
    train_products = [p for name in args.train_splits.split(',') for p in split[name]]
    uci = load_uci_descriptions(data)
    baskets = load_uci_baskets(data)
    texts = product_texts(train_products) + uci
    log(f'train products {len(train_products)}, uci titles {len(uci)}, uci baskets {len(baskets)}')

    full_vocab = load_vocab_from_tokenizer_json(data / TOKENIZER_DIR / 'tokenizer.json')
    vocab = reduced_vocab(full_vocab, texts, args.min_count)
    wp = WordPiece(vocab, args.max_len)
    log(f'vocabulary {len(vocab)} of {len(full_vocab)} tokens')

    cfg = EncoderConfig(vocab_size=len(vocab), hidden_size=args.dim, num_hidden_layers=args.layers,
                        num_attention_heads=args.heads, intermediate_size=args.ffn, max_position_embeddings=args.max_len)
    model = Encoder(cfg)
    t0 = time.time()
    if args.init == 'ppmi':
        # co-occurrence over product texts, UCI titles and UCI baskets (titles bought together, in invoice order)
        vec, seen = ppmi_svd_init(wp, texts + [' ; '.join(b[:20]) for b in baskets], args.dim, 4, args.seed)
        with torch.no_grad():
            w = model.word.weight
            scale = args.ppmi_scale
            w[torch.from_numpy(seen)] = torch.from_numpy(vec[seen] * scale)
        log(f'ppmi/svd init: {int(seen.sum())} tokens in {time.time() - t0:.1f}s')
    batcher = Batcher(wp, 32, args.max_len)
    mlm_train(model, batcher, texts, args.mlm_epochs, 1e-3, 64, log)

    rng = random.Random(args.seed)
    kinds = set(args.kinds.split(',')) if args.kinds else None
    probe = training_pairs(train_products, uci, random.Random(0), use_uci=not args.no_uci, kinds=kinds)
    steps_per_epoch = math.ceil(len(probe) / args.batch)
    total = args.epochs * steps_per_epoch
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = min(100, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / total))))
    log(f'pairs per epoch ~{len(probe)}, {steps_per_epoch} steps/epoch, {total} steps')
    t0 = time.time()
    for ep in range(args.epochs):
        pairs = training_pairs(train_products, uci, rng, use_uci=not args.no_uci, kinds=kinds)
        tot, nb = 0.0, 0
        for s in range(0, len(pairs), args.batch):
            chunk = pairs[s : s + args.batch]
            if len(chunk) < 8:
                continue
            model.train()
            q = embed_bucketed(model, batcher, [p.query for p in chunk], 32)
            d = embed_bucketed(model, batcher, [p.doc for p in chunk], args.max_len)
            loss = contrastive_loss(q, d, chunk, args.scale)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss)
            nb += 1
        log(f'epoch {ep + 1}/{args.epochs} loss {tot / max(1, nb):.4f} ({time.time() - t0:.0f}s)')
    torch.save({'config': cfg.to_dict(), 'state': model.state_dict(), 'vocab': vocab, 'args': vars(args),
                'train_products': sorted(p.id for p in train_products)}, out / 'model.pt')
    log(f'saved {out / "model.pt"}')
    return {'out': str(out)}


if __name__ == '__main__':
    main()
