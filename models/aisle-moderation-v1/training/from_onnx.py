"""Rebuilds a torch checkpoint (<work>/runs/model.pt) from the shipped onnx/model.onnx, so that finetune.py can go on
training the released weights without the original work folder. torch.onnx.export with constant folding stores every
nn.Linear weight of the encoder layers transposed, under generated names (onnx::MatMul_N), in the order the layers
are traced: layer 0 qkv, out, ff.0, ff.2, then layer 1; every other tensor keeps its state_dict name. The rebuilt
model is checked against reference-outputs.json (torch's probabilities when the ONNX file was exported).

  /usr/bin/python3 from_onnx.py [--out PATH]
"""
import argparse
import json
import os

import onnx
import torch
from onnx import numpy_helper

from common import HERE, MODEL_DIR, RUNS_DIR, set_threads
from tiny_bert import TinyBertConfig, TinyBertForMultiLabel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(RUNS_DIR, 'model.pt'))
    args = ap.parse_args()
    set_threads()
    hf = json.load(open(os.path.join(MODEL_DIR, 'config.json')))
    config = TinyBertConfig(vocab_size=hf['vocab_size'], hidden_size=hf['hidden_size'],
                            num_hidden_layers=hf['num_hidden_layers'], num_attention_heads=hf['num_attention_heads'],
                            intermediate_size=hf['intermediate_size'], num_labels=len(hf['id2label']))
    model = TinyBertForMultiLabel(config)
    state = model.state_dict()
    graph = onnx.load(os.path.join(MODEL_DIR, 'onnx', 'model.onnx')).graph
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    matmuls = [n for n in inits if n.startswith('onnx::MatMul_')]
    matmuls.sort(key=lambda n: int(n.rsplit('_', 1)[1]))
    linear = [f'bert.layers.{l}.{p}.weight' for l in range(config.num_hidden_layers) for p in ('attn.qkv', 'attn.out', 'ff.0', 'ff.2')]
    if len(matmuls) != len(linear):
        raise SystemExit(f'expected {len(linear)} transposed weights in the ONNX file, found {len(matmuls)}')
    new = {}
    for name in state:
        if name in inits:
            new[name] = inits[name]
    for name, mm in zip(linear, matmuls):
        new[name] = inits[mm].t().contiguous()
    missing = [n for n in state if n not in new]
    if missing:
        raise SystemExit(f'no ONNX tensor for {missing}')
    for n in state:
        if tuple(new[n].shape) != tuple(state[n].shape):
            raise SystemExit(f'{n}: ONNX shape {tuple(new[n].shape)} against {tuple(state[n].shape)}')
    model.load_state_dict(new)
    model.eval()
    worst = 0.0
    with torch.no_grad():
        for ref in json.load(open(os.path.join(HERE, 'reference-outputs.json'), encoding='utf-8')):
            x = torch.tensor([ref['input_ids']])
            p = torch.sigmoid(model(x, torch.ones_like(x), torch.zeros_like(x)))[0].tolist()
            worst = max(worst, *(abs(a - ref['scores'][l]) for a, l in zip(p, hf['id2label'].values())))
    if worst > 1e-4:
        raise SystemExit(f'the rebuilt model differs from reference-outputs.json by {worst:.2g}')
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    torch.save({'state_dict': model.state_dict(), 'config': config.to_dict(), 'thresholds': hf['aisle_thresholds'],
                'epoch': 0, 'args': {'from_onnx': True}}, args.out)
    print(f'rebuilt {args.out} from onnx/model.onnx (largest difference from the reference outputs {worst:.1e})')


if __name__ == '__main__':
    main()
