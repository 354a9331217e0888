#!/usr/bin/env bash
# Rebuilds models/aisle-moderation-v1 from the two redistributable data sets, then prints its held-out figures.
#
#   bash models/aisle-moderation-v1/training/rebuild.sh
#
# Needs: /usr/bin/python3 with torch 1.13 and onnx 1.12 (Debian python3-torch, python3-onnx), Node 20 with the
# repository's node_modules, and the shared data (AISLE_SHARED_DATA, default ../shared/data next to the repository).
# About 20 minutes on one core with OpenBLAS. Debian's torch links the reference BLAS, which is ~9x slower: point
# AISLE_BLAS_DIR at an OpenBLAS libblas.so.3 folder (e.g. /usr/lib/x86_64-linux-gnu/openblas-pthread after
# `apt-get install libopenblas0-pthread`) to use it for this run only. Seeded; bit-identical weights need the same
# BLAS and thread count (AISLE_TORCH_THREADS, default 1).
set -euo pipefail
cd "$(dirname "$0")/../../.."
PY=${PYTHON:-/usr/bin/python3}
T=models/aisle-moderation-v1/training
if [ -n "${AISLE_BLAS_DIR:-}" ]; then
  export LD_LIBRARY_PATH="$AISLE_BLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export OPENBLAS_NUM_THREADS=1
fi

nice -n 10 "$PY" "$T/prepare-data.py"           # data/{train,val,test}.jsonl, data/heldout/*.csv, split.json
node "$T/tokenize-data.mjs"                      # tokenizer files in the model folder, data/*.ids.json
nice -n 10 "$PY" "$T/train.py" "$@"              # runs/model.pt (default hyper-parameters are the released ones)
"$PY" "$T/choose-thresholds.py"                  # flag/block thresholds from the validation split
"$PY" "$T/export-onnx.py"                        # onnx/model.onnx, config.json, reference-outputs.json
"$PY" "$T/evaluate.py"                           # runs/test-metrics.json: held-out figures of the torch model
node scripts/models/update-manifest.mjs          # models/manifest.json (sizes and hashes)

# The same held-out figures through the app's own code (Transformers.js + the moderation engine):
H=$T/data/heldout
npm run --silent eval:moderation -- --data "$H/sms-test.csv" --text-column text --label-column label --positive spam --category spam
npm run --silent eval:moderation -- --data "$H/davidson-test.csv" --text-column tweet --label-column class --positive 0,1 --category toxic
npm run --silent eval:moderation -- --data "$H/davidson-test.csv" --text-column tweet --label-column class --positive 0 --category hate
