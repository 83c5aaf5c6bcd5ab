#!/usr/bin/env bash
# The 500-image latent bench on a many-core machine without node_modules: one shard per core
# (the wasm backend is single-threaded), a wall-clock guard, then the merge.
# Run in the repo root with .devpack/ (bench/device/pack-latent.sh) present:
#   bash bench/device/run-latent.sh [bench/latent.ts flags, e.g. --images 6 --iterations 20]
# Writes $OUT/latent.json, $OUT/latent.md (bench/run.ts's record) and $OUT/shards.log.
# Env: OUT (default bench/out/device), LATENT_SHARDS (default nproc), LATENT_BUDGET_S (whole
#   script, default 420), LATENT_MERGE_S (kept for the merge, default 30), LATENT_CHUNK (most
#   images per chunk, default 25: one optimize batch),
#   LATENT_PACKED_NODE=1 (use .devpack/node.xz even where node is on PATH).
set -uo pipefail
START=$(date +%s)
cd "$(dirname "$0")/../.."
PACK=$PWD/.devpack
OUT=${OUT:-$PWD/bench/out/device}
SHARDS=${LATENT_SHARDS:-$(nproc)}
BUDGET=${LATENT_BUDGET_S:-420}
MERGE_S=${LATENT_MERGE_S:-30}
CHUNK=${LATENT_CHUNK:-25}
WORK=$(mktemp -d /tmp/latent-shards.XXXXXX)
mkdir -p "$OUT"
LOG=$OUT/shards.log
log() { echo "[$(($(date +%s) - START))s] $*" | tee -a "$LOG" >&2; }
: > "$LOG"

# node ≥ 18 from PATH, else the packed one (LATENT_PACKED_NODE=1: always the packed one, to test it).
NODE=$(command -v node || true)
if [[ -n "${LATENT_PACKED_NODE:-}" || -z "$NODE" ]] || (( $("$NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0) < 18 )); then
  NODE=/tmp/latent-node/node
  mkdir -p /tmp/latent-node
  if [[ ! -x "$NODE" ]]; then
    # python3's lzma where xz-utils is missing.
    xz -dc "$PACK/node.xz" > "$NODE.part" 2>/dev/null ||
      python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$PACK/node.xz" "$NODE.part"
    chmod +x "$NODE.part" && mv "$NODE.part" "$NODE"
  fi
fi
log "node $("$NODE" --version) at $NODE; $(nproc) cores, $SHARDS shards, chunk $CHUNK, budget ${BUDGET}s (${MERGE_S}s kept for the merge); args: $*"
log "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"

export LATENTSHOP_MODELS=${LATENTSHOP_MODELS:-$PWD/models}
export LATENTSHOP_FASHION_DATA=${LATENTSHOP_FASHION_DATA:-$PACK/data}
export LATENTSHOP_WASM_DIR=$PACK

# Every shard gets the same deadline: it sizes its chunks to stop before it (latent-shard.ts),
# and is killed at it if a chunk overruns, keeping the chunks it finished (its file is
# rewritten after each). The merge says how many images that is.
SHARD_S=$((BUDGET - MERGE_S - ($(date +%s) - START)))
DEADLINE_MS=$(( ($(date +%s) + SHARD_S - 5) * 1000 ))
pids=()
for ((i = 0; i < SHARDS; i++)); do
  timeout -s TERM -k 5 "$SHARD_S" "$NODE" "$PACK/latent.mjs" --shard "$i/$SHARDS" --shard-out "$WORK/shard-$i.json" --chunk "$CHUNK" --deadline "$DEADLINE_MS" "$@" > "$WORK/shard-$i.log" 2>&1 &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}"; rc=$?
  if ((rc == 124 || rc == 137)); then note="stopped at the deadline"; elif ((rc == 0)); then note="done"; else note="failed (rc $rc)"; fi
  log "shard $i/$SHARDS: $note; $(grep -c 'done$' "$WORK/shard-$i.log") chunk(s) written"
done
for i in "${!pids[@]}"; do { echo "--- shard $i"; cat "$WORK/shard-$i.log"; } >> "$LOG"; done

files=("$WORK"/shard-*.json)
if [[ ! -e "${files[0]}" ]]; then
  log "no shard finished a chunk within ${SHARD_S}s: nothing to merge"
  exit 1
fi
log "merging ${#files[@]} shard file(s)"
MERGE_LEFT=$((BUDGET - ($(date +%s) - START)))
timeout -s TERM -k 5 "$((MERGE_LEFT > 20 ? MERGE_LEFT : 20))" "$NODE" "$PACK/latent.mjs" --merge "${files[@]}" --out-dir "$OUT" "$@" >> "$LOG" 2>&1
rc=$?
cp "${files[@]}" "$OUT/" 2>/dev/null
if ((rc != 0)); then log "merge failed (rc $rc)"; exit 1; fi
log "$("$NODE" -p "const r = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); \`images: \${r.images}\${r.imagesRequested ? ' of ' + r.imagesRequested + ' (deadline)' : ''}; optimize PSNR \${r.optimize.psnr500.toFixed(2)}, hybrid \${r.hybrid.psnr500.toFixed(2)}\`" "$OUT/latent.json")"
log "total ${SECONDS}s"
cat "$OUT/latent.md"
