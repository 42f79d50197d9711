#!/usr/bin/env bash
# Fuzz the reader and the quote finder with atheris for a set time each (not run in CI).
#   bench/fuzz.sh [SECONDS]        (default 300 per target)
# Crashing inputs are written to bench/out/fuzz/<target>/crash-*; add each to the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-300}"
PY=.venv/bin/python
$PY -c "import atheris" 2>/dev/null || $PY -m pip install --quiet atheris
for target in reader quotes; do
  out="bench/out/fuzz/$target"
  mkdir -p "$out/corpus"
  echo "fuzzing $target for ${SECONDS_EACH}s…"
  $PY "bench/fuzz/fuzz_$target.py" "$out/corpus" -max_total_time="$SECONDS_EACH" -max_len=8192 \
    -artifact_prefix="$out/" -print_final_stats=1 2>&1 | tail -n 12 || echo "$target: a crash was found (see $out/)"
done
