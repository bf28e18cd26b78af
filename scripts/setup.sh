#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test idv-capture. Idempotent: every
# step checks first and skips what is already there. Versions are pinned; nothing is downloaded
# from outside the package registries (apt, crates.io, npm, PyPI).
#
#   scripts/setup.sh            everything (tests + demo)
#   scripts/setup.sh demo       only what `make demo` needs
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
NUMPY_VERSION=2.3.5
PILLOW_VERSION=12.0.0
SKIMAGE_VERSION=0.25.2
RUSTFACE_VERSION=0.1.7
RUSTFACE_SHA256=6a0e639a994b9e6eb2367f09054af0f3b27ad461aaf8e82ba97607b81ebf815e
what=${1:-all}

step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Browser (Debian's Chromium and its driver; NOT Debian's binaryen: its wasm-opt 108 output fails
# in Chromium). WebKitGTK + Xvfb for the native WebView bridge tests.
if [ "$what" = all ]; then
  apt_install chromium chromium-driver xvfb python3-venv gir1.2-webkit2-4.1 python3-gi
else
  apt_install chromium
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# npm dev dependencies (playwright-core, binaryen, typescript), exactly as package-lock.json says.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

[ "$what" = all ] || exit 0

# Python for the media fixture generator, in a project-local venv.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import numpy, PIL; assert numpy.__version__ == '$NUMPY_VERSION' and PIL.__version__ == '$PILLOW_VERSION'" 2>/dev/null; then
  step "python venv with numpy $NUMPY_VERSION, pillow $PILLOW_VERSION"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check "numpy==$NUMPY_VERSION" "pillow==$PILLOW_VERSION"
fi

# The public-domain test photo, taken from the scikit-image wheel (no need to install it).
if [ ! -f .cache/fixtures/astronaut.png ]; then
  step "astronaut.png from scikit-image $SKIMAGE_VERSION (PyPI)"
  mkdir -p .cache/wheels .cache/fixtures
  .venv/bin/pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    -d .cache/wheels "scikit-image==$SKIMAGE_VERSION"
  .venv/bin/python - <<'PY'
import glob, zipfile
whl = zipfile.ZipFile(sorted(glob.glob(".cache/wheels/scikit_image-*.whl"))[0])
open(".cache/fixtures/astronaut.png", "wb").write(whl.read("skimage/data/astronaut.png"))
PY
fi

# The Solvay 1927 group photo with rustface's 29 detections drawn on it in red, from the rustface
# crate on crates.io (only its test.png is used: the face detector's group-photo calibration).
if [ ! -f .cache/fixtures/group.png ]; then
  step "group.png from the rustface $RUSTFACE_VERSION crate (crates.io)"
  mkdir -p .cache/fixtures
  .venv/bin/python - "$RUSTFACE_VERSION" "$RUSTFACE_SHA256" <<'PY'
import hashlib, io, sys, tarfile, urllib.request
version, sha256 = sys.argv[1], sys.argv[2]
url = f"https://static.crates.io/crates/rustface/rustface-{version}.crate"
data = urllib.request.urlopen(url, timeout=120).read()
if hashlib.sha256(data).hexdigest() != sha256:
    sys.exit(f"{url}: sha256 mismatch")
with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as crate:
    png = crate.extractfile(f"rustface-{version}/test.png").read()
open(".cache/fixtures/group.png", "wb").write(png)
PY
fi
step "ready"
