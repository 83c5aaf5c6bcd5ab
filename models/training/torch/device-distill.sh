#!/usr/bin/env bash
# One GPU run: optimised codes z* of training images (invert_targets.py, TARGET_PROCS processes
# on disjoint slices), then encoder fine-tunes that distil them at several weights, in parallel
# (tiny nets leave the GPU mostly idle). Each variant is written to $OUT/variants/<name>/ as it
# trains (the last state; a run stopped by its time limit still returns one). The choice among
# them is made on this machine by hybrid inversion in the engine on held-out images.
# Run in the repo root with $OUT set; needs python3 with torch + numpy, and .devdata/ where the
# Debian dataset is absent.
# Env: TARGET_PROCS (4), TARGET_SECONDS (130), TARGET_GRACE (120: seconds a last chunk may run on), TARGET_STEPS (400), TRAIN_SECONDS (130),
# VARIANTS ("tw3:3 tw10:10": name:target-weight), TARGET_ARGS / TRAIN_ARGS (extra flags).
set -u
cd "$(dirname "$0")/../../.."
OUT="${OUT:-/tmp/latentshop-distill}"
PY="${PYTHON:-python3}"
T=models/training/torch
WORK=/tmp/distill
PROCS="${TARGET_PROCS:-4}"
mkdir -p "$OUT/variants" "$WORK"
exec > >(tee -a "$OUT/distill.log") 2>&1
TEE_PID=$!
export PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
echo "== $(date -u +%FT%TZ) device-distill"
nvidia-smi -L || echo "WARNING: nvidia-smi -L failed"
# The first 58 000 training images (the last 2 000 are validation), in PROCS slices.
SLICE=$(( (58000 + PROCS - 1) / PROCS ))
PIDS=()
TARGETS=()
for i in $(seq 0 $(( PROCS - 1 ))); do
  TARGETS+=("$WORK/targets-$i.npz")
  ( timeout -k 5 $(( ${TARGET_SECONDS:-130} + ${TARGET_GRACE:-120} )) "$PY" $T/invert_targets.py --seconds "${TARGET_SECONDS:-130}" \
      --first $(( i * SLICE )) --limit "$SLICE" --chunk 4096 --starts 3 --steps "${TARGET_STEPS:-400}" --tf32 \
      --seed $(( 7 + i )) ${TARGET_ARGS:-} --out "$WORK/targets-$i.npz" 2>&1 | sed -u "s/^/[targets $i] /" ) &
  PIDS+=($!)
done
wait "${PIDS[@]}"
PIDS=()
for v in ${VARIANTS:-tw3:3 tw10:10}; do
  name="${v%%:*}"; weight="${v#*:}"
  ( timeout -k 10 $(( ${TRAIN_SECONDS:-130} + 60 )) "$PY" $T/train_encoder.py --seconds "${TRAIN_SECONDS:-130}" --eval-every 15 \
      --pixel-loss logmse --z-weight 0.02 --batch 1024 --lr 3e-4 --warmup 200 --dump-z 0 --select last \
      --targets "${TARGETS[@]}" --target-weight "$weight" --out "$OUT/variants/$name" ${TRAIN_ARGS:-} 2>&1 \
      | sed -u "s/^/[$name] /" ) &
  PIDS+=($!)
done
wait "${PIDS[@]}"
echo "== $(date -u +%FT%TZ) device-distill done"
exec 1>&- 2>&-
wait "$TEE_PID" 2>/dev/null
exit 0
