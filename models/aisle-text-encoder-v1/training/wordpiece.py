"""BERT WordPiece tokenisation (uncased) in pure Python, and a reduced-vocabulary tokenizer.json writer.

Mirrors the Hugging Face `tokenizers` pipeline in all-MiniLM-L6-v2's tokenizer.json (BertNormalizer with clean_text,
handle_chinese_chars, lowercase and accent stripping; BertPreTokenizer; WordPiece with '##' and 100 chars per word),
which is what Transformers.js runs. check_tokenizer.mjs (run by build.py) verifies that Transformers.js produces the
same ids as this file on every training and evaluation text.
"""
from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def _is_control(ch: str) -> bool:
    if ch in '\t\n\r':
        return False
    return unicodedata.category(ch).startswith('C')


def _is_whitespace(ch: str) -> bool:
    if ch in ' \t\n\r':
        return True
    return unicodedata.category(ch) == 'Zs'


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def _is_chinese(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F
    )


def normalise(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(' ')
        elif _is_chinese(cp):
            out.append(f' {ch} ')
        else:
            out.append(ch)
    text = ''.join(out)
    text = ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn')
    return text.lower()


def pre_tokenise(text: str) -> list[str]:
    pieces: list[str] = []
    cur: list[str] = []
    for ch in text:
        if _is_whitespace(ch):
            if cur:
                pieces.append(''.join(cur))
                cur = []
        elif _is_punctuation(ch):
            if cur:
                pieces.append(''.join(cur))
                cur = []
            pieces.append(ch)
        else:
            cur.append(ch)
    if cur:
        pieces.append(''.join(cur))
    return pieces


class WordPiece:
    def __init__(self, vocab: dict[str, int], max_len: int = 128):
        self.vocab = vocab
        self.max_len = max_len
        self.unk = vocab['[UNK]']
        self.cls = vocab['[CLS]']
        self.sep = vocab['[SEP]']
        self.pad = vocab['[PAD]']
        self.mask = vocab['[MASK]']
        self._cache: dict[str, list[str]] = {}

    def word_pieces(self, word: str) -> list[str]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > 100:
            out = ['[UNK]']
        else:
            out = []
            start = 0
            while start < len(word):
                end = len(word)
                cur = None
                while start < end:
                    sub = word[start:end]
                    if start > 0:
                        sub = '##' + sub
                    if sub in self.vocab:
                        cur = sub
                        break
                    end -= 1
                if cur is None:
                    out = ['[UNK]']
                    break
                out.append(cur)
                start = end
        self._cache[word] = out
        return out

    def tokens(self, text: str) -> list[str]:
        return [p for w in pre_tokenise(normalise(text)) for p in self.word_pieces(w)]

    def encode(self, text: str, max_len: int | None = None) -> list[int]:
        """[CLS] tokens [SEP], then cut to max_len. This is what Transformers.js 4.3 does with `truncation: true`: it
        cuts the finished sequence, so a text longer than max_len - 1 tokens ends without [SEP]."""
        limit = max_len or self.max_len
        ids = [self.cls] + [self.vocab[t] for t in self.tokens(text)[: limit]] + [self.sep]
        return ids[:limit]


def load_vocab_from_tokenizer_json(path: Path) -> dict[str, int]:
    return json.loads(Path(path).read_text(encoding='utf-8'))['model']['vocab']


def reduced_vocab(full: dict[str, int], texts: list[str], min_count: int = 1) -> dict[str, int]:
    """Keep the special tokens, every token the full vocabulary uses on `texts` (seen at least min_count times) and the
    single ASCII characters with their '##' forms, so that any ASCII word still tokenises without [UNK]. Ids are
    renumbered: specials first, then the kept tokens in their original order."""
    wp = WordPiece(full)
    counts: dict[str, int] = {}
    for t in texts:
        for tok in wp.tokens(t):
            counts[tok] = counts.get(tok, 0) + 1
    keep = {tok for tok, c in counts.items() if c >= min_count}
    for cp in range(33, 127):
        ch = chr(cp).lower()
        for tok in (ch, '##' + ch):
            if tok in full:
                keep.add(tok)
    keep -= set(SPECIALS)
    ordered = SPECIALS + sorted(keep, key=lambda t: full[t])
    return {tok: i for i, tok in enumerate(ordered)}


def write_tokenizer_files(src_dir: Path, out_dir: Path, vocab: dict[str, int], max_len: int) -> None:
    """tokenizer.json, tokenizer_config.json, special_tokens_map.json and vocab.txt for the reduced vocabulary."""
    tok = json.loads((src_dir / 'tokenizer.json').read_text(encoding='utf-8'))
    tok = copy.deepcopy(tok)
    tok['model']['vocab'] = vocab
    tok['truncation'] = {'direction': 'Right', 'max_length': max_len, 'strategy': 'LongestFirst', 'stride': 0}
    tok['padding'] = None
    for added in tok['added_tokens']:
        added['id'] = vocab[added['content']]
    for name, spec in tok['post_processor']['special_tokens'].items():
        spec['ids'] = [vocab[name]]
    (out_dir / 'tokenizer.json').write_text(json.dumps(tok, ensure_ascii=False, separators=(',', ':')), encoding='utf-8')
    cfg = json.loads((src_dir / 'tokenizer_config.json').read_text(encoding='utf-8'))
    cfg['model_max_length'] = max_len
    (out_dir / 'tokenizer_config.json').write_text(json.dumps(cfg, indent=2) + '\n', encoding='utf-8')
    (out_dir / 'special_tokens_map.json').write_text(
        (src_dir / 'special_tokens_map.json').read_text(encoding='utf-8'), encoding='utf-8')
    inv = sorted(vocab.items(), key=lambda kv: kv[1])
    (out_dir / 'vocab.txt').write_text(''.join(t + '\n' for t, _ in inv), encoding='utf-8')
