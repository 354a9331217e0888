"""Rebuild aisle-text-encoder-v1 from the data, in one command (from this folder):

    nice -n 10 /usr/bin/python3 build.py [--data ../../../../shared/data] [--work ../../../.tmp/aisle-text-encoder-v1/final]

Steps: train on the train+val splits with the hyper-parameters chosen on val (FINAL_ARGS; see ablations.json) ->
evaluate on the held-out test split and the out-of-domain sets (metrics.json) -> export ONNX and the tokenizer into
the model folder -> reference.json -> tokenizer parity check in Transformers.js -> aisle-model.json metrics ->
models/manifest.json. About 5-10 minutes on one CPU thread with OpenBLAS (see README.md, Rebuilding).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE.parent
REPO = MODEL_DIR.parent.parent
FINAL_ARGS = '--epochs 12 --seed 7'
RUNTIME_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx']


def run(cmd: list[str], cwd: Path = HERE) -> None:
    print('$', ' '.join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=cwd, env=step_env())


def step_env() -> dict[str, str]:
    """The environment of each step: AISLE_BLAS_DIR (a folder with OpenBLAS's libblas.so.3, see
    requirements-debian.txt) is put first on the library path, with one BLAS thread."""
    env = dict(os.environ)
    blas = env.get('AISLE_BLAS_DIR')
    if blas:
        env['LD_LIBRARY_PATH'] = blas + (':' + env['LD_LIBRARY_PATH'] if env.get('LD_LIBRARY_PATH') else '')
        env['OPENBLAS_NUM_THREADS'] = '1'
    return env


def tokenizer_samples(data: Path, model_path: Path, out: Path) -> None:
    from data import load_amazon_qa, load_faq, load_flipkart, load_uci_descriptions
    from evaluate import load_model
    from tasks import full_text

    _, wp = load_model(model_path)
    products = load_flipkart(data)
    texts = [full_text(p) for p in products] + [' > '.join(p.path) for p in products]
    texts += [s for p in products for s in p.sentences] + load_uci_descriptions(data)
    qa = load_amazon_qa(data)
    texts += [q['question'] for q in random.Random(0).sample(qa, 2000)] + [f['question'] for f in load_faq(data)]
    out.write_text(json.dumps([{'text': t, 'ids': wp.encode(t)} for t in texts]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default=str(REPO.parent / 'shared' / 'data'))
    ap.add_argument('--work', default=str(REPO / '.tmp' / MODEL_DIR.name / 'final'))
    ap.add_argument('--skip-train', action='store_true', help='reuse <work>/model.pt')
    args = ap.parse_args()
    data, work = Path(args.data).resolve(), Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    model = work / 'model.pt'
    if not args.skip_train:
        run([py, 'train.py', '--data', str(data), '--out', str(work), '--train-splits', 'train,val'] + FINAL_ARGS.split())
    # held-out metrics of the shipped model (int8 token table) and of the fp32 checkpoint it came from
    run([py, 'evaluate.py', '--data', str(data), '--model', str(model), '--split', 'test', '--ood', '--quantised',
         '--json', str(HERE / 'metrics.json')])
    run([py, 'evaluate.py', '--data', str(data), '--model', str(model), '--split', 'test', '--json',
         str(work / 'metrics-fp32.json')])
    run([py, 'export_onnx.py', '--data', str(data), '--model', str(model), '--out', str(MODEL_DIR), '--int8-embeddings'])
    run([py, 'reference.py', '--data', str(data), '--model', str(model), '--out', str(HERE / 'reference.json'),
         '--int8-embeddings'])
    sys.path.insert(0, str(HERE))
    samples = work / 'tokenizer-samples.json'
    tokenizer_samples(data, model, samples)
    if shutil.which('node'):
        run(['node', str(HERE / 'check_tokenizer.mjs'), str(MODEL_DIR.parent), MODEL_DIR.name, str(samples)])
    else:
        print('node not found: skipped the Transformers.js tokenizer parity check')
    # aisle-model.json: the card's headline figures
    metrics = json.loads((HERE / 'metrics.json').read_text())
    ck = torch.load(model, map_location='cpu')
    meta_path = MODEL_DIR / 'aisle-model.json'
    meta = json.loads(meta_path.read_text())

    def pick(view: str) -> dict:
        r = metrics[view]
        return {m: {'recall@10': round(r[m]['all']['recall@10'], 3), 'mrr': round(r[m]['all']['mrr'], 3)}
                for m in ('bm25', 'encoder', 'hybrid')} | {
            'noSharedWordRecall@10': {m: round(r[m]['no-shared-word']['recall@10'], 3) for m in ('bm25', 'encoder', 'hybrid')},
            'queries': r['bm25']['all']['queries'], 'docs': r['docs']}

    meta['metrics'] = {
        'heldoutTitleIndex': pick('heldout-title'),
        'heldoutFullTextIndex': pick('heldout-full'),
        'amazonQaAppliancesOod': pick('amazon-qa-appliances'),
        'parameters': sum(v.numel() for v in ck['state'].values()),
        'vocabulary': ck['config']['vocab_size'],
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + '\n')
    run(['node', 'scripts/models/update-manifest.mjs'], cwd=REPO)
    total = sum((MODEL_DIR / f).stat().st_size for f in RUNTIME_FILES)
    print(f'runtime files: {total / 1e6:.2f} MB')


if __name__ == '__main__':
    main()
