#!/usr/bin/env python3
"""`planlift tables` over whole folders against python-calamine and pandas.read_html, in
one run.

    python3 bench/tables_speed.py        (what `make bench` runs; from the repository root)

Sets up bench/.venv-tables with python-calamine, pandas and lxml (from PyPI) the first
time. Collects the workbooks (.xlsx, .xlsm, .xls, .ods) and the web pages (.html, .htm)
of fixtures/ and tests/data/ (not the damaged ones: python-calamine aborts on some) (and of ../shared/bench/peers/files/calamine when that
folder is there) into two folders, then times, median of five runs each:
  - planlift: `planlift tables FOLDER` once per folder, one process, release build
    (its worker processes by default, `--jobs 1`, and `--no-isolation --jobs 1`, into a
    fresh folder on the disk; and by default into /dev/shm, where creating the output
    files costs no disk journal: planlift writes a JSON and a CSV per table, the peers
    write nothing);
  - python-calamine: every file opened and every sheet read to Python values
    (`CalamineWorkbook.from_path`, `get_sheet_by_name(..).to_python()`), one process,
    single-threaded, imports not counted;
  - pandas.read_html (lxml parser) on every page, likewise.
Prints the times and the ratio peer / planlift (above 1: planlift is faster). Files a
peer cannot read count with the time it took to fail.
"""
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "bench" / "peers" / "files" / "calamine"
VENV = ROOT / "bench" / ".venv-tables"
PLANLIFT = ROOT / "target" / "release" / "planlift"
SHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
PAGES = (".html", ".htm")
RUNS = 5


def venv_python():
    py = VENV / "bin" / "python3"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = "import python_calamine, pandas, lxml"
    if subprocess.run([str(py), "-c", probe], capture_output=True).returncode != 0:
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "python-calamine", "pandas", "lxml"], check=True
        )
    return py


PEER = r"""
import statistics, sys, time, warnings
warnings.simplefilter("ignore")
kind, files = sys.argv[1], sys.argv[2:]
if kind == "sheets":
    from python_calamine import CalamineWorkbook
    def one(path):
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
else:
    import pandas
    def one(path):
        pandas.read_html(path, flavor="lxml")
def run():
    for f in files:
        try:
            one(f)
        except Exception:
            pass
run()  # warm: imports and caches
times = []
for _ in range(int(%d)):
    t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
print(statistics.median(times))
""" % RUNS


def collect(folder, suffixes):
    sources = [ROOT / "fixtures", ROOT / "tests" / "data"]
    if suffixes == SHEETS and PEERS.is_dir():
        sources.append(PEERS)
    n = 0
    for src in sources:
        for f in sorted(src.rglob("*")):
            damaged = any(k in part for part in f.parts for k in ("broken", "hostile", "fuzz"))
            if f.is_file() and f.suffix.lower() in suffixes and not damaged:
                n += 1
                shutil.copy(f, folder / f"{n:03d}-{f.name}")
    return sorted(folder.iterdir())


def planlift_time(folder, extra, out_root=None):
    times = []
    for _ in range(RUNS + 1):
        with tempfile.TemporaryDirectory(dir=out_root) as out:
            t = time.perf_counter()
            subprocess.run([str(PLANLIFT), "tables", str(folder), "-o", out, *extra], capture_output=True)
            times.append(time.perf_counter() - t)
    return statistics.median(times[1:])


def main():
    if not PLANLIFT.exists():
        sys.exit(f"build first: cargo build --release ({PLANLIFT} missing)")
    py = venv_python()
    with tempfile.TemporaryDirectory() as tmp:
        shm = "/dev/shm" if Path("/dev/shm").is_dir() else None
        print(f"{'files':<8}{'n':>4}  {'planlift':>9} {'--jobs 1':>9} {'in-proc 1':>9} {'to tmpfs':>9}  {'peer':<16}{'time':>8}  ratio (peer / planlift default, / jobs 1, / to tmpfs)")
        for kind, suffixes, peer in (("sheets", SHEETS, "python-calamine"), ("pages", PAGES, "pandas.read_html")):
            folder = Path(tmp) / kind
            folder.mkdir()
            files = collect(folder, suffixes)
            default = planlift_time(folder, [])
            one = planlift_time(folder, ["--jobs", "1"])
            inproc = planlift_time(folder, ["--no-isolation", "--jobs", "1"])
            tmpfs = planlift_time(folder, [], shm) if shm else float("nan")
            out = subprocess.run([str(py), "-c", PEER, kind, *map(str, files)], capture_output=True, text=True, check=True)
            theirs = float(out.stdout.strip())
            print(
                f"{kind:<8}{len(files):>4}  {default:>8.3f}s {one:>8.3f}s {inproc:>8.3f}s {tmpfs:>8.3f}s  {peer:<16}{theirs:>7.3f}s"
                f"  {theirs / default:.2f}x, {theirs / one:.2f}x, {theirs / tmpfs:.2f}x"
            )


if __name__ == "__main__":
    main()
