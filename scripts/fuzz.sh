#!/usr/bin/env bash
# Fuzzes idv-core with cargo-fuzz (libFuzzer). Not part of `make test`.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   SECONDS_PER_TARGET  libFuzzer's -max_total_time per target (default 60)
#   TARGET              decode_message, return_url, origin_pattern, analyzer (default: all)
#
# Idempotent: installs cargo-fuzz (pinned) when missing, seeds fuzz/corpus/<target>/ from the
# shared reference samples (skipped when ../shared is absent), builds once, runs each target, and
# prints one line per target: executions, corpus size, crash files in fuzz/artifacts/<target>/.
# Exits non-zero when a target found a crash (or any crash file is present), or failed to run.
#
# Environment:
#   FUZZ_SANITIZER  none (default) or address. idv-core is safe Rust (`unsafe_code = "deny"`):
#                   panics, overflow checks (on in fuzz builds) and bounds checks already catch
#                   its bugs, and AddressSanitizer only adds checks of the dependencies' unsafe
#                   code at 3-5x fewer executions per second (measured on decode_message). Use
#                   address for a long run.
#   FUZZ_ARGS       extra libFuzzer flags, e.g. "-max_len=65536 -timeout=10".
#
# Why RUSTC_BOOTSTRAP=1: cargo-fuzz instruments with `-Zsanitizer=address`, a nightly-only rustc
# flag (the other flags it passes, `-Cpasses=sancov-module`, `-Cllvm-args=...`, `--cfg fuzzing`,
# are stable). This machine has only the stable toolchain (Rust 1.95) and no other can be
# installed; RUSTC_BOOTSTRAP=1 makes stable rustc accept `-Z` flags. It is set only for this
# script's cargo calls, and the fuzz package is its own workspace (fuzz/Cargo.toml, own target
# dir fuzz/target), so the main build never sees it. With FUZZ_SANITIZER=none cargo-fuzz passes
# no `-Z` flag and the variable is merely harmless; cargo-fuzz's own default (and that of a bare
# `cargo fuzz run/tmin` without `-s none`) is address, which needs it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

CARGO_FUZZ_VERSION=0.13.2
ALL_TARGETS=(decode_message return_url origin_pattern analyzer)

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")
for t in "${targets[@]}"; do
  if [[ ! " ${ALL_TARGETS[*]} " =~ " $t " ]]; then
    echo "unknown target '$t' (known: ${ALL_TARGETS[*]})" >&2
    exit 2
  fi
done
sanitizer=${FUZZ_SANITIZER:-none}
read -r -a extra_args <<<"${FUZZ_ARGS:-}"

# --- cargo-fuzz ------------------------------------------------------------------------------
if cargo fuzz --version >/dev/null 2>&1; then
  echo "using $(cargo fuzz --version)"
else
  echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || exit 1
fi

# --- seed corpus -----------------------------------------------------------------------------
samples=$root/../shared/reference/samples
corpus=$root/fuzz/corpus
mkdir -p "${ALL_TARGETS[@]/#/$corpus/}"

# A `*_url.json` sample holds a JSON string (the URL) or an object with a `url` field.
url_of() {
  if command -v jq >/dev/null 2>&1; then
    jq -j 'if type == "string" then . elif type == "object" then (.url // "") else "" end' "$1"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys
v=json.load(open(sys.argv[1]))
sys.stdout.write(v if isinstance(v,str) else (v.get("url","") if isinstance(v,dict) else ""))' "$1"
  else
    sed -n 's/^[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$1" | head -n1 | tr -d '\n'
  fi
}

if [ -d "$samples" ]; then
  n=0
  while IFS= read -r -d '' f; do
    rel=${f#"$samples"/}
    dst=$corpus/decode_message/seed-${rel//\//_}
    [ -e "$dst" ] || { cp "$f" "$dst" && n=$((n + 1)); }
  done < <(find "$samples" -type f -name '*.json' -print0)
  for f in "$samples"/*_url.json; do
    [ -e "$f" ] || continue
    dst=$corpus/return_url/seed-$(basename "$f" .json).txt
    if [ ! -e "$dst" ]; then
      url=$(url_of "$f")
      [ -n "$url" ] && printf '%s' "$url" >"$dst" && n=$((n + 1))
    fi
  done
  for f in "$samples"/*form_body*.txt; do
    [ -e "$f" ] || continue
    dst=$corpus/return_url/seed-$(basename "$f")
    [ -e "$dst" ] || { cp "$f" "$dst" && n=$((n + 1)); }
  done
  echo "seeded $n new corpus files from $samples"
else
  echo "no samples at $samples: fuzzing without a seed corpus"
fi
# Origin patterns have no samples: seed the default patterns with origins around them.
seed_origin() { [ -e "$corpus/origin_pattern/$1" ] || printf '%b' "$2" >"$corpus/origin_pattern/$1"; }
seed_origin seed-jumio 'https://*.netverify.com\nhttps://portal.netverify.com\nhttps://netverify.com\nhttp://a.netverify.com\nhttps://a.netverify.com:443\nnull'
seed_origin seed-liveid 'https://liveid.namirialtsp.com\nHTTPS://LIVEID.NAMIRIALTSP.COM:443\nhttps://liveid.namirialtsp.com.evil.example'
seed_origin seed-local 'http://localhost:8080\nhttp://localhost:8080\nhttps://localhost:8080\nhttp://127.0.0.1:8080'

# --- build and run ---------------------------------------------------------------------------
echo "building fuzz targets (sanitizer: $sanitizer)"
if ! cargo fuzz build -s "$sanitizer"; then
  echo "fuzz build failed" >&2
  exit 1
fi

logs=$root/fuzz/target/fuzz-logs
mkdir -p "$logs"
status=0
summary=()
for t in "${targets[@]}"; do
  log=$logs/$t.log
  mkdir -p "$root/fuzz/artifacts/$t"
  echo "fuzzing $t for ${seconds}s (log: ${log#"$root"/})"
  cargo fuzz run -s "$sanitizer" "$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 "${extra_args[@]}" \
    >"$log" 2>&1
  rc=$?
  # Executions: libFuzzer's final stats, else "Done N runs", else the last "#N" status line.
  execs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
  [ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n1)
  [ -n "$execs" ] || execs=0
  corpus_size=$(find "$corpus/$t" -type f | wc -l)
  crashes=$(find "$root/fuzz/artifacts/$t" -type f | wc -l)
  verdict=ok
  if [ "$crashes" -gt 0 ]; then
    verdict="CRASH (see fuzz/artifacts/$t/)"
    status=1
  elif [ "$rc" -ne 0 ]; then
    verdict="FAILED (exit $rc, see ${log#"$root"/})"
    status=1
  fi
  [ "$rc" -ne 0 ] && tail -n 30 "$log"
  summary+=("$(printf '%-15s executions: %10s  corpus: %5s  crashes: %3s  %s' "$t" "$execs" "$corpus_size" "$crashes" "$verdict")")
done

echo
echo "fuzz summary (${seconds}s per target, sanitizer $sanitizer):"
printf '%s\n' "${summary[@]}"
exit $status
