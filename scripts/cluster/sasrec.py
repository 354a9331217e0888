"""
SASRec in PyTorch: the same architecture, the same weights and the same scores as the app's TF.js model
(workers/recommender/model/model.ts). Weight names, shapes and layouts are the TF.js ones, so a state saved here is
loaded there as it is:

    item representation  e_i = id_i (optional) + text_i @ item/text + item/category[cat_i] + item/priceBand[band_i]
    input                x_t = sqrt(d) * e_{s_t} + position[maxLen - L + t], dropout, masked
    blocks               pre-norm causal self-attention (queries from the normalised input, keys and values from the
                         input, residual on the normalised input) and a point-wise feed-forward block with a residual
    output               final layer norm; the score of item i after position t is h_t . e_i

Dense weights are stored [in, out] (x @ w + b), as TF.js does; layer norms use epsilon 1e-8; blocked attention keys get
-1e9, as in TF.js, so that padded rows stay finite. tests/unit/recs/cluster-parity.test.ts checks the scores against
TF.js on a fixed batch.
"""
import math
from collections import OrderedDict

import torch
from torch import nn
import torch.nn.functional as F

BLOCKED = -1e9
LN_EPSILON = 1e-8

BLOCK_PARAMS = (
    ('attnNorm/gamma', 'd'), ('attnNorm/beta', 'd'),
    ('query/w', 'dd'), ('query/b', 'd'), ('key/w', 'dd'), ('key/b', 'd'),
    ('value/w', 'dd'), ('value/b', 'd'), ('out/w', 'dd'), ('out/b', 'd'),
    ('ffnNorm/gamma', 'd'), ('ffnNorm/beta', 'd'),
    ('ffn1/w', 'df'), ('ffn1/b', 'f'), ('ffn2/w', 'fd'), ('ffn2/b', 'd'),
)


def parameter_shapes(config):
    """(name, shape) of every weight, in the TF.js model's order (the order of its checkpoints)."""
    n, d, f = config['numItems'], config['dim'], config['ffnDim']
    content = config.get('content') or {}
    out = []
    if config['idEmbedding']:
        out.append(('item/id', (n, d)))
    if content.get('textDim', 0) > 0:
        out.append(('item/text', (content['textDim'], d)))
    if content.get('numCategories', 0) > 0:
        out.append(('item/category', (content['numCategories'], d)))
    if content.get('numPriceBands', 0) > 0:
        out.append(('item/priceBand', (content['numPriceBands'], d)))
    out.append(('position', (config['maxLen'], d)))
    dims = {'d': d, 'f': f}
    for b in range(config['blocks']):
        for name, kind in BLOCK_PARAMS:
            out.append((f'block{b}/{name}', tuple(dims[k] for k in kind)))
    out.append(('final/gamma', (d,)))
    out.append(('final/beta', (d,)))
    return out


def _init(name, shape):
    """Initial values like the TF.js model's (truncated normal tables, Glorot matrices, unit gains, zero biases)."""
    if name.endswith('/gamma'):
        return torch.ones(shape)
    if name.endswith('/beta') or name.endswith('/b'):
        return torch.zeros(shape)
    if name.endswith('/w') or name == 'item/text':
        limit = math.sqrt(6 / (shape[0] + shape[1]))
        return (torch.rand(shape) * 2 - 1) * limit
    std = 1 / math.sqrt(shape[1])
    return nn.init.trunc_normal_(torch.empty(shape), std=std, a=-2 * std, b=2 * std)


