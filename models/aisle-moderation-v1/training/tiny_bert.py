"""A small BERT encoder (post-LayerNorm, GELU, learned absolute positions, token types) with a multi-label head.

The graph exported to ONNX takes input_ids, attention_mask and token_type_ids ([batch, seq] int64) and returns logits
([batch, num_labels]); Transformers.js applies the sigmoid (config.json problem_type multi_label_classification).
The head pools the encoder output two ways, the [CLS] vector and the masked mean over tokens, and feeds their
concatenation to a tanh layer and the classifier: with no pre-training, the mean lets every token vote from the start.
"""
import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass
class TinyBertConfig:
    vocab_size: int = 8000
    hidden_size: int = 128
    num_hidden_layers: int = 2
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    initializer_range: float = 0.02
    num_labels: int = 3

    def to_dict(self):
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, c: TinyBertConfig):
        super().__init__()
        self.heads = c.num_attention_heads
        self.head_dim = c.hidden_size // c.num_attention_heads
        self.qkv = nn.Linear(c.hidden_size, 3 * c.hidden_size)
        self.out = nn.Linear(c.hidden_size, c.hidden_size)
        self.drop = nn.Dropout(c.attention_probs_dropout_prob)

    def forward(self, x, mask_bias):
        b, s, h = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask_bias
        probs = self.drop(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, s, h)
        return self.out(ctx)


class Layer(nn.Module):
    def __init__(self, c: TinyBertConfig):
        super().__init__()
        self.attn = SelfAttention(c)
        self.ln1 = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.ff = nn.Sequential(nn.Linear(c.hidden_size, c.intermediate_size), nn.GELU(),
                                nn.Linear(c.intermediate_size, c.hidden_size))
        self.ln2 = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.drop = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x, mask_bias):
        x = self.ln1(x + self.drop(self.attn(x, mask_bias)))
        return self.ln2(x + self.drop(self.ff(x)))


class TinyBert(nn.Module):
    def __init__(self, c: TinyBertConfig):
        super().__init__()
        self.config = c
        self.word = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=0)
        self.position = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.ln = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c.num_hidden_layers)])
        self.apply(self._init)

    def _init(self, m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=self.config.initializer_range)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        s = input_ids.shape[1]
        positions = torch.arange(s, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        x = self.drop(self.ln(x))
        mask = attention_mask.to(x.dtype)
        mask_bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x


class TinyBertForMultiLabel(nn.Module):
    def __init__(self, c: TinyBertConfig):
        super().__init__()
        self.bert = TinyBert(c)
        self.pool = nn.Linear(2 * c.hidden_size, c.hidden_size)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.classifier = nn.Linear(c.hidden_size, c.num_labels)
        for m in (self.pool, self.classifier):
            nn.init.normal_(m.weight, std=c.initializer_range)
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        x = self.bert(input_ids, attention_mask, token_type_ids)
        mask = attention_mask.to(x.dtype).unsqueeze(-1)
        mean = (x * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        pooled = torch.tanh(self.pool(torch.cat([x[:, 0], mean], dim=-1)))
        return self.classifier(self.drop(pooled))


class TinyBertForMaskedLM(nn.Module):
    """Pre-training head (masked-token prediction over the training texts), tied to the word embeddings."""

    def __init__(self, bert: TinyBert):
        super().__init__()
        c = bert.config
        self.bert = bert
        self.transform = nn.Sequential(nn.Linear(c.hidden_size, c.hidden_size), nn.GELU(),
                                       nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps))
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))

    def forward(self, input_ids, attention_mask, token_type_ids, positions):
        """Logits over the vocabulary at the masked `positions` only (a boolean [batch, seq] tensor)."""
        h = self.transform(self.bert(input_ids, attention_mask, token_type_ids)[positions])
        return torch.matmul(h, self.bert.word.weight.t()) + self.bias
