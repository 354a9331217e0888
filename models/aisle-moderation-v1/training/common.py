"""Shared constants and helpers for the aisle-moderation-v1 training pipeline (see build.py)."""
import hashlib
import html
import os
import random
import re

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.dirname(HERE)
REPO_DIR = os.path.dirname(os.path.dirname(MODEL_DIR))
# Work files (splits, token ids, checkpoints, leave-one-source-out runs): .tmp/<model-id>/ at the repository root,
# as for every model's training folder; the shipped files go to MODEL_DIR, the records the card quotes to HERE.
WORK_DIR = os.environ.get('AISLE_WORK_DIR', os.path.join(REPO_DIR, '.tmp', os.path.basename(MODEL_DIR)))
DATA_DIR = os.path.join(WORK_DIR, 'data')
RUNS_DIR = os.path.join(WORK_DIR, 'runs')
SHARED_DATA = os.environ.get('AISLE_SHARED_DATA', os.path.join(MODEL_DIR, '..', '..', '..', 'shared', 'data'))

LABELS = ['toxic', 'hate', 'spam']
SEED = 20240611

# Split rule (deterministic, reproducible anywhere): the bucket of a text is the first 8 hex digits of
# sha1(<dataset> + ":" + <normalised text>) modulo 100. Identical texts (the SMS file has ~400 duplicates) therefore
# always fall in the same split, so no held-out text is ever seen in training.
TEST_BUCKETS = range(0, 20)    # 20 %: held-out test, never used in training or threshold choice
VAL_BUCKETS = range(20, 30)    # 10 %: early stopping and threshold choice


def split_of(dataset: str, text: str) -> str:
    key = dataset + ':' + ' '.join(text.lower().split())
    bucket = int(hashlib.sha1(key.encode('utf-8')).hexdigest()[:8], 16) % 100
    if bucket in TEST_BUCKETS:
        return 'test'
    if bucket in VAL_BUCKETS:
        return 'val'
    return 'train'


_MENTION = re.compile(r'@\w{1,30}')
_SPACES = re.compile(r'\s+')


def normalise(text: str) -> str:
    """Training-side text normalisation. The runtime applies the same steps (normaliseForClassifier in
    workers/language/moderation/classifier.ts): HTML entities decoded, @handles replaced by "@user", whitespace
    collapsed."""
    text = html.unescape(html.unescape(text))
    text = _MENTION.sub('@user', text)
    return _SPACES.sub(' ', text).strip()


def seed_everything(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def set_threads() -> None:
    # The build machines are shared: one thread unless told otherwise.
    torch.set_num_threads(int(os.environ.get('AISLE_TORCH_THREADS', '1')))
