"""The Python package against the truth data, the command line's own output, and the
broken files of tests/data."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import planlift

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
TRUTH = ROOT / "tests" / "data" / "truth"
BROKEN = ROOT / "tests" / "data" / "broken"
BROKEN_PDF = ROOT / "tests" / "data" / "broken-pdf"

FACTS = ["municipality", "municipality_code", "country", "language", "document_title"]


@pytest.fixture(scope="session")
def fixtures_result() -> planlift.Result:
    return planlift.extract(FIXTURES)


def cli_binary() -> Path | None:
    """The planlift command line: $PLANLIFT_BIN, else the newest build in target/."""
    env = os.environ.get("PLANLIFT_BIN")
    if env:
        return Path(env)
    builds = [ROOT / "target" / p / "planlift" for p in ("release", "debug")]
    builds = [b for b in builds if b.exists()]
    # The newest build: an older one may predate the sources the package was built from.
    return max(builds, key=lambda b: b.stat().st_mtime, default=None)


def norm(v):
    """As the truth README compares: white space collapsed, dashes alike."""
    if isinstance(v, str):
        return " ".join(v.replace("–", "-").replace("—", "-").split())
    if isinstance(v, list):
        return [norm(x) for x in v]
    return v


def truth_cases():
    return [
        ("word/kalmar-handlingsplan-2016-2020.docx", "kalmar-2016-2020.json", []),
        ("html/kalmar-handlingsplan-2016-2020.html", "kalmar-2016-2020.json", []),
        ("pdf/katrineholm-uppfoljning-2020.pdf", "katrineholm-2020.json", []),
        ("sheets/katrineholm-2020.xlsx", "katrineholm-2020.json", []),
        ("sheets/katrineholm-2020.xls", "katrineholm-2020.json", []),
        ("sheets/soderhamn-2016.ods", "soderhamn-2016.json", []),
        ("pdf/soderhamn-landscape-rotated.pdf", "soderhamn-2016.json", []),
        ("pdf/baerum-status-2020.pdf", "baerum-status-2020.json", ["status_raw"]),
        ("sheets/baerum-status-2020.xlsx", "baerum-status-2020.json", ["status_raw"]),
        ("odt/baerum-status-2020.odt", "baerum-status-2020.json", ["status_raw"]),
        ("html/baerum-status-2020.html", "baerum-status-2020.json", ["status_raw"]),
    ]


@pytest.mark.parametrize("source,truth_file,skip", truth_cases())
def test_records_match_the_truth(fixtures_result, source, truth_file, skip):
    truth = json.loads((TRUTH / truth_file).read_text(encoding="utf-8"))
    acts = fixtures_result.activities
    got = acts[acts["source_file"] == source]
    assert len(got) == len(truth["activities"]), source
    records = fixtures_result.records("activities")
    records = [r for r in records if r["source_file"] == source]
    diffs = []
    for i, (g, e) in enumerate(zip(records, truth["activities"]), start=1):
        for field, want in e.items():
            if field in skip:
                continue
            if norm(g[field]) != norm(want):
                diffs.append(f"record {i} {field}: got {g[field]!r}, expected {want!r}")
    assert not diffs, "\n".join(diffs)
    docs = fixtures_result.documents
    doc = docs[docs["source_file"] == source].iloc[0]
    for field in FACTS:
        have = doc[field]
        have = None if pd.isna(have) else have
        assert norm(have) == norm(truth[field]), (source, field)


def test_the_kalmar_code_is_text(fixtures_result):
    acts = fixtures_result.activities
    kalmar = acts[acts["source_file"] == "word/kalmar-handlingsplan-2016-2020.docx"]
    assert len(kalmar) == 22
    assert (kalmar["municipality_code"] == "0880").all()
    assert isinstance(kalmar["municipality_code"].iloc[0], str)


def test_dtypes(fixtures_result):
    acts = fixtures_result.activities
    for col in ["document_id", "municipality_code", "activity_id", "goal_id", "status"]:
        assert acts[col].dtype == "string", col
    for col in ["record_index", "period_start", "period_end", "page", "table_index"]:
        assert acts[col].dtype == "Int64", col
    for col in ["responsible", "notes", "themes"]:
        assert acts[col].dtype == object
        assert all(isinstance(v, list) for v in acts[col]), col
    assert all(isinstance(v, dict) for v in acts["extra"])
    # Nullable integers hold missing values as <NA>, not as floats.
    assert acts["page"].isna().any() and acts["page"].notna().any()
    docs = fixtures_result.documents
    assert docs["bytes"].dtype == "Int64" and docs["pages"].dtype == "Int64"
    assert all(isinstance(v, list) for v in docs["warnings"])
    assert fixtures_result.tracking["match_score"].dtype == "Float64"
    assert fixtures_result.plans["documents"].map(type).eq(list).all()


def test_columns_are_those_of_the_outputs(fixtures_result):
    names = {"activities": "activity", "documents": "document", "goals": "goal",
             "plans": "plan", "tracking": "tracking"}
    for table in planlift.TABLES:
        schema = ROOT / "schemas" / f"{names[table]}.schema.json"
        props = list(json.loads(schema.read_text())["properties"])
        assert list(getattr(fixtures_result, table).columns) == props, table


@pytest.mark.skipif(cli_binary() is None, reason="no planlift binary in target/ (cargo build)")
def test_same_records_as_the_command_line(fixtures_result, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [str(cli_binary()), "extract", str(FIXTURES), "-o", str(out), "--quiet"],
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    for table in planlift.TABLES:
        want = json.loads((out / f"{table}.json").read_text(encoding="utf-8"))
        assert fixtures_result.records(table) == want, table


def test_in_process_gives_the_same_records(fixtures_result):
    inproc = planlift.extract(FIXTURES / "word", isolation=False, jobs=1)
    records = [
        r for r in fixtures_result.records("activities") if r["source_file"].startswith("word/")
    ]
    # A folder argument names files relative to itself.
    for r in records:
        r["source_file"] = r["source_file"][len("word/"):]
    assert inproc.records("activities") == records


def test_polars(fixtures_result):
    pl = pytest.importorskip("polars")
    frames = fixtures_result.to_polars()
    acts = frames["activities"]
    assert acts.height == len(fixtures_result.activities)
    assert acts.schema["municipality_code"] == pl.Utf8
    assert acts.schema["period_start"] == pl.Int64
    assert acts.schema["responsible"] == pl.List(pl.Utf8)
    assert "0880" in acts["municipality_code"].to_list()
    assert frames["tracking"].schema["match_score"] == pl.Float64


def test_tables_of_a_word_plan():
    grids = planlift.tables(FIXTURES / "word" / "kalmar-handlingsplan-2016-2020.docx")
    assert len(grids) == 3
    first = grids[0]
    assert all(first[c].dtype == "string" for c in first.columns)
    assert first.attrs["index"] == 1
    assert first.shape == (
        max(c["row"] + c["row_span"] for c in first.attrs["cells"]),
        max(c["col"] + c["col_span"] for c in first.attrs["cells"]),
    )
    texts = " ".join(first.fillna("").to_numpy().ravel())
    assert "förtroendevalda" in texts


def test_tables_of_a_spreadsheet_name_the_sheet():
    grids = planlift.tables(FIXTURES / "sheets" / "katrineholm-2020.xlsx")
    assert [g.attrs["sheet"] for g in grids][0] == "Handlingsplan"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in BROKEN.iterdir() if p.suffix in {".docx", ".xlsx", ".ods"} and p.name.startswith(("truncated", "not-a-zip", "encrypted")))
    + sorted(p for p in BROKEN_PDF.iterdir() if p.name in {"not-a-pdf.pdf", "encrypted.pdf"}),
    ids=lambda p: p.name,
)
def test_tables_of_a_broken_file_raise_naming_it(path):
    with pytest.raises(planlift.PlanliftError) as e:
        planlift.tables(path)
    assert path.name in str(e.value)


def test_extract_of_broken_files_raises_naming_each():
    with pytest.raises(planlift.ExtractError) as e:
        planlift.extract([BROKEN / "truncated.docx", BROKEN / "encrypted.xlsx", FIXTURES / "word"])
    err = e.value
    assert isinstance(err, planlift.PlanliftError)
    failed = dict(err.failures)
    assert set(failed) == {"truncated.docx", "encrypted.xlsx"}
    assert "encrypted" in failed["encrypted.xlsx"]
    assert "truncated.docx" in str(err) and "encrypted.xlsx" in str(err)
    # The rest of the batch is still there.
    assert len(err.result.activities) > 0


def test_broken_files_with_errors_ignored_are_failed_documents():
    result = planlift.extract(BROKEN, errors="ignore")
    docs = result.documents
    assert len(docs) == len([p for p in BROKEN.iterdir() if not p.name.startswith(".")])
    assert (docs["outcome"] == "failed").sum() >= 10
    assert docs.loc[docs["outcome"] == "failed", "error"].notna().all()


def test_a_missing_path_is_file_not_found(tmp_path):
    missing = tmp_path / "no-such-plan.docx"
    with pytest.raises(FileNotFoundError) as e:
        planlift.extract(missing)
    assert e.value.filename == str(missing)
    with pytest.raises(FileNotFoundError):
        planlift.tables(missing)


def test_bad_options_raise(tmp_path):
    with pytest.raises(planlift.PlanliftError, match="64M"):
        planlift.extract(FIXTURES / "word", max_memory="1M")
    with pytest.raises(planlift.PlanliftError, match="seconds"):
        planlift.extract(FIXTURES / "word", timeout=0)
    bad = tmp_path / "vocab.toml"
    bad.write_text("this is = not [ toml")
    with pytest.raises(planlift.PlanliftError) as e:
        planlift.extract(FIXTURES / "word", vocabulary=bad)
    assert "vocab.toml" in str(e.value)
    with pytest.raises(ValueError):
        planlift.extract(FIXTURES / "word", errors="sometimes")


def test_manifest_overrides(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,municipality,municipality_code\nkalmar-handlingsplan-2016-2020.docx,Testby,0999\n")
    result = planlift.extract(
        FIXTURES / "word" / "kalmar-handlingsplan-2016-2020.docx", manifest=manifest
    )
    assert set(result.activities["municipality"]) == {"Testby"}
    assert set(result.activities["municipality_code"]) == {"0999"}
    assert result.notices == []
    manifest.write_text("file,municipality\nelsewhere.docx,Testby\n")
    result = planlift.extract(
        FIXTURES / "word" / "kalmar-handlingsplan-2016-2020.docx", manifest=manifest
    )
    assert result.notices == ["manifest row `elsewhere.docx` matches no input file"]


def test_a_worker_crash_fails_the_file_not_the_interpreter(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANLIFT_WORKER_FAULT", "segv")
    result = planlift.extract(FIXTURES / "word", errors="ignore", jobs=1)
    assert (result.documents["outcome"] == "failed").all()
    assert result.documents["error"].str.contains("signal 11").all()


def test_the_gil_is_released_while_rust_works():
    ticks = 0
    done = threading.Event()

    def work():
        planlift.extract(FIXTURES, isolation=False, jobs=1)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole extraction the loop would not run at all.
    assert elapsed < 0.05 or ticks > 10, (elapsed, ticks)


def test_ctrl_c_stops_a_batch_and_raises_keyboard_interrupt(tmp_path):
    # Every worker hangs until its 1 s deadline: the whole folder would take a minute.
    script = tmp_path / "batch.py"
    script.write_text(
        "import sys, planlift\n"
        "print('started', flush=True)\n"
        "try:\n"
        f"    planlift.extract({str(FIXTURES)!r}, jobs=1, timeout=1.0, errors='ignore')\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
        "    sys.exit(0)\n"
        "print('finished', flush=True)\n"
    )
    env = dict(os.environ, PLANLIFT_WORKER_FAULT="hang")
    child = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout.readline().strip() == "started"
    time.sleep(1.5)
    start = time.perf_counter()
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    waited = time.perf_counter() - start
    assert out.strip() == "interrupted", out
    # The file being read finishes within its deadline; no further file starts.
    assert waited < 5, waited
