#!/usr/bin/env bash
# Benchmarks the per-frame verdict: in headless Chromium (SIMD and scalar builds) against the same
# metrics in OpenCV.js and a one-pass read of the frame, plus native Rust; prints one table and
# the wasm sizes. Not a test.          (SKIP_BUILD=1 reuses pkg/)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh >&2
bash scripts/fixtures.sh
[ "${SKIP_BUILD:-0}" = 1 ] || bash scripts/build-npm.sh >&2
native=$(mktemp)
cargo run -q -p idv-core --profile bench --example analyzer_bench --locked | tee "$native"
node tests/bench/analyzer.mjs "$native"
rm -f "$native"
