#!/usr/bin/env bash
# One GPU run (about 4.5 min): parity of the PyTorch port, then encoder fine-tuning variants
# in parallel (tiny nets leave the GPU mostly idle, so three runs cost about one), the best
# picked by held-out validation PSNR. Run in the repo root: bash models/training/torch/device-run.sh
# Needs: python3 with torch + numpy, .devdata/ (Fashion-MNIST idx.gz) unless the Debian
# dataset is installed. Writes $OUT/encoder/{model.json,weights.bin}, $OUT/train.log,
# $OUT/variants/<name>/ (each variant's model and metrics.json).
# Env: OUT (default /tmp/latentshop-encoder), PYTHON (python3), TRAIN_SECONDS (190).
set -u
cd "$(dirname "$0")/../../.."
OUT="${OUT:-/tmp/latentshop-encoder}"
PY="${PYTHON:-python3}"
BUDGET="${TRAIN_SECONDS:-190}"
T=models/training/torch
mkdir -p "$OUT/variants"
exec > >(tee -a "$OUT/train.log") 2>&1
TEE_PID=$!
export PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1

echo "== $(date -u +%FT%TZ) device-run: budget ${BUDGET}s per variant"
nvidia-smi -L || echo "WARNING: nvidia-smi -L failed"
DEVICE=$("$PY" -c 'import torch; print("cuda" if torch.cuda.is_available() else "cpu")' 2>/dev/null || echo none)
"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__, "cuda available:", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
if [ "$DEVICE" = none ]; then echo "FATAL: $PY cannot import torch"; exit 2; fi
if [ "$DEVICE" = cpu ]; then
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  echo '!!! WARNING: no CUDA. Falling back to the CPU: one variant, far fewer steps.     !!!'
  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
fi

# Parity first: the CPU check validates the port; the GPU one shows cuDNN/TF32 agree too.
# A failure is reported loudly but does not stop training (the lead decides from the log).
"$PY" $T/parity.py --device cpu || echo "!!! PARITY FAILED on cpu: do not ship this encoder !!!"
if [ "$DEVICE" = cuda ]; then
  "$PY" $T/parity.py --device cuda || echo "!!! PARITY FAILED on cuda (see diffs above) !!!"
fi

# name | flags. All seeded; selection is by val PSNR only (t10k is reported, never chosen on).
VARIANTS=(
  "logmse-b512|--pixel-loss logmse --z-weight 0.05 --batch 512 --lr 3e-4 --seed 1"
  "mse-b512|--pixel-loss mse --z-weight 0.02 --batch 512 --lr 3e-4 --seed 2"
  "logmse-b1024|--pixel-loss logmse --z-weight 0.02 --batch 1024 --lr 1e-3 --seed 3"
)
[ "$DEVICE" = cpu ] && VARIANTS=("${VARIANTS[0]}")
PIDS=()
for v in "${VARIANTS[@]}"; do
  name="${v%%|*}"; flags="${v#*|}"
  # timeout: a hard stop well past the budget; the best-so-far model is on disk by then anyway.
  ( timeout -k 10 $((BUDGET + 60)) "$PY" $T/train_encoder.py --device "$DEVICE" --threads 4 --seconds "$BUDGET" \
      --eval-every 10 --out "$OUT/variants/$name" $flags 2>&1 | sed -u "s/^/[$name] /" ) &
  PIDS+=($!)
done
# Wait on these PIDs only: a bare `wait` (bash >= 5.1) also waits for the `tee` process
# substitution above, which never ends while this shell holds its stdout.
wait "${PIDS[@]}"
RC=0
"$PY" $T/pick_best.py "$OUT/variants" "$OUT/encoder" || { echo "!!! no variant finished"; RC=1; }
ls -la "$OUT/encoder" 2>/dev/null
echo "== $(date -u +%FT%TZ) device-run done (rc $RC)"
# Let tee write the last lines to train.log before the run's files are collected.
exec 1>&- 2>&-
wait "$TEE_PID" 2>/dev/null
exit $RC
