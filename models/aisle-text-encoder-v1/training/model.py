"""A small BERT-style encoder. Its ONNX export has BERT's interface (input_ids, attention_mask, token_type_ids ->
last_hidden_state), so Transformers.js runs it as model_type "bert"; the caller mean-pools over the attention mask and
L2-normalises, exactly as for all-MiniLM-L6-v2."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class EncoderConfig:
    vocab_size: int
    hidden_size: int = 128
    num_hidden_layers: int = 2
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12

    def to_dict(self) -> dict:
        return asdict(self)


def gelu(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


class Layer(nn.Module):
    """Post-LayerNorm transformer block, as in BERT."""

    def __init__(self, c: EncoderConfig):
        super().__init__()
        self.h = c.num_attention_heads
        self.dh = c.hidden_size // c.num_attention_heads
        self.qkv = nn.Linear(c.hidden_size, 3 * c.hidden_size)
        self.out = nn.Linear(c.hidden_size, c.hidden_size)
        self.ln1 = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.ff1 = nn.Linear(c.hidden_size, c.intermediate_size)
        self.ff2 = nn.Linear(c.intermediate_size, c.hidden_size)
        self.ln2 = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.attn_drop = nn.Dropout(c.attention_probs_dropout_prob)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.h, self.dh).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.dh) + bias
        att = self.attn_drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, t, d)
        x = self.ln1(x + self.drop(self.out(y)))
        x = self.ln2(x + self.drop(self.ff2(gelu(self.ff1(x)))))
        return x


class Encoder(nn.Module):
    def __init__(self, c: EncoderConfig):
        super().__init__()
        self.config = c
        self.word = nn.Embedding(c.vocab_size, c.hidden_size)
        self.pos = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.ln = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))
        self.apply(self._init)

    @staticmethod
    def _init(m: nn.Module) -> None:
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.word(input_ids)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.embed_tokens(input_ids) + self.pos(pos) + self.token_type(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Transformers.js `pooling: 'mean'`: the average over positions whose attention_mask is 1 ([CLS], [SEP] included)."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


def embed(model: Encoder, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    h = model(input_ids, attention_mask, torch.zeros_like(input_ids))
    return F.normalize(mean_pool(h, attention_mask), dim=-1)


class QuantisedWordEmbedding(nn.Module):
    """int8 token table with one fp32 scale per row; dequantised after the lookup (Gather -> Cast -> Mul in ONNX), so
    the graph's inputs and outputs stay fp32 and Transformers.js loads it with dtype 'fp32'."""

    def __init__(self, weight: torch.Tensor):
        super().__init__()
        scale = weight.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127.0
        self.register_buffer('q', torch.round(weight / scale).clamp(-127, 127).to(torch.int8))
        self.register_buffer('scale', scale.to(torch.float32))

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.q[ids].to(torch.float32) * self.scale[ids]

    def dequantised(self) -> torch.Tensor:
        return self.q.to(torch.float32) * self.scale


class ExportEncoder(nn.Module):
    """The encoder as exported: optional int8 token table, no dropout."""

    def __init__(self, model: Encoder, quantise_embeddings: bool):
        super().__init__()
        self.model = model
        self.qword = QuantisedWordEmbedding(model.word.weight.detach()) if quantise_embeddings else None

    def forward(self, input_ids, attention_mask, token_type_ids):
        m = self.model
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        tok = self.qword(input_ids) if self.qword is not None else m.word(input_ids)
        x = tok + m.pos(pos) + m.token_type(token_type_ids)
        x = m.ln(x)
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in m.layers:
            x = layer(x, bias)
        return x
