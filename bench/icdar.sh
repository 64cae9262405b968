#!/usr/bin/env bash
# ICDAR 2013 table benchmark: time `planlift tables` over the 67 PDFs (best and median of
# five runs, release build) and score the output with shared/bench/score_tables.py.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-../shared/bench}
BIN=./target/release/planlift
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
times=()
for i in 1 2 3 4 5; do
  rm -rf "$OUT/run"
  start=$(date +%s.%N)
  "$BIN" tables "$BENCH/icdar2013" -o "$OUT/run" >/dev/null 2>&1
  end=$(date +%s.%N)
  times+=("$(python3 -c "print($end - $start)")")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "planlift tables over $(ls "$BENCH"/icdar2013/*.pdf | wc -l) ICDAR 2013 PDFs: best $(echo "$sorted" | head -1 | cut -c1-5) s, median $(echo "$sorted" | sed -n 3p | cut -c1-5) s ($(nproc) cores)"
python3 "$BENCH/score_tables.py" "$BENCH/icdar2013" "$OUT/run" | tail -2
