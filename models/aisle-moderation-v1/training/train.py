"""Step 3 of build.py: (optional) masked-token pre-training on the training texts, then multi-label fine-tuning.

Reads data/{train,val}.jsonl and data/{train,val}.ids.json (tokenize_data.mjs), writes runs/model.pt (weights, config,
thresholds) and runs/val-metrics.json. The held-out test split is never read here. Seeded; one torch thread by
default (AISLE_TORCH_THREADS) because the build machines are shared.

  /usr/bin/python3 models/aisle-moderation-v1/training/train.py [--epochs 5] [--mlm-epochs 3] [--hidden 128] ...
"""
import argparse
import json
import math
import os
import random
import re
import time

import numpy as np
import torch
from torch import nn

from common import DATA_DIR, LABELS, RUNS_DIR, SEED, seed_everything, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMaskedLM, TinyBertForMultiLabel

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
NUMBER_SOURCES = ('sms', 'synthetic-spam', 'synthetic-shop')


def load(split, data_dir=None):
    """Rows and token ids of a split: data/{split}.jsonl + .ids.json, or a leave-one-source-out folder's
    {split}.rows.json + .ids.json (tokenize_data.mjs --out)."""
    if data_dir:
        rows = json.load(open(os.path.join(data_dir, f'{split}.rows.json'), encoding='utf-8'))
        ids = json.load(open(os.path.join(data_dir, f'{split}.ids.json'), encoding='utf-8'))
        assert len(rows) == len(ids), f'{data_dir}/{split}: {len(rows)} rows but {len(ids)} token lists'
        return rows, ids
    rows = [json.loads(l) for l in open(os.path.join(DATA_DIR, f'{split}.jsonl'), encoding='utf-8')]
    ids = json.load(open(os.path.join(DATA_DIR, f'{split}.ids.json'), encoding='utf-8'))
    assert len(rows) == len(ids), f'{split}: {len(rows)} rows but {len(ids)} token lists: rerun tokenize_data.mjs'
    return rows, ids


def batches(ids, batch_size, shuffle, rng):
    """Length-bucketed batches: sort by length within shuffled chunks of 50 batches, then shuffle the batches."""
    order = list(range(len(ids)))
    if shuffle:
        rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: len(ids[i]))
        out.extend(part[j:j + batch_size] for j in range(0, len(part), batch_size))
    if shuffle:
        rng.shuffle(out)
    return out


def collate(ids, idx):
    longest = max(len(ids[i]) for i in idx)
    x = torch.zeros((len(idx), longest), dtype=torch.long)
    m = torch.zeros((len(idx), longest), dtype=torch.long)
    for r, i in enumerate(idx):
        x[r, :len(ids[i])] = torch.tensor(ids[i])
        m[r, :len(ids[i])] = 1
    return x, m, torch.zeros_like(x)


def schedule(opt, base_lr, step, total, warmup):
    lr = base_lr * (step / warmup if step < warmup else max(0.0, (total - step) / max(1, total - warmup)))
    for g in opt.param_groups:
        g['lr'] = lr


def masked_bce(hate_weight, spam_weight):
    """Binary cross-entropy per label (positive weights for hate and spam); a label a source does not give (-1) adds
    nothing to the loss."""
    bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, hate_weight, spam_weight]), reduction='none')

    def loss_fn(logits, y):
        known = (y >= 0).float()
        return (bce(logits, y.clamp(min=0)) * known).sum() / known.sum().clamp(min=1.0)
    return loss_fn


