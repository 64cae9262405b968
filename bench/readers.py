#!/usr/bin/env python3
"""Per-file reading time of planlift against the usual Python readers, in one go.

    python3 bench/readers.py        (what `make bench` runs; from the repository root)
    python3 bench/readers.py docx   (only one kind: docx or xlsx)

Sets up bench/.venv with openpyxl and python-docx (from PyPI) the first time, then for
every .xlsx and .docx fixture (and python-docx's own test files in
../shared/bench/peers/files/python-docx, when that folder is there) times
  - planlift: reading the file into its document model, and the whole extraction
    (release build, median of repeated runs in one process: examples/bench_readers.rs);
  - the baseline: openpyxl.load_workbook + every cell value (xlsx), python-docx
    Document + every paragraph and table cell text (docx), median of repeated runs.
Prints one row per file and the ratio baseline / planlift.
"""
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "bench" / "peers" / "files" / "python-docx"
VENV = ROOT / "bench" / ".venv"


def venv_python():
    py = VENV / "bin" / "python3"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "openpyxl", "python-docx"], check=True)
    return py


BASELINE = r"""
import statistics, sys, time
path = sys.argv[1]
def run():
    if path.endswith(".xlsx"):
        import openpyxl
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    pass
    else:
        import docx
        d = docx.Document(path)
        for p in d.paragraphs:
            p.text
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    c.text
run()
samples = []
start = time.perf_counter()
while time.perf_counter() - start < 1.0 or len(samples) < 5:
    t = time.perf_counter(); run(); samples.append(time.perf_counter() - t)
print(statistics.median(samples) * 1000)
"""


def main():
    kinds = [k for k in ("xlsx", "docx") if len(sys.argv) < 2 or k in sys.argv[1:]]
    files = sorted(str(p.relative_to(ROOT)) for ext in kinds for p in (ROOT / "fixtures").rglob(f"*.{ext}"))
    if PEERS.is_dir():
        files += sorted(str(p) for p in PEERS.rglob("*.docx") if "docx" in kinds)
    py = venv_python()
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "bench_readers", "--", "--tsv", *files],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    ours = {}
    for line in out.splitlines():
        name, read_ms, extract_ms, _ = line.split("\t")
        ours[name] = (float(read_ms), float(extract_ms))
    print(f"{'file':<48} {'baseline ms':>11} {'read ms':>9} {'extract ms':>10} {'ratio':>7}")
    ratios = []
    for f in files:
        base = float(subprocess.run([str(py), "-c", BASELINE, str(ROOT / f)], check=True, capture_output=True, text=True).stdout)
        read_ms, extract_ms = ours[f]
        ratio = base / extract_ms
        ratios.append(ratio)
        lib = "openpyxl" if f.endswith(".xlsx") else "python-docx"
        print(f"{f:<48} {base:>11.3f} {read_ms:>9.3f} {extract_ms:>10.3f} {ratio:>6.1f}x  ({lib} / planlift extract)")
    print(f"geometric mean: planlift's whole extraction is {statistics.geometric_mean(ratios):.1f}x faster than the baseline only reading")


if __name__ == "__main__":
    main()
