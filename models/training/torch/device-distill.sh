#!/usr/bin/env bash
# One GPU run: optimised codes z* of training images (invert_targets.py, TARGET_PROCS processes
# on disjoint slices), then encoder fine-tunes that distil them at several weights, in parallel
# (tiny nets leave the GPU mostly idle). Each variant is written to $OUT/variants/<name>/ as it
# trains (the last state; a run stopped by its time limit still returns one). The choice among
# them is made on this machine by hybrid inversion in the engine on held-out images.
# Run in the repo root with $OUT set; needs python3 with torch + numpy, and .devdata/ where the
# Debian dataset is absent.
# Env: TARGET_PROCS (1), TARGET_CHUNK (8192: images per batch), TARGET_THREADS (CPU threads per
# solver, for its eigh; default the cores shared out), TARGET_SECONDS (130), TARGET_GRACE (120:
# seconds a last chunk may run on), TARGET_STEPS (400), TRAIN_SECONDS (130),
# VARIANTS ("tw3:3 tw10:10": name:target-weight), TARGET_ARGS / TRAIN_ARGS (extra flags).
# One solver with large chunks, not several: on an H200 (stop 19) 8 solvers finished 2 chunks of
# 2 048 images in 220 s between them (one ran out of GPU memory), 4 solvers 1 chunk in 185 s.
# The likely cause: processes sharing one GPU take turns on it, so more of them add no speed.
# One solver (stop 20, H200, TARGET_CHUNK=4096, TARGET_SECONDS=290) did 49 152 images in 299 s:
# 23 s a chunk, of which Adam steps 3.5, the Jacobian 7.1 and eigh (CPU, 16 threads) 12.
set -u
cd "$(dirname "$0")/../../.."
OUT="${OUT:-/tmp/latentshop-distill}"
PY="${PYTHON:-python3}"
T=models/training/torch
WORK=/tmp/distill
PROCS="${TARGET_PROCS:-1}"
THREADS="${TARGET_THREADS:-$(( $(nproc) / PROCS > 0 ? $(nproc) / PROCS : 1 ))}"
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
      --first $(( i * SLICE )) --limit "$SLICE" --chunk "${TARGET_CHUNK:-8192}" --threads "$THREADS" --starts 3 --steps "${TARGET_STEPS:-400}" --tf32 \
      --seed $(( 7 + i )) ${TARGET_ARGS:-} --out "$WORK/targets-$i.npz" 2>&1 | sed -u "s/^/[targets $i] /" ) &
  PIDS+=($!)
done
wait "${PIDS[@]}"
# One file of all targets: the device tool brings back at most 8 files, and later CPU runs
# (train_encoder.py --targets) read it as any slice's file.
"$PY" -c 'import os, sys, numpy as np
parts = [np.load(p) for p in sys.argv[2:] if os.path.exists(p)]
np.savez(sys.argv[1], index=np.concatenate([p["index"] for p in parts]), z=np.concatenate([p["z"] for p in parts]))
print("== targets:", sum(len(p["index"]) for p in parts), "codes in", sys.argv[1])' "$OUT/targets.npz" "${TARGETS[@]}" \
  || echo "!!! no targets merged"
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
