#!/usr/bin/env bash
# Builds .devpack/ (git-ignored via .git/info/exclude): the latent bench as one ESM file with
# tfjs and the wasm backend inside, the wasm binaries, the t10k test set and an xz'd node,
# so bench/device/run-latent.sh runs on a machine with no node_modules (and maybe no node).
# Models are not packed: the working tree's models/ travels with the run.
# Usage (repo root): bash bench/device/pack-latent.sh    Env: NODE_BIN (default: node on PATH),
#   FASHION_DIR (default /usr/share/datasets/fashion-mnist).
set -euo pipefail
cd "$(dirname "$0")/../.."
PACK=.devpack
NODE_BIN=${NODE_BIN:-$(command -v node)}
FASHION_DIR=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
WASM=node_modules/@tensorflow/tfjs-backend-wasm/dist

grep -qx '/.devpack/' .git/info/exclude 2>/dev/null || echo '/.devpack/' >> .git/info/exclude
mkdir -p "$PACK/data"
rm -f "$PACK/latent.mjs"

# createRequire/__dirname: the inlined CommonJS parts (emscripten glue, node-fetch) use
# require() and __dirname, which an ESM module has no binding for. sharp (native) is cut: the bench
# never encodes images.
npx esbuild bench/device/latent-main.ts --bundle --platform=node --format=esm --target=node18 \
  --outfile="$PACK/latent.mjs" --alias:sharp=./bench/device/no-sharp.ts --log-level=warning \
  --banner:js="import { createRequire as __latentRequire } from 'node:module'; import { dirname as __latentDirname } from 'node:path'; import { fileURLToPath as __latentPath } from 'node:url'; const require = __latentRequire(import.meta.url); const __filename = __latentPath(import.meta.url); const __dirname = __latentDirname(__filename);"
cp "$WASM"/tfjs-backend-wasm.wasm "$WASM"/tfjs-backend-wasm-simd.wasm "$WASM"/tfjs-backend-wasm-threaded-simd.wasm "$PACK/"
cp "$FASHION_DIR"/t10k-images-idx3-ubyte.gz "$FASHION_DIR"/t10k-labels-idx1-ubyte.gz "$PACK/data/"

# node: stripped (debug symbols are ~12 MB) and xz -9; rebuilt only when the binary changes.
NODE_VERSION=$("$NODE_BIN" --version)
if [[ ! -f "$PACK/node.xz" || "$(cat "$PACK/node.version" 2>/dev/null)" != "$NODE_VERSION" ]]; then
  strip -o "$PACK/node" "$NODE_BIN"
  nice -n 5 xz -9 -T2 -f "$PACK/node"
  echo "$NODE_VERSION" > "$PACK/node.version"
fi
du -b "$PACK"/* "$PACK"/data/* | sort -n
echo "total: $(du -sb "$PACK" | cut -f1) bytes"
