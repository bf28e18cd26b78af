#!/usr/bin/env bash
# Builds the npm package's wasm into pkg/: cargo (release, size profile) -> wasm-bindgen (web
# target, weak refs) -> wasm-opt from npm binaryen 132 (Debian's binaryen 108 breaks in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

cargo build -p idv-wasm --target wasm32-unknown-unknown --release --locked
rm -rf pkg
wasm-bindgen --target web --weak-refs --out-dir pkg --out-name idv_capture \
  target/wasm32-unknown-unknown/release/idv_capture.wasm
# The features rustc 1.95 enables by default on wasm32-unknown-unknown; wasm-opt must keep them.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
  pkg/idv_capture_bg.wasm -o pkg/idv_capture_bg.wasm
rm -f pkg/.gitignore pkg/package.json
raw=$(stat -c %s pkg/idv_capture_bg.wasm)
gz=$(gzip -9 -c pkg/idv_capture_bg.wasm | wc -c)
echo "npm build: pkg/idv_capture_bg.wasm ${raw} bytes raw, ${gz} bytes gzip"
