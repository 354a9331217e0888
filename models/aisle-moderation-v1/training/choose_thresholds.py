"""Step 3b of build.py: per-label decision thresholds from the VALIDATION split (never the test split).

  flag  = the threshold that maximises F1 over the validation rows of every source that gives the label and has
          negatives for it (pooled; a positives-only source, Civil Comments, says nothing about precision;
          ties: the higher one), raised to the lowest threshold at which validation precision reaches FLAG_PRECISION
          if that costs at most FLAG_F1_SLACK of F1: a flag warns the writer, and the app reads reviews and chat,
          outside the training domain, so a warning should be right nine times in ten where the model is at home;
  block = the lowest threshold >= flag at which validation precision is at least BLOCK_PRECISION and that still
          catches at least half the positives the flag threshold catches (else 0.99), and never below BLOCK_FLOOR, over
          every source that gives the label (Civil Comments' positives included, as before: without them no toxic
          threshold reaches that precision and the model alone would never block abuse):
          validation is in-domain (tweets, comments, SMS) while the app reads reviews and chat, where the model is less sure of
          itself, so refusing a text outright needs a high score; below it the text is flagged.
Flag is what the eval command measures (a flagged text counts as positive); block is the confidence at which the app
refuses a text outright instead of letting it through with a warning. Writes them into runs/model.pt.
"""
import os
import sys

import numpy as np
import torch

from common import LABELS, RUNS_DIR, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel
from train import best_thresholds, labelled, load, predict, prf

BLOCK_PRECISION = 0.97
BLOCK_FLOOR = 0.9
FLAG_PRECISION = 0.9
FLAG_F1_SLACK = 0.02


def informative(rows, label):
    """Rows that can say something about precision for this label: those of sources that give the label and have
    negatives for it. A source of positives only (Civil Comments' toxic spans) would make every threshold look
    precise, and pulled the flag threshold down to where ordinary prose is flagged."""
    negatives = {r['source'] for r in rows if r[label] == 0}
    return np.array([r[label] != -1 and r['source'] in negatives for r in rows])


def flag_thresholds(rows, scores):
    out = {}
    for j, label in enumerate(LABELS):
        sel = informative(rows, label)
        sub = [r for r, k in zip(rows, sel) if k]
        best = best_thresholds(sub, scores[sel])[label]
        y = np.array([r[label] for r in sub])
        s = scores[sel, j]
        best_f1 = prf(y, (s >= best).astype(int))['f1']
        out[label] = best
        for t in np.round(np.arange(best, 0.951, 0.01), 2):
            m = prf(y, (s >= t).astype(int))
            if m['f1'] < best_f1 - FLAG_F1_SLACK:
                break
            if m['precision'] >= FLAG_PRECISION:
                out[label] = float(t)
                break
    return out


def block_thresholds(rows, scores, flag):
    out = {}
    for j, label in enumerate(LABELS):
        sel = labelled(rows, label)
        y = np.array([r[label] for r in rows])[sel]
        s = scores[sel, j]
        base_tp = int(((s >= flag[label]) & (y == 1)).sum())
        chosen = 0.99
        for t in np.round(np.arange(flag[label], 0.991, 0.01), 2):
            m = prf(y, (s >= t).astype(int))
            tp = int(((s >= t) & (y == 1)).sum())
            if m['precision'] >= BLOCK_PRECISION and tp >= 0.5 * base_tp and tp > 0:
                chosen = float(t)
                break
        out[label] = max(chosen, BLOCK_FLOOR)
    return out


def choose(model, data_dir=None):
    rows, ids = load('val', data_dir)
    scores = predict(model, ids)
    flag = flag_thresholds(rows, scores)
    block = block_thresholds(rows, scores, flag)
    return {l: {'flag': flag[l], 'block': block[l]} for l in LABELS}


def main():
    set_threads()
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(RUNS_DIR, 'model.pt')
    ckpt = torch.load(path)
    model = TinyBertForMultiLabel(TinyBertConfig(**ckpt['config']))
    model.load_state_dict(ckpt['state_dict'])
    ckpt['thresholds'] = choose(model, ckpt['args'].get('data_dir'))
    torch.save(ckpt, path)
    print(f"thresholds (validation): {ckpt['thresholds']}")


if __name__ == '__main__':
    main()
