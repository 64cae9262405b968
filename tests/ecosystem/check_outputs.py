#!/usr/bin/env python3
"""Checks planlift's outputs with the tools of their own ecosystems (run by
`make check-outputs`, which sets up the virtual environment with them):

  - frictionless validate: datapackage.json with its CSV files, in both dialects;
  - jsonschema (Draft 2020-12): every JSON output against the schema `planlift schema`
    prints for it;
  - pandas, polars and DuckDB: every output format (CSV with the lines README.md shows,
    JSON, Parquet, the workbook) with codes and ids as text (`0880`, `1.10`), years as
    integers and themes as lists;
  - LibreOffice (when `soffice` is installed): the `excel` dialect opens with Nordic
    letters intact without choosing a character set.

    python3 tests/ecosystem/check_outputs.py PLANLIFT_BINARY
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The text columns a CSV reader would otherwise take for numbers (README.md, "Reading
# the outputs"): codes with leading zeros, ids such as 1.10, hex digests such as 1e5...
TEXT_COLUMNS = ["document_id", "municipality_code", "goal_id", "area_id", "activity_id", "period_label", "sha256", "plan_id"]

# A plan of our own beside the fixtures, whose ids a number parser would spoil.
PLAN = """# Handlingsplan för likabehandling 2025–2027

