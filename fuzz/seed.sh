#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and test data (and, for
# PDF and the sheet formats, the peer benchmark files when ../shared/bench is there).
# Corpora are made at run time and never committed.
#
#   fuzz/seed.sh            (from anywhere)
#
# Files over 1 MiB are left out: they slow every run and add little coverage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"
peers="${PEERS:-$root/../shared/bench/peers/files}"
[ -d "$peers" ] || peers="/work/shared/bench/peers/files"

# target  extract-format-index  extensions...
# The index is the format's place in planlift::read::Format::ALL, written as the first
# byte of the extract target's seeds (that target picks the format from it).
targets=(
  "docx 0 docx"
  "plain 1 txt"
  "markdown 2 md markdown"
  "pdf 3 pdf"
  "xlsx 4 xlsx xlsm xlsb"
  "xls 5 xls"
  "ods 6 ods"
  "odt 7 odt"
  "html 8 html htm"
)

sources=("$root/fixtures" "$root/tests/data")
[ -d "$peers" ] && sources+=("$peers")

count=0
for line in "${targets[@]}"; do
  read -r target index exts <<<"$line"
  mkdir -p "$corpus/$target" "$corpus/extract"
  for ext in $exts; do
    while IFS= read -r -d '' f; do
      name="$(sha256sum "$f" | cut -c1-16).$ext"
      cp "$f" "$corpus/$target/$name"
      { printf "\\$(printf '%03o' "$index")"; cat "$f"; } >"$corpus/extract/$index-$name"
      count=$((count + 1))
    done < <(find "${sources[@]}" -type f -iname "*.$ext" -size -1024k -print0)
  done
done
# A small markdown pipe table, as no fixture is markdown.
printf '# Plan\n\n| Aktivitet | Ansvar | Status |\n|---|---|---|\n| Bygga <br> cykelväg | Teknik | Pågår |\n' \
  >"$corpus/plain/pipe-table.md"
echo "seeded $count files into $corpus"
