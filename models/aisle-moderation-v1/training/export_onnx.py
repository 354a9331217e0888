"""Step 4 of build.py: exports runs/model.pt to the layout Transformers.js loads.

Writes ../onnx/model.onnx (opset 14; inputs input_ids, attention_mask, token_type_ids [batch, sequence] int64;
output logits [batch, 3]), ../config.json (model_type bert, id2label/label2id, problem_type
multi_label_classification, the thresholds chosen on the validation split), and reference-outputs.json: torch's
probabilities for a few validation texts, which tests/unit/moderation/classifier.test.ts compares with what
Transformers.js computes from the exported files (so tokenizer, export and runtime are checked together).
"""
import json
import os

import onnx
import torch

from common import DATA_DIR, HERE, LABELS, MODEL_DIR, RUNS_DIR, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel


def main():
    set_threads()
    ckpt = torch.load(os.path.join(RUNS_DIR, 'model.pt'))
    config = TinyBertConfig(**ckpt['config'])
    model = TinyBertForMultiLabel(config)
    model.load_state_dict(ckpt['state_dict'])
    model.eval()

    os.makedirs(os.path.join(MODEL_DIR, 'onnx'), exist_ok=True)
    onnx_path = os.path.join(MODEL_DIR, 'onnx', 'model.onnx')
    ids = torch.tensor([[2, 100, 200, 300, 3, 0], [2, 400, 500, 600, 700, 3]], dtype=torch.long)
    mask = (ids != 0).long()
    torch.onnx.export(
        model, (ids, mask, torch.zeros_like(ids)), onnx_path,
        input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['logits'],
        dynamic_axes={'input_ids': {0: 'batch_size', 1: 'sequence_length'},
                      'attention_mask': {0: 'batch_size', 1: 'sequence_length'},
                      'token_type_ids': {0: 'batch_size', 1: 'sequence_length'},
                      'logits': {0: 'batch_size'}},
        opset_version=14, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(onnx_path))

    hf_config = {
        'architectures': ['BertForSequenceClassification'],
        'model_type': 'bert',
        'problem_type': 'multi_label_classification',
        'id2label': {str(i): l for i, l in enumerate(LABELS)},
        'label2id': {l: i for i, l in enumerate(LABELS)},
        'vocab_size': config.vocab_size,
        'hidden_size': config.hidden_size,
        'num_hidden_layers': config.num_hidden_layers,
        'num_attention_heads': config.num_attention_heads,
        'intermediate_size': config.intermediate_size,
        'hidden_act': 'gelu',
        'max_position_embeddings': config.max_position_embeddings,
        'type_vocab_size': config.type_vocab_size,
        'layer_norm_eps': config.layer_norm_eps,
        'pad_token_id': 0,
        'position_embedding_type': 'absolute',
        'classifier_pooling': 'cls+mean',
        'aisle_thresholds': ckpt['thresholds'],
        'transformers_version': '4.x (exported by models/aisle-moderation-v1/training/export_onnx.py)',
    }
    with open(os.path.join(MODEL_DIR, 'config.json'), 'w') as f:
        json.dump(hf_config, f, indent=2)
        f.write('\n')

    # Reference outputs: SMS (ham and spam) and tweets labelled "neither" from the validation split.
    rows = [json.loads(l) for l in open(os.path.join(DATA_DIR, 'val.jsonl'), encoding='utf-8')]
    tok = json.load(open(os.path.join(DATA_DIR, 'val.ids.json'), encoding='utf-8'))
    picks = []
    for want in (lambda r: r['spam'] == 1, lambda r: r['source'] == 'sms' and r['spam'] == 0,
                 lambda r: r['source'] == 'davidson' and r['toxic'] == 0):
        picks += [i for i, r in enumerate(rows) if want(r) and 40 < len(r['text']) < 200][:3]
    refs = []
    with torch.no_grad():
        for i in picks:
            x = torch.tensor([tok[i]])
            p = torch.sigmoid(model(x, torch.ones_like(x), torch.zeros_like(x)))[0].tolist()
            refs.append({'text': rows[i]['text'], 'input_ids': tok[i], 'scores': dict(zip(LABELS, p))})
    with open(os.path.join(HERE, 'reference-outputs.json'), 'w', encoding='utf-8') as f:
        json.dump(refs, f, indent=1, ensure_ascii=False)
        f.write('\n')
    size = os.path.getsize(onnx_path)
    print(f'wrote {onnx_path} ({size / 1e6:.2f} MB), config.json, reference-outputs.json ({len(refs)} texts)')


if __name__ == '__main__':
    main()
