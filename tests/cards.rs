//! Plans written as measure cards (no activity table) against their truth
//! (tests/data/truth-cards), in every format the fixture was made in: numbered headings
//! with key-value lines (fixtures/make/make_cards.py) and a designed programme of one
//! measure a page with a number badge and labelled fact boxes (make_programme.py).

mod common;

use common::{diff_document, diff_records, extract, read_json, records_of, root};
use serde_json::Value;

#[test]
fn measure_cards_yield_their_truth_in_every_format() {
    let truth_dir = root().join("tests/data/truth-cards");
    let (out, result) = extract(&[&root().join("fixtures/cards")], &[]);
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    let acts = read_json(out.path(), "activities.json");
    let docs = read_json(out.path(), "documents.json");
    let mut checked = 0;
    for entry in std::fs::read_dir(&truth_dir).unwrap() {
        let path = entry.unwrap().path();
        let truth: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        // The formats the plan was made in (`formats`), else Word, ODT, PDF and HTML.
        let formats: Vec<&str> = truth["formats"].as_array().map_or_else(
            || vec!["docx", "odt", "pdf", "html"],
            |f| f.iter().filter_map(Value::as_str).collect(),
        );
        for ext in formats {
            let file = format!("{stem}.{ext}");
            let got = records_of(&acts, &file);
            let mut diffs = diff_records(&got, truth["activities"].as_array().unwrap(), &[]);
            let doc = docs
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["source_file"] == file.as_str())
                .unwrap_or_else(|| panic!("{file} not in documents.json"));
            diffs.extend(diff_document(
                doc,
                &truth,
                &[
                    "municipality",
                    "municipality_code",
                    "country",
                    "language",
                    "document_title",
                ],
            ));
            assert!(diffs.is_empty(), "{file}:\n{}", diffs.join("\n"));
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} documents checked");
}
