"""Export a trained checkpoint to the layout Transformers.js loads:

    config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json, vocab.txt, onnx/model.onnx

ONNX opset 14; inputs input_ids, attention_mask, token_type_ids (int64, [batch, sequence]); output last_hidden_state
(float32, [batch, sequence, hidden]). With --int8-embeddings the token table is stored as int8 with one fp32 scale per
row and dequantised after the lookup inside the graph, so the model still loads with dtype 'fp32'.

    python3 export_onnx.py --model ../../../.tmp/aisle-text-encoder-v1/final/model.pt --out .. --int8-embeddings
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import onnx
import torch

from evaluate import load_model
from model import ExportEncoder
from wordpiece import write_tokenizer_files

TOKENIZER_DIR = 'all-MiniLM-L6-v2-tokenizer-only'


def export(model_path: Path, data: Path, out: Path, int8_embeddings: bool) -> ExportEncoder:
    model, wp = load_model(model_path)
    c = model.config
    wrapped = ExportEncoder(model, int8_embeddings).eval()
    (out / 'onnx').mkdir(parents=True, exist_ok=True)
    a, b = wp.encode('red cotton kurta for women'), wp.encode('steel watch')
    b = b + [wp.pad] * (len(a) - len(b))
    ids = torch.tensor([a, b])
    mask = (ids != wp.pad).long()
    onnx_path = out / 'onnx' / 'model.onnx'
    torch.onnx.export(
        wrapped, (ids, mask, torch.zeros_like(ids)), str(onnx_path), opset_version=14,
        input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['last_hidden_state'],
        dynamic_axes={n: {0: 'batch_size', 1: 'sequence_length'} for n in ['input_ids', 'attention_mask', 'token_type_ids', 'last_hidden_state']},
        do_constant_folding=True,
    )
    m = onnx.load(str(onnx_path))
    onnx.checker.check_model(m)
    m.producer_name = 'aisle-text-encoder-v1/training/export_onnx.py'
    onnx.save(m, str(onnx_path))
    config = {
        'architectures': ['BertModel'],
        'model_type': 'bert',
        'vocab_size': c.vocab_size,
        'hidden_size': c.hidden_size,
        'num_hidden_layers': c.num_hidden_layers,
        'num_attention_heads': c.num_attention_heads,
        'intermediate_size': c.intermediate_size,
        'hidden_act': 'gelu',
        'hidden_dropout_prob': c.hidden_dropout_prob,
        'attention_probs_dropout_prob': c.attention_probs_dropout_prob,
        'max_position_embeddings': c.max_position_embeddings,
        'type_vocab_size': c.type_vocab_size,
        'layer_norm_eps': c.layer_norm_eps,
        'pad_token_id': wp.pad,
        'position_embedding_type': 'absolute',
        'initializer_range': 0.02,
        'aisle': {
            'pooling': 'mean',
            'normalize': True,
            'int8_token_embeddings': int8_embeddings,
            'note': 'Custom small encoder with the BERT interface; see README.md.',
        },
    }
    (out / 'config.json').write_text(json.dumps(config, indent=2) + '\n')
    write_tokenizer_files(data / TOKENIZER_DIR, out, wp.vocab, c.max_position_embeddings)
    return wrapped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--model', required=True)
    ap.add_argument('--data', default='../../../../shared/data')
    ap.add_argument('--out', default='..')
    ap.add_argument('--int8-embeddings', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(1)
    export(Path(args.model), Path(args.data), Path(args.out), args.int8_embeddings)
    print(f'exported to {args.out}')


if __name__ == '__main__':
    main()
