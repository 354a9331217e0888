"""Rebuild aisle-moderation-v1 from the data, in one command (from the repository root or anywhere):

    nice -n 10 /usr/bin/python3 models/aisle-moderation-v1/training/build.py [--loso] [--skip-train] [--finetune]

--finetune (how this release was made): prepare_data.py -> tokenize_data.mjs --keep-vocab -> from_onnx.py (the
shipped weights as runs/model.pt) -> finetune.py, then the steps below from choose_thresholds.py on.

Steps: prepare_data.py (splits, held-out CSVs, split.json) -> tokenize_data.mjs (the app's own normaliser and
tokenizer; vocabulary and token ids) -> train.py -> choose_thresholds.py (validation only) -> export_onnx.py (ONNX,
config.json, reference-outputs.json) -> evaluate.py (held-out figures, test-metrics.json) -> models/manifest.json ->
the held-out figures again through the app's own code (`npm run eval:moderation` per source). With --loso, then
leave_one_out.py (one cheaper model per held-out source, about an hour on one core).

Work files go to .tmp/aisle-moderation-v1/ at the repository root (AISLE_WORK_DIR overrides); the shipped files to
the model folder; the small records the model card quotes (split.json, test-metrics.json, loso.json,
reference-outputs.json) to this folder. Needs the packages in requirements-debian.txt and the shared data
(AISLE_SHARED_DATA, default ../shared/data next to the repository). One torch thread (AISLE_TORCH_THREADS); set
AISLE_BLAS_DIR to an OpenBLAS libblas.so.3 folder to train about 9x faster. Seeded: the same BLAS and thread count
give the same weights.
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE.parent
REPO = MODEL_DIR.parent.parent

# (data file, text column, label column, positive labels, category) per source, for eval:moderation.
APP_EVALS = [
    ('sms-test.csv', 'text', 'label', 'spam', 'spam'),
    ('davidson-test.csv', 'tweet', 'class', '0,1', 'toxic'),
    ('hatexplain-test.csv', 'text', 'label', 'offensive,hatespeech', 'toxic'),
    ('civil-test.csv', 'text', 'label', 'insult,identity_attack,threat,profane_obscene,other_toxicity', 'toxic'),
    ('stormfront-test.csv', 'text', 'label', 'hate', 'any'),
    ('convabuse-test.csv', 'text', 'label', '1', 'toxic'),
    ('wikitalk-test.csv', 'text', 'label', '1', 'toxic'),
    ('cold-test.csv', 'text', 'label', '1', 'toxic'),
    ('swsr-test.csv', 'text', 'label', '1', 'toxic'),
]


def step_env() -> dict:
    env = dict(os.environ)
    blas = env.get('AISLE_BLAS_DIR')
    if blas:
        env['LD_LIBRARY_PATH'] = blas + (':' + env['LD_LIBRARY_PATH'] if env.get('LD_LIBRARY_PATH') else '')
        env['OPENBLAS_NUM_THREADS'] = '1'
    return env


def run(cmd, cwd=HERE):
    print('$', ' '.join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=cwd, env=step_env())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--skip-train', action='store_true', help='reuse the work folder\'s runs/model.pt')
    ap.add_argument('--loso', action='store_true', help='also run the leave-one-source-out evaluation')
    ap.add_argument('--finetune', action='store_true',
                    help='train the shipped weights further (from_onnx.py, then finetune.py) instead of from scratch; '
                         'the vocabulary is kept')
    args, train_args = ap.parse_known_args()
    py = sys.executable
    if args.finetune:
        run([py, 'prepare_data.py'])
        run(['npx', 'tsx', HERE / 'tokenize_data.mjs', '--keep-vocab'], cwd=REPO)
        run([py, 'from_onnx.py'])
        run([py, 'finetune.py', *train_args])
    elif not args.skip_train:
        run([py, 'prepare_data.py'])
        run(['npx', 'tsx', HERE / 'tokenize_data.mjs'], cwd=REPO)
        run([py, 'train.py', *train_args])
    run([py, 'choose_thresholds.py'])
    run([py, 'export_onnx.py'])
    run([py, 'evaluate.py'])
    run(['node', 'scripts/models/update-manifest.mjs'], cwd=REPO)
    from common import DATA_DIR
    heldout = Path(DATA_DIR) / 'heldout'
    if shutil.which('npm'):
        for data, text, label, positive, category in APP_EVALS:
            run(['npm', 'run', '--silent', 'eval:moderation', '--', '--data', heldout / data, '--text-column', text,
                 '--label-column', label, '--positive', positive, '--category', category], cwd=REPO)
    if args.loso:
        run([py, 'leave_one_out.py'])


if __name__ == '__main__':
    main()
