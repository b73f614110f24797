#!/usr/bin/env bash
# Retrain a language's attribution models from a brat corpus, every step in order:
#   1. the plain CRF (quotidien.nlp.train);
#   2. the encoder, fine-tuned on the corpus (quotidien.nlp.train_encoder);
#   3. its int8 ONNX export, the file that runs (quotidien.nlp.export_encoder);
#   4. the stacked CRF that reads the exported encoder's labels (train --encoder).
# Usage: scripts/train.sh [CORPUS] [LANG]   (by default ../shared/data/polnear/train en)
# French ships the plain CRF alone (step 1), trained on the project's French set:
#   .venv/bin/python -m quotidien.nlp.train data/quotes-fr --lang fr   (20 seconds)
# About two hours on two cores for PolNeAR train. Everything is written to build/train-LANG/
# and copied into src/quotidien/models/ at the end. Stopped, it is started again the same
# way: finished steps are kept (their files are there), a stopped encoder resumes from its
# checkpoint. `rm -r build/train-LANG` starts from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/data/polnear/train}"
lang="${2:-en}"
bash scripts/setup.sh en,encoder,train,dev
python=.venv/bin/python
work="build/train-$lang"
name="attribution-$lang"
mkdir -p "$work"

# run OUTPUT COMMAND…: the command, unless OUTPUT is there from an earlier run
run() {
  local output="$1"
  shift
  if [ -f "$output" ]; then
    echo "kept $output (from an earlier run)"
  else
    "$@"
  fi
}

run "$work/$name.crfsuite" \
  "$python" -m quotidien.nlp.train "$corpus" --lang "$lang" --out "$work"
run "$work/$name.encoder.safetensors" \
  "$python" -m quotidien.nlp.train_encoder "$corpus" --lang "$lang" --out "$work"
run "$work/$name.encoder.onnx" \
  "$python" -m quotidien.nlp.export_encoder --folder "$work" --lang "$lang"
run "$work/$name.stacked.crfsuite" \
  "$python" -m quotidien.nlp.train "$corpus" --lang "$lang" --out "$work" --encoder

cp "$work/$name".{crfsuite,json,encoder.safetensors,encoder.json,encoder.onnx} \
  "$work/$name".{encoder.tokenizer.json,stacked.crfsuite,stacked.json} \
  src/quotidien/models/
echo "models written to src/quotidien/models/ ($name.*)"
