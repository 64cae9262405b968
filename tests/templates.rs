//! Templates and macro-enabled files (`.dotx`, `.docm`, `.ott`, `.xltx`, `.xlsm`, `.ots`)
//! hold the same parts as the documents of their formats and are read as those: the
//! Växjö plan and its follow-up, saved in these kinds by LibreOffice
//! (fixtures/make/make_templates.py), give the records of fixtures/plans/truth.json.

mod common;

use common::*;
use serde_json::Value;

fn plans_truth() -> Value {
    let text = std::fs::read_to_string(root().join("fixtures/plans/truth.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The activity texts (and statuses) `file` gives.
fn read(file: &str) -> (Value, Vec<(String, Value)>) {
    let path = root().join("tests/data/templates").join(file);
    let dir = extract_ok(&[&path], &[]);
    let acts = read_json(dir.path(), "activities.json");
    let docs = read_json(dir.path(), "documents.json");
    let records = records_of(&acts, file)
        .iter()
        .map(|r| (norm(r["activity"].as_str().unwrap()), r["status"].clone()))
        .collect();
    (docs[0].clone(), records)
}

#[test]
fn word_and_writer_templates_read_as_documents() {
    let truth = plans_truth();
    let plan = &truth["plans"]["vaxjo-hbtq"];
    let expected: Vec<String> = plan["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| norm(a["text"].as_str().unwrap()))
        .collect();
    for (file, format) in [
        ("vaxjo-hbtq-plan-2021-2023.dotx", "docx"),
        ("vaxjo-hbtq-plan-2021-2023.docm", "docx"),
        ("vaxjo-hbtq-plan-2021-2023.ott", "odt"),
    ] {
        let (doc, records) = read(file);
        assert_eq!(doc["source_format"], format, "{file}");
        assert_eq!(doc["municipality"], plan["municipality"], "{file}");
        let got: Vec<String> = records.into_iter().map(|(text, _)| text).collect();
        assert_eq!(got, expected, "{file}");
    }
}

#[test]
fn excel_and_calc_templates_read_as_workbooks() {
    let truth = plans_truth();
    let report = &truth["reports"]["vaxjo-hbtq-uppfoljning-2022.xlsx"];
    let expected: Vec<(String, Value)> = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (norm(r["text"].as_str().unwrap()), r["status"].clone()))
        .collect();
    for (file, format) in [
        ("vaxjo-hbtq-uppfoljning-2022.xltx", "xlsx"),
        ("vaxjo-hbtq-uppfoljning-2022.xlsm", "xlsx"),
        ("vaxjo-hbtq-uppfoljning-2022.ots", "ods"),
    ] {
        let (doc, records) = read(file);
        assert_eq!(doc["source_format"], format, "{file}");
        assert_eq!(records, expected, "{file}");
    }
}
