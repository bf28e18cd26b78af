#!/usr/bin/env bash
# Builds the Leptos demo into dist/ with Trunk, offline, with the pinned wasm-bindgen and npm's
# wasm-opt 132 (Debian's binaryen 108 produces wasm that fails in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release --offline
wasm=$(ls dist/*.wasm)
echo "demo build: $(basename "$wasm") $(stat -c %s "$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzip"
