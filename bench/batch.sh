#!/usr/bin/env bash
# What worker isolation costs: `planlift extract` over 1,000 mixed files (bench/make_batch.py)
# with isolation (the default: a worker process per job, a deadline and a memory cap per
# file) and with --no-isolation (every file read in the main process), in the same run.
#
#     bash bench/batch.sh            (what `make bench` runs; from anywhere)
#
# Uses hyperfine where installed (apt-get install hyperfine), else 3 timed runs of each
# with `date +%s.%N` and their median. Prints the ratio isolated / in-process.
# JOBS (default: all cores) sets --jobs; BATCH the batch folder (default target/bench-batch).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
BIN=./target/release/planlift
BATCH=${BATCH:-target/bench-batch}
python3 bench/make_batch.py "$BATCH"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
JOBS_ARG=()
if [ -n "${JOBS:-}" ]; then JOBS_ARG=(--jobs "$JOBS"); fi

if ! "$BIN" extract --help | grep -q -- '--no-isolation'; then
    echo "batch.sh: this planlift has no --no-isolation; nothing to compare" >&2
    exit 1
fi

# One run of each first: it warms the page cache, and shows the batch goes through.
for mode in isolated in-process; do
    flag=()
    [ "$mode" = in-process ] && flag=(--no-isolation)
    code=0
    "$BIN" extract "$BATCH" -o "$OUT/$mode" "${JOBS_ARG[@]}" "${flag[@]}" 2>"$OUT/$mode.log" || code=$?
    echo "$mode: exit $code; $(head -1 "$OUT/$mode.log")"
done
if ! cmp -s "$OUT/isolated/documents.json" "$OUT/in-process/documents.json"; then
    echo "batch.sh: warning: documents.json differs between the two modes" >&2
fi

ISO="$BIN extract $BATCH -o $OUT/iso --quiet ${JOBS_ARG[*]}"
INPROC="$BIN extract $BATCH -o $OUT/inproc --quiet --no-isolation ${JOBS_ARG[*]}"
if command -v hyperfine >/dev/null; then
    hyperfine --ignore-failure --warmup 1 --runs 5 --export-json "$OUT/h.json" \
        -n isolated "$ISO" -n in-process "$INPROC"
    python3 - "$OUT/h.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
iso, inp = r["isolated"]["median"], r["in-process"]["median"]
print(f"1,000 files: isolated {iso:.2f} s, in-process {inp:.2f} s (medians); isolation costs {iso / inp:.2f}x")
EOF
else
    median_of_3() {
        local times=()
        for _ in 1 2 3; do
            local t0 t1
            t0=$(date +%s.%N)
            $1 || true
            t1=$(date +%s.%N)
            times+=("$(echo "$t1 - $t0" | bc -l)")
        done
        printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
    }
    iso=$(median_of_3 "$ISO")
    inp=$(median_of_3 "$INPROC")
    python3 -c "import sys; i, p = float(sys.argv[1]), float(sys.argv[2]); print(f'1,000 files: isolated {i:.2f} s, in-process {p:.2f} s (medians of 3); isolation costs {i / p:.2f}x')" "$iso" "$inp"
fi
