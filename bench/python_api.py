#!/usr/bin/env python3
"""What the Python package costs, and what it saves.

    python3 bench/python_api.py        (what `make bench` runs; from the repository root)

Sets up bench/.venv (camelot-py, python-docx, pandas from PyPI, and planlift's own
package built from ./python with maturin, release) and a release build of the command
line, then measures on the bundled fixtures (`fixtures/`, every format):

1. Python against the command line: `planlift.extract("fixtures")` with all five
   DataFrames built, in a process that has already imported planlift and pandas, against
   `planlift extract fixtures -o DIR` (process start and writing every output file
   included), both with worker isolation (the default of both) and without. Three runs
   each, alternating; the median, and each run, are printed. Goal: Python ≤ 1.1× CLI.
2. The table part alone against Camelot + python-docx: for the fixtures' PDF and Word
   files, Camelot (`read_pdf` of every page with its default, lattice) and python-docx
   (every table's cell texts) against `planlift.tables` on the same files, and against
   the whole `planlift.extract` of those files (in-process). Goal: planlift ≥ 10× faster.

PLANLIFT_BIN names the command line to time (else target/release/planlift, built here);
PLANLIFT_PYTHON_SRC the package source to install (else ./python); PLANLIFT_NO_INSTALL=1
measures the package already installed in bench/.venv.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "bench" / ".venv"
CLI = Path(os.environ.get("PLANLIFT_BIN", ROOT / "target" / "release" / "planlift"))
# The package's source (a checkout's python/ folder); another checkout's can be given.
PYTHON_SRC = Path(os.environ.get("PLANLIFT_PYTHON_SRC", ROOT / "python"))
RUNS = 3


def venv_python() -> Path:
    py = VENV / "bin" / "python3"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    need = "import camelot, docx, pandas"
    if subprocess.run([str(py), "-c", need], capture_output=True).returncode != 0:
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", "camelot-py", "python-docx", "pandas"],
            check=True,
        )
    # The package of this checkout (cargo keeps python/target between builds), unless
    # PLANLIFT_NO_INSTALL says the one installed is to be measured.
    if not os.environ.get("PLANLIFT_NO_INSTALL"):
        subprocess.run([str(py), "-m", "pip", "install", "-q", str(PYTHON_SRC)], check=True)
    return py


def cli_run(isolated: bool) -> float:
    with tempfile.TemporaryDirectory() as out:
        cmd = [str(CLI), "extract", str(ROOT / "fixtures"), "-o", out + "/o", "--quiet"]
        if not isolated:
            cmd.append("--no-isolation")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        return time.perf_counter() - t0


PY_SERVER = r"""
import sys, time, json
import pandas, planlift
root = sys.argv[1]
for line in sys.stdin:
    isolated = line.strip() == "isolated"
    t0 = time.perf_counter()
    r = planlift.extract(root + "/fixtures", isolation=isolated)
    for t in planlift.TABLES:
        getattr(r, t)
    print(json.dumps({"s": time.perf_counter() - t0, "activities": len(r.activities)}), flush=True)
"""

TABLE_PART = r"""
import sys, time, json, statistics, warnings
warnings.simplefilter("ignore")
files = json.loads(sys.argv[1])
which = sys.argv[2]
if which == "baseline":
    import camelot, docx
    def run():
        n = 0
        for f in files:
            if f.endswith(".pdf"):
                n += len(camelot.read_pdf(f, pages="all"))
            else:
                d = docx.Document(f)
                for t in d.tables:
                    for row in t.rows:
                        for c in row.cells:
                            c.text
                    n += 1
        return n
elif which == "tables":
    import planlift
    def run():
        return sum(len(planlift.tables(f)) for f in files)
else:
    import planlift
    def run():
        return len(planlift.extract(files, isolation=False).activities)
run()  # imports and first-use costs not counted
times = []
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter(); n = run(); times.append(time.perf_counter() - t0)
print(json.dumps({"s": statistics.median(times), "n": n}))
"""


def main() -> None:
    py = venv_python()
    if "PLANLIFT_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)

    print("1. planlift.extract('fixtures') in Python against `planlift extract fixtures`")
    server = subprocess.Popen(
        [str(py), "-c", PY_SERVER, str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT / "bench",
    )

    def py_run(isolated: bool) -> float:
        server.stdin.write(("isolated" if isolated else "in-process") + "\n")
        server.stdin.flush()
        return json.loads(server.stdout.readline())["s"]

    py_run(True)  # warm the page cache and the interpreter
    cli_run(True)
    for isolated in (True, False):
        cli, pyt = [], []
        for _ in range(RUNS):
            cli.append(cli_run(isolated))
            pyt.append(py_run(isolated))
        mode = "workers   " if isolated else "in-process"
        ratio = statistics.median(pyt) / statistics.median(cli)
        runs = ", ".join(f"{p / c:.2f}" for p, c in zip(pyt, cli))
        print(
            f"   {mode}: CLI {statistics.median(cli):.3f} s, Python {statistics.median(pyt):.3f} s"
            f" (medians of {RUNS}): Python/CLI {ratio:.2f}x (each run: {runs})"
        )
    server.stdin.close()
    server.wait()

    files = sorted(
        str(p)
        for p in (ROOT / "fixtures").rglob("*")
        if p.suffix in (".pdf", ".docx") and not any(x.startswith(".") for x in p.parts)
    )
    n_pdf = sum(f.endswith(".pdf") for f in files)
    print(f"2. the table part of {len(files)} files ({n_pdf} PDF, {len(files) - n_pdf} Word)")
    res = {}
    for which, runs in (("baseline", 1), ("tables", 5), ("extract", 5)):
        out = subprocess.run(
            [str(py), "-c", TABLE_PART, json.dumps(files), which, str(runs)],
            capture_output=True,
            text=True,
            cwd=ROOT / "bench",
        )
        if out.returncode != 0:
            print(f"   {which}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        res[which] = json.loads(out.stdout.strip().splitlines()[-1])
    if "baseline" in res:
        b = res["baseline"]
        print(f"   Camelot (lattice) + python-docx: {b['s']:.3f} s, {b['n']} tables")
        for which, label in (("tables", "planlift.tables"), ("extract", "planlift.extract (whole extraction, in-process)")):
            if which in res:
                r = res[which]
                print(
                    f"   {label}: {r['s']:.3f} s ({r['n']} {'tables' if which == 'tables' else 'activities'}):"
                    f" {b['s'] / r['s']:.0f}x faster"
                )


if __name__ == "__main__":
    main()
