#!/usr/bin/env bash
# Builds the npm package's wasm into pkg/, twice: a scalar build (pkg/) and a SIMD128 build
# (pkg/simd/); web/index.js picks one at run time by feature detection. Each: cargo (release,
# size profile) -> wasm-bindgen (web target, weak refs) -> wasm-opt from npm binaryen 132
# (Debian's binaryen 108 breaks in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The features rustc 1.95 enables by default on wasm32-unknown-unknown; wasm-opt must keep them.
FEATURES=(--enable-bulk-memory --enable-mutable-globals --enable-sign-ext
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue)

build() { # variant out-dir target-dir rustflags extra-wasm-opt-flags...
  local variant=$1 out=$2 target=$3 flags=$4
  shift 4
  RUSTFLAGS="$flags" CARGO_TARGET_DIR="$target" \
    cargo build -p idv-wasm --target wasm32-unknown-unknown --release --locked
  rm -rf "$out"
  wasm-bindgen --target web --weak-refs --out-dir "$out" --out-name idv_capture \
    "$target/wasm32-unknown-unknown/release/idv_capture.wasm"
  wasm-opt -Oz --strip-debug --strip-producers "${FEATURES[@]}" "$@" \
    "$out/idv_capture_bg.wasm" -o "$out/idv_capture_bg.wasm"
  rm -f "$out/.gitignore" "$out/package.json"
  local raw gz
  raw=$(stat -c %s "$out/idv_capture_bg.wasm")
  gz=$(gzip -9 -c "$out/idv_capture_bg.wasm" | wc -c)
  echo "npm build ($variant): $out/idv_capture_bg.wasm ${raw} bytes raw, ${gz} bytes gzip"
}

build scalar pkg target ""
mkdir -p pkg
tmp=$(mktemp -d)
build simd "$tmp/simd" target/simd "-C target-feature=+simd128" --enable-simd
mv "$tmp/simd" pkg/simd
rmdir "$tmp"

# The face model ships with the package (npm @mediapipe/face_detection, Apache-2.0), with its
# notice and the licence text (Apache-2.0, from the typescript package's identical copy).
mkdir -p pkg/models
cp node_modules/@mediapipe/face_detection/face_detection_short_range.tflite pkg/models/
cp node_modules/typescript/LICENSE.txt pkg/models/LICENSE-Apache-2.0.txt
cat > pkg/models/NOTICE <<'NOTICE'
face_detection_short_range.tflite: MediaPipe BlazeFace short-range face detection model,
copyright Google LLC, licensed under the Apache License, Version 2.0 (LICENSE-Apache-2.0.txt).
Taken unmodified from the npm package @mediapipe/face_detection 0.4.1657300184.
NOTICE
echo "npm build (model): pkg/models/face_detection_short_range.tflite $(stat -c %s pkg/models/face_detection_short_range.tflite) bytes"