def train_epoch(model, opt, loss_fn, ids, y, batch_size, lr, step, total, rng):
    """One pass over `ids` (targets `y`) in length-bucketed batches, warm-up then linear decay over `total` steps;
    returns the step reached and the batch losses."""
    model.train()
    losses = []
    for idx in batches(ids, batch_size, True, rng):
        x, m, tt = collate(ids, idx)
        schedule(opt, lr, step, total, max(1, total // 10))
        loss = loss_fn(model(x, m, tt), y[idx])
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        losses.append(loss.item())
        if step % 200 == 0:
            print(f'  step {step}/{total}: loss {np.mean(losses[-200:]):.4f}', flush=True)
    return step, losses


def pretrain_mlm(model, ids, args, rng):
    mlm = TinyBertForMaskedLM(model.bert)
    opt = torch.optim.AdamW(mlm.parameters(), lr=args.mlm_lr, weight_decay=0.01)
    vocab = model.bert.config.vocab_size
    total = args.mlm_epochs * math.ceil(len(ids) / args.batch_size)
    step = 0
    gen = torch.Generator().manual_seed(SEED)
    for epoch in range(args.mlm_epochs):
        mlm.train()
        t0, losses = time.time(), []
        for idx in batches(ids, args.batch_size, True, rng):
            x, m, tt = collate(ids, idx)
            labels = x.clone()
            candidates = (x > MASK)  # never mask [PAD] [UNK] [CLS] [SEP] [MASK]
            chosen = (torch.rand(x.shape, generator=gen) < 0.15) & candidates
            r = torch.rand(x.shape, generator=gen)
            inputs = x.clone()
            inputs[chosen & (r < 0.8)] = MASK
            rand_tok = chosen & (r >= 0.8) & (r < 0.9)
            inputs[rand_tok] = torch.randint(5, vocab, (int(rand_tok.sum()),), generator=gen)
            if not chosen.any():
                continue
            schedule(opt, args.mlm_lr, step, total, max(1, total // 20))
            logits = mlm(inputs, m, tt, chosen)
            loss = nn.functional.cross_entropy(logits, labels[chosen])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(mlm.parameters(), 1.0)
            opt.step()
            step += 1
            losses.append(loss.item())
        print(f'mlm epoch {epoch + 1}/{args.mlm_epochs}: loss {np.mean(losses):.3f} ({time.time() - t0:.0f} s)', flush=True)


def predict(model, ids, batch_size=256):
    model.eval()
    out = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
    with torch.no_grad():
        for idx in batches(ids, batch_size, False, None):
            x, m, tt = collate(ids, idx)
            out[idx] = torch.sigmoid(model(x, m, tt)).numpy()
    return out


def prf(y, p):
    tp = int(((p == 1) & (y == 1)).sum())
    fp = int(((p == 1) & (y == 0)).sum())
    fn = int(((p == 0) & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {'precision': precision, 'recall': recall, 'f1': f1, 'accuracy': float((p == y).mean()), 'n': int(len(y)),
            'positives': int(y.sum())}


def labelled(rows, label):
    """Rows whose source gives this label (1 or 0; -1 means the source does not say)."""
    return np.array([r[label] != -1 for r in rows])


def evaluate(rows, scores, thresholds):
    """Per label, over every row of every source that gives the label (pooled)."""
    out = {}
    for j, label in enumerate(LABELS):
        sel = labelled(rows, label)
        y = np.array([r[label] for r in rows])[sel]
        out[label] = prf(y, (scores[sel, j] >= thresholds[label]).astype(int))
        out[label]['threshold'] = thresholds[label]
    return out


def best_thresholds(rows, scores):
    """Per label, the threshold that maximises pooled F1 on the validation rows (ties: the higher one)."""
    th = {}
    for j, label in enumerate(LABELS):
        sel = labelled(rows, label)
        y = np.array([r[label] for r in rows])[sel]
        best = (-1.0, 0.5)
        for t in np.round(np.arange(0.05, 0.96, 0.01), 2):
            f1 = prf(y, (scores[sel, j] >= t).astype(int))['f1']
            if f1 >= best[0]:
                best = (f1, float(t))
        th[label] = best[1]
    return th


SOURCES = ['davidson', 'sms', 'hatexplain', 'civil', 'stormfront', 'convabuse', 'wikitalk', 'cold', 'swsr']
# What each held-out source measures: its own label. Stormfront labels hate only, so toxicity there means "flagged as
# toxic or hateful" against its hate label; civil (toxic spans) has positives only, so its precision is 1 by
# construction and F1 = 2r / (1 + r).
MEASURE = {'sms': 'spam', 'stormfront': 'toxic-or-hate'}


def measure(source, rows, scores, thresholds):
    """The figure each source is judged by (MEASURE), on its rows, at the flag thresholds."""
    what = MEASURE.get(source, 'toxic')
    if what == 'spam':
        y = np.array([r['spam'] for r in rows])
        p = (scores[:, 2] >= thresholds['spam']['flag']).astype(int)
    elif what == 'toxic-or-hate':
        y = np.array([r['hate'] for r in rows])
        p = ((scores[:, 0] >= thresholds['toxic']['flag']) | (scores[:, 1] >= thresholds['hate']['flag'])).astype(int)
    else:
        y = np.array([r['toxic'] for r in rows])
        p = (scores[:, 0] >= thresholds['toxic']['flag']).astype(int)
    out = prf(y, p)
    out['measure'] = what
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--mlm-epochs', type=int, default=1)
    ap.add_argument('--batch-size', type=int, default=32)
    ap.add_argument('--lr', type=float, default=3e-4)
    ap.add_argument('--mlm-lr', type=float, default=1e-3)
    ap.add_argument('--hidden', type=int, default=128)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--intermediate', type=int, default=512)
    ap.add_argument('--spam-weight', type=float, default=3.0, help='positive-class weight of the spam loss')
    ap.add_argument('--hate-weight', type=float, default=3.0, help='positive-class weight of the hate loss')
    ap.add_argument('--dropout', type=float, default=0.2)
    ap.add_argument('--number-oversample', type=int, default=2,
                    help='each epoch sees every row of the number-heavy sources (SMS, synthetic spam and shop texts) '
                         'this many times, the extra copies augmented')
    ap.add_argument('--aug-drop', type=float, default=0.1,
                    help='in the extra copies, drop each token with this probability and replace digit pieces')
    ap.add_argument('--data-dir', default=None, help='a leave-one-source-out folder written by tokenize_data.mjs --out')
    ap.add_argument('--out', default=os.path.join(RUNS_DIR, 'model.pt'))
    args = ap.parse_args()

    set_threads()
    seed_everything()
    rng = random.Random(SEED)
    train_rows, train_ids = load('train', args.data_dir)
    val_rows, val_ids = load('val', args.data_dir)
    tokenizer_dir = args.data_dir or os.path.join(os.path.dirname(DATA_DIR), '..')
    vocab = json.load(open(os.path.join(tokenizer_dir, 'tokenizer.json'), encoding='utf-8'))
    config = TinyBertConfig(vocab_size=len(vocab['model']['vocab']), hidden_size=args.hidden,
                            num_hidden_layers=args.layers, num_attention_heads=args.heads,
                            intermediate_size=args.intermediate, num_labels=len(LABELS),
                            hidden_dropout_prob=args.dropout)
    model = TinyBertForMultiLabel(config)
    print(f'{sum(p.numel() for p in model.parameters()):,} parameters; {args}', flush=True)

    if args.mlm_epochs > 0:
        pretrain_mlm(model, train_ids, args, rng)

    # Extra copies of the number-heavy rows (spam and ordinary shop texts), augmented: tokens dropped at random and digit
    # pieces swapped for other digit pieces, so the model learns neither particular numbers nor "a long number means
    # spam". Rebuilt every epoch.
    vocab_map = vocab['model']['vocab']
    digit_ids = np.array(sorted(i for t, i in vocab_map.items() if re.fullmatch(r'(?:##)?\d+', t)))
    is_digit = np.zeros(config.vocab_size, dtype=bool)
    is_digit[digit_ids] = True
    aug_rng = np.random.default_rng(SEED)
    sms_idx = [i for i, r in enumerate(train_rows) if r['source'] in NUMBER_SOURCES]

    def augment(ids):
        body = np.array(ids[1:-1])
        keep = aug_rng.random(len(body)) >= args.aug_drop
        if keep.sum() == 0:
            keep[0] = True
        body = body[keep]
        digits = is_digit[body]
        body[digits] = aug_rng.choice(digit_ids, int(digits.sum()))
        return [ids[0], *body.tolist(), ids[-1]]

    y_base = [[r[l] for l in LABELS] for r in train_rows]
    loss_fn = masked_bce(args.hate_weight, args.spam_weight)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    per_epoch = len(train_ids) + (args.number_oversample - 1) * len(sms_idx)
    total = args.epochs * math.ceil(per_epoch / args.batch_size)
    step, best = 0, None
    for epoch in range(args.epochs):
        t0 = time.time()
        epoch_ids = list(train_ids)
        epoch_y = list(y_base)
        for _ in range(args.number_oversample - 1):
            epoch_ids += [augment(train_ids[i]) for i in sms_idx]
            epoch_y += [y_base[i] for i in sms_idx]
        y = torch.tensor(epoch_y, dtype=torch.float32)
        step, losses = train_epoch(model, opt, loss_fn, epoch_ids, y, args.batch_size, args.lr, step, total, rng)
        scores = predict(model, val_ids)
        th = best_thresholds(val_rows, scores)
        metrics = evaluate(val_rows, scores, th)
        # Model selection on validation only: the two figures the issue sets a bar for, plus half the hate F1.
        selection = metrics['spam']['f1'] + metrics['toxic']['f1'] + 0.5 * metrics['hate']['f1']
        print(f'epoch {epoch + 1}/{args.epochs}: loss {np.mean(losses):.4f} ({time.time() - t0:.0f} s) val ' +
              ' '.join(f"{l} f1 {metrics[l]['f1']:.3f}@{th[l]:.2f}" for l in LABELS), flush=True)
        if best is None or selection > best[0]:
            best = (selection, epoch + 1, {k: v.clone() for k, v in model.state_dict().items()}, th, metrics)

    _, epoch, state, th, metrics = best
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    torch.save({'state_dict': state, 'config': config.to_dict(), 'thresholds': th, 'epoch': epoch,
                'args': vars(args)}, args.out)
    with open(os.path.join(os.path.dirname(args.out), 'val-metrics.json'), 'w') as f:
        json.dump({'epoch': epoch, 'thresholds': th, 'metrics': metrics}, f, indent=2)
    print(f'kept epoch {epoch}: thresholds {th}')


if __name__ == '__main__':
    main()
