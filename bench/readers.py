#!/usr/bin/env python3
"""Per-file time of planlift against the usual Python readers, in one go.

    python3 bench/readers.py        (what `make bench` runs; from the repository root)
    python3 bench/readers.py docx   (only one kind: docx or xlsx)

Sets up bench/.venv with openpyxl and python-docx (from PyPI) the first time, then for
every .docx and .xlsx fixture (and python-docx's own test files in
../shared/bench/peers/files/python-docx, when that folder is there) times, both from the file's bytes already in memory:
  - planlift: reading the file into its document model, and the whole extraction (reading,
    tables to records, normalizing: `planlift::extract_bytes`), release build, median of
    repeated runs in one process (examples/bench_readers.rs);
  - the baseline, which only reads: python-docx `Document` + the text of every cell of
    every table, nested tables included (docx; for a Word file without tables, as the
    strategy fixture, that is the load alone: the `cells` column shows it); openpyxl `load_workbook` + every cell value
    (xlsx); median of repeated runs in one process, the first (imports) not counted.
Prints one row per file with the ratio baseline / planlift's whole extraction (above 1:
planlift is faster), and the geometric mean per format.
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
    if subprocess.run([str(py), "-c", "import docx, openpyxl"], capture_output=True).returncode != 0:
        subprocess.run([str(py), "-m", "pip", "install", "-q", "openpyxl", "python-docx"], check=True)
    return py


BASELINE = r"""
import io, statistics, sys, time
path = sys.argv[1]
data = open(path, "rb").read()
if path.endswith(".xlsx"):
    import openpyxl
    def run():
        wb = openpyxl.load_workbook(io.BytesIO(data))
        n = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    n += 1
        return n
else:
    import docx
    def cells(tables):
        n = 0
        for t in tables:
            for row in t.rows:
                for c in row.cells:
                    c.text
                    n += 1 + cells(c.tables)
        return n
    def run():
        return cells(docx.Document(io.BytesIO(data)).tables)
n = run()
samples = []
start = time.perf_counter()
while time.perf_counter() - start < 1.0 or len(samples) < 5:
    t = time.perf_counter(); run(); samples.append(time.perf_counter() - t)
print(statistics.median(samples) * 1000, n, len(samples))
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
        name, read_ms, extract_ms, runs = line.split("\t")
        ours[name] = (float(read_ms), float(extract_ms), int(runs))
    missing = [f for f in files if f not in ours]
    if missing:
        sys.exit(f"bench_readers did not time {missing}")
    print(f"{'file':<46} {'baseline ms':>11} {'cells':>6} {'planlift read':>13} {'extract ms':>10} {'ratio':>7}")
    ratios = {}
    for f in files:
        base, cells, _ = subprocess.run([str(py), "-c", BASELINE, str(ROOT / f)], check=True, capture_output=True, text=True).stdout.split()
        base = float(base)
        read_ms, extract_ms, _ = ours[f]
        ratio = base / extract_ms
        lib = "openpyxl" if f.endswith(".xlsx") else "python-docx"
        ratios.setdefault(lib, []).append(ratio)
        print(f"{f:<46} {base:>11.3f} {cells:>6} {read_ms:>13.3f} {extract_ms:>10.3f} {ratio:>6.1f}x  ({lib} / planlift extract)")
    for lib, rs in ratios.items():
        what = "load + every table cell" if lib == "python-docx" else "load + every cell value"
        print(
            f"{lib}: planlift's whole extraction is {statistics.geometric_mean(rs):.1f}x as fast as {lib} {what} "
            f"(geometric mean of {len(rs)} files, min {min(rs):.1f}x)"
        )


if __name__ == "__main__":
    main()
