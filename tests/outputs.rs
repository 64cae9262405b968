//! The output files themselves: schemas, CSV round trip, determinism, the datapackage,
//! and the command line's exit codes.

mod common;

use common::*;
use planlift::{Activity, DocumentRecord, GoalRecord};
use serde_json::Value;

fn validator(schema_name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas").join(schema_name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, items: &Value, what: &str) {
    let items = items.as_array().expect("array");
    assert!(!items.is_empty(), "{what}: nothing to validate");
    for (i, item) in items.iter().enumerate() {
        let errors: Vec<String> = v
            .iter_errors(item)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what} #{i}: {}", errors.join("; "));
    }
}

#[test]
fn every_output_validates_against_the_schemas() {
    let (dir, out) = extract(
        &[&root().join("fixtures"), &root().join("tests/data/broken")],
        &["--jsonl"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "broken inputs make the run exit 1"
    );
    assert_valid(
        &validator("activity.schema.json"),
        &read_json(dir.path(), "activities.json"),
        "activities.json",
    );
    assert_valid(
        &validator("document.schema.json"),
        &read_json(dir.path(), "documents.json"),
        "documents.json",
    );
    assert_valid(
        &validator("goal.schema.json"),
        &read_json(dir.path(), "goals.json"),
        "goals.json",
    );
    assert_valid(
        &validator("plan.schema.json"),
        &read_json(dir.path(), "plans.json"),
        "plans.json",
    );
    assert_valid(
        &validator("tracking.schema.json"),
        &read_json(dir.path(), "tracking.json"),
        "tracking.json",
    );
    let jsonl = std::fs::read_to_string(dir.path().join("activities.jsonl")).unwrap();
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        Value::Array(lines.clone()),
        read_json(dir.path(), "activities.json")
    );
    assert_valid(
        &validator("activity.schema.json"),
        &Value::Array(lines),
        "activities.jsonl",
    );
}

#[test]
fn the_schema_command_prints_the_schemas() {
    for (arg, file) in [
        ("activity", "activity.schema.json"),
        ("document", "document.schema.json"),
        ("goal", "goal.schema.json"),
        ("plan", "plan.schema.json"),
        ("tracking", "tracking.schema.json"),
        ("comparison", "comparison.schema.json"),
        ("municipality", "municipality.schema.json"),
        ("tables", "tables.schema.json"),
    ] {
        let out = planlift(&["schema", arg]);
        assert_eq!(out.status.code(), Some(0));
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
        let on_disk: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("schemas").join(file)).unwrap(),
        )
        .unwrap();
        assert_eq!(printed, on_disk);
        assert_eq!(
            printed["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
}

/// A CSV cell back into the JSON value it was written from.
fn cell_value(column: &str, cell: &str, kind: &Value) -> Value {
    if cell.is_empty() {
        return match kind {
            Value::Array(_) => Value::Array(vec![]),
            _ => Value::Null,
        };
    }
    match kind {
        Value::Array(_) => {
            let sep = if column == "notes" || column == "warnings" {
                " || "
            } else {
                "; "
            };
            Value::Array(cell.split(sep).map(|s| Value::String(s.into())).collect())
        }
        Value::Number(_) => Value::Number(cell.parse::<i64>().unwrap().into()),
        Value::Object(_) => serde_json::from_str(cell).unwrap(),
        _ => Value::String(cell.into()),
    }
}

fn csv_matches_json(dir: &std::path::Path, stem: &str) {
    let json = read_json(dir, &format!("{stem}.json"));
    let mut reader = csv::Reader::from_path(dir.join(format!("{stem}.csv"))).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let items = json.as_array().unwrap();
    assert_eq!(rows.len(), items.len(), "{stem}: row count");
    for (row, item) in rows.iter().zip(items) {
        let obj = item.as_object().unwrap();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            obj.keys().map(String::as_str).collect::<Vec<_>>()
        );
        for (column, cell) in headers.iter().zip(row.iter()) {
            let want = &obj[column];
            let kind = if want.is_null() && column.starts_with("period_") {
                &Value::Number(0.into())
            } else {
                want
            };
            assert_eq!(
                &cell_value(column, cell, kind),
                want,
                "{stem}: column {column}"
            );
        }
    }
}