class Sasrec(nn.Module):
    def __init__(self, config, features=None, seed=None):
        super().__init__()
        self.config = config
        self.names = [name for name, _ in parameter_shapes(config)]
        # The same seed gives the same initial weights on every process (DDP also broadcasts rank 0's).
        torch.manual_seed(config['seed'] if seed is None else seed)
        # nn.ParameterDict keys may not contain '/' or '.': keep the TF.js names beside them. An OrderedDict keeps the
        # TF.js order (torch 1.13 sorts the keys of a plain dict).
        self.weights = nn.ParameterDict(OrderedDict(
            (_key(name), nn.Parameter(_init(name, shape))) for name, shape in parameter_shapes(config)
        ))
        self.features = {}
        if features is not None:
            self.set_features(features)
        elif config.get('content'):
            raise ValueError('This model uses content features: pass the item features (text, category, price band).')

    def w(self, name):
        return self.weights[_key(name)]

    def set_features(self, features):
        """features: dict with optional 'text' [numItems, textDim] float32, 'category' and 'priceBand' [numItems] int64."""
        n = self.config['numItems']
        content = self.config.get('content') or {}
        self.features = {}
        if content.get('textDim', 0) > 0:
            text = torch.as_tensor(features['text'], dtype=torch.float32)
            if tuple(text.shape) != (n, content['textDim']):
                raise ValueError(f'Item features: expected a text matrix of {n} x {content["textDim"]}, got {tuple(text.shape)}.')
            self.features['text'] = text
        for key, count in (('category', content.get('numCategories', 0)), ('priceBand', content.get('numPriceBands', 0))):
            if count > 0:
                idx = torch.as_tensor(features[key], dtype=torch.int64)
                if tuple(idx.shape) != (n,) or int(idx.min()) < 0 or int(idx.max()) >= count:
                    raise ValueError(f'Item features: expected {key} for each of {n} items in 0..{count - 1}.')
                self.features[key] = idx

    def to(self, *args, **kwargs):
        out = super().to(*args, **kwargs)
        device = self.w('position').device
        self.features = {k: v.to(device) for k, v in self.features.items()}
        return out

    def item_table(self):
        """Every item's representation [numItems, d]."""
        parts = []
        if self.config['idEmbedding']:
            parts.append(self.w('item/id'))
        f = self.features
        if 'text' in f:
            parts.append(f['text'] @ self.w('item/text'))
        if 'category' in f:
            parts.append(self.w('item/category')[f['category']])
        if 'priceBand' in f:
            parts.append(self.w('item/priceBand')[f['priceBand']])
        table = parts[0]
        for p in parts[1:]:
            table = table + p
        return table

    def encode(self, items, mask, table):
        """Hidden states [B, L, d] of left-padded histories items [B, L] (int64) with mask [B, L] (1 = present)."""
        c = self.config
        d, heads, max_len = c['dim'], c['heads'], c['maxLen']
        B, L = items.shape
        if L > max_len:
            raise ValueError(f'batch length {L} exceeds maxLen {max_len}')
        dh = d // heads
        rate = c['dropout'] if self.training else 0.0
        m = mask.to(table.dtype).unsqueeze(-1)
        present = mask > 0
        causal = torch.ones(L, L, dtype=torch.bool, device=items.device).tril()
        allowed = causal.unsqueeze(0) & present.unsqueeze(1)  # [B, query, key]
        attn_mask = torch.zeros(B, 1, L, L, dtype=table.dtype, device=items.device)
        attn_mask.masked_fill_(~allowed.unsqueeze(1), BLOCKED)
        pos = self.w('position')[max_len - L:]
        x = F.dropout(table[items] * math.sqrt(d) + pos, rate, self.training) * m

        def split(t):
            return t.view(B, L, heads, dh).transpose(1, 2)

        for b in range(c['blocks']):
            p = f'block{b}/'
            q = F.layer_norm(x, (d,), self.w(p + 'attnNorm/gamma'), self.w(p + 'attnNorm/beta'), LN_EPSILON)
            Q = split(q @ self.w(p + 'query/w') + self.w(p + 'query/b'))
            K = split(x @ self.w(p + 'key/w') + self.w(p + 'key/b'))
            V = split(x @ self.w(p + 'value/w') + self.w(p + 'value/b'))
            scores = Q @ K.transpose(-1, -2) * (1 / math.sqrt(dh)) + attn_mask
            attn = F.dropout(torch.softmax(scores, dim=-1), rate, self.training)
            o = (attn @ V).transpose(1, 2).reshape(B, L, d)
            x = q + (o @ self.w(p + 'out/w') + self.w(p + 'out/b'))
            x = F.layer_norm(x, (d,), self.w(p + 'ffnNorm/gamma'), self.w(p + 'ffnNorm/beta'), LN_EPSILON)
            hidden = F.dropout(torch.relu(x @ self.w(p + 'ffn1/w') + self.w(p + 'ffn1/b')), rate, self.training)
            x = x + F.dropout(hidden @ self.w(p + 'ffn2/w') + self.w(p + 'ffn2/b'), rate, self.training)
            x = x * m
        return F.layer_norm(x, (d,), self.w('final/gamma'), self.w('final/beta'), LN_EPSILON)

    def forward(self, items, mask):
        """Hidden states of a padded batch and the item table they were computed with (what training needs)."""
        table = self.item_table()
        return self.encode(items, mask, table), table

    def user_vectors(self, histories, table):
        """The representation after each history's last item, [len(histories), d] (histories: lists of indices)."""
        items, mask = pad_histories(histories, self.config['maxLen'], table.device)
        h = self.encode(items, mask, table)
        return h[:, -1]

    def score_histories(self, histories):
        """Scores of every item for each history, [len(histories), numItems]."""
        table = self.item_table()
        return self.user_vectors(histories, table) @ table.T

    def ordered_parameters(self):
        """The parameters in the TF.js order (the order of its checkpoints and of its optimizer's moments)."""
        return [self.w(name) for name in self.names]

    def named_weights(self):
        """(TF.js name, float32 tensor) in the TF.js order."""
        return [(name, self.w(name).detach()) for name in self.names]

    def load_named_weights(self, weights):
        """Loads {name: array} saved by the TF.js model (or by named_weights); every weight must be there."""
        with torch.no_grad():
            for name, shape in parameter_shapes(self.config):
                if name not in weights:
                    raise ValueError(f'The weights have no {name}; they were saved by a different model configuration.')
                value = torch.as_tensor(weights[name], dtype=torch.float32).reshape(shape)
                self.w(name).copy_(value)


def _key(name):
    return name.replace('/', '__')


def pad_histories(histories, max_len, device=None):
    """Left-pads histories to the longest (at most max_len; the last items of each are kept), as the TF.js model does."""
    L = max(1, min(max_len, max((len(h) for h in histories), default=1)))
    items = torch.zeros(len(histories), L, dtype=torch.int64)
    mask = torch.zeros(len(histories), L, dtype=torch.float32)
    for b, h in enumerate(histories):
        h = list(h)[-L:]
        if h:
            items[b, L - len(h):] = torch.as_tensor(h, dtype=torch.int64)
            mask[b, L - len(h):] = 1
    return items.to(device), mask.to(device)
