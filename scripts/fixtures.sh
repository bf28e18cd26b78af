#!/usr/bin/env bash
# (Re)generates the media fixtures into target/fixtures when missing or when the generator changed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/fixtures
stamp=$(sha256sum tests/fixtures/generate.py .cache/fixtures/astronaut.png .cache/fixtures/group.png | sha256sum | cut -c1-16)
if [ -f "$out/capture.y4m" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
mkdir -p "$out"
.venv/bin/python tests/fixtures/generate.py "$out" .cache/fixtures/astronaut.png .cache/fixtures/group.png
echo "$stamp" > "$out/.stamp"
