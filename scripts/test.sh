#!/usr/bin/env bash
# Runs every test layer, prints a summary per layer, fails when a layer failed or ran zero tests,
# and ends with one line "N passed, M failed".
#
#   scripts/test.sh               all layers
#   scripts/test.sh native wasm   only the named layers (lint, native, wasm, e2e)
#
# `lint` (clippy with -D warnings, and tsc over the package's .d.ts) is a gate, not a test layer:
# it counts no tests but fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
logs=$root/target/test-logs
mkdir -p "$logs"
layers=("$@")
[ ${#layers[@]} -eq 0 ] && layers=(lint native wasm e2e)

total_pass=0
total_fail=0
summary=()
status=0

# Sums "test result: ok. N passed; M failed" lines (cargo test and wasm-bindgen-test-runner).
count_cargo() { awk '/^test result:/ {for (i=1;i<=NF;i++) {if ($i ~ /^passed;?$/) p+=$(i-1); if ($i ~ /^failed;?$/) f+=$(i-1)}} END {print p+0, f+0}' "$1"; }
# node --test's closing "# pass N" / "# fail N".
count_node() { awk '/^# pass / {p=$3} /^# fail / {f=$3} END {print p+0, f+0}' "$1"; }

record() {
  local layer=$1 rc=$2 pass=$3 fail=$4 secs=$5
  total_pass=$((total_pass + pass))
  total_fail=$((total_fail + fail))
  local verdict=ok
  if [ "$rc" -ne 0 ] || [ "$fail" -ne 0 ]; then verdict=FAILED; status=1; fi
  if [ "$pass" -eq 0 ]; then verdict="FAILED (ran zero tests)"; status=1; fi
  summary+=("$(printf '%-7s %4d passed, %d failed  %4ss  %s' "$layer" "$pass" "$fail" "$secs" "$verdict")")
}

run_layer() {
  local layer=$1 counter=$2; shift 2
  local log=$logs/$layer.log start=$SECONDS
  echo "=== $layer: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  read -r pass fail < <($counter "$log")
  record "$layer" "$rc" "$pass" "$fail" $((SECONDS - start))
}

write_webdriver_json() {
  local fx=$root/target/fixtures
  cat > "$fx/webdriver.json" <<JSON
{
  "goog:chromeOptions": {
    "binary": "$CHROMIUM",
    "args": [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required",
      "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
      "--use-file-for-fake-video-capture=$fx/capture.y4m",
      "--use-file-for-fake-audio-capture=$fx/tone.wav"
    ]
  }
}
JSON
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$fx/webdriver.json
}

# The recordings every layer reads (native calibration tests too), generated once.
bash scripts/fixtures.sh || { echo "fixture generation failed"; exit 1; }

for layer in "${layers[@]}"; do
  case $layer in
    lint)
      start=$SECONDS
      echo "=== lint"
      if cargo clippy --workspace --all-targets --locked -- -D warnings \
        && cargo clippy --workspace --target wasm32-unknown-unknown --locked -- -D warnings \
        && env RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/simd \
          cargo clippy -p idv-web --tests --target wasm32-unknown-unknown --locked -- -D warnings \
        && bash scripts/build-npm.sh && npx tsc -p web/tsconfig.json; then
        summary+=("$(printf '%-7s %-26s %4ss  ok' lint "clippy, tsc" $((SECONDS - start)))")
      else
        summary+=("$(printf '%-7s %-26s %4ss  FAILED' lint "clippy, tsc" $((SECONDS - start)))")
        status=1
      fi ;;
    native)
      run_layer native count_cargo cargo test --workspace --locked --no-fail-fast ;;
    wasm)
      write_webdriver_json
      # Never `-q` here: the runner's output is what the counts are read from. Built with
      # SIMD128 (like pkg/simd, sharing its target dir), so idv-core's SIMD kernels run here
      # (tests/simd_kernels.rs) while the native layer runs their scalar twins.
      run_layer wasm count_cargo env RUSTFLAGS="-C target-feature=+simd128" \
        CARGO_TARGET_DIR=target/simd cargo test --locked --target wasm32-unknown-unknown -p idv-web ;;
    e2e)
      bash scripts/build-npm.sh && bash scripts/build-demo.sh \
        || { record e2e 1 0 1 0; continue; }
      run_layer e2e count_node node --test --test-concurrency=1 --test-reporter=tap tests/e2e/ ;;
    *) echo "unknown layer: $layer"; exit 2 ;;
  esac
done

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
exit $status