#[test]
fn csv_files_parse_back_to_the_same_records() {
    let (dir, _) = extract(
        &[&root().join("fixtures"), &root().join("tests/data/broken")],
        &[],
    );
    csv_matches_json(dir.path(), "activities");
    csv_matches_json(dir.path(), "documents");
    csv_matches_json(dir.path(), "goals");
    // And into the typed records with the csv crate's serde support where the CSV is flat.
    let mut reader = csv::Reader::from_path(dir.path().join("goals.csv")).unwrap();
    let goals: Vec<GoalRecord> = reader.deserialize().map(Result::unwrap).collect();
    let from_json: Vec<GoalRecord> =
        serde_json::from_value(read_json(dir.path(), "goals.json")).unwrap();
    assert_eq!(goals, from_json);
    let acts: Vec<Activity> =
        serde_json::from_value(read_json(dir.path(), "activities.json")).unwrap();
    let docs: Vec<DocumentRecord> =
        serde_json::from_value(read_json(dir.path(), "documents.json")).unwrap();
    assert_eq!(docs.iter().map(|d| d.activities).sum::<usize>(), acts.len());
    let csv_text = std::fs::read(dir.path().join("activities.csv")).unwrap();
    assert!(!csv_text.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
}

#[test]
fn two_runs_give_byte_identical_outputs() {
    let fixtures = root().join("fixtures");
    let (a, _) = extract(&[&fixtures], &["--jsonl", "--jobs", "2"]);
    let (b, _) = extract(&[&fixtures], &["--jsonl", "--jobs", "1"]);
    for name in [
        "activities.csv",
        "activities.json",
        "activities.jsonl",
        "documents.csv",
        "documents.json",
        "goals.csv",
        "goals.json",
        "datapackage.json",
    ] {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between runs");
    }
    let leftovers: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn datapackage_describes_the_csv_files() {
    let (dir, _) = extract(&[&root().join("fixtures")], &[]);
    let pkg = read_json(dir.path(), "datapackage.json");
    let resources = pkg["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["activities", "documents", "goals", "plans", "tracking"],
        "{names:?}"
    );
    for r in resources {
        let path = dir.path().join(r["path"].as_str().unwrap());
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let fields: Vec<String> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(headers, fields, "{}", r["name"]);
    }
}

#[test]
fn usage_errors_exit_2_and_unknown_files_are_skipped() {
    let out = planlift(&["extract", "/no/such/path"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/path"), "{err}");
    assert_eq!(
        planlift(&["extract", "--no-such-flag", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(planlift(&["frobnicate"]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.xyz"), "hello").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "\tA\n").unwrap();
    let (out_dir, out) = extract(&[dir.path()], &[]);
    assert_eq!(out.status.code(), Some(0));
    let docs = read_json(out_dir.path(), "documents.json");
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["source_file"], "notes.xyz");
    assert_eq!(docs[0]["outcome"], "skipped");
    assert_eq!(docs[0]["error"], "unsupported file type (.xyz)");
    assert_eq!(docs[0]["bytes"], 5);
}

#[test]
fn tables_writes_grids_with_merged_cells_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let docx = root().join("fixtures/word/merged-and-nested.docx");
    let out = planlift(&[
        "tables",
        docx.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = read_json(dir.path(), "merged-and-nested.tables.json");
    let table = &json["tables"][0];
    assert_eq!(
        (table["n_rows"].as_u64(), table["n_cols"].as_u64()),
        (Some(4), Some(3))
    );
    let section = table["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == 1)
        .unwrap();
    assert_eq!(section["col_span"], 3);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(dir.path().join("merged-and-nested.table-1.csv"))
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows[1].iter().collect::<Vec<_>>(), ["Område 1: Kunskap"; 3]);
    assert!(
        rows[3][0].contains("Steg 2 | Hösten 2022"),
        "the nested table is kept in its cell"
    );
}

#[test]
fn word_merges_and_shading_reach_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let docx = root().join("fixtures/word/kalmar-handlingsplan-2016-2020.docx");
    let out = planlift(&[
        "tables",
        docx.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json = read_json(dir.path(), "kalmar-handlingsplan-2016-2020.tables.json");
    let tables = json["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 3);
    let last = tables[2]["cells"].as_array().unwrap();
    let header = last
        .iter()
        .find(|c| c["row"] == 0 && c["col"] == 1)
        .unwrap();
    assert_eq!(header["fill"], "#D9E2F3");
    assert_eq!(header["bold"], true);
    let area = last
        .iter()
        .find(|c| c["row"] == 1 && c["col"] == 0)
        .unwrap();
    assert_eq!(area["text"], "Kompetensutveckla *)");
    assert_eq!(
        area["row_span"], 4,
        "Område merged over four rows (w:vMerge)"
    );
    let activity = last
        .iter()
        .find(|c| c["row"] == 1 && c["col"] == 1)
        .unwrap();
    assert_eq!(activity["fill"], Value::Null);
}

#[test]
fn excel_dialect_writes_semicolons_bom_and_guards_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "\tAktivitet\n\tAnsvarig\n\n\t=HYPERLINK(\"x\")\n\t@Kommunen; -samtliga\n",
    )
    .unwrap();
    let (out, run) = extract(&[&plan], &["--csv-dialect", "excel"]);
    assert_eq!(run.status.code(), Some(0));
    let bytes = std::fs::read(out.path().join("activities.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let get = |name: &str| {
        row.get(headers.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(get("activity"), "'=HYPERLINK(\"x\")");
    assert_eq!(get("responsible_raw"), "'@Kommunen; -samtliga");
    let (plain, _) = extract(&[&plan], &[]);
    let text = std::fs::read_to_string(plain.path().join("activities.csv")).unwrap();
    assert!(
        text.starts_with("document_id,"),
        "the default stays RFC 4180"
    );
    assert!(text.contains(",\"=HYPERLINK(\"\"x\"\")\","));
}

#[test]
fn the_same_file_names_in_two_folders_keep_the_keys_unique() {
    let tmp = tempfile::tempdir().unwrap();
    for side in ["north", "south"] {
        let dir = tmp.path().join(side);
        std::fs::create_dir(&dir).unwrap();
        for entry in std::fs::read_dir(root().join("fixtures/seeds")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    let north = tmp.path().join("north");
    let south = tmp.path().join("south");
    let (dir, _) = extract(&[&north, &south, &north], &[]);
    let docs = read_json(dir.path(), "documents.json");
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 10, "the folder given twice is read once");
    let names: std::collections::HashSet<&str> = docs
        .iter()
        .map(|d| d["source_file"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        docs.len(),
        "source files are unique: {names:?}"
    );
    assert!(names
        .iter()
        .all(|n| n.contains("north/") || n.contains("south/")));
    let acts = read_json(dir.path(), "activities.json");
    let keys: std::collections::HashSet<(String, String, u64)> = acts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["document_id"].as_str().unwrap().to_string(),
                a["source_file"].as_str().unwrap().to_string(),
                a["record_index"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys.len(),
        acts.as_array().unwrap().len(),
        "activity keys are unique"
    );
    let pkg = read_json(dir.path(), "datapackage.json");
    assert_eq!(
        pkg["resources"][0]["schema"]["primaryKey"],
        serde_json::json!(["document_id", "source_file", "record_index"])
    );
    assert_eq!(pkg["resources"][0]["dialect"]["delimiter"], ",");
}

#[test]
fn compare_and_tables_outputs_validate_against_their_schemas() {
    let (dir, _) = extract(&[&root().join("fixtures")], &[]);
    let cmp = tempfile::tempdir().unwrap();
    let out = planlift(&[
        "compare",
        dir.path().to_str().unwrap(),
        "-o",
        cmp.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_valid(
        &validator("comparison.schema.json"),
        &read_json(cmp.path(), "comparison.json"),
        "comparison.json",
    );
    assert_valid(
        &validator("municipality.schema.json"),
        &read_json(cmp.path(), "municipalities.json"),
        "municipalities.json",
    );
    let tables = tempfile::tempdir().unwrap();
    let out = planlift(&[
        "tables",
        root().join("fixtures").to_str().unwrap(),
        "-o",
        tables.path().to_str().unwrap(),
    ]);
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    let v = validator("tables.schema.json");
    let mut checked = 0;
    for entry in std::fs::read_dir(tables.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".tables.json") {
            let doc = read_json(tables.path(), &name);
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {}", errors.join("; "));
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} tables files checked");
}

#[test]
fn completions_and_manual_page_come_from_the_command_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = planlift(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let script = String::from_utf8_lossy(&out.stdout);
        for word in ["extract", "merge", "--shard", "--format"] {
            assert!(script.contains(word), "{shell} completion knows {word}");
        }
    }
    let man = planlift(&["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH planlift 1"),
        "{page}"
    );
    assert!(page.contains("extract"));
    let version = planlift(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("planlift "));
}

#[test]
fn tables_of_files_sharing_a_stem_stay_apart() {
    // One plan in three formats: each file's tables under its whole name, every
    // description whole (written side by side, they once overwrote each other).
    let input = tempfile::tempdir().unwrap();
    for ext in ["docx", "odt", "pdf"] {
        let from = root().join(format!(
            "fixtures/blind/tonsberg-trafikksikkerhet-status-2024.{ext}"
        ));
        std::fs::copy(&from, input.path().join(format!("plan.{ext}"))).unwrap();
    }
    std::fs::copy(
        root().join("fixtures/word/merged-and-nested.docx"),
        input.path().join("other.docx"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = planlift(&[
        "tables",
        input.path().to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let copied = std::fs::read_dir(input.path()).unwrap().count();
    for entry in std::fs::read_dir(input.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let own = if name.starts_with("plan.") {
            name.clone()
        } else {
            name.trim_end_matches(".docx").to_string()
        };
        let json = read_json(dir.path(), &format!("{own}.tables.json"));
        assert_eq!(json["source_file"], name.as_str(), "{own}");
    }
    assert_eq!(copied, 4, "{copied} files");
}