| Nr | Åtgärd | Ansvar | Status |
|---|---|---|---|
| 1.9 | Kartlägga bemötandet i receptionen | Kommunledningsförvaltningen | Pågående |
| 1.10 | Utbilda chefer i normkritik | HR-avdelningen | Klar |
| 1.20 | Öppna en träffpunkt för unga | Kultur- och fritidsförvaltningen | Ej påbörjad |
"""


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
        d = Path(d)
        inputs = d / "in"
        shutil.copytree(ROOT / "fixtures", inputs / "fixtures", ignore=shutil.ignore_patterns("make"))
        (inputs / "ours").mkdir()
        (inputs / "ours" / "plan.md").write_text(PLAN, encoding="utf-8")
        (d / "manifest.csv").write_text("file,municipality,municipality_code,country\nours/plan.md,Bærum,0880,NO\n", encoding="utf-8")
        out, excel, cmp, tables = d / "out", d / "excel", d / "cmp", d / "tables"
        run = lambda *a: subprocess.run([binary, *map(str, a)], stderr=subprocess.DEVNULL)
        run("extract", inputs, "-o", out, "--format", "all", "--manifest", d / "manifest.csv")
        run("extract", inputs, "-o", excel, "--csv-dialect", "excel", "--manifest", d / "manifest.csv")
        run("compare", out, "-o", cmp)
        run("tables", inputs / "fixtures", "-o", tables)
        records = json.loads((out / "activities.json").read_text())
        ours = [r for r in records if r["source_file"] == "ours/plan.md"]
        check("our plan is read (3 records, code 0880, ids 1.9/1.10/1.20)",
              [r["activity_id"] for r in ours] == ["1.9", "1.10", "1.20"] and all(r["municipality_code"] == "0880" for r in ours),
              str([(r["activity_id"], r["municipality_code"]) for r in ours]))

        def typed(name, rows):
            """rows: list of dicts (one per record of activities) from some reader."""
            rows = list(rows)
            ok = len(rows) == len(records)
            problems = []
            for got, want in zip(rows, records):
                for col in ("municipality_code", "activity_id", "document_id"):
                    if got[col] != want[col] and not (want[col] is None and got[col] in (None, "")):
                        problems.append(f"{col} {got[col]!r} != {want[col]!r}")
                if "themes" in got and got["themes"] is not None and not isinstance(got["themes"], str):
                    if list(got["themes"]) != want["themes"]:
                        problems.append(f"themes {list(got['themes'])!r} != {want['themes']!r}")
                if want["period_start"] is not None and int(got["period_start"]) != want["period_start"]:
                    problems.append(f"period_start {got['period_start']!r}")
            check(f"{name}: {len(rows)} records, codes and ids as text", ok and not problems, "; ".join(problems[:4]) or f"{len(rows)} rows, expected {len(records)}")

        def none_if_na(v):
            try:
                import pandas
                return None if v is None or (not isinstance(v, (list, tuple)) and not hasattr(v, "__len__") and pandas.isna(v)) or (isinstance(v, float) and v != v) or v is pandas.NA else v
            except (TypeError, ValueError):
                return v

        # --- frictionless: both dialects, keys included.
        from frictionless import validate, Package

        for folder in (out, excel):
            report = validate(str(folder / "datapackage.json"))
            errors = [] if report.valid else [e.message for t in report.tasks for e in t.errors][:5]
            check(f"frictionless validate {folder.name}/datapackage.json", report.valid, "; ".join(errors))
        package = Package(str(out / "datapackage.json"))
        rows = package.get_resource("activities").read_rows()
        typed("frictionless Package rows (activities.csv)", [{k: r.get(k) for k in ("municipality_code", "activity_id", "document_id", "period_start")} for r in rows])

        # --- jsonschema: every JSON output.
        from jsonschema import Draft202012Validator

        def schema(name):
            text = subprocess.run([binary, "schema", name], capture_output=True, text=True).stdout
            return Draft202012Validator(json.loads(text))

        for path, name in [
            (out / "activities.json", "activity"), (out / "documents.json", "document"),
            (out / "goals.json", "goal"), (out / "plans.json", "plan"), (out / "tracking.json", "tracking"),
            (cmp / "comparison.json", "comparison"), (cmp / "municipalities.json", "municipality"),
        ]:
            items = json.loads(path.read_text())
            v = schema(name)
            errors = [e.message for item in items for e in v.iter_errors(item)]
            check(f"jsonschema {path.name} ({len(items)} records) against `planlift schema {name}`", items and not errors, "; ".join(errors[:5]))
        v = schema("activity")
        lines = [json.loads(l) for l in (out / "activities.jsonl").read_text().splitlines()]
        errors = [e.message for item in lines for e in v.iter_errors(item)]
        check(f"jsonschema activities.jsonl ({len(lines)} lines)", lines == records and not errors, "; ".join(errors[:5]))
        v = schema("tables")
        files = sorted(tables.glob("*.tables.json"))
        errors = [f"{p.name}: {e.message}" for p in files for e in v.iter_errors(json.loads(p.read_text()))]
        check(f"jsonschema {len(files)} *.tables.json against `planlift schema tables`", files and not errors, "; ".join(errors[:5]))

        # --- pandas: the README lines.
        import pandas as pd

        frame = pd.read_csv(out / "activities.csv", dtype={c: "string" for c in TEXT_COLUMNS})
        typed("pandas.read_csv with dtype for text columns", (dict(r, themes=None) for r in frame.astype(object).where(frame.notna(), None).to_dict("records")))
        frame = pd.read_parquet(out / "activities.parquet")
        check("pandas.read_parquet: Int64 years, string codes",
              str(frame["period_start"].dtype) == "Int64" and str(frame["municipality_code"].dtype) in ("string", "str"),
              f"{frame['period_start'].dtype}, {frame['municipality_code'].dtype}")
        typed("pandas.read_parquet", (
            {k: none_if_na(v) for k, v in r.items()} for r in frame.astype(object).to_dict("records")))
        frame = pd.read_json(out / "activities.json", dtype={c: "string" for c in TEXT_COLUMNS})
        typed("pandas.read_json with dtype for text columns", (dict(r, themes=r["themes"]) for r in frame.astype(object).where(frame.notna(), None).to_dict("records")))
        sheets = pd.read_excel(out / "planlift.xlsx", sheet_name=None, dtype={c: "string" for c in TEXT_COLUMNS})
        check("pandas.read_excel planlift.xlsx: one sheet per table",
              list(sheets) == ["activities", "documents", "goals", "plans", "tracking"], str(list(sheets)))
        sheet = sheets["activities"]
        typed("pandas.read_excel activities sheet", (dict(r, themes=None) for r in sheet.astype(object).where(sheet.notna(), None).to_dict("records")))
        from openpyxl import load_workbook

        ws = load_workbook(out / "planlift.xlsx", read_only=True)["activities"]
        header = [c.value for c in next(ws.iter_rows(max_row=1))]
        col = header.index("municipality_code")
        kinds = {row[col].data_type for row in ws.iter_rows(min_row=2) if row[col].value is not None}
        check("openpyxl: municipality_code cells are text, not numbers", kinds == {"s"}, str(kinds))

        # --- polars.
        import polars as pl

        frame = pl.read_csv(out / "activities.csv", schema_overrides={c: pl.Utf8 for c in TEXT_COLUMNS})
        typed("polars.read_csv with schema_overrides", (dict(r, themes=None) for r in frame.to_dicts()))
        frame = pl.read_parquet(out / "activities.parquet")
        check("polars.read_parquet: themes is a list of strings", frame.schema["themes"] == pl.List(pl.Utf8), str(frame.schema["themes"]))
        typed("polars.read_parquet", frame.to_dicts())
        for table in ("documents", "goals", "plans", "tracking"):
            n = len(json.loads((out / f"{table}.json").read_text()))
            check(f"polars.read_parquet {table}.parquet ({n} rows)", pl.read_parquet(out / f"{table}.parquet").height == n)

        # --- DuckDB.
        import duckdb

        present = [c for c in TEXT_COLUMNS if c in records[0]]
        types = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in present) + "}"
        rel = duckdb.sql(f"select * from read_csv('{out / 'activities.csv'}', types={types})")
        typed("duckdb read_csv with types for text columns", (dict(zip(rel.columns, r), themes=None) for r in rel.fetchall()))
        rel = duckdb.sql(f"select * from '{out / 'activities.parquet'}'")
        typed("duckdb parquet", (dict(zip(rel.columns, r)) for r in rel.fetchall()))
        n = duckdb.sql(f"select count(*) from read_json_auto('{out / 'activities.json'}')").fetchall()[0][0]
        check(f"duckdb read_json_auto activities.json ({n} rows)", n == len(records), f"expected {len(records)}")
        rows = len(json.loads((cmp / "comparison.json").read_text()))
        frame = pd.read_csv(cmp / "comparison.csv", dtype={"municipality_code": "string"})
        check(f"pandas.read_csv comparison.csv ({len(frame)} rows)", len(frame) == rows, f"expected {rows}")

        # --- LibreOffice (README.md, "Opening in Excel and LibreOffice"): the workbook
        # opens as it is, codes as text; the CSV files open right once the import dialog
        # is told UTF-8 (LibreOffice takes the system's character set otherwise, BOM or
        # not, which is what we found and document).
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("skip  LibreOffice checks: soffice is not installed")
        else:
            profile = f"-env:UserInstallation=file://{d / 'lo-profile'}"

            def office(src, target, infilter, outdir):
                subprocess.run([soffice, profile, "--headless", "--convert-to", target, *infilter,
                                "--outdir", str(outdir), str(src)], capture_output=True, timeout=300)

            office(out / "planlift.xlsx", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1', [], d / "lo-book")
            import csv as csvmod
            with open(d / "lo-book" / "planlift-activities.csv", encoding="utf-8") as f:
                book = list(csvmod.DictReader(f))
            mine = [r for r in book if r["source_file"] == "ours/plan.md"]
            check("LibreOffice opens planlift.xlsx: Bærum, 0880 and 1.10 as written",
                  len(book) == len(records) and [r["activity_id"] for r in mine] == ["1.9", "1.10", "1.20"]
                  and all(r["municipality_code"] == "0880" and r["municipality"] == "Bærum" for r in mine),
                  f"{len(book)} rows; {[(r['activity_id'], r['municipality_code'], r['municipality']) for r in mine]}")
            for folder, sep in ((out, 44), (excel, 59)):
                target = d / f"lo-{folder.name}"
                office(folder / "activities.csv", "xlsx", [f"--infilter=CSV:{sep},34,76,1"], target)
                ws = load_workbook(target / "activities.xlsx", read_only=True).active
                values = [[c.value for c in row] for row in ws.iter_rows()]
                header = values[0]
                munis = {r[header.index("municipality")] for r in values[1:]}
                check(f"LibreOffice opens {folder.name}/activities.csv as UTF-8 with Nordic letters intact",
                      "Bærum" in munis and len(values) - 1 == len(records), f"{sorted(m for m in munis if m)[:6]}, {len(values) - 1} rows")

    print(f"ecosystem checks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
