#!/usr/bin/env python3
"""Checks planlift's outputs with the tools of their own ecosystems (run by
`make check-outputs`, which sets up the virtual environment with them):

  - frictionless validate: datapackage.json with its CSV files;
  - jsonschema (Draft 2020-12): every JSON output against schemas/;
  - pandas and DuckDB: activities.csv loads without options, with the record count of
    activities.json.

    python3 tests/ecosystem/check_outputs.py PLANLIFT_BINARY
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    binary = sys.argv[1]
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {name}")
        else:
            failed += 1
            print(f"FAIL  {name}: {detail}")

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "out"
        cmp = Path(d) / "cmp"
        subprocess.run([binary, "extract", str(ROOT / "fixtures"), "-o", str(out), "--quiet"], check=True)
        subprocess.run([binary, "compare", str(out), "-o", str(cmp)], check=True, stderr=subprocess.DEVNULL)

        from frictionless import validate

        report = validate(str(out / "datapackage.json"))
        errors = [] if report.valid else [e.message for t in report.tasks for e in t.errors][:5]
        check("frictionless validate datapackage.json", report.valid, "; ".join(errors))

        from jsonschema import Draft202012Validator

        for output, schema in [
            ("activities.json", "activity.schema.json"),
            ("documents.json", "document.schema.json"),
            ("goals.json", "goal.schema.json"),
        ]:
            validator = Draft202012Validator(json.loads((ROOT / "schemas" / schema).read_text()))
            items = json.loads((out / output).read_text())
            errors = [e.message for item in items for e in validator.iter_errors(item)]
            check(f"jsonschema {output} against {schema} ({len(items)} records)", items and not errors, "; ".join(errors[:5]))

        records = len(json.loads((out / "activities.json").read_text()))
        import pandas

        frame = pandas.read_csv(out / "activities.csv")
        check(f"pandas.read_csv activities.csv ({len(frame)} rows)", len(frame) == records, f"expected {records}")

        import duckdb

        n = duckdb.sql(f"select count(*) from read_csv_auto('{out / 'activities.csv'}')").fetchall()[0][0]
        check(f"duckdb read_csv_auto activities.csv ({n} rows)", n == records, f"expected {records}")
        n = duckdb.sql(f"select count(*) from read_json_auto('{out / 'activities.json'}')").fetchall()[0][0]
        check(f"duckdb read_json_auto activities.json ({n} rows)", n == records, f"expected {records}")
        rows = len(json.loads((cmp / "comparison.json").read_text()))
        frame = pandas.read_csv(cmp / "comparison.csv")
        check(f"pandas.read_csv comparison.csv ({len(frame)} rows)", len(frame) == rows, f"expected {rows}")

    print(f"ecosystem checks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
