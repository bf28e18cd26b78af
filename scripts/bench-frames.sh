#!/usr/bin/env bash
# Benchmarks per-frame acquisition (VideoFrame.copyTo Y plane, VideoFrame.copyTo RGBA, canvas
# getImageData) through the npm package's FrameSource in headless Chromium with the fake camera
# at 640x480, 1280x720 and 1920x1080. Prints median and p95 ms per path. Not a test.
#
#   scripts/bench-frames.sh [--frames N] [--warmup N]     (SKIP_BUILD=1 reuses pkg/)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/build-npm.sh >&2
fi
# The y4m recordings (30 frames per size) are written to target/bench/ on first use.
node tests/bench/frames.mjs "$@"
